"""The files a person posts or sends: the PDF keeps every accent and the name, embeds its font and posts in a window
envelope, the .eml opens as a UTF-8 draft, paths stay inside OUT, files are private, and characters no font can print
are a clear error."""

from __future__ import annotations

import dataclasses
import email
import io
import os
import stat
from email import policy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from letter_fixtures import FOLLOW_UP, FOLLOW_UP_CADA, FOLLOW_UP_INCOMPLETE, LETTER_DAY, finding, journey
from sar.directory import Actor, Contact
from sar.errors import InputError
from sar.letters import KINDS, render_letter
from sar.output import eml_bytes, pdf_bytes, text_bytes
from sar.output.files import MANIFEST_COLUMNS, manifest_csv, write_letters, write_manifest
from sar.output.pdf import ADDRESS_X, WINDOW

ACCENTS = "é è ç à ô œ « » ’ €"


def render(kind="access", lang="fr", channel="post", **changes):
    return render_letter(kind, journey(lang, **changes), finding(kind), lang=lang, on=LETTER_DAY, channel=channel,
                         followup={"reminder": FOLLOW_UP, "complaint": FOLLOW_UP, "incomplete": FOLLOW_UP_INCOMPLETE,
                                   "cada": FOLLOW_UP_CADA}.get(kind))


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_pdf_round_trips_accents_and_the_name(kind, lang):
    data = pdf_bytes(render(kind, lang, city="Saint-Étienne", address=f"Résidence {ACCENTS}"))
    assert data.startswith(b"%PDF-")
    text = flat(pdf_text(data))
    assert "Élodie D'Aubigné-Œuvray" in text or "Élodie D’Aubigné-Œuvray" in text
    assert flat(ACCENTS) in text
    assert "Saint-Étienne" in text
    reader = PdfReader(io.BytesIO(data))
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.1)  # A4


def test_french_pdf_reads_as_a_french_letter():
    text = flat(pdf_text(pdf_bytes(render("access-medical-record", "fr"))))
    for needle in ("Lyon, le 22 novembre 2026", "Lettre recommandée avec accusé de réception", "Objet : Demande",
                   "L.1111-7", "Madame, Monsieur,", "salutations distinguées"):
        assert needle in text, needle


def test_babel_narrow_spaces_are_normalised_not_an_error():
    letter = dataclasses.replace(render(), place_date="Lyon, le 22\u202fnovembre\u20092026")
    for core_font in (False, True):
        assert "Lyon, le 22 novembre 2026" in flat(pdf_text(pdf_bytes(letter, core_font=core_font)))


def test_a_very_long_name_wraps_and_stays_on_the_page():
    long_last = "Van-Der-Berghe-" * 20 + "Lefèvre"
    data = pdf_bytes(render(last_name=long_last))
    reader = PdfReader(io.BytesIO(data))
    text = "".join(pdf_text(data).split())
    assert long_last.replace("-", "") in text.replace("-", "")
    assert len(reader.pages) <= 3


def test_an_emoji_is_a_clear_error_naming_it_and_where_it_is():
    letter = render(first_name="Élodie \U0001FAE0")  # MELTING FACE: in no font sar uses
    for core_font in (False, True):
        with pytest.raises(InputError) as caught:
            pdf_bytes(letter, core_font=core_font)
        message = str(caught.value)
        assert "\U0001FAE0" in message and "U+1FAE0 MELTING FACE" in message and "sender block" in message
    with pytest.raises(InputError, match="U\\+1F600"):
        pdf_bytes(render(first_name="Élodie 😀"))
    # Text and e-mail keep every character.
    assert "Élodie \U0001FAE0" in text_bytes(letter).decode("utf-8")


def embedded_fonts(data: bytes) -> dict[str, object]:
    """Base font name -> font descriptor, for every font the PDF's pages use."""
    found = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            found[str(font["/BaseFont"])] = descendant.get("/FontDescriptor", {})
    return found


@pytest.mark.parametrize("first_name, last_name", [("Camille", "Martin"), ("Łukasz", "Nguyễn"), ("Ștefan", "Yılmaz"),
                                                   ("Ğül", "Şahin"), ("Δημήτρης", "Παπαδόπουλος"), ("Ольга", "Иванова")])
