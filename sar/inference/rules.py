"""How a rule of the inference is written: `Rule` (when the journey shows X, organisation Y holds data), `PlaceRule` (for
each place of a kind), the likelihoods and law ids a finding carries, and the small readable predicates the table is
written with (`answer`, `equals`, `contains`, `all_of`). The table is `sar.inference.table`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Literal

from sar.care_places import IMAGING, Place, PlaceKind
from sar.journey import Journey


Likelihood = Literal["certain", "likely", "possible"]
LIKELIHOODS: tuple[Likelihood, ...] = ("certain", "likely", "possible")
LAWS = ("gdpr-art15", "csp-l1111-7", "cada")

@dataclass(frozen=True)
class Rule:
    """When `when(journey)` holds, `actor` (an id, or a function of the journey giving one) holds data, for `reason`.

    `reason` is an English msgid with {placeholders} filled from the journey's answers and `PLACEHOLDERS`.
    `letter` overrides the actor's default letter kind.
    """

    when: Callable[[Journey], bool]
    actor: str | Callable[[Journey], str]
    likelihood: str
    reason: str
    laws: tuple[str, ...] = ("gdpr-art15",)
    letter: str | None = None


@dataclass(frozen=True)
class PlaceRule:
    """For each place of `kind` (sar.care_places) where `when(place, journey)` holds, `actor(place)` holds data; with no
    `actor`, the place itself does (its own id: `your-doctor`, `your-doctor-2`...).

    Places that lead to the same organisation give it one finding with one reason naming them all ({places}): two
    practices on the same software make one vendor finding. `reason` is a msgid, or (singular, plural) when the
    sentence depends on whether it names one place or several.

    What is one controller and what is several: each practitioner, pharmacy, laboratory, hospital and imaging centre
    keeps its own record of what it did for the person, and answers for it (GDPR art. 4(7); CSP L.1111-7 for the
    health information held by a health professional or establishment), so each gets its own finding and letter. Two
    laboratories of one group still get a letter each: the laboratory that took the sample keeps the results, and the
    person cannot tell from outside whether two sites answer as one laboratory; a letter too many costs a laboratory one
    answer, a letter missing costs the person their results. The group itself is one finding (it may run the results
    system for all its sites), and so is a results website (mesanalyses.fr): one organisation, one request.
    """

    kind: PlaceKind
    when: Callable[[Place, Journey], bool]
    actor: Callable[[Place], str] | None
    likelihood: str
    reason: str | tuple[str, str]
    laws: tuple[str, ...] = ("gdpr-art15",)
    letter: str | None = None


def always(place: Place, journey: Journey) -> bool:
    return True


def imaging_without_centre(journey: Journey) -> bool:
    """Imaging the person did not place in a named centre: it may have been done at the hospital."""
    return any(not (place.name or place.address) for place in journey.places(IMAGING))


# -- small readable predicates -------------------------------------------------------------------------------------------

def answer(key: str) -> Callable[[Journey], Any]:
    return lambda journey: journey.answer(key)


def equals(key: str, *values: Any) -> Callable[[Journey], bool]:
    return lambda journey: journey.answer(key) in values


def contains(key: str, value: Any) -> Callable[[Journey], bool]:
    return lambda journey: value in (journey.answer(key) or ())


def all_of(*predicates: Callable[[Journey], bool]) -> Callable[[Journey], bool]:
    return lambda journey: all(p(journey) for p in predicates)


MEDICAL_RECORD = ("gdpr-art15", "csp-l1111-7")
