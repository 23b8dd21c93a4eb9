"""A wheel built from this tree ships the letter templates, the catalogs and the letters' font with its licence, where the
installed code finds them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from sar.resources import resource_dir

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_ships_letters_and_locales(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True,
    )
    (wheel,) = tmp_path.glob("sar-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "sar/locales/fr/LC_MESSAGES/messages.po" in names
    assert any(name.startswith("sar/letters/") for name in names)
    assert "sar/cli/__init__.py" in names
    assert "sar/data/directory.toml" in names  # the bundled directory of data holders
    assert "sar/data/postcodes.tsv.gz" in names  # the towns of each postcode (sar.places)
    for font_file in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "OFL.txt"):  # embedded in every PDF, and its licence
        assert f"sar/fonts/{font_file}" in names


def test_resources_are_found_from_a_checkout():
    assert (resource_dir("locales") / "fr" / "LC_MESSAGES" / "messages.po").is_file()
    assert resource_dir("letters").is_dir()
