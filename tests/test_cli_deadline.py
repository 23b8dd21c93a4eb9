"""`sar deadline` as a user calls it: output, JSON contract, exit codes, and clear errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from sar.cli import main


def run_sar(*args: str, lang: str = "en") -> subprocess.CompletedProcess:
    """Run the real command in a child process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "sar", *args], capture_output=True, text=True, env={"SAR_LANG": lang, "PATH": ""}
    )


def test_json_contract():
    result = run_sar("deadline", "--received", "2027-01-31", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "received": "2027-01-31",
        "region": "metropole",
        "gdpr": {"due": "2027-03-01", "extended_due": "2027-04-30"},
        "csp_l1111_7": {"earliest": "2027-02-02", "due": "2027-02-08", "due_if_older_than_5_years": "2027-03-31"},
    }


def test_human_output_says_weekdays_and_why(capsys):
    assert main(["deadline", "--received", "2027-01-31"]) == 0
    out = capsys.readouterr().out
    assert "answer due by Monday, 1 March 2027" in out
    assert "28 February 2027 is a Sunday." in out
    assert "Friday, 30 April 2027" in out
    assert "not before Tuesday, 2 February 2027" in out


def test_human_output_in_french_writes_1er():
    result = run_sar("deadline", "--received", "2027-01-31", lang="fr")
    assert result.returncode == 0
    assert "réponse due au plus tard le lundi 1er mars 2027" in result.stdout
    assert "le 28 février 2027 est un dimanche." in result.stdout


def test_region_changes_the_holidays(capsys):
    assert main(["deadline", "--received", "2026-03-03", "--region", "alsace-moselle", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["gdpr"]["due"] == "2026-04-07"


@pytest.mark.parametrize(
    "args, message",
    [
        (["--received", "2027-02-30"], "'2027-02-30': February 2027 has 28 days"),
        (["--received", "31/13/2027"], "'31/13/2027': there is no month 13"),
        (["--received", "tomorrow"], "'tomorrow' is not a date I can read"),
        (["--received", "2027-01-31", "--region", "corse"], "unknown region 'corse'"),
        ([], "--received"),
    ],
)
def test_bad_input_is_a_clear_error_with_exit_2(args, message):
    result = run_sar("deadline", *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_every_command_of_the_contract_has_help():
    for command in (["tui"], ["actors"], ["letters"], ["bulk"], ["deadline"], ["track", "list"], ["track", "due"],
                    ["track", "update"], ["track", "export"], ["followup"], ["directory", "list"],
                    ["directory", "lookup"]):
        result = run_sar(*command, "--help")
        assert result.returncode == 0, command
        assert result.stdout.startswith("usage: sar " + " ".join(command)), command


def test_options_without_a_command_go_to_the_chat(monkeypatch):
    """`sar --lang en --db x` is `sar tui --lang en --db x`, as `sar` alone is `sar tui` (CLI contract)."""
    import sar.cli.tui

    seen = []
    monkeypatch.setattr(sar.cli.tui, "run", lambda args: seen.append((args.command, args.lang, args.db)) or 0)
    assert main(["--lang", "en", "--db", "x.json"]) == 0  # main() builds its parser, so it sees the patched run
    assert main([]) == 0
    assert seen == [("tui", "en", "x.json"), ("tui", None, None)]
