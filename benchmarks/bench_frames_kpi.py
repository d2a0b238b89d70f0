"""Frames KPI benchmarks: a 1,000,000-row search-term report, in polars and pandas.

Each case runs xborder.frames and a hand-written polars pipeline of the same
computations in the same run, each side in a fresh subprocess that loads the
table from an Arrow IPC file, so that peak memory can be measured too:

* **KPIs**: ``frames.summarize`` + ``breakdown`` (by search term) +
  ``harvest`` against the same three in hand-written polars: group sums,
  terms lower-cased with whitespace collapsed, KPI values as Decimal(38, 10)
  quotients, the harvest rules as ``when/then`` on Decimals. The issue's
  goals: at most 3x the time, at most 2x the memory;
* **loading**: ``frames.read_report`` on the raw text cells of the same
  report (number format given, or detected) against a hand-written polars
  clean-and-cast of the same cells (strip, drop ``$`` and ``,``, cast,
  map the match types, parse the dates). No goal: the ratio is reported.

The table is the same distribution as ``bench_kpi.py`` (a pool of 100,000
distinct rows repeated ten times). Memory is the peak RSS
(``ru_maxrss``) after the run minus the peak after loading the table, in
each subprocess; the ratios are printed in the case names. With pandas the
table is Arrow-backed (``dtype_backend="pyarrow"``). ``--quick`` uses 5,000
rows, in this process, once each (it proves the cases run).

Run one side by hand: ``python benchmarks/bench_frames_kpi.py --worker kpi
xborder polars <file.arrow>``.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import polars as pl

from _harness import Case
from xborder import frames
from xborder.kpi import AttributionWindow, Grouping, HarvestRules, ReportSemantics
from xborder.reports import AMAZON_SEARCH_TERMS, EN_NUMBERS

if TYPE_CHECKING:
    from collections.abc import Callable

HERE = Path(__file__).resolve()
TARGET = "0.30"
CTR_FLOOR = "0.0015"
_TYPED = "typed.arrow"
_RAW = "raw.arrow"


# -- the report ---------------------------------------------------------------------


def _pool(size: int, seed: int = 20260701) -> pl.DataFrame:
    """Distinct rows as bench_kpi.py draws them (amounts in cents)."""
    rng = np.random.default_rng(seed)
    terms = np.array([f"Phone  Holder {i}" for i in range(max(size // 5, 1))])
    kinds = np.array(["auto", "broad", "phrase", "exact"])
    impressions = rng.integers(1, 2001, size)
    clicks = np.minimum(rng.integers(0, 41, size), impressions)
    orders = (rng.random(size) * (clicks // 5 + 1)).astype(np.int64)
    amounts = rng.integers(0, 5001, 500)
    spend = amounts[rng.integers(0, 500, size)]
    sales = np.where(orders > 0, amounts[rng.integers(0, 500, size)], 0)
    index = np.arange(size)
    return pl.DataFrame(
        {
            "campaign": np.char.add("Campaign ", (index % 20).astype(str)),
            "ad_group": np.char.add("Group ", (index % 3).astype(str)),
            "targeting": np.full(size, "close-match"),
            "match_type": kinds[index % 4],
            "search_term": terms[rng.integers(0, len(terms), size)],
            "impressions": impressions,
            "clicks": clicks,
            "spend": spend,
            "orders": orders,
            "sales": sales,
            "day": rng.integers(1, 29, size),
        }
    )


def _typed(pool: pl.DataFrame) -> pl.DataFrame:
    cents = pl.Decimal(18, 2)
    return pool.drop("day").with_columns(
        (pl.col(name).cast(pl.Decimal(18, 0)).cast(cents) / 100).cast(cents)
        for name in ("spend", "sales")
    )


def _raw(pool: pl.DataFrame) -> pl.DataFrame:
    """The same rows as an Ads console CSV writes them, every cell text."""
    written = {"auto": "-", "broad": "BROAD", "phrase": "PHRASE", "exact": "EXACT"}

    def grouped(value: int) -> str:
        return f"{value:,}"

    def dollars(cents: int) -> str:
        return f"${cents // 100:,}.{cents % 100:02}"

    return pl.DataFrame(
        {
            "Campaign Name": pool["campaign"],
            "Ad Group Name": pool["ad_group"],
            "Targeting": pool["targeting"],
            "Match Type": pool["match_type"].replace_strict(written),
            "Customer Search Term": pool["search_term"],
            "Impressions": [grouped(v) for v in pool["impressions"].to_list()],
            "Clicks": pool["clicks"].cast(pl.String),
            "Spend": [dollars(v) for v in pool["spend"].to_list()],
            "7 Day Total Sales ": [dollars(v) for v in pool["sales"].to_list()],
            "7 Day Total Orders (#)": pool["orders"].cast(pl.String),
            "Start Date": [f"2026-04-{d:02}" for d in pool["day"].to_list()],
        }
    )


def write_tables(rows: int, directory: Path) -> None:
    """The typed and the raw report, ``rows`` rows each, as Arrow IPC files."""
    size = min(rows, 100_000)
    pool = _pool(size)
    repeats = max(rows // size, 1)
    pl.concat([_typed(pool)] * repeats).write_ipc(directory / _TYPED)
    pl.concat([_raw(pool)] * repeats).write_ipc(directory / _RAW)


# -- the two sides ------------------------------------------------------------------


def _xborder_kpis(table: Any) -> object:
    report = ReportSemantics(
        currency="USD", attribution=AttributionWindow(click_days=7)
    )
    rules = HarvestRules(target_acos=TARGET)
    return (
        frames.summarize(table, report=report).table,
        frames.breakdown(table, report=report, by=Grouping.SEARCH_TERM).table,
        frames.harvest(table, report=report, rules=rules).table,
    )


_SUMS = ("impressions", "clicks", "spend", "orders", "sales")
_PLACES = pl.Decimal(38, 10)


def _ratio(top: str, bottom: str, factor: int = 1) -> pl.Expr:
    denominator = pl.col(bottom).cast(_PLACES)
    safe = pl.when(denominator > 0).then(denominator).otherwise(1)
    value = pl.col(top).cast(_PLACES) * factor / safe
    return pl.when(denominator > 0).then(value)


def _kpis(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(
        ctr=_ratio("clicks", "impressions"),
        cpc=_ratio("spend", "clicks"),
        cpm=_ratio("spend", "impressions", 1000),
        cvr=_ratio("orders", "clicks"),
        acos=_ratio("spend", "sales"),
        roas=_ratio("sales", "spend"),
    )


def _normal(name: str) -> pl.Expr:
    return (
        pl.col(name)
        .str.to_lowercase()
        .str.replace_all(r"[\s\x1c-\x1f]+", " ")
        .str.strip_chars(" ")
        .alias(name)
    )


def _polars_kpis(table: Any) -> object:
    """The same three results, hand-written in polars."""
    given = table if isinstance(table, pl.DataFrame) else pl.from_pandas(table)
    sums = [pl.col(name).sum() for name in _SUMS]
    keys = ("campaign", "ad_group", "search_term")
    summary = _kpis(given.select(sums))
    terms = given.group_by("campaign", "ad_group", _normal("search_term")).agg(sums)
    breakdown = _kpis(terms).sort(keys)
    sources = given.filter(pl.col("match_type").is_in(["auto", "broad", "phrase"]))
    groups = _kpis(
        sources.group_by("campaign", "ad_group", _normal("search_term")).agg(sums)
    )
    target = pl.lit(TARGET).cast(pl.Decimal(38, 2))
    floor = pl.lit(CTR_FLOOR).cast(pl.Decimal(38, 4))
    orders, sales, spend = pl.col("orders"), pl.col("sales"), pl.col("spend")
    clicks, impressions = pl.col("clicks"), pl.col("impressions")
    converting = (sales > 0) & (spend <= sales * target) & (orders >= 2)
    low_ctr = (impressions >= 1000) & (clicks <= impressions.cast(_PLACES) * floor)
    harvest = groups.with_columns(
        action=pl.when(orders > 0)
        .then(pl.when(converting).then(pl.lit("promote")).otherwise(pl.lit("keep")))
        .otherwise(
            pl.when((clicks >= 10) | low_ctr)
            .then(pl.lit("negate"))
            .otherwise(pl.lit("keep"))
        ),
        suggested_bid=pl.when(clicks > 0).then(
            (sales.cast(_PLACES) * target / clicks.cast(_PLACES)).round(2)
        ),
    ).sort(keys)
    if isinstance(table, pl.DataFrame):
        return summary, breakdown, harvest
    return tuple(
        result.to_pandas(use_pyarrow_extension_array=True)
        for result in (summary, breakdown, harvest)
    )


def _xborder_load(table: Any, *, detect: bool) -> object:
    number_format = None if detect else EN_NUMBERS
    read = frames.read_report(
        table, AMAZON_SEARCH_TERMS, number_format=number_format, currency="USD"
    )
    return read.table


def _polars_load(table: Any) -> object:
    """The same cells cleaned and cast, hand-written in polars."""
    given = table if isinstance(table, pl.DataFrame) else pl.from_pandas(table)
    kinds = {"-": "auto", "broad": "broad", "phrase": "phrase", "exact": "exact"}

    def text(header: str) -> pl.Expr:
        return pl.col(header).str.strip_chars()

    def whole(header: str) -> pl.Expr:
        return text(header).str.replace_all(",", "", literal=True).cast(pl.Int64)

    def money(header: str) -> pl.Expr:
        cleaned = text(header).str.replace_all(r"[$,]", "")
        return cleaned.cast(pl.Decimal(38, 2))

    result = given.select(
        campaign=text("Campaign Name"),
        ad_group=text("Ad Group Name"),
        targeting=text("Targeting"),
        match_type=text("Match Type").str.to_lowercase().replace_strict(kinds),
        search_term=text("Customer Search Term"),
        impressions=whole("Impressions"),
        clicks=whole("Clicks"),
        spend=money("Spend"),
        orders=whole("7 Day Total Orders (#)"),
        sales=money("7 Day Total Sales "),
        start_date=text("Start Date").str.to_date("%Y-%m-%d"),
    )
    if isinstance(table, pl.DataFrame):
        return result
    return result.to_pandas(use_pyarrow_extension_array=True)


_SIDES: dict[tuple[str, str], Callable[[Any], object]] = {
    ("kpi", "xborder"): _xborder_kpis,
    ("kpi", "polars"): _polars_kpis,
    ("load", "xborder"): lambda t: _xborder_load(t, detect=False),
    ("detect", "xborder"): lambda t: _xborder_load(t, detect=True),
    ("load", "polars"): _polars_load,
    ("detect", "polars"): _polars_load,
}


# -- one side, in its own process ----------------------------------------------------


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _load(library: str, path: str) -> Any:
    """The table, read into memory (not memory-mapped)."""
    from pyarrow import feather  # noqa: PLC0415

    arrow = feather.read_table(path, memory_map=False)
    if library == "pandas":
        import pandas as pd  # noqa: PLC0415

        return arrow.to_pandas(types_mapper=pd.ArrowDtype)
    return pl.from_arrow(arrow)


def worker(task: str, side: str, library: str, path: str) -> dict[str, float]:
    """Load the table, run one side once, and say how long and how much memory."""
    table = _load(library, path)
    run = _SIDES[task, side]
    loaded = _peak_mib()
    start = time.perf_counter()
    result = run(table)
    seconds = time.perf_counter() - start
    del result
    return {"seconds": seconds, "loaded": loaded, "peak": _peak_mib()}


def _spawn(task: str, side: str, library: str, path: Path) -> dict[str, float]:
    command = [sys.executable, str(HERE), "--worker", task, side, library, str(path)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    found: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def _memory(task: str, library: str, path: Path) -> str:
    """Both sides' extra peak RSS over the loaded table, and their ratio."""
    ours = _spawn(task, "xborder", library, path)
    theirs = _spawn(task, "polars", library, path)
    extra = ours["peak"] - ours["loaded"]
    base = theirs["peak"] - theirs["loaded"]
    return (
        f"memory +{extra:.0f} vs +{base:.0f} MiB over the loaded table "
        f"= {extra / max(base, 1):.2f}x; peak {ours['peak']:.0f} vs "
        f"{theirs['peak']:.0f} MiB"
    )


