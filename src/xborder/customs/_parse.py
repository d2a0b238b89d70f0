"""Duty expressions from a tariff's own text, and back (private).

See :func:`parse_duty` and :func:`duty_text`, re-exported by
:mod:`xborder.customs`.

The notation is the one the UK Trade Tariff and the EU's TARIC print: a
sentence of *components*, each a duty expression code with an amount, a
currency or ``%``, and a measurement unit. The codes read here (the UK
Department for Business and Trade's tariff management tool, migration
``0007_add_duty_expression_prefixes_and_measurement_unit_abbrevs``,
https://github.com/uktrade/tamato, read 2026-12-07; the UK Trade Tariff's
formatter ``app/formatters/duty_expression_formatter.rb``,
https://github.com/trade-tariff/trade-tariff-backend, read 2026-12-07):

* 01 ``%`` or amount: ``12.00 %``, ``4.40 GBP / 100 kg``;
* 02 ``-`` % or amount: a subtracted component (``Compound(..., less=...)``);
* 04, 19, 20 ``+`` % or amount: an added component;
* 15, 36 ``MIN`` and 17, 35 ``MAX``: a floor and a ceiling on what precedes;
* 12, 14 ``+ EA`` / ``EA R`` (``AC``), 21, 25 ``+ ADSZ`` / ``ADSZ R``
  (``SD``), 27, 29 ``+ ADFM`` / ``ADFM R`` (``FD``): the agricultural
  component and additional duties on sugar and flour, which depend on the
  goods' composition (their Meursing additional code). They are refused:
  the tariff shows them in ``EUR / 100 kg`` once you give it the code, and
  that text parses. ``NIHIL`` (37) is refused too.

Measurement units are the tariff's abbreviations (same sources): ``kg``,
``100 kg`` (DTN), ``1,000 kg`` (TNE), ``g``, ``l``, ``hl``, ``1,000 l``,
``p/st`` (NAR; ``100 p/st``, ``1,000 p/st``), ``pa`` (NPR), ``l alc. 100%``
(LPA), ``m``, ``m2``, ``m3``, and the qualifier ``net drained wt`` (E) after
``kg``. They map to :class:`~xborder.customs.Measure` values (``kg``, ``l``,
``item``, ``pair``, ``l_alc``) or, where the Measure enum has none, to the
lower-case names ``m``, ``m2``, ``m3`` and ``kg_net_drained`` (a line gives
those as tariff quantities). Other units and qualifiers (``% vol``,
``tot alc``, ``% sacchar.``...) are refused, naming the token.

Decisions: ``MIN`` and ``MAX`` apply to everything before them and bind
looser than ``+`` and ``-`` (``9.10 % + 45.10 EUR / 100 kg MAX 18.90 % +
16.50 EUR / 100 kg`` caps the sum with a sum, as the tariff means); a
parenthesised sum is a :class:`~xborder.customs.Compound` even of one part
(so :func:`duty_text` can write any expression). Words and currency codes
may be in any case. Amounts use the tariff's decimal point: a decimal comma
(``12,8 %``) is refused rather than guessed, but ``1,000`` and ``1 000``
are read as thousands in a unit (``1,000 kg``). ``£`` is GBP and ``€`` EUR;
``$`` and ``¥`` name several currencies and are refused. Texts longer than
1000 characters are refused before they are read.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from xborder._exact import EXACT
from xborder.customs._conversion import percent
from xborder.customs._duty import AdValorem, FlatPerTariffLine, Measure, Specific
from xborder.customs._expression import Cap, Compound, Floor, duty_expression
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.money import Currency, Money

if TYPE_CHECKING:
    from collections.abc import Callable

    from xborder.customs._expression import DutyExpression

__all__ = ["MAX_LENGTH", "duty_text", "parse_duty"]

MAX_LENGTH = 1000
"""The longest text :func:`parse_duty` reads (a real duty is under 100)."""

_MAX_DEPTH = 16  # nested parentheses

_SPACE = re.compile(r"\s*")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_DECIMAL_COMMA = re.compile(r",\d")
_CODE = re.compile(r"[A-Za-z]{3}(?![A-Za-z])")
_OPERATOR = re.compile(r"\+|-|\u2212|MIN(?![A-Za-z])|MAX(?![A-Za-z])", re.IGNORECASE)
_AGRICULTURAL = re.compile(
    r"(?:EA|ADSZ|ADFM)(?:\s*\(?R\)?)?(?![A-Za-z])"
    r"|(?:AC|SD|FD)(?:\s*\(reduced\))?(?![A-Za-z])"
    r"|NIHIL(?![A-Za-z])",
    re.IGNORECASE,
)
_SYMBOLS = {"£": "GBP", "€": "EUR"}
_AMBIGUOUS = {"$": "USD, CAD, AUD...", "¥": "JPY or CNY"}
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?: \d{3})+(?!\d)")
_NET_DRAINED = re.compile(r"\s*/?\s*net drained w(?:eigh)?t(?![A-Za-z])", re.IGNORECASE)
_QUALIFIER = re.compile(r"\s*/\s*([^+\-\u2212()]*)")

# The tariff's unit abbreviations (and xborder's own measure names), longest
# first: each a measure and how many of its units one tariff unit is.
_UNITS: tuple[tuple[str, str, Decimal], ...] = (
    ("l alc. 100%", Measure.LITRE_PURE_ALCOHOL.value, Decimal(1)),
    ("l_alc", Measure.LITRE_PURE_ALCOHOL.value, Decimal(1)),
    ("item", Measure.ITEM.value, Decimal(1)),
    ("pair", Measure.PAIR.value, Decimal(1)),
    ("p/st", Measure.ITEM.value, Decimal(1)),
    ("kg", Measure.KG.value, Decimal(1)),
    ("hl", Measure.LITRE.value, Decimal(100)),
    ("m2", "m2", Decimal(1)),
    ("m3", "m3", Decimal(1)),
    ("pa", Measure.PAIR.value, Decimal(1)),
    ("g", Measure.KG.value, Decimal("0.001")),
    ("l", Measure.LITRE.value, Decimal(1)),
    ("m", "m", Decimal(1)),
)
_NET_DRAINED_MEASURE = "kg_net_drained"

# How duty_text writes each measure (the tariff's abbreviation).
_WRITTEN = {
    Measure.KG.value: "kg",
    Measure.LITRE.value: "l",
    Measure.ITEM.value: "p/st",
    Measure.PAIR.value: "pa",
    Measure.LITRE_PURE_ALCOHOL.value: "l alc. 100%",
    "m": "m",
    "m2": "m2",
    "m3": "m3",
    _NET_DRAINED_MEASURE: "kg / net drained wt",
}

_EXPECTED = "a duty expression such as '12.00 %' or '8 % + 4.40 GBP / 100 kg'"
_MEURSING = (
    "a duty without agricultural components: EA, ADSZ and ADFM depend on the "
    "goods' sugar, milk fat and starch content; give the tariff your Meursing "
    "additional code, and parse the duty it then shows in EUR / 100 kg"
)


class _Reader:
    """A position in the text, and errors that name it."""

    def __init__(self, text: str) -> None:
        self.text, self.at = text, 0

    def skip(self) -> None:
        found = _SPACE.match(self.text, self.at)
        if found is not None:
            self.at = found.end()

    def take(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        self.skip()
        found = pattern.match(self.text, self.at)
        if found is not None:
            self.at = found.end()
        return found

    def literal(self, value: str) -> bool:
        self.skip()
        if self.text.startswith(value, self.at):
            self.at += len(value)
            return True
        return False

    def done(self) -> bool:
        self.skip()
        return self.at >= len(self.text)

    def token(self) -> str:
        rest = self.text[self.at :]
        word = re.match(r"[^\s()]+(?:\s+[^\s()+\-\u2212]+)?", rest)
        return word.group() if word else rest[:1] or "the end"

    def error(self, why: str, expected: str = _EXPECTED) -> InvalidInputError:
        self.skip()
        where = (
            "at the end"
            if self.at >= len(self.text)
            else f"at character {self.at + 1} ({self.token()!r})"
        )
        return InvalidInputError(
            f"{why} {where}", field="text", value=self.text, expected=expected
        )


def parse_duty(text: str) -> DutyExpression:
    """The typed duty expression a tariff's text writes.

    Reads the UK Trade Tariff's and TARIC's notation (see the module notes
    above for the codes, units and decisions): ``%``, an amount per unit,
    ``+``, ``-``, ``MIN``, ``MAX`` and parentheses.

    Args:
        text: The duty as the tariff prints it.

    Returns:
        An :class:`AdValorem`, :class:`Specific`, :class:`Compound`,
        :class:`Floor` or :class:`Cap`.

    Raises:
        InvalidInputError: Text that is not a duty expression, a decimal
            comma, an unknown or ambiguous currency, an unknown unit, an
            agricultural component (EA, ADSZ, ADFM), or more than
            1000 characters; the message names the token.
        InvalidTypeError: Not a string.

    Examples:
        >>> print(parse_duty("8.00 % + 4.40 GBP / 100 kg"))
        8% + 4.40 GBP / 100 kg
        >>> parse_duty("0.00 % MAX 20.00 GBP / 100 kg").maximum.amount
        Money('20.00', 'GBP')
        >>> print(parse_duty("10.00 % - 1.50 EUR / 100 kg"))
        10% - 1.50 EUR / 100 kg
    """
    if not isinstance(text, str):
        raise InvalidTypeError(field="text", value=text, expected="a string")
    if len(text) > MAX_LENGTH:
        raise InvalidInputError(
            f"it has {len(text)} characters",
            field="text",
            value=text,
            expected=f"a duty expression of at most {MAX_LENGTH} characters",
        )
    reader = _Reader(text)
    if reader.done():
        raise reader.error("nothing to read")
    expression = _expression(reader, 0, grouped=False)
    if not reader.done():
        raise reader.error("unexpected text")
    return expression


def _expression(reader: _Reader, depth: int, *, grouped: bool) -> DutyExpression:
    """A sum, then any ``MIN``/``MAX`` sums, each bounding all before it."""
    parts, less = _sum(reader, depth)
    bounded = False
    result = _compound(parts, less, grouped=grouped)
    while (word := _bound(reader)) is not None:
        if not bounded:
            result, bounded = _compound(parts, less, grouped=False), True
        other = _compound(*_sum(reader, depth), grouped=False)
        if word == "MIN":
            result = Floor(duty=result, minimum=other)
        else:
            result = Cap(duty=result, maximum=other)
    return result


def _bound(reader: _Reader) -> str | None:
    start = reader.at
    found = reader.take(_OPERATOR)
    if found is None:
        return None
    word = found.group().upper()
    if word in {"MIN", "MAX"}:
        return word
    reader.at = start
    return None


def _compound(
    parts: list[DutyExpression], less: list[DutyExpression], *, grouped: bool
) -> DutyExpression:
    if len(parts) == 1 and not less and not grouped:
        return parts[0]
    return Compound(parts, less=less)


def _sum(
    reader: _Reader, depth: int
) -> tuple[list[DutyExpression], list[DutyExpression]]:
    """Terms joined by ``+`` and ``-``: the added and the subtracted."""
    reader.skip()
    if _OPERATOR.match(reader.text, reader.at) is not None:
        raise reader.error("a duty starts with an amount or a rate, not an operator")
    parts: list[DutyExpression] = [_term(reader, depth)]
    less: list[DutyExpression] = []
    while True:
        start = reader.at
        found = reader.take(_OPERATOR)
        if found is None:
            break
        sign = found.group().upper()
        if sign in {"MIN", "MAX"}:
            reader.at = start
            break
        (parts if sign == "+" else less).append(_term(reader, depth))
    return parts, less


def _term(reader: _Reader, depth: int) -> DutyExpression:
    """A rate, an amount per unit, or a parenthesised expression."""
    if reader.literal("("):
        if depth >= _MAX_DEPTH:
            raise reader.error(f"more than {_MAX_DEPTH} nested parentheses")
        inner = _expression(reader, depth + 1, grouped=True)
        if not reader.literal(")"):
            raise reader.error("a closing parenthesis is missing")
        return inner
    reader.skip()
    if (component := _AGRICULTURAL.match(reader.text, reader.at)) is not None:
        raise reader.error(
            f"the agricultural component {component.group()!r} is not supported",
            _MEURSING,
        )
    start = reader.at
    currency = _prefix_currency(reader)
    number = _number(reader)
    if currency is None and reader.literal("%"):
        return _built(reader, start, lambda: AdValorem(EXACT.scaleb(number, -2)))
    if currency is None:
        currency = _suffix_currency(reader)
    if not reader.literal("/"):
        raise reader.error(
            "a specific duty needs a unit",
            "an amount, its currency and a unit, as in '4.40 GBP / 100 kg'",
        )
    measure, per = _unit(reader)
    money = currency
    return _built(
        reader,
        start,
        lambda: Specific(amount=Money(number, money), measure=measure, per=per),
    )


def _built(
    reader: _Reader, start: int, build: Callable[[], DutyExpression]
) -> DutyExpression:
    try:
        return build()
    except XborderError as error:
        reader.at = start
        raise reader.error(f"{error}:") from None


def _prefix_currency(reader: _Reader) -> Currency | None:
    reader.skip()
    here = reader.text[reader.at : reader.at + 1]
    if here in _SYMBOLS:
        reader.at += 1
        return Currency(_SYMBOLS[here])
    if here in _AMBIGUOUS:
        raise reader.error(
            f"the symbol {here!r} names several currencies",
            f"an ISO 4217 code ({_AMBIGUOUS[here]}) instead of the symbol",
        )
    start = reader.at
    if reader.take(_CODE) is None:
        return None
    code = reader.text[start : reader.at]
    reader.skip()
    if _NUMBER.match(reader.text, reader.at) is None:
        reader.at = start
        return None
    return _currency(reader, code, start)


def _suffix_currency(reader: _Reader) -> Currency:
    reader.skip()
    start = reader.at
    here = reader.text[start : start + 1]
    if here in _SYMBOLS:
        reader.at += 1
        return Currency(_SYMBOLS[here])
    if reader.take(_CODE) is None:
        raise reader.error(
            "an amount needs '%' or a currency",
            "a rate ('12 %') or an amount with its currency ('4.40 GBP / 100 kg')",
        )
    return _currency(reader, reader.text[start : reader.at], start)


def _currency(reader: _Reader, code: str, start: int) -> Currency:
    try:
        return Currency(code.upper())
    except XborderError:
        reader.at = start
        raise reader.error(
            f"{code!r} is not a currency",
            "an ISO 4217 currency code such as EUR or GBP",
        ) from None


def _number(reader: _Reader) -> Decimal:
    found = reader.take(_NUMBER)
    if found is None:
        if reader.done():
            raise reader.error("a rate or an amount is missing")
        raise reader.error("a rate or an amount is expected")
    if _DECIMAL_COMMA.match(reader.text, reader.at):
        reader.at = found.start()
        raise reader.error(
            "a decimal comma is ambiguous",
            "the tariff's decimal point, as in '12.8 %'",
        )
    return Decimal(found.group())


def _unit(reader: _Reader) -> tuple[str, Decimal]:
    """A measure and how many of its units the amount is for."""
    many = reader.take(_THOUSANDS)
    if many is not None:
        count = Decimal(re.sub(r"[, ]", "", many.group()))
    else:
        counted = reader.take(_NUMBER)
        count = Decimal(1) if counted is None else Decimal(counted.group())
    if count == 0:
        raise reader.error("a unit of zero", "a positive number of units")
    reader.skip()
    measure, factor = _base_unit(reader)
    if measure == Measure.KG.value and reader.take(_NET_DRAINED) is not None:
        measure = _NET_DRAINED_MEASURE
    start = reader.at
    if reader.take(_QUALIFIER) is not None:
        reader.at = start
        raise reader.error(
            "this unit qualifier is not supported",
            "a unit the tariff writes as kg, 100 kg, l, hl, p/st, pa, m2, "
            "l alc. 100% or kg / net drained wt",
        )
    return measure, EXACT.multiply(count, factor)


def _base_unit(reader: _Reader) -> tuple[str, Decimal]:
    text, at = reader.text, reader.at
    for written, measure, factor in _UNITS:
        end = at + len(written)
        if text[at:end].lower() == written and not text[end : end + 1].isalnum():
            reader.at = end
            return measure, factor
    raise reader.error(
        "unknown unit",
        "a unit the tariff writes as kg, 100 kg, l, hl, p/st, pa, m2, "
        "l alc. 100% or kg / net drained wt",
    )


def duty_text(expression: DutyExpression) -> str:
    """A duty expression in the tariff's notation; :func:`parse_duty` reads it back.

    The text is canonical: rates as ``12.5 %``, amounts with their ISO code
    and the tariff's unit abbreviations (``p/st``, ``pa``, ``l alc. 100%``),
    and parentheses wherever the structure needs them, so that
    ``parse_duty(duty_text(e)) == e``.

    Args:
        expression: Any duty expression but a :class:`FlatPerTariffLine`,
            whose specific measures are ``kg``, ``l``, ``item``, ``pair``,
            ``l_alc``, ``m``, ``m2``, ``m3`` or ``kg_net_drained``.

    Raises:
        InvalidInputError: A :class:`FlatPerTariffLine`, or a measure the
            tariff has no abbreviation for.
        InvalidTypeError: Not a duty expression.

    Examples:
        >>> per_item = Specific(amount=Money("2.50", "EUR"), measure="item")
        >>> duty_text(Compound([AdValorem("0.12"), per_item]))
        '12 % + 2.50 EUR / p/st'
        >>> duty_text(Compound([AdValorem("0.12")]))
        '(12 %)'
    """
    checked = duty_expression(expression)
    if isinstance(checked, FlatPerTariffLine):
        raise InvalidInputError(
            "the tariff has no notation for a flat amount per tariff line",
            field="expression",
            value=checked,
            expected="an AdValorem, Specific, Compound, Floor or Cap",
        )
    if isinstance(checked, Compound) and len(checked.parts) == 1 and not checked.less:
        return f"({_text(checked)})"
    return _text(checked)


def _text(expression: DutyExpression) -> str:
    if isinstance(expression, AdValorem):
        return f"{percent(expression.rate)[:-1]} %"
    if isinstance(expression, Specific):
        return _specific_text(expression)
    if isinstance(expression, Compound):
        added = " + ".join(_inner_text(part) for part in expression.parts)
        taken = (f" - {_inner_text(part)}" for part in expression.less)
        return "".join([added, *taken])
    if isinstance(expression, Floor):
        return f"{_inner_text(expression.duty)} MIN {_inner_text(expression.minimum)}"
    if isinstance(expression, Cap):
        return f"{_inner_text(expression.duty)} MAX {_inner_text(expression.maximum)}"
    raise InvalidInputError(
        "the tariff has no notation for a flat amount per tariff line",
        field="expression",
        value=expression,
        expected="an AdValorem, Specific, Compound, Floor or Cap",
    )


def _inner_text(expression: DutyExpression) -> str:
    text = _text(expression)
    return f"({text})" if isinstance(expression, Compound | Floor | Cap) else text


def _specific_text(expression: Specific) -> str:
    unit = _WRITTEN.get(expression.measure)
    if unit is None:
        raise InvalidInputError(
            "the tariff has no abbreviation for it",
            field="expression.measure",
            value=expression.measure,
            expected=f"one of {', '.join(sorted(_WRITTEN))}",
        )
    per = "" if expression.per == 1 else f"{expression.per:f} "
    money = expression.amount
    return f"{money.amount:f} {money.currency.code} / {per}{unit}"
