"""The tariff's index: a look-up reads only the rows on the code's prefixes.

``Tariff.match`` finds the covering rows through an index of the rows by
code, built once per tariff. These tests hold it to a brute-force scan of
every row (what ``match`` did before the index) on tariffs drawn with
overlapping prefixes, origins, claims, validity windows and additional
duties, and check the index is derived state: left out of equality,
hashing, ``repr`` and serialised data, and consistent after pickling,
copying, ``attrs.evolve`` and ``from_data``.
"""

from __future__ import annotations

import copy
import datetime as dt
import pickle

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder.customs import (
    AdValorem,
    HsCode,
    MeasureKind,
    Tariff,
    TariffMatch,
    TariffMeasure,
)
from xborder.dated import Validity
from xborder.errors import InvalidInputError
from xborder.serialize import from_data, to_data
from xborder.testing.strategies import duty_expressions, hs_codes, validities

_ORIGINS = ("CN", "VN", "JP", "US")
_CLAIMS = ("UK-JP CEPA", "EU-VN FTA")
_LENGTHS = (2, 4, 6, 8, 10)


@st.composite
def _measures(draw: st.DrawFn, codes: tuple[HsCode, ...]) -> TariffMeasure:
    """A row on a prefix of one of ``codes`` (so rows overlap), of any kind."""
    code = draw(st.sampled_from(codes)).truncate(draw(st.sampled_from(_LENGTHS)))
    # Base rows half the time, so two often tie or one overrides another.
    kind = draw(
        st.one_of(st.just(MeasureKind.THIRD_COUNTRY), st.sampled_from(MeasureKind))
    )
    origins = draw(
        st.one_of(st.none(), st.frozensets(st.sampled_from(_ORIGINS), min_size=1))
    )
    return TariffMeasure(
        hs_code=code,
        duty=draw(duty_expressions(max_leaves=2)),
        kind=kind,
        origins=origins,
        preference=draw(st.sampled_from(_CLAIMS))
        if kind is MeasureKind.PREFERENCE
        else None,
        validity=draw(st.one_of(st.none(), st.none(), validities())),
    )


@st.composite
def _tariffs(draw: st.DrawFn) -> tuple[Tariff, tuple[HsCode, ...]]:
    """A tariff of up to 16 rows on the prefixes of one or two ten-digit codes."""
    codes = tuple(draw(st.lists(hs_codes(digits=st.just(10)), min_size=1, max_size=2)))
    rows = draw(st.lists(_measures(codes), max_size=16))
    return Tariff(measures=rows), codes


@st.composite
def _queries(
    draw: st.DrawFn, tariff: Tariff, codes: tuple[HsCode, ...]
) -> tuple[HsCode, str, str | None, dt.date]:
    """A line: code (a drawn one, a prefix, an extension, any), origin, claim, day."""
    code = draw(st.sampled_from(codes))
    code = draw(
        st.one_of(
            st.just(code),
            st.sampled_from(_LENGTHS).map(code.truncate),  # shorter than some rows
            st.text("0123456789", min_size=1, max_size=4).map(
                lambda more: HsCode(code.digits + more)  # longer than every row
            ),
            hs_codes(digits=st.integers(2, 14)),  # most likely covered by none
        )
    )
    # Days on the rows' window edges, where a window starts or stops covering.
    edges = [
        day
        for m in tariff.measures
        if m.validity is not None
        for day in (m.validity.valid_from, m.validity.valid_to)
        if day is not None
    ]
    around = [day + dt.timedelta(days=shift) for day in edges for shift in (-1, 0)]
    as_of = draw(
        st.one_of(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)))
        if not around
        else st.one_of(st.sampled_from(around), st.dates())
    )
    origin = draw(st.sampled_from(_ORIGINS))
    claim = draw(st.one_of(st.none(), st.sampled_from((*_CLAIMS, "no such claim"))))
    return code, origin, claim, as_of


class _AmbiguousError(Exception):
    """Two rows tie for the base duty: their labels."""


_Outcome = tuple[str, object]
"""``("match", TariffMatch | None)`` or ``("ambiguous", (field, labels))``."""


def _scan(
    tariff: Tariff, code: HsCode, origin: str, claim: str | None, as_of: dt.date
) -> _Outcome:
    """The match by brute force: test every row of the tariff."""
    covering = [m for m in tariff.measures if m.covers(code, origin, as_of)]

    def most_specific(rows: list[TariffMeasure]) -> TariffMeasure | None:
        if not rows:
            return None
        top = max((len(m.hs_code.digits), m.origins is not None) for m in rows)
        best = [
            m for m in rows if (len(m.hs_code.digits), m.origins is not None) == top
        ]
        if len(best) > 1:
            raise _AmbiguousError([m.label() for m in best])
        return best[0]

    try:
        base = most_specific(
            [m for m in covering if m.kind is MeasureKind.THIRD_COUNTRY]
        )
        preference = None
        if claim is not None:
            preference = most_specific(
                [
                    m
                    for m in covering
                    if m.kind is MeasureKind.PREFERENCE and m.preference == claim
                ]
            )
    except _AmbiguousError as tie:
        return ("ambiguous", ("tariff.measures", tie.args[0]))
    chosen = preference or base
    if chosen is None:
        return ("match", None)
    return (
        "match",
        TariffMatch(
            base=chosen,
            additional=tuple(m for m in covering if m.kind.additional),
            excise=tuple(m for m in covering if m.kind is MeasureKind.EXCISE),
            preference_missing=claim is not None and preference is None,
        ),
    )


