"""What the tracker's detail pane says of one tracked request: its organisation and status, what to do if it is a draft,
where its letter's file is, the days recorded (sent, received, an extension, the answer, what the answer lacked), the
CADA's route for a public hospital's record, and its legal deadlines, dates as people say them.
"""

from __future__ import annotations

from datetime import date

from sar.i18n import _, format_date
from sar.replies import item
from sar.requests import DEADLINE_NAMES, STATUS_NAMES, cada
from sar.requests.recording import NO_ADDRESS
from sar.requests.summary import waits_for_address
from sar.rights import shown_request
from sar.tui.screens.request_actions import letter_file


def detail_lines(request, today: date, *, with_person: bool = False) -> list[str]:
    """The pane's lines for `request` (with the person's name when the tracker shows several people)."""
    name = shown_request(request.actor_name, request.kind)
    who = f"{name} ({request.person_name})" if with_person else name
    lines = [f"{who} — {_(STATUS_NAMES.get(request.status, request.status))}"]
    if waits_for_address(request):
        lines.append(_("{reason} (press S)").format(reason=_(NO_ADDRESS.get(request.channel, NO_ADDRESS["post"]))))
    elif request.status == "draft":
        lines.append(_("Not sent yet: send it, then press S to record the day you sent it."))
    letter = letter_file(request)
    if letter is not None:  # before the deadlines: the detail's last lines may be cut at 80×24
        lines.append(_("Letter: {file}").format(file=letter))
    if request.sent:
        lines.append(_("Sent on {date}").format(date=format_date(request.sent)))
    if request.received and not (request.received_is_estimate and request.answered):  # an answer proves receipt
        text = _("Received on {date}").format(date=format_date(request.received))
        lines.append(text + (_(" (estimated)") if request.received_is_estimate else ""))
    if request.late_extension:  # GDPR art. 12(3): notice within the first month, or no extension
        lines.append(_("Extension announced on {date}, after the first month: it does not extend the deadline "
                       "(GDPR art. 12(3))").format(date=format_date(request.extended_on)))
    if request.answered:
        lines.append(_("Answered on {date}").format(date=format_date(request.answered)))
    if request.missing:
        lines.append(_("Missing from the answer: {items}").format(
            items=", ".join(_(item(name).name) for name in request.missing)))
    route = cada.status_line(request, today)  # a public hospital's refusal: the CADA (issue 23.9), first
    if route:
        lines.append(route[:1].upper() + route[1:] + (_(" (F: write the referral)") if not request.cada_referred
                                                      else ""))
    for name, day in request.deadlines():
        lines.append(_("{deadline}: {date}").format(deadline=_(DEADLINE_NAMES.get(name, name)), date=format_date(day)))
    return lines
