"""The Annuaire de l'administration as it really answers: fields as JSON text or arrays, records sar filters itself,
paging within the documented limits, and one line (nothing written) for an answer of another shape.

The records are the recorded answers of tests/fixtures/registers (the State's 2015 directory in today's API shape);
a few tests add a record of their own, built on a real one, to make one rule fail if it were missing."""

from __future__ import annotations

import copy
import json

import httpx
import pytest

from sar.directory import annuaire, caisses
from tests.fixtures.registers.server import Registers, annuaire_records

TODAY = "2026-12-03"


def no_sleep(seconds):
    pass


@pytest.fixture(autouse=True)
def no_throttle(monkeypatch):
    monkeypatch.setattr(annuaire.throttle, "interval", 0.0)


def records(*, where=None) -> list[annuaire.Record]:
    return [annuaire.parse_record(raw) for raw in annuaire_records()
            if where is None or where(raw)]


def by_old_id(old_id: str) -> dict:
    return copy.deepcopy(next(raw for raw in annuaire_records() if raw["ancien_code_pivot"] == old_id))


def gers_without(*old_ids: str) -> list[annuaire.Record]:
    return records(where=lambda raw: raw["ancien_code_pivot"] not in old_ids)


def address_of(caisse_id: str, found: list[annuaire.Record]):
    return annuaire.caisse_addresses(found, TODAY).get(caisse_id)


# -- reading --------------------------------------------------------------------------------------------------------------

def test_fields_as_json_text_and_as_arrays_read_alike():
    raw = by_old_id("cpam-32107-01")
    as_arrays = dict(raw, pivot=json.loads(raw["pivot"]), adresse=json.loads(raw["adresse"]))  # the daily bulk file
    assert annuaire.parse_record(raw) == annuaire.parse_record(as_arrays)
    record = annuaire.parse_record(raw)
    assert record.types == ("cpam",) and record.departement == "32"
    # Lines in the documented order: complement1, complement2, numero_voie, service_distribution.
    assert record.address("Adresse postale").lines == ("Caisse primaire d'assurance maladie du Gers", "11 rue de Châteaudun")
    assert record.address("Adresse").lines == ("11 Boulevard Monplaisir",)  # the counter's own street


@pytest.mark.parametrize("document", [
    {"results": []},  # no total_count
    {"total_count": 1, "results": "nope"},
    {"total_count": 1, "results": [42]},
    {"total_count": 1, "results": [{"id": "x", "nom": "CPAM", "pivot": "{not json"}]},
    {"total_count": 1, "results": [{"id": "x", "nom": "CPAM", "pivot": "[]", "adresse": "7"}]},
    {"total_count": 1, "results": [{"nom": "CPAM without id"}]},
])
def test_an_answer_of_another_shape_is_refused(document):
    with pytest.raises(annuaire.UnexpectedAnswer):
        annuaire.parse_page(document)


# -- choosing each caisse's own address ----------------------------------------------------------------------------------

def test_the_sieges_postal_address_is_taken_never_the_cafs_at_the_same_street():
    found = address_of("cpam-32", records())
    assert found.postal == "11 rue de Châteaudun\n32012 Auch Cedex"  # the Caf of the Gers is 32013 Auch Cedex 9
    assert found.register == "annuaire" and found.consulted == TODAY
    assert found.record.startswith("api-lannuaire-administration, id ") and "siège d'Auch" in found.name


def test_without_its_siege_the_caisse_takes_the_postal_address_its_counters_carry():
    found = address_of("cpam-32", gers_without("cpam-32013-01"))
    # The counters' postal address, without the line that only names the caisse; never a counter's street.
    assert found.postal == "11 rue de Châteaudun\n32012 Auch Cedex"
    assert "accueil" in found.name


def test_counters_that_disagree_give_no_address():
    counters = [r for r in gers_without("cpam-32013-01") if r.departement == "32" and "cpam" in r.types]
    moved = [annuaire.Record(r.id, r.name, r.types, r.commune,
                             tuple(annuaire.Address(a.kind, (f"{n} rue des Tests",), "32000", "Auch") if
                                   a.kind == "Adresse postale" else a for a in r.addresses))
             for n, r in enumerate(counters)]
    assert address_of("cpam-32", moved) is None


