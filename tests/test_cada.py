"""A public hospital's medical record and the CADA (issue 23.9): the letter asking for the missing documents and the next
steps name the CADA route; sar writes the referral to the CADA (CRPA L.311-1, L.342-1, R.343-1), in French whatever the
request's language, with the CADA's sourced address and what to enclose; it tracks the time to refer and the CADA's
opinion; and the complaint to the CNIL keeps to the GDPR. Facts: docs/legal.md, "Medical record held by a public
hospital: the CADA"."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sar import directory
from sar.cli import main
from sar.requests import Tracker

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "answers.toml"


def flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def update(db, request_id, *args) -> int:
    return main(["track", "update", str(request_id), *args, "--db", str(db)])


@pytest.fixture
def hospital(tmp_path, capsys):
    """Returns a function: the hospital's record request, tracked, sent 1 Oct. 2026, received 5 Oct. (public or not)."""
    def tracked(kind: str = "public", lang: str = "fr") -> Path:
        answers = EXAMPLE.read_text(encoding="utf-8").replace('hospital = "none"', f'hospital = "{kind}"').replace(
            'hospital_name = ""', 'hospital_name = "Hôpital Édouard-Herriot"')
        (tmp_path / "answers.toml").write_text(answers, encoding="utf-8")
        db = tmp_path / "tracker.json"
        assert main(["letters", "--answers", str(tmp_path / "answers.toml"), "--out", str(tmp_path / "letters"),
                     "--format", "txt", "--only", "your-hospital", "--track", "--db", str(db), "--lang", lang]) == 0
        assert update(db, 1, "--sent", "2026-10-01") == 0
        assert update(db, 1, "--received", "2026-10-05") == 0
        capsys.readouterr()
        return db
    return tracked


def followup(db, kind, out, day, *extra) -> int:
    return main(["followup", "1", "--kind", kind, "--out", str(out), "--format", "txt", "--db", str(db), "--date", day,
                 *extra])


# --- the CADA's address, sourced ----------------------------------------------------------------------------------

def read_followup(out, kind: str, lang: str) -> str:
    """The follow-up as the person reads it: a public hospital is a French public body, so the French letter is the one
    sent and, for an English request, the English text is the person's copy (issue 23.10)."""
    name = f"hopital-edouard-herriot.fr.{kind}.txt" if lang == "fr" else f"hopital-edouard-herriot.en.{kind}.copy.txt"
    return flat((out / "camille-martin" / name).read_text(encoding="utf-8"))


def test_the_cadas_address_comes_from_an_official_register_with_its_date():
    cada = directory.get("cada")
    assert cada.kind == "authority" and cada.letter == "cada"
    assert cada.contact.postal.splitlines()[-2:] == ["TSA 50730", "75334 Paris Cedex 07"]
    assert cada.contact.source.startswith("https://lannuaire.service-public.fr/")
    assert cada.contact.verified and "TSA 50730" in cada.contact.quote


# --- the letter asking for the missing documents, and the next steps ----------------------------------------------

@pytest.mark.parametrize("lang, words", [
    ("fr", ("Commission d'accès aux documents administratifs", "L.311-1", "L.342-1")),
    ("en", ("Commission d'accès aux documents administratifs", "L.311-1", "L.342-1")),
])
def test_the_incomplete_letter_of_a_public_hospital_names_the_cada_route(hospital, tmp_path, lang, words):
    db = hospital(lang=lang)
    assert update(db, 1, "--answered", "2026-10-20", "--missing", "medical-record") == 0
    out = tmp_path / "followups"
    assert followup(db, "incomplete", out, "2026-10-22") == 0
    letter = read_followup(out, "incomplete", lang)
    assert all(word in letter for word in words), letter


def test_a_private_clinics_incomplete_letter_does_not(hospital, tmp_path):
    db = hospital("private")
    assert update(db, 1, "--answered", "2026-10-20", "--missing", "medical-record") == 0
    assert followup(db, "incomplete", tmp_path / "f", "2026-10-22") == 0
    assert "CADA" not in (tmp_path / "f" / "camille-martin" / "hopital-edouard-herriot.fr.incomplete.txt").read_text("utf-8")


def test_track_due_names_the_cada_route_with_the_day_to_refer_by(hospital, capsys, monkeypatch):
    monkeypatch.setenv("SAR_LANG", "en")
    db = hospital()
    assert update(db, 1, "--answered", "2026-10-20", "--status", "refused") == 0
    capsys.readouterr()
    assert main(["track", "due", "--db", str(db)]) == 0
    out = flat(capsys.readouterr().out)
    # Refused on 20 October: two months to refer it, the day of the refusal counted (CRPA R.343-1): by 19 December;
    # 19 December 2026 is a Saturday, so by Monday 21 December.
    assert "sar followup 1 --kind cada" in out and "R.343-1" in out and "21 December 2026" in out


# --- the referral ---------------------------------------------------------------------------------------------------

