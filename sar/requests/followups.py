"""Follow-up letters for a tracked request, written in the request's language with the request's dated history, except
where the letter must be sent in French (a complaint to the CNIL, a referral to the CADA, any letter to a French public
body: sar.letters.letter_language); the text in the request's language is then kept beside it as the person's own copy,
`<actor>.<lang>.<kind>.copy.txt`:

    reminder    to the organisation, once its deadline has passed (GDPR art. 12(3); CSP L.1111-7 for a medical record)
    incomplete  to the organisation, after a partial answer: exactly the items its answer lacked, each with its article
                (`sar.replies`), and nothing else; access requests only
    complaint   to the CNIL (GDPR art. 77): the organisation with its address, the missing items, and the request's
                history in date order (its events: sent, received, extended, answered, reminded...; the person's own
                notes only when they ask for them); it keeps to the GDPR: a medical record's request is named as the
                access request of art. 15, its missing documents as the copy of art. 15(3), not CSP L.1111-7
    cada        to the CADA, for a public hospital's medical record refused, answered without its documents or left
                unanswered (`sar.requests.cada`)

**sar rule**: once a partial answer has come, the letter asking for the rest and the complaint may be written at once:
the answer came and is incomplete (a partial answer is an infringement, EDPB Guidelines 01/2022; the CNIL expects the
complaint to show what is missing, docs/legal.md "Complaint after an incomplete answer"), there is nothing to wait for.
The letters then say that the deadline has passed only when it has. A reminder still waits for the deadline.

A complaint and a referral to the CADA have no e-mail draft: the CADA takes referrals by post or through its online
form, and the CNIL takes complaints through its online form ("Adresser une plainte" on cnil.fr)
or by post, not by e-mail, and a draft with no recipient would invite sending it nowhere. The person is told where the
text goes and what to attach (`Written.advice`), and the tracker's note on the request says so too.

The tracker knows what happened (`RequestHistory`); the letters need it as a `sar.letters.FollowUp`. Writing a follow-up
is not sending it: the request's status changes only when the person records that they sent it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Sequence

from sar.directory import Actor
from sar.errors import InputError
from sar.i18n import N_, _, format_date, gettext
from sar.inference import Finding
from sar.journey import Journey
from sar.addressing import one_line, postal_lines
from sar.letters import FollowUp, letter_language, render_letter
from sar.output import CHANNEL_OF_FORMAT, WRITERS
from sar.output.files import check_formats, own_copy_text, person_folder
from sar.output.file_names import LetterNames
from sar.output.summary import director_notes
from sar.private_files import inside, make_private_dir, slugify, write_private
from sar.replies import is_access_request
from sar.rights import request_kind_name
from sar.requests import cada
from sar.requests.model import ANSWERED_STATUSES, EVENT_NAMES, STATUS_NAMES, Event, RequestHistory, TrackedRequest
from sar.requests.store import Tracker

FOLLOW_UP_KINDS = ("reminder", "incomplete", "complaint", "cada")
# Follow-ups to an authority: no e-mail draft (sar.letters.AUTHORITY_KINDS); both are in French whatever the language.
NO_EMAIL_KINDS = ("complaint", "cada")
# How the follow-ups name the erasure of Mon Espace Santé (letters/<lang>/_requests.j2): the deletion of CSP R.1111-36.
DELETION_REQUEST_KIND = "erasure-mon-espace-sante"
# What a complaint's history holds: the request's own steps. "recorded" (the day sar tracked the letter) and the
# person's notes are internal; notes are added only when the person asks (`with_notes`).
REQUEST_EVENTS = frozenset({"sent", "received", "extended", *ANSWERED_STATUSES, "reminded", "completion_asked",
                            "complained", "cada_referred"})


# The notes sar itself adds when it writes a follow-up: not the person's notes, never in a complaint's history.
WRITTEN_NOTES = {
    "reminder": N_("reminder letter written"),
    "incomplete": N_("letter asking for the missing items written"),
    "complaint": N_("complaint to the CNIL written, to file through the CNIL's online form (« Adresser une plainte » "
                    "on cnil.fr) with the documents it lists"),
    "cada": N_("referral to the CADA written, to send by post or through the CADA's online form (cada.fr) with the "
               "documents it lists"),
}
# A notice of extension given after the first month, as a complaint's history names it (sar.requests.lifecycle).
LATE_EXTENSION = N_("extension announced after the first month, which does not extend the period (GDPR art. 12(3))")
_OLDER_WRITTEN_NOTES = (N_("complaint to the CNIL written"),)  # as sar wrote it before it said where the complaint goes


@dataclass(frozen=True)
class Written:
    """The files written, and what the person should know to send them (in the interface's language)."""

    files: tuple[Path, ...]
    advice: tuple[str, ...] = ()


def latest_answer(request: TrackedRequest) -> Event | None:
    return next((event for event in reversed(request.events) if event.what in ANSWERED_STATUSES), None)


def answer_incomplete(request: TrackedRequest) -> bool:
    """The latest answer is partial: it came, and something is missing from it."""
    answer = latest_answer(request)
    return answer is not None and answer.what == "partial"


def history_steps(request: TrackedRequest, lang: str, *, with_notes: bool = False) -> tuple[dict, ...]:
    """The request's history as a complaint states it: its events in date order (same day: as recorded), each named in
    the letter's language, an answer with the ids of the items it lacked (the template names them); the person's notes
    only `with_notes`. Each entry: {"on": date, "text": str, "missing": [item ids]}."""
    lines = []
    own_notes = {gettext(note, lang) for note in (*WRITTEN_NOTES.values(), *_OLDER_WRITTEN_NOTES)}
    for event in sorted(request.events, key=lambda event: event.on):  # sorted() is stable: same-day events keep order
        if event.what == "note":
            if with_notes and event.note and event.note not in own_notes:
                lines.append({"on": event.on, "text": gettext("note: {text}", lang).format(text=one_line(event.note)),
                              "missing": []})
            continue
        if event.what not in REQUEST_EVENTS:
            continue
        name = LATE_EXTENSION if event.what == "extended" and _after_the_month(request, event.on) else \
            EVENT_NAMES.get(event.what, event.what)
        text = gettext(name, lang)
        if with_notes and event.note:
            text = f"{text} ({one_line(event.note)})"
        lines.append({"on": event.on, "text": text, "missing": list(event.missing or ())})
    return tuple(lines)


def _after_the_month(request: TrackedRequest, notice: date) -> bool:
    """A notice of extension given after the GDPR month (art. 12(3)): the history says it extended nothing."""
    return request.gdpr_due is not None and notice > request.gdpr_due and not request.extended


def _address(request: TrackedRequest) -> str:
    """The organisation's postal address as kept on the request, on one line, without its name repeated."""
    name = request.actor_name.casefold()
    return ", ".join(line for line in postal_lines(request.contact.postal) if line.casefold() != name)


def _check_can_write(request: TrackedRequest, kind: str) -> None:
    if kind not in FOLLOW_UP_KINDS:
        raise InputError(_("a follow-up is a reminder, a complaint, a request for the missing items or a referral to "
                           "the CADA, not {value!r}").format(value=kind))
    if request.sent is None or request.gdpr_due is None:
        raise InputError(_(
            "request {id} has not been sent yet: record the day you sent it first (sar track update {id} --sent DATE)"
        ).format(id=request.id))
    if kind != "incomplete":
        return
    if not is_access_request(request.kind):
        raise InputError(_(
            "request {id} is not an access request ({kind}): the letter listing missing items follows an access "
            "request; write a reminder instead"
        ).format(id=request.id, kind=_(request_kind_name(request.kind)) or request.kind))
    if request.status != "partial":
        raise InputError(_(
            "request {id} is {status}: the letter asking for the missing items follows a partial answer; record the "
            "answer first: sar track update {id} --answered DATE --missing ITEM[,ITEM...]"
        ).format(id=request.id, status=_(STATUS_NAMES.get(request.status, request.status))))
    if not request.missing:
        raise InputError(_(
            "the partial answer to request {id} has no list of what it lacks: record it with "
            "sar track update {id} --answered DATE --missing ITEM[,ITEM...]"
        ).format(id=request.id))


def letter_context(history: RequestHistory, kind: str = "reminder", *, with_notes: bool = False,
                   lang: str | None = None) -> FollowUp:
    """What the follow-up says about the request: its dates, its deadline, what its answer lacked, and its history; in
    the request's language, or in `lang` (a letter to an authority or a French public body is written in French whatever
    the request's, sar.letters.letter_language)."""
    request = history.request
    _check_can_write(request, kind)
    _check_deletion_due(request, kind, history.today)
    if kind == "cada":
        cada.check_referral(request, history.today)
    lang = lang or request.lang

    def dates_of(what: str) -> list[date]:
        return [event.on for event in request.events if event.what == what]

    reminded, asked = dates_of("reminded"), dates_of("completion_asked")
    answers = [event.on for event in request.events if event.what in ANSWERED_STATUSES]
    contact = request.contact
    steps = history_steps(request, lang, with_notes=with_notes)
    details = {
        "history": [{"day": format_date(step["on"], lang), "text": one_line(step["text"]), "missing": step["missing"]}
                    for step in steps],
        "request_kind": request.kind,
        "access_request": is_access_request(request.kind),
        "missing_items": list(request.missing),
        "refused": (latest_answer(request) or Event(request.created, "")).what == "refused",
        "answers_on": [format_date(day, lang) for day in dict.fromkeys(answers)],
        "completion_asked_on": format_date(asked[-1], lang) if asked else "",
        # What the complaint encloses after the request itself, in date order: reminders, requests for the missing
        # items, answers (the template words each).
        "enclosures": [{"what": what, "day": format_date(day, lang)} for day, what in sorted(
            [(day, "reminder") for day in reminded] + [(day, "completion") for day in asked]
            + [(day, "answer") for day in dict.fromkeys(answers)], key=lambda pair: pair[0])],
        "actor_address": _address(request),
        "actor_email": one_line(contact.email) if request.channel == "email" else "",
        # Mon Espace Santé's deletion (CSP R.1111-36): the three months it had, and the request named as what it is.
        "deletion_due": format_date(request.deletion_due, lang) if request.deletion_due else "",
        # A notice of extension given after the first month extends nothing (GDPR art. 12(3)): the letters say so.
        "late_extension_on": format_date(request.extended_on, lang) if request.late_extension else "",
    }
    if request.deletion_due is not None:
        details["request_kind"] = DELETION_REQUEST_KIND
    if kind == "complaint":
        details.update(_gdpr_only(request, details))
    if kind in ("incomplete", "cada"):
        details.update(cada.letter_details(request, lang, history.today))
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
        events=tuple((step["on"], step["text"]) for step in steps),
        csp_due=request.due if request.is_medical_record else None,
        answer_incomplete=answer_incomplete(request),
        details=details,
    )


