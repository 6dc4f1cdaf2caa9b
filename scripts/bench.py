"""``make bench``: speed, size, privacy and Lighthouse figures against the targets.

Writes ``bench/results.json`` (every figure, machine readable) and
``bench/results.md`` (the table the README shows), both with the date and a note
on the machine. Targets (issue 8, "Performance and privacy budget"):

- Lighthouse 12.2.3, mobile defaults, site served gzip-compressed from 127.0.0.1:
  100 in performance, accessibility, best practices and SEO on the home page, a
  lesson, the assignment builder and an assignment view.
- Page weight: a lesson's HTML <= 12 KB gzip; a first visit to a lesson moves
  <= 130 KB; each further lesson <= 15 KB (shared assets cached).
- Privacy: zero requests to any other origin, on every page of the site.
- Builds: ``make check`` <= 1 s on the course and <= 3 s on 1000 lessons; the
  project hooks add <= 10 % to a build; a strict build of the course <= 5 s; build
  times for 20, 200 and 1000 lessons reported, close to linear.

How it measures (so the figures can be reproduced by hand):

- The course is built strictly into a temporary folder with ``SITE_URL`` set to
  the local address it is then served from (``serve_directory`` in
  ``tests/conftest.py``: gzip when the browser asks, ``Cache-Control:
  max-age=3600``). With that, canonical links and the sitemap point at the page
  Lighthouse loads and Material's instant navigation works, as on the real host.
- Bytes moved are counted by the server (status line, headers and body of every
  response), so requests made by the search worker count too. "Further lesson":
  in the same browser context, the second lesson by a full page load, then the
  third by Material's instant navigation (clicking its link); the larger counts.
- Lighthouse runs through ``npx`` from ``.bench/node`` (gitignored; installed with
  ``npm i -E lighthouse@12.2.3`` on first use) against Debian's Chromium
  (``CHROME_PATH=/usr/bin/chromium``), three runs per page with the mobile
  defaults; the run with the median performance score is reported (Lighthouse's
  advice for variance, docs/variability.md), with every run's score beside it.
  The report keeps the four category scores, every audit below 1 that counts in
  a category, and the audits Lighthouse could not compute.
- Times are those of a fresh process (what a contributor waits for): the best
  wall-clock time of several runs is judged against the target; the median and
  the CPU time (user + system, steady when other work shares the machine) are
  reported beside it. Hook overhead and scaling use CPU time. The build scaling
  builds our own ``mkdocs.yml`` (theme, plugins, every hook) over the lessons
  ``scripts/synthetic_course.py`` writes.

Usage::

    python scripts/bench.py                 # everything (about 8 minutes on 2 idle cores)
    python scripts/bench.py --only weight,privacy --runs 1

Exit status: 0 when every measured target is met, 1 otherwise, 2 when a tool
is missing (Node/npm, Chromium).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import importlib.util
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench"
NODE_DIR = ROOT / ".bench" / "node"
LIGHTHOUSE = "lighthouse@12.2.3"
LIGHTHOUSE_RUNS = 3  # per page; the median run is reported
HOOK_PAIRS = 7  # builds with and without hooks, alternating
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SECTIONS = ("weight", "privacy", "lighthouse", "builds")

# Page types Lighthouse scores; the assignment view gets a sample link (two
# lessons and a due date, the format docs/assets/js/assignments.js reads).
BUILDER = "team-leads/assignment-builder/"
ASSIGNMENT = "assignment/"

KB = 1024

METHOD = """\
- The course is built strictly into a temporary folder with `SITE_URL` set to the
  local address it is served from (gzip, `Cache-Control: max-age=3600`), so
  canonical links, the sitemap and Material's instant navigation behave as on
  the real host.
- Bytes moved are what the server sent (status line, headers, body), search
  worker requests included: each visit ends with a first interaction (a key
  press), which loads Material's bundle and the search worker
  (hooks/lazy_bundle.py); the search index loads when search is first opened,
  so the first visit is also reported with a search. A further lesson is
  measured twice in the same browser: by a full page load and by instant
  navigation; the larger counts.
