"""Import taxes: VAT/GST rules with an explicit base (private)."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal

import attrs

from xborder._validate import (
    DecimalInput,
    flag,
    items_of,
    named_errors,
    non_negative,
    positive_count,
    text,
)
from xborder.customs._conversion import percent
from xborder.customs._convert import key_field
from xborder.customs._hs import HsCode, code_argument, hs_code
from xborder.customs._rounding import RoundingPolicy
from xborder.dated import Validity
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError

__all__ = ["Collection", "TaxBase", "TaxRule"]


class TaxBase(enum.StrEnum):
    """The parts a tax base can be built from.

    ``FREIGHT`` and ``INSURANCE`` count only what the base does not already
    hold: a CIF customs value includes them, so a base of
    ``{CUSTOMS_VALUE, FREIGHT}`` adds freight only in a FOB jurisdiction
    (Australia's value of the taxable importation adds international
    transport and insurance to a FOB customs value).

    Examples:
        >>> TaxBase.CUSTOMS_VALUE.value
        'customs value'
    """

    GOODS_VALUE = "goods value"
    """The intrinsic value: what was paid for the goods, nothing added."""
    CUSTOMS_VALUE = "customs value"
    """The value for duty (CIF or FOB by jurisdiction, plus additions)."""
    FREIGHT = "freight"
    """International freight to the border, if the base lacks it."""
    INSURANCE = "insurance"
    """Insurance to the border, if the base lacks it."""
    DUTY = "duty"
    """Customs duty (the base measure)."""
    ADDITIONAL_DUTIES = "additional duties"
    """Anti-dumping, countervailing, safeguard and retaliatory duties."""
    EXCISE = "excise"
    """Excise duties due at import."""
    ONWARD_TRANSPORT = "onward transport"
    """Transport and incidental costs after the border, to the first destination."""
    FEES = "fees"
    """Fees marked taxable (a fee's ``taxable`` flag)."""


class Collection(enum.StrEnum):
    """When a tax is collected.

    Examples:
        >>> Collection.POINT_OF_SALE.value
        'at the point of sale'
    """

    BORDER = "at the border"
    """Import tax, paid on clearance (by the importer, carrier or broker)."""
    POINT_OF_SALE = "at the point of sale"
    """Charged to the customer at checkout by a registered seller or marketplace."""


def _components(values: Iterable[TaxBase]) -> frozenset[TaxBase]:
    parts = items_of(values, field=None, expected="TaxBase members")
    for index, part in enumerate(parts):  # before hashing: a list would not hash
        if not isinstance(part, TaxBase):
            raise InvalidTypeError(field=f"[{index}]", value=part, expected="a TaxBase")
    return frozenset(parts)


def _tax_ids(values: Iterable[str]) -> tuple[str, ...]:
    ids = items_of(values, field=None, expected="tax rule ids")
    for index, id_ in enumerate(ids):
        try:
            text(id_)
        except XborderError as error:
            raise error.in_field(f"[{index}]") from None
    return ids


def _reduced(
    values: Mapping[str, DecimalInput]
    | Mapping[HsCode, DecimalInput]
    | Iterable[tuple[HsCode | str, DecimalInput]],
) -> tuple[tuple[HsCode, Decimal], ...]:
    expected = "a mapping of HS prefix to rate"
    if isinstance(values, Mapping):
        items = tuple(values.items())
    else:
        items = items_of(values, field=None, expected=expected)  # the stored pairs
        if not all(isinstance(i, tuple) and len(i) == 2 for i in items):  # noqa: PLR2004
            raise InvalidTypeError(field=None, value=values, expected=expected)
    pairs = []
    for index, (code, rate) in enumerate(items):
        try:
            pairs.append((hs_code(code), non_negative(rate)))
        except XborderError as error:
            raise error.in_field(key_field(code, index)) from None
    # Longest prefix first, so the most specific row is found first.
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0].digits)))


def _collection(value: Collection) -> Collection:
    if not isinstance(value, Collection):
        raise InvalidTypeError(field=None, value=value, expected="a Collection")
    return value


