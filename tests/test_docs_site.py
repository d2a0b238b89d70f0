"""The built documentation site, as a reader's browser gets it.

The site is built once for the module (``mkdocs build --strict``, about half a
minute) and its HTML is checked for what a reader saw go wrong (issue 18):
prose read as maths, maths fetched from a CDN, raw Sphinx roles in the API
reference, empty Type columns and defaulted fields marked "required".
"""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import pytest

from pages import ROOT

if TYPE_CHECKING:
    from pathlib import Path

RAW_ROLE = re.compile(r":(?:class|func|data|attr|mod|meth|exc|obj):`")
INLINE_MATHS = re.compile(r'<span class="arithmatex">(.*?)</span>', re.DOTALL)
SCRIPT_SRC = re.compile(r'<script[^>]*\bsrc="([^"]+)"')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--quiet",
            "--site-dir",
            str(folder),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return folder


def pages(site: Path) -> dict[str, str]:
    return {
        str(path.relative_to(site)): path.read_text(encoding="utf-8")
        for path in sorted(site.rglob("*.html"))
    }


def reads_as_prose(tex: str) -> bool:
    r"""Two plain words side by side: prose caught between two dollar signs.

    Formulas write words inside ``\text{}`` or join them with ``\ `` or an
    operator; "2.35 holder lands at US" has words side by side.
    """
    formula = re.sub(r"\\text\{[^}]*\}", " # ", tex)
    formula = re.sub(r"\\[A-Za-z]+|\\.", " # ", formula)
    return re.search(r"[A-Za-z]{2,}\s+[A-Za-z]{2,}", formula) is not None


def test_the_prose_check_catches_a_currency_span() -> None:
    assert reads_as_prose(r"\(2.35 holder lands at US\)")
    assert not reads_as_prose(r"\(target\ CPC = AOV \times CVR \times target\ ACOS\)")
    assert not reads_as_prose(r"\(\text{CPC}_{max} = \text{price} \times \text{CVR}\)")


def test_no_prose_is_typeset_as_maths(site: Path) -> None:
    spans = [
        (name, tex)
        for name, html in pages(site).items()
        for tex in INLINE_MATHS.findall(html)
    ]
    assert len(spans) > 100  # the formulas are still there
    assert [(name, tex) for name, tex in spans if reads_as_prose(tex)] == []


def test_currency_amounts_stay_money(site: Path) -> None:
    tutorial = pages(site)["tutorials/case-a/index.html"]
    assert "A US$2.35 holder lands at US$3.44" in tutorial


def test_maths_is_served_by_the_site_itself(site: Path) -> None:
    for name, html in pages(site).items():
        for source in SCRIPT_SRC.findall(html):
            assert "://" not in source, (name, source)
    scripts = SCRIPT_SRC.findall(pages(site)["index.html"])
    mathjax = [source for source in scripts if "mathjax/tex-" in source]
    assert mathjax == ["assets/mathjax/tex-svg.js"]
    assert (site / mathjax[0]).stat().st_size > 1_000_000  # the real library
    assert (site / "assets/mathjax/input/tex/extensions/cancel.js").is_file()


def test_long_display_formulas_scroll_in_their_column(site: Path) -> None:
    css = (site / "stylesheets/extra.css").read_text(encoding="utf-8")
    assert re.search(r"div\.arithmatex\s*\{[^}]*overflow-x:\s*auto", css)
    # Material's svg { max-width: 100% } made display maths vanish on phones
    assert re.search(
        r"mjx-container\[jax=\"SVG\"\] > svg\s*\{[^}]*max-width:\s*none", css
    )


class Tables(HTMLParser):
    """The text of every table cell, as rows of strings, per table."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._open: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        del attrs
        if tag == "table":
            self._open.append([])
        elif tag == "tr" and self._open:
            self._open[-1].append([])
        elif tag in {"td", "th"} and self._open:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self._open:
            self.tables.append(self._open.pop())
        elif tag in {"td", "th"} and self._open and self._cell is not None:
            self._open[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def parameter_tables(html: str) -> list[list[list[str]]]:
    """The "Parameters" tables of a page (header Name, Type, Description, Default)."""
    parser = Tables()
    parser.feed(html)
    return [
        table for table in parser.tables if table and table[0][:2] == ["Name", "Type"]
    ]


def test_the_reference_shows_no_raw_sphinx_roles(site: Path) -> None:
    raw = {
        name: len(RAW_ROLE.findall(html))
        for name, html in pages(site).items()
        if RAW_ROLE.search(html)
    }
    assert raw == {}


def test_roles_became_links(site: Path) -> None:
    waterfall = pages(site)["reference/pricing-waterfall/index.html"]
    # ":class:`~xborder.fx.FxTable`" in pricing.costs' module docstring
    assert re.search(
        r'<a class="autorefs[^"]*"[^>]*href="[^"]*fx/[^"]*#xborder\.fx\.FxTable"'
        r"[^>]*><code>FxTable</code></a>",
        waterfall,
    )


def test_every_parameter_has_a_type(site: Path) -> None:
    untyped = [
        (name, row[0])
        for name, html in pages(site).items()
        for table in parameter_tables(html)
        for row in table[1:]
        if not row[1]
    ]
    assert untyped == []


def test_defaulted_fields_are_not_required(site: Path) -> None:
    html = pages(site)["reference/landed-cost/index.html"]
    start = html.index('id="xborder.landed_cost.Charge"')
    table = parameter_tables(html[start:])[0]
    rows = {row[0]: row for row in table[1:]}
    assert rows["name"][1:2] == ["str"]
    assert rows["name"][3] == "required"
    assert rows["basis"][1] == "AllocationBasis"
    assert rows["basis"][3] != "required"
    assert "VALUE" in rows["basis"][3]
    assert rows["payer"][3] == "None"
    assert rows["taxable"][3] == "None"
    assert rows["taxable"][1] == "bool | None"
