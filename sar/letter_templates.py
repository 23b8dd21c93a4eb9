"""The letter templates' environment and the frame of a letter: the formulas of the genre around its body, read from
`letters/<lang>/_frame.j2` (salutation, closing, sending mode, the blanks' notes), and the blocks a template renders.

All of a letter's wording lives with the templates, none in Python; this module only loads them (once per process) and
turns a rendered block into paragraphs. User text is only ever passed to templates as data: nothing a person types is
compiled as a template (`StrictUndefined`; `finalize` refuses a None that would print "None").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import jinja2

from sar import french
from sar.resources import resource_dir


@dataclass(frozen=True)
class Frame:
    """The formulas around a letter's body in one language, read from `letters/<lang>/_frame.j2`: all of a letter's
    wording lives with the templates, none in Python."""

    lang: str
    module: object

    def __getitem__(self, name: str) -> str:
        return str(getattr(self.module, name))

    def place_date(self, place: str, day: str) -> str:
        return str(self.module.place_date(place, day))

    def email_line(self, email: str) -> str:
        return str(self.module.email_line(email))

    def channel(self, channel: str) -> str:
        return self[f"channel_{channel}"]

    def salutation(self, addressee: str) -> str:
        """« Docteur, », « Madame la Directrice, Monsieur le Directeur, » or « Madame, Monsieur, » (sar.addressing)."""
        return str(self.module.salutation(addressee)).strip()

    def closing(self, addressee: str) -> str:
        return str(self.module.closing(addressee)).strip()


@cache
def frame(lang: str) -> Frame:
    return Frame(lang, environment().get_template(f"{lang}/_frame.j2").module)


def _refuse_none(value):
    """Jinja `finalize`: a None reaching a letter is a bug in sar, never a word to print."""
    if value is None:
        raise jinja2.UndefinedError("a letter template printed None")
    return value


@cache
def environment() -> jinja2.Environment:
    """The templates' environment, built once per process (rendering many letters must not re-read them).

    The French templates (every kind: reminder and complaint too) may use the filters of sar.french: `de` and `a` for
    « d'Alan », « des Hospices civils de Lyon », « au Dr Dupont », and `typographie` for French no-break spaces.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resource_dir("letters"))),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # plain text, not HTML; safe because user text is data, never template source
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        finalize=_refuse_none,
        auto_reload=False,
    )
    env.filters.update(french.FILTERS)
    return env


def render_block(template: jinja2.Template, name: str, context: dict) -> str:
    if name not in template.blocks:
        return ""
    ctx = template.new_context(context)
    return "".join(template.blocks[name](ctx))


def paragraphs(text: str) -> tuple[str, ...]:
    """Template output as paragraphs: blank lines separate them; trailing spaces and empty paragraphs are dropped."""
    lines = [line.strip(" \t") for line in text.strip(" \t\n").splitlines()]
    paragraphs, current = [], []
    for line in lines:
        if line and current and not line.startswith("– ") and not current[-1].startswith("– "):
            current[-1] += " " + line  # a sentence on its own template line continues the paragraph
        elif line:
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return tuple(paragraphs)
