"""The interview as data: every key of the answers schema is a question, asked when it applies, checked strictly."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sar import deadlines, i18n, interview
from sar.errors import InputError
from sar.interview import question, validate, parse_text

# The keys of the answers schema in docs/design.md, plus the lab site's name and address (the `your-lab-site` slot needs them).
SCHEMA_KEYS = {
    "settings": {"lang"},
    "person": {"first_name", "last_name", "birth_date", "address", "postcode", "city", "email", "nir", "region",
               "first_name_latin", "last_name_latin"},
    "journey": {
        "doctor", "doctor_name", "doctor_address", "doctor_software", "booking", "teleconsultation", "lab",
        "lab_name", "lab_address", "lab_results_online", "pharmacy", "pharmacy_name", "pharmacy_address",
        "dossier_pharmaceutique", "hospital", "hospital_name", "hospital_address", "imaging", "ald", "insurance_fund",
        "insurance_fund_name", "mutuelle", "tiers_payant", "tiers_payant_operator", "special_guarantees",
        "mon_espace_sante", "devices",
    },
}


# New with several places of each kind: the practitioner's specialty, the imaging centre's name and address; then the
# numbered keys of the places after the first (sar.care_places), `doctor_2`, `doctor_2_name`...
SCHEMA_KEYS["journey"] |= {"doctor_specialty", "imaging_name", "imaging_address"}
NUMBERED_KEYS = {f"{base}_{n}{'_' + field if field else ''}"
                 for base, fields in (("doctor", ("name", "specialty", "address", "software")), ("pharmacy", ("name", "address")),
                                      ("lab", ("name", "address", "results_online")), ("hospital", ("name", "address")),
                                      ("imaging", ("name", "address")))
                 for n in range(2, 10) for field in ("", *fields)}


def test_every_schema_key_is_a_question_in_its_section():
    for section, keys in SCHEMA_KEYS.items():
        assert set(interview.SECTION_KEYS[section]) == keys | (NUMBERED_KEYS if section == "journey" else set())
    assert len({q.id for q in interview.QUESTIONS}) == len(interview.QUESTIONS)


def test_every_question_is_well_formed():
    for q in interview.QUESTIONS:
        assert q.kind in interview.KINDS, q.id
        assert q.section in interview.SECTIONS, q.id
        assert q.prompt, q.id
        if q.kind in ("choice", "choices", "choice_or_text", "yes_no"):
            assert q.choices, q.id
        if q.default is not None and q.kind in ("choice",):
            assert q.default in q.choice_values, q.id


def test_region_choices_are_the_deadline_regions():
    assert question("region").choice_values == tuple(deadlines.REGIONS)


def test_help_texts_explain_the_words_a_patient_may_not_know():
    assert "tiers payant" in question("tiers_payant").help
    assert "Dossier Pharmaceutique" in question("dossier_pharmaceutique").help
    assert "ALD" in question("ald").help
    assert "Mon Espace Santé" in question("mon_espace_sante").help


def test_prompts_are_translated_into_french():
    assert i18n.gettext(question("doctor").prompt, "fr") != question("doctor").prompt


def walk(answers_to_give: dict) -> list[str]:
    """Walk the interview as the chat does, answering from `answers_to_give` (else the question's empty value)."""
    answers: dict = {}
    asked = []
    while (q := interview.next_question(answers)) is not None:
        asked.append(q.id)
        answers[q.id] = answers_to_give.get(q.id, q.empty_value() if not q.required else "x")
    return asked


def test_follow_up_questions_are_asked_only_when_they_apply():
    asked = walk({})
    assert "doctor_name" not in asked and "lab_name" not in asked and "tiers_payant" not in asked
    assert "pharmacy_name" not in asked and "hospital_name" not in asked
    asked = walk({"doctor": True, "lab": "cerballiance", "pharmacy": True, "hospital": "public", "mutuelle": "mgen"})
    for key in ("doctor_name", "doctor_address", "doctor_software", "lab_name", "lab_results_online", "pharmacy_name",
                "dossier_pharmaceutique", "hospital_name", "tiers_payant", "special_guarantees"):
        assert key in asked
    assert asked[0] == "lang" and asked.index("doctor") < asked.index("doctor_name")


def test_next_question_is_none_when_done_and_complete_fills_every_key():
    answers = {q.id: q.empty_value() for q in interview.QUESTIONS}
    assert interview.next_question(answers) is None
    full = interview.complete({"doctor": False, "doctor_name": "Dr X", "lab": "none"})
    assert set(full) == {q.id for q in interview.QUESTIONS}
    assert full["doctor_name"] == ""  # the question does not apply without a doctor
    assert full["booking"] == () and full["lab_results_online"] is False and full["region"] == "metropole"


@pytest.mark.parametrize(
    "key, raw, expected",
    [
        ("nir", "2 95 10 99 126 111 93", "295109912611193"),
        ("nir", "295109912611193", "295109912611193"),
        ("nir", "", ""),
        ("postcode", "69003", "69003"),
        ("postcode", "20000", "20000"),
        ("postcode", "97400", "97400"),
        ("postcode", " 75 001 ", "75001"),
        ("birth_date", "1985-04-12", date(1985, 4, 12)),
        ("birth_date", date(1985, 4, 12), date(1985, 4, 12)),
        ("email", "camille@example.org", "camille@example.org"),
        ("email", "", ""),
        ("doctor", True, True),
        ("doctor", "oui", True),
        ("doctor", "NON", False),
        ("doctor", 1, True),
        ("lab", "Cerballiance", "cerballiance"),
        ("booking", ["doctolib", "maiia", "doctolib"], ("doctolib", "maiia")),
        ("booking", "doctolib; keldoc", ("doctolib", "keldoc")),
        ("booking", [], ()),
        ("mutuelle", "MGEN", "mgen"),
        ("mutuelle", "Mutuelle des Motards", "Mutuelle des Motards"),
        ("mutuelle", "", "none"),
        ("region", "alsace-moselle", "alsace-moselle"),
        ("first_name", "  Camille  ", "Camille"),
    ],
)
def test_good_answers_are_read(key, raw, expected):
    assert validate(question(key), raw) == expected


@pytest.mark.parametrize(
    "key, raw, message",
    [
        ("nir", "2 95 10 99 126 111 94", "key"),
        ("nir", "12345", "15 digits"),
        ("postcode", "6900", "5 digits"),
        ("postcode", "2A004", "start with 20"),
        ("postcode", "00123", "not a French postcode"),
        ("postcode", "hello", "5 digits"),
        ("birth_date", "1985-02-30", "February 1985 has 28 days"),
        ("birth_date", "04/13/1985", "perhaps you meant 13/04/1985"),
        ("birth_date", (date.today() + timedelta(days=1)).isoformat(), "future"),
        ("birth_date", "1850-01-01", "plausible"),
        ("email", "camille.example.org", "e-mail"),
        ("email", "camille@localhost", "e-mail"),
        ("doctor", "maybe", "yes or no"),
        ("doctor", 2, "yes or no"),
        ("lab", "quest", "cerballiance"),
        ("lab", ["cerballiance"], "expected one of"),
        ("booking", ["doctolib", "calendly"], "calendly"),
        ("booking", 3, "list"),
        ("first_name", "", "required"),
        ("first_name", 12, "text"),
        ("region", "corse", "metropole"),
    ],
)
def test_bad_answers_are_refused_with_a_specific_message(key, raw, message):
    with pytest.raises(InputError) as error:
        validate(question(key), raw)
    assert message in str(error.value)


def test_error_messages_follow_the_ui_language():
    i18n.set_language("fr")
    with pytest.raises(InputError) as error:
        validate(question("postcode"), "6900")
    assert "5 chiffres" in str(error.value)


@pytest.mark.parametrize(
    "key, text, expected",
    [
        ("doctor", "oui", True), ("doctor", "Non", False), ("doctor", "true", True), ("doctor", "0", False),
        ("doctor", "", False), ("devices", "withings;dexcom", ("withings", "dexcom")), ("devices", "", ()),
        ("ald", "yes", True), ("birth_date", "1985-04-12", date(1985, 4, 12)),
    ],
)
def test_csv_cells_are_parsed(key, text, expected):
    assert parse_text(question(key), text) == expected