- Lighthouse 12.2.3, mobile defaults (simulated Slow 4G, 4x CPU slowdown), three
  runs per page; the run with the median performance score is shown, every run's
  performance beside it (Lighthouse docs/variability.md: the score moves with
  other work on the machine). Raw reports: `.bench/lighthouse/`.
- Times: best wall-clock time of several fresh processes against the target,
  median and CPU (user + system) beside it; hook overhead and build scaling use
  CPU time, which other work on the machine inflates less. The hook overhead is
  the median CPU ratio of 7 builds with and 7 without `hooks:`, alternating. Scaling builds
  our `mkdocs.yml` over lessons from `scripts/synthetic_course.py`."""

# (id, label, target value, unit, comparison)
TARGETS = {
    "lesson_html_gzip": ("A lesson's HTML, gzip", 12 * KB, "bytes"),
    "first_visit": ("First visit to a lesson, all bytes moved", 130 * KB, "bytes"),
    "further_lesson": ("Each further lesson (shared assets cached)", 15 * KB, "bytes"),
    "foreign_requests": ("Requests to other origins (all pages, browser)", 0, "count"),
    "foreign_references": ("References to other origins in built HTML/CSS", 0, "count"),
    "check_course": ("`make check` on the course", 1.0, "s"),
    "check_1000": ("`make check` on 1000 lessons", 3.0, "s"),
    "strict_build": ("Strict build of the course", 5.0, "s"),
    "hook_overhead": ("Build time added by the project hooks", 0.10, "ratio"),
}


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Run the measurements and write bench/results.{json,md}; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only", default=",".join(SECTIONS), help="comma list of " + ", ".join(SECTIONS)
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per timed build (median)")
    parser.add_argument("--out", type=Path, default=OUT, help="folder for results.json/.md")
    args = parser.parse_args(argv)
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    unknown = only - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
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
            if "privacy" in only:
                results["privacy"] = measure_privacy(site, results["measures"])
            if "lighthouse" in only:
                results["lighthouse"] = measure_lighthouse(site, tmp_path)
            if "builds" in only:
                results["builds"] = measure_builds(tmp_path, args.runs, results["measures"])
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


# ---------------------------------------------------------------------------
# The site under test: built with SITE_URL = the address it is served from
# ---------------------------------------------------------------------------


def _conftest():
    """tests/conftest.py as a module (its gzip handler and Chromium flags)."""
    spec = importlib.util.spec_from_file_location("bench_conftest", ROOT / "tests" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Site:
    """The course built into ``folder`` and served on 127.0.0.1, counting bytes sent."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True)
        conftest = _conftest()
        self.browser_flags = conftest.CHROMIUM_FLAGS
        counter = self.counter = {"bytes": 0, "requests": []}
        lock = threading.Lock()

        class CountingHandler(conftest._QuietGzipHandler):
            """One request per connection (HTTP/1.0): counts what it writes back."""

            def setup(self) -> None:
                super().setup()
                raw = self.wfile
                self.sent = 0
                handler = self

                class Counted:
                    def write(self, data: bytes) -> int:
                        handler.sent += len(data)
                        return raw.write(data)

                    def __getattr__(self, name: str):
                        return getattr(raw, name)

                self.wfile = Counted()

            def finish(self) -> None:
                super().finish()
                if getattr(self, "path", None):
                    with lock:
                        counter["bytes"] += self.sent
                        counter["requests"].append([self.path, self.sent])

        handler = functools.partial(CountingHandler, directory=str(folder))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.strict_ok = False
        self.messages: list[str] = []

    def build(self) -> None:
        """Strict build; when it fails, record why and build once more without --strict."""
        env = dict(os.environ, SITE_URL=self.url, NO_MKDOCS_2_WARNING="1")
        cmd = [sys.executable, "-m", "mkdocs", "build", "--clean", "-q", "-d", str(self.folder)]
        run = subprocess.run([*cmd, "--strict"], cwd=ROOT, env=env, capture_output=True, text=True)
        self.strict_ok = run.returncode == 0
        self.messages = [line for line in run.stderr.splitlines() if line.strip()]
        if not self.strict_ok:
            subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=True)

    def exists(self, path: str) -> bool:
        """True when the site has a page at URL path ``path`` (``"a/b/"``)."""
        path = path.split("#")[0]
        target = self.folder / path
        return (
            (target / "index.html").is_file()
            if path.endswith("/") or not path
            else target.is_file()
        )

    def pages(self) -> list[str]:
        """URL paths of every HTML page in the build (404.html excluded)."""
        found = []
        for html in sorted(self.folder.rglob("*.html")):
            rel = html.relative_to(self.folder).as_posix()
            if rel == "404.html":
                continue
            found.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        return found

    def catalogue(self) -> dict:
        """The lesson catalogue the build writes (``course.json``)."""
        return json.loads((self.folder / "course.json").read_text(encoding="utf-8"))

    def lessons(self) -> list[str]:
        """URL paths of the lessons, in course order."""
        lessons = self.catalogue().get("lessons", {})
        return [lesson["url"] for lesson in lessons.values()]

    def reset_count(self) -> None:
        self.counter["bytes"] = 0
        self.counter["requests"] = []

    def close(self) -> None:
        self.server.shutdown()