def test_the_referral_to_the_cada_after_a_refusal(hospital, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SAR_LANG", "en")
    db = hospital()
    assert update(db, 1, "--answered", "2026-10-20", "--status", "refused") == 0
    out = tmp_path / "followups"
    capsys.readouterr()
    assert followup(db, "cada", out, "2026-10-22", "--format", "txt,pdf") == 0
    printed = flat(capsys.readouterr().out)
    letter = flat((out / "camille-martin" / "hopital-edouard-herriot.fr.cada.txt").read_text(encoding="utf-8"))
    assert "Commission d'accès aux documents administratifs" in letter and "TSA 50730" in letter
    assert "75334 PARIS CEDEX 07" in letter and "Lyon, le 22 octobre 2026" in letter
    for article in ("L.311-1", "L.342-1", "R.343-1", "L.1111-7"):
        assert article in letter, article
    assert "1er octobre 2026" in letter and "20 octobre 2026" in letter and "Hôpital Édouard-Herriot" in letter
    enclosures = letter.split("Pièces jointes")[1]
    assert "copie de ma demande du 1er octobre 2026" in enclosures and "décision de refus du 20 octobre 2026" in enclosures
    assert "--cada-referred" in printed and "21 December 2026" in printed
    assert not list((out / "camille-martin").glob("*.eml"))  # no e-mail draft: by post, or the CADA's online form


def test_the_referral_after_a_silence_waits_for_the_tacit_refusal(hospital, tmp_path, capsys, monkeypatch):
    """CRPA R.311-13: a request left unanswered for more than a month is refused: received 5 October, refused from
    5 November; the referral can be written from then, not before."""
    monkeypatch.setenv("SAR_LANG", "en")
    db = hospital()
    out = tmp_path / "followups"
    assert followup(db, "cada", out, "2026-11-04") == 2
    err = capsys.readouterr().err
    assert "R.311-13" in err and "5 November 2026" in err
    assert followup(db, "cada", out, "2026-11-05") == 0
    letter = flat((out / "camille-martin" / "hopital-edouard-herriot.fr.cada.txt").read_text(encoding="utf-8"))
    assert "R.311-13" in letter and "sans réponse" in letter


def test_an_english_request_gets_the_french_referral_to_send_and_the_english_text_to_keep(hospital, tmp_path, capsys,
                                                                                         monkeypatch):
    monkeypatch.setenv("SAR_LANG", "en")
    db = hospital(lang="en")
    assert update(db, 1, "--answered", "2026-10-20", "--missing", "medical-record") == 0
    out = tmp_path / "followups"
    capsys.readouterr()
    assert followup(db, "cada", out, "2026-10-22") == 0
    printed = flat(capsys.readouterr().out)
    french = out / "camille-martin" / "hopital-edouard-herriot.fr.cada.txt"
    english = out / "camille-martin" / "hopital-edouard-herriot.en.cada.copy.txt"  # the person's copy (issue 23.10)
    assert "Madame, Monsieur," in french.read_text(encoding="utf-8")
    assert "Dear Sir or Madam," in english.read_text(encoding="utf-8")
    assert f"send the French letter, {french}" in printed and f"{english} is the same text in English" in printed


@pytest.mark.parametrize("setup, message", [
    ("private", "public"),
    ("answered", "answered with the documents"),
])
def test_no_referral_where_the_cada_has_nothing_to_say(hospital, tmp_path, capsys, monkeypatch, setup, message):
    monkeypatch.setenv("SAR_LANG", "en")
    db = hospital("private" if setup == "private" else "public")
    if setup == "private":
        assert update(db, 1, "--answered", "2026-10-20", "--status", "refused") == 0
    else:
        assert update(db, 1, "--answered", "2026-10-20", "--missing", "retention") == 0
    capsys.readouterr()
    assert followup(db, "cada", tmp_path / "f", "2026-10-22") == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "f" / "camille-martin").exists()


# --- tracking the referral and the CADA's opinion -------------------------------------------------------------------

def test_the_referral_is_recorded_and_the_cadas_opinion_is_tracked(hospital, capsys, monkeypatch):
    monkeypatch.setenv("SAR_LANG", "en")
    db = hospital()
    assert update(db, 1, "--answered", "2026-10-20", "--status", "refused") == 0
    assert update(db, 1, "--cada-referred", "2026-11-02") == 0
    request = Tracker(db).get(1)
    assert (request.status, request.cada_referred) == ("refused", date(2026, 11, 2))
    capsys.readouterr()
    assert main(["track", "list", "--json", "--db", str(db)]) == 0
    [row] = json.loads(capsys.readouterr().out)
    # Posted 2 November: registered about 5 November (three working days); the opinion within a month of it (R.343-3).
    assert (row["cada_referred"], row["cada_opinion_due"]) == ("2026-11-02", "2026-12-07")
    assert main(["track", "due", "--db", str(db)]) == 0
    out = flat(capsys.readouterr().out)
    assert "referred to the CADA on 2 November 2026" in out and "7 December 2026" in out and "R.343-3" in out


def test_a_referral_is_only_recorded_for_a_public_hospitals_record(hospital, capsys, monkeypatch):
    monkeypatch.setenv("SAR_LANG", "en")
    db = hospital("private")
    assert update(db, 1, "--cada-referred", "2026-11-02") == 2
    assert "public" in capsys.readouterr().err


# --- the complaint to the CNIL keeps to the GDPR --------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_cnil_complaint_no_longer_asks_it_to_enforce_l1111_7(hospital, tmp_path, lang):
    db = hospital(lang=lang)
    assert update(db, 1, "--answered", "2026-10-20", "--missing", "medical-record") == 0
    out = tmp_path / "followups"
    assert followup(db, "complaint", out, "2026-11-10") == 0
    letter = read_followup(out, "complaint", lang)  # to the CNIL: in French too
    body = letter.split("Objet" if lang == "fr" else "Subject")[1]
    ask = next(sentence for sentence in body.split(". ")
               if sentence.startswith(("Je vous demande d'intervenir", "I ask you to take action")))
    assert "L.1111-7" not in ask and ("article 15" in ask or "Article 15" in ask)
    subject_and_missing = body.split("Historique" if lang == "fr" else "History")[0]
    assert "(article L.1111-7 du code de la santé publique)" not in subject_and_missing
    assert ("15, paragraphe 3" in subject_and_missing) or ("15(3)" in subject_and_missing)
