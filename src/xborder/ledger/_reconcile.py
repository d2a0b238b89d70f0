"""Reconciling the ledger to each settlement's payout (private; see xborder.ledger)."""

from __future__ import annotations

from decimal import Decimal, localcontext
from typing import TYPE_CHECKING

import attrs

from xborder._exact import EXACT
from xborder._validate import items_of, named_errors, non_negative_count, tuple_of
from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.ledger._checks import bounded, builder, iterable, money
from xborder.ledger._kinds import TransactionKind
from xborder.ledger._transaction import Transaction, to_kind
from xborder.money import Currency, Money
from xborder.reports import SettlementSummary

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["Reconciliation", "SettlementCheck", "reconcile"]

_PAYOUT = TransactionKind.PAYOUT
_ZERO = Decimal(0)


def _kind_amounts(
    values: Iterable[tuple[TransactionKind, Money]],
) -> tuple[tuple[TransactionKind, Money], ...]:
    pairs = tuple_of(values, tuple)
    checked = []
    for index, pair in enumerate(pairs):
        if len(pair) != 2:  # noqa: PLR2004 - a kind and its amount
            raise InvalidTypeError(
                field=f"[{index}]", value=pair, expected="a (TransactionKind, Money)"
            )
        try:
            kind = to_kind(pair[0])
            amount = money(pair[1])
        except InvalidInputError as error:
            raise error.in_field(f"[{index}]") from None
        checked.append((kind, amount))
    return tuple(checked)


def _optional_money(value: Money | None) -> Money | None:
    return None if value is None else money(value)


def _summary(value: SettlementSummary) -> SettlementSummary:
    if not isinstance(value, SettlementSummary):
        raise InvalidTypeError(field=None, value=value, expected="a SettlementSummary")
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class SettlementCheck:
    r"""One settlement's payout against the ledger lines settled in it.

    $$difference = payout - \sum_{lines \ne payout} amount$$

    Every line counts, tax and reserves included: they are in the money the
    marketplace pays. A difference is unexplained by the ledger: lines
    missing from it (a report imported in part, a period cut), lines filed
    under the wrong settlement, or a payout that is not the settlement's.

    Args:
        settlement: The settlement's summary (id, period, deposit, total).
        lines: Ledger lines with its id (payout lines included).
        by_kind: Their sum per kind (payout lines apart), in the
            settlement's currency.
        outside_period: Lines posted outside the settlement's period (payout
            lines apart: they follow it).
        transferred: What payout lines in the ledger moved to the bank
            (their sum, negated), if there are any.

    Examples:
        >>> summary = SettlementSummary(settlement_id="S1", start="2026-03-01",
        ...     end="2026-03-14", total=Money("100.00", "USD"))
        >>> check = SettlementCheck(settlement=summary, lines=2,
        ...     by_kind=[("sale", Money("120.00", "USD")),
        ...              ("referral fee", Money("-18.00", "USD"))])
        >>> str(check.difference), check.is_reconciled
        ('-2.00 USD', False)
        >>> print(check.explanation)
        settlement S1: payout 100.00 USD, ledger 102.00 USD: -2.00 USD unexplained
    """

    settlement: SettlementSummary = attrs.field(converter=_summary)
    lines: int = attrs.field(converter=non_negative_count)
    by_kind: tuple[tuple[TransactionKind, Money], ...] = attrs.field(
        converter=_kind_amounts
    )
    outside_period: int = attrs.field(default=0, converter=non_negative_count)
    transferred: Money | None = attrs.field(default=None, converter=_optional_money)

    def __attrs_post_init__(self) -> None:
        currency = self.settlement.currency
        kinds = [kind for kind, _ in self.by_kind]
        if len(set(kinds)) != len(kinds) or _PAYOUT in kinds:
            raise InvalidInputError(
                field="by_kind",
                value=self.by_kind,
                expected="each kind once, payouts apart (transferred)",
            )
        for index, (_, amount) in enumerate(self.by_kind):
            if amount.currency != currency:
                raise CurrencyMismatchError(
                    field=f"by_kind[{index}]",
                    value=amount,
                    expected=f"an amount in {currency.code}",
                )
        if self.transferred is not None and self.transferred.currency != currency:
            raise CurrencyMismatchError(
                field="transferred",
                value=self.transferred,
                expected=f"an amount in {currency.code}",
            )
        if self.outside_period > self.lines:
            raise InvalidInputError(
                field="outside_period",
                value=self.outside_period,
                expected=f"at most the lines ({self.lines})",
            )

    @property
    def payout(self) -> Money:
        """What the settlement paid (its summary's total)."""
        return self.settlement.total

    @property
    def ledger_total(self) -> Money:
        """The ledger's lines in the settlement, payouts apart."""
        total = _ZERO
        for _, amount in self.by_kind:
            total = EXACT.add(total, amount.amount)
        return Money(total, self.settlement.currency)

    @property
    def difference(self) -> Money:
        """Payout − ledger total: zero on a consistent ledger."""
        return self.payout - self.ledger_total

    @property
    def is_reconciled(self) -> bool:
        """Whether the payout is the sum of the lines, to the last digit."""
        return self.difference.is_zero()

    @property
    def explanation(self) -> str:
        """The check in words, naming any difference and what may explain it."""
        settlement = self.settlement
        head = (
            f"settlement {settlement.settlement_id}: payout {self.payout}"
            f"{' =' if self.is_reconciled else ','} ledger {self.ledger_total}"
        )
        notes = []
        if not self.is_reconciled:
            head += f": {self.difference} unexplained"
            if not self.lines:
                notes.append("no ledger line is in this settlement")
        if self.outside_period:
            notes.append(
                f"{self.outside_period} line(s) posted outside "
                f"{settlement.start}..{settlement.end}"
            )
        if self.transferred is not None and self.transferred != self.payout:
            notes.append(f"transfers to the bank {self.transferred} ≠ payout")
        return "; ".join([head, *notes])


