"""Letters a lawyer would sign (issue 23): Mon Espace Santé once closed, the director of an establishment, the identity
document, the form of the copy, exact L.1111-7 reminders, citations and wording, French for French public bodies, and
names the organisation can find. Each rule is in docs/legal.md with its source."""

from __future__ import annotations

import csv
import dataclasses
import email
import email.policy
import re
from datetime import date
from pathlib import Path

import pytest

from letter_fixtures import FOLLOW_UP, FOLLOW_UP_INCOMPLETE, LETTER_DAY, finding, person
from sar import directory, inference, interview
from sar.cli import main
from sar.directory import Actor, Contact
from sar.errors import InputError
from sar.journey import AnswersError, Journey, journey_from_document, journey_from_row
from sar.letters import ACCESS_KINDS, must_be_french, render_letter
from sar.output import pdf_bytes
from sar.output.email import eml_bytes
from sar.output.text import letter_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "answers.toml"


def flat(text: str) -> str:
    return " ".join(text.split())


def text_of(letter) -> str:
    return flat(letter_text(letter))


def journey(lang: str = "fr", answers: dict | None = None, **person_changes) -> Journey:
    return Journey(person(**person_changes), lang, interview.complete(answers or {}))


def render(kind, lang="fr", actor=None, channel="post", answers=None, on=LETTER_DAY, followup=None, **person_changes):
    return render_letter(kind, journey(lang, answers, **person_changes), finding(kind, actor), lang=lang, on=on,
                         channel=channel, followup=followup)


HOSPITAL = Actor("your-hospital", "Hospices Civils de Lyon", kind="slot", category="hospital",
                 contact=Contact(postal="3 quai des Célestins, 69002 Lyon"))
CLINIC = Actor("your-hospital-2", "Clinique du Parc", kind="slot", category="hospital",
               contact=Contact(postal="155 boulevard de Stalingrad, 69006 Lyon"))
DOCTOR = Actor("your-doctor", "Dr Jeanne Dupont", kind="slot", category="practice",
               contact=Contact(postal="3 place Bellecour, 69002 Lyon"))
MIDWIFE = Actor("your-doctor-2", "Anne Morel", kind="slot", category="practice",
                contact=Contact(postal="5 rue Mercière, 69002 Lyon"))
LAB = directory.get("synlab")
MEDICAL_RECORD_HOLDERS = {"doctor": DOCTOR, "hospital": HOSPITAL, "lab": LAB}


# -- 1. Mon Espace Santé closed, or its state unknown ------------------------------------------------------------------------

SELF_SERVICE = {"fr": "Je peux consulter moi-même", "en": "I can read the documents of my shared medical record"}
ARCHIVED = {"fr": "une copie des documents de mon profil Mon espace santé",
            "en": "a copy of the documents in my Mon espace santé profile"}
ACCESS_LOG = {"fr": "une copie de l'historique des accès à mon profil",
              "en": "a copy of the log of accesses to my profile"}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("state", ["closed", "unknown"])
def test_mon_espace_sante_closed_or_unknown_asks_for_a_copy_of_the_archived_documents_and_the_access_log(lang, state):
    text = text_of(render("access-insurer", lang, directory.get("mon-espace-sante"),
                          answers={"mon_espace_sante": state}))
    assert SELF_SERVICE[lang] not in text
    assert ARCHIVED[lang] in text and ACCESS_LOG[lang] in text
    assert "R.1111-36" in text  # archived ten years after closing, out of the person's reach


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_open_mon_espace_sante_keeps_what_the_person_can_read_themselves(lang):
    text = text_of(render("access-insurer", lang, directory.get("mon-espace-sante"),
                          answers={"mon_espace_sante": "active"}))
    assert SELF_SERVICE[lang] in text and ARCHIVED[lang] not in text


# -- 2. An establishment's medical record: its director, the DPO in copy ------------------------------------------------------

