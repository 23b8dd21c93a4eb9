"""The tracker file survives kill -9 and a second process, stays private, and a damaged file is refused and left untouched."""

from __future__ import annotations

import json
import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from filelock import FileLock

from sar.cli import main
from sar.storage import (
    SCHEMA_VERSION,
    TrackerBusyError,
    TrackerFileError,
    backup_path,
    lock_path,
    open_tracker,
)
from sar.requests import Tracker

ROOT = Path(__file__).resolve().parent.parent

# A child process that writes to the tracker in a loop and prints an acknowledgement after each write has returned.
# Steps cycle through: record a new request; add a note to request 1 (a read-modify-write of an existing record); grow the
# file by a large scratch record, then shrink it again (a shrinking rewrite is what tears TinyDB's stock in-place storage).
WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date
    from sar.journey import Person
    from sar.storage import open_tracker
    from sar.requests import NewRequest, Tracker

    path, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if len(sys.argv) > 5:  # kill ourselves at a chosen stage of the chosen write (counted from 1)
        import os, signal
        stage, target = sys.argv[4], int(sys.argv[5])
        real_fdopen, real_replace, started = os.fdopen, os.replace, [0]

        def die():
            os.kill(os.getpid(), signal.SIGKILL)

        class TornFile:
            def __init__(self, file):
                self.file = file
            def __enter__(self):
                return self
            def __exit__(self, *exc):
                return self.file.__exit__(*exc)
            def write(self, data):
                self.file.write(data[: len(data) // 2])
                self.file.flush()
                die()

        def fdopen(fd, *args, **kwargs):
            started[0] += 1
            file = real_fdopen(fd, *args, **kwargs)
            return TornFile(file) if stage == "torn-temp" and started[0] == target else file

        def replace(source, destination):
            if stage == "before-replace" and started[0] == target:
                die()
            real_replace(source, destination)
            if stage == "after-replace" and started[0] == target:
                die()

        os.fdopen, os.replace = fdopen, replace
    tracker = Tracker(path)
    person = Person("Camille", "Martin", date(1985, 4, 12), "12 rue des Lilas", "69003", "Lyon")
    if len(sys.argv) == 5:  # wait until the parent says go, so that several writers really run at once
        print("ready", flush=True)
        sys.stdin.readline()
    for step in range(count):
        if step % 4 == 0:
            tracker.record_request(NewRequest(person, f"{name}-{step}", f"Actor {name} {step}"), today=date(2026, 3, 1))
            print(f"request {name}-{step}", flush=True)
        elif step % 4 == 1:
            tracker.add_note(1, f"{name} note {step}", today=date(2026, 3, 1))
            print(f"note {name} note {step}", flush=True)
        else:
            with open_tracker(path) as db:
                scratch = db.table("scratch")
                scratch.insert({"filler": "x" * 400_000}) if step % 4 == 2 else scratch.truncate()
    """
)


def start_writer(
    path: Path, name: str, count: int, *, wait_for_go: bool = False, crash: tuple[str, int] | None = None
) -> subprocess.Popen:
    args = [sys.executable, "-c", WRITER, str(path), name, str(count)] + (["wait"] if wait_for_go else [])
    if crash:
        args += [crash[0], str(crash[1])]
    return subprocess.Popen(
        args, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def stored_facts(path: Path) -> set[str]:
    """What the tracker holds, in the writers' acknowledgement format (loading it also validates the file)."""
    tracker = Tracker(path)
    requests = tracker.list_requests()
    facts = {f"request {r.actor}" for r in requests}
    first = [r for r in requests if r.id == 1]
    if first:
        facts |= {f"note {event.note}" for event in first[0].events if event.what == "note"}
    return facts


def seed(path: Path) -> None:
    """Request 1 exists (the notes go there), and enough others that a write takes a while."""
    from datetime import date

    from sar.journey import Person
    from sar.requests import NewRequest

    person = Person("Camille", "Martin", date(1985, 4, 12), "12 rue des Lilas", "69003", "Lyon")
    Tracker(path).record_requests(
        [NewRequest(person, f"seed-{i}", f"Seed {i}") for i in range(300)], today=date(2026, 3, 1)
    )


def test_sigkill_during_writes_keeps_a_loadable_file_with_every_acknowledged_write(tmp_path):
    path = tmp_path / "tracker.json"
    seed(path)
    rng = random.Random(20260301)
    acknowledged: set[str] = set()
    for run in range(8):
        writer = start_writer(path, f"run{run}", 10_000)
        wanted = rng.randint(1, 40)
        for _ in range(wanted):  # let it get `wanted` writes done, then kill it in the middle of the next ones
            line = writer.stdout.readline()
            assert line, writer.stderr.read()
            acknowledged.add(line.strip())
        # A random pause moves the kill to a random point inside the following write (reading the file, writing the temp
        # file, fsync, rename). No assertion depends on timing: whatever the point, every acknowledged write must be there.
        time.sleep(rng.random() * 0.03)
        writer.send_signal(signal.SIGKILL)
        rest, _errors = writer.communicate()
        assert writer.returncode == -signal.SIGKILL
        acknowledged |= {line.strip() for line in rest.splitlines() if line.strip()}
        stored = stored_facts(path)  # raises TrackerFileError if the kill left a damaged file
        assert acknowledged <= stored, sorted(acknowledged - stored)[:5]
    assert len(acknowledged) >= 6
    json.loads(path.read_text())  # plain JSON too


@pytest.mark.parametrize("stage", ["torn-temp", "before-replace", "after-replace"])
def test_a_crash_at_each_stage_of_a_write_keeps_every_acknowledged_write(tmp_path, stage):
    """Deterministic kills inside the write path: half the temp file written, temp complete but not renamed, renamed."""
    path = tmp_path / "tracker.json"
    seed(path)
    acknowledged: set[str] = set()
    for run, target in enumerate((5, 6)):  # the 5th write records a request; the 6th adds a note
        writer = start_writer(path, f"{stage}{run}", 50, crash=(stage, target))
        out, errors = writer.communicate(timeout=60)
        assert writer.returncode == -signal.SIGKILL, errors
        lines = set(out.split("\n")) - {""}
        assert len(lines) == (2 if target == 5 else 3)  # the writes before the crash returned, the crashed one did not
        acknowledged |= lines
        stored = stored_facts(path)
        assert acknowledged <= stored
        in_flight = {5: f"request {stage}{run}-4", 6: f"note {stage}{run} note 5"}[target]
        assert (in_flight in stored) == (stage == "after-replace")  # all or nothing
    assert Tracker(path).add_note(1, "a later sar writes over the stale temp file").events[-1].note.startswith("a later")


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    path = tmp_path / "tracker.json"
    seed(path)
    writers = [start_writer(path, name, 60, wait_for_go=True) for name in ("alpha", "beta")]
    for writer in writers:
        assert writer.stdout.readline().strip() == "ready", writer.stderr.read()
    for writer in writers:
        writer.stdin.write("go\n")
        writer.stdin.flush()
    acknowledged = set()
    for writer in writers:
        out, errors = writer.communicate(timeout=60)
        assert writer.returncode == 0, errors
        acknowledged |= set(out.split("\n")) - {""}
    assert len(acknowledged) == 60
    stored = stored_facts(path)
    assert acknowledged <= stored
    assert len([fact for fact in stored if fact.startswith("request ")]) == 300 + 30


def test_a_busy_tracker_says_another_sar_is_using_it(tmp_path):
    path = tmp_path / "tracker.json"
    seed(path)
    with FileLock(lock_path(path)):
        with pytest.raises(TrackerBusyError, match="another sar is using the tracker"):
            Tracker(path, lock_timeout=0.05).add_note(1, "blocked")
    assert Tracker(path).add_note(1, "free now").events[-1].note == "free now"


def test_files_are_private(tmp_path):
    path = tmp_path / "new-folder" / "tracker.json"
    seed(path)
    Tracker(path).add_note(1, "a second write makes the backup")
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    for file in (path, backup_path(path)):
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file


def test_the_file_has_a_schema_version_and_the_backup_holds_the_previous_version(tmp_path):
    path = tmp_path / "tracker.json"
    seed(path)
    first = path.read_bytes()
    Tracker(path).add_note(1, "second version")
    assert json.loads(path.read_text())["meta"] == {"1": {"schema_version": SCHEMA_VERSION}}
    assert backup_path(path).read_bytes() == first
    assert not path.with_name("tracker.json.tmp").exists()


def test_a_failed_transaction_writes_nothing(tmp_path):
    path = tmp_path / "tracker.json"
    seed(path)
    before = path.read_bytes()
    with pytest.raises(RuntimeError):
        with open_tracker(path) as db:
            db.table("requests").truncate()
            raise RuntimeError("boom")
    assert path.read_bytes() == before


DAMAGED = {
    "torn write": (b'{"meta":{"1":{"schema_version":1}},"requests":{"1":{"person":"x"', "not valid JSON"),
    "not an object": (b"[1, 2, 3]", "expected a JSON object"),
    "table not a table": (b'{"meta":{"1":{"schema_version":1}},"requests":[]}', "'requests' is not a table"),
    "bad document id": (b'{"meta":{"1":{"schema_version":1}},"requests":{"x":{}}}', "'requests' is not a table"),
    "no version": (b'{"requests":{"1":{"person":"x"}}}', "no schema version"),
    "newer version": (b'{"meta":{"1":{"schema_version":99}},"requests":{}}', "written by a newer sar"),
    "odd version": (b'{"meta":{"1":{"schema_version":"one"}},"requests":{}}', "schema version 'one' is unknown"),
    "not UTF-8": (b"\xff\xfe\x00garbage", "not valid JSON"),
}


@pytest.mark.parametrize("content, message", DAMAGED.values(), ids=DAMAGED.keys())
@pytest.mark.parametrize(
    "command",
    [["track", "list"], ["track", "due", "--json"], ["track", "update", "1", "--note", "hello"],
     ["track", "export", "--csv", "OUT"]],
    ids=["list", "due", "update", "export"],
)
def test_a_damaged_tracker_is_refused_with_exit_2_and_left_untouched(tmp_path, capsys, content, message, command):
    path = tmp_path / "tracker.json"
    path.write_bytes(content)
    command = [str(tmp_path / "out.csv") if part == "OUT" else part for part in command]
    assert main([*command, "--db", str(path)]) == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert str(path) in captured.err and "left it untouched" in captured.err
    assert "Traceback" not in captured.err and captured.out == ""
    assert path.read_bytes() == content
    assert not backup_path(path).exists()


def test_the_refusal_points_at_the_backup_when_there_is_one(tmp_path, capsys):
    path = tmp_path / "tracker.json"
    seed(path)
    Tracker(path).add_note(1, "a second write makes the backup")
    backup = backup_path(path).read_bytes()
    path.write_bytes(b"{broken")
    assert main(["track", "update", "1", "--note", "x", "--db", str(path)]) == 2
    assert f"{backup_path(path)}" in capsys.readouterr().err
    assert path.read_bytes() == b"{broken" and backup_path(path).read_bytes() == backup


def test_tinydb_cannot_overwrite_a_damaged_file_even_without_reading_it(tmp_path):
    path = tmp_path / "tracker.json"
    path.write_bytes(b"{broken")
    with pytest.raises(TrackerFileError):
        with open_tracker(path) as database:
            database.drop_tables()  # TinyDB writes here without reading first
    assert path.read_bytes() == b"{broken"
