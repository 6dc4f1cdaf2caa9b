"""Measure the lesson validation: ``make check`` speed and the hooks' build overhead.

Usage::

    python -m tools.bench.validation [--rounds N] [--lessons N] [--build-lessons N] [--out DIR]

Writes ``validation.md`` into ``--out`` (default ``tools/bench/results/``) and prints
it. Measures, as wall-clock time of a fresh process (interpreter start included,
like ``make check``) and as CPU time (user + system of the process and its
workers, which depends less on other load):

1. ``course check`` on the real course (target: <= 1 s);
2. ``course check`` on a synthetic course of 1000 lessons from
   :func:`tools.synthetic.write_course` (target: <= 3 s);
3. ``mkdocs build`` of the real course with the real ``mkdocs.yml``, without the
   ``hooks/lesson_checks.py`` entry, and without the whole ``hooks:`` entry;
   and of a synthetic course with and without its ``hooks:`` entry
   (target: the hooks add <= 10 %).

Runs alternate between variants and the median of ``--rounds`` is reported, so
that a burst of load from other processes does not land on one variant only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

from tools.bench.common import OUT, ROOT, build_env
from tools.synthetic import write_course


def _load(path: Path):
    """A hook module loaded from its file, as MkDocs does."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PYTHON = Path(sys.executable)
ENV = build_env()


def timed(cmd: list[str], cwd: Path) -> tuple[float, float, int]:
    """Run ``cmd``; return (wall seconds, CPU seconds of it and its children, exit status)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.returncode


def config_variants(folder: Path) -> dict[str, Path]:
    """The real mkdocs.yml made path-independent, in three variants (see module docstring)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = f"docs_dir: {ROOT / 'docs'}\n" + text
    text = re.sub(
        r"(?m)^(\s*custom_dir:\s*)(\S+)", lambda m: m.group(1) + str(ROOT / m.group(2)), text
    )
    text = re.sub(
        r"(?m)^(\s*-\s*)(hooks/\S+\.py)", lambda m: m.group(1) + str(ROOT / m.group(2)), text
    )
    without_lesson = re.sub(r"(?m)^\s*-\s*\S*hooks/lesson_checks\.py\s*\n", "", text)
    without_hooks = re.sub(r"(?m)^hooks:\n(?:(?:[ \t]+.*|[ \t]*#.*)?\n)*?(?=\S)", "", text)
    entry = re.compile(r"(?m)^\s*-\s*\S*hooks/\S+\.py")
    assert "lesson_checks.py" not in without_lesson and not entry.search(without_hooks)
    out = {}
    for name, body in (
        ("with hooks", text),
        ("without lesson_checks", without_lesson),
        ("without hooks:", without_hooks),
    ):
        path = folder / (name.replace(" ", "-").replace(":", "") + ".yml")
        path.write_text(body, encoding="utf-8")
        out[name] = path
    return out


def hook_work(config_file: Path, runs: int = 5) -> float:
    """Least CPU seconds of the lesson-checks hook's own work for one build (in-process).

    Loads the config with MkDocs' API and times ``lesson_checks._check`` (what the
    hook runs per build) with ``time.process_time``: a figure that other load on the
    machine hardly changes, unlike build wall times. Every page is checked afresh
    (``COURSE_NO_CACHE=1`` while it runs): no result of an earlier check is reused.
    """
    lesson_checks = _load(ROOT / "hooks" / "lesson_checks.py")
    from mkdocs.config import load_config

    config = load_config(str(config_file))
    config.plugins.on_config(config)
    best = float("inf")
    with mock.patch.dict(os.environ, COURSE_NO_CACHE="1"):
        for _ in range(runs):
            start = time.process_time()
            lesson_checks._check(config)
            best = min(best, time.process_time() - start)
    return best


def median(values: list[float]) -> float:
    """The median of ``values``, NaN for none."""
    return statistics.median(values) if values else float("nan")


