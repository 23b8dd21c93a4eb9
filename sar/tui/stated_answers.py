"""The answers the chat gives itself: stated ("Your town: Périgueux", taken without a key) or offered for a one-key
confirmation ("From your postcode, your fund is the MSA Dordogne Lot-et-Garonne. Is that right?").

Whether an answer is settled or only suggested is `sar.interview.offer`'s rule; this remembers what the chat did with
it, as `Conversation` remembers the person's answers: which answers it stated (so that the log says them again, in the
language shown, and ctrl+z goes back over them to the person's own last answer), the confirmation asked now, and the
question whose offer the person turned down ("No, let me choose": asked with all its choices).
"""

from __future__ import annotations

from typing import Any

from sar import interview

KEEP, CHANGE = "keep-suggestion", "change-suggestion"  # the two replies to a confirmation


class StatedAnswers:
    def __init__(self):
        self.stated: dict[str, str] = {}  # question id -> what the chat said of the answer it took without asking
        self.confirming: tuple[str, Any] | None = None  # (question id, the answer offered) while asking "is that right?"
        self.choosing: str | None = None  # the question whose offer the person turned down

    def offer(self, question, answers, previous: Any) -> interview.Offer | None:
        """The offer to state or to confirm for `question`, or None when the person is asked: an answer taken back
        (`previous`) or an offer turned down is asked."""
        self.confirming = None
        if self.choosing != question.id:
            self.choosing = None
        made = interview.offer(question, answers)
        if made.how != "ask" and previous is None and self.choosing != question.id:
            if made.how == "state":
                self.stated[question.id] = made.text
            else:
                self.confirming = (question.id, made.value)
            return made
        self.stated.pop(question.id, None)
        return None

    def is_stated(self, question_id: str) -> bool:
        return question_id in self.stated

    def said_again(self, question, answers) -> str:
        """What the chat said of an answer it took without asking, in the language shown now ("" if it was asked, or
        if the statement no longer holds)."""
        if question.id not in self.stated:
            return ""
        made = interview.offer(question, {key: value for key, value in answers.items() if key != question.id})
        return made.text if made.how == "state" and made.value == answers[question.id] else ""

    def reply(self, choice: str) -> tuple[bool, Any]:
        """The person's reply to the confirmation asked now: (True, the answer offered) for KEEP; (False, None) for
        CHANGE, and the question is asked with all its choices."""
        question_id, value = self.confirming
        self.confirming = None
        if choice == KEEP:
            return True, value
        self.choosing = question_id
        return False, None

    def answered(self) -> None:
        """An answer was accepted: the offer turned down is done with."""
        self.choosing = None

    def back(self, conversation):
        """Take back the person's last answer (`Conversation.back`), going back over the answers the chat stated after
        it: they are not steps of the person's, and are stated again when their turn comes."""
        taken_back = conversation.back()
        while taken_back is not None and taken_back.id in self.stated and conversation.transcript():
            conversation.previous.pop(taken_back.id, None)
            self.stated.pop(taken_back.id)
            taken_back = conversation.back()
        return taken_back
