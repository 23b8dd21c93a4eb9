"""Words that follow the UI language, said again in place after a language switch.

A screen that recomposed itself on a switch lost what the person had done on it: the request under the cursor and the
person shown in the tracker, the formats ticked and the folder typed on the letters screen, the words typed on the
rights screen. Instead, a widget composed with `worded(widget, msgid)` carries its English msgid, and `say_again(screen)`
labels every such widget anew in the current language, recomposes the footer, and leaves everything else as it was; the
screen then says again what it computed itself (its table, its preview).
"""

from __future__ import annotations

from typing import TypeVar

from textual.widget import Widget
from textual.widgets import Button, Input, Static, Tab
from textual.widgets._toggle_button import ToggleButton

from sar.i18n import _

W = TypeVar("W", bound=Widget)
MSGID = "_sar_msgid"


def worded(widget: W, msgid: str) -> W:
    """`widget`, labelled `_(msgid)` now and by every `say_again` after (for an Input, its placeholder)."""
    setattr(widget, MSGID, msgid)
    _label(widget, _(msgid))
    return widget


def say_again(screen) -> None:
    """Label every worded widget of `screen` in the current language, and recompose its footer."""
    from sar.tui.widgets.footer import TranslatedFooter

    for widget in screen.query("*"):
        msgid = getattr(widget, MSGID, None)
        if msgid is not None:
            _label(widget, _(msgid))
    for footer in screen.query(TranslatedFooter):
        footer.refresh(recompose=True)


def _label(widget: Widget, text: str) -> None:
    if isinstance(widget, (Button, ToggleButton, Tab)):
        widget.label = text
        widget.refresh(layout=True)  # an auto-width button takes the new words' width
    elif isinstance(widget, Input):
        widget.placeholder = text
    elif isinstance(widget, Static):  # a Label too
        widget.update(text)
    else:
        raise TypeError(f"{type(widget).__name__} cannot be worded")
