"""The column engine: xborder's rules evaluated exactly over a whole table (private).

Every value is an integer column holding ``value × 10**scale`` with a scale
known when the plan is built, so the engine adds, multiplies and rounds
integers, as the scalar engine does with Decimals:

* addition and multiplication are exact (a product's scale is the sum of
  its factors' scales);
* :meth:`Columns.quantize` and :meth:`Columns.divide` round an exact ratio of
  integers with the named mode, from its floor and remainder, exactly as
  :func:`xborder._ops.round_ratio` does for one value;
* every value also carries a bound on its integer's size, known before a
  row is read (from the inputs' largest values). A plan whose every step
  stays below 2**62 runs on ``Int64`` (divisions are ten times faster than
  on ``Int128``); one that needs more runs on ``Int128``; one that could
  pass ``Int128``'s range raises :class:`NotExact`, and the caller computes
  those rows with the scalar engine instead. A result is never silently
  wrapped.

Each operation becomes one new column of a lazy plan, computed once even if
later steps read it several times, and independent operations run side by
side.
"""

from __future__ import annotations

import itertools
from decimal import (
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
    Decimal,
)
from typing import TYPE_CHECKING, TypeVar

import attrs
import polars as pl

from xborder._ops import round_ratio

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from xborder._ops import Piece

_T = TypeVar("_T")

__all__ = ["Column", "Columns", "NotExact", "TooWide", "plan"]

# Every integer in a plan stays below these in size (the types hold 2**63
# and 2**127; the margin covers a sum's carry).
_LIMITS = {pl.Int64: 2**62, pl.Int128: 2**126}


class NotExact(Exception):  # noqa: N818 - a signal to fall back, not an error
    """A step could leave Int128's range: compute these rows one by one instead."""


class TooWide(Exception):  # noqa: N818 - a signal to widen, not an error
    """A step could leave Int64's range: build the plan again on Int128."""


@attrs.frozen
class Column:
    """A value per row: ``name`` holds ``value × 10**scale`` as Int128.

    ``bound`` is at least the size of every integer in the column; ``level``
    is how many steps of the plan it takes to compute.
    """

    name: str
    scale: int
    bound: int
    level: int

    @property
    def expr(self) -> pl.Expr:
        """The column in a polars expression."""
        return pl.col(self.name)


@attrs.frozen
class _Constant:
    """A parameter of the rule: the same Decimal on every row."""

    integer: int
    scale: int

    @property
    def bound(self) -> int:
        return abs(self.integer)

    @property
    def level(self) -> int:
        return 0

    def literal(self, dtype: pl.DataType) -> pl.Expr:
        return pl.lit(self.integer, dtype=dtype)


_Value = Column | _Constant


