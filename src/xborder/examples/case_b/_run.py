"""Case B computed: every figure Tutorial B and ``python -m xborder --case b`` show.

(Private; see :mod:`xborder.examples.case_b`.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from xborder._validate import named_errors, tuple_of
from xborder.customs import Incoterm, Party, Regime, presets
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.examples._fields import is_a
from xborder.examples.case_b._catalogue import (
    AS_OF,
    FX,
    OFFERS,
    TARIFFS,
    UTENSILS,
    Offer,
    check_market,
    market_code,
    restock,
)
from xborder.examples.case_b._customers import (
    BOOKS_CLOSED,
    FIRST_MONTH,
    MARKETING_SPEND,
    RFM_SCORING,
    order_history,
)
from xborder.examples.case_b._logistics import (
    COST_OF_CAPITAL,
    DEDICATED_LINE,
    LATE_DELIVERY,
    LOSS,
    PROMISED_DAYS,
    THREE_PL,
    delivery_options,
)
from xborder.examples.case_b._site import (
    PACKAGING,
    RETURNS,
    SITE_FEES,
    VAT,
    direct_parcel,
    goods_price,
)
from xborder.fx import convert
from xborder.kpi import (
    CustomerSummary,
    LtvTable,
    MoneyRatio,
    Order,
    Payback,
    Ratio,
    RetentionTable,
    RfmTable,
    cac,
    cohort_ltv,
    cohort_retention,
    customer_summary,
    ltv_to_cac,
    rfm,
)
from xborder.landed_cost import LandedCost, landed_cost
from xborder.logistics import Comparison, compare, quote
from xborder.money import Money, RoundingMode
from xborder.pricing import FixedAmount, Listing, UnitCosts, UnitEconomics

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["LTV_MONTHS", "CaseB", "Customers", "Direct", "Market", "run"]

LTV_MONTHS = 6
"""The cohort LTV compared with CAC: contribution per customer after six months."""


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Direct:
    """A utensil set sent straight from China: DDP against DAP.

    Attributes:
        ddp: The parcel's landed cost when the brand pays duty (and, in the
            EU, charges VAT at checkout under IOSS).
        dap: The same parcel when the buyer pays at the door.
        ddp_sale: The brand's waterfall for the DDP sale, at the shelf price.
        dap_sale: The brand's waterfall for the DAP sale, at the price
            without VAT.
    """

    ddp: LandedCost = attrs.field(validator=is_a(LandedCost))
    dap: LandedCost = attrs.field(validator=is_a(LandedCost))
    ddp_sale: UnitEconomics = attrs.field(validator=is_a(UnitEconomics))
    dap_sale: UnitEconomics = attrs.field(validator=is_a(UnitEconomics))

    @property
    def buyer_pays_ddp(self) -> Money:
        """What the buyer pays in all under DDP: the shelf price."""
        return self.ddp.paid_by(Party.BUYER)

    @property
    def buyer_pays_dap(self) -> Money:
        """The price plus duty, VAT and the carrier's fee paid at the door."""
        return self.dap.paid_by(Party.BUYER)

    @property
    def duty(self) -> Money:
        """The parcel's duty, additional duties included (the same DDP or DAP)."""
        return self.ddp.totals.duty + self.ddp.totals.additional_duties


_PER_SKU = "(SKU, Money) pairs"


def _per_sku(values: Iterable[tuple[str, Money]]) -> tuple[tuple[str, Money], ...]:
    pairs = tuple_of(values, tuple)
    for index, pair in enumerate(pairs):
        if not (
            len(pair) == 2  # noqa: PLR2004 - a SKU and its amount
            and isinstance(pair[0], str)
            and bool(pair[0].strip())
            and isinstance(pair[1], Money)
        ):
            raise InvalidTypeError(field=f"[{index}]", value=pair, expected=_PER_SKU)
    return pairs


def _prices(values: Iterable[UnitEconomics]) -> tuple[UnitEconomics, ...]:
    prices = tuple_of(values, UnitEconomics)
    if len(prices) != len(OFFERS):
        raise InvalidInputError(
            field=None, value=prices, expected=f"one per offer ({len(OFFERS)})"
        )
    return prices