def _optional_policy(value: RoundingPolicy | None) -> RoundingPolicy | None:
    if value is not None and not isinstance(value, RoundingPolicy):
        raise InvalidTypeError(field=None, value=value, expected="a RoundingPolicy")
    return value


def _validity(value: Validity) -> Validity:
    if not isinstance(value, Validity):
        raise InvalidTypeError(field=None, value=value, expected="a Validity")
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class TaxRule:
    r"""An import tax (VAT, GST, consumption tax) with its base spelled out.

    $$\text{tax} = \frac{\text{rate}}{\text{divisor}} \times
      \sum_{c \in \text{base}} c \; + \sum_{t \in \text{on\_taxes}} t$$

    Args:
        id: A stable name for the audit trail and for other rules' ``on_taxes``.
        name: What the tax is called ("Import VAT (DE)").
        rate: The rate as a fraction (``"0.19"``).
        base: The components the tax is charged on.
        on_taxes: Ids of earlier rules whose amounts join the base (Japan's
            local consumption tax is charged on the national one).
        divisor: Divide ``rate`` by this: 22/78 is ``rate=22, divisor=78``,
            exact where a decimal rate cannot be.
        collection: At the border, or at the point of sale.
        rounding: How this tax rounds, if not the jurisdiction's default.
        reduced_rates: Rates for goods by HS prefix, where they differ from
            ``rate`` (books, food, children's clothes); the longest matching
            prefix wins.
        validity: When the rule applies, and its source.
        recoverable: Whether a registered business that pays the tax deducts
            it as input tax (import VAT and GST are; a sales tax without
            credits is not). ``False`` unless the rule says so, so a tax
            you add yourself never lowers the net landed cost until you
            mark it: the presets mark each VAT/GST with its source.

    Examples:
        >>> import datetime as dt
        >>> vat = TaxRule(
        ...     id="GB-VAT",
        ...     name="Import VAT (GB)",
        ...     rate="0.20",
        ...     base={TaxBase.CUSTOMS_VALUE, TaxBase.DUTY},
        ...     validity=Validity(
        ...         valid_from="2021-01-01", valid_to=None, source="https://www.gov.uk/vat-rates"
        ...     ),
        ... )
        >>> vat.describe()
        '20% of customs value + duty'
    """

    id: str = attrs.field(converter=text)
    name: str = attrs.field(converter=text)
    rate: Decimal = attrs.field(converter=non_negative)
    base: frozenset[TaxBase] = attrs.field(converter=_components)
    validity: Validity = attrs.field(converter=_validity)
    on_taxes: tuple[str, ...] = attrs.field(default=(), converter=_tax_ids)
    divisor: int = attrs.field(default=1, converter=positive_count)
    collection: Collection = attrs.field(
        default=Collection.BORDER, converter=_collection
    )
    rounding: RoundingPolicy | None = attrs.field(
        default=None, converter=_optional_policy
    )
    reduced_rates: tuple[tuple[HsCode, Decimal], ...] = attrs.field(
        factory=dict, converter=_reduced
    )
    recoverable: bool = attrs.field(default=False, converter=flag)

    def __attrs_post_init__(self) -> None:
        if not self.base and not self.on_taxes:
            raise InvalidInputError(
                field="base",
                value=self.base,
                expected="at least one component, or taxes in on_taxes",
            )
        if self.id in self.on_taxes:
            raise InvalidInputError(
                field="on_taxes", value=self.on_taxes, expected="other rules' ids"
            )

    def rate_for(self, code: HsCode) -> Decimal:
        """The rate for goods of ``code``: a reduced rate if one covers it."""
        code = code_argument(code)
        for prefix, rate in self.reduced_rates:
            if code.startswith(prefix):
                return rate
        return self.rate

    def describe(self) -> str:
        """The rule in words: ``20% of customs value + duty``."""
        rate = (
            percent(self.rate) if self.divisor == 1 else f"{self.rate:f}/{self.divisor}"
        )
        order = [part for part in TaxBase if part in self.base]
        parts = [str(part) for part in order] + list(self.on_taxes)
        return f"{rate} of {' + '.join(parts)}"
