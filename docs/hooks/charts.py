"""Charts drawn at docs build time from the library's own results.

An MkDocs hook (see ``hooks:`` in ``mkdocs.yml``): before the pages are built,
it computes the worked cases with xborder and draws each chart as SVG into
the site, so a picture can never disagree with the numbers on the page.
matplotlib is a docs-only dependency (the ``docs`` extra); xborder itself
never imports it.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import matplotlib as mpl

mpl.use("Agg")  # no screen: render to files only

from matplotlib import pyplot as plt
from matplotlib.ticker import ScalarFormatter

from xborder.examples import case_a, case_b
from xborder.ledger import cash_calendar
from xborder.money import RoundingMode
from xborder.pricing import LineKind

if TYPE_CHECKING:
    from collections.abc import Callable

    from matplotlib.figure import Figure
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

    from xborder.pricing import UnitEconomics

__all__ = ["CHARTS", "FIGURES", "on_files", "render_all"]

FOLDER = "assets/charts"
INK, ACCENT, MUTED, GOOD, BAD = "#263238", "#3f51b5", "#9e9e9e", "#2e7d32", "#c62828"

plt.rcParams.update(
    {
        "svg.hashsalt": "xborder",  # stable ids: the same data, the same file
        "font.size": 10,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)


def _svg(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    return buffer.getvalue()


def _bars(economics: UnitEconomics) -> list[tuple[str, float]]:
    """The waterfall's lines, the return lines as one bar.

    Their net, as ``economics.returns`` reports it: four thin bars would
    crowd the chart.
    """
    bars: list[tuple[str, float]] = []
    for line in economics.lines:
        if line.kind is LineKind.RETURNS:
            if bars and bars[-1][0] == "Returns":
                continue
            bars.append(("Returns", float(economics.returns.amount)))
        else:
            bars.append((line.label, float(line.amount.amount)))
    return bars


def waterfall_figure() -> Figure:
    """Case A: where the US price goes, from the price to the contribution."""
    economics = case_a.run().prices["US"].economics
    price = float(economics.price.amount)
    labels, bottoms, heights, colours = ["Price"], [0.0], [price], [ACCENT]
    level = price
    for label, amount in _bars(economics):
        level -= amount
        labels.append(label.replace(" ", "\n"))
        bottoms.append(level)
        heights.append(amount)
        colours.append(BAD)
    labels.append("Contribution")
    bottoms.append(0.0)
    heights.append(float(economics.contribution.amount))
    colours.append(GOOD)
    figure, axes = plt.subplots(figsize=(9, 4.2))
    positions = range(len(labels))
    axes.bar(positions, heights, bottom=bottoms, color=colours, width=0.6)
    tall = price / 12  # a bar this tall holds its own label
    for x, (bottom, height, colour) in enumerate(
        zip(bottoms, heights, colours, strict=True)
    ):
        sign = "−" if colour == BAD else ""  # a minus sign, not a hyphen
        text = f"{sign}${height:.2f}"
        if height >= tall:  # inside the bar, white on its colour
            axes.text(
                x,
                bottom + height / 2,
                text,
                ha="center",
                va="center",
                color="white",
                fontsize=9,
                fontweight="bold",
            )
        else:  # a thin bar: the label beside it, clear of the neighbours
            axes.text(
                x + 0.34,
                bottom + height / 2,
                text,
                ha="left",
                va="center",
                color=INK,
                fontsize=9,
            )
    axes.set_xticks(list(positions), labels, fontsize=9)
    axes.set_ylabel("US$ per unit")
    axes.set_title(
        f"Where a ${price:.2f} phone holder's price goes on Amazon.com "
        f"(margin {economics.margin:.1%})",
        color=INK,
    )
    return figure


_LABEL_PLACES = {
    # name: (offset in points, horizontal alignment); the two FBA points sit
    # side by side on the front's line, so their labels go below, apart.
    "FBA, sea first mile": ((-10, -26), "right"),
    "FBA, air first mile": ((10, -26), "left"),
}
"""Points whose label would sit on a neighbour or on the front's line."""


def pareto_figure() -> Figure:
    """Case A: expected cost against P90 days; the Pareto front joined up."""
    comparison = case_a.run().logistics
    front = {option.name for option in comparison.front}
    figure, axes = plt.subplots(figsize=(8, 4.5))
    points = []
    for assessment in comparison.assessments:
        cost = float(assessment.expected_cost.amount)
        days = float(assessment.p90_days)
        on_front = assessment.name in front
        points.append((cost, days, on_front))
        axes.scatter(
            cost,
            days,
            s=40 + 300 * float(assessment.reliability),
            color=ACCENT if on_front else MUTED,
            alpha=0.8,
            zorder=3,
        )
        offset, align = _LABEL_PLACES.get(assessment.name, ((10, 6), "left"))
        axes.annotate(
            f"{assessment.name}\nreliability {assessment.reliability:.1%}",
            (cost, days),
            textcoords="offset points",
            xytext=offset,
            ha=align,
            fontsize=8,
            color=INK,
        )
    edge = sorted((cost, days) for cost, days, on_front in points if on_front)
    axes.plot([c for c, _ in edge], [d for _, d in edge], color=ACCENT, lw=1, ls="--")
    axes.set_xscale("log")
    axes.xaxis.set_major_formatter(ScalarFormatter())
    axes.xaxis.set_minor_formatter(ScalarFormatter())
    axes.tick_params(axis="x", which="minor", labelsize=8)
    axes.set_ylim(0, max(days for _, days, _ in points) * 1.2)
    axes.set_xlim(
        min(cost for cost, _, _ in points) / 1.6,
        max(cost for cost, _, _ in points) * 1.6,
    )
    axes.set_xlabel("expected cost per order, US$ (log scale)")
    axes.set_ylabel("P90 transit days")
    axes.set_title(
        "Ways to reach a US buyer: the Pareto front (blue) and the options it beats",
        color=INK,
        pad=12,
    )
    return figure


