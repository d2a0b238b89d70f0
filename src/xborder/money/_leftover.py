"""Where allocation puts the minor units left over (private; see xborder.money)."""

from __future__ import annotations

import enum

__all__ = ["Leftover"]


class Leftover(enum.StrEnum):
    """Which line takes the minor units that rounded shares leave over.

    Each line's exact share of an amount is rarely a whole number of cents,
    so the rounded shares miss the total by a few cents, and some line must
    take the difference. Systems disagree on which; choose the one whose
    figures you must match.

    Sources (read 2026-12-07): the largest remainder (Hamilton) method in
    M. L. Balinski and H. P. Young, *Fair Representation*, 2nd ed., 2001;
    ERPNext's landed cost voucher, which rounds each item's share and adds
    the difference to the last item
    (https://github.com/frappe/erpnext/blob/version-15/erpnext/stock/doctype/landed_cost_voucher/landed_cost_voucher.py,
    ``set_applicable_charges_on_item``); Oracle Essbase's ``@ALLOCATE``,
    which rounds all allocated values and adds the total rounding error to
    the highest one
    (https://docs.oracle.com/cd/E26232_01/doc.11122/esb_dbag/ch64s03s10.html).

    Examples:
        >>> Leftover("last_line")
        <Leftover.LAST_LINE: 'last_line'>
    """

    LARGEST_REMAINDER = "largest_remainder"
    """Round every share down, then one unit each to the largest remainders
    (ties to the earlier line): every line within one unit of its exact share."""
    LAST_LINE = "last_line"
    """Round every other share with a named mode; the last line with a non-zero
    weight takes the rest (ERPNext's landed cost voucher, invoice splits)."""
    LARGEST_LINE = "largest_line"
    """Round every other share with a named mode; the line with the largest
    weight (ties to the earlier line) takes the rest (Oracle Essbase, SAP)."""
