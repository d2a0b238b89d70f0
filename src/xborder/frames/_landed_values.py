"""Goods, freight, insurance, charges, customs values, thresholds, schemes (private)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import polars as pl

from xborder.customs import (
    HsCode,
    Relief,
    Scope,
    ValueBasis,
)
from xborder.frames._groups import INT, allocate
from xborder.frames._landed_base import (
    _ONE,
    _STRING,
    GROUP,
    Base,
)
from xborder.frames._landed_read import Issue
from xborder.landed_cost import AllocationBasis, ChargeKind
from xborder.landed_cost import rules as landed_rules

if TYPE_CHECKING:
    from collections.abc import Callable

    from xborder.frames._engine import Columns

__all__ = ["Values"]

# Amounts each line accumulates from several charges and fees.
_ACCUMULATED = ("additions", "onward", "taxable_charges", "charges", "taxable_fees",
                "fees")  # fmt: skip


class Values(Base):
    """The steps before duties: every amount a line's customs value is built of."""

    # -- step 1: goods, freight, insurance, charges ---------------------------

    def converted(self, name: str, amount: tuple[str, int], factor: str) -> None:
        """``name``: an amount times its currency's rate, rounded to the minor unit.

        ``factor`` is a column of each row's exchange factor (the exact
        product of its path's rates, :func:`~xborder.customs.rules.converted`
        of 1), so amount × factor is the converted amount exactly.
        """
        regime = self.settings.regime
        minor, mode = self.minor, regime.fx_rounding
        rate = self._factor(factor)

        def build(e: Columns, v: dict[str, Any]) -> dict[str, Any]:
            value = v["amount"]
            if rate is None:  # a factor per row
                value = e.mul(value, v["rate"])
            elif rate != _ONE:
                value = e.mul(value, rate)
            return {name: landed_rules.in_currency(e, value, None, minor, mode)}

        inputs = {"amount": amount}
        if rate is None:
            inputs["rate"] = self.value(factor)
        self.phase(inputs, build)

    def _factor(self, factor: str) -> Decimal | None:
        """The factor as one parameter when every row shares it, else None."""
        scale = self.scales[factor]
        found = self.frame.get_column(factor).drop_nulls().unique()
        if len(found) == 1:
            return Decimal(int(found.item())).scaleb(-scale)
        if len(found) == 0:
            return _ONE
        return None

    def goods(self) -> None:
        """Each line's goods value in the regime's currency; its weight and volume."""
        quantity = self.number("quantity")
        price = self.number("unit_price")
        assert quantity is not None  # noqa: S101 - required
        assert price is not None  # noqa: S101 - required

        def build(e: Columns, v: dict[str, Any]) -> dict[str, Any]:
            return {"__xb_goods": landed_rules.goods_value(e, v["price"], v["qty"])}

        self.phase({"price": price, "qty": quantity}, build)
        self.converted("goods_value", self.value("__xb_goods"), "__xb_factor")
        self.explain("goods_value", "goods", "goods", "goods value")
        for role, into in (("unit_weight", "net_weight"), ("unit_volume", "volume")):
            per_unit = self.number(role)
            if per_unit is None:
                self.constant(into, None)
                continue

            def physical(
                e: Columns, v: dict[str, Any], into: str = into
            ) -> dict[str, Any]:
                return {into: landed_rules.physical(e, v["unit"], v["qty"])}

            self.phase({"unit": per_unit, "qty": quantity}, physical)
        for name in _ACCUMULATED:
            self.constant(name, Decimal(0).scaleb(-self.scale))

    def shipping(self) -> None:
        """Freight and insurance, converted per shipment and shared over its lines."""
        template = self.settings.template
        for name, basis in (
            ("freight", template.freight_basis),
            ("insurance", template.insurance_basis),
        ):
            amount = self.number(name)
            assert amount is not None  # noqa: S101 - every shipment role is read
            self.converted(f"__xb_{name}_total", amount, f"__xb_{name}_factor")
            self.split(name, f"__xb_{name}_total", basis, f"{name}_basis")
            self.explain(name, name, name, name)
            self.frame = self.frame.with_columns(pl.col(name).fill_null(0))

    def charges(self, *, by_duty: bool) -> None:
        """The template's charges (those split by duty once duties are known)."""
        for position, charge in enumerate(self.settings.template.charges):
            if (charge.basis is AllocationBasis.DUTY) != by_duty:
                continue
            role = f"charge[{position}]"
            amount = self.number(role)
            assert amount is not None  # noqa: S101 - every shipment role is read
            total, share = f"__xb_{role}_total", f"__xb_{role}_share"
            self.converted(total, amount, f"__xb_{role}_factor")
            self.split(share, total, charge.basis, f"charges[{position}].basis")
            got = pl.col(share).fill_null(0)
            added = [("charges", got)]
            if charge.kind is ChargeKind.ADDITION:
                added.append(("additions", got))
            elif charge.kind is ChargeKind.ONWARD_TRANSPORT and charge.in_tax_base:
                added.append(("onward", got))
            elif charge.in_tax_base:
                added.append(("taxable_charges", got))
            self.frame = self.frame.with_columns(
                (pl.col(name) + part).alias(name) for name, part in added
            )
            self.explain(share, "charge", charge.name, f"charge {charge.kind.value}")
        if self.settings.template.charges:
            self._no_net_credit(by_duty=by_duty)

    def _no_net_credit(self, *, by_duty: bool) -> None:
        """Refuse the lines a credit leaves with less than nothing (as the scalar)."""
        checks = [
            Issue(
                "charges",
                pl.col(check.amount) < 0,
                check.expected,
                self.money_text(check.amount),
            )
            for check in landed_rules.net_of_credits(by_duty=by_duty)
        ]
        self.fail(pl.any_horizontal(*(check.bad for check in checks)), *checks)

    # -- shares ---------------------------------------------------------------

    def weights(self, basis: AllocationBasis, has: pl.Expr) -> tuple[str, int] | None:
        """Each line's weight under ``basis`` (None if shipments failed for it)."""
        names = self.settings.names
        needs: list[tuple[str, str]] = []
        if basis in (AllocationBasis.WEIGHT, AllocationBasis.CHARGEABLE_WEIGHT):
            needs.append(("net_weight", names["unit_weight"] or "unit_weight"))
        if basis in (AllocationBasis.VOLUME, AllocationBasis.CHARGEABLE_WEIGHT):
            needs.append(("volume", names["unit_volume"] or "unit_volume"))
        for column, field in needs:
            shown = pl.lit(None, dtype=_STRING)
            issue = Issue(field, pl.lit(value=True), "a quantity", shown)
            self.fail(has & pl.col(column).is_null(), issue)
        divisor = self.settings.template.volumetric_divisor
        if basis is AllocationBasis.CHARGEABLE_WEIGHT and divisor is None:
            issue = Issue(
                "volumetric_divisor",
                pl.lit(value=True),
                "a divisor to split by chargeable weight",
                pl.lit(None, dtype=_STRING),
            )
            self.fail(has, issue)
            return None  # no line left has this cost
        inputs = {"qty": self.number("quantity")}
        sources = {
            AllocationBasis.VALUE: ("value", "goods_value"),
            AllocationBasis.DUTY: ("duties", "__xb_line_duties"),
            AllocationBasis.WEIGHT: ("net_weight", "net_weight"),
            AllocationBasis.VOLUME: ("volume", "volume"),
        }
        if basis in sources:
            alias, column = sources[basis]
            inputs[alias] = self.value(column)
        if basis is AllocationBasis.CHARGEABLE_WEIGHT:
            inputs["net_weight"] = self.value("net_weight")
            inputs["volume"] = self.value("volume")
        name = f"__xb_w_{basis.name.lower()}"

        def build(e: Columns, v: dict[str, Any]) -> dict[str, Any]:
            weight = landed_rules.allocation_weight(
                e,
                basis,
                quantity=v["qty"],
                value=v.get("value"),
                duties=v.get("duties"),
                net_weight=v.get("net_weight"),
                volume=v.get("volume"),
                volumetric_divisor=divisor,
            )
            return {name: weight}

        self.phase({k: x for k, x in inputs.items() if x is not None}, build)
        return self.value(name)

    def split(self, into: str, total: str, basis: AllocationBasis, field: str) -> None:
        """``into``: each line's share of its shipment's ``total`` by ``basis``.

        As ``split_charge``: a basis the lines cannot provide fails even a
        zero amount; one line takes the whole amount (but a duty basis is
        split anyway); a zero amount is zero everywhere; a basis that is
        zero on every line of a shipment fails it.
        """
        has = pl.col(total).is_not_null()
        weight = self.weights(basis, has)
        if weight is None:
            self.frame = self.frame.with_columns(pl.lit(None, dtype=INT).alias(into))
            self.scales[into] = self.scale
            return
        column, _ = weight
        alone = (pl.col("__xb_size") == 1) & (basis is not AllocationBasis.DUTY)
        self.frame = self.frame.with_columns(
            pl.col(column).fill_null(0).alias("__xb_weight"),
            pl.col(total).fill_null(0).alias("__xb_units"),
        )
        self.frame = allocate(
            self.frame,
            group=[GROUP],
            size=self.size,
            units="__xb_units",
            weights="__xb_weight",
            into="__xb_split",
        )
        amount = pl.col(total)
        zero_basis = has & ~alone & (amount != 0) & pl.col("__xb_split").is_null()
        issue = Issue(
            field,
            pl.lit(value=True),
            f"a basis that is not zero for every line ({basis.value})",
            pl.lit(basis.value, dtype=_STRING),
        )
        self.fail(zero_basis, issue)
        self.frame = self.frame.with_columns(
            pl.when(~has)
            .then(None)
            .when(alone | (amount == 0))
            .then(amount)
            .otherwise(pl.col("__xb_split"))
            .alias(into)
        ).drop("__xb_weight", "__xb_units", "__xb_split")
        self.scales[into] = self.scale

    # -- step 2: customs values, thresholds, schemes ----------------------------

    def customs_values(self) -> None:
        """Goods + additions (+ freight and insurance where the regime values CIF)."""
        cif = self.cif

        def build(e: Columns, v: dict[str, Any]) -> dict[str, Any]:
            value = landed_rules.customs_value(
                e,
                cif=cif,
                goods=v["goods"],
                additions=v["additions"],
                freight=v["freight"],
                insurance=v["insurance"],
            )
            return {"customs_value": value}

        inputs = {
            "goods": self.value("goods_value"),
            "additions": self.value("additions"),
            "freight": (self.value("freight") if self.cif else self.value("additions")),
            "insurance": (
                self.value("insurance") if self.cif else self.value("additions")
            ),
        }
        self.phase(inputs, build)

    def excluded(self, excludes: Callable[[HsCode, str], bool]) -> pl.Expr:
        """Whether each line's goods are excluded: ``excludes`` per distinct key."""
        keys = self.frame.select("__xb_hs", "__xb_origin").unique()
        flags = [excludes(HsCode(code), origin) for code, origin in keys.iter_rows()]
        table = keys.with_columns(pl.Series("__xb_excluded", flags, dtype=pl.Boolean))
        self.frame = self.frame.drop("__xb_excluded", strict=False).join(
            table, on=["__xb_hs", "__xb_origin"], how="left", maintain_order="left"
        )
        return pl.col("__xb_excluded")

    def reliefs(self) -> None:
        """Test each threshold and mark the lines it relieves (the first one wins)."""
        regime = self.settings.regime
        for relief in Relief:
            self.frame = self.frame.with_columns(
                pl.lit(None, dtype=_STRING).alias(f"__xb_relief_{relief.value}")
            )
        self.shipment_sum("__xb_intrinsic", "goods_value")
        self.shipment_sum("__xb_entry_value", "customs_value")
        for threshold in regime.thresholds:
            if not threshold.applies_to(self.mode, self.export_country):
                continue
            consignment = threshold.scope is Scope.CONSIGNMENT
            intrinsic = threshold.basis is ValueBasis.INTRINSIC
            if consignment:
                value = "__xb_intrinsic" if intrinsic else "__xb_entry_value"
            else:
                value = "goods_value" if intrinsic else "customs_value"
            per_item = (
                self.number("quantity") if threshold.scope is Scope.ITEM else None
            )
            over = self.over("__xb_over", value, threshold.amount.amount, per_item)
            excluded = self.excluded(threshold.excludes)
            grants = ~over & ~excluded
            self.frame = self.frame.with_columns(
                pl.coalesce(
                    pl.col(f"__xb_relief_{relief.value}"),
                    pl.when(grants).then(pl.lit(threshold.id, dtype=_STRING)),
                ).alias(f"__xb_relief_{relief.value}")
                for relief in threshold.reliefs
            )

    def schemes(self) -> None:
        """Point-of-sale schemes: the last that covers a line holds its tax."""
        self.frame = self.frame.with_columns(
            pl.lit(None, dtype=_STRING).alias("scheme")
        )
        for scheme in self.settings.regime.schemes:
            over = self.over("__xb_over", "__xb_intrinsic", scheme.threshold.amount)
            if self.collector is None and scheme.fallback.name == "BORDER":
                continue
            codes = self.frame.get_column("__xb_hs").unique().to_list()
            outside = [code for code in codes if scheme.excludes(HsCode(code))]
            covered = ~pl.col("__xb_hs").is_in(outside)
            self.frame = self.frame.with_columns(
                pl.when(~over & covered)
                .then(pl.lit(scheme.id, dtype=_STRING))
                .otherwise(pl.col("scheme"))
                .alias("scheme")
            )
