"""What a question of the interview is: its kinds, its choices, when it is asked and what the earlier answers say of
it; and the small pieces the table is written with (`yes_no()`, `when()`, UNKNOWN). The table itself is
`sar.questions.table`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping

from sar.i18n import N_

SECTIONS = ("settings", "person", "journey")
KINDS = ("yes_no", "choice", "choices", "choice_or_text", "text", "latin_name", "date", "postcode", "email", "nir")


@dataclass(frozen=True)
class Choice:
    """One possible answer: the value stored in answers files and CSV columns, and its label (a msgid)."""

    value: Any
    label: str


@dataclass(frozen=True)
class Question:
    """One question of the interview.

    `kind` says how the answer is read and checked: yes_no (a bool), choice (one of `choices`), choices (several, a tuple),
    choice_or_text (one of `choices` or a free name), text, latin_name (text in Latin letters), date, postcode, email,
    nir.
    `ask_if` decides from the answers so far whether the question applies; a question that does not apply takes `default`.
    `suggest` gives, from the answers so far, the likely answers (the towns of the postcode). When it gives exactly one:
    - with a `state` text, and `settled` (if given) holding, the answer is stated and not asked: the chat says it
      ("Your town: Périgueux (from 24000)") and the person changes it only if they wish (`sar.interview.offer`);
    - else, with a `confirm` text, the chat states it and asks only whether it is right (one key).
    `state` is a msgid, or a function of the answer giving one (the letters' language says a different thing in each).
    `wording` gives, from the answers so far, another prompt (a msgid and its values) where the fixed one would ask
    what the person already said ("What is the laboratory's name?" after they named its group).
    """

    id: str
    section: str
    kind: str
    prompt: str
    help: str = ""
    choices: tuple[Choice, ...] = ()
    required: bool = False
    ask_if: Callable[[Mapping[str, Any]], bool] | None = None
    default: Any = None
    suggest: Callable[[Mapping[str, Any]], tuple[Any, ...]] | None = None
    confirm: str = ""
    state: str | Callable[[Any], str] = ""
    settled: Callable[[Mapping[str, Any]], bool] | None = None
    wording: Callable[[Mapping[str, Any]], tuple[str, dict[str, str]]] | None = None

    def applies(self, answers: Mapping[str, Any]) -> bool:
        """Whether to ask this question, given the answers so far (missing answers count as their defaults)."""
        return self.ask_if is None or bool(self.ask_if(_WithDefaults(answers)))

    def suggestions(self, answers: Mapping[str, Any]) -> tuple[Any, ...]:
        """The answers that the earlier ones suggest (none if the question has no `suggest`)."""
        return tuple(self.suggest(_WithDefaults(answers))) if self.suggest else ()

    def is_settled(self, answers: Mapping[str, Any]) -> bool:
        """Whether the earlier answers settle this one well enough to state it rather than ask (see the class)."""
        return bool(self.state) and (self.settled is None or bool(self.settled(_WithDefaults(answers))))

    def statement(self, value: Any) -> str:
        """The msgid that states `value` as this question's answer ("" if the question is never stated)."""
        return self.state(value) if callable(self.state) else self.state

    def worded(self, answers: Mapping[str, Any]) -> tuple[str, dict[str, str]]:
        """The prompt (a msgid) and its values, given the answers so far."""
        return self.wording(_WithDefaults(answers)) if self.wording else (self.prompt, {})

    @property
    def choice_values(self) -> tuple[Any, ...]:
        return tuple(choice.value for choice in self.choices)

    def empty_value(self) -> Any:
        """The value of an optional question left blank."""
        if self.default is not None:
            return self.default
        return {"yes_no": False, "choices": ()}.get(self.kind, "")


class _WithDefaults(Mapping):
    """Answers so far, where a question not yet answered reads as its default (so `ask_if` never meets a KeyError)."""

    def __init__(self, answers: Mapping[str, Any]):
        self._answers = answers

    def __getitem__(self, key: str) -> Any:
        if key in self._answers:
            return self._answers[key]
        from sar.questions.table import question  # the table is built from this module: read it once it exists

        return question(key).empty_value()

    def __iter__(self):
        return iter(self._answers)

    def __len__(self) -> int:
        return len(self._answers)


def yes_no() -> tuple[Choice, ...]:
    return (Choice(True, N_("Yes")), Choice(False, N_("No")))


def when(key: str, *, is_not: Any = None, equals: Any = None) -> Callable[[Mapping[str, Any]], bool]:
    """A readable `ask_if`: ask when answers[key] is truthy, differs from `is_not`, or equals `equals`."""
    if equals is not None:
        return lambda answers: answers[key] == equals
    if is_not is not None:
        return lambda answers: answers[key] not in (is_not, "", None)
    return lambda answers: bool(answers[key])


UNKNOWN = Choice("unknown", N_("I don't know"))
