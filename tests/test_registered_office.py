"""The registered office `sar directory update` takes from the company register: only an unambiguous match, by SIREN or
by exact legal name, is ever taken (sar.directory.lookup.registered_office). Every company here is invented (SIRENs
starting 999, names of no real organisation); the recorded answers of tests/fixtures/registers serve the rest."""

from __future__ import annotations

import pytest

from sar.directory import lookup
from tests.fixtures.registers.server import Registers


def company(siren: str, name: str, street: str = "1 RUE DE LA PAIX", postcode: str = "75002",
            city: str = "PARIS") -> dict:
    return {"siren": siren, "nom_complet": name, "nom_raison_sociale": name, "sigle": None, "nature_juridique": "5710",
            "etat_administratif": "A",
            "siege": {"siret": f"{siren}00010", "adresse": f"{street} {postcode} {city}", "code_postal": postcode,
                      "libelle_commune": city, "cedex": None, "libelle_cedex": None, "liste_finess": [],
                      "est_siege": True},
            "matching_etablissements": [], "complements": {"est_finess": False, "liste_finess_juridique": []}}


def answered(q: str, *results: dict) -> Registers:
    return Registers(records=[], answers=[{"q": q, "source": "invented for this test",
                                           "answer": {"results": list(results), "total_results": len(results),
                                                      "page": 1, "per_page": 25, "total_pages": 1}}])


@pytest.fixture(autouse=True)
def no_throttle(monkeypatch):
    monkeypatch.setattr(lookup._throttle, "interval", 0.0)


def office(server: Registers, *, siren: str = "", names: tuple[str, ...] = ()) -> lookup.Candidate | None:
    return lookup.registered_office(siren=siren, names=names, client=server.client(), sleep=lambda seconds: None)


def test_a_siren_takes_the_company_that_bears_it():
    server = answered("999100001", company("999100001", "LABORATOIRES DES TILLEULS", "4 RUE DES TILLEULS", "75012"))
    found = office(server, siren="999100001", names=("Laboratoires des Tilleuls",))
    assert found is not None and found.siren == "999100001"
    assert found.postal == "4 RUE DES TILLEULS\n75012 PARIS"
    assert server.requests[0].url.params["q"] == "999100001"  # the SIREN, not the name, is asked


def test_a_siren_answered_with_another_company_is_not_taken():
    server = answered("999100001", company("999100002", "LABORATOIRES DES TILLEULS"))
    assert office(server, siren="999100001") is None


def test_one_company_bearing_exactly_the_legal_name_is_taken_among_near_names():
    server = answered("Tiers Payant des Tilleuls",
                      company("999100003", "TIERS PAYANT DES TILLEULS BRETAGNE"),
                      company("999100004", "TIERS-PAYANT DES TILLEULS", "9 RUE DU BAC", "75007"),
                      company("999100005", "TIERS PAYANT DES TILLEULS ET ASSOCIES"))
    found = office(server, names=("Tiers Payant des Tilleuls",))
    assert found is not None and found.siren == "999100004"  # case, accents and punctuation aside, nothing more


def test_two_companies_bearing_the_same_name_give_none():
    server = answered("Tiers Payant des Tilleuls", company("999100004", "TIERS PAYANT DES TILLEULS"),
                      company("999100006", "TIERS PAYANT DES TILLEULS", "2 RUE DU BAC", "75007"))
    assert office(server, names=("Tiers Payant des Tilleuls",)) is None


def test_only_near_names_give_none():
    """A group's brand is not its labs' names: "… BRETAGNE" is another company."""
    server = answered("Laboratoires des Tilleuls", company("999100007", "LABORATOIRES DES TILLEULS BRETAGNE"),
                      company("999100008", "LABORATOIRES DES TILLEULS ILE-DE-FRANCE"))
    assert office(server, names=("Laboratoires des Tilleuls",)) is None


def test_only_active_companies_are_asked_for():
    server = answered("Tiers Payant des Tilleuls")
    office(server, names=("Tiers Payant des Tilleuls",))
    assert server.requests[0].url.params["etat_administratif"] == "A"


def test_nothing_found_gives_none():
    assert office(Registers(records=[], answers=[]), names=("Laboratoires des Tilleuls",)) is None
