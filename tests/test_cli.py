from __future__ import annotations

import subprocess
import sys

import pytest

from xborder.cli import main


def test_case_a_is_the_default_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("xborder worked case A")
    for section in (
        "0. The holder's cost in each market's currency",
        "1. Landed cost of a month's stock",
        "2. Reaching a US buyer",
        "3. Prices for a 20% margin after ads",
        "4. Advertising on Amazon.com",
        "5. Replenishing the US warehouse",
        "6. The store last week",
    ):
        assert section in out


def test_the_five_locales_each_write_their_own_money(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main([])
    out = capsys.readouterr().out
    assert "1 USD = 0.8650 EUR" in out
    # 2.35 USD at 0.8650 = 2.03275 -> 2,03 € (de_DE); carton 203.275 -> 203,28 €
    assert "2,03 €" in out
    assert "203,28 €" in out
    assert "\uffe5360" in out  # ja_JP: 2.35 * 153.20 = 360.02 -> ￥360
    assert "¥16.73" in out  # zh_CN yuan: 2.35 * 7.12 = 16.732


def test_locale_formats_every_amount(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--locale", "de_DE"]) == 0
    out = capsys.readouterr().out
    assert "amounts formatted for de_DE" in out
    assert "1.719,72 $" in out  # the US landed total, German style
    assert "21,45 %" in out  # target ACOS, German percent


def test_bcp47_locale_tags_work(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--locale", "en-GB", "--case", "a"]) == 0
    assert "amounts formatted for en-GB" in capsys.readouterr().out


def test_python_dash_m_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "xborder"], capture_output=True, text=True, check=True
    )
    assert "phone holders" in result.stdout


def test_help_exits_cleanly(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--help"])
    assert caught.value.code == 0
    assert "worked cases" in capsys.readouterr().out


def test_an_unknown_locale_is_a_clear_error_not_a_traceback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--locale", "xx_YY"]) == 2
    assert "locale: expected a CLDR locale" in capsys.readouterr().err


def test_an_unknown_case_is_refused_by_the_parser() -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--case", "z"])
    assert caught.value.code == 2
