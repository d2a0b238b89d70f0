"""The landed cost of every line of many shipments at once (private).

One partition of lines (shipments sharing an export country, a mode and a
collector) is computed in the scalar calculator's order, each step either

* per line, by the column engine evaluating the rules of
  :mod:`xborder.landed_cost.rules` and :mod:`xborder.customs.rules`
  (conversion, customs value, duty expressions, rounding, taxes), or
* per shipment, by window functions over the shipment key: sums for
  thresholds and fees, largest-remainder shares of freight, charges, fees,
  flat duties and declaration totals (:mod:`xborder.frames._groups`).

Tariff measures are found once per distinct (HS code, origin, claim) by
:meth:`xborder.customs.Tariff.match` itself, and duty expressions are
evaluated once per *shape*, their rates joined to the lines as columns.

A shipment that fails a step the scalar calculator would refuse (an HS code
the tariff lacks, a zero basis, a missing quantity) is taken out of the
later steps and reported; the others carry on.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
import polars as pl

from xborder.customs import (
    FlatPerTariffLine,
    HsCode,
    Regime,
    Relief,
    RoundingPolicy,
    Scope,
    Specific,
    TaxRule,
    Valuation,
    ValueBasis,
)
from xborder.customs import rules as customs_rules
from xborder.customs.rules import DECIMALS
from xborder.errors import XborderError
from xborder.frames._engine import Column, Columns, plan
from xborder.frames._errors import ROW
from xborder.frames._groups import INT, allocate, largest, safe_sum
from xborder.frames._landed_read import SHIP, Issue, Number
from xborder.landed_cost import AllocationBasis, ChargeKind, Shipment
from xborder.landed_cost import rules as landed_rules
from xborder.money import Currency

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from xborder.customs import DutyExpression, TariffMeasure
    from xborder.fx import FxTable

__all__ = ["COMPONENTS", "Landing", "Settings"]

COMPONENTS = (
    "goods_value",
    "freight",
    "insurance",
    "charges",
    "duty",
    "additional_duties",
    "excise",
    "taxes",
    "fees",
)
"""The components of a line's landed cost, in the scalar result's order."""

_STRING = pl.String()
_ONE = Decimal(1)
_FAMILIES = ("duty", "additional_duties", "excise")
_BASES = {"duty": "duty_base", "additional_duties": "additional_base",
          "excise": "excise_base"}  # fmt: skip
_TAX_PART = {
    "goods": "goods_value",
    "customs_value": "customs_value",
    "freight": "freight",
    "insurance": "insurance",
    "duty_base": "duty_base",
    "additional_base": "additional_base",
    "excise_base": "excise_base",
    "onward": "onward",
    "taxable_fees": "taxable_fees",
    "taxable_charges": "taxable_charges",
}


@attrs.frozen
class Settings:
    """What one call computes with: the regime (rounding applied), rates, day."""

    regime: Regime
    template: Shipment
    fx: FxTable | None
    as_of: dt.date
    amounts: Mapping[str, str | None]  # shipment amount role -> table column
    names: Mapping[str, str | None]
    quantities: Mapping[str, str]
    explain: bool = False

    @property
    def currency(self) -> Currency:
        return self.regime.currency


def run(
    frame: pl.DataFrame,
    inputs: Mapping[str, tuple[str, int]],
    build: Callable[[Columns, dict[str, Any]], dict[str, Any]],
) -> tuple[pl.DataFrame, dict[str, int]]:
    """Evaluate ``build`` over ``frame`` with the column engine.

    ``inputs`` maps each alias to a column of Int128 integers and its scale;
    ``build`` receives the engine and the inputs as engine values, and
    returns the outputs by name. Each output becomes an Int128 column;
    the second result gives each output's scale.
    """
    columns = {alias: column for alias, (column, _) in inputs.items()}
    bounds = {column: largest(frame, column) for column in columns.values()}

    def make(engine: Columns) -> dict[str, Any]:
        values = {
            alias: engine.input(column, inputs[alias][1], bounds[column])
            for alias, column in columns.items()
        }
        built = build(engine, values)
        return {
            name: engine.constant(value) if isinstance(value, Decimal) else value
            for name, value in built.items()
        }

    engine, outputs = plan(make)
    steps = {n: v for n, v in outputs.items() if isinstance(v, Column)}
    # A parameter output (the same on every row) needs no step.
    fixed = [
        pl.lit(v.integer, dtype=INT).alias(n)
        for n, v in outputs.items()
        if n not in steps
    ]
    if steps:
        computed = engine.run(frame.lazy(), steps, where=pl.lit(value=True))
        frame = frame.with_columns(
            computed.get_column(name).cast(INT).alias(name) for name in steps
        )
    if fixed:
        frame = frame.with_columns(fixed)
    return frame, {name: result.scale for name, result in outputs.items()}


class Landing:
    """One partition's lines, computed step by step into working columns.

    Args:
        frame: The partition's lines (every shipment whole), in input order.
        numbers: The number columns read, by role.
        settings: The call's rules and inputs.
        export_country: The partition's country of export.
        mode: The partition's transport mode.
        collector: The partition's collector at the point of sale.
    """

    def __init__(  # noqa: PLR0913, PLR0917 - a partition and its keys
        self,
        frame: pl.DataFrame,
        numbers: Mapping[str, Number],
        settings: Settings,
        export_country: str,
        mode: Any,  # noqa: ANN401 - a TransportMode
        collector: Any,  # noqa: ANN401 - a Collector or None
    ) -> None:
        self.frame = frame.with_columns(pl.len().over(SHIP).alias("__xb_size"))
        self.numbers = dict(numbers)
        self.settings = settings
        self.export_country = export_country
        self.mode = mode
        self.collector = collector
        self.scales: dict[str, int] = {n.name: n.scale for n in self.numbers.values()}
        self.issues: list[tuple[pl.DataFrame, Issue]] = []
        self.failed: list[pl.DataFrame] = []
        self.labels: dict[str, str] = {}  # per-tax output columns
        self.explained: list[pl.DataFrame] = []
        regime = settings.regime
        self.minor = regime.currency.minor_unit
        self.scale = regime.currency.exponent
        self.cif = regime.valuation is Valuation.CIF

    # -- plumbing ------------------------------------------------------------

    def value(self, name: str) -> tuple[str, int]:
        """A working column and its scale."""
        return name, self.scales[name]

    def number(self, role: str) -> tuple[str, int] | None:
        found = self.numbers.get(role)
        return None if found is None else (found.name, found.scale)

    def phase(
        self,
        inputs: Mapping[str, tuple[str, int]],
        build: Callable[[Columns, dict[str, Any]], dict[str, Any]],
    ) -> None:
        """Evaluate ``build`` over the lines with the column engine (see :func:`run`)."""
        self.frame, scales = run(self.frame, inputs, build)
        self.scales |= scales

    def constant(self, name: str, value: Decimal | None) -> None:
        """A working column holding ``value`` (or null) on every line."""
        if value is None:
            self.frame = self.frame.with_columns(pl.lit(None, dtype=INT).alias(name))
            self.scales[name] = 0
            return
        scale = max(-int(value.as_tuple().exponent), 0)
        integer = int(value.scaleb(scale))
        self.frame = self.frame.with_columns(pl.lit(integer, dtype=INT).alias(name))
        self.scales[name] = scale

    def rescaled(self, name: str, scale: int) -> pl.Expr:
        """A working column at a finer ``scale`` (never coarser)."""
        own = self.scales[name]
        if own == scale:
            return pl.col(name)
        return pl.col(name) * pl.lit(10 ** (scale - own), dtype=INT)

    def fail(self, bad: pl.Expr, issue: Issue) -> None:
        """Report the lines where ``bad`` holds and take their shipments out."""
        mask = bad.fill_null(value=False)
        rows = self.frame.filter(mask)
        if rows.is_empty():
            return
        self.issues.append((rows, issue))
        ships = rows.get_column(SHIP).unique()
        out = self.frame.get_column(SHIP).is_in(ships.implode())
        self.failed.append(self.frame.filter(out))
        self.frame = self.frame.filter(~out)

    # -- the steps, in the scalar calculator's order -------------------------

    def run(self) -> None:
        """Every step, in order (none left once every shipment has failed)."""
        steps = [
            self.goods,
            self.shipping,
            lambda: self.charges(by_duty=False),
            self.customs_values,
            self.reliefs,
            self.schemes,
            self.duties,
            lambda: self.charges(by_duty=True),
            self.fees,
            self.taxes,
            self.totals,
        ]
        for step in steps:
            if self.frame.is_empty():
                return
            step()

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
            value = (
                v["amount"] if rate == _ONE else e.mul(v["amount"], v.get("rate", rate))
            )
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
        assert quantity is not None and price is not None  # noqa: S101 - required

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
        for name in ("additions", "onward", "taxable_charges", "charges", "taxable_fees",
                     "fees"):  # fmt: skip
            self.constant(name, Decimal(0).scaleb(-self.scale))

    def shipping(self) -> None:
        """Freight and insurance, converted once per shipment and shared over its lines."""
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
            group=[SHIP],
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

    def over(
        self,
        name: str,
        value: str,
        limit: Decimal,
        quantity: tuple[str, int] | None = None,
    ) -> pl.Expr:
        """A boolean column ``name``: the value is over ``limit`` (see ``exceeds``)."""

        def build(e: Columns, v: dict[str, Any]) -> dict[str, Any]:
            condition = customs_rules.exceeds(e, v["value"], limit, v.get("qty"))
            return {name: e.where(condition, _ONE, Decimal(0))}

        inputs = {"value": self.value(value)}
        if quantity is not None:
            inputs["qty"] = quantity
        self.phase(inputs, build)
        return pl.col(name) == 1

    def shipment_sum(self, name: str, column: str) -> None:
        """``name``: ``column`` summed over each line's shipment (exact)."""
        total = safe_sum(self.frame, column, [SHIP])
        self.frame = self.frame.with_columns(total.alias(name))
        self.scales[name] = self.scales[column]

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

    # -- explanation ----------------------------------------------------------

    def explain(
        self, column: str, component: str, label: str, rule: str | pl.Expr
    ) -> None:
        """Keep ``column`` (one amount per line, null: none) as explanation figures."""
        if not self.settings.explain:
            return
        named = pl.lit(rule, dtype=_STRING) if isinstance(rule, str) else rule
        figures = self.frame.filter(pl.col(column).is_not_null()).select(
            ROW,
            pl.lit(component, dtype=_STRING).alias("component"),
            pl.lit(label, dtype=_STRING).alias("label"),
            named.cast(_STRING).alias("rule"),
            self.rescaled(column, self.scale).alias("amount"),
        )
        self.explained.append(figures)

    # -- step 3: duties -----------------------------------------------------------

    def duties(self) -> None:
        """Each line's duty, additional duties and excise, rounded as families.

        A line whose duty a threshold waives pays none (and needs no tariff
        row); a line under a scheme with its own duty pays that; any other
        pays its tariff measures: the base duty, then every additional and
        excise measure, each a figure of its family.
        """
        regime = self.settings.regime
        for family in _FAMILIES:
            self.constant(family, Decimal(0).scaleb(-self.scale))
            self.constant(_BASES[family], Decimal(0).scaleb(-self.scale))
        self.frame = self.frame.with_columns(
            pl.col("__xb_relief_duty").alias("duty_rule"),
            pl.when(pl.col("__xb_relief_duty").is_not_null())
            .then(pl.lit(0, dtype=INT))
            .alias("__xb_waived"),
        )
        self.scales["__xb_waived"] = self.scale
        self.explain("__xb_waived", "duty", "duty", pl.col("__xb_relief_duty"))
        sources: list[_Source] = []
        items = [self.scheme_items(sources), self.tariff_items(sources)]
        found = [part for part in items if part is not None and not part.is_empty()]
        if not found:
            self.line_duties()
            return
        queue = pl.concat(found, how="vertical").sort(ROW, "__xb_order")
        flat = {i for i, source in enumerate(sources) if source.flat}
        queue = queue.join(
            self.frame.select(ROW, SHIP, "customs_value", "__xb_hs"), on=ROW
        )
        queue = queue.drop("customs_value")
        per_line = queue.filter(~pl.col("__xb_source").is_in(list(flat)))
        if not per_line.is_empty():
            self.family_figures(per_line, sources)
        shared = queue.filter(pl.col("__xb_source").is_in(list(flat)))
        if not shared.is_empty():
            self.flat_figures(shared, sources)
        del regime
        self.line_duties()

    def scheme_items(self, sources: list[_Source]) -> pl.DataFrame | None:
        """The duty of each line under a scheme that sets its own."""
        parts = []
        waived = pl.col("__xb_relief_duty").is_not_null()
        for scheme in self.settings.regime.schemes:
            if scheme.duty is None:
                continue
            index = len(sources)
            sources.append(_Source.of(scheme.duty, scheme.id, "duty"))
            chosen = ~waived & (pl.col("scheme") == scheme.id)
            self.frame = self.frame.with_columns(
                pl.when(chosen)
                .then(pl.lit(scheme.id, dtype=_STRING))
                .otherwise(pl.col("duty_rule"))
                .alias("duty_rule")
            )
            parts.append(
                self.frame.filter(chosen).select(
                    ROW,
                    pl.lit(index, dtype=pl.Int64).alias("__xb_source"),
                    pl.lit("duty", dtype=_STRING).alias("__xb_family"),
                    pl.lit(0, dtype=pl.Int64).alias("__xb_order"),
                )
            )
        return pl.concat(parts) if parts else None

    def tariff_items(self, sources: list[_Source]) -> pl.DataFrame | None:
        """The tariff's measures for every other line, found per distinct key."""
        settings = self.settings
        tariff, as_of = settings.regime.tariff, settings.as_of
        by_scheme = {s.id for s in settings.regime.schemes if s.duty is not None}
        needed = pl.col("__xb_relief_duty").is_null() & ~pl.col("scheme").is_in(
            list(by_scheme)
        ).fill_null(value=False)
        keys = ["__xb_hs", "__xb_origin", "__xb_claim"]
        distinct = self.frame.filter(needed).select(keys).unique(maintain_order=True)
        rows: list[tuple[str, str, str | None, int, str, int]] = []
        rules: dict[tuple[str, str, str | None], str] = {}
        missing: list[tuple[str, str, str | None, str, str]] = []
        seen: dict[int, int] = {}
        for code, origin, claim in distinct.iter_rows():
            try:
                match = tariff.match(HsCode(code), origin, claim, as_of)
            except XborderError as error:
                missing.append(
                    (code, origin, claim, "tariff.measures", error.expected or "")
                )
                continue
            if match is None:
                country = settings.regime.country
                expected = (
                    f"a duty rate in the {country} tariff for this code and origin "
                    f"{origin}"
                )
                missing.append((code, origin, claim, "hs_code", expected))
                continue
            measures = [("duty", match.base)]
            measures += [("additional_duties", m) for m in match.additional]
            measures += [("excise", m) for m in match.excise]
            rules[code, origin, claim] = match.base.label()
            for order, (family, measure) in enumerate(measures):
                index = seen.get(id(measure))
                if index is None:
                    index = seen[id(measure)] = len(sources)
                    sources.append(_Source.of(measure.duty, measure.label(), family))
                rows.append((code, origin, claim, index, family, order))
        self.fail_missing(missing, needed)
        if rules:
            table = pl.DataFrame(
                [(*key, rule) for key, rule in rules.items()],
                schema={**dict.fromkeys(keys, _STRING), "__xb_base_rule": _STRING},
                orient="row",
            )
            self.frame = (
                self.frame.join(
                    table, on=keys, how="left", nulls_equal=True, maintain_order="left"
                )
                .with_columns(
                    pl.when(needed)
                    .then(pl.col("__xb_base_rule"))
                    .otherwise(pl.col("duty_rule"))
                    .alias("duty_rule")
                )
                .drop("__xb_base_rule")
            )
        if not rows:
            return None
        table = pl.DataFrame(
            rows,
            schema={
                **dict.fromkeys(keys, _STRING),
                "__xb_source": pl.Int64,
                "__xb_family": _STRING,
                "__xb_order": pl.Int64,
            },
            orient="row",
        )
        lines = self.frame.filter(needed).select(ROW, *keys)
        return lines.join(table, on=keys, how="inner", nulls_equal=True).select(
            ROW, "__xb_source", "__xb_family", "__xb_order"
        )

    def fail_missing(
        self, missing: list[tuple[str, str, str | None, str, str]], needed: pl.Expr
    ) -> None:
        """Fail the lines whose key has no base duty (or an ambiguous tariff)."""
        hs_field = self.settings.names["hs_code"] or "hs_code"
        for code, origin, claim, field, expected in missing:
            same = (
                (pl.col("__xb_hs") == code)
                & (pl.col("__xb_origin") == origin)
                & pl.col("__xb_claim").eq_missing(pl.lit(claim, dtype=_STRING))
            )
            name = hs_field if field == "hs_code" else field
            shown = (
                pl.col(hs_field).cast(_STRING)
                if field == "hs_code"
                else pl.lit(code, dtype=_STRING)
            )
            self.fail(needed & same, Issue(name, pl.lit(value=True), expected, shown))

    def family_figures(self, queue: pl.DataFrame, sources: list[_Source]) -> None:
        """Each per-line duty, exact then rounded, by shape; then each family's figures."""
        settings = self.settings
        policy = settings.regime.rounding
        by_shape: dict[tuple[object, ...], list[int]] = {}
        used = set(queue.get_column("__xb_source").unique().to_list())
        for index in sorted(used):
            by_shape.setdefault(sources[index].shape, []).append(index)
        parts: list[tuple[pl.DataFrame, int]] = []
        for indices in by_shape.values():
            part = queue.filter(pl.col("__xb_source").is_in(indices))
            evaluated = self.evaluate(part, [sources[i] for i in indices], indices)
            if evaluated is not None:
                parts.append(evaluated)
        if not parts:
            return
        scale = max(scale for _, scale in parts)
        figures = pl.concat(
            [
                frame.with_columns(
                    (
                        pl.col("__xb_exact") * pl.lit(10 ** (scale - own), dtype=INT)
                    ).alias("__xb_exact")
                )
                for frame, own in parts
            ],
            how="vertical",
        ).sort(ROW, "__xb_order")
        figures = figures.join(self.frame.select(ROW, SHIP), on=ROW, how="inner")
        figures = self.settle(figures, policy, ("__xb_family",), scale, divisor=1)
        self.add_figures(figures, sources)

    def evaluate(
        self, part: pl.DataFrame, group: list[_Source], indices: list[int]
    ) -> tuple[pl.DataFrame, int] | None:
        """One shape's duties: exact and line-rounded, per queued figure."""
        settings = self.settings
        regime = settings.regime
        policy, currency, fx = regime.rounding, regime.currency, settings.fx
        shape = group[0]
        inputs: dict[str, tuple[str, int]] = {"value": self.value("customs_value")}
        # Each leaf parameter as a column at the finest scale its rows use.
        for position in range(len(shape.parameters)):
            values = [source.parameters[position] for source in group]
            scale = max(max(-int(v.as_tuple().exponent), 0) for v in values)
            mapping = {
                i: int(v.scaleb(scale)) for i, v in zip(indices, values, strict=True)
            }
            name = f"__xb_p{position}"
            part = part.with_columns(
                pl.col("__xb_source")
                .replace_strict(mapping, return_dtype=INT)
                .alias(name)
            )
            inputs[f"p{position}"] = (name, scale)
        for measure in shape.measures:
            column, scale = self.quantity(measure)
            part = part.join(
                self.frame.select(ROW, pl.col(column).alias(f"__xb_qty_{measure}")),
                on=ROW,
                how="left",
            )
            missing = part.filter(pl.col(f"__xb_qty_{measure}").is_null())
            if not missing.is_empty():
                field = settings.quantities.get(measure, "tariff_quantities")
                issue = Issue(
                    field,
                    pl.lit(value=True),
                    f"a quantity in {measure!r}",
                    pl.lit(None, dtype=_STRING),
                )
                self.fail(pl.col(ROW).is_in(missing.get_column(ROW).implode()), issue)
                part = part.filter(
                    pl.col(ROW).is_in(self.frame.get_column(ROW).implode())
                )
            inputs[f"q:{measure}"] = (f"__xb_qty_{measure}", scale)
        part = part.join(self.frame.select(ROW, "customs_value"), on=ROW, how="inner")
        if part.is_empty():
            return None
        count = len(shape.parameters)
        expression = shape.expression

        def build(e: Columns, v: dict[str, Any]) -> dict[str, Any]:
            value = customs_rules.rounded_base(e, policy, v["value"])
            quantities = {m: v[f"q:{m}"] for m in shape.measures}
            parameters = [v[f"p{i}"] for i in range(count)]
            exact = customs_rules.duty_amount(
                e,
                expression,
                value,
                quantities,
                currency=currency,
                fx=fx,
                parameters=parameters,
            )
            line = customs_rules.rounded(e, policy, currency, exact)
            return {"__xb_exact": exact, "__xb_line": line}

        try:
            part, scales = run(part, inputs, build)
        except XborderError as error:  # a specific amount with no exchange rate
            issue = Issue(
                "fx",
                pl.lit(value=True),
                error.expected or "an exchange rate",
                pl.lit(str(error.value), dtype=_STRING),
            )
            self.fail(pl.col(ROW).is_in(part.get_column(ROW).implode()), issue)
            return None
        part = part.with_columns(
            self._to_minor(pl.col("__xb_line"), scales["__xb_line"]).alias("__xb_line")
        )
        keep = [
            ROW,
            "__xb_source",
            "__xb_family",
            "__xb_order",
            "__xb_exact",
            "__xb_line",
        ]
        return part.select(keep), scales["__xb_exact"]

    def quantity(self, measure: str) -> tuple[str, int]:
        """A line quantity in ``measure``: given, or net weight (kg), or quantity (item)."""
        given = self.number(f"q:{measure}")
        fallback: tuple[str, int] | None = None
        if measure == "kg":
            fallback = self.value("net_weight")
        elif measure == "item":
            fallback = self.number("quantity")
        name = f"__xb_measure_{measure}"
        if given is None and fallback is None:
            self.constant(name, None)
            return self.value(name)
        options = [x for x in (given, fallback) if x is not None]
        scale = max(s for _, s in options)
        parts = [
            pl.col(column) * pl.lit(10 ** (scale - own), dtype=INT)
            for column, own in options
        ]
        self.frame = self.frame.with_columns(pl.coalesce(parts).alias(name))
        self.scales[name] = scale
        return name, scale

    def _to_minor(self, value: pl.Expr, scale: int) -> pl.Expr:
        """A rounded figure on the minor unit's scale (its step is never finer)."""
        return value * pl.lit(10 ** (self.scale - scale), dtype=INT)

    def settle(
        self,
        figures: pl.DataFrame,
        policy: RoundingPolicy,
        family: tuple[str, ...],
        scale: int,
        *,
        divisor: int,
    ) -> pl.DataFrame:
        """``__xb_figure``: each figure, rounded per line or as its declaration's share.

        With a declaration step, each shipment's family total of exact
        figures is rounded once and shared back in proportion to them; the
        line's own rounded figure (``__xb_line``) stays its tax base.
        """
        if policy.total_step is None:
            return figures.with_columns(pl.col("__xb_line").alias("__xb_figure"))
        group = [SHIP, *family]
        total = safe_sum(figures, "__xb_exact", group)
        figures = figures.with_columns(total.alias("__xb_sum"))
        currency = self.settings.regime.currency

        def build(e: Columns, v: dict[str, Any]) -> dict[str, Any]:
            rounded = customs_rules.rounded_total(e, policy, v["sum"], divisor)
            return {"__xb_total": rounded}

        figures, scales = run(figures, {"sum": ("__xb_sum", scale)}, build)
        figures = figures.with_columns(
            self._to_minor(pl.col("__xb_total"), scales["__xb_total"]).alias(
                "__xb_total"
            )
        )
        figures = allocate(
            figures,
            group=group,
            units="__xb_total",
            weights="__xb_exact",
            into="__xb_share",
        )
        del currency
        return figures.with_columns(
            pl.col("__xb_share").fill_null(0).alias("__xb_figure")
        ).drop("__xb_sum", "__xb_total", "__xb_share")

    def add_figures(self, figures: pl.DataFrame, sources: list[_Source]) -> None:
        """Each line's duty families: figures summed, and their bases."""
        sums = figures.group_by(ROW, "__xb_family").agg(
            pl.col("__xb_figure").sum(), pl.col("__xb_line").sum()
        )
        for family in _FAMILIES:
            mine = sums.filter(pl.col("__xb_family") == family).select(
                ROW,
                pl.col("__xb_figure").alias("__xb_add"),
                pl.col("__xb_line").alias("__xb_add_base"),
            )
            base = _BASES[family]
            self.frame = (
                self.frame.join(mine, on=ROW, how="left", maintain_order="left")
                .with_columns(
                    (pl.col(family) + pl.col("__xb_add").fill_null(0)).alias(family),
                    (pl.col(base) + pl.col("__xb_add_base").fill_null(0)).alias(base),
                )
                .drop("__xb_add", "__xb_add_base")
            )
        if not self.settings.explain:
            return
        labels = {i: s.label for i, s in enumerate(sources)}
        rules = {i: s.rule for i, s in enumerate(sources)}
        self.explained.append(
            figures.select(
                ROW,
                pl.col("__xb_family")
                .replace_strict(_COMPONENT_OF, return_dtype=_STRING)
                .alias("component"),
                pl.col("__xb_source")
                .replace_strict(labels, return_dtype=_STRING)
                .alias("label"),
                pl.col("__xb_source")
                .replace_strict(rules, return_dtype=_STRING)
                .alias("rule"),
                pl.col("__xb_figure").alias("amount"),
            )
        )

    def flat_figures(self, queue: pl.DataFrame, sources: list[_Source]) -> None:
        """Flat duties per tariff line: charged once per group, shared by value."""
        settings = self.settings
        regime = settings.regime
        policy, currency = regime.rounding, regime.currency
        parts = []
        for index in sorted(set(queue.get_column("__xb_source").to_list())):
            source = sources[index]
            expression = source.expression
            assert isinstance(expression, FlatPerTariffLine)  # noqa: S101
            rows = queue.filter(pl.col("__xb_source") == index)
            try:
                exact = customs_rules.converted(
                    DECIMALS,
                    expression.amount.amount,
                    _path(expression, currency, settings.fx),
                )
            except XborderError as error:
                issue = Issue(
                    "fx",
                    pl.lit(value=True),
                    error.expected or "an exchange rate",
                    pl.lit(str(error.value), dtype=_STRING),
                )
                self.fail(pl.col(ROW).is_in(rows.get_column(ROW).implode()), issue)
                continue
            amount = customs_rules.rounded(DECIMALS, policy, currency, exact)
            units = int(amount.scaleb(self.scale))
            rows = rows.with_columns(
                pl.col("__xb_hs")
                .str.slice(0, expression.digits)
                .alias("__xb_line_code"),
                pl.lit(units, dtype=INT).alias("__xb_units"),
                pl.lit(index, dtype=pl.Int64).alias("__xb_source"),
            )
            parts.append(rows)
        if not parts:
            return
        rows = pl.concat(parts).sort(ROW, "__xb_order")
        rows = rows.join(self.frame.select(ROW, "customs_value"), on=ROW, how="inner")
        group = [SHIP, "__xb_source", "__xb_line_code"]
        rows = allocate(
            rows,
            group=group,
            units="__xb_units",
            weights="customs_value",
            into="__xb_by_value",
        )
        rows = rows.join(
            self.frame.select(ROW, pl.col(self.number("quantity")[0]).alias("__xb_q")),  # type: ignore[index]
            on=ROW,
        )
        rows = allocate(
            rows, group=group, units="__xb_units", weights="__xb_q", into="__xb_by_qty"
        )
        rows = rows.with_columns(
            pl.coalesce("__xb_by_value", "__xb_by_qty").alias("__xb_figure"),
            pl.lit("duty", dtype=_STRING).alias("__xb_family"),
        )
        rows = rows.with_columns(pl.col("__xb_figure").alias("__xb_line"))
        self.add_figures(rows, sources)

    def line_duties(self) -> None:
        """Each line's duty + additional duties + excise (to split charges by duty)."""
        self.frame = self.frame.with_columns(
            (pl.col("duty") + pl.col("additional_duties") + pl.col("excise")).alias(
                "__xb_line_duties"
            )
        )
        self.scales["__xb_line_duties"] = self.scale

    def fees(self) -> None:
        """Government fees on each entry, shared over its lines by customs value."""
        regime = self.settings.regime
        policy, currency = regime.rounding, regime.currency
        if not regime.fees:
            return
        relieved = pl.col("__xb_relief_fees").is_not_null().all().over(SHIP)
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
                charged = customs_rules.fee_amount(e, fee, v["value"]).amount
                amount = customs_rules.rounded(e, policy, currency, charged)
                outputs = {name: amount}
                if over_floor is not None:
                    outputs[f"{name}_floor"] = e.where(over_floor, _ONE, Decimal(0))
                if over_ceiling is not None:
                    outputs[f"{name}_ceiling"] = e.where(over_ceiling, _ONE, Decimal(0))
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
                group=[SHIP],
                units="__xb_units",
                weights="customs_value",
                into="__xb_by_value",
            )
            quantity = self.number("quantity")
            assert quantity is not None  # noqa: S101 - required
            self.frame = allocate(
                self.frame,
                group=[SHIP],
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
        self.frame = self.frame.with_columns(pl.lit(0, dtype=INT).alias("taxes"))
        self.scales["taxes"] = self.scale
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
            SHIP,
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
        self.frame = self.frame.with_columns(
            (pl.col("taxes") + pl.col(column).fill_null(0)).alias("taxes")
        )
        waived_by = pl.col("__xb_relief_tax") if waivable else pl.lit(None, _STRING)
        named = pl.when(taking).then(pl.lit(rule.id, dtype=_STRING)).otherwise(waived_by)
        self.explain(column, "tax", rule.name, named)

    def totals(self) -> None:
        """Each line's landed cost, the sum of its components, and the cost of one unit."""
        regime = self.settings.regime
        minor, mode = self.minor, regime.rounding.mode
        self.frame = self.frame.with_columns(
            pl.sum_horizontal(pl.col(c).fill_null(0) for c in COMPONENTS).alias(
                "landed_cost"
            )
        )
        self.scales["landed_cost"] = self.scale
        quantity = self.number("quantity")
        assert quantity is not None  # noqa: S101 - required

        def build(e: Columns, v: dict[str, Any]) -> dict[str, Any]:
            return {
                "landed_cost_per_unit": landed_rules.per_unit(
                    e, v["landed"], v["qty"], minor, mode
                )
            }

        self.phase({"landed": self.value("landed_cost"), "qty": quantity}, build)


_COMPONENT_OF = {
    "duty": "duty",
    "additional_duties": "additional duty",
    "excise": "excise",
}


def _path(expression: FlatPerTariffLine, currency: Currency, fx: FxTable | None) -> Any:  # noqa: ANN401
    """The exchange path of a flat amount into the regime's currency (None: same)."""
    own = expression.amount.currency
    if own == currency:
        return None
    if fx is None:
        raise XborderError(
            "pass fx=FxTable(...) with the rates of the day",
            field="fx",
            value=f"{own.code}→{currency.code}",
            expected="an FX table to convert with",
        )
    return fx.path(own, currency)


@attrs.frozen
class _Source:
    """A duty a line may pay: its expression, rule, family and shape."""

    expression: DutyExpression
    rule: str
    family: str
    label: str
    flat: bool
    shape: tuple[object, ...]
    parameters: tuple[Decimal, ...]
    measures: tuple[str, ...]

    @classmethod
    def of(cls, expression: DutyExpression, rule: str, family: str) -> _Source:
        flat = isinstance(expression, FlatPerTariffLine)
        label = f"duty ({rule})" if family == "duty" or flat else rule
        shape = customs_rules.duty_shape(expression)
        parameters = () if flat else customs_rules.duty_parameters(expression)
        return cls(
            expression,
            rule,
            family,
            label,
            flat,
            shape,
            parameters,
            tuple(sorted(_measures(expression))),
        )


def _measures(expression: DutyExpression) -> set[str]:
    if isinstance(expression, Specific):
        return {expression.measure}
    children = [
        getattr(expression, name)
        for name in ("duty", "minimum", "maximum")
        if hasattr(expression, name)
    ]
    children += list(getattr(expression, "parts", ()))
    found: set[str] = set()
    for child in children:
        found |= _measures(child)
    return found