def _subprocess(
    task: str, library: str, path: Path
) -> Callable[[str], Callable[[], float]]:
    """Each side timed in a fresh process (the full run)."""

    def side(who: str) -> Callable[[], float]:
        return lambda: _spawn(task, who, library, path)["seconds"]

    return side


def _in_process(
    task: str, library: str, path: Path
) -> Callable[[str], Callable[[], float]]:
    """Each side timed here, on a table loaded once (the quick run)."""
    table = _load(library, str(path))

    def side(who: str) -> Callable[[], float]:
        run = _SIDES[task, who]

        def timed() -> float:
            start = time.perf_counter()
            run(table)
            return time.perf_counter() - start

        return timed

    return side


def cases(*, quick: bool) -> list[Case]:
    """KPIs and loading, polars and pandas; ``quick`` uses 20,000 rows."""
    rows = 5_000 if quick else 1_000_000
    directory = Path(tempfile.mkdtemp(prefix="xborder-bench-"))
    write_tables(rows, directory)
    plan = [
        ("kpi", "polars", _TYPED, f"summary+breakdown+harvest, {rows:,} rows", 3.0),
        ("kpi", "pandas", _TYPED, f"same, pandas (Arrow), {rows:,} rows", 3.0),
        ("load", "polars", _RAW, f"read_report (en given), {rows:,} rows", None),
        ("detect", "polars", _RAW, f"read_report (detected), {rows:,} rows", None),
        ("load", "pandas", _RAW, f"read_report, pandas (Arrow), {rows:,} rows", None),
    ]
    result = []
    for task, library, name, label, goal in plan:
        path = directory / name
        side = (
            _in_process(task, library, path)
            if quick
            else _subprocess(task, library, path)
        )
        title = label if quick else f"{label} ({_memory(task, library, path)})"
        result.append(
            Case(
                title,
                side("xborder"),
                side("polars"),
                "hand-written polars",
                goal=goal,
                number=1,
                self_timed=True,
            )
        )
    return result


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "--worker":
        print(json.dumps(worker(*sys.argv[2:])))
    else:
        sys.path.insert(0, str(HERE.parent))
        from _harness import HEADER, run

        quick = "--quick" in sys.argv
        print(HEADER)
        for case in cases(quick=quick):
            print(run(case, quick=quick).row(), flush=True)
