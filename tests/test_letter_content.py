"""What the access letters say to their recipient (issue 17, parts 2, 7 and 8): the data named in the first person and only
personal data; the modes of communication of CSP L.1111-7; art. 15(2) where applicable; addresses as La Poste reads them;
room to sign."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from letter_fixtures import LETTER_DAY, finding, journey
from sar import directory
from sar.bilingual import Bilingual
from sar.directory import Actor, Contact
from sar.letters import ACCESS_KINDS, BLANK_LINE, frame, render_letter
from sar.output import pdf_bytes
from sar.output.text import letter_text

ROOT = Path(__file__).resolve().parent.parent
INTRO = {"fr": "Sans préjuger de votre réponse, ces données peuvent notamment comprendre :",
         "en": "Without prejudging your reply, these data may include in particular:"}
SECOND_PERSON = re.compile(r"(?<![\w-])(vous|votre|vos|you|your|yours)\b", re.IGNORECASE)  # not « rendez-vous »
# Not data an organisation holds about the person: what it does not hold, or data outside the GDPR (recital 26).
NOT_DATA = ("pas le diagnostic", "sans le diagnostic", "not the diagnosis", "without the diagnosis", "anonymis",
            "anonymous", "aucune donnée", "no health data")


def flat(text: str) -> str:
    return " ".join(text.split())


def data_bullets(letter) -> list[str]:
    """The list that follows "these data may include in particular", as the recipient reads it."""
    for paragraph in letter.body:
        lines = paragraph.splitlines()
        if flat(lines[0]) == flat(INTRO[letter.lang]):
            return [line.removeprefix("– ") for line in lines[1:]]
    return []


def bundled_access_actors() -> list[Actor]:
    return [actor for actor in directory.load_directory().values()
            if actor.origin == "bundled" and actor.letter in ACCESS_KINDS]


# -- part 2: the data, written for the recipient ------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_bundled_actor_s_letter_names_its_data_in_the_first_person_and_only_personal_data(lang):
    checked = 0
    for actor in bundled_access_actors():
        letter = render_letter(actor.letter, journey(lang), finding(actor.letter, actor), lang=lang, on=LETTER_DAY)
        bullets = data_bullets(letter)
        assert [flat(b) for b in bullets] == [flat(item) for item in actor.data_requested.exact(lang)], actor.id
        for bullet in bullets:
            assert not SECOND_PERSON.search(bullet), (actor.id, bullet)
            assert not any(phrase in bullet.casefold() for phrase in NOT_DATA), (actor.id, bullet)
        checked += bool(bullets)
    assert checked >= 35  # every organisation of the directory that holds data, not a lucky few


# Mon espace santé's letter says itself what it asks (what the profile does not show the person): a list of everything
# the profile holds would contradict it.
OWN_LIST = {"mon-espace-sante"}


def test_every_bundled_actor_that_holds_data_has_a_letter_text_in_both_languages():
    for actor in bundled_access_actors():
        if actor.data and actor.id not in OWN_LIST:
            assert actor.data_requested.fr and actor.data_requested.en, actor.id
            assert len(actor.data_requested.fr) == len(actor.data_requested.en), actor.id


def test_the_screen_keeps_the_person_s_own_text():
    pharmacy = directory.get("your-pharmacy")
    assert "votre Dossier Pharmaceutique" in " ".join(pharmacy.data.fr)  # to the person, on screen
    assert "mon Dossier Pharmaceutique" in " ".join(pharmacy.data_requested.fr)  # to the pharmacy, in the letter
    assert "your Dossier Pharmaceutique" in " ".join(pharmacy.data.en)
    assert "my Dossier Pharmaceutique" in " ".join(pharmacy.data_requested.en)


def test_an_entry_without_a_letter_text_gets_no_bullets_rather_than_the_person_s_text():
    own = Actor("my-clinic", "Clinique du Lac", data=Bilingual(("votre dossier",), ("your record",)))
    the_finding = finding("access", own)
    for lang in ("fr", "en"):
        letter = render_letter("access", journey(lang), the_finding, lang=lang, on=LETTER_DAY)
        assert data_bullets(letter) == []
        assert "votre dossier" not in letter_text(letter) and "your record" not in letter_text(letter)


def test_a_user_s_correction_of_the_data_drops_our_letter_text(tmp_path, monkeypatch):
    monkeypatch.setenv("SAR_DATA_DIR", str(tmp_path))
    (tmp_path / "directory.toml").write_text(
        '[[actor]]\nid = "withings"\ndata = { fr = ["vos pesées"], en = ["your weigh-ins"] }\n'
        '[[actor]]\nid = "garmin"\nnotes = { fr = "ma montre", en = "my watch" }\n', encoding="utf-8")
    corrected = directory.load_directory()
    assert corrected["withings"].data.fr == ("vos pesées",) and not corrected["withings"].data_requested
    garmin = corrected["garmin"]
    assert garmin.notes.fr == "ma montre" and "Garmin Connect" in garmin.data_requested.fr[0]  # other fields: kept


def test_a_user_entry_may_give_its_own_letter_text(tmp_path, monkeypatch):
    monkeypatch.setenv("SAR_DATA_DIR", str(tmp_path))
    source = tmp_path / "mine.toml"
    source.write_text('[[actor]]\nid = "my-clinic"\nname = "Clinique du Lac"\n'
                      'data_requested = { fr = ["mon dossier de soins"], en = ["my care record"] }\n', encoding="utf-8")
    assert directory.add_user_entries(source) == ["my-clinic"]
    actor = directory.get("my-clinic")
    assert actor.data_requested == Bilingual(("mon dossier de soins",), ("my care record",))
    assert directory.entry_from_actor(actor)["data_requested"] == {"fr": ["mon dossier de soins"], "en": ["my care record"]}


def test_a_bad_letter_text_is_a_directory_error(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[actor]]\nid = "my-clinic"\ndata_requested = "mon dossier"\n', encoding="utf-8")
    with pytest.raises(directory.DirectoryError, match="data_requested"):
        directory.read_entries(bad, user=True)


def run_sar(*args: str, env_dir: Path) -> subprocess.CompletedProcess:
    env = {"SAR_DATA_DIR": str(env_dir), "SAR_DB": str(env_dir / "db.json"), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    return subprocess.run([sys.executable, "-m", "sar", *args], capture_output=True, text=True, env=env, timeout=120)


def test_english_letters_over_french_answers_keep_their_bullets(tmp_path):
    """`sar letters --lang en` over the sample (French) answers: the bullets are there, in English."""
    out = tmp_path / "out"
    done = run_sar("letters", "--answers", str(ROOT / "examples" / "answers.toml"), "--out", str(out), "--lang", "en",
                   "--format", "txt", "--only", "your-pharmacy", env_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    text = flat((out / "camille-martin" / "your-pharmacy.en.txt").read_text(encoding="utf-8"))
    assert flat(INTRO["en"]) + " – the medicines dispensed to me (dates, quantities)" in text
    assert "votre" not in text and "délivrés" not in text


# -- part 7: the medical record, as L.1111-7 lets the person have it; art. 15(2) everywhere --------------------------------

DOCTOR = Actor("your-doctor", "Dr Jeanne Dupont", kind="slot", contact=Contact(postal="3 place Bellecour, 69002 Lyon"))


@pytest.mark.parametrize("lang, modes, electronic, paper", [
    ("fr", ["directement ou par l'intermédiaire d'un médecin que je désigne", "consulter sur place",
            "d'en obtenir copie"], "sous une forme électronique d'usage courant", "sur papier, à mon adresse postale"),
    ("en", ["directly or through a doctor I designate", "consult it on site", "obtain a copy"],
     "in a commonly used electronic form", "on paper, at my postal address"),
])
def test_the_medical_record_letter_offers_the_modes_of_l1111_7(lang, modes, electronic, paper):
    with_email = flat(letter_text(render_letter("access-medical-record", journey(lang), finding("access-medical-record",
                                                DOCTOR), lang=lang, on=LETTER_DAY)))
    without = flat(letter_text(render_letter("access-medical-record", journey(lang, email=""),
                                             finding("access-medical-record", DOCTOR), lang=lang, on=LETTER_DAY)))
    for mode in modes:
        assert mode in with_email and mode in without, mode
    assert electronic in with_email and "(elodie@example.org)" in with_email and paper not in with_email
    assert paper in without and electronic not in without and "électronique" not in without.replace(
        "courrier électronique", "")


@pytest.mark.parametrize("lang, safeguards", [
    ("fr", "Le cas échéant, je vous demande de m'informer des garanties appropriées, prévues à l'article 46 du RGPD, qui "
           "encadrent le transfert de ces données vers un pays tiers ou à une organisation internationale"),
    ("en", "Where applicable, please inform me of the appropriate safeguards pursuant to Article 46 GDPR relating to the "
           "transfer of these data to a third country or to an international organisation"),
])
@pytest.mark.parametrize("kind", ACCESS_KINDS)
def test_every_access_letter_asks_for_the_safeguards_of_transfers_once(kind, lang, safeguards):
    text = flat(letter_text(render_letter(kind, journey(lang), finding(kind), lang=lang, on=LETTER_DAY)))
    article = "article 15, paragraphe 2" if lang == "fr" else "Article 15(2)"
    assert text.count(article) == 1, kind
    assert ("Article 46" if lang == "en" else "article 46") in text
    if kind != "access-vendor":  # the vendor's letter asks it in its own list, with the processors and hosting
        assert safeguards in text


# -- part 8: addresses as La Poste reads them, and room to sign ---------------------------------------------------------

LAST_LINE = re.compile(r"^\d{5} [A-Z0-9 ]+$")  # NF Z 10-011: postcode and town, capitals, no accents nor punctuation


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_posted_letter_ends_its_addresses_as_la_poste_reads_them(lang):
    abroad = {"apple": ("IRLANDE", "IRELAND"), "google": ("IRLANDE", "IRELAND"), "garmin": ("ALLEMAGNE", "GERMANY"),
              "samsung": ("ROYAUME-UNI", "UNITED KINGDOM")}
    for actor in bundled_access_actors():
        letter = render_letter(actor.letter, journey(lang), finding(actor.letter, actor), lang=lang, on=LETTER_DAY)
        assert letter.sender[:3] == ("Élodie D'Aubigné-Œuvray", "12 rue des Lilas", "69003 LYON")
        recipient = letter.recipient
        assert len(recipient) <= (7 if actor.id in abroad else 6), (actor.id, recipient)
        assert "France" not in recipient and "FRANCE" not in recipient
        if actor.id in abroad:
            assert recipient[-1] == abroad[actor.id][lang == "en"], actor.id
        elif letter.recipient_missing:
            assert recipient[-2:] == (BLANK_LINE, BLANK_LINE), actor.id  # the last line is left for "POSTCODE TOWN"
        else:
            assert LAST_LINE.match(recipient[-1]), (actor.id, recipient)


def test_an_address_typed_on_one_line_is_laid_out_on_several():
    doctor = Actor("your-doctor", "Dr Jeanne Dupont", kind="slot",
                   contact=Contact(postal="Dr Jeanne Dupont\n55 boulevard Diderot, CS 22305, 75610 Paris Cedex 12"))
    letter = render_letter("access-medical-record", journey(), finding("access-medical-record", doctor), lang="fr",
                           on=LETTER_DAY)
    assert letter.recipient == ("Dr Jeanne Dupont", "55 boulevard Diderot", "CS 22305", "75610 PARIS CEDEX 12")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_frame_s_own_address_lines_fit_la_poste_s_38_characters(lang):
    words = frame(lang)
    for name in ("for_the_attention", "missing_postal", "missing_name"):
        assert len(words[name]) <= 38, name
    assert len(BLANK_LINE) <= 38


def test_a_dpo_line_of_the_source_is_said_once_in_the_frame_s_short_form():
    synlab = directory.get("synlab")
    assert "À l'attention du délégué à la protection des données" in synlab.contact.postal
    for lang in ("fr", "en"):
        letter = render_letter("access-medical-record", journey(lang), finding("access-medical-record", synlab),
                               lang=lang, on=LETTER_DAY)
        assert letter.recipient == ("SYNLAB Gestion", frame(lang)["for_the_attention"], "60/62 rue d'Hauteville",
                                    "75010 PARIS")


def text_positions(data: bytes) -> list[tuple[str, float]]:
    """(text, y of its baseline in mm from the top) of each piece of text on every page, pages stacked."""
    pieces = []
    for number, page in enumerate(PdfReader(io.BytesIO(data)).pages):
        def visit(text, cm, tm, font, size, number=number):
            if text.strip():
                pieces.append((text.strip(), number * 297 + 297 - tm[5] * 25.4 / 72))
        page.extract_text(visitor_text=visit)
    return pieces


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_there_is_room_to_sign_between_the_closing_and_the_typed_name(lang):
    letter = render_letter("access", journey(lang), finding("access"), lang=lang, on=LETTER_DAY)
    positions = text_positions(pdf_bytes(letter))
    closing_end = max(y for text, y in positions if text.endswith(("distinguées.", "Yours faithfully,")))
    name = max(y for text, y in positions if text == "Élodie D'Aubigné-Œuvray")
    assert name - closing_end >= 20  # mm: a handwritten signature fits
    lines = letter_text(letter).splitlines()
    closing = max(i for i, line in enumerate(lines) if line.endswith(("distinguées.", "Yours faithfully,")))
    assert lines[closing + 1:closing + 6] == [""] * 5 and lines[closing + 6].strip() == "Élodie D'Aubigné-Œuvray"
