"""What a unit too many and a unit too few cost, for the newsvendor."""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import EXACT
from xborder._validate import named_errors
from xborder.errors import CurrencyMismatchError, InvalidInputError
from xborder.inventory._args import money_arg, money_in_range
from xborder.inventory._numeric import ratio
from xborder.money import Money
from xborder.money.converters import non_negative_money

if TYPE_CHECKING:
    from xborder.money import Currency

__all__ = ["NewsvendorCosts"]


def _cost(value: Money) -> Money:
    # Money arithmetic is exact at any size: a computed Money may hold an
    # amount beyond xborder's range, which could not be read back.
    return money_in_range(non_negative_money(value), value, None)


def _optional_cost(value: Money | None) -> Money | None:
    return None if value is None else _cost(value)


_PRICE_FIELDS = (
    "price",
    "unit_cost",
    "salvage_value",
    "leftover_cost",
    "shortage_cost",
)
_NO_PRICES = (None,) * len(_PRICE_FIELDS)


def _same_currency(name: str, other: Money, currency: Currency) -> None:
    # Codes are looked up once (to_currency), so the same currency is most
    # often the same object: ``is`` spares attrs' ``__ne__``.
    if other.currency is not currency and other.currency != currency:
        raise CurrencyMismatchError(
            field=name, value=other, expected=f"an amount in {currency.code}"
        )


@functools.lru_cache(maxsize=1024)
def _ratio_float(underage: Decimal, overage: Decimal) -> float:
    """The critical ratio as a float: a function of the two amounts' values.

    ``float()`` of a 34-digit quotient reads its text, ~0.45 µs of every
    ``NewsvendorCosts`` built (bench_inventory's stockpyl cases), for the
    same few cost pairs. Equal amounts written differently (0.7, 0.70) give
    quotients that differ only in their exponent, so the same float.
    """
    return float(ratio(underage, EXACT.add(overage, underage)))


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

    overage: Money = attrs.field(converter=_cost)
    underage: Money = attrs.field(converter=_cost)
    price: Money | None = attrs.field(default=None, converter=_optional_cost)
    unit_cost: Money | None = attrs.field(default=None, converter=_optional_cost)
    salvage_value: Money | None = attrs.field(default=None, converter=_optional_cost)
    leftover_cost: Money | None = attrs.field(default=None, converter=_optional_cost)
    shortage_cost: Money | None = attrs.field(default=None, converter=_optional_cost)
    critical_ratio: Decimal = attrs.field(init=False, eq=False)
    critical_ratio_float: float = attrs.field(init=False, eq=False, repr=False)
    """The critical ratio as a float, for the normal quantile (derived)."""

    def __attrs_post_init__(self) -> None:
        currency = self.overage.currency
        _same_currency("underage", self.underage, currency)
        extras = (
            self.price,
            self.unit_cost,
            self.salvage_value,
            self.leftover_cost,
            self.shortage_cost,
        )
        if extras != _NO_PRICES:  # most costs have none: nothing to compare
            for name, other in zip(_PRICE_FIELDS, extras, strict=True):
                if other is not None:
                    _same_currency(name, other, currency)
        underage = self.underage.amount
        total = EXACT.add(self.overage.amount, underage)
        if not total:
            raise InvalidInputError(
                "with nothing to lose either way, any quantity is optimal",
                field="underage",
                value=self.underage,
                expected="overage + underage > 0",
            )
        object.__setattr__(self, "critical_ratio", ratio(underage, total))
        object.__setattr__(
            self, "critical_ratio_float", _ratio_float(underage, self.overage.amount)
        )

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
        price = money_arg(price, "price")
        unit_cost = money_arg(unit_cost, "unit_cost")
        salvage_value = money_arg(salvage_value, "salvage_value")
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
            shortage_cost = money_arg(shortage_cost, "shortage_cost")
            underage = underage + shortage_cost
        if leftover_cost is not None:
            leftover_cost = money_arg(leftover_cost, "leftover_cost")
            overage = overage + leftover_cost
        return cls(
            overage=overage,
            underage=underage,
            price=price,
            unit_cost=unit_cost,
            salvage_value=salvage_value,
            leftover_cost=leftover_cost,
            shortage_cost=shortage_cost,
        )
