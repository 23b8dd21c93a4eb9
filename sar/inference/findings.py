"""From the rules to findings: `infer` applies the table (`sar.inference.table`) to a journey and gives one `Finding` per
organisation, with every reason that found it, worded for the person in both languages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sar import directory
from sar.bilingual import LANGUAGES, Bilingual
from sar.care_places import DOCTOR, LAB, Place
from sar.directory import Actor
from sar.i18n import N_, gettext
from sar.inference.rules import LIKELIHOODS, Likelihood, PlaceRule, Rule
from sar.inference.table import DEVICES, LAB_GROUPS, NOTE_RULES, RULES
from sar.journey import Journey
from sar.questions import question
from sar.recipients import fund_name, place_actor, recipient


@dataclass(frozen=True)
class Finding:
    """One organisation that likely holds the person's data, and everything the person and the letter need to know.

    Its texts are bilingual (sar.bilingual): the shell shows them in the UI language, a letter quotes them in its own.
    `laws` are ids such as "gdpr-art15", "csp-l1111-7". `letter` is the letter kind that fits (access,
    access-medical-record, access-insurer, access-vendor).
    """

    actor: Actor
    likelihood: Likelihood
    reasons: tuple[Bilingual[str], ...]
    laws: tuple[str, ...]
    letter: str

    @property
    def data(self) -> Bilingual[tuple[str, ...]]:
        return self.actor.data

    @property
    def retention(self) -> Bilingual[str]:
        return self.actor.retention


def _placeholders(journey: Journey, lang: str) -> dict[str, str]:
    """Values for the {placeholders} of reasons: what the person told, in plain words."""
    def named(key: str, fallback: str) -> str:
        """What the person answered, as they read it: a listed choice by its label ("Alan", not "alan")."""
        value = journey.answer(key) or ""
        if not value or value == "none":
            return gettext(fallback, lang)
        label = next((choice.label for choice in question(key).choices if choice.value == value), "")
        return gettext(label, lang) if label else value

    guarantees = {"dental": N_("dental"), "optical": N_("optical"), "hospital": N_("hospital")}
    return {
        "software": "",
        "platform": "",
        "fund": fund_name(journey) or gettext(N_("name not given"), lang),
        "mutuelle": named("mutuelle", N_("name not given")),
        "guarantees": ", ".join(gettext(guarantees[g], lang) for g in journey.answer("special_guarantees") or ()),
        "places": "",
        "lab_group": "",
        "device": "",
        "operator": DISPLAY_NAMES.get(journey.answer("tiers_payant_operator") or "", ""),
    }


DISPLAY_NAMES = {
    "weda": "WEDA", "doctolib": "Doctolib", "axisante": "Axisanté", "hellodoc": "HelloDoc", "maiia": "Maiia",
    "keldoc": "Keldoc", "qare": "Qare", "livi": "Livi", "cerballiance": "Cerballiance", "biogroup": "Biogroup",
    "eurofins": "Eurofins", "synlab": "Synlab", "inovie": "Inovie", "apple-health": "Apple Health",
    "google-fit": "Google Fit", "withings": "Withings", "garmin": "Garmin", "samsung-health": "Samsung Health",
    "freestyle-libre": "FreeStyle Libre", "dexcom": "Dexcom", "fitbit": "Fitbit",
    "almerys": "Almerys", "viamedis": "Viamedis", "sp-sante": "SP Santé",
}


def _reason(rule: Rule, journey: Journey, values: dict[str, dict[str, str]]) -> Bilingual[str]:
    """The rule's reason in both languages; `values` are the placeholders' values by language."""
    return Bilingual(*(_reason_in(rule, journey, lang, values[lang]) for lang in LANGUAGES))


def _reason_in(rule: Rule, journey: Journey, lang: str, values: dict[str, str]) -> str:
    local = dict(values)
    actor_id = rule.actor if isinstance(rule.actor, str) else rule.actor(journey)
    local["platform"] = DISPLAY_NAMES.get(actor_id, actor_id)
    for device, maker in DEVICES.items():
        if maker == actor_id and device in (journey.answer("devices") or ()):
            local["device"] = DISPLAY_NAMES[device]
    return gettext(rule.reason, lang).format(**local)


SPECIALTIES = {"gp": N_("general practitioner"), "specialist": N_("specialist"), "dentist": N_("dentist"),
               "midwife": N_("midwife"), "physiotherapist": N_("physiotherapist"), "other": N_("health professional")}
UNNAMED_SPECIALTIES = {"": N_("a doctor"), "gp": N_("a general practitioner"), "specialist": N_("a specialist"),
                       "dentist": N_("a dentist"), "midwife": N_("a midwife"), "physiotherapist": N_("a physiotherapist"),
                       "other": N_("a health professional")}


def place_words(place: Place, lang: str) -> str:
    """A place as a reason names it: "Dr Paul Weber, dentist", "a midwife (name not given)", "Labo du Parc"."""
    not_given = gettext(N_("name not given"), lang)
    if place.kind is DOCTOR:
        specialty = place.get("specialty") or ""
        if place.name:
            return f"{place.name}, {gettext(SPECIALTIES[specialty], lang)}" if specialty else place.name
        return f"{gettext(UNNAMED_SPECIALTIES[specialty], lang)} ({not_given})"
    if place.kind is LAB and not place.name and place.value in LAB_GROUPS:
        return DISPLAY_NAMES[place.value]
    return place.name or not_given


def _place_reason(rule: PlaceRule, places: list[Place], values: dict[str, dict[str, str]]) -> Bilingual[str]:
    """A place rule's reason in both languages, naming every place that led to the same organisation."""
    def in_lang(lang: str) -> str:
        local = dict(values[lang])
        local["places"] = (" ; " if lang == "fr" else "; ").join(place_words(place, lang) for place in places)
        local["software"] = DISPLAY_NAMES.get(places[0].get("software") or "", "")
        local["lab_group"] = DISPLAY_NAMES.get(places[0].value or "", "") if rule.kind is LAB else ""
        reason = rule.reason if isinstance(rule.reason, str) else rule.reason[0 if len(places) == 1 else 1]
        return gettext(reason, lang).format(**local)
    return Bilingual(*(in_lang(lang) for lang in LANGUAGES))


