"""A person and their care journey: who they are (for the letters) and what care they had (for the inference).

The answers schema is defined once, as data, in `sar.interview`; a `Journey` holds validated answers keyed by question id.
Answers files (TOML or JSON), CSV rows and the chat TUI all produce the same `Journey`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Mapping


@dataclass(frozen=True)
class Person:
    """The data subject: the identifying data a letter needs, and no more."""

    first_name: str
    last_name: str
    birth_date: date
    address: str
    postcode: str
    city: str
    email: str = ""
    nir: str = ""  # social security number (15 digits, key checked); only ever printed in letters to the insurance fund
    region: str = "metropole"  # whose public holidays count for deadlines (sar.deadlines.REGIONS)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class Journey:
    """A person, the language of their letters, and their answers about their care (question id -> validated value)."""

    person: Person
    lang: str = "fr"
    answers: Mapping[str, Any] = field(default_factory=dict)

    def answer(self, question_id: str, default: Any = None) -> Any:
        return self.answers.get(question_id, default)
