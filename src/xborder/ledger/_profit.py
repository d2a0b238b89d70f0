"""profit_and_loss: a ledger to a P&L (private; see :mod:`xborder.ledger`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from xborder._validate import items_of, text
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.fx import FxTable
from xborder.ledger._assemble import Basis, assemble
from xborder.ledger._checks import checked, enum_of
from xborder.ledger._fold import fold
from xborder.ledger._kinds import CostMethod, Period, StorageBasis
from xborder.ledger._transaction import Receipt
from xborder.money import Currency, RoundingMode
from xborder.money.converters import to_currency
from xborder.units import as_volume

if TYPE_CHECKING:
    from decimal import Decimal

    from xborder.ledger._pnl import ProfitAndLoss
    from xborder.ledger._transaction import Transaction
    from xborder.units import QuantityInput

__all__ = ["basis_of", "profit_and_loss"]

_period = enum_of(Period)
_method = enum_of(CostMethod)
_storage = enum_of(StorageBasis)


def profit_and_loss(
    transactions: Iterable[Transaction],
    *,
    currency: Currency | str,
    receipts: Iterable[Receipt] | None,
    rounding: RoundingMode,
    period: Period | str = Period.MONTH,
    method: CostMethod | str = CostMethod.FIFO,
    campaigns: Mapping[str | None, str | Iterable[str]] | None = None,
    storage_basis: StorageBasis | str = StorageBasis.UNIT_DAYS,
    volumes: Mapping[str, QuantityInput] | None = None,
    fx: FxTable | None = None,
) -> ProfitAndLoss:
    r"""A P&L by SKU × channel × period from a ledger, in one streaming pass.

    Each transaction lands on the line :data:`LINE_OF` gives its kind (tax,
    marketplace tax, reserves and payouts stay out). The cost of goods sold
    comes from the receipts, costed FIFO or by moving average; ads are put
    on SKUs through ``campaigns``; account-level storage is shared among
    SKUs by ``storage_basis``. Rows are summed in each currency, then
    converted into ``currency`` once per row and line with ``fx``.

    $$contribution = revenue + discounts + refunds + fees + storage + ads
    + reimbursements + adjustments - COGS$$

    Periods are calendar weeks (Monday first), months or quarters of the
    days the transactions were posted on, as the reports write them.

    Args:
        transactions: The ledger, any iterable (streamed, never stored).
        currency: The P&L's currency.
        receipts: The units received and their landed unit cost, opening
            stock included; ``None`` to leave the cost of goods sold at zero
            (a P&L of the channels only).
        rounding: How to round converted amounts and each row's COGS.
        period: Weeks, months (the default) or quarters.
        method: FIFO (the default) or moving average.
        campaigns: Campaign → SKU (or SKUs, shared by their revenue): how
            ad spend with no SKU is attributed. The key ``None`` takes ad
            spend with no campaign (a settlement's advertising invoice).
        storage_basis: How storage charged for the account is shared.
        volumes: SKU → the volume of one unit (``"1400 cm**3"``), weighting
            unit-days by space; every SKU weighs the same without it.
        fx: Rates for transactions and receipts in other currencies.

    Raises:
        UncostedSaleError: Units sold with no receipt to cost them.
        CurrencyMismatchError: An amount in another currency and no ``fx``.
        MissingFxRateError: ``fx`` has no rate for a currency.
        InvalidInputError: No transaction, or a bad argument (named).

    Examples:
        >>> from xborder.ledger import Receipt, Transaction
        >>> from xborder.money import Money, RoundingMode
        >>> def row(kind, amount, **more):
        ...     return Transaction(kind=kind, posted_on="2026-03-02",
        ...         amount=Money(amount, "USD"), channel="Amazon.com", **more)
        >>> ledger = [
        ...     row("sale", "27.98", sku="PH-01", quantity=2),
        ...     row("referral fee", "-4.20", sku="PH-01"),
        ...     row("fulfilment fee", "-7.32", sku="PH-01"),
        ...     row("ad spend", "-3.00", campaign="PH Auto"),
        ...     row("tax", "2.24", sku="PH-01"),
        ... ]
        >>> stock = [Receipt(sku="PH-01", received_on="2026-02-20", quantity=100,
        ...     unit_cost=Money("3.12", "USD"))]
        >>> pnl = profit_and_loss(ledger, currency="USD", receipts=stock,
        ...     rounding=RoundingMode.HALF_EVEN, campaigns={"PH Auto": "PH-01"})
        >>> (row,) = pnl.rows
        >>> str(row.revenue), str(row.cogs), str(row.ads), str(row.contribution)
        ('27.98 USD', '-6.24 USD', '-3.00 USD', '7.22 USD')
    """
    basis = basis_of(
        currency=currency,
        receipts=receipts,
        rounding=rounding,
        period=period,
        method=method,
        campaigns=campaigns,
        storage_basis=storage_basis,
        volumes=volumes,
        fx=fx,
    )
    sums = fold(
        transactions,
        period=basis.period,
        currency=basis.currency,
        converts=basis.fx is not None,
    )
    return assemble(sums, basis)


def basis_of(
    *,
    currency: Currency | str,
    receipts: Iterable[Receipt] | None,
    rounding: RoundingMode,
    period: Period | str,
    method: CostMethod | str,
    campaigns: Mapping[str | None, str | Iterable[str]] | None,
    storage_basis: StorageBasis | str,
    volumes: Mapping[str, QuantityInput] | None,
    fx: FxTable | None,
) -> Basis:
    """Check the P&L's options, naming each (shared by both engines)."""
    money = checked(to_currency, currency, "currency")
    if not isinstance(rounding, RoundingMode):
        raise InvalidTypeError(
            field="rounding", value=rounding, expected="a RoundingMode"
        )
    if fx is not None and not isinstance(fx, FxTable):
        raise InvalidTypeError(field="fx", value=fx, expected="an FxTable or None")
    stock = None if receipts is None else _receipts(receipts, money, fx)
    return Basis(
        currency=money,
        period=checked(_period, period, "period"),
        receipts=stock,
        method=checked(_method, method, "method"),
        campaigns=_campaigns(campaigns),
        storage=checked(_storage, storage_basis, "storage_basis"),
        volumes=_volumes(volumes),
        fx=fx,
        rounding=rounding,
    )


def _receipts(
    values: Iterable[Receipt], currency: Currency, fx: FxTable | None
) -> tuple[Receipt, ...]:
    receipts = items_of(values, field="receipts")
    for index, receipt in enumerate(receipts):
        if not isinstance(receipt, Receipt):
            raise InvalidTypeError(
                field=f"receipts[{index}]", value=receipt, expected="a Receipt"
            )
        code = receipt.unit_cost.currency
        if code != currency:
            if fx is None:
                raise InvalidInputError(
                    "pass fx= to convert it",
                    field=f"receipts[{index}].unit_cost",
                    value=receipt.unit_cost,
                    expected=f"an amount in {currency.code}",
                )
            try:
                fx.path(code, currency)
            except XborderError as error:
                raise error.in_field("fx") from None
    return receipts


def _campaigns(
    values: Mapping[str | None, str | Iterable[str]] | None,
) -> dict[str | None, tuple[str, ...]]:
    if values is None:
        return {}
    if not isinstance(values, Mapping):
        raise InvalidTypeError(
            field="campaigns", value=values, expected="a mapping of campaign to SKUs"
        )
    found: dict[str | None, tuple[str, ...]] = {}
    for campaign, skus in values.items():
        name = None if campaign is None else checked(text, campaign, "campaigns")
        where = f"campaigns[{name!r}]"
        listed = (skus,) if isinstance(skus, str) else items_of(skus, field=where)
        if not listed:
            raise InvalidInputError(field=where, value=skus, expected="a SKU or more")
        checked_skus = tuple(
            checked(text, sku, f"{where}[{i}]") for i, sku in enumerate(listed)
        )
        if len(set(checked_skus)) != len(checked_skus):
            raise InvalidInputError(field=where, value=skus, expected="each SKU once")
        found[name] = checked_skus
    return found


def _volumes(values: Mapping[str, QuantityInput] | None) -> dict[str, Decimal]:
    if values is None:
        return {}
    if not isinstance(values, Mapping):
        raise InvalidTypeError(
            field="volumes", value=values, expected="a mapping of SKU to a volume"
        )
    found: dict[str, Decimal] = {}
    for sku, volume in values.items():
        name = checked(text, sku, "volumes")
        magnitude: Decimal = checked(as_volume, volume, f"volumes[{name!r}]").magnitude
        if magnitude <= 0:
            raise InvalidInputError(
                field=f"volumes[{name!r}]", value=volume, expected="a volume > 0"
            )
        found[name] = magnitude
    return found