def _sku(value: str, known: Iterable[str]) -> str:
    skus = tuple(known)
    if not isinstance(value, str):
        raise InvalidTypeError(field="sku", value=value, expected="a SKU (str)")
    if value not in skus:
        raise InvalidInputError(
            field="sku", value=value, expected=f"one of {', '.join(skus)}"
        )
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Market:
    """One market: direct parcels, the sea restock, delivery options, site prices.

    Attributes:
        country: "DE" or "US".
        direct: A utensil set sent from China, DDP and DAP.
        restock: The landed cost of one sea restock of the local warehouse.
        landed: Per product SKU, the landed cost per unit without the
            import VAT the brand reclaims, rounded half-up.
        delivery: Express, dedicated line and 3PL compared for a utensil set.
        fulfilment: Per offer SKU, the 3PL's charge for one order.
        prices: Per offer, the own-site waterfall at the shelf price.
    """

    country: str = attrs.field(converter=market_code)
    direct: Direct = attrs.field(validator=is_a(Direct))
    restock: LandedCost = attrs.field(validator=is_a(LandedCost))
    landed: tuple[tuple[str, Money], ...] = attrs.field(converter=_per_sku)
    delivery: Comparison = attrs.field(validator=is_a(Comparison))
    fulfilment: tuple[tuple[str, Money], ...] = attrs.field(converter=_per_sku)
    prices: tuple[UnitEconomics, ...] = attrs.field(converter=_prices)

    def landed_cost_of(self, sku: str) -> Money:
        """The landed cost per unit of one product, import VAT reclaimed."""
        landed = dict(self.landed)
        return landed[_sku(sku, landed)]

    def duty_per_unit(self, sku: str) -> Money:
        """The restock's duty on one unit of a product, rounded half-up."""
        lines = {line.sku: line for line in self.restock.lines}
        line = lines[_sku(sku, (k for k in lines if k is not None))]
        duty = (line.duty + line.additional_duties) / line.quantity
        return duty.quantize(RoundingMode.HALF_UP)

    def price_of(self, sku: str) -> UnitEconomics:
        """The own-site waterfall of one offer."""
        skus = [offer.sku for offer in OFFERS]
        return self.prices[skus.index(_sku(sku, skus))]


def _orders(values: Iterable[Order]) -> tuple[Order, ...]:
    return tuple_of(values, Order)


def _paybacks(values: Iterable[Payback]) -> tuple[Payback, ...]:
    return tuple_of(values, Payback)


def _money(value: Money) -> Money:
    if not isinstance(value, Money):
        raise InvalidTypeError(field=None, value=value, expected="Money")
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Customers:
    """A year of the site's orders and what they say about its customers.

    Attributes:
        orders: The order history (net revenue and contribution in euros).
        year: Customers, repurchase and AOV over the year.
        retention: Cohorts by first-order month.
        segments: RFM scores and segments for email.
        values: Cohort revenue and contribution by month.
        spend: The year's marketing spend.
        acquisition: CAC as a ratio: the spend over the year's new customers.
        cac: CAC rounded half-up to the cent.
        ltv: Contribution per customer :data:`LTV_MONTHS` months after the
            first order, pooled over the cohorts observed that long, rounded.
        ltv_to_cac: ``ltv`` over ``cac``.
        paybacks: Per cohort, when its contribution covers ``cac``.
    """

    orders: tuple[Order, ...] = attrs.field(converter=_orders)
    year: CustomerSummary = attrs.field(validator=is_a(CustomerSummary))
    retention: RetentionTable = attrs.field(validator=is_a(RetentionTable))
    segments: RfmTable = attrs.field(validator=is_a(RfmTable))
    values: LtvTable = attrs.field(validator=is_a(LtvTable))
    spend: Money = attrs.field(converter=_money)
    acquisition: MoneyRatio = attrs.field(validator=is_a(MoneyRatio))
    cac: Money = attrs.field(converter=_money)
    ltv: Money = attrs.field(converter=_money)
    ltv_to_cac: Ratio = attrs.field(validator=is_a(Ratio))
    paybacks: tuple[Payback, ...] = attrs.field(converter=_paybacks)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class CaseB:
    """Everything Case B computes (see :func:`run`).

    Attributes:
        de: Germany.
        us: The United States.
        foreign_card: The German utensil-set sale paid with a card issued
            outside the EEA.
        customers: The year's customers.
    """

    de: Market = attrs.field(validator=is_a(Market))
    us: Market = attrs.field(validator=is_a(Market))
    foreign_card: UnitEconomics = attrs.field(validator=is_a(UnitEconomics))
    customers: Customers = attrs.field(validator=is_a(Customers))

    def __attrs_post_init__(self) -> None:
        for name, code in (("de", "DE"), ("us", "US")):
            if getattr(self, name).country != code:
                raise InvalidInputError(
                    field=f"{name}.country",
                    value=getattr(self, name).country,
                    expected=f"{code!r}",
                )

    def market(self, country: str) -> Market:
        """``"DE"`` or ``"US"``."""
        return self.de if check_market(country) == "DE" else self.us


def _rules(country: str) -> Regime:
    return presets.regime(country, as_of=AS_OF).with_tariff(TARIFFS[country])


def _direct(country: str) -> Direct:
    regime = _rules(country)
    offer = OFFERS[0]
    ddp, dap = (
        landed_cost(direct_parcel(offer, country, term), regime, fx=FX, as_of=AS_OF)
        for term in (Incoterm.DDP, Incoterm.DAP)
    )
    freight = quote(offer.parcel, DEDICATED_LINE[country], destination=country).total
    paid = FixedAmount(
        label="Duty and fees at import", amount=ddp.paid_by(Party.SELLER)
    )
    costs = UnitCosts(landed=UTENSILS.factory_price, fulfilment=freight)
    fees = SITE_FEES[country]
    ddp_sale = Listing(
        fees=fees,
        costs=attrs.evolve(costs, other=(paid,)),
        vat=VAT.get(country),
        fx=FX,
    ).economics(_shelf(offer, country))
    dap_sale = Listing(fees=fees, costs=costs, fx=FX).economics(
        goods_price(offer, country)
    )
    return Direct(ddp=ddp, dap=dap, ddp_sale=ddp_sale, dap_sale=dap_sale)


