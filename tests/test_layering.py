"""The layering, enforced: the core imports no UI toolkit and no PDF library (issue 18; docs/design.md "Proposed modules")."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

SAR = Path(__file__).resolve().parent.parent / "sar"
CORE = ["sar.interview", "sar.journey", "sar.directory", "sar.inference", "sar.deadlines", "sar.letters", "sar.requests",
        "sar.storage", "sar.identity", "sar.bulk", "sar.requests.followups", "sar.output.files", "sar.bilingual", "sar.migrations",
        "sar.requests.summary", "sar.finished_journeys", "sar.added_organisations"]


def loaded_after_importing(modules: list[str]) -> set[str]:
    code = ("import sys, json\n" + "".join(f"import {m}\n" for m in modules) +
            "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(done.stdout))


def test_importing_the_core_loads_neither_textual_nor_fpdf():
    loaded = loaded_after_importing(CORE)
    assert not loaded & {"textual", "fpdf", "rich"}, loaded & {"textual", "fpdf", "rich"}


def test_the_core_makes_no_network_import():
    assert "httpx" not in loaded_after_importing([m for m in CORE])


# The one deliberate exception: `sar tui` (sar/cli/tui.py) starts the Textual shell, importing it lazily when it runs.
@pytest.mark.parametrize("path", sorted(p for p in SAR.rglob("*.py") if "tui" not in p.parts and p.name != "tui.py"),
                         ids=lambda p: str(p.relative_to(SAR)))
def test_no_module_outside_the_tui_imports_textual(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
            [node.module or ""] if isinstance(node, ast.ImportFrom) else []
        assert not any(name.split(".")[0] == "textual" or name.startswith("sar.tui") for name in names), \
            f"{path.name} imports {names}"
