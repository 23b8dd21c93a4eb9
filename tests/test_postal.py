"""Addresses as La Poste reads them (NF Z 10-011): the rules of sar.postal, as a table."""

from __future__ import annotations

import pytest

from sar.postal import address_lines, country_code, country_line, town_line


@pytest.mark.parametrize("lines, lang, expected", [
    (["Dr Jeanne Dupont", "3 place Bellecour, 69002 Lyon"], "fr", ("Dr Jeanne Dupont", "3 place Bellecour", "69002 LYON")),
    (["AP-HP", "55 boulevard Diderot, CS 22305, 75610 Paris Cedex 12"], "fr",
     ("AP-HP", "55 boulevard Diderot", "CS 22305", "75610 PARIS CEDEX 12")),
    (["Withings SAS", "2 rue Maurice Hartmann", "92130 Issy-les-Moulineaux"], "en",
     ("Withings SAS", "2 rue Maurice Hartmann", "92130 ISSY LES MOULINEAUX")),
    (["X", "1 rue Y", "42000 Saint-Étienne", "France"], "fr", ("X", "1 rue Y", "42000 SAINT ETIENNE")),  # home: no country
    (["X", "1 rue Y 69003 Lyon"], "fr", ("X", "1 rue Y", "69003 LYON")),
    (["Apple Distribution International Ltd", "Hollyhill Industrial Estate", "Hollyhill, Cork", "Ireland"], "fr",
     ("Apple Distribution International Ltd", "Hollyhill Industrial Estate", "HOLLYHILL, CORK", "IRLANDE")),
    (["Garmin Würzburg GmbH", "Leightonstr. 7", "97074 Würzburg", "Deutschland"], "en",
     ("Garmin Würzburg GmbH", "Leightonstr. 7", "97074 WÜRZBURG", "GERMANY")),
    (["Samsung House", "KT16 0RS", "United Kingdom"], "fr", ("Samsung House", "KT16 0RS", "ROYAUME-UNI")),
    (["Pharmacie du Parc", "[adresse à compléter à la main]", "_____", "_____"], "fr",
     ("Pharmacie du Parc", "[adresse à compléter à la main]", "_____", "_____")),  # a blank stays a blank
    ([], "fr", ()),
])
def test_address_lines(lines, lang, expected):
    assert address_lines(lines, lang) == expected


def test_countries_are_read_in_any_usual_language_and_written_in_the_letter_s():
    assert country_code("Irlande") == country_code("IRELAND") == country_code("éire") == "IE"
    assert country_code("12 rue des Lilas") is None
    assert country_line("IE", "fr") == "IRLANDE" and country_line("IE", "en") == "IRELAND"
    assert country_line("US", "fr") == "ETATS-UNIS"  # capitals without accents, as La Poste asks


def test_the_last_line_has_only_capitals_and_digits():
    assert town_line("97200", "Fort-de-France") == "97200 FORT DE FRANCE"
    assert town_line("20000", "L'Île-Rousse") == "20000 L ILE ROUSSE"
