"""Textual's footer, with binding descriptions translated into the UI language when it is drawn.

Bindings are declared once with English msgids (`N_`); the footer is recomposed when the language changes.
"""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from sar.i18n import _, current_language


class TranslatedFooter(Footer):
    def compose(self):
        for widget in super().compose():
            if isinstance(widget, FooterKey) and widget.action == "switch_language":
                # The language to switch to, named in itself.
                widget.description = "English" if current_language() == "fr" else "Français"
            elif isinstance(widget, FooterKey) and widget.description:
                widget.description = _(widget.description)
            yield widget
