"""How organisations answer: per organisation, over the requests of a tracker, the figures an association shares.

An association's tracker knows, for each organisation, how many requests it received, how many it answered within the
legal deadline, how late the others were, what its incomplete answers lacked, how many ended in a complaint. These
figures are what it needs to act (a letter to the organisation's DPO, a collective complaint, a report), and what it can
share with another association: they name organisations, never a person (no name, no id, no date of birth, no date of
a request), and each one says how many requests it rests on.

Which requests count, and how (the same words as `sar track stats`, docs/design.md):

    figure                         counted over                  a request counts when
    sent                           every request but drafts      it was sent (or its receipt is known)
    answered                       sent                          it has an answer (answered, partial or refused)
    answered on time               answered                      its first answer came by the deadline in force
    answered late                  answered                      its first answer came after it; the delay, in days
                                                                 after the deadline, gives the median and the worst
    unanswered past the deadline   sent                          no answer, and the deadline in force has passed
    waiting                        sent                          no answer, the deadline not passed yet
    extended                       sent                          the organisation said it needs more time
    incomplete                     answered                      an answer was partial; what it lacked (`sar.replies`
                                                                 items) is counted once per request
    refused                        answered                      an answer refused
    complaints                     sent                          a complaint was filed with the CNIL

The deadline in force is the one the tracker shows (`TrackedRequest.due`: one month from receipt, GDPR art. 12(3);
8 days for a medical record, CSP L.1111-7): an extension moves it only when the organisation gave notice within the
first month, as art. 12(3) requires (`sar.requests.lifecycle`); "extended" counts every notice, in time or not. The first answer
decides whether a request was answered on time: a later, more complete answer does not make a late one timely. While
the receipt is estimated from the sending date, so is the deadline (`receipt_estimated` says for how many).

Organisations are grouped by their directory id; one the person named (their doctor, pharmacy, hospital, lab, fund or
mutuelle, each a "slot" of the directory) by its name and the last line of its address (two "Pharmacie du Centre" in
two towns are two pharmacies). A slot left unnamed (the letter says "Votre pharmacie") is not an organisation one can
compare: those requests are grouped under the slot, marked `named=False`.

Pure Python over the stored documents (`sar.requests.store.Tracker.stats` reads them): one pass, no date parsed twice.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from sar.identity import name_key
from sar.replies import MEDICAL_RECORD_LETTER

ANSWER_EVENTS = frozenset({"answered", "partial", "refused"})
_NUMBERED = re.compile(r"-\d+$")  # a second place of a kind: your-doctor-2
MOST_OFTEN = 3  # items shown as "lacked most often"


@dataclass
class OrganisationStats:
    """The figures of one organisation (see the module docstring for what each counts, and over what)."""

    organisation: str  # its name as written on the letters (the most frequent one)
    actor: str  # its directory id; a slot's id ("your-pharmacy") for an organisation the person named
    named: bool = True  # False: requests to a slot the person left unnamed, grouped together
    place: str = ""  # for an organisation the person named: the last line of its address ("75011 Paris")
    sent: int = 0
    answered: int = 0
    answered_on_time: int = 0
    answered_late: int = 0
    late_delays: list[int] = field(default_factory=list)  # days after the deadline, one per late answer
    unanswered_past_deadline: int = 0
    waiting: int = 0
    extended: int = 0
    incomplete: int = 0
    incomplete_checked: int = 0  # incomplete answers whose missing items were recorded (what `missing_items` rests on)
    missing_items: Counter = field(default_factory=Counter)  # sar.replies item id -> requests whose answer lacked it
    refused: int = 0
    complaints: int = 0
    receipt_estimated: int = 0
    names: Counter = field(default_factory=Counter, repr=False)

    @property
    def median_delay(self) -> float | None:
        """Median days after the deadline of the late answers (None: no late answer)."""
        return statistics.median(self.late_delays) if self.late_delays else None

    @property
    def worst_delay(self) -> int | None:
        return max(self.late_delays) if self.late_delays else None

    def lacked_most_often(self, count: int = MOST_OFTEN) -> list[tuple[str, int]]:
        """(item id, requests) of the items incomplete answers lacked most often; ties in the table's order."""
        from sar.replies import ITEM_IDS

        order = {item_id: n for n, item_id in enumerate(ITEM_IDS)}
        ranked = sorted(self.missing_items.items(), key=lambda pair: (-pair[1], order.get(pair[0], len(order))))
        return ranked[:count]

    def as_dict(self) -> dict:
        """The `sar track stats --json` entry: each figure with the number of requests it rests on."""
        return {
            "organisation": self.organisation,
            "actor": self.actor,
            "named": self.named,
            "place": self.place,
            "sent": self.sent,
            "answered": {"count": self.answered, "out_of_sent": self.sent},
            "answered_on_time": {"count": self.answered_on_time, "out_of_answered": self.answered},
            "answered_late": {"count": self.answered_late, "out_of_answered": self.answered,
                              "median_delay_days": self.median_delay, "worst_delay_days": self.worst_delay},
            "unanswered_past_deadline": {"count": self.unanswered_past_deadline, "out_of_sent": self.sent},
            "waiting": {"count": self.waiting, "out_of_sent": self.sent},
            "extended": {"count": self.extended, "out_of_sent": self.sent},
            "incomplete": {"count": self.incomplete, "out_of_answered": self.answered,
                           "lacked_most_often": [{"item": item_id, "count": n} for item_id, n in self.lacked_most_often()],
                           "items_recorded_for": self.incomplete_checked},
            "refused": {"count": self.refused, "out_of_answered": self.answered},
            "complaints": {"count": self.complaints, "out_of_sent": self.sent},
            "receipt_estimated": {"count": self.receipt_estimated, "out_of_sent": self.sent},
        }


