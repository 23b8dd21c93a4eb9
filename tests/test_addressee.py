"""The right addressee: the person's own caisse from the postcode, the tiers-payant operator on the card, the doctor by
name with no DPO line, and Mon Espace Santé's letter to the caisse's DPO saying what the account already shows."""

from __future__ import annotations

from datetime import date

import pytest

from sar import inference, interview
from sar.journey import Journey, Person, journey_from_document
from sar.letter_templates import frame
from sar.letters import render_letter

DAY = date(2026, 12, 1)
DPO_LINE = {lang: frame(lang)["for_the_attention"] for lang in ("fr", "en")}


def journey(postcode: str = "69003", city: str = "Lyon", lang: str = "fr", **answers) -> Journey:
    person = Person("Camille", "Martin", date(1985, 4, 12), "12 rue des Lilas", postcode, city)
    return Journey(person, lang, interview.complete({"mon_espace_sante": "active", **answers}))


def findings(j: Journey) -> dict:
    return {f.actor.id: f for f in inference.infer(j)}


def letter(j: Journey, actor_id: str, lang: str, channel: str = "post"):
    finding = findings(j)[actor_id]
    return render_letter(finding.letter, j, finding, lang=lang, on=DAY, channel=channel)


def text_of(letter) -> str:
    return "\n".join([*letter.recipient, letter.subject, *letter.body])


# -- the caisse from the postcode ------------------------------------------------------------------------------------------

def test_your_cpam_takes_the_caisse_of_the_postcode_and_its_published_contact():
    cpam = findings(journey("49100", "Angers"))["your-cpam"].actor
    assert cpam.name.fr == cpam.name.en == "CPAM de Maine-et-Loire"
    assert cpam.contact.email == "dpo.cpam-maine-et-loire@assurance-maladie.fr"
    assert "32 rue Louis Gain" in cpam.contact.postal and cpam.contact.source.startswith("https://rapport-annuel")
    for lang in ("fr", "en"):
        sent = letter(journey("49100", "Angers"), "your-cpam", lang)
        assert not sent.recipient_missing
        assert sent.recipient[:2] == ("CPAM de Maine-et-Loire", "Madame La directrice de la CPAM de Maine-et-Loire")
        assert sent.recipient.count(DPO_LINE[lang]) == 1  # the DPO named once, in the frame's short form
        assert sent.recipient[-1] == "49937 ANGERS CEDEX 9"


def test_a_caisse_without_a_published_contact_is_named_and_left_blank_with_where_to_look():
    cpam = findings(journey())["your-cpam"]
    assert cpam.actor.name.fr == "CPAM du Rhône" and cpam.actor.contact.is_empty
    assert "CPAM du Rhône" in cpam.reasons[0].en
    assert "ameli.fr" in cpam.actor.notes.en and "ameli.fr" in cpam.actor.notes.fr
    # The State's 2015 directory is a lead in the notes, never the address.
    assert "2015" in cpam.actor.notes.en and "69907 Lyon Cedex 20" in cpam.actor.notes.en
    sent = letter(journey(), "your-cpam", "fr")
    assert sent.recipient_missing and sent.recipient[0] == "CPAM du Rhône"
    assert "69907" not in text_of(sent)


def test_the_date_a_caisse_s_page_was_read_is_written_in_words_in_each_language():
    notes = findings(journey("49100", "Angers"))["your-cpam"].actor.notes
    assert "lue le 1er décembre 2026" in notes.fr.replace("\u202f", " ").replace("\xa0", " ")
    assert "read on 1 December 2026" in notes.en.replace("\u202f", " ").replace("\xa0", " ")
    assert "2026-12-01" not in notes.fr and "2026-12-01" not in notes.en


@pytest.mark.parametrize("postcode, city, answers", [
    ("69003", "Lyon", {}),  # no address: the caisse's notes say where to look
    ("49100", "Angers", {}),  # the caisse's own address
    ("69003", "Lyon", {"insurance_fund_name": "CPAM du Rhône"}),  # the caisse named by the person
])
def test_a_cpam_member_is_told_where_to_look_once(postcode, city, answers):
    notes = findings(journey(postcode, city, **answers))["your-cpam"].actor.notes
    assert notes.fr.count("ameli.fr") <= 1 and notes.en.count("ameli.fr") <= 1
    assert notes.fr.count("courriers qu'elle vous envoie") <= 1
    assert notes.en.count("letters it sends you") <= 1


