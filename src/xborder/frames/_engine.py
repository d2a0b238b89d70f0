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
    Decimal,
)
from typing import TYPE_CHECKING, TypeVar

import attrs
import polars as pl

from xborder._expr import steps_up
from xborder._ops import round_ratio
from xborder._validate import in_range
from xborder.errors import InvalidInputError, InvalidTypeError

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from xborder._ops import Piece

_T = TypeVar("_T")

__all__ = ["Column", "Columns", "Condition", "NotExact", "TooWide", "plan"]

# Every integer in a plan stays below these in size (the types hold 2**63
# and 2**127; the margin covers a sum's carry).
_LIMITS = {pl.Int64: 2**62, pl.Int128: 2**126}


class NotExact(InvalidInputError):  # noqa: N818 - a signal to fall back
    """A step could leave Int128's range, or a quotient would be rounded.

    The caller computes these rows with the scalar engine (same rules).
    """


class TooWide(NotExact):
    """A step could leave Int64's range: build the plan again on Int128.

    Outside :func:`plan`, which widens, it is a :class:`NotExact`.
    """


@attrs.frozen
class Column:
    """A value per row: ``name`` holds ``value × 10**scale`` as Int128.

    ``bound`` is at least the size of every integer in the column; ``level``
    is how many steps of the plan it takes to compute. The working name is
    left out of the repr: it numbers the engine's steps, not the value.
    """

    name: str = attrs.field(repr=False)  # a counter's: differs between plans
    scale: int
    bound: int
    level: int

    @property
    def expr(self) -> pl.Expr:
        """The column in a polars expression."""
        return pl.col(self.name)


