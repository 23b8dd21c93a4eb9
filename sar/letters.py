"""Render an access-request letter (or its follow-up) from the templates in `letters/<lang>/<kind>.j2`.

What a letter holds comes from docs/design.md ("Letters") and its legal content from docs/legal.md: the
GDPR art. 15(1)(a)-(h) items, the copy in the form the channel gives (15(3)), the first one free (12(5), 15(3), CJEU
C-307/22), one month to answer (12(3)), CSP L.1111-7 for medical records (to an establishment's director, with an
identity document, R.1111-1), processors and transfers outside the EU for vendors (15(2), art. 46), the right to
complain to the CNIL (art. 77). Whom the letter speaks to (« Docteur, ») comes from sar.addressing, the person's name in
Latin letters from sar.names, and the language a letter to a French public body must be sent in from `letter_language`.

Each template defines two blocks, `subject` and `body` (and `attachments` for a complaint); the frame of the letter (place
and date, sending mode, salutation, closing, signature) comes from the formulas of `letters/<lang>/_frame.j2`
(sar.letter_templates), sender and recipient from sar.addressing, so every kind is laid out alike and all the wording
lives with the templates. Everything a
letter quotes is taken in the letter's language (`Bilingual.exact`): a letter never mixes languages. User text is only ever passed to templates as data: nothing a person types is compiled as a template.
Where a fact is unknown (a contact, a date of receipt), the letter says less, never something that may be false.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sar import care_places, names
from sar.addressing import addressee, one_line, person_address_lines, recipient_block, sender_lines, signed_name
from sar.deadlines import add_months, medical_record_deadlines
from sar.directory import Actor
from sar.errors import InputError
from sar.i18n import N_, _, check_language, format_date
from sar.inference import Finding
from sar.journey import Journey, Person
from sar.letter_templates import environment, frame, paragraphs, render_block

ACCESS_KINDS = ("access", "access-medical-record", "access-insurer", "access-vendor")
FOLLOW_UP_KINDS = ("reminder", "complaint", "incomplete", "cada")
FOLLOW_UP_NAMES = {"reminder": N_("reminder"), "complaint": N_("complaint"),
                   "incomplete": N_("letter asking for the missing items"), "cada": N_("referral to the CADA")}
# Letters to an authority (the CNIL, the CADA), about an organisation: sent by post or through the authority's online
# form, never as an e-mail draft to the organisation.
AUTHORITY_KINDS = ("complaint", "cada")
# The other rights (sar.rights): each its own letter kind, sent to the organisation the access letter would go to.
RIGHT_KINDS = ("rectification", "erasure", "restriction", "portability", "objection", "objection-marketing",
               "withdrawal")
KINDS = ACCESS_KINDS + FOLLOW_UP_KINDS + RIGHT_KINDS
CHANNELS = ("post", "email")

# The public health-insurance bodies that know a person by their social security number (NIR). Only letters of kind
# access-insurer to one of these print it, and only if the person gave it: a mutuelle or a vendor never needs it.
INSURANCE_FUND_IDS = frozenset({"your-cpam", "cnam", "cpam-medical-service", "msa", "mon-espace-sante"})
# What a medical-record request (CSP L.1111-7) encloses: a copy of an identity document, since the holder must check the
# requester's identity before any communication (CSP R.1111-1). An id the manifest and the summaries use.
IDENTITY_DOCUMENT = "identity-document"


def must_be_french(actor: Actor) -> bool:
    """Whether letters to `actor` are written in French whatever the person's language: a French public body, or a
    private body running a public service (the directory's `public_body`; a public hospital the person named, see
    sar.recipients). French is the language of the Republic and of its public services (Constitution, art. 2; loi
    n° 94-665 du 4 août 1994, art. 1; Conseil constitutionnel, décision 99-412 DC): docs/legal.md, "Letters to French
    public bodies". The CNIL, to which complaints go, is one (sar/data/directory.toml)."""
    return actor.public_body


def letter_language(kind: str, actor: Actor, lang: str) -> str:
    """The language the letter to send is written in: French for a letter to an authority (a complaint to the CNIL, a
    referral to the CADA) and for any letter to a French public body (`must_be_french`), else the person's choice. Where that is not their choice, sar keeps the text in
    their language as their own copy (sar.output.files)."""
    return "fr" if kind in AUTHORITY_KINDS or must_be_french(actor) else lang