def sample_assignment(site: Site) -> str:
    """An assignment link for the first two lessons, due in a week."""
    ids = list(site.catalogue().get("lessons", {}))[:2]
    due = (dt.date.today() + dt.timedelta(days=7)).isoformat()
    return f"{ASSIGNMENT}#t=Week+one+lessons&due={due}&l={','.join(ids)}"


# ---------------------------------------------------------------------------
# Page weight
# ---------------------------------------------------------------------------


def _browser(site: Site):
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(
        executable_path=CHROME, headless=True, args=site.browser_flags
    )
    return playwright, browser


def _settle(page) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)


def _engage(page) -> None:
    """The learner starts using the page: Material's bundle loads on the first
    interaction (hooks/lazy_bundle.py), and with it the search index, worker and
    sitemap. A visit is counted with all of that, not only what arrives first."""
    page.keyboard.press("Shift")
    page.wait_for_function("() => !!window.document$", timeout=15000)
    _settle(page)


def measure_weight(site: Site, measures: dict) -> dict:
    """Lesson HTML gzip size and bytes moved on first and further lesson visits."""
    lessons = site.lessons()
    if len(lessons) < 3:
        return {"error": "fewer than three lessons in course.json"}
    first, second, third = lessons[:3]
    html = (site.folder / first / "index.html").read_bytes()
    sizes = {
        url: len(gzip.compress((site.folder / url / "index.html").read_bytes())) for url in lessons
    }
    largest = max(sizes, key=sizes.get)
    record(
        measures,
        "lesson_html_gzip",
        sizes[largest],
        f"largest of {len(sizes)} lessons: {largest} ({len(gzip.compress(html))} B for {first})",
    )

    playwright, browser = _browser(site)
    try:
        context = browser.new_context(
            viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
        )
        page = context.new_page()
        site.reset_count()
        page.goto(site.url + first)
        _settle(page)
        _engage(page)
        first_visit = site.counter["bytes"]
        first_requests = list(site.counter["requests"])
        # The same visit with a search: the index loads when search opens.
        page.evaluate("document.querySelector('[data-md-component=search-query]').focus()")
        page.keyboard.type("client")
        page.wait_for_selector(".md-search-result__item", state="attached", timeout=15000)
        _settle(page)
        with_search = site.counter["bytes"]
        page.keyboard.press("Escape")

        site.reset_count()
        page.goto(site.url + second)
        _settle(page)
        _engage(page)  # instant navigation to the third lesson needs the bundle
        further_load = site.counter["bytes"]
        further_load_requests = list(site.counter["requests"])

        # From the second lesson to a third one not visited yet, by instant
        # navigation. A script click: Material's listener on <body> takes it like a tap.
        site.reset_count()
        page.evaluate("window.__benchSameDocument = true")
        page.eval_on_selector(f"a[href$='{third.rstrip('/').split('/')[-1]}/']", "a => a.click()")
        page.wait_for_url("**/" + third)
        _settle(page)
        instant = page.evaluate("window.__benchSameDocument === true")
        further_instant = site.counter["bytes"]
        further_instant_requests = list(site.counter["requests"])
        context.close()
    finally:
        browser.close()
        playwright.stop()
    record(
        measures,
        "first_visit",
        first_visit,
        f"{first}, {len(first_requests)} requests; {with_search / KB:.1f} KB with a search"
        " (the search index loads when search is first opened)",
    )
    further = max(further_load, further_instant)
    record(
        measures,
        "further_lesson",
        further,
        f"{second} by full load {further_load} B, {third} by instant navigation "
        f"{further_instant} B" + ("" if instant else " (instant navigation did not engage)"),
    )
    return {
        "lesson": first,
        "html_bytes": len(html),
        "html_gzip_bytes_per_lesson": sizes,
        "first_visit_bytes": first_visit,
        "first_visit_requests": first_requests,
        "first_visit_with_search_bytes": with_search,
        "further_lesson": second,
        "further_full_load_bytes": further_load,
        "further_full_load_requests": further_load_requests,
        "further_instant_lesson": third,
        "further_instant_bytes": further_instant,
        "further_instant_requests": further_instant_requests,
        "instant_navigation_engaged": instant,
    }


