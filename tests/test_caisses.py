"""The table of caisses (sar/data/caisses.toml): every département has its caisse, and no address lacks its source."""

from __future__ import annotations

import re

import pytest

from sar.directory import caisses
from sar.directory.caisses import caisse_for, check_caisses, departement_for_postcode, load_caisses
from sar.documents import read_document

METROPOLE = [f"{n:02d}" for n in range(1, 96) if n != 20] + ["2A", "2B"]
OVERSEAS = ["971", "972", "973", "974", "976"]
# Départements with several CPAM: the area of each was not found, so sar offers the candidates (caisses.toml, header).
SPLIT = {"59": 4, "62": 2, "64": 2, "76": 2}


def raw_entries() -> list[dict]:
    return list(read_document(caisses.caisses_path(), "caisses").get("caisse", []))


def in_departement(departement: str, regime: str) -> list[caisses.Caisse]:
    return [c for c in load_caisses() if c.regime == regime and departement in c.departements]


@pytest.mark.parametrize("departement", METROPOLE + OVERSEAS)
def test_every_departement_has_exactly_one_cpam_or_its_documented_candidates(departement):
    found = in_departement(departement, "cpam")
    assert len(found) == SPLIT.get(departement, 1), [c.name for c in found]
    assert len({c.name for c in found}) == len(found)
    for caisse in found:
        assert caisse.contact.is_empty or caisse.contact.source
        if caisse.contact.is_empty:
            assert caisse.searched, caisse.id


def test_the_overseas_caisses_are_the_cgss_and_the_css_of_mayotte():
    kinds = {d: in_departement(d, "cpam")[0].kind for d in OVERSEAS}
    assert kinds == {"971": "cgss", "972": "cgss", "973": "cgss", "974": "cgss", "976": "css"}


@pytest.mark.parametrize("departement", METROPOLE)
def test_every_metropolitan_departement_has_exactly_one_msa_caisse(departement):
    found = in_departement(departement, "msa")
    assert len(found) == 1, [c.name for c in found]
    assert found[0].coverage in caisses.COVERAGE_LEVELS


def test_no_address_in_the_table_lacks_its_source_date_and_quote():
    assert check_caisses(raw_entries()) == []
    for entry in raw_entries():
        if entry["postal"] or entry["email"] or entry["web_form"]:
            assert entry["source"].startswith("https://") and re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry["read"])
            assert entry["quote"]
        else:
            assert entry["searched"], entry["id"]


def _words(text: str) -> str:
    return " ".join(re.sub(r"[,;:.]", " ", text.casefold()).split())


def test_every_contact_is_read_in_its_quote_not_derived_from_a_pattern():
    """The e-mail and each address line appear word for word in the quoted line of the caisse's own page."""
    for caisse in load_caisses():
        contact = caisse.contact
        if contact.email:
            assert contact.email in contact.quote, caisse.id
        for line in contact.postal.splitlines():
            assert _words(line) in _words(contact.quote), (caisse.id, line)


def test_the_2015_state_directory_is_a_lead_never_a_contact():
    leads = [c for c in load_caisses() if c.state_directory_2015]
    assert leads
    for caisse in leads:
        assert caisse.state_directory_2015.source.startswith("https://github.com/cquest/annuaire-services-publics/")
        assert caisse.state_directory_2015.postal not in caisse.contact.postal or not caisse.contact.postal
        assert "annuaire-services-publics" not in caisse.contact.source


def test_the_check_refuses_a_contact_without_its_quote_and_a_blank_without_what_was_searched():
    entry = {"id": "cpam-xx", "departements": ["01"], "regime": "cpam", "kind": "cpam", "name": "CPAM de test",
             "postal": "1 rue de la Paix\n01000 Bourg", "email": "", "web_form": "", "source": "https://example.org",
             "read": "2026-12-01", "quote": "", "searched": ""}
    assert any("quoted line" in p for p in check_caisses([entry]))
    blank = dict(entry, postal="", source="")
    assert any("searched" in p for p in check_caisses([blank]))


@pytest.mark.parametrize("postcode, departement", [
    ("69003", "69"), ("01000", "01"), ("75011", "75"), ("20000", "2A"), ("20167", "2A"), ("20200", "2B"),
    ("20600", "2B"), ("97110", "971"), ("97133", "971"), ("97150", "971"), ("97200", "972"), ("97300", "973"),
    ("97400", "974"), ("97600", "976"), ("98000", ""), ("00100", ""), ("6900", ""), ("", ""), ("abcde", ""),
])
def test_departement_for_postcode(postcode, departement):
    assert departement_for_postcode(postcode) == departement


@pytest.mark.parametrize("postcode, regime, hint, names", [
    ("69003", "cpam", "", ["CPAM du Rhône"]),
    ("49100", "cpam", "", ["CPAM de Maine-et-Loire"]),
    ("35000", "msa", "", ["MSA Portes de Bretagne"]),
    ("20090", "cpam", "", ["CPAM de la Corse-du-Sud"]),
    ("97150", "cpam", "", ["CGSS de la Guadeloupe"]),
    ("59000", "cpam", "", ["CPAM de Lille-Douai", "CPAM de Roubaix-Tourcoing", "CPAM des Flandres", "CPAM du Hainaut"]),
    ("59100", "cpam", "cpam roubaix-tourcoing", ["CPAM de Roubaix-Tourcoing"]),
    ("64100", "cpam", "CPAM de Bayonne", ["CPAM de Bayonne"]),
    ("43000", "cpam", "CPAM de la Haute-Loire", ["CPAM de la Haute-Loire"]),
    ("42000", "cpam", "CPAM de la Loire", ["CPAM de la Loire"]),
    ("75011", "cpam", "CPAM de Maine-et-Loire", ["CPAM de Maine-et-Loire"]),  # the person's own word wins
    ("69003", "cpam", "ma caisse", ["CPAM du Rhône"]),  # a name sar does not know: the postcode's caisse
    ("98000", "cpam", "", []),
    ("97400", "msa", "", []),
])
def test_caisse_for(postcode, regime, hint, names):
    assert [c.name for c in caisse_for(postcode, regime, hint)] == names


def test_maine_et_loire_is_the_one_caisse_with_a_sourced_dpo_contact():
    sourced = [c for c in load_caisses() if not c.contact.is_empty]
    assert [c.name for c in sourced] == ["CPAM de Maine-et-Loire"]
    contact = sourced[0].contact
    assert contact.email == "dpo.cpam-maine-et-loire@assurance-maladie.fr"
    assert contact.source == "https://rapport-annuel.assurance-maladie.fr/cpam-maine-et-loire/protection_donnees_personnelles"
    assert contact.verified == "2026-12-01"


def test_a_damaged_caisses_table_is_a_clear_directory_error(monkeypatch, tmp_path):
    from sar.directory import DirectoryError

    broken = tmp_path / "caisses.toml"
    broken.write_text('[[caisse]]\nid = "x"\nname = "CPAM X"\nregime = "cpam"\nkind = "nope"\ndepartements = ["01"]\n'
                      'postal = "1 rue X"\n', encoding="utf-8")
    monkeypatch.setattr(caisses, "caisses_path", lambda: broken)
    load_caisses.cache_clear()
    try:
        with pytest.raises(DirectoryError):
            load_caisses()
    finally:
        load_caisses.cache_clear()
