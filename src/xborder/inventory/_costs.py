"""What a unit too many and a unit too few cost, for the newsvendor."""

from __future__ import annotations

from decimal import Decimal

import attrs

from xborder._exact import EXACT
from xborder._validate import named_errors
from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.inventory._numeric import ratio
from xborder.money import Money
from xborder.money._money import non_negative_money, optional_money

__all__ = ["NewsvendorCosts"]


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class NewsvendorCosts:
    r"""What one unit too many and one unit too few cost.

    The critical ratio $C_u / (C_u + C_o)$ is the in-stock probability that
    balances them (Snyder & Shen, §4.3; Porteus 2002; Cachon & Terwiesch,
    ch. 12). Build it from prices with :meth:`from_prices`, or give the two
    costs directly (a holding cost $h$ and a stockout cost $p$).

    Args:
        overage: $C_o$, the loss on a unit left over (>= 0).
        underage: $C_u$, the loss on a unit short (>= 0); ``overage +
            underage`` must be > 0.

    Examples:
        >>> from xborder.money import Money
        >>> usd = lambda amount: Money(amount, "USD")
        >>> NewsvendorCosts(overage=usd("0.18"), underage=usd("0.70")).critical_ratio
        Decimal('0.7954545454545454545454545454545455')
    """

    overage: Money = attrs.field(converter=non_negative_money)
    underage: Money = attrs.field(converter=non_negative_money)
    price: Money | None = attrs.field(default=None, converter=optional_money)
    unit_cost: Money | None = attrs.field(default=None, converter=optional_money)
    salvage_value: Money | None = attrs.field(default=None, converter=optional_money)
    leftover_cost: Money | None = attrs.field(default=None, converter=optional_money)
    shortage_cost: Money | None = attrs.field(default=None, converter=optional_money)
    critical_ratio: Decimal = attrs.field(init=False, eq=False)
    critical_ratio_float: float = attrs.field(init=False, eq=False, repr=False)
    """The critical ratio as a float, for the normal quantile (derived)."""

    def __attrs_post_init__(self) -> None:
        for name in (
            "underage",
            "price",
            "unit_cost",
            "salvage_value",
            "leftover_cost",
            "shortage_cost",
        ):
            other = getattr(self, name)
            if other is not None and other.currency != self.overage.currency:
                raise CurrencyMismatchError(
                    field=name,
                    value=other,
                    expected=f"an amount in {self.overage.currency.code}",
                )
        total = EXACT.add(self.overage.amount, self.underage.amount)
        if not total:
            raise InvalidInputError(
                "with nothing to lose either way, any quantity is optimal",
                field="underage",
                value=self.underage,
                expected="overage + underage > 0",
            )
        critical = ratio(self.underage.amount, total)
        object.__setattr__(self, "critical_ratio", critical)
        object.__setattr__(self, "critical_ratio_float", float(critical))

    @classmethod
    def from_prices(
        cls,
        *,
        price: Money,
        unit_cost: Money,
        salvage_value: Money,
        leftover_cost: Money | None = None,
        shortage_cost: Money | None = None,
    ) -> NewsvendorCosts:
        r"""Costs of a seasonal buy from its prices.

        $C_u = \text{price} - \text{cost} + \text{shortage cost}$ and
        $C_o = \text{cost} - \text{salvage} + \text{leftover cost}$.

        Args:
            price: What a unit sells for.
            unit_cost: What a unit costs landed.
            salvage_value: What an unsold unit fetches after the season
                (liquidation, outlet, return to supplier), >= 0.
            leftover_cost: Extra cost of each unsold unit: storage through the
                off-season, aged-inventory surcharges, removal or disposal fees.
            shortage_cost: Extra cost of each unit short beyond the lost
                margin: lost ranking, goodwill.

        Raises:
            InvalidInputError: The price is below the unit cost, or the
                salvage value above it.

        Examples:
            >>> from xborder.money import Money
            >>> costs = NewsvendorCosts.from_prices(
            ...     price=Money(1, "USD"), unit_cost=Money("0.3", "USD"),
            ...     salvage_value=Money("0.12", "USD"))
            >>> str(costs.underage), str(costs.overage)
            ('0.7 USD', '0.18 USD')
        """
        for name, value in (
            ("price", price),
            ("unit_cost", unit_cost),
            ("salvage_value", salvage_value),
        ):
            if not isinstance(value, Money):
                raise InvalidTypeError(field=name, value=value, expected="Money")
        for name, value in (("unit_cost", unit_cost), ("salvage_value", salvage_value)):
            if value.currency != price.currency:
                raise CurrencyMismatchError(
                    field=name,
                    value=value,
                    expected=f"an amount in {price.currency.code}",
                )
        if price < unit_cost:
            raise InvalidInputError(
                "a unit that sells at a loss should not be stocked",
                field="price",
                value=price,
                expected=f"at least the unit cost {unit_cost}",
            )
        if salvage_value > unit_cost:
            raise InvalidInputError(
                "salvage above cost would make overstock profitable",
                field="salvage_value",
                value=salvage_value,
                expected=f"at most the unit cost {unit_cost}",
            )
        underage = price - unit_cost
        overage = unit_cost - salvage_value
        if shortage_cost is not None:
            underage = underage + non_negative_money(shortage_cost)
        if leftover_cost is not None:
            overage = overage + non_negative_money(leftover_cost)
        return cls(
            overage=overage,
            underage=underage,
            price=price,
            unit_cost=unit_cost,
            salvage_value=salvage_value,
            leftover_cost=leftover_cost,
            shortage_cost=shortage_cost,
        )
