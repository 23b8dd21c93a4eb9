"""Tick boxes and radio buttons that read without colour: `[x]` and `[ ]`, `(•)` and `( )`.

Textual draws a ticked and an unticked checkbox with the same `▐X▌`, and every radio button with the same `▐●▌`, telling
them apart by colour alone: on a monochrome terminal, in a screen reader's text, or for a person who does not see the
difference of colour, every box looks ticked. These draw the state itself, and keep Textual's colours on top.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox, RadioButton


class Tick(Checkbox):
    """A checkbox that shows `[x]` when ticked and `[ ]` when not."""

    @property
    def _button(self) -> Content:
        return Content.styled("[x]" if self.value else "[ ]", self.get_visual_style("toggle--button"))


class Choice(RadioButton):
    """A radio button that shows `(•)` when chosen and `( )` when not."""

    @property
    def _button(self) -> Content:
        return Content.styled("(•)" if self.value else "( )", self.get_visual_style("toggle--button"))