def test_a_counters_street_address_is_never_taken():
    raw = by_old_id("cpam-32107-01")
    street_only = [a for a in json.loads(raw["adresse"]) if a["type_adresse"] == "Adresse"]
    counter = annuaire.parse_record(dict(raw, adresse=json.dumps(street_only)))
    assert address_of("cpam-32", [counter]) is None
    siege = by_old_id("cpam-32013-01")
    siege_street = [a for a in json.loads(siege["adresse"]) if a["type_adresse"] == "Adresse"]
    assert address_of("cpam-32", [counter, annuaire.parse_record(dict(siege, adresse=json.dumps(siege_street)))]
                      ).postal == "11 Rue de Châteaudun\n32000 Auch"  # the siège's own address, when none is postal


def test_a_caf_carsat_or_cicas_record_is_never_the_caisse_even_when_the_server_returns_it():
    everything = records()  # what a server whose `like` matched every record would return
    assert {"caf", "carsat", "cicas"} <= {t for r in everything for t in r.types}
    only_insurers = records(where=lambda raw: '"cpam"' in raw["pivot"] or '"msa"' in raw["pivot"])
    assert annuaire.caisse_addresses(everything, TODAY) == annuaire.caisse_addresses(only_insurers, TODAY)


def test_an_office_that_is_also_a_caf_is_left_out():
    raw = by_old_id("cpam-32013-01")
    shared = dict(raw, pivot=json.dumps([{"type_service_local": "cpam"}, {"type_service_local": "caf"}]))
    assert address_of("cpam-32", [annuaire.parse_record(shared)]) is None


def test_msa_caisses_take_their_own_offices_only():
    found = annuaire.caisse_addresses(records(), TODAY)
    assert found["msa-midi-pyrenees-sud"].postal == "61 allée de Brienne\n31064 Toulouse Cedex 9"
    assert found["msa-portes-bretagne"].postal == "La Porte de Ker-Lann-Bruz\nRue Charles-Coudé\n35027 Rennes Cedex 9"
    # An MSA office is taken for the caisse it names, not for another caisse of its départements' neighbours.
    assert "msa-armorique" not in found and "msa-sud-aquitaine" not in found


def test_where_several_caisses_share_a_departement_the_record_must_name_the_caisse():
    found = annuaire.caisse_addresses(records(), TODAY)
    nord = [c.id for c in caisses.load_caisses() if "59" in c.departements and c.regime == "cpam"]
    assert "Flandres" in found["cpam-59-flandres"].name
    assert not {"cpam-59-lille-douai", "cpam-59-roubaix-tourcoing", "cpam-59-hainaut"} & set(found)  # no record names them
    assert "cpam-59-flandres" in nord


def test_overseas_cgss_carry_the_cpam_type():
    found = annuaire.caisse_addresses(records(), TODAY)
    overseas = [c.id for c in caisses.load_caisses() if c.kind == "cgss"]
    assert overseas and all(caisse_id in found for caisse_id in overseas)


# -- asking, page by page ------------------------------------------------------------------------------------------------

def test_pages_stay_within_the_documented_limits():
    many = [dict(by_old_id("cpam-32107-01"), id=f"id-{n:03}") for n in range(250)]
    server = Registers(records=many)
    found = annuaire.fetch_type("cpam", server.client(), sleep=no_sleep)
    assert len(found) == 250
    params = [request.url.params for request in server.requests]
    assert [p["offset"] for p in params] == ["0", "100", "200"]
    assert all(int(p["limit"]) <= 100 and int(p["offset"]) + int(p["limit"]) <= 10_000 for p in params)
    assert params[0]["where"] == 'pivot like "cpam"' and "adresse" in params[0]["select"]


def test_more_records_than_the_api_lets_sar_page_through_is_refused(monkeypatch):
    server = Registers()
    server.annuaire_override = lambda request: httpx.Response(200, json={"total_count": 10_001, "results": []})
    with pytest.raises(annuaire.UnexpectedAnswer, match="more than the API"):
        annuaire.fetch_type("cpam", server.client(), sleep=no_sleep)


def test_the_base_url_can_be_replaced(monkeypatch):
    monkeypatch.setenv("SAR_ANNUAIRE_API", "http://127.0.0.1:9/stand-in/")
    server = Registers()
    annuaire.fetch_type("msa", server.client(), sleep=no_sleep)
    assert str(server.requests[0].url).startswith(
        "http://127.0.0.1:9/stand-in/api/explore/v2.1/catalog/datasets/api-lannuaire-administration/records?")
