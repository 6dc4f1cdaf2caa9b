"""The command line of ``python -m tools.bench`` (see :mod:`tools.bench`)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from tools.bench.builds import PARTS, measure_builds
from tools.bench.common import CHROME, OUT, machine
from tools.bench.lighthouse import measure_lighthouse
from tools.bench.offline import measure_offline
from tools.bench.privacy import measure_privacy
from tools.bench.report import all_targets_met, markdown
from tools.bench.site import Site
from tools.bench.team import measure_team
from tools.bench.weight import measure_weight

#: The sections ``--only`` takes by default, in the order they run.
SECTIONS = ("weight", "offline", "privacy", "team", "lighthouse", "builds")


def main(argv: list[str] | None = None) -> int:
    """Run the measurements and write results.{json,md}; returns the exit status.

    ``argv`` (default ``sys.argv[1:]``): ``--only`` a comma list of
    :data:`SECTIONS` and of the parts of "builds" (``check``, ``strict``,
    ``overhead``, ``scaling``); ``--runs`` runs per timed build; ``--out`` the
    folder for the results (default tools/bench/results). Returns 0 when every
    measured target is met, 1 otherwise, 2 without Chromium; an unknown section
    exits 2 through argparse.
    """
    parser = argparse.ArgumentParser(
        prog="python -m tools.bench",
        description="Speed, size, privacy and Lighthouse figures against the targets.",
    )
    parser.add_argument(
        "--only",
        default=",".join(SECTIONS),
        help="comma list of "
        + ", ".join(SECTIONS)
        + " (or the parts of builds: "
        + ", ".join(PARTS)
        + ")",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per timed build (median)")
    parser.add_argument("--out", type=Path, default=OUT, help="folder for results.json/.md")
    args = parser.parse_args(argv)
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    unknown = only - set(SECTIONS) - set(PARTS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    parts = set(PARTS) if "builds" in only else only & set(PARTS)
    if not Path(CHROME).exists():
        print(f"bench: no Chromium at {CHROME} (apt-get install chromium)", file=sys.stderr)
        return 2

    started = time.monotonic()
    results: dict = {"date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")}
    results["machine"] = machine()
    results["measures"] = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp_path = Path(tmp)
        site = Site(tmp_path / "site")
        try:
            site.build()
            results["site"] = {
                "url": site.url,
                "strict_build_ok": site.strict_ok,
                "build_messages": site.messages[-20:],
            }
            if "weight" in only:
                results["weight"] = measure_weight(site, results["measures"])
            if "offline" in only:
                results["offline"] = measure_offline(site, results["measures"])
            if "privacy" in only:
                results["privacy"] = measure_privacy(site, results["measures"])
            if "team" in only:
                results["team"] = measure_team(site, results["measures"], args.runs)
            if "lighthouse" in only:
                results["lighthouse"] = measure_lighthouse(site, tmp_path)
            if parts:
                results["builds"] = measure_builds(tmp_path, args.runs, results["measures"], parts)
        finally:
            site.close()
    results["bench_seconds"] = round(time.monotonic() - started, 1)
    results["machine"]["load_average_at_end"] = [round(x, 1) for x in os.getloadavg()]
    ok = all_targets_met(results)
    results["all_targets_met"] = ok
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (args.out / "results.md").write_text(markdown(results), encoding="utf-8")
    print(markdown(results))
    print(
        f"bench: wrote {args.out / 'results.json'} and results.md in {results['bench_seconds']} s"
    )
    return 0 if ok else 1
