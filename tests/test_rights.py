"""The rights other than access: where each applies, the letters a lawyer would read, and `sar letters --right` as a
person calls it (issue 13.3 and 13.4). Legal facts: docs/legal.md, "The other rights, and their health-specific limits"."""

from __future__ import annotations

import csv
import json
from datetime import date

import pytest

from sar.cli import main
from sar.directory import get
from sar.inference import infer
from sar.journey import load_answers
from sar.letters import RIGHT_KINDS, render_letter
from sar.rights import OTHER_RIGHTS, RIGHTS, advise

ANSWERS = """\
lang = "fr"
[person]
first_name = "Camille"
last_name = "Martin"
birth_date = "1985-04-12"
address = "12 rue des Lilas"
postcode = "69003"
city = "Lyon"
email = "camille@example.org"
[journey]
doctor = true
doctor_name = "Dr Jeanne Dupont"
doctor_address = "3 place Bellecour, 69002 Lyon"
booking = ["doctolib"]
lab = "cerballiance"
devices = ["withings"]
hospital = "public"
hospital_name = "Hospices civils de Lyon"
"""


@pytest.fixture
def answers(tmp_path):
    path = tmp_path / "answers.toml"
    path.write_text(ANSWERS, encoding="utf-8")
    return str(path)


def letters(answers, out, *args):
    return main(["letters", "--answers", answers, "--out", str(out), "--format", "txt", "--date", "2026-12-01", *args])


@pytest.mark.parametrize("right, actor, applies, likely_refused", [
    # Portability: consent or contract only (art. 20(1)); never public-interest processing (art. 20(3)).
    ("portability", "your-cpam", False, False),
    ("portability", "msa", False, False),
    ("portability", "mon-espace-sante", False, False),
    ("portability", "your-hospital", False, False),
    ("portability", "your-doctor", True, True),
    ("portability", "withings", True, False),
    ("portability", "doctolib", True, False),
    # Erasure: a medical record is kept 20 years (R.1112-7; art. 17(3)(b)-(c)); a legal obligation (17(3)(b)).
    ("erasure", "your-doctor", True, True),
    ("erasure", "your-hospital", True, True),
    ("erasure", "your-lab-site", True, True),
    ("erasure", "your-cpam", True, True),
    ("erasure", "doctolib", True, False),
    ("erasure", "withings", True, False),
    ("erasure", "mon-espace-sante", True, False),  # the express deletion request of CSP R.1111-36
    # Objection covers art. 6(1)(e)/(f) and marketing (art. 21); a legal obligation is neither.
    ("objection", "your-doctor", True, True),
    ("objection", "doctolib", True, False),
    ("objection", "your-cpam", True, False),  # a public-interest task (art. 6(1)(e)): objection applies, may be refused
    # Withdrawal only where the processing rests on consent (art. 7(3)).
    ("withdrawal", "withings", True, False),
    ("withdrawal", "your-hospital", True, True),
    # A processor acts for a controller (art. 28): the request is best sent to the controller.
    ("rectification", "weda", True, True),
    ("rectification", "your-doctor", True, False),
    ("restriction", "your-cpam", True, False),
])
def test_where_each_right_applies(right, actor, applies, likely_refused):
    advice = advise(right, get(actor))
    assert (advice.applies, advice.likely_refused) == (applies, likely_refused)
    if not applies or likely_refused:
        assert advice.reason  # the person is told why


def test_mon_espace_sante_says_it_can_be_closed_by_the_person():
    for right in ("erasure", "objection", "withdrawal"):
        assert "R.1111-36" in advise(right, get("mon-espace-sante")).self_service


def test_a_refused_right_offers_what_can_work_instead():
    assert advise("erasure", get("your-doctor")).alternatives == ("rectification", "restriction")
    assert advise("portability", get("your-cpam")).alternatives == ("access",)


def test_every_right_is_a_letter_kind_in_both_languages():
    assert set(OTHER_RIGHTS) == set(RIGHT_KINDS)
    assert list(RIGHTS)[0] == "access"


