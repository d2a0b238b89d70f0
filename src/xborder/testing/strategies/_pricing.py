"""Strategies for the pricing models (private; see xborder.testing.strategies).

Every model that holds amounts takes a ``currency`` strategy and draws all
its amounts in the one currency it drew, so a drawn
:class:`~xborder.pricing.Listing` is consistent (its fee schedule, costs,
returns and ads share a currency) and can be priced without an FX table.
Rates stay in ranges where some price always breaks even: referral up to
30%, card fees up to 10%, payout conversion up to 5%, ads up to 30%.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from xborder.money import Currency, Money
from xborder.pricing import (
    AdSpend,
    Channel,
    ChannelKind,
    FeeSchedule,
    FixedAmount,
    Listing,
    Market,
    PaymentFee,
    PriceEnding,
    RateBand,
    ReferralFee,
    RefundAdministrationFee,
    Resale,
    ReturnRateBasis,
    Returns,
    ShippingCharge,
    TierMode,
    UnitCosts,
    Vat,
    VatBasis,
)
from xborder.testing.strategies._core import _invalid, currencies
from xborder.testing.strategies._pricing_shapes import (
    attributed_fees,
    fee_taxes,
    order_fees,
)

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "ad_spends",
    "channels",
    "fee_schedules",
    "fixed_amounts",
    "listings",
    "markets",
    "payment_fees",
    "price_endings",
    "rate_bands",
    "referral_fees",
    "refund_fees",
    "resales",
    "returns_models",
    "shipping_charges",
    "unit_costs",
    "vats",
]


def _fractions(low: str, high: str, places: int = 4) -> st.SearchStrategy[Decimal]:
    return st.decimals(
        min_value=Decimal(low),
        max_value=Decimal(high),
        places=places,
        allow_nan=False,
        allow_infinity=False,
    )


def _amounts(
    currency: Currency, *, min_units: int = 0, max_units: int = 100_000
) -> st.SearchStrategy[Money]:
    """Money in ``currency`` between ``min_units`` and ``max_units`` minor units.

    Amounts are drawn in minor units, so they scale with the currency's
    exponent: up to ¥100,000, $1,000.00 or KWD 100.000 by default.
    """
    if min_units < 0 or min_units > max_units:
        return _invalid(
            f"need 0 <= min_units <= max_units, got {min_units}, {max_units}"
        )
    return st.integers(min_units, max_units).map(
        lambda units: Money.of_minor_units(units, currency)
    )


def _currency(
    strategy: st.SearchStrategy[Currency] | None,
) -> st.SearchStrategy[Currency]:
    return currencies() if strategy is None else strategy


def vats(
    *,
    rates: st.SearchStrategy[Decimal] | None = None,
    included: st.SearchStrategy[bool] | None = None,
) -> st.SearchStrategy[Vat]:
    """VAT rules: rates 0–27% (Hungary's is 27%), included in prices or not."""
    return st.builds(
        lambda rate, inside: Vat(rate=rate, included=inside),
        _fractions("0", "0.27", 3) if rates is None else rates,
        st.booleans() if included is None else included,
    )


def rate_bands(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[RateBand]:
    """A single referral band: open-ended or with an edge, maybe a fixed amount."""
    return _currency(currency).flatmap(
        lambda c: st.builds(
            lambda rate, edge, fixed: RateBand(rate=rate, up_to=edge, fixed=fixed),
            _fractions("0", "0.30"),
            st.none() | _amounts(c, min_units=1),
            st.none() | _amounts(c, max_units=1_000),
        )
    )


def referral_fees(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[ReferralFee]:
    """Referral fees of every shape: flat, tiered whole or marginal, with a minimum.

    Caps and fixed amounts per band (Mercado Livre's shape) are drawn too.
    """
    return _currency(currency).flatmap(_referral_fees)


def _referral_fees(currency: Currency) -> st.SearchStrategy[ReferralFee]:
    edges = st.lists(st.integers(1, 100_000), min_size=0, max_size=3, unique=True).map(
        sorted
    )

    def build(  # noqa: PLR0917 - one argument per drawn part
        edge_units: list[int],
        rates: list[Decimal],
        mode: TierMode,
        minimum: Money | None,
        basis: VatBasis,
        cap: Money | None,
        fixed: list[Money | None],
    ) -> ReferralFee:
        bands = [
            RateBand(
                rate=rate, up_to=Money.of_minor_units(units, currency), fixed=amount
            )
            for units, rate, amount in zip(edge_units, rates, fixed, strict=False)
        ]
        bands.append(RateBand(rate=rates[len(edge_units)], fixed=fixed[-1]))
        if cap is not None and minimum is not None:
            cap = max(cap, minimum)  # a cap is at or above the minimum
        return ReferralFee(
            category="drawn",
            bands=bands,
            mode=mode,
            minimum=minimum,
            maximum=cap,
            basis=basis,
        )

    return st.builds(
        build,
        edges,
        st.lists(_fractions("0", "0.30"), min_size=4, max_size=4),
        st.sampled_from(TierMode),
        st.none() | _amounts(currency, max_units=1_000),
        st.sampled_from(VatBasis),
        st.none() | _amounts(currency, max_units=50_000),
        st.lists(
            st.none() | _amounts(currency, max_units=1_000), min_size=4, max_size=4
        ),
    )


def fixed_amounts(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[FixedAmount]:
    """Flat per-unit amounts (closing fees, packaging) in ``currency``."""
    return _currency(currency).flatmap(
        lambda c: st.builds(
            lambda amount: FixedAmount(label="flat", amount=amount),
            _amounts(c, max_units=2_000),
        )
    )


def payment_fees(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[PaymentFee]:
    """Card fees: up to 5% + a fixed fee, surcharges up to 2.5% each, either applied."""
    return _currency(currency).flatmap(
        lambda c: st.builds(
            lambda rate, fixed, intl, conv, on_intl, on_conv: PaymentFee(
                name="card",
                rate=rate,
                fixed=fixed,
                international_card=intl,
                currency_conversion=conv,
                international=on_intl,
                converted=on_conv,
            ),
            _fractions("0", "0.05"),
            _amounts(c, max_units=500),
            _fractions("0", "0.025"),
            _fractions("0", "0.025"),
            st.booleans(),
            st.booleans(),
        )
    )


def fee_schedules(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[FeeSchedule]:
    """Fee schedules mixing every fee the waterfall knows, in one currency."""
    return _currency(currency).flatmap(_fee_schedules)


def _fee_schedules(currency: Currency) -> st.SearchStrategy[FeeSchedule]:
    just = st.just(currency)
    return st.builds(
        lambda referral, fixed, fulfilment, storage, payment, payout, shapes: (
            FeeSchedule(
                name="drawn",
                currency=currency,
                referral=referral,
                fixed=fixed,
                fulfilment=fulfilment,
                storage=storage,
                payment=payment,
                payout_conversion=payout,
                **shapes,
            )
        ),
        st.none() | referral_fees(currency=just),
        st.lists(fixed_amounts(currency=just), max_size=2),
        st.none() | _amounts(currency, max_units=2_000),
        st.none() | _amounts(currency, max_units=500),
        st.none() | payment_fees(currency=just),
        st.just(Decimal(0)) | _fractions("0", "0.05"),
        st.just({}) | _shapes(currency),
    )


def _shapes(currency: Currency) -> st.SearchStrategy[dict[str, Any]]:
    """Per-order fees, an attributed fee, a tax on fees and units per order."""
    just = st.just(currency)
    return st.fixed_dictionaries(
        {
            "per_order": st.lists(order_fees(currency=just), max_size=2),
            "attributed": st.none() | attributed_fees(currency=just),
            "fee_tax": st.none() | fee_taxes(),
            "units_per_order": st.integers(1, 5),
        }
    )


def unit_costs(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[UnitCosts]:
    """Landed cost, optional own fulfilment and other costs, in ``currency``."""
    return _currency(currency).flatmap(
        lambda c: st.builds(
            lambda landed, fulfilment, other: UnitCosts(
                landed=landed, fulfilment=fulfilment, other=other
            ),
            _amounts(c, max_units=20_000),
            st.none() | _amounts(c, max_units=2_000),
            st.lists(fixed_amounts(currency=st.just(c)), max_size=2),
        )
    )


def resales() -> st.SearchStrategy[Resale]:
    """Shares resold as new and refurbished (summing to at most 1), any value."""
    return st.builds(
        lambda new, refurbished, value: Resale(
            new=new, refurbished=refurbished * (1 - new), refurbished_value=value
        ),
        _fractions("0", "1", 2),
        _fractions("0", "1", 2),
        _fractions("0", "1", 2),
    )


def refund_fees(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[RefundAdministrationFee]:
    """A share of the referral fee kept on a refund, capped or not, in ``currency``."""
    return _currency(currency).flatmap(
        lambda c: st.builds(
            lambda share, cap, per: RefundAdministrationFee(
                share=share, cap=cap, per=per
            ),
            _fractions("0", "1", 2),
            st.none() | _amounts(c, max_units=1_000),
            st.sampled_from(("unit", "line item")),
        )
    )


def returns_models(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[Returns]:
    """Return rates up to 30% on either basis, handling, resale and refund fee."""
    return _currency(currency).flatmap(
        lambda c: st.builds(
            lambda rate, basis, handling, resale, refunded, fee: Returns(
                rate=rate,
                basis=basis,
                handling=handling,
                resale=resale,
                referral_refunded=refunded,
                refund_fee=fee,
            ),
            _fractions("0", "0.30"),
            st.sampled_from(ReturnRateBasis),
            st.none() | _amounts(c, max_units=2_000),
            resales(),
            st.booleans(),
            st.none() | refund_fees(currency=st.just(c)),
        )
    )


def shipping_charges(
    *,
    currency: st.SearchStrategy[Currency] | None = None,
    refunded: st.SearchStrategy[bool | None] | None = None,
) -> st.SearchStrategy[ShippingCharge]:
    """Shipping charged per unit (up to $200.00), refunded on return or not."""
    return _currency(currency).flatmap(
        lambda c: st.builds(
            lambda amount, back: ShippingCharge(amount=amount, refunded_on_return=back),
            _amounts(c, max_units=20_000),
            st.none() | st.booleans() if refunded is None else refunded,
        )
    )


def ad_spends(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[AdSpend]:
    """Ads as a share of sales (up to 30%), per unit, or both."""
    return _currency(currency).flatmap(
        lambda c: st.builds(
            lambda share, per_unit, gross: AdSpend(
                label="Advertising",
                share_of_sales=share,
                per_unit=per_unit,
                sales_include_vat=gross,
            ),
            _fractions("0", "0.30"),
            st.none() | _amounts(c, max_units=2_000),
            st.booleans(),
        )
    )


def listings(
    *,
    currency: st.SearchStrategy[Currency] | None = None,
    vat: st.SearchStrategy[Vat | None] | None = None,
    shipping: st.SearchStrategy[ShippingCharge | None] | None = None,
) -> st.SearchStrategy[Listing]:
    """Consistent listings: fees, costs, VAT, returns, ads and shipping in one currency.

    ``shipping`` draws the shipping charged (by default none or one, said
    to be refunded on return or kept).
    """
    vat_rules = st.none() | vats() if vat is None else vat

    def charges(c: Currency) -> st.SearchStrategy[ShippingCharge | None]:
        if shipping is not None:
            return shipping
        return st.none() | shipping_charges(currency=st.just(c), refunded=st.booleans())

    return _currency(currency).flatmap(
        lambda c: st.builds(
            Listing,
            fees=fee_schedules(currency=st.just(c)),
            costs=unit_costs(currency=st.just(c)),
            vat=vat_rules,
            returns=st.none() | returns_models(currency=st.just(c)),
            ads=st.none() | ad_spends(currency=st.just(c)),
            shipping_charged=charges(c),
        )
    )


def price_endings(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[PriceEnding]:
    """Ending policies that fit ``currency``'s minor unit: charm, whole, steps."""
    return _currency(currency).flatmap(_price_endings)


def _price_endings(currency: Currency) -> st.SearchStrategy[PriceEnding]:
    unit = currency.minor_unit

    def build(step_units: int, ending_units: int) -> PriceEnding:
        step = unit * step_units
        return PriceEnding(step=step, ending=unit * (ending_units % step_units))

    return st.builds(build, st.integers(1, 10_000), st.integers(0, 10_000))


def markets(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[Market]:
    """Markets with a consistent listing (same currency and VAT rule)."""
    return _currency(currency).flatmap(
        lambda c: vats().flatmap(
            lambda rule: st.builds(
                lambda ending, listing, target: Market(
                    name="drawn",
                    currency=c,
                    ending=ending,
                    vat=rule,
                    listing=listing,
                    target_margin=target,
                ),
                price_endings(currency=st.just(c)),
                listings(currency=st.just(c), vat=st.just(rule)),
                st.none() | _fractions("-0.5", "0.5"),
            )
        )
    )


def channels(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[Channel]:
    """A SKU on a channel at a price, in ``currency``."""
    return _currency(currency).flatmap(
        lambda c: st.builds(
            lambda kind, listing, price: Channel(
                name="drawn",
                kind=kind,
                listing=listing,
                price=price,
                sales_include_vat=True,
            ),
            st.sampled_from(ChannelKind),
            listings(currency=st.just(c)),
            _amounts(c, min_units=1),
        )
    )


REGISTERED: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    Vat: vats,
    RateBand: rate_bands,
    ReferralFee: referral_fees,
    FixedAmount: fixed_amounts,
    PaymentFee: payment_fees,
    FeeSchedule: fee_schedules,
    UnitCosts: unit_costs,
    Returns: returns_models,
    Resale: resales,
    RefundAdministrationFee: refund_fees,
    AdSpend: ad_spends,
    Listing: listings,
    ShippingCharge: shipping_charges,
    PriceEnding: price_endings,
    Market: markets,
    Channel: channels,
}
"""The strategy each pricing model resolves to under ``st.from_type``."""