def test_every_pdf_embeds_the_font_sar_ships_and_the_name_extracts(first_name, last_name):
    data = pdf_bytes(render(first_name=first_name, last_name=last_name))
    fonts = embedded_fonts(data)
    assert fonts and all(name.endswith(("+NotoSans", "+NotoSansBold")) for name in fonts), fonts
    assert all("/FontFile2" in descriptor for descriptor in fonts.values())
    text = flat(pdf_text(data))
    assert f"{first_name} {last_name}" in text and "Lyon, le 22 novembre 2026" in text


def test_letters_in_one_process_share_the_font_but_not_their_characters():
    camille = render(first_name="Camille", last_name="Martin")
    first = pdf_bytes(camille)
    assert "Łukasz Nguyễn" in flat(pdf_text(pdf_bytes(render(first_name="Łukasz", last_name="Nguyễn"))))
    assert pdf_bytes(camille) == first  # the other letter's characters did not leak into this one's font


def test_the_pdf_declares_its_language_and_title():
    for lang in ("fr", "en"):
        letter = render("access", lang)
        reader = PdfReader(io.BytesIO(pdf_bytes(letter)))
        assert reader.trailer["/Root"]["/Lang"] == lang
        assert reader.metadata.title == letter.subject
        assert reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"]


def test_sar_pdf_font_names_another_truetype_font(monkeypatch):
    dejavu = next((path for path in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                                     "/usr/share/fonts/dejavu/DejaVuSans.ttf") if os.path.isfile(path)), None)
    if dejavu is None:
        pytest.skip("no DejaVu Sans on this machine")
    monkeypatch.setenv("SAR_PDF_FONT", dejavu)
    data = pdf_bytes(render(first_name="Élodie 😀"))  # DejaVu Sans has this emoji, Noto Sans does not
    assert all("DejaVuSans" in name for name in embedded_fonts(data))
    assert "Élodie 😀" in pdf_text(data)


def test_sar_pdf_font_naming_a_file_that_is_no_font_is_a_clear_error(tmp_path, monkeypatch):
    not_a_font = tmp_path / "notes.ttf"
    not_a_font.write_text("not a font", encoding="utf-8")
    monkeypatch.setenv("SAR_PDF_FONT", str(not_a_font))
    with pytest.raises(InputError, match="SAR_PDF_FONT"):
        pdf_bytes(render())


def test_names_outside_windows_1252_print_in_the_embedded_font_not_in_the_core_font():
    letter = render(first_name="Łukasz", last_name="Ștefănescu")
    with pytest.raises(InputError, match="U\\+0141"):
        pdf_bytes(letter, core_font=True)
    text = flat(pdf_text(pdf_bytes(letter)))
    assert "Łukasz Ștefănescu" in text and "Lyon, le 22 novembre 2026" in text


def test_an_embedded_font_pdf_stays_small():
    assert len(pdf_bytes(render())) < 40_000
    assert len(pdf_bytes(render(), core_font=True)) < 8000


def text_positions(data: bytes, page: int = 0) -> list[tuple[str, float, float, float]]:
    """(text, x, y, size) of each piece of text on a page: mm from the sheet's top left corner (y: the baseline), pt."""
    pieces = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            pieces.append((text.strip(), tm[4] * 25.4 / 72, 297 - tm[5] * 25.4 / 72, size))

    PdfReader(io.BytesIO(data)).pages[page].extract_text(visitor_text=visit)
    return pieces


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("kind", ["access", "access-medical-record", "access-insurer", "access-vendor", "reminder"])
def test_the_recipient_block_and_nothing_else_shows_in_the_window_of_a_dl_envelope(kind, lang):
    letter = render(kind, lang)  # "access": the recipient's address is missing, a long blank to fill by hand
    positions = [(text, x, y) for text, x, y, _size in text_positions(pdf_bytes(letter))]
    cap_height = 2.6  # a 10 pt line rises about 2.5 mm above its baseline
    in_window_area = [(text, x, y) for text, x, y in positions
                      if x >= WINDOW.left - 1 and y - cap_height < WINDOW.lowest_visible and y > WINDOW.top - 10]
    assert flat(" ".join(text for text, _x, _y in in_window_area)) == flat(" ".join(letter.recipient))
    for text, x, y in in_window_area:
        assert x == pytest.approx(ADDRESS_X + 1.0, abs=0.1), text  # one left-aligned block (cell() pads 1 mm)
        assert WINDOW.left < x < WINDOW.right and WINDOW.top < y - cap_height and y < WINDOW.bottom, (text, x, y)
    sender = [(x, y) for text, x, y in positions if text == letter.sender[0]]
    assert sender[0][0] < 25 and sender[0][1] < 25  # top left, beside the window


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("kind", ["reminder", "complaint"])
def test_a_letter_of_usual_length_is_one_page_without_a_page_number(kind, lang):
    data = pdf_bytes(render(kind, lang))
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    assert "1/1" not in pdf_text(data)


