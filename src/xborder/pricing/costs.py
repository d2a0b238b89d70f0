r"""What a unit costs the seller besides the channel's fees: goods and ads.

* :class:`UnitCosts`: the landed cost per unit (goods, freight, duty and
  import taxes the seller cannot reclaim; pass a landed-cost result's
  per-unit :class:`~xborder.money.Money`), the seller's own fulfilment (a
  self-fulfilled parcel, a 3PL's pick-and-pack) and any other per-unit cost.
* :class:`AdSpend`: advertising per unit, either a share of sales (ACOS for
  an ad-attributed unit, TACoS for an average one) or an amount per unit
  (cost per click ÷ conversion rate; an independent site's acquisition cost
  per order).

Amounts may be in any currency: the waterfall converts them into the
listing currency with the :class:`~xborder.fx.FxTable` you give, rounding
once with the mode you name, and refuses to mix currencies without one.

Returns are refunds, not a cost line: see :mod:`xborder.pricing.returns`.

Examples:
    >>> from xborder.money import Money
    >>> str(UnitCosts(landed=Money("4.00", "USD")).landed)
    '4.00 USD'
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import DIVISION
from xborder._guard import guard_public
from xborder._validate import (
    DecimalInput,
    fraction,
    named_errors,
    optional_flag,
    require,
    text,
    to_decimal,
    tuple_of,
)
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.money import Money
from xborder.money.converters import exact_money, non_negative_money
from xborder.pricing._common import percent
from xborder.pricing.fees import FixedAmount

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["AdSpend", "UnitCosts"]


def _optional_money(value: Money | None) -> Money | None:
    return None if value is None else non_negative_money(value)


def _others(values: Iterable[FixedAmount]) -> tuple[FixedAmount, ...]:
    return tuple_of(values, FixedAmount)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class UnitCosts:
    """The seller's own costs per unit sold, before the channel's fees.

    Args:
        landed: The landed cost per unit: goods, freight to the market,
            duty and any import tax the seller cannot reclaim. A result of a
            landed-cost calculation is passed by its per-unit Money.
        fulfilment: The seller's own cost to deliver one unit (a
            self-fulfilled parcel, a 3PL's fee), if the channel's fee
            schedule does not already carry a fulfilment fee.
        other: Any other per-unit cost (packaging, prep, inbound shipping
            to the marketplace's warehouse), each with a label.

    Raises:
        InvalidInputError: A cost is negative.

    Examples:
        >>> costs = UnitCosts(landed=Money("3.40", "USD"))
        >>> str(costs.landed)
        '3.40 USD'
    """

    landed: Money = attrs.field(converter=non_negative_money)
    fulfilment: Money | None = attrs.field(default=None, converter=_optional_money)
    other: tuple[FixedAmount, ...] = attrs.field(default=(), converter=_others)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class AdSpend:
    """Advertising per unit sold: a share of sales, an amount per unit, or both.

    Use the constructors: :meth:`of_sales` (ACOS or TACoS),
    :meth:`per_click` (cost per click ÷ conversion rate) and
    :meth:`per_order` (an independent site's cost to acquire an order).

    Args:
        label: What the line is called in the waterfall.
        share_of_sales: Ad spend as a fraction of sales.
        per_unit: Ad spend per unit as an amount.
        sales_include_vat: Whether the sales the share is measured against
            include VAT. Required when the market's price includes VAT and
            a share is given: ACOS against gross and net sales differ by the
            VAT rate, and reports differ in which they use.

    Examples:
        >>> from xborder.money import Money
        >>> AdSpend.of_sales("0.12", sales_include_vat=True).share_of_sales
        Decimal('0.12')
        >>> clicks = AdSpend.per_click(Money("0.45", "EUR"), conversion_rate="0.10")
        >>> str(clicks.per_unit)
        '4.5 EUR'
    """

    label: str = attrs.field(converter=text)
    share_of_sales: Decimal = attrs.field(default=Decimal(0), converter=fraction)
    per_unit: Money | None = attrs.field(default=None, converter=_optional_money)
    sales_include_vat: bool | None = attrs.field(default=None, converter=optional_flag)
    description: str = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        require(
            self.share_of_sales < 1,
            field="share_of_sales",
            value=self.share_of_sales,
            expected="a share of sales below 1",
        )
        parts = []
        if self.share_of_sales:
            basis = {True: " (VAT-inclusive)", False: " (net of VAT)", None: ""}
            parts.append(
                f"{percent(self.share_of_sales)} of sales"
                f"{basis[self.sales_include_vat]}"
            )
        if self.per_unit is not None:
            parts.append(f"{self.per_unit} per unit")
        object.__setattr__(self, "description", " + ".join(parts) or "none")

    @classmethod
    def of_sales(
        cls,
        share: DecimalInput,
        *,
        sales_include_vat: bool | None = None,
        label: str = "Advertising",
    ) -> AdSpend:
        """Ad spend as a share of sales: ACOS per ad-attributed unit, TACoS per unit.

        Examples:
            >>> AdSpend.of_sales("0.12").description
            '12% of sales'
        """
        return cls(
            label=label, share_of_sales=share, sales_include_vat=sales_include_vat
        )

    @classmethod
    def per_click(
        cls, cost_per_click: Money, *, conversion_rate: DecimalInput
    ) -> AdSpend:
        r"""Ad spend per unit from a cost per click and a conversion rate.

        $\text{per unit} = \text{CPC} / \text{CVR}$: at a 10% conversion rate
        it takes ten clicks to sell one unit.

        Examples:
            >>> ads = AdSpend.per_click(Money("0.45", "EUR"), conversion_rate="0.10")
            >>> str(ads.per_unit)
            '4.5 EUR'
        """
        if not isinstance(cost_per_click, Money):
            raise InvalidTypeError(
                field="cost_per_click", value=cost_per_click, expected="Money"
            )
        rate = to_decimal(conversion_rate, field="conversion_rate")
        if not 0 < rate <= 1:
            raise InvalidInputError(
                field="conversion_rate",
                value=conversion_rate,
                expected="a fraction in (0, 1] (10% is '0.10')",
            )
        per_unit = exact_money(
            DIVISION.divide(cost_per_click.amount, rate), cost_per_click.currency
        )
        return cls(
            label=(
                f"Advertising ({cost_per_click} per click ÷ {percent(rate)} conversion)"
            ),
            per_unit=per_unit,
        )

    @classmethod
    def per_order(cls, cost: Money, *, label: str = "Acquisition cost") -> AdSpend:
        """Paid acquisition cost per order (CAC), for an order of one unit.

        Examples:
            >>> AdSpend.per_order(Money("6.50", "EUR")).description
            '6.50 EUR per unit'
        """
        return cls(label=label, per_unit=cost)


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
