"""The directory of organisations that hold health data: who they are, what they hold, and where to write to them.

Bundled entries live in `sar/data/`, each with the source of its facts and the date its contact was verified; a contact
sar could not source stays empty, and the letter then leaves a visible blank instead of an invented address.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Contact:
    """Where to send an access request: the data-protection officer's postal address, e-mail or web form."""

    postal: str = ""  # lines separated by "\n"
    email: str = ""
    web_form: str = ""
    source: str = ""  # where this contact was read (URL)
    verified: str = ""  # ISO date the source was read

    @property
    def is_empty(self) -> bool:
        return not (self.postal or self.email or self.web_form)


@dataclass(frozen=True)
class Actor:
    """An organisation (or a slot the user fills, like their own doctor) that may hold a patient's data.

    Texts meant for the patient are given in both languages: {"fr": ..., "en": ...}.
    """

    id: str
    name: str
    kind: str = "organisation"  # organisation | slot | authority
    category: str = ""
    controller: str = "controller"  # controller | processor | joint-controllers | controller-and-processor
    letter: str = "access"  # default letter kind
    role: dict[str, str] = field(default_factory=dict)
    data: dict[str, list[str]] = field(default_factory=dict)
    retention: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    verified: str = ""
    contact: Contact = field(default_factory=Contact)