# ---------------------------------------------------------------------------
# Privacy
# ---------------------------------------------------------------------------


class _References(HTMLParser):
    """Collects URLs the browser would fetch by itself (not plain links)."""

    FETCHED = {
        ("script", "src"),
        ("img", "src"),
        ("img", "srcset"),
        ("source", "src"),
        ("source", "srcset"),
        ("iframe", "src"),
        ("video", "src"),
        ("video", "poster"),
        ("audio", "src"),
        ("embed", "src"),
        ("object", "data"),
        ("track", "src"),
        ("input", "src"),
    }
    LINK_RELS = {
        "stylesheet",
        "preload",
        "prefetch",
        "preconnect",
        "dns-prefetch",
        "modulepreload",
        "icon",
        "apple-touch-icon",
        "manifest",
    }

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "link" and set(values.get("rel", "").lower().split()) & self.LINK_RELS:
            self.urls.append(values.get("href", ""))
        for name, value in values.items():
            if (tag, name) in self.FETCHED:
                self.urls.extend(part.strip().split(" ")[0] for part in value.split(","))
            if name == "style" and "url(" in value:
                self.urls.extend(_css_urls(value))


def _css_urls(css: str) -> list[str]:
    found = re.findall(r"url\(\s*['\"]?([^'\")]+)", css)
    found += re.findall(r"@import\s+['\"]([^'\"]+)", css)
    return found


def foreign(url: str) -> bool:
    """True when ``url`` (absolute or protocol-relative) points to another origin."""
    parts = urlsplit(url.strip())
    if parts.scheme in ("data", "blob", "about", "javascript", "mailto", "tel"):
        return False
    return bool(parts.netloc) and parts.hostname not in ("127.0.0.1", "localhost")


def static_references(folder: Path) -> list[str]:
    """``file: url`` for every fetched reference to another origin in HTML and CSS."""
    problems = []
    for path in sorted(folder.rglob("*")):
        if path.suffix == ".html":
            parser = _References()
            parser.feed(path.read_text(encoding="utf-8", errors="replace"))
            urls = parser.urls
        elif path.suffix == ".css":
            urls = _css_urls(path.read_text(encoding="utf-8", errors="replace"))
        else:
            continue
        rel = path.relative_to(folder).as_posix()
        problems += [f"{rel}: {url}" for url in urls if foreign(url)]
    return problems


