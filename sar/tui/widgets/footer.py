"""Textual's footer, with binding descriptions translated into the UI language when it is drawn, and only the keys that fit.

Bindings are declared once with English msgids (`N_`); the footer is recomposed when the language changes. Textual's
own bindings (an open menu's "Dismiss menu", the command palette's key) are translated the same way: their English words
are listed here so that the catalogs hold them. At 80 columns
there is no room for every key: screens other than the chat show their own keys and Quit, and leave the app-wide ones
(language, theme, requests) to the command palette (ctrl+p), where they are listed too.

A screen whose keys change with what is under the cursor (the tracker) names in `FOOTER_SPARE` the actions its footer may
leave out, first to last, when the keys do not fit beside Quit and the palette's key: those stay in the command palette,
and Quit is never pushed off the edge.
"""

from __future__ import annotations

from rich.cells import cell_len
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
        shown = self._fitting(shown)
        self.styles.grid_size_columns = len(shown)
        yield from shown

    def on_resize(self) -> None:
        self.refresh(recompose=True)  # a wider or narrower terminal fits other keys

    def _fitting(self, keys: list) -> list:
        """`keys`, without the screen's spare actions (`FOOTER_SPARE`, first to last) as long as they do not fit in the
        terminal's width beside the command palette's key."""
        spare = list(getattr(self.screen, "FOOTER_SPARE", ()))
        own = [key for key in keys if isinstance(key, FooterKey) and not key.has_class("-command-palette")]
        room = self.app.size.width - sum(_width(key) + 1 for key in keys if key not in own)
        while spare and sum(_width(key) + 1 for key in own) - 1 > room:
            action = spare.pop(0)
            own = [key for key in own if key.action != action]
        return [key for key in keys if key in own or not isinstance(key, FooterKey) or key.has_class("-command-palette")]


def _width(key: FooterKey) -> int:
    """The columns a compact footer key takes: its key, a space and its words (the palette's: a border too)."""
    width = cell_len(key.key_display) + (1 + cell_len(key.description) if key.description else 0)
    return width + (1 if key.has_class("-command-palette") else 0)
