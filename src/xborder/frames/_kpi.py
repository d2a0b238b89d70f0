"""Search-term KPIs over a whole report table (private; see xborder.frames).

The work is split where exactness is cheap:

* **columnar, over every row**: the checks of each row
  (:mod:`xborder.frames._search_terms`), and the sums per group: counts and
  amounts (unscaled integers) summed on Int64, or on Int128 when the
  largest value times the number of rows could pass 2**63, so a sum never
  wraps; search terms and targeting are grouped as written first, then
  normalised once per group and grouped again (sums of sums);
* **columnar, over the groups**: every KPI value, harvest verdict and
  suggested bid, by the column engine evaluating the rules of
  :mod:`xborder.kpi.rules` (exact integer arithmetic; should a step risk
  leaving Int128's range, those groups go through the same rules on
  Decimals, one by one).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeAlias

import polars as pl

from xborder._validate import items_of
from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.frames._columns import decimals
from xborder.frames._figures import Evaluated, Input, evaluate
from xborder.frames._native import new_table
from xborder.frames._pricing import Result
from xborder.frames._search_terms import AMOUNTS, COUNTS, MATCH_TYPES, Terms, read_terms
from xborder.frames._text import is_product_term, normalized, target_keys
from xborder.kpi import Grouping, HarvestRules, MatchType, ReportSemantics
from xborder.kpi import rules as kpi_rules
from xborder.money import RoundingMode

if TYPE_CHECKING:
    from collections.abc import Callable

    from xborder._ops import Ops

__all__ = [
    "HARVEST",
    "KPIS",
    "KPI_PLACES",
    "SUMS",
    "breakdown",
    "group_keys",
    "harvest",
    "summarize",
]

SUMS = ("impressions", "clicks", "spend", "orders", "sales")
"""The summed columns, in order: three counts and two amounts."""

KPIS = tuple(kpi_rules.KPIS)
"""The KPI columns, in order: ``ctr``, ``cpc``, ``cpm``, ``cvr``, ``acos``,
``roas`` (see :data:`xborder.kpi.rules.KPIS`)."""

HARVEST = ("action", "reason", "negative_purpose", "is_product", "suggested_bid")
"""The columns :func:`harvest` adds after the KPIs."""

KPI_PLACES = 10
"""The decimal places of KPI values unless asked otherwise (rounded half-even)."""

_GROUPINGS: dict[Grouping, tuple[str, ...]] = {
    Grouping.CAMPAIGN: ("campaign",),
    Grouping.AD_GROUP: ("campaign", "ad_group"),
    Grouping.TARGETING: ("campaign", "ad_group", "targeting", "match_type"),
    Grouping.SEARCH_TERM: ("campaign", "ad_group", "search_term"),
    Grouping.MATCH_TYPE: ("match_type",),
}
_NORMALISED = frozenset({"search_term", "targeting"})
_ONE_WORD = 2**63
_WIDE = 2**126


def summarize(
    frame: object,
    *,
    report: ReportSemantics,
    places: int = KPI_PLACES,
    rounding: RoundingMode = RoundingMode.HALF_EVEN,
    floats: str = "refuse",
    errors: str = "report",
) -> Result:
    r"""A report's totals and ad KPIs in one row: :func:`xborder.kpi.summarize` on a table.

    Each row of ``frame`` is a :class:`~xborder.kpi.SearchTermRow`, in the
    columns :func:`read_report` gives a search-term report: ``campaign``,
    ``ad_group`` (optional), ``targeting``, ``match_type`` (the values of
    :class:`~xborder.kpi.MatchType`) and ``search_term`` as text;
    ``impressions``, ``clicks`` and ``orders`` as integers; ``spend`` and
    ``sales`` as Decimal, integer or plain decimal text in the report's
    currency. Each row is checked as the model and
    :meth:`~xborder.kpi.ReportSemantics.check` check it; a row that fails is
    left out of the sums and reported in :attr:`Result.errors`, under the
    field the scalar names (``errors="raise"`` raises the first, as
    ``rows[i].column``).

    What runs where: the checks and the sums run in columns over every row
    (exact: integers, summed on Int64, or Int128 where a total could pass
    2**63); each KPI is then the exact ratio of two sums, rounded once to
    ``places`` decimals with ``rounding`` by the column engine evaluating
    :func:`xborder.kpi.rules.kpis_of`.

    Output (one row; a KPI is null where the scalar says
    :data:`~xborder.kpi.UNDEFINED`, its denominator being 0):

    | column | type | meaning |
    | --- | --- | --- |
    | ``currency`` | String | the report's currency |
    | ``impressions``, ``clicks``, ``orders`` | Int64 | sums |
    | ``spend``, ``sales`` | Decimal(18, s) | sums, at the currency's scale s (finer if the table's amounts are; 38 digits if 18 could overflow) |
    | ``ctr`` | Decimal(18, places) | clicks / impressions |
    | ``cpc`` | Decimal(18, places) | spend / clicks |
    | ``cpm`` | Decimal(18, places) | 1000 × spend / impressions |
    | ``cvr`` | Decimal(18, places) | orders / clicks |
    | ``acos`` | Decimal(18, places) | spend / sales |
    | ``roas`` | Decimal(18, places) | sales / spend |

    Each KPI's numerator and denominator are the sum columns of its row, so
    totals over any rows are re-computed from sums, never averaged. KPI
    columns hold 38 digits where 18 could overflow.

    Args:
        frame: The report: polars (eager or lazy), pandas or pyarrow.
        report: Its currency, attribution window and nesting rules.
        places: Decimal places of the KPI values (0 to 30).
        rounding: How KPI values are rounded to ``places``.
        floats: ``"refuse"`` a float amount column (the default), or read
            each float as the shortest decimal that prints it.
        errors: ``"report"`` bad rows in :attr:`Result.errors`, or
            ``"raise"`` the first.

    Returns:
        The one-row table (in the caller's frame library) and the errors.

    Raises:
        InvalidInputError: A needed column is missing, or (with
            ``errors="raise"``) a row is wrong.
        InvalidTypeError: A column has a type its values cannot have (text
            counts, float amounts), or an argument is of the wrong type.

    Examples:
        >>> import polars as pl
        >>> from xborder.kpi import AttributionWindow, ReportSemantics
        >>> report = ReportSemantics(currency="USD",
        ...     attribution=AttributionWindow(click_days=7))
        >>> rows = pl.DataFrame({
        ...     "campaign": ["Auto", "Auto"], "targeting": ["close-match"] * 2,
        ...     "match_type": ["auto", "auto"],
        ...     "search_term": ["phone holder", "car mount"],
        ...     "impressions": [1000, 500], "clicks": [20, 10],
        ...     "spend": ["14.00", "7.00"], "orders": [2, 0], "sales": ["50.00", "0"]})
        >>> result = summarize(rows, report=report, places=4)
        >>> result.table.select("clicks", "spend", "acos").row(0)
        (30, Decimal('21.00'), Decimal('0.4200'))
    """  # noqa: E501 - a table row
    unit, mode = places_unit(places), rounding_mode(rounding)
    terms = read_terms(frame, report, floats=floats, errors=errors)
    groups = grouped(terms.rows, ())
    table = with_kpis(groups, (), terms, unit, mode)
    return Result(new_table(terms.given, table), new_table(terms.given, terms.errors))


def breakdown(
    frame: object,
    *,
    report: ReportSemantics,
    by: Grouping | str | Sequence[str],
    places: int = KPI_PLACES,
    rounding: RoundingMode = RoundingMode.HALF_EVEN,
    floats: str = "refuse",
    errors: str = "report",
) -> Result:
    r"""Totals and ad KPIs per group: :func:`xborder.kpi.breakdown` on a table.

    ``by`` is a :class:`~xborder.kpi.Grouping`, with the scalar's meaning
    (``Grouping.TARGETING`` groups by campaign, ad group, targeting and
    match type...), or any of the table's other columns, by name: a date, a
    portfolio, ``("campaign", "date")``. Search terms and targeting are
    always compared case-folded with spaces collapsed
    (:func:`~xborder.kpi.normalize_term`), as the scalar compares them; any
    other column as written (a null is a group of its own). Groups come
    sorted by their keys (nulls first), and their sums add up exactly to
    :func:`summarize`'s.

    Rows are read and checked as :func:`summarize` does. What runs where:
    checks and sums in columns over every row (the rows are grouped as
    written, then the few distinct terms normalised and the groups summed
    again); KPIs by the column engine over the groups.

    Output, one row per group: the key columns (text as String,
    ``match_type`` as an Enum of :class:`~xborder.kpi.MatchType` values,
    other columns with their own types), then the columns of
    :func:`summarize`: ``currency``, the sums and the KPIs.

    Args:
        frame: The report: polars (eager or lazy), pandas or pyarrow.
        report: Its currency, attribution window and nesting rules.
        by: A :class:`~xborder.kpi.Grouping`, a column name, or a sequence
            of column names (not a summed column).
        places: Decimal places of the KPI values (0 to 30).
        rounding: How KPI values are rounded to ``places``.
        floats: ``"refuse"`` a float amount column, or ``"shortest"``.
        errors: ``"report"`` or ``"raise"``.

    Returns:
        The groups' table (in the caller's frame library) and the errors.

    Raises:
        InvalidInputError: A needed or grouping column is missing, ``by``
            names a summed column, or (``errors="raise"``) a row is wrong.
        InvalidTypeError: A column or argument has the wrong type.

    Examples:
        >>> import polars as pl
        >>> from xborder.kpi import AttributionWindow, Grouping, ReportSemantics
        >>> report = ReportSemantics(currency="USD",
        ...     attribution=AttributionWindow(click_days=7))
        >>> rows = pl.DataFrame({
        ...     "campaign": ["Auto"] * 3, "targeting": ["close-match"] * 3,
        ...     "match_type": ["auto"] * 3,
        ...     "search_term": ["Phone Holder", "phone  holder", "car mount"],
        ...     "impressions": [100, 100, 50], "clicks": [5, 5, 1],
        ...     "spend": ["3.50", "3.50", "0.70"], "orders": [1, 1, 0],
        ...     "sales": ["25.00", "25.00", "0"]})
        >>> groups = breakdown(rows, report=report, by=Grouping.SEARCH_TERM).table
        >>> groups.select("search_term", "clicks", "sales").rows()
        [('car mount', 1, Decimal('0.00')), ('phone holder', 10, Decimal('50.00'))]
    """
    unit, mode = places_unit(places), rounding_mode(rounding)
    keys = group_keys(by)
    terms = read_terms(frame, report, floats=floats, errors=errors, extra=keys)
    groups = grouped(terms.rows, keys)
    table = with_kpis(groups, keys, terms, unit, mode)
    return Result(new_table(terms.given, table), new_table(terms.given, terms.errors))


def harvest(
    frame: object,
    *,
    report: ReportSemantics,
    rules: HarvestRules,
    existing_targets: Iterable[str] = (),
    places: int = KPI_PLACES,
    rounding: RoundingMode = RoundingMode.HALF_EVEN,
    floats: str = "refuse",
    errors: str = "report",
) -> Result:
    r"""Promote, negate or keep every search term: :func:`xborder.kpi.harvest` on a table.

    The terms of the source match types (``rules.sources``) are summed per
    campaign, ad group and normalised term; every exact keyword and product
    target in the report (plus ``existing_targets``) counts as already
    targeted. Each term is then decided by the scalar's rules
    (:func:`xborder.kpi.rules.verdict_of`), by exact comparisons only
    (spend against sales × target ACOS, clicks against impressions ×
    ``low_ctr_max``), so every decision equals
    :attr:`xborder.kpi.TermDecision.reason` for the same rows.

    Rows are read and checked as :func:`summarize` does. What runs where:
    checks and sums in columns over every row; normalising terms once per
    group (in polars for ASCII text, by
    :func:`~xborder.kpi.normalize_term` for the rest); verdicts, suggested
    bids and KPIs by the column engine over the groups.

    Output, one row per term, sorted by campaign, ad group and term: the
    keys ``campaign``, ``ad_group``, ``search_term`` (String, the term
    normalised), then ``currency``, the sums and KPIs of :func:`summarize`,
    and:

    | column | type | meaning |
    | --- | --- | --- |
    | ``action`` | String | ``promote``, ``negate`` or ``keep`` |
    | ``reason`` | String | the rule that decided (:class:`~xborder.kpi.HarvestReason` value) |
    | ``negative_purpose`` | String | the purpose of the negative the term adds in its source (:class:`~xborder.kpi.NegativePurpose` value): ``isolation`` for a promoted or already targeted term, ``waste`` for one that does not sell; null for a kept term |
    | ``is_product`` | Boolean | the term is an ASIN: promote it as a product target |
    | ``suggested_bid`` | Decimal(18, currency scale) | promoted terms: sales / clicks × target ACOS, rounded down (null otherwise, or without clicks) |

    The negatives to add are the rows with a ``negative_purpose`` (those
    whose action is not ``keep``), as :attr:`xborder.kpi.HarvestPlan.negatives`;
    ``negative_purpose == "isolation"`` and ``"waste"`` select
    :attr:`~xborder.kpi.HarvestPlan.isolating_negatives` and
    :attr:`~xborder.kpi.HarvestPlan.wasteful_negatives`.

    Args:
        frame: The report: polars (eager or lazy), pandas or pyarrow.
        report: Its currency, attribution window and nesting rules.
        rules: The harvest rules.
        existing_targets: Keyword texts or ASINs targeted exactly elsewhere.
        places: Decimal places of the KPI values (0 to 30).
        rounding: How KPI values are rounded to ``places``.
        floats: ``"refuse"`` a float amount column, or ``"shortest"``.
        errors: ``"report"`` or ``"raise"``.

    Returns:
        The decisions' table (in the caller's frame library) and the errors.

    Raises:
        CurrencyMismatchError: ``rules.negative_max_spend`` is not in the
            report's currency.
        InvalidInputError: A needed column is missing, or
            (``errors="raise"``) a row is wrong.
        InvalidTypeError: A column or argument has the wrong type.

    Examples:
        >>> import polars as pl
        >>> from xborder.kpi import AttributionWindow, HarvestRules, ReportSemantics
        >>> report = ReportSemantics(currency="USD",
        ...     attribution=AttributionWindow(click_days=7))
        >>> rows = pl.DataFrame({
        ...     "campaign": ["PH Auto"] * 2, "targeting": ["close-match"] * 2,
        ...     "match_type": ["auto"] * 2,
        ...     "search_term": ["phone holder for car vent", "phone stand"],
        ...     "impressions": [2000, 2000], "clicks": [37, 22],
        ...     "spend": ["25.90", "15.40"], "orders": [4, 0],
        ...     "sales": ["99.96", "0"]})
        >>> plan = harvest(rows, report=report, rules=HarvestRules(target_acos="0.30"))
        >>> shown = ("search_term", "action", "negative_purpose", "suggested_bid")
        >>> for row in plan.table.select(shown).iter_rows():
        ...     print(*row)
        phone holder for car vent promote isolation 0.81
        phone stand negate waste None
    """  # noqa: E501 - a table row
    unit, mode = places_unit(places), rounding_mode(rounding)
    _check_harvest(rules, report)
    existing = _texts(existing_targets)
    terms = read_terms(frame, report, floats=floats, errors=errors)
    rows = terms.rows
    targeted = _targeted(rows, existing)
    sources = [kind.value for kind in rules.sources]
    keys = ("campaign", "ad_group", "search_term")
    groups = grouped(rows.filter(pl.col("match_type").is_in(sources)), keys)
    groups = groups.with_columns(
        target_keys(groups.get_column("search_term"))
        .is_in(targeted.to_list())
        .alias("__xb_in"),
        is_product_term(pl.col("search_term")).alias("is_product"),
    )
    currency = terms.currency
    table = with_kpis(
        groups,
        keys,
        terms,
        unit,
        mode,
        extra=(_harvest_outputs(rules, currency.minor_unit), currency.exponent),
    )
    return Result(new_table(terms.given, table), new_table(terms.given, terms.errors))


# -- arguments --------------------------------------------------------------------


def places_unit(places: object) -> Decimal:
    if isinstance(places, bool) or not isinstance(places, int):
        raise InvalidTypeError(field="places", value=places, expected="an int")
    if not 0 <= places <= 30:  # noqa: PLR2004 - far finer than any KPI is read
        raise InvalidInputError(
            field="places", value=places, expected="an int from 0 to 30"
        )
    return Decimal(1).scaleb(-places)


def rounding_mode(rounding: object) -> str:
    if not isinstance(rounding, RoundingMode):
        raise InvalidTypeError(
            field="rounding", value=rounding, expected="a RoundingMode"
        )
    return rounding.value


def group_keys(by: object) -> tuple[str, ...]:
    """The columns a breakdown ``by`` groups on, checked."""
    if isinstance(by, Grouping):
        return _GROUPINGS[by]
    names = (by,) if isinstance(by, str) else by
    if not isinstance(names, Sequence) or not names:
        raise InvalidTypeError(
            field="by",
            value=by,
            expected="a Grouping, a column name or a sequence of column names",
        )
    for index, name in enumerate(names):
        if not isinstance(name, str):
            raise InvalidTypeError(field=f"by[{index}]", value=name, expected="a str")
        if name in SUMS:
            raise InvalidInputError(
                field=f"by[{index}]",
                value=name,
                expected="a column that is not summed (not " + ", ".join(SUMS) + ")",
            )
    if len(set(names)) != len(names):
        raise InvalidInputError(field="by", value=names, expected="no repeats")
    return tuple(names)


def _check_harvest(rules: object, report: ReportSemantics) -> None:
    if not isinstance(rules, HarvestRules):
        raise InvalidTypeError(field="rules", value=rules, expected="HarvestRules")
    if not isinstance(report, ReportSemantics):
        raise InvalidTypeError(field="report", value=report, expected="ReportSemantics")
    limit = rules.negative_max_spend
    if limit is not None and limit.currency != report.currency:
        raise CurrencyMismatchError(
            field="rules.negative_max_spend",
            value=limit,
            expected=f"an amount in the report's currency, {report.currency.code}",
        )


def _texts(values: object) -> list[str]:
    items: tuple[object, ...] = items_of(
        values,  # type: ignore[arg-type]
        field="existing_targets",
        expected="a collection of str",
    )
    found = []
    for index, value in enumerate(items):
        if not isinstance(value, str):
            raise InvalidTypeError(
                field=f"existing_targets[{index}]", value=value, expected="a str"
            )
        found.append(value)
    return found


# -- sums ---------------------------------------------------------------------------


def grouped(rows: pl.DataFrame, keys: Sequence[str]) -> pl.DataFrame:
    """The sums per group, keys sorted as the scalar sorts them (``None`` first).

    Text compared normalised is grouped as written first, then normalised
    per group and grouped again: sums of sums, exact either way.
    """
    sums = _sums(rows)
    if not keys:
        return rows.select(sums)
    grouped = rows.group_by(keys).agg(sums)
    normal = [key for key in keys if key in _NORMALISED]
    if normal:
        grouped = grouped.with_columns(
            normalized(grouped.get_column(key)) for key in normal
        )
        again = [pl.col(name).sum() for name in SUMS]
        grouped = grouped.group_by(keys).agg(again)
    return in_order(grouped, keys)


def in_order(frame: pl.DataFrame, keys: Sequence[str]) -> pl.DataFrame:
    """Rows sorted by ``keys`` as the scalar sorts groups (``None`` first, text)."""
    order = [
        pl.col(key).cast(pl.String) if _is_category(frame.schema[key]) else key
        for key in keys
    ]
    return frame.sort(order, nulls_last=False, maintain_order=True)


def _is_category(dtype: pl.DataType) -> bool:
    return isinstance(dtype, pl.Enum | pl.Categorical)


def _sums(rows: pl.DataFrame) -> list[pl.Expr]:
    """Each summed column's sum, on a type no sum of these rows can pass."""
    largest = rows.select(pl.col(name).max() for name in SUMS)
    exprs = []
    for name in SUMS:
        bound = int(largest.get_column(name).item() or 0) * max(rows.height, 1)
        if bound < _ONE_WORD:
            dtype: pl.DataType = pl.Int64()
        elif bound < _WIDE:
            dtype = pl.Int128()
        else:
            raise InvalidInputError(
                "a total column holds 38 digits",
                field=name,
                value=largest.get_column(name).item(),
                expected="values whose total stays below 2**126 units",
            )
        exprs.append(pl.col(name).cast(dtype).sum().alias(name))
    return exprs


