"""Build time the project hooks add: builds of ``mkdocs.yml`` with and without ``hooks:``.

Two cases, because the lesson checks reuse the page results of an earlier check
(:mod:`course.rules.memo`):

- *every page checked* (``COURSE_NO_CACHE=1``): a first build, as on a fresh CI runner;
- *again*: a build after ``make check`` or an earlier build, no page changed (a
  private cache folder, filled by one build before the timed ones).

Each case is judged on the instructions its build executes against the build without
hooks (:mod:`tools.bench.instructions`, Valgrind's cachegrind; decision record 0019):
the same build repeats within 0.1 %, where its CPU time on this VM moved by 30 %.
Beside it, as before (decision record 0009), alternating triples (with hooks and every
page checked, without hooks, with hooks again), so drifting load hits all three alike:
the median of the CPU ratios to the build without hooks of each triple; it is the
judged figure when Valgrind is not installed. One more build of each case says where
the hooks' time goes (:func:`hook_breakdown`).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tools.bench.common import ROOT, build_env, record
from tools.bench.instructions import count_instructions, valgrind
from tools.bench.timing import build_cmd, merged, timed

# One build with every hook event timed (CPU seconds of this process) and the import
# of the hooks and the course package (a second load_config with hooks, less a third:
# the same configuration work without the imports). Prints JSON.
_BREAKDOWN_SNIPPET = """
import json, resource, sys, time
from collections import Counter
from mkdocs.commands.build import build
from mkdocs.config import load_config
config_file, site_dir = sys.argv[1:3]
ta = time.process_time()
load_config(config_file, hooks=[])
t0 = time.process_time()
load_config(config_file)
t1 = time.process_time()
config = load_config(config_file, site_dir=site_dir)
t2 = time.process_time()
def cpu():
    own = resource.getrusage(resource.RUSAGE_SELF)
    waited = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + waited.ru_utime + waited.ru_stime
events = Counter()
for event, methods in config.plugins.events.items():
    for i, method in enumerate(methods):
        name = getattr(method, "__module__", "") or ""
        if not name.startswith("hooks/"):
            continue
        def timed(*args, _method=method, _name=name, _event=event, **kwargs):
            cpu = time.process_time()
            try:
                return _method(*args, **kwargs)
            finally:
                events[f"{_name} {_event}"] += time.process_time() - cpu
        methods[i] = timed
build(config)
# The whole process, as the paired builds count it, less the two extra load_configs.
print(json.dumps({"imports_s": max(0.0, (t1 - t0) - (t2 - t1)), "events": events,
                  "build_cpu_s": cpu() - (t1 - ta)}))
