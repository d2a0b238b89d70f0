"""The arithmetic a rule is written in, for one value or a whole column (private).

A rule that both engines evaluate (the pricing waterfall, a duty expression)
is written once as a function of an :class:`Ops` and its inputs. The scalar
calculators pass :data:`DECIMALS`, whose values are :class:`~decimal.Decimal`;
``xborder.frames`` passes its column engine, whose values are expressions
over a whole column. Rounding and division are the operations where exact
engines most often disagree, so both are defined here once, exactly:

* :meth:`Ops.quantize` rounds to a power of ten with a named mode;
* :meth:`Ops.divide` rounds the *exact* quotient to a power of ten, with
  no intermediate rounding (a quotient rounded first to 34 digits and then
  to the cent can land on a tie the exact quotient is not on).

Parameters of a rule (a VAT rate, a fee band) stay plain Decimals in both
engines, and Python ``if`` statements on them choose the shape of the
formula; anything that varies per row goes through the ops.
"""

from __future__ import annotations

from decimal import (
    MAX_EMAX,
    MIN_EMIN,
    ROUND_05UP,
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_DOWN,
    ROUND_HALF_EVEN,
    ROUND_UP,
    Context,
    Decimal,
)
from typing import TYPE_CHECKING, Protocol, TypeVar, cast, runtime_checkable

from xborder._exact import DIVISION, EXACT
from xborder._validate import to_decimal
from xborder.errors import InvalidTypeError

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "DECIMALS",
    "DecimalOps",
    "Ops",
    "Piece",
    "check_engine",
    "check_values",
    "divide_exactly",
    "is_engine",
    "round_ratio",
]

V = TypeVar("V")
C = TypeVar("C")

Piece = tuple[Decimal | None, Decimal, Decimal]
"""``(upper edge or None, intercept, slope)``: ``intercept + slope × x`` up to
the edge (inclusive); the last piece's edge is ``None``."""


@runtime_checkable
class Ops(Protocol[V, C]):
    """Exact arithmetic on values ``V`` (a Decimal, or a column) with conditions ``C``.

    Every method also takes plain Decimals where a value is expected.
    """

    def constant(self, value: Decimal) -> V:
        """``value`` as a value of this engine (the same for every row)."""
        ...

    def add(self, a: V | Decimal, b: V | Decimal) -> V:
        """``a + b``, exactly."""
        ...

    def sub(self, a: V | Decimal, b: V | Decimal) -> V:
        """``a − b``, exactly."""
        ...

    def mul(self, a: V | Decimal, b: V | Decimal) -> V:
        """``a × b``, exactly."""
        ...

    def quantize(self, a: V | Decimal, unit: Decimal, rounding: str) -> V:
        """``a`` rounded to a multiple of ``unit`` (a power of ten)."""
        ...

    def divide(self, a: V | Decimal, b: V | Decimal, unit: Decimal, rounding: str) -> V:
        """``a ÷ b`` rounded once, exactly, to a multiple of ``unit``."""
        ...

    def quotient(self, a: V | Decimal, b: Decimal) -> V:
        """``a ÷ b`` for a parameter ``b``, as Decimal division gives it.

        Exact when the quotient has at most 34 significant digits (the
        :data:`~xborder._exact.DIVISION` context), else rounded half-even to
        34. A rule uses it where the scalar calculator has always divided by
        a parameter (a specific duty "per 100 kg", a volumetric divisor, an
        inverted exchange rate); a column engine evaluates it only where the
        quotient is exact, and says so otherwise.
        """
        ...

    def holds(self, value: object) -> bool:
        """Whether ``value`` is a value of this engine (Decimals always are).

        The public rule modules check their arguments with it.
        """
        ...

    def maximum(self, a: V | Decimal, b: V | Decimal) -> V:
        """The larger of ``a`` and ``b``."""
        ...

    def greater(self, a: V | Decimal, b: V | Decimal) -> C:
        """``a > b``."""
        ...

    def at_least(self, a: V | Decimal, b: V | Decimal) -> C:
        """``a >= b``."""
        ...

    def where(self, condition: C, a: V | Decimal, b: V | Decimal) -> V:
        """``a`` where ``condition`` holds, else ``b``."""
        ...

    def piecewise(self, x: V | Decimal, pieces: Sequence[Piece]) -> V:
        """``intercept + slope × x`` of the first piece whose edge is ``>= x``."""
        ...