ARTICLES = {"rectification": ("article 16", "Article 16"), "erasure": ("article 17", "Article 17"),
            "restriction": ("article 18", "Article 18"), "portability": ("article 20", "Article 20"),
            "objection": ("article 21, paragraphe 1", "Article 21(1)"),
            "objection-marketing": ("article 21, paragraphe 2", "Article 21(2)"),
            "withdrawal": ("article 7, paragraphe 3", "Article 7(3)")}


@pytest.mark.parametrize("kind", RIGHT_KINDS)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_right_letter_cites_its_article_the_deadline_and_quotes_the_person_literally(tmp_path, answers, kind, lang):
    journey = load_answers(answers)
    finding = next(f for f in infer(journey) if f.actor.id == "withings")
    details = "mon poids du {{ 7*7 }} mars est faux"
    letter = render_letter(kind, journey, finding, lang=lang, on=date(2026, 12, 1), details=details)
    text = "\n".join((letter.subject, *letter.body)).replace("\u00a0", " ")  # French no-break spaces (sar.french)
    assert ARTICLES[kind][lang == "en"] in letter.subject.replace("\u00a0", " ")
    assert details in text  # printed as typed, never compiled as a template
    assert ("article 12, paragraphe 3" if lang == "fr" else "Article 12(3)") in text  # one month to act
    assert ("article 12, paragraphe 4" if lang == "fr" else "Article 12(4)") in text  # reasons if no action
    assert ("article 77" if lang == "fr" else "Article 77") in text
    assert "1985" not in text  # a device vendor finds an account by e-mail: no birth date (data minimisation)
    other = ("Under Article", "Please") if lang == "fr" else ("En application", "je vous")
    assert not any(word in text for word in other)  # one language per letter
    article19 = "article 19" if lang == "fr" else "Article 19"
    assert (article19 in text) == (kind in ("rectification", "erasure", "restriction", "withdrawal"))


def test_erasure_to_mon_espace_sante_is_the_express_request_of_r1111_36(answers):
    journey = load_answers(answers)
    finding = next(f for f in infer(journey) if f.actor.id == "mon-espace-sante")
    letter = render_letter("erasure", journey, finding, lang="fr", on=date(2026, 12, 1))
    assert "R.1111-36" in "\n".join(letter.body)
    doctolib = next(f for f in infer(journey) if f.actor.id == "doctolib")
    assert "R.1111-36" not in "\n".join(render_letter("erasure", journey, doctolib, lang="fr", on=date(2026, 12, 1)).body)


def test_erasure_letter_written_and_tracked_with_the_one_month_clock(tmp_path, answers, capsys):
    out, db = tmp_path / "out", str(tmp_path / "tracker.json")
    assert letters(answers, out, "--right", "erasure", "--only", "doctolib", "--track", "--db", db) == 0
    text = (out / "camille-martin" / "doctolib.fr.erasure.txt").read_text(encoding="utf-8").replace("\u00a0", " ")
    assert "Demande d'effacement de mes données personnelles (article 17 du RGPD)" in text
    rows = list(csv.DictReader((out / "manifest.csv").open(encoding="utf-8")))
    assert [(row["actor"], row["kind"]) for row in rows] == [("doctolib", "erasure")]
    capsys.readouterr()
    assert main(["track", "update", "1", "--sent", "2026-03-02", "--db", db]) == 0
    assert main(["track", "update", "1", "--received", "2026-03-05", "--db", db]) == 0
    capsys.readouterr()
    assert main(["track", "list", "--json", "--db", db]) == 0
    [request] = json.loads(capsys.readouterr().out)
    # docs/legal.md worked example: received 5 March 2026 → 7 April (5 April is Easter Sunday, 6 April Easter Monday).
    assert (request["kind"], request["gdpr_due"], request["csp_due"]) == ("erasure", "2026-04-07", None)


def test_a_right_letter_beside_the_access_letter_keeps_both_in_the_manifest(tmp_path, answers):
    out = tmp_path / "out"
    assert letters(answers, out, "--only", "doctolib") == 0
    assert letters(answers, out, "--right", "portability", "--only", "doctolib") == 0
    assert sorted(p.name for p in (out / "camille-martin").glob("*.txt")) == ["doctolib.fr.portability.txt",
                                                                          "doctolib.fr.txt"]
    rows = list(csv.DictReader((out / "manifest.csv").open(encoding="utf-8")))
    assert [(row["actor"], row["kind"]) for row in rows] == [("doctolib", "access-vendor"), ("doctolib", "portability")]


