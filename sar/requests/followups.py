"""Follow-up letters for a tracked request: the reminder to an organisation that let its deadline pass, and the complaint
to the CNIL (GDPR art. 77), written in the request's language with the request's dated history.

The tracker knows what happened (`RequestHistory`); the letters need it as a `sar.letters.FollowUp`. Writing a follow-up
is not sending it: the request's status changes only when the person records that they sent it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Sequence

from sar.directory import Actor
from sar.errors import InputError
from sar.i18n import gettext
from sar.inference import Finding
from sar.journey import Journey
from sar.letters import FollowUp, render_letter
from sar.output import CHANNEL_OF_FORMAT, WRITERS
from sar.output.files import check_formats, person_folder
from sar.private_files import inside, make_private_dir, slugify, write_private
from sar.requests.model import EVENT_NAMES, RequestHistory
from sar.requests.store import Tracker


def letter_context(history: RequestHistory) -> FollowUp:
    """What the reminder or complaint says about the request: its dates, its deadline, and its history."""
    request = history.request
    if request.sent is None or request.gdpr_due is None:
        raise InputError(gettext(
            "request {id} has not been sent yet: record the day you sent it first (sar track update {id} --sent DATE)"
        ).format(id=request.id))
    reminded = [event.on for event in history.history if event.what == "reminded"]

    def event_text(event) -> str:
        text = gettext(EVENT_NAMES.get(event.what, event.what), request.lang)
        return f"{text} ({event.note})" if event.note else text

    return FollowUp(
        sent_on=request.sent,
        due=request.gdpr_due,
        received_on=request.received,
        received_is_estimate=request.received_is_estimate,
        extended_due=request.extended_due if request.extended else None,
        answered_on=request.answered,
        reminded_on=reminded[-1] if reminded else None,
        request_kind=request.kind,
        request_channel=request.channel,
        events=tuple((event.on, event_text(event)) for event in history.history),
        csp_due=request.due if request.is_medical_record else None,
    )


def write_followup(
    tracker: Tracker, request_id: int | str, kind: str, out_dir: Path, formats: Sequence[str], on: date
) -> list[Path]:
    """Render the `kind` letter ("reminder" or "complaint") for a request and write it in each format; return the files.

    Files go to `OUT/<person-slug>/<actor-id>.<lang>.<kind>.<ext>`, private. The tracker notes that the letter was written.
    """
    formats = check_formats(formats)
    history = tracker.history(request_id, today=on)
    request = history.request
    context = letter_context(history)
    journey = Journey(person=history.person, lang=request.lang)
    finding = Finding(
        actor=Actor(id=request.actor, name=request.actor_name, contact=request.contact),
        likelihood="certain", reasons=(), laws=(), letter=request.kind,
    )
    # Render every letter before creating anything, so a refused follow-up (deadline not passed) leaves no folder.
    letters = {
        channel: render_letter(kind, journey, finding, lang=request.lang, on=on, channel=channel, followup=context)
        for channel in dict.fromkeys(CHANNEL_OF_FORMAT[fmt] for fmt in formats)
    }
    out_dir = make_private_dir(Path(out_dir))
    folder = person_folder(out_dir, history.person)
    written = []
    for fmt in formats:
        channel = CHANNEL_OF_FORMAT[fmt]
        path = inside(folder, f"{slugify(request.actor, fallback='organisation')}.{request.lang}.{kind}.{fmt}")
        written.append(write_private(path, WRITERS[fmt](letters[channel])))
    note = gettext("reminder letter written", request.lang) if kind == "reminder" else \
        gettext("complaint to the CNIL written", request.lang)
    tracker.add_note(request.id, note, today=on)
    return written
