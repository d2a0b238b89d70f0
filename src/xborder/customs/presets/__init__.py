"""Dated, sourced import rules for GB, EU member states, US, CA, AU and JP.

Each preset assembles a :class:`~xborder.customs.Regime` from the rules in
force on ``as_of``: valuation basis, import tax and its base, de minimis
thresholds, point-of-sale schemes and government fees, each with its
validity window and source URL. A date outside the sourced windows is
refused unless the caller passes ``allow_out_of_window=True`` (the nearest
version is then used, and the landed cost lists it as out of window).

Tariff rates are not presets: add yours with :meth:`Regime.with_tariff
<xborder.customs.Regime.with_tariff>`.

=========== ==================================================================
Country     What the preset holds
=========== ==================================================================
``GB``      CIF; import VAT 20% on customs value + duty + incidental costs;
            £135 duty relief; VAT at sale for consignments ≤ £135
``DE`` ...  CIF; member-state VAT (DE 19%, FR 20%, IT 22%, NL 21%, ES 21%);
            €22 VAT exemption until 2021-06-30; €150 duty relief until
            2026-06-30; IOSS from 2021-07-01; €3 per tariff line under IOSS
            from 2026-07-01 to 2028-06-30
``US``      FOB; Section 321 $800 (not for China/Hong Kong from 2025-05-02,
            suspended for all from 2025-08-29); MPF 0.3464% with each fiscal
            year's minimum and maximum (FY2021, FY2022, FY2025, FY2026);
            HMF 0.125% on ocean cargo
``CA``      FOB; GST 5% on the value for tax; CAD 20/40/150 (2020-07-01)
``AU``      FOB; GST 10% on the VoTI; A$1,000 threshold; GST on low value
            imported goods at sale (2018-07-01)
``JP``      CIF; consumption tax 7.8% + 22/78 local; ¥10,000 exemption;
            Customs' truncation rules (base ¥1,000, tax ¥100)
=========== ==================================================================

Examples:
    >>> import datetime as dt
    >>> de = regime("DE", as_of=dt.date(2026, 9, 1))
    >>> de.name, de.valuation.value, de.currency.code
    ('Germany (EU)', 'CIF', 'EUR')
    >>> [tax.name for tax in de.taxes]
    ['Import VAT (DE) 19%']
    >>> [scheme.duty is not None for scheme in de.schemes]
    [True]
    >>> regime("US", as_of=dt.date(2026, 11, 2))
    Traceback (most recent call last):
    ...
    xborder.errors.RuleNotApplicableError: as_of: expected a day covered by a preset ...
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from xborder._country import country_code
from xborder._guard import guard_public
from xborder._validate import date_value
from xborder.customs.presets import _au, _ca, _eu, _gb, _jp, _us
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError

if TYPE_CHECKING:
    import datetime as dt

    from xborder.customs._regime import Regime

__all__ = ["countries", "regime"]

_SINGLE = {
    "GB": _gb.build,
    "US": _us.build,
    "CA": _ca.build,
    "AU": _au.build,
    "JP": _jp.build,
}


def countries() -> tuple[str, ...]:
    """The countries of import with a preset, sorted.

    Examples:
        >>> countries()
        ('AU', 'CA', 'DE', 'ES', 'FR', 'GB', 'IT', 'JP', 'NL', 'US')
    """
    return tuple(sorted([*_SINGLE, *_eu.MEMBER_STATES]))


def regime(
    country: str, *, as_of: dt.date, allow_out_of_window: bool = False
) -> Regime:
    """The preset rules for imports into ``country`` on ``as_of``.

    Args:
        country: ISO 3166-1 alpha-2 code of the country of import.
        as_of: The day whose rules apply (usually the import date).
        allow_out_of_window: Use the nearest version when no sourced version
            covers ``as_of`` (a what-if, or a fiscal year not yet sourced).

    Raises:
        InvalidInputError: ``country`` is not a country, or has no preset.
        InvalidTypeError: ``allow_out_of_window`` is not a bool.
        RuleNotApplicableError: No sourced version of a required rule covers
            ``as_of`` and ``allow_out_of_window`` is false.

    Examples:
        >>> import datetime as dt
        >>> gb = regime("GB", as_of=dt.date(2026, 9, 1))
        >>> [t.name for t in gb.thresholds]
        ['Customs duty relief for consignments ≤ £135']
    """
    try:
        code = country_code(country)
        day = date_value(as_of)
    except XborderError as error:
        name = "country" if error.value is country else "as_of"
        raise error.in_field(name) from None
    if not isinstance(allow_out_of_window, bool):
        # "no" or 0 would read as a choice; only True opts in.
        raise InvalidTypeError(
            field="allow_out_of_window", value=allow_out_of_window, expected="a bool"
        )
    if code in _SINGLE:
        return _SINGLE[code](day, allow_out_of_window=allow_out_of_window)
    if code in _eu.MEMBER_STATES:
        return _eu.build(code, day, allow_out_of_window=allow_out_of_window)
    raise InvalidInputError(
        "build a Regime for it (see xborder.customs.Regime)",
        field="country",
        value=country,
        expected=f"a country with a preset: {', '.join(countries())}",
    )


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
