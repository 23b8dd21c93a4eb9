"""What can be done with one tracked request now, as the tracker screen offers it: the actions that apply to it (its
footer shows only those, so that they fit in 80 columns), the follow-ups it can have, and its letter's file, opened with
the computer's own program.

The tracker's own rules (`sar.requests.lifecycle`) still decide what is recorded; this only decides what is offered.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sar.i18n import N_, _
from sar.requests import ANSWERED_STATUSES, cada
from sar.tui.screens.tracker_dialogs import FOLLOW_UP_LABELS, INCOMPLETE_LABEL

CADA_LABEL = ("cada", N_("Referral to the CADA"))

# Actions about the request under the cursor: shown in the footer only when they apply to it (see `applies`).
REQUEST_ACTIONS = ("mark_sent", "received", "extended", "answered", "followup", "followup_sent", "open_letter")


def applies(action: str, request, today: date, followed_up: bool = False) -> bool:
    """Whether `action` makes sense for `request` now: what the footer offers (the tracker's own rules, in
    `sar.requests.lifecycle`, still decide what it records)."""
    sent = request.status != "draft"
    if action == "mark_sent":
        return not sent
    if action == "received":
        return sent and request.status not in ANSWERED_STATUSES and (request.received is None
                                                                      or request.received_is_estimate)
    if action == "extended":
        return request.status in ("sent", "received", "reminded") and not request.extended
    if action in ("answered", "followup"):
        return sent
    if action == "followup_sent":
        return sent and (followed_up or request.overdue(today) or request.status in ("partial", "refused", "reminded",
                                                                                    "complained"))
    if action == "open_letter":
        return bool(request.files)
    return True


def follow_up_kinds(request) -> tuple[tuple[str, str], ...]:
    """The follow-ups this request can have: the letter asking for the missing items only after a partial answer that
    says what it lacked (an access request); the referral to the CADA only for a public hospital's record refused, sent
    without its documents or left unanswered (sar.requests.cada)."""
    kinds = FOLLOW_UP_LABELS
    if request.status == "partial" and request.missing:
        kinds = (FOLLOW_UP_LABELS[0], INCOMPLETE_LABEL, *FOLLOW_UP_LABELS[1:])
    return (*kinds, CADA_LABEL) if cada.route_open(request) else kinds


def suggested_follow_up(request) -> str:
    if request.status == "partial" and request.missing:
        return "incomplete"
    if request.status == "refused" and cada.route_open(request):
        return "cada"
    return "complaint" if request.status == "reminded" else "reminder"


def opening(letter: Path, session: bool) -> tuple[str, str, int]:
    """Open `letter` (`sar.tui.opener`, off the UI thread) and say what happened: (message, severity, timeout) for
    `notify`. A web page's chat (`sar serve`) opens nothing on the server: the letter's place is said instead."""
    from sar.tui import opener

    if not letter.is_file():
        return _("The letter is no longer at {file}: it was moved or deleted.").format(file=letter), "warning", 15
    if session:
        return _("The letter is on the computer that runs sar: {file}").format(file=letter), "information", 15
    if opener.open_with_system(letter):
        return _("Opening {file}…").format(file=letter.name), "information", 5
    return (_("No program to open files was found on this computer: the letter is at {file}").format(file=letter),
            "warning", 20)


def letter_file(request) -> Path | None:
    """The file to open for a request, as a path: the core's choice (`TrackedRequest.letter_to_send`)."""
    letter = request.letter_to_send
    return Path(letter) if letter else None
