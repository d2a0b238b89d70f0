"""Point-of-sale collection of import VAT/GST on low-value goods (private)."""

from __future__ import annotations

import enum

import attrs

from xborder._validate import named_errors, text
from xborder.customs._convert import hs_codes, optional_text, validity_value
from xborder.customs._expression import DutyExpression, duty_expression
from xborder.customs._hs import HsCode, code_argument
from xborder.customs._tax import Collection, TaxRule
from xborder.dated import Validity
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.money import Money
from xborder.money.converters import non_negative_money

__all__ = ["Collector", "Fallback", "PointOfSaleScheme"]


class Collector(enum.StrEnum):
    """Who charges a point-of-sale tax to the customer and pays it over.

    Examples:
        >>> Collector.MARKETPLACE.value
        'marketplace'
    """

    SELLER = "seller"
    """The overseas seller, registered in the destination (IOSS number, UK VAT)."""
    MARKETPLACE = "marketplace"
    """The online marketplace, as deemed supplier."""
    BUYER = "buyer"
    """A VAT-registered business buyer, by reverse charge."""


class Fallback(enum.StrEnum):
    """What happens under the threshold when nobody collects at the sale.

    Examples:
        >>> Fallback.REVERSE_CHARGE.value
        'reverse charge by the buyer'
    """

    BORDER = "import tax at the border"
    """Import VAT is due on clearance as usual (EU without IOSS)."""
    REVERSE_CHARGE = "reverse charge by the buyer"
    """The supply is still taxed; a business buyer accounts for it (UK ≤ £135)."""


def _tax(value: TaxRule) -> TaxRule:
    if not isinstance(value, TaxRule):
        raise InvalidTypeError(field=None, value=value, expected="a TaxRule")
    if value.collection is not Collection.POINT_OF_SALE:
        raise InvalidInputError(
            field=None,
            value=value.collection,
            expected="a TaxRule collected at the point of sale",
        )
    return value


def _fallback(value: Fallback) -> Fallback:
    if not isinstance(value, Fallback):
        raise InvalidTypeError(field=None, value=value, expected="a Fallback")
    return value


def _optional_duty(value: DutyExpression | None) -> DutyExpression | None:
    return None if value is None else duty_expression(value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class PointOfSaleScheme:
    """A low-value regime where the tax is charged at checkout, not at the border.

    The EU's Import One-Stop Shop (IOSS, consignments up to €150), the UK's
    rules for consignments up to £135 and Australia's GST on low value
    imported goods (up to A$1,000) move the tax from the border to the sale:
    the seller or marketplace charges the destination's VAT/GST to the
    customer and pays it over, and nothing is collected on import.

    Args:
        id: A stable name for the audit trail.
        name: The scheme's name.
        threshold: Consignments whose intrinsic value is at or below this
            fall under the scheme.
        tax: The tax charged at the sale (a rule collected at the point of
            sale; its base is usually goods value + freight + insurance).
        fallback: What applies under the threshold when no collector is
            named on the shipment.
        duty: A duty that replaces the tariff's for consignments under the
            scheme (the EU's €3 per tariff line from 1 July 2026); ``None``
            leaves the tariff (and any threshold relief) in charge.
        excluded_hs: HS prefixes outside the scheme (excise goods).
        validity: When the scheme applies, and its source.
        note: Caveats.

    Examples:
        >>> import datetime as dt
        >>> from xborder.customs import presets
        >>> scheme = presets.regime("GB", as_of=dt.date(2026, 9, 1)).schemes[0]
        >>> str(scheme.threshold), scheme.tax.rate, scheme.fallback.value
        ('135 GBP', Decimal('0.20'), 'reverse charge by the buyer')
    """

    id: str = attrs.field(converter=text)
    name: str = attrs.field(converter=text)
    threshold: Money = attrs.field(converter=non_negative_money)
    tax: TaxRule = attrs.field(converter=_tax)
    validity: Validity = attrs.field(converter=validity_value)
    fallback: Fallback = attrs.field(default=Fallback.BORDER, converter=_fallback)
    duty: DutyExpression | None = attrs.field(default=None, converter=_optional_duty)
    excluded_hs: tuple[HsCode, ...] = attrs.field(default=(), converter=hs_codes)
    note: str | None = attrs.field(default=None, converter=optional_text)

    def excludes(self, code: HsCode) -> bool:
        """Whether goods of ``code`` are outside the scheme."""
        code = code_argument(code)
        return any(code.startswith(prefix) for prefix in self.excluded_hs)
