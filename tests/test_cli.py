from __future__ import annotations

import subprocess
import sys

import pytest

from xborder.cli import main


def test_report_shows_each_market_and_an_exact_allocation(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "a phone holder made in Shenzhen" in out
    assert "1 USD = 0.8650 EUR" in out
    # 2.35 USD at 0.8650 = 2.03275 -> 2,03 € (de_DE); carton 203.275 -> 203,28 €
    assert "2,03 €" in out
    assert "203,28 €" in out
    assert "\uffe5360" in out  # ja_JP: 2.35 * 153.20 = 360.02 -> ￥360
    assert "¥16.73" in out  # zh_CN yuan: 2.35 * 7.12 = 16.732
    assert "holder-black   60 units    22.80 USD" in out
    assert "total                      38.00 USD" in out


def test_python_dash_m_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "xborder"], capture_output=True, text=True, check=True
    )
    assert "phone holder" in result.stdout


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
