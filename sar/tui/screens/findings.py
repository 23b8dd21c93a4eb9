"""The findings: who probably holds the person's data, grouped by likelihood, each with its reasons, data, retention and contact.

The person unticks what they do not want to write to, adds an organisation (from the directory, or by its name and
address when the directory does not hold it), and fills a contact sar does not know (their doctor's practice, their
pharmacy), by hand or from the public company register (only the organisation's name, and a postcode if the person types
one, leave the machine): sar never invents an address. A card without a contact says where to look. After a dialog the
focus comes back to the card it was about.
"""

from __future__ import annotations

from dataclasses import replace

from textual import on, work
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from sar.bilingual import Bilingual
from sar.directory import Actor, Contact
from sar.directory.registers import provenance
from sar.errors import InputError, SarError
from sar.i18n import N_, _, current_language
from sar.inference import LIKELIHOODS, Finding
from sar.tui import missing_addresses
from sar.tui.screens.organisations import (  # noqa: F401 (their names stay importable from here)
    ADDED_BY_YOU, ContactForm, DirectoryPicker, Named, NewOrganisationForm, Unlisted, added_finding, shown_name,
    where_to_look,
)
from sar.tui.widgets.dialog import Dialog
from sar.tui.widgets.footer import TranslatedFooter
from sar.tui.widgets.ticks import Tick

LIKELIHOOD_TITLES = {
    "certain": N_("Certain: they hold data about you"),
    "likely": N_("Likely"),
    "possible": N_("Possible: worth asking"),
}


def contact_lines(contact: Contact) -> list[str]:
    lines = []
    if contact.postal:
        lines.append(_("Post: {address}").format(address=contact.postal.replace("\n", ", ")))
        if contact.register:  # an address read in one of the State's registers says which, and when
            lines.append(_("  Source: {provenance}").format(provenance=provenance(contact)))
    if contact.email:
        lines.append(_("E-mail: {email}").format(email=contact.email))
    if contact.web_form:
        lines.append(_("Web form: {url}").format(url=contact.web_form))
    return lines


def name_to_look_up(actor: Actor) -> str:
    """The name to offer for a register search: a slot sar could not fill ("your pharmacy") has no name worth sending."""
    if actor.kind == "slot":
        from sar import directory

        try:
            if directory.get(actor.id).name == actor.name:
                return ""
        except SarError:
            pass
    return actor.name.get(current_language())


class FindingCard(Vertical):
    """One organisation: a tick box with its name, then why, what, how long, and where to write."""

    class FillContact(Message):
        def __init__(self, actor_id: str, how: str = "fill"):
            super().__init__()
            self.actor_id = actor_id
            self.how = how  # "fill": typed by hand; "lookup": from the company register

    def __init__(self, finding: Finding, chosen: bool):
        super().__init__(classes="finding")
        self.finding = finding
        self.chosen = chosen

    def compose(self):
        finding = self.finding
        yield Tick(shown_name(finding.actor), self.chosen, id=f"pick-{finding.actor.id}", compact=True)
        lang = current_language()
        lines = [f"• {reason.get(lang)}" for reason in finding.reasons]
        if finding.data:
            lines.append(_("Data: {data}").format(data="; ".join(finding.data.get(lang))))
        if finding.retention:
            lines.append(_("Kept: {retention}").format(retention=finding.retention.get(lang)))
        lines += contact_lines(finding.actor.contact)
        yield Static("\n".join(lines), markup=False, classes="details")
        if finding.actor.contact.is_empty:
            with Horizontal(classes="unknown-contact"):
                yield Label(_("Contact unknown: "), classes="warning")
                yield Button(_("Fill it in"), id=f"fill-{finding.actor.id}", compact=True, variant="warning")
                yield Button(_("Look it up"), id=f"lookup-{finding.actor.id}", compact=True)
            yield Static(where_to_look(finding.actor), markup=False, classes="details where-to-look")

    @on(Button.Pressed)
    def _fill(self, event: Button.Pressed) -> None:
        event.stop()
        how = "lookup" if (event.button.id or "").startswith("lookup-") else "fill"
        self.post_message(self.FillContact(self.finding.actor.id, how))


