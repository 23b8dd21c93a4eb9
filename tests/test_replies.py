"""An answer checked item by item (sar.replies), the letter asking for exactly what it lacked, and the complaint a lawyer
would file after it (issues 13.1, 13.2, 17.6): as a person calls the CLI, and the letters by their content."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from sar.cli import main
from sar.errors import InputError
from sar.letter_templates import environment
from sar.letters import FollowUp, render_letter
from sar.replies import ITEM_IDS, check_missing, items_for
from sar.requests import NewRequest, Tracker
from sar.requests.model import TrackedRequest

from letter_fixtures import finding, journey

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "answers.toml"


def flat(text: str) -> str:
    return " ".join(text.split())


# --- the table -------------------------------------------------------------------------------------------------------

def test_a_medical_record_answer_holds_the_documents_and_others_do_not():
    assert [item.id for item in items_for("access-medical-record")] == list(ITEM_IDS)
    assert "medical-record" not in [item.id for item in items_for("access-insurer")]
    assert items_for("erasure") == ()


@pytest.mark.parametrize("kind, missing, message", [
    ("access", ["recipients", "sauce"], "unknown item 'sauce': choose among copy, purposes"),
    ("access-insurer", ["medical-record"], "medical-record does not apply to request 7 (access-insurer)"),
    ("erasure", ["copy"], "request 7 is not an access request (erasure request)"),
])
def test_wrong_items_are_refused_with_the_valid_ones(kind, missing, message):
    with pytest.raises(InputError, match=re.escape(message)):
        check_missing(kind, missing, request_id=7)


def test_missing_items_are_kept_in_the_table_order_once():
    assert check_missing("access", ["retention", "copy", "retention"]) == ("copy", "retention")


# --- the tracker, from the CLI ---------------------------------------------------------------------------------------

@pytest.fixture
def tracked(tmp_path, capsys):
    """Doctolib's access letter (access-vendor), sent 1 October 2026, received 5 October (due 5 November)."""
    db = tmp_path / "tracker.json"
    assert main(["letters", "--answers", str(EXAMPLE), "--out", str(tmp_path / "letters"), "--format", "txt",
                 "--only", "doctolib", "--track", "--db", str(db), "--date", "2026-10-01"]) == 0
    (request,) = Tracker(db).list_requests()
    assert main(["track", "update", str(request.id), "--sent", "2026-10-01", "--db", str(db)]) == 0
    assert main(["track", "update", str(request.id), "--received", "2026-10-05", "--note", "AR 1A 234", "--db",
                 str(db)]) == 0
    capsys.readouterr()
    return db, request.id


def update(db, request_id, *args) -> int:
    return main(["track", "update", str(request_id), *args, "--db", str(db)])


