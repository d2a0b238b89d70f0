r"""VAT in consumer prices: split a shelf price, or build one from a net price.

In the EU and the UK a consumer price includes VAT (the Price Indication
Directive 98/6/EC asks for the selling price "inclusive of VAT and all other
taxes"), so a €19.99 listing on Amazon.de earns the seller
$19.99 / 1.19 = €16.80$ and €3.19 is owed to the tax office. In the US a
listing price excludes sales tax, which is added at checkout. :class:`Vat`
says which of the two a market does; :func:`split_vat` splits a price,
:func:`consumer_price` finds the shelf price that leaves a given net.

Rounding: the net is the gross divided by $1 + v$, rounded to the minor unit
with the named mode (half-up by default, "kaufmännisch"), and the VAT is the
rest, so the two always add up to the shelf price exactly.

Examples:
    >>> from xborder.money import Money
    >>> split = split_vat(Money("100.00", "EUR"), Vat(rate="0.19"))
    >>> str(split.net), str(split.tax)
    ('84.03 EUR', '15.97 EUR')
"""

from __future__ import annotations

from decimal import Context, Decimal

import attrs

from xborder._exact import DIVISION, EXACT
from xborder._guard import guard_public
from xborder._validate import (
    LARGEST,
    DecimalInput,
    flag,
    fraction,
    named_errors,
    require,
    text,
)
from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.money import Money, RoundingMode
from xborder.money.converters import exact_money, money_value
from xborder.pricing._common import assemble

__all__ = ["TaxedPrice", "Vat", "consumer_price", "split_vat"]


def _rounding(value: RoundingMode) -> RoundingMode:
    if not isinstance(value, RoundingMode):
        raise InvalidTypeError(field=None, value=value, expected="a RoundingMode")
    return value


def _rate(value: DecimalInput) -> Decimal:
    rate = fraction(value)
    # No VAT or GST is near 100% (Hungary's 27% is the highest); a rate of 1
    # is a slip for 1%, and would silently halve every net price.
    if rate >= 1:
        raise InvalidInputError(
            field=None, value=value, expected="a rate below 1 (19% is '0.19')"
        )
    return rate


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Vat:
    """A market's VAT (or GST) rate and whether consumer prices include it.

    xborder ships no VAT rates: pass the rate in force for the market and
    the goods on the day you price (Germany's standard rate is 19%, the UK's
    20%, Japan's consumption tax 10%).

    Args:
        rate: The rate as a fraction below 1 (``"0.19"``).
        included: Whether the shelf price includes the tax (EU, UK, JP,
            AU) or the tax is added at checkout (US sales tax).
        rounding: How the net amount is rounded to the minor unit.
        label: What the tax is called in the market ("VAT", "GST",
            "consumption tax").

    Raises:
        InvalidInputError: ``rate`` is negative or not below 1.

    Examples:
        >>> Vat(rate="0.19").description
        'VAT 19%, included in the price'
    """

    rate: Decimal = attrs.field(converter=_rate)
    included: bool = attrs.field(default=True, converter=flag)
    rounding: RoundingMode = attrs.field(
        default=RoundingMode.HALF_UP, converter=_rounding
    )
    label: str = attrs.field(default="VAT", converter=text)
    description: str = attrs.field(init=False, eq=False, repr=False)
    factors: tuple[Decimal, Decimal] = attrs.field(init=False, eq=False, repr=False)
    """(gross, net) per unit of price: (1, 1/(1 + rate)) where the price
    includes the tax, (1 + rate, 1) where it is added at checkout."""

    def __attrs_post_init__(self) -> None:
        one = Decimal(1)
        if self.included:
            factors = (one, DIVISION.divide(one, EXACT.add(one, self.rate)))
        else:
            factors = (EXACT.add(one, self.rate), one)
        object.__setattr__(self, "factors", factors)
        shown = EXACT.multiply(self.rate, 100).normalize()
        where = "included in the price" if self.included else "added at checkout"
        object.__setattr__(self, "description", f"{self.label} {shown:f}%, {where}")


def _vat(value: Vat) -> Vat:
    if not isinstance(value, Vat):
        raise InvalidTypeError(field=None, value=value, expected="a Vat")
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class TaxedPrice:
    """A price split into its net amount and its tax, which add up exactly.

    Attributes:
        gross: What the buyer pays, tax included.
        net: What the seller earns, before fees and costs.
        tax: What is owed to the tax office: ``gross - net``.
        vat: The rule the split followed.

    Examples:
        >>> from xborder.money import Money
        >>> split = split_vat(Money("100.00", "EUR"), Vat(rate="0.19"))
        >>> str(split.net), str(split.tax), str(split.shelf)
        ('84.03 EUR', '15.97 EUR', '100.00 EUR')
    """

    gross: Money = attrs.field(converter=money_value)
    net: Money = attrs.field(converter=money_value)
    tax: Money = attrs.field(converter=money_value)
    vat: Vat = attrs.field(converter=_vat)

    def __attrs_post_init__(self) -> None:
        for field in ("net", "tax"):
            part: Money = getattr(self, field)
            if part.currency != self.gross.currency:
                raise CurrencyMismatchError(
                    field=field,
                    value=part,
                    expected=f"an amount in {self.gross.currency.code}",
                )
        require(
            EXACT.add(self.net.amount, self.tax.amount) == self.gross.amount,
            field="tax",
            value=self.tax,
            expected=f"gross - net = {self.gross - self.net}",
        )

    @property
    def shelf(self) -> Money:
        """The price shown to the buyer: gross where VAT is included, else net."""
        return self.gross if self.vat.included else self.net


