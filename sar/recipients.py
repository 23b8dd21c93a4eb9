"""Who a letter goes to: a finding's directory entry made into the person's own addressee.

Slots are filled with what the person told (their doctor's name and address), or with the address the company register
gave for a place they named (sar.directory.own_places: kept for that person only). The fund's letters go to the
person's own caisse, found from their postcode in sar/data/caisses.toml (sar.directory.caisses), with the contact the
caisse publishes for its data-protection officer; failing that, the caisse's postal address in the Annuaire de
l'administration (sar.directory.registers, after `sar directory update`), said as such; failing that, notes saying where
to look. Mon espace santé's letter goes to the same caisse's DPO, as the service's privacy policy says (docs/actors.md).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sar import care_places, directory
from sar.bilingual import LANGUAGES, Bilingual
from sar.directory import Actor, Contact, caisses, own_places, registers
from sar.i18n import N_, format_iso_date, gettext
from sar.journey import Journey

PUBLIC_FUND = {"cpam": "your-cpam", "msa": "msa"}
TIERS_PAYANT_OPERATORS = ("almerys", "viamedis", "sp-sante")


def fund_actor(journey: Journey) -> str:
    return PUBLIC_FUND.get(journey.answer("insurance_fund"), "your-cpam")


def slot_actor(actor: Actor, journey: Journey) -> Actor:
    """A slot filled with what the person told: their doctor's name and address, their fund's or mutuelle's name; a
    mutuelle named without an address gets the one found for this person in the company register, if any."""
    if actor.id not in directory.SLOT_ANSWERS:
        return actor
    name, address = directory.slot_values(actor.id, journey.answers)
    filled = directory.fill_slot(actor, name=name, postal=address)
    if actor.id == "your-mutuelle" and name:
        filled = replace(filled, contact=own_places.contact_for(journey, actor.id, name, filled.contact))
    return filled


# -- the person's own caisse (sar/data/caisses.toml) ---------------------------------------------------------------------

# What the notes say about the caisse found (English msgids, formatted in both languages).
CAISSE_NOTES = {
    "blank-cpam": N_("Your postcode points to the {caisse}. sar has no address of its data-protection officer that the "
                     "caisse itself publishes: look for its \"Protection des données personnelles\" page on ameli.fr, "
                     "or in the letters it sends you, and fill it in."),
    "blank-msa": N_("Your postcode points to the {caisse}. sar has no address of its data-protection officer that the "
                    "caisse itself publishes: look for its \"Protection des données personnelles\" (RGPD) page on its "
                    "msa.fr website, or in the letters it sends you, and fill it in."),
    "named-blank": N_("sar has no address of the {caisse}'s data-protection officer that the caisse itself publishes: "
                      "look for its \"Protection des données personnelles\" page, or in the letters it sends you, and "
                      "fill it in."),
    "sourced": N_("The address is the one the {caisse} publishes for its data-protection officer ({source}, read on "
                  "{read})."),
    "lead": N_("An address published by the State's directory in 2015 (check it; it is the caisse's mail address, not "
               "its data-protection officer's): {postal}."),
    "register": N_("The address is the {caisse}'s postal address in the {register}, consulted {consulted}; the letter "
                   "is for the attention of its data-protection officer. If the caisse publishes an address of their "
                   "own (its \"Protection des données personnelles\" page), prefer it."),
    "candidates": N_("Your département has several caisses: yours is one of {names}. Its name is on your account and "
                     "on the letters it sends you: give it as the name of your fund and sar will use it."),
    "mismatch": N_("You named your fund \"{hint}\", and your postcode points to the {caisse}: the letter uses the name "
                   "you gave. Check which caisse you belong to."),
    "unknown": N_("sar could not tell your caisse from your postcode: give its name, and write to its data-protection "
                  "officer."),
    "coverage-unverified": N_("That the {caisse} serves your département comes only from a list published by a third "
                              "party: check it on msa.fr."),
    "coverage-partial": N_("That the {caisse} serves your département is only partly confirmed by the sources sar read: "
                           "check it on msa.fr."),
    "mon-espace-sante": N_("The letter goes to your own caisse ({caisse}), as the Mon espace santé policy says."),
}


@dataclass(frozen=True)
class OwnCaisse:
    """The caisse a person belongs to, as far as sar can tell: `caisse` when it is one, `candidates` when several."""

    caisse: caisses.Caisse | None
    candidates: tuple[caisses.Caisse, ...]
    name: str  # for the letter: the caisse's name when sar knows it, else the name the person gave
    notes: tuple[tuple[str, dict[str, str]], ...]  # (msgid, values)
    contact: Contact = Contact()  # the DPO's contact the caisse publishes, else its address in the Annuaire, else none


def own_caisse(journey: Journey, regime: str) -> OwnCaisse:
    """The person's caisse in `regime` (cpam or msa), from their postcode and the name they gave
    (sar.directory.caisses.caisse_for).

    The contact is used only when the caisse publishes it and the person did not name another caisse.
    """
    hint = str(journey.answer("insurance_fund_name") or "").strip()
    found = caisses.caisse_for(journey.person.postcode, regime, hint)
    notes: list[tuple[str, dict[str, str]]] = []
    if len(found) == 1:
        caisse = found[0]
        if hint and not caisses.names_match(caisse, hint):
            return OwnCaisse(None, found, hint, (("mismatch", {"hint": hint, "caisse": caisse.name}),))
        contact = caisse.contact
        if caisse.contact.is_empty:
            address = registers.load().caisses.get(caisse.id)
            if address is not None:
                contact = address.applied_to(caisse.contact)
                notes.append(("register", {"caisse": caisse.name, "register": registers.REGISTER_NAMES[address.register],
                                           "consulted": address.consulted}))
            else:
                notes.append((f"blank-{regime}" if not hint else "named-blank", {"caisse": caisse.name}))
                lead = caisse.state_directory_2015
                if lead and lead.postal:
                    notes.append(("lead", {"postal": lead.postal.replace("\n", ", ")}))
        else:
            notes.append(("sourced", {"caisse": caisse.name, "source": caisse.contact.source,
                                      "read": caisse.contact.verified}))
        if caisse.coverage in ("unverified", "partial"):
            notes.append((f"coverage-{caisse.coverage}", {"caisse": caisse.name}))
        return OwnCaisse(caisse, found, caisse.name, tuple(notes), contact)  # its own spelling, whatever was typed
    if found:
        names = ", ".join(c.name for c in found)
        return OwnCaisse(None, found, hint, (("candidates", {"names": names}),))
    return OwnCaisse(None, (), hint, () if hint else (("unknown", {}),))


# The notes' values that are dates (ISO in the data), written in words in the note's language.
DATE_VALUES = ("consulted", "read")


def _in_language(values: dict[str, str], lang: str) -> dict[str, str]:
    """A note's values as the person reads them: the date a register was consulted, or the caisse's page read, in words
    in the note's language ("3 December 2026", « 1er décembre 2026 »); a value that is not an ISO date stays as it is."""
    words = dict(values)
    for key in DATE_VALUES:
        if key in values:
            words[key] = format_iso_date(values[key], lang, missing="")
    return words