# -- KPIs and decisions --------------------------------------------------------------

Decide: TypeAlias = (
    "Callable[[Ops[Any, Any], kpi_rules.Sums[Any], dict[str, Any]], dict[str, Any]]"
)
"""Outputs computed from a group's sums and conditions (the harvest decision)."""


def with_kpis(
    groups: pl.DataFrame,
    keys: Sequence[str],
    terms: Terms,
    unit: Decimal,
    rounding: str,
    *,
    extra: tuple[Decide, int] | None = None,
) -> pl.DataFrame:
    """The groups' keys, currency, sums and KPIs (and ``extra``'s outputs)."""
    scale = terms.scale
    places = -int(unit.as_tuple().exponent)
    inputs = {name: Input(name, scale if name in AMOUNTS else 0) for name in SUMS}
    scales = dict.fromkeys(KPIS, places) | {f"defined_{k}": 0 for k in KPIS}
    conditions = {}
    if extra is not None:
        scales |= {"reason": 0, "suggested_bid": extra[1], "defined_bid": 0}
        conditions = {"already": "__xb_in"}

    def build(
        ops: Ops[Any, Any], values: dict[str, Any], flags: dict[str, Any]
    ) -> dict[str, Any]:
        sums = kpi_rules.Sums(**{name: values[name] for name in SUMS})
        kpis, defined = kpi_rules.kpis_of(ops, sums, unit, RoundingMode(rounding))
        outputs = kpis._asdict()
        for name, condition in defined._asdict().items():
            outputs[f"defined_{name}"] = ops.where(condition, Decimal(1), Decimal(0))
        if extra is not None:
            outputs |= extra[0](ops, sums, flags)
        return outputs

    evaluated = evaluate(groups, inputs, conditions, scales, build)
    columns = [
        *(_key(groups, key) for key in keys),
        pl.Series("currency", [terms.currency.code] * groups.height, pl.String),
        *(sum_column(groups, name, scale) for name in SUMS),
        *(kpi_column(evaluated, name) for name in KPIS),
    ]
    table = pl.DataFrame(columns)
    if extra is not None:
        table = table.with_columns(_decisions(evaluated, groups))
    return table


