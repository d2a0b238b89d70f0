"""The currencies a territory uses on a day, from CLDR (private; see xborder.money)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from babel.numbers import get_territory_currencies

from xborder._country import country_code
from xborder._validate import date_value
from xborder.errors import XborderError
from xborder.money._currency import to_currency

if TYPE_CHECKING:
    from xborder.money._currency import Currency

__all__ = ["currencies_in"]

# Changes in force that the pinned CLDR does not yet record: territory ->
# (first day, the currencies from that day), latest change last. Each
# replaces CLDR's answer from its day on, so a later CLDR that learns the
# change gives the same answer.
_SINCE_CLDR: dict[str, tuple[tuple[dt.date, tuple[str, ...]], ...]] = {
    # Bulgaria adopted the euro on 2026-01-01 (Council of the EU, 8 July
    # 2025; ECB press release of the same day); the lev stayed legal tender
    # beside it to 2026-01-31 and the euro alone from 2026-02-01 (BTA,
    # 1 January 2026; European Commission statement of 31 December 2025).
    "BG": (
        (dt.date(2026, 1, 1), ("BGN", "EUR")),
        (dt.date(2026, 2, 1), ("EUR",)),
    ),
}


def currencies_in(territory: str, *, on: dt.date | str) -> tuple[Currency, ...]:
    """The legal-tender currencies of ``territory`` on the day ``on``, from CLDR.

    A seller pricing for a market, or reading an old invoice, needs the
    currency in force there on that day: Croatia paid in kuna until
    2022-12-31, in kuna or euros for the two weeks of dual circulation, and
    in euros alone from 2023-01-15. The answer comes from CLDR's
    ``currencyData`` (``supplementalData.xml``) through babel, oldest
    currency first. Panama lists both the balboa and the US dollar;
    Antarctica lists none (an empty tuple).

    The day is required: xborder reads no clock. CLDR is as of its release
    (CLDR 47 through babel 2.18); changes in force that it does not yet
    record are added from their sources: Bulgaria's euro from 2026-01-01,
    with the lev beside it to 2026-01-31.

    Args:
        territory: An ISO 3166-1 alpha-2 country code such as ``"HR"``.
        on: The day, a ``date`` or ``"YYYY-MM-DD"`` (a ``datetime`` is refused).

    Raises:
        InvalidInputError: ``territory`` is no ISO 3166-1 code, or ``on`` is no
            date.
        InvalidTypeError: ``territory`` is not a str, or ``on`` is a datetime.

    Examples:
        >>> import datetime as dt
        >>> currencies_in("HR", on=dt.date(2022, 12, 31))
        (Currency('HRK'),)
        >>> currencies_in("HR", on=dt.date(2023, 1, 1))
        (Currency('HRK'), Currency('EUR'))
        >>> currencies_in("HR", on="2023-01-15")
        (Currency('EUR'),)
        >>> currencies_in("BG", on="2026-02-01")
        (Currency('EUR'),)
    """
    try:
        code = country_code(territory)
    except XborderError as error:
        raise error.in_field("territory") from None
    try:
        day = date_value(on)
    except XborderError as error:
        raise error.in_field("on") from None
    codes = get_territory_currencies(code, day, day, tender=True, non_tender=False)
    for since, known in _SINCE_CLDR.get(code, ()):
        if day >= since:
            codes = list(known)
    return tuple(to_currency(currency) for currency in codes)
