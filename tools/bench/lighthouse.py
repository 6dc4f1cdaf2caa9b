"""Lighthouse 12.2.3 with the mobile defaults on the course's page types (home for a new
and for a returning learner, a lesson, the assignment builder, an assignment view, team
progress, the final assessment, review), three runs each, the median run reported.

Lighthouse runs through ``npx`` from ``.bench/node`` (gitignored; installed with
``npm i -E lighthouse@12.2.3`` on first use) against Debian's Chromium
(``CHROME_PATH``, default /usr/bin/chromium).
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from tools.bench.common import CHROME, LIGHTHOUSE, NODE_DIR, ROOT
from tools.bench.site import BUILDER, TEAM_PROGRESS, Site, sample_assignment

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


def run_lighthouse(url: str, output: Path, profile: Path | None = None) -> dict:
    """One Lighthouse run of ``url`` with the mobile defaults (simulated Slow 4G,
    4x CPU slowdown, Moto G Power screen), four categories; returns the parsed
    report (also written to ``output``). Raises RuntimeError when it fails.

    With ``profile``, Chromium starts on that user-data folder (a copy, so every run
    starts from the same state) and Lighthouse keeps its storage
    (``--disable-storage-reset``): the visit of a learner who has been here before.
    """
    flags = CHROME_FLAGS
    extra: list[str] = []
    if profile is not None:
        copy = Path(tempfile.mkdtemp(prefix="lh-profile-"))
        shutil.copytree(profile, copy, dirs_exist_ok=True)
        flags += f" --user-data-dir={copy}"
        extra.append("--disable-storage-reset")
    cmd = [
        "npx",
        "--no-install",
        "lighthouse",
        url,
        "--output=json",
        f"--output-path={output}",
        "--quiet",
        f"--chrome-flags={flags}",
        "--only-categories=" + ",".join(CATEGORIES),
        *extra,
    ]
    env = dict(os.environ, CHROME_PATH=CHROME)
    try:
        run = subprocess.run(
            cmd, cwd=NODE_DIR, env=env, capture_output=True, text=True, timeout=240
        )
    finally:
        if profile is not None:
            shutil.rmtree(copy, ignore_errors=True)
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


def returning_learner(site: Site, profile: Path) -> str:
    """Make ``profile`` the Chromium user-data folder of a learner who has finished the
    first half of the course's lessons; returns the lesson id home should continue with.

    The progress arrives the way a learner moves it between devices: a progress file
    (version 1, every question of each lesson answered and right, completed today)
    imported on the progress page, so the store writes it in its own format. Raises
    RuntimeError when the page does not confirm the import.
    """
    from playwright.sync_api import sync_playwright

    lessons = site.catalogue()["lessons"]
    done = list(lessons)[: len(lessons) // 2]
    day = datetime.date.today().isoformat()
    records = {
        lesson: {
            "status": "complete",
            "answered": lessons[lesson]["quizzes"],
            "correct": lessons[lesson]["quizzes"],
            "total": lessons[lesson]["quizzes"],
            "completedAt": day,
            "updatedAt": f"{day}T00:00:00.000Z",
        }
        for lesson in done
    }
    progress = {
        "format": "selling-as-connection/progress",
        "version": 1,
        "exportedAt": f"{day}T00:00:00.000Z",
        "progress": {"version": 1, "lessons": records, "learner": {"name": "Amara Osei"}},
    }
    upload = profile.parent / "returning-learner.json"
    upload.write_text(json.dumps(progress), encoding="utf-8")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=CHROME, headless=True, args=site.browser_flags
        )
        try:
            page = context.new_page()
            page.goto(site.url + "progress/")
            page.get_by_label("Import a progress file (.json)").set_input_files(str(upload))
            message = f"Imported {len(done)} lesson records ({len(done)} complete)."
            try:
                page.get_by_text(message).wait_for(timeout=15000)
            except Exception as exc:  # Playwright's TimeoutError
                raise RuntimeError(f"the progress page did not say {message!r}") from exc
            page.goto(site.url)
            title = lessons[list(lessons)[len(done)]]["title"]
            try:
                page.locator(".sac-continue").get_by_text(title).first.wait_for(timeout=15000)
            except Exception as exc:  # Playwright's TimeoutError
                raise RuntimeError(f"home does not offer to continue with {title!r}") from exc
        finally:
            context.close()
    return list(lessons)[len(done)]


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
    profile = tmp / "returning-learner"
    profile.mkdir()
    out: dict = {}
    try:
        continues = returning_learner(site, profile)
    except RuntimeError as exc:
        out["home (returning learner)"] = {"url": "", "error": str(exc)}
        profile = None
        continues = None
    pages = {
        "home": ("", None),
        # Issue 18: the dashboard with half the course done (Continue, module bars).
        "home (returning learner)": ("", profile),
        "lesson": (lessons[0] if lessons else None, None),
        "assignment builder": (BUILDER, None),
        "assignment view": (sample_assignment(site), None),
        "team progress": (TEAM_PROGRESS, None),
        # Issue 15: the final assessment and the review page score 100 too.
        "final assessment": ("final-assessment/", None),
        "review": ("review/", None),
    }
    for number, (name, (path, state)) in enumerate(pages.items()):
        if name in out:
            continue
        if path is None or not site.exists(path):
            out[name] = {"url": path, "missing": True}
            print(f"bench: lighthouse {name}: page missing ({path})", flush=True)
            continue
        print(f"bench: lighthouse {name} ({path or '/'}) ...", flush=True)
        try:
            runs = [
                summarize(
                    run_lighthouse(site.url + path, reports / f"{number}-run{run}.json", state)
                )
                for run in range(1, LIGHTHOUSE_RUNS + 1)
            ]
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            out[name] = {"url": path, "error": str(exc)}
            continue
        if state is not None:
            out[name] = {"continues": continues}
        ranked = sorted(runs, key=lambda r: r["scores"]["performance"] or 0)
        out[name] = {
            **out.get(name, {}),
            "url": path,
            **ranked[len(ranked) // 2],
            "performance_runs": [r["scores"]["performance"] for r in runs],
        }
    return out