def _key(groups: pl.DataFrame, key: str) -> pl.Series:
    series = groups.get_column(key)
    return series.cast(MATCH_TYPES) if key == "match_type" else series


def sum_column(groups: pl.DataFrame, name: str, scale: int) -> pl.Series:
    series = groups.get_column(name)
    if name in COUNTS:
        return series
    exact = series.cast(pl.Decimal(38, 0))
    bound = int(series.abs().max() or 0)  # type: ignore[arg-type]
    return decimals(exact, scale, bound).alias(name)


def kpi_column(evaluated: Evaluated, name: str) -> pl.Series:
    value = evaluated.decimal(name)
    defined = evaluated.code(f"defined_{name}") == 1
    return pl.select(pl.when(defined).then(value)).to_series().alias(name)


def _harvest_outputs(
    rules: HarvestRules, minor_unit: Decimal
) -> Callable[[Any, kpi_rules.Sums[Any], dict[str, Any]], dict[str, Any]]:
    def outputs(
        ops: Ops[Any, Any],
        sums: kpi_rules.Sums[Any],
        flags: dict[str, Any],
    ) -> dict[str, Any]:
        reason = kpi_rules.verdict_of(ops, rules, sums, flags["already"])
        bid, defined = kpi_rules.suggested_bid_of(ops, rules, sums, minor_unit)
        return {
            "reason": reason,
            "suggested_bid": bid,
            "defined_bid": ops.where(defined, Decimal(1), Decimal(0)),
        }

    return outputs


