"""From letters written to requests tracked: the one way it is done, for `sar letters --track`, the chat's letters screen
and `sar bulk`.

A letter is tracked once it is written (a draft: nothing is claimed sent). When the person says they sent their letters,
only those that can have been sent are marked sent: a letter whose recipient address (postal for a letter, e-mail for an
e-mail) is still a blank stays a draft, and the person is told which and why.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sar.directory import actor_name
from sar.i18n import N_
from sar.requests.model import NewRequest, TrackedRequest
from sar.requests.store import Tracker

NO_ADDRESS = {"post": N_("no postal address: fill it in on the letter, then record the sending"),
              "email": N_("no e-mail address: fill it in on the draft, then record the sending"),
              "form": N_("no web form: find where to send it, then record the sending")}


@dataclass(frozen=True)
class Recorded:
    """What recording did: the requests (new or already tracked), and the letters left as drafts with why (a message id)."""

    requests: tuple[TrackedRequest, ...]
    drafts: tuple[tuple[TrackedRequest, str], ...] = ()


def letters_as_requests(person, findings: Iterable, rows: Iterable, lang: str, channel: str = "post",
                        kind: str | None = None, folder: Path | None = None) -> list[NewRequest]:
    """The requests for the letters written (`sar.output.files.ManifestRow`s with files and no error), one per finding;
    `kind` is the letter's kind when it is not the finding's own access letter (a right's letter, `sar.rights`).
    With `folder` (where the rows' files were written), each request keeps its letter's files, to be opened again.

    The organisation's name is kept in the letter's language; a letter whose address for `channel` is a blank is marked
    so that it is never recorded as sent. The finding's law ids are kept: a complaint needs to know whether a medical
    record is a public hospital's (the CADA, see `TrackedRequest.public_body_record`).
    """
    by_actor = {finding.actor.id: finding for finding in findings}
    requests = []
    for row in rows:
        finding = by_actor.get(row.actor)
        if finding is None or not row.files or row.error:
            continue
        contact = finding.actor.contact
        address = {"post": contact.postal, "email": contact.email, "form": contact.web_form}.get(channel, "")
        requests.append(NewRequest(person, finding.actor.id, actor_name(finding.actor, lang), contact,
                                   kind or finding.letter, lang, channel, missing_address=not address.strip(),
                                   laws=() if kind else tuple(finding.laws),  # a right's request: not the access laws
                                   files=tuple(str(folder / name) for name in row.files) if folder else ()))
    return requests


def record_letters(tracker: Tracker, requests: Sequence[NewRequest], *, sent: date | None = None,
                   today: date | None = None) -> Recorded:
    """Track `requests` (one write of the tracker; a letter already tracked is not added twice). With `sent`, mark sent
    on that day those that can have been sent; the others stay drafts, listed in `Recorded.drafts`."""
    tracked = tracker.record_requests(requests, today=today)
    if sent is None:
        return Recorded(tuple(tracked))
    result, drafts = [], []
    for new, request in zip(requests, tracked):
        if new.missing_address:
            drafts.append((request, NO_ADDRESS.get(new.channel, NO_ADDRESS["post"])))
        elif request.status == "draft":
            request = tracker.mark_sent(request.id, sent, new.channel)
        result.append(request)
    return Recorded(tuple(result), tuple(drafts))