@pytest.mark.parametrize("postcode, city", [("35000", "Rennes"), ("32000", "Auch"), ("59000", "Lille")])
def test_an_msa_member_never_reads_ameli(postcode, city):
    found = findings(journey(postcode, city, insurance_fund="msa", ald=True, mutuelle="mgen"))
    assert "msa" in found
    for finding in found.values():
        texts = [*finding.actor.notes.values(), *(text for reason in finding.reasons for text in reason.values())]
        assert not any("ameli" in text for text in texts), finding.actor.id


def test_a_departement_with_several_caisses_gives_the_candidates_unless_the_name_picks_one():
    lille = findings(journey("59000", "Lille"))["your-cpam"].actor
    assert lille.name.fr == "Votre caisse primaire d'assurance maladie" and lille.contact.is_empty
    assert "CPAM de Lille-Douai" in lille.notes.en and "CPAM du Hainaut" in lille.notes.fr
    roubaix = findings(journey("59100", "Roubaix", insurance_fund_name="CPAM de Roubaix-Tourcoing"))["your-cpam"]
    assert roubaix.actor.name.fr == "CPAM de Roubaix-Tourcoing"
    assert "CPAM de Lille-Douai" not in roubaix.actor.notes.en


def test_a_name_typed_loosely_takes_the_caisse_s_own_spelling():
    cpam = findings(journey("69003", insurance_fund_name="cpam rhone"))["your-cpam"].actor
    assert cpam.name.fr == "CPAM du Rhône"


def test_the_name_the_person_gave_wins_and_a_mismatch_is_said():
    own = findings(journey("69003", insurance_fund_name="Caisse de mon employeur"))["your-cpam"].actor
    assert own.name.fr == "Caisse de mon employeur" and own.contact.is_empty
    assert "CPAM du Rhône" in own.notes.en and "Caisse de mon employeur" in own.notes.fr
    moved = findings(journey("75011", "Paris", insurance_fund_name="CPAM de Maine-et-Loire"))["your-cpam"].actor
    assert moved.contact.email == "dpo.cpam-maine-et-loire@assurance-maladie.fr"


def test_msa_takes_the_msa_caisse_of_the_departement():
    msa = findings(journey("35000", "Rennes", insurance_fund="msa"))["msa"].actor
    assert msa.name.fr == "MSA Portes de Bretagne" and msa.contact.is_empty
    assert "msa.fr" in msa.notes.fr and "msa.fr" in msa.notes.en
    assert "partly" in msa.notes.en  # the coverage of Ille-et-Vilaine is only partly stated
    sent = letter(journey("35000", "Rennes", insurance_fund="msa"), "msa", "en")
    assert sent.recipient[0] == "MSA Portes de Bretagne" and sent.recipient_missing


def test_another_fund_is_left_alone():
    found = findings(journey(insurance_fund="other", insurance_fund_name="CNMSS"))
    assert "your-cpam" not in found and found["mon-espace-sante"].actor.contact.is_empty


def test_the_ald_letter_to_the_medical_service_goes_through_the_caisse():
    medical = findings(journey("49100", "Angers", ald=True))["cpam-medical-service"].actor
    assert medical.contact.email == "dpo.cpam-maine-et-loire@assurance-maladie.fr"


# -- Mon Espace Santé -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, self_service, request_covers", [
    ("fr", "l'historique des accès", "ma demande porte sur le reste"),
    ("en", "the access history myself", "my request covers the rest"),
])
def test_mon_espace_sante_letter_goes_to_the_caisse_dpo_and_says_what_the_account_shows(lang, self_service,
                                                                                        request_covers):
    j = journey("49100", "Angers", lang=lang)
    sent = letter(j, "mon-espace-sante", lang)
    assert sent.recipient[0] == "CPAM de Maine-et-Loire – Mon espace santé"
    assert "32 rue Louis Gain" in sent.recipient and not sent.recipient_missing
    body = "\n".join(sent.body)
    assert "Mon espace santé" in sent.subject
    assert self_service in body and request_covers in body
    assert ("documents de mon dossier médical partagé" if lang == "fr" else "documents of my shared medical record") in body
    assert ("nature et codes des actes" if lang == "fr" else "codes of medical procedures") not in body


def test_mon_espace_sante_finding_says_what_the_person_can_read_and_names_the_caisse():
    found = findings(journey())["mon-espace-sante"]
    reason = found.reasons[0]
    assert "history of who accessed it" in reason.en and "historique des accès" in reason.fr
    assert "CPAM du Rhône" in reason.en and "CPAM du Rhône" in found.actor.name.fr
    assert "Mon espace santé" in found.actor.notes.fr


