"""Textual's footer, with binding descriptions translated into the UI language when it is drawn.

Bindings are declared once with English msgids (`N_`); the footer is recomposed when the language changes. Textual's
own bindings (an open menu's "Dismiss menu", the command palette's key) are translated the same way: their English words
are listed here so that the catalogs hold them. At 80 columns
there is no room for every key: screens other than the chat show their own keys and Quit, and leave the app-wide ones
(language, theme, requests) to the command palette (ctrl+p), where they are listed too.
"""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from sar.i18n import N_, _, current_language

APP_WIDE_ACTIONS = {"switch_language", "toggle_theme", "show_tracker"}
# Textual's own words that reach the footer (a menu open, the command palette's key), for the catalogs to translate.
TEXTUAL_DESCRIPTIONS = (N_("Dismiss menu"), N_("palette"), N_("Exit the command palette"), N_("Open link"))


class TranslatedFooter(Footer):
    def __init__(self, *, app_keys: bool = True):
        super().__init__(compact=True)
        self.app_keys = app_keys

    def compose(self):
        shown = []
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not self.app_keys and widget.action in APP_WIDE_ACTIONS:
                continue
            if isinstance(widget, FooterKey) and widget.action == "switch_language":
                # The language to switch to, named in itself.
                widget.description = "English" if current_language() == "fr" else "Français"
            elif isinstance(widget, FooterKey) and widget.description:
                widget.description = _(widget.description)
            shown.append(widget)
        self.styles.grid_size_columns = len(shown)
        yield from shown
