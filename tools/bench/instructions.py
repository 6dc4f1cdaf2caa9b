"""The work of one build counted in machine instructions, with Valgrind's cachegrind.

Why (decision record 0019): on this 2-core VM the CPU time of the same build drifts
far more than the hooks' share of it. Four identical builds without hooks, run back
to back on 2026-12-01, took 2.53, 2.56, 2.57 and 3.33 s of user CPU, and one median of
7 paired CPU ratios read +5.8 %, +14.9 % and +19.7 % in three runs within four
minutes. The number of instructions a build executes does not depend on how fast
the machine runs them: the same build repeats within a few tenths of a per cent.
It is a count of work, not a time (a cache miss costs more than an add), so the
bench keeps the paired CPU ratios beside it.

What is counted: the build's own process (``cachegrind --trace-children=yes``) and
every program it runs (the ``git log`` calls of the revision-date plugin). The
plugin's forked Python workers are left out on both sides: a forked child's count
starts from its parent's count at the fork (Valgrind copies the counters with the
process), so adding it would count the parent's work again. What the workers do
themselves is wait for ``git``, the same with and without the hooks.

``cachegrind --cache-sim=no`` runs a build about 40 times slower (about 100 s for the
course): three builds, two at a time, take about 4 minutes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from tools.bench.common import ROOT

#: The Valgrind tool and options: instruction counts only (no cache simulation), and
#: every program the build starts, each in its own ``<pid>.out``.
VALGRIND = ("valgrind", "--tool=cachegrind", "--cache-sim=no", "--trace-children=yes")

_SUMMARY = re.compile(r"^summary:\s+(\d+)", re.MULTILINE)
_CMD = re.compile(r"^cmd:[ \t]*(.*)$", re.MULTILINE)


def valgrind() -> str | None:
    """The path of ``valgrind``, or None when it is not installed (Debian package
    ``valgrind``)."""
    return shutil.which("valgrind")


def read_counts(folder: Path, main_pid: int) -> tuple[int, int]:
    """The instructions in the cachegrind outputs of one run in ``folder``.

    Args:
        folder: Where cachegrind wrote one ``<pid>.out`` per process.
        main_pid: The pid of the process that was started (its file is the build's).

    Returns:
        ``(main, programs)``: the instructions of the build's own process, and those
        of every program it started with exec. Forked copies of the build (their
        ``cmd:`` line is the build's own) are left out (module docstring).

    Raises:
        ValueError: The build's own output is missing, or an output file has no
            ``summary:`` line (cachegrind stopped before writing it).
    """
    outputs: dict[str, tuple[str, int]] = {}
    for path in sorted(folder.glob("*.out")):
        text = path.read_text(encoding="utf-8", errors="replace")
        summary = _SUMMARY.search(text)
        if summary is None:
            raise ValueError(f"{path}: no `summary:` line; cachegrind did not finish")
        command = _CMD.search(text)
        outputs[path.stem] = (command.group(1) if command else "", int(summary.group(1)))
    if str(main_pid) not in outputs:
        raise ValueError(f"{folder}: no output of the build's own process ({main_pid}.out)")
    main_command, main = outputs.pop(str(main_pid))
    programs = sum(count for command, count in outputs.values() if command != main_command)
    return main, programs


def count_instructions(cmd: list[str], env: dict[str, str], cwd: Path = ROOT) -> dict:
    """Run ``cmd`` (a build, :func:`tools.bench.timing.build_cmd`) under cachegrind.

    Returns ``{"instructions", "main", "programs", "exit_code", "wall_s"}``
    (instructions as counts; ``wall_s`` in seconds, under Valgrind), or
    ``{"error", "exit_code"}`` when the outputs could not be read. Raises
    FileNotFoundError when ``valgrind`` is not installed (see :func:`valgrind`).
    """
    with tempfile.TemporaryDirectory(prefix="bench-cachegrind-") as folder:
        start = time.perf_counter()
        run = subprocess.Popen(
            [*VALGRIND, f"--cachegrind-out-file={folder}/%p.out", *cmd],
            cwd=cwd,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        code = run.wait()
        wall = time.perf_counter() - start
        try:
            main, programs = read_counts(Path(folder), run.pid)
        except ValueError as exc:
            return {"error": str(exc), "exit_code": code}
    return {
        "instructions": main + programs,
        "main": main,
        "programs": programs,
        "exit_code": code,
        "wall_s": round(wall, 1),
    }