ADDRESSED_AS_R_1111_1 = {
    "fr": "J'adresse cette demande au responsable de l'établissement ou à la personne qu'il a désignée à cet effet, "
          "comme le prévoit l'article R.1111-1 du code de la santé publique",
    "en": "I address this request to the head of the establishment or to the person they have designated for that "
          "purpose, as Article R.1111-1 of the Public Health Code provides"}


@pytest.mark.parametrize("lang, salutation, closing, attention, copy", [
    ("fr", "Madame la Directrice, Monsieur le Directeur,",
     "Je vous prie d'agréer, Madame la Directrice, Monsieur le Directeur, l'expression de mes salutations distinguées.",
     "À l'attention de la direction", "délégué à la protection des données de l'établissement"),
    ("en", "Dear Director,", "Yours faithfully,", "Attn: the Director", "the establishment's data protection officer"),
])
@pytest.mark.parametrize("establishment", [HOSPITAL, CLINIC])
def test_a_medical_record_request_to_an_establishment_goes_to_its_director_with_the_dpo_in_copy(
        establishment, lang, salutation, closing, attention, copy):
    letter = render("access-medical-record", lang, establishment)
    assert letter.salutation == salutation and letter.closing == closing
    assert letter.recipient[:2] == (establishment.name.get(lang), attention)
    assert not any("protection" in line for line in letter.recipient)  # not to the DPO alone
    assert letter.copies == (copy,)
    assert "R.1111-1" in text_of(letter)
    assert (("Copie :" if lang == "fr" else "Copy:") + " " + copy) in text_of(letter)
    # R.1111-1's own words: to the head of the establishment or to the person he has designated (not "for" that person)
    assert " ".join(text_of(letter).split()).count(ADDRESSED_AS_R_1111_1[lang]) == 1


def test_sar_letters_tells_the_person_to_send_the_dpo_its_copy(tmp_path, capsys):
    answers = tmp_path / "answers.toml"
    answers.write_text(EXAMPLE.read_text(encoding="utf-8").replace('hospital = "none"', 'hospital = "private"').replace(
        'hospital_name = ""', 'hospital_name = "Clinique du Parc"'), encoding="utf-8")
    assert main(["letters", "--answers", str(answers), "--out", str(tmp_path / "out"), "--format", "txt",
                 "--only", "your-hospital", "your-doctor"]) == 0
    printed = capsys.readouterr().out
    assert printed.count("send a copy of this letter to the establishment's data-protection officer") == 1


def test_a_reminder_of_that_request_goes_to_the_director_too():
    followup = dataclasses.replace(FOLLOW_UP, request_kind="access-medical-record")
    letter = render("reminder", "fr", HOSPITAL, followup=followup)
    assert letter.salutation == "Madame la Directrice, Monsieur le Directeur,"
    assert letter.recipient[1] == "À l'attention de la direction"


HOSPITAL_BY_EMAIL = dataclasses.replace(HOSPITAL, contact=Contact(postal="3 quai des Célestins, 69002 Lyon",
                                                                  email="dpo@hcl-exemple.fr"))
FORWARD = {"fr": "Ce message est envoyé à l'adresse électronique de l'établissement dont je dispose : si ce n'est pas "
                 "celle de sa direction, je remercie la personne qui le reçoit de le transmettre au responsable de "
                 "l'établissement ou à la personne qu'il a désignée à cet effet",
           "en": "This message is sent to the establishment's e-mail address that I have: if it is not its "
                 "management's, I ask whoever receives it to forward it to the head of the establishment or to the "
                 "person they have designated for that purpose"}
