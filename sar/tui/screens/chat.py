"""The chat: the interview of `sar.interview` walked as a conversation, one question at a time.

The questions answered and their answers are bubbles in a scrolling log; the question asked now stands just above its
replies, outside the log, so that it never scrolls out of sight (`sar.tui.widgets.reply_area`: the question, the reason
an answer was refused, the quick replies and the input). Choice questions are quick-reply buttons; free text goes in the
input at the bottom (a refused answer keeps the question, and what was typed too). Every accepted answer is saved as a
draft at once.

An answer the earlier ones settle (the letters in the chat's language, the only town of a postcode) is stated, not
asked: the chat says it and records it, and the person clicks it to change it; one they only suggest (the caisse of the
postcode) is confirmed with one key (`sar.interview.offer`; what the chat did with each: `sar.tui.stated_answers`). The
progress line names the part of the interview, out of a fixed number of parts (`sar.interview.progress`).
"""

from __future__ import annotations

from typing import Any

from textual import events, on
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Input, Label, ProgressBar

from sar import interview
from sar.errors import InputError
from sar.i18n import N_, _, set_language
from sar.places import spelled_as_in_table
from sar.tui.conversation import Conversation, answer_text, input_text
from sar.tui.draft import Draft
from sar.tui.stated_answers import CHANGE, KEEP, StatedAnswers
from sar.tui.widgets.bubble import Bubble, BubbleRow
from sar.tui.widgets.footer import TranslatedFooter
from sar.tui.widgets.quick_replies import QuickReplies
from sar.tui.widgets.reply_area import ReplyArea

LANGUAGE_CHOICES = (("fr", "Français"), ("en", "English"))
PLACEHOLDERS = {
    "date": N_("e.g. 12/04/1985, 12 April 1985 or 1985-04-12"),
    "postcode": N_("5 digits, e.g. 69003"),
    "email": N_("name@example.org, or leave empty"),
    "nir": N_("15 digits, or leave empty"),
}
TEXT_PLACEHOLDER = N_("Type your answer and press Enter")
MAX_SUGGESTIONS = 8  # more towns than this for one postcode: the person types the name rather than scan a wall of buttons