def measure_privacy(site: Site, measures: dict) -> dict:
    """Visit every page (and a sample assignment link); list requests to other origins."""
    pages = site.pages()
    extra = [sample_assignment(site)] if site.exists(ASSIGNMENT) else []
    requests: dict[str, list[str]] = {}
    playwright, browser = _browser(site)
    try:
        context = browser.new_context()
        page = context.new_page()
        current = {"url": ""}
        page.on(
            "request",
            lambda r: foreign(r.url) and requests.setdefault(current["url"], []).append(r.url),
        )
        for path in pages + extra:
            current["url"] = path
            page.goto(site.url + path)
            page.wait_for_load_state("networkidle")
            _engage(page)
        context.close()
    finally:
        browser.close()
        playwright.stop()
    count = sum(len(urls) for urls in requests.values())
    record(measures, "foreign_requests", count, f"{len(pages) + len(extra)} pages visited")
    references = static_references(site.folder)
    record(
        measures,
        "foreign_references",
        len(references),
        "scripts, styles, fonts, images, frames"
        + (f"; first: {references[0]}" if references else ""),
    )
    return {
        "pages": len(pages) + len(extra),
        "foreign_requests": requests,
        "foreign_references": references,
    }


# ---------------------------------------------------------------------------
# Lighthouse
# ---------------------------------------------------------------------------


def lighthouse_installed() -> bool:
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


# ---------------------------------------------------------------------------
# Build times
# ---------------------------------------------------------------------------

# One build in a fresh interpreter: load the config (hooks optional) and build.
# One build in a fresh interpreter: load the config (hooks optional, and
# optionally another docs folder + nav, taken from a synthetic course) and build.
_BUILD_SNIPPET = """
import sys
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
config_file, site_dir, hooks, strict, course = sys.argv[1:6]
overrides = {} if hooks == "1" else {"hooks": []}
if course:
    text = open(course + "/mkdocs.yml", encoding="utf-8").read()
    overrides["nav"] = yaml.safe_load(text[text.index("nav:"):])["nav"]
    overrides["docs_dir"] = course + "/docs"
build(load_config(config_file, site_dir=site_dir, strict=strict == "1", **overrides))
"""