class DecimalOps:
    """:class:`Ops` on single :class:`~decimal.Decimal` values (the scalar engine)."""

    __slots__ = ()

    @staticmethod
    def constant(value: Decimal) -> Decimal:
        """``value`` itself."""
        return value

    @staticmethod
    def add(a: Decimal, b: Decimal) -> Decimal:
        """``a + b``, exactly."""
        return EXACT.add(a, b)

    @staticmethod
    def sub(a: Decimal, b: Decimal) -> Decimal:
        """``a − b``, exactly."""
        return EXACT.subtract(a, b)

    @staticmethod
    def mul(a: Decimal, b: Decimal) -> Decimal:
        """``a × b``, exactly."""
        return EXACT.multiply(a, b)

    @staticmethod
    def quantize(a: Decimal, unit: Decimal, rounding: str) -> Decimal:
        """``a`` rounded to a multiple of ``unit`` (a power of ten)."""
        return a.quantize(unit, rounding=rounding, context=EXACT)

    @staticmethod
    def divide(a: Decimal, b: Decimal, unit: Decimal, rounding: str) -> Decimal:
        """``a ÷ b`` rounded once, exactly, to a multiple of ``unit``.

        The same result as :func:`divide_exactly`, faster: the quotient is
        first rounded with ``ROUND_05UP`` to two digits past ``unit`` (an
        inexact result then never ends in 0 or 5, so it is never on a tie or
        a step the exact quotient is not on), then once more with
        ``rounding``.
        """
        if not b:
            raise ZeroDivisionError("divide by zero")  # callers check first
        exponent = int(unit.as_tuple().exponent)
        digits = max(a.adjusted() - b.adjusted() - exponent + 3, 2)
        context = _GUARDED.get(digits) or _guarded(digits)
        result = context.divide(a, b).quantize(unit, rounding=rounding, context=EXACT)
        return result or result.copy_abs()  # never a negative zero

    @staticmethod
    def quotient(a: Decimal, b: Decimal) -> Decimal:
        """``a ÷ b`` in the 34-digit division context."""
        return DIVISION.divide(a, b)

    @staticmethod
    def holds(value: object) -> bool:
        """Whether ``value`` is a Decimal."""
        return isinstance(value, Decimal)

    @staticmethod
    def maximum(a: Decimal, b: Decimal) -> Decimal:
        """The larger of ``a`` and ``b`` (``a`` on a tie)."""
        return max(a, b)

    @staticmethod
    def greater(a: Decimal, b: Decimal) -> bool:
        """``a > b``."""
        return a > b

    @staticmethod
    def at_least(a: Decimal, b: Decimal) -> bool:
        """``a >= b``."""
        return a >= b

    @staticmethod
    def where(condition: bool, a: Decimal, b: Decimal) -> Decimal:  # noqa: FBT001
        """``a`` where ``condition`` holds, else ``b``."""
        return a if condition else b

    @staticmethod
    def piecewise(x: Decimal, pieces: Sequence[Piece]) -> Decimal:
        """``intercept + slope × x`` of the first piece whose edge is ``>= x``."""
        for edge, intercept, slope in pieces:
            if edge is None or x <= edge:
                return EXACT.add(intercept, EXACT.multiply(slope, x))
        edge, intercept, slope = pieces[-1]
        return EXACT.add(intercept, EXACT.multiply(slope, x))


DECIMALS = DecimalOps()
"""The scalar engine's ops."""


_ENGINE_TYPES: set[type] = set()


def is_engine(ops: object) -> bool:
    """``isinstance(ops, Ops)``, remembered per type.

    A runtime-checkable Protocol's isinstance walks every member of the
    protocol (about 30 µs here), and the public rules check their engine on
    every call: the scalar landed cost made 46 such checks per shipment,
    over half its time (``benchmarks/bench_landed_cost.py``).
    """
    kind = type(ops)
    if kind in _ENGINE_TYPES:
        return True
    if isinstance(ops, Ops):
        _ENGINE_TYPES.add(kind)
        return True
    return False


def check_values(ops: object, **values: object) -> None:
    """Refuse an ``ops`` that is no engine, and values the engine does not hold.

    A Decimal is a parameter in every engine, and is checked by name within
    xborder's bounds.

    Raises:
        InvalidTypeError: ``ops`` is not an engine, or a value is not one of
            its values.
        InvalidInputError: A Decimal is out of bounds.
    """
    if not is_engine(ops):
        raise InvalidTypeError(field="ops", value=ops, expected="an xborder engine")
    engine = cast("Ops[object, object]", ops)
    for field, value in values.items():
        if not engine.holds(value):
            expected = "a Decimal" if ops is DECIMALS else "a value of the engine"
            raise InvalidTypeError(field=field, value=value, expected=expected)
        if isinstance(value, Decimal):
            to_decimal(value, field=field)


