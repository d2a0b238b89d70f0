"""A rule written over Ops, evaluated on every row of a (small) table (private).

The search-term calculators sum a report per group in columns first; what is
left, a row per group, goes through the rules of :mod:`xborder.kpi.rules`
here: by the column engine, exactly, or, should a step risk leaving Int128's
range, by the scalar engine row by row (the same rules on Decimals).

Each output is declared with its scale, and comes back as unscaled integers
at that scale (a ``Decimal(38, 0)`` column), ready for
:func:`xborder.frames._columns.decimals`.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from typing import TYPE_CHECKING, Any

import attrs
import polars as pl

from xborder._ops import DECIMALS
from xborder.errors import InvalidInputError
from xborder.frames._columns import decimals
from xborder.frames._engine import Column, NotExact, plan

if TYPE_CHECKING:
    from collections.abc import Callable

    from xborder.frames._engine import Columns

__all__ = ["Evaluated", "Input", "evaluate"]

_WIDEST = 10**38


@attrs.frozen
class Input:
    """A value of the rule: ``column`` holds it as unscaled integers at ``scale``."""

    column: str
    scale: int


@attrs.frozen
class Evaluated:
    """The outputs of a rule: unscaled integers, their scales and bounds."""

    frame: pl.DataFrame
    scales: Mapping[str, int]
    bounds: Mapping[str, int]

    def decimal(self, name: str) -> pl.Series:
        """Output ``name`` as a Decimal column at its scale."""
        return decimals(
            self.frame.get_column(name), self.scales[name], self.bounds[name]
        )

    def code(self, name: str) -> pl.Series:
        """Output ``name`` (a code) as Int64."""
        return self.frame.get_column(name).cast(pl.Int64)


def evaluate(
    table: pl.DataFrame,
    inputs: Mapping[str, Input],
    conditions: Mapping[str, str],
    scales: Mapping[str, int],
    build: Callable[[Any, dict[str, Any], dict[str, Any]], dict[str, Any]],
) -> Evaluated:
    """Every output of ``build`` on every row of ``table``.

    ``build(ops, values, conditions)`` is the rule: ``values`` are the
    inputs (columns of the engine, or Decimals), ``conditions`` the boolean
    columns named (expressions, or bools), and it returns the outputs by
    name, each at most as fine as its declared scale.
    """
    if table.is_empty():
        empty = pl.DataFrame(
            {name: pl.Series([], dtype=pl.Decimal(38, 0)) for name in scales}
        )
        return Evaluated(empty, dict(scales), dict.fromkeys(scales, 0))
    largest = table.select(
        pl.col(item.column).abs().max().alias(role) for role, item in inputs.items()
    )
    bounds = {role: int(largest.get_column(role).item() or 0) for role in inputs}

    def columns(engine: Columns) -> dict[str, Any]:
        values = {
            role: engine.input(item.column, item.scale, bounds[role])
            for role, item in inputs.items()
        }
        flags = {name: pl.col(column) for name, column in conditions.items()}
        outputs = build(engine, values, flags)
        return {name: _at(engine, outputs[name], scales[name]) for name in scales}

    try:
        engine, outputs = plan(columns)
    except NotExact:
        return _one_by_one(table, inputs, conditions, scales, build)
    computed = engine.run(table.lazy(), outputs, where=pl.lit(value=True))
    return Evaluated(
        computed, dict(scales), {name: value.bound for name, value in outputs.items()}
    )


def _at(engine: Any, value: Any, scale: int) -> Any:  # noqa: ANN401 - any engine
    """``value`` at ``scale`` (finer only: outputs are never rounded here)."""
    if isinstance(value, Column) and value.scale > scale:
        raise NotExact(f"an output at scale {value.scale}, above {scale}")
    return engine.quantize(value, Decimal(1).scaleb(-scale), ROUND_HALF_EVEN)


def _one_by_one(
    table: pl.DataFrame,
    inputs: Mapping[str, Input],
    conditions: Mapping[str, str],
    scales: Mapping[str, int],
    build: Callable[[Any, dict[str, Any], dict[str, Any]], dict[str, Any]],
) -> Evaluated:
    """The outputs by the scalar engine, row by row (same rules, on Decimals)."""
    names = [item.column for item in inputs.values()] + list(conditions.values())
    results: dict[str, list[int]] = {name: [] for name in scales}
    for row in table.select(list(dict.fromkeys(names))).iter_rows(named=True):
        values = {
            role: Decimal(int(row[item.column])).scaleb(-item.scale)
            for role, item in inputs.items()
        }
        flags = {name: bool(row[column]) for name, column in conditions.items()}
        outputs = build(DECIMALS, values, flags)
        for name, scale in scales.items():
            unit = Decimal(1).scaleb(-scale)
            exact = DECIMALS.quantize(outputs[name], unit, ROUND_HALF_EVEN)
            steps = int(exact.scaleb(scale))
            if abs(steps) >= _WIDEST:
                raise InvalidInputError(
                    "a result column holds 38 digits",
                    field=name,
                    value=exact,
                    expected=f"a result below 1E+{38 - scale}",
                )
            results[name].append(steps)
    frame = pl.DataFrame(
        {
            name: pl.Series(values, dtype=pl.Decimal(38, 0))
            for name, values in results.items()
        }
    )
    bounds = {
        name: max(map(abs, values), default=0) for name, values in results.items()
    }
    return Evaluated(frame, dict(scales), bounds)
