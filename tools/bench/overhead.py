"""Build time the project hooks add: builds of ``mkdocs.yml`` with and without ``hooks:``.

Alternating pairs, so drifting load on the machine hits both sides alike; the
overhead is the median of the pairs' CPU ratios (decision record 0009). Beside it, one
more build says where the hooks' time goes (:func:`hook_breakdown`).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

from tools.bench.common import ROOT, build_env, record
from tools.bench.timing import build_cmd, merged, timed

# One build with every hook event timed (CPU seconds of this process), the forked
# lesson checks' CPU (the child's, collected in lesson_checks' on_post_build), and the
# import of the hooks and the course package (a second load_config with hooks, less a
# third: the same configuration work without the imports). Prints JSON.
_BREAKDOWN_SNIPPET = """
import json, resource, sys, time
from collections import Counter
from mkdocs.commands.build import build
from mkdocs.config import load_config
config_file, site_dir = sys.argv[1:3]
load_config(config_file, hooks=[])
t0 = time.process_time()
load_config(config_file)
t1 = time.process_time()
config = load_config(config_file, site_dir=site_dir)
t2 = time.process_time()
events, forked = Counter(), Counter()
for event, methods in config.plugins.events.items():
    for i, method in enumerate(methods):
        name = getattr(method, "__module__", "") or ""
        if not name.startswith("hooks/"):
            continue
        def timed(*args, _method=method, _name=name, _event=event, **kwargs):
            cpu = time.process_time()
            child = resource.getrusage(resource.RUSAGE_CHILDREN)
            try:
                return _method(*args, **kwargs)
            finally:
                events[f"{_name} {_event}"] += time.process_time() - cpu
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                waited = after.ru_utime + after.ru_stime - child.ru_utime - child.ru_stime
                if _name.endswith("lesson_checks.py") and _event == "post_build":
                    forked[_name] += waited
        methods[i] = timed
build(config)
print(json.dumps({"imports_s": max(0.0, (t1 - t0) - (t2 - t1)), "events": events,
                  "forked": forked}))
"""


def hook_breakdown(tmp: Path) -> dict:
    """Where the hooks' build time goes, from one build of ``mkdocs.yml`` into ``tmp``.

    Returns ``{"hooks": {"hooks/x.py": CPU s}, "events": {"hooks/x.py on_event": s},
    "forked_checks_s", "imports_s", "total_s"}`` (the forked lesson checks run in a child
    process, on the second core, and count in the build's CPU time), or ``{"error"}``
    when the build failed. Not the overhead itself: the hooks also change what MkDocs
    and the plugins do (the search index holds fewer pages, quiz assets are no longer
    inlined per page), which only the paired builds measure.
    """
    env = build_env()
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
    for key, seconds in data["events"].items():
        hook = key.split(" ", 1)[0]
        hooks[hook] = hooks.get(hook, 0.0) + seconds
    forked = sum(data["forked"].values())
    ordered = dict(sorted(((k, round(v, 3)) for k, v in hooks.items()), key=lambda kv: -kv[1]))
    return {
        "hooks": ordered,
        "events": {
            k: round(v, 3) for k, v in sorted(data["events"].items(), key=lambda kv: -kv[1])
        },
        "forked_checks_s": round(forked, 3),
        "imports_s": round(data["imports_s"], 3),
        "total_s": round(sum(hooks.values()) + forked + data["imports_s"], 3),
    }


HOOK_PAIRS = 7  # builds with and without hooks, alternating


def measure_hook_overhead(tmp: Path, runs: int, measures: dict) -> dict:
    """``max(runs, HOOK_PAIRS)`` pairs of builds (into ``tmp/with`` and ``tmp/without``).

    Records ``hook_overhead`` (median CPU ratio - 1, e.g. 0.088 for +8.8 %; None
    when a build failed: an early stop is fast and would make the comparison
    meaningless) and returns both sides' merged timings with the ratios.
    """
    pairs = [
        (
            timed(build_cmd(ROOT / "mkdocs.yml", tmp / "with"), 1),
            timed(build_cmd(ROOT / "mkdocs.yml", tmp / "without", hooks=False), 1),
        )
        for _ in range(max(runs, HOOK_PAIRS))
    ]
    with_hooks = merged([w for w, _ in pairs])
    without = merged([wo for _, wo in pairs])
    failed = [
        name
        for name, result in (("with", with_hooks), ("without", without))
        if any(result["exit_codes"])
    ]
    if failed:
        record(
            measures,
            "hook_overhead",
            None,
            f"not measured: the build {' and '.join(failed)} `hooks:` failed "
            f"(exit codes {with_hooks['exit_codes']} / {without['exit_codes']})",
        )
        return {"with_hooks": with_hooks, "without_hooks": without}
    overhead = statistics.median(w["cpu_s"] / wo["cpu_s"] - 1 for w, wo in pairs)
    record(
        measures,
        "hook_overhead",
        round(overhead, 3),
        f"median of {len(pairs)} paired builds; CPU {with_hooks['cpu_s']:.2f} s with, "
        f"{without['cpu_s']:.2f} s without `hooks:` (best wall {with_hooks['best_s']:.2f}"
        f" / {without['best_s']:.2f} s)",
    )
    return {
        "with_hooks": with_hooks,
        "without_hooks": without,
        "ratio_cpu": round(overhead, 3),
        "ratio_best_wall": round(with_hooks["best_s"] / without["best_s"] - 1, 3),
        "added_cpu_s": round(statistics.median(w["cpu_s"] - wo["cpu_s"] for w, wo in pairs), 3),
        "breakdown": hook_breakdown(tmp / "breakdown"),
    }
