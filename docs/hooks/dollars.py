"""Money written ``US$2.35`` is money, never the start or end of a formula.

An MkDocs hook (see ``hooks:`` in ``mkdocs.yml``). ``pymdownx.arithmatex``
reads ``$…$`` as inline TeX, so "a US$2.35 holder lands at US$3.44" became a
formula from ``2.35`` to ``US``. This hook adds a Markdown preprocessor that
escapes a dollar sign written between a currency prefix's capital letter and
a digit (``US$2.35``, ``A$1,000``, ``C$40``, ``HK$8``) before arithmatex sees
it. It runs after ``pymdownx.snippets`` (so included files such as the
changelog are covered) and after fenced code is set aside (so code is left
as written); inline code spans are skipped too. A bare ``$5`` is left alone:
``$0.03 \\times 4.9$`` is a formula that starts with a digit, so a bare
dollar before a figure in prose is written ``\\$5``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from markdown import Extension
from markdown.preprocessors import Preprocessor

if TYPE_CHECKING:
    from markdown import Markdown
    from mkdocs.config.defaults import MkDocsConfig

__all__ = ["CURRENCY_DOLLAR", "CurrencyDollars", "escape_currency_dollars", "on_config"]

# A capital letter, an unescaped $, a digit: US$2.35, A$1,000, NZ$9.
CURRENCY_DOLLAR = re.compile(r"(?<=[A-Z])(?<!\\)\$(?=\d)")
_CODE_SPAN = re.compile(r"(`+).*?\1")


def escape_currency_dollars(line: str) -> str:
    r"""Escape the currency dollars of one line, leaving code spans as they are.

    >>> escape_currency_dollars("a US$2.35 holder, `US$2.35` in code, $k$")
    'a US\\$2.35 holder, `US$2.35` in code, $k$'
    """
    pieces: list[str] = []
    start = 0
    for code in _CODE_SPAN.finditer(line):
        pieces.append(CURRENCY_DOLLAR.sub(r"\\$", line[start : code.start()]))
        pieces.append(code.group(0))
        start = code.end()
    pieces.append(CURRENCY_DOLLAR.sub(r"\\$", line[start:]))
    return "".join(pieces)


class _EscapeCurrencyDollars(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return [escape_currency_dollars(line) for line in lines]


class CurrencyDollars(Extension):
    """The Markdown extension: escape currency dollars before arithmatex."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's name
        """Register after snippets (32) and fences (25), before HTML blocks (20)."""
        md.preprocessors.register(_EscapeCurrencyDollars(md), "currency_dollars", 24)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """MkDocs hook: add the extension to every page's Markdown."""
    config.markdown_extensions.append(CurrencyDollars())  # type: ignore[arg-type]
    return config
