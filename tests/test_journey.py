"""Answers files: read into a validated Journey, every problem reported at once with its key, written back privately."""

from __future__ import annotations

import json
import stat
from datetime import date
from pathlib import Path

import pytest

from sar import journey as journey_module
from sar.errors import InputError
from sar.journey import AnswersError, load_answers, load_partial_answers, write_answers

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "answers.toml"


def test_the_example_answers_file_reads_into_a_journey():
    journey = load_answers(EXAMPLE)
    assert journey.person.full_name == "Camille Martin"
    assert journey.person.birth_date == date(1985, 4, 12)
    assert journey.person.postcode == "69003" and journey.person.region == "metropole"
    assert journey.lang == "fr"
    assert journey.answer("doctor") is True
    assert journey.answer("booking") == ("doctolib",)
    assert journey.answer("lab") == "cerballiance"
    assert journey.answer("insurance_fund_name") == "CPAM du Rhône"
    assert journey.answer("lab_name") == ""  # not in the file: its empty value


def test_json_answers_read_the_same(tmp_path):
    document = journey_module.answers_document(journey_module.journey_as_answers(load_answers(EXAMPLE)))
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert load_answers(path) == load_answers(EXAMPLE)


BAD = """\
lang = "de"
colour = "blue"
[person]
first_name = "Camille"
birth_date = "1985-02-30"
address = "12 rue des Lilas"
postcode = "6900"
city = "Lyon"
nir = "2 95 10 99 126 111 94"
doctor = true
[journey]
lab = "quest"
booking = ["doctolib", "calendly"]
shoe_size = 42
"""


def test_every_problem_is_reported_at_once_one_line_each_naming_its_key(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(BAD, encoding="utf-8")
    with pytest.raises(AnswersError) as error:
        load_answers(path)
    problems = error.value.problems
    keys = [problem.key for problem in problems]
    assert sorted(keys) == sorted([
        "lang", "colour", "person.last_name", "person.birth_date", "person.postcode", "person.nir", "person.doctor",
        "journey.lab", "journey.booking", "journey.shoe_size",
    ])
    text = "\n".join(map(str, problems))
    assert "this key belongs in journey.doctor" in text and "unknown key" in text and "calendly" in text
    assert str(error.value).splitlines()[0] == f"{path}: 10 problems:"
    assert len(str(error.value).splitlines()) == 11


def test_region_defaults_from_the_postcode(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace('region = "metropole"', "").replace('"69003"', '"57000"')
    path = tmp_path / "metz.toml"
    path.write_text(text, encoding="utf-8")
    assert load_answers(path).person.region == "alsace-moselle"


@pytest.mark.parametrize("content, name, message", [
    ("lang = ", "broken.toml", "not valid TOML"),
    ("{", "broken.json", "not valid JSON"),
    ("x", "answers.yaml", ".toml or .json"),
    ("[1, 2]", "list.json", "table of answers"),
])
def test_unreadable_files_say_why(tmp_path, content, name, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_answers(path)
    assert message in str(error.value)


def test_a_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_answers(tmp_path / "nope.toml")


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_write_then_read_gives_the_same_journey_and_the_file_is_private(tmp_path, suffix):
    journey = load_answers(EXAMPLE)
    path = write_answers(journey, tmp_path / f"saved{suffix}")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_answers(path) == journey


def test_values_that_need_escaping_survive_a_round_trip(tmp_path):
    journey = load_answers(EXAMPLE)
    tricky = 'Dr "Jo" O\'Neil \\ Ñ\ttab'
    answers = journey_module.journey_as_answers(journey) | {"doctor_name": tricky}
    path = write_answers(answers, tmp_path / "tricky.toml")
    assert load_answers(path).answer("doctor_name") == " ".join(tricky.split())


def test_partial_answers_are_saved_and_read_back_as_drafts(tmp_path):
    draft = {"lang": "en", "first_name": "Camille", "doctor": True, "booking": ("doctolib",)}
    path = write_answers(draft, tmp_path / "draft.toml")
    assert load_partial_answers(path) == draft
    with pytest.raises(AnswersError) as error:
        load_answers(path)  # a draft is not a complete answers file
    assert any(str(problem).startswith("person.last_name:") for problem in error.value.problems)


def test_csv_rows_use_the_same_questions():
    row = {"first_name": "Camille", "last_name": "Martin", "birth_date": "1985-04-12", "address": "12 rue des Lilas",
           "postcode": "69003", "city": "Lyon", "doctor": "oui", "booking": "doctolib;maiia", "lab": "", "ald": "non"}
    journey = journey_module.journey_from_row(row)
    assert journey.answer("doctor") is True and journey.answer("booking") == ("doctolib", "maiia")
    assert journey.answer("lab") == "none"
    with pytest.raises(AnswersError) as error:
        journey_module.journey_from_row(row | {"postcode": "6900", "colour": "red"})
    assert [p.key for p in error.value.problems] == ["colour", "postcode"]