@dataclass(frozen=True)
class TrackerStats:
    """Every organisation's figures, most requests first, as of `today`; `people` and `sent` are totals."""

    today: date
    people: int
    sent: int
    organisations: tuple[OrganisationStats, ...]

    def as_dict(self) -> dict:
        return {"as_of": self.today.isoformat(), "people": self.people, "sent": self.sent,
                "organisations": [organisation.as_dict() for organisation in self.organisations]}


def tracker_stats(documents: Iterable[Mapping], today: date, *, person: str | None = None) -> TrackerStats:
    """The figures of the stored requests `documents` (of one person's requests only, with `person`)."""
    today_iso = today.isoformat()
    groups: dict[tuple[str, str], OrganisationStats] = {}
    people = set()
    sent_total = 0
    for doc in documents:
        if doc["status"] == "draft" or (person is not None and doc["person"] != person):
            continue
        received = doc.get("received")
        if not (doc.get("sent") or received):
            continue
        key, actor, named, place = _organisation(doc)
        group = groups.get(key)
        if group is None:
            group = groups[key] = OrganisationStats(doc.get("actor_name") or actor, actor, named, place)
        group.names[doc.get("actor_name") or actor] += 1
        people.add(doc["person"])
        sent_total += 1
        group.sent += 1
        extended_on = doc.get("extended_on")
        if extended_on:
            group.extended += 1
        if doc.get("received_is_estimate"):
            group.receipt_estimated += 1
        due = _deadline_in_force(doc, extended_on)
        first_answer, partial, refused, complained, missing = _history(doc.get("events", ()))
        first_answer = first_answer or doc.get("answered")
        if complained:
            group.complaints += 1
        if first_answer:
            group.answered += 1
            if due is not None:
                if first_answer <= due:
                    group.answered_on_time += 1
                else:
                    group.answered_late += 1
                    group.late_delays.append((date.fromisoformat(first_answer) - date.fromisoformat(due)).days)
            if partial or doc["status"] == "partial":
                group.incomplete += 1
                if missing:
                    group.incomplete_checked += 1
                    group.missing_items.update(missing)
            if refused or doc["status"] == "refused":
                group.refused += 1
        elif due is not None and today_iso > due:
            group.unanswered_past_deadline += 1
        else:
            group.waiting += 1
    for group in groups.values():
        group.organisation = min(group.names, key=lambda name: (-group.names[name], name))
    ranked = sorted(groups.values(), key=lambda g: (not g.named, -g.sent, name_key(g.organisation), g.place, g.actor))
    return TrackerStats(today, len(people), sent_total, tuple(ranked))


def _deadline_in_force(doc: Mapping, extended_on: str | None) -> str | None:
    """The last day to answer, as an ISO string: `TrackedRequest.due` read from the stored document (an extension moves
    the deadline only when its notice came in time, which the stored `extended_due` says; R.1111-36's deletion
    deadline for Mon espace santé comes first); None when nothing says it yet."""
    if doc.get("deletion_due"):
        return doc["deletion_due"]
    extended = bool(extended_on and doc.get("extended_due"))
    if doc["kind"] == MEDICAL_RECORD_LETTER:
        return doc.get("csp_due_if_older_than_5_years") if extended else doc.get("csp_due")
    return doc["extended_due"] if extended else doc.get("gdpr_due")


def _history(events: Iterable[Mapping]) -> tuple[str | None, bool, bool, bool, set[str]]:
    """(first answer's date, an answer was partial, an answer refused, a complaint was filed, every item an answer
    lacked)."""
    first_answer, partial, refused, complained, missing = None, False, False, False, set()
    for event in events:
        what = event["what"]
        if what in ANSWER_EVENTS:
            if first_answer is None or event["date"] < first_answer:
                first_answer = event["date"]
            if what == "partial":
                partial = True
                missing.update(event.get("missing") or ())
            elif what == "refused":
                refused = True
        elif what == "complained":
            complained = True
    return first_answer, partial, refused, complained, missing


