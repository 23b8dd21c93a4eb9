"""The CADA route, for a medical record held by a public hospital (docs/legal.md, "Medical record held by a public
hospital: the CADA"): its documents are administrative documents too (CRPA L.311-1), a refusal to communicate them goes
to the Commission d'accès aux documents administratifs for its opinion before any action in the administrative court
(L.342-1), and the complaint to the CNIL keeps to the GDPR.

    step                          when                                                     source
    the route is open             a public hospital's record (the finding's law "cada"),   L.311-1, L.342-1
                                  refused, answered without the documents themselves,
                                  or left unanswered
    tacit refusal                 one month of silence after receipt                       R.311-13
    refer it to the CADA by       two months from the refusal, its day counted             R.343-1
    the CADA's opinion expected   one month from its registration of the referral          R.343-3
                                  (estimated: posted + three working days)

The person records the referral (`sar track update ID --cada-referred DATE`, or the tracker screen's "follow-up sent");
the request keeps its status (refused, partial...), the referral is a dated event beside it.
"""

from __future__ import annotations

from datetime import date

from sar import deadlines
from sar.requests.model import ANSWERED_STATUSES, TrackedRequest

MEDICAL_RECORD_ITEM = "medical-record"  # sar.replies: the documents of the record themselves (CSP L.1111-7)


def latest_answer(request: TrackedRequest):
    return next((event for event in reversed(request.events) if event.what in ANSWERED_STATUSES), None)


def route_open(request: TrackedRequest) -> bool:
    """A public hospital's medical record that was refused, left unanswered, or sent without its documents (a
    communication that leaves out documents refuses them)."""
    if not request.public_body_record:
        return False
    answer = latest_answer(request)
    return answer is None or answer.what == "refused" or MEDICAL_RECORD_ITEM in request.missing


def refusal(request: TrackedRequest) -> str:
    """How the hospital refused: "refused" (a decision), "partial" (an answer without the documents), "silence"."""
    answer = latest_answer(request)
    if answer is None:
        return "silence"
    return "refused" if answer.what == "refused" else "partial"


def tacit_refusal_on(request: TrackedRequest) -> date | None:
    """The day the silence becomes a refusal (R.311-13), from the day of receipt; None before the request was sent."""
    return deadlines.tacit_refusal_on(request.received) if request.received else None


def refused_on(request: TrackedRequest) -> date | None:
    """The day of the refusal the CADA is asked about: the answer's day, or the day the silence became a refusal."""
    if refusal(request) != "silence":
        return request.answered
    return tacit_refusal_on(request)


def referral_due(request: TrackedRequest) -> date | None:
    """The last day to refer the refusal to the CADA (R.343-1). A tacit refusal counted from an estimated receipt is
    counted from the sending instead (the real receipt is never before it): the day shown is never too late."""
    if not route_open(request) or request.received is None:
        return None
    start = refused_on(request)
    if refusal(request) == "silence" and request.received_is_estimate and request.sent:
        start = deadlines.tacit_refusal_on(request.sent)
    return deadlines.cada_referral_deadline(start, request.region).due if start else None


def opinion_due(request: TrackedRequest) -> date | None:
    """When the CADA's opinion is expected (R.343-3), once the person recorded the referral."""
    if request.cada_referred is None:
        return None
    return deadlines.cada_opinion_deadline(request.cada_referred, request.region).due


def can_refer(request: TrackedRequest, today: date) -> bool:
    """The route is open and, after a silence, the month of R.311-13 is over."""
    if not route_open(request):
        return False
    tacit = tacit_refusal_on(request)
    return refusal(request) != "silence" or (tacit is not None and today >= tacit)


# --- what the letters and the person are told -----------------------------------------------------------------------