def _gdpr_only(request: TrackedRequest, details: dict) -> dict:
    """What a complaint to the CNIL says of a medical record: the CNIL enforces the GDPR, not CSP L.1111-7. The request
    is named as the access request of art. 15, and the record's missing documents as the copy of the data (art. 15(3));
    the communication under L.1111-7 is for the hospital's own routes (the CADA for a public one)."""
    if not request.is_medical_record:
        return {}
    to_copy = lambda items: list(dict.fromkeys("copy" if item == "medical-record" else item for item in items))  # noqa: E731
    return {
        "request_kind": "access",
        "medical_record": True,
        "missing_items": to_copy(details["missing_items"]),
        "history": [{**step, "missing": to_copy(step["missing"])} for step in details["history"]],
        "cada_referred_on": format_date(request.cada_referred, request.lang) if request.cada_referred else "",
    }


def _check_deletion_due(request: TrackedRequest, kind: str, on: date) -> None:
    """Mon Espace Santé's data are to be deleted within three months of the express request (CSP R.1111-36): a reminder
    or a complaint waits for them, even once the GDPR month has passed."""
    if request.deletion_due is not None and kind in ("reminder", "complaint") and on <= request.deletion_due:
        raise InputError(_(
            "the caisse has until {due} to delete the data of Mon Espace Santé (CSP R.1111-36: three months at most), "
            "and the letter is dated {on}: write it after that day"
        ).format(due=format_date(request.deletion_due), on=format_date(on)))


