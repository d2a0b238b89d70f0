"""Fees, taxes and totals per line (private)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import polars as pl

from xborder.customs import (
    HsCode,
    TaxRule,
)
from xborder.customs import rules as customs_rules
from xborder.frames._errors import ROW
from xborder.frames._groups import INT, allocate
from xborder.frames._landed_base import (
    _ONE,
    _STRING,
    _TAX_PART,
    COMPONENTS,
    GROUP,
    Base,
)
from xborder.landed_cost import rules as landed_rules

if TYPE_CHECKING:
    from xborder.frames._engine import Columns

__all__ = ["Taxes"]


class Taxes(Base):
    """The steps after duties: fees on the entry, import taxes, each line's total."""

    def fees(self) -> None:
        """Government fees on each entry, shared over its lines by customs value."""
        regime = self.settings.regime
        policy, currency = regime.rounding, regime.currency
        if not regime.fees:
            return
        relieved = pl.col("__xb_relief_fees").is_not_null().all().over(GROUP)
        for position, fee in enumerate(regime.fees):
            if fee.modes is not None and self.mode not in fee.modes:
                continue
            name = f"__xb_fee{position}"

            def build(
                e: Columns,
                v: dict[str, Any],
                name: str = name,
                fee: Any = fee,  # noqa: ANN401
            ) -> dict[str, Any]:
                over_floor, over_ceiling = customs_rules.fee_due(e, fee, v["value"])
                charged: Any = customs_rules.fee_amount(e, fee, v["value"]).amount
                amount = customs_rules.rounded(e, policy, currency, charged)
                outputs = {name: amount}
                tests: dict[str, Any] = {"floor": over_floor, "ceiling": over_ceiling}
                for test, holds in tests.items():
                    if holds is not None:
                        outputs[f"{name}_{test}"] = e.where(holds, _ONE, Decimal(0))
                return outputs

            self.phase({"value": self.value("__xb_entry_value")}, build)
            due = ~relieved
            if fee.above is not None:
                due = due & (pl.col(f"{name}_floor") == 1)
            if fee.at_or_below is not None:
                due = due & (pl.col(f"{name}_ceiling") != 1)
            self.frame = self.frame.with_columns(
                pl.when(due)
                .then(self._to_minor(pl.col(name), self.scales[name]))
                .otherwise(None)
                .alias("__xb_units")
            )
            self.frame = allocate(
                self.frame,
                group=[GROUP],
                size=self.size,
                units="__xb_units",
                weights="customs_value",
                into="__xb_by_value",
            )
            quantity = self.number("quantity")
            assert quantity is not None  # noqa: S101 - required
            self.frame = allocate(
                self.frame,
                group=[GROUP],
                size=self.size,
                units="__xb_units",
                weights=quantity[0],
                into="__xb_by_qty",
            )
            share = pl.when(pl.col("__xb_units").is_not_null()).then(
                pl.coalesce("__xb_by_value", "__xb_by_qty")
            )
            self.frame = self.frame.with_columns(share.alias(name)).drop(
                "__xb_units", "__xb_by_value", "__xb_by_qty"
            )
            self.scales[name] = self.scale
            added = pl.col(name).fill_null(0)
            self.frame = self.frame.with_columns((pl.col("fees") + added).alias("fees"))
            if fee.taxable:
                self.frame = self.frame.with_columns(
                    (pl.col("taxable_fees") + added).alias("taxable_fees")
                )
            self.explain(name, "fee", fee.name, fee.id)

    def taxes(self) -> None:
        """Border taxes in order, then each scheme's tax at the point of sale."""
        regime = self.settings.regime
        self.frame = self.frame.with_columns(
            pl.lit(0, dtype=INT).alias("taxes"),
            pl.lit(0, dtype=INT).alias("recoverable_taxes"),
        )
        self.scales["taxes"] = self.scales["recoverable_taxes"] = self.scale
        border = pl.col("scheme").is_null()
        for rule in regime.taxes:
            self.tax(rule, border, waivable=True)
        schemes = set(self.frame.get_column("scheme").drop_nulls().unique().to_list())
        for scheme in regime.schemes:
            if scheme.id in schemes:
                self.tax(scheme.tax, pl.col("scheme") == scheme.id, waivable=False)

    def tax(self, rule: TaxRule, lines: pl.Expr, *, waivable: bool) -> None:
        """One tax on ``lines``: its base, rate and figure, rounded as a family."""
        regime = self.settings.regime
        policy = rule.rounding or regime.rounding
        currency = regime.currency
        waived = (
            pl.col("__xb_relief_tax").is_not_null() if waivable else pl.lit(value=False)
        )
        parts = customs_rules.tax_parts(rule.base, cif=self.cif)
        inputs: dict[str, tuple[str, int]] = {}
        for index, part in enumerate(parts):
            inputs[f"a{index}"] = self.value(_TAX_PART[part])
        for index, earlier in enumerate(rule.on_taxes):
            column = f"__xb_tax_base_{earlier}"
            if column not in self.scales:
                self.constant(column, Decimal(0))
            inputs[f"t{index}"] = self.value(column)
        rate: Decimal | None = rule.rate
        if rule.reduced_rates:
            rate = None
            codes = self.frame.get_column("__xb_hs").unique().to_list()
            rates = {code: rule.rate_for(HsCode(code)) for code in codes}
            scale = max(max(-int(r.as_tuple().exponent), 0) for r in rates.values())
            mapping = {code: int(r.scaleb(scale)) for code, r in rates.items()}
            self.frame = self.frame.with_columns(
                pl.col("__xb_hs")
                .replace_strict(mapping, return_dtype=INT)
                .alias("__xb_rate")
            )
            self.scales["__xb_rate"] = scale
            inputs["rate"] = self.value("__xb_rate")
        divisor, cif = rule.divisor, self.cif

        def build(e: Columns, v: dict[str, Any]) -> dict[str, Any]:
            amounts = {part: v[f"a{i}"] for i, part in enumerate(parts)}
            earlier = {tax: v[f"t{i}"] for i, tax in enumerate(rule.on_taxes)}
            whole = customs_rules.tax_base(e, rule, amounts, earlier, cif=cif)
            base = customs_rules.rounded_base(e, policy, whole)
            numerator = customs_rules.taxed(e, base, v.get("rate", rate))
            line = customs_rules.rounded(e, policy, currency, numerator, divisor)
            return {"__xb_exact": numerator, "__xb_line": line}

        self.phase(inputs, build)
        exact_scale = self.scales["__xb_exact"]
        taking = lines & ~waived
        figures = self.frame.filter(taking).select(
            ROW,
            GROUP,
            "__xb_exact",
            self._to_minor(pl.col("__xb_line"), self.scales["__xb_line"]).alias(
                "__xb_line"
            ),
        )
        figures = self.settle(figures, policy, (), exact_scale, divisor=divisor)
        column = f"tax[{rule.id}]"
        self.frame = self.frame.join(
            figures.select(ROW, "__xb_figure", pl.col("__xb_line").alias("__xb_own")),
            on=ROW,
            how="left",
            maintain_order="left",
        )
        self.frame = self.frame.with_columns(
            pl.when(taking)
            .then(pl.col("__xb_figure"))
            .when(lines)
            .then(pl.lit(0, dtype=INT))
            .alias(column),
            pl.when(taking)
            .then(pl.col("__xb_own"))
            .when(lines)
            .then(pl.lit(0, dtype=INT))
            .otherwise(
                pl.col(f"__xb_tax_base_{rule.id}")
                if f"__xb_tax_base_{rule.id}" in self.scales
                else pl.lit(0, dtype=INT)
            )
            .alias(f"__xb_tax_base_{rule.id}"),
        ).drop("__xb_figure", "__xb_own")
        self.scales[column] = self.scales[f"__xb_tax_base_{rule.id}"] = self.scale
        self.labels[rule.id] = column
        added = pl.col(column).fill_null(0)
        self.frame = self.frame.with_columns((pl.col("taxes") + added).alias("taxes"))
        if rule.recoverable:
            self.frame = self.frame.with_columns(
                (pl.col("recoverable_taxes") + added).alias("recoverable_taxes")
            )
        waived_by = pl.col("__xb_relief_tax") if waivable else pl.lit(None, _STRING)
        named = (
            pl.when(taking).then(pl.lit(rule.id, dtype=_STRING)).otherwise(waived_by)
        )
        self.explain(column, "tax", rule.name, named)

    def totals(self) -> None:
        """Each line's landed cost, net of recoverable taxes, and each per unit.

        The landed cost is the components' sum; the recoverable taxes are
        the figures of the rules marked ``recoverable``.
        """
        regime = self.settings.regime
        minor, mode = self.minor, regime.rounding.mode
        landed = pl.sum_horizontal(pl.col(c).fill_null(0) for c in COMPONENTS)
        self.frame = self.frame.with_columns(
            landed.alias("landed_cost"),
            (landed - pl.col("recoverable_taxes")).alias("landed_cost_net"),
        )
        self.scales["landed_cost"] = self.scales["landed_cost_net"] = self.scale
        quantity = self.number("quantity")
        assert quantity is not None  # noqa: S101 - required

        def build(e: Columns, v: dict[str, Any]) -> dict[str, Any]:
            return {
                "landed_cost_per_unit": landed_rules.per_unit(
                    e, v["landed"], v["qty"], minor, mode
                ),
                "landed_cost_net_per_unit": landed_rules.per_unit(
                    e, v["net"], v["qty"], minor, mode
                ),
            }

        inputs = {
            "landed": self.value("landed_cost"),
            "net": self.value("landed_cost_net"),
            "qty": quantity,
        }
        self.phase(inputs, build)