def _caisse_notes(own: OwnCaisse, lang: str) -> str:
    return " ".join(gettext(CAISSE_NOTES[key], lang).format(**_in_language(values, lang)) for key, values in own.notes)


def _with_notes(actor: Actor, before: Bilingual[str]) -> Bilingual[str]:
    """The caisse's notes first (what to do), then the entry's own."""
    return Bilingual(*(" ".join(part for part in (first, rest) if part) for first, rest in zip(before.values(),
                                                                                                actor.notes.values())))


def _fund_regime(journey: Journey) -> str | None:
    return {"cpam": "cpam", "msa": "msa"}.get(journey.answer("insurance_fund"))


def fund_name(journey: Journey) -> str:
    """The name of the person's fund for reasons: theirs if they gave one, else the caisse their postcode points to."""
    regime = _fund_regime(journey)
    if regime is None:
        return str(journey.answer("insurance_fund_name") or "")
    return own_caisse(journey, regime).name


def _own_fund(journey: Journey, known: dict[str, Actor]) -> tuple[Actor, OwnCaisse | None]:
    """The fund's directory entry (`your-cpam` or `msa`, filled with what the person gave) and their caisse, if the
    fund is a CPAM or the MSA."""
    actor = slot_actor(known[fund_actor(journey)], journey)
    regime = _fund_regime(journey)
    return actor, (own_caisse(journey, regime) if regime else None)


def _addressed(actor: Actor, own: OwnCaisse, name: str, first_note: str = "") -> Actor:
    notes = Bilingual(*(" ".join(part for part in (first_note and gettext(first_note, lang).format(caisse=own.name),
                                                   _caisse_notes(own, lang)) if part) for lang in LANGUAGES))
    contact = own.contact if not own.contact.is_empty else actor.contact
    return replace(actor, name=bilingual_name(name) if name else actor.name, contact=contact,
                   notes=_with_notes(actor, notes))


def fund_recipient(journey: Journey, known: dict[str, Actor]) -> Actor:
    """The person's own fund as a recipient: `your-cpam` or `msa` named after their caisse, with the contact the caisse
    publishes for its data-protection officer when there is one, and notes saying where to look when there is not."""
    actor, own = _own_fund(journey, known)
    return actor if own is None else _addressed(actor, own, own.name)


def bilingual_name(name: str) -> Bilingual[str]:
    return Bilingual(name, name)


