"""Case B: run() recomputed by hand, Tutorial B's figures, and the report.

The tutorial page is executed with the docs tests' own machinery
(``tests/pages.py``), and the figures it computes must equal :func:`run`'s
and appear, formatted for the locale, in ``python -m xborder --case b``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

import pytest

from pages import ROOT, run_page
from xborder._report._text import money, number, percent
from xborder.cli import main
from xborder.customs import Incoterm, Party
from xborder.errors import InvalidInputError, InvalidTypeError, UnitError, XborderError
from xborder.examples import case_b
from xborder.money import Money, RoundingMode
from xborder.serialize import from_data, to_data

if TYPE_CHECKING:
    from xborder.examples.case_b import CaseB

TUTORIAL = ROOT / "docs" / "tutorials" / "case-b.md"
LOCALES = ("en_US", "de_DE")
CENT = Decimal("0.01")


@pytest.fixture(scope="module")
def case() -> CaseB:
    return case_b.run()


@pytest.fixture(scope="module")
def tutorial() -> dict[str, Any]:
    return run_page(TUTORIAL)


def _half_up(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


# -- run() recomputed by hand --------------------------------------------------


def test_run_is_deterministic(case: CaseB) -> None:
    assert case_b.run() == case


def test_german_parcel_ddp_and_dap_by_hand(case: CaseB) -> None:
    direct = case.de.direct
    net = _half_up(Decimal("39.00") / Decimal("1.19"))  # 32.7731 -> 32.77
    assert net == Decimal("32.77")
    vat_at_checkout = _half_up(net * Decimal("0.19"))  # 6.2263 -> 6.23
    assert direct.buyer_pays_ddp == Money(net + vat_at_checkout, "EUR")
    assert direct.ddp.paid_by(Party.SELLER) == Money("3.00", "EUR")  # IOSS flat duty
    duty = _half_up(net * Decimal("0.03"))  # 0.9831 -> 0.98
    import_vat = _half_up((net + duty) * Decimal("0.19"))  # 6.4125 -> 6.41
    at_door = duty + import_vat + Decimal("6.00")  # the carrier's clearance fee
    assert direct.buyer_pays_dap == Money(net + at_door, "EUR")
    assert direct.buyer_pays_dap == Money("46.16", "EUR")


def test_us_parcel_pays_duty_on_the_retail_price(case: CaseB) -> None:
    direct = case.us.direct
    duty = _half_up(Decimal("44.00") * Decimal("0.032")) + Decimal("11.00")
    assert direct.duty == Money(duty, "USD") == Money("12.41", "USD")
    mpf = direct.ddp.totals.fees  # the informal-entry fee, from the preset
    assert mpf == Money("2.69", "USD")
    assert direct.ddp.paid_by(Party.SELLER) == Money("15.10", "USD")
    assert direct.buyer_pays_dap == Money("69.10", "USD")  # 44 + 10 + 15.10
    # DDP moves exactly the duty and fee from the buyer to the brand.
    gap = direct.dap_sale.contribution - direct.ddp_sale.contribution
    assert gap == Money("15.10", "USD")


def _largest_remainder(total: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """Split ``total`` to the cent in proportion to ``weights``, by hand."""
    exact = [total * w / sum(weights, Decimal(0)) for w in weights]
    shares = [e.quantize(CENT, rounding="ROUND_DOWN") for e in exact]
    left = int((total - sum(shares, Decimal(0))) / CENT)
    order = sorted(range(len(exact)), key=lambda i: exact[i] - shares[i], reverse=True)
    for index in order[:left]:
        shares[index] += CENT
    return shares


def test_german_restock_landed_cost_by_hand(case: CaseB) -> None:
    # 25 cartons, each billed by volume (1 m3 = 1,000 kg): 840 + 600 + 400 kg.
    kilos = 10 * 84 + 10 * 60 + 5 * 80
    freight_cny = Decimal(kilos) * Decimal("1.60")
    assert case.de.restock.lines[0].freight.currency.code == "EUR"
    freight = _half_up(freight_cny / Decimal("7.12") * Decimal("0.865"))  # 357.66
    # 600 x 6.80, 1,200 x 3.90 and 500 x 2.60 USD at 0.8650.
    goods = {"BAM-UT": Decimal("3529.20"), "WAX-3": Decimal("4048.20")}
    goods["SIS-2"] = Decimal("1124.50")
    volumes = {"BAM-UT": 840_000, "WAX-3": 600_000, "SIS-2": 400_000}
    by_value = list(goods.values())
    share = _largest_remainder(freight, [Decimal(v) for v in volumes.values()])[0]
    insurance = _largest_remainder(Decimal("25.95"), by_value)[0]  # 10.5245 -> .53
    broker = _largest_remainder(Decimal(95), by_value)[0]  # 38.529
    line = case.de.restock.lines[0]
    assert line.freight.amount == share == Decimal("163.28")
    assert line.insurance.amount == insurance == Decimal("10.53")
    assert line.charges.amount == broker == Decimal("38.53")
    cif = goods["BAM-UT"] + Decimal("163.28") + Decimal("10.53")
    duty = _half_up(cif * Decimal("0.03"))  # 111.0903 -> 111.09
    assert line.duty.amount == duty
    cost = goods["BAM-UT"] + Decimal("163.28") + Decimal("10.53") + Decimal("38.53")
    per_unit = _half_up((cost + duty) / 600)  # 6.42105 -> 6.42
    assert case.de.landed_cost_of("BAM-UT") == Money(per_unit, "EUR")
    # Import VAT is paid at the border but reclaimed: not in the unit cost.
    assert line.taxes.amount > 0
    assert line.landed_cost_per_unit > case.de.landed_cost_of("BAM-UT")


def test_us_restock_duty_is_on_the_factory_price(case: CaseB) -> None:
    # 600 sets at 6.80 USD: 3.2% + 25% of 4,080.00 USD.
    duty = Decimal("4080.00") * (Decimal("0.032") + Decimal("0.25"))
    assert case.us.duty_per_unit("BAM-UT") == Money(_half_up(duty / 600), "USD")
    assert case.us.duty_per_unit("BAM-UT") == Money("1.92", "USD")
    assert case.us.restock.totals.taxes == Money("0.00", "USD")


def test_german_utensil_set_waterfall_by_hand(case: CaseB) -> None:
    economics = case.de.price_of("BAM-UT")
    card = _half_up(Decimal("39.00") * Decimal("0.015") + Decimal("0.25"))  # 0.835
    # 3PL: delivery 3.95 + pick and pack 2.20 + 0.06 a month for 60 days.
    storage = Decimal("0.06") * 60 / (Decimal(365) / 12)
    fulfilment = _half_up(Decimal("3.95") + Decimal("2.20") + storage)
    # Returns per unit ordered: 4% of the net price refunded, 4% x 5.50 to
    # ship back and process, 4% x 80% of the landed 6.42 resold as new.
    refunded = _half_up(Decimal("0.04") * Decimal("32.77"))  # 1.3108
    handling = _half_up(Decimal("0.04") * Decimal("5.50"))  # 0.22
    resold = _half_up(Decimal("0.04") * Decimal("0.8") * Decimal("6.42"))  # 0.20544
    returns = refunded + handling - resold
    contribution = (
        Decimal("32.77") - card - Decimal("6.42") - fulfilment - Decimal("0.60")
    ) - returns
    assert (card, fulfilment, returns) == (
        Decimal("0.84"),
        Decimal("6.27"),
        Decimal("1.32"),
    )
    assert economics.returns == Money(returns, "EUR")
    assert economics.contribution == Money(contribution, "EUR")
    assert economics.contribution == Money("17.32", "EUR")


def test_us_set_pays_card_fee_and_payout_conversion(case: CaseB) -> None:
    economics = case.us.price_of("BAM-UT")
    card = _half_up(Decimal("44.00") * Decimal("0.029") + Decimal("0.30"))  # 1.576
    assert economics.line("Payment processing").amount == Money(card, "USD")
    # The payout is what is left after refunds: 5% of 44.00 is refunded.
    refunded = _half_up(Decimal("0.05") * Decimal("44.00"))
    payout = _half_up((Decimal("44.00") - card - refunded) * Decimal("0.01"))
    assert economics.line("Payout conversion").amount == Money(payout, "USD")


def test_a_foreign_card_adds_its_surcharge_only(case: CaseB) -> None:
    surcharge = _half_up(Decimal("39.00") * Decimal("0.0175"))  # 0.6825
    line = case.foreign_card.line("International card surcharge")
    assert line.amount == Money(surcharge, "EUR")
    base = case.de.price_of("BAM-UT").contribution
    assert case.foreign_card.contribution == base - line.amount


def test_the_local_partner_wins_on_every_objective(case: CaseB) -> None:
    for market in (case.de, case.us):
        where = "Germany" if market.country == "DE" else "the US"
        assert [a.name for a in market.delivery.front] == [
            f"3PL in {where}, stocked by sea"
        ]
        assert len(market.delivery.dominated) == 2


def test_every_bundle_costs_its_contents(case: CaseB) -> None:
    for market in (case.de, case.us):
        kit = market.price_of(case_b.KIT.sku)
        landed = kit.line("Landed cost").amount
        parts = [market.landed_cost_of(p.sku) for p in case_b.KIT.contents]
        assert landed == Money.total(parts, currency=landed.currency)


# -- the order history and the customer figures -----------------------------


def _expected_orders() -> int:
    """Orders the documented pattern places before the books close, counted."""
    total = 0
    for month, count in enumerate(case_b.NEW_CUSTOMERS):
        observed = len(case_b.NEW_CUSTOMERS) - 1 - month  # months after the first
        for k in range(count):
            plan = case_b.REPEATS[k % 10][1]
            total += 1 + sum(1 for after, _ in plan if after <= observed)
    return total


def test_orders_follow_the_documented_pattern(case: CaseB) -> None:
    orders = case.customers.orders
    assert len(orders) == _expected_orders()
    assert len({o.order_id for o in orders}) == len(orders)
    assert [o.placed_on for o in orders] == sorted(o.placed_on for o in orders)
    assert all(case_b.FIRST_MONTH <= o.placed_on < case_b.BOOKS_CLOSED for o in orders)
    first = orders[0]
    assert (first.customer, first.placed_on) == ("c2510-00", dt.date(2025, 10, 1))
    # Customer 0 of October buys a set in Germany: its net revenue, in euros.
    assert first.amount == case.de.price_of("BAM-UT").net_revenue


def test_us_orders_are_converted_to_euros(case: CaseB) -> None:
    us_customer = "c2510-03"  # k % 5 == 3: a US buyer; k % 4 == 3: brushes first
    order = next(o for o in case.customers.orders if o.customer == us_customer)
    net = case.us.price_of("SIS-2").net_revenue  # 18.00 USD
    assert order.amount == Money(_half_up(net.amount * Decimal("0.8650")), "EUR")


def test_customer_counts_add_up(case: CaseB) -> None:
    customers = case.customers
    assert customers.year.customers == sum(case_b.NEW_CUSTOMERS)
    assert customers.year.new_customers == customers.year.customers
    sizes = [c.size for c in customers.retention.cohorts]
    assert sizes == list(case_b.NEW_CUSTOMERS)
    assert sum(customers.segments.segment_sizes().values()) == customers.year.customers
    assert None not in customers.segments.segment_sizes()
    assert set(customers.segments.segment_sizes()) <= {n for n, _ in case_b.EMAILS}
    revenue = Money.total((o.amount for o in customers.orders), currency="EUR")
    assert customers.year.revenue == revenue
    for cohort in customers.retention.cohorts:
        assert cohort.active[0] == cohort.size
        assert all(0 <= active <= cohort.size for active in cohort.active)


def test_cac_and_ltv_by_hand(case: CaseB) -> None:
    customers = case.customers
    spend = sum((m.amount for m in case_b.MARKETING_SPEND), Decimal(0))
    assert spend == Decimal(6900)
    assert customers.cac == Money(_half_up(spend / 252), "EUR")  # 27.3809...
    # LTV at 6 months: contribution within 6 months of the first order, per
    # customer, over the cohorts observed for 6 months (October to March).
    first: dict[str, dt.date] = {}
    for order in customers.orders:
        first.setdefault(order.customer, order.placed_on)
    within: defaultdict[str, Decimal] = defaultdict(Decimal)
    for order in customers.orders:
        start = first[order.customer]
        after = (order.placed_on.year - start.year) * 12 + (
            order.placed_on.month - start.month
        )
        if start < dt.date(2026, 4, 1) and after <= case_b.LTV_MONTHS:
            assert order.contribution is not None
            within[order.customer] += order.contribution.amount
    ltv = _half_up(sum(within.values(), Decimal(0)) / len(within))
    assert customers.ltv == Money(ltv, "EUR")
    assert len(within) == sum(case_b.NEW_CUSTOMERS[:6])
    expected = (customers.ltv.amount / customers.cac.amount).quantize(CENT)
    assert customers.ltv_to_cac.round(2, RoundingMode.HALF_UP) == expected


def test_a_cohort_pays_back_in_the_first_month_its_contribution_covers_cac(
    case: CaseB,
) -> None:
    customers = case.customers
    for cohort, payback in zip(
        customers.values.cohorts, customers.paybacks, strict=True
    ):
        target = customers.cac * cohort.size
        running = cohort.cumulative_contribution
        month = payback.months_after_first_order
        if month is None:
            assert all(total < target for total in running)
        else:
            assert running[month] >= target
            assert all(total < target for total in running[:month])


# -- Tutorial B: its figures are run()'s, and the report shows them -----------


def test_tutorial_computes_what_run_computes(
    tutorial: dict[str, Any], case: CaseB
) -> None:
    for country, market in (("de", case.de), ("us", case.us)):
        assert tutorial[f"ddp_{country}"] == market.direct.ddp
        assert tutorial[f"dap_{country}"] == market.direct.dap
        assert tutorial[f"ddp_sale_{country}"] == market.direct.ddp_sale
        assert tutorial[f"dap_sale_{country}"] == market.direct.dap_sale
        assert tutorial[f"stock_{country}"] == market.restock
        assert tutorial[f"landed_{country}"] == dict(market.landed)
        assert tutorial[f"delivery_{country}"] == market.delivery
        assert tutorial[f"set_{country}"] == market.price_of("BAM-UT")
    for (sku, country), economics in tutorial["prices"].items():
        assert economics == case.market(country).price_of(sku)
    assert tutorial["foreign_card"] == case.foreign_card
    customers = case.customers
    assert tutorial["orders"] == customers.orders
    assert tutorial["year"] == customers.year
    assert tutorial["retention"] == customers.retention
    assert tutorial["segments"] == customers.segments
    assert tutorial["values_by_cohort"] == customers.values
    assert tutorial["spend"] == customers.spend
    assert tutorial["cost"] == customers.cac
    assert tutorial["ltv"] == customers.ltv
    assert tutorial["paybacks"] == list(customers.paybacks)
    assert tutorial["ratio"] == customers.ltv_to_cac


def _report(capsys: pytest.CaptureFixture[str], locale: str) -> str:
    assert main(["--case", "b", "--locale", locale]) == 0
    return capsys.readouterr().out


def _tutorial_amounts(tutorial: dict[str, Any]) -> list[Money]:
    amounts: list[Money] = []
    for country in ("de", "us"):
        ddp, dap = tutorial[f"ddp_{country}"], tutorial[f"dap_{country}"]
        amounts += [ddp.paid_by(Party.BUYER), dap.paid_by(Party.BUYER)]
        amounts += [
            tutorial[f"ddp_sale_{country}"].contribution,
            tutorial[f"dap_sale_{country}"].contribution,
        ]
        amounts += tutorial[f"landed_{country}"].values()
        amounts += [
            a.expected_cost.quantize(RoundingMode.HALF_UP)
            for a in tutorial[f"delivery_{country}"].assessments
        ]
    amounts += [line.landed_cost_per_unit for line in tutorial["stock_de"].lines]
    amounts += [tutorial["stock_us"].totals.fees]
    for economics in tutorial["prices"].values():
        amounts += [economics.price, economics.net_revenue, economics.contribution]
    amounts.append(tutorial["foreign_card"].line("International card surcharge").amount)
    amounts.append(tutorial["set_us"].line("Payout conversion").amount)
    amounts.append(tutorial["year"].aov.round(RoundingMode.HALF_UP))
    amounts += [tutorial["spend"], tutorial["cost"], *tutorial["curve"]]
    return amounts


@pytest.mark.parametrize("locale", LOCALES)
def test_report_shows_the_tutorial_figures(
    capsys: pytest.CaptureFixture[str], tutorial: dict[str, Any], locale: str
) -> None:
    out = _report(capsys, locale)
    for amount in _tutorial_amounts(tutorial):
        assert f" {money(amount, locale)}" in out, (amount, locale)
    for economics in tutorial["prices"].values():
        assert percent(economics.margin, 1, locale=locale) in out
    for country in ("de", "us"):
        for assessment in tutorial[f"delivery_{country}"].assessments:
            assert percent(assessment.reliability, 1, locale=locale) in out
    year = tutorial["year"]
    share = percent(year.repurchase_rate.value, 1, locale=locale)
    assert f"{year.customers} customers placed {year.orders} orders; {share}" in out
    assert f"/ CAC = {number(tutorial['ratio'].value, locale)}." in out
    emails = dict(case_b.EMAILS)
    for name, size in tutorial["segments"].segment_sizes().items():
        assert any(
            line.split() == [*name.split(), str(size), *emails[name].split()]
            for line in out.splitlines()
        ), name
    for cohort in tutorial["retention"].cohorts:
        cells = [percent(r.value, 0, locale=locale) for r in cohort.retention]
        assert f"  {cohort.label}  " in out
        row = next(
            line for line in out.splitlines() if line.startswith(f"  {cohort.label}  ")
        )
        assert row.split() == [cohort.label, str(cohort.size), *" ".join(cells).split()]
    for cohort, payback in zip(
        tutorial["values_by_cohort"].cohorts, tutorial["paybacks"], strict=True
    ):
        if payback.months_after_first_order is not None:
            assert f"{cohort.label} {payback.months_after_first_order}" in out


def test_report_formats_for_the_locale(capsys: pytest.CaptureFixture[str]) -> None:
    english, german = _report(capsys, "en_US"), _report(capsys, "de_DE")
    assert "€39.00" in english
    assert "$69.10" in english
    assert "39,00 €" in german
    assert "69,10 $" in german
    assert "52,9 %" in german  # CLDR's German percent pattern
    assert "2.300 units" in german
    assert english.count("\n") == german.count("\n")


def test_report_refuses_an_unknown_locale(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--case", "b", "--locale", "xx_YY"]) == 2
    assert "locale: expected a CLDR locale" in capsys.readouterr().err


def test_tutorial_is_in_the_site_navigation() -> None:
    assert "tutorials/case-b.md" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


# -- bad inputs ----------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda: case_b.restock("FR"),
        lambda: case_b.delivery_options("CA"),
        lambda: case_b.goods_price(case_b.KIT, "GB"),
        lambda: case_b.run().market("JP"),
    ],
)
def test_a_market_outside_the_case_is_refused_by_name(call: Any) -> None:
    with pytest.raises(InvalidInputError) as caught:
        call()
    assert caught.value.field == "country"


def test_a_bundle_is_not_one_parcel_line() -> None:
    with pytest.raises(InvalidInputError) as caught:
        case_b.direct_parcel(case_b.KIT, "DE", Incoterm.DDP)
    assert caught.value.field == "offer"
    assert caught.value.value == "KIT-ZW"


def test_order_history_names_a_missing_value() -> None:
    with pytest.raises(InvalidInputError) as caught:
        case_b.order_history({})
    assert caught.value.field is not None
    assert caught.value.field.startswith("values[")


_HUGE = 10**5000  # an int with no str(): the old KeyError could not print


@pytest.mark.parametrize(
    ("call", "error", "field", "value"),
    [
        pytest.param(
            lambda: case_b.restock(_HUGE),  # type: ignore[arg-type]
            InvalidTypeError,
            "country",
            _HUGE,
            id="restock-huge-int",
        ),
        (lambda: case_b.check_market(["DE"]), InvalidTypeError, "country", ["DE"]),  # type: ignore[arg-type]
        (
            lambda: case_b.goods_price("KIT-ZW", "DE"),  # type: ignore[arg-type]
            InvalidTypeError,
            "offer",
            "KIT-ZW",
        ),
        (
            lambda: case_b.direct_parcel(case_b.OFFERS[0], "DE", "DDP"),  # type: ignore[arg-type]
            InvalidTypeError,
            "incoterm",
            "DDP",
        ),
        (lambda: case_b.order_history("x"), InvalidTypeError, "values", "x"),  # type: ignore[arg-type]
        (
            lambda: case_b.order_history(
                {(o.sku, c): "free" for o in case_b.OFFERS for c in case_b.MARKETS}  # type: ignore[misc]
            ),
            InvalidTypeError,
            "values['BAM-UT', 'DE']",
            "free",
        ),
        (
            lambda: case_b.run().de.price_of("NOPE"),
            InvalidInputError,
            "sku",
            "NOPE",
        ),
        (lambda: case_b.run().de.landed_cost_of(None), InvalidTypeError, "sku", None),  # type: ignore[arg-type]
        (
            lambda: case_b.run().us.duty_per_unit("KIT-ZW"),
            InvalidInputError,
            "sku",
            "KIT-ZW",
        ),
        (
            lambda: case_b.Offer(
                sku="X",
                name="x",
                contents=(),
                parcel=case_b.KIT.parcel,
                price_de=Money("1", "EUR"),
                price_us=Money("1", "USD"),
            ),
            InvalidInputError,
            "contents",
            (),
        ),
        (
            lambda: case_b.Product(
                sku="X",
                name="x",
                hs_code="4419.19",
                factory_price=Money("1", "USD"),
                unit_weight="3 cm",
                unit_volume="1 L",
                carton=case_b.KIT.parcel,
                units_per_carton=1,
            ),
            UnitError,
            "unit_weight",
            "3 cm",
        ),
    ],
)
def test_bad_arguments_to_the_case_are_refused_by_name(
    call: Any, error: type[XborderError], field: str, value: object
) -> None:
    with pytest.raises(error) as caught:
        call()
    assert caught.value.field == field
    assert caught.value.value == value


def test_the_case_reads_back_what_it_writes(case: CaseB) -> None:
    # Its models check their fields, so to_data's output is always accepted.
    assert from_data(case_b.CaseB, to_data(case)) == case
    assert from_data(case_b.Market, to_data(case.de)) == case.de


def test_number_rounds_half_up_and_writes_for_the_locale() -> None:
    assert number(Decimal("0.125"), "en_US") == "0.13"  # half-even would say 0.12
    assert number(Decimal(2300), "de_DE", 0) == "2.300"
    assert number(Decimal("0.9455"), "de_DE") == "0,95"
    with pytest.raises(InvalidInputError) as caught:
        number(Decimal(1), "xx_YY")
    assert caught.value.field == "locale"
