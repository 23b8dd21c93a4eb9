"""Write a person's letters to disk: `OUT/<person-slug>/<name>.<lang>.<ext>` and `OUT/manifest.csv` (CLI contract).

A letter to a French public body is written in French whatever the language chosen (`sar.letters.letter_language`):
the French letter is the one to send, and the text in the person's language is kept beside it as their own copy,
`<name>.<lang>.copy.txt`, headed with a line saying which letter to send.

`<name>` is the organisation's (`dr-claire-roux`, `centre-hospitalier-de-perigueux`, `doctolib`), the same on every run
(`sar.output.file_names`). Every file is private (0600, folders 0700) and every path is built from slugs and `inside`, so
no name, actor id or address can steer a file outside OUT. A person's folder is claimed for that person alone (`sar.identity.claim_folder`):
two people whose names read alike never share one, and a rerun finds its own. One letter that cannot be written (a character no PDF font can print) is reported
in its manifest row and does not stop the others.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable, Sequence

from sar.deadlines import estimated_receipt, gdpr_deadlines, medical_record_deadlines
from sar.csv_rows import spreadsheet_safe
from sar.directory import actor_name
from sar.errors import InputError, SarError
from sar.identity import claim_folder, person_identity, readable_slug
from sar.inference import Finding
from sar.journey import Journey
from sar.letters import ACCESS_KINDS, RIGHT_KINDS, Letter, letter_language, render_letter
from sar.output import CHANNEL_OF_FORMAT, FORMATS, WRITERS
from sar.output.file_names import LETTER_NAMES, LetterNames  # noqa: F401  (LETTER_NAMES: the record's file name)
from sar.private_files import inside, make_private_dir, write_private, write_private_if_changed

MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = ("person", "actor", "kind", "lang", "files", "contact", "gdpr_due_if_posted_today",
                    "csp_l1111_7_due_if_posted_today", "error", "enclose")


@dataclass(frozen=True)
class ManifestRow:
    """One letter written (or not): which files, which contact, and the deadline if it is posted on the letter's date.

    The deadlines are estimates: receipt is estimated at 3 working days after posting (sar.deadlines.estimated_receipt).
    """

    person: str
    actor: str
    kind: str
    lang: str
    files: tuple[str, ...]  # relative to OUT
    contact: str
    gdpr_due: str
    csp_due: str = ""
    error: str = ""
    missing_addresses: tuple[str, ...] = ()  # channels ("post", "email") whose recipient address is a blank to fill
    unchanged: int = 0  # files left alone because they already held these bytes (only_if_changed)
    encloses: tuple[str, ...] = ()  # what to put with the letter (sar.letters.IDENTITY_DOCUMENT)
    own_copy: str = ""  # the text in the person's language, kept as their copy when the letter to send is in French
    copy_to_dpo: bool = False  # the letter says its DPO gets a copy (an establishment's medical record, CSP R.1111-1)
    # its e-mail draft, to the one address known for an establishment, asks to be passed on to the director (R.1111-1)
    forward_to_director: bool = False

    @property
    def to_send(self) -> str:
        """The file to print or send (the PDF, else the first format written), not the person's own copy."""
        letters = [path for path in self.files if path != self.own_copy]
        return next((path for path in letters if path.endswith(".pdf")), letters[0] if letters else "")

    def cells(self) -> list[str]:
        """The manifest row, in MANIFEST_COLUMNS order (written through `sar.csv_rows.spreadsheet_safe`)."""
        return [self.person, self.actor, self.kind, self.lang, ";".join(self.files), self.contact, self.gdpr_due,
                self.csp_due, self.error, ";".join(self.encloses)]


def check_formats(formats: Iterable[str]) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in formats if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        from sar.i18n import _

        raise SarError(_("unknown format {value!r}: choose among {choices}, separated by commas").format(
            value=",".join(unknown) or "", choices=",".join(FORMATS)))
    return chosen


def _contact_used(finding: Finding, lang: str | None = None) -> str:
    from sar.directory.registers import provenance

    contact = finding.actor.contact
    parts = []
    if contact.postal:
        parts.append("postal: " + " / ".join(line.strip() for line in contact.postal.splitlines() if line.strip())
                     + (f" ({provenance(contact, lang)})" if contact.register else ""))
    if contact.email:
        parts.append("email: " + contact.email)
    if contact.web_form:
        parts.append("form: " + contact.web_form)
    return "; ".join(parts) or "none: fill in the blank by hand"


