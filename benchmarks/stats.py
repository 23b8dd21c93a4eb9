"""How much `sar track stats` costs on a big tracker, compared with only parsing the same file.

    python benchmarks/stats.py [--requests 100000] [--repeat 5] [--cli]

Builds the tracker benchmarks/tracker.py builds (1,000 people x N/1,000 organisations, sent over the last two years,
those sent more than 45 days ago answered but one in fifty), then gives it an association's history: one answer in ten
partial with two items missing, one in thirty refused, one request in twenty extended, one in forty with a complaint,
and a tenth of the organisations named by the person (pharmacies, each with its town). Then times:
- `json.load` of the file (the floor: any JSON tracker has to parse itself);
- `Tracker.stats()`, what `sar track stats` calls (reads the file, groups, counts, ranks);
- with --cli, `sar track stats --json` in a subprocess against `python -c "json.load(...)"`.
Prints the medians and the ratio; the issue's bound is 2 (stats in at most twice the time of reading the file). Not part
of the test suite (no timing assertions there).
"""

from __future__ import annotations

import sys
import tempfile
import zlib
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from tracker import arguments, build, compare_cli, json_load_seconds, median_time  # noqa: E402  (benchmarks/tracker.py)

from sar.requests import Tracker  # noqa: E402
from sar.storage import open_tracker  # noqa: E402


def add_history(path: Path) -> None:
    """Partial answers, refusals, extensions, complaints and named pharmacies, spread deterministically."""

    def change(document):
        spread = zlib.crc32((document["actor"] + document["person"]).encode())
        if spread % 10 == 3:  # an organisation the person named, in one of twenty towns
            document["actor"], document["actor_name"] = "your-pharmacy", f"Pharmacie {spread % 300}"
            document["contact"] = {"postal": f"Pharmacie {spread % 300}\n1 place X\n{75001 + spread % 20} Paris"}
        events = document["events"]
        if document["received"] and spread % 20 == 7:
            document["extended_on"] = document["received"]
            events.append({"date": document["received"], "what": "extended", "note": ""})
        if document["status"] == "answered":
            if spread % 10 == 1:
                document["status"] = "partial"
                events.append({"date": document["answered"], "what": "partial", "note": "",
                               "missing": ["recipients", "retention"]})
            elif spread % 30 == 2:
                document["status"] = "refused"
                events.append({"date": document["answered"], "what": "refused", "note": ""})
            else:
                events.append({"date": document["answered"], "what": "answered", "note": "", "missing": []})
        elif document["status"] != "draft" and spread % 40 == 5:
            document["status"] = "complained"
            events.append({"date": document["sent"], "what": "complained", "note": ""})

    with open_tracker(path) as db:
        db.table("requests").update(change)


def main() -> None:
    args = arguments(__doc__)
    today = date.today()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tracker.json"
        build(path, args.requests, today)
        add_history(path)
        size = path.stat().st_size
        tracker = Tracker(path)
        stats = tracker.stats(today=today)

        load_seconds = json_load_seconds(path, args.repeat)
        stats_seconds = median_time(lambda: tracker.stats(today=today), args.repeat)
        print(f"tracker: {args.requests:,} requests, {size / 1e6:.1f} MB; {stats.sent:,} sent by {stats.people:,} people "
              f"to {len(stats.organisations):,} organisations")
        print(f"json.load            {load_seconds * 1000:8.1f} ms (median of {args.repeat})")
        print(f"Tracker.stats()      {stats_seconds * 1000:8.1f} ms (median of {args.repeat})")
        print(f"ratio stats / json.load: {stats_seconds / load_seconds:.2f} (bound: 2)")
        if args.cli:
            compare_cli(["track", "stats", "--json"], path, args.repeat)

if __name__ == "__main__":
    main()