COPY_CLAIMED = {"fr": "j'en adresse copie à votre délégué", "en": "send a copy to your data protection officer"}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_e_mail_draft_to_an_establishment_asks_to_be_passed_to_the_director_and_claims_no_copy(lang):
    """The draft goes to the one address the directory knows, perhaps the DPO's: it says so and asks to be passed on to
    the head of the establishment (R.1111-1), and does not claim a copy to the DPO that nobody sends."""
    draft = render("access-medical-record", lang, HOSPITAL_BY_EMAIL, channel="email")
    message = email.message_from_bytes(eml_bytes(draft), policy=email.policy.default)
    assert message["To"] == "dpo@hcl-exemple.fr"
    body = flat(message.get_content())
    assert FORWARD[lang] in body and COPY_CLAIMED[lang] not in body
    assert draft.copies == () and "R.1111-1" in body
    posted = render("access-medical-record", lang, HOSPITAL_BY_EMAIL, channel="post")
    assert COPY_CLAIMED[lang] in text_of(posted) and posted.copies and FORWARD[lang] not in text_of(posted)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("kind", ["reminder", "incomplete"])
def test_an_e_mail_follow_up_to_an_establishment_asks_to_be_passed_to_the_director_too(kind, lang):
    followup = dataclasses.replace(FOLLOW_UPS[kind], request_kind="access-medical-record")
    draft = render(kind, lang, HOSPITAL_BY_EMAIL, channel="email", followup=followup)
    assert FORWARD[lang] in text_of(draft) and draft.copies == ()
    posted = render(kind, lang, HOSPITAL_BY_EMAIL, channel="post", followup=followup)
    assert FORWARD[lang] not in text_of(posted) and posted.copies
    to_a_platform = render(kind, lang, channel="email", followup=FOLLOW_UPS[kind])
    assert FORWARD[lang] not in text_of(to_a_platform)


def test_sar_letters_says_where_the_e_mail_draft_to_an_establishment_goes(tmp_path, capsys):
    answers = tmp_path / "answers.toml"
    answers.write_text(EXAMPLE.read_text(encoding="utf-8").replace('hospital = "none"', 'hospital = "private"').replace(
        'hospital_name = ""', 'hospital_name = "Clinique du Parc"'), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["letters", "--answers", str(answers), "--out", str(out), "--format", "txt,eml",
                 "--only", "your-hospital", "your-doctor"]) == 0
    printed = flat(capsys.readouterr().out)
    assert printed.count("send a copy of this letter to the establishment's data-protection officer") == 1
    assert printed.count("the e-mail draft goes to the establishment's address that sar knows, which may not be its "
                         "director's: it asks that it be passed on to the director") == 1
    draft = email.message_from_bytes((out / "camille-martin" / "clinique-du-parc.fr.eml").read_bytes(),
                                     policy=email.policy.default)
    assert FORWARD["fr"] in flat(draft.get_content()) and COPY_CLAIMED["fr"] not in flat(draft.get_content())
    assert main(["letters", "--answers", str(answers), "--out", str(tmp_path / "posted"), "--format", "txt",
                 "--only", "your-hospital"]) == 0
    assert "e-mail draft" not in capsys.readouterr().out


def test_a_laboratory_is_not_an_establishment_and_keeps_its_dpo():
    letter = render("access-medical-record", "fr", LAB)
    assert letter.salutation == "Madame, Monsieur," and not letter.copies


# -- 3. The identity document (R.1111-1) ---------------------------------------------------------------------------------------

ID_SENTENCE = {"fr": "je joins à cette demande une copie de ma pièce d'identité",
               "en": "I enclose a copy of my identity document"}
