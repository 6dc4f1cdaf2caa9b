"""The shape of the code: the domain never imports MkDocs, every rule has a check, one
source per fact.

- ``src/course`` imports nothing from ``mkdocs`` (read from the source with ``ast``), and
  ``course check`` runs in a process where importing ``mkdocs`` fails.
- Every rule of the table has exactly one registered check, and every check reports
  only rules of the table.
- ``docs/assets/js/lib/anatomy.js`` is what ``course anatomy --write`` writes.
- No file of the repository edits ``sys.path``.
"""

from __future__ import annotations

import ast
import subprocess
import sys

from conftest import ROOT

from course.anatomy import to_js_module
from course.rules import CHECKS, RULES

SRC = ROOT / "src" / "course"


def _imports(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_domain_never_imports_mkdocs() -> None:
    files = sorted(SRC.rglob("*.py"))
    assert len(files) > 10
    offenders = {
        path.relative_to(ROOT).as_posix(): sorted(
            n for n in _imports(path) if n == "mkdocs" or n.startswith("mkdocs.")
        )
        for path in files
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_import_scan_sees_an_mkdocs_import(tmp_path) -> None:
    sample = tmp_path / "x.py"
    sample.write_text("from mkdocs.plugins import get_plugin_logger\nimport yaml\n")
    assert "mkdocs.plugins" in _imports(sample)


BLOCK_MKDOCS = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "mkdocs" or name.startswith("mkdocs."):
            raise ImportError(f"{name} is blocked for this test")
        return None
sys.meta_path.insert(0, Block())
for name in [n for n in sys.modules if n == "mkdocs" or n.startswith("mkdocs.")]:
    del sys.modules[name]
from course.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_course_check_runs_where_mkdocs_cannot_be_imported() -> None:
    run = subprocess.run(
        [sys.executable, "-c", BLOCK_MKDOCS, "check", "mkdocs.yml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "16 lessons" in run.stdout or "lessons) follow the lesson rules" in run.stdout
    blocked = subprocess.run(
        [
            sys.executable,
            "-c",
            BLOCK_MKDOCS.replace(
                "from course.cli import main", "import mkdocs.config\nfrom course.cli import main"
            ),
            "check",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert blocked.returncode != 0 and "blocked for this test" in blocked.stderr


def test_every_rule_has_exactly_one_check() -> None:
    registered = [rule_id for found in CHECKS for rule_id in found.ids]
    assert sorted(registered) == sorted(set(registered)), "a rule id has two checks"
    assert set(registered) == set(RULES), (
        f"rules without a check: {sorted(set(RULES) - set(registered))}; "
        f"checks for unknown rules: {sorted(set(registered) - set(RULES))}"
    )


def test_anatomy_js_is_generated_from_the_anatomy() -> None:
    path = ROOT / "docs" / "assets" / "js" / "lib" / "anatomy.js"
    assert path.read_text(encoding="utf-8") == to_js_module(), (
        "docs/assets/js/lib/anatomy.js is out of date: run `course anatomy --write`"
    )


def test_no_file_edits_sys_path() -> None:
    offenders = []
    for folder in ("src", "hooks", "scripts", "tools", "tests"):
        for path in sorted((ROOT / folder).rglob("*.py")) if (ROOT / folder).is_dir() else []:
            text = path.read_text(encoding="utf-8")
            if "sys.path." + "insert" in text or "sys.path." + "append" in text:
                offenders.append(path.relative_to(ROOT).as_posix())
    assert offenders == []


def test_test_file_names_are_unique_across_the_layers():
    """pytest imports tests/<layer>/test_x.py as the module ``test_x`` (no packages), so
    two layers with the same file name stop the whole run at collection."""
    from collections import Counter

    names = Counter(p.name for p in (ROOT / "tests").glob("*/test_*.py"))
    assert [name for name, count in names.items() if count > 1] == []
