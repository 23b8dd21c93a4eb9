"""Letters read right: every kind in both languages cites its law, identifies the person with what is needed and no
more, states only what is known, and prints user text as typed."""

from __future__ import annotations

import dataclasses
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from letter_fixtures import FOLLOW_UP, FOLLOW_UP_CADA, FOLLOW_UP_INCOMPLETE, LETTER_DAY, finding, journey
from sar.directory import Actor, Contact
from sar.errors import InputError
from sar.addressing import BLANK_LINE
from sar.letter_templates import environment
from sar.letters import KINDS, FollowUp, render_letter
from sar.output.text import letter_text as wrapped_text


def letter_text(letter) -> str:
    """The letter's text with the line wrapping undone, so a phrase can be looked for whatever the line width."""
    return " ".join(wrapped_text(letter).split()) + " " + " ".join(" ".join(letter.recipient).split())

# What each kind must cite, in each language (docs/legal.md).
MUST_CITE = {
    ("access", "fr"): ["article 15", "article 12, paragraphe 3", "article 12, paragraphe 5", "article 15, paragraphe 3",
                       "article 77", "CNIL", "un mois", "électronique d'usage courant"],
    ("access", "en"): ["Article 15", "Article 12(3)", "Article 12(5)", "Article 15(3)", "Article 77", "CNIL",
                       "one month", "commonly used electronic form"],
    ("access-medical-record", "fr"): ["L.1111-7", "article 15", "huit jours", "deux mois", "cinq ans",
                                      "article 12, paragraphe 5", "article 77"],
    ("access-medical-record", "en"): ["L.1111-7", "Article 15", "eight days", "two months", "five years",
                                      "Article 12(5)", "Article 77"],
    ("access-insurer", "fr"): ["article 15", "de qui vous les avez reçues", "à qui vous les avez communiquées",
                               "article 12, paragraphe 3", "article 77"],
    ("access-insurer", "en"): ["Article 15", "from whom you received them", "to whom you have disclosed them",
                               "Article 12(3)", "Article 77"],
    ("access-vendor", "fr"): ["article 15", "sous-traitants", "hébergeur", "article 15, paragraphe 2", "article 46",
                              "hors de l'Union européenne", "article 77"],
    ("access-vendor", "en"): ["Article 15", "processors", "hosting provider", "Article 15(2)", "Article 46",
                              "outside the European Union", "Article 77"],
    ("reminder", "fr"): ["article 15", "article 12, paragraphe 3", "1er septembre 2026", "4 septembre 2026",
                         "5 octobre 2026", "article 77"],
    ("reminder", "en"): ["Article 15", "Article 12(3)", "1 September 2026", "4 September 2026", "5 October 2026",
                         "Article 77"],
    ("incomplete", "fr"): ["article 15, paragraphe 1, point c), du RGPD", "article 15, paragraphe 1, point d), du RGPD",
                           "20 septembre 2026", "article 77"],
    ("incomplete", "en"): ["Article 15(1)(c) GDPR", "Article 15(1)(d) GDPR", "20 September 2026", "Article 77"],
    ("complaint", "fr"): ["article 77", "article 15", "3 place de Fontenoy", "TSA 80715", "75334 PARIS CEDEX 07",
                          "Historique", "Pièces jointes", "Doctolib SAS", "5 octobre 2026"],
    ("complaint", "en"): ["Article 77", "Article 15", "3 place de Fontenoy", "TSA 80715", "75334 PARIS CEDEX 07",
                          "History of my request", "Enclosures", "Doctolib SAS", "5 October 2026"],
}
MUST_CITE[("cada", "fr")] = ["L.342-1", "L.311-1", "L.311-6", "R.343-1", "L.1111-7", "TSA 50730",
                              "75334 PARIS CEDEX 07", "20 septembre 2026", "Pièces jointes"]
MUST_CITE[("cada", "en")] = ["L.342-1", "L.311-1", "L.311-6", "R.343-1", "L.1111-7", "TSA 50730",
                              "75334 PARIS CEDEX 07", "20 September 2026", "Enclosures"]