def test_an_insurer_letter_keeps_its_own_questions():
    body = "\n".join(letter(journey("49100", "Angers"), "your-cpam", "fr").body)
    assert "nature et codes des actes" in body and "historique des accès" not in body


# -- the tiers-payant operator on the card -------------------------------------------------------------------------------

@pytest.mark.parametrize("operator, actor_id, likelihood", [
    ("almerys", "almerys", "certain"),
    ("viamedis", "viamedis", "certain"),
    ("sp-sante", "sp-sante", "certain"),
    ("unknown", "tiers-payant-operator", "likely"),
])
def test_the_operator_named_on_the_card_gets_its_own_record(operator, actor_id, likelihood):
    found = findings(journey(mutuelle="mgen", tiers_payant=True, tiers_payant_operator=operator))
    assert found[actor_id].likelihood == likelihood
    assert not {"almerys", "viamedis", "sp-sante", "tiers-payant-operator"} - {actor_id} & set(found)


def test_an_operator_sar_does_not_know_names_the_generic_record():
    found = findings(journey(mutuelle="mgen", tiers_payant=True, tiers_payant_operator="Actil"))
    assert found["tiers-payant-operator"].actor.name.fr == "Actil"


def test_the_operator_question_is_asked_only_with_the_tiers_payant():
    question = interview.question("tiers_payant_operator")
    assert question.kind == "choice_or_text"
    assert set(question.choice_values) == {"almerys", "viamedis", "sp-sante", "unknown"}
    assert not question.applies({"mutuelle": "mgen", "tiers_payant": False})
    assert question.applies({"mutuelle": "mgen", "tiers_payant": True})
    assert interview.validate(question, "Almerys") == "almerys"


def test_answers_files_without_the_operator_still_work():
    document = {"person": {"first_name": "Camille", "last_name": "Martin", "birth_date": "1985-04-12",
                           "address": "12 rue des Lilas", "postcode": "69003", "city": "Lyon"},
                "journey": {"mutuelle": "mgen", "tiers_payant": True}}
    j = journey_from_document(document)
    assert j.answer("tiers_payant_operator") == "unknown"
    assert findings(j)["tiers-payant-operator"].likelihood == "likely"


# -- the doctor by name, organisations for the attention of their DPO ---------------------------------------------------

@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("channel", ["post", "email"])
def test_the_doctor_gets_the_letter_by_name_without_a_dpo_line(lang, channel):
    j = journey(lang=lang, doctor=True, doctor_name="Dr Jeanne Dupont", doctor_address="3 place Bellecour, 69002 Lyon")
    sent = letter(j, "your-doctor", lang, channel)
    assert sent.recipient[0] == "Dr Jeanne Dupont"
    recipient = "\n".join(sent.recipient).casefold()
    assert "protection des données" not in recipient and "data protection" not in recipient
    if channel == "post":
        assert sent.recipient == ("Dr Jeanne Dupont", "3 place Bellecour", "69002 LYON")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_practitioner_seen_gets_the_letter_by_name(lang):
    j = journey(lang=lang, doctor=True, doctor_name="Dr Jeanne Dupont", doctor_2=True, doctor_2_name="Dr Paul Weber",
                doctor_2_specialty="dentist", doctor_2_address="8 rue Mercière, 69002 Lyon")
    sent = letter(j, "your-doctor-2", lang)
    assert sent.recipient == ("Dr Paul Weber", "8 rue Mercière", "69002 LYON")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_doctor_without_an_address_gets_a_bare_blank(lang):
    sent = letter(journey(lang=lang, doctor=True, doctor_name="Dr Jeanne Dupont"), "your-doctor", lang)
    assert sent.recipient_missing and sent.recipient[0] == "Dr Jeanne Dupont"
    assert all("protection" not in line for line in sent.recipient)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_organisations_get_the_dpo_line(lang):
    j = journey(lang=lang, lab="synlab", pharmacy=True)
    for actor_id in ("synlab", "your-pharmacy", "cnop-dossier-pharmaceutique", "your-cpam"):
        recipient = letter(j, actor_id, lang).recipient
        assert sum(line == DPO_LINE[lang] or "délégué à la protection des données" in line.casefold()
                   for line in recipient if not line.startswith("[")) == 1, (actor_id, recipient)
