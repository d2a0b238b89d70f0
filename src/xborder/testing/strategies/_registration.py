"""Strategies for the VAT registration models (private).

Re-exported by :mod:`xborder.testing.strategies`; see its docstring.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from xborder.customs import (
    DestinationSales,
    MarketplaceSales,
    Obligation,
    RegistrationCheck,
    RegistrationFinding,
    RegistrationRule,
    SalesChannel,
    StockHolding,
)
from xborder.customs.registration import EU_MEMBER_STATES, RULES
from xborder.money import Currency, Money
from xborder.testing.strategies._core import money_values, validities

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "REGISTERED",
    "destination_sales",
    "marketplace_sales",
    "registration_checks",
    "registration_findings",
    "registration_rules",
    "stock_holdings",
]

# Where a cross-border seller's goods go and come from: the EU, the UK and a
# few others, so every rule (EU threshold, UK overseas seller, deemed
# supplier) is reached.
_COUNTRIES = ("DE", "FR", "IT", "PL", "ES", "NL", "GB", "CN", "US", "JP", "CH")
_FIRST = dt.date(2021, 1, 1)
_LAST = dt.date(2030, 12, 31)


def _currency(country: str) -> Currency:
    if country in EU_MEMBER_STATES:
        return Currency("EUR")
    return Currency("GBP") if country == "GB" else Currency("USD")


@st.composite
def _sales(draw: st.DrawFn) -> DestinationSales:
    destination = draw(st.sampled_from(_COUNTRIES))
    start = draw(st.dates(_FIRST, _LAST))
    year_end = dt.date(start.year + 1, 1, 1)
    end = start + dt.timedelta(days=draw(st.integers(1, (year_end - start).days)))
    currency = st.just(_currency(destination))
    amount = draw(money_values(currency=currency, min_value=0, max_value=50_000))
    consignment: Money | None = draw(
        st.one_of(
            st.none(), money_values(currency=currency, min_value=0, max_value=400)
        )
    )
    return DestinationSales(
        destination=destination,
        ships_from=draw(st.sampled_from(_COUNTRIES)),
        channel=draw(st.sampled_from(SalesChannel)),
        start=start,
        end=end,
        amount=amount,
        consignment_max=consignment,
    )


def destination_sales() -> st.SearchStrategy[DestinationSales]:
    """Sales rows to EU, UK and other destinations, each within a calendar year."""
    return _sales()


def stock_holdings() -> st.SearchStrategy[StockHolding]:
    """Stock held in one of a few EU, UK and other countries since 2021–2030."""
    return st.builds(
        StockHolding,
        country=st.sampled_from(_COUNTRIES),
        since=st.dates(_FIRST, _LAST),
    )


def registration_rules() -> st.SearchStrategy[RegistrationRule]:
    """The shipped rules, and rules with drawn validity windows."""
    shipped = st.sampled_from(tuple(RULES.values()))
    drawn = st.builds(
        RegistrationRule,
        id=st.sampled_from(tuple(RULES)),
        area=st.sampled_from(("EU", "GB")),
        summary=st.just("a drawn rule"),
        limit=st.one_of(
            st.none(), money_values(currency=st.just(Currency("EUR")), min_value=0)
        ),
        validity=validities(),
    )
    return st.one_of(shipped, drawn)


def registration_findings() -> st.SearchStrategy[RegistrationFinding]:
    """Findings under the shipped rules, in EU, UK and other countries."""
    return st.builds(
        RegistrationFinding,
        country=st.sampled_from(_COUNTRIES),
        from_date=st.dates(_FIRST, _LAST),
        rule=st.sampled_from(tuple(RULES)),
        obligation=st.sampled_from(Obligation),
        reason=st.sampled_from(("stock is held there", "a drawn reason")),
        source=st.sampled_from(tuple(r.validity.source for r in RULES.values())),
    )


def marketplace_sales() -> st.SearchStrategy[MarketplaceSales]:
    """Drawn sales rows tagged with a deemed-supplier rule."""
    deemed = tuple(r for r in RULES if "MARKETPLACE" in r)
    return st.builds(
        MarketplaceSales,
        sales=destination_sales(),
        rule=st.sampled_from(deemed),
        source=st.sampled_from(tuple(RULES[r].validity.source for r in deemed)),
    )


def registration_checks() -> st.SearchStrategy[RegistrationCheck]:
    """Results of :func:`xborder.customs.registration_checks` on drawn sales, stock."""
    from xborder.customs import registration_checks as check  # noqa: PLC0415

    return st.builds(
        check,
        established=st.sampled_from(_COUNTRIES),
        sales=st.lists(destination_sales(), max_size=6),
        stock=st.lists(stock_holdings(), max_size=3),
        as_of=st.just(_LAST),
    )


REGISTERED: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    DestinationSales: destination_sales,
    StockHolding: stock_holdings,
    RegistrationRule: registration_rules,
    RegistrationFinding: registration_findings,
    MarketplaceSales: marketplace_sales,
    RegistrationCheck: registration_checks,
}