def check_referral(request: TrackedRequest, today: date) -> None:
    """The referral is written only where the CADA has something to say: a public hospital's record, refused (by a
    decision, by an answer without the documents, or by a month's silence: R.311-13)."""
    from sar.errors import InputError
    from sar.i18n import _, format_date

    if not request.public_body_record:
        raise InputError(_(
            "request {id} is not a medical-record request to a hospital you said is public: the CADA hears the refusals "
            "of public bodies; for a private clinic or a doctor, complain to the CNIL (sar followup {id} --kind "
            "complaint)"
        ).format(id=request.id))
    if not route_open(request):
        raise InputError(_(
            "request {id} was answered with the documents of your medical record: the CADA hears refusals; for what the "
            "answer lacked under the GDPR, write the letter asking for it (sar followup {id} --kind incomplete)"
        ).format(id=request.id))
    if not can_refer(request, today):
        raise InputError(_(
            "the hospital has until {day} to answer: a request left unanswered for more than a month is refused from "
            "that day (CRPA R.311-13), and the referral to the CADA can be written from then"
        ).format(day=format_date(tacit_refusal_on(request))))


def letter_details(request: TrackedRequest, lang: str, today: date) -> dict:
    """What the referral and the letter asking for the missing documents say of the CADA route (letter's language)."""
    from sar.i18n import format_date

    if not route_open(request):
        return {"cada": False}
    tacit = tacit_refusal_on(request)
    return {
        "cada": True,
        "refusal": refusal(request),
        "tacit_refusal_on": format_date(tacit, lang) if tacit else "",
    }


def _referral_deadline_line(request: TrackedRequest, today: date) -> str:
    from sar.i18n import _, format_date

    due = referral_due(request)
    if due is None:
        return ""
    if today <= due:
        return _("Refer it to the CADA by {day} at the latest: two months from the refusal (CRPA R.343-1).").format(
            day=format_date(due))
    return _("The two months to refer it to the CADA ended on {day} (CRPA R.343-1); they count against you only if the "
             "refusal told you of this route and its delay: refer it all the same.").format(day=format_date(due))


def sending_advice(request: TrackedRequest, files, attachments, today: date) -> tuple[str, ...]:
    """Where the referral goes, which file to send, what to enclose, by when (interface language)."""
    from sar.i18n import _

    lines = []
    french = [path for path in files if ".fr.cada." in path.name]
    english = [path for path in files if ".en.cada." in path.name]
    if english:
        lines.append(_("The CADA is a French public body: send the French letter, {french}; {english} is the same text "
                       "in English, for you to keep.").format(french=french[0], english=english[0]))
    lines.append(_("Send it by post to the CADA (its address is on the letter) or through its online form on cada.fr, "
                   "with these documents:"))
    lines.extend(f"  – {attachment}" for attachment in attachments)
    deadline = _referral_deadline_line(request, today)
    if deadline:
        lines.append(deadline)
    return tuple(lines)


def route_advice(request: TrackedRequest | None = None) -> str:
    """The CADA route, for a public hospital's medical record, in the interface's language."""
    from sar.i18n import _

    text = _(
        "This medical record is held by a public hospital: when it refuses to communicate it, in whole or in part, or "
        "leaves your request unanswered for a month (CRPA R.311-13), you can also ask the CADA (Commission d'accès aux "
        "documents administratifs) for its opinion, within two months, with a copy of the refusal or of your request "
        "(CRPA R.343-1); its opinion must be sought before any action before the administrative court (CRPA L.342-1)."
    )
    if request is None:
        return text
    return text + " " + _("Write the referral: sar followup {id} --kind cada --out DIR").format(id=request.id)


def status_line(request: TrackedRequest, today: date) -> str:
    """Where the CADA route stands for this request, in one line (interface language), or "" where it is closed."""
    from sar.i18n import _, format_date

    if request.cada_referred is not None:
        return _("referred to the CADA on {day}; its opinion is expected by {due} (one month from registering the "
                 "referral, CRPA R.343-3)").format(day=format_date(request.cada_referred),
                                                     due=format_date(opinion_due(request)))
    if not can_refer(request, today):
        return ""
    due = referral_due(request)
    return _("the hospital refused: refer it to the CADA by {due} (CRPA R.343-1)").format(due=format_date(due))