class Columns:
    """:class:`xborder._ops.Ops` over columns: builds a plan, then runs it.

    Args:
        prefix: Names of the engine's working columns start with it, so
            they never collide with the caller's.
    """

    def __init__(self, *, wide: bool = False, prefix: str = "__xb") -> None:
        self._dtype: pl.DataType = pl.Int128() if wide else pl.Int64()
        self._limit = _LIMITS[pl.Int128 if wide else pl.Int64]
        self._zero = pl.lit(0, dtype=self._dtype)  # Int128 has no unary minus
        self._prefix = prefix
        self._names = itertools.count()
        self._steps: dict[int, dict[str, pl.Expr]] = {}
        self._levels: dict[str, int] = {}

    # -- inputs and outputs ---------------------------------------------------

    def input(self, name: str, scale: int, bound: int) -> Column:
        """``name``'s unscaled integers (a Decimal(38, 0) column) at ``scale``."""
        self._check(bound)
        return self._step(pl.col(name).cast(self._dtype), scale, bound)

    def run(
        self,
        frame: pl.LazyFrame,
        outputs: Mapping[str, _Value | pl.Expr],
        *,
        where: pl.Expr,
    ) -> pl.DataFrame:
        """Run the plan; each value as an unscaled Decimal(38, 0) column.

        Outputs are named as in ``outputs``, empty on the rows where ``where``
        does not hold; a parameter output (the same on every row) is
        repeated down the column; a condition comes out as a boolean.
        """
        for level in sorted(self._steps):
            frame = frame.with_columns(**self._steps[level])
        return frame.select(
            pl.when(where).then(self._output(value)).alias(name)
            for name, value in outputs.items()
        ).collect()

    def _output(self, value: _Value | pl.Expr) -> pl.Expr:
        if isinstance(value, pl.Expr):
            return value
        return self._e(value).cast(pl.Decimal(38, 0))

    # -- Ops --------------------------------------------------------------------

    def constant(self, value: Decimal) -> _Value:
        """``value`` on every row."""
        integer, scale = _scaled(value)
        return _Constant(integer, scale)

    def add(self, a: _Value | Decimal, b: _Value | Decimal) -> _Value:
        """``a + b``, exactly."""
        x, y = self._aligned(a, b)
        if isinstance(x, _Constant) and isinstance(y, _Constant):
            return _Constant(x.integer + y.integer, x.scale)
        return self._step(self._e(x) + self._e(y), x.scale, x.bound + y.bound, x, y)

    def sub(self, a: _Value | Decimal, b: _Value | Decimal) -> _Value:
        """``a − b``, exactly."""
        x, y = self._aligned(a, b)
        if isinstance(x, _Constant) and isinstance(y, _Constant):
            return _Constant(x.integer - y.integer, x.scale)
        return self._step(self._e(x) - self._e(y), x.scale, x.bound + y.bound, x, y)

    def mul(self, a: _Value | Decimal, b: _Value | Decimal) -> _Value:
        """``a × b``, exactly: the scales add."""
        x, y = self._value(a), self._value(b)
        if isinstance(x, _Constant) and isinstance(y, _Constant):
            return _Constant(x.integer * y.integer, x.scale + y.scale)
        bound = x.bound * y.bound
        return self._step(self._e(x) * self._e(y), x.scale + y.scale, bound, x, y)

    def quantize(self, a: _Value | Decimal, unit: Decimal, rounding: str) -> _Value:
        """``a`` rounded to a multiple of ``unit`` (a power of ten)."""
        x = self._value(a)
        target = -int(unit.as_tuple().exponent)
        if target >= x.scale:
            return self._rescaled(x, target)
        divisor = 10 ** (x.scale - target)
        return self._rounded(x, divisor, target, rounding, x.bound // divisor + 1)

    def divide(
        self, a: _Value | Decimal, b: _Value | Decimal, unit: Decimal, rounding: str
    ) -> _Value:
        """``a ÷ b`` rounded once, exactly, to a multiple of ``unit``."""
        x, y = self._value(a), self._value(b)
        target = -int(unit.as_tuple().exponent)
        # a / b = (x / 10^sx) / (y / 10^sy); in steps of 10^-target that is
        # x × 10^(sy + target − sx) / y.
        shift = y.scale + target - x.scale
        numerator = self._rescaled(x, x.scale + shift) if shift > 0 else x
        denominator = self._rescaled(y, y.scale - shift) if shift < 0 else y
        bound = numerator.bound + 1  # the divisor is a whole number >= 1 in size
        if isinstance(denominator, _Constant):
            if denominator.integer <= 0:  # the rules divide by 1 + a rate
                raise NotExact("a divisor that is not positive")
            return self._rounded(
                numerator, denominator.integer, target, rounding, bound
            )
        # Rows dividing by zero get no value (the scalar rule says "undefined").
        negative = self._e(denominator) < 0
        signed = self._step(
            pl.when(negative)
            .then(self._zero - self._e(numerator))
            .otherwise(self._e(numerator)),
            numerator.scale,
            numerator.bound,
            numerator,
            denominator,
        )
        size = self._step(self._e(denominator).abs(), 0, denominator.bound, denominator)
        floor = self._step(signed.expr // size.expr, target, bound, signed, size)
        rest = signed.expr - floor.expr * size.expr
        up = _steps_up(rounding, rest, size.expr, signed.expr, floor.expr)
        up_by = up.cast(self._dtype)
        return self._step(floor.expr + up_by, target, bound, signed, size, floor)

    def maximum(self, a: _Value | Decimal, b: _Value | Decimal) -> _Value:
        """The larger of ``a`` and ``b``."""
        x, y = self._aligned(a, b)
        expr = pl.max_horizontal(self._e(x), self._e(y))
        return self._step(expr, x.scale, max(x.bound, y.bound), x, y)

    def greater(self, a: _Value | Decimal, b: _Value | Decimal) -> pl.Expr:
        """``a > b``, as a boolean expression."""
        x, y = self._aligned(a, b)
        return self._e(x) > self._e(y)

    def at_least(self, a: _Value | Decimal, b: _Value | Decimal) -> pl.Expr:
        """``a >= b``, as a boolean expression."""
        x, y = self._aligned(a, b)
        return self._e(x) >= self._e(y)

    def where(
        self, condition: pl.Expr, a: _Value | Decimal, b: _Value | Decimal
    ) -> _Value:
        """``a`` where ``condition`` holds, else ``b``."""
        x, y = self._aligned(a, b)
        expr = pl.when(condition).then(self._e(x)).otherwise(self._e(y))
        # The condition may read columns neither branch reads (two constants
        # chosen by a comparison): the step comes after those too.
        after = max(
            (self._levels.get(n, 0) for n in condition.meta.root_names()), default=0
        )
        return self._step(expr, x.scale, max(x.bound, y.bound), x, y, after=after)

    def piecewise(self, x: _Value | Decimal, pieces: Sequence[Piece]) -> _Value:
        """``intercept + slope × x`` of the first piece whose edge is ``>= x``."""
        value = self._value(x)
        lines = [self.add(b, self.mul(value, slope)) for _, b, slope in pieces]
        scale = max(line.scale for line in lines)
        lines = [self._rescaled(line, scale) for line in lines]
        # Built from the open-ended last piece back to the first.
        expr = self._e(lines[-1])
        for (edge, _, _), line in zip(pieces[-2::-1], lines[-2::-1], strict=True):
            at, limit = self._aligned(value, edge or Decimal(0))
            expr = (
                pl.when(self._e(at) <= self._e(limit))
                .then(self._e(line))
                .otherwise(expr)
            )
        bound = max(line.bound for line in lines)
        return self._step(expr, scale, bound, value, *lines)

    # -- helpers -----------------------------------------------------------------

    def _value(self, value: _Value | Decimal) -> _Value:
        return self.constant(value) if isinstance(value, Decimal) else value

    def _aligned(
        self, a: _Value | Decimal, b: _Value | Decimal
    ) -> tuple[_Value, _Value]:
        x, y = self._value(a), self._value(b)
        scale = max(x.scale, y.scale)
        return self._rescaled(x, scale), self._rescaled(y, scale)

    def _rescaled(self, value: _Value, scale: int) -> _Value:
        """The same numbers at a finer ``scale`` (never coarser: that rounds)."""
        if scale == value.scale:
            return value
        factor = 10 ** (scale - value.scale)
        if isinstance(value, _Constant):
            return _Constant(value.integer * factor, scale)
        return self._step(self._e(value) * factor, scale, value.bound * factor, value)

    def _rounded(
        self, x: _Value, divisor: int, scale: int, rounding: str, bound: int
    ) -> _Value:
        """``x ÷ divisor`` (a positive int) rounded to an integer with ``rounding``."""
        if isinstance(x, _Constant):
            return _Constant(round_ratio(x.integer, divisor, rounding), scale)
        floor = self._step(self._e(x) // divisor, scale, bound, x)
        rest = self._e(x) - floor.expr * divisor
        up = _steps_up(rounding, rest, divisor, self._e(x), floor.expr)
        return self._step(floor.expr + up.cast(self._dtype), scale, bound, x, floor)

    def _e(self, value: _Value) -> pl.Expr:
        """``value`` in an expression: a column, or a literal of the plan's type."""
        if isinstance(value, _Constant):
            self._check(value.bound)  # a literal must fit the plan's type too
            return value.literal(self._dtype)
        return value.expr

    def _check(self, bound: int) -> None:
        if bound >= _LIMITS[pl.Int128]:
            raise NotExact(f"a step reaches {bound:.3e}, past Int128")
        if bound >= self._limit:
            raise TooWide(f"a step reaches {bound:.3e}, past Int64")

    def _step(
        self, expr: pl.Expr, scale: int, bound: int, *inputs: _Value, after: int = 0
    ) -> Column:
        self._check(bound)
        level = 1 + max([after, *(value.level for value in inputs)])
        name = f"{self._prefix}{next(self._names)}"
        self._steps.setdefault(level, {})[name] = expr
        self._levels[name] = level
        return Column(name, scale, bound, level)


def plan(build: Callable[[Columns], _T]) -> tuple[Columns, _T]:
    """Build a plan on Int64, or on Int128 if some step needs it.

    Raises:
        NotExact: Even Int128 could overflow; compute the rows one by one.
    """
    try:
        engine = Columns()
        return engine, build(engine)
    except TooWide:
        engine = Columns(wide=True)
        return engine, build(engine)


def _scaled(value: Decimal) -> tuple[int, int]:
    """``value`` as ``(integer, scale)`` with ``integer / 10**scale == value``."""
    sign, digits, exponent = value.as_tuple()
    integer = int("".join(map(str, digits)) or "0")
    scale = -int(exponent)
    if scale < 0:
        integer, scale = integer * 10**-scale, 0
    return (-integer if sign else integer), scale


def _steps_up(
    rounding: str,
    rest: pl.Expr,
    divisor: int | pl.Expr,
    number: pl.Expr,
    floor: pl.Expr,
) -> pl.Expr:
    """Whether ``number ÷ divisor`` rounds to ``floor + 1`` (see ``round_ratio``)."""
    inexact = rest != 0
    negative = number < 0
    directed = {
        ROUND_FLOOR: pl.lit(value=False),
        ROUND_CEILING: inexact,
        ROUND_DOWN: inexact & negative,
        ROUND_UP: inexact & ~negative,
    }
    if rounding in directed:
        return directed[rounding]
    past_half = 2 * rest - divisor
    tie = past_half == 0
    on_a_tie = {
        ROUND_HALF_UP: ~negative,  # away from zero
        ROUND_HALF_DOWN: negative,  # toward zero
        ROUND_HALF_EVEN: (floor - (floor // 2) * 2) == 1,  # to the even one
    }
    return (past_half > 0) | (tie & on_a_tie[rounding])
