"""Build and check timings: ``make check`` on the course, a strict build of the course,
and the whole "builds" section (with :mod:`.overhead` and :mod:`.scaling`)."""

from __future__ import annotations

import sys
from pathlib import Path

from tools.bench.adversarial import measure_adversarial
from tools.bench.common import build_env, record
from tools.bench.overhead import measure_hook_overhead
from tools.bench.scaling import measure_scaling
from tools.bench.timing import timed, timing_note

#: The parts of the "builds" section, in the order they run (``--only`` takes each).
PARTS = ("check", "strict", "overhead", "scaling", "adversarial")


def measure_check(tmp: Path, runs: int, measures: dict) -> tuple[dict, dict]:
    """``course check`` on the course, ``max(runs, 5)`` times with every page checked,
    then as often again with the page results of an earlier check to reuse (a private
    cache folder, filled by one check first). Records ``check_course`` and
    ``check_course_again`` (best wall seconds) and returns both
    :func:`~tools.bench.timing.timed` results."""
    check = [sys.executable, "-m", "course", "check"]
    result = timed(check, max(runs, 5))
    record(measures, "check_course", result["best_s"], timing_note(result))
    again_env = build_env(COURSE_NO_CACHE=None, COURSE_CACHE_DIR=str(tmp / "check-cache"))
    timed(check, 1, env=again_env)
    again = timed(check, max(runs, 5), env=again_env)
    record(measures, "check_course_again", again["best_s"], timing_note(again))
    return result, again


def measure_strict_build(tmp: Path, runs: int, measures: dict) -> dict:
    """``mkdocs build --strict`` of the course into ``tmp/strict``, ``runs`` times;
    records ``strict_build`` (best wall seconds) and returns the timed result."""
    strict = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp / "strict")]
    result = timed(strict, runs)
    record(
        measures,
        "strict_build",
        result["best_s"],
        "mkdocs build --strict, whole process; " + timing_note(result),
    )
    return result


def measure_builds(
    tmp: Path, runs: int, measures: dict, parts: frozenset[str] | set[str] = frozenset(PARTS)
) -> dict:
    """The "builds" section: the chosen ``parts`` of :data:`PARTS`, in that order.

    Returns ``{"check_course", "check_course_again", "strict_build", "hook_overhead", "check_1000",
    "scaling", "adversarial"}`` (each present when its part ran) and records their targets in
    ``measures``. ``tmp`` is a scratch folder for the builds.
    """
    out: dict = {}
    if "check" in parts:
        out["check_course"], out["check_course_again"] = measure_check(tmp, runs, measures)
    if "strict" in parts:
        out["strict_build"] = measure_strict_build(tmp, runs, measures)
    if "overhead" in parts:
        out["hook_overhead"] = measure_hook_overhead(tmp, runs, measures)
    if "scaling" in parts:
        scaling, check_1000 = measure_scaling(tmp, runs, measures)
        out["check_1000"] = check_1000
        out["scaling"] = scaling
    if "adversarial" in parts:
        out["adversarial"] = measure_adversarial(tmp, measures)
    return out