ID_ENCLOSURE = {"fr": "Copie de ma pièce d'identité", "en": "A copy of my identity document"}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("holder", sorted(MEDICAL_RECORD_HOLDERS))
@pytest.mark.parametrize("channel", ["post", "email"])
def test_every_l1111_7_letter_encloses_an_identity_document_and_says_so(holder, lang, channel):
    letter = render("access-medical-record", lang, MEDICAL_RECORD_HOLDERS[holder], channel=channel)
    assert ID_SENTENCE[lang] in text_of(letter) and "R.1111-1" in text_of(letter)
    assert letter.attachments == (ID_ENCLOSURE[lang],)
    assert "– " + ID_ENCLOSURE[lang] in letter_text(letter).splitlines()  # printed under the enclosures' label


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_medical_record_reminder_encloses_it_again(lang):
    followup = dataclasses.replace(FOLLOW_UP, request_kind="access-medical-record")
    assert render("reminder", lang, DOCTOR, followup=followup).attachments == (ID_ENCLOSURE[lang],)
    assert render("reminder", lang, followup=FOLLOW_UP).attachments == ()  # a platform's reminder: no L.1111-7


def test_no_other_access_letter_asks_for_an_identity_document():
    for kind in ("access", "access-insurer", "access-vendor"):
        assert not render(kind).attachments and "pièce d'identité" not in text_of(render(kind))


def test_sar_letters_reminds_the_person_to_enclose_it_and_the_manifest_says_so(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["letters", "--answers", str(EXAMPLE), "--out", str(out), "--format", "txt", "--lang", "en",
                 "--only", "your-doctor", "doctolib"]) == 0
    printed = capsys.readouterr().out
    assert "enclose a copy of your identity document" in printed and "R.1111-1" in printed
    assert printed.count("identity document") == 1  # for the doctor only
    rows = {row["actor"]: row for row in csv.DictReader((out / "manifest.csv").open(encoding="utf-8"))}
    assert rows["your-doctor"]["enclose"] == "identity-document" and rows["doctolib"]["enclose"] == ""


# -- 4. The form of the copy follows the channel (art. 15(3)) -------------------------------------------------------------------

PAPER = {"fr": "sur papier, à mon adresse postale", "en": "on paper, at my postal address"}
ELECTRONIC = {"fr": "sous une forme électronique d'usage courant", "en": "in a commonly used electronic form"}
TO_MY_EMAIL = {"fr": "à mon adresse électronique (elodie@example.org)", "en": "at my e-mail address (elodie@example.org)"}
MADE_ELECTRONICALLY = {"fr": "Ma demande étant présentée par voie électronique", "en": "made by electronic means"}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("kind", ["access", "access-insurer", "access-vendor"])
def test_a_posted_letter_from_someone_without_e_mail_asks_for_a_paper_copy(kind, lang):
    text = text_of(render(kind, lang, email=""))
    assert PAPER[lang] in text and ELECTRONIC[lang] not in text


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("kind", ["access", "access-insurer", "access-vendor"])
def test_a_posted_letter_from_someone_with_e_mail_asks_for_an_electronic_copy_at_that_address(kind, lang):
    text = text_of(render(kind, lang))
    assert ELECTRONIC[lang] in text and TO_MY_EMAIL[lang] in text and PAPER[lang] not in text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_e_mail_asks_for_an_electronic_copy_because_it_was_made_electronically(lang):
    text = text_of(render("access", lang, channel="email"))
    assert MADE_ELECTRONICALLY[lang] in text and ELECTRONIC[lang] in text and PAPER[lang] not in text


# -- 5. Reminders of a medical-record request -------------------------------------------------------------------------------

MEDICAL_FOLLOW_UP = dataclasses.replace(FOLLOW_UP, request_kind="access-medical-record")  # received 4 September 2026


@pytest.mark.parametrize("lang, eight_days, two_months, mode, not_the_whole_record", [
    ("fr", "au plus tard le 14 septembre 2026 pour celles qui datent de moins de cinq ans",
     "au plus tard le 4 novembre 2026 pour celles qui datent de plus de cinq ans",
     "l'envoi d'une copie sur papier, à mon adresse postale", "pour la communication de mon dossier médical a expiré"),
    ("en", "by 14 September 2026 for information less than five years old",
     "by 4 November 2026 for information more than five years old",
     "a copy sent on paper, at my postal address", "for communicating my medical record ended"),
])
def test_a_medical_record_reminder_repeats_the_request_and_the_mode_chosen_with_both_deadlines(
        lang, eight_days, two_months, mode, not_the_whole_record):
    text = text_of(render("reminder", lang, DOCTOR, followup=MEDICAL_FOLLOW_UP, email=""))
    assert eight_days in text and two_months in text
    assert mode in text and "R.1111-2" in text
    assert ELECTRONIC[lang] not in text  # she asked for paper
    assert not_the_whole_record not in text


