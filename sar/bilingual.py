"""A text (or a list of texts) in French and English: the one type the core uses for data that exists in both languages.

The rule of the house (README, "Languages"): the core returns no translated prose except a rendered letter. Sentences
of sar's own are gettext message ids, translated by the shell that shows them; data that come in both languages
(an organisation's name, role, the data it holds, retention, notes, the reasons a finding was made) are a `Bilingual`,
read in the language at hand with `get`, falling back to the other language rather than to nothing (for a screen), or
with `exact`, which never falls back (for a letter, which must not mix languages).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

Language = Literal["fr", "en"]
LANGUAGES: tuple[Language, ...] = ("fr", "en")

T = TypeVar("T")


@dataclass(frozen=True)
class Bilingual(Generic[T]):
    fr: T
    en: T

    def exact(self, lang: str) -> T:
        """The value in `lang` only (empty if there is none): what a letter in `lang` may quote."""
        return self.en if lang == "en" else self.fr

    def get(self, lang: str) -> T:
        """The value in `lang`, or in the other language if `lang` has none: what a screen shows."""
        value = self.exact(lang)
        return value if value else self.exact("fr" if lang == "en" else "en")

    def __getitem__(self, lang: str) -> T:
        if lang not in LANGUAGES:
            raise KeyError(lang)
        return self.exact(lang)

    def values(self) -> tuple[T, T]:
        return (self.fr, self.en)

    def __bool__(self) -> bool:
        return bool(self.fr) or bool(self.en)

    def as_data(self) -> Any:
        """As a directory file holds it: one value when both languages agree, else {fr = ..., en = ...}."""
        if self.fr == self.en:
            return list(self.fr) if isinstance(self.fr, tuple) else self.fr
        convert = (lambda v: list(v)) if isinstance(self.fr, tuple) else (lambda v: v)
        return {lang: convert(value) for lang, value in (("fr", self.fr), ("en", self.en)) if value}


def text(value: Any) -> Bilingual[str]:
    """A text from a data file: the same in both languages ("Doctolib"), or a table {fr = "...", en = "..."}."""
    if isinstance(value, Bilingual):
        return value
    if isinstance(value, Mapping):
        return Bilingual(str(value.get("fr") or ""), str(value.get("en") or ""))
    return Bilingual(str(value or ""), str(value or ""))


def texts(value: Any) -> Bilingual[tuple[str, ...]]:
    """A list of texts from a data file: one list for both languages, or a table {fr = [...], en = [...]}."""
    if isinstance(value, Bilingual):
        return value
    if isinstance(value, Mapping):
        return Bilingual(tuple(value.get("fr") or ()), tuple(value.get("en") or ()))
    return Bilingual(tuple(value or ()), tuple(value or ()))


EMPTY_TEXT: Bilingual[str] = Bilingual("", "")
EMPTY_TEXTS: Bilingual[tuple[str, ...]] = Bilingual((), ())