class FindingsScreen(Screen):
    CSS_PATH = "findings.tcss"
    BINDINGS = [
        Binding("w", "letters", N_("Write the letters")),
        Binding("a", "add", N_("Add an organisation")),
        Binding("r", "other_rights", N_("Other rights"), show=False),  # in the intro and the palette: 80 columns are full
        Binding("f", "find_addresses", N_("Find missing addresses"), show=False),  # sar.tui.missing_addresses
        Binding("u", "update_registers", N_("Update the registers' addresses"), show=False),
        Binding("escape", "back", N_("Back")),
    ]

    class OtherRights(Message):
        """The person wants to exercise another right than access (sar.tui.screens.rights) with one of these."""

        def __init__(self, findings: list[Finding]):
            super().__init__()
            self.findings = findings

    class Confirmed(Message):
        """The person is happy with the list: write letters to these findings."""

        def __init__(self, findings: list[Finding]):
            super().__init__()
            self.findings = findings

    def __init__(self, journey, findings: list[Finding] | None = None):
        super().__init__()
        self.journey = journey
        self.findings: list[Finding] = list(findings) if findings is not None else []
        self.unticked: set[str] = set()
        self._given = findings is not None

    def compose(self):
        yield Static("", id="findings-intro", markup=False)
        yield VerticalScroll(id="findings")
        yield TranslatedFooter(app_keys=False)

    def on_mount(self) -> None:
        if self._given:
            self.show_findings()
        else:
            self.query_one("#findings-intro", Static).update(_("Looking for the organisations that hold your data…"))
            self.find()

    @work(exclusive=True, thread=True)
    def find(self) -> None:
        from sar.inference import infer  # the directory is read here, not at start-up

        findings = infer(self.journey)
        self.app.call_from_thread(self._found, findings)

    def _found(self, findings: list[Finding]) -> None:
        self.findings = list(findings)
        self.show_findings()

    def show_findings(self, focus: str | None = None) -> None:
        """Show every card again; the focus comes back to the card of `focus` (an actor id), else to the card that had
        it, not to the first one."""
        focus = focus or self._focused_card()
        count = len(self.findings)
        intro = (
            _(
                "Here is who probably holds data about your health ({count}). Untick those you do not want to write "
                "to; press W to write the letters, or R for your other rights (correct, erase, object…)."
            ).format(count=count)
            if count
            else _("I found no organisation from your answers. Press A to add one from the directory.")
        )
        unknown = sum(1 for f in self.findings if f.actor.contact.is_empty)
        if unknown:
            intro += "\n" + _(
                "No address is known for {count} of them: each card says where to look."
            ).format(count=unknown)
        intro += missing_addresses.intro(self)
        self.query_one("#findings-intro", Static).update(intro)
        box = self.query_one("#findings", VerticalScroll)
        box.remove_children()
        for likelihood in LIKELIHOODS:
            group = [f for f in self.findings if f.likelihood == likelihood]
            if not group:
                continue
            box.mount(Label(_(LIKELIHOOD_TITLES[likelihood]), classes=f"group {likelihood}"))
            for finding in group:
                box.mount(FindingCard(finding, finding.actor.id not in self.unticked))
        if focus:
            self.call_after_refresh(self._refocus, focus)

    def _focused_card(self) -> str | None:
        """The actor id of the card holding this screen's focus (kept while a dialog is on top), if any."""
        widget = self.focused
        while widget is not None and not isinstance(widget, FindingCard):
            widget = widget.parent
        return widget.finding.actor.id if isinstance(widget, FindingCard) else None

    def _refocus(self, actor_id: str) -> None:
        for box in self.query(f"#pick-{actor_id}"):
            box.focus()
            box.parent.scroll_visible(animate=False)
    def chosen(self) -> list[Finding]:
        return [f for f in self.findings if f.actor.id not in self.unticked]

    @on(Checkbox.Changed)
    def _ticked(self, event: Checkbox.Changed) -> None:
        actor_id = (event.checkbox.id or "").removeprefix("pick-")
        if event.value:
            self.unticked.discard(actor_id)
        else:
            self.unticked.add(actor_id)

    @on(FindingCard.FillContact)
    def _fill_contact(self, event: FindingCard.FillContact) -> None:
        finding = next(f for f in self.findings if f.actor.id == event.actor_id)

        def filled(contact: Contact | Named | str | None) -> None:
            if contact == LookupDialog.BY_HAND:
                self.app.push_screen(ContactForm(finding.actor), filled)
                return
            if isinstance(contact, Named):  # a place named at last: its letter and files take the name
                actor = replace(finding.actor, name=Bilingual(contact.name, contact.name), contact=contact.contact)
            elif isinstance(contact, Contact):
                actor = replace(finding.actor, contact=contact)
            else:
                return
            self.findings = [replace(f, actor=actor) if f.actor.id == finding.actor.id else f for f in self.findings]
            self.show_findings(focus=finding.actor.id)

        dialog = LookupDialog(finding.actor) if event.how == "lookup" else ContactForm(finding.actor)
        self.app.push_screen(dialog, filled)

    def commands(self):
        """Command-palette entries for this screen (the app lists them with its own)."""
        yield _("Write the letters (w)"), _("Write to the organisations ticked"), self.action_letters
        yield _("Add an organisation (a)"), _("Add one from the directory, or by its name and address"), self.action_add
        yield _("Other rights (r)"), _("Correct, erase, freeze or object, with one organisation"), \
            self.action_other_rights
        yield _("Back to the chat (escape)"), _("Change your answers"), self.action_back
        yield from missing_addresses.commands(self)

    def action_find_addresses(self) -> None:
        missing_addresses.find(self)

    def action_update_registers(self) -> None:
        missing_addresses.update(self)

    def action_add(self) -> None:
        def added(actor: Actor | Unlisted | None) -> None:
            if isinstance(actor, Unlisted):
                taken = {f.actor.id for f in self.findings}
                self.app.push_screen(NewOrganisationForm(actor.name, taken), added)
                return
            if actor is None:
                return
            if any(f.actor.id == actor.id for f in self.findings):
                self.unticked.discard(actor.id)
            else:
                self.findings.append(added_finding(actor))
            self.show_findings(focus=actor.id)

        self.app.push_screen(DirectoryPicker(), added)

    def action_letters(self) -> None:
        chosen = self.chosen()
        if not chosen:
            self.notify(_("Tick at least one organisation first."), severity="warning")
            return
        self.post_message(self.Confirmed(chosen))

    def action_other_rights(self) -> None:
        if not self.findings:
            self.notify(_("Add an organisation first."), severity="warning")
            return
        self.post_message(self.OtherRights(self.chosen() or self.findings))

    def action_back(self) -> None:
        self.app.pop_screen()

    def language_changed(self) -> None:
        if self.findings or self._given:
            self.show_findings()
        self.query_one(TranslatedFooter).refresh(recompose=True)


