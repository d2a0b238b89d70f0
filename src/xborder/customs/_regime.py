"""A jurisdiction's import rules, assembled for one period (private)."""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING

import attrs

from xborder._country import country_code
from xborder._validate import flag, items_of, named_errors, text, tuple_of
from xborder.customs._convert import validity_value
from xborder.customs._fee import Fee
from xborder.customs._rounding import RoundingPolicy
from xborder.customs._scheme import PointOfSaleScheme
from xborder.customs._tariff import Tariff
from xborder.customs._tax import Collection, TaxRule
from xborder.customs._threshold import Threshold
from xborder.dated import Validity
from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    RuleNotApplicableError,
    XborderError,
)
from xborder.money import Currency, Money, RoundingMode
from xborder.money.converters import to_currency

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = ["Regime", "Valuation"]


class Valuation(enum.StrEnum):
    """Whether the customs value includes transport and insurance to the border.

    Examples:
        >>> Valuation.FOB.value
        'FOB'
    """

    CIF = "CIF"
    """Cost, insurance and freight to the border are all dutiable (EU, GB, JP)."""
    FOB = "FOB"
    """International freight and insurance are left out (US, CA, AU)."""


def _valuation(value: Valuation) -> Valuation:
    if not isinstance(value, Valuation):
        raise InvalidTypeError(field=None, value=value, expected="a Valuation")
    return value


def _taxes(values: Iterable[TaxRule]) -> tuple[TaxRule, ...]:
    return tuple_of(values, TaxRule)


def _thresholds(values: Iterable[Threshold]) -> tuple[Threshold, ...]:
    return tuple_of(values, Threshold)


def _schemes(values: Iterable[PointOfSaleScheme]) -> tuple[PointOfSaleScheme, ...]:
    return tuple_of(values, PointOfSaleScheme)


def _fees(values: Iterable[Fee]) -> tuple[Fee, ...]:
    return tuple_of(values, Fee)


def _tariff(value: Tariff) -> Tariff:
    if not isinstance(value, Tariff):
        raise InvalidTypeError(field=None, value=value, expected="a Tariff")
    return value


def _policy(value: RoundingPolicy) -> RoundingPolicy:
    if not isinstance(value, RoundingPolicy):
        raise InvalidTypeError(field=None, value=value, expected="a RoundingPolicy")
    return value


def _mode(value: RoundingMode) -> RoundingMode:
    if not isinstance(value, RoundingMode):
        raise InvalidTypeError(field=None, value=value, expected="a RoundingMode")
    return value


def _notes(values: Iterable[str]) -> tuple[str, ...]:
    notes = items_of(values, field=None, expected="a tuple of str")
    for index, note in enumerate(notes):
        try:
            text(note)
        except XborderError as error:
            raise error.in_field(f"[{index}]") from None
    return notes