# The other rights (sar.rights): each its article, the one month of art. 12(3), the reasons of 12(4), the CNIL.
for _right, (_fr, _en) in {"rectification": ("article 16", "Article 16"), "erasure": ("article 17", "Article 17"),
                            "restriction": ("article 18", "Article 18"), "portability": ("article 20", "Article 20"),
                            "objection": ("article 21", "Article 21"),
                            "objection-marketing": ("article 21, paragraphe 2", "Article 21(2)"),
                            "withdrawal": ("article 7, paragraphe 3", "Article 7(3)")}.items():
    MUST_CITE[(_right, "fr")] = [_fr, "article 12, paragraphe 3", "article 12, paragraphe 4", "article 77"]
    MUST_CITE[(_right, "en")] = [_en, "Article 12(3)", "Article 12(4)", "Article 77"]
# Art. 15(1)(a)-(h) items in the four access kinds.
ITEMS = {"fr": ["a) les finalités", "b) les catégories", "c) les destinataires", "d) la durée de conservation",
                "e) l'existence du droit", "f) le droit d'introduire une réclamation", "g) lorsque les données",
                "h) l'existence d'une prise de décision automatisée"],
         "en": ["(a) the purposes", "(b) the categories", "(c) the recipients", "(d) the envisaged period",
                "(e) the existence of the right", "(f) the right to lodge a complaint", "(g) where the data",
                "(h) the existence of automated decision-making"]}
FRAME = {"fr": ["Lyon, le 22 novembre 2026", "Lettre recommandée avec accusé de réception", "Objet : ",
                "Madame, Monsieur,",
                "Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées."],
         "en": ["Lyon, 22 November 2026", "By recorded delivery", "Subject: ", "Dear Sir or Madam,",
                "Yours faithfully,"]}
LEFTOVERS = ["{{", "}}", "{%", "%}", "{#", "None", "StrictUndefined", "Undefined"]


def render(kind, lang, channel="post", **kwargs):
    kwargs.setdefault("followup", {"reminder": FOLLOW_UP, "complaint": FOLLOW_UP,
                                   "incomplete": FOLLOW_UP_INCOMPLETE, "cada": FOLLOW_UP_CADA}.get(kind))
    the_finding = kwargs.pop("finding") if "finding" in kwargs else finding(kind)
    return render_letter(kind, kwargs.pop("journey", journey(lang)), the_finding, lang=lang,
                         on=kwargs.pop("on", LETTER_DAY), channel=channel, **kwargs)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("channel", ["post", "email"])
def test_every_kind_cites_its_law_and_leaves_no_placeholder(kind, lang, channel):
    letter = render(kind, lang, channel)
    text = letter_text(letter)
    for needle in MUST_CITE[(kind, lang)]:
        assert needle in text, needle
    if kind.startswith("access"):
        for item in ITEMS[lang]:
            assert item in text, item
    assert "Élodie" in text and "D'Aubigné-Œuvray" in text
    for leftover in LEFTOVERS:
        assert leftover not in text, leftover
    assert letter.kind == kind and letter.lang == lang and letter.subject


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_french_and_english_letters_have_their_frame(lang):
    text = letter_text(render("access", lang))
    for needle in FRAME[lang]:
        assert needle in text, needle
    # The sender block comes first, then the recipient, then the place and date.
    assert text.index("Élodie") < text.index("Ordre national") < text.index(FRAME[lang][0])


def test_french_dates_write_1er():
    letter = render("access", "fr", on=date(2026, 12, 1))
    assert letter.place_date == "Lyon, le 1er décembre 2026"


@pytest.mark.parametrize("kind, birth, nir", [
    ("access", True, False),
    ("access-medical-record", True, False),
    ("access-insurer", True, True),  # your-cpam: the insurance fund
    ("access-vendor", False, False),  # a platform finds the account by e-mail
    ("complaint", False, False),
])
def test_identity_is_what_the_recipient_needs_and_no_more(kind, birth, nir):
    text = letter_text(render(kind, "fr"))
    assert ("12 avril 1985" in text) is birth
    assert ("2 95 10 99 126 111 93" in text) is nir
    assert "295109912611193" not in text


