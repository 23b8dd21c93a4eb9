"""How long until the chat's first question is on screen (issue 14: "the first question still appears in under a
second"), measured from outside: the time from spawning a fresh Python process to the moment that process sees the
first question's bubble mounted in the chat, headless (Textual's test driver instead of a terminal; the app, its
imports, the catalogs and the first screen are the same).

    python benchmarks/startup.py [--runs 7]

Prints each run and the median. The bare cost of a fresh Python that imports Textual and shows one Static is printed
beside it, as the floor no change to sar can go below.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

SAR_CHILD = r"""
import asyncio, sys
from sar.tui.app import SarApp
from sar.tui.widgets.bubble import Bubble

async def main():
    app = SarApp(lang="fr")
    async with app.run_test(size=(80, 24)) as pilot:
        while len(app.screen.query(Bubble)) < 2:  # the welcome, then the first question
            await asyncio.sleep(0.005)
        print("ready", flush=True)

asyncio.run(main())
"""

BARE_CHILD = r"""
import asyncio
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("Dans quelle langue vos lettres doivent-elles être écrites ?")

async def main():
    app = Bare()
    async with app.run_test(size=(80, 24)) as pilot:
        while not app.query(Static):
            await asyncio.sleep(0.005)
        print("ready", flush=True)

asyncio.run(main())
"""


def one_run(code: str) -> float:
    env = {**os.environ, "SAR_DATA_DIR": tempfile.mkdtemp(prefix="sar-startup-")}
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env)
    line = process.stdout.readline()
    elapsed = time.perf_counter() - start
    process.wait(timeout=30)
    if line.strip() != "ready":
        raise SystemExit(f"the child did not report the first question: {line!r}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    one_run(SAR_CHILD)  # warm the file cache (.pyc, catalogs) as a second start would find it
    sar = [one_run(SAR_CHILD) for _ in range(args.runs)]
    bare = [one_run(BARE_CHILD) for _ in range(args.runs)]
    print("sar, first question on screen: " + ", ".join(f"{t:.2f}" for t in sar) + f" s; median {statistics.median(sar):.2f} s")
    print("bare Textual app, one Static: " + ", ".join(f"{t:.2f}" for t in bare) + f" s; median {statistics.median(bare):.2f} s")
    print(f"ratio sar / bare: {statistics.median(sar) / statistics.median(bare):.2f}")


if __name__ == "__main__":
    main()
