"""`SarApp`: the guided chat, then the findings, the letters and the tracker, in one Textual app.

The app owns what every screen shares: the UI language (switchable at any time; every screen says everything again),
the theme, the tracker path, the draft and the finished interviews. A first visit opens on the chat; a person who comes
back (the tracker holds requests, or an interview was finished) opens on the home screen, which says where things stand
and offers a new interview only when asked. It imports only what the first screen needs; the findings, letters and
tracker screens (and fpdf2, TinyDB, the letter templates behind them) are imported when first shown.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from sar.i18n import N_, _, set_language, system_language
from sar.tui import chosen_language
from sar.tui.draft import Draft
from sar.tui.screens.chat import ChatScreen

LIGHT_THEME = "textual-light"
DARK_THEME = "textual-dark"


class SarApp(App):
    TITLE = "sar"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("ctrl+q", "quit", N_("Quit"), priority=True),
        Binding("ctrl+l", "switch_language", N_("Language"), priority=True, id="sar.language"),
        Binding("ctrl+t", "toggle_theme", N_("Light/dark"), id="sar.theme"),
        Binding("ctrl+r", "show_tracker", N_("Requests"), id="sar.requests"),
        # In a web page (sar serve) only: the keys browsers keep get function keys too, and the letters download.
        Binding("f9", "download_letters", N_("Download"), id="sar.download"),
    ]

    def __init__(self, lang: str | None = None, db_path: str | Path | None = None, answers_path: str | Path | None = None,
                 *, draft: Draft | None = None, today: date | None = None):
        super().__init__()
        self.db_path = db_path
        self.draft = draft or Draft(answers_path)
        self.session = self.draft.session  # a web page's chat (sar serve): files are on the server, not the reader's
        # --lang, else the language this person chose last time (never a web page's: each visitor chooses), else the
        # system's; the chat asks only when neither was given (sar.tui.chosen_language).
        chosen = None if lang is not None or self.session else chosen_language.remembered()
        self.lang_given = lang is not None or chosen is not None
        self.lang = lang or chosen or system_language()
        set_language(self.lang)
        self.finished = self.draft.finished_journeys()
        self.today = today  # the home's and the tracker's "today" (tests fix it); None: the real day
        self.theme = DARK_THEME
        self.letters_folder: Path | None = None  # where this session wrote letters (follow-ups default there)
        self.written_files: list[Path] = []  # every letter and follow-up this chat wrote (sar serve offers them)

    def on_mount(self) -> None:
        if self.is_web:
            from sar.tui.served import WEB_KEYS

            self.set_keymap(WEB_KEYS)
        if self.coming_back():
            from sar.tui.screens.home import HomeScreen

            self.push_screen(HomeScreen(self.tracker_path, self.finished, self.draft, today=self.today))
        else:
            self.push_screen(ChatScreen(self.draft, ask_language=not self.lang_given))

    def coming_back(self) -> bool:
        """A second visit: the tracker holds requests, or an interview was finished here (checked without reading
        either, so that a first visit starts as fast as before).

        A web page's chat (`sar serve`, a session) is a new visitor's: it opens on the chat, as before, never on a
        summary of the shared tracker's people (the volunteer reaches the requests with their key)."""
        if self.session:
            return self.finished.exists()
        return self.tracker_path.is_file() or self.finished.exists()

    def start_chat(self, how: str) -> None:
        """The interview, from the home screen: "new" (a new one, the draft forgotten) or "resume" (the draft's)."""
        self.push_screen(ChatScreen(self.draft, ask_language=False, start=how))

    def show_findings(self, journey, findings, letters_folder: Path | None = None) -> None:
        """The findings of answers given earlier (from the home screen), shown without answering again; their letters
        go to `letters_folder` (where this person's first ones are), if given."""
        from sar.tui.screens.findings import FindingsScreen

        self.journey = journey
        if letters_folder is not None:
            self.letters_folder = letters_folder
        self.push_screen(FindingsScreen(journey, findings))

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "download_letters":
            return self.is_web  # in a terminal the letters are already on this computer: no key, no footer entry
        if action == "quit":
            # A web page's chat ends when its page is closed; ctrl+q there would quit some browsers (Firefox on Linux)
            # and the footer would advertise it: no Quit in a web page.
            return not self.is_web
        return True

    def action_download_letters(self) -> None:
        from sar.tui.served import DownloadDialog

        self.push_screen(DownloadDialog(self.written_files))

    # -- language -----------------------------------------------------------------------------------------------------

    def switch_language(self, lang: str) -> None:
        """Speak `lang` from now on: every screen on the stack says everything again."""
        self.lang = lang
        set_language(lang)
        if not self.session:
            chosen_language.remember(lang)  # the next visit starts in it
        for screen in self.screen_stack:
            if hasattr(screen, "language_changed"):
                screen.language_changed()
        self.refresh_bindings()

    def action_switch_language(self) -> None:
        self.switch_language("en" if self.lang == "fr" else "fr")

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT_THEME if self.theme == DARK_THEME else DARK_THEME

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        other = "English" if self.lang == "fr" else "Français"
        yield SystemCommand(_("Language: {language}").format(language=other), _("Speak the other language"),
                            self.action_switch_language)
        yield SystemCommand(_("Light or dark"), _("Switch between the light and the dark theme"), self.action_toggle_theme)
        for title, help_text, callback in getattr(screen, "commands", lambda: ())():
            yield SystemCommand(title, help_text, callback)
        yield SystemCommand(_("Requests"), _("The requests you sent and their deadlines"), self.action_show_tracker)
        if self.is_web:
            yield SystemCommand(_("Download the letters"), _("The letters this chat wrote, to this computer"),
                                self.action_download_letters)
        yield SystemCommand(_("Keys"), _("Show the keys of this screen"), self.action_show_help_panel)
        yield SystemCommand(_("Quit"), _("Quit sar (your answers are saved)"), self.action_quit)

    # -- the journey ------------------------------------------------------------------------------------------------------

    def on_chat_screen_interview_done(self, event: ChatScreen.InterviewDone) -> None:
        from sar import journey
        from sar.errors import SarError
        from sar.tui.screens.findings import FindingsScreen

        self.journey = journey.journey_from_document(journey.answers_document(event.answers), str(self.draft.path))
        try:
            self.finished.keep(event.answers)  # the home screen offers these findings again next time
        except (SarError, OSError) as error:
            self.notify(_("Your answers could not be kept for next time: {error}").format(error=error),
                        severity="warning", timeout=10)
        self.push_screen(FindingsScreen(self.journey))

    def on_findings_screen_confirmed(self, event) -> None:
        from sar.tui.screens.letters import LettersScreen

        self.push_screen(LettersScreen(self.journey, event.findings, self.tracker_path, folder=self.letters_folder))

    def on_findings_screen_other_rights(self, event) -> None:
        from sar.tui.screens.rights import RightsScreen

        self.push_screen(RightsScreen(event.findings))

    def on_rights_screen_chosen(self, event) -> None:
        from sar.tui.screens.letters import LettersScreen

        self.push_screen(LettersScreen(self.journey, [event.finding], self.tracker_path, right=event.right,
                                       details=event.details, folder=self.letters_folder))

    def on_letters_screen_tracked(self, event) -> None:
        from sar.tui.screens.tracker import TrackerScreen

        self.draft.discard()  # the answers now live in the tracker and the letters; the next start is a new journey
        self.letters_folder = event.folder
        self.push_screen(TrackerScreen(self.tracker_path, person=event.person_id, letters_folder=event.folder,
                                       today=self.today))

    def action_show_tracker(self) -> None:
        from sar.tui.screens.tracker import TrackerScreen

        if not isinstance(self.screen, TrackerScreen):
            self.push_screen(TrackerScreen(self.tracker_path, letters_folder=self.letters_folder, today=self.today))

    @property
    def tracker_path(self) -> Path:
        from sar.locations import db_path

        return db_path(self.db_path)