"""


def hook_breakdown(tmp: Path, env: dict[str, str]) -> dict:
    """Where the hooks' build time goes, from one build of ``mkdocs.yml`` into ``tmp``
    in the environment ``env``.

    Returns ``{"hooks": {"hooks/x.py": CPU s}, "events": {"hooks/x.py on_event": s},
    "imports_s", "total_s", "build_cpu_s", "share"}`` (the lesson checks are
    ``lesson_checks.py``'s ``pre_build``; ``build_cpu_s`` is the CPU of the whole build
    process as the paired builds count it, the git processes it waits for included, less
    the two extra configuration loads; ``share`` is the hooks' events and imports over
    the rest of that process, e.g. 0.12: a ratio inside one process, which the machine's
    drifting speed changes far less than it changes one build against another), or
    ``{"error"}`` when the build failed. Not the overhead itself: the hooks also change
    what MkDocs and the plugins do (the search index holds fewer pages, quiz assets are
    no longer inlined per page), which only the paired builds measure.
    """
    run = subprocess.run(
        [sys.executable, "-c", _BREAKDOWN_SNIPPET, str(ROOT / "mkdocs.yml"), str(tmp)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    try:
        data = json.loads(run.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        return {"error": f"exit {run.returncode}: {run.stderr.strip()[-300:]}"}
    hooks: dict[str, float] = {}
    events = sum(data["events"].values()) + data["imports_s"]
    for key, seconds in data["events"].items():
        hook = key.split(" ", 1)[0]
        hooks[hook] = hooks.get(hook, 0.0) + seconds
    ordered = dict(sorted(((k, round(v, 3)) for k, v in hooks.items()), key=lambda kv: -kv[1]))
    return {
        "hooks": ordered,
        "events": {
            k: round(v, 3) for k, v in sorted(data["events"].items(), key=lambda kv: -kv[1])
        },
        "imports_s": round(data["imports_s"], 3),
        "total_s": round(sum(hooks.values()) + data["imports_s"], 3),
        "build_cpu_s": round(data["build_cpu_s"], 3),
        "share": round(events / max(data["build_cpu_s"] - events, 1e-9), 3),
    }


HOOK_PAIRS = 7  # triples of builds: with hooks (every page checked), without, with again

#: The two cases, by measure key: every page checked, and again (no page changed).
CASES = ("hook_overhead", "hook_overhead_again")


def instruction_counts(tmp: Path, envs: dict[str, dict[str, str]]) -> dict:
    """The instructions of one build without hooks and one of each case (``envs``: case
    -> environment), two at a time (:func:`tools.bench.instructions.count_instructions`).

    Returns ``{"without_hooks": counts, case: counts, ...}``, or ``{"error"}`` when
    Valgrind is not installed.
    """
    if valgrind() is None:
        return {"error": "valgrind is not installed (Debian package valgrind)"}
    jobs = {"without_hooks": (False, build_env())} | {key: (True, env) for key, env in envs.items()}
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {
            key: pool.submit(
                count_instructions,
                build_cmd(ROOT / "mkdocs.yml", tmp / f"instructions-{key}", hooks=hooks),
                env,
            )
            for key, (hooks, env) in jobs.items()
        }
        return {key: future.result() for key, future in futures.items()}


def measure_hook_overhead(tmp: Path, runs: int, measures: dict) -> dict:
    """The hooks' overhead in both cases, builds into folders under ``tmp``.

    ``max(runs, HOOK_PAIRS)`` triples of timed builds, then one build of each kind under
    cachegrind (:func:`instruction_counts`). Records ``hook_overhead`` (every page
    checked) and ``hook_overhead_again`` (no page changed since the cache was filled) as
    a ratio - 1, e.g. 0.066 for +6.6 %: the instructions' ratio, or, without Valgrind,
    the median CPU ratio of the triples; None when a build failed (an early stop is
    fast and would make the comparison meaningless). Returns each side's merged
    timings, the instruction counts, both ratios and a breakdown of each case.
    """
    cache = tmp / "page-cache"
    envs = {
        "hook_overhead": build_env(),
        "hook_overhead_again": build_env(COURSE_NO_CACHE=None, COURSE_CACHE_DIR=str(cache)),
    }
    without_env = build_env()
    warm_up = timed(build_cmd(ROOT / "mkdocs.yml", tmp / "again"), 1, env=envs[CASES[1]])
    triples = [
        (
            timed(build_cmd(ROOT / "mkdocs.yml", tmp / "with"), 1, env=envs[CASES[0]]),
            timed(build_cmd(ROOT / "mkdocs.yml", tmp / "without", hooks=False), 1, env=without_env),
            timed(build_cmd(ROOT / "mkdocs.yml", tmp / "again"), 1, env=envs[CASES[1]]),
        )
        for _ in range(max(runs, HOOK_PAIRS))
    ]
    counts = instruction_counts(tmp, envs)
    sides = {
        "hook_overhead": merged([first for first, _, _ in triples]),
        "without_hooks": merged([without for _, without, _ in triples]),
        "hook_overhead_again": merged([again for _, _, again in triples]),
    }
    out: dict = {"without_hooks": sides["without_hooks"], "warm_up": warm_up}
    if "error" in counts:
        out["instructions_error"] = counts["error"]
    for index, key in ((0, CASES[0]), (2, CASES[1])):
        with_hooks, without = sides[key], sides["without_hooks"]
        failed = [
            name
            for name, result in (("with", with_hooks), ("without", without))
            if any(result["exit_codes"])
        ] + (["warm-up"] if index == 2 and any(warm_up["exit_codes"]) else [])
        pair = {"with": counts.get(key, {}), "without": counts.get("without_hooks", {})}
        failed += [
            f"{name} (under cachegrind: {side.get('error') or 'exit ' + str(side['exit_code'])})"
            for name, side in pair.items()
            if side.get("exit_code") or "error" in side
        ]
        if failed:
            record(
                measures,
                key,
                None,
                f"not measured: the build {' and '.join(failed)} `hooks:` failed "
                f"(exit codes {with_hooks['exit_codes']} / {without['exit_codes']})",
            )
            out[key] = {"with_hooks": with_hooks}
            continue
        ratios = [t[index]["cpu_s"] / t[1]["cpu_s"] - 1 for t in triples]
        overhead_cpu = statistics.median(ratios)
        cpu_note = (
            f"median CPU ratio of {len(triples)} paired builds {overhead_cpu * 100:+.1f} % "
            f"({min(ratios) * 100:+.0f} to {max(ratios) * 100:+.0f} %; CPU "
            f"{with_hooks['cpu_s']:.2f} s with, {without['cpu_s']:.2f} s without, best wall "
            f"{with_hooks['best_s']:.2f} / {without['best_s']:.2f} s)"
        )
        if "error" in counts:
            value = overhead_cpu
            note = f"{cpu_note}; not counted in instructions: {counts['error']}"
        else:
            value = counts[key]["instructions"] / counts["without_hooks"]["instructions"] - 1
            note = (
                f"instructions {counts[key]['instructions'] / 1e9:.2f} G with, "
                f"{counts['without_hooks']['instructions'] / 1e9:.2f} G without `hooks:` "
                f"(cachegrind); {cpu_note}"
            )
        record(measures, key, round(value, 3), note)
        out[key] = {
            "with_hooks": with_hooks,
            "ratio_instructions": None if "error" in counts else round(value, 4),
            "instructions": counts.get(key),
            "ratio_cpu": round(overhead_cpu, 3),
            "ratios": [round(r, 3) for r in ratios],
            "ratio_best_wall": round(with_hooks["best_s"] / without["best_s"] - 1, 3),
            "added_cpu_s": round(
                statistics.median(t[index]["cpu_s"] - t[1]["cpu_s"] for t in triples), 3
            ),
            "breakdown": hook_breakdown(tmp / f"breakdown-{key}", envs[key]),
        }
    out["instructions_without_hooks"] = counts.get("without_hooks")
    return out
