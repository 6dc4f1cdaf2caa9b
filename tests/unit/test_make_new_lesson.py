"""``make new-lesson`` passes any title through untouched (issue 13): ``$``, backticks,
quotes, backslashes and non-ASCII are never read by make or the shell, and the front
matter it writes is valid YAML holding exactly that title."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from course import front_matter

HOSTILE = 'Cost $5 `id` $(echo hi) "quoted" \\n back\\slash: café #1'


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_a_hostile_title_reaches_the_lesson_as_written(tmp_path: Path) -> None:
    for name in ("docs", "mkdocs.yml", "Makefile", "pyproject.toml"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, tmp_path / name)
    venv = Path(sys.executable).parent.parent  # the test's own environment, no install
    run = subprocess.run(
        [
            "make",
            "-s",
            "new-lesson",
            f"VENV={venv}",
            "STAMP=",
            "MODULE=service",
            f"TITLE={HOSTILE}",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    (lesson,) = [p for p in (tmp_path / "docs" / "service").glob("cost-*.md")]
    text = lesson.read_text(encoding="utf-8")
    meta, _ = front_matter(text)
    assert meta["title"] == HOSTILE
    block = text.split("---\n")[1]
    assert yaml.safe_load(block)["title"] == HOSTILE
    assert "uid=" not in text  # `id` was not run
