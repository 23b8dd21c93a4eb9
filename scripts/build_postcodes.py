"""Build sar/data/postcodes.tsv.gz, the town names of each French postcode (a developer's tool, not part of the package).

    npm pack codes-postaux@4.1.2 && tar xzf codes-postaux-4.1.2.tgz
    python scripts/build_postcodes.py package/codes-postaux.json

The source is the npm package `codes-postaux` of the Base Adresse Nationale (IGN, DINUM, ANCT), MIT licence, built from the
DGFiP's FIMOCT file (postcode of each commune) and INSEE's Code officiel géographique (commune names), both published on
data.gouv.fr under the Licence Ouverte / Open Licence (Etalab). See sar/data/SOURCES.md.

The output has one line per postcode, `postcode<TAB>name|name|...`, names in dictionary order. Paris, Lyon and Marseille are one name
each: the source names their arrondissements ("Lyon 3e Arrondissement"), and an address says "69003 Lyon".
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "sar" / "data" / "postcodes.tsv.gz"
ARRONDISSEMENT = re.compile(r"^(Paris|Lyon|Marseille) \d+(er|e) Arrondissement$")


def build(source: Path) -> dict[str, list[str]]:
    towns: dict[str, set[str]] = defaultdict(set)
    for row in json.loads(source.read_text(encoding="utf-8")):
        name = row["nomCommune"]
        if match := ARRONDISSEMENT.match(name):
            name = match.group(1)
        towns[row["codePostal"]].add(name)
    return {postcode: sorted(names, key=_alphabetical) for postcode, names in sorted(towns.items())}


def _alphabetical(name: str) -> tuple[str, str]:
    """Dictionary order: « Échenevex » among the E, not after Z."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(c))
    return plain, name


def main(source: str) -> None:
    table = build(Path(source))
    text = "".join(f"{postcode}\t{'|'.join(names)}\n" for postcode, names in table.items())
    # mtime=0: the same source gives the same bytes, so a rebuild shows no diff.
    OUTPUT.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{OUTPUT}: {len(table)} postcodes, {OUTPUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(*sys.argv[1:])
