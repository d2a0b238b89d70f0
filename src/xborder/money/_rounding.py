"""Named rounding modes (private; re-exported by :mod:`xborder.money`)."""

from __future__ import annotations

import decimal
import enum

__all__ = ["RoundingMode"]


class RoundingMode(enum.StrEnum):
    """How to round to a currency's minor unit. There is no default: name one.

    Money libraries disagree on defaults (py-moneyed rounds half-even, Saleor's
    ``prices`` half-up, babel's formatter half-even), so the same ¥1,234.5 is
    stored as ¥1,235 and displayed as ¥1,234. xborder asks for the mode every
    time it rounds.

    The values are the :mod:`decimal` constants, so ``mode.value`` can be given
    to ``Decimal.quantize`` directly.

    Examples:
        >>> from decimal import Decimal
        >>> Decimal("2.5").quantize(Decimal(1), rounding=RoundingMode.HALF_UP)
        Decimal('3')
        >>> Decimal("2.5").quantize(Decimal(1), rounding=RoundingMode.HALF_EVEN)
        Decimal('2')
    """

    HALF_UP = decimal.ROUND_HALF_UP
    """Ties away from zero (2.5 → 3, −2.5 → −3): "commercial" rounding, tax rules."""
    HALF_EVEN = decimal.ROUND_HALF_EVEN
    """Ties to the even neighbour (2.5 → 2, 3.5 → 4): banker's rounding, IEEE 754."""
    HALF_DOWN = decimal.ROUND_HALF_DOWN
    """Ties toward zero (2.5 → 2, −2.5 → −2)."""
    UP = decimal.ROUND_UP
    """Away from zero (2.01 → 3, −2.01 → −3)."""
    DOWN = decimal.ROUND_DOWN
    """Toward zero, i.e. truncation (2.99 → 2, −2.99 → −2): some customs duty rules."""
    CEILING = decimal.ROUND_CEILING
    """Toward +∞ (2.01 → 3, −2.99 → −2): a price that must never be a cent short."""
    FLOOR = decimal.ROUND_FLOOR
    """Toward −∞ (2.99 → 2, −2.01 → −3)."""