def test_before_two_months_the_reminder_says_the_older_information_is_still_due():
    followup = dataclasses.replace(MEDICAL_FOLLOW_UP, csp_due=date(2026, 9, 14))
    text = text_of(render("reminder", "fr", DOCTOR, followup=followup, on=date(2026, 9, 20)))
    assert "a expiré le 14 septembre 2026" in text
    assert "expire le 4 novembre 2026" in text and "a expiré le 4 novembre 2026" not in text
    assert "l'envoi d'une copie sous une forme électronique d'usage courant" in text  # she gave an e-mail address


def test_a_reminder_without_a_known_receipt_date_states_no_date_but_both_delays():
    followup = dataclasses.replace(MEDICAL_FOLLOW_UP, received_is_estimate=True)
    text = text_of(render("reminder", "fr", DOCTOR, followup=followup))
    assert "huit jours" in text and "deux mois" in text and "septembre 2026 pour celles" not in text


# -- 10. Citations and wording ----------------------------------------------------------------------------------------------

AT_LEAST_20 = re.compile(r"au moins 20 ans|20 ans au moins|at least 20 years|20 years minimum", re.IGNORECASE)


def texts_citing_retention() -> list[tuple[str, str, str]]:
    """(where, category, text) of every text a person or a letter reads about how long records are kept."""
    from sar.i18n import gettext

    found = []
    for actor in directory.load_directory().values():
        for lang in ("fr", "en"):
            found.append((actor.id, actor.category, actor.retention.get(lang)))
    sources = {"inference": sorted((ROOT / "sar" / "inference").glob("*.py")), "rights": [ROOT / "sar" / "rights.py"]}
    for where, path in ((where, path) for where, paths in sources.items() for path in paths):
        source = path.read_text(encoding="utf-8")
        for match in re.finditer(r'N_\(((?:\s*"(?:[^"\\]|\\.)*")+)\)', source):
            msgid = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', match.group(1)))
            if "20 years" in msgid or "R.1112-7" in msgid:
                found += [(where, "", msgid), (where, "", gettext(msgid, "fr"))]
    return found


def test_r1112_7_is_cited_for_establishments_and_only_by_analogy_for_a_doctor_or_a_lab():
    texts = texts_citing_retention()
    assert len(texts) > 20
    for where, category, text in texts:
        assert not AT_LEAST_20.search(text), (where, text)
        if "R.1112-7" in text and category in ("practice", "lab"):
            assert "par analogie" in text or "by analogy" in text, (where, text)
    practice = [text for where, category, text in texts if where == "inference" and "the practice keeps" in text]
    assert practice and all("by analogy" in text for text in practice)  # no text binds a private doctor


@pytest.mark.parametrize("lang, subject", [("fr", "Demande d'accès à mes données personnelles (article 15 du RGPD)"),
                                           ("en", "Subject access request (Article 15 GDPR)")])
def test_a_platform_s_access_letter_asks_for_the_whole_request_in_its_subject(lang, subject):
    assert flat(render("access-vendor", lang).subject) == subject


FREE = {"fr": ["article 12, paragraphe 5, et article 15, paragraphe 3, du RGPD", "26 octobre 2023", "C-307/22"],
        "en": ["Article 12(5) and Article 15(3) GDPR", "26 October 2023", "C-307/22"]}


