"""Extensions of the GDPR's month (issue 23.8): the tracker keeps the day the organisation gave notice, and a notice given
after the first month extends nothing (GDPR art. 12(3): the controller informs the person of the extension "within one
month of receipt of the request"). Facts: docs/legal.md, "GDPR" and "Extensions"."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sar.cli import main
from sar.requests import Tracker

EXAMPLE = str(Path(__file__).resolve().parent.parent / "examples" / "answers.toml")


def flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.fixture
def tracked(tmp_path, capsys):
    """Doctolib's access letter, sent 1 September 2026, received 4 September: the month ends on 5 October (the 4th is a
    Sunday), an extension on 4 December."""
    db = tmp_path / "tracker.json"
    assert main(["letters", "--answers", EXAMPLE, "--out", str(tmp_path / "letters"), "--format", "txt",
                 "--only", "doctolib", "--track", "--db", str(db), "--date", "2026-09-01", "--lang", "en"]) == 0
    assert main(["track", "update", "1", "--sent", "2026-09-01", "--db", str(db)]) == 0
    assert main(["track", "update", "1", "--received", "2026-09-04", "--db", str(db)]) == 0
    capsys.readouterr()
    return db


def row(db, capsys) -> dict:
    capsys.readouterr()
    assert main(["track", "list", "--json", "--db", str(db)]) == 0
    [found] = json.loads(capsys.readouterr().out)
    return found


def test_the_extension_keeps_the_day_the_notice_was_given(tracked, capsys):
    assert main(["track", "update", "1", "--extended", "2026-09-20", "--db", str(tracked)]) == 0
    request = Tracker(tracked).get(1)
    assert (request.extended_on, request.status, request.due) == (date(2026, 9, 20), "extended", date(2026, 12, 4))
    assert [(event.on, event.what) for event in request.events][-1] == (date(2026, 9, 20), "extended")


def test_the_old_form_without_a_date_is_refused_with_what_to_give(tracked, capsys):
    """Dates are those that happened: sar never takes today for the day of a notice (sar.requests.lifecycle)."""
    before = tracked.read_bytes()
    with pytest.raises(SystemExit) as stopped:
        main(["track", "update", "1", "--extended", "--db", str(tracked)])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "--extended DATE" in err and "the day" in err and "Traceback" not in err
    assert tracked.read_bytes() == before


def test_a_notice_before_the_request_was_sent_or_in_the_future_is_refused(tracked, capsys):
    assert main(["track", "update", "1", "--extended", "2026-08-30", "--db", str(tracked)]) == 2
    assert "before" in capsys.readouterr().err
    assert main(["track", "update", "1", "--extended", "2099-01-01", "--db", str(tracked)]) == 2
    assert "in the future" in capsys.readouterr().err


def test_a_notice_after_the_first_month_extends_nothing_and_sar_says_so(tracked, tmp_path, capsys):
    """Notice on 20 October, after the month ended on 5 October: the deadline stays 5 October (art. 12(3)); the reminder
    and the complaint are not held back, and the complaint says why the extension does not count."""
    assert main(["track", "update", "1", "--extended", "2026-10-20", "--db", str(tracked)]) == 0
    out = flat(capsys.readouterr().out)
    assert "does not extend" in out and "12(3)" in out and "5 October 2026" in out
    found = row(tracked, capsys)
    assert (found["due"], found["extended_due"], found["extended"], found["status"]) == (
        "2026-10-05", None, False, "received")
    assert Tracker(tracked).get(1).extended_on == date(2026, 10, 20)  # the notice stays in the history
    followups = tmp_path / "followups"
    for kind in ("reminder", "complaint"):
        assert main(["followup", "1", "--kind", kind, "--out", str(followups), "--format", "txt", "--db",
                     str(tracked), "--date", "2026-10-21"]) == 0
    # sent in French to the CNIL (issue 23.10); the English text is the person's copy
    assert (followups / "camille-martin" / "doctolib.fr.complaint.txt").is_file()
    complaint = flat((followups / "camille-martin" / "doctolib.en.complaint.copy.txt").read_text(encoding="utf-8"))
    assert "ended on 5 October 2026" in complaint
    assert "20 October 2026" in complaint and "after the first month" in complaint and "Article 12(3)" in complaint
    assert "extended period" not in complaint


def test_a_timely_notice_holds_the_reminder_back(tracked, tmp_path, capsys):
    assert main(["track", "update", "1", "--extended", "2026-10-02", "--db", str(tracked)]) == 0
    assert "does not extend" not in capsys.readouterr().out
    assert main(["followup", "1", "--kind", "reminder", "--out", str(tmp_path / "f"), "--format", "txt", "--db",
                 str(tracked), "--date", "2026-10-21"]) == 2
    assert "4 December 2026" in capsys.readouterr().err


def test_a_tracker_written_before_keeps_loading(tracked, capsys):
    """A file written by an earlier sar: no `deletion_due`, no `cada_referred`, and an extension recorded on the day it
    was typed. It loads, lists and updates as before (the new fields are optional)."""
    data = json.loads(tracked.read_text(encoding="utf-8"))
    [document] = data["requests"].values()
    for key in ("deletion_due", "cada_referred"):
        document.pop(key, None)
    document.update(status="extended", extended_on="2026-09-30", extended_due="2026-12-04")
    document["events"].append({"date": "2026-09-30", "what": "extended", "note": ""})
    tracked.write_text(json.dumps(data), encoding="utf-8")
    found = row(tracked, capsys)
    assert (found["status"], found["due"], found["extended"]) == ("extended", "2026-12-04", True)
    assert main(["track", "update", "1", "--note", "called them", "--db", str(tracked)]) == 0
    assert main(["track", "update", "1", "--answered", "2026-11-20", "--db", str(tracked)]) == 0
    assert row(tracked, capsys)["status"] == "answered"


def test_in_french_a_late_notice_is_told_without_giving_the_organisation_a_gender(tracked, capsys, monkeypatch):
    """« Doctolib vous a annoncé … qu'il prolonge » took every organisation for a man (a pharmacy, a caisse)."""
    monkeypatch.setenv("SAR_LANG", "fr")
    assert main(["track", "update", "1", "--extended", "2026-10-20", "--db", str(tracked)]) == 0
    out = flat(capsys.readouterr().out)
    assert ("La prolongation annoncée le 20 octobre 2026 par Doctolib SAS l'a été après le premier mois, qui a pris fin le "
            "5 octobre 2026 : une annonce aussi tardive ne prolonge pas le délai") in out
    assert "qu'il prolonge" not in out