# Kinds where the recipient finds a record by name and birth date (a patient file, an insured person); a platform or a
# device vendor finds an account by its e-mail address instead, so it gets that and no birth date.
KINDS_WITH_BIRTH_DATE = frozenset({"access", "access-medical-record", "access-insurer"})

@dataclass(frozen=True)
class FollowUp:
    """What a reminder or a complaint needs to know about the request it follows (filled by the tracker).

    `due` is the deadline the controller had (GDPR art. 12(3), computed from `received_on`); `extended_due` is set only when
    the controller announced an extension. `received_is_estimate` is True when the receipt date was estimated from the
    sending date: the letter then does not state a date of receipt. `events` is the request's history, oldest first.
    """

    sent_on: date
    due: date
    received_on: date | None = None
    received_is_estimate: bool = False
    extended_due: date | None = None
    answered_on: date | None = None  # a partial or unsatisfactory answer, if any
    reminded_on: date | None = None
    request_kind: str = "access"
    request_channel: str = "post"
    events: tuple[tuple[date, str], ...] = ()
    csp_due: date | None = None  # a medical record: the CSP L.1111-7 deadline in force (8 days, or 2 months if extended)
    answer_incomplete: bool = False  # a partial answer came: asking for the rest or complaining need not wait (followups)
    details: dict = field(default_factory=dict)  # more that the follow-up templates read (sar.requests.followups)

    @property
    def effective_due(self) -> date:
        return self.extended_due or self.due


@dataclass(frozen=True)
class Letter:
    """A rendered letter, as parts a writer lays out: the PDF writer places them on the page, the text writer prints them.

    `body` is a tuple of paragraphs; inside a paragraph, lines starting with "– " are list items.
    `recipient_missing` is True when the recipient's address (postal, or e-mail for an e-mail) is a blank to fill by hand.
    """

    kind: str
    lang: str
    channel: str
    actor_id: str
    sender: tuple[str, ...]
    recipient: tuple[str, ...]
    recipient_missing: bool
    place_date: str
    channel_line: str
    subject_label: str
    subject: str
    salutation: str
    body: tuple[str, ...]
    closing: str
    signature: tuple[str, ...]
    attachments_label: str = ""
    attachments: tuple[str, ...] = ()  # enclosures: what the person puts in the envelope, or attaches to the e-mail
    copies_label: str = ""
    copies: tuple[str, ...] = ()  # who gets a copy (« Copie : »), under the enclosures
    encloses: tuple[str, ...] = ()  # ids of what the person must enclose (IDENTITY_DOCUMENT), for the summaries
    addressee: str = "organisation"  # whom it speaks to (sar.addressing.addressee): organisation, doctor, director
    to_email: str = ""
    from_name: str = ""
    from_email: str = ""
    sender_contact: tuple[str, ...] = field(default=())  # name, address and e-mail under an e-mail's signature
    dated: date | None = None  # the date written on the letter; also the PDF's creation date, so output is reproducible


def _person_context(person: Person, kind: str, actor: Actor, lang: str) -> dict:
    """The identifying data this recipient needs, and no more (data minimisation, GDPR art. 5(1)(c))."""
    birth_date = ""
    if kind in KINDS_WITH_BIRTH_DATE and person.birth_date:
        birth_date = format_date(person.birth_date, lang)
    nir = ""
    if kind == "access-insurer" and actor.id in INSURANCE_FUND_IDS and person.nir:
        nir = _format_nir(person.nir)
    # Names as the organisation files them (sar.names): in Latin letters, with the name as typed in brackets.
    return {
        "name": signed_name(person),
        "name_in_full": one_line(names.for_letter(person.full_name, signed_name(person))),
        "first_name": one_line(names.for_letter(person.first_name, person.first_name_latin)),
        "last_name": one_line(names.for_letter(person.last_name, person.last_name_latin)),
        "birth_date": birth_date,
        "address": ", ".join(person_address_lines(person)),
        "email": one_line(person.email),
        "nir": nir,
    }


def _format_nir(nir: str) -> str:
    try:
        from stdnum.fr import nir as stdnum_nir

        return stdnum_nir.format(nir)
    except Exception:  # an unchecked NIR is printed as given (the interview checks it)
        return one_line(nir)


