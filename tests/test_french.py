"""French as a French reader expects (issue 17.9): « de » and « à » before a name, and French typography's no-break
spaces, in French letters only."""

from __future__ import annotations

import email
import io
import re
from email import policy

import pytest
from pypdf import PdfReader

from letter_fixtures import LETTER_DAY, finding, journey
from sar.french import NO_BREAK_SPACE, a, de, typographie
from sar.letter_templates import environment
from sar.letters import ACCESS_KINDS, render_letter
from sar.output import eml_bytes, pdf_bytes, text_bytes
from sar.output.letter_font import font_files, glyphs


@pytest.mark.parametrize("name, with_de, with_a", [
    ("Alan", "d'Alan", "à Alan"),
    ("Apple Distribution International Ltd", "d'Apple Distribution International Ltd", "à Apple Distribution International Ltd"),
    ("Eurofins", "d'Eurofins", "à Eurofins"),
    ("Harmonie Mutuelle", "d'Harmonie Mutuelle", "à Harmonie Mutuelle"),  # a mute h
    ("HelloDoc", "de HelloDoc", "à HelloDoc"),  # an aspirated h
    ("Doctolib SAS", "de Doctolib SAS", "à Doctolib SAS"),
    ("Hôpital Édouard-Herriot", "de l'Hôpital Édouard-Herriot", "à l'Hôpital Édouard-Herriot"),
    ("Pharmacie des Terreaux", "de la Pharmacie des Terreaux", "à la Pharmacie des Terreaux"),
    ("Opérateur de tiers payant", "de l'Opérateur de tiers payant", "à l'Opérateur de tiers payant"),
    ("Hospices civils de Lyon", "des Hospices civils de Lyon", "aux Hospices civils de Lyon"),
    ("Les Hospices civils de Lyon", "des Hospices civils de Lyon", "aux Hospices civils de Lyon"),
    ("Le Cabinet du Parc", "du Cabinet du Parc", "au Cabinet du Parc"),
    ("La Clinique du Lac", "de la Clinique du Lac", "à la Clinique du Lac"),
    ("L'Institut Curie", "de l'Institut Curie", "à l'Institut Curie"),
    ("Service médical de l'Assurance Maladie", "du Service médical de l'Assurance Maladie",
     "au Service médical de l'Assurance Maladie"),
    ("Caisse nationale de l'Assurance Maladie (CNAM)", "de la Caisse nationale de l'Assurance Maladie (CNAM)",
     "à la Caisse nationale de l'Assurance Maladie (CNAM)"),
    ("CPAM du Rhône", "de la CPAM du Rhône", "à la CPAM du Rhône"),
    ("Conseil national de l'Ordre des pharmaciens", "du Conseil national de l'Ordre des pharmaciens",
     "au Conseil national de l'Ordre des pharmaciens"),
    ("Dr Jeanne Dupont", "du Dr Jeanne Dupont", "au Dr Jeanne Dupont"),
])
def test_de_and_a_elide_and_contract_as_french_does(name, with_de, with_a):
    assert de(name) == with_de
    assert a(name) == with_a


def test_typography_puts_no_break_spaces_where_french_sets_them():
    nbsp = NO_BREAK_SPACE
    assert typographie("Objet : oui ; non ? si ! « RGPD »") == (
        f"Objet{nbsp}: oui{nbsp}; non{nbsp}? si{nbsp}! «{nbsp}RGPD{nbsp}»")
    assert typographie("l'article 15, paragraphe 3, n° 2015-267") == (
        f"l'article{nbsp}15, paragraphe{nbsp}3, n°{nbsp}2015-267")
    # Only typed spaces: an address, a URL or a time are left alone.
    for untouched in ("https://mon.aphp.fr/contact?id=3", "dpo@example.org", "12:30", "l'article premier"):
        assert typographie(untouched) == untouched
    once = typographie("a : b ; « c »")
    assert typographie(once) == once


def test_the_filters_are_there_for_every_french_template():
    """Reminder and complaint templates (another helper's) can write {{ actor.name|de }} and |typographie too."""
    env = environment()
    assert env.from_string("à l'encontre {{ name|de }}").render(name="Alan") == "à l'encontre d'Alan"
    assert env.from_string("{{ name|a }}").render(name="Hospices civils de Lyon") == "aux Hospices civils de Lyon"
    assert env.from_string("{{ 'Objet : x'|typographie }}").render() == f"Objet{NO_BREAK_SPACE}: x"


BREAKABLE_BEFORE = re.compile(r"[ ][;:?!»]|«[ ]")


@pytest.mark.parametrize("channel", ["post", "email"])
@pytest.mark.parametrize("kind", ACCESS_KINDS)
def test_french_access_letters_set_french_spaces_and_english_ones_none(kind, channel):
    french = render_letter(kind, journey("fr"), finding(kind), lang="fr", on=LETTER_DAY, channel=channel)
    english = render_letter(kind, journey("en"), finding(kind), lang="en", on=LETTER_DAY, channel=channel)
    own_text = [french.subject_label + french.subject, *french.body, french.closing, french.attachments_label]
    for text in own_text:
        assert not BREAKABLE_BEFORE.search(text), text
    body = "\n".join(french.body)
    assert f"{NO_BREAK_SPACE};" in body and f"«{NO_BREAK_SPACE}RGPD{NO_BREAK_SPACE}»" in body
    assert french.subject_label == f"Objet{NO_BREAK_SPACE}: "
    for part in (english.subject, *english.body, *english.sender, *english.recipient):
        assert NO_BREAK_SPACE not in part, part


def test_the_no_break_spaces_reach_the_text_the_e_mail_and_the_pdf():
    letter = render_letter("access", journey("fr"), finding("access"), lang="fr", on=LETTER_DAY)
    text = text_bytes(letter).decode("utf-8")
    assert f"Objet{NO_BREAK_SPACE}:" in text and f"traitement{NO_BREAK_SPACE};" in text
    by_email = render_letter("access", journey("fr"), finding("access"), lang="fr", on=LETTER_DAY, channel="email")
    message = email.message_from_bytes(eml_bytes(by_email), policy=policy.default)
    assert f"traitement{NO_BREAK_SPACE};" in message.get_content()
    # The font sar embeds has the character, and the PDF's text gives it back, unbroken.
    assert ord(NO_BREAK_SPACE) in glyphs(font_files().regular) & glyphs(font_files().bold)
    pdf_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes(letter))).pages)
    assert f"traitement{NO_BREAK_SPACE};" in pdf_text


def test_plurals_and_leftovers_in_letters():
    """No "(s)" plural written by hand in any letter template: plurals go through ngettext, or the letter says one."""
    from sar.resources import resource_dir

    for path in resource_dir("letters").rglob("*.j2"):
        assert "(s)" not in path.read_text(encoding="utf-8"), path
