"""Importing datarequests.org records: what fits is mapped, the source is kept, bad records are named, nothing invented."""

from __future__ import annotations

import json

import pytest

from sar.directory import datarequests
from sar.errors import InputError

GARMIN = {
    "slug": "garmin",
    "relevant-countries": ["all"],
    "categories": ["health", "travel"],
    "name": "Garmin Würzburg GmbH",
    "address": "Leightonstr. 7\n97074 Würzburg\nGermany",
    "email": "euprivacy@garmin.com",
    "web": "https://garmin.com",
    "sources": ["https://www.garmin.com/en-GB/privacy/global/policy/"],
    "quality": "verified",
}


def test_a_record_maps_to_an_actor_with_its_source():
    actor = datarequests.actor_from_record(GARMIN)
    assert actor.id == "garmin"
    assert actor.name.fr == actor.name.en == "Garmin Würzburg GmbH"
    assert actor.contact.postal == "Leightonstr. 7\n97074 Würzburg\nGermany"
    assert actor.contact.email == "euprivacy@garmin.com"
    assert actor.contact.web_form == ""  # the website is not a request form
    assert actor.contact.source == "https://www.datarequests.org/company/garmin/"
    assert actor.contact.verified == ""  # the database gives no verification date: none is claimed
    assert "https://www.garmin.com/en-GB/privacy/global/policy/" in actor.sources
    assert "verified" in actor.notes["en"] and actor.role["fr"]


def test_a_record_not_relevant_for_france_says_so():
    actor = datarequests.actor_from_record(dict(GARMIN, **{"relevant-countries": ["de"]}))
    assert "not marked as relevant for France" in actor.notes["en"]


def test_a_file_of_records_reports_bad_ones_by_position(tmp_path):
    path = tmp_path / "records.json"
    path.write_text(json.dumps([GARMIN, {"slug": "nameless"}, "oops", dict(GARMIN, slug="../../etc", name="Evil")]))
    actors, problems = datarequests.read_records(path)
    assert [a.id for a in actors] == ["garmin", "etc"]
    assert [(p.index, p.reason) for p in problems] == [(2, "the record has no name"), (3, "a record must be a JSON object")]


@pytest.mark.parametrize("content, message", [("{oops", "is not valid JSON"), (None, "cannot read")])
def test_unreadable_files_are_input_errors(tmp_path, content, message):
    path = tmp_path / "records.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(InputError, match=message):
        datarequests.read_records(path)