def infer(journey: Journey, known: dict[str, Actor] | None = None) -> list[Finding]:
    """Who holds the person's data: one finding per actor, every reason that found it, the strongest likelihood.

    Sorted certain, then likely, then possible; within each, in the order of the journey (the rules' order).
    Takes no language: every text of a finding is bilingual, read in the language of whoever shows it.
    """
    known = directory.load_directory() if known is None else known
    values = {lang: _placeholders(journey, lang) for lang in LANGUAGES}
    collected: dict[str, dict[str, Any]] = {}
    own_places: dict[str, Place] = {}

    def add(actor_id: str, rule: Rule | PlaceRule, reason: Bilingual[str]) -> None:
        entry = collected.setdefault(actor_id, {"likelihood": rule.likelihood, "reasons": [], "laws": [],
                                                "letter": rule.letter, "order": len(collected)})
        if LIKELIHOODS.index(rule.likelihood) < LIKELIHOODS.index(entry["likelihood"]):
            entry["likelihood"] = rule.likelihood
        if reason not in entry["reasons"]:
            entry["reasons"].append(reason)
        entry["laws"] += [law for law in rule.laws if law not in entry["laws"]]
        entry["letter"] = entry["letter"] or rule.letter

    for rule in RULES:
        if isinstance(rule, PlaceRule):
            by_actor: dict[str, list[Place]] = {}
            for place in journey.places(rule.kind):
                if rule.when(place, journey):
                    by_actor.setdefault(place.actor_id if rule.actor is None else rule.actor(place), []).append(place)
                    if rule.actor is None:
                        own_places[place.actor_id] = place
            for actor_id, places in by_actor.items():
                add(actor_id, rule, _place_reason(rule, places, values))
        elif rule.when(journey):
            add(rule.actor if isinstance(rule.actor, str) else rule.actor(journey), rule, _reason(rule, journey, values))
    findings = []
    for actor_id, entry in sorted(collected.items(),
                                  key=lambda item: (LIKELIHOODS.index(item[1]["likelihood"]), item[1]["order"])):
        actor = (place_actor(own_places[actor_id], known, journey) if actor_id in own_places
                 else recipient(directory.get(actor_id, known), journey, known))
        findings.append(Finding(
            actor=actor,
            likelihood=entry["likelihood"],
            reasons=tuple(entry["reasons"]),
            laws=tuple(entry["laws"]),
            letter=entry["letter"] or actor.letter,
        ))
    return findings


def notes(journey: Journey) -> list[str]:
    """Destinations with no one sar can write to directly (pharma databases, cloud hosts…): message ids, for the
    shell to translate."""
    return [text for when, text in NOTE_RULES if when(journey)]


def finding_as_json(finding: Finding, lang: str) -> dict[str, Any]:
    """One finding as `sar actors --json` prints it (docs/design.md, CLI contract), its texts in `lang`."""
    contact = finding.actor.contact
    return {
        "id": finding.actor.id,
        "name": directory.actor_name(finding.actor, lang),
        "likelihood": finding.likelihood,
        "reasons": [reason.get(lang) for reason in finding.reasons],
        "data": list(finding.data.get(lang)),
        "retention": finding.retention.get(lang),
        "laws": list(finding.laws),
        "letter": finding.letter,
        "contact": {"postal": contact.postal, "email": contact.email, "web_form": contact.web_form,
                    "source": contact.source, "verified": contact.verified,
                    # where the postal address was read when it comes from a State register (sar.directory.registers)
                    "register": contact.register, "record": contact.record, "consulted": contact.consulted},
    }
