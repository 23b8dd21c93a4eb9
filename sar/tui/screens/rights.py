"""Another right than access, for one organisation: choose it, read in one line what it does and whether it can work here,
write in your own words what it is about, then go on to the letter (the letters screen writes and tracks it).

What can work is decided by `sar.rights.advise`, the same rule as `sar letters --right`: a right that does not apply is not
offered a letter; one that will likely be refused says why and what can work instead, and goes on only if the person
ticks "write it anyway".
"""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Input, Label, RadioSet, Select, Static

from sar.errors import InputError
from sar.i18n import N_, _
from sar.inference import Finding
from sar.rights import DETAILS_ASKED, OTHER_RIGHTS, RIGHTS, advise, check_details
from sar.tui.screens.findings import shown_name
from sar.tui.widgets.footer import TranslatedFooter
from sar.tui.widgets.ticks import Choice, Tick
from sar.tui.widgets.words import say_again, worded


INTRO = N_("Besides access, you can ask an organisation to correct, erase, freeze or send on your data, or object to a "
           "use of them. Choose the organisation and the right.")


class RightsScreen(Screen):
    CSS_PATH = "rights.tcss"
    AUTO_FOCUS = "#rights-choice"  # ↓ moves to the next right and Enter chooses it; the organisation is a Tab away
    BINDINGS = [
        Binding("f5", "go_on", N_("Go on to the letter")),
        Binding("escape", "back", N_("Back")),
    ]

    class Chosen(Message):
        """The person chose a right for one organisation: write that letter."""

        def __init__(self, finding: Finding, right: str, details: str):
            super().__init__()
            self.finding = finding
            self.right = right
            self.details = details

    def __init__(self, findings: list[Finding]):
        super().__init__()
        self.findings = list(findings)
        self.right = OTHER_RIGHTS[0]

    def compose(self):
        yield worded(Static("", id="rights-intro", markup=False), INTRO)
        yield Select(self._actor_options(), value=0, allow_blank=False, id="rights-actor", compact=True)
        with VerticalScroll(id="rights-box"):
            with RadioSet(id="rights-choice"):
                for right_id in OTHER_RIGHTS:
                    yield Choice(right_label(right_id), right_id == self.right, id=f"right-{right_id}")
            yield Static("", id="rights-advice", markup=False)
            yield worded(Label(""), N_("In your own words (what is wrong, what to erase, why):"))
            yield worded(Input(id="rights-details", compact=True), N_("Type here"))
            yield worded(Tick("", id="rights-insist", compact=True), N_("Write it anyway"))
        with Horizontal(id="rights-controls"):
            yield worded(Button("", id="rights-go", variant="primary", compact=True), N_("Go on to the letter"))
        yield TranslatedFooter(app_keys=False)

    def _actor_options(self) -> list[tuple[str, int]]:
        return [(shown_name(f.actor), i) for i, f in enumerate(self.findings)]

    def on_mount(self) -> None:
        self.show_advice()

    @property
    def finding(self) -> Finding:
        index = self.query_one("#rights-actor", Select).value
        return self.findings[index if isinstance(index, int) else 0]

    @on(RadioSet.Changed, "#rights-choice")
    def _right_changed(self, event: RadioSet.Changed) -> None:
        self.right = (event.pressed.id or "").removeprefix("right-") or self.right
        self.show_advice()

    @on(Select.Changed, "#rights-actor")
    def _actor_changed(self, _event: Select.Changed) -> None:
        self.show_advice()

    def show_advice(self) -> None:
        """What sar knows about this right with this organisation, in plain words, before any letter is written."""
        advice = advise(self.right, self.finding.actor)
        explanation = _(RIGHTS[self.right].explanation)
        lines = [explanation[:1].upper() + explanation[1:] + "."]
        if advice.self_service:
            lines.append(_(advice.self_service))
        if not advice.applies:
            lines.append(_("No letter: {reason}").format(reason=_(advice.reason)))
        elif advice.likely_refused:
            lines.append(_("Warning: {reason}").format(reason=_(advice.reason)))
        elif advice.reason:
            lines.append(_(advice.reason))
        if advice.applies and RIGHTS[self.right].needs_details:
            lines.append(_(DETAILS_ASKED[self.right]))  # the letter states it: asked before, not only on error
        self.query_one("#rights-advice", Static).update("\n".join(lines))
        self.query_one("#rights-insist", Tick).display = advice.applies and advice.likely_refused
        self.query_one("#rights-go", Button).disabled = not advice.applies

    @on(Button.Pressed, "#rights-go")
    def action_go_on(self) -> None:
        advice = advise(self.right, self.finding.actor)
        if not advice.applies:
            self.notify(_(advice.reason), severity="error", timeout=10)
            return
        if advice.likely_refused and not self.query_one("#rights-insist", Tick).value:
            self.notify(_("This letter will likely be refused: tick “Write it anyway” to write it all the same."),
                        severity="warning", timeout=10)
            return
        try:
            details = check_details(RIGHTS[self.right], self.query_one("#rights-details", Input).value)
        except InputError:
            self.notify(_(DETAILS_ASKED[self.right]), severity="error", timeout=10)
            self.query_one("#rights-details", Input).focus()
            return
        self.post_message(self.Chosen(self.finding, self.right, details))

    def commands(self):
        """Command-palette entries for this screen (the app lists them with its own)."""
        yield _("Go on to the letter (F5)"), _("Write the letter for the right chosen"), self.action_go_on
        yield _("Back (escape)"), _("Back to the organisations found"), self.action_back

    def action_back(self) -> None:
        self.app.pop_screen()

    def language_changed(self) -> None:
        """Say everything again in the new language, in place: the organisation and the right chosen, the words typed
        and "write it anyway" stay as the person left them."""
        say_again(self)
        for right_id in OTHER_RIGHTS:
            self.query_one(f"#right-{right_id}", Choice).label = right_label(right_id)
        actor = self.query_one("#rights-actor", Select)
        shown = actor.value
        with self.prevent(Select.Changed):
            actor.set_options(self._actor_options())
            actor.value = shown if isinstance(shown, int) else 0
        self.show_advice()


def right_label(right_id: str) -> str:
    """"The right to erasure (art. 17)", in the UI language."""
    right = RIGHTS[right_id]
    name = _(right.name)
    return f"{name[:1].upper()}{name[1:]} ({right.article})"
