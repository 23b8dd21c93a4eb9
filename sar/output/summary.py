"""What the person must know to send the letters just written, beyond posting them (in the interface's language): which
letters need a copy of an identity document enclosed (CSP R.1111-1), which letter to send when it had to be written
in French (a French public body, sar.letters.letter_language), which go to a director with a copy to the DPO, and which
e-mail drafts ask to be passed on to the director. `sar letters`, `sar followup` and the chat's letters screen print
these notes under each letter."""

from __future__ import annotations

from sar.i18n import _
from sar.letters import IDENTITY_DOCUMENT
from sar.output.files import ManifestRow


def row_notes(row: ManifestRow) -> list[str]:
    """One line per thing to do for this letter, in the interface's language."""
    notes = []
    if row.own_copy:
        notes.append(_("send the French letter, {file}: a French public body works in French; the text in your "
                       "language is your own copy ({copy})").format(file=row.to_send, copy=row.own_copy))
    if IDENTITY_DOCUMENT in row.encloses:
        notes.append(_("enclose a copy of your identity document (identity card, passport or residence permit): the "
                       "holder of a medical record must check who asks for it (CSP R.1111-1)"))
    notes += director_notes(copy_to_dpo=row.copy_to_dpo, forward_to_director=row.forward_to_director)
    return notes


def director_notes(*, copy_to_dpo: bool, forward_to_director: bool) -> list[str]:
    """A letter to an establishment's director (CSP R.1111-1): posted, its copy to the DPO is the person's to send; as
    an e-mail draft, it goes to the one address sar knows, perhaps not the director's, and asks to be passed on."""
    notes = []
    if copy_to_dpo:
        notes.append(_("send a copy of this letter to the establishment's data-protection officer too, as the letter "
                       "says: the request goes to its director (CSP R.1111-1)"))
    if forward_to_director:
        notes.append(_("the e-mail draft goes to the establishment's address that sar knows, which may not be its "
                       "director's: it asks that it be passed on to the director (CSP R.1111-1), and claims no copy "
                       "to the data-protection officer; if the establishment names the person who receives requests "
                       "for medical records, send it to them"))
    return notes