FOLLOW_UPS = {"reminder": FOLLOW_UP, "incomplete": FOLLOW_UP_INCOMPLETE}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("kind", [*ACCESS_KINDS, "reminder", "incomplete"])
def test_the_free_first_copy_cites_article_15_3_and_the_cjeu(kind, lang):
    text = text_of(render(kind, lang, followup=FOLLOW_UPS.get(kind)))
    for needle in FREE[lang]:
        assert needle in text, needle


@pytest.mark.parametrize("lang, sentence", [
    ("fr", "Cette communication, y compris la première copie de mes données, est gratuite (article 12, paragraphe 5, et "
           "article 15, paragraphe 3, du RGPD ; CJUE, 26 octobre 2023, FT c. DW, C-307/22)."),
    ("en", "This must be provided free of charge, including the first copy of my data (Article 12(5) and Article 15(3) "
           "GDPR; CJEU, 26 October 2023, FT v DW, C-307/22)."),
])
@pytest.mark.parametrize("request_kind", ["access", "access-medical-record"])
def test_the_incomplete_answer_letter_says_free_as_the_access_letter_does(request_kind, lang, sentence):
    followup = dataclasses.replace(FOLLOW_UP_INCOMPLETE, request_kind=request_kind)
    text = text_of(render("incomplete", lang, followup=followup))
    assert sentence in text
    assert sentence in text_of(render("access", lang))
    assert text.count("free of charge" if lang == "en" else "gratuit") == 1


@pytest.mark.parametrize("actor, answers, fr, en", [
    (DOCTOR, {}, "Docteur,", "Dear Doctor,"),
    (DOCTOR, {"doctor": True, "doctor_specialty": "dentist"}, "Docteur,", "Dear Doctor,"),
    (MIDWIFE, {"doctor": True, "doctor_2": True, "doctor_2_specialty": "midwife"}, "Madame, Monsieur,",
     "Dear Sir or Madam,"),
    (LAB, {}, "Madame, Monsieur,", "Dear Sir or Madam,"),
])
def test_a_letter_to_a_doctor_opens_docteur(actor, answers, fr, en):
    french = render("access-medical-record", "fr", actor, answers=answers)
    assert french.salutation == fr
    assert french.closing == f"Je vous prie d'agréer, {fr.rstrip(',')}, l'expression de mes salutations distinguées."
    assert render("access-medical-record", "en", actor, answers=answers).salutation == en


def test_a_doctor_s_other_letters_open_docteur_too():
    assert render("reminder", "fr", DOCTOR, followup=MEDICAL_FOLLOW_UP).salutation == "Docteur,"


def found(answers: dict) -> dict:
    return {f.actor.id: f for f in inference.infer(Journey(person(), "en", interview.complete(answers)))}


def test_french_public_bodies_are_data_and_must_be_written_to_in_french():
    public = {"cnam", "your-cpam", "cpam-medical-service", "msa", "mon-espace-sante", "cnop-dossier-pharmaceutique",
              "cnil"}
    for actor in directory.load_directory().values():
        assert must_be_french(actor) is (actor.id in public), actor.id
    hospitals = found({"hospital": "public", "hospital_name": "CHU de Lyon", "hospital_2": "private",
                       "hospital_2_name": "Clinique du Parc"})
    assert must_be_french(hospitals["your-hospital"].actor) and not must_be_french(hospitals["your-hospital-2"].actor)


