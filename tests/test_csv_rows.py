"""Spreadsheet exports as French associations produce them: `;` or `,`, UTF-8 with or without BOM, or Windows-1252."""

from __future__ import annotations

import pytest

from sar.csv_rows import read_rows
from sar.errors import InputError

ROWS = [["first_name", "last_name", "city"], ["Élodie", "D'Aubigné", "Saint-Étienne"], ["Zoë", "Œuvray", "Besançon"]]


@pytest.mark.parametrize("delimiter", [",", ";"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_delimiters_and_encodings(tmp_path, delimiter, encoding):
    path = tmp_path / "people.csv"
    path.write_bytes("\r\n".join(delimiter.join(row) for row in ROWS).encode(encoding))
    header, rows = read_rows(path)
    assert header == ["first_name", "last_name", "city"]
    rows = list(rows)
    assert [r.values for r in rows] == [dict(zip(ROWS[0], row)) for row in ROWS[1:]]
    assert [r.line for r in rows] == [2, 3]


def test_line_numbers_count_quoted_newlines_and_skip_blank_lines(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text('first_name;address\nAnne;"12 rue X\nBâtiment B"\n\n;\nBruno;3 rue Y\nCléo;1 rue Z;surplus\n')
    _, rows = read_rows(path)
    rows = list(rows)
    assert [(r.line, r.values["first_name"]) for r in rows] == [(2, "Anne"), (6, "Bruno"), (7, "Cléo")]
    assert rows[0].values["address"] == "12 rue X\nBâtiment B"
    assert rows[2].extra_cells == ("surplus",)


def test_a_short_row_gets_empty_values(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("first_name,last_name,city\nAnne\n")
    (row,) = read_rows(path)[1]
    assert row.values == {"first_name": "Anne", "last_name": "", "city": ""}


@pytest.mark.parametrize("content, message", [("", "is empty"), ("a;b;a\n1;2;3\n", "column named twice: a")])
def test_bad_files(tmp_path, content, message):
    path = tmp_path / "people.csv"
    path.write_text(content)
    with pytest.raises(InputError, match=message):
        read_rows(path)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        read_rows(tmp_path / "nope.csv")