_HALF_UP = RoundingPolicy(mode=RoundingMode.HALF_UP)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Regime:
    """The import rules of one destination, for one period.

    A regime says how goods are valued (CIF or FOB), which import taxes are
    due and on what base, which de minimis thresholds waive duty, tax or
    fees, which point-of-sale schemes move the tax to checkout, which
    government fees an entry pays, how figures are rounded, and the tariff
    (your duty rates, since rates are your data). Presets for GB, the EU
    member states, US, CA, AU and JP come from :mod:`xborder.customs.presets`;
    build your own for any other destination.

    Every rule carries its own validity and source; a landed cost refuses a
    rule that is not in force on its ``as_of`` unless the caller opts in.

    Args:
        country: The ISO 3166-1 alpha-2 country of import.
        name: A label ("Germany (EU), from 2026-07-01").
        currency: The currency duties and taxes are assessed in.
        valuation: CIF or FOB.
        validity: The period the assembled rules hold together, and the
            main source.
        taxes: Import taxes collected at the border, in the order they are
            computed (a rule may build on earlier ones).
        thresholds: De minimis rules.
        schemes: Point-of-sale collection schemes.
        fees: Government fees on the entry.
        tariff: Your duty measures for this destination.
        rounding: How duty, fees and (unless a rule says otherwise) taxes
            are rounded.
        fx_rounding: How converted amounts are rounded to the currency's
            minor unit.
        notes: Facts a user must know (a suspended relief, an unsourced gap).

    Examples:
        >>> import datetime as dt
        >>> from xborder.customs import TaxBase, TaxRule
        >>> always = Validity(valid_from="2026-01-01", valid_to=None, source="my notes")
        >>> regime = Regime(
        ...     country="NO",
        ...     name="Norway (my own rules: check the rate)",
        ...     currency="NOK",
        ...     valuation=Valuation.CIF,
        ...     validity=always,
        ...     taxes=[
        ...         TaxRule(id="NO-VAT", name="VAT 25%", rate="0.25",
        ...                 base={TaxBase.CUSTOMS_VALUE, TaxBase.DUTY}, validity=always)
        ...     ],
        ... )
        >>> regime.check_in_force(dt.date(2026, 9, 1))
        ()
        >>> regime.check_in_force(dt.date(2025, 1, 1))
        Traceback (most recent call last):
        ...
        xborder.errors.RuleNotApplicableError: as_of: expected a day every rule ...
    """

    country: str = attrs.field(converter=country_code)
    name: str = attrs.field(converter=text)
    currency: Currency = attrs.field(converter=to_currency)
    valuation: Valuation = attrs.field(converter=_valuation)
    validity: Validity = attrs.field(converter=validity_value)
    taxes: tuple[TaxRule, ...] = attrs.field(default=(), converter=_taxes)
    thresholds: tuple[Threshold, ...] = attrs.field(default=(), converter=_thresholds)
    schemes: tuple[PointOfSaleScheme, ...] = attrs.field(default=(), converter=_schemes)
    fees: tuple[Fee, ...] = attrs.field(default=(), converter=_fees)
    tariff: Tariff = attrs.field(factory=Tariff, converter=_tariff)
    rounding: RoundingPolicy = attrs.field(default=_HALF_UP, converter=_policy)
    fx_rounding: RoundingMode = attrs.field(
        default=RoundingMode.HALF_UP, converter=_mode
    )
    notes: tuple[str, ...] = attrs.field(default=(), converter=_notes)
    # Windows checked so far: a memo, invisible from outside (the regime is
    # frozen), as every landed cost checks every rule's window.
    _checked: dict[dt.date, tuple[str, ...]] = attrs.field(
        init=False, repr=False, eq=False, hash=False, factory=dict
    )

    def __attrs_post_init__(self) -> None:
        self._check_taxes()
        self._check_unique_ids()
        self._check_rounding()
        for field, money in self._amounts():
            if money.currency != self.currency:
                raise CurrencyMismatchError(
                    "state regime amounts in the regime's currency",
                    field=field,
                    value=money,
                    expected=f"an amount in {self.currency.code}",
                )

    def _check_taxes(self) -> None:
        seen: set[str] = set()
        for index, rule in enumerate(self.taxes):
            if rule.collection is not Collection.BORDER:
                raise InvalidInputError(
                    "point-of-sale taxes belong to a PointOfSaleScheme",
                    field=f"taxes[{index}].collection",
                    value=rule.collection,
                    expected="a tax collected at the border",
                )
            missing = [tax for tax in rule.on_taxes if tax not in seen]
            if missing:
                raise InvalidInputError(
                    field=f"taxes[{index}].on_taxes",
                    value=missing,
                    expected="ids of taxes listed before this one",
                )
            if rule.id in seen:
                raise InvalidInputError(
                    field=f"taxes[{index}].id", value=rule.id, expected="a unique id"
                )
            seen.add(rule.id)

    def _check_unique_ids(self) -> None:
        # Decisions, figures and warnings name rules by id: two thresholds
        # (or schemes, or fees) sharing one would make the audit ambiguous.
        for kind, ids in (
            ("thresholds", [rule.id for rule in self.thresholds]),
            ("schemes", [rule.id for rule in self.schemes]),
            ("fees", [rule.id for rule in self.fees]),
        ):
            seen: set[str] = set()
            for index, id_ in enumerate(ids):
                if id_ in seen:
                    raise InvalidInputError(
                        field=f"{kind}[{index}].id",
                        value=id_,
                        expected="a unique id",
                    )
                seen.add(id_)

    def _check_rounding(self) -> None:
        # Steps finer than the minor unit are unpayable: refused here, where
        # the currency is known, naming the policy that holds them.
        self.rounding.check_payable_in(self.currency)  # names rounding.step
        owners = [(f"taxes[{index}]", rule) for index, rule in enumerate(self.taxes)]
        owners += [
            (f"schemes[{index}].tax", scheme.tax)
            for index, scheme in enumerate(self.schemes)
        ]
        for owner, rule in owners:
            if rule.rounding is None:
                continue
            try:
                rule.rounding.check_payable_in(self.currency)
            except XborderError as error:
                raise error.in_field(owner) from None

    def _amounts(self) -> Iterator[tuple[str, Money]]:
        for index, threshold in enumerate(self.thresholds):
            yield f"thresholds[{index}].amount", threshold.amount
        for index, scheme in enumerate(self.schemes):
            yield f"schemes[{index}].threshold", scheme.threshold
        for index, fee in enumerate(self.fees):
            for name in ("amount", "minimum", "maximum", "above", "at_or_below"):
                money = getattr(fee, name)
                if money is not None:
                    yield f"fees[{index}].{name}", money

    def dated_rules(self) -> Iterator[tuple[str, Validity]]:
        """Every dated part with a label: regime, taxes, thresholds, schemes, fees."""
        yield f"regime {self.name}", self.validity
        for rule in self.taxes:
            yield f"tax {rule.id}", rule.validity
        for threshold in self.thresholds:
            yield f"threshold {threshold.id}", threshold.validity
        for scheme in self.schemes:
            yield f"scheme {scheme.id}", scheme.validity
            yield f"tax {scheme.tax.id}", scheme.tax.validity
        for fee in self.fees:
            yield f"fee {fee.id}", fee.validity

    def out_of_window(self, as_of: dt.date) -> tuple[str, ...]:
        """Labels of the rules not in force on ``as_of`` (empty when all are)."""
        # Checked before the memo look-up: a list would not hash, sNaN neither.
        if type(as_of) is not dt.date:
            _check_day(as_of)
        found = self._checked.get(as_of)
        if found is None:
            found = self._checked[as_of] = tuple(
                f"{label}: {validity.describe()}"
                for label, validity in self.dated_rules()
                if not validity.covers(as_of)
            )
        return found

    def check_in_force(
        self, as_of: dt.date, *, allow_out_of_window: bool = False
    ) -> tuple[str, ...]:
        """Refuse the regime if a rule is not in force on ``as_of``.

        Returns:
            The rules out of their window (empty unless the caller opted in).

        Raises:
            RuleNotApplicableError: Some rule is out of its window and
                ``allow_out_of_window`` is false.
        """
        try:
            flag(allow_out_of_window)
        except XborderError as error:
            raise error.in_field("allow_out_of_window") from None
        stale = self.out_of_window(as_of)
        if stale and not allow_out_of_window:
            raise RuleNotApplicableError(
                "pass allow_out_of_window=True to use them anyway",
                field="as_of",
                value=as_of,
                expected=f"a day every rule is in force ({'; '.join(stale)})",
            )
        return stale

    @property
    def sources(self) -> tuple[str, ...]:
        """Every distinct source the regime's rules cite, in order."""
        return tuple(dict.fromkeys(v.source for _, v in self.dated_rules()))

    def with_tariff(self, tariff: Tariff) -> Regime:
        """The same rules with your tariff."""
        return attrs.evolve(self, tariff=tariff)

    def with_rounding(self, mode: RoundingMode) -> Regime:
        """The same rules rounding every figure with ``mode`` (steps kept).

        To change the duty's rounding alone, see :meth:`with_duty_rounding`.
        """
        if not isinstance(mode, RoundingMode):
            raise InvalidTypeError(field="mode", value=mode, expected="a RoundingMode")
        return attrs.evolve(
            self,
            rounding=self.rounding.with_mode(mode),
            taxes=tuple(_taxed(rule, mode) for rule in self.taxes),
            schemes=tuple(
                attrs.evolve(scheme, tax=_taxed(scheme.tax, mode))
                for scheme in self.schemes
            ),
        )

    def with_duty_rounding(self, mode: RoundingMode) -> Regime:
        """The same rules rounding duties and fees with ``mode``; taxes as before.

        Administrations may round duty and VAT differently, so a published
        example can truncate the duty and still round the VAT its own way.
        Each tax that followed the regime's rounding keeps it, written on the
        rule (:attr:`TaxRule.rounding`); a tax with its own rounding keeps
        that; the regime's steps are kept.

        Examples:
            >>> import datetime as dt
            >>> from xborder.customs import presets
            >>> gb = presets.regime("GB", as_of=dt.date(2026, 9, 1))
            >>> down = gb.with_duty_rounding(RoundingMode.DOWN)
            >>> down.rounding.mode.name, down.taxes[0].rounding.mode.name
            ('DOWN', 'HALF_UP')
        """
        if not isinstance(mode, RoundingMode):
            raise InvalidTypeError(field="mode", value=mode, expected="a RoundingMode")
        kept = self.rounding
        return attrs.evolve(
            self,
            rounding=kept.with_mode(mode),
            taxes=tuple(_kept(rule, kept) for rule in self.taxes),
            schemes=tuple(
                attrs.evolve(scheme, tax=_kept(scheme.tax, kept))
                for scheme in self.schemes
            ),
        )


def _check_day(as_of: object) -> None:
    # A datetime is a date, but comparing it with a rule's dates raises.
    if isinstance(as_of, dt.datetime) or not isinstance(as_of, dt.date):
        raise InvalidTypeError(field="as_of", value=as_of, expected="a date")


def _kept(rule: TaxRule, policy: RoundingPolicy) -> TaxRule:
    # A rule without its own rounding followed the regime's: write it down.
    return rule if rule.rounding is not None else attrs.evolve(rule, rounding=policy)


def _taxed(rule: TaxRule, mode: RoundingMode) -> TaxRule:
    if rule.rounding is None:
        return rule
    return attrs.evolve(rule, rounding=rule.rounding.with_mode(mode))