def test_a_person_who_chose_english_gets_the_french_letter_to_send_and_keeps_the_english_text(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["letters", "--answers", str(EXAMPLE), "--out", str(out), "--format", "pdf,txt", "--lang", "en",
                 "--only", "your-cpam", "doctolib", "--date", "2026-11-22"]) == 0
    printed = capsys.readouterr().out
    folder = out / "camille-martin"
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == [
        "cpam-du-rhone.en.copy.txt", "cpam-du-rhone.fr.pdf", "cpam-du-rhone.fr.txt", "doctolib.en.pdf", "doctolib.en.txt"]
    assert "Demande d'accès" in (folder / "cpam-du-rhone.fr.txt").read_text(encoding="utf-8")
    copy = (folder / "cpam-du-rhone.en.copy.txt").read_text(encoding="utf-8")
    assert "Subject access request" in copy and "cpam-du-rhone.fr.pdf" in copy.splitlines()[0]
    assert "send the French letter" in printed and "cpam-du-rhone.fr.pdf" in printed
    rows = {row["actor"]: row for row in csv.DictReader((out / "manifest.csv").open(encoding="utf-8"))}
    assert rows["your-cpam"]["lang"] == "fr" and rows["doctolib"]["lang"] == "en"


# -- 11. Names the organisation can find -------------------------------------------------------------------------------------

OLGA = dict(first_name="Ольга", last_name="Иванова", first_name_latin="Olga", last_name_latin="Ivanova")
WANG = dict(first_name="芳", last_name="王", first_name_latin="Fang", last_name_latin="Wang")


@pytest.mark.parametrize("lang, lines", [("fr", ["– nom : Ivanova (Иванова)", "– prénom : Olga (Ольга)"]),
                                         ("en", ["– name: Olga Ivanova (Ольга Иванова)"])])
def test_letters_use_the_latin_spelling_with_the_name_as_typed_in_brackets(lang, lines):
    letter = render("access-medical-record", lang, DOCTOR, **OLGA)
    assert letter.sender[0] == "Olga Ivanova" and letter.signature == ("Olga Ivanova",)
    for line in lines:
        assert line in text_of(letter)
    pdf_bytes(letter)  # the shipped font prints Cyrillic


def test_a_name_the_pdf_cannot_print_is_left_out_and_the_pdf_is_written():
    letter = render("access-medical-record", "fr", DOCTOR, **WANG)
    text = text_of(letter)
    assert "– nom : Wang" in text and "王" not in text and "芳" not in text
    assert pdf_bytes(letter).startswith(b"%PDF")


def answers_document(**person_fields) -> dict:
    document = {"lang": "fr", "person": {"first_name": "Camille", "last_name": "Martin", "birth_date": "1985-04-12",
                                         "address": "12 rue des Lilas", "postcode": "69003", "city": "Lyon"}}
    document["person"].update(person_fields)
    return document


def test_a_name_in_another_script_needs_its_latin_spelling_in_a_file_and_in_a_csv_row():
    with pytest.raises(AnswersError) as refused:
        journey_from_document(answers_document(first_name="Ольга", last_name="Иванова"))
    assert {problem.key for problem in refused.value.problems} == {"person.first_name_latin", "person.last_name_latin"}
    row = {"first_name": "Ольга", "last_name": "Martin", "birth_date": "1985-04-12", "address": "12 rue des Lilas",
           "postcode": "69003", "city": "Lyon"}
    with pytest.raises(AnswersError) as refused:
        journey_from_row(row)
    assert [problem.key for problem in refused.value.problems] == ["first_name_latin"]
    person_ = journey_from_row({**row, "first_name_latin": "Olga"}).person
    assert (person_.first_name, person_.first_name_latin) == ("Ольга", "Olga")


def test_a_latin_name_needs_nothing_more_and_a_latin_spelling_must_be_latin():
    assert journey_from_document(answers_document(first_name="Zoë", last_name="Œuvray-Łukasz")).person.first_name == "Zoë"
    with pytest.raises(AnswersError) as refused:
        journey_from_document(answers_document(first_name="Ольга", first_name_latin="Ольга"))
    assert [problem.key for problem in refused.value.problems] == ["person.first_name_latin"]
    assert "is not in Latin letters" in str(refused.value)


