"""Where a person is in the interview: the answers they gave, the question asked now, and the way back.

No rule lives here: which question comes next, and whether an answer is acceptable, are `sar.interview`'s decisions
(`next_question`, `validate`). This only remembers answers, so that going back re-asks a question with the answer given
before, and changing an earlier answer keeps the later ones that still apply (the interview skips questions already answered).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Mapping

from sar.dates import written_date
from sar.i18n import _, format_date


class Conversation:
    """The state of one interview, walked with an interview module (`QUESTIONS`, `next_question`, `validate`)."""

    def __init__(self, interview, answers: Mapping[str, Any] | None = None):
        self.interview = interview
        self.answers: dict[str, Any] = dict(answers or {})
        # Answers taken back (by "back" or "change"): offered again, pre-filled, when their question is asked again.
        self.previous: dict[str, Any] = {}
        self.typed: set[str] = set()  # questions whose offered text was typed but never sent: typing goes on after it

    @property
    def current(self):
        """The question to ask now, or None when the interview is over."""
        return self.interview.next_question(self.answers)

    @property
    def done(self) -> bool:
        return self.current is None

    def transcript(self) -> list:
        """The questions answered so far that still apply, in interview order, up to the question asked now."""
        current = self.current
        asked = []
        for question in self.interview.QUESTIONS:
            if question is current:
                break
            if question.id in self.answers and question.applies(self.answers):
                asked.append(question)
        return asked

    def answer(self, raw: Any) -> Any:
        """Check `raw` with the interview's validator and record it; InputError (with the reason) leaves all as it was."""
        question = self.current
        if question is None:
            raise RuntimeError("the interview is over; there is no question to answer")
        value = self.interview.validate(question, raw)
        self.answers[question.id] = value
        self.previous.pop(question.id, None)
        self.typed.discard(question.id)
        return value

    def back(self):
        """Take back the last answer, so its question is asked again (pre-filled); None if nothing was answered."""
        asked = self.transcript()
        if not asked:
            return None
        return self.change(asked[-1].id)

    def change(self, question_id: str):
        """Ask `question_id` again; the answers after it are kept and skipped if they still apply."""
        self.previous[question_id] = self.answers.pop(question_id)
        self.typed.discard(question_id)
        return self.current

    def keep_typed(self, question_id: str, text: str) -> None:
        """Keep text typed for `question_id` but not sent (the person went back, or changed an earlier answer): it is
        offered again when the question is asked again, as an answer taken back is."""
        self.previous[question_id] = text
        self.typed.add(question_id)

    def prefill(self, question) -> Any:
        """The answer given before to `question`, if it was taken back; else None."""
        return self.previous.get(question.id)


def choice_label(question, value: Any) -> str | None:
    for choice in question.choices:
        if choice.value == value:
            return _(choice.label)
    return None


def answer_text(question, value: Any) -> str:
    """An answer as the person would say it, in the UI language: "Yes", "Doctolib, Maiia", « 12 avril 1985 »."""
    if value is None or value == "" or value == () or value == []:
        # Done with nothing ticked is an answer ("no video consultation"), not a question left unanswered.
        return _("(none)") if question.kind == "choices" else _("(left empty)")
    if question.kind == "yes_no":
        return _("Yes") if value else _("No")
    if question.kind in ("choice", "choice_or_text"):
        return choice_label(question, value) or str(value)
    if question.kind == "choices":
        return ", ".join(choice_label(question, item) or str(item) for item in value)
    if isinstance(value, date):
        return format_date(value)
    return str(value)


def input_text(value: Any) -> str:
    """A previous answer as it can be typed again in the input (dates as people write them: 12/04/1985)."""
    if value is None:
        return ""
    if isinstance(value, date):
        return written_date(value)
    return str(value)
