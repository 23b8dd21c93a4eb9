"""How long rendering 1,000 letters takes per format, beside the bare cost of Jinja2 and fpdf2.

    python benchmarks/letters.py [N]

Bare Jinja2: one template of the same size rendered N times. Bare fpdf2: N one-page A4 PDFs of about 40 wrapped lines in
core Helvetica, the floor under sar's PDF writer. Nothing is written to disk (write_private's fsync is a separate cost).
"""

from __future__ import annotations

import sys
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
    timed("pdf writer (fpdf2, core Helvetica cp1252)", n, lambda i: pdf_bytes(post[i % 4], font=False))
    unicode_letter = render_letter("access", journey("fr", first_name="Łukasz"), findings[0], lang="fr", on=LETTER_DAY)
    timed("pdf writer (DejaVu TTF fallback, e.g. Łukasz)", max(1, n // 10), lambda i: pdf_bytes(unicode_letter))
    print("  (TTF run on n/10 letters; per-letter figure comparable)")

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


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
