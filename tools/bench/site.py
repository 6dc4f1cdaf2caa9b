"""The site under test: the course built with ``SITE_URL`` = the address it is served
from, served gzip-compressed while counting bytes, and a browser to visit it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tools.bench.common import BROWSER_FLAGS, CHROME, ROOT
from tools.privacy import assignment_link
from tools.serve import ByteCount, serve_directory

# Page types Lighthouse scores; the assignment view gets a sample link (two
# lessons and a due date, the format docs/assets/js/assignments.js reads).
BUILDER = "team-leads/assignment-builder/"
ASSIGNMENT = "assignment/"
TEAM_PROGRESS = "team-leads/team-progress/"


class Site:
    """The course built into ``folder`` and served on 127.0.0.1, counting bytes sent.

    ``url`` is the base address (``"http://127.0.0.1:PORT/"``); ``count`` is the
    :class:`tools.serve.ByteCount` of everything served since :meth:`reset_count`.
    The folder is created (it must not exist). Call :meth:`close` when done.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True)
        self.browser_flags = BROWSER_FLAGS
        self.count = ByteCount()
        self.server, self.url = serve_directory(folder, count=self.count)
        self.strict_ok = False
        self.messages: list[str] = []

    def build(self) -> None:
        """Strict build; when it fails, record why and build once more without --strict
        (``subprocess.CalledProcessError`` when that fails too)."""
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
        """URL paths of every HTML page in the build (404.html excluded), sorted."""
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
        """Count the bytes sent from zero again."""
        self.count.reset()

    def close(self) -> None:
        """Stop the server."""
        self.server.shutdown()


def sample_assignment(site: Site) -> str:
    """An assignment link for the first two lessons, due in a week."""
    return assignment_link(list(site.catalogue().get("lessons", {}))[:2])


def launch_browser(site: Site):
    """``(playwright, browser)``: Playwright started and headless Chromium launched;
    the caller closes the browser and stops Playwright."""
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    instance = playwright.chromium.launch(
        executable_path=CHROME, headless=True, args=site.browser_flags
    )
    return playwright, instance


def settle(page) -> None:
    """Wait until the network is idle, then 300 ms more."""
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)


def engage(page) -> None:
    """The learner starts using the page: Material's bundle loads on the first
    interaction (hooks/lazy_bundle.py), and with it the search worker and
    sitemap. A visit is counted with all of that, not only what arrives first."""
    page.keyboard.press("Shift")
    page.wait_for_function("() => !!window.document$", timeout=15000)
    settle(page)