def test_nir_goes_only_to_the_insurance_fund_and_only_if_given():
    mutuelle = Actor("harmonie-mutuelle", "Harmonie Mutuelle")
    assert "sécurité sociale" not in letter_text(render("access-insurer", "fr", finding=finding("access-insurer", mutuelle)))
    assert "sécurité sociale" not in letter_text(render("access-insurer", "fr", journey=journey(nir="")))
    for fund in ("cnam", "msa", "cpam-medical-service", "mon-espace-sante"):
        text = letter_text(render("access-insurer", "fr", finding=finding("access-insurer", Actor(fund, fund.upper()))))
        assert "2 95 10 99 126 111 93" in text, fund


def test_a_missing_contact_leaves_a_visible_blank_never_an_invented_address():
    nowhere = Actor("cerballiance", "Cerballiance")
    post = render("access", "fr", finding=finding("access", nowhere))
    assert post.recipient_missing
    assert BLANK_LINE in post.recipient and any("à compléter" in line for line in post.recipient)
    email = render("access", "en", "email", finding=finding("access", nowhere))
    assert email.recipient_missing and email.to_email == ""
    assert any("fill in" in line for line in email.recipient)
    known = render("access-vendor", "fr")
    assert not known.recipient_missing
    # The address names its addressee itself ("Doctolib – DPO"), so the display name is not repeated; La Poste's last
    # line: postcode and town in capitals, no punctuation.
    assert known.recipient == ("Doctolib – DPO", "54 quai Charles Pasqua", "92300 LEVALLOIS PERRET")


@pytest.mark.parametrize("hostile", ["{{ 7*7 }}", "{% for x in range(3) %}boom{% endfor %}", "{{ config }}",
                                     "{# hidden #}", "${7*7}"])
def test_template_syntax_typed_by_the_user_prints_as_typed(hostile):
    j = journey("fr", first_name=hostile, address=hostile, city=hostile)
    doctor = Actor("your-doctor", hostile, contact=Contact(postal=hostile))
    for kind in ("access-medical-record", "complaint"):
        text = letter_text(render(kind, "fr", journey=j, finding=finding(kind, doctor)))
        assert hostile in text
        assert "49" not in text.replace("1985", "") or hostile == "${7*7}"
        assert "boomboomboom" not in text


def test_uncertain_findings_do_not_put_words_in_the_letter():
    certain = letter_text(render("access-vendor", "fr"))
    possible = letter_text(render("access-vendor", "fr", finding=finding("access-vendor", likelihood="possible")))
    assert "l'historique de mes consultations" in certain
    assert "historique" not in possible
    # The letter names the data in its own language, whatever the journey's, and never the person's screen text.
    english = letter_text(render("access-vendor", "en", journey=journey("fr")))
    assert "the history of my visits" in english and "historique" not in english
    assert "votre historique" not in certain and "your history" not in english


def test_a_follow_up_before_the_deadline_is_refused():
    for kind in ("reminder", "complaint"):
        with pytest.raises(InputError, match="deadline has passed"):
            render(kind, "en", on=date(2026, 10, 5))
    with pytest.raises(InputError, match="needs the dates"):
        render("reminder", "en", followup=None)


def test_an_estimated_receipt_is_never_stated_as_a_fact():
    estimated = dataclasses.replace(FOLLOW_UP, received_is_estimate=True)
    text = letter_text(render("reminder", "fr", followup=estimated))
    assert "4 septembre 2026" not in text and "5 octobre 2026" not in text
    assert "Plus d'un mois s'est écoulé depuis l'envoi" in text
    letter = render("complaint", "en", followup=estimated)
    assert "received on" not in letter_text(letter)
    assert not any("acknowledgement" in item for item in letter.attachments)