def _organisation(doc: Mapping) -> tuple[tuple[str, str], str, bool, str]:
    """(grouping key, directory id, named, place) of a request's organisation (see the module docstring)."""
    actor = doc["actor"]
    slot = _NUMBERED.sub("", actor)
    if slot not in _slots():
        return ("id", actor), actor, True, ""
    name = doc.get("actor_name") or ""
    postal = [line.strip() for line in (doc.get("contact") or {}).get("postal", "").splitlines() if line.strip()]
    if not postal and name_key(name) in _placeholder_names(slot):
        return ("unnamed", slot), slot, False, ""
    place = postal[-1] if len(postal) > 1 else ""  # a one-line address is only the name again
    return ("named", name_key(name) + "\x1f" + name_key(place)), slot, True, place


@cache
def _slots() -> frozenset[str]:
    from sar.directory import SLOT_ANSWERS

    return frozenset(SLOT_ANSWERS)


@cache
def _placeholder_names(slot: str) -> frozenset[str]:
    """The names a slot's letter carries when the person named no organisation ("Votre pharmacie", "Your pharmacy");
    the directory is read only when a request may be one."""
    from sar.directory import load_directory

    actor = load_directory().get(slot)
    if actor is None:
        return frozenset()
    return frozenset(name_key(name) for name in (actor.name.fr, actor.name.en) if name)


# -- the figures in words (`sar track stats` and the tracker's statistics screen say them alike) --------------------------

def days_text(value: float) -> str:
    """A number of days as people read it: "10 days", "2.5 days" ("2,5 jours")."""
    from babel.numbers import format_decimal

    from sar.i18n import babel_locale, current_language, ngettext

    text = format_decimal(value, "0.#", locale=babel_locale(current_language()))
    return ngettext("{n} day", "{n} days", int(value) if float(value).is_integer() else 2).format(n=text)


def shown_organisation(org: OrganisationStats) -> str:
    """The organisation as a person reads it: with its town when the person named it, or said to be several."""
    from sar.i18n import _

    if not org.named:
        return _("{name} (not named: several organisations)").format(name=org.organisation)
    return f"{org.organisation} ({org.place})" if org.place else org.organisation


def summary_lines(stats: TrackerStats) -> list[str]:
    """How many requests, people and organisations the figures rest on, and that no person is named in them."""
    from sar.i18n import _, format_date, ngettext

    return [
        ngettext("{count} request sent by {people} to {organisations}, as of {date}.",
                 "{count} requests sent by {people} to {organisations}, as of {date}.", stats.sent).format(
            count=stats.sent,
            people=ngettext("{count} person", "{count} people", stats.people).format(count=stats.people),
            organisations=ngettext("{count} organisation", "{count} organisations", len(stats.organisations)).format(
                count=len(stats.organisations)),
            date=format_date(stats.today)),
        _("No person is named in these figures: you can share them."),
    ]


def organisation_lines(org: OrganisationStats) -> list[str]:
    """One organisation's figures, each with what it is counted over ("2 of 3 answered"); a figure over no request
    ("0 of 0 answered") is left out."""
    from sar.i18n import _, ngettext
    from sar.replies import item

    lines = [_("{name} — {requests}").format(name=shown_organisation(org), requests=ngettext(
        "{count} request sent", "{count} requests sent", org.sent).format(count=org.sent))]

    def figure(label: str, count: int, base: str, extra: str = "") -> None:
        if base:
            lines.append("  " + _("{label}: {count} of {base}").format(label=label, count=count, base=base) + extra)

    answered = org.answered and ngettext("{count} answered", "{count} answered", org.answered).format(count=org.answered)
    sent = ngettext("{count} sent", "{count} sent", org.sent).format(count=org.sent)
    figure(_("answered within the deadline"), org.answered_on_time, answered)
    late = ""
    if org.late_delays:
        late = " " + _("(median {median}, worst {worst} after the deadline)").format(
            median=days_text(org.median_delay), worst=days_text(org.worst_delay))
    figure(_("answered late"), org.answered_late, answered, late)
    figure(_("unanswered past the deadline"), org.unanswered_past_deadline, sent)
    figure(_("still within the deadline"), org.waiting, sent)
    figure(_("delay extended"), org.extended, sent)
    lacked = ""
    if org.missing_items:
        lacked = _("; lacked most often: {items}").format(items=", ".join(
            f"{_(item(item_id).name)} ({count})" for item_id, count in org.lacked_most_often()))
    figure(_("incomplete answers"), org.incomplete, answered, lacked)
    figure(_("refusals"), org.refused, answered)
    figure(_("complaints to the CNIL"), org.complaints, sent)
    if org.receipt_estimated:
        lines.append("  " + _("receipt estimated from the sending date for {count} of {base}: their deadlines are "
                              "estimates").format(count=org.receipt_estimated, base=org.sent))
    return lines


__all__ = ["OrganisationStats", "TrackerStats", "days_text", "organisation_lines", "shown_organisation", "summary_lines",
           "tracker_stats"]
