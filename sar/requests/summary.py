"""Where things stand, for a person who comes back: per person of the tracker, what waits on them and the next step.

    step     the requests                                              the next step
    address  drafts whose address for their channel is a blank         fill it in on the letter (or find it), send it,
                                                                       record the sending
    post     drafts whose address is known                             send it, record the sending
    overdue  open requests past their deadline in force (art. 12(3)    a reminder, then a complaint to the CNIL
             GDPR, or L.1111-7 CSP for a medical record)               (art. 77 GDPR)
    due      open requests whose deadline falls within DUE_SOON_DAYS   wait; record the answer when it comes
    check    answers that need the person: a partial answer, a         ask for the missing items, complain about the
             refusal, an access answer recorded without its items      refusal, check what came item by item
             checked (`sar.replies`)

Pure: it reads tracked requests and today's date, writes nothing and shows nothing (the chat's home screen and any other
shell show it). Steps come in the order above; a person with nothing waiting has no step.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sar.i18n import N_, _, format_date, ngettext
from sar.replies import is_access_request
from sar.requests.model import ANSWERED_STATUSES, TrackedRequest
from sar.shown_names import shown_name

STEPS = ("address", "post", "overdue", "due", "check")
DUE_SOON_DAYS = 14
ACTED_ON_ANSWER = ("completion_asked", "cada_referred")  # events by which the person answered a partial answer or refusal
NAMES_SHOWN = 3  # a step names its first organisations, then says how many more

NEXT_STEPS = {
    "address": N_("Find the address (the organisations found from your answers say where to look), write it on the "
                  "letter, send it, then record the day you sent it."),
    "post": N_("Send them, then record the day you sent each one: the legal deadlines start then."),
    "overdue": N_("Write a reminder; if nothing comes after it, a complaint to the CNIL (GDPR art. 77)."),
    "due": N_("Nothing to do yet: when the answer comes, record it and check what it holds."),
    "check": N_("Check each answer item by item: ask for what is missing, or complain to the CNIL about a refusal."),
}


def waits_for_address(request: TrackedRequest) -> bool:
    """A draft whose letter has a blank where the address for its channel goes (the person completes it by hand)."""
    contact = request.contact
    address = {"post": contact.postal, "email": contact.email, "form": contact.web_form}.get(request.channel, "")
    return request.status == "draft" and not address.strip()


def answer_to_check(request: TrackedRequest) -> bool:
    """An answer that asks something of the person: partial, refused, or an access answer whose items were not checked
    (recorded without saying what came: `sar track update --answered` without `--missing`). Once the person has sent
    the letter asking for the missing items, or referred a refusal to the CADA, after that answer, the next move is the
    organisation's (or the CADA's): nothing to check."""
    last_answer = max((index for index, event in enumerate(request.events) if event.what in ANSWERED_STATUSES),
                      default=None)
    if request.status in ("partial", "refused"):
        acted = last_answer is not None and any(
            event.what in ACTED_ON_ANSWER for event in request.events[last_answer + 1:])
        return not acted
    if request.status != "answered" or not is_access_request(request.kind) or last_answer is None:
        return False
    return request.events[last_answer].missing is None


def step_of(request: TrackedRequest, today: date, within_days: int = DUE_SOON_DAYS) -> str | None:
    """The step a request waits at (STEPS), or None when nothing waits on the person."""
    if request.status == "draft":
        return "address" if waits_for_address(request) else "post"
    if request.overdue(today):
        return "overdue"
    if request.is_open and request.due is not None and (request.due - today).days <= within_days:
        return "due"
    if answer_to_check(request):
        return "check"
    return None


@dataclass(frozen=True)
class Step:
    """One kind of thing waiting (STEPS), with its requests, oldest first."""

    kind: str
    requests: tuple[TrackedRequest, ...]
    today: date

    def title(self) -> str:
        """What waits, in a line: « 2 lettres attendent une adresse : Groupama, Pharmacie du Marché »."""
        count = len(self.requests)
        titles = {
            "address": ngettext("{count} letter waits for an address", "{count} letters wait for an address", count),
            "post": ngettext("{count} letter to send", "{count} letters to send", count),
            "overdue": ngettext("{count} deadline passed", "{count} deadlines passed", count),
            "due": ngettext("{count} deadline within {days} days", "{count} deadlines within {days} days", count),
            "check": ngettext("{count} answer to check", "{count} answers to check", count),
        }
        head = titles[self.kind].format(count=count, days=DUE_SOON_DAYS)
        return _("{what}: {names}").format(what=head, names=self._names())

    def next_step(self) -> str:
        return _(NEXT_STEPS[self.kind])

    def _names(self) -> str:
        shown = [self._named(request) for request in self.requests[:NAMES_SHOWN]]
        more = len(self.requests) - len(shown)
        if more:
            shown.append(ngettext("{count} more", "{count} more", more).format(count=more))
        return ", ".join(shown)

    def _named(self, request: TrackedRequest) -> str:
        name = shown_name(request.actor_name)  # « Votre pharmacie » of a French letter reads "Your pharmacy" in English
        if self.kind == "overdue":
            days = request.days_late(self.today)
            return ngettext("{name} ({days} day late)", "{name} ({days} days late)", days).format(name=name, days=days)
        if self.kind == "due" and request.due is not None:
            return _("{name} (by {date})").format(name=name, date=format_date(request.due))
        return name


@dataclass(frozen=True)
class PersonSummary:
    """A person of the tracker: their id and name, how many requests, and what waits (empty: nothing does)."""

    person_id: str
    name: str
    requests: int
    sent: int
    steps: tuple[Step, ...]

    def headline(self) -> str:
        """« Jean Dubois : 10 demandes, 3 envoyées »."""
        counted = ngettext("{count} request", "{count} requests", self.requests).format(count=self.requests)
        sent = ngettext("{count} sent", "{count} sent", self.sent).format(count=self.sent)
        return _("{name}: {requests}, {sent}").format(name=self.name, requests=counted, sent=sent)


def summarise(requests: Iterable[TrackedRequest], today: date,
              within_days: int = DUE_SOON_DAYS) -> list[PersonSummary]:
    """Every person with requests, in the order of their first request, with the steps that wait on them."""
    by_person: dict[str, list[TrackedRequest]] = {}
    for request in sorted(requests, key=lambda r: r.id):
        by_person.setdefault(request.person, []).append(request)
    summaries = []
    for person_id, theirs in by_person.items():
        waiting: dict[str, list[TrackedRequest]] = {}
        for request in theirs:
            step = step_of(request, today, within_days)
            if step is not None:
                waiting.setdefault(step, []).append(request)
        if "overdue" in waiting:  # the most late first
            waiting["overdue"].sort(key=lambda r: -r.days_late(today))
        if "due" in waiting:  # the soonest first
            waiting["due"].sort(key=lambda r: r.due)
        steps = tuple(Step(kind, tuple(waiting[kind]), today) for kind in STEPS if kind in waiting)
        sent = sum(1 for request in theirs if request.status != "draft")
        summaries.append(PersonSummary(person_id, theirs[0].person_name or person_id, len(theirs), sent, steps))
    return summaries