_REASONS = dict(enumerate(kpi_rules.REASONS))


def _decisions(evaluated: Evaluated, groups: pl.DataFrame) -> list[pl.Series]:
    reason = evaluated.code("reason").replace_strict(_REASONS, return_dtype=pl.String)
    action = reason.replace_strict(kpi_rules.HARVEST_ACTIONS, return_dtype=pl.String)
    negative = reason.replace_strict(
        kpi_rules.NEGATIVE_PURPOSES, default=None, return_dtype=pl.String
    )
    promoted = (action == "promote") & (evaluated.code("defined_bid") == 1)
    bid = evaluated.decimal("suggested_bid")
    return [
        action.alias("action"),
        reason.alias("reason"),
        negative.alias("negative_purpose"),
        groups.get_column("is_product"),
        pl.select(pl.when(promoted).then(bid)).to_series().alias("suggested_bid"),
    ]


def _targeted(rows: pl.DataFrame, existing: list[str]) -> pl.Series:
    """Every term already targeted exactly: exact keywords, product ASINs, extras."""
    exact = [MatchType.EXACT.value, MatchType.PRODUCT.value]
    texts = rows.filter(pl.col("match_type").is_in(exact)).get_column("targeting")
    given = pl.Series("targeting", existing, dtype=pl.String)
    written = pl.concat([texts.unique(), given]).unique()
    return target_keys(normalized(written)).unique()
