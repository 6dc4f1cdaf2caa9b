"""Build time by course size (20, 200, 1000 synthetic lessons through our own
``mkdocs.yml``: theme, plugins, every hook) and ``make check`` on 1000 lessons."""

from __future__ import annotations

import sys
from pathlib import Path

from tools.bench.common import ROOT, record
from tools.bench.timing import build_cmd, timed, timing_note
from tools.synthetic import write_course

SIZES = (20, 200, 1000)


def measure_scaling(tmp: Path, runs: int, measures: dict) -> tuple[dict, dict]:
    """Build our site over synthetic courses of 20, 200 and 1000 lessons (in ``tmp``).

    The small builds run ``runs`` times (median CPU: one disturbed 3-second build
    moved the linearity figure from 1.03 to 1.52 between two runs), the 1000-lesson
    build once. Records ``check_1000`` (best wall seconds of ``runs`` checks) and
    returns ``(scaling, check_1000)``: per size the timed build and CPU ms per
    lesson, the marginal CPU ms per lesson from 20 to 200 and from 200 to 1000, and
    ``linearity`` (the second over the first; 1.0 is linear, None if not computable).
    """
    builds = {}
    check_1000: dict = {}
    for count in SIZES:
        folder = tmp / f"synthetic-{count}"
        config = write_course(folder, count, repo=ROOT)
        repeat = runs if count < 1000 else 1
        build = timed(build_cmd(ROOT / "mkdocs.yml", folder / "site", course=folder), repeat)
        builds[count] = {
            "build": build,
            "cpu_ms_per_lesson": round(build["cpu_s"] / count * 1000, 1),
        }
        if count == 1000:
            check_1000 = timed([sys.executable, "-m", "course", "check", str(config)], runs)
            record(measures, "check_1000", check_1000["best_s"], timing_note(check_1000))
    c20, c200, c1000 = (builds[n]["build"]["cpu_s"] for n in SIZES)
    slope_low = (c200 - c20) / 180
    slope_high = (c1000 - c200) / 800
    scaling = {
        "builds": builds,
        "marginal_cpu_ms_per_lesson_20_200": round(slope_low * 1000, 1),
        "marginal_cpu_ms_per_lesson_200_1000": round(slope_high * 1000, 1),
        "linearity": round(slope_high / slope_low, 2) if slope_low > 0 else None,
        "note": "linearity = marginal CPU time per lesson from 200 to 1000 lessons / from "
        "20 to 200 (1.0 is perfectly linear)",
    }
    return scaling, check_1000