def test_portability_to_the_cpam_is_refused_in_one_line_and_nothing_is_written(tmp_path, answers, capsys):
    out = tmp_path / "out"
    assert letters(answers, out, "--right", "portability", "--only", "your-cpam") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "20(3)" in err[0]
    assert not list(out.rglob("*.txt"))


def test_erasure_of_a_medical_record_needs_insisting_and_says_what_works_instead(tmp_path, answers, capsys):
    out = tmp_path / "out"
    assert letters(answers, out, "--right", "erasure", "--only", "your-doctor") == 2
    err = capsys.readouterr().err
    assert "R.1112-7" in err and "--insist" in err and "rectification" in err
    assert not list(out.rglob("*.txt"))
    assert letters(answers, out, "--right", "erasure", "--only", "your-doctor", "--insist") == 0
    assert "R.1112-7" in capsys.readouterr().err  # the warning is still printed
    assert (out / "camille-martin" / "your-doctor.fr.erasure.txt").is_file()


def test_some_written_some_refused_is_exit_1(tmp_path, answers, capsys):
    out = tmp_path / "out"
    assert letters(answers, out, "--right", "portability", "--only", "withings", "your-hospital") == 1
    assert (out / "camille-martin" / "withings.fr.portability.txt").is_file()
    assert "20(3)" in capsys.readouterr().err


@pytest.mark.parametrize("args, expected", [
    (["--right", "forgetting", "--only", "doctolib"], "access, rectification, erasure, restriction, portability"),
    (["--right", "rectification", "--only", "your-lab-site"], "--details"),
    (["--right", "restriction", "--only", "your-lab-site"], "18(1)"),
    (["--right", "erasure"], "--only"),
])
def test_bad_right_options_get_a_clear_line(tmp_path, answers, capsys, args, expected):
    assert letters(answers, tmp_path / "out", *args) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").rglob("*.txt"))


def test_french_run_speaks_french(tmp_path, answers, capsys, monkeypatch):
    monkeypatch.setenv("SAR_LANG", "fr")
    assert letters(answers, tmp_path / "out", "--right", "portability", "--only", "your-cpam") == 2
    assert "CPAM du Rhône : pas de lettre : la portabilité ne s'applique pas" in capsys.readouterr().err


def test_help_lists_every_right_with_its_article(capsys):
    with pytest.raises(SystemExit):
        main(["letters", "--help"])
    out = capsys.readouterr().out
    for right in RIGHTS.values():
        assert f"  {right.id} ({right.article}):" in out


def test_a_right_request_is_named_in_the_tracker_and_followed_up_beside_the_access_request(tmp_path, answers, capsys,
                                                                                          monkeypatch):
    monkeypatch.setenv("SAR_LANG", "en")
    out, db = tmp_path / "out", str(tmp_path / "tracker.json")
    assert letters(answers, out, "--only", "doctolib", "--track", "--db", db) == 0
    assert letters(answers, out, "--right", "erasure", "--only", "doctolib", "--track", "--db", db) == 0
    for request_id in ("1", "2"):
        assert main(["track", "update", request_id, "--sent", "2026-09-01", "--db", db]) == 0
        assert main(["track", "update", request_id, "--received", "2026-09-03", "--db", db]) == 0
    capsys.readouterr()
    assert main(["track", "list", "--db", db]) == 0
    listed = capsys.readouterr().out
    assert "#1  Doctolib SAS — Camille Martin" in listed and "#2  Doctolib SAS (erasure request) — Camille Martin" in listed
    for request_id in ("1", "2"):
        assert main(["followup", request_id, "--kind", "reminder", "--out", str(out), "--format", "txt",
                     "--db", db]) == 0
    folder = out / "camille-martin"
    access, erasure = (folder / "doctolib.fr.reminder.txt"), (folder / "doctolib.fr.erasure-reminder.txt")
    assert access.is_file() and erasure.is_file()  # neither overwrites the other
    assert "article 17" in erasure.read_text(encoding="utf-8").replace("\u00a0", " ")
    assert "article 17" not in access.read_text(encoding="utf-8").replace("\u00a0", " ")


