"""xborder.money.currencies_in: the currencies a territory uses on a day (CLDR)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder._country import country_codes
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.money import Currency, currencies_in


def _codes(territory: str, day: dt.date | str) -> list[str]:
    return [currency.code for currency in currencies_in(territory, on=day)]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2022, 12, 31), ["HRK"]),
        (dt.date(2023, 1, 1), ["HRK", "EUR"]),
        (dt.date(2023, 1, 14), ["HRK", "EUR"]),
        (dt.date(2023, 1, 15), ["EUR"]),
    ],
)
def test_golden_croatia_adopts_the_euro(day: dt.date, expected: list[str]) -> None:
    # Croatia joined the euro on 2023-01-01; "after a 14-day period of dual
    # circulation ... euro banknotes and coins will become the sole legal
    # tender on 15 January 2023". Banka Slovenije, "Croatia joined the euro
    # on 1 January 2023",
    # https://bsi.si/en/media/1967/croatia-joined-the-euro-on-1-january-2023
    # (read 2026-12-07). CLDR 47 records HRK to 2023-01-14, EUR from 2023-01-01.
    assert _codes("HR", day) == expected


def test_golden_germany_before_and_after_the_euro() -> None:
    # CLDR 47: the euro from 1999-01-01 (book money; cash from 2002), the
    # mark to 2002-02-28, when German cash payments in marks ended.
    assert _codes("DE", dt.date(1998, 12, 31)) == ["DEM"]
    assert _codes("DE", dt.date(2001, 6, 1)) == ["DEM", "EUR"]
    assert _codes("DE", dt.date(2002, 3, 1)) == ["EUR"]


def test_territories_with_two_currencies_or_none() -> None:
    assert _codes("PA", dt.date(2024, 6, 1)) == ["PAB", "USD"]
    assert _codes("AQ", dt.date(2024, 6, 1)) == []


def test_bulgarias_euro_is_known_though_cldr_47_predates_it() -> None:
    # The Council of the EU decided on 8 July 2025 that Bulgaria adopts the
    # euro on 2026-01-01 (ECB press release of that day, "Bulgaria to join
    # euro area on 1 January 2026"); the lev stayed legal tender beside it
    # until 31 January 2026 (BTA, 1 January 2026). CLDR 47 still answers BGN.
    assert _codes("BG", dt.date(2025, 12, 31)) == ["BGN"]
    assert _codes("BG", dt.date(2026, 1, 1)) == ["BGN", "EUR"]
    assert _codes("BG", dt.date(2026, 1, 31)) == ["BGN", "EUR"]
    assert _codes("BG", dt.date(2026, 2, 1)) == ["EUR"]
    assert _codes("BG", dt.date(2026, 12, 7)) == ["EUR"]


def test_an_iso_string_is_a_day() -> None:
    assert currencies_in("JP", on="2024-06-01") == (Currency("JPY"),)


@pytest.mark.parametrize(
    ("territory", "on", "error", "field"),
    [
        ("EU", dt.date(2024, 1, 1), InvalidInputError, "territory"),
        ("UK", dt.date(2024, 1, 1), InvalidInputError, "territory"),
        ("de", dt.date(2024, 1, 1), InvalidInputError, "territory"),
        ("DEU", dt.date(2024, 1, 1), InvalidInputError, "territory"),
        (None, dt.date(2024, 1, 1), InvalidTypeError, "territory"),
        ("DE", dt.datetime(2024, 1, 1, tzinfo=dt.UTC), InvalidTypeError, "on"),
        ("DE", "2024-13-01", InvalidInputError, "on"),
        ("DE", "yesterday", InvalidInputError, "on"),
        ("DE", None, InvalidInputError, "on"),
        ("DE", 20240101, InvalidInputError, "on"),
    ],
)
def test_bad_input_is_refused_by_name(
    territory: object, on: object, error: type[Exception], field: str
) -> None:
    with pytest.raises(error) as caught:
        currencies_in(territory, on=on)  # type: ignore[arg-type]
    assert isinstance(caught.value, InvalidInputError)
    assert caught.value.field == field
    assert caught.value.value in (territory, on)


@given(
    st.sampled_from(sorted(country_codes())),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
)
def test_every_country_on_any_day_gives_currencies_xborder_knows(
    territory: str, day: dt.date
) -> None:
    currencies = currencies_in(territory, on=day)
    assert all(isinstance(currency, Currency) for currency in currencies)
    assert len(set(currencies)) == len(currencies)