def _followup_context(followup: FollowUp, on: date, lang: str, kind: str, region: str) -> dict:
    """Dates of the request as the letter may state them: a receipt date only when it is known, not estimated.

    A reminder about a medical record may be written once the CSP L.1111-7 delay has passed (8 days, 2 months for
    information more than 5 years old), even while the GDPR month runs: it then cites L.1111-7, not art. 12(3). A
    complaint to the CNIL waits for the GDPR deadline (art. 12(3), art. 77). Both L.1111-7 dates are given, each with
    whether it has passed: eight days for information less than five years old, two months for older information
    (R.1111-1: from receipt), so a reminder never claims that the whole record was due after eight days.
    """
    medical_record = followup.request_kind == "access-medical-record"
    gdpr_pending = on <= followup.effective_due
    if kind == "cada" or (followup.answer_incomplete and kind != "reminder"):
        pass  # the answer came and lacks items, or the CADA's own rule (sar.requests.cada): checked by the tracker
    elif kind == "reminder" and medical_record and followup.csp_due is not None and gdpr_pending:
        if on <= followup.csp_due:
            raise InputError(_(
                "a reminder can only be written once the deadline has passed: the organisation has until {due} to "
                "communicate the medical record (CSP L.1111-7), and the letter is dated {on}"
            ).format(due=format_date(followup.csp_due), on=format_date(on)))
    elif gdpr_pending:
        raise InputError(_(
            "a {kind} can only be written once the deadline has passed: the organisation has until {due} to answer "
            "(GDPR art. 12(3)), and the letter is dated {on}"
        ).format(kind=_(FOLLOW_UP_NAMES.get(kind, kind)), due=format_date(followup.effective_due), on=format_date(on)))
    received_known = followup.received_on is not None and not followup.received_is_estimate
    csp = {"csp_recent_due": "", "csp_recent_passed": False, "csp_older_due": "", "csp_older_passed": False}
    if medical_record and received_known:
        delays = medical_record_deadlines(followup.received_on, region)
        csp = {"csp_recent_due": format_date(delays.due.due, lang), "csp_recent_passed": delays.due.due < on,
               "csp_older_due": format_date(delays.due_if_older_than_5_years.due, lang),
               "csp_older_passed": delays.due_if_older_than_5_years.due < on}
    return {
        **csp,
        "gdpr_pending": gdpr_pending,  # only a medical-record reminder gets here before the GDPR deadline
        "csp_due": format_date(followup.csp_due, lang) if followup.csp_due and received_known else "",
        "sent_on": format_date(followup.sent_on, lang),
        "received_on": format_date(followup.received_on, lang) if received_known else "",
        "due": format_date(followup.due, lang) if received_known else "",
        "extended_due": format_date(followup.extended_due, lang) if followup.extended_due else "",
        # Without a known receipt date, the letter only says what is certain: more than a month since sending.
        "month_since_sending": add_months(followup.sent_on, 1) < on,
        "answered_on": format_date(followup.answered_on, lang) if followup.answered_on else "",
        "reminded_on": format_date(followup.reminded_on, lang) if followup.reminded_on else "",
        "medical_record": followup.request_kind == "access-medical-record",
        "request_kind": followup.request_kind,
        "request_channel": followup.request_channel,
        "events": [(format_date(day, lang), one_line(text)) for day, text in followup.events],
        **followup.details,
    }


def _specialty(journey: Journey, actor: Actor) -> str:
    """What kind of practitioner the person said `actor` is (gp, dentist, midwife...), "" when they did not say."""
    return next((str(place.get("specialty") or "") for place in journey.places(care_places.DOCTOR)
                 if place.actor_id == actor.id), "")


def _data_requested(finding: Finding, lang: str) -> list[str]:
    """The data the letter names as examples: the directory's `data_requested`, written for the recipient in the first
    person (« les médicaments qui m'ont été délivrés »), never `data`, which is written for the person (« votre
    Dossier Pharmaceutique ») and may say what an organisation does not hold. In the letter's own language only (never
    the other as a fallback); none for an entry that has no such text (a user's own entry: the letter then says less);
    and only when the finding is more than a possibility (a letter must not assert what sar only guesses)."""
    if finding.likelihood not in ("certain", "likely"):
        return []
    return [one_line(item) for item in finding.actor.data_requested.exact(lang) if one_line(item)]


