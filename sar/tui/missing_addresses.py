"""The findings screen's two ways to fill missing addresses from the State's registers (issue 22.2 and 22.3).

- "Find the N missing addresses online" (F): the person's own places named without an address (sar.directory
  .own_places). The dialog first shows exactly what will be sent (each name and the postcode), sends only when the
  person says so, takes a single match, lets the person choose among several (or none), and says "not found".
- "Update the registers' addresses" (U): offered on one line when addresses are missing and the registers' data is
  absent or older than a month; it reads what is the same for everybody (sar.directory.update) and sends nothing about
  the person.

The findings screen hooks these in with a few lines: `intro(screen)`, `find(screen)`, `update(screen)`,
`commands(screen)`. The look-ups and the update run in worker threads; offline, one line says so.
"""

from __future__ import annotations

from dataclasses import replace

from textual import on, work
from textual.binding import Binding
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from sar.errors import SarError
from sar.i18n import N_, _
from sar.tui.widgets.dialog import Dialog

FIND = N_("Press F to find the {count} missing addresses online (only their names and your postcode are sent).")
FIND_ONE = N_("Press F to find the missing address online (only its name and your postcode are sent).")
OFFER_UPDATE = N_("Press U to read the caisses' and companies' addresses in the State's registers (it sends nothing "
                  "about you).")
NONE_OF_THESE = "none"


def _places(screen) -> list:
    from sar.directory import own_places

    kept = {f.actor.id for f in screen.findings if not f.actor.contact.postal}
    return [place for place in own_places.places_to_find(screen.journey) if place.actor_id in kept]


def intro(screen) -> str:
    """The lines the findings screen adds under its introduction: the look-up of the person's own places, and the
    update when the registers' data is absent or older than a month (only while an address is missing)."""
    from sar.directory import registers

    if not any(not f.actor.contact.postal for f in screen.findings):
        return ""
    lines = []
    count = len(_places(screen))
    if count:
        lines.append(_(FIND_ONE) if count == 1 else _(FIND).format(count=count))
    if registers.is_stale(registers.load()):
        lines.append(_(OFFER_UPDATE))
    return "".join("\n" + line for line in lines)


def _with_addresses(findings: list, outcomes: list) -> list:
    """The findings with the addresses found for the person's places."""
    found = {o.actor_id: o.address for o in outcomes if o.address is not None}
    return [replace(f, actor=replace(f.actor, contact=found[f.actor.id].applied_to(f.actor.contact)))
            if f.actor.id in found and not f.actor.contact.postal else f for f in findings]


def find(screen) -> None:
    """Open the dialog for the person's places without an address; the findings take what it finds."""
    places = _places(screen)
    if not places:
        screen.notify(_("Every place you named has an address already."), severity="information")
        return

    def done(outcomes: list | None) -> None:
        if outcomes:
            screen.findings = _with_addresses(screen.findings, outcomes)
            screen.show_findings()

    screen.app.push_screen(MissingAddressesDialog(screen.journey, places), done)


def update(screen) -> None:
    """Read the registers in a worker; then find again, keeping the organisations the person added."""
    screen.notify(_("Reading the State's registers; nothing about you is sent…"), timeout=5)
    _run_update(screen)


@work(thread=True, exclusive=True, group="registers")
def _run_update(screen) -> None:
    from sar.directory.update import run_update
    from sar.inference import infer

    try:  # what to do after a failure, said where the person is: in the chat, not with a command
        report = run_update(retry=_("nothing was changed; press U to try again later."))
    except SarError as error:
        screen.app.call_from_thread(screen.notify, str(error), severity="error", timeout=10)
        return
    fresh = infer(screen.journey)

    def show() -> None:
        known = {f.actor.id for f in fresh}
        screen.findings = fresh + [f for f in screen.findings if f.actor.id not in known]
        screen.show_findings()
        screen.notify(_("{count} addresses read in the State's registers.").format(
            count=report.caisses_found + report.organisations_found), timeout=8)

    screen.app.call_from_thread(show)


def commands(screen):
    """The command-palette entries of these two actions."""
    yield _("Find the missing addresses online (f)"), _("Send only their names and your postcode"), screen.action_find_addresses
    yield _("Update the registers' addresses (u)"), _("Caisses and companies; sends nothing about you"), \
        screen.action_update_registers