def main(argv: list[str] | None = None) -> int:
    """Run the measurements (see the module docstring), write validation.md; returns 0.

    Raises AssertionError when the synthetic course does not pass ``make check``.
    """
    parser = argparse.ArgumentParser(
        prog="python -m tools.bench.validation", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--lessons", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=OUT, help="folder for validation.md")
    parser.add_argument(
        "--build-lessons",
        type=int,
        default=100,
        help="lessons in the synthetic course used for build overhead",
    )
    args = parser.parse_args(argv)
    load_before = os.getloadavg()
    started = time.perf_counter()
    results: dict[str, dict[str, list[float]]] = {}

    def record(name: str, wall: float, cpu: float) -> None:
        entry = results.setdefault(name, {"wall": [], "cpu": []})
        entry["wall"].append(wall)
        entry["cpu"].append(cpu)

    with tempfile.TemporaryDirectory(prefix="bench-validation-") as tmp:
        tmp_path = Path(tmp)
        big = write_course(tmp_path / "synthetic-1000", args.lessons)
        small_with = write_course(tmp_path / "synthetic-build", args.build_lessons)
        small_without = write_course(
            tmp_path / "synthetic-build-nohooks", args.build_lessons, hooks=False
        )
        check = [str(PYTHON), "-m", "course", "check"]
        for _ in range(args.rounds):
            wall, cpu, status = timed(check, ROOT)
            record("check: real course", wall, cpu)
            real_status = status
            wall, cpu, status = timed(check + [str(big)], big.parent)
            record(f"check: {args.lessons} synthetic lessons", wall, cpu)
            assert status == 0, "the synthetic course must pass make check"
        work = {
            "real course": hook_work(ROOT / "mkdocs.yml"),
            f"{args.build_lessons} synthetic lessons": hook_work(small_with),
        }
        variants = config_variants(tmp_path)
        build_rounds = max(3, args.rounds // 2 + 1)
        for _ in range(build_rounds):
            for name, config in variants.items():
                site = tmp_path / "site"
                wall, cpu, _ = timed(
                    [
                        str(PYTHON),
                        "-m",
                        "mkdocs",
                        "build",
                        "-q",
                        "-f",
                        str(config),
                        "-d",
                        str(site),
                    ],
                    ROOT,
                )
                record(f"build: real course, {name}", wall, cpu)
            for name, config in (("with hooks", small_with), ("without hooks:", small_without)):
                wall, cpu, _ = timed(
                    [
                        str(PYTHON),
                        "-m",
                        "mkdocs",
                        "build",
                        "-q",
                        "-f",
                        str(config),
                        "-d",
                        str(tmp_path / "site2"),
                    ],
                    config.parent,
                )
                record(f"build: {args.build_lessons} synthetic lessons, {name}", wall, cpu)

    def row(name: str) -> str:
        r = results[name]
        return (
            f"| {name} | {median(r['wall']):.2f} s | {min(r['wall']):.2f} s "
            f"| {median(r['cpu']):.2f} s | {len(r['wall'])} |"
        )

    def overhead(a: str, b: str, key: str) -> str:
        x, y = median(results[a][key]), median(results[b][key])
        return f"{(x / y - 1) * 100:+.1f} %"

    cpu_model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    real = "build: real course, "
    syn = f"build: {args.build_lessons} synthetic lessons, "
    lines = [
        "# Lesson validation: speed",
        "",
        "Written by `python -m tools.bench.validation` "
        f"({dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC).",
        "",
        f"- Machine: {os.cpu_count()} cores ({cpu_model}), Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}.",
        f"- Load average when the run started: {load_before[0]:.1f} (1 min), "
        f"{load_before[1]:.1f} (5 min); at the end: {os.getloadavg()[0]:.1f} (1 min), after "
        f"{time.perf_counter() - started:.0f} s. Other engineers were building and testing "
        "(browser tests, builds) on the same "
        "machine, so wall times are noisy: the CPU column (user + system of the process and its "
        "workers) is the steadier figure.",
        f"- `make check` on the real course exits {real_status} (0: no problems).",
        "",
        "| Measurement | median wall | best wall | median CPU | runs |",
        "|---|---|---|---|---|",
        *[row(name) for name in results],
        "",
        "## Against the targets",
        "",
        f"- `make check`, real course: median {median(results['check: real course']['wall']):.2f} s"
        f" wall, best {min(results['check: real course']['wall']):.2f} s, "
        f"{median(results['check: real course']['cpu']):.2f} s CPU in one process "
        "(target <= 1 s; on an idle machine wall time is about the CPU time).",
        f"- `make check`, {args.lessons} lessons: median "
        f"{median(results[f'check: {args.lessons} synthetic lessons']['wall']):.2f} s wall, best "
        f"{min(results[f'check: {args.lessons} synthetic lessons']['wall']):.2f} s, "
        f"{median(results[f'check: {args.lessons} synthetic lessons']['cpu']):.2f} s CPU "
        f"spread over {os.cpu_count()} worker processes "
        "(target <= 3 s; on an idle machine wall time is about CPU / workers plus start-up).",
        f"- Real course build, lesson checks hook vs without it: "
        f"{overhead(real + 'with hooks', real + 'without lesson_checks', 'wall')} wall, "
        f"{overhead(real + 'with hooks', real + 'without lesson_checks', 'cpu')} CPU.",
        f"- Real course build, all project hooks vs no `hooks:` entry: "
        f"{overhead(real + 'with hooks', real + 'without hooks:', 'wall')} wall, "
        f"{overhead(real + 'with hooks', real + 'without hooks:', 'cpu')} CPU "
        "(this includes hooks that add content, such as lesson lists and course.json).",
        f"- Synthetic {args.build_lessons}-lesson build (hooks: lesson_checks + course_pages) vs "
        f"no `hooks:` entry: {overhead(syn + 'with hooks', syn + 'without hooks:', 'wall')} wall, "
        f"{overhead(syn + 'with hooks', syn + 'without hooks:', 'cpu')} CPU (target <= +10 %).",
        "",
        "## The hook's own work, measured directly",
        "",
        "Build-to-build differences above are within the noise of a shared machine, so the "
        "lesson-checks hook's work per build is also timed on its own (least CPU of 5 runs, "
        "in-process, MkDocs and the checks already imported, as in a build):",
        "",
        *[
            f"- {name}: {seconds:.3f} s CPU = {seconds / median(results[key]['cpu']) * 100:.1f} % "
            "of the build's median CPU"
            for (name, seconds), key in zip(
                work.items(),
                (real + "without lesson_checks", syn + "without hooks:"),
                strict=True,
            )
        ],
        "",
        "This work runs in the build process, before MkDocs renders; a build after "
        "`make check` or an earlier build reuses the results of unchanged pages "
        "(decision 0018), which these figures leave out.",
        "",
        "Wall time includes starting Python and importing MkDocs/Material, as a contributor "
        "experiences it.",
        "",
    ]
    report = "\n".join(lines)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "validation.md").write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
