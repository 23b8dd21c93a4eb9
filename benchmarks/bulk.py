"""How fast `sar bulk` writes letters, against the bare cost of the libraries it stands on.

    python benchmarks/bulk.py                      # 1,000 people, text then PDF, 1 and 2 jobs, + bare baselines
    python benchmarks/bulk.py --people 10000 --formats txt --jobs 2     # the memory check at 10,000 people
    python benchmarks/bulk.py --people 200 --formats pdf

People are generated deterministically with varied care journeys (about 6 letters each). For each run it prints the
wall time, letters per second, peak memory (parent, and the largest worker), and the ratio to the bare cost:
- bare Jinja2: the same number of letters rendered from a template of the same size with plain variables, each written to
  its own file with open()/write(): the floor under any templated letter writer;
- bare fpdf2: the same number of PDFs laying out the same paragraphs with multi_cell in core Helvetica, each written to
  its own file: the floor under any fpdf2 letter writer (sar's PDFs also embed their font, Noto Sans: that is in the
  ratio too).
Both baselines run in one process; the bulk runs use --jobs processes.
"""

from __future__ import annotations

import argparse
import csv
import resource
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import jinja2  # noqa: E402
from fpdf import FPDF  # noqa: E402

from sar.bulk import BulkJob, run_bulk  # noqa: E402
from sar.i18n import set_language  # noqa: E402

DAY = date(2026, 11, 23)
COLUMNS = ["first_name", "last_name", "birth_date", "address", "postcode", "city", "lang", "doctor", "doctor_name",
           "doctor_address", "booking", "lab", "pharmacy", "mutuelle", "tiers_payant", "devices", "ald"]
FIRST = ["Camille", "Élodie", "Zoë", "Jean-Noël", "Maëlle", "François", "Anaïs", "Loïc", "Hélène", "Bérénice"]
LAST = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau"]
LABS = ["cerballiance", "biogroup", "eurofins", "none", "none"]
MUTUELLES = ["mgen", "harmonie-mutuelle", "alan", "none", "Mutuelle des Cheminots"]


def make_csv(path: Path, people: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(COLUMNS)
        for n in range(people):
            doctor = n % 3 != 0
            writer.writerow([
                FIRST[n % 10], f"{LAST[(n // 10) % 10]}-{n}", f"{1940 + n % 60}-{1 + n % 12:02d}-{1 + n % 28:02d}",
                f"{1 + n % 120} rue de la République", f"{69001 + n % 9}", "Lyon", "fr" if n % 4 else "en",
                "oui" if doctor else "non", f"Dr Jeanne Dupont {n % 50}" if doctor else "",
                "3 place Bellecour, 69002 Lyon" if doctor else "", "doctolib" if n % 2 else "", LABS[n % 5],
                "oui" if n % 3 else "non", MUTUELLES[n % 5], "oui" if n % 2 else "non",
                "withings" if n % 7 == 0 else "", "oui" if n % 11 == 0 else "non",
            ])


def peak_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest child, in MB (Linux reports kB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def bulk_run(csv_path: Path, formats: tuple[str, ...], jobs: int) -> tuple[float, int]:
    out = Path(tempfile.mkdtemp(prefix="sar-bench-"))
    try:
        start = time.perf_counter()
        report = run_bulk(csv_path, BulkJob(out, formats, None, DAY), jobs=jobs)
        return time.perf_counter() - start, report.progress.letters
    finally:
        shutil.rmtree(out, ignore_errors=True)


def sample_letter():
    from sar.inference import infer
    from sar.journey import load_answers
    from sar.letters import render_letter

    journey = load_answers(Path(__file__).resolve().parent.parent / "examples" / "answers.toml")
    finding = next(f for f in infer(journey) if f.actor.id == "doctolib")
    return render_letter(finding.letter, journey, finding, lang="fr", on=DAY)


def bare_jinja(letters: int) -> float:
    """Render `letters` letters from a same-size template with plain variables and write each to a file."""
    letter = sample_letter()
    body = "\n\n".join(letter.body).replace("{", "(").replace("}", ")")
    template = jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(
        "{{ name }}\n{{ address }}\n{{ postcode }} {{ city }}\n\n{{ recipient }}\n\n{{ place }}, le {{ day }}\n\n"
        "Objet : {{ subject }}\n\n" + body + "\n\n{{ name }}\n")
    out = Path(tempfile.mkdtemp(prefix="sar-bare-"))
    try:
        start = time.perf_counter()
        for n in range(letters):
            text = template.render(name=f"Camille Martin {n}", address="12 rue des Lilas", postcode="69003",
                                   city="Lyon", recipient="Doctolib SAS", place="Lyon", day="23 novembre 2026",
                                   subject=letter.subject)
            (out / f"{n}.txt").write_text(text, encoding="utf-8")
        return time.perf_counter() - start
    finally:
        shutil.rmtree(out, ignore_errors=True)


def bare_fpdf(letters: int) -> float:
    """Lay out the same paragraphs with fpdf2 (core Helvetica, cp1252) and write each PDF to a file."""
    letter = sample_letter()
    paragraphs = [p.replace("\u202f", "\u00a0") for p in (letter.salutation, *letter.body, letter.closing)]
    out = Path(tempfile.mkdtemp(prefix="sar-bare-"))
    try:
        start = time.perf_counter()
        for n in range(letters):
            pdf = FPDF(format="A4")
            pdf.core_fonts_encoding = "windows-1252"
            pdf.add_page()
            pdf.set_font("helvetica", size=10.5)
            pdf.multi_cell(80, 5, "\n".join(letter.sender))
            pdf.multi_cell(80, 5, "\n".join(letter.recipient))
            for paragraph in paragraphs:
                pdf.multi_cell(0, 5, paragraph, align="J", new_x="LMARGIN", new_y="NEXT")
            (out / f"{n}.pdf").write_bytes(pdf.output())
        return time.perf_counter() - start
    finally:
        shutil.rmtree(out, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--formats", default="txt,pdf", help="comma-separated; each format is measured on its own")
    parser.add_argument("--jobs", default="1,2", help="comma-separated job counts to measure")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare baselines")
    args = parser.parse_args()
    set_language("en")
    folder = Path(tempfile.mkdtemp(prefix="sar-bench-csv-"))
    csv_path = folder / "members.csv"
    make_csv(csv_path, args.people)
    print(f"{args.people} people; {date.today()}; python {sys.version.split()[0]}")
    try:
        for fmt in args.formats.split(","):
            timings = {}
            for jobs in (int(j) for j in args.jobs.split(",")):
                seconds, letters = bulk_run(csv_path, (fmt,), jobs)
                timings[jobs] = seconds
                own, child = peak_mb()
                print(f"  sar bulk --format {fmt} --jobs {jobs}: {letters} letters in {seconds:.2f} s "
                      f"({letters / seconds:.0f} letters/s); peak memory {own:.0f} MB parent, {child:.0f} MB largest worker")
            if len(timings) > 1 and 1 in timings:
                best = max(timings)
                print(f"  speed-up from 1 to {best} jobs: {timings[1] / timings[best]:.2f}x")
            if not args.no_bare:
                bare = bare_jinja(letters) if fmt in ("txt", "eml") else bare_fpdf(letters)
                name = "bare Jinja2 render+write" if fmt in ("txt", "eml") else "bare fpdf2 layout+write"
                print(f"  {name} ({letters} letters, 1 process): {bare:.2f} s")
                for jobs, seconds in timings.items():
                    print(f"  ratio sar bulk --jobs {jobs} / bare: {seconds / bare:.2f}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