def timed(cmd: list[str], runs: int, cwd: Path = ROOT) -> dict:
    """Run ``cmd`` ``runs`` times; wall-clock and CPU seconds, with the exit codes.

    ``best_s`` is the least disturbed wall time (what the targets are judged on,
    as ``timeit`` does: other work on the machine only ever adds time); ``cpu_s``
    is the median user + system time of the process and everything it waited for
    (steady on a busy machine: the work itself).
    """
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    times, cpus, codes = [], [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        run = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        codes.append(run.returncode)
    return {
        "best_s": round(min(times), 3),
        "median_s": round(statistics.median(times), 3),
        "cpu_s": round(statistics.median(cpus), 3),
        "runs_s": [round(t, 3) for t in times],
        "exit_codes": codes,
    }


def _merged(results: list[dict]) -> dict:
    """Single-run results of :func:`timed` for one command, combined into one."""
    times = [t for r in results for t in r["runs_s"]]
    cpus = [r["cpu_s"] for r in results]
    return {
        "best_s": round(min(times), 3),
        "median_s": round(statistics.median(times), 3),
        "cpu_s": round(statistics.median(cpus), 3),
        "runs_s": times,
        "cpu_runs_s": cpus,
        "exit_codes": [c for r in results for c in r["exit_codes"]],
    }


def _timing_note(result: dict) -> str:
    return (
        f"best of {len(result['runs_s'])}; median {result['median_s']:.2f} s, "
        f"CPU {result['cpu_s']:.2f} s; exit {result['exit_codes'][0]}"
    )


def build_cmd(
    config: Path,
    site_dir: Path,
    *,
    hooks: bool = True,
    strict: bool = False,
    course: Path | None = None,
) -> list[str]:
    """Command that builds ``config`` (with ``course``'s docs and nav, if given)."""
    return [
        sys.executable,
        "-c",
        _BUILD_SNIPPET,
        str(config),
        str(site_dir),
        "1" if hooks else "0",
        "1" if strict else "0",
        str(course or ""),
    ]


def _synthetic():
    path = ROOT / "scripts" / "synthetic_course.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("synthetic_course", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def measure_builds(tmp: Path, runs: int, measures: dict) -> dict:
    """make check, strict build, hook overhead, and the 20/200/1000-lesson scaling."""
    out: dict = {}
    out["check_course"] = timed([sys.executable, "-m", "course", "check"], max(runs, 5))
    record(
        measures, "check_course", out["check_course"]["best_s"], _timing_note(out["check_course"])
    )

    strict = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp / "strict")]
    out["strict_build"] = timed(strict, runs)
    record(
        measures,
        "strict_build",
        out["strict_build"]["best_s"],
        "mkdocs build --strict, whole process; " + _timing_note(out["strict_build"]),
    )

    # Alternating pairs, so drifting load on the machine hits both sides alike;
    # the overhead is the median of the pairs' CPU ratios.
    pairs = [
        (
            timed(build_cmd(ROOT / "mkdocs.yml", tmp / "with"), 1),
            timed(build_cmd(ROOT / "mkdocs.yml", tmp / "without", hooks=False), 1),
        )
        for _ in range(max(runs, HOOK_PAIRS))
    ]
    with_hooks = _merged([w for w, _ in pairs])
    without = _merged([wo for _, wo in pairs])
    failed = [
        name
        for name, result in (("with", with_hooks), ("without", without))
        if any(result["exit_codes"])
    ]
    if failed:
        # A build that stops early is fast: comparing it would be meaningless.
        out["hook_overhead"] = {"with_hooks": with_hooks, "without_hooks": without}
        record(
            measures,
            "hook_overhead",
            None,
            f"not measured: the build {' and '.join(failed)} `hooks:` failed "
            f"(exit codes {with_hooks['exit_codes']} / {without['exit_codes']})",
        )
        overhead = None
    else:
        overhead = statistics.median(w["cpu_s"] / wo["cpu_s"] - 1 for w, wo in pairs)
    if overhead is not None:
        out["hook_overhead"] = {
            "with_hooks": with_hooks,
            "without_hooks": without,
            "ratio_cpu": round(overhead, 3),
            "ratio_best_wall": round(with_hooks["best_s"] / without["best_s"] - 1, 3),
        }
        record(
            measures,
            "hook_overhead",
            round(overhead, 3),
            f"median of {len(pairs)} paired builds; CPU {with_hooks['cpu_s']:.2f} s with, "
            f"{without['cpu_s']:.2f} s without `hooks:` (best wall {with_hooks['best_s']:.2f}"
            f" / {without['best_s']:.2f} s)",
        )

    synthetic = _synthetic()
    if synthetic is None:
        out["scaling"] = {"error": "scripts/synthetic_course.py is missing"}
        record(measures, "check_1000", None, "scripts/synthetic_course.py is missing")
        return out
    scaling = {}
    for count in (20, 200, 1000):
        folder = tmp / f"synthetic-{count}"
        config = synthetic.write_course(folder, count, repo=ROOT)
        # Our site (mkdocs.yml: theme, plugins, every hook) with the synthetic lessons.
        # The small builds run `runs` times (median CPU): one disturbed 3-second
        # build moved the linearity figure from 1.03 to 1.52 between two runs.
        repeat = runs if count < 1000 else 1
        build = timed(build_cmd(ROOT / "mkdocs.yml", folder / "site", course=folder), repeat)
        scaling[count] = {
            "build": build,
            "cpu_ms_per_lesson": round(build["cpu_s"] / count * 1000, 1),
        }
        if count == 1000:
            check_1000 = timed(
                [sys.executable, "-m", "course", "check", str(config)], runs
            )
            out["check_1000"] = check_1000
            record(measures, "check_1000", check_1000["best_s"], _timing_note(check_1000))
    c20, c200, c1000 = (scaling[n]["build"]["cpu_s"] for n in (20, 200, 1000))
    slope_low = (c200 - c20) / 180
    slope_high = (c1000 - c200) / 800
    out["scaling"] = {
        "builds": scaling,
        "marginal_cpu_ms_per_lesson_20_200": round(slope_low * 1000, 1),
        "marginal_cpu_ms_per_lesson_200_1000": round(slope_high * 1000, 1),
        "linearity": round(slope_high / slope_low, 2) if slope_low > 0 else None,
        "note": "linearity = marginal CPU time per lesson from 200 to 1000 lessons / from "
        "20 to 200 (1.0 is perfectly linear)",
    }
    return out


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------