def test_a_letter_that_needs_two_pages_has_two_numbered_pages():
    data = pdf_bytes(render("access-vendor"))
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 2
    assert "1/2" in reader.pages[0].extract_text() and "2/2" in reader.pages[1].extract_text()


def test_a_letter_a_little_too_long_for_one_page_is_set_smaller_to_fit_not_on_two_pages():
    one_page = render("reminder")
    smaller_on_one_page = 0
    for extra in range(8):
        longer = dataclasses.replace(one_page, body=one_page.body + (one_page.body[1],) * extra)
        data = pdf_bytes(longer)
        pages = len(PdfReader(io.BytesIO(data)).pages)
        (body_size,) = {size for text, _x, _y, size in text_positions(data) if text == longer.salutation}
        assert pages == 1 or body_size == 10.5  # two pages only when even the smallest setting would not do
        smaller_on_one_page += pages == 1 and body_size < 10.5
    assert smaller_on_one_page


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_eml_parses_back_as_a_utf8_draft(lang):
    letter = render("access-vendor", lang, "email")
    message = email.message_from_bytes(eml_bytes(letter), policy=policy.default)
    assert message["To"] == "contact.dataprivacy@doctolib.com"
    assert message["From"] == "Élodie D'Aubigné-Œuvray <elodie@example.org>"
    assert message["Subject"] == letter.subject
    assert message["X-Unsent"] == "1"
    assert message.get_content_charset() == "utf-8"
    body = message.get_content()
    assert body.startswith("Madame, Monsieur," if lang == "fr" else "Dear Sir or Madam,")
    assert "Élodie D'Aubigné-Œuvray" in body and "Article 15" in body.replace("article\u00a015", "Article 15")
    # French typography's no-break spaces survive the e-mail encoding, in the body and in the subject.
    assert ("\u00a0;" in body and "«\u00a0RGPD\u00a0»" in body) if lang == "fr" else "\u00a0" not in body
    assert "Lettre recommandée" not in body


def test_eml_without_known_addresses_is_still_a_draft():
    nowhere = Actor("qare", "Qare")
    letter = render_letter("access-vendor", journey("fr", email=""), finding("access-vendor", nowhere), lang="fr",
                           on=LETTER_DAY, channel="email")
    message = email.message_from_bytes(eml_bytes(letter), policy=policy.default)
    assert message["To"] is None and message["From"] is None
    assert message["X-Unsent"] == "1"


def test_a_newline_in_a_name_cannot_inject_a_header():
    letter = render("access-vendor", "fr", "email", last_name="Martin\nBcc: evil@example.org")
    raw = eml_bytes(letter)
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message["Bcc"] is None
    assert b"\nBcc:" not in raw


def findings_for_all_kinds():
    return [finding(kind) for kind in ("access", "access-medical-record", "access-insurer", "access-vendor")]