def test_the_chat_asks_for_the_latin_spelling_only_when_the_name_needs_it():
    answers = {"lang": "fr", "first_name": "Ольга"}
    assert interview.next_question(answers).id == "last_name"
    answers["last_name"] = "Martin"
    assert interview.next_question(answers).id == "first_name_latin"
    with pytest.raises(InputError):
        interview.validate(interview.question("first_name_latin"), "")
    latin = {"lang": "fr", "first_name": "Camille", "last_name": "Martin"}
    assert interview.next_question(latin).id == "birth_date"


def test_the_scripts_printed_in_brackets_are_those_of_the_font_the_pdf_letters_embed():
    from sar import names
    from sar.output.letter_font import SHIPPED_BOLD, SHIPPED_REGULAR, glyphs

    samples = {"LATIN": "Łukasz Ştefan Nguyễn Ğül", "GREEK": "Γιώργος Παπαδόπουλος", "CYRILLIC": "Ольга Іванова Їжак"}
    assert set(samples) == set(names.PRINTABLE_SCRIPTS)
    printable = glyphs(SHIPPED_REGULAR) & glyphs(SHIPPED_BOLD)
    for text in samples.values():
        assert names.printable_in_letters(text) and all(ord(c) in printable for c in text if not c.isspace()), text
    for other in ("王芳", "محمد", "עברית", "हिन्दी"):
        assert not names.printable_in_letters(other) and not names.is_latin(other)
    assert names.is_latin("Zoë D'Aubigné-Œuvray") and not names.is_latin("Ольга")


async def test_the_chat_s_letters_screen_says_what_to_enclose_and_which_letter_to_send(tmp_path):
    from textual.widgets import Checkbox, Static

    from sar.journey import load_answers
    from sar.tui.app import SarApp
    from sar.tui.screens.letters import LettersScreen

    camille = dataclasses.replace(load_answers(EXAMPLE), lang="en")
    chosen = [f for f in inference.infer(camille) if f.actor.id in ("your-doctor", "your-cpam", "doctolib")]
    app = SarApp(lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = LettersScreen(camille, chosen, tmp_path / "tracker.json", folder=tmp_path / "letters")
        await app.push_screen(screen)
        await pilot.pause()
        screen.query_one("#which").value = [f.actor.id for f in chosen].index("your-cpam")
        await pilot.pause()
        assert "Demande d'accès" in str(screen.query_one("#preview", Static).render())  # the letter to send
        for fmt in ("pdf", "eml"):
            screen.query_one(f"#format-{fmt}", Checkbox).value = False
        await pilot.press("f5")
        await app.workers.wait_for_complete()
        await pilot.pause()
        written = " ".join(str(screen.query_one("#written", Static).render()).split())
    assert "enclose a copy of your identity document" in written and "R.1111-1" in written
    assert "send the French letter, camille-martin/cpam-du-rhone.fr.txt" in written
    assert (tmp_path / "letters" / "camille-martin" / "cpam-du-rhone.en.copy.txt").is_file()


def test_a_follow_up_keeps_the_latin_spelling_the_tracker_recorded(tmp_path, capsys):
    text = EXAMPLE.read_text(encoding="utf-8").replace('first_name = "Camille"', 'first_name = "Ольга"\n'
                                                       'first_name_latin = "Olga"')
    answers = tmp_path / "answers.toml"
    answers.write_text(text, encoding="utf-8")
    db = str(tmp_path / "tracker.json")
    assert main(["letters", "--answers", str(answers), "--out", str(tmp_path / "out"), "--format", "txt",
                 "--only", "doctolib", "--track", "--db", db]) == 0
    assert main(["track", "update", "1", "--sent", "2026-09-01", "--db", db]) == 0
    assert main(["followup", "1", "--kind", "reminder", "--out", str(tmp_path / "out"), "--format", "txt",
                 "--db", db, "--date", "2026-11-23"]) == 0
    (reminder,) = (tmp_path / "out").glob("*/doctolib.fr.reminder.txt")
    lines = reminder.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "Olga Martin" and "– prénom : Olga (Ольга)" in flat("\n".join(lines))
