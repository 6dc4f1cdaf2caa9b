"""Build time the project hooks add: builds of ``mkdocs.yml`` with and without ``hooks:``.

Alternating pairs, so drifting load on the machine hits both sides alike; the
overhead is the median of the pairs' CPU ratios (decision record 0009).
"""

from __future__ import annotations

import statistics
from pathlib import Path

from tools.bench.common import ROOT, record
from tools.bench.timing import build_cmd, merged, timed

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
    }
