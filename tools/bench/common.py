"""What every measurement shares: paths, tool versions, the targets and ``record``."""

from __future__ import annotations

import os
import platform
import subprocess
from pathlib import Path

from course.offline import PRECACHE_BUDGET
from tools.chromium import FLAGS

#: The repository (this file is tools/bench/common.py).
ROOT = Path(__file__).resolve().parents[2]
#: Default folder for results.json / results.md / validation.md.
OUT = ROOT / "tools" / "bench" / "results"
#: Lighthouse's npm install and raw reports (gitignored).
NODE_DIR = ROOT / ".bench" / "node"
#: Where the timed builds keep compiled Python, as `make` does (the Makefile's
#: PYTHONPYCACHEPREFIX): a contributor's second build does not compile the hooks again.
PYCACHE = str(ROOT / ".cache" / "pycache")


def build_env(**extra: str | None) -> dict[str, str]:
    """The environment of a timed build or check: this one, without Material's banner,
    with compiled Python kept in :data:`PYCACHE` as `make` keeps it (a
    PYTHONDONTWRITEBYTECODE set on the machine is dropped, as the Makefile drops it),
    and with ``COURSE_NO_CACHE=1``: every page is checked, none is taken from the
    results of an earlier check (:mod:`course.rules.memo`), so a figure does not depend
    on what ran before it. ``extra`` sets more variables; a value of None removes one
    (``COURSE_NO_CACHE=None`` for a build that reuses earlier page results)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONPYCACHEPREFIX=PYCACHE, COURSE_NO_CACHE="1")
    for key, value in extra.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


LIGHTHOUSE = "lighthouse@12.2.3"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
#: Chromium flags for Playwright (shared with the tests).
BROWSER_FLAGS = FLAGS

KB = 1024
MB = 1024 * KB

# id: (label, target value, unit); a value meets its target when value <= target.
TARGETS = {
    "lesson_html_gzip": ("A lesson's HTML, gzip", 12 * KB, "bytes"),
    "first_visit": ("First visit to a lesson, all bytes moved", 130 * KB, "bytes"),
    "further_lesson": ("Each further lesson (shared assets cached)", 15 * KB, "bytes"),
    "foreign_requests": ("Requests to other origins (all pages, browser)", 0, "count"),
    "foreign_references": ("References to other origins in built HTML/CSS", 0, "count"),
    "check_course": ("`make check` on the course", 1.0, "s"),
    "check_course_again": ("`make check` on the course again, no page changed", 1.0, "s"),
    "check_1000": ("`make check` on 1000 lessons", 3.0, "s"),
    "strict_build": ("Strict build of the course", 5.0, "s"),
    "hook_overhead": ("Build work added by the project hooks, every page checked", 0.10, "ratio"),
    "hook_overhead_again": (
        "Build work added by the project hooks, a build after `make check`",
        0.10,
        "ratio",
    ),
    "check_worst_memory": ("`course check`, peak memory on the worst hostile file", 200, "MB"),
    "check_worst_time": ("`course check`, time on the worst hostile file", 5.0, "s"),
    "team_200_reports": ("Team progress: 200 report files loaded and drawn", 2.0, "s"),
    "team_flood": ("Team progress: 300,000 `{}` pasted, read to the end", 5.0, "s"),
    "team_read_task": ("Team progress: longest main-thread task reading 300,000 `{}`", 0.2, "s"),
    "team_longest_task": ("Team progress: longest main-thread task, drawing included", 0.5, "s"),
    "team_unknown_csv": ("Team progress: CSV of 195 reports x 40 unknown lessons", MB, "bytes"),
    # Issue 18, item 8 (tools/bench/offline.py).
    "precache_size": ("Offline copy: files the service worker keeps", PRECACHE_BUDGET, "bytes"),
    "precache_download": ("Offline copy: bytes moved in the background", MB, "bytes"),
}


def record(measures: dict, key: str, value, note: str = "") -> None:
    """Store one measured value under ``measures[key]`` with its target and whether it
    is met (``met``: True/False, None when ``value`` is None, i.e. not measured).

    ``key`` is one of :data:`TARGETS` (KeyError otherwise); ``value`` is in the
    target's unit (bytes, count, seconds or a ratio such as 0.088 for +8.8 %).
    """
    label, target, unit = TARGETS[key]
    met = None if value is None else value <= target
    measures[key] = {
        "label": label,
        "value": value,
        "target": target,
        "unit": unit,
        "met": met,
        "note": note,
    }


def machine() -> dict:
    """Cores, memory (GiB), OS, tool versions and the load average now, plus a
    one-line ``note``; a missing tool's version reads ``"not installed"``."""

    def version(cmd: list[str]) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            return "not installed"

    memory = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) * 1024
    except OSError:
        pass
    info = {
        "load_average_at_start": [round(x, 1) for x in os.getloadavg()],
        "cores": os.cpu_count(),
        "memory_gib": round(memory / 2**30),
        "os": platform.platform(),
        "python": platform.python_version(),
        "node": version(["node", "--version"]),
        "chromium": version([CHROME, "--version"]),
        "lighthouse": LIGHTHOUSE.split("@")[1],
    }
    info["note"] = (
        f"{info['cores']} cores, {info['memory_gib']} GiB RAM, {info['os']}; "
        f"Python {info['python']}, Node {info['node']}, {info['chromium']}, "
        f"Lighthouse {info['lighthouse']}"
    )
    return info
