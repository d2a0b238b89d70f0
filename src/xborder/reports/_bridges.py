"""From typed records to xborder's models (private; see xborder.reports)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xborder.errors import CurrencyMismatchError, InvalidInputError, XborderError
from xborder.kpi import MatchType, SearchTermRow
from xborder.money import Currency, Money
from xborder.reports._amazon_ads import AMAZON_SEARCH_TERMS
from xborder.reports._amazon_payments import AMAZON_FBA_FEE_PREVIEW
from xborder.reports._read import read_records

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    from xborder.reports._numbers import NumberFormat
    from xborder.reports._spec import ReportSpec

__all__ = ["fba_fees_by_key", "search_term_rows"]

_KPI_COLUMNS = (
    "campaign", "targeting", "match_type", "search_term", "impressions",
    "clicks", "spend", "orders", "sales",
)  # fmt: skip


def search_term_rows(
    records: Iterable[Mapping[str, object]],
    *,
    currency: Currency | str,
    spec: ReportSpec = AMAZON_SEARCH_TERMS,
    number_format: NumberFormat | None = None,
    candidates: Iterable[NumberFormat] | None = None,
    headers: Iterable[str] | None = None,
    click_days: int | None = None,
    match_types: Mapping[str, MatchType | None] | None = None,
    sample: int = 1000,
) -> Iterator[SearchTermRow]:
    """:class:`xborder.kpi.SearchTermRow` objects from a search-term export, lazily.

    The records are read with :func:`read_records` and ``spec`` (by default
    :data:`AMAZON_SEARCH_TERMS`), then each becomes a row in ``currency``,
    ready for :func:`xborder.kpi.summarize`, :func:`~xborder.kpi.harvest`
    or :func:`~xborder.kpi.bid_changes`. The report's attribution window is
    in its headers: take it from :func:`match_headers`.

    Raises:
        InvalidInputError: A header is missing or a cell is wrong, named as
            ``rows[i].column``.
        CurrencyMismatchError: A row's ``Currency`` cell names another
            currency.

    Examples:
        >>> rows = search_term_rows([{"Campaign Name": "PH Auto",
        ...     "Targeting": "close-match", "Match Type": "-",
        ...     "Customer Search Term": "car phone holder", "Impressions": "5,200",
        ...     "Clicks": "61", "Spend": "$42.70", "7 Day Total Sales ": "$174.93",
        ...     "7 Day Total Orders (#)": "7"}], currency="USD")
        >>> row = next(rows)
        >>> row.match_type, row.impressions, str(row.sales)
        (<MatchType.AUTO: 'auto'>, 5200, '174.93 USD')
    """
    try:
        money = currency if isinstance(currency, Currency) else Currency(currency)
    except XborderError as error:
        raise type(error)(
            error.detail, field="currency", value=currency, expected=error.expected
        ) from None
    typed = read_records(
        records, spec, number_format=number_format, candidates=candidates,
        headers=headers, click_days=click_days, match_types=match_types,
        sample=sample,
    )  # fmt: skip
    _check_spec(spec)
    return _rows(typed, money)


def _check_spec(spec: ReportSpec) -> None:
    missing = [name for name in _KPI_COLUMNS if name not in spec.names]
    if missing:
        raise InvalidInputError(
            field="spec",
            value=spec.name,
            expected="a spec with the columns SearchTermRow needs: "
            + ", ".join(missing)
            + " missing",
        )


def _rows(
    typed: Iterator[dict[str, object]], money: Currency
) -> Iterator[SearchTermRow]:
    code = money.code
    for index, row in enumerate(typed):
        where = f"rows[{index}]"
        written = row.get("currency")
        if written is not None and written != code:
            raise CurrencyMismatchError(
                "pass the report's currency, or convert with xborder.fx",
                field=f"{where}.currency",
                value=written,
                expected=code,
            )
        try:
            yield SearchTermRow(
                campaign=row["campaign"],  # type: ignore[arg-type]
                ad_group=row.get("ad_group"),  # type: ignore[arg-type]
                targeting=row["targeting"],  # type: ignore[arg-type]
                match_type=row["match_type"],  # type: ignore[arg-type]
                search_term=row["search_term"],  # type: ignore[arg-type]
                impressions=row["impressions"],  # type: ignore[arg-type]
                clicks=row["clicks"],  # type: ignore[arg-type]
                spend=Money(row["spend"], money),  # type: ignore[arg-type]
                orders=row["orders"],  # type: ignore[arg-type]
                sales=Money(row["sales"], money),  # type: ignore[arg-type]
            )
        except XborderError as error:
            raise error.in_field(where) from None


def fba_fees_by_key(
    records: Iterable[Mapping[str, object]],
    *,
    number_format: NumberFormat | None = None,
    candidates: Iterable[NumberFormat] | None = None,
    headers: Iterable[str] | None = None,
) -> dict[tuple[str, str], dict[str, object]]:
    """The FBA fee preview's rows keyed on (sku, amazon-store).

    One file can hold a SKU's US and CA estimates (reports-and-fees.md
    §1.6), so the SKU alone is no key.

    Raises:
        InvalidInputError: A (sku, store) pair appears twice (named as
            ``rows[i].sku``), or a cell is wrong.

    Examples:
        >>> fees = fba_fees_by_key([
        ...     {"sku": "PH-01", "amazon-store": "US", "estimated-fee-total": "5.12"},
        ...     {"sku": "PH-01", "amazon-store": "CA", "estimated-fee-total": "--"}])
        >>> fees["PH-01", "US"]["estimated_fee_total"], fees["PH-01", "CA"]["estimated_fee_total"]
        (Decimal('5.12'), None)
    """  # noqa: E501 - a doctest line
    keyed: dict[tuple[str, str], dict[str, object]] = {}
    rows = read_records(
        records, AMAZON_FBA_FEE_PREVIEW, number_format=number_format,
        candidates=candidates, headers=headers,
    )  # fmt: skip
    for index, row in enumerate(rows):
        key = (str(row["sku"]), str(row["amazon_store"]))
        if key in keyed:
            raise InvalidInputError(
                field=f"rows[{index}].sku",
                value=key,
                expected="one row per (sku, amazon-store)",
            )
        keyed[key] = row
    return keyed