class ChatScreen(Screen):
    """Stages: "language" (unless --lang was given), "resume" (if a draft exists), then "interview".

    From the home screen (`start`): "new" starts a new interview at once (the draft is forgotten), "resume" goes on
    with the draft's answers; the default, "ask", is a first visit's."""

    CSS_PATH = "chat.tcss"
    BINDINGS = [
        Binding("ctrl+z", "back", N_("Back")),
        Binding("f1", "help", N_("Help")),
        Binding("question_mark", "help", N_("Help"), show=False),
        Binding("escape", "home", N_("Home"), show=False),  # in the command palette: 80 columns are full
    ]

    class InterviewDone(Message):
        """Every question is answered: `answers` is {question id: validated value}."""

        def __init__(self, answers: dict[str, Any]):
            super().__init__()
            self.answers = answers

    def __init__(self, draft: Draft, *, ask_language: bool, start: str = "ask"):
        super().__init__()
        self.draft = draft
        self.conversation = Conversation(interview)
        self.stage = "language" if ask_language else "resume"
        self.start = start
        self.saved_answers: dict[str, Any] | None = None
        self.offers = StatedAnswers()  # the answers the chat states, or asks only to confirm

    # -- layout ---------------------------------------------------------------------------------------------------------

    def compose(self):
        with Horizontal(id="progress-line"):
            yield Label("", id="progress-label")
            yield ProgressBar(total=1, show_eta=False, show_percentage=False, id="progress-bar")
            yield Button(_("? What does this mean?"), id="help-button", compact=True)
        yield VerticalScroll(id="log")
        yield ReplyArea(id="reply")
        yield TranslatedFooter()

    def on_mount(self) -> None:
        if self.start == "new":
            self.draft.discard()
            self.stage = "interview"
        elif self.start == "resume":
            self._start_resume_stage()
            self.conversation = Conversation(interview, self.saved_answers)
            self.stage = "interview"
        elif self.stage == "resume":
            self._start_resume_stage()
        self.render_all()

    # -- what is shown ----------------------------------------------------------------------------------------------------

    def render_all(self) -> None:
        """Rebuild the whole conversation in the current language (after a language switch, back, or a change)."""
        log = self.query_one("#log", VerticalScroll)
        log.remove_children()
        self.reply.clear_question()
        self.query_one("#help-button", Button).label = _("? What does this mean?")  # in the language chosen since
        if self.stage == "language":
            self._ask(_language_question())
            self._show_replies(LANGUAGE_CHOICES, selected=self.app.lang)
        elif self.stage == "resume":
            self._say(self._welcome())
            self._ask(_("You started answering earlier. Shall we continue where you left off?"))
            self._show_replies(
                (("resume", _("Continue where I left off")), ("restart", _("Start again"))), selected="resume"
            )
        else:
            self._say(self._welcome())
            for question in self.conversation.transcript():
                self._say(self.offers.said_again(question, self.conversation.answers)
                          or interview.prompt_text(question, self.conversation.answers))
                self._say_answer(question)
            self._ask_current()
        self._update_progress()
        self.refresh_bindings()
        if self.stage != "interview":
            self.query_one("#help-button").display = False

    def _welcome(self) -> str:
        if self.draft.session:
            return _(
                "Hello! I will ask you a few questions about your health care in France: doctors, pharmacy, tests, "
                "insurance. From your answers I will find the organisations that probably hold your health data, and "
                "write the letters that ask them for a copy (GDPR article 15). Your answers stay on the computer that "
                "runs sar, and are erased when this chat ends.\n"
                "F1 explains a question, ctrl+z goes back, and you can click one of your answers to change it."
            )
        return _(
            "Hello! I will ask you a few questions about your health care in France: doctors, pharmacy, tests, insurance. "
            "From your answers I will find the organisations that probably hold your health data, and write the letters "
            "that ask them for a copy (GDPR article 15). Your answers stay on this computer.\n"
            "F1 explains a question, ctrl+z goes back, and you can click one of your answers to change it."
        )

    def _say(self, text: str, author: str = "assistant", question_id: str | None = None) -> Bubble:
        bubble = Bubble(text, author, question_id=question_id)
        log = self.query_one("#log", VerticalScroll)
        log.mount(BubbleRow(bubble))
        self._scroll_log_end()
        return bubble

    @on(ReplyArea.Resized)
    def _reply_area_resized(self) -> None:
        self._scroll_log_end()  # its last answers stay in view above a help opened (F1), rows of replies

    def _scroll_log_end(self) -> None:
        """The log's last lines in view, once laid out (the question above the replies may have changed height)."""
        log = self.query_one("#log", VerticalScroll)
        log.scroll_end(animate=False)
        self.call_after_refresh(log.scroll_end, animate=False)

    @property
    def reply(self) -> ReplyArea:
        return self.query_one(ReplyArea)

    def _ask(self, text: str) -> Bubble:
        """Ask `text` above the replies: the question asked now replaces the one before (which went to the log)."""
        bubble = self.reply.ask(text)
        self._scroll_log_end()
        return bubble

    def _say_answer(self, question) -> None:
        self._say(answer_text(question, self.conversation.answers[question.id]), "person", question.id)

    def _ask_current(self) -> None:
        question = self.conversation.current
        if question is None:
            self.reply.clear_question()
            self.reply.clear()
            self._say(_("Thank you, that is all I need. Let me see who holds your data…"))
            self.post_message(self.InterviewDone(dict(self.conversation.answers)))
            return
        previous = self.conversation.prefill(question)
        suggestions = question.suggestions(self.conversation.answers)
        made = self.offers.offer(question, self.conversation.answers, previous)
        if made is not None:
            if made.how == "state":
                self._state(made)
            else:
                self._confirm(question, made)
            return
        self._ask(interview.prompt_text(question, self.conversation.answers))
        if question.kind in ("choice", "yes_no", "choices", "choice_or_text"):
            choices = [(choice.value, _(choice.label)) for choice in question.choices]
            if question.kind == "choices":
                self._show_replies(choices, multiple=True, selected=previous or ())
            else:
                selected = previous if previous is not None else self._suggestion(question)
                self._show_replies(choices, selected=selected)
            if question.kind == "choice_or_text":
                self.reply.show_input(
                    _("…or type its name and press Enter"),
                    "" if previous in question.choice_values else input_text(previous),
                    focus=False,
                )
        elif suggestions and len(suggestions) <= MAX_SUGGESTIONS:
            # Towns of the postcode as quick replies; another name can still be typed.
            self._show_replies([(value, str(value)) for value in suggestions],
                               selected=previous if previous in suggestions else suggestions[0])
            self.reply.show_input(_("…or type another name and press Enter"),
                             "" if previous in suggestions else input_text(previous), focus=False)
        else:
            self.reply.clear()
            placeholder = _(PLACEHOLDERS.get(question.kind, TEXT_PLACEHOLDER))
            if not question.required and question.kind == "text":
                placeholder = _("Type your answer and press Enter (or leave it empty)")
            self.reply.show_input(placeholder, input_text(previous), select=question.id not in self.conversation.typed)
        self.query_one("#help-button").display = bool(question.help)

    def _confirm(self, question, made: interview.Offer) -> None:
        """State the answer the earlier ones suggest ("From your postcode, your fund is the CPAM de Paris") and ask only
        whether it is right; "no" shows the question with all its choices."""
        self._ask(made.text)
        self._show_replies(((KEEP, _("Yes")), (CHANGE, _("No, let me choose"))), selected=KEEP)
        self.query_one("#help-button").display = bool(question.help)

    def _state(self, made: interview.Offer) -> None:
        """Say the answer the earlier ones settle ("Your town: Périgueux") and take it, without a key: the person's
        answer bubble below it is clicked to change it, as any answer is."""
        self._say(made.text)
        self.submit(made.value)

    def _suggestion(self, question) -> Any:
        """A sensible answer to focus first: the UI language for the letters, else what the earlier answers suggest."""
        if question.id == "lang":
            return self.app.lang
        suggestions = question.suggestions(self.conversation.answers)
        return suggestions[0] if suggestions else question.default

    def _show_replies(self, choices, *, multiple: bool = False, selected: Any = None) -> None:
        self.reply.show_replies(choices, multiple=multiple, selected=selected)
        # Rows of replies take room from the log once laid out: scroll to its end again then.
        self._scroll_log_end()

    def _update_progress(self) -> None:
        label = self.query_one("#progress-label", Label)
        bar = self.query_one("#progress-bar", ProgressBar)
        if self.stage != "interview":
            label.update("sar")
            bar.update(total=1, progress=0)
            return
        where = interview.progress(self.conversation.answers)
        if where.done:
            label.update(_("All questions answered"))
        else:
            label.update(_("Part {part} of {parts}: {name}").format(part=where.part, parts=where.parts,
                                                                    name=_(where.name)))
        bar.update(total=100, progress=round(100 * where.fraction))

    # -- what the person does -----------------------------------------------------------------------------------------------

    @on(QuickReplies.Chosen)
    def _on_chosen(self, event: QuickReplies.Chosen) -> None:
        if self.stage == "language":
            self.app.switch_language(event.value)
            self.stage = "resume"
            self._start_resume_stage()
            self.render_all()
        elif self.stage == "resume":
            if event.value == "restart":
                self.draft.discard()
                self.conversation = Conversation(interview)
            else:
                self.conversation = Conversation(interview, self.saved_answers)
            self.stage = "interview"
            self.render_all()
        elif self.offers.confirming is not None:
            kept, value = self.offers.reply(event.value)
            if kept:
                self.submit(value)
            else:
                self._ask_current()
        else:
            self.submit(event.value)

    @on(Input.Submitted, "#answer")
    def _on_typed(self, event: Input.Submitted) -> None:
        if self.stage == "interview":
            question = self.conversation.current
            if question is not None and question.kind == "text" and question.suggest:
                # A suggested town typed by hand ("metz", "st etienne") takes its proper spelling.
                self.submit(spelled_as_in_table(event.value, question.suggestions(self.conversation.answers)))
            else:
                self.submit(event.value)

    def on_key(self, event: events.Key) -> None:
        self.reply.take_key(event)  # a letter typed over the quick replies, a number wherever the focus is

    @on(Button.Pressed, "#help-button")
    def _on_help_button(self) -> None:
        self.action_help()

    @on(Bubble.ChangeAnswer)
    def _on_change(self, event: Bubble.ChangeAnswer) -> None:
        if self.stage == "interview" and event.question_id in self.conversation.answers:
            self._keep_typed()
            self.conversation.change(event.question_id)
            self.render_all()

    def submit(self, raw: Any) -> None:
        """Answer the current question: refused answers show the reason and keep the question; accepted ones are saved."""
        question = self.conversation.current
        if question is None:
            return
        try:
            self.conversation.answer(raw)
        except InputError as error:
            self.reply.set_error(str(error))
            if self.reply.input_shown:
                self.reply.input.focus()
            return
        self.draft.save(self.conversation.answers)
        self.offers.answered()
        self.reply.set_error("")
        if not self.offers.is_stated(question.id):  # a stated answer's words are in the log already (`_state`)
            # the question answered joins the log, with its answer
            self._say(interview.prompt_text(question, self.conversation.answers))
        self._say_answer(question)
        self._ask_current()
        self._update_progress()
        self.refresh_bindings()

    def _start_resume_stage(self) -> None:
        """Offer the saved draft if there is one that can be read back; else start the interview."""
        self.saved_answers = None
        if self.draft.exists():
            try:
                self.saved_answers = self.draft.load()
            except InputError as error:
                self.notify(
                    _("Your saved answers could not be read back ({error}); starting again.").format(error=error),
                    severity="warning",
                    timeout=10,
                )
        if not self.saved_answers:
            self.stage = "interview"

    # -- actions ----------------------------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "home":
            return self._home() is not None
        if action == "back":
            return self.stage == "interview" and bool(self.conversation.transcript())
        if action == "help":
            question = self.conversation.current if self.stage == "interview" else None
            return bool(question and question.help)
        return True

    def action_back(self) -> None:
        if self.stage == "interview" and self.conversation.transcript():
            self._keep_typed()
            self.offers.back(self.conversation)  # over the answers the chat stated, to the person's own last one
            self.render_all()

    def _keep_typed(self) -> None:
        """Text typed at the current question and not sent yet stays with it: going back, or changing an earlier
        answer, loses nothing typed (the question offers it again when it comes back)."""
        question = self.conversation.current
        box = self.reply.input
        if (question is not None and question.kind not in ("yes_no", "choice", "choices") and box.value.strip()
                and self.reply.input_shown):
            self.conversation.keep_typed(question.id, box.value)

    def _home(self):
        from sar.tui.screens.home import HomeScreen

        return next((screen for screen in self.app.screen_stack if isinstance(screen, HomeScreen)), None)

    def action_home(self) -> None:
        """Back to the home screen; the answers so far stay in the draft (the home offers to continue)."""
        home = self._home()
        if home is not None:
            while self.app.screen is not home:
                self.app.pop_screen()

    def commands(self):
        """Command-palette entries for this screen (the app lists them with its own)."""
        if self._home() is not None:
            yield _("Home (escape)"), _("Where things stand; your answers so far are kept"), self.action_home

    def action_help(self) -> None:
        question = self.conversation.current if self.stage == "interview" else None
        if question and question.help:
            self.reply.show_help(_(question.help))

    def language_changed(self) -> None:
        """Called by the app after a language switch: say everything again in the new language."""
        set_language(self.app.lang)
        self._keep_typed()  # what was typed and not sent yet is offered again, in the question asked again
        self.render_all()
        self.query_one(TranslatedFooter).refresh(recompose=True)


def _language_question() -> str:
    # Deliberately in both languages: the person has not chosen yet.
    return "Bonjour ! Dans quelle langue voulez-vous continuer ?\nHello! Which language would you like to continue in?"
