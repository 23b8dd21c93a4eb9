"""`sar followup`: the reminder and the CNIL complaint for a tracked request, from the request's own history."""

from __future__ import annotations

import email
import email.policy
import stat
from pathlib import Path

import pytest

from sar.cli import main
from sar.requests import Tracker

EXAMPLE = str(Path(__file__).resolve().parent.parent / "examples" / "answers.toml")


@pytest.fixture
def tracked(tmp_path, capsys):
    """Doctolib's letter, tracked and sent on 1 September 2026, received on 4 September (acknowledgement)."""
    db = tmp_path / "tracker.json"
    assert main(["letters", "--answers", EXAMPLE, "--out", str(tmp_path / "letters"), "--format", "txt",
                 "--only", "doctolib", "--track", "--db", str(db), "--date", "2026-09-01"]) == 0
    (request,) = Tracker(db).list_requests()
    assert main(["track", "update", str(request.id), "--sent", "2026-09-01", "--db", str(db)]) == 0
    assert main(["track", "update", str(request.id), "--received", "2026-09-04", "--db", str(db)]) == 0
    capsys.readouterr()
    return db, request.id


def test_reminder_after_the_deadline(tracked, tmp_path, capsys):
    db, request_id = tracked
    out = tmp_path / "followups"
    assert main(["followup", str(request_id), "--kind", "reminder", "--out", str(out), "--format", "txt,pdf",
                 "--db", str(db), "--date", "2026-11-23"]) == 0
    printed = capsys.readouterr().out
    assert f"sar track update {request_id} --status reminded" in printed
    letter = " ".join((out / "camille-martin" / "doctolib.fr.reminder.txt").read_text(encoding="utf-8").split())
    assert "Doctolib" in letter
    assert "4 septembre 2026" in letter  # the date of receipt, from the acknowledgement
    assert "5 octobre 2026" in letter  # the deadline that passed (4 October 2026 is a Sunday)
    assert "article 12" in letter
    assert stat.S_IMODE((out / "camille-martin" / "doctolib.fr.reminder.pdf").stat().st_mode) == 0o600
    request = Tracker(db).get(request_id)
    assert request.status == "received"  # written is not sent: the person records the sending themselves
    assert (request.events[-1].what, request.events[-1].note) == ("note", "lettre de relance rédigée")  # French request


def test_complaint_goes_to_the_cnil_with_the_history(tracked, tmp_path, capsys):
    db, request_id = tracked
    out = tmp_path / "followups"
    assert main(["followup", str(request_id), "--kind", "complaint", "--out", str(out), "--format", "txt",
                 "--db", str(db), "--date", "2026-11-23"]) == 0
    letter = " ".join((out / "camille-martin" / "doctolib.fr.complaint.txt").read_text(encoding="utf-8").split())
    assert "CNIL" in letter and "75334 PARIS CEDEX 07" in letter
    assert "article 77" in letter
    assert "1er septembre 2026" in letter  # sent on
    assert "Doctolib" in letter


def test_a_follow_up_before_the_deadline_is_refused(tracked, tmp_path, capsys):
    db, request_id = tracked
    assert main(["followup", str(request_id), "--kind", "reminder", "--out", str(tmp_path / "f"), "--db", str(db),
                 "--date", "2026-09-20"]) == 2
    assert capsys.readouterr().err.strip()
    assert not (tmp_path / "f" / "camille-martin").exists()


def test_a_request_never_sent_cannot_be_followed_up(tmp_path, capsys):
    db = tmp_path / "tracker.json"
    assert main(["letters", "--answers", EXAMPLE, "--out", str(tmp_path / "letters"), "--format", "txt",
                 "--only", "doctolib", "--track", "--db", str(db)]) == 0
    (request,) = Tracker(db).list_requests()
    capsys.readouterr()
    assert main(["followup", str(request.id), "--kind", "reminder", "--out", str(tmp_path / "f"), "--db", str(db)]) == 2
    assert "has not been sent yet" in capsys.readouterr().err


def test_unknown_request_and_missing_tracker(tmp_path, capsys):
    assert main(["followup", "1", "--kind", "reminder", "--out", str(tmp_path), "--db", str(tmp_path / "none.json")]) == 2
    assert "there is no tracker" in capsys.readouterr().err