def test_an_answer_with_missing_items_is_partial_with_its_date_and_list(tracked, capsys):
    db, rid = tracked
    assert update(db, rid, "--answered", "20/10/2026", "--missing", "retention, recipients") == 0
    out = capsys.readouterr().out
    assert "sar followup 1 --kind incomplete" in out
    request = Tracker(db).get(rid)
    assert (request.status, request.answered, request.missing) == ("partial", date(2026, 10, 20),
                                                                   ("recipients", "retention"))
    stored = json.loads(db.read_text(encoding="utf-8"))["requests"][str(rid)]["events"][-1]
    assert stored == {"date": "2026-10-20", "what": "partial", "note": "", "missing": ["recipients", "retention"]}
    assert main(["track", "list", "--json", "--db", str(db)]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["missing"] == ["recipients", "retention"] and row["status"] == "partial"
    assert main(["track", "list", "--db", str(db)]) == 0
    assert "missing: the recipients of your data, how long your data are kept" in capsys.readouterr().out


@pytest.mark.parametrize("args, message", [
    (["--answered", "2026-10-20", "--missing", "recipients,sauce"], "unknown item 'sauce': choose among copy"),
    (["--missing", "copy"], "--missing goes with --answered DATE"),
    (["--answered", "2026-10-20", "--missing", ","], "--missing names at least one item"),
    (["--answered", "2026-10-20", "--missing", "copy", "--status", "refused"], "an answer with missing items is partial"),
    (["--answered", "2026-10-20", "--missing", "medical-record"], "medical-record does not apply to request 1"),
])
def test_bad_missing_items_change_nothing(tracked, capsys, args, message):
    db, rid = tracked
    before = db.read_bytes()
    try:
        code = update(db, rid, *args)
    except SystemExit as exit:  # a usage error, from argparse
        code = exit.code
    assert code == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert db.read_bytes() == before


def test_a_later_answer_completes_the_reply_and_keeps_the_earlier_one(tracked, capsys):
    db, rid = tracked
    assert update(db, rid, "--answered", "2026-10-20", "--missing", "recipients,retention") == 0
    assert update(db, rid, "--answered", "2026-10-28", "--missing", "retention") == 0
    assert Tracker(db).get(rid).missing == ("retention",)
    assert update(db, rid, "--answered", "2026-10-25") == 2  # a later answer dated before the last one: a typo
    assert "already has an answer dated 28 October 2026" in capsys.readouterr().err
    assert update(db, rid, "--answered", "2026-11-02") == 0
    request = Tracker(db).get(rid)
    assert (request.status, request.answered, request.missing) == ("answered", date(2026, 11, 2), ())
    answers = [(e.what, e.on, e.missing) for e in request.events if e.what in ("partial", "answered")]
    assert answers == [("partial", date(2026, 10, 20), ("recipients", "retention")),
                       ("partial", date(2026, 10, 28), ("retention",)),
                       ("answered", date(2026, 11, 2), None)]


def test_setting_the_status_partial_again_keeps_the_date_and_the_list(tracked):
    db, rid = tracked
    assert update(db, rid, "--answered", "2026-10-20", "--missing", "source") == 0
    assert update(db, rid, "--status", "partial", "--note", "relu") == 0
    request = Tracker(db).get(rid)
    assert (request.answered, request.missing) == (date(2026, 10, 20), ("source",))


def test_an_other_right_is_answered_without_a_checklist(tmp_path, capsys):
    db = tmp_path / "tracker.json"
    tracker = Tracker(db)
    person = journey().person
    (request,) = tracker.record_requests([NewRequest(person, "withings", "Withings", kind="erasure")],
                                         today=date(2026, 10, 1))
    tracker.mark_sent(request.id, date(2026, 10, 1))
    assert update(db, request.id, "--answered", "2026-10-20", "--missing", "copy") == 2
    assert "is not an access request (erasure request)" in capsys.readouterr().err
    assert update(db, request.id, "--answered", "2026-10-20", "--status", "partial") == 0
    capsys.readouterr()
    assert main(["followup", str(request.id), "--kind", "incomplete", "--out", str(tmp_path / "o"), "--db", str(db),
                 "--date", "2026-10-22"]) == 2
    assert "is not an access request (erasure request)" in capsys.readouterr().err


def test_a_tracker_written_before_the_checklist_still_reads():
    stored = {"person": "p", "actor": "doctolib", "kind": "access", "lang": "fr", "status": "answered",
              "created": "2026-01-01", "answered": "2026-02-01",
              "events": [{"date": "2026-02-01", "what": "answered", "note": ""}]}
    request = TrackedRequest.from_document(3, stored)
    assert request.missing == () and request.events[0].missing is None and request.laws == ()
    assert request.as_row(date(2026, 3, 1))["missing"] == []


# --- the letter asking for the missing items -------------------------------------------------------------------------

ARTICLE_15_POINTS = {"purposes": "point a)", "categories": "point b)", "recipients": "point c)", "retention": "point d)",
                     "rights": "point e)", "complaint": "point f)", "source": "point g)", "automated": "point h)"}


def test_the_incomplete_letter_lists_exactly_what_is_missing(tracked, tmp_path, capsys):
    db, rid = tracked
    assert update(db, rid, "--answered", "2026-10-20", "--missing", "recipients,retention") == 0
    out = tmp_path / "followups"
    assert main(["followup", str(rid), "--kind", "incomplete", "--out", str(out), "--db", str(db),
                 "--date", "2026-10-22"]) == 0
    printed = capsys.readouterr().out
    assert f"sar track update {rid} --completion-asked DATE" in printed
    folder = out / "camille-martin"
    assert {p.name for p in folder.iterdir() if not p.name.startswith(".")} == {f"doctolib.fr.incomplete.{ext}" for ext in ("pdf", "txt", "eml")}
    letter = flat((folder / "doctolib.fr.incomplete.txt").read_text(encoding="utf-8"))
    assert "Réponse incomplète à ma demande d'accès à mes données personnelles (article 15 du RGPD)" in letter
    assert "20 octobre 2026" in letter and "5 novembre 2026" in letter  # the answer; the deadline still running
    for item_id, point in ARTICLE_15_POINTS.items():
        assert (point in letter) == (item_id in ("recipients", "retention")), item_id
    # the copy (art. 15(3)) was not missing: the letter does not ask for it, and cites 15(3) only for the free copy
    assert "la copie de mes données personnelles faisant l'objet du traitement" not in letter
    assert letter.count("article 15, paragraphe 3") == 1 and "C-307/22" in letter
    assert "paragraphe 2" not in letter and "L.1111-7" not in letter
    assert "a expiré" not in letter  # 22 October: the month has not ended yet
    eml = (folder / "doctolib.fr.incomplete.eml").read_text(encoding="utf-8")
    assert "contact.dataprivacy@doctolib.com" in eml  # the organisation answered: the letter goes back to it
    assert Tracker(db).get(rid).status == "partial"  # written is not sent
    assert update(db, rid, "--completion-asked", "2026-10-23") == 0
    request = Tracker(db).get(rid)
    assert (request.status, request.events[-1].what, request.events[-1].on) == ("partial", "completion_asked",
                                                                                 date(2026, 10, 23))


def test_the_incomplete_letter_in_english(tmp_path, capsys):
    db = tmp_path / "tracker.json"
    assert main(["letters", "--answers", str(EXAMPLE), "--out", str(tmp_path / "letters"), "--format", "txt",
                 "--only", "doctolib", "--lang", "en", "--track", "--db", str(db)]) == 0
    assert update(db, 1, "--sent", "2026-10-01") == 0
    assert update(db, 1, "--answered", "2026-11-20", "--missing", "copy,transfers") == 0
    out = tmp_path / "followups"
    assert main(["followup", "1", "--kind", "incomplete", "--out", str(out), "--format", "txt", "--db", str(db),
                 "--date", "2026-11-23"]) == 0
    letter = flat((out / "camille-martin" / "doctolib.en.incomplete.txt").read_text(encoding="utf-8"))
    assert "a copy of my personal data undergoing processing (Article 15(3) GDPR)" in letter
    assert "the appropriate safeguards for the transfer (Article 15(2) and Article 46 GDPR)" in letter
    assert "Article 15(1)" not in letter
    # The receipt is only estimated: the letter states no deadline date, only that it is past asking.
    assert "without further delay" in letter and "ended on" not in letter and "6 November" not in letter
    assert "de " not in letter.split("Subject:")[1][:80]  # an English letter, subject included


@pytest.mark.parametrize("setup, message", [
    ([], "the letter asking for the missing items follows a partial answer"),
    (["--answered", "2026-10-20", "--status", "partial"], "has no list of what it lacks"),
    (["--answered", "2026-10-20"], "follows a partial answer"),
])
def test_the_incomplete_letter_needs_a_partial_answer_with_its_list(tracked, tmp_path, capsys, setup, message):
    db, rid = tracked
    if setup:
        assert update(db, rid, *setup) == 0
    out = tmp_path / "followups"
    assert main(["followup", str(rid), "--kind", "incomplete", "--out", str(out), "--db", str(db)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


# --- the complaint after a partial answer ----------------------------------------------------------------------------

def test_the_complaint_after_a_partial_answer(tracked, tmp_path, capsys):
    db, rid = tracked
    assert update(db, rid, "--answered", "2026-10-20", "--missing", "recipients") == 0
    assert update(db, rid, "--completion-asked", "2026-10-22") == 0
    assert main(["track", "update", str(rid), "--note", "appelé le standard", "--db", str(db)]) == 0
    capsys.readouterr()
    out = tmp_path / "followups"
    # Before the deadline (5 November): the answer came and is incomplete, nothing to wait for.
    assert main(["followup", str(rid), "--kind", "complaint", "--out", str(out), "--db", str(db),
                 "--date", "2026-10-30"]) == 0
    printed = flat(capsys.readouterr().out)
    assert "« Adresser une plainte » on cnil.fr" in printed or "« Adresser une plainte » sur cnil.fr" in printed
    assert "réponse de l'organisme du 20 octobre 2026" in printed  # what to attach, as the letter lists it
    folder = out / "camille-martin"
    assert not (folder / "doctolib.fr.complaint.eml").exists()  # the CNIL takes no complaint by e-mail
    letter = flat((folder / "doctolib.fr.complaint.txt").read_text(encoding="utf-8"))
    assert "Doctolib SAS (Doctolib – DPO, 54 quai Charles Pasqua, 92300 Levallois-Perret)" in letter
    assert "court jusqu'au 5 novembre 2026" in letter and "a expiré" not in letter
    assert "point c), du RGPD" in letter and "point d)" not in letter
    history = letter.split("Historique de ma demande :")[1].split("Je vous demande")[0]
    # The request's own steps, in date order: not "recorded" (1 October, by sar) nor the notes written since.
    assert [line.split(" : ")[0] for line in history.split("– ")[1:]] == [
        "1er octobre 2026", "5 octobre 2026", "20 octobre 2026", "22 octobre 2026"]
    assert "éléments manquants : les destinataires" in history and "éléments manquants demandés" in history
    assert "appelé le standard" not in letter and "AR 1A 234" not in letter and "rédigée" not in letter
    assert "copie de ma demande de compléments du 22 octobre 2026" in letter
    note = Tracker(db).get(rid).events[-1].note
    assert "Adresser une plainte" in note  # the request's history says where the complaint goes
    assert main(["followup", str(rid), "--kind", "complaint", "--out", str(out), "--db", str(db), "--date",
                 "2026-10-30", "--format", "txt", "--with-notes"]) == 0
    letter = flat((folder / "doctolib.fr.complaint.txt").read_text(encoding="utf-8"))
    assert "note : appelé le standard" in letter and "reçue (AR 1A 234)" in letter
    assert "rédigée" not in letter  # sar's own notes ("plainte à la CNIL rédigée...") are not the person's


def test_a_complaint_asked_only_as_an_e_mail_draft_is_refused(tracked, tmp_path, capsys):
    db, rid = tracked
    assert main(["followup", str(rid), "--kind", "complaint", "--out", str(tmp_path / "o"), "--format", "eml",
                 "--db", str(db), "--date", "2026-11-23"]) == 2
    assert "no e-mail draft" in capsys.readouterr().err


def test_the_complaint_in_english_names_the_address_and_what_is_missing(tmp_path, capsys):
    db = tmp_path / "tracker.json"
    assert main(["letters", "--answers", str(EXAMPLE), "--out", str(tmp_path / "letters"), "--format", "txt",
                 "--only", "doctolib", "--lang", "en", "--track", "--db", str(db)]) == 0
    assert update(db, 1, "--sent", "2026-10-01") == 0
    assert update(db, 1, "--answered", "2026-11-20", "--missing", "retention") == 0
    out = tmp_path / "followups"
    assert main(["followup", "1", "--kind", "complaint", "--out", str(out), "--format", "txt", "--db", str(db),
                 "--date", "2026-11-23"]) == 0
    # A complaint to the CNIL is written in French (issue 23.10); the English text is the person's own copy.
    sent = flat((out / "camille-martin" / "doctolib.fr.complaint.txt").read_text(encoding="utf-8"))
    assert "Plainte (article 77 du RGPD) à l'encontre de Doctolib SAS" in sent and "54 quai Charles Pasqua" in sent
    letter = flat((out / "camille-martin" / "doctolib.en.complaint.copy.txt").read_text(encoding="utf-8"))
    assert letter.startswith("Your own copy, not to send: the letter to send is the French one, "
                             "doctolib.fr.complaint.txt")
    assert "Complaint (Article 77 GDPR) against Doctolib SAS: incomplete reply to my request for access" in letter
    assert "54 quai Charles Pasqua" in letter and "(Article 15(1)(d) GDPR)" in letter
    assert "(missing: the retention period)" in letter


# --- a public hospital's medical record: the CADA --------------------------------------------------------------------

@pytest.mark.parametrize("hospital, cada", [("public", True), ("private", False)])
def test_the_cada_is_named_for_a_public_hospitals_record_only(tmp_path, capsys, hospital, cada):
    answers = EXAMPLE.read_text(encoding="utf-8").replace('hospital = "none"', f'hospital = "{hospital}"').replace(
        'hospital_name = ""', 'hospital_name = "Hôpital Édouard-Herriot"')
    (tmp_path / "answers.toml").write_text(answers, encoding="utf-8")
    db = tmp_path / "tracker.json"
    assert main(["letters", "--answers", str(tmp_path / "answers.toml"), "--out", str(tmp_path / "letters"),
                 "--format", "txt", "--only", "your-hospital", "--track", "--db", str(db)]) == 0
    (request,) = Tracker(db).list_requests()
    assert request.kind == "access-medical-record" and request.public_body_record == cada
    assert update(db, request.id, "--sent", "2026-10-01") == 0
    capsys.readouterr()
    assert update(db, request.id, "--answered", "2026-10-20", "--missing", "medical-record") == 0
    assert ("CADA" in capsys.readouterr().out) == cada
    assert main(["followup", str(request.id), "--kind", "complaint", "--out", str(tmp_path / "o"), "--format", "txt",
                 "--db", str(db), "--date", "2026-10-22"]) == 0
    printed = flat(capsys.readouterr().out)
    assert ("CADA" in printed and "R.343-1" in printed and "L.342-1" in printed) == cada


# --- every right is named by one macro -------------------------------------------------------------------------------

NAMES = {
    "fr": {"access": "ma demande d'accès à mes données personnelles (article 15 du RGPD)",
           "access-medical-record": "article L.1111-7 du code de la santé publique",
           "rectification": "(article 16 du RGPD)", "erasure": "ma demande d'effacement",
           "restriction": "limitation du traitement", "portability": "portabilité", "objection": "mon opposition",
           "withdrawal": "retrait de mon consentement (article 7, paragraphe 3, du RGPD)"},
    "en": {"access": "my request for access to my personal data (Article 15 GDPR)",
           "access-medical-record": "Article L.1111-7 of the French Public Health Code",
           "rectification": "(Article 16 GDPR)", "erasure": "erasure", "restriction": "restriction of the processing",
           "portability": "data portability (Article 20 GDPR)", "objection": "my objection",
           "withdrawal": "my withdrawal of consent (Article 7(3) GDPR)"},
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_request_name_covers_every_right(lang):
    macros = environment().get_template(f"{lang}/_requests.j2").module
    for kind, expected in NAMES[lang].items():
        assert expected in str(macros.request_name(kind)), kind


@pytest.mark.parametrize("lang, article, not_there", [("fr", "article 17 du RGPD", "article 15"),
                                                      ("en", "Article 17 GDPR", "Article 15")])
def test_a_reminder_about_an_erasure_names_the_erasure(lang, article, not_there):
    followup = FollowUp(sent_on=date(2026, 9, 1), received_on=date(2026, 9, 4), due=date(2026, 10, 5),
                        request_kind="erasure")
    letter = render_letter("reminder", journey(lang), finding("access-vendor"), lang=lang, on=date(2026, 11, 22),
                           followup=followup)
    text = flat(" ".join((letter.subject, *letter.body)))
    assert article in text and not_there not in text


def test_a_complaint_after_a_refusal_says_it_was_refused(tracked, tmp_path, capsys):
    db, rid = tracked
    assert update(db, rid, "--answered", "2026-10-20", "--status", "refused") == 0
    out = tmp_path / "followups"
    assert main(["followup", str(rid), "--kind", "complaint", "--out", str(out), "--format", "txt", "--db", str(db),
                 "--date", "2026-11-23"]) == 0
    letter = flat((out / "camille-martin" / "doctolib.fr.complaint.txt").read_text(encoding="utf-8"))
    assert "refus opposé à ma demande d'accès" in letter and "Son refus, du 20 octobre 2026, est joint" in letter
    assert "a expiré le 5 novembre 2026" in letter
