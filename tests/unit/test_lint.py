"""The Python code stays ruff-clean (the same check as `make lint` and pre-commit)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_ruff_reports_nothing() -> None:
    command = [sys.executable, "-m", "ruff", "check", "--output-format", "concise"]
    run = subprocess.run(
        [*command, "src", "hooks", "tools", "tests"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
