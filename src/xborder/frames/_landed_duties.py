"""Duties per line: tariff measures by shape, families, flat duties (private)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import polars as pl

from xborder.customs import (
    FlatPerTariffLine,
    HsCode,
)
from xborder.customs import rules as customs_rules
from xborder.customs.rules import DECIMALS
from xborder.errors import XborderError
from xborder.frames._errors import ROW
from xborder.frames._groups import INT, allocate
from xborder.frames._landed_base import (
    _BASES,
    _FAMILIES,
    _STRING,
    GROUP,
    Base,
    run,
)
from xborder.frames._landed_read import Issue
from xborder.frames._landed_sources import (
    COMPONENT_OF,
    Source,
    in_line_order,
    path_of,
)

if TYPE_CHECKING:
    from xborder.frames._engine import Columns

__all__ = ["Duties"]


class Duties(Base):
    """The duty step: measures per key, evaluated per shape, rounded as families."""

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
        sources: list[Source] = []
        items = [self.scheme_items(sources), self.tariff_items(sources)]
        found = [part for part in items if part is not None and not part.is_empty()]
        if not found:
            self.line_duties()
            return
        flat = {i for i, source in enumerate(sources) if source.flat}
        queue = in_line_order(
            pl.concat(found, how="vertical").join(
                self.frame.select(ROW, GROUP, "customs_value", "__xb_hs"), on=ROW
            )
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

    def scheme_items(self, sources: list[Source]) -> pl.DataFrame | None:
        """The duty of each line under a scheme that sets its own."""
        parts = []
        waived = pl.col("__xb_relief_duty").is_not_null()
        for scheme in self.settings.regime.schemes:
            if scheme.duty is None:
                continue
            index = len(sources)
            sources.append(Source.of(scheme.duty, scheme.id, "duty"))
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

    def tariff_items(self, sources: list[Source]) -> pl.DataFrame | None:
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
                    sources.append(Source.of(measure.duty, measure.label(), family))
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

    def family_figures(self, queue: pl.DataFrame, sources: list[Source]) -> None:
        """Per-line duties, exact and rounded, by shape; then the families' figures."""
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
        )
        # The shares of a declaration total go by line order: each figure
        # in its shipment's order, line by line, measure by measure.
        figures = in_line_order(figures)
        figures = self.settle(figures, policy, ("__xb_family",), scale, divisor=1)
        self.add_figures(figures, sources)

    def evaluate(
        self, part: pl.DataFrame, group: list[Source], indices: list[int]
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
            GROUP,
            "__xb_source",
            "__xb_family",
            "__xb_order",
            "__xb_exact",
            "__xb_line",
        ]
        return part.select(keep), scales["__xb_exact"]

    def quantity(self, measure: str) -> tuple[str, int]:
        """A line's quantity in ``measure``: given, or net weight (kg), or quantity."""
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

    def add_figures(self, figures: pl.DataFrame, sources: list[Source]) -> None:
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
                .replace_strict(COMPONENT_OF, return_dtype=_STRING)
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

    def flat_figures(self, queue: pl.DataFrame, sources: list[Source]) -> None:
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
                    path_of(expression, currency, settings.fx),
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
        rows = in_line_order(
            pl.concat(parts).join(
                self.frame.select(ROW, "customs_value"), on=ROW, how="inner"
            )
        )
        group = [GROUP, "__xb_source", "__xb_line_code"]
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
            maintain_order="left",
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
