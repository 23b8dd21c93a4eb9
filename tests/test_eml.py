""".eml drafts carry what a mail client shows and files by: Date (the letter's day), From (when the person gave an
e-mail) and a Message-ID; all three are the same on every run, so a rerun writes byte-identical drafts."""

from __future__ import annotations

import email
from datetime import datetime, timedelta, timezone
from email import policy
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest

from letter_fixtures import LETTER_DAY, finding, journey
from sar.cli import main
from sar.letters import render_letter
from sar.output import eml_bytes


def draft(lang="fr", on=LETTER_DAY, kind="access-vendor", **changes) -> bytes:
    letter = render_letter(kind, journey(lang, **changes), finding(kind), lang=lang, on=on, channel="email")
    return eml_bytes(letter)


def parsed(raw: bytes):
    return email.message_from_bytes(raw, policy=policy.default)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_date_header_is_the_letters_date(lang):
    message = parsed(draft(lang))
    sent = parsedate_to_datetime(message["Date"])
    assert sent.date() == LETTER_DAY and sent.utcoffset() == timedelta(0)
    assert message["Date"] == f"{LETTER_DAY:%a, %d %b %Y} 12:00:00 +0000"


@pytest.mark.parametrize("offset", [-4, -3, 0, 1, 2, 3, 4])  # Guadeloupe/Martinique ... Mayotte, Réunion
def test_the_date_is_the_same_day_in_every_french_time_zone(offset):
    sent = parsedate_to_datetime(parsed(draft())["Date"])
    assert sent.astimezone(timezone(timedelta(hours=offset))).date() == LETTER_DAY


def test_from_is_kept_when_the_person_gave_an_e_mail_and_absent_otherwise():
    assert parsed(draft())["From"] == "Élodie D'Aubigné-Œuvray <elodie@example.org>"
    without = parsed(draft(email=""))
    assert without["From"] is None
    assert without["Date"] is not None and without["Message-ID"].endswith("@sar.invalid>")


def test_the_message_id_is_deterministic_and_differs_between_letters():
    first, again = draft(), draft()
    assert first == again  # byte-identical, Message-ID included
    ids = {parsed(raw)["Message-ID"] for raw in (
        first, draft(lang="en"), draft(on=LETTER_DAY + timedelta(days=1)), draft(kind="access-insurer"),
        draft(first_name="Camille"))}
    assert len(ids) == 5
    message_id = parsed(first)["Message-ID"]
    assert message_id.startswith("<sar.") and message_id.endswith("@example.org>")


def test_a_rerun_of_sar_letters_writes_identical_drafts(tmp_path, capsys):
    answers = str(Path(__file__).resolve().parent.parent / "examples" / "answers.toml")
    out = tmp_path / "out"
    args = ["letters", "--answers", answers, "--out", str(out), "--format", "eml", "--date", "2026-11-23"]
    assert main(args) == 0
    first = {path: path.read_bytes() for path in out.rglob("*.eml")}
    assert first
    assert main(args) == 0
    assert {path: path.read_bytes() for path in out.rglob("*.eml")} == first
    message = parsed(next(iter(first.values())))
    assert parsedate_to_datetime(message["Date"]) == datetime(2026, 11, 23, 12, tzinfo=timezone.utc)
    assert message["From"] == "Camille Martin <camille@example.org>"