def person_folder(out_dir: Path, person, folder_name: str | None = None) -> Path:
    """`OUT/<person-slug>`: this person's own folder, named from their name (or `folder_name`: bulk runs add the birth
    date), transliterated, with `-2`, `-3`... when another person already has that name."""
    return claim_folder(Path(out_dir), readable_slug(folder_name or person.full_name), person_identity(person),
                        full_name=person.full_name)


@dataclass(frozen=True)
class RenderedLetter:
    """One finding's letter rendered in every format asked for, not yet on disk: `write_rendered` writes it.

    `payloads` holds (format, bytes) for each format that could be rendered, `errors` a "format: reason" line for each
    that could not; `kept` says why a right's letter is not written at all (`_letter_already_written`). `lang` is the
    language of the letter to send (French to a French public body, `sar.letters.letter_language`); `own_copy`, the
    same letter in the person's language when that differs, kept beside it as their copy. The files' name is settled
    when they are written (`sar.output.file_names`): `<name>.<lang><suffix>.<ext>`.
    """

    finding: Finding
    kind: str
    lang: str
    suffix: str = ""  # "" for an access letter, ".<right>" for another right's
    payloads: tuple[tuple[str, bytes], ...] = ()
    errors: tuple[str, ...] = ()
    missing_addresses: tuple[str, ...] = ()  # channels whose recipient address is a blank to fill
    kept: str = ""
    own_copy: Letter | None = None
    encloses: tuple[str, ...] = ()
    copy_to_dpo: bool = False
    forward_to_director: bool = False

    def file_names(self, stem: str, person_lang: str) -> list[str]:
        """The files this letter makes under the name `stem`: one per format rendered, then the person's own copy."""
        names = [f"{stem}.{self.lang}{self.suffix}.{fmt}" for fmt, _payload in self.payloads]
        if self.own_copy is not None and names:
            names.append(f"{stem}.{person_lang}{self.suffix}.copy.txt")
        return names


def letter_names(folder: Path, findings: Iterable[Finding], lang: str, *, durable: bool = True) -> dict[str, str]:
    """The name of each finding's files in the person's folder, settled (and recorded) before any of them is written."""
    return LetterNames(folder, durable=durable).names_for(
        (finding.actor.id, actor_name(finding.actor, lang)) for finding in findings)


def render_letters(
    journey: Journey,
    findings: Sequence[Finding],
    formats: Sequence[str] = FORMATS,
    lang: str | None = None,
    on: date | None = None,
    *,
    folder: Path | None = None,
    right: str | None = None,
    details: str = "",
) -> list[RenderedLetter]:
    """Render one letter per finding in every format, writing nothing: `sar bulk` refuses a row whose letters cannot
    all be written before anything of it reaches the disk. `folder`: the person's folder, where a right's letter
    already written is looked for (None: not looked for)."""
    formats = check_formats(formats)
    lang = lang or journey.lang
    on = on or date.today()
    wanted = [(finding, right if right and right != "access" else finding.letter) for finding in findings]
    # Complaints and reminders follow a request; `sar followup` writes them.
    wanted = [(finding, kind) for finding, kind in wanted if kind in ACCESS_KINDS + RIGHT_KINDS]
    names = letter_names(folder, (f for f, kind in wanted if kind in RIGHT_KINDS), lang) \
        if folder is not None and right and right != "access" else {}
    rendered = []
    for finding, kind in wanted:
        sent_lang = letter_language(kind, finding.actor, lang)  # French to a French public body
        # A right's letter sits beside the access letter, named as follow-ups are: <name>.<lang>.<kind>.<ext>.
        suffix = "" if kind in ACCESS_KINDS else f".{kind}"

        def render(channel: str | None, kind=kind, finding=finding, letter_lang=sent_lang):
            return render_letter(kind, journey, finding, lang=letter_lang, on=on, channel=channel, details=details)

        letters: dict = {}
        if finding.actor.id in names:
            kept = _letter_already_written(kind, folder, f"{names[finding.actor.id]}.{sent_lang}{suffix}", formats,
                                           letters, render)
            if kept:
                rendered.append(RenderedLetter(finding, kind, sent_lang, suffix, kept=kept))
                continue
        payloads, errors, missing = [], [], []
        for fmt in formats:
            channel = CHANNEL_OF_FORMAT[fmt]
            try:
                if channel not in letters:
                    letters[channel] = render(channel)
                letter = letters[channel]
                payloads.append((fmt, WRITERS[fmt](letter)))
            except SarError as error:
                errors.append(f"{fmt}: {error}")
                continue
            if letter.recipient_missing and channel not in missing:
                missing.append(channel)
        own_copy = None
        if sent_lang != lang and payloads:  # the person's copy, in their language, beside the French letter to send
            try:
                own_copy = render_letter(kind, journey, finding, lang=lang, on=on, details=details)
            except SarError as error:
                errors.append(f"copy: {error}")
        rendered.append(RenderedLetter(
            finding, kind, sent_lang, suffix, tuple(payloads), tuple(errors), tuple(missing), own_copy=own_copy,
            encloses=next(iter(letters.values())).encloses if letters else (),
            copy_to_dpo=any(letter.copies for letter in letters.values()),
            forward_to_director=any(letter.channel == "email" and letter.addressee == "director"
                                    for letter in letters.values())))
    return rendered


