"""Strategies for the fee shapes (private; see xborder.testing.strategies).

Per-order fees, attributed-sale fees and tax on fees, drawn in one currency
like the other pricing models. Rates stay where a drawn listing still has a
break-even price (see :mod:`._pricing`): an attributed fee costs at most
1.5% of the order total in expectation (15% on a tenth of orders) and a tax
on fees is at most 10%.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from xborder.money import Currency, Money
from xborder.pricing import AttributedFee, FeeTax, OrderFee, OrderFeeTier, VatBasis
from xborder.testing.strategies._core import currencies

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["attributed_fees", "fee_taxes", "order_fee_tiers", "order_fees"]


def _currency(
    strategy: st.SearchStrategy[Currency] | None,
) -> st.SearchStrategy[Currency]:
    return currencies() if strategy is None else strategy


def _fractions(low: str, high: str) -> st.SearchStrategy[Decimal]:
    return st.decimals(
        min_value=Decimal(low), max_value=Decimal(high), places=4, allow_nan=False
    )


def _units(currency: Currency, low: int, high: int) -> st.SearchStrategy[Money]:
    return st.integers(low, high).map(lambda n: Money.of_minor_units(n, currency))


def order_fee_tiers(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[OrderFeeTier]:
    """One tier of a per-order fee, open-ended or with an edge in ``currency``."""
    return _currency(currency).flatmap(
        lambda c: st.builds(
            lambda amount, edge: OrderFeeTier(amount=amount, up_to=edge),
            _units(c, 0, 500),
            st.none() | _units(c, 1, 100_000),
        )
    )


def order_fees(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[OrderFee]:
    """Per-order fees: flat, or tiered by order total (up to three edges)."""
    return _currency(currency).flatmap(_order_fees)


def _order_fees(currency: Currency) -> st.SearchStrategy[OrderFee]:
    edges = st.lists(st.integers(1, 100_000), max_size=3, unique=True).map(sorted)

    def build(edge_units: list[int], amounts: list[int]) -> OrderFee:
        tiers = [
            OrderFeeTier(
                amount=Money.of_minor_units(amount, currency),
                up_to=Money.of_minor_units(edge, currency),
            )
            for edge, amount in zip(edge_units, amounts, strict=False)
        ]
        last = Money.of_minor_units(amounts[len(edge_units)], currency)
        tiers.append(OrderFeeTier(amount=last))
        return OrderFee(label="Per-order fee", tiers=tiers)

    amounts = st.lists(st.integers(0, 500), min_size=4, max_size=4)
    return st.builds(build, edges, amounts)


def attributed_fees(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[AttributedFee]:
    """Fees on attributed orders: up to 15% on a tenth of orders, capped or not."""
    return _currency(currency).flatmap(
        lambda c: st.builds(
            lambda rate, share, basis, cap: AttributedFee(
                label="Offsite Ads fee",
                rate=rate,
                share=share,
                basis=basis,
                maximum=cap,
            ),
            _fractions("0", "0.15"),
            _fractions("0", "0.1"),
            st.sampled_from(VatBasis),
            st.none() | _units(c, 0, 20_000),
        )
    )


def fee_taxes() -> st.SearchStrategy[FeeTax]:
    """Taxes on fees up to 10% (the drawn listings keep a break-even price)."""
    return st.builds(
        lambda rate: FeeTax(label="VAT on fees", rate=rate), _fractions("0", "0.1")
    )


REGISTERED: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    OrderFeeTier: order_fee_tiers,
    OrderFee: order_fees,
    AttributedFee: attributed_fees,
    FeeTax: fee_taxes,
}
"""The strategy each fee-shape model resolves to under ``st.from_type``."""