@attrs.frozen
class Condition:
    """A comparison of a plan: its boolean expression, and the step it reads."""

    expr: pl.Expr = attrs.field(repr=False)
    level: int


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
        # with_columns, not select: a parameter output alone must still be
        # repeated down the column (a select of literals has one row).
        named = {
            name: pl.when(where).then(self._output(value))
            for name, value in outputs.items()
        }
        return frame.with_columns(**named).select(list(named)).collect()

    def _output(self, value: _Value | pl.Expr) -> pl.Expr:
        if isinstance(value, pl.Expr):
            return value
        return self._e(value).cast(pl.Decimal(38, 0))

    # -- Ops --------------------------------------------------------------------

    def constant(self, value: Decimal) -> _Value:
        """``value`` on every row."""
        if (
            not isinstance(value, Decimal)
            or not value.is_finite()
            or not in_range(value)
        ):
            raise InvalidTypeError(
                field=None, value=value, expected="a Decimal within xborder's range"
            )
        integer, scale = _scaled(value)
        return self._fixed(integer, scale)

    def add(self, a: _Value | Decimal, b: _Value | Decimal) -> _Value:
        """``a + b``, exactly."""
        x, y = self._aligned(a, b)
        if isinstance(x, _Constant) and isinstance(y, _Constant):
            return self._fixed(x.integer + y.integer, x.scale)
        if isinstance(x, _Constant) and not x.integer:
            return y  # a sum started from zero (a tax base): no step
        if isinstance(y, _Constant) and not y.integer:
            return x
        return self._step(self._e(x) + self._e(y), x.scale, x.bound + y.bound, x, y)

    def sub(self, a: _Value | Decimal, b: _Value | Decimal) -> _Value:
        """``a − b``, exactly."""
        x, y = self._aligned(a, b)
        if isinstance(x, _Constant) and isinstance(y, _Constant):
            return self._fixed(x.integer - y.integer, x.scale)
        return self._step(self._e(x) - self._e(y), x.scale, x.bound + y.bound, x, y)

    def mul(self, a: _Value | Decimal, b: _Value | Decimal) -> _Value:
        """``a × b``, exactly: the scales add."""
        x, y = self._value(a), self._value(b)
        if isinstance(x, _Constant) and isinstance(y, _Constant):
            return self._fixed(x.integer * y.integer, x.scale + y.scale)
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
        up = steps_up(rounding, rest, size.expr, signed.expr, floor.expr)
        up_by = up.cast(self._dtype)
        return self._step(floor.expr + up_by, target, bound, signed, size, floor)

    def quotient(self, a: _Value | Decimal, b: Decimal) -> _Value:
        """``a ÷ b`` for a parameter ``b``, where Decimal division is exact.

        That is ``a × (1 / b)`` when ``1 / b`` terminates (``b`` is a power
        of ten times powers of 2 and 5: 100, 5000, 1.25) and the product
        has at most 34 digits, which Decimal division then gives exactly.

        Raises:
            NotExact: ``1 / b`` does not terminate (``b`` = 3, 6000) or the
                quotient could need more than 34 digits: the scalar engine
                rounds it, so these rows are computed by the scalar engine.
        """
        inverse = _inverse(b)
        if inverse is None:
            raise NotExact(f"dividing by {b} is rounded to 34 digits")
        result = self.mul(a, inverse)
        if result.bound >= _DIVISION_DIGITS:
            raise NotExact(f"a quotient by {b} could pass 34 digits")
        return result

    def holds(self, value: object) -> bool:
        """Whether ``value`` is a value of this engine (or a Decimal parameter)."""
        return isinstance(value, Column | _Constant | Decimal)

    def maximum(self, a: _Value | Decimal, b: _Value | Decimal) -> _Value:
        """The larger of ``a`` and ``b``."""
        x, y = self._aligned(a, b)
        expr = pl.max_horizontal(self._e(x), self._e(y))
        return self._step(expr, x.scale, max(x.bound, y.bound), x, y)

    def greater(self, a: _Value | Decimal, b: _Value | Decimal) -> Condition:
        """``a > b``, as a boolean expression over the plan's columns."""
        x, y = self._aligned(a, b)
        return Condition(self._e(x) > self._e(y), max(x.level, y.level))

    def at_least(self, a: _Value | Decimal, b: _Value | Decimal) -> Condition:
        """``a >= b``, as a boolean expression over the plan's columns."""
        x, y = self._aligned(a, b)
        return Condition(self._e(x) >= self._e(y), max(x.level, y.level))

    def where(
        self,
        condition: Condition | pl.Expr,
        a: _Value | Decimal,
        b: _Value | Decimal,
    ) -> _Value:
        """``a`` where ``condition`` holds, else ``b``.

        ``condition`` is a comparison of this plan, or an expression over the
        frame's own columns.
        """
        x, y = self._aligned(a, b)
        if isinstance(condition, pl.Expr):
            # A test built by hand may read columns neither branch reads (two
            # constants chosen by a comparison): the step comes after those.
            roots = condition.meta.root_names()
            after = max((self._levels.get(n, 0) for n in roots), default=0)
            condition = Condition(condition, after)
        elif not isinstance(condition, Condition):
            raise InvalidTypeError(
                field=None, value=condition, expected="a condition of this engine"
            )
        expr = pl.when(condition.expr).then(self._e(x)).otherwise(self._e(y))
        bound = max(x.bound, y.bound)
        return self._step(expr, x.scale, bound, x, y, condition)

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
        if isinstance(value, Decimal):
            return self.constant(value)
        if not isinstance(value, Column | _Constant):
            raise InvalidTypeError(
                field=None, value=value, expected="a value of this engine or a Decimal"
            )
        return value

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
            return self._fixed(value.integer * factor, scale)
        # Checked before the factor becomes a literal (a column of zeros
        # bounds nothing, but the factor must still fit the plan's type).
        self._check(max(value.bound, 1) * factor)
        return self._step(self._e(value) * factor, scale, value.bound * factor, value)

    def _rounded(
        self, x: _Value, divisor: int, scale: int, rounding: str, bound: int
    ) -> _Value:
        """``x ÷ divisor`` (a positive int) rounded to an integer with ``rounding``."""
        if isinstance(x, _Constant):
            return self._fixed(round_ratio(x.integer, divisor, rounding), scale)
        self._check(2 * divisor)  # the divisor is a literal of the plan's type
        floor = self._step(self._e(x) // divisor, scale, bound, x)
        rest = self._e(x) - floor.expr * divisor
        up = steps_up(rounding, rest, divisor, self._e(x), floor.expr)
        return self._step(floor.expr + up.cast(self._dtype), scale, bound, x, floor)

    def _fixed(self, integer: int, scale: int) -> _Constant:
        """A parameter of the plan, which must fit the plan's integers too."""
        self._check(abs(integer))
        return _Constant(integer, scale)

    def _e(self, value: _Value) -> pl.Expr:
        """``value`` in an expression: a column, or a literal of the plan's type."""
        if isinstance(value, _Constant):
            self._check(abs(value.integer))  # a literal must fit the plan's type
            return value.literal(self._dtype)
        return value.expr

    def _check(self, bound: int) -> None:
        if bound >= _LIMITS[pl.Int128]:
            raise NotExact(f"a step reaches 2**{bound.bit_length()}, past Int128")
        if bound >= self._limit:
            raise TooWide(f"a step reaches 2**{bound.bit_length()}, past Int64")

    def _step(
        self, expr: pl.Expr, scale: int, bound: int, *inputs: _Value | Condition
    ) -> Column:
        self._check(bound)
        level = 1 + max((value.level for value in inputs), default=0)
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


_DIVISION_DIGITS = 10**34  # the precision of xborder._exact.DIVISION


def _inverse(value: Decimal) -> Decimal | None:
    """``1 / value`` exactly, or None when it does not terminate (or value is 0)."""
    integer, scale = _scaled(value)
    size = abs(integer)
    if not size:
        return None
    twos = fives = 0
    rest = size
    while not rest % 2:
        rest, twos = rest // 2, twos + 1
    while not rest % 5:
        rest, fives = rest // 5, fives + 1
    if rest != 1:
        return None
    # value = size / 10**scale with size = 2**twos × 5**fives, so
    # 1 / value = 10**scale × (10**k / size) / 10**k with k = max(twos, fives).
    k = max(twos, fives)
    whole = 10**k // size
    return Decimal(-whole if integer < 0 else whole).scaleb(scale - k)


def _scaled(value: Decimal) -> tuple[int, int]:
    """``value`` as ``(integer, scale)`` with ``integer / 10**scale == value``."""
    sign, digits, exponent = value.as_tuple()
    integer = int("".join(map(str, digits)) or "0")
    scale = -int(exponent)
    if scale < 0:
        integer, scale = integer * 10**-scale, 0
    return (-integer if sign else integer), scale
