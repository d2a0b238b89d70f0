r"""Marketplace referral fees: a percentage of the price, tiered, with a minimum.

A marketplace's commission is a percentage of the total sales price by
category. Schedules use two tier shapes, both needed: one rate for the whole
price chosen by price band (:attr:`TierMode.WHOLE`: Amazon US Beauty, 8% up
to \$10 and 15% above), or a rate per portion of the price
(:attr:`TierMode.MARGINAL`: Amazon US Electronics Accessories, 15% of the
portion up to \$100 and 8% of the rest). The fee is never less than a
per-item minimum where there is one, and is charged on the price with or
without VAT as the schedule says (:class:`VatBasis`).

Examples:
    >>> from xborder.money import Money, RoundingMode
    >>> electronics = ReferralFee(
    ...     category="Electronics Accessories",
    ...     bands=(
    ...         RateBand(rate="0.15", up_to=Money("100", "USD")),
    ...         RateBand(rate="0.08"),
    ...     ),
    ...     mode=TierMode.MARGINAL,
    ...     minimum=Money("0.30", "USD"),
    ...     basis=VatBasis.EXCLUSIVE,
    ... )
    >>> str(electronics.fee(Money("150.00", "USD")).quantize(RoundingMode.HALF_UP))
    '19.00 USD'
    >>> str(electronics.fee(Money("1.50", "USD")))
    '0.30 USD'
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

import attrs

from xborder._exact import DIVISION, EXACT
from xborder._guard import guard_public
from xborder._ops import DECIMALS, Ops, Piece, check_engine
from xborder._validate import (
    DecimalInput,
    named_errors,
    require,
    text,
    to_decimal,
    tuple_of,
)
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.money import Currency, Money
from xborder.money.converters import exact_money
from xborder.pricing._common import (
    optional_money,
    percent,
    rate_fraction,
    same_currency,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

V = TypeVar("V")
C = TypeVar("C")

__all__ = ["RateBand", "ReferralFee", "TierMode", "VatBasis"]


class VatBasis(enum.StrEnum):
    """Whether a fee is charged on the price including VAT or excluding it.

    Amazon's EU stores charge the referral fee on the total sales price
    *including* VAT (sellercentral.amazon.de help 200336920: "inklusive aller
    Steuern"); Amazon US charges it on the total sales price *excluding* the
    taxes Amazon collects (sellercentral help "How are referral fees
    calculated?"). Where the consumer price has no VAT in it, both read the
    same price.

    Examples:
        >>> VatBasis("inclusive") is VatBasis.INCLUSIVE
        True
    """

    INCLUSIVE = "inclusive"
    """The fee is a percentage of the price the buyer pays, VAT included."""
    EXCLUSIVE = "exclusive"
    """The fee is a percentage of the price net of VAT."""


class TierMode(enum.StrEnum):
    """How tiered referral percentages apply to a price.

    Both shapes appear in one marketplace's schedule, so both are needed.

    Examples:
        >>> from xborder.money import Money
        >>> bands = (
        ...     RateBand(rate="0.15", up_to=Money("100", "USD")),
        ...     RateBand(rate="0.08"),
        ... )
        >>> for mode in TierMode:
        ...     fee = ReferralFee(category="x", bands=bands, mode=mode,
        ...                       basis=VatBasis.EXCLUSIVE)
        ...     print(mode, fee.fee(Money("150", "USD")))
        whole 12.00 USD
        marginal 19.00 USD
    """

    WHOLE = "whole"
    """One rate for the whole price, chosen by the band the price falls in
    (Amazon US Beauty: 8% when the total is \\$10.00 or less, 15% above). The
    fee jumps at a band edge: \\$0.80 at \\$10.00, \\$1.50 at \\$10.01."""
    MARGINAL = "marginal"
    """Each portion of the price at its band's rate, like income tax brackets
    (Amazon EU Car & Motorbike 2021: 15.45% of the first €50, 9.27% of the
    rest). The fee is continuous."""


def _base(value: DecimalInput) -> Decimal:
    """A base amount given to a public method: a number >= 0 within range."""
    base = to_decimal(value, field="base")
    if base < 0:  # the minimum would be charged on a refund
        raise InvalidInputError(field="base", value=value, expected="an amount >= 0")
    return base


def _basis(value: VatBasis) -> VatBasis:
    if not isinstance(value, VatBasis):
        raise InvalidTypeError(field=None, value=value, expected="a VatBasis")
    return value


def _mode(value: TierMode) -> TierMode:
    if not isinstance(value, TierMode):
        raise InvalidTypeError(field=None, value=value, expected="a TierMode")
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class RateBand:
    r"""One band of a referral fee: ``rate`` up to and including ``up_to``.

    A band may add a ``fixed`` amount per item when the base falls in it:
    Mercado Livre Brasil charges its percentage plus a fixed cost per unit
    sold below R\$79 (R\$6.25 from R\$12.51 to R\$29.00, R\$6.50 to R\$50.00,
    R\$6.75 to R\$78.99; at most half the price up to R\$12.50), none above.
    The fee jumps at such a band's edge whatever the :class:`TierMode`.

    Args:
        rate: The percentage as a fraction (``"0.15"``).
        up_to: The band's upper edge, inclusive ("a total sales price of
            \$10.00 or less"); ``None`` for the last, open-ended band.
        fixed: An amount >= 0 added to the fee per item in this band, or
            ``None`` (no fixed amount).

    Examples:
        >>> from xborder.money import Money
        >>> band = RateBand(rate="0.08", up_to=Money("10.00", "USD"))
        >>> band.rate, str(band.up_to)
        (Decimal('0.08'), '10.00 USD')
        >>> low = RateBand(rate="0.14", up_to=Money("29.00", "BRL"),
        ...                fixed=Money("6.25", "BRL"))
        >>> str(low.fixed)
        '6.25 BRL'
    """

    rate: Decimal = attrs.field(converter=rate_fraction)
    up_to: Money | None = attrs.field(default=None, converter=optional_money)
    fixed: Money | None = attrs.field(default=None, converter=optional_money)

    @property
    def fixed_amount(self) -> Decimal:
        """The fixed amount per item as a Decimal, 0 without one.

        Examples:
            >>> RateBand(rate="0.1").fixed_amount
            Decimal('0')
        """
        return Decimal(0) if self.fixed is None else self.fixed.amount


def _bands(values: Iterable[RateBand]) -> tuple[RateBand, ...]:
    return tuple_of(values, RateBand)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class ReferralFee:
    r"""A marketplace referral fee: a percentage of the price, tiered, with a minimum.

    The fee on a base price $b$ (the total sales price with or without VAT,
    per :attr:`basis`) is

    $$\text{fee}(b) = \min\Bigl(\text{maximum},\ \max\bigl(\text{minimum},\
    \text{tiered}(b)\bigr)\Bigr)$$

    where $\text{tiered}(b) = r_k\,b$ for the band $k$ holding $b$
    (:attr:`TierMode.WHOLE`), or $\sum_i r_i \cdot |\text{portion of } b
    \text{ in band } i|$ (:attr:`TierMode.MARGINAL`). Below the kink
    $b = \text{minimum}/r_1$ (\$0.30 / 15% = \$2.00) the fee is flat.

    Source: Amazon Seller Central, "How are referral fees calculated?" (the
    greater of the percentage and the per-item minimum, on the total sales
    price including shipping and gift wrap, excluding taxes Amazon collects
    in the US); the tier shapes are from Amazon's category fee tables.

    Args:
        category: The fee category the rate belongs to.
        bands: Rate bands in ascending order of ``up_to``; the last has
            ``up_to=None``. One band is a flat percentage.
        mode: How tiers apply (:class:`TierMode`); irrelevant for one band.
        minimum: The per-item minimum fee, or ``None``.
        maximum: The per-item cap, or ``None`` (eBay UK private sellers: 10%
            of the total, at most £250 per item); at or above ``minimum``.
        basis: Whether the percentage is of the price with or without VAT.

    Raises:
        InvalidInputError: No bands, edges not ascending, a closed last band
            or an open band before the last, a maximum below the minimum.
        CurrencyMismatchError: Band edges, minimum and maximum in different
            currencies.

    Examples:
        >>> beauty = ReferralFee(
        ...     category="Beauty",
        ...     bands=(
        ...         RateBand(rate="0.08", up_to=Money("10.00", "USD")),
        ...         RateBand(rate="0.15"),
        ...     ),
        ...     mode=TierMode.WHOLE,
        ...     basis=VatBasis.EXCLUSIVE,
        ... )
        >>> str(beauty.fee(Money("10.00", "USD")))
        '0.8000 USD'
        >>> str(beauty.fee(Money("10.01", "USD")))
        '1.5015 USD'
    """

    category: str = attrs.field(converter=text)
    bands: tuple[RateBand, ...] = attrs.field(converter=_bands)
    basis: VatBasis = attrs.field(converter=_basis)
    mode: TierMode = attrs.field(default=TierMode.WHOLE, converter=_mode)
    minimum: Money | None = attrs.field(default=None, converter=optional_money)
    maximum: Money | None = attrs.field(default=None, converter=optional_money)
    description: str = attrs.field(init=False, eq=False, repr=False)
    _pieces: tuple[tuple[Decimal, Decimal | None, Decimal, Decimal], ...] = attrs.field(
        init=False, eq=False, repr=False
    )
    _bands: tuple[Piece, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        require(
            bool(self.bands),
            field="bands",
            value=self.bands,
            expected="at least one RateBand",
        )
        last = len(self.bands) - 1
        previous: Money | None = None
        for index, band in enumerate(self.bands):
            field = f"bands[{index}].up_to"
            if index == last:
                require(
                    band.up_to is None,
                    field=field,
                    value=band.up_to,
                    expected="None: the last band is open-ended",
                )
                continue
            require(
                band.up_to is not None,
                field=field,
                value=None,
                expected="an upper edge (only the last band is open-ended)",
            )
            if previous is not None and band.up_to is not None:
                same_currency(band.up_to, previous.currency, field)
                require(
                    band.up_to > previous,
                    field=field,
                    value=band.up_to,
                    expected=f"an edge above the previous one ({previous})",
                )
            previous = band.up_to
        self._check_fixed(previous)
        if self.minimum is not None and previous is not None:
            same_currency(self.minimum, previous.currency, "minimum")
        self._check_maximum(previous)
        object.__setattr__(self, "description", self._describe())
        object.__setattr__(self, "_bands", self._band_pieces())
        object.__setattr__(self, "_pieces", tuple(self._linear_pieces()))

    def _check_fixed(self, edge: Money | None) -> None:
        """Every band's fixed amount in one currency, that of the edges."""
        currency = None if edge is None else edge.currency
        for index, band in enumerate(self.bands):
            if band.fixed is None:
                continue
            if currency is None:
                currency = band.fixed.currency
            same_currency(band.fixed, currency, f"bands[{index}].fixed")

    @property
    def has_fixed(self) -> bool:
        """Whether any band adds a fixed amount (the fee then jumps at its edges).

        Examples:
            >>> ReferralFee.flat("0.15", basis=VatBasis.EXCLUSIVE).has_fixed
            False
        """
        return any(band.fixed is not None for band in self.bands)

    def _check_maximum(self, edge: Money | None) -> None:
        cap = self.maximum
        if cap is None:
            return
        for field, other in (("bands", edge), ("minimum", self.minimum)):
            if other is not None:
                same_currency(cap, other.currency, "maximum")
                if field == "minimum":
                    require(
                        cap >= other,
                        field="maximum",
                        value=cap,
                        expected=f"a cap at or above the minimum ({other})",
                    )

    @classmethod
    def flat(
        cls,
        rate: DecimalInput,
        *,
        basis: VatBasis,
        minimum: Money | None = None,
        maximum: Money | None = None,
        category: str = "all categories",
    ) -> ReferralFee:
        """A single percentage for every price, with an optional minimum.

        Examples:
            >>> fee = ReferralFee.flat("0.15", basis=VatBasis.EXCLUSIVE)
            >>> str(fee.fee(Money("40.00", "USD")))
            '6.0000 USD'
        """
        return cls(
            category=category,
            bands=(RateBand(rate=rate),),
            basis=basis,
            minimum=minimum,
            maximum=maximum,
        )

    @property
    def currency(self) -> Currency | None:
        """The currency of the band edges and minimum, if the fee has any."""
        for band in self.bands:
            if band.up_to is not None:
                return band.up_to.currency
        fixed = [band.fixed for band in self.bands if band.fixed is not None]
        for amount in (*fixed, self.minimum, self.maximum):
            if amount is not None:
                return amount.currency
        return None

    def fee(self, base: Money) -> Money:
        """The fee on ``base`` (the price on this fee's :attr:`basis`), unrounded."""
        if not isinstance(base, Money):
            raise InvalidTypeError(field="base", value=base, expected="Money")
        if base.is_negative():  # the minimum would be charged on a refund
            raise InvalidInputError(field="base", value=base, expected="a price >= 0")
        currency = self.currency
        if currency is not None:
            same_currency(base, currency, "base")
        return exact_money(self._amount(base.amount), base.currency)

    def amount(self, base: DecimalInput) -> Decimal:
        """The fee on a base amount >= 0, as an unrounded Decimal.

        Examples:
            >>> fee = ReferralFee.flat(
            ...     "0.15", basis=VatBasis.EXCLUSIVE, minimum=Money("0.30", "USD")
            ... )
            >>> fee.amount(Decimal("40.00")), fee.amount("1.00")
            (Decimal('6.0000'), Decimal('0.30'))
        """
        return self._amount(_base(base))

    def _amount(self, base: Decimal) -> Decimal:
        # The waterfall's hot path: ``base`` is a price it has checked.
        return self._amount_of(DECIMALS, base)

    def amount_of(self, ops: Ops[V, C], base: V | Decimal) -> V:
        """The fee on ``base`` in any engine: the band's rate, then the minimum.

        ``base`` is a Decimal for :data:`~xborder._ops.DECIMALS`, or a column
        when ``xborder.frames`` evaluates the same fee over a table.

        Examples:
            >>> from xborder._ops import DECIMALS
            >>> fee = ReferralFee.flat(
            ...     "0.15", basis=VatBasis.EXCLUSIVE, minimum=Money("0.30", "USD")
            ... )
            >>> fee.amount_of(DECIMALS, Decimal("40.00"))
            Decimal('6.0000')
        """
        check_engine(ops, ("base", base))
        return self._amount_of(ops, base)

    def _amount_of(self, ops: Ops[V, C], base: V | Decimal) -> V:
        fee = ops.piecewise(base, self._bands)
        if self.minimum is not None:
            fee = ops.maximum(fee, self.minimum.amount)
        if self.maximum is not None:  # the cap: the smaller of the fee and it
            cap = self.maximum.amount
            fee = ops.where(ops.greater(fee, cap), cap, fee)
        return fee

    def band_for(self, base: DecimalInput) -> RateBand:
        """The band holding ``base`` (edges belong to the band below them).

        Examples:
            >>> beauty = ReferralFee(
            ...     category="Beauty",
            ...     bands=(
            ...         RateBand(rate="0.08", up_to=Money("10.00", "USD")),
            ...         RateBand(rate="0.15"),
            ...     ),
            ...     basis=VatBasis.EXCLUSIVE,
            ... )
            >>> beauty.band_for("10.00").rate, beauty.band_for("10.01").rate
            (Decimal('0.08'), Decimal('0.15'))
        """
        return self._band_for(_base(base))

    def _band_for(self, base: Decimal) -> RateBand:
        for band in self.bands:
            if band.up_to is None or base <= band.up_to.amount:
                return band
        return self.bands[-1]  # pragma: no cover - the last band is open-ended

    def minimum_applies(self, base: DecimalInput) -> bool:
        """Whether the per-item minimum, not the percentage, sets the fee.

        Examples:
            >>> fee = ReferralFee.flat(
            ...     "0.15", basis=VatBasis.EXCLUSIVE, minimum=Money("0.30", "USD")
            ... )
            >>> fee.minimum_applies("1.99"), fee.minimum_applies("2.01")
            (True, False)
        """
        return self._minimum_applies(_base(base))

    def _minimum_applies(self, base: Decimal) -> bool:
        if self.minimum is None:
            return False
        return DECIMALS.piecewise(base, self._bands) < self.minimum.amount

    def maximum_applies(self, base: DecimalInput) -> bool:
        """Whether the per-item cap, not the percentage, sets the fee.

        Examples:
            >>> capped = ReferralFee.flat(
            ...     "0.10", basis=VatBasis.INCLUSIVE, maximum=Money("250.00", "GBP")
            ... )
            >>> capped.maximum_applies("2500.00"), capped.maximum_applies("2500.01")
            (False, True)
        """
        return self._maximum_applies(_base(base))

    def _maximum_applies(self, base: Decimal) -> bool:
        if self.maximum is None:
            return False
        # The cap is at or above the minimum: the percentage is past it.
        return DECIMALS.piecewise(base, self._bands) > self.maximum.amount

    def _band_pieces(self) -> tuple[Piece, ...]:
        """The tiered fee before the minimum: ``(edge, intercept, slope)`` per band.

        A band's rate applies to the whole base (:attr:`TierMode.WHOLE`), or
        to the portion above the band's lower edge on top of what the bands
        below charged in full (:attr:`TierMode.MARGINAL`); its fixed amount,
        if any, is added to either (never carried to the bands above).
        """
        pieces: list[Piece] = []
        lower = carried = Decimal(0)
        for band in self.bands:
            upper = None if band.up_to is None else band.up_to.amount
            intercept = band.fixed_amount
            if self.mode is TierMode.MARGINAL:
                below = EXACT.subtract(carried, EXACT.multiply(band.rate, lower))
                intercept = EXACT.add(intercept, below)
                if upper is not None:
                    span = EXACT.subtract(upper, lower)
                    carried = EXACT.add(carried, EXACT.multiply(band.rate, span))
            pieces.append((upper, intercept, band.rate))
            if upper is not None:
                lower = upper
        return tuple(pieces)

    def pieces(self) -> tuple[tuple[Decimal, Decimal | None, Decimal, Decimal], ...]:
        """The fee as linear pieces of the base: ``(low, high, intercept, slope)``.

        On ``[low, high]`` the fee is ``intercept + slope × base``; ``high``
        is ``None`` for the last piece. The solvers use these to solve each
        piece algebraically; the minimum's kink and every band edge start a
        new piece.

        Examples:
            >>> fee = ReferralFee.flat(
            ...     "0.15", basis=VatBasis.EXCLUSIVE, minimum=Money("0.30", "USD")
            ... )
            >>> for low, high, intercept, slope in fee.pieces():
            ...     print(low, high, intercept, slope)
            0 2 0.30 0
            2 None 0 0.15
        """
        return self._pieces

    def _linear_pieces(self) -> list[tuple[Decimal, Decimal | None, Decimal, Decimal]]:
        result: list[tuple[Decimal, Decimal | None, Decimal, Decimal]] = []
        lower = Decimal(0)
        for upper, intercept, rate in self._bands:
            for piece in self._with_minimum(lower, upper, intercept, rate):
                result.extend(self._with_maximum(*piece))
            if upper is not None:
                lower = upper
        return result

    def _with_maximum(
        self, lower: Decimal, upper: Decimal | None, intercept: Decimal, slope: Decimal
    ) -> list[tuple[Decimal, Decimal | None, Decimal, Decimal]]:
        """The piece with the cap's kink: flat at the cap once the fee reaches it."""
        cap = None if self.maximum is None else self.maximum.amount
        if cap is None:
            return [(lower, upper, intercept, slope)]
        at_low = EXACT.add(intercept, EXACT.multiply(slope, lower))
        if at_low >= cap:
            return [(lower, upper, cap, Decimal(0))]
        if slope <= 0:
            return [(lower, upper, intercept, slope)]
        crossing = DIVISION.divide(cap - intercept, slope)
        if upper is not None and crossing >= upper:
            return [(lower, upper, intercept, slope)]
        return [
            (lower, crossing, intercept, slope),
            (crossing, upper, cap, Decimal(0)),
        ]

    def _with_minimum(
        self, lower: Decimal, upper: Decimal | None, intercept: Decimal, slope: Decimal
    ) -> list[tuple[Decimal, Decimal | None, Decimal, Decimal]]:
        floor = None if self.minimum is None else self.minimum.amount
        if floor is None or not floor:
            return [(lower, upper, intercept, slope)]
        if not slope:
            return [(lower, upper, max(floor, intercept), Decimal(0))]
        crossing = DIVISION.divide(floor - intercept, slope)
        if crossing <= lower:
            return [(lower, upper, intercept, slope)]
        if upper is not None and crossing >= upper:
            return [(lower, upper, floor, Decimal(0))]
        return [
            (lower, crossing, floor, Decimal(0)),
            (crossing, upper, intercept, slope),
        ]

    def _describe(self) -> str:
        if len(self.bands) == 1:
            rule = _rate_text(self.bands[0])
        else:
            parts = []
            for band in self.bands:
                if band.up_to is None:
                    parts.append(f"{_rate_text(band)} above")
                else:
                    parts.append(f"{_rate_text(band)} up to {band.up_to.amount}")
            how = (
                "of the portion in each band"
                if self.mode is TierMode.MARGINAL
                else "of the whole price, by band"
            )
            rule = f"{', '.join(parts)} ({how})"
        if self.minimum is not None:
            rule += f", minimum {self.minimum}"
        if self.maximum is not None:
            rule += f", capped at {self.maximum}"
        vat = "including" if self.basis is VatBasis.INCLUSIVE else "excluding"
        return f"{self.category}: {rule}; on the price {vat} VAT"


def _rate_text(band: RateBand) -> str:
    """A band's rate in words, with its fixed amount: "14% + 6.25"."""
    if band.fixed is None:
        return percent(band.rate)
    return f"{percent(band.rate)} + {band.fixed.amount}"


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