class MissingAddressesDialog(Dialog[list | None]):
    """What will be sent, then what was found: addresses taken, several candidates to choose from (or none), "not
    found". Answers the outcomes (with the person's choices), or None when cancelled before anything was sent."""

    DEFAULT_CSS = """
    MissingAddressesDialog #plan, MissingAddressesDialog #outcomes {
        height: auto;
        max-height: 10;
        margin-bottom: 1;
    }
    MissingAddressesDialog #choices {
        height: auto;
        max-height: 8;
    }
    """
    AUTO_FOCUS = "#send"
    BINDINGS = [Binding("enter", "save", show=False)]  # Send, then Done, wherever the focus is (the list takes its own)

    def __init__(self, journey, places: list):
        count = len(places)
        super().__init__(_("Find the missing address online") if count == 1 else
                         _("Find the {count} missing addresses online").format(count=count))
        self.journey = journey
        self.places = places
        self.outcomes: list = []
        self.choosing = None  # the outcome whose candidates are on offer
        self.sent = False

    def body(self):
        from sar.cli.place_lookup import plan_text  # the same words as the command line's

        yield Static("\n".join(plan_text([(self.journey, self.places)], named=False)), id="plan", markup=False)
        yield Static("", id="outcomes", markup=False)
        yield OptionList(id="choices")

    def buttons(self):
        yield Button(_("Send"), id="send", variant="primary", compact=True)
        yield Button(_("Cancel"), id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#outcomes").display = False
        self.query_one("#choices").display = False

    @on(Button.Pressed, "#send")
    def action_save(self) -> None:
        """Send (Enter), or close once everything is known."""
        if self.sent:
            self.dismiss(self.outcomes)
            return
        self.sent = True
        self.query_one("#send", Button).disabled = True
        self.show_error(_("Asking the company register…"))
        self.look_up()

    def action_cancel(self) -> None:
        self.dismiss(self.outcomes or None)

    @work(thread=True, exclusive=True)
    def look_up(self) -> None:
        from sar.directory import own_places

        def keep(outcome) -> None:
            own_places.save(self.journey, [outcome])
            self.outcomes.append(outcome)

        try:
            own_places.look_up(self.places, on_each=keep)
        except SarError as error:
            self.app.call_from_thread(self._unavailable, str(error))
            return
        self.app.call_from_thread(self._looked_up)

    def _unavailable(self, message: str) -> None:
        self.show_error("⚠ " + message)
        self._show_outcomes()
        self._ready_to_close()

    def _looked_up(self) -> None:
        self.show_error("")
        self._show_outcomes()
        self._offer_next_choice()

    def _show_outcomes(self) -> None:
        from sar.cli.place_lookup import outcome_lines

        lines = []
        for outcome in self.outcomes:
            lines += outcome_lines(outcome)[:1]
        outcomes = self.query_one("#outcomes", Static)
        outcomes.update("\n".join(lines))
        outcomes.display = bool(lines)
        self.query_one("#plan").display = False

    def _offer_next_choice(self) -> None:
        from sar.directory import own_places

        self.choosing = next((o for o in self.outcomes if o.status == own_places.SEVERAL), None)
        choices = self.query_one("#choices", OptionList)
        choices.clear_options()
        if self.choosing is None:
            choices.display = False
            self._ready_to_close()
            return
        self.show_error("")  # the outcome's line asks the question: "none was chosen for you"
        choices.add_options([Option(f"{c.name}, {c.postal.replace(chr(10), ', ')}", id=str(number))
                             for number, c in enumerate(self.choosing.candidates, start=1)]
                            + [Option(_("None of these"), id=NONE_OF_THESE)])
        choices.display = True
        choices.highlighted = None
        choices.focus()

    @on(OptionList.OptionSelected, "#choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        from sar.directory import own_places

        outcome = self.choosing
        if event.option.id == NONE_OF_THESE:
            picked = replace(outcome, status=own_places.NOT_FOUND)
        else:
            picked = own_places.chosen(outcome, int(event.option.id))
            own_places.save(self.journey, [picked])
        self.outcomes = [picked if o is outcome else o for o in self.outcomes]
        self._show_outcomes()
        self._offer_next_choice()

    def _ready_to_close(self) -> None:
        button = self.query_one("#send", Button)
        button.label = _("Done")
        button.disabled = False
        button.remove_class("-active")  # a new action: Textual ignores Enter while the Send press's flash lasts
        button.focus()
