"""A learning path naming an unknown lesson fails the strict build at file:line."""

from __future__ import annotations
import shutil
from pathlib import Path
import pytest
from conftest import ROOT, run_build
from course import Course, Lesson, load_course
from course.paths import PATHS_FILE, load_paths, parse_paths


def test_strict_build_fails_on_unknown_lesson_naming_file_and_line(tmp_path: Path):
    """The hook turns PATH problems into warnings, so ``mkdocs build --strict`` fails."""
    for name in ("docs", "hooks", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    data = tmp_path / PATHS_FILE
    lines = data.read_text(encoding="utf-8").split("\n")
    target = next(n for n, line in enumerate(lines) if line.strip() == "- service/help-not-battle")
    lines[target] = lines[target].replace("help-not-battle", "help-not-combat")
    data.write_text("\n".join(lines), encoding="utf-8")

    result = run_build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert not result.ok
    expected = f"{PATHS_FILE}:{target + 1}: PATH001"
    assert any(expected in w and "service/help-not-combat" in w for w in result.warnings), (
        result.warnings
    )