def record(measures: dict, key: str, value, note: str = "") -> None:
    """Store one measured value with its target and whether it is met (None: not measured)."""
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


def all_targets_met(results: dict) -> bool:
    """Every measured target met, every Lighthouse page present with 100 everywhere."""
    ok = all(m["met"] for m in results["measures"].values())
    ok = ok and results.get("site", {}).get("strict_build_ok", False)
    for page in results.get("lighthouse", {}).values():
        if not isinstance(page, dict) or "scores" not in page:
            return False
        ok = ok and all(score == 100 for score in page["scores"].values())
    scaling = results.get("builds", {}).get("scaling", {})
    if isinstance(scaling.get("linearity"), float):
        ok = ok and scaling["linearity"] <= 1.5
    return ok


def _fmt(value, unit: str) -> str:
    if value is None:
        return "not measured"
    if unit == "bytes":
        return f"{value / KB:.1f} KB"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "ratio":
        return f"{value * 100:+.1f} %"
    return str(value)


def _mark(met) -> str:
    return {True: "pass", False: "**FAIL**", None: "not measured"}[met]


def markdown(results: dict) -> str:
    """The results as Markdown: machine note, Lighthouse table, budget table, details."""
    machine_note = results["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"Measured {results['date']} by `make bench` (`scripts/bench.py`) on a fresh build, "
        f"in {results.get('bench_seconds', '?')} s.",
        "",
        f"Machine: {machine_note['note']}. Load average (1, 5, 15 min) at the start "
        f"{machine_note.get('load_average_at_start')}, at the end "
        f"{machine_note.get('load_average_at_end')}: timings and Lighthouse performance "
        "depend on other work running at the same time.",
        "",
    ]
    site = results.get("site", {})
    if site and not site.get("strict_build_ok"):
        lines += [
            "**The strict build failed**; the figures below come from a non-strict build. "
            "Last messages:",
            "",
            "```",
            *site.get("build_messages", []),
            "```",
            "",
        ]
    lighthouse = results.get("lighthouse")
    if lighthouse:
        lines += ["## Lighthouse 12.2.3 (mobile defaults, gzip from 127.0.0.1)", ""]
        if "error" in lighthouse:
            lines += [f"Not run: {lighthouse['error']}", ""]
        else:
            lines += [
                "| Page | Performance | Accessibility | Best practices | SEO "
                "| Target 100/100/100/100 | Performance, each run |",
                "|---|---|---|---|---|---|---|",
            ]
            for name, page in lighthouse.items():
                if page.get("missing"):
                    lines.append(f"| {name} (`{page['url']}`) | page missing | | | | **FAIL** | |")
                    continue
                if "scores" not in page:
                    lines.append(f"| {name} | Lighthouse error | | | | **FAIL** | |")
                    continue
                scores = [page["scores"][k] for k in CATEGORIES]
                ok = all(s == 100 for s in scores)
                extra = " / ".join(str(p) for p in page.get("performance_runs", []))
                lines.append(
                    f"| {name} | "
                    + " | ".join(str(s) for s in scores)
                    + f" | {'pass' if ok else '**FAIL**'} | {extra} |"
                )
            lines.append("")
            for name, page in lighthouse.items():
                failing = [
                    f"{key}: `{a['id']}` {a['value']}".rstrip()
                    for key, items in page.get("failing", {}).items()
                    for a in items
                ]
                if failing:
                    lines.append(f"- {name}, audits below 1: " + "; ".join(failing))
                if page.get("metrics"):
                    lines.append(
                        f"- {name}, metrics: "
                        + ", ".join(f"{k} {v}" for k, v in page["metrics"].items())
                    )
                if page.get("error"):
                    lines.append(f"- {name}: {page['error']}")
            first = next((p for p in lighthouse.values() if p.get("benchmark_index")), None)
            if first:
                lines.append(
                    f"- Lighthouse BenchmarkIndex of this machine: "
                    f"{first['benchmark_index']:.0f}"
                    + (f" ({first['warnings'][0]})" if first.get("warnings") else "")
                )
            errors = sorted({e for p in lighthouse.values() for e in p.get("errors", [])})
            if errors:
                lines.append(
                    "- Audits Lighthouse 12.2.3 could not compute with this Chromium "
                    "(not scored): " + ", ".join(f"`{e}`" for e in errors)
                )
            lines.append("")
    lines += [
        "## Budget",
        "",
        "| Measure | Target | Result | Status | Note |",
        "|---|---|---|---|---|",
    ]
    for item in results["measures"].values():
        target = _fmt(item["target"], item["unit"])
        if item["unit"] == "ratio":
            target = f"≤ {item['target'] * 100:.0f} %"
        elif item["unit"] != "count":
            target = "≤ " + target
        lines.append(
            f"| {item['label']} | {target} | {_fmt(item['value'], item['unit'])} | "
            f"{_mark(item['met'])} | {item['note']} |"
        )
    scaling = results.get("builds", {}).get("scaling", {})
    if "builds" in scaling:
        lines += [
            "",
            "## Build time by course size (our mkdocs.yml, synthetic lessons)",
            "",
            "| Lessons | Build, wall (best) | Build, CPU | CPU per lesson |",
            "|---|---|---|---|",
        ]
        for count, item in scaling["builds"].items():
            lines.append(
                f"| {count} | {item['build']['best_s']:.2f} s | {item['build']['cpu_s']:.2f} s "
                f"| {item['cpu_ms_per_lesson']} ms |"
            )
        lines += [
            "",
            f"Marginal CPU time per lesson: {scaling['marginal_cpu_ms_per_lesson_20_200']} ms "
            f"(20 to 200 lessons), {scaling['marginal_cpu_ms_per_lesson_200_1000']} ms (200 to "
            f"1000); linearity {scaling['linearity']} (1.0 is linear; target ≤ 1.5).",
        ]
    elif "error" in scaling:
        lines += ["", f"Build scaling not measured: {scaling['error']}."]
    weight = results.get("weight", {})
    if weight.get("first_visit_requests"):
        lines += [
            "",
            "## Weight details",
            "",
            f"- First visit to `{weight['lesson']}`: {len(weight['first_visit_requests'])} "
            "requests (all bytes the server sent, headers included).",
            f"- Further lessons: `{weight['further_lesson']}` by a full page load "
            f"{weight['further_full_load_bytes']} B "
            f"({len(weight['further_full_load_requests'])} requests), "
            f"`{weight['further_instant_lesson']}` by instant navigation "
            f"{weight['further_instant_bytes']} B "
            f"({len(weight['further_instant_requests'])} requests).",
        ]
    if weight.get("first_visit_requests"):
        lines += [
            "",
            "First visit, bytes per response (headers included):",
            "",
            "| Response | Bytes |",
            "|---|---|",
        ]
        for path, sent in sorted(weight["first_visit_requests"], key=lambda r: -r[1]):
            lines.append(f"| `{path}` | {sent} |")
    lines += ["", f"All targets met: {'yes' if results.get('all_targets_met') else 'no'}.", ""]
    lines += ["## Method", "", METHOD, ""]
    return "\n".join(lines)


def machine() -> dict:
    """Cores, memory, OS and tool versions, plus a one-line note."""

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


if __name__ == "__main__":
    sys.exit(main())
