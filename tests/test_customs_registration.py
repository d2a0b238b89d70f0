"""Seller-side VAT registration: golden cases, laws and bad input.

Golden cases, sources retrieved 2026-12-07:

* EU threshold: Directive 2006/112/EC Art. 59c(1)(c) ("does not in the current
  calendar year exceed EUR 10 000 ... nor did it do so in the course of the
  preceding calendar year") and 59c(2) ("as of that time"),
  https://datenbank.nwb.de/Dokument/452295_Article59c; hellotax's worked
  example (a German seller's sales to Spain EUR 5,000, France EUR 5,000 and
  Poland EUR 1,000 cross the threshold and require registration in all three,
  or the OSS), https://hellotax.com/blog/distance-selling-in-europe.
* the threshold needs "the supplier ... established only in one Member State
  and the goods ... sent exclusively from said Member State of establishment"
  (Spain's tax agency, AEAT, VAT manual 2023, ch. 1 §3,
  https://sede.agenciatributaria.gob.es/Sede/en_gb/ayuda/manuales-videos-folletos/manuales-practicos/manual-iva-2023/capitulo-01-novedades-destacar-2023/ventas-distancia-intracomunitarias.html);
  sales taxed at destination if the previous year's total exceeded EUR 10,000
  (AEAT VAT manual 2021, "Intra-EU remote sales to private individuals").
* Art. 14a(1) and (2), https://datenbank.nwb.de/Dokument/452295_14a.
* HMRC: "You must register for VAT in the UK if you're an overseas seller ...
  There is no registration threshold in this situation",
  https://www.gov.uk/guidance/vat-overseas-businesses-using-an-online-marketplace-to-sell-goods-in-the-uk;
  VATREG37210 (consignments up to GBP 135 sold directly: the overseas seller
  registers; via an online marketplace, the marketplace is deemed supplier),
  https://www.gov.uk/hmrc-internal-manuals/vat-registration-manual/vatreg37210;
  marketplaces are liable for goods of any value located in the UK sold by an
  overseas business,
  https://www.gov.uk/guidance/check-where-an-online-marketplace-seller-is-established.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder.customs import (
    DestinationSales,
    Obligation,
    RegistrationCheck,
    RegistrationFinding,
    SalesChannel,
    StockHolding,
    registration_checks,
)
from xborder.customs.registration import EU_MEMBER_STATES, RULES
from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.money import Money

OWN = SalesChannel.OWN_SITE
MARKET = SalesChannel.MARKETPLACE
DAY = dt.date(2026, 12, 31)


def _sale(
    to: str,
    amount: str,
    *,
    start: str = "2026-01-01",
    end: str = "2026-02-01",
    ships_from: str = "DE",
    channel: SalesChannel = OWN,
    consignment: str | None = None,
) -> DestinationSales:
    code = "GBP" if to == "GB" else ("EUR" if to in EU_MEMBER_STATES else "USD")
    return DestinationSales(
        destination=to,
        ships_from=ships_from,
        channel=channel,
        start=start,
        end=end,
        amount=Money(amount, code),
        consignment_max=None if consignment is None else Money(consignment, code),
    )


def _where(check: RegistrationCheck) -> set[tuple[str, str, dt.date]]:
    return {(f.country, f.rule, f.from_date) for f in check.findings}


# -- EU: the EUR 10,000 threshold (OSS) ------------------------------------------


def test_hellotax_three_destinations_all_taxed_once_the_threshold_falls() -> None:
    # DE seller: ES 5,000 (Jan), FR 5,000 (Feb), PL 1,000 (Mar) -> 11,000 > 10,000.
    sales = [
        _sale("ES", "5000"),
        _sale("FR", "5000", start="2026-02-01", end="2026-03-01"),
        _sale("PL", "1000", start="2026-03-01", end="2026-04-01"),
    ]
    check = registration_checks(established="DE", sales=sales, as_of=DAY)
    # Art. 59c(2): destination VAT "as of that time": from the supply that
    # crosses, in March; the earlier months stay German.
    assert _where(check) == {("PL", "EU-OSS-THRESHOLD", dt.date(2026, 3, 1))}
    (finding,) = check.findings
    assert finding.obligation is Obligation.REGISTER_OR_OSS
    assert "11000.00 EUR" in finding.reason
    assert finding.source == RULES["EU-OSS-THRESHOLD"].validity.source


def test_exactly_ten_thousand_does_not_exceed() -> None:
    sales = [
        _sale("FR", "6000"),
        _sale("IT", "4000", start="2026-02-01", end="2026-03-01"),
    ]
    assert registration_checks(established="DE", sales=sales, as_of=DAY).findings == ()


def test_passing_it_last_year_taxes_every_destination_from_1_january() -> None:
    sales = [
        _sale("FR", "10000.01", start="2025-05-01", end="2025-06-01"),
        _sale("AT", "50", start="2026-02-01", end="2026-03-01"),
    ]
    check = registration_checks(established="DE", sales=sales, as_of=DAY)
    assert ("AT", "EU-OSS-THRESHOLD", dt.date(2026, 2, 1)) in _where(check)
    assert ("FR", "EU-OSS-THRESHOLD", dt.date(2025, 5, 1)) in _where(check)


def test_domestic_sales_do_not_count_towards_the_threshold() -> None:
    sales = [_sale("DE", "90000"), _sale("FR", "9000")]
    assert registration_checks(established="DE", sales=sales, as_of=DAY).findings == ()


def test_before_1_july_2021_the_threshold_rule_is_not_in_force() -> None:
    sales = [_sale("FR", "20000", start="2021-03-01", end="2021-04-01")]
    assert registration_checks(established="DE", sales=sales, as_of=DAY).findings == ()


def test_a_non_eu_seller_has_no_threshold() -> None:
    # Own-site sales from a Polish warehouse to France by a US seller.
    sales = [_sale("FR", "10", ships_from="PL")]
    check = registration_checks(established="US", sales=sales, as_of=DAY)
    assert _where(check) == {("FR", "EU-DISTANCE-NO-THRESHOLD", dt.date(2026, 1, 1))}


def test_aeat_goods_sent_from_another_member_state_lose_the_threshold() -> None:
    # A German seller ships EUR 10 from its Polish stock to France and EUR 20
    # from Germany to Italy: the goods are not sent exclusively from Germany.
    sales = [_sale("FR", "10", ships_from="PL"), _sale("IT", "20")]
    stock = [StockHolding(country="PL", since="2025-12-01")]
    check = registration_checks(established="DE", sales=sales, stock=stock, as_of=DAY)
    assert _where(check) == {
        ("PL", "EU-STOCK", dt.date(2025, 12, 1)),
        ("FR", "EU-DISTANCE-NO-THRESHOLD", dt.date(2026, 1, 1)),
        ("IT", "EU-DISTANCE-NO-THRESHOLD", dt.date(2026, 1, 1)),
    }


# -- stock -------------------------------------------------------------------------


def test_stock_abroad_means_registration_from_the_first_day() -> None:
    stock = [
        StockHolding(country="PL", since="2026-03-15"),
        StockHolding(country="DE", since="2026-01-01"),  # home: nothing new
        StockHolding(country="GB", since="2026-04-01"),
    ]
    check = registration_checks(established="DE", sales=[], stock=stock, as_of=DAY)
    assert _where(check) == {
        ("PL", "EU-STOCK", dt.date(2026, 3, 15)),
        ("GB", "GB-STOCK", dt.date(2026, 4, 1)),
    }
    assert all(f.obligation is Obligation.REGISTER for f in check.findings)


def test_stock_after_the_check_day_is_not_yet_a_finding() -> None:
    stock = [StockHolding(country="FR", since="2027-01-01")]
    assert (
        registration_checks(established="CN", sales=[], stock=stock, as_of=DAY).findings
        == ()
    )


# -- UK ----------------------------------------------------------------------------


def test_hmrc_overseas_seller_registers_from_the_first_sale() -> None:
    sales = [_sale("GB", "0.99", ships_from="GB", start="2026-06-01", end="2026-07-01")]
    check = registration_checks(established="CN", sales=sales, as_of=DAY)
    assert _where(check) == {("GB", "GB-OVERSEAS-SELLER", dt.date(2026, 6, 1))}
    assert check.findings[0].describe().startswith("Register in GB from 2026-06-01")


def test_hmrc_low_value_parcels_sold_directly_need_registration() -> None:
    sales = [_sale("GB", "500", ships_from="CN", consignment="135")]
    check = registration_checks(established="CN", sales=sales, as_of=DAY)
    assert _where(check) == {("GB", "GB-LOW-VALUE-DIRECT", dt.date(2026, 1, 1))}


def test_parcels_over_135_pounds_pay_import_vat_instead() -> None:
    sales = [_sale("GB", "500", ships_from="CN", consignment="135.01")]
    assert registration_checks(established="CN", sales=sales, as_of=DAY).findings == ()


def test_a_uk_seller_has_no_overseas_seller_finding() -> None:
    sales = [_sale("GB", "500", ships_from="GB")]
    assert registration_checks(established="GB", sales=sales, as_of=DAY).findings == ()


# -- the marketplace as deemed supplier ----------------------------------------


@pytest.mark.parametrize(
    ("row", "established", "rule"),
    [
        (
            _sale("FR", "900", ships_from="CN", channel=MARKET, consignment="150"),
            "CN",
            "EU-MARKETPLACE-IMPORTS",
        ),
        (
            _sale("FR", "900", ships_from="PL", channel=MARKET),
            "US",
            "EU-MARKETPLACE-NON-EU-SELLER",
        ),
        (
            _sale("GB", "900", ships_from="CN", channel=MARKET, consignment="135"),
            "CN",
            "GB-MARKETPLACE-LOW-VALUE",
        ),
        (
            _sale("GB", "900", ships_from="GB", channel=MARKET),
            "US",
            "GB-MARKETPLACE-OVERSEAS-SELLER",
        ),
    ],
)
def test_the_marketplace_accounts_for_these_sales(
    row: DestinationSales, established: str, rule: str
) -> None:
    check = registration_checks(established=established, sales=[row], as_of=DAY)
    assert [(m.sales, m.rule) for m in check.marketplace] == [(row, rule)]
    assert check.findings == ()
    assert f"Marketplace accounts for 900.00 {row.amount.currency} ({rule})" in (
        check.explain()
    )


def test_an_eu_sellers_marketplace_sales_still_count_towards_the_threshold() -> None:
    sales = [_sale("FR", "10001", channel=MARKET)]
    check = registration_checks(established="DE", sales=sales, as_of=DAY)
    assert check.marketplace == ()
    assert _where(check) == {("FR", "EU-OSS-THRESHOLD", dt.date(2026, 1, 1))}


def test_imports_over_150_euros_are_not_deemed() -> None:
    row = _sale("FR", "900", ships_from="CN", channel=MARKET, consignment="150.01")
    check = registration_checks(established="CN", sales=[row], as_of=DAY)
    assert check.marketplace == ()


# -- laws --------------------------------------------------------------------------


def test_the_member_states_are_the_27_since_brexit() -> None:
    # https://european-union.europa.eu/principles-countries-history/eu-countries_en
    assert len(EU_MEMBER_STATES) == 27
    assert "GB" not in EU_MEMBER_STATES
    assert {"HR", "GR", "CY", "MT"} <= EU_MEMBER_STATES


@given(st.from_type(RegistrationCheck))
def test_findings_are_earliest_first_and_one_per_country_and_rule(
    check: RegistrationCheck,
) -> None:
    days = [f.from_date for f in check.findings]
    assert days == sorted(days)
    keys = [(f.country, f.rule) for f in check.findings]
    assert len(keys) == len(set(keys))
    for finding in check.findings:
        assert finding.rule in RULES
        assert finding.source == RULES[finding.rule].validity.source
        assert finding.from_date >= RULES[finding.rule].validity.valid_from


@given(
    st.lists(st.from_type(DestinationSales), max_size=5),
    st.sampled_from(["DE", "CN", "GB"]),
)
def test_deemed_sales_are_set_apart_and_never_repeated(
    sales: list[DestinationSales], established: str
) -> None:
    check = registration_checks(
        established=established, sales=sales, as_of=dt.date(2030, 12, 31)
    )
    for deemed in check.marketplace:
        assert deemed.sales.channel is MARKET
        assert deemed.sales in sales
    assert len(check.marketplace) <= len(sales)


@given(st.from_type(DestinationSales), st.integers(1, 5))
def test_more_sales_never_remove_a_finding(row: DestinationSales, times: int) -> None:
    before = registration_checks(
        established="DE", sales=[row], as_of=dt.date(2030, 12, 31)
    )
    bigger = DestinationSales(
        destination=row.destination,
        ships_from=row.ships_from,
        channel=row.channel,
        start=row.start,
        end=row.end,
        amount=row.amount * times,
        consignment_max=row.consignment_max,
    )
    after = registration_checks(
        established="DE", sales=[bigger], as_of=dt.date(2030, 12, 31)
    )
    assert {(f.country, f.rule) for f in before.findings} <= {
        (f.country, f.rule) for f in after.findings
    }


# -- bad input ---------------------------------------------------------------------


def test_a_period_across_new_year_is_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        _sale("FR", "1", start="2026-12-01", end="2027-01-02")
    assert caught.value.field == "end"
    assert caught.value.value == dt.date(2027, 1, 2)


def test_an_empty_period_is_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        _sale("FR", "1", start="2026-03-01", end="2026-03-01")
    assert caught.value.field == "end"


def test_eu_sales_must_be_in_euros() -> None:
    with pytest.raises(CurrencyMismatchError) as caught:
        DestinationSales(
            destination="FR",
            ships_from="DE",
            channel=OWN,
            start="2026-01-01",
            end="2026-02-01",
            amount=Money("10", "USD"),
        )
    assert caught.value.field == "amount"
    assert caught.value.value == Money("10", "USD")


def test_consignment_value_must_match_the_amount() -> None:
    with pytest.raises(CurrencyMismatchError) as caught:
        DestinationSales(
            destination="GB",
            ships_from="CN",
            channel=OWN,
            start="2026-01-01",
            end="2026-02-01",
            amount=Money("10", "GBP"),
            consignment_max=Money("10", "EUR"),
        )
    assert caught.value.field == "consignment_max"


def test_negative_sales_are_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        _sale("FR", "-1")
    assert (caught.value.field, caught.value.value) == ("amount", Money("-1", "EUR"))


@pytest.mark.parametrize(
    ("field", "value"), [("destination", "UK"), ("ships_from", "EU")]
)
def test_country_codes_are_checked(field: str, value: str) -> None:
    kwargs: dict[str, object] = {
        "destination": "FR",
        "ships_from": "DE",
        "channel": OWN,
        "start": "2026-01-01",
        "end": "2026-02-01",
        "amount": Money("1", "EUR"),
        field: value,
    }
    with pytest.raises(InvalidInputError) as caught:
        DestinationSales(**kwargs)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.value) == (field, value)


def test_a_channel_must_be_a_sales_channel() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        DestinationSales(
            destination="FR",
            ships_from="DE",
            channel="marketplace",  # type: ignore[arg-type]
            start="2026-01-01",
            end="2026-02-01",
            amount=Money("1", "EUR"),
        )
    assert (caught.value.field, caught.value.value) == ("channel", "marketplace")


def test_sales_after_the_check_day_are_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        registration_checks(
            established="DE",
            sales=[_sale("FR", "1", start="2027-01-01", end="2027-02-01")],
            as_of=DAY,
        )
    assert caught.value.field == "sales[0].start"


@pytest.mark.parametrize(
    ("name", "value", "field", "bad"),
    [
        ("established", "UK", "established", "UK"),
        ("as_of", "31/12/2026", "as_of", "31/12/2026"),
        ("sales", ["FR"], "sales[0]", "FR"),
        ("sales", "FR", "sales", "FR"),
        ("stock", [("PL", "2026-01-01")], "stock[0]", ("PL", "2026-01-01")),
    ],
)
def test_bad_arguments_name_their_field(
    name: str, value: object, field: str, bad: object
) -> None:
    arguments: dict[str, object] = {"established": "DE", "sales": [], "as_of": DAY}
    arguments[name] = value
    with pytest.raises(InvalidInputError) as caught:
        registration_checks(**arguments)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.value) == (field, bad)


def test_a_finding_reads_as_a_sentence() -> None:
    finding = RegistrationFinding(
        country="IT",
        from_date="2026-03-01",
        rule="EU-OSS-THRESHOLD",
        obligation=Obligation.REGISTER_OR_OSS,
        reason="intra-EU distance sales passed 10000.00 EUR in 2026",
        source=RULES["EU-OSS-THRESHOLD"].validity.source,
    )
    assert finding.describe() == (
        "Register in IT or declare through the OSS from 2026-03-01 because "
        "intra-EU distance sales passed 10000.00 EUR in 2026 (EU-OSS-THRESHOLD)"
    )
    limit = RULES["EU-OSS-THRESHOLD"].limit
    assert limit == Money("10000.00", "EUR")
