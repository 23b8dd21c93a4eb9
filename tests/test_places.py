"""Places from the postcode (sar.places): the holiday region it implies, the towns it serves, and answers without a region."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from sar import interview, journey, places
from sar.deadlines import REGIONS

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "answers.toml"


@pytest.mark.parametrize(
    "postcode, region",
    [
        # Alsace-Moselle: Moselle, Bas-Rhin, Haut-Rhin
        ("57000", "alsace-moselle"), ("57950", "alsace-moselle"), ("67000", "alsace-moselle"),
        ("67100", "alsace-moselle"), ("68100", "alsace-moselle"), ("68000", "alsace-moselle"),
        # their neighbours are metropolitan
        ("54000", "metropole"), ("88000", "metropole"), ("90000", "metropole"), ("25000", "metropole"),
        # Corsica: postcodes 20xxx, department codes 2A and 2B
        ("20000", "metropole"), ("20200", "metropole"), ("2A004", "metropole"), ("2b033", "metropole"),
        # overseas departments
        ("97100", "971"), ("97110", "971"), ("97200", "972"), ("97300", "973"), ("97400", "974"), ("97411", "974"),
        ("97600", "976"),
        # Saint-Barthélemy and Saint-Martin share Guadeloupe's range; Saint-Pierre-et-Miquelon is not a sar region
        ("97133", "971"), ("97150", "971"), ("97500", "metropole"),
        # the rest
        ("75011", "metropole"), ("69003", "metropole"), ("13001", "metropole"), (" 57000 ", "alsace-moselle"),
    ],
)
def test_region_for_postcode(postcode, region):
    assert places.region_for_postcode(postcode) == region
    assert region in REGIONS


@pytest.mark.parametrize(
    "postcode, towns",
    [
        ("69003", ("Lyon",)),  # arrondissements are one town: "69003 Lyon"
        ("75011", ("Paris",)),
        ("13008", ("Marseille",)),
        ("57000", ("Metz",)),
        ("20200", ("Bastia", "San-Martino-di-Lota", "Santa-Maria-di-Lota", "Ville-di-Pietrabugno")),
        ("97411", ("Saint-Paul",)),
        ("00000", ()),
        ("97150", ()),  # Saint-Martin is not in the table: the town is typed
    ],
)
def test_towns_for_postcode(postcode, towns):
    assert places.towns_for_postcode(postcode) == towns


def test_the_bundled_table_is_compact_and_covers_france():
    assert places.POSTCODE_TABLE.stat().st_size < 400_000
    with gzip.open(places.POSTCODE_TABLE, "rt", encoding="utf-8") as table:
        postcodes = [line.split("\t")[0] for line in table]
    assert len(postcodes) > 6000 and postcodes == sorted(postcodes)
    assert {code[:2] for code in postcodes} >= {"01", "20", "57", "75", "95", "97"}


def test_interview_suggests_from_the_postcode():
    assert interview.question("region").suggestions({"postcode": "67000"}) == ("alsace-moselle",)
    assert interview.question("region").suggestions({}) == ()
    assert interview.question("city").suggestions({"postcode": "57000"}) == ("Metz",)


def test_answers_without_a_region_get_the_postcodes():
    document = journey.journey_as_answers(journey.load_answers(EXAMPLE))
    person = {key: document[key] for key in interview.SECTION_KEYS["person"] if key != "region"}
    person.update(postcode="57000", city="Metz", birth_date="12/04/1985")
    loaded = journey.journey_from_document({"lang": "fr", "person": person, "journey": {}})
    assert loaded.person.region == "alsace-moselle"
    assert str(loaded.person.birth_date) == "1985-04-12"
    row = {key: str(value) for key, value in person.items() if value not in ("", None)}
    row.update(birth_date="12 avril 1985", postcode="97411", city="Saint-Paul")
    from_csv = journey.journey_from_row(row)
    assert from_csv.person.region == "974" and str(from_csv.person.birth_date) == "1985-04-12"



@pytest.mark.parametrize(
    "postcode, typed, kept",
    [
        ("42000", "st etienne", "Saint-Étienne"),
        ("42100", "SAINT ETIENNE", "Saint-Étienne"),
        ("51300", "vitry le francois", "Vitry-le-François"),
        ("57000", "metz", "Metz"),
        ("57000", "Metz-Borny", "Metz-Borny"),  # not in the table: kept as typed
        ("00000", "Ailleurs", "Ailleurs"),
    ],
)
def test_a_town_typed_by_hand_takes_the_tables_spelling(postcode, typed, kept):
    assert places.spelled_as_in_table(typed, places.towns_for_postcode(postcode)) == kept


def test_towns_are_in_dictionary_order():
    assert places.towns_for_postcode("01170") == (
        "Cessy", "Chevry", "Crozet", "Échenevex", "Gex", "Mijoux", "Ségny", "Vesancy")
