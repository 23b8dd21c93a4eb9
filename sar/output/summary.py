"""What the person must know to send the letters just written, beyond posting them (in the interface's language): which
letters need a copy of an identity document enclosed (CSP R.1111-1), which letter to send when it had to be written
in French (a French public body, sar.letters.letter_language), and which go to a director with a copy to the DPO. `sar letters`, `sar bulk` and the chat's letters screen
print these notes under each letter."""

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
    if row.copy_to_dpo:
        notes.append(_("send a copy of this letter to the establishment's data-protection officer too, as the letter "
                       "says: the request goes to its director (CSP R.1111-1)"))
    return notes