_check = builder(SettlementCheck)


def _checks(values: Iterable[SettlementCheck]) -> tuple[SettlementCheck, ...]:
    return tuple_of(values, SettlementCheck)


def _balances(values: Iterable[Money]) -> tuple[Money, ...]:
    return tuple_of(values, Money)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Reconciliation:
    """Every settlement checked, and what the ledger holds that no payout settled.

    Args:
        checks: One per settlement, in the order given.
        unsettled: Per currency, lines with no settlement id or an id of no
            settlement given (payout lines apart): what the channels still
            owe, or have not reported paying.
        unsettled_lines: How many lines that is.

    Examples:
        >>> summary = SettlementSummary(settlement_id="S1", start="2026-03-01",
        ...     end="2026-03-14", total=Money("100.00", "USD"))
        >>> check = SettlementCheck(settlement=summary, lines=1,
        ...     by_kind=[("sale", Money("100.00", "USD"))])
        >>> Reconciliation(checks=[check], unsettled=[]).is_reconciled
        True
    """

    checks: tuple[SettlementCheck, ...] = attrs.field(converter=_checks)
    unsettled: tuple[Money, ...] = attrs.field(converter=_balances)
    unsettled_lines: int = attrs.field(default=0, converter=non_negative_count)

    def __attrs_post_init__(self) -> None:
        ids = [check.settlement.settlement_id for check in self.checks]
        if len(set(ids)) != len(ids):
            raise InvalidInputError(
                field="checks", value=ids, expected="each settlement once"
            )
        codes = [balance.currency for balance in self.unsettled]
        if len(set(codes)) != len(codes):
            raise InvalidInputError(
                field="unsettled", value=self.unsettled, expected="one per currency"
            )

    @property
    def is_reconciled(self) -> bool:
        """Whether every settlement's payout is the sum of its lines."""
        return all(check.is_reconciled for check in self.checks)

    @property
    def differences(self) -> tuple[SettlementCheck, ...]:
        """The settlements whose payout the ledger does not explain."""
        return tuple(check for check in self.checks if not check.is_reconciled)


class _Tally:
    __slots__ = ("kinds", "lines", "outside", "paid")

    def __init__(self) -> None:
        self.lines = 0
        self.outside = 0
        self.kinds: dict[TransactionKind, Decimal] = {}
        self.paid: Decimal | None = None


