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

from xborder.frames._landed_base import COMPONENTS, Settings
from xborder.frames._landed_duties import Duties
from xborder.frames._landed_taxes import Taxes
from xborder.frames._landed_values import Values

__all__ = ["COMPONENTS", "Landing", "Settings"]


class Landing(Values, Duties, Taxes):
    """One partition's lines, computed step by step into working columns.

    Args:
        frame: The partition's lines (every shipment whole), in input order.
        numbers: The number columns read, by role.
        settings: The call's rules and inputs.
        export_country: The partition's country of export.
        mode: The partition's transport mode.
        collector: The partition's collector at the point of sale.
    """

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
