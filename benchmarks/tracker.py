"""How much `sar track due` costs on a big tracker, compared with only parsing the same file.

    python benchmarks/tracker.py [--requests 100000] [--repeat 5] [--cli]

Builds a tracker of N requests (1,000 people x N/1,000 organisations, sent over the last two years) with one call to the
batch API, then marks those sent more than 45 days ago as answered except one in fifty (left overdue), in one transaction,
so the tracker looks like an association's after two years. Then times:
- `json.load` of the file (the floor: any JSON tracker has to parse itself);
- `Tracker.due(14)`, the function `sar track due` calls (reads and validates the file, finds what is due, sorts);
- with --cli, `sar track due --json` in a subprocess against `python -c "json.load(...)"` (both pay interpreter start-up).
Prints the medians and the ratio. Not part of the test suite (no timing assertions there).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sar.directory import Contact  # noqa: E402
from sar.journey import Person  # noqa: E402
from sar.storage import open_tracker  # noqa: E402
from sar.requests import NewRequest, Tracker  # noqa: E402


def build(path: Path, count: int, today: date) -> float:
    people = [Person(f"Person{i}", f"Family{i}", date(1950, 1, 1) + timedelta(days=i * 7), f"{i} rue de la Paix",
                     "75002", "Paris") for i in range(1000)]
    requests = []
    for n in range(count):
        person, actor = people[n % len(people)], n // len(people)
        kind = "access-medical-record" if actor % 5 == 0 else "access"
        sent = today - timedelta(days=(n * 7919) % 730)
        requests.append(NewRequest(person, f"actor-{actor}", f"Organisation {actor}",
                                   Contact(postal=f"DPO\n{actor} avenue X\n75008 Paris", email=f"dpo@org{actor}.example"),
                                   kind, "fr", "post", sent=sent))
    start = time.perf_counter()
    Tracker(path).record_requests(requests, today=today)
    seconds = time.perf_counter() - start
    cutoff = (today - timedelta(days=45)).isoformat()

    def answer_old_ones(document):
        if document["sent"] < cutoff and zlib.crc32((document["actor"] + document["person"]).encode()) % 50:
            document["status"], document["answered"] = "answered", document["sent"]

    with open_tracker(path) as db:
        db.table("requests").update(answer_old_ones)
    return seconds


def median_time(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def arguments(doc: str) -> argparse.Namespace:
    """The options every tracker benchmark takes: how many requests, how many timings, and the CLI comparison."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cli", action="store_true", help="also time the command in a subprocess")
    return parser.parse_args()


def json_load_seconds(path: Path, repeat: int) -> float:
    """The bare cost of reading the tracker file: what sar's own reading is measured against."""
    def bare_load():
        with path.open("rb") as f:
            json.load(f)

    return median_time(bare_load, repeat)


def main() -> None:
    args = arguments(__doc__)
    today = date.today()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tracker.json"
        build_seconds = build(path, args.requests, today)
        size = path.stat().st_size
        tracker = Tracker(path)
        due = tracker.due(14, today)
        overdue = sum(r.overdue(today) for r in due)

        load_seconds = json_load_seconds(path, args.repeat)
        due_seconds = median_time(lambda: tracker.due(14, today), args.repeat)
        print(f"tracker: {args.requests:,} requests, {size / 1e6:.1f} MB; built with one record_requests call in "
              f"{build_seconds:.2f} s")
        print(f"`sar track due` finds {len(due):,} requests ({overdue:,} overdue)")
        print(f"json.load            {load_seconds * 1000:8.1f} ms (median of {args.repeat})")
        print(f"Tracker.due(14)      {due_seconds * 1000:8.1f} ms (median of {args.repeat})")
        print(f"ratio due / json.load: {due_seconds / load_seconds:.2f}")
        if args.cli:
            compare_cli(["track", "due", "--json"], path, args.repeat)


def compare_cli(sar_args: list[str], path: Path, repeat: int) -> None:
    """Time `sar SAR_ARGS --db PATH` in a subprocess against `python -c "json.load(PATH)"` (both pay start-up)."""
    python = sys.executable

    def cli():
        subprocess.run([python, "-m", "sar", *sar_args, "--db", str(path)], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)

    def bare_cli():
        subprocess.run([python, "-c", f"import json; json.load(open({str(path)!r}, 'rb'))"], check=True)

    cli_seconds = median_time(cli, repeat)
    bare_cli_seconds = median_time(bare_cli, repeat)
    command = "sar " + " ".join(sar_args)
    print(f"{'python -c json.load':24} {bare_cli_seconds * 1000:8.1f} ms (subprocess)")
    print(f"{command:24} {cli_seconds * 1000:8.1f} ms (subprocess)")
    print(f"ratio CLI / bare load: {cli_seconds / bare_cli_seconds:.2f}")

if __name__ == "__main__":
    main()