def sawtooth_figure() -> Figure:
    """Case A: projected stock in the US warehouse, with ROP and safety stock."""
    result = case_a.run()
    rows = result.projection.days
    sea = result.reorder_points["sea"]
    days = [row.day for row in rows]
    on_hand = [float(row.closing) for row in rows]
    position = [float(row.closing + row.on_order) for row in rows]
    figure, axes = plt.subplots(figsize=(9, 4.6))
    axes.plot(days, on_hand, color=ACCENT, lw=1.6, label="units on hand")
    axes.plot(
        days, position, color=MUTED, lw=1, label="inventory position (+ on order)"
    )
    axes.axhline(
        sea.units, color=BAD, ls="--", lw=1, label=f"reorder point ({sea.units})"
    )
    axes.axhline(
        sea.safety_stock.units,
        color=GOOD,
        ls=":",
        lw=1.2,
        label=f"safety stock ({sea.safety_stock.units})",
    )
    top = max(position)
    lane = -0.09 * top  # the arrows run in a lane of their own, under the stock
    for index, order in enumerate(result.projection.orders):
        axes.annotate(
            "",
            xy=(order.arrival, lane),
            xytext=(order.placed, lane),
            arrowprops={"arrowstyle": "-|>", "color": INK, "lw": 1.6},
        )
        axes.plot(
            [order.placed],
            [lane],
            marker="o",
            color=INK,
            markersize=4,
            label="order placed → arrives" if index == 0 else None,
        )
    axes.set_ylim(bottom=1.6 * lane, top=top * 1.05)
    axes.axhline(0, color=INK, lw=0.6)
    axes.set_ylabel("holders")
    axes.set_title(
        "US warehouse: order 1,500 by sea when the position reaches the reorder point",
        color=INK,
        fontsize=10,
    )
    # the legend under the plot, so the plot keeps the figure's full width
    axes.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.16),
        ncol=3,
        fontsize=8,
        frameon=False,
    )
    figure.autofmt_xdate()
    return figure


def restock_cash() -> bytes:
    """Case B: the cumulative cash of the German restock, whole or in two halves."""
    case = case_b.run()
    figure, axes = plt.subplots(figsize=(9, 4))
    for split, colour, label in ((1, BAD, "one restock"), (2, ACCENT, "two halves")):
        calendar = cash_calendar(
            case_b.restock_orders(split=split, case=case),
            payouts=case_b.STRIPE_PAYOUTS,
            currency="EUR",
            rounding=RoundingMode.HALF_EVEN,
            fx=case_b.FX,
        )
        days = [day for day, _ in calendar.balances]
        cash = [float(balance.amount) for _, balance in calendar.balances]
        axes.step(days, cash, where="post", color=colour, lw=1.6, label=label)
        if calendar.peak is not None:
            day, peak = calendar.peak
            axes.annotate(
                f"peak €{float(peak.amount):,.0f}",
                (day, -float(peak.amount)),
                textcoords="offset points",
                xytext=(10, 4),
                fontsize=8,
                color=colour,
            )
    axes.axhline(0, color=MUTED, lw=0.8)
    low, high = axes.get_ylim()
    axes.set_ylim(low * 1.1, high)
    axes.set_ylabel("cumulative cash, €")
    axes.set_title(
        "German restock: cash out to the factory, freight and customs, back "
        "through weekly payouts",
        color=INK,
        fontsize=9,
    )
    axes.legend(loc="upper left", fontsize=8)
    figure.autofmt_xdate()
    return _svg(figure)


def waterfall() -> bytes:
    """The waterfall chart as SVG."""
    return _svg(waterfall_figure())


def pareto() -> bytes:
    """The Pareto chart as SVG."""
    return _svg(pareto_figure())


def sawtooth() -> bytes:
    """The sawtooth chart as SVG."""
    return _svg(sawtooth_figure())


FIGURES: dict[str, Callable[[], Figure]] = {
    "case-a-waterfall.svg": waterfall_figure,
    "case-a-pareto.svg": pareto_figure,
    "case-a-sawtooth.svg": sawtooth_figure,
}
"""Every chart as a matplotlib figure (tests measure where its labels fall)."""

CHARTS: dict[str, Callable[[], bytes]] = {
    "case-a-waterfall.svg": waterfall,
    "case-a-pareto.svg": pareto,
    "case-a-sawtooth.svg": sawtooth,
    "case-b-cash.svg": restock_cash,
}
"""Every chart, by file name under ``assets/charts/``."""


def render_all() -> dict[str, bytes]:
    """Draw every chart; returns SVG bytes by file name."""
    return {name: draw() for name, draw in CHARTS.items()}


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """MkDocs hook: add the charts to the site's files before pages are built."""
    from mkdocs.structure.files import File  # noqa: PLC0415 - only under MkDocs

    for name, svg in render_all().items():
        files.append(File.generated(config, f"{FOLDER}/{name}", content=svg))
    return files