def test_a_medical_record_reminder_is_allowed_once_the_8_days_of_l1111_7_have_passed(tmp_path, capsys):
    """Issue 17.5: received 4 Sept 2026, the record was due on 14 Sept (8 days, the 12th is a Saturday); the GDPR month
    runs to 5 Oct. On 15 Sept the reminder cites L.1111-7 and does not claim the GDPR month has ended; the complaint
    to the CNIL still waits for that month."""
    db = tmp_path / "tracker.json"
    assert main(["letters", "--answers", EXAMPLE, "--out", str(tmp_path / "letters"), "--format", "txt",
                 "--only", "your-doctor", "--track", "--db", str(db), "--date", "2026-09-01"]) == 0
    (request,) = Tracker(db).list_requests()
    assert request.kind == "access-medical-record"
    for args in (["--sent", "2026-09-01"], ["--received", "2026-09-04"]):
        assert main(["track", "update", str(request.id), *args, "--db", str(db)]) == 0
    out = tmp_path / "followups"
    common = ["--out", str(out), "--format", "txt", "--db", str(db)]
    capsys.readouterr()
    assert main(["followup", str(request.id), "--kind", "reminder", *common, "--date", "2026-09-11"]) == 2
    assert "CSP L.1111-7" in capsys.readouterr().err
    assert main(["followup", str(request.id), "--kind", "reminder", *common, "--date", "2026-09-15"]) == 0
    letter = " ".join((out / "camille-martin" / "dr-jeanne-dupont.fr.reminder.txt").read_text(encoding="utf-8").split())
    assert "L.1111-7" in letter and "a expiré le 14 septembre 2026" in letter
    assert "délai d'un mois prévu par l'article 12, paragraphe 3, du RGPD a expiré" not in letter
    assert main(["followup", str(request.id), "--kind", "complaint", *common, "--date", "2026-09-15"]) == 2
    assert "GDPR art. 12(3)" in capsys.readouterr().err


def test_a_reminder_to_an_establishment_says_who_gets_the_copy_and_where_the_draft_goes(tmp_path, capsys):
    """CSP R.1111-1: the posted reminder goes to the director with the DPO in copy, which the person sends; the e-mail
    draft goes to the one address known and asks to be passed on to the director."""
    answers = tmp_path / "answers.toml"
    answers.write_text(Path(EXAMPLE).read_text(encoding="utf-8").replace('hospital = "none"', 'hospital = "private"')
                       .replace('hospital_name = ""', 'hospital_name = "Clinique du Parc"'), encoding="utf-8")
    db = tmp_path / "tracker.json"
    assert main(["letters", "--answers", str(answers), "--out", str(tmp_path / "letters"), "--format", "txt",
                 "--only", "your-hospital", "--track", "--db", str(db), "--date", "2026-09-01"]) == 0
    (request,) = Tracker(db).list_requests()
    for args in (["--sent", "2026-09-01"], ["--received", "2026-09-04"]):
        assert main(["track", "update", str(request.id), *args, "--db", str(db)]) == 0
    capsys.readouterr()
    out = tmp_path / "followups"
    assert main(["followup", str(request.id), "--kind", "reminder", "--out", str(out), "--format", "txt,eml",
                 "--db", str(db), "--date", "2026-09-15"]) == 0
    printed = " ".join(capsys.readouterr().out.split())
    assert "send a copy of this letter to the establishment's data-protection officer too" in printed
    assert "it asks that it be passed on to the director (CSP R.1111-1)" in printed
    message = email.message_from_bytes((out / "camille-martin" / "clinique-du-parc.fr.reminder.eml").read_bytes(),
                                       policy=email.policy.default)
    draft = " ".join(message.get_content().split())
    assert "délégué à la protection des données" not in draft
    assert "remercie la personne qui le reçoit de le transmettre" in draft
    posted = " ".join((out / "camille-martin" / "clinique-du-parc.fr.reminder.txt").read_text(encoding="utf-8").split())
    assert "Copie : délégué à la protection des données de l'établissement" in posted
