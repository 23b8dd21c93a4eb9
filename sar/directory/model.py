"""What sar knows of an organisation: an `Actor` (who it is, what it holds, for how long) and its `Contact` (where to
write, with the source it was read in and the date)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from sar import bilingual
from sar.bilingual import EMPTY_TEXT, EMPTY_TEXTS, Bilingual


@dataclass(frozen=True)
class Contact:
    """Where to send an access request: the data-protection officer's postal address, e-mail or web form."""

    postal: str = ""  # lines separated by "\n"
    email: str = ""
    web_form: str = ""
    source: str = ""  # where this contact was read (URL)
    verified: str = ""  # ISO date the source was read
    quote: str = ""  # the line of the source that gives it, word for word (SOURCES.md keeps it too)
    # Where the postal address was read when it comes from one of the State's registers (sar.directory.registers)
    # rather than from `source`: the register's key, the record's URL or id, and the ISO date it was consulted.
    register: str = ""  # annuaire | entreprises
    record: str = ""
    consulted: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.postal or self.email or self.web_form)

    @property
    def postal_sourced(self) -> bool:
        """Whether the postal address was read somewhere sar can name: a cited page with its date, or a register
        record with the date it was consulted."""
        return bool(self.postal and ((self.source and self.verified) or (self.register and self.consulted)))


ActorKind = Literal["organisation", "slot", "authority"]
ControllerRole = Literal["controller", "processor", "joint-controllers", "controller-and-processor"]


@dataclass(frozen=True)
class Actor:
    """An organisation (or a slot the user fills, like their own doctor) that may hold a patient's data.

    Its texts are `Bilingual` (sar.bilingual): a name the same in both languages ("Doctolib") or not ("Votre
    pharmacie" / "Your pharmacy"), and the role, data, retention and notes written for the person, in both languages;
    `data_requested` is what an access letter names to the organisation, in the first person (sar.letters).
    """

    id: str
    name: Bilingual[str]
    kind: ActorKind = "organisation"
    category: str = ""
    controller: ControllerRole = "controller"
    letter: str = "access"  # default letter kind
    role: Bilingual[str] = EMPTY_TEXT
    data: Bilingual[tuple[str, ...]] = EMPTY_TEXTS
    data_requested: Bilingual[tuple[str, ...]] = EMPTY_TEXTS
    retention: Bilingual[str] = EMPTY_TEXT
    notes: Bilingual[str] = EMPTY_TEXT
    sources: tuple[str, ...] = ()
    verified: str = ""
    contact: Contact = field(default_factory=Contact)
    origin: str = "bundled"  # bundled | user (an entry the user added or corrected with `sar directory add`)
    # A French public body, or a private body running a public service (a caisse, a professional order): its letters
    # are written in French whatever the person's language (docs/legal.md, "Letters to French public bodies").
    public_body: bool = False
    # The name an entry has until the person names the organisation ("Your pharmacy"): a description, never an addressee.
    placeholder_name: Bilingual[str] | None = None
    # How the company register knows it (sar.directory.update): its SIREN, read in its own legal notice, or its exact
    # legal name; empty for an organisation the register cannot name (a foreign company, a brand).
    siren: str = ""
    legal_name: str = ""

    @property
    def unnamed(self) -> bool:
        """True while the actor still has its placeholder name: a letter then leaves a blank for the name."""
        return self.placeholder_name is not None and self.name == self.placeholder_name

    def __post_init__(self) -> None:
        # Accept what a data file holds (a name as text, {fr, en} tables, lists) and keep Bilingual values.
        for name, convert in (("name", bilingual.text), ("role", bilingual.text), ("retention", bilingual.text),
                              ("notes", bilingual.text), ("data", bilingual.texts), ("data_requested", bilingual.texts)):
            value = getattr(self, name)
            if not isinstance(value, Bilingual):
                object.__setattr__(self, name, convert(value))
