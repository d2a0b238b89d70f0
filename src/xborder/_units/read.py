"""Reading a quantity into xborder's registry (private to ``xborder.units``).

A string, a quantity of xborder's registry, or one of any other pint
registry becomes an exact magnitude and a :class:`~xborder._units.catalogue.Unit`;
:func:`converted` then applies the exact factor between two units. pint's
registry is passed in: only ``xborder.units`` imports pint.
"""

from __future__ import annotations

from decimal import Decimal, Overflow, localcontext
from typing import Any

from xborder._exact import DIVISION, EXACT
from xborder._units import catalogue
from xborder._units.text import MAX_LENGTH, PINT_CONTEXT, number, split
from xborder._validate import to_decimal
from xborder.errors import InvalidInputError, UnitError, XborderError

__all__ = ["converted", "quantity", "text", "tidy"]

_A_QUANTITY = "a quantity such as '2.5 kg'"
_EXAMPLES = {
    "kilogram": "'2.5 kg'",
    "centimeter": "'30 cm'",
    "centimeter ** 3": "'1200 cm**3'",
    "day": "'14 days'",
}


def text(
    ureg: Any,  # noqa: ANN401 - pint's registry
    value: str,
    field: str | None,
) -> tuple[Decimal, catalogue.Unit]:
    """A quantity string's exact magnitude and unit ("85 g")."""
    parts = split(value) if len(value) <= MAX_LENGTH else None
    if parts is None:
        limit = f", at most {MAX_LENGTH} characters" if len(value) > MAX_LENGTH else ""
        raise UnitError(field=field, value=value, expected=_A_QUANTITY + limit)
    try:
        amount = number(parts[0])
    except XborderError as error:
        raise InvalidInputError(
            field=field, value=value, expected=error.expected
        ) from None
    unit = catalogue.TEXTS.get(parts[1]) or catalogue.of_text(ureg, parts[1])
    if unit is None:
        raise UnitError(field=field, value=value, expected=_A_QUANTITY)
    if unit.offset:
        # pint refuses "20 degC" too: a temperature, or a difference of two?
        raise UnitError(
            "units with an offset (degC) or a log scale do not convert by a factor",
            field=field,
            value=value,
            expected="a unit without one, such as 'K' or 'delta_degC'",
        )
    return amount, unit


def quantity(
    ureg: Any,  # noqa: ANN401 - pint's registry
    value: object,
    field: str | None,
) -> tuple[Decimal, catalogue.Unit, Any]:
    """A pint quantity's magnitude and unit, and the quantity itself if it is ours."""
    if isinstance(value, ureg.Quantity):
        amount = value.magnitude
        if not isinstance(amount, Decimal):
            raise InvalidInputError(
                field=field, value=str(value), expected="a Decimal magnitude"
            )
        try:
            to_decimal(amount)  # finite, within xborder's bounds
            unit = catalogue.of_container(ureg, value._units)  # noqa: SLF001
        except XborderError as error:
            raise (error.in_field(field) if field else error) from None
        return amount, unit, value
    if hasattr(value, "magnitude") and hasattr(value, "units"):
        amount, unit = _foreign(ureg, value, field)
        return amount, unit, None
    raise UnitError(
        field=field, value=value, expected="a pint quantity or a string like '2 kg'"
    )


def _foreign(
    ureg: Any,  # noqa: ANN401 - pint's registry
    value: Any,  # noqa: ANN401 - another registry's quantity
    field: str | None,
) -> tuple[Decimal, catalogue.Unit]:
    raw = value.magnitude
    if isinstance(raw, bool) or not isinstance(raw, int | float | Decimal):
        raise InvalidInputError(field=field, value=value, expected="a scalar magnitude")
    # A float's str is its shortest repr (1.1, not 1.100000000000000088...);
    # an int goes in whole (str() of one past 4300 digits raises).
    amount = to_decimal(str(raw) if isinstance(raw, float) else raw, field=field)
    try:
        units = getattr(value, "_units", None) or value.units._units  # noqa: SLF001
        unit = catalogue.of_foreign(ureg, tuple(units.items()))
    except (AttributeError, TypeError, ValueError):
        unit = None
    if unit is None:
        raise UnitError(
            field=field, value=str(value), expected="units xborder's registry knows"
        )
    return amount, unit


def converted(  # noqa: PLR0917 - one private call site
    ureg: Any,  # noqa: ANN401 - pint's registry
    amount: Decimal,
    source: catalogue.Unit,
    target: catalogue.Unit,
    value: object,
    unit: str,
    field: str | None,
) -> Decimal:
    """``amount`` of ``source`` in ``target``: one exact product, one division.

    Raises:
        UnitError: Either unit has an offset, or their dimensions differ.
        InvalidInputError: The result is out of :func:`to_decimal`'s bounds.
    """
    if source.offset or target.offset:
        # degC → kelvin is not a factor (20 degC is 293.15 K); a factor
        # would silently give 20 K.
        raise UnitError(
            "offset units such as degC do not convert by a factor",
            field=field,
            value=str(value),
            expected=(
                f"a quantity in {_name(ureg, target)} itself, "
                "or in a unit without an offset"
            ),
        )
    if source.roots != target.roots:
        with localcontext(PINT_CONTEXT):
            dimensions = ureg.get_dimensionality(target.units)
        example = _EXAMPLES.get(unit, f"'1 {unit}'")
        raise UnitError(
            field=field,
            value=str(value),
            expected=f"a quantity of {dimensions} such as {example}",
        )
    up = EXACT.multiply(source.numerator, target.denominator)
    down = EXACT.multiply(source.denominator, target.numerator)
    try:
        return to_decimal(tidy(DIVISION.divide(EXACT.multiply(amount, up), down)))
    except (Overflow, XborderError):
        raise InvalidInputError(
            field=field,
            value=str(value),
            expected=f"a magnitude that stays in range in {_name(ureg, target)}",
        ) from None


def _name(ureg: Any, unit: catalogue.Unit) -> str:  # noqa: ANN401 - pint's registry
    return str(ureg.Unit(unit.units))


def tidy(amount: Decimal) -> Decimal:
    """``amount`` without the zeros a division leaves, whole numbers in plain notation.

    Examples:
        >>> tidy(Decimal("30.48000000000000000000000000")), tidy(Decimal("1.5E+3"))
        (Decimal('30.48'), Decimal('1500'))
    """
    tidied = amount.normalize(EXACT)
    exponent = tidied.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        return tidied.quantize(Decimal(1), context=EXACT)
    return tidied
