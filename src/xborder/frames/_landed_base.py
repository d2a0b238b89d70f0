"""The working state of one partition of lines, and its plumbing (private).

See :mod:`xborder.frames._landed_compute`, which puts the steps together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
import polars as pl

from xborder.customs import (
    Regime,
    RoundingPolicy,
    Valuation,
)
from xborder.customs import rules as customs_rules
from xborder.frames._engine import Column, Columns, plan
from xborder.frames._errors import ROW
from xborder.frames._groups import INT, allocate, largest_of, safe_sum
from xborder.frames._landed_read import SHIP, Issue, Number
from xborder.fx import FxTable
from xborder.landed_cost import Shipment

if TYPE_CHECKING:
    from collections.abc import Callable

    from xborder.money import Currency

__all__ = ["COMPONENTS", "GROUP", "Base", "Settings", "run"]

GROUP = "__xb_group"
"""Each line's shipment as a dense id, the lines sorted by it (and flagged)."""

COMPONENTS = (
    "goods_value",
    "freight",
    "insurance",
    "charges",
    "duty",
    "additional_duties",
    "excise",
    "taxes",
    "fees",
)
"""The components of a line's landed cost, in the scalar result's order."""

_STRING = pl.String()
_ONE = Decimal(1)
_FAMILIES = ("duty", "additional_duties", "excise")
_BASES = {"duty": "duty_base", "additional_duties": "additional_base",
          "excise": "excise_base"}  # fmt: skip
_TAX_PART = {
    "goods": "goods_value",
    "customs_value": "customs_value",
    "freight": "freight",
    "insurance": "insurance",
    "duty_base": "duty_base",
    "additional_base": "additional_base",
    "excise_base": "excise_base",
    "onward": "onward",
    "taxable_fees": "taxable_fees",
    "taxable_charges": "taxable_charges",
}


@attrs.frozen
class Settings:
    """What one call computes with: the regime (rounding applied), rates, day."""

    regime: Regime
    template: Shipment
    fx: FxTable | None
    as_of: dt.date
    amounts: Mapping[str, str | None]  # shipment amount role -> table column
    names: Mapping[str, str | None]
    quantities: Mapping[str, str]
    explain: bool = False

    @property
    def currency(self) -> Currency:
        return self.regime.currency


def run(
    frame: pl.DataFrame,
    inputs: Mapping[str, tuple[str, int]],
    build: Callable[[Columns, dict[str, Any]], dict[str, Any]],
) -> tuple[pl.DataFrame, dict[str, int]]:
    """Evaluate ``build`` over ``frame`` with the column engine.

    ``inputs`` maps each alias to a column of Int128 integers and its scale;
    ``build`` receives the engine and the inputs as engine values, and
    returns the outputs by name. Each output becomes an Int128 column;
    the second result gives each output's scale.
    """
    columns = {alias: column for alias, (column, _) in inputs.items()}
    bounds = largest_of(frame, list(columns.values()))

    def make(engine: Columns) -> dict[str, Any]:
        values = {
            alias: engine.input(column, inputs[alias][1], bounds[column])
            for alias, column in columns.items()
        }
        built = build(engine, values)
        return {
            name: engine.constant(value) if isinstance(value, Decimal) else value
            for name, value in built.items()
        }

    engine, outputs = plan(make)
    steps: dict[str, Any] = {n: v for n, v in outputs.items() if isinstance(v, Column)}
    # A parameter output (the same on every row) needs no step.
    fixed = [
        pl.lit(v.integer, dtype=INT).alias(n)
        for n, v in outputs.items()
        if n not in steps
    ]
    if steps:
        computed = engine.run(frame.lazy(), steps, where=pl.lit(value=True))
        frame = frame.with_columns(
            computed.get_column(name).cast(INT).alias(name) for name in steps
        )
    if fixed:
        frame = frame.with_columns(fixed)
    return frame, {name: result.scale for name, result in outputs.items()}


