"""The home of a second visit: where things stand, person by person, and the next step for each; the organisations found
from a person's last answers, without answering again; a new interview only when asked.

What waits is the core's to say (`sar.requests.summary`: drafts waiting for an address, letters to send, deadlines passed
or near, answers to check); the answers kept are `sar.finished_journeys`' (on a shared computer, only this session's). This
screen only shows them as one list: ↓ and Enter open a step, on the request it is about, in the tracker.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sar.errors import SarError
from sar.i18n import N_, _, format_date
from sar.tui.widgets.footer import TranslatedFooter
from sar.tui.widgets.words import say_again, worded

CONTINUE, NEW = "continue", "new"


class HomeScreen(Screen):
    CSS_PATH = "home.tcss"
    AUTO_FOCUS = "#home-steps"
    BINDINGS = [
        Binding("n", "new_interview", N_("New interview")),
    ]

    def __init__(self, tracker_path: Path, finished, draft, *, today: date | None = None):
        super().__init__()
        self.tracker_path = Path(tracker_path)
        self.finished = finished  # sar.finished_journeys.FinishedJourneys: this computer's, or this session's only
        self.draft = draft
        self.today = today or date.today()
        self.targets: dict[str, tuple] = {}  # option id -> what Enter opens

    def compose(self):
        yield worded(Static("", id="home-intro", markup=False), N_("Welcome back. Here is where things stand:"))
        yield OptionList(id="home-steps")
        yield worded(Static("", id="home-hint", markup=False), N_("↓ and Enter open a step; N: a new interview."))
        yield TranslatedFooter()

    def on_mount(self) -> None:
        self.load()

    def on_screen_resume(self) -> None:
        self.load()  # back from the requests or the findings: something may have changed

    # -- what is shown ------------------------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="home")
    def load(self) -> None:
        """Read the tracker, the answers kept and the draft (files: never on the UI thread), then show them."""
        from sar import interview
        from sar.identity import person_identity
        from sar.requests import Tracker
        from sar.requests.summary import summarise

        problems = []
        summaries, ids_of = [], {}
        tracker = Tracker(self.tracker_path)
        try:
            if tracker.exists():
                summaries = summarise(tracker.list_requests(), self.today)
                ids_of = {person_identity(person): person_id for person_id, person in tracker.people_with_ids()}
        except SarError as error:
            problems.append(str(error))
        finished = self.finished.all()
        unfinished = False
        if self.draft.exists():
            try:
                answers = self.draft.load()
                unfinished = bool(answers) and interview.next_question(answers) is not None
            except SarError:
                unfinished = True  # the chat says what is wrong with it, and starts afresh
        self.app.call_from_thread(self._show, summaries, finished, ids_of, unfinished, problems)

    def _show(self, summaries, finished, ids_of: dict[str, str], unfinished: bool, problems: list[str]) -> None:
        from sar.identity import person_identity

        for problem in problems:
            self.notify(problem, severity="error", timeout=20)
        options: list[Option | None] = []
        self.targets = {}
        if unfinished:
            options.append(self._option(CONTINUE, _("Continue the interview where you left off"),
                                        _("Your answers so far are kept."), (CONTINUE,)))
        tracked_journeys, untracked = {}, []
        for kept in finished:
            person_id = ids_of.get(person_identity(kept.journey.person))
            if person_id is None:
                untracked.append(kept)
            else:
                tracked_journeys[person_id] = kept
        for kept in untracked:  # answers whose letters are not tracked yet: the most recent work first
            options.append(Option(Text(kept.journey.person.full_name, style="bold"), disabled=True))
            options.append(self._findings_option(kept, None))
        for summary in summaries:
            options.append(None)
            options.append(Option(Text(summary.headline(), style="bold"), id=f"person-{summary.person_id}",
                                  disabled=True))
            for step in summary.steps:
                options.append(self._option(f"step-{summary.person_id}-{step.kind}", step.title(), step.next_step(),
                                            ("requests", summary.person_id, step.requests[0].id)))
            if not summary.steps:
                options.append(self._option(f"requests-{summary.person_id}", _("Nothing waits on you"),
                                            _("See the requests and their deadlines."),
                                            ("requests", summary.person_id, None)))
            if summary.person_id in tracked_journeys:
                options.append(self._findings_option(tracked_journeys[summary.person_id], summary.person_id))
        options.append(None)
        options.append(self._option(NEW, _("Start a new interview"), _("For you again, or for someone else."), (NEW,)))
        steps = self.query_one("#home-steps", OptionList)
        highlighted = steps.highlighted_option.id if steps.highlighted_option else None
        steps.clear_options()
        steps.add_options(options)
        enabled = [index for index, option in enumerate(steps.options) if not option.disabled]
        wanted = next((index for index in enabled if steps.options[index].id == highlighted), enabled[0])
        steps.highlighted = wanted

    def _option(self, option_id: str, title: str, next_step: str, target: tuple) -> Option:
        self.targets[option_id] = target
        prompt = Text(f"{title}\n")
        prompt.append(f"→ {next_step}", style="italic")
        return Option(prompt, id=option_id)

    def _findings_option(self, kept, person_id: str | None) -> Option:
        return self._option(
            f"findings-{kept.path.stem}",
            _("The organisations found from your answers of {date}").format(date=format_date(kept.finished_on)),
            _("See them again without answering again: fill in an address, add one, write the letters."),
            ("findings", kept, person_id))

    # -- what the person does -----------------------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#home-steps")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        target = self.targets.get(event.option.id or "")
        if target is None:
            return
        if target[0] == NEW:
            self.action_new_interview()
        elif target[0] == CONTINUE:
            self.app.start_chat("resume")
        elif target[0] == "requests":
            from sar.tui.screens.tracker import TrackerScreen

            _kind, person_id, request_id = target
            self.app.push_screen(TrackerScreen(self.tracker_path, person=person_id, today=self.today,
                                               letters_folder=self.app.letters_folder, request_id=request_id))
        elif target[0] == "findings":
            _kind, kept, person_id = target
            self.reopen(kept, person_id)

    @work(thread=True, exclusive=True, group="home")
    def reopen(self, kept, person_id: str | None) -> None:
        """The findings of these answers, with what the tracker learnt since (contacts typed, organisations added)."""
        from sar.finished_journeys import with_tracked_contacts
        from sar.inference import infer
        from sar.requests import Tracker

        findings = infer(kept.journey)
        try:
            tracker = Tracker(self.tracker_path)
            requests = tracker.list_requests(person_id) if person_id and tracker.exists() else []
        except SarError:
            requests = []
        from sar.tui.screens.tracker import letter_folder

        # Letters written again (an address filled in since) go to the folder of this person's first ones.
        folder = next((letter_folder(request) for request in requests if request.files), None)
        self.app.call_from_thread(self.app.show_findings, kept.journey, with_tracked_contacts(findings, requests),
                                  folder)

    def action_new_interview(self) -> None:
        self.app.start_chat("new")

    def commands(self):
        """Command-palette entries for this screen (the app lists them with its own)."""
        yield _("New interview (n)"), _("Answer the questions again, for you or someone else"), self.action_new_interview

    def language_changed(self) -> None:
        """Say everything again in the new language, in place: the step highlighted stays."""
        say_again(self)
        self.load()