def reconcile(
    transactions: Iterable[Transaction], settlements: Iterable[SettlementSummary]
) -> Reconciliation:
    """Check each settlement's payout against the ledger's lines, in one pass.

    A line belongs to the settlement whose id it carries. Each settlement's
    payout (its summary's total) must equal the sum of its lines, tax,
    marketplace tax and reserve movements included, payout lines apart
    (:class:`SettlementCheck`); lines of no settlement given are totalled
    per currency as unsettled.

    Raises:
        CurrencyMismatchError: A line is not in its settlement's currency.
        InvalidInputError: A settlement id appears twice.

    Examples:
        >>> from xborder.ledger import Transaction
        >>> summary = SettlementSummary(settlement_id="S1", start="2026-03-01",
        ...     end="2026-03-14", total=Money("9.78", "USD"))
        >>> def line(kind, amount, settlement="S1"):
        ...     return Transaction(kind=kind, posted_on="2026-03-02",
        ...         amount=Money(amount, "USD"), channel="Amazon.com",
        ...         settlement_id=settlement)
        >>> ledger = [line("sale", "13.99"), line("referral fee", "-2.10"),
        ...           line("fulfilment fee", "-2.11"), line("sale", "5.00", None)]
        >>> result = reconcile(ledger, [summary])
        >>> result.is_reconciled, [str(m) for m in result.unsettled]
        (True, ['5.00 USD'])
    """
    summaries = _summaries(settlements)
    tallies = {key: _Tally() for key in summaries}
    loose: dict[Currency, Decimal] = {}
    loose_lines = 0
    with localcontext(EXACT):
        for index, item in enumerate(iterable(transactions, "transactions")):
            if not isinstance(item, Transaction):
                raise InvalidTypeError(
                    field=f"transactions[{index}]", value=item, expected="a Transaction"
                )
            tally = tallies.get(item.settlement_id)  # type: ignore[arg-type]
            amount = item.amount
            if tally is None:
                if item.kind is not _PAYOUT:
                    code = amount.currency
                    loose[code] = loose.get(code, _ZERO) + amount.amount
                    loose_lines += 1
                continue
            summary = summaries[item.settlement_id]  # type: ignore[index]
            if amount.currency != summary.currency:
                raise CurrencyMismatchError(
                    field=f"transactions[{index}].amount",
                    value=amount,
                    expected=f"an amount in {summary.currency.code}, its settlement's",
                )
            tally.lines += 1
            if item.kind is not _PAYOUT and not (
                summary.start <= item.posted_on <= summary.end
            ):
                tally.outside += 1  # a payout follows its period: not counted
            if item.kind is _PAYOUT:
                tally.paid = (tally.paid or _ZERO) - amount.amount
            else:
                kinds = tally.kinds
                kinds[item.kind] = kinds.get(item.kind, _ZERO) + amount.amount
    return Reconciliation(
        checks=[_checked(summaries[key], tally) for key, tally in tallies.items()],
        unsettled=[
            Money(bounded(loose[code], "transactions"), code)
            for code in sorted(loose, key=lambda c: c.code)
        ],
        unsettled_lines=loose_lines,
    )


def _summaries(
    settlements: Iterable[SettlementSummary],
) -> dict[str, SettlementSummary]:
    summaries = {}
    for index, summary in enumerate(items_of(settlements, field="settlements")):
        if not isinstance(summary, SettlementSummary):
            raise InvalidTypeError(
                field=f"settlements[{index}]",
                value=summary,
                expected="a SettlementSummary",
            )
        if summary.settlement_id in summaries:
            raise InvalidInputError(
                field=f"settlements[{index}].settlement_id",
                value=summary.settlement_id,
                expected="each settlement once",
            )
        summaries[summary.settlement_id] = summary
    return summaries


def _checked(summary: SettlementSummary, tally: _Tally) -> SettlementCheck:
    code = summary.currency
    return _check(
        settlement=summary,
        lines=tally.lines,
        by_kind=tuple(
            (kind, Money(bounded(tally.kinds[kind], "transactions"), code))
            for kind in TransactionKind
            if kind in tally.kinds
        ),
        outside_period=tally.outside,
        transferred=None
        if tally.paid is None
        else Money(bounded(tally.paid, "transactions"), code),
    )
