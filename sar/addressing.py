"""Who a letter is from and to, as the envelope's window shows them: the sender's block, the recipient's block (the
organisation for the attention of its data-protection officer, a practitioner by name, the CNIL for a complaint), and
the blanks left where sar knows no name or address. Never an invented address: a blank with a short note to fill by
hand. Addresses are laid out as La Poste reads them (sar.postal).
"""

from __future__ import annotations

import re

from sar.directory import Actor
from sar.journey import Person
from sar.letter_templates import Frame, frame
from sar.postal import address_lines

_DPO_WORDS = re.compile(r"\bDPO\b|d[ée]l[ée]gu[ée]e? à la protection|data protection officer", re.IGNORECASE)
# A line that only says "for the attention of the DPO", in either language: the frame's own formula replaces it.
_DPO_ONLY = re.compile(r"^(?:à l['’]attention d[ue] (?:la |l['’])?|for the attention of (?:the )?|attn:? )?"
                       r"(?:DPO|d[ée]l[ée]gu[ée]e? à la protection des données|data protection officer)\.?$",
                       re.IGNORECASE)

BLANK_LINE = "_" * 34  # fits the PDF's recipient column


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_BREAKING_SPACE = re.compile(r"[^\S\u00a0\u202f]+")  # any white space but the no-break ones


def one_line(text: str) -> str:
    """A value as one line: control characters dropped, runs of white space (newlines included) made one space.

    No-break spaces are kept: French typography puts them before « : ; ? ! » and inside « » (sar.french).
    """
    return _BREAKING_SPACE.sub(" ", _CONTROL.sub("", str(text))).strip(" ")


def postal_lines(postal: str) -> list[str]:
    """An address as lines: given lines ("\\n") as they are, else a one-line address split at its commas."""
    raw = postal.splitlines() if "\n" in postal else postal.split(",")
    return [line for line in (one_line(part) for part in raw) if line]


def person_address_lines(person: Person) -> list[str]:
    """The person's address as they typed it, for the letter's text (« adresse : 12 rue des Lilas, 69003 Lyon »)."""
    lines = postal_lines(person.address)
    town = one_line(f"{person.postcode} {person.city}")
    if town:
        lines.append(town)
    return lines


def sender_lines(person: Person, lang: str) -> tuple[str, ...]:
    """The sender's block: name and address as La Poste reads them (« 69003 LYON » last), then the e-mail address."""
    lines = list(address_lines([one_line(person.full_name), *person_address_lines(person)], lang))
    if person.email:
        lines.append(frame(lang).email_line(one_line(person.email)))
    return tuple(line for line in lines if line)


def cnil_recipient(lang: str) -> tuple[str, ...]:
    """The CNIL's name and postal address for complaints, as the directory's `cnil` entry gives them (with a source)."""
    return authority_recipient("cnil", lang)


def authority_recipient(actor_id: str, lang: str) -> tuple[str, ...]:
    """An authority's name and postal address (the CNIL for a complaint, the CADA for a referral), as its directory entry
    gives them, with a source."""
    from sar.directory import get

    authority = get(actor_id)
    name = one_line(authority.name.get(lang))
    lines = [line for line in postal_lines(authority.contact.postal) if not name.casefold().startswith(line.casefold())]
    return address_lines([name, *lines], lang)


# Recipients that are their own controller as a person, not an organisation with a data-protection officer: a doctor in
# private practice is the controller of their patients' records, and patients exercise their rights directly with them
# (the URPS / Assurance Maladie guide for doctors). Their letter goes to them by name, with no "DPO" line. Every
# practitioner the person saw is one (`your-doctor`, `your-doctor-2`... share the slot's category, sar.care_places).
PRACTITIONER_CATEGORY = "practice"
DOCTOR_SLOT = "your-doctor"


def is_practitioner(actor: Actor) -> bool:
    return (actor.category == PRACTITIONER_CATEGORY or actor.id == DOCTOR_SLOT
            or actor.id.startswith(DOCTOR_SLOT + "-"))


def _names_itself(address_first_line: str, name: str) -> bool:
    """True when an address opens with the organisation's own name as its source gives it ("Eurofins Biomnis" for
    "Eurofins (biologie médicale…)"): that line is the addressee, and the directory's longer display name is left out
    (La Poste: the addressee on line 1, at most 38 characters)."""
    first = address_first_line.split()[0].casefold() if address_first_line.split() else ""
    return len(first) >= 3 and first == (name.split()[0].casefold() if name.split() else "")


def _attention(postal: list[str], words: Frame) -> tuple[list[str], bool]:
    """The address's lines with its data-protection-officer line, if any, in the frame's short form; and whether it
    names the DPO at all (« Doctolib – DPO » does, and is kept as given)."""
    named = False
    lines = []
    for line in postal:
        if _DPO_ONLY.match(line):
            lines.append(words["for_the_attention"])
            named = True
        else:
            named |= bool(_DPO_WORDS.search(line))
            lines.append(line)
    return lines, named


def recipient_block(kind: str, actor: Actor, lang: str, channel: str) -> tuple[tuple[str, ...], bool]:
    """The recipient block; a missing address is a visible blank with a short note, never an invented one.

    An organisation's letter is for the attention of its data-protection officer, named once, on the line after the
    addressee (La Poste's "service" line); a practitioner's goes to them by name. A posted letter's address is laid out
    as La Poste reads it (sar.postal): postcode and town in capitals on the last line, the country only abroad.
    """
    words = frame(lang)
    if kind == "complaint":
        return cnil_recipient(lang), False
    if kind == "cada":
        return authority_recipient("cada", lang), False
    practitioner = is_practitioner(actor)
    name = one_line(actor.name.get(lang))
    given = postal_lines(actor.contact.postal) if channel == "post" else []
    postal = [line for line in given if line.casefold() != name.casefold()]
    # "Your pharmacy" describes whom to write to; it is not an addressee: a blank to fill, like a missing address.
    if actor.unnamed:
        addressee = [words["missing_name"], BLANK_LINE]
    elif postal and len(postal) == len(given) and _names_itself(postal[0], name):
        addressee, postal = postal[:1], postal[1:]
    else:
        addressee = [name]
    postal, dpo_named = _attention(postal, words)
    dpo_named |= any(_DPO_WORDS.search(line) for line in addressee)
    lines = addressee + ([] if practitioner or dpo_named else [words["for_the_attention"]])
    missing = False
    if channel == "post":
        if postal:
            lines += postal
        else:
            lines += [words["missing_postal"], BLANK_LINE, BLANK_LINE]  # the last line is left for "POSTCODE TOWN"
            missing = True
        return address_lines(lines, lang), missing
    email = one_line(actor.contact.email)
    if email:
        lines.append(email)
    else:
        lines += [words["missing_email"], BLANK_LINE]
        missing = True
    return tuple(lines), missing
