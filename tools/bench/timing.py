"""Timing a command as a contributor waits for it: a fresh process, wall-clock and CPU.

``best_s`` (the least disturbed wall time) is what the targets are judged on;
``median_s`` and ``cpu_s`` (user + system of the process and its children, steady
when other work shares the machine) are reported beside it.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tools.bench.common import ROOT, build_env

# One build in a fresh interpreter: load the config (hooks optional, and
# optionally another docs folder + nav, taken from a synthetic course) and build.
_BUILD_SNIPPET = """
import sys
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
config_file, site_dir, hooks, strict, course = sys.argv[1:6]
overrides = {} if hooks == "1" else {"hooks": []}
if course:
    text = open(course + "/mkdocs.yml", encoding="utf-8").read()
    overrides["nav"] = yaml.safe_load(text[text.index("nav:"):])["nav"]
    overrides["docs_dir"] = course + "/docs"
build(load_config(config_file, site_dir=site_dir, strict=strict == "1", **overrides))
"""


def timed(cmd: list[str], runs: int, cwd: Path = ROOT, env: dict[str, str] | None = None) -> dict:
    """Run ``cmd`` ``runs`` times in ``cwd``; wall-clock and CPU seconds, with the exit codes.

    ``env`` is the environment (default :func:`~tools.bench.common.build_env`).

    Returns ``{"best_s", "median_s", "cpu_s"}`` (seconds, rounded to the
    millisecond), ``"runs_s"`` (each run's wall time) and ``"exit_codes"``. A
    failing command is timed all the same: callers look at the exit codes.

    ``best_s`` is the least disturbed wall time (what the targets are judged on,
    as ``timeit`` does: other work on the machine only ever adds time); ``cpu_s``
    is the median user + system time of the process and everything it waited for
    (steady on a busy machine: the work itself).
    """
    env = env if env is not None else build_env()
    times, cpus, codes = [], [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        run = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        codes.append(run.returncode)
    return {
        "best_s": round(min(times), 3),
        "median_s": round(statistics.median(times), 3),
        "cpu_s": round(statistics.median(cpus), 3),
        "runs_s": [round(t, 3) for t in times],
        "exit_codes": codes,
    }


def merged(results: list[dict]) -> dict:
    """Single-run results of :func:`timed` for one command, combined into one."""
    times = [t for r in results for t in r["runs_s"]]
    cpus = [r["cpu_s"] for r in results]
    return {
        "best_s": round(min(times), 3),
        "median_s": round(statistics.median(times), 3),
        "cpu_s": round(statistics.median(cpus), 3),
        "runs_s": times,
        "cpu_runs_s": cpus,
        "exit_codes": [c for r in results for c in r["exit_codes"]],
    }


def timing_note(result: dict) -> str:
    """The note beside a timed target: "best of N; median ..., CPU ...; exit ..."."""
    return (
        f"best of {len(result['runs_s'])}; median {result['median_s']:.2f} s, "
        f"CPU {result['cpu_s']:.2f} s; exit {result['exit_codes'][0]}"
    )


def build_cmd(
    config: Path,
    site_dir: Path,
    *,
    hooks: bool = True,
    strict: bool = False,
    course: Path | None = None,
) -> list[str]:
    """Command that builds ``config`` into ``site_dir`` in a fresh interpreter.

    ``hooks=False`` builds without the ``hooks:`` entry, ``strict`` with
    ``--strict``; ``course`` (a folder from :func:`tools.synthetic.write_course`)
    takes its ``docs/`` and ``nav`` instead of the config's own. Run it with
    :func:`timed`.
    """
    return [
        sys.executable,
        "-c",
        _BUILD_SNIPPET,
        str(config),
        str(site_dir),
        "1" if hooks else "0",
        "1" if strict else "0",
        str(course or ""),
    ]