def cada_applies(request: TrackedRequest) -> bool:
    """A public hospital's medical record that was refused, left unanswered, or sent without its documents: the CADA can
    also be asked for its opinion (docs/legal.md, "Medical record held by a public hospital: the CADA")."""
    return cada.route_open(request)


def advice(request: TrackedRequest, kind: str, files: Sequence[Path], attachments: Sequence[str],
           dropped_email: bool, on: date | None = None) -> tuple[str, ...]:
    """What the person should know to send what was written (interface language)."""
    if kind == "cada":
        return cada.sending_advice(request, files, attachments, on or date.today())
    lines = []
    if kind == "complaint":
        text = next((path for path in files if path.suffix == ".txt"), None)
        if text:
            lines.append(_(
                "The usual route for a complaint is the CNIL's online form, « Adresser une plainte » on cnil.fr: paste "
                "the text of {path} into it and attach the documents the letter lists:"
            ).format(path=text))
        else:
            lines.append(_(
                "The usual route for a complaint is the CNIL's online form, « Adresser une plainte » on cnil.fr: copy "
                "the letter's text into it and attach the documents the letter lists:"
            ))
        for attachment in attachments:
            lines.append(f"  – {attachment}")
        if dropped_email:
            lines.append(_("No e-mail draft for a complaint: the CNIL takes complaints through its online form or by post."))
    if kind in ("complaint", "incomplete") and cada_applies(request):
        lines.append(cada_advice())
    return tuple(lines)