def test_due_lists_incomplete_answers_with_the_next_step(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SAR_LANG", "en")
    out, db = tmp_path / "out", str(tmp_path / "tracker.json")
    example = str(__import__("pathlib").Path(__file__).resolve().parent.parent / "examples" / "answers.toml")
    assert main(["letters", "--answers", example, "--out", str(out), "--only", "doctolib", "--format", "txt",
                 "--track", "--db", db]) == 0
    assert main(["track", "update", "1", "--sent", "2026-09-01", "--db", db]) == 0
    assert main(["track", "update", "1", "--received", "2026-09-03", "--db", db]) == 0
    assert main(["track", "update", "1", "--answered", "2026-09-20", "--missing", "recipients", "--db", db]) == 0
    capsys.readouterr()
    assert main(["track", "due", "--db", db]) == 0
    due = capsys.readouterr().out
    assert "INCOMPLETE ANSWERS (1)" in due and "missing the recipients of your data" in due
    assert "sar followup 1 --kind incomplete" in due
    assert main(["track", "update", "1", "--completion-asked", "2026-09-25", "--db", db]) == 0
    capsys.readouterr()
    assert main(["track", "due", "--db", db]) == 0
    assert "sar followup 1 --kind complaint" in capsys.readouterr().out


def test_dates_that_contradict_each_other_or_lie_ahead_are_refused(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SAR_LANG", "en")
    out, db = tmp_path / "out", str(tmp_path / "tracker.json")
    example = str(__import__("pathlib").Path(__file__).resolve().parent.parent / "examples" / "answers.toml")
    assert main(["letters", "--answers", example, "--out", str(out), "--only", "doctolib", "--format", "txt",
                 "--track", "--db", db]) == 0
    assert main(["track", "update", "1", "--answered", "2026-09-20", "--db", db]) == 2  # a draft has no answer yet
    assert main(["track", "update", "1", "--sent", "2099-01-01", "--db", db]) == 2  # the future
    assert "in the future" in capsys.readouterr().err
    assert main(["track", "update", "1", "--sent", "2026-09-01", "--by", "email", "--db", db]) == 0
    assert main(["track", "update", "1", "--answered", "2026-09-20", "--missing", "recipients", "--db", db]) == 0
    assert main(["track", "update", "1", "--completion-asked", "2026-09-10", "--db", db]) == 2  # before the answer
    assert main(["track", "update", "1", "--sent", "2026-10-01", "--db", db]) == 2  # sent after its answer
    capsys.readouterr()
    assert main(["track", "list", "--json", "--db", db]) == 0
    [request] = json.loads(capsys.readouterr().out)
    assert (request["channel"], request["sent"], request["status"]) == ("email", "2026-09-01", "partial")
    assert main(["followup", "1", "--kind", "complaint", "--out", str(out), "--format", "txt", "--db", db]) == 0
    complaint = (out / "camille-martin" / "doctolib.fr.complaint.txt").read_text(encoding="utf-8")
    assert "par courrier électronique" in complaint and "recommandée" not in complaint.split("Objet")[1].split("Pièces")[0]


def test_a_second_letter_of_a_right_never_overwrites_the_first(tmp_path, answers, capsys):
    out = tmp_path / "out"
    assert letters(answers, out, "--right", "rectification", "--only", "doctolib", "--details", "my phone is 06") == 0
    first = (out / "camille-martin" / "doctolib.fr.rectification.txt").read_bytes()
    assert letters(answers, out, "--right", "rectification", "--only", "doctolib", "--details", "my phone is 07") == 1
    assert "doctolib.fr.rectification.txt" in capsys.readouterr().err
    assert (out / "camille-martin" / "doctolib.fr.rectification.txt").read_bytes() == first
    assert letters(answers, out, "--right", "rectification", "--only", "doctolib", "--details", "my phone is 06") == 0


def test_details_go_with_another_right_only(tmp_path, answers, capsys):
    assert letters(answers, tmp_path / "out", "--only", "doctolib", "--details", "whatever") == 2
    assert "--details goes with --right" in capsys.readouterr().err


# --- issue 23: the rules a lawyer would sign --------------------------------------------------------------------------

def clauses(text: str) -> list[str]:
    return [clause.strip() for clause in text.split(";")]


@pytest.mark.parametrize("actor", ["your-cpam", "msa", "mon-espace-sante", "your-hospital", "your-doctor",
                                   "your-lab-site", "your-pharmacy"])
def test_portability_refused_for_a_legal_obligation_cites_20_1_and_20_3_only_for_a_public_interest_task(actor):
    """Issue 23.10: art. 20(1)(a) limits portability to consent and contract, so a record the law requires is outside
    it; art. 20(3) excludes processing for a task in the public interest. Each reason ties each article to its ground."""
    reason = advise("portability", get(actor)).reason
    assert "20(1)" in reason
    for clause in clauses(reason):
        if "20(3)" in clause:
            assert "public interest" in clause and "law requires" not in clause, clause
        if "law requires" in clause:
            assert "20(1)" in clause, clause


@pytest.mark.parametrize("actor", ["your-hospital", "your-doctor", "your-cpam", "your-lab-site"])
def test_withdrawal_names_the_lawful_basis_not_only_the_health_data_exception(actor):
    """Issue 23.10: art. 9(2)(h) lifts the ban on health data; the lawful basis is art. 6(1)(c) or (e)."""
    reason = advise("withdrawal", get(actor)).reason
    assert "6(1)(c)" in reason and "(e)" in reason and "9(2)(h)" in reason


@pytest.mark.parametrize("lang, lawfulness, then", [("fr", "licéité", "En conséquence"), ("en", "lawfulness", "therefore")])
def test_the_withdrawal_letter_does_not_draw_its_request_from_the_lawfulness_of_the_past(answers, lang, lawfulness, then):
    """Issue 23.10: « ne compromet pas la licéité… En conséquence, je vous demande de cesser » is a non sequitur: the
    request follows from the withdrawal, not from the past processing staying lawful."""
    journey = load_answers(answers)
    finding = next(f for f in infer(journey) if f.actor.id == "withings")
    letter = render_letter("withdrawal", journey, finding, lang=lang, on=date(2026, 12, 1))
    text = " ".join(letter.body).replace("\u00a0", " ")
    assert lawfulness in text and "7(3)" in text.replace("7, paragraphe 3", "7(3)")
    sentences = [sentence.strip() for sentence in text.replace("\n", " ").split(". ")]
    after = [sentences[i + 1] for i, sentence in enumerate(sentences[:-1]) if lawfulness in sentence]
    assert not any(then in sentence for sentence in after), after


def test_an_objection_is_not_written_without_the_persons_grounds(tmp_path, answers, capsys):
    """Issue 23.6: art. 21(1) is an objection « pour des raisons tenant à sa situation particulière »: the letter states
    those grounds, so it is not written without them; the error says what to give, and where marketing needs none."""
    out = tmp_path / "out"
    assert letters(answers, out, "--right", "objection", "--only", "doctolib") == 2
    err = capsys.readouterr().err
    assert "21(1)" in err and "particular situation" in err and "--details" in err and "objection-marketing" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not out.exists() or not list(out.rglob("*.txt"))


def test_an_objection_states_the_grounds_relating_to_the_persons_situation(tmp_path, answers):
    out = tmp_path / "out"
    grounds = "mes rendez-vous révèlent une maladie que mon métier m'oblige à taire"
    assert letters(answers, out, "--right", "objection", "--only", "doctolib", "--details", grounds) == 0
    text = " ".join((out / "camille-martin" / "doctolib.fr.objection.txt").read_text(encoding="utf-8").split())
    text = text.replace("\u00a0", " ")
    assert "article 21, paragraphe 1" in text
    assert f"pour les raisons suivantes, qui tiennent à ma situation particulière : « {grounds} »" in text
    assert "prospection" not in text  # a 21(1) objection is not a marketing objection (art. 21(2))


@pytest.mark.parametrize("lang, article, not_there", [
    ("fr", ("article 21, paragraphe 2", "article 21, paragraphe 3", "prospection"), "situation particulière"),
    ("en", ("Article 21(2)", "Article 21(3)", "direct marketing"), "particular situation"),
])
def test_an_objection_to_direct_marketing_needs_no_grounds(tmp_path, answers, lang, article, not_there):
    """Issue 23.6: art. 21(2)-(3): an objection to direct marketing is absolute and needs no reason."""
    out = tmp_path / "out"
    assert letters(answers, out, "--right", "objection-marketing", "--only", "doctolib", "--lang", lang) == 0
    text = " ".join((out / "camille-martin" / f"doctolib.{lang}.objection-marketing.txt").read_text(
        encoding="utf-8").split()).replace("\u00a0", " ")
    assert all(words in text for words in article), text
    assert not_there not in text


@pytest.mark.parametrize("lang, space, everything, consent, article", [
    ("fr", "Mon espace santé", "d'effacer les données personnelles me concernant", "consentement", "R.1111-36"),
    ("en", "Mon espace santé", "to erase the personal data concerning me", "consent", "R.1111-36"),
])
def test_erasure_of_mon_espace_sante_names_the_space_only_and_rests_on_r1111_36(answers, lang, space, everything,
                                                                                consent, article):
    """Issue 23.7: the letter goes to the person's caisse, which must refuse to erase « the personal data concerning me »
    (it keeps the insurance records by law): it names Mon Espace Santé only, in its subject and body, and rests on
    CSP R.1111-36 (the express request to delete the space's data, granted within three months), not on consent."""
    journey = load_answers(answers)
    finding = next(f for f in infer(journey) if f.actor.id == "mon-espace-sante")
    letter = render_letter("erasure", journey, finding, lang=lang, on=date(2026, 12, 1))
    subject = letter.subject.replace("\u00a0", " ")
    body = " ".join(letter.body).replace("\u00a0", " ")
    assert space in subject and article in subject
    assert article in body and ("trois mois" if lang == "fr" else "three months") in body
    assert everything not in body
    assert consent not in body and "17(1)(b)" not in body and "17, paragraphe 1, point b)" not in body


def test_erasure_of_mon_espace_sante_is_tracked_with_the_three_months_of_r1111_36(tmp_path, answers, capsys):
    """Issue 23.7: received 5 March 2026 → deleted by 5 June 2026 (CSP R.1111-36: three months at most); a reminder
    before then is refused, naming R.1111-36."""
    out, db = tmp_path / "out", str(tmp_path / "tracker.json")
    assert letters(answers, out, "--right", "erasure", "--only", "mon-espace-sante", "--track", "--db", db) == 0
    assert main(["track", "update", "1", "--sent", "2026-03-02", "--db", db]) == 0
    assert main(["track", "update", "1", "--received", "2026-03-05", "--db", db]) == 0
    capsys.readouterr()
    assert main(["track", "list", "--json", "--db", db]) == 0
    [request] = json.loads(capsys.readouterr().out)
    assert (request["kind"], request["due"], request["gdpr_due"]) == ("erasure", "2026-06-05", "2026-04-07")
    assert main(["followup", "1", "--kind", "reminder", "--out", str(out), "--format", "txt", "--db", db,
                 "--date", "2026-05-01"]) == 2
    assert "R.1111-36" in capsys.readouterr().err
    assert main(["followup", "1", "--kind", "reminder", "--out", str(out), "--format", "txt", "--db", db,
                 "--date", "2026-06-08"]) == 0
    reminder = " ".join((out / "camille-martin" / "mon-espace-sante.fr.erasure-reminder.txt").read_text(
        encoding="utf-8").split()).replace("\u00a0", " ")
    assert "R.1111-36" in reminder and "5 juin 2026" in reminder
    assert "effacement de mes données personnelles (article 17" not in reminder


@pytest.mark.parametrize("actor", ["harmonie-mutuelle", "mgen", "your-mutuelle"])
def test_erasure_to_a_mutuelle_while_its_contract_runs_will_likely_be_refused(actor):
    """Issue 23.7: the mutuelle still needs the data for the contract (art. 17(1)(a) is not met) and must keep some by
    law (art. 17(3)(b))."""
    advice = advise("erasure", get(actor))
    assert advice.likely_refused and "17(1)(a)" in advice.reason and "17(3)(b)" in advice.reason
    assert advice.alternatives
