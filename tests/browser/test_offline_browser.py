"""The course offline, in Chromium: the service worker (sw.js, Workbox) as a learner meets it.

Each test serves its own copy of the built course (service workers need a secure
origin; http://127.0.0.1 is one) from a server it can stop, so "offline" means the
server is gone as well as ``context.set_offline(True)``: nothing can come from the
network, whether the page or the worker asks.

- After one visit the worker has saved the course; offline, a lesson never visited
  opens by instant navigation and by a page load, a quiz is answered and recorded,
  search finds a lesson, and the progress page, a module check and the review page
  work. No request leaves the site, no page error, the footer says what is going on.
- A file that changed on the server after the build (a deployment halfway) fails the
  install: no copy is kept, "Try again" works once the deployment is complete.
- With Data Saver on, nothing downloads until the learner presses the footer's button;
  the footer passes axe in both colour schemes.
- A new deployment: on the next visit the old version keeps serving while the new one
  downloads only what changed; the visit after that gets the new version, in one
  piece, with its #fragment; the old files are gone from the cache.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import axe_playwright_python
import pytest
from conftest import PHONE, BuildResult, engage
from playwright.sync_api import expect

from course.offline import write_offline
from tools.serve import ByteCount, serve_directory

pytestmark = pytest.mark.browser

AXE = Path(axe_playwright_python.__file__).parent / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
STORE_KEY = "/.sac:progress"  # served at /: store.js keys progress by the site's path
STATUS = "footer [data-offline-status]"
# The cache's keys, read in the page (the Cache API is the page's too).
CACHED = """async () => {
  const names = await caches.keys();
  const keys = {};
  for (const name of names) keys[name] = (await (await caches.open(name)).keys()).map(r => r.url);
  return keys;
}"""


def _serve_copy(built_site: BuildResult, folder: Path, count: ByteCount | None = None):
    """The built course copied into ``folder`` and served there: ``(server, url)``.

    The shared build's sitemap names the shared server's address; Material's instant
    navigation only follows links the sitemap lists for this host and port, so the copy's
    sitemap names its own address, and the offline files are written again for it (as a
    build with this SITE_URL would)."""
    shutil.copytree(built_site.site_dir, folder)
    server, url = serve_directory(folder, count=count)
    sitemap = folder / "sitemap.xml"
    sitemap.write_text(
        sitemap.read_text(encoding="utf-8").replace(built_site.url, url), encoding="utf-8"
    )
    _redeploy(folder)
    return server, url


def _redeploy(folder: Path):
    """Write the offline files again, as the build would for the site as it is now."""
    manifest = json.loads((folder / "manifest.webmanifest").read_text(encoding="utf-8"))
    report = write_offline(
        folder,
        name=manifest["name"],
        description=manifest["description"],
        icon=manifest["icons"][0]["src"],
    )
    assert report.problems == []
    return report


def _course(folder: Path) -> dict:
    return json.loads((folder / "course.json").read_text(encoding="utf-8"))


def _saved(page) -> None:
    """Wait until the footer says the course is kept (the worker installed: every file)."""
    page.wait_for_selector(f"{STATUS}[data-state=ready]", state="attached", timeout=90_000)


def _wait_lesson(page, lesson_id: str) -> None:
    page.wait_for_function(
        """id => {
          const m = document.querySelector('meta[name="course:lesson"]');
          return m && m.content === id && document.querySelector('article .quiz form');
        }""",
        arg=lesson_id,
    )
    page.wait_for_selector("[data-sac-lesson-status][data-sac-ready]", state="attached")


def _answer_right(quiz) -> None:
    options = quiz.locator("fieldset input[data-correct]").all()
    kind = quiz.locator("fieldset input").first.get_attribute("type")
    for option in options:
        quiz.locator(f"label[for='{option.get_attribute('id')}']").click()
    if kind == "checkbox":
        quiz.get_by_role("button", name="Submit").click()
    expect(quiz.locator(".quiz-feedback")).to_contain_text("Correct.")


def test_after_one_visit_the_course_works_offline(built_site: BuildResult, browser, tmp_path):
    server, url = _serve_copy(built_site, tmp_path / "site")
    course = _course(tmp_path / "site")
    first_module, other_module = course["modules"][0], course["modules"][-1]
    visited = first_module["lessons"][0]
    by_link = first_module["lessons"][1]
    by_load = other_module["lessons"][1]
    context = browser.new_context(**PHONE)
    foreign: list[str] = []
    errors: list[str] = []
    context.on(
        "request",
        lambda r: None if r.url.startswith(url) else foreign.append(r.url),
    )
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        # Online: the home page, then one lesson. The worker registers once the page is
        # idle and saves the course in the background.
        page.goto(url)
        status = page.locator(STATUS)
        _saved(page)
        expect(status).to_have_text("Available offline on this device.")
        expect(status).to_have_attribute("aria-live", "polite")
        assert page.evaluate("() => !!navigator.serviceWorker.controller"), "claims the page"
        # Chromium's install criteria: manifest, icon, worker. A Playwright context is
        # an incognito profile, where nothing installs; that is the only objection.
        installable = page.context.new_cdp_session(page).send("Page.getInstallabilityErrors")
        objections = [item["errorId"] for item in installable["installabilityErrors"]]
        assert objections in ([], ["in-incognito"]), objections
        page.goto(url + course["lessons"][visited]["url"])
        _wait_lesson(page, visited)
        engage(page)

        # Offline: no network, no server.
        context.set_offline(True)
        server.shutdown()
        expect(status).to_have_attribute("data-state", "offline")
        expect(status).to_have_text("You are offline: this is the copy saved on your device.")

        # Instant navigation to the next lesson (never visited), from the cache.
        page.evaluate("() => { window.__sacSameDocument = true; }")
        page.locator(f".sac-next a[data-lesson='{by_link}']").first.click()
        _wait_lesson(page, by_link)
        assert page.evaluate("() => window.__sacSameDocument === true"), "instant navigation"
        expect(page.locator(STATUS)).to_have_attribute("data-state", "offline")

        # A page load of a lesson in another module (never visited); a quiz is answered
        # and recorded in localStorage, as online.
        page.goto(url + course["lessons"][by_load]["url"])
        _wait_lesson(page, by_load)
        _answer_right(page.locator("article .quiz").first)
        page.wait_for_function(
            """([key, id]) => {
              try { return JSON.parse(localStorage.getItem(key)).lessons[id].answered >= 1; }
              catch (e) { return false; }
            }""",
            arg=[STORE_KEY, by_load],
        )

        # Search: Material's bundle, its search worker and the index, all from the cache.
        engage(page)
        page.locator("label.md-header__button[for=__search]").click()
        page.keyboard.type("client")
        page.wait_for_selector(".md-search-result__item", state="attached", timeout=20_000)
        page.keyboard.press("Escape")

        # The progress page shows the answer just given.
        page.goto(url + "progress/")
        title = course["lessons"][by_load]["title"]
        started = page.locator("article p", has=page.get_by_role("link", name=title))
        expect(started).to_contain_text("Started, not finished yet")
        expect(started).to_contain_text("(1 of ")

        # A module check starts and shows its questions.
        page.goto(url + first_module["id"] + "/module-check/")
        page.wait_for_selector(".sac-assessment[data-sac-mounted]")
        page.get_by_role("button", name="Start").click()
        expect(page.locator(".sac-exam__question").first).to_be_visible()

        # The review page knows the question answered offline (due in a day).
        page.goto(url + "review/")
        expect(page.locator(".sac-review__summary")).to_contain_text("Your next review")
        # (After a page load, Chromium's emulated offline mode reports navigator.onLine
        # true, so the footer may say "ready" rather than "offline": a copy is kept.)
        expect(page.locator(STATUS)).to_have_attribute("data-state", re.compile("ready|offline"))
    finally:
        context.close()
        server.shutdown()
    assert foreign == [], "nothing from another origin"
    assert errors == []


def test_a_new_deployment_replaces_the_offline_copy_on_the_next_visit(
    built_site: BuildResult, browser, tmp_path
):
    count = ByteCount()
    folder = tmp_path / "site"
    server, url = _serve_copy(built_site, folder, count)
    course = _course(folder)
    lessons = course["modules"][0]["lessons"]
    changed, other = (course["lessons"][lesson]["url"] for lesson in lessons[:2])
    context = browser.new_context()
    page = context.new_page()
    deployed = page.locator("#sac-deployed")
    try:
        page.goto(url + changed)
        _saved(page)
        before = page.evaluate(CACHED)
        assert list(before) == [f"sac-offline-v1-{url}"], "one cache, named for the scope"

        # A deployment: two lessons' text changes and a page is added.
        for lesson in (changed, other):
            path = folder / lesson / "index.html"
            text = path.read_text(encoding="utf-8")
            path.write_text(
                text.replace("<h1", '<p id="sac-deployed">New text.</p><h1', 1), encoding="utf-8"
            )
        shutil.copytree(folder / other, folder / "added-page")
        report = _redeploy(folder)
        count.reset()

        # The next visit: the old version answers, while the new one downloads what
        # changed (and only that) and waits.
        page.goto(url + other)
        page.wait_for_selector(f"{STATUS}[data-state=update]", state="attached", timeout=60_000)
        expect(page.locator(STATUS)).to_have_text(
            "Available offline. A newer version is saved and opens on your next visit."
        )
        assert deployed.count() == 0
        fetched = sorted(path for path, _bytes in count.requests)
        assert fetched == sorted(["/sw.js", "/" + changed, "/" + other, "/added-page/"]), fetched
        # Instant navigation in this visit stays on the old version.
        engage(page)
        page.evaluate("() => { window.__sacSameDocument = true; }")
        page.locator(f"a[href$='{changed.split('/')[-2]}/']").first.click()
        page.wait_for_url(url + changed)
        expect(page.locator("h1").first).to_be_visible()
        assert deployed.count() == 0
        assert page.evaluate("() => window.__sacSameDocument === true")

        # A page load in a new tab: the new version takes over and answers, with the
        # address's #fragment.
        second = context.new_page()
        second.goto(url + changed + "#key-takeaways")
        second.wait_for_selector("#sac-deployed", state="attached")
        assert second.url == url + changed + "#key-takeaways"
        _saved(second)
        # The first tab, still showing the old version, leaves it by a full page load:
        # never the new version's content in the old page.
        page.locator(f"a[href$='{other.split('/')[-2]}/']").first.click()
        page.wait_for_url(url + other)
        page.wait_for_selector("#sac-deployed", state="attached")
        assert page.evaluate("() => window.__sacSameDocument === undefined"), "a page load"

        # The cache holds the new list, and only that; the old files are gone.
        after = page.evaluate(CACHED)
        assert list(after) == [f"sac-offline-v1-{url}"]
        keys = after[f"sac-offline-v1-{url}"]
        assert sorted(keys) == sorted(
            f"{url}{entry.url.removeprefix('./')}?__WB_REVISION__={entry.revision}"
            for entry in report.entries
        )
        old_keys = set(before[f"sac-offline-v1-{url}"])
        gone = sorted(re.sub(r"\?.*", "", key) for key in old_keys - set(keys))
        assert gone == sorted([url + changed, url + other]), gone
    finally:
        context.close()
        server.shutdown()


def test_with_data_saver_on_the_course_is_saved_only_when_the_learner_asks(
    built_site: BuildResult, browser, tmp_path
):
    count = ByteCount()
    server, url = _serve_copy(built_site, tmp_path / "site", count)
    context = browser.new_context(**PHONE)
    context.add_init_script(
        "Object.defineProperty(Navigator.prototype, 'connection',"
        " {configurable: true, get() { return {saveData: true}; }});"
    )
    page = context.new_page()
    try:
        page.goto(url)
        status = page.locator(STATUS)
        expect(status).to_have_attribute("data-state", "manual")
        expect(status).to_contain_text("Not saved for offline use (Data Saver is on).")
        button = status.get_by_role("button", name="Save for offline use")
        expect(button).to_be_visible()
        page.wait_for_timeout(2000)  # longer than the idle wait: still nothing registered
        assert page.evaluate("async () => !(await navigator.serviceWorker.getRegistration())")
        assert not [path for path, _sent in count.requests if path == "/sw.js"]
        for scheme in ("default", "slate"):
            page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
            page.evaluate(AXE.read_text(encoding="utf-8"))
            violations = page.evaluate(
                """async tags => (await axe.run("footer", {runOnly: {type: "tag", values: tags}}))
                    .violations.map(v => v.id + ": " + v.nodes.map(n => n.target).join(", "))""",
                AXE_TAGS,
            )
            assert violations == [], (scheme, violations)
        button.click()
        _saved(page)
        expect(status.get_by_role("button")).to_have_count(0)
        expect(status).to_have_text("Available offline on this device.")
    finally:
        context.close()
        server.shutdown()


def test_a_file_changed_after_the_build_fails_the_install_and_try_again_recovers(
    built_site: BuildResult, browser, tmp_path
):
    """A deployment caught halfway (a file newer than the list): integrity fails the whole
    install, so no half-old, half-new copy is kept; the footer offers "Try again"."""
    folder = tmp_path / "site"
    server, url = _serve_copy(built_site, folder)
    css = folder / "assets" / "css" / "course.css"
    original = css.read_text(encoding="utf-8")
    css.write_text(original + "\n/* a newer deployment */\n", encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(url)
        status = page.locator(STATUS)
        page.wait_for_selector(f"{STATUS}[data-state=failed]", state="attached", timeout=90_000)
        expect(status).to_contain_text("The course could not be saved for offline use.")
        # No worker serves: the files saved before the failure are never used (the next
        # install keeps those whose revision still matches).
        assert page.evaluate(
            "async () => { const r = await navigator.serviceWorker.getRegistration();"
            " return !r || !r.active; }"
        )
        css.write_text(original, encoding="utf-8")
        status.get_by_role("button", name="Try again").click()
        _saved(page)
        assert len(page.evaluate(CACHED)[f"sac-offline-v1-{url}"]) > 50
    finally:
        context.close()
        server.shutdown()
