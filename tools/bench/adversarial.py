"""``course check`` on hostile files: each alone in a course, time and memory per file.

Issue 13's resource limit: no input makes ``course check`` use more than 200 MB or 5 s
for one file. Each case is a lesson built to stress one part of the pipeline (the size
and line caps, YAML aliases, deep nesting for markdown-it, many quizzes and tags); each
runs in a fresh process, measured alone (``os.wait4`` gives that child's own peak
resident memory and CPU seconds; ``RUSAGE_CHILDREN`` would report the largest child the
bench ever waited for, such as the 1000-lesson build, for every case).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from tools.bench.common import build_env, record

_ALIASES = "\n".join(
    ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
)

#: name -> the lesson's text (each just under or over a cap).
CASES = {
    "yaml-alias-bomb": f"---\ntitle: A bomb\n{_ALIASES}\n---\n\nText.\n",
    "largest-file": "---\ntitle: Large\n---\n\n" + ("Plain words in a line. " * 40 + "\n\n") * 270,
    "over-the-size-cap": "---\ntitle: Huge\n---\n\n" + ("x" * 999 + "\n") * 2000,
    "longest-lines": "---\ntitle: Long\n---\n\n" + ("word " * 399 + "\n\n") * 120,
    "nested-quotes": "---\ntitle: Nested\n---\n\n" + ">" * 5000 + " deep\n",
    "nested-lists": "---\ntitle: Lists\n---\n\n"
    + "".join("  " * i + "- item\n" for i in range(1500)),
    "brackets": "---\ntitle: Brackets\n---\n\n" + "[" * 20000 + "x" + "](y)" * 5000 + "\n",
    "emphasis": "---\ntitle: Stars\n---\n\n" + "*a " * 30000 + "\n",
    "many-quizzes": "---\ntitle: Quizzes\n---\n\n## Check your understanding\n\n"
    + "<quiz>\nQ?\n- [x] a\n> A.\n- [ ] b\n> B.\n</quiz>\n\n" * 2500,
    "unclosed-tags": "---\ntitle: Tags\n---\n\n" + "<quiz>\n<div>\n<span>\n" * 5000,
    "attribute-lists": "---\ntitle: Attrs\n---\n\n"
    + ("Text {: " + " ".join(f"k{i}=v" for i in range(40)) + " }\n\n") * 500,
}
#: The limits per file (issue 13).
MAX_MB, MAX_S = 200, 5.0


def _run_alone(cmd: list[str], cwd: Path, timeout: float):
    """Run ``cmd`` in ``cwd``; returns ``(exit code, stderr text, its resource usage)``.

    The usage is the child's own (``os.wait4``), not the bench's children's high-water
    mark. A run longer than ``timeout`` seconds is killed (exit -9)."""
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            cmd, cwd=cwd, env=build_env(), stdout=subprocess.DEVNULL, stderr=err
        )
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        return proc.returncode, err.read().decode("utf-8", "replace"), usage


def measure_adversarial(tmp: Path, measures: dict) -> dict:
    """Check each of :data:`CASES` alone; records ``check_worst_memory`` (MB) and
    ``check_worst_time`` (s) and returns ``{case: {"mb", "cpu_s", "wall_s", "exit"}}``."""
    out: dict = {}
    for name, text in CASES.items():
        course = tmp / "adversarial" / name
        (course / "docs" / "m").mkdir(parents=True, exist_ok=True)
        (course / "docs" / "m" / "index.md").write_text("---\ntitle: M\n---\n\nModule.\n")
        (course / "docs" / "m" / "case.md").write_text(text, encoding="utf-8")
        (course / "mkdocs.yml").write_text(
            "site_name: A\nnav:\n  - M:\n      - m/index.md\n      - m/case.md\n"
        )
        started = time.monotonic()
        code, stderr, usage = _run_alone(
            [sys.executable, "-m", "course", "check", "--jobs", "1"], course, timeout=120
        )
        wall = time.monotonic() - started
        out[name] = {
            "mb": round(usage.ru_maxrss / 1024, 1),  # Linux: KB, of this child alone
            "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
            "wall_s": round(wall, 2),
            "exit": code,
            "traceback": "Traceback" in stderr,
        }
    worst_mb = max(r["mb"] for r in out.values())
    worst_s = max(r["wall_s"] for r in out.values())
    crashed = [n for n, r in out.items() if r["traceback"] or r["exit"] not in (0, 1)]
    note = f"{len(CASES)} hostile files, one course each; " + (
        f"crashed: {', '.join(crashed)}" if crashed else "no traceback, every exit 0 or 1"
    )
    record(measures, "check_worst_memory", None if crashed else worst_mb, note)
    slowest = max(out, key=lambda n: out[n]["wall_s"])
    record(measures, "check_worst_time", None if crashed else worst_s, f"slowest: {slowest}")
    return out
