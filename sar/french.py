"""French as a French reader expects it in a letter: « de » and « à » before a name, and the no-break spaces of French
typography. Jinja2 filters for the French templates only (`sar.letters` registers them); English text never goes
through them.

- `de(name)` / `a(name)`: the preposition with its elision or contraction. « de » + a name starting with a vowel or a
  mute h gives « d'Alan », « d'Apple », « d'Harmonie Mutuelle »; a name that is a common noun of French takes its
  article, contracted where French contracts it: « de l'Hôpital Édouard-Herriot », « des Hospices civils de Lyon »,
  « du Service médical », « de la Caisse primaire… »; a name given with its article contracts it (« Les Hospices » →
  « des Hospices », « Le Cabinet » → « du Cabinet »; « à » + « le » → « au », « à » + « les » → « aux »). Brands and
  people take no article: « de Doctolib », « du Dr Dupont » (« du docteur »).
- `typographie(text)`: a no-break space before « ; : ? ! » and inside « », as French typography sets them
  (Lexique des règles typographiques en usage à l'Imprimerie nationale). sar uses U+00A0 NO-BREAK SPACE for all of them,
  not the narrow U+202F: every font (Noto Sans in the PDF), mail client and terminal has it, and a line is never broken
  there (sar.output.text and sar.output.pdf break lines at ASCII spaces only). Only a space already typed is made
  unbreakable: « https://… » or « ?id= » are never touched. « article 15 », « paragraphe 3 » are held together too.
"""

from __future__ import annotations

import re
import unicodedata

NO_BREAK_SPACE = "\u00a0"

# Words that start with a mute h (« l'hôpital », « d'Harmonie »): the others (« le Havre », « HelloDoc ») are aspirated.
_MUTE_H = ("hôpita", "hopita", "hospice", "hospitali", "hôtel", "hotel", "harmonie", "hygiène", "humanis", "habitat")

# Common nouns (and acronyms) that open the names of French health bodies, by the article French gives them.
_FEMININE = frozenset({"agence", "caisse", "clinique", "commission", "direction", "fédération", "fondation", "maison",
                       "mutualité", "mutuelle", "pharmacie", "polyclinique", "cpam", "cnam", "cnil", "msa", "mgen"})
_PLURAL = frozenset({"hospices", "hôpitaux", "hopitaux", "laboratoires", "cliniques", "pharmacies", "hcl"})
_ELIDED = frozenset({"assurance", "assistance", "association", "ordre", "hôpital", "hopital", "hôtel-dieu",
                     "établissement", "institut", "office", "opérateur", "union", "université", "ap-hp", "aphp", "ehpad"})
_MASCULINE = frozenset({"service", "conseil", "centre", "cabinet", "groupe", "groupement", "laboratoire", "ministère",
                        "pôle", "régime", "syndicat", "chu", "chr", "ght", "ghu",
                        "dr", "dr.", "docteur", "pr", "pr.", "professeur"})  # « du docteur Dupont »

_LEADING_ARTICLE = re.compile(r"^(le|la|les)\s+|^l['’]\s*", re.IGNORECASE)
_FIRST_WORD = re.compile(r"[^\s(,–—]+")


def _folded(word: str) -> str:
    return word.casefold()


def _starts_with_vowel_sound(name: str) -> bool:
    first = unicodedata.normalize("NFD", name[:1].casefold())[:1]
    if first in "aeiouy":
        return True
    return name.casefold().startswith(_MUTE_H)


def _article(name: str) -> tuple[str, str]:
    """(article, name without it): "la", "le", "les", "l'" or "" for a name that takes none (a brand, a person)."""
    given = _LEADING_ARTICLE.match(name)
    if given:
        article = given.group(0).strip().casefold().replace("’", "'")
        rest = name[given.end():]
        return ("l'" if article.startswith("l'") else article), rest
    match = _FIRST_WORD.match(name)
    word = _folded(match.group(0)) if match else ""
    if word in _ELIDED:
        return "l'", name
    if word in _FEMININE:
        return "la", name
    if word in _PLURAL:
        return "les", name
    if word in _MASCULINE:
        return "le", name
    return "", name


# The preposition and the article as French writes them together: « de le » is « du », « à les » is « aux ».
_CONTRACTED = {
    "de": {"le": "du ", "les": "des ", "la": "de la ", "l'": "de l'"},
    "à": {"le": "au ", "les": "aux ", "la": "à la ", "l'": "à l'"},
}


def _with_preposition(preposition: str, name: str) -> str:
    article, rest = _article(name)
    if article:
        return _CONTRACTED[preposition][article] + rest
    if preposition == "de" and _starts_with_vowel_sound(name):
        return f"d'{name}"
    return f"{preposition} {name}"


def de(name: str) -> str:
    """« de » + name, elided or contracted: « d'Alan », « de l'Hôpital… », « des Hospices civils de Lyon », « du Dr X »."""
    name = str(name).strip()
    return _with_preposition("de", name) if name else "de"


def a(name: str) -> str:
    """« à » + name, contracted: « au Service médical », « aux Hospices civils », « à la Caisse », « à l'Ordre », « à Alan »."""
    return _with_preposition("à", str(name).strip())


_BEFORE_PUNCTUATION = re.compile(r"[ \u202f](?=[;:?!»])")
_AFTER_OPENING_QUOTE = re.compile(r"«[ \u202f]")
# « article 15 », « paragraphe 3 », « n° 2015-267 »: a word and the number it introduces stay on one line.
_BEFORE_NUMBER = re.compile(r"\b(article|articles|paragraphe|alinéa|n°) (?=[LRD]?\.?\d)", re.IGNORECASE)


def typographie(text: str) -> str:
    """The no-break spaces of French typography: before « ; : ? ! », after « and before », and between « article »,
    « paragraphe », « alinéa » or « n° » and its number."""
    text = _BEFORE_PUNCTUATION.sub(NO_BREAK_SPACE, str(text))
    text = _BEFORE_NUMBER.sub(lambda match: match.group(1) + NO_BREAK_SPACE, text)
    return _AFTER_OPENING_QUOTE.sub("«" + NO_BREAK_SPACE, text)


FILTERS = {"de": de, "a": a, "typographie": typographie}
