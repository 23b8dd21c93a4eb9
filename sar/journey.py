"""A person and their care journey: who they are (for the letters) and what care they had (for the inference).

The answers schema is defined once, as data, in `sar.interview`; a `Journey` holds validated answers keyed by question id.
Answers files (TOML or JSON), CSV rows and the chat TUI all produce the same `Journey`.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Mapping

from sar import care_places, interview
from sar.documents import read_document
from sar.errors import InputError
from sar.i18n import N_, _
from sar.private_files import write_private


@dataclass(frozen=True)
class Person:
    """The data subject: the identifying data a letter needs, and no more."""

    first_name: str
    last_name: str
    birth_date: date
    address: str
    postcode: str
    city: str
    email: str = ""
    nir: str = ""  # social security number (15 digits, key checked); only ever printed in letters to the insurance fund
    region: str = "metropole"  # whose public holidays count for deadlines (sar.deadlines.REGIONS)
    # The Latin spelling of a name typed in another script, as French organisations file it (sar.names); "" otherwise.
    first_name_latin: str = ""
    last_name_latin: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class Journey:
    """A person, the language of their letters, and their answers about their care (question id -> validated value)."""

    person: Person
    lang: str = "fr"
    answers: Mapping[str, Any] = field(default_factory=dict)

    def answer(self, question_id: str, default: Any = None) -> Any:
        return self.answers.get(question_id, default)

    def places(self, kind: care_places.PlaceKind) -> list[care_places.Place]:
        """The places of `kind` the person went to, in their order (sar.care_places)."""
        return care_places.places(self.answers, kind)


# -- answers files -------------------------------------------------------------------------------------------------------



@dataclass(frozen=True)
class Problem:
    """One problem with an answer: the key (an answers file's dotted key, or a CSV column; "" for the whole file) and
    what is wrong. Read as "key: message"; `sar bulk` reports the two apart (errors.csv has a column for each)."""

    key: str
    message: str

    def __str__(self) -> str:
        return _("{key}: {message}").format(key=self.key, message=self.message) if self.key else self.message


class AnswersError(InputError):
    """An answers file (or CSV row) with problems: every problem is found at once, one line each naming its key."""

    def __init__(self, problems: list[Problem], source: str = ""):
        self.problems = list(problems)
        self.source = source
        if not source:
            header = ""
        elif len(problems) == 1:
            header = _("{source}: 1 problem:").format(source=source)
        else:
            header = _("{source}: {count} problems:").format(source=source, count=len(problems))
        super().__init__("\n".join(([header] if header else []) + ["  " + str(p) for p in problems]))


_SECTION_OF = {key: section for section, keys in interview.SECTION_KEYS.items() for key in keys}


def _section_of(key: str) -> str | None:
    return _SECTION_OF.get(key)


def _dotted(key: str) -> str:
    """How a key is written in an answers file: `lang`, `person.first_name`, `journey.doctor`."""
    section = _section_of(key)
    return key if section in (None, "settings") else f"{section}.{key}"


def _flatten(document: Any, problems: list[Problem], names: dict[str, str] | None = None) -> dict[str, Any]:
    """Nested answers (`lang`, `[person]`, `[journey]`) to {question id: raw value}, reporting keys in the wrong place.

    Lists of places (`doctors = [{ name = "..." }]`) become numbered keys (sar.care_places); `names` receives, for each
    key that came from a list, how the file wrote it (`journey.doctors[2].name`), so that problems name it so.
    """
    flat: dict[str, Any] = {}
    names = {} if names is None else names
    if not isinstance(document, Mapping):
        problems.append(Problem("", _("the file must hold a table of answers ([person], [journey] and lang)")))
        return flat
    for key, value in document.items():
        if key in ("person", "journey"):
            if not isinstance(value, Mapping):
                problems.append(Problem(key, _("expected a table of answers")))
                continue
            if key == "journey":
                _lists_and_keys(value, problems)
            for inner_key, inner_value in value.items():
                if key == "journey" and inner_key in care_places.BY_PLURAL and isinstance(inner_value, list):
                    flat.update(places_from_list(care_places.BY_PLURAL[inner_key], inner_value, problems, names))
                elif _section_of(inner_key) == key:
                    flat[inner_key] = inner_value
                elif _section_of(inner_key) is not None:
                    problems.append(
                        Problem(f"{key}.{inner_key}", _("this key belongs in {place}").format(place=_dotted(inner_key)))
                    )
                else:
                    problems.append(Problem(f"{key}.{inner_key}", _("unknown key")))
        elif _section_of(key) == "settings":
            flat[key] = value
        elif _section_of(key) is not None:
            problems.append(Problem(key, _("this key belongs in {place}").format(place=_dotted(key))))
        else:
            problems.append(Problem(key, _("unknown key")))
    return flat


def _kind_of_key(key: str) -> care_places.PlaceKind | None:
    """The kind of place a journey key is about (`doctor_name`, `doctor_2` -> doctors), if any."""
    numbered = care_places.numbered_key(key)
    if numbered:
        return numbered[0]
    for kind in care_places.PLACE_KINDS:
        if key == kind.key or key in (kind.key_of(1, f) for f in kind.fields):
            return kind
    return None


def _lists_and_keys(journey_table: Mapping[str, Any], problems: list[Problem]) -> None:
    """A kind of place given both as a list and with its own keys is ambiguous: say which key to move."""
    listed = {plural for plural, value in journey_table.items() if plural in care_places.BY_PLURAL and isinstance(value, list)}
    for key in journey_table:
        kind = None if key in listed else _kind_of_key(key)
        if kind is not None and kind.plural in listed:
            problems.append(Problem(f"journey.{key}", _("journey.{places} already lists these places: give this one "
                                                        "there too").format(places=kind.plural)))


def _check_all(raw: dict[str, Any], *, partial: bool, as_text: bool, problems: list[Problem],
               names: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Validate every given answer; unless `partial`, every required answer must be there.

    Problems name the key as the source writes it: `person.postcode` in a file, the column `postcode` in a CSV row.
    """
    name = (lambda key: key) if as_text else (lambda key: names.get(key) or _dotted(key))
    names = names or {}
    if not partial:
        _check_places(raw, name, problems, as_text=as_text)
    answers: dict[str, Any] = {}
    for q in interview.QUESTIONS:
        if q.id not in raw or (not _given(raw[q.id]) and not q.applies(raw)):
            if q.required and not partial and q.applies(raw):  # e.g. a Latin spelling, only for another script
                problems.append(Problem(name(q.id), _("missing: {what}").format(what=_(q.prompt))))
            continue
        try:
            value = interview.parse_text(q, raw[q.id]) if as_text else interview.validate(q, raw[q.id])
        except InputError as error:
            problems.append(Problem(name(q.id), str(error)))
            continue
        answers[q.id] = value
    return answers


# -- several places of each kind (sar.care_places) ------------------------------------------------------------------------

def places_from_list(kind: care_places.PlaceKind, items: list, problems: list[Problem],
                     names: dict[str, str]) -> dict[str, Any]:
    """A list of places (`doctors = [{ name = "...", address = "..." }, ...]`) as numbered keys: the first place's keys
    (`doctor`, `doctor_name`), then `doctor_2`, `doctor_2_name`... Places are counted from 1, as their keys are: the
    problems of the second doctor are named `journey.doctors[2].name`. An empty list says there was none."""
    flat: dict[str, Any] = {kind.key: kind.absent} if not items else {}
    where = f"journey.{kind.plural}"
    if len(items) > care_places.MAX_PLACES:
        problems.append(Problem(where, _("at most {count} places of each kind").format(count=care_places.MAX_PLACES)))
        items = items[:care_places.MAX_PLACES]
    for number, item in enumerate(items, start=1):
        here = f"{where}[{number}]"
        if not isinstance(item, Mapping):
            problems.append(Problem(here, _("expected a table, e.g. {{ name = \"...\", address = \"...\" }}")))
            continue
        allowed = (*((kind.presence,) if kind.presence else ()), *kind.fields)
        for place_field, value in item.items():
            if place_field not in allowed:
                problems.append(Problem(f"{here}.{place_field}", _("unknown key (expected {keys})").format(
                    keys=", ".join(allowed))))
            elif place_field == kind.presence:
                flat[kind.key_of(number)] = value
                names[kind.key_of(number)] = f"{here}.{place_field}"
            else:
                flat[kind.key_of(number, place_field)] = value
                names[kind.key_of(number, place_field)] = f"{here}.{place_field}"
        if kind.key_of(number) not in flat:
            names[kind.key_of(number)] = f"{here}.{kind.presence}" if kind.presence else here
            if not kind.presence:
                flat[kind.key_of(number)] = True
            elif kind is care_places.LAB:
                flat[kind.key_of(number)] = "other"  # a laboratory given by its name alone: not one of the groups
            else:
                problems.append(Problem(f"{here}.{kind.presence}", _(_HOSPITAL_KIND)))
    return flat


_HOSPITAL_KIND = N_("say whether it is a public hospital or a private clinic: public or private")


def _given(value: Any) -> bool:
    return value not in (None, "", [], ())


def _check_places(raw: dict[str, Any], name: Callable[[str], str], problems: list[Problem], *, as_text: bool) -> None:
    """Numbered places in a file or a CSV row: a place given by its fields alone exists (`doctor_2_name` without
    `doctor_2`); one given without the place before it, or a hospital without public or private, is refused, naming the
    key. The first place's keys keep their old meaning: `doctor_name` without `doctor = true` is not a doctor."""
    def says_absent(kind: care_places.PlaceKind, key: str) -> bool:
        if key not in raw or not _given(raw[key]):
            return True
        value = raw[key]
        if kind.absent is False:
            try:
                return not interview.validate(interview.question(key), value)
            except InputError:
                return False  # the value's own check will say what is wrong with it
        return str(value).strip().lower() == kind.absent

    refused = {problem.key for problem in problems}
    for kind in care_places.PLACE_KINDS:
        for number in range(2, care_places.MAX_PLACES + 1):
            key = kind.key_of(number)
            fields = [kind.key_of(number, f) for f in kind.fields if _given(raw.get(kind.key_of(number, f)))]
            implied = key not in raw and bool(fields)
            if implied:
                if kind is care_places.HOSPITAL:
                    if name(key) not in refused:
                        problems.append(Problem(name(key), _(_HOSPITAL_KIND)))
                    continue
                raw[key] = "other" if kind is care_places.LAB else ("yes" if as_text else True)
            if says_absent(kind, key):
                continue
            before = kind.key_of(number - 1)
            if says_absent(kind, before) and name(before) not in refused:
                problems.append(Problem(name(fields[0] if implied else key), _(
                    "there is no {before} before it: number the places without a gap").format(before=name(before))))


def _journey_from_answers(answers: Mapping[str, Any]) -> Journey:
    """A Journey from complete, validated answers (the region defaults to the one the postcode suggests)."""
    given = dict(answers)
    if "region" not in given and given.get("postcode"):
        given["region"] = interview.region_for_postcode(given["postcode"])
    full = interview.complete(given)
    person = Person(**{key: full[key] for key in interview.SECTION_KEYS["person"]})
    return Journey(
        person=person,
        lang=full["lang"],
        answers={key: full[key] for key in interview.SECTION_KEYS["journey"]},
    )


def journey_from_document(document: Any, source: str = "") -> Journey:
    """A validated Journey from a parsed answers document; AnswersError lists every problem at once."""
    problems: list[Problem] = []
    names: dict[str, str] = {}
    raw = _flatten(document, problems, names)
    answers = _check_all(raw, partial=False, as_text=False, problems=problems, names=names)
    if problems:
        raise AnswersError(problems, source)
    return _journey_from_answers(answers)


def journey_from_row(row: Mapping[str, str], source: str = "") -> Journey:
    """A validated Journey from a CSV row: columns are question ids, yes/no as oui/non/yes/no/1/0, lists `;`-separated.

    Empty cells count as not answered; unknown columns are reported.
    """
    problems = [Problem(key, _("unknown column")) for key in row if key is not None and _section_of(key) is None]
    raw = {key: value for key, value in row.items() if _section_of(key) is not None and (value or "").strip()}
    answers = _check_all(raw, partial=False, as_text=True, problems=problems)
    if problems:
        raise AnswersError(problems, source)
    return _journey_from_answers(answers)


def _parse_file(path: Path) -> Any:
    return read_document(path, _("answers files"))


def load_answers(path: str | os.PathLike) -> Journey:
    """Read an answers file (TOML or JSON, schema in docs/design.md) into a validated Journey."""
    path = Path(path)
    return journey_from_document(_parse_file(path), str(path))


def load_partial_answers(path: str | os.PathLike) -> dict[str, Any]:
    """Read a draft (answers so far, maybe incomplete) as {question id: value}; wrong values are still errors."""
    path = Path(path)
    problems: list[Problem] = []
    names: dict[str, str] = {}
    raw = _flatten(_parse_file(path), problems, names)
    answers = _check_all(raw, partial=True, as_text=False, problems=problems, names=names)
    if problems:
        raise AnswersError(problems, str(path))
    return answers


def journey_as_answers(journey: Journey) -> dict[str, Any]:
    """A Journey back to {question id: value}, every key of the schema."""
    person = {key: getattr(journey.person, key) for key in interview.SECTION_KEYS["person"]}
    return {"lang": journey.lang, **person, **dict(journey.answers)}


def answers_document(answers: Mapping[str, Any]) -> dict[str, Any]:
    """{question id: value} to the nested answers-file shape (lang, person, journey), in interview order; JSON-ready."""
    document: dict[str, Any] = {}
    for q in interview.QUESTIONS:
        if q.id not in answers:
            continue
        value = answers[q.id]
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        if q.section == "settings":
            document[q.id] = value
        else:
            document.setdefault(q.section, {})[q.id] = value
    return document


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    # A JSON string is a valid TOML basic string (same escapes), except that TOML has no \/ escape, which json never emits.
    return json.dumps(str(value), ensure_ascii=False)


def answers_toml(answers: Mapping[str, Any]) -> str:
    """The TOML text of an answers file (top-level keys first, then [person] and [journey])."""
    document = answers_document(answers)
    lines = ["# sar answers file (see `sar actors --help`)"]
    tables = []
    for key, value in document.items():
        if isinstance(value, dict):
            tables.append((key, value))
        else:
            lines.append(f"{key} = {_toml_value(value)}")
    for name, table in tables:
        lines += ["", f"[{name}]"] + [f"{key} = {_toml_value(value)}" for key, value in table.items()]
    return "\n".join(lines) + "\n"


def write_answers(source: Journey | Mapping[str, Any], path: str | os.PathLike) -> Path:
    """Save answers (a Journey, or the answers so far as {question id: value}) to a private TOML or JSON file."""
    path = Path(path)
    answers = journey_as_answers(source) if isinstance(source, Journey) else dict(source)
    if path.suffix.lower() == ".json":
        text = json.dumps(answers_document(answers), ensure_ascii=False, indent=2) + "\n"
    elif path.suffix.lower() == ".toml":
        text = answers_toml(answers)
    else:
        raise InputError(_("{path}: answers files end in .toml or .json").format(path=path))
    return write_private(path, text)