def recipient(actor: Actor, journey: Journey, known: dict[str, Actor]) -> Actor:
    """Who the letter goes to. The fund's letters go to the person's own caisse; Mon Espace Santé's too, to its
    data-protection officer (the service's privacy policy sends rights requests to "le directeur ou le DPO de votre
    caisse de rattachement"), and so does the ALD letter to the medical service, which has no address of its own."""
    if actor.id in ("your-cpam", "msa"):
        return fund_recipient(journey, known) if actor.id == fund_actor(journey) else actor
    if actor.id == "mon-espace-sante":
        fund, own = _own_fund(journey, known)
        if own is None:
            return replace(actor, contact=fund.contact)
        return _addressed(replace(actor, contact=fund.contact), own,
                          f"{own.name} – Mon espace santé" if own.name else "",
                          CAISSE_NOTES["mon-espace-sante"] if own.name else "")
    if actor.id == "cpam-medical-service" and _fund_regime(journey) == "cpam":
        fund = fund_recipient(journey, known)
        return replace(actor, contact=fund.contact)
    if actor.id == "tiers-payant-operator":
        named = str(journey.answer("tiers_payant_operator") or "")
        if named and named not in ("unknown", *TIERS_PAYANT_OPERATORS):
            return replace(actor, name=bilingual_name(named),
                           contact=own_places.contact_for(journey, actor.id, named, actor.contact))
    return slot_actor(actor, journey)


# -- the places of the journey, several of each (sar.care_places) --------------------------------------------------------

# The imaging centre has no slot in the directory yet: this one is built like the doctor's, with its own texts. It
# states no retention period, since the sources sar read publish none for imaging centres.
IMAGING_CENTRE = {
    "name": Bilingual("Votre centre d'imagerie", "Your imaging centre"),
    "category": "imaging",
    "role": Bilingual(
        "Le cabinet de radiologie ou le centre d'imagerie médicale où vous avez passé une radiographie, un scanner, une "
        "IRM ou une échographie. Il est responsable des images et des comptes rendus du radiologue qu'il conserve.",
        "The radiology practice or imaging centre where you had an X-ray, a scan, an MRI or an ultrasound. It is the "
        "controller of the images and of the radiologist's reports it keeps."),
    "data": Bilingual(
        ("images (radiographies, scanner, IRM, échographies)", "comptes rendus du radiologue",
         "ordonnance et renseignements cliniques transmis par le prescripteur",
         "données administratives et de facturation"),
        ("images (X-rays, scans, MRI, ultrasound)", "the radiologist's reports",
         "the prescription and clinical information sent by the prescriber", "administrative and billing data")),
    "data_requested": Bilingual(
        ("mes images (radiographies, scanner, IRM, échographies)", "les comptes rendus du radiologue me concernant",
         "l'ordonnance et les renseignements cliniques me concernant transmis par le prescripteur",
         "mes données administratives et de facturation"),
        ("my images (X-rays, scans, MRI, ultrasound)", "the radiologist's reports about me",
         "the prescription and the clinical information about me sent by the prescriber",
         "my administrative and billing data")),
    "retention": Bilingual("Non publiée dans les sources utilisées.", "Not published in the sources used."),
    "notes": Bilingual(
        "Lettre « dossier médical » (article 15 du RGPD et article L.1111-7 du code de la santé publique). Nom et "
        "adresse du centre : à compléter par vous.",
        "Medical-record letter (art. 15 GDPR and article L.1111-7 of the Public Health Code). Name and address of the "
        "centre: you fill them in."),
}


def _slot_for(kind: care_places.PlaceKind, known: dict[str, Actor]) -> Actor:
    if kind.slot in known:
        return known[kind.slot]
    doctor = known["your-doctor"]
    return replace(doctor, id=kind.slot, placeholder_name=IMAGING_CENTRE["name"], sources=(), verified="",
                   **IMAGING_CENTRE)


def place_actor(place: care_places.Place, known: dict[str, Actor], journey: Journey | None = None) -> Actor:
    """The addressee for one place the person went to: its slot (the first doctor is `your-doctor`), named and
    addressed with what the person said of it.

    The next places of a kind have their own ids (`your-doctor-2`) and, until the person names them, the slot's
    placeholder followed by their number ("Your doctor (2)"), so that the findings tell them apart; a letter still leaves
    a blank for the name. They start from the slot with an empty contact: a contact the person gave for their first
    pharmacy is not the second one's. An entry the person added under the place's own id is used as it is. A place
    named without an address takes the address found for this person in the company register (`journey` says whose),
    if any.
    """
    if place.actor_id in known:
        base = known[place.actor_id]
    else:
        slot = _slot_for(place.kind, known)
        placeholder = slot.placeholder_name or slot.name
        if place.number > 1:
            placeholder = Bilingual(*(f"{name} ({place.number})" for name in placeholder.values()))
        base = replace(slot, id=place.actor_id, name=placeholder, placeholder_name=placeholder,
                       contact=Contact() if place.number > 1 else slot.contact, origin="bundled")
    actor = directory.fill_slot(base, name=place.name, postal=place.address)
    if journey is not None and place.name and not place.address:
        actor = replace(actor, contact=own_places.contact_for(journey, place.actor_id, place.name, actor.contact))
    # A public hospital is a public body: its letters are written in French (docs/legal.md).
    return replace(actor, public_body=True) if place.kind is care_places.HOSPITAL and place.value == "public" else actor