def _shelf(offer: Offer, country: str) -> Money:
    return offer.price_de if country == "DE" else offer.price_us


def _per_unit(result: LandedCost) -> tuple[tuple[str, Money], ...]:
    # Import VAT is reclaimed in the brand's VAT return: it is not a cost.
    return tuple((line.sku, line.landed_cost_net_per_unit) for line in result.lines)


def _fulfilment(offer: Offer, country: str) -> Money:
    charged = quote(offer.parcel, THREE_PL[country], destination=country).total
    return charged.quantize(RoundingMode.HALF_UP)


def _site_price(offer: Offer, country: str, landed: dict[str, Money]) -> UnitEconomics:
    currency = SITE_FEES[country].currency
    costs = UnitCosts(
        landed=Money.total((landed[p.sku] for p in offer.contents), currency=currency),
        fulfilment=_fulfilment(offer, country),
        other=(PACKAGING[country],),
    )
    listing = Listing(
        fees=SITE_FEES[country],
        costs=costs,
        vat=VAT.get(country),
        returns=RETURNS[country],
    )
    return listing.economics(_shelf(offer, country))


def _delivery(country: str, value: Money) -> Comparison:
    late, per_day = LATE_DELIVERY[country]
    return compare(
        OFFERS[0].parcel,
        delivery_options(country),
        destination=country,
        fx=FX,
        value_of_goods=value,
        cost_of_capital=COST_OF_CAPITAL,
        promised_days=PROMISED_DAYS,
        cost_per_late_delivery=late,
        cost_per_day_late=per_day,
        cost_per_loss=LOSS[country],
    )


def _market(country: str) -> Market:
    stock = landed_cost(restock(country), _rules(country), fx=FX, as_of=AS_OF)
    landed = _per_unit(stock)
    unit = dict(landed)
    return Market(
        country=country,
        direct=_direct(country),
        restock=stock,
        landed=landed,
        delivery=_delivery(country, unit[UTENSILS.sku]),
        fulfilment=tuple((o.sku, _fulfilment(o, country)) for o in OFFERS),
        prices=tuple(_site_price(offer, country, unit) for offer in OFFERS),
    )


def _in_euros(money: Money) -> Money:
    return convert(money, "EUR", table=FX, rounding=RoundingMode.HALF_UP)


def _customers(de: Market, us: Market) -> Customers:
    values = {
        (offer.sku, market.country): (
            _in_euros(market.price_of(offer.sku).net_revenue),
            _in_euros(market.price_of(offer.sku).contribution),
        )
        for market in (de, us)
        for offer in OFFERS
    }
    orders = order_history(values)
    spend = Money.total(MARKETING_SPEND, currency="EUR")
    year = customer_summary(orders, start=FIRST_MONTH, end=BOOKS_CLOSED, currency="EUR")
    by_cohort = cohort_ltv(orders, as_of=BOOKS_CLOSED, currency="EUR")
    acquisition = cac(acquisition_spend=spend, new_customers=year.new_customers)
    # Both ratios have customers behind them: the pattern places orders.
    zero = Money.zero("EUR")
    cost = acquisition.value_or(zero).quantize(RoundingMode.HALF_UP)
    ltv = by_cohort.ltv(LTV_MONTHS).value_or(zero).quantize(RoundingMode.HALF_UP)
    return Customers(
        orders=orders,
        year=year,
        retention=cohort_retention(orders, as_of=BOOKS_CLOSED),
        segments=rfm(orders, as_of=BOOKS_CLOSED, currency="EUR", scoring=RFM_SCORING),
        values=by_cohort,
        spend=spend,
        acquisition=acquisition,
        cac=cost,
        ltv=ltv,
        ltv_to_cac=ltv_to_cac(ltv=ltv, cac=cost),
        paybacks=tuple(cohort.payback(cost) for cohort in by_cohort.cohorts),
    )


def run() -> CaseB:
    """Compute Case B from the embedded data: a pure function of no arguments."""
    de, us = _market("DE"), _market("US")
    set_de = de.prices[0]
    foreign = Listing(
        fees=SITE_FEES["DE"].with_payment(international=True, converted=False),
        costs=UnitCosts(
            landed=de.landed_cost_of(UTENSILS.sku),
            fulfilment=de.fulfilment[0][1],
            other=(PACKAGING["DE"],),
        ),
        vat=VAT["DE"],
        returns=RETURNS["DE"],
    ).economics(set_de.price)
    return CaseB(de=de, us=us, foreign_card=foreign, customers=_customers(de, us))
