"""What the person adds by hand on the findings screen: an organisation's address, an organisation from the directory, or
one the directory does not hold, by its name and address.

sar never invents an address: what is typed here is the person's own word, and goes on the letter as typed (checked as
the interview checks an address: a French postcode, an e-mail that is one). Where sar has no address, the card and the
dialog say where to look, with what the directory knows of that organisation (for a caisse: its website, the letters it
sends, an older address to check) — the same notes `sar actors` prints.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual import on
from textual.containers import VerticalScroll
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from sar.added_organisations import ADDED_BY_YOU, MEDICAL_RECORD_LETTER, added_finding  # noqa: F401 (re-exported)
from sar.bilingual import Bilingual
from sar.directory import Actor, Contact, actor_name
from sar.errors import InputError
from sar.i18n import N_, _, current_language
from sar.private_files import slugify
from sar.tui.widgets.dialog import Dialog
from sar.tui.widgets.ticks import Tick

SEARCH_FOR = N_("Look for \"délégué à la protection des données\" (its data-protection officer) on its website, in "
                "its privacy policy or legal notice, or in the letters it sends you.")


def shown_name(actor: Actor) -> str:
    """The name in the UI language."""
    return actor_name(actor, current_language())


def where_to_look(actor: Actor) -> str:
    """What to search for, and where, when sar has no contact for `actor`: the general advice, then what the directory
    says of this organisation (its notes, which `sar actors` prints too); empty when the contact is known."""
    if not actor.contact.is_empty:
        return ""
    return "\n".join(part for part in (_(SEARCH_FOR), actor.notes.get(current_language())) if part)


def _checked_contact(postal: str, email: str) -> tuple[str, str]:
    """A postal address (its lines) and an e-mail checked as the interview checks them; at least one is needed."""
    from sar import interview
    from sar.addressing import postal_lines

    postal = interview.validate(interview.question("doctor_address"), postal)
    email = interview.validate(interview.question("email"), email)
    if not postal and not email:
        raise InputError(_("Give a postal address or an e-mail address."))
    lines = postal_lines(postal)
    if postal and not any(_is_postcode(word) for line in lines for word in line.split()):
        raise InputError(_("The address needs its postcode and town, e.g. 3 place Bellecour, 69002 Lyon."))
    return "\n".join(lines), email


def _is_postcode(word: str) -> bool:
    """Whether `word` is a French postcode, as the interview checks the person's own (sar.interview)."""
    from sar import interview

    try:
        interview.validate(interview.question("postcode"), word)
    except InputError:
        return False
    return True


class WhereToLook(VerticalScroll):
    """The advice for a missing contact, in a box that scrolls when long (a caisse's notes are), muted."""

    DEFAULT_CSS = """
    WhereToLook {
        height: auto;
        max-height: 7;
        margin-bottom: 1;
        color: $text-muted;
    }
    WhereToLook.-short {
        max-height: 4;  /* above a third field (a place's name): Save and Cancel still in view at 80x24 */
    }
    """

    def __init__(self, text: str, *, short: bool = False):
        # Focusable (shift+tab from the first field, then the arrows) so that its end, cut at 80x24, can be read
        # without a mouse; the dialog still opens on its first field (ContactForm.AUTO_FOCUS).
        super().__init__(Static(text, markup=False, classes="where-to-look"), can_focus=True,
                         classes="-short" if short else "")


@dataclass(frozen=True)
class Named:
    """The person's answer in the contact form of a place they had not named ("Your pharmacy"): its name and where to
    write. The name heads the letter and names its files; without it the letter keeps a blank for the name."""

    name: str
    contact: Contact


class ContactForm(Dialog[Contact | Named | None]):
    """Where to write to an organisation sar has no contact for: a postal address (with its postcode) and/or an e-mail,
    under the advice of where to find it; for a place not named yet, its name too."""

    AUTO_FOCUS = "Input"  # the first field, not the advice above it
    DEFAULT_CSS = """
    ContactForm Input {
        margin-bottom: 1;
    }
    """

    def __init__(self, actor: Actor):
        super().__init__(_("Where should the letter to {name} go?").format(name=shown_name(actor)))
        self.actor = actor

    def body(self):
        hint = where_to_look(self.actor)
        if hint:
            yield WhereToLook(hint, short=self.actor.unnamed)
        if self.actor.unnamed:
            yield Input(id="place-name", placeholder=_("Its name (it heads the letter), e.g. Pharmacie du Marché"))
        yield Input(self.actor.contact.postal.replace("\n", ", "), id="postal",
                    placeholder=_("Postal address: number, street, postcode and town"))
        yield Input(self.actor.contact.email, id="email", placeholder=_("E-mail (optional)"))

    def result(self) -> Contact | Named:
        from sar import interview

        postal, email = _checked_contact(self.query_one("#postal", Input).value, self.query_one("#email", Input).value)
        contact = replace(self.actor.contact, postal=postal, email=email, source="", verified="")
        names = self.query("#place-name")
        name = interview.check_characters(" ".join(names.first(Input).value.split())) if names else ""
        return Named(name, contact) if name else contact