def test_write_letters_writes_private_files_under_the_person_folder(tmp_path):
    out = tmp_path / "out"
    rows = write_letters(journey("fr"), findings_for_all_kinds(), out, ("pdf", "txt", "eml"), "fr", LETTER_DAY)
    write_manifest(out, rows)
    folder = out / "elodie-d-aubigne-oeuvray"
    assert sorted(p.name for p in folder.iterdir() if p.name != ".sar-person") == sorted(
        f"{actor}.fr.{ext}" for actor in ("cnop-dossier-pharmaceutique", "your-doctor", "your-cpam", "doctolib")
        for ext in ("pdf", "txt", "eml"))
    for path in [*folder.iterdir(), out / "manifest.csv"]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    manifest = (out / "manifest.csv").read_text(encoding="utf-8").splitlines()
    assert manifest[0] == ",".join(MANIFEST_COLUMNS)
    doctor = next(line for line in manifest if ",your-doctor," in line)
    # Posted on Sunday 22 November 2026: estimated receipt Wednesday 25; GDPR due 25 December is a holiday -> 28th.
    assert "2026-12-28" in doctor and "2026-12-03" in doctor
    assert "elodie-d-aubigne-oeuvray/your-doctor.fr.pdf" in doctor


def test_hostile_names_stay_inside_out(tmp_path):
    out = tmp_path / "out"
    evil = Actor("../../../etc/passwd", "Evil", contact=Contact(postal="x"))
    j = journey("fr", first_name="../../etc/passwd", last_name="/..")
    rows = write_letters(j, [finding("access", evil)], out, ("txt",), "fr", LETTER_DAY)
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written and all(out.resolve() in p.resolve().parents for p in written)
    assert rows[0].files == ("etc-passwd/etc-passwd.fr.txt",)


def test_one_bad_format_is_reported_and_the_others_written(tmp_path):
    rows = write_letters(journey("fr", first_name="Élodie \U0001FAE0"), [finding("access")], tmp_path, ("pdf", "txt"),
                         "fr", LETTER_DAY)
    assert rows[0].files == ("elodie-d-aubigne-oeuvray/cnop-dossier-pharmaceutique.fr.txt",)
    assert "U+1FAE0" in rows[0].error and rows[0].error.startswith("pdf:")


def test_manifest_cells_cannot_run_as_spreadsheet_formulas(tmp_path):
    rows = write_letters(journey("fr", first_name="=HYPERLINK(\"http://x\")"), [finding("access")], tmp_path,
                         ("txt",), "fr", LETTER_DAY)
    assert "'=HYPERLINK" in manifest_csv(rows)


def test_missing_contact_is_flagged_in_the_manifest(tmp_path):
    rows = write_letters(journey("en"), [finding("access", Actor("biogroup", "Biogroup"))], tmp_path, ("pdf",), "en",
                         LETTER_DAY)
    assert rows[0].missing_addresses == ("post",)
    assert rows[0].contact.startswith("none")


def test_the_same_letter_gives_the_same_pdf_bytes():
    """Reproducible output: a re-run (bulk resume) can tell an unchanged letter and leave its file alone."""
    from sar.letters import render_letter
    from sar.output import pdf_bytes

    first = pdf_bytes(render_letter("access", journey("fr"), finding("access"), lang="fr", on=LETTER_DAY))
    again = pdf_bytes(render_letter("access", journey("fr"), finding("access"), lang="fr", on=LETTER_DAY))
    assert first == again
    assert b"D:20261122" in first  # the letter's date, not the time it was written


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(["a", "bb", "ccc", "données", "«\u00a0mot\u00a0»", "l'été", "x" * 30, "y" * 90]),
                   max_size=30),
    width=st.sampled_from([20, 40, 78]),
    indent=st.sampled_from(["", "    ", " " * 12]),
    hanging=st.sampled_from(["", "  "]),
)
def test_the_text_wrap_is_textwraps(words, width, indent, hanging):
    """The fast greedy wrap of the text writer breaks lines exactly where textwrap would (single-spaced text)."""
    import textwrap

    from sar.output.text import _fill

    line = " ".join(words)
    expected = textwrap.wrap(line, width, initial_indent=indent, subsequent_indent=indent + hanging,
                             break_long_words=True, break_on_hyphens=False)
    assert [l.rstrip() for l in _fill(line, width, indent, indent + hanging)] == [l.rstrip() for l in expected]
