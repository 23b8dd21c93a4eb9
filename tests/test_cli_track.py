"""`sar track` as a user calls it: JSON rows, overdue first, updates that recompute deadlines, clear errors, no file on reads."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta

import pytest
from icalendar import Calendar

from sar.cli import main
from sar.journey import Person
from sar.requests import NewRequest, Tracker

CAMILLE = Person("Camille", "Martin", date(1985, 4, 12), "12 rue des Lilas", "69003", "Lyon")
TODAY = date.today()


@pytest.fixture
def db(tmp_path):
    """A tracker with one overdue request, one due within a few days, one draft and one answered."""
    path = tmp_path / "tracker.json"
    tracker = Tracker(path)
    tracker.record_requests(
        [NewRequest(CAMILLE, actor, actor.title()) for actor in ("late", "soon", "draft", "done")], today=TODAY - timedelta(90)
    )
    tracker.mark_received(1, TODAY - timedelta(days=60))
    tracker.mark_received(2, TODAY - timedelta(days=25))  # one month later is at most 9 days away, holidays included
    tracker.mark_received(4, TODAY - timedelta(days=60))
    tracker.mark_answered(4, TODAY - timedelta(days=10))
    return path


def sar_json(capsys, *args: str):
    assert main(list(args)) == 0
    captured = capsys.readouterr()
    return json.loads(captured.out)


def test_list_json_rows_carry_the_contract_fields(db, capsys):
    rows = sar_json(capsys, "track", "list", "--json", "--db", str(db))
    assert [row["id"] for row in rows] == [1, 2, 3, 4]
    for row in rows:
        assert {"id", "person", "actor", "status", "sent", "received", "due", "extended_due", "overdue",
                "received_is_estimate"} <= row.keys()
    assert [row["status"] for row in rows] == ["received", "received", "draft", "answered"]
    assert [row["overdue"] for row in rows] == [True, False, False, False]
    assert rows[0]["person"] == "camille-martin-1985-04-12"
    assert sar_json(capsys, "track", "--db", str(db), "list", "--status", "draft", "--json")[0]["actor"] == "draft"
    assert sar_json(capsys, "track", "list", "--person", "nobody", "--json", "--db", str(db)) == []


def test_due_puts_overdue_first_and_marks_it(db, capsys):
    rows = sar_json(capsys, "track", "due", "--json", "--db", str(db))
    assert [(row["actor"], row["overdue"]) for row in rows] == [("late", True), ("soon", False)]
    assert main(["track", "due", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert out.index("OVERDUE (1)") < out.index("#1  Late") < out.index("Due within 14 days (1)") < out.index("#2  Soon")
    assert "sar followup 1 --kind reminder" in out
    assert sar_json(capsys, "track", "due", "--within", "0", "--json", "--db", str(db))[0]["actor"] == "late"


def test_update_received_recomputes_the_deadline(db, capsys):
    received = TODAY - timedelta(days=3)
    assert main(["track", "update", "1", "--received", received.isoformat(), "--note", "AR 1A 234", "--db", str(db)]) == 0
    assert "Request 1 (Late): received" in capsys.readouterr().out
    row = sar_json(capsys, "track", "list", "--json", "--db", str(db))[0]
    assert (row["received"], row["received_is_estimate"], row["overdue"]) == (received.isoformat(), False, False)
    assert row["due"] > TODAY.isoformat()
    assert Tracker(db).get(1).events[-1].note == "AR 1A 234"


@pytest.mark.parametrize(
    "args, check",
    [
        (["--sent", "2026-03-02"], lambda r: r.sent == date(2026, 3, 2) and r.received_is_estimate),
        (["--extended", (TODAY - timedelta(days=5)).isoformat()],
         lambda r: r.status == "extended" and r.extended_due is not None and r.extended_on == TODAY - timedelta(days=5)),
        (["--answered", TODAY.isoformat()], lambda r: r.status == "answered" and r.answered == TODAY),
        (["--answered", (TODAY - timedelta(days=3)).isoformat(), "--status", "refused"],
         lambda r: r.status == "refused" and r.answered == TODAY - timedelta(days=3)),
        (["--status", "complained"], lambda r: r.status == "complained"),
        (["--note", "called the DPO"], lambda r: r.events[-1].note == "called the DPO"),
    ],
)
def test_update_actions(db, capsys, args, check):
    request_id = "3" if "--sent" in args else "2"
    assert main(["track", "update", request_id, *args, "--db", str(db)]) == 0
    assert check(Tracker(db).get(request_id))


def exit_code(args: list[str]) -> int:
    """The exit code of `sar ARGS`, whether argparse exits or main returns."""
    try:
        return main(args)
    except SystemExit as exit:
        return exit.code


@pytest.mark.parametrize(
    "args, message",
    [
        (["track", "update", "42", "--extended", "2026-01-05"], "there is no request 42"),
        (["track", "update", "abc", "--extended", "2026-01-05"], "'abc' is not a request id"),
        (["track", "update", "1", "--status", "lost"], "unknown status 'lost'"),
        (["track", "list", "--status", "lost"], "unknown status 'lost'"),
        (["track", "update", "1", "--received", "2026-02-30"], "February 2026 has 28 days"),
        (["track", "update", "1"], "say what happened"),
        (["track", "due", "--within", "-3"], "not a number of days"),
        (["track", "update", "3", "--extended", "2026-01-05"], "record --sent or --received first"),
        (["track", "update", "2", "--extended"], "--extended DATE"),  # the day of the notice: never today by default
    ],
)
def test_mistakes_exit_2_with_a_clear_message(db, capsys, args, message):
    before = db.read_bytes()
    assert exit_code([*args, "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert db.read_bytes() == before


def test_reading_a_missing_tracker_says_nothing_is_tracked_and_creates_nothing(tmp_path, capsys):
    db = tmp_path / "not-yet" / "tracker.json"
    assert sar_json(capsys, "track", "list", "--json", "--db", str(db)) == []
    assert sar_json(capsys, "track", "due", "--json", "--db", str(db)) == []
    assert main(["track", "due", "--db", str(db)]) == 0
    assert "Nothing is tracked yet" in capsys.readouterr().out
    assert main(["track", "update", "1", "--note", "x", "--db", str(db)]) == 2
    assert not (tmp_path / "not-yet").exists()


def test_export_ics_and_csv(db, tmp_path, capsys):
    assert main(["track", "export", "--ics", str(tmp_path / "d.ics"), "--db", str(db)]) == 0
    assert ": 2." in capsys.readouterr().out
    calendar = Calendar.from_ical((tmp_path / "d.ics").read_bytes())
    open_requests = [r for r in Tracker(db).list_requests() if r.status == "received"]
    assert sorted(e.decoded("dtstart") for e in calendar.walk("VEVENT")) == sorted(r.due for r in open_requests)
    assert not any("Late" in str(e["summary"]) or "Late" in str(e["description"]) for e in calendar.walk("VEVENT"))
    assert main(["track", "export", "--ics", str(tmp_path / "e.ics"), "--details", "--db", str(db)]) == 0
    detailed = Calendar.from_ical((tmp_path / "e.ics").read_bytes()).walk("VEVENT")
    assert any("Late" in str(e["description"]) for e in detailed) and not any("Late" in str(e["summary"]) for e in detailed)
    assert main(["track", "export", "--csv", str(tmp_path / "r.csv"), "--db", str(db)]) == 0
    assert (tmp_path / "r.csv").read_text().count("\n") == 5


def test_sar_db_environment_variable_and_french_output(db):
    result = subprocess.run(
        [sys.executable, "-m", "sar", "track", "due"], capture_output=True, text=True,
        env={"SAR_DB": str(db), "SAR_LANG": "fr", "PATH": ""},
    )
    assert result.returncode == 0, result.stderr
    assert "EN RETARD (1)" in result.stdout


def test_a_partial_answer_keeps_the_day_it_came_and_status_alone_rewrites_no_date(db, capsys):
    """Issue 17.4: --answered DATE --status partial records the real date; --status partial later changes no date."""
    answered = TODAY - timedelta(days=3)
    assert main(["track", "update", "2", "--answered", answered.isoformat(), "--status", "partial", "--db", str(db)]) == 0
    request = Tracker(db).get(2)
    assert (request.status, request.answered) == ("partial", answered)
    assert main(["track", "update", "2", "--status", "refused", "--db", str(db)]) == 0
    assert Tracker(db).get(2).answered == answered  # never today as a side effect
    assert main(["track", "update", "3", "--status", "partial", "--db", str(db)]) == 2
    assert "--answered DATE --status partial" in capsys.readouterr().err


# -- dates in the tracker's refusals: as people write them, in their language ------------------------------------------------

SENT, ANSWERED = date(2026, 9, 1), date(2026, 9, 20)
CONTRADICTIONS = [  # (what is stored, the update refused, its words in English, in French)
    ("sent", ["--received", "2026-08-28"],
     "the receipt date 28 August 2026 is before the sending date 1 September 2026",
     "1er septembre 2026"),
    ("sent", ["--answered", "2026-08-30"],
     "the answer date 30 August 2026 is before the request was sent (1 September 2026)", "30 août 2026"),
    ("sent", ["--extended", "2026-08-31"],
     "the notice of extension cannot be dated 31 August 2026, before the request was sent (1 September 2026)",
     "31 août 2026"),
    ("received", ["--sent", "2026-09-10"],
     "the sending date 10 September 2026 is after the receipt date 4 September 2026", "10 septembre 2026"),
    ("answered", ["--received", "2026-09-21"],
     "the receipt date 21 September 2026 is after the answer date 20 September 2026", "21 septembre 2026"),
    ("answered", ["--answered", "2026-09-19"],
     "already has an answer dated 20 September 2026: a later answer cannot be dated 19 September 2026",
     "19 septembre 2026"),
    ("partial", ["--completion-asked", "2026-09-18"],
     "the missing items cannot have been asked for on 18 September 2026, before the answer of 20 September 2026",
     "18 septembre 2026"),
]


@pytest.mark.parametrize("stored, update, english, french", CONTRADICTIONS)
def test_a_refused_date_is_told_as_people_write_dates(tmp_path, capsys, monkeypatch, stored, update, english, french):
    path = tmp_path / "tracker.json"
    tracker = Tracker(path)
    (request,) = tracker.record_requests([NewRequest(CAMILLE, "doctolib", "Doctolib", kind="access-vendor")],
                                         today=SENT)
    tracker.mark_sent(request.id, SENT)
    if stored in ("received", "answered", "partial"):
        tracker.mark_received(request.id, date(2026, 9, 4))
    if stored == "answered":
        tracker.mark_answered(request.id, ANSWERED)
    if stored == "partial":
        tracker.mark_answered(request.id, ANSWERED, missing=("retention",))
    before = path.read_bytes()
    for lang, words in (("en", english), ("fr", french)):
        monkeypatch.setenv("SAR_LANG", lang)
        assert main(["track", "update", str(request.id), *update, "--db", str(path)]) == 2
        err = " ".join(capsys.readouterr().err.split())
        assert words in err and "2026-" not in err, err
    assert path.read_bytes() == before


def test_an_answer_before_the_estimated_receipt_is_shown_as_the_latest_day_of_receipt(tmp_path, capsys, monkeypatch):
    """Posted 1 December 2026, receipt estimated 4 December; answered 2 December: never "received 4 December" after an
    answer of 2 December, but received by the day of the answer at the latest."""
    monkeypatch.setenv("SAR_LANG", "en")
    path = tmp_path / "tracker.json"
    tracker = Tracker(path)
    (request,) = tracker.record_requests([NewRequest(CAMILLE, "doctolib", "Doctolib", kind="access-vendor")],
                                         today=date(2026, 12, 1))
    assert main(["track", "update", str(request.id), "--sent", "2026-12-01", "--db", str(path)]) == 0
    assert "received 4 December 2026 (estimated)" in " ".join(capsys.readouterr().out.split())
    assert main(["track", "update", str(request.id), "--answered", "2026-12-02", "--db", str(path)]) == 0
    printed = " ".join(capsys.readouterr().out.split())
    assert "received by 2 December 2026 at the latest (the day of the answer)" in printed
    assert "sar takes the day of the answer, 2 December 2026, by which the request had arrived" in printed
    assert main(["track", "list", "--db", str(path)]) == 0
    listed = " ".join(capsys.readouterr().out.split())
    assert "received by 2 December 2026 at the latest" in listed and "4 December" not in listed
    (row,) = sar_json(capsys, "track", "list", "--json", "--db", str(path))
    assert (row["received"], row["received_is_estimate"], row["answered"]) == ("2026-12-02", True, "2026-12-02")