def _check(price: Money, vat: Vat, field: str) -> None:
    if not isinstance(price, Money):
        raise InvalidTypeError(field=field, value=price, expected="Money")
    if not isinstance(vat, Vat):
        raise InvalidTypeError(field="vat", value=vat, expected="a Vat")
    if price.is_negative():
        raise InvalidInputError(field=field, value=price, expected="an amount >= 0")


def _net_of(gross: Decimal, vat: Vat, unit: Decimal) -> Decimal:
    # Enough digits to round the quotient at the minor unit, however large
    # the price (DIVISION's 34 digits run out past about 10^30).
    if gross < _DIVISION_SAFE:  # every real price: the fast, default digits do
        net = DIVISION.divide(gross, 1 + vat.rate)
        return net.quantize(unit, rounding=vat.rounding)
    # A minor unit is a power of ten: its adjusted() is its exponent.
    digits = gross.adjusted() - unit.adjusted() + _GUARD_DIGITS
    net = Context(prec=digits).divide(gross, EXACT.add(1, vat.rate))
    return net.quantize(unit, rounding=vat.rounding, context=EXACT)


_GUARD_DIGITS = 6
# Below 10^24, a quotient rounded to 34 digits still holds 6 digits past the
# smallest minor unit (0.001), so rounding it at the minor unit is exact, and
# sums of such amounts fit the default context's 28 digits.
_DIVISION_SAFE = Decimal("1E+24")


def _minus(a: Decimal, b: Decimal) -> Decimal:
    return a - b if a < _DIVISION_SAFE else EXACT.subtract(a, b)


def split_vat(price: Money, vat: Vat) -> TaxedPrice:
    r"""Split a shelf price into net and tax.

    Where VAT is included: $\text{net} = \operatorname{round}(P / (1 + v))$ and
    $\text{tax} = P - \text{net}$. Where it is added at checkout:
    $\text{tax} = \operatorname{round}(P \cdot v)$ and the buyer pays $P + \text{tax}$.

    Source: the arithmetic of Saleor's ``prices.flat_tax`` with
    ``keep_gross=True`` (gross €100 at 19% → net €84.03, tax €15.97),
    recomputed here.

    Args:
        price: The shelf price; quantized to the currency's minor unit.
        vat: The market's VAT rule.

    Raises:
        InvalidInputError: The price is negative or not whole minor units.

    Examples:
        >>> from xborder.money import Money
        >>> split = split_vat(Money("10.00", "USD"), Vat(rate="0.0725", included=False))
        >>> str(split.gross), str(split.tax)
        ('10.73 USD', '0.73 USD')
    """
    _check(price, vat, "price")
    _require_quantized(price, "price")
    return _split(price, vat, "price")


def _split(price: Money, vat: Vat, field: str) -> TaxedPrice:
    unit = price.currency.minor_unit
    amount = price.amount
    if vat.included:
        net = _net_of(amount, vat, unit)
        return assemble(
            TaxedPrice,
            gross=price,
            net=exact_money(net, price.currency),
            tax=exact_money(_minus(amount, net), price.currency),
            vat=vat,
        )
    tax = EXACT.multiply(amount, vat.rate).quantize(
        unit, rounding=vat.rounding, context=EXACT
    )
    gross = EXACT.add(amount, tax)
    _require_in_range(gross, field, price)
    return assemble(
        TaxedPrice,
        gross=exact_money(gross, price.currency),
        net=price,
        tax=exact_money(tax, price.currency),
        vat=vat,
    )


def consumer_price(net: Money, vat: Vat) -> TaxedPrice:
    r"""The lowest shelf price whose net, after VAT, is at least ``net``.

    $$P = \lceil \text{net} \cdot (1 + v) \rceil$$

    rounded up to the minor unit, then checked by splitting it again with
    :func:`split_vat`: because the split rounds the net, the lowest such
    price can be a minor unit below the ceiling, and that one is returned.
    Where VAT is added at checkout the shelf price is the net itself.

    Args:
        net: The amount the seller wants per unit before fees and costs.
        vat: The market's VAT rule.

    Examples:
        >>> from xborder.money import Money
        >>> str(consumer_price(Money("84.03", "EUR"), Vat(rate="0.19")).gross)
        '99.99 EUR'
        >>> str(consumer_price(Money("16.80", "EUR"), Vat(rate="0.19")).gross)
        '19.99 EUR'
    """
    _check(net, vat, "net")
    _require_quantized(net, "net")
    if not vat.included:
        return _split(net, vat, "net")
    unit = net.currency.minor_unit
    target = net.amount
    gross = EXACT.multiply(target, 1 + vat.rate).quantize(
        unit, rounding=RoundingMode.CEILING, context=EXACT
    )
    while _net_of(gross, vat, unit) < target:  # rounding left it short: raise
        gross = EXACT.add(gross, unit)
    while gross > unit and _net_of(_minus(gross, unit), vat, unit) >= target:
        gross = _minus(gross, unit)
    _require_in_range(gross, "net", net)
    return _split(exact_money(gross, net.currency), vat, "net")


def _require_in_range(gross: Decimal, field: str, value: Money) -> None:
    # A computed price past every amount xborder reads could be built but
    # never read back (Money refuses it); refuse the input that leads there.
    if gross >= LARGEST:
        raise InvalidInputError(
            f"the price with tax would be {gross:E}",
            field=field,
            value=value,
            expected="an amount whose price with tax stays below 1E+36",
        )


def _require_quantized(money: Money, field: str) -> None:
    if not money.is_quantized():
        raise InvalidInputError(
            "quantize it first",
            field=field,
            value=money,
            expected=f"a whole number of {money.currency.minor_unit}",
        )


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
