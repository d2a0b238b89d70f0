"""Case A's terminal report: the phone-holder seller (private; pure)."""

from __future__ import annotations

from xborder._report._foundation import report
from xborder._report._text import money
from xborder.money import Money

__all__ = ["render"]


def render(*, locale: str = "en_US") -> str:
    """Case A as text, amounts formatted for ``locale``."""
    money(Money(0, "USD"), locale)  # refuse an unknown locale before any work
    return report()