def write_letters(
    journey: Journey,
    findings: Sequence[Finding],
    out_dir: Path,
    formats: Sequence[str] = FORMATS,
    lang: str | None = None,
    on: date | None = None,
    *,
    durable: bool = True,
    folder_name: str | None = None,
    only_if_changed: bool = False,
    right: str | None = None,
    details: str = "",
) -> list[ManifestRow]:
    """Write one letter per finding and format under `out_dir/<person-slug>/`; return the manifest rows (not yet saved).

    `only_if_changed` leaves a file alone when it already holds the same bytes (a bulk re-run or resume). With `right`
    (a `sar.rights` id other than access), each letter is that right's, named `<name>.<lang>.<right>.<ext>` beside the
    access letter, with the person's `details` quoted in it. A format that cannot be rendered is reported in the row and
    the other formats are written (`sar bulk` is stricter: `render_letters`, then `write_rendered`).
    """
    out_dir = make_private_dir(Path(out_dir))
    folder = person_folder(out_dir, journey.person, folder_name)
    rendered = render_letters(journey, findings, formats, lang, on, folder=folder, right=right, details=details)
    return write_rendered(journey, rendered, out_dir, lang, on, durable=durable, folder=folder,
                          only_if_changed=only_if_changed)


def write_rendered(
    journey: Journey,
    rendered: Sequence[RenderedLetter],
    out_dir: Path,
    lang: str | None = None,
    on: date | None = None,
    *,
    durable: bool = True,
    folder_name: str | None = None,
    folder: Path | None = None,
    only_if_changed: bool = False,
) -> list[ManifestRow]:
    """Write letters already rendered (`render_letters`) into the person's folder (`folder` when it is already
    claimed); return their manifest rows."""
    lang = lang or journey.lang
    on = on or date.today()
    out_dir = make_private_dir(Path(out_dir))
    folder = folder if folder is not None else person_folder(out_dir, journey.person, folder_name)
    region = journey.person.region
    received = estimated_receipt(on, "post", region)
    gdpr_due = gdpr_deadlines(received, region).due.due.isoformat()
    names = letter_names(folder, (letter.finding for letter in rendered), lang,
                          durable=durable and not only_if_changed)
    rows = []
    for letter in rendered:
        file_names = letter.file_names(names[letter.finding.actor.id], lang)
        payloads = [payload for _fmt, payload in letter.payloads]
        if letter.own_copy is not None and payloads:  # headed with the name of the letter to send
            to_send = next((name for name in file_names if name.endswith(".pdf")), file_names[0])
            payloads.append(own_copy_text(letter.own_copy, to_send))
        written, unchanged = [], 0
        for file_name, payload in zip(file_names, payloads):
            # `folder` was checked by inside(); name, language and format are [a-z0-9-] by construction.
            path = folder / file_name
            if only_if_changed:
                unchanged += not write_private_if_changed(path, payload)
            else:
                write_private(path, payload, durable=durable)
            written.append(path.relative_to(out_dir.resolve()).as_posix())
        own_copy = written[-1] if letter.own_copy is not None and len(written) > len(letter.payloads) else ""
        csp_due = ""
        if letter.kind == "access-medical-record" and not letter.kept:
            csp_due = medical_record_deadlines(received, region).due.due.isoformat()
        rows.append(ManifestRow(
            person=journey.person.full_name, actor=letter.finding.actor.id, kind=letter.kind, lang=letter.lang,
            files=tuple(written), contact=_contact_used(letter.finding, lang), gdpr_due=gdpr_due, csp_due=csp_due,
            error=letter.kept or " | ".join(letter.errors), missing_addresses=letter.missing_addresses,
            unchanged=unchanged, encloses=letter.encloses, own_copy=own_copy, copy_to_dpo=letter.copy_to_dpo,
            forward_to_director=letter.forward_to_director,
        ))
    return rows


