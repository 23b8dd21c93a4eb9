"""Association-scale soak test of `sar bulk`: kills at random moments, reruns, and several runs into one tracker at once.

    python benchmarks/soak.py                                   # 20,000 people, 30 kills, then 4 concurrent runs
    python benchmarks/soak.py --people 2000 --kills 5 --concurrent 2    # a quick look

Not part of the test suite (it takes minutes). What it does and checks:
1. A CSV of --people members with the hard cases mixed in: names in Cyrillic, Greek, Arabic and Chinese script that an
   ASCII slug reduces to nothing, namesakes and people born the same day, a few exact duplicate rows and a few
   conflicting ones.
2. `sar bulk` (a real subprocess, --jobs 2) killed with SIGKILL at a random moment --kills times, each time rerun; then a
   last run to completion.
3. --concurrent runs of different CSVs at once into one shared tracker.
After each phase it checks: the tracker file reads (0 corrupt files), one person per identity, no request twice,
every letter on disk has its request, the counts printed are the counts stored, no temporary file is left, and no
worker process outlives its parent. It prints the figures and exits 1 if any check fails.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sar.identity import MARKER_NAME, identity  # noqa: E402

COLUMNS = ["first_name", "last_name", "birth_date", "address", "postcode", "city", "lang", "doctor", "doctor_name",
           "booking", "lab", "pharmacy", "mutuelle", "tiers_payant", "devices", "first_name_latin", "last_name_latin"]
FIRST = ["Анна", "Ольга", "Camille", "Łukasz", "Ukasz", "محمد", "王", "Νίκος", "Zoë", "Ștefan"]
LAST = ["Иванова", "Петрова", "Martin", "Nguyễn", "Dubois", "أحمد", "小明", "Παπαδόπουλος", "Œuvray", "Popescu"]
# The Latin spelling a name in another script comes with (issue 23.11); "" for a name already in Latin letters.
FIRST_LATIN = ["Anna", "Olga", "", "", "", "Mohamed", "Wang", "Nikos", "", ""]
LAST_LATIN = ["Ivanova", "Petrova", "", "", "", "Ahmed", "Xiaoming", "Papadopoulos", "", ""]
LABS = ["cerballiance", "biogroup", "none"]


def member(n: int, salt: str) -> list[str]:
    born = f"{1950 + n % 50}-{1 + n % 12:02d}-{1 + (n // 12) % 28:02d}"  # many people born the same day
    return [FIRST[n % 10], f"{LAST[(n // 10) % 10]} {salt}{n // 100}", born, f"{1 + n % 99} rue X", f"{69001 + n % 9}",
            "Lyon", "fr" if n % 3 else "en", "oui" if n % 2 else "non", f"Dr Dupont {n % 7}" if n % 2 else "",
            "doctolib" if n % 4 == 0 else "", LABS[n % 3], "oui", "mgen" if n % 5 == 0 else "none",
            "oui" if n % 5 == 0 else "non", "withings" if n % 13 == 0 else "", FIRST_LATIN[n % 10],
            f"{LAST_LATIN[(n // 10) % 10]} {salt}{n // 100}" if LAST_LATIN[(n // 10) % 10] else ""]


def make_csv(path: Path, people: int, salt: str) -> dict[str, int]:
    """Write the CSV; returns {identity: line of its first row} (what the tracker must end up holding)."""
    from datetime import date

    first_line: dict[str, int] = {}
    rows = []
    for n in range(people):
        rows.append(member(n, salt))
        if n % 997 == 0:
            rows.append(list(rows[-1]))  # an exact duplicate
        if n % 1499 == 0:
            conflict = list(rows[-1])
            conflict[10] = "biogroup" if conflict[10] != "biogroup" else "none"
            rows.append(conflict)  # the same person with another answer
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(COLUMNS)
        for line, row in enumerate(rows, start=2):
            writer.writerow(row)
            first_line.setdefault(identity(row[0], row[1], date.fromisoformat(row[2])), line)
    return first_line


def bulk_command(csv_path: Path, out: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "sar", "bulk", str(csv_path), "--out", str(out), "--format", "txt", "--jobs", "2",
            "--db", str(db), "--date", "2026-11-23"]


def children_of(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        return (Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]) != "Z"
    except OSError:
        return False


def kill_at_random(command: list[str], seconds: float, orphans: list[int]) -> None:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment())
    deadline = time.monotonic() + seconds
    workers: set[int] = set()
    while time.monotonic() < deadline and process.poll() is None:
        workers |= children_of(process.pid)
        time.sleep(0.05)
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    process.wait()
    time.sleep(3.0)  # workers notice a dead parent within about a second
    orphans += [pid for pid in workers if alive(pid)]


def environment() -> dict[str, str]:
    return {**os.environ, "SAR_LANG": "en", "PYTHONPATH": str(ROOT)}


def run_to_completion(command: list[str]) -> tuple[int, str]:
    done = subprocess.run(command, capture_output=True, text=True, env=environment())
    return done.returncode, done.stdout + done.stderr


def check(out_dirs: list[Path], db: Path, expected_people: int, printed: list[str]) -> list[str]:
    problems = []
    try:
        data = json.loads(db.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        return [f"tracker unreadable: {error}"]
    people = list(data.get("people", {}).values())
    requests = list(data.get("requests", {}).values())
    identities = Counter(p.get("identity") for p in people)
    if len(people) != expected_people:
        problems.append(f"{len(people)} people in the tracker, expected {expected_people}")
    if any(count > 1 for count in identities.values()):
        problems.append(f"{sum(c > 1 for c in identities.values())} identities recorded twice")
    keys = Counter((r["person"], r["actor"], r["kind"], r["lang"]) for r in requests)
    if any(count > 1 for count in keys.values()):
        problems.append(f"{sum(c > 1 for c in keys.values())} requests recorded twice")
    letters = 0
    for out in out_dirs:
        folders = [p for p in out.iterdir() if p.is_dir()]
        letters += sum(1 for f in folders for p in f.iterdir() if p.name != MARKER_NAME)
        leftovers = [p for p in out.rglob(".*.tmp")] + [p for p in out.glob(".claim-*")]
        if leftovers:
            problems.append(f"{len(leftovers)} temporary files left in {out}")
        if any(not (f / MARKER_NAME).is_file() for f in folders):
            problems.append(f"a folder without its owner's marker in {out}")
    if letters != len(requests):
        problems.append(f"{letters} letters on disk, {len(requests)} requests in the tracker")
    for text in printed:
        found = re.search(r"(\d+) people, (\d+) letters", text)
        tracked = re.search(r"(\d+) requests in the tracker", text)
        if not found or not tracked:
            problems.append("a run printed no counts")
    if len(printed) == 1:
        found = re.search(r"(\d+) people, (\d+) letters", printed[0])
        tracked = re.search(r"(\d+) requests in the tracker", printed[0])
        if found and (int(found.group(1)), int(found.group(2)), int(tracked.group(1))) != \
                (len(people), letters, len(requests)):
            problems.append(f"printed {found.group(0)}, {tracked.group(0)}; stored {len(people)} people, {letters} "
                            f"letters, {len(requests)} requests")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--kills", type=int, default=30)
    parser.add_argument("--concurrent", type=int, default=4)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--concurrent-only", action="store_true", help="run only the concurrent phase")
    parser.add_argument("--no-timing", action="store_true",
                        help="skip the first, uninterrupted timing run (kills then land within --kill-within)")
    parser.add_argument("--kill-within", type=float, default=45.0,
                        help="kill each run at a random moment within this many seconds (default 45); each rerun "
                             "resumes, so the kills land all along the run")
    args = parser.parse_args()
    randomness = random.Random(args.seed)
    failures = []
    with tempfile.TemporaryDirectory(prefix="sar-soak-") as folder:
        work = Path(folder)
        source = work / "members.csv"
        expected = make_csv(source, args.people, "A")
        out, db = work / "out", work / "tracker.json"
        full_run = float("inf")
        if not args.no_timing:
            started = time.perf_counter()
            code, text = run_to_completion(bulk_command(source, work / "timing-out", work / "timing.json"))
            full_run = time.perf_counter() - started
            print(f"one full run: {args.people} people in {full_run:.1f} s (exit {code})")
        orphans: list[int] = []
        for kill in range(0 if args.concurrent_only else args.kills):
            kill_at_random(bulk_command(source, out, db),
                           randomness.uniform(0.5, max(1.0, min(args.kill_within, full_run * 0.9))), orphans)
            problems = []
            try:
                json.loads(db.read_text(encoding="utf-8")) if db.exists() else None
            except json.JSONDecodeError as error:
                problems.append(f"corrupt tracker after kill {kill + 1}: {error}")
            failures += problems
        if not args.concurrent_only:
            started = time.perf_counter()
            code, text = run_to_completion(bulk_command(source, out, db))
            print(f"the rerun after the last kill completed in {time.perf_counter() - started:.1f} s")
            problems = check([out], db, len(expected), [text])
            if orphans:
                problems.append(f"{len(orphans)} workers outlived their killed parent")
            print(f"after {args.kills} kills and a rerun: exit {code}; {text.strip().splitlines()[-3:]}")
            print("  checks:", "all passed" if not problems else problems)
            failures += problems

        shared_db = work / "shared.json"
        sources = []
        for n in range(args.concurrent):
            path = work / f"members-{n}.csv"
            sources.append((path, make_csv(path, args.people // args.concurrent, f"C{n}-")))
        started = time.perf_counter()
        processes = [subprocess.Popen(bulk_command(path, work / f"out-{n}", shared_db), stdout=subprocess.PIPE,
                                      stderr=subprocess.STDOUT, text=True, env=environment())
                     for n, (path, _expected) in enumerate(sources)]
        outputs = [process.communicate()[0] for process in processes]
        elapsed = time.perf_counter() - started
        expected_people = len(set().union(*(set(e) for _p, e in sources)))
        problems = check([work / f"out-{n}" for n in range(args.concurrent)], shared_db, expected_people, outputs)
        print(f"{args.concurrent} concurrent runs into one tracker: {elapsed:.1f} s, exits "
              f"{[p.returncode for p in processes]}")
        print("  checks:", "all passed" if not problems else problems)
        failures += problems
    print("SOAK PASSED" if not failures else f"SOAK FAILED: {failures}")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