def check_engine(ops: object, *values: tuple[str, object]) -> None:
    """Refuse an ``ops`` that is no engine, and scalar values that are not numbers.

    A public rule takes any engine; with :data:`DECIMALS` its values are
    plain Decimals and are checked here (by name, within xborder's bounds),
    while a column engine checks its own values as it builds the plan.

    Raises:
        InvalidTypeError: ``ops`` is not an engine, or a value for
            :data:`DECIMALS` is not a Decimal.
        InvalidInputError: A value for :data:`DECIMALS` is out of bounds.
    """
    if not is_engine(ops):
        raise InvalidTypeError(field="ops", value=ops, expected="an xborder engine")
    if ops is not DECIMALS:
        return
    for field, value in values:
        if not isinstance(value, Decimal):
            raise InvalidTypeError(field=field, value=value, expected="a Decimal")
        to_decimal(value, field=field)


_GUARDED: dict[int, Context] = {}


def _guarded(digits: int) -> Context:
    """A context dividing to ``digits`` significant digits with ROUND_05UP."""
    context = Context(
        prec=digits, rounding=ROUND_05UP, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[]
    )
    _GUARDED[digits] = context
    return context


def divide_exactly(a: Decimal, b: Decimal, unit: Decimal, rounding: str) -> Decimal:
    """``a ÷ b`` rounded once to a multiple of ``unit`` (a power of ten).

    The quotient is computed on integers, so it is the correctly rounded
    exact quotient whatever its length: ``1 ÷ 3`` to the cent is ``0.33``,
    and a quotient just below a tie is never first rounded onto it.

    Examples:
        >>> from decimal import ROUND_HALF_UP
        >>> divide_exactly(Decimal("100.00"), Decimal("1.19"), Decimal("0.01"),
        ...                ROUND_HALF_UP)
        Decimal('84.03')
        >>> divide_exactly(Decimal(-1), Decimal(8), Decimal("0.01"), ROUND_HALF_EVEN)
        Decimal('-0.12')
    """
    if not b:
        raise ZeroDivisionError("divide_exactly by zero")  # callers check first
    # (na / da) / (nb / db) / 10^eu as one ratio of integers.
    na, da = a.as_integer_ratio()
    nb, db = b.as_integer_ratio()
    eu = unit.as_tuple().exponent
    numerator, denominator = na * db, da * nb
    if eu < 0:  # type: ignore[operator]
        numerator *= 10**-eu  # type: ignore[operator]
    else:
        denominator *= 10**eu  # type: ignore[operator]
    if denominator < 0:
        numerator, denominator = -numerator, -denominator
    steps = round_ratio(numerator, denominator, rounding)
    return Decimal(steps).scaleb(eu, context=EXACT)  # type: ignore[arg-type]


def round_ratio(numerator: int, denominator: int, rounding: str) -> int:
    """``numerator ÷ denominator`` (denominator > 0) rounded to an integer.

    The rounding modes of :mod:`decimal`, on the exact ratio: the floor and
    the remainder decide every mode.

    Examples:
        >>> from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP
        >>> [round_ratio(n, 2, ROUND_HALF_EVEN) for n in (-3, -1, 1, 3, 5)]
        [-2, 0, 0, 2, 2]
        >>> [round_ratio(n, 2, ROUND_HALF_UP) for n in (-3, -1, 1, 3)]
        [-2, -1, 1, 2]
    """
    floor, rest = divmod(numerator, denominator)
    if not rest:
        return floor
    return floor + _steps_up(rounding, floor, 2 * rest - denominator, numerator < 0)


def _steps_up(rounding: str, floor: int, past_half: int, negative: bool) -> int:  # noqa: FBT001
    """1 if the inexact ratio rounds to ``floor + 1``, else 0.

    ``past_half`` is twice the remainder minus the denominator: its sign
    says whether the ratio is below, on or past the midpoint.
    """
    directed = _DIRECTED.get(rounding)
    if directed is not None:
        return directed[negative]
    if past_half:
        return int(past_half > 0)
    if rounding == ROUND_HALF_EVEN:
        return floor & 1
    return int(negative) if rounding == ROUND_HALF_DOWN else int(not negative)


# Steps up from the floor for (a positive, a negative) ratio: ROUND_DOWN and
# ROUND_UP move toward and away from zero, the floor for one sign only.
_DIRECTED: dict[str, tuple[int, int]] = {
    ROUND_FLOOR: (0, 0),
    ROUND_CEILING: (1, 1),
    ROUND_DOWN: (0, 1),
    ROUND_UP: (1, 0),
}
