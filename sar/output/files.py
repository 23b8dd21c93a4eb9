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
    access letter, with the person's `details` quoted in it.
    """
    formats = check_formats(formats)
    lang = lang or journey.lang
    on = on or date.today()
    out_dir = make_private_dir(Path(out_dir))
    folder = person_folder(out_dir, journey.person, folder_name)
    region = journey.person.region
    received = estimated_receipt(on, "post", region)
    gdpr_due = gdpr_deadlines(received, region).due.due.isoformat()
    # Every letter's name is settled (and recorded) before any letter is written (sar.output.file_names).
    names = LetterNames(folder, durable=durable and not only_if_changed).names_for(
        (finding.actor.id, actor_name(finding.actor, lang)) for finding in findings)
    rows = []
    for finding in findings:
        kind = right if right and right != "access" else finding.letter
        if kind not in ACCESS_KINDS + RIGHT_KINDS:
            continue  # complaints and reminders follow a request; `sar followup` writes them
        sent_lang = letter_language(kind, finding.actor, lang)  # French to a French public body
        # A right's letter sits beside the access letter, named as follow-ups are: <name>.<lang>.<kind>.<ext>.
        stem = names[finding.actor.id]
        name = f"{stem}.{sent_lang}" if kind in ACCESS_KINDS else f"{stem}.{sent_lang}.{kind}"
        written, errors, missing, unchanged = [], [], [], 0
        letters = {}
        kept = _letter_already_written(kind, folder, name, formats, letters, lambda channel: render_letter(
            kind, journey, finding, lang=sent_lang, on=on, channel=channel, details=details)) if kind in RIGHT_KINDS else ""
        if kept:
            rows.append(ManifestRow(person=journey.person.full_name, actor=finding.actor.id, kind=kind, lang=sent_lang,
                                    files=(), contact=_contact_used(finding, lang), gdpr_due=gdpr_due, error=kept))
            continue
        for fmt in formats:
            channel = CHANNEL_OF_FORMAT[fmt]
            try:
                if channel not in letters:
                    letters[channel] = render_letter(kind, journey, finding, lang=sent_lang, on=on, channel=channel,
                                                     details=details)
                letter = letters[channel]
                payload = WRITERS[fmt](letter)
            except SarError as error:
                errors.append(f"{fmt}: {error}")
                continue
            if letter.recipient_missing and channel not in missing:
                missing.append(channel)
            # `folder` was checked by inside(); name, language and format are [a-z0-9-] by construction.
            path = folder / f"{name}.{fmt}"
            if only_if_changed:
                unchanged += not write_private_if_changed(path, payload)
            else:
                write_private(path, payload, durable=durable)
            written.append(path.relative_to(out_dir.resolve()).as_posix())
        own_copy = ""
        if sent_lang != lang and written:  # the person's copy, in their language, beside the French letter to send
            copy_path = folder / (f"{stem}.{lang}.copy.txt" if kind in ACCESS_KINDS
                                  else f"{stem}.{lang}.{kind}.copy.txt")
            try:
                copy = render_letter(kind, journey, finding, lang=lang, on=on, details=details)
                payload = own_copy_text(copy, Path(next((f for f in written if f.endswith(".pdf")), written[0])).name)
                if only_if_changed:
                    unchanged += not write_private_if_changed(copy_path, payload)
                else:
                    write_private(copy_path, payload, durable=durable)
                own_copy = copy_path.relative_to(out_dir.resolve()).as_posix()
                written.append(own_copy)
            except SarError as error:
                errors.append(f"copy: {error}")
        csp_due = ""
        if kind == "access-medical-record":
            csp_due = medical_record_deadlines(received, region).due.due.isoformat()
        rows.append(ManifestRow(
            person=journey.person.full_name, actor=finding.actor.id, kind=kind, lang=sent_lang, files=tuple(written),
            contact=_contact_used(finding, lang), gdpr_due=gdpr_due, csp_due=csp_due, error=" | ".join(errors),
            missing_addresses=tuple(missing), unchanged=unchanged,
            encloses=next(iter(letters.values())).encloses if letters else (), own_copy=own_copy,
            copy_to_dpo=any(letter.copies for letter in letters.values()),
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
