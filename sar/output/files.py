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
from sar.errors import SarError
from sar.identity import claim_folder, person_identity, readable_slug
from sar.inference import Finding
from sar.journey import Journey
from sar.letters import ACCESS_KINDS, render_letter
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

    def as_csv_row(self) -> list[str]:
        return [_spreadsheet_safe(cell) for cell in (self.person, self.actor, self.kind, self.lang, ";".join(self.files), self.contact, self.gdpr_due,
                self.csp_due, self.error)]


def _spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula (a name typed as "=HYPERLINK(...)" stays text)."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


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
) -> list[ManifestRow]:
    """Write one letter per finding and format under `out_dir/<person-slug>/`; return the manifest rows (not yet saved).

    `only_if_changed` leaves a file alone when it already holds the same bytes (a bulk re-run or resume).
    """
    formats = check_formats(formats)
    lang = lang or journey.lang
    on = on or date.today()
    out_dir = make_private_dir(Path(out_dir))
    folder = person_folder(out_dir, journey.person, folder_name)
    region = journey.person.region
    received = estimated_receipt(on, "post", region)
    gdpr_due = gdpr_deadlines(received, region).due.due.isoformat()
    rows = []
    for finding in findings:
        kind = finding.letter
        if kind not in ACCESS_KINDS:
            continue  # complaints and reminders follow a request; `sar followup` writes them
        actor_slug = slugify(finding.actor.id, fallback="organisation")
        written, errors, missing, unchanged = [], [], [], 0
        letters = {}
        for fmt in formats:
            channel = CHANNEL_OF_FORMAT[fmt]
            try:
                if channel not in letters:
                    letters[channel] = render_letter(kind, journey, finding, lang=lang, on=on, channel=channel)
                letter = letters[channel]
                payload = WRITERS[fmt](letter)
            except SarError as error:
                errors.append(f"{fmt}: {error}")
                continue
            if letter.recipient_missing and channel not in missing:
                missing.append(channel)
            # `folder` was checked by inside(); slug, language and format are [a-z0-9-] by construction.
            path = folder / f"{actor_slug}.{lang}.{fmt}"
            if only_if_changed:
                unchanged += not write_private_if_changed(path, payload)
            else:
                write_private(path, payload, durable=durable)
            written.append(path.relative_to(out_dir.resolve()).as_posix())
        csp_due = ""
        if kind == "access-medical-record":
            csp_due = medical_record_deadlines(received, region).due.due.isoformat()
        rows.append(ManifestRow(
            person=journey.person.full_name, actor=finding.actor.id, kind=kind, lang=lang, files=tuple(written),
            contact=_contact_used(finding), gdpr_due=gdpr_due, csp_due=csp_due, error=" | ".join(errors),
            missing_addresses=tuple(missing), unchanged=unchanged,
        ))
    return rows


def manifest_csv(rows: Iterable[ManifestRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(MANIFEST_COLUMNS)
    for row in rows:
        writer.writerow(row.as_csv_row())
    return buffer.getvalue()


def write_manifest(out_dir: Path, rows: Iterable[ManifestRow]) -> Path:
    return write_private(inside(Path(out_dir), MANIFEST_NAME), manifest_csv(rows))