class Base:
    """One partition's lines, computed step by step into working columns.

    Args:
        frame: The partition's lines (every shipment whole), in input order.
        numbers: The number columns read, by role.
        settings: The call's rules and inputs.
        export_country: The partition's country of export.
        mode: The partition's transport mode.
        collector: The partition's collector at the point of sale.
    """

    def __init__(  # noqa: PLR0917 - a partition and its keys
        self,
        frame: pl.DataFrame,
        numbers: Mapping[str, Number],
        settings: Settings,
        export_country: str,
        mode: Any,  # noqa: ANN401 - a TransportMode
        collector: Any,  # noqa: ANN401 - a Collector or None
    ) -> None:
        # Each shipment's lines together, in table order, numbered by a
        # sorted group id: window functions over a sorted key are fast.
        ordered = frame.sort(SHIP, ROW, maintain_order=True)
        ordered = ordered.with_columns(
            pl.col(SHIP).rle_id().set_sorted().alias(GROUP)
        ).with_columns(pl.len().over(GROUP).alias("__xb_size"))
        self.frame = ordered
        self.size = int(ordered.get_column("__xb_size").max() or 0)  # type: ignore[arg-type]
        self.numbers = dict(numbers)
        self.settings = settings
        self.export_country = export_country
        self.mode = mode
        self.collector = collector
        self.scales: dict[str, int] = {n.name: n.scale for n in self.numbers.values()}
        self.issues: list[tuple[pl.DataFrame, Issue]] = []
        self.failed: list[pl.DataFrame] = []
        self.labels: dict[str, str] = {}  # per-tax output columns
        self.explained: list[pl.DataFrame] = []
        regime = settings.regime
        self.minor = regime.currency.minor_unit
        self.scale = regime.currency.exponent
        self.cif = regime.valuation is Valuation.CIF

    # -- plumbing ------------------------------------------------------------

    def value(self, name: str) -> tuple[str, int]:
        """A working column and its scale."""
        return name, self.scales[name]

    def number(self, role: str) -> tuple[str, int] | None:
        found = self.numbers.get(role)
        return None if found is None else (found.name, found.scale)

    def phase(
        self,
        inputs: Mapping[str, tuple[str, int]],
        build: Callable[[Columns, dict[str, Any]], dict[str, Any]],
    ) -> None:
        """Evaluate ``build`` over the lines with the column engine (see ``run``)."""
        self.frame, scales = run(self.frame, inputs, build)
        self.scales |= scales

    def constant(self, name: str, value: Decimal | None) -> None:
        """A working column holding ``value`` (or null) on every line."""
        if value is None:
            self.frame = self.frame.with_columns(pl.lit(None, dtype=INT).alias(name))
            self.scales[name] = 0
            return
        scale = max(-int(value.as_tuple().exponent), 0)
        integer = int(value.scaleb(scale))
        self.frame = self.frame.with_columns(pl.lit(integer, dtype=INT).alias(name))
        self.scales[name] = scale

    def rescaled(self, name: str, scale: int) -> pl.Expr:
        """A working column at a finer ``scale`` (never coarser)."""
        own = self.scales[name]
        if own == scale:
            return pl.col(name)
        return pl.col(name) * pl.lit(10 ** (scale - own), dtype=INT)

    def fail(self, bad: pl.Expr, *issues: Issue) -> None:
        """Report the lines where ``bad`` holds and take their shipments out.

        Each line is reported with the first of ``issues`` that holds on it
        (each issue's own ``bad``, evaluated on those lines).
        """
        mask = bad.fill_null(value=False)
        rows = self.frame.filter(mask)
        if rows.is_empty():
            return
        self.issues.extend((rows, issue) for issue in issues)
        ships = rows.get_column(SHIP).unique()
        out = self.frame.get_column(SHIP).is_in(ships.implode())
        self.failed.append(self.frame.filter(out))
        self.frame = self.frame.filter(~out)

    # -- explanation ----------------------------------------------------------

    def explain(
        self, column: str, component: str, label: str, rule: str | pl.Expr
    ) -> None:
        """Keep ``column`` (one amount per line, null: none) as explanation figures."""
        if not self.settings.explain:
            return
        named = pl.lit(rule, dtype=_STRING) if isinstance(rule, str) else rule
        figures = self.frame.filter(pl.col(column).is_not_null()).select(
            ROW,
            pl.lit(component, dtype=_STRING).alias("component"),
            pl.lit(label, dtype=_STRING).alias("label"),
            named.cast(_STRING).alias("rule"),
            self.rescaled(column, self.scale).alias("amount"),
        )
        self.explained.append(figures)

    def money_text(self, column: str) -> pl.Expr:
        """A money column as the scalar prints it (``-2.67 GBP``), for messages."""
        scale = self.scale
        value = self.rescaled(column, scale)
        size = value.abs()
        digits = size.cast(_STRING)
        if scale:
            step = pl.lit(10**scale, dtype=INT)
            digits = pl.concat_str(
                (size // step).cast(_STRING),
                pl.lit("."),
                (size % step).cast(_STRING).str.zfill(scale),
            )
        sign = pl.when(value < 0).then(pl.lit("-")).otherwise(pl.lit(""))
        code = self.settings.currency.code
        return pl.concat_str(sign, digits, pl.lit(f" {code}"))

    def _to_minor(self, value: pl.Expr, scale: int) -> pl.Expr:
        """A rounded figure on the minor unit's scale (its step is never finer)."""
        return value * pl.lit(10 ** (self.scale - scale), dtype=INT)

    def settle(
        self,
        figures: pl.DataFrame,
        policy: RoundingPolicy,
        family: tuple[str, ...],
        scale: int,
        *,
        divisor: int,
    ) -> pl.DataFrame:
        """``__xb_figure``: each figure, rounded per line or as its declaration's share.

        With a declaration step, each shipment's family total of exact
        figures is rounded once and shared back in proportion to them; the
        line's own rounded figure (``__xb_line``) stays its tax base.
        """
        if policy.total_step is None:
            return figures.with_columns(pl.col("__xb_line").alias("__xb_figure"))
        group = [GROUP, *family]
        total = safe_sum(figures, "__xb_exact", group)
        figures = figures.with_columns(total.alias("__xb_sum"))
        currency = self.settings.regime.currency

        def build(e: Columns, v: dict[str, Any]) -> dict[str, Any]:
            rounded = customs_rules.rounded_total(e, policy, v["sum"], divisor)
            return {"__xb_total": rounded}

        figures, scales = run(figures, {"sum": ("__xb_sum", scale)}, build)
        figures = figures.with_columns(
            self._to_minor(pl.col("__xb_total"), scales["__xb_total"]).alias(
                "__xb_total"
            )
        )
        figures = allocate(
            figures,
            group=group,
            units="__xb_total",
            weights="__xb_exact",
            into="__xb_share",
        )
        del currency
        return figures.with_columns(
            pl.col("__xb_share").fill_null(0).alias("__xb_figure")
        ).drop("__xb_sum", "__xb_total", "__xb_share")

    def over(
        self,
        name: str,
        value: str,
        limit: Decimal,
        quantity: tuple[str, int] | None = None,
    ) -> pl.Expr:
        """A boolean column ``name``: the value is over ``limit`` (see ``exceeds``)."""

        def build(e: Columns, v: dict[str, Any]) -> dict[str, Any]:
            condition = customs_rules.exceeds(e, v["value"], limit, v.get("qty"))
            return {name: e.where(condition, _ONE, Decimal(0))}

        inputs = {"value": self.value(value)}
        if quantity is not None:
            inputs["qty"] = quantity
        self.phase(inputs, build)
        return pl.col(name) == 1

    def shipment_sum(self, name: str, column: str) -> None:
        """``name``: ``column`` summed over each line's shipment (exact)."""
        total = safe_sum(self.frame, column, [GROUP], self.size)
        self.frame = self.frame.with_columns(total.alias(name))
        self.scales[name] = self.scales[column]