def render_letter(
    kind: str,
    journey: Journey,
    finding: Finding,
    *,
    lang: str,
    on: date,
    channel: str = "post",
    followup: FollowUp | None = None,
    details: str = "",
) -> Letter:
    """The letter of `kind` from `journey.person` to `finding.actor` (for a complaint: to the CNIL, about that actor).

    `details` is the person's own text for a right's letter (what is wrong, what to erase): quoted as data, never compiled.
    """
    if kind not in KINDS:
        raise InputError(f"unknown letter kind {kind!r}: choose one of {', '.join(KINDS)}")
    if channel not in CHANNELS:
        raise InputError(f"unknown sending mode {channel!r}: choose post or email")
    check_language(lang)
    if kind in FOLLOW_UP_KINDS and followup is None:
        raise InputError(_("a {kind} needs the dates of the request it follows").format(kind=kind))
    person, actor = journey.person, finding.actor
    words = frame(lang)
    data_examples = _data_requested(finding, lang)
    request_kind = followup.request_kind if followup is not None and kind in FOLLOW_UP_KINDS else kind
    # A medical-record request and its reminder, which repeats it, enclose a copy of an identity document (R.1111-1).
    encloses = (IDENTITY_DOCUMENT,) if request_kind == "access-medical-record" and kind in (
        "access-medical-record", "reminder") else ()
    speaks_to = ("organisation" if kind in AUTHORITY_KINDS
                 else addressee(request_kind, actor, _specialty(journey, actor)))
    # A right's letter identifies the person as the access letter to that organisation would (finding.letter).
    identifying_kind = {**dict.fromkeys(FOLLOW_UP_KINDS, "reminder"), **dict.fromkeys(RIGHT_KINDS, finding.letter)}
    context = {
        "kind": kind,
        "channel": channel,
        "person": _person_context(person, identifying_kind.get(kind, kind), actor, lang),
        "details": one_line(details),
        "mon_espace_sante": actor.id == "mon-espace-sante",
        # active | closed | unknown: what the person can still read in it themselves (CSP R.1111-36 after closing)
        "mon_espace_sante_state": journey.answer("mon_espace_sante") or "unknown",
        "addressee": speaks_to,
        "encloses_identity_document": IDENTITY_DOCUMENT in encloses,
        "actor": {"id": actor.id, "name": one_line(actor.name.get(lang)),
                  "controller": actor.controller},
        "data_examples": data_examples,
        "medical_record": kind == "access-medical-record",
        "today": format_date(on, lang),
    }
    if followup is not None and kind in FOLLOW_UP_KINDS:
        context["followup"] = _followup_context(followup, on, lang, kind, person.region)
        if kind == "reminder" and followup.request_kind in KINDS_WITH_BIRTH_DATE and person.birth_date:
            context["person"]["birth_date"] = format_date(person.birth_date, lang)
    template = environment().get_template(f"{lang}/{kind}.j2")
    subject = one_line(render_block(template, "subject", context))
    body = paragraphs(render_block(template, "body", context))
    attachments = tuple(line.removeprefix("– ").strip() for line in
                        render_block(template, "attachments", context).splitlines() if line.strip())
    recipient, missing = recipient_block(kind, actor, lang, channel, speaks_to)
    # By post, the DPO gets a copy; an e-mail draft goes to the one address known and asks to be passed on (R.1111-1).
    copies = (words["copy_to_dpo"],) if speaks_to == "director" and channel == "post" else ()
    city = one_line(person.city)
    place_date = words.place_date(city, format_date(on, lang))
    sender = sender_lines(person, lang)
    return Letter(
        kind=kind,
        lang=lang,
        channel=channel,
        actor_id=actor.id,
        sender=sender,
        recipient=recipient,
        recipient_missing=missing,
        place_date=place_date,
        channel_line=words.channel(channel),
        subject_label=words["subject_label"],
        subject=subject,
        salutation=words.salutation(speaks_to),
        body=body,
        closing=words.closing(speaks_to),
        signature=(signed_name(person),),
        attachments_label=words["attachments_label"] if attachments else "",
        attachments=attachments,
        copies_label=words["copies_label"] if copies else "",
        copies=copies,
        encloses=encloses,
        addressee=speaks_to,
        to_email="" if kind in AUTHORITY_KINDS else one_line(actor.contact.email),
        from_name=signed_name(person),
        from_email=one_line(person.email),
        sender_contact=sender,
        dated=on,
    )
