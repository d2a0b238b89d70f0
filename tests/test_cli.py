from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

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
    assert "23,08 %" in out  # target ACOS, German percent


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


def test_german_fx_rates_and_comparisons_are_written_the_german_way(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--locale", "de_DE"]) == 0
    out = capsys.readouterr().out
    assert "1 USD = 0,8650 EUR" in out  # the rate's own four decimals, comma
    assert "1 USD = 153,20 JPY" in out
    # the dominated options: amounts, days and reliabilities as in the table
    assert (
        "Postal small packet is beaten by FBA, sea first mile: cheaper: expected"
        " 4,30 $ vs 4,72 $; faster: P90 4 vs 24 days;"
        " more reliable: 99,6 % vs 31,3 %"
    ) in out
    assert "ROAS 3,26" in out
    assert "0.8650" not in out
    assert "USD vs" not in out


def test_english_comparisons_read_like_the_table(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "expected $4.30 vs $4.89; as fast: P90 4 vs 4 days;" in out
    assert "as reliable: 99.6% vs 99.6%" in out


def test_the_console_command_is_declared() -> None:
    (command,) = entry_points(group="console_scripts", name="xborder")
    assert command.value == "xborder.cli:main"
    assert command.load() is main


def test_the_console_command_runs() -> None:
    # pip writes the script next to the interpreter of the environment
    script = Path(sys.executable).with_name("xborder")
    result = subprocess.run(  # noqa: S603 - the installed script, fixed arguments
        [str(script), "--case", "b", "--locale", "en_GB"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "amounts formatted for en_GB" in result.stdout


def test_errors_name_the_command_that_was_run(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--locale", "xx_YY"]) == 2
    assert capsys.readouterr().err.startswith("xborder: ")
    result = subprocess.run(
        [sys.executable, "-m", "xborder", "--locale", "xx_YY"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("python -m xborder: ")