def test_an_extension_and_a_partial_answer_are_told_as_they_happened():
    followup = FollowUp(sent_on=date(2026, 6, 1), received_on=date(2026, 6, 3), due=date(2026, 7, 3),
                        extended_due=date(2026, 9, 3), answered_on=date(2026, 8, 20), reminded_on=date(2026, 9, 10))
    text = letter_text(render("complaint", "fr", followup=followup))
    assert "prolongation" in text and "3 septembre 2026" in text
    assert "réponse de l'organisme du 20 août 2026" in text
    assert "copie de ma relance du 10 septembre 2026" in text
    with pytest.raises(InputError):
        render("complaint", "fr", followup=followup, on=date(2026, 9, 3))


def test_medical_record_reminder_recalls_l1111_7():
    followup = dataclasses.replace(FOLLOW_UP, request_kind="access-medical-record")
    assert "L.1111-7" in letter_text(render("reminder", "fr", followup=followup))
    assert "L.1111-7" not in letter_text(render("reminder", "fr"))


def test_unknown_kind_or_channel_is_an_input_error():
    with pytest.raises(InputError):
        render("access-everything", "fr", finding=finding("access"))
    with pytest.raises(InputError):
        render("access", "fr", channel="pigeon")


def test_the_environment_is_built_once_and_rendering_is_quick():
    assert environment() is environment()
    start = time.perf_counter()
    for _ in range(50):
        render("access", "fr")
    # Not a timing assertion on the machine: a sanity bound that catches re-reading templates for every letter.
    assert time.perf_counter() - start < 5


@pytest.mark.parametrize("letters_lang", ["fr", "en"])
def test_a_letter_holds_only_its_own_language_whatever_the_journeys(letters_lang):
    """Issue 18: with answers in one language and letters in the other, nothing of the other language leaks in."""
    from sar.inference import infer
    from sar.journey import load_answers
    from sar.letters import ACCESS_KINDS
    from sar.output.text import letter_text

    answers = load_answers(Path(__file__).resolve().parent.parent / "examples" / "answers.toml")
    other = "en" if letters_lang == "fr" else "fr"
    for journey_lang in ("fr", "en"):
        journey = replace(answers, lang=journey_lang)
        for found in infer(journey):
            if found.letter not in ACCESS_KINDS:
                continue
            text = " ".join(letter_text(render_letter(found.letter, journey, found, lang=letters_lang,
                                                      on=LETTER_DAY)).split())
            own, foreign = found.actor.data_requested[letters_lang], found.actor.data_requested[other]
            assert all(item in text for item in own) if found.likelihood != "possible" else True, found.actor.id
            leaked = [item for item in foreign if item not in own and item in text]
            assert not leaked, (found.actor.id, leaked)
            name, other_name = found.actor.name[letters_lang], found.actor.name[other]
            assert other_name == name or other_name not in text, found.actor.id
            # A named organisation is the addressee: by its name, or by the address's own first line when that names
            # it ("Doctolib – DPO" for "Doctolib SAS").
            assert (name not in text) if found.actor.unnamed else (name.split()[0] in text), found.actor.id


@pytest.mark.parametrize("lang, note", [("fr", "[nom du destinataire à compléter]"), ("en", "[recipient's name: fill in]")])
def test_a_placeholder_is_never_an_addressee(lang, note):
    """Issue 17.3: an unnamed slot ("Votre pharmacie") or the generic tiers-payant operator gets a blank for its name."""
    from sar import directory

    for actor_id in ("your-pharmacy", "tiers-payant-operator"):
        actor = directory.get(actor_id)
        letter = render_letter("access", journey(lang), finding("access", actor), lang=lang, on=LETTER_DAY)
        assert letter.recipient[:2] == (note, BLANK_LINE), actor_id
        assert actor.name[lang] not in "\n".join(letter.recipient)
    named = directory.fill_slot(directory.get("your-pharmacy"), name="Pharmacie du Parc", postal="1 rue X, 69003 Lyon")
    letter = render_letter("access", journey(lang), finding("access", named), lang=lang, on=LETTER_DAY)
    assert letter.recipient[0] == "Pharmacie du Parc" and not named.unnamed
