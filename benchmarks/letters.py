"""How long rendering 1,000 letters takes per format, beside the bare cost of Jinja2 and fpdf2 and beside a peer.

    python benchmarks/letters.py [N]

Bare Jinja2: one template of the same size rendered N times. Bare fpdf2: N one-page A4 PDFs of about 40 wrapped lines in
core Helvetica, the floor under sar's PDF writer. Nothing is written to disk (write_private's fsync is a separate cost).

PDF: sar's letters embed Noto Sans (a subset); the core-font line (Helvetica, nothing embedded, what sar wrote before)
is there for comparison. The peer is datarequests.org's letter generator (npm `letter-generator` 2.2.1: pdfmake,
Roboto embedded): when `node` and `npm` are on the PATH it is installed into a temporary folder and times the same
French letters (benchmarks/peer_letters.js); without them that line is skipped with a message.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import jinja2  # noqa: E402
from fpdf import FPDF  # noqa: E402

from letter_fixtures import LETTER_DAY, finding, journey  # noqa: E402
from sar.letters import render_letter  # noqa: E402
from sar.output import eml_bytes, pdf_bytes, text_bytes  # noqa: E402


def timed(label: str, n: int, work) -> float:
    """Seconds for `n` calls of work(i), after one warm-up call per letter kind (per-process caches filled)."""
    for i in range(4):
        work(i)
    start = time.perf_counter()
    for i in range(n):
        work(i)
    elapsed = time.perf_counter() - start
    print(f"{label:<44} {elapsed:7.2f} s   {1000 * elapsed / n:6.2f} ms/letter")
    return elapsed


def main(n: int = 1000) -> None:
    kinds = ("access", "access-medical-record", "access-insurer", "access-vendor")
    j = journey("fr")
    findings = [finding(kind) for kind in kinds]
    post = [render_letter(k, j, f, lang="fr", on=LETTER_DAY) for k, f in zip(kinds, findings)]
    email = [render_letter(k, j, f, lang="fr", on=LETTER_DAY, channel="email") for k, f in zip(kinds, findings)]
    body = "\n\n".join(post[0].body)

    print(f"{n} letters (French, the four access kinds in turn); {date.today()}")
    timed("render_letter (Jinja2 + Babel dates)", n, lambda i: render_letter(
        kinds[i % 4], j, findings[i % 4], lang="fr", on=LETTER_DAY))
    timed("text writer", n, lambda i: text_bytes(post[i % 4]))
    timed("eml writer (stdlib email)", n, lambda i: eml_bytes(email[i % 4]))
    unicode_letter = render_letter("access", journey("fr", first_name="Łukasz", last_name="Nguyễn"), findings[0],
                                   lang="fr", on=LETTER_DAY)
    compare_pdf_writers(post, unicode_letter, n)

    template = jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(
        "{{ name }}\n" + body.replace("{", "(").replace("}", ")"))
    timed("bare Jinja2 (same-size template)", n, lambda i: template.render(name="Élodie"))

    def bare_fpdf(i):
        pdf = FPDF(format="A4")
        pdf.core_fonts_encoding = "windows-1252"
        pdf.add_page()
        pdf.set_font("helvetica", size=10.5)
        for paragraph in post[0].body[:8]:
            pdf.multi_cell(0, 4.9, paragraph.replace("\u2013", "-"), new_x="LMARGIN", new_y="NEXT")
        pdf.output()

    timed("bare fpdf2 (one page, core font)", n, bare_fpdf)


ROUNDS = 3  # the PDF writers and the peer take turns, so a busy machine slows them alike


def compare_pdf_writers(post, unicode_letter, n: int) -> None:
    """sar's PDF writer with the embedded font, with the core font, and the peer, on `n` letters each, in rounds."""
    start = time.perf_counter()
    pdf_bytes(post[0])
    print(f"{'pdf writer: first letter of the process':<44} {time.perf_counter() - start:7.2f} s   "
          "(reads Noto Sans, makes its subsets: once per process)")
    writers = {
        "pdf writer, embedded Noto Sans": lambda i: pdf_bytes(post[i % 4]),
        "pdf writer, embedded Noto Sans, Łukasz Nguyễn": lambda i: pdf_bytes(unicode_letter),
        "pdf writer, core Helvetica (nothing embedded)": lambda i: pdf_bytes(post[i % 4], core_font=True),
    }
    for work in writers.values():
        for i in range(4):
            work(i)  # warm-up: one letter of each kind
    seconds = dict.fromkeys(writers, 0.0)
    peer = Peer(post)
    peer_seconds: float | None = 0.0 if peer.ready else None
    sizes = [n // ROUNDS + (1 if r < n % ROUNDS else 0) for r in range(ROUNDS)]
    for size in sizes:
        for label, work in writers.items():
            start = time.perf_counter()
            for i in range(size):
                work(i)
            seconds[label] += time.perf_counter() - start
        if peer_seconds is not None:
            took = peer.run(size)
            peer_seconds = None if took is None else peer_seconds + took
    peer.close()
    for label, elapsed in seconds.items():
        print(f"{label:<44} {elapsed:7.2f} s   {1000 * elapsed / n:6.2f} ms/letter")
    embedded, core = seconds["pdf writer, embedded Noto Sans"], seconds["pdf writer, core Helvetica (nothing embedded)"]
    print(f"  embedded font / core font: {embedded / core:.2f}x")
    if peer_seconds is not None:
        print(f"{'peer: letter-generator 2.2.1 (pdfmake, Roboto)':<44} {peer_seconds:7.2f} s   "
              f"{1000 * peer_seconds / n:6.2f} ms/letter")
        print(f"  sar (embedded font) is {peer_seconds / embedded:.1f}x faster than the peer")


class Peer:
    """datarequests.org's letter generator, installed with npm into a temporary folder (or a message why not)."""

    def __init__(self, letters) -> None:
        self.ready = False
        self.node, npm = shutil.which("node"), shutil.which("npm")
        self.folder = tempfile.TemporaryDirectory(prefix="sar-peer-")
        if not (self.node and npm):
            print("peer: skipped (node and npm are needed to install and run letter-generator 2.2.1)")
            return
        install = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--silent", "letter-generator@2.2.1"],
                                 cwd=self.folder.name, capture_output=True, text=True)
        if install.returncode != 0:
            print(f"peer: skipped (npm install letter-generator@2.2.1 failed: {install.stderr.strip()[:300]})")
            return
        shutil.copy(Path(__file__).with_name("peer_letters.js"), self.folder.name)
        texts = [dict(sender=list(letter.sender), recipient=list(letter.recipient),
                      information=[letter.place_date, letter.channel_line], subject=letter.subject_label + letter.subject,
                      content="\n\n".join([letter.salutation, *letter.body, letter.closing]),
                      name="\n".join(letter.signature)) for letter in letters]
        (Path(self.folder.name) / "letters.json").write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        self.ready = True

    def run(self, n: int) -> float | None:
        """Seconds the peer takes for `n` letters (measured inside node, after a warm-up letter), or None."""
        run = subprocess.run([self.node, "peer_letters.js", "letters.json", str(n)], cwd=self.folder.name,
                             capture_output=True, text=True)
        if run.returncode != 0:
            print(f"peer: skipped (it failed: {run.stderr.strip()[:300]})")
            return None
        return json.loads(run.stdout.strip().splitlines()[-1])["seconds"]

    def close(self) -> None:
        self.folder.cleanup()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
