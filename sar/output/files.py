"""Write a person's letters to disk: `OUT/<person-slug>/<actor-id>.<lang>.<ext>` and `OUT/manifest.csv` (CLI contract).

Every file is private (0600, folders 0700) and every path is built with `slugify` + `inside`, so no name, actor id or
address can steer a file outside OUT. A person's folder is claimed for that person alone (`sar.identity.claim_folder`):
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
from sar.errors import SarError
from sar.identity import claim_folder, person_identity, readable_slug
from sar.inference import Finding
from sar.journey import Journey
from sar.letters import ACCESS_KINDS, RIGHT_KINDS, render_letter
from sar.output import CHANNEL_OF_FORMAT, FORMATS, WRITERS
from sar.private_files import inside, make_private_dir, slugify, write_private, write_private_if_changed

MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = ("person", "actor", "kind", "lang", "files", "contact", "gdpr_due_if_posted_today",
                    "csp_l1111_7_due_if_posted_today", "error")


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

    def cells(self) -> list[str]:
        """The manifest row, in MANIFEST_COLUMNS order (written through `sar.csv_rows.spreadsheet_safe`)."""
        return [self.person, self.actor, self.kind, self.lang, ";".join(self.files), self.contact, self.gdpr_due,
                self.csp_due, self.error]


def check_formats(formats: Iterable[str]) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in formats if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        from sar.i18n import _

        raise SarError(_("unknown format {value!r}: choose among {choices}, separated by commas").format(
            value=",".join(unknown) or "", choices=",".join(FORMATS)))
    return chosen


def _contact_used(finding: Finding) -> str:
    contact = finding.actor.contact
    parts = []
    if contact.postal:
        parts.append("postal: " + " / ".join(line.strip() for line in contact.postal.splitlines() if line.strip()))
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
    that could not; `kept` says why a right's letter is not written at all (`_letter_already_written`).
    """

    finding: Finding
    kind: str
    name: str  # the files' name without the format: <actor>.<lang>, or <actor>.<lang>.<right>
    payloads: tuple[tuple[str, bytes], ...] = ()
    errors: tuple[str, ...] = ()
    missing_addresses: tuple[str, ...] = ()  # channels whose recipient address is a blank to fill
    kept: str = ""


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
    rendered = []
    for finding in findings:
        kind = right if right and right != "access" else finding.letter
        if kind not in ACCESS_KINDS + RIGHT_KINDS:
            continue  # complaints and reminders follow a request; `sar followup` writes them
        actor_slug = slugify(finding.actor.id, fallback="organisation")
        # A right's letter sits beside the access letter, named as follow-ups are: <actor>.<lang>.<kind>.<ext>.
        name = f"{actor_slug}.{lang}" if kind in ACCESS_KINDS else f"{actor_slug}.{lang}.{kind}"

        def render(channel: str, kind=kind, finding=finding):
            return render_letter(kind, journey, finding, lang=lang, on=on, channel=channel, details=details)

        letters: dict = {}
        if kind in RIGHT_KINDS and folder is not None:
            kept = _letter_already_written(kind, folder, name, formats, letters, render)
            if kept:
                rendered.append(RenderedLetter(finding, kind, name, kept=kept))
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
        rendered.append(RenderedLetter(finding, kind, name, tuple(payloads), tuple(errors), tuple(missing)))
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
    (a `sar.rights` id other than access), each letter is that right's, named `<actor>.<lang>.<right>.<ext>` beside the
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
    folder = folder or person_folder(out_dir, journey.person, folder_name)
    region = journey.person.region
    received = estimated_receipt(on, "post", region)
    gdpr_due = gdpr_deadlines(received, region).due.due.isoformat()
    rows = []
    for letter in rendered:
        written, unchanged = [], 0
        for fmt, payload in letter.payloads:
            # `folder` was checked by inside(); slug, language and format are [a-z0-9-] by construction.
            path = folder / f"{letter.name}.{fmt}"
            if only_if_changed:
                unchanged += not write_private_if_changed(path, payload)
            else:
                write_private(path, payload, durable=durable)
            written.append(path.relative_to(out_dir.resolve()).as_posix())
        csp_due = ""
        if letter.kind == "access-medical-record" and not letter.kept:
            csp_due = medical_record_deadlines(received, region).due.due.isoformat()
        rows.append(ManifestRow(
            person=journey.person.full_name, actor=letter.finding.actor.id, kind=letter.kind, lang=lang,
            files=tuple(written), contact=_contact_used(letter.finding), gdpr_due=gdpr_due, csp_due=csp_due,
            error=letter.kept or " | ".join(letter.errors), missing_addresses=letter.missing_addresses,
            unchanged=unchanged,
        ))
    return rows


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


def write_manifest(out_dir: Path, rows: Iterable[ManifestRow]) -> Path:
    """Write OUT/manifest.csv: this run's rows, after the rows of earlier runs for other letters (a later run with
    --only or --right adds to the list instead of replacing it)."""
    path = inside(Path(out_dir), MANIFEST_NAME)
    rows = list(rows)
    earlier = _earlier_rows(path, {tuple(spreadsheet_safe(cell) for cell in row.cells()[:4]) for row in rows})
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(earlier)
    writer.writerows([spreadsheet_safe(cell) for cell in row.cells()] for row in rows)
    return write_private(path, manifest_csv(()) + buffer.getvalue())