def own_copy_text(letter: Letter, to_send: str) -> bytes:
    """The person's own copy of a letter sent in French, in their language: its text, headed with a line saying it is
    not the letter to send and which one is (in the copy's language: it is for the person)."""
    from sar.i18n import gettext
    from sar.output.text import letter_text

    note = gettext("Your own copy, not to send: the letter to send is the French one, {file} (a French public body "
                   "works in French).", letter.lang).format(file=to_send)
    return (note + "\n\n" + letter_text(letter)).encode("utf-8")


def _letter_already_written(kind: str, folder: Path, name: str, formats: Sequence[str], letters: dict, render) -> str:
    """Why a right's letter is not written: a letter of that right to that organisation is already there with other
    words (another --details, another day), perhaps the one the person sent; rewriting it would lose the copy of what
    was sent, which a complaint encloses. "" when there is none, or it holds these very bytes. The letters rendered to
    compare are left in `letters` (by channel), for the writing that follows."""
    from sar.i18n import _

    for fmt in formats:
        path = folder / f"{name}.{fmt}"
        if not path.exists():
            continue
        channel = CHANNEL_OF_FORMAT[fmt]
        try:
            letters.setdefault(channel, render(channel))
            same = path.read_bytes() == WRITERS[fmt](letters[channel])
        except (SarError, OSError):
            same = False
        if not same:
            from sar.rights import request_kind_name

            return _("{request}: a letter to this organisation is already in {file}, perhaps the one you sent: it is "
                     "kept as it is; to write another one, move that file elsewhere first").format(
                request=_(request_kind_name(kind)), file=path.name)
    return ""


def manifest_csv(rows: Iterable[ManifestRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(MANIFEST_COLUMNS)
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row.cells()])
    return buffer.getvalue()


def _earlier_rows(path: Path, keys: set[tuple[str, ...]]) -> list[list[str]]:
    """The rows of an existing manifest that this run did not rewrite (other letters, other people), as read."""
    try:
        with path.open(newline="", encoding="utf-8") as stream:
            rows = list(csv.reader(stream))
    except (OSError, UnicodeDecodeError, csv.Error):
        return []
    if not rows or tuple(rows[0]) != MANIFEST_COLUMNS:
        return []  # not a manifest this sar wrote: replaced, as before
    return [row for row in rows[1:] if len(row) == len(MANIFEST_COLUMNS) and tuple(row[:4]) not in keys]


def _renamed_files(out_dir: Path, rows: list[list[str]]) -> list[list[str]]:
    """Earlier rows with their files as they are named now: an organisation named since has its letters renamed
    (`your-doctor.fr.erasure.txt` -> `dr-claire-roux.fr.erasure.txt`, sar.output.file_names)."""
    files_column = MANIFEST_COLUMNS.index("files")
    renames: dict[str, dict[str, str]] = {}

    def now(relative: str) -> str:
        folder, _slash, name = relative.rpartition("/")
        if not folder or "/" in folder or folder.startswith("."):
            return relative
        if folder not in renames:
            try:
                renames[folder] = LetterNames(inside(out_dir, folder)).former_names()
            except (InputError, OSError):
                renames[folder] = {}
        stem, dot, rest = name.partition(".")
        current = renames[folder].get(stem)
        return f"{folder}/{current}{dot}{rest}" if current else relative

    for row in rows:
        row[files_column] = ";".join(now(file) for file in row[files_column].split(";") if file)
    return rows


def write_manifest(out_dir: Path, rows: Iterable[ManifestRow]) -> Path:
    """Write OUT/manifest.csv: this run's rows, after the rows of earlier runs for other letters (a later run with
    --only or --right adds to the list instead of replacing it)."""
    path = inside(Path(out_dir), MANIFEST_NAME)
    rows = list(rows)
    earlier = _renamed_files(Path(out_dir), _earlier_rows(
        path, {tuple(spreadsheet_safe(cell) for cell in row.cells()[:4]) for row in rows}))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(earlier)
    writer.writerows([spreadsheet_safe(cell) for cell in row.cells()] for row in rows)
    return write_private(path, manifest_csv(()) + buffer.getvalue())