@dataclass(frozen=True)
class Unlisted:
    """The person's answer in the directory picker: an organisation the directory does not hold, by the name typed."""

    name: str


class DirectoryPicker(Dialog[Actor | Unlisted | None]):
    """Search the directory (bundled organisations and the user's own additions) and pick one; the last choice adds one
    that is not there, by its name and address. Enter picks the first match, or that last choice when nothing matches."""

    NEW = "new-organisation"
    DEFAULT_CSS = """
    DirectoryPicker #search {
        margin-bottom: 1;
    }
    DirectoryPicker #results {
        height: 10;
    }
    """

    def __init__(self):
        super().__init__(_("Add an organisation"))
        self.actors: list[Actor] = []

    def body(self):
        yield Input(id="search", placeholder=_("Type a name, e.g. Doctolib or mutuelle"))
        yield OptionList(id="results")

    def buttons(self):
        yield Button(_("Cancel"), id="cancel", compact=True)

    def on_mount(self) -> None:
        self._show("")

    @on(Input.Changed, "#search")
    def _search(self, event: Input.Changed) -> None:
        self._show(event.value)

    def _show(self, text: str) -> None:
        from sar import directory

        self.actors = [actor for actor in directory.search(text) if actor.kind != "authority"]
        results = self.query_one("#results", OptionList)
        results.clear_options()
        results.add_options([Option(shown_name(actor), id=actor.id) for actor in self.actors])
        typed = text.strip()
        new = (_("+ Add \"{name}\": it is not in the directory; type its address").format(name=typed) if typed
               else _("+ Add an organisation that is not in the directory, with its address"))
        results.add_option(Option(new, id=self.NEW))
        if not self.actors:
            results.highlighted = results.option_count - 1
        self.show_error("" if self.actors else _("No organisation of the directory matches {text!r}: press Enter to "
                                                 "add it with its name and address.").format(text=text))

    def result(self) -> Actor | Unlisted:
        if not self.actors:
            return Unlisted(self.query_one("#search", Input).value.strip())
        return self.actors[0]

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == self.NEW:
            self.dismiss(Unlisted(self.query_one("#search", Input).value.strip()))
            return
        self.dismiss(next(actor for actor in self.actors if actor.id == event.option.id))


class NewOrganisationForm(Dialog[Actor | None]):
    """An organisation the directory does not hold: its name, and where to write (as typed by the person). A place where
    they were cared for (hospital, clinic, practice, laboratory, pharmacy) gets the letter asking for the medical record
    too (CSP L.1111-7); any other, the access letter of GDPR art. 15."""

    DEFAULT_CSS = """
    NewOrganisationForm Input {
        margin-bottom: 1;
    }
    NewOrganisationForm .hint {
        color: $text-muted;
    }
    """
    AUTO_FOCUS = "#postal"

    def __init__(self, name: str, taken: set[str] = frozenset()):
        super().__init__(_("An organisation that is not in the directory"))
        self.typed_name = name
        self.taken = set(taken)  # ids already among the findings: the new one gets its own

    def body(self):
        yield Static(_("Its name, and where to write to it:"), classes="hint", markup=False)
        yield Input(self.typed_name, id="new-name", placeholder=_("Organisation's name"))
        yield Input(id="postal", placeholder=_("Postal address: number, street, postcode and town"))
        yield Input(id="email", placeholder=_("E-mail (optional)"))
        yield Tick(_("I was cared for there: ask for my medical record too"), id="cared-for", compact=True)
        yield Static(_("A hospital, a clinic, a practice, a laboratory, a pharmacy: the letter then also cites the "
                       "Public Health Code (article L.1111-7)."), classes="hint", markup=False)

    def result(self) -> Actor:
        from sar import interview

        name = interview.check_characters(" ".join(self.query_one("#new-name", Input).value.split()))
        if not name:
            raise InputError(_("Give the organisation's name."))
        postal, email = _checked_contact(self.query_one("#postal", Input).value, self.query_one("#email", Input).value)
        base = f"added-{slugify(name, fallback='organisation')}"
        actor_id, number = base, 1
        while actor_id in self.taken:
            number += 1
            actor_id = f"{base}-{number}"
        cared_for = self.query_one("#cared-for", Tick).value
        return Actor(id=actor_id, name=Bilingual(name, name), contact=Contact(postal=postal, email=email),
                     letter=MEDICAL_RECORD_LETTER if cared_for else "access", origin="user")