class LookupDialog(Dialog[Contact | str | None]):
    """Look the organisation up in the public company register (sar.directory.lookup) and take its head-office address.

    Only the name and the optional postcode typed here are sent. The chosen address is saved in the user's directory, with
    the register page as its source. Offline or on any error: one line says so, and the address can be typed by hand.
    Answers the Contact, BY_HAND (type it instead), or None.
    """

    BY_HAND = "by-hand"
    DEFAULT_CSS = """
    LookupDialog #lookup-line {
        height: auto;
        margin-bottom: 1;
    }
    LookupDialog #lookup-name {
        width: 1fr;
    }
    LookupDialog #lookup-postcode {
        width: 30;  /* room for its placeholder in French, "Code postal (facultatif)" */
    }
    LookupDialog #candidates {
        height: auto;
        max-height: 8;
        margin-bottom: 1;
    }
    """
    AUTO_FOCUS = "#lookup-name"

    def __init__(self, actor: Actor):
        super().__init__(_("Find the address of {name} in the public company register").format(name=shown_name(actor)))
        self.actor = actor
        self.candidates: list = []

    def body(self):
        yield Static(_("Only the name and the postcode you type here are sent, nothing about you."),
                     classes="hint", markup=False)
        with Horizontal(id="lookup-line"):
            yield Input(name_to_look_up(self.actor), id="lookup-name", placeholder=_("Organisation's name"))
            yield Input(id="lookup-postcode", placeholder=_("Postcode (optional)"), max_length=5)
        yield OptionList(id="candidates")

    def buttons(self):
        yield Button(_("Search"), id="search-register", variant="primary", compact=True)
        yield Button(_("Type it by hand"), id="by-hand", compact=True)
        yield Button(_("Cancel"), id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#candidates").display = False

    @on(Button.Pressed, "#search-register")
    def action_save(self) -> None:
        """Enter in a field, or Search: ask the register (Save, for this dialog, is the search)."""
        from sar import interview

        name = self.query_one("#lookup-name", Input).value.strip()
        postcode = self.query_one("#lookup-postcode", Input).value.strip()
        if postcode:  # optional here, checked as the interview checks the person's own
            try:
                postcode = interview.validate(interview.question("postcode"), postcode)
            except InputError as refused:
                self.show_error(f"⚠ {refused}")
                return
        self.show_error(_("Searching the company register…"))
        self.query_one("#search-register", Button).disabled = True
        self.look_up(name, postcode or None)

    @work(exclusive=True, thread=True)
    def look_up(self, name: str, postcode: str | None) -> None:
        from sar.directory.lookup import search_organisations

        try:
            candidates = search_organisations(name, postcode)
        except SarError as error:  # LookupUnavailable: offline, timeout, bad answer; or a name too short
            self.app.call_from_thread(self._unavailable, str(error))
            return
        self.app.call_from_thread(self._found, name, candidates)

    def _unavailable(self, message: str) -> None:
        self.query_one("#search-register", Button).disabled = False
        self.show_error("⚠ " + message)

    def _found(self, name: str, candidates: list) -> None:
        self.query_one("#search-register", Button).disabled = False
        self.candidates = candidates
        results = self.query_one("#candidates", OptionList)
        results.clear_options()
        if not candidates:
            results.display = False
            self.show_error(_("The company register knows no organisation named {name!r}. Check the spelling, or type "
                              "the address by hand.").format(name=name))
            return
        self.show_error(_("Choose the organisation (its head-office address):"))
        results.add_options([
            Option(f"{c.name} (SIREN {c.siren})\n  {c.postal.replace(chr(10), ', ')}", id=str(index))
            for index, c in enumerate(candidates)
        ])
        results.display = True
        results.highlighted = 0
        results.focus()

    @on(OptionList.OptionSelected, "#candidates")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        from sar.directory.lookup import add_to_directory

        candidate = self.candidates[int(event.option.id)]
        try:
            saved = add_to_directory(candidate, self.actor.id)
        except (SarError, OSError) as error:
            self.show_error("⚠ " + str(error))
            return
        self.notify(_("{name}: address saved in your directory. Check it before sending: it is the head office, which "
                      "may not be where the data-protection officer works.").format(name=shown_name(self.actor)), timeout=10)
        self.dismiss(replace(self.actor.contact, postal=saved.contact.postal, source=saved.contact.source,
                             verified=saved.contact.verified))

    @on(Button.Pressed, "#by-hand")
    def _by_hand(self) -> None:
        self.dismiss(self.BY_HAND)
