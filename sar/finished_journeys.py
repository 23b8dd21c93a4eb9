"""The last answers of each person whose interview reached its end, kept so that the organisations found from them can
be shown again without answering again (the chat's home screen offers them when the person comes back).

One private answers file per person, `<data dir>/journeys/<key>.toml` (0600, in a 0700 folder, written atomically by
`sar.journey.write_answers`), where the key is a hash of the person's identity (`sar.identity`): the file's name says
nothing of whom it is about, and the same person's next finished interview replaces their previous answers.

On a shared computer (`sar tui --session`, which `sar serve` runs for every page) the answers are kept in the session's
own folder instead, which is erased when its chat ends (`sar.tui.draft`): a visitor is never offered another visitor's
answers.

Reopened, the findings take back what the tracker learnt since: the contact a person typed for an organisation sar had
no address for, and the organisations they added themselves, as their letters were recorded.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from sar import journey as journeys
from sar.added_organisations import added_finding
from sar.bilingual import Bilingual
from sar.directory import Actor
from sar.errors import SarError
from sar.identity import person_identity
from sar.inference import Finding
from sar.journey import Journey, Person
from sar.locations import data_dir
from sar.private_files import make_private_dir
from sar.replies import is_access_request

FOLDER_NAME = "journeys"
SUFFIX = ".toml"


@dataclass(frozen=True)
class FinishedJourney:
    """A person's answers as their interview ended, the file they are kept in, and the day they were given."""

    journey: Journey
    path: Path
    finished_on: date


def journey_key(person: Person) -> str:
    """The file name of a person's answers: a hash of their identity (names and birth date), nothing readable."""
    return hashlib.sha256(person_identity(person).encode("utf-8")).hexdigest()[:24]


class FinishedJourneys:
    """The finished interviews kept in one folder (the sar data folder's `journeys`, or a session's own)."""

    def __init__(self, folder: str | Path | None = None):
        self.folder = Path(folder) if folder else data_dir() / FOLDER_NAME

    def exists(self) -> bool:
        """Whether any answers are kept here (without reading them: the chat asks this before its first screen)."""
        return self.folder.is_dir() and any(self.folder.glob(f"*{SUFFIX}"))

    def keep(self, answers: Mapping[str, Any]) -> FinishedJourney:
        """Keep `answers` ({question id: value}, a whole interview) as their person's last; InputError if incomplete."""
        journey = journeys.journey_from_document(journeys.answers_document(answers), "answers")
        path = make_private_dir(self.folder) / f"{journey_key(journey.person)}{SUFFIX}"
        journeys.write_answers(answers, path)
        return FinishedJourney(journey, path, date.fromtimestamp(path.stat().st_mtime))

    def all(self) -> list[FinishedJourney]:
        """Every person's last answers, the most recent first. A file that cannot be read back (edited by hand, or
        written by a sar that asked other questions) is left out, and left alone."""
        found = []
        for path in self.folder.glob(f"*{SUFFIX}") if self.folder.is_dir() else ():
            try:
                found.append(FinishedJourney(journeys.load_answers(path), path,
                                             date.fromtimestamp(path.stat().st_mtime)))
            except (SarError, OSError):
                continue
        return sorted(found, key=lambda kept: kept.path.stat().st_mtime, reverse=True)

    def of(self, person: Person) -> FinishedJourney | None:
        """This person's last answers, if kept."""
        path = self.folder / f"{journey_key(person)}{SUFFIX}"
        return next((kept for kept in self.all() if kept.path == path), None)


def with_tracked_contacts(findings: Iterable[Finding], requests: Iterable) -> list[Finding]:
    """The findings of a person's answers, with what their tracked requests (`sar.requests.TrackedRequest`s, that
    person's) add: the contact written on a letter where the finding has none, and, after them, the organisations the
    person added themselves (an access letter to an organisation the answers do not lead to)."""
    findings = list(findings)
    known = {finding.actor.id for finding in findings}
    written: dict[str, object] = {}
    for request in requests:
        if is_access_request(request.kind):
            written.setdefault(request.actor, request)
    reopened = [replace(f, actor=replace(f.actor, contact=written[f.actor.id].contact))
                if f.actor.contact.is_empty and f.actor.id in written and not written[f.actor.id].contact.is_empty
                else f for f in findings]
    for actor_id, request in written.items():
        if actor_id not in known:
            reopened.append(added_finding(Actor(id=actor_id, name=Bilingual(request.actor_name, request.actor_name),
                                                contact=request.contact, letter=request.kind, origin="user")))
    return reopened
