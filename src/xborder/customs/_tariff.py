"""A user's tariff: duty measures by HS code and origin (private).

Tariff rates change weekly and run to tens of thousands of lines, so xborder
ships none: the seller supplies the measures for its own codes, from the
destination's tariff (the UK Trade Tariff, the EU's TARIC, the US HTS), each
with its source. A measure is one row of such a tariff: a duty expression on
an HS code (or prefix), for some origins, of one kind.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING

import attrs

from xborder._country import country_code
from xborder._validate import flag, named_errors, optional_text, tuple_of
from xborder.customs._convert import country_set, trusted_init
from xborder.customs._duty import FlatPerTariffLine
from xborder.customs._expression import DutyExpression, duty_expression
from xborder.customs._hs import HsCode, code_argument, hs_code
from xborder.dated import Validity
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["MeasureKind", "Tariff", "TariffMatch", "TariffMeasure"]


class MeasureKind(enum.StrEnum):
    """What a tariff measure is, which decides how it combines with others.

    A line pays one *base* duty (the third-country rate, replaced by a
    preferential rate when the line claims the preference), plus every
    additional duty and excise measure that matches it.

    Examples:
        >>> MeasureKind.ANTI_DUMPING.additional, MeasureKind.PREFERENCE.additional
        (True, False)
    """

    THIRD_COUNTRY = "third-country duty"
    """The MFN ("erga omnes") rate: the default for any origin."""
    PREFERENCE = "tariff preference"
    """A preferential (FTA) rate: used only when the line claims it."""
    ANTI_DUMPING = "anti-dumping duty"
    """An additional duty on dumped goods of named origins."""
    COUNTERVAILING = "countervailing duty"
    """An additional duty offsetting a foreign subsidy."""
    SAFEGUARD = "safeguard duty"
    """An additional duty protecting a domestic industry, any origin."""
    RETALIATORY = "retaliatory duty"
    """An additional duty on named origins (US Section 301, IEEPA layers)."""
    EXCISE = "excise"
    """An excise duty on the goods (alcohol, tobacco, energy), due at import."""

    @property
    def additional(self) -> bool:
        """Whether the measure adds to the base duty."""
        return self in _ADDITIONAL


_ADDITIONAL = frozenset(
    {
        MeasureKind.ANTI_DUMPING,
        MeasureKind.COUNTERVAILING,
        MeasureKind.SAFEGUARD,
        MeasureKind.RETALIATORY,
    }
)


def _origins(values: Iterable[str] | None) -> frozenset[str] | None:
    return country_set(values)  # an empty set would cover no origin at all


def _optional_validity(value: Validity | None) -> Validity | None:
    if value is not None and not isinstance(value, Validity):
        raise InvalidTypeError(field=None, value=value, expected="a Validity")
    return value


def _kind(value: MeasureKind) -> MeasureKind:
    if not isinstance(value, MeasureKind):
        raise InvalidTypeError(field=None, value=value, expected="a MeasureKind")
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class TariffMeasure:
    """One tariff row: a duty on an HS code (or prefix) for some origins.

    Args:
        hs_code: The code or prefix covered (``"3926"`` covers ``"39269097"``).
        duty: The duty expression.
        kind: Base (third-country or preference), additional, or excise.
        origins: Countries of origin it applies to; ``None`` means all.
        preference: For a preference, the claim a line must make to use it
            (``"UK-JP CEPA"``); the claim needs proof of origin.
        source: Where the rate was read (tariff URL, measure id).
        validity: When the measure applies; ``None`` for undated rows.
        note: Anything the user must know.

    Examples:
        >>> from xborder.customs import AdValorem
        >>> mfn = TariffMeasure(hs_code="3926.90.97", duty=AdValorem("0.065"))
        >>> mfn.kind
        <MeasureKind.THIRD_COUNTRY: 'third-country duty'>
    """

    hs_code: HsCode = attrs.field(converter=hs_code)
    duty: DutyExpression = attrs.field(converter=duty_expression)
    kind: MeasureKind = attrs.field(default=MeasureKind.THIRD_COUNTRY, converter=_kind)
    origins: frozenset[str] | None = attrs.field(default=None, converter=_origins)
    preference: str | None = attrs.field(default=None, converter=optional_text)
    source: str | None = attrs.field(default=None, converter=optional_text)
    validity: Validity | None = attrs.field(default=None, converter=_optional_validity)
    note: str | None = attrs.field(default=None, converter=optional_text)

    def __attrs_post_init__(self) -> None:
        is_preference = self.kind is MeasureKind.PREFERENCE
        if is_preference != (self.preference is not None):
            raise InvalidInputError(
                field="preference",
                value=self.preference,
                expected="a claim name exactly when kind is PREFERENCE",
            )
        if isinstance(self.duty, FlatPerTariffLine) and self.kind.additional:
            raise InvalidInputError(
                field="duty",
                value=self.duty,
                expected="a per-line duty for an additional measure",
            )

    def covers(self, code: HsCode, origin: str, as_of: dt.date) -> bool:
        """Whether the measure applies to a line of ``code`` from ``origin``."""
        code = code_argument(code)
        _check_match_arguments(origin, None, as_of)
        return (
            code.startswith(self.hs_code)
            and (self.origins is None or origin in self.origins)
            and (self.validity is None or self.validity.covers(as_of))
        )

    def label(self) -> str:
        """A short name for the audit trail: ``third-country duty 3926.90.97``."""
        name = self.preference or str(self.kind)
        return f"{name} {self.hs_code}"


def _measure(value: TariffMeasure) -> TariffMeasure:
    if not isinstance(value, TariffMeasure):
        raise InvalidTypeError(field=None, value=value, expected="a TariffMeasure")
    return value


def _measures(values: Iterable[TariffMeasure]) -> tuple[TariffMeasure, ...]:
    return tuple_of(values, TariffMeasure)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class TariffMatch:
    """The measures that apply to one line.

    Args:
        base: The base duty measure (third-country, or the claimed preference).
        additional: Anti-dumping, countervailing, safeguard and retaliatory
            measures, in tariff order.
        excise: Excise measures, in tariff order.
        preference_missing: The line claimed a preference the tariff does not
            list for its code and origin (the base is then third-country).

    Examples:
        >>> import datetime as dt
        >>> from xborder.customs import AdValorem
        >>> row = TariffMeasure(hs_code="3926", duty=AdValorem("0.065"))
        >>> tariff = Tariff(measures=[row])
        >>> match = tariff.match(HsCode("392690"), "CN", None, dt.date(2026, 9, 1))
        >>> str(match.base.duty), match.additional, match.preference_missing
        ('6.5%', (), False)
    """

    base: TariffMeasure = attrs.field(converter=_measure)
    additional: tuple[TariffMeasure, ...] = attrs.field(converter=_measures)
    excise: tuple[TariffMeasure, ...] = attrs.field(converter=_measures)
    preference_missing: bool = attrs.field(default=False, converter=flag)


_matched = trusted_init(
    TariffMatch, ("base", "additional", "excise", "preference_missing")
)
"""``TariffMatch(...)`` from the tariff's own rows (each fresh code builds one)."""


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Tariff:
    """A seller's tariff for one destination: the measures for its own codes.

    Args:
        measures: The rows, in any order.
        name: What the tariff is ("UK Global Tariff, checked 2026-11-02").

    Examples:
        >>> from xborder.customs import AdValorem
        >>> tariff = Tariff(
        ...     measures=[
        ...         TariffMeasure(hs_code="3926", duty=AdValorem("0.065")),
        ...         TariffMeasure(
        ...             hs_code="3926.90.97",
        ...             duty=AdValorem("0.25"),
        ...             kind=MeasureKind.RETALIATORY,
        ...             origins=["CN"],
        ...         ),
        ...     ]
        ... )
        >>> import datetime as dt
        >>> match = tariff.match(HsCode("39269097"), "CN", None, dt.date(2026, 11, 2))
        >>> str(match.base.duty), [str(m.duty) for m in match.additional]
        ('6.5%', ['25%'])
    """

    measures: tuple[TariffMeasure, ...] = attrs.field(default=(), converter=_measures)
    name: str | None = attrs.field(default=None, converter=optional_text)
    # The rows' positions by their code: derived from ``measures`` (rebuilt by
    # __init__, left out of equality, hashing and serialised data), so a line
    # reads the rows on its code's prefixes, not every row of the tariff.
    _by_code: dict[str, tuple[int, ...]] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )
    # The code lengths the rows use, shortest first: the prefixes to look up.
    _lengths: tuple[int, ...] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )
    # Matches found so far: a memo, invisible from outside (the tariff is
    # frozen), so a repeated code costs a dict look-up.
    _memo: dict[tuple[str, str, str | None, dt.date], TariffMatch | None] = attrs.field(
        init=False, repr=False, eq=False, hash=False, factory=dict
    )

    def __attrs_post_init__(self) -> None:
        by_code: dict[str, list[int]] = {}
        for position, measure in enumerate(self.measures):
            by_code.setdefault(measure.hs_code.digits, []).append(position)
        object.__setattr__(
            self, "_by_code", {code: tuple(rows) for code, rows in by_code.items()}
        )
        object.__setattr__(self, "_lengths", tuple(sorted({len(c) for c in by_code})))

    def match(
        self, code: HsCode, origin: str, claim: str | None, as_of: dt.date
    ) -> TariffMatch | None:
        """The measures for a line, or ``None`` if no base duty covers it.

        The base duty is the covering third-country measure with the longest
        code (the most specific row); a claimed preference with a covering
        row replaces it. A look-up reads only the rows on the code's own
        prefixes (at most one per code length, 2 to 14 digits), so its cost
        does not grow with the size of the tariff.

        Raises:
            InvalidInputError: Two base rows of the same length cover the
                line (the tariff is ambiguous), or an argument is not a
                code, a country, a claim name or a date (named).
        """
        code = code_argument(code)
        if not (
            type(origin) is str
            and (claim is None or type(claim) is str)
            and type(as_of) is dt.date
        ):
            # Checked before the memo look-up: a list would not hash, sNaN neither.
            _check_match_arguments(origin, claim, as_of)
        key = (code.digits, origin, claim, as_of)
        try:
            return self._memo[key]  # a match may be None: one look-up either way
        except KeyError:
            pass  # matched below, outside the handler (no chained KeyError)
        _check_match_arguments(origin, claim, as_of)  # once per new key
        found = self._memo[key] = self._match(code, origin, claim, as_of)
        return found

    def _covering(
        self, code: HsCode, origin: str, as_of: dt.date
    ) -> list[TariffMeasure]:
        """The rows that cover a line, in tariff order (as a scan finds them)."""
        digits, by_code = code.digits, self._by_code
        positions = [
            position
            for length in self._lengths
            if length <= len(digits)
            for position in by_code.get(digits[:length], ())
        ]
        positions.sort()
        rows = [self.measures[position] for position in positions]
        return [
            m
            for m in rows
            if (m.origins is None or origin in m.origins)
            and (m.validity is None or m.validity.covers(as_of))
        ]

    def _match(
        self, code: HsCode, origin: str, claim: str | None, as_of: dt.date
    ) -> TariffMatch | None:
        covering = self._covering(code, origin, as_of)
        base = _most_specific(
            [m for m in covering if m.kind is MeasureKind.THIRD_COUNTRY], code
        )
        preference = None
        if claim is not None:
            preference = _most_specific(
                [
                    m
                    for m in covering
                    if m.kind is MeasureKind.PREFERENCE and m.preference == claim
                ],
                code,
            )
        chosen = preference or base
        if chosen is None:
            return None
        return _matched(
            chosen,
            tuple(m for m in covering if m.kind.additional),
            tuple(m for m in covering if m.kind is MeasureKind.EXCISE),
            claim is not None and preference is None,
        )


def _check_match_arguments(origin: str, claim: str | None, as_of: dt.date) -> None:
    try:
        country_code(origin)
    except XborderError as error:
        raise error.in_field("origin") from None
    if claim is not None and not isinstance(claim, str):
        raise InvalidTypeError(field="claim", value=claim, expected="a str or None")
    if isinstance(as_of, dt.datetime) or not isinstance(as_of, dt.date):
        raise InvalidTypeError(field="as_of", value=as_of, expected="a date")


def _most_specific(
    candidates: list[TariffMeasure], code: HsCode
) -> TariffMeasure | None:
    if not candidates:
        return None

    # The longest code wins; at equal length a row for named origins beats
    # the general row (an origin-specific base rate).
    def specificity(measure: TariffMeasure) -> tuple[int, bool]:
        return (len(measure.hs_code.digits), measure.origins is not None)

    top = max(specificity(m) for m in candidates)
    best = [m for m in candidates if specificity(m) == top]
    if len(best) > 1:
        raise InvalidInputError(
            "the tariff lists two rows for the same code",
            field="tariff.measures",
            value=[m.label() for m in best],
            expected=f"one base duty row for {code} at each code length",
        )
    return best[0]
