"""Lighthouse 12.2.3 with the mobile defaults on four page types (home, a lesson, the
assignment builder, an assignment view), three runs each, the median run reported.

Lighthouse runs through ``npx`` from ``.bench/node`` (gitignored; installed with
``npm i -E lighthouse@12.2.3`` on first use) against Debian's Chromium
(``CHROME_PATH``, default /usr/bin/chromium).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from tools.bench.common import CHROME, LIGHTHOUSE, NODE_DIR, ROOT
from tools.bench.site import BUILDER, Site, sample_assignment

LIGHTHOUSE_RUNS = 3  # per page; the median run is reported
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def lighthouse_installed() -> bool:
    """True when Lighthouse is installed in .bench/node."""
    return (NODE_DIR / "node_modules" / ".bin" / "lighthouse").exists()


def install_lighthouse() -> None:
    """``npm i -E lighthouse@12.2.3`` into .bench/node (gitignored)."""
    if lighthouse_installed():
        return
    if shutil.which("npm") is None:
        raise RuntimeError(
            "npm not found: install Node.js 18+ (Debian: apt-get install nodejs npm)"
        )
    NODE_DIR.mkdir(parents=True, exist_ok=True)
    package = NODE_DIR / "package.json"
    if not package.exists():
        package.write_text('{"name": "bench-tools", "private": true}\n', encoding="utf-8")
    print(f"bench: installing {LIGHTHOUSE} into {NODE_DIR.relative_to(ROOT)} ...", flush=True)
    subprocess.run(
        ["npm", "i", "-E", "--no-audit", "--no-fund", LIGHTHOUSE],
        cwd=NODE_DIR,
        check=True,
        capture_output=True,
        text=True,
    )


def run_lighthouse(url: str, output: Path) -> dict:
    """One Lighthouse run of ``url`` with the mobile defaults (simulated Slow 4G,
    4x CPU slowdown, Moto G Power screen), four categories; returns the parsed
    report (also written to ``output``). Raises RuntimeError when it fails."""
    cmd = [
        "npx",
        "--no-install",
        "lighthouse",
        url,
        "--output=json",
        f"--output-path={output}",
        "--quiet",
        f"--chrome-flags={CHROME_FLAGS}",
        "--only-categories=" + ",".join(CATEGORIES),
    ]
    env = dict(os.environ, CHROME_PATH=CHROME)
    run = subprocess.run(cmd, cwd=NODE_DIR, env=env, capture_output=True, text=True, timeout=240)
    if run.returncode != 0 or not output.exists():
        raise RuntimeError(f"lighthouse failed ({run.returncode}): {run.stderr.strip()[-600:]}")
    return json.loads(output.read_text(encoding="utf-8"))


def summarize(report: dict) -> dict:
    """Scores (0-100), failing audits per category, metrics and errors of one report."""
    audits = report["audits"]
    summary: dict = {"scores": {}, "failing": {}, "errors": [], "metrics": {}}
    for key in CATEGORIES:
        category = report["categories"].get(key, {})
        score = category.get("score")
        summary["scores"][key] = None if score is None else round(score * 100)
        failing = []
        for ref in category.get("auditRefs", []):
            audit = audits[ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                failing.append(
                    {
                        "id": ref["id"],
                        "score": audit["score"],
                        "value": audit.get("displayValue", ""),
                        "title": audit["title"],
                    }
                )
        summary["failing"][key] = failing
    summary["errors"] = sorted(
        a["id"] for a in audits.values() if a.get("scoreDisplayMode") == "error"
    )
    for metric in (
        "first-contentful-paint",
        "largest-contentful-paint",
        "total-blocking-time",
        "cumulative-layout-shift",
        "speed-index",
    ):
        if metric in audits:
            summary["metrics"][metric] = audits[metric].get("displayValue", "")
    weight = audits.get("total-byte-weight", {}).get("numericValue")
    summary["total_byte_weight"] = weight
    summary["benchmark_index"] = report.get("environment", {}).get("benchmarkIndex")
    summary["warnings"] = report.get("runWarnings", [])
    summary["lighthouse_version"] = report.get("lighthouseVersion")
    return summary


def measure_lighthouse(site: Site, tmp: Path) -> dict:
    """Lighthouse on the four page types; a missing page is reported, not skipped.

    Each page: ``LIGHTHOUSE_RUNS`` runs with the mobile defaults; the run with
    the median performance score is reported, all runs' scores under
    ``performance_runs``. The raw reports are kept in .bench/lighthouse/
    (gitignored).
    """
    try:
        install_lighthouse()
    except (RuntimeError, subprocess.CalledProcessError) as exc:
        return {"error": f"Lighthouse not installed: {exc}"}
    reports = ROOT / ".bench" / "lighthouse"
    reports.mkdir(parents=True, exist_ok=True)
    lessons = site.lessons()
    pages = {
        "home": "",
        "lesson": lessons[0] if lessons else None,
        "assignment builder": BUILDER,
        "assignment view": sample_assignment(site),
        # Issue 15: the final assessment and the review page score 100 too.
        "final assessment": "final-assessment/",
        "review": "review/",
    }
    out: dict = {}
    for number, (name, path) in enumerate(pages.items()):
        if path is None or not site.exists(path):
            out[name] = {"url": path, "missing": True}
            print(f"bench: lighthouse {name}: page missing ({path})", flush=True)
            continue
        print(f"bench: lighthouse {name} ({path or '/'}) ...", flush=True)
        try:
            runs = [
                summarize(run_lighthouse(site.url + path, reports / f"{number}-run{run}.json"))
                for run in range(1, LIGHTHOUSE_RUNS + 1)
            ]
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            out[name] = {"url": path, "error": str(exc)}
            continue
        ranked = sorted(runs, key=lambda r: r["scores"]["performance"] or 0)
        out[name] = {
            "url": path,
            **ranked[len(ranked) // 2],
            "performance_runs": [r["scores"]["performance"] for r in runs],
        }
    return out