def _indexed(
    tariff: Tariff, code: HsCode, origin: str, claim: str | None, as_of: dt.date
) -> _Outcome:
    """``Tariff.match`` in the same shape as :func:`_scan`."""
    try:
        return ("match", tariff.match(code, origin, claim, as_of))
    except InvalidInputError as error:
        return ("ambiguous", (error.field, error.value))


def _same(found: _Outcome, expected: _Outcome, *, identical: bool = True) -> None:
    """Equal; if ``identical``, the very same rows in the same order."""
    assert found == expected
    got, want = found[1], expected[1]
    if identical and isinstance(got, TariffMatch) and isinstance(want, TariffMatch):
        assert got.base is want.base
        pairs = [*zip(got.additional, want.additional, strict=True)]
        pairs += zip(got.excise, want.excise, strict=True)
        assert all(a is b for a, b in pairs)


@given(data=st.data(), drawn=_tariffs())
def test_the_indexed_match_is_the_match_a_scan_of_every_row_finds(
    data: st.DataObject, drawn: tuple[Tariff, tuple[HsCode, ...]]
) -> None:
    tariff, codes = drawn
    for _ in range(4):
        query = data.draw(_queries(tariff, codes))
        _same(_indexed(tariff, *query), _scan(tariff, *query))
        # A second look-up (from the memo) gives the same answer.
        _same(_indexed(tariff, *query), _scan(tariff, *query))


@given(data=st.data(), drawn=_tariffs())
def test_a_rebuilt_tariff_matches_as_the_original(
    data: st.DataObject, drawn: tuple[Tariff, tuple[HsCode, ...]]
) -> None:
    tariff, codes = drawn
    query = data.draw(_queries(tariff, codes))
    expected = _scan(tariff, *query)
    for rebuilt in (
        pickle.loads(pickle.dumps(tariff)),  # noqa: S301 - our own bytes
        copy.deepcopy(tariff),
        from_data(Tariff, to_data(tariff)),
        attrs.evolve(tariff, name="rebuilt"),
    ):
        assert attrs.evolve(rebuilt, name=tariff.name) == tariff
        _same(_indexed(rebuilt, *query), expected, identical=False)


def _row(code: str, rate: str) -> TariffMeasure:
    return TariffMeasure(hs_code=code, duty=AdValorem(rate))


_DAY = dt.date(2026, 9, 1)


def test_the_index_is_left_out_of_equality_hashing_repr_and_data() -> None:
    rows = [_row("3926", "0.065"), _row("392690", "0.04")]
    used, fresh = Tariff(measures=rows), Tariff(measures=rows)
    assert used.match(HsCode("3926909790"), "CN", None, _DAY) is not None
    assert used == fresh
    assert hash(used) == hash(fresh)
    assert repr(used) == repr(fresh)
    assert "by_code" not in repr(used)
    assert set(to_data(used)) == {"measures", "name"}  # type: ignore[arg-type]
    unpickled = pickle.loads(pickle.dumps(used))  # noqa: S301 - our own bytes
    assert unpickled == used
    assert hash(unpickled) == hash(used)


def test_evolving_the_rows_rebuilds_the_index() -> None:
    general = Tariff(measures=[_row("3926", "0.065")])
    specific = attrs.evolve(
        general, measures=[*general.measures, _row("392690", "0.04")]
    )
    code = HsCode("3926909790")
    found = specific.match(code, "CN", None, _DAY)
    assert found is not None
    assert str(found.base.duty) == "4%"
    narrowed = attrs.evolve(specific, measures=specific.measures[:1])
    found = narrowed.match(code, "CN", None, _DAY)
    assert found is not None
    assert str(found.base.duty) == "6.5%"


def test_a_code_shorter_than_a_row_is_not_covered_by_it() -> None:
    tariff = Tariff(measures=[_row("39269097", "0.065")])
    assert tariff.match(HsCode("392690"), "CN", None, _DAY) is None


def test_rows_of_the_same_code_keep_their_tariff_order() -> None:
    anti_dumping = TariffMeasure(
        hs_code="392690",
        duty=AdValorem("0.3"),
        kind=MeasureKind.ANTI_DUMPING,
        origins=["CN"],
    )
    safeguard = TariffMeasure(
        hs_code="39", duty=AdValorem("0.1"), kind=MeasureKind.SAFEGUARD
    )
    retaliatory = TariffMeasure(
        hs_code="392690",
        duty=AdValorem("0.25"),
        kind=MeasureKind.RETALIATORY,
        validity=Validity(valid_from="2026-01-01", valid_to=None, source="s"),
    )
    tariff = Tariff(
        measures=[anti_dumping, _row("3926", "0.065"), safeguard, retaliatory]
    )
    found = tariff.match(HsCode("39269097"), "CN", None, _DAY)
    assert found is not None
    assert found.additional == (anti_dumping, safeguard, retaliatory)


def test_two_base_rows_on_one_code_are_still_ambiguous() -> None:
    tariff = Tariff(measures=[_row("392690", "0.065"), _row("392690", "0.04")])
    with pytest.raises(InvalidInputError) as caught:
        tariff.match(HsCode("39269097"), "CN", None, _DAY)
    assert caught.value.field == "tariff.measures"
    assert caught.value.value == [
        "third-country duty 3926.90",
        "third-country duty 3926.90",
    ]
