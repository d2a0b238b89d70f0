"""Building result objects on hot paths without attrs' generic ``__init__`` (private).

A reorder point for 100,000 SKUs builds 300,000 result objects. attrs'
frozen ``__init__`` sets each slot through ``object.__setattr__``; calling the
slot descriptors directly halves that cost. Only calculators use these
builders, with values they have just computed, so nothing is skipped that
an ``__init__`` would check (result classes have no converters).
"""

from __future__ import annotations

from typing import Any

import attrs

__all__ = ["slot_setters"]


def slot_setters(cls: type) -> tuple[Any, ...]:
    """The ``__set__`` of each of ``cls``'s attrs fields, in field order."""
    return tuple(cls.__dict__[field.name].__set__ for field in attrs.fields(cls))
