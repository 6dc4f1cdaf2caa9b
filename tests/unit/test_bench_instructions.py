"""The bench's instruction counts (tools/bench/instructions.py): which cachegrind
outputs make up a build's count, and a real run under Valgrind."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tools.bench.instructions import count_instructions, read_counts, valgrind

PYTHON = "/opt/my venv/bin/python"  # a space: the command is read whole


def _output(folder: Path, pid: int, command: str, instructions: int | None) -> None:
    lines = ["# cachegrind output", f"cmd: {command} -c 'build'", "events: Ir", "fl=x.c"]
    if instructions is not None:
        lines.append(f"summary: {instructions}")
    (folder / f"{pid}.out").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_the_build_and_the_programs_it_runs_count_its_forks_do_not(tmp_path: Path) -> None:
    _output(tmp_path, 100, PYTHON, 9_000)
    _output(tmp_path, 101, PYTHON, 4_000)  # a fork: holds the build's 4,000 before it
    _output(tmp_path, 102, "/usr/bin/git", 300)
    _output(tmp_path, 103, "/usr/bin/git", 200)
    assert read_counts(tmp_path, 100) == (9_000, 500)


def test_an_output_without_its_summary_is_an_error_not_a_zero(tmp_path: Path) -> None:
    _output(tmp_path, 100, PYTHON, 9_000)
    _output(tmp_path, 102, "/usr/bin/git", None)
    with pytest.raises(ValueError, match=r"102\.out: no `summary:` line"):
        read_counts(tmp_path, 100)


def test_a_run_without_the_builds_own_output_is_an_error(tmp_path: Path) -> None:
    _output(tmp_path, 102, "/usr/bin/git", 300)
    with pytest.raises(ValueError, match=r"no output of the build's own process \(100\.out\)"):
        read_counts(tmp_path, 100)


# A process that forks a child which only exits, then runs a program: the fork adds
# nothing to the count, the program does.
_FORK_THEN_RUN = """
import os, subprocess, sys
pid = os.fork()
if pid == 0:
    os._exit(0)
os.waitpid(pid, 0)
if sys.argv[1] == "run":
    subprocess.run(["/bin/true"], check=True)
"""


def test_a_real_count_under_valgrind_leaves_the_fork_out_and_counts_the_program(
    tmp_path: Path,
) -> None:
    if valgrind() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("valgrind is not installed; .ci/run installs the Debian package")
        pytest.skip("valgrind is not installed (apt-get install valgrind); the bench needs it")
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    without = count_instructions([sys.executable, "-c", _FORK_THEN_RUN, "skip"], env, tmp_path)
    with_program = count_instructions([sys.executable, "-c", _FORK_THEN_RUN, "run"], env, tmp_path)
    assert without["exit_code"] == with_program["exit_code"] == 0
    assert without["programs"] == 0  # the fork is not counted
    assert with_program["programs"] > 0  # /bin/true is
    assert with_program["instructions"] == with_program["main"] + with_program["programs"]
    # The interpreter's own work: tens of millions of instructions, the same either way
    # up to what starting one more program costs it.
    assert without["main"] > 10_000_000
    assert abs(with_program["main"] - without["main"]) < 0.5 * without["main"]