def cada_advice(request: TrackedRequest | None = None) -> str:
    """The CADA, for a public hospital's medical record (docs/legal.md), in the interface's language."""
    return cada.route_advice(request)


def _file_kind(request: TrackedRequest, kind: str) -> str:
    """The follow-up's name in its file: "reminder" for an access request; "erasure-reminder" for a request of another
    right, so the follow-ups of two requests to one organisation never overwrite each other."""
    return kind if is_access_request(request.kind) else f"{slugify(request.kind, fallback='request')}-{kind}"


def _public_body(actor_id: str) -> bool:
    """Whether the directory says the organisation is a French public body (its letters are sent in French)."""
    from sar.directory import UnknownActor, get

    try:
        return get(actor_id).public_body
    except UnknownActor:
        return False


def write_followup(
    tracker: Tracker, request_id: int | str, kind: str, out_dir: Path, formats: Sequence[str], on: date,
    *, with_notes: bool = False,
) -> Written:
    """Render the `kind` letter (see the module docstring) for a request and write it in each format.

    Files go to `OUT/<person-slug>/<name>.<lang>.<kind>.<ext>` (`<right>-<kind>` for another right than
    access), private, beside the letter they follow (its name: sar.output.file_names). The tracker notes that the
    letter was written (for a complaint: and where it goes).
    """
    formats = check_formats(formats)
    dropped_email = kind in NO_EMAIL_KINDS and "eml" in formats
    if dropped_email:
        formats = [fmt for fmt in formats if fmt != "eml"]
        if not formats and kind == "cada":
            raise InputError(_("a referral to the CADA has no e-mail draft (the CADA takes referrals by post or "
                               "through its online form): choose pdf or txt"))
        if not formats:
            raise InputError(_("a complaint to the CNIL has no e-mail draft (the CNIL takes complaints through its "
                               "online form or by post): choose pdf or txt"))
    history = tracker.history(request_id, today=on)
    request = history.request
    journey = Journey(person=history.person, lang=request.lang)
    finding = Finding(
        actor=Actor(id=request.actor, name=request.actor_name, contact=request.contact,
                    public_body=request.public_body_record or _public_body(request.actor)),
        likelihood="certain", reasons=(), laws=(), letter=request.kind,
    )
    # French to an authority (the CNIL, the CADA) and to a French public body; the text in the request's language is
    # then the person's own copy (sar.output.files.own_copy_text).
    lang = letter_language(kind, finding.actor, request.lang)
    context = letter_context(history, kind, with_notes=with_notes, lang=lang)
    # Render every letter before creating anything, so a refused follow-up (deadline not passed) leaves no folder.
    letters = {
        channel: render_letter(kind, journey, finding, lang=lang, on=on, channel=channel, followup=context)
        for channel in dict.fromkeys(CHANNEL_OF_FORMAT[fmt] for fmt in formats)
    }
    own_copy = None if lang == request.lang else render_letter(
        kind, journey, finding, lang=request.lang, on=on, followup=letter_context(history, kind, with_notes=with_notes))
    out_dir = make_private_dir(Path(out_dir))
    folder = person_folder(out_dir, history.person)
    name = LetterNames(folder).names_for([(request.actor, request.actor_name)])[request.actor]
    written = []
    stem = f"{name}.{{lang}}.{_file_kind(request, kind)}"
    for fmt in formats:
        channel = CHANNEL_OF_FORMAT[fmt]
        path = inside(folder, f"{stem.format(lang=lang)}.{fmt}")
        written.append(write_private(path, WRITERS[fmt](letters[channel])))
    copies = []
    if own_copy is not None:
        to_send = next((path for path in written if path.suffix == ".pdf"), written[0])
        path = inside(folder, f"{stem.format(lang=request.lang)}.copy.txt")
        copies.append(write_private(path, own_copy_text(own_copy, to_send.name)))
    tracker.add_note(request.id, gettext(WRITTEN_NOTES[kind], request.lang), today=on)
    attachments = (own_copy or next(iter(letters.values()))).attachments  # listed in the person's language
    told = advice(request, kind, written + copies if kind == "cada" else written, attachments, dropped_email, on)
    told += tuple(director_notes(  # an establishment's medical record: its director (CSP R.1111-1)
        copy_to_dpo=any(letter.copies for letter in letters.values()),
        forward_to_director=any(letter.channel == "email" and letter.addressee == "director"
                                for letter in letters.values())))
    if kind != "cada":  # the referral's advice names the copy itself (sar.requests.cada.sending_advice)
        told += tuple(_("{copy} is your own copy in your language: send the French letter ({file})").format(
            copy=copy, file=next((path for path in written if path.suffix == ".pdf"), written[0])) for copy in copies)
    return Written(tuple(written + copies), told)
