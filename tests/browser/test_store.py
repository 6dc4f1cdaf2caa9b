"""The learner's progress store in real Chromium (docs/assets/js/store.js, issue 14).

- Two copies of the course on one origin (as all of an owner's GitHub Pages project
  sites are) keep apart: neither sees nor counts the other's progress.
- The first round's origin-wide key is merged into the site's key once and removed.
- Two tabs writing at once lose nothing: 200 records each, and one lesson answered
  in both.
- A stored value from a newer version is never overwritten: it is backed up, the
  learner is told once, and the tab works in memory.
- An import waits for the course's lesson list, and a save that fails is reported.
"""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path

from playwright.sync_api import expect
from test_learner import (
    FULL_STORAGE,
    _answer,
    _course,
    _first_module,
    _progress_file,
    _wait_lesson,
)

from tools.serve import serve_directory

LEGACY_KEY = "sac:progress:v1"


def _key(root_path: str) -> str:
    """store.js's key for a site served at ``root_path`` ("/" or "/a/")."""
    return root_path + ".sac:progress"


def _stored(page, key: str) -> dict | None:
    raw = page.evaluate("key => localStorage.getItem(key)", key)
    return json.loads(raw) if raw else None


def _wait_record(page, key: str, lesson_id: str, answered: int = 1) -> None:
    page.wait_for_function(
        """([key, id, n]) => {
          try { return JSON.parse(localStorage.getItem(key)).lessons[id].answered >= n; }
          catch (e) { return false; }
        }""",
        arg=[key, lesson_id, answered],
    )


def test_two_copies_on_one_origin_keep_apart(browser, built_site, tmp_path: Path):
    """/a/ and /b/ are the same course on one origin: progress in /a/ stays in /a/."""
    root = tmp_path / "origin"
    root.mkdir()
    os.symlink(built_site.site_dir, root / "a")
    os.symlink(built_site.site_dir, root / "b")
    server, url = serve_directory(root)
    context = browser.new_context()
    try:
        course = _course(built_site)
        lesson = _first_module(course)["lessons"][0]
        lesson_url = course["lessons"][lesson]["url"]
        page = context.new_page()
        # A first-round learner: progress under the old key, for the whole origin.
        page.goto(url + "a/")
        old = _progress_file(course, [lesson], name="Dana Okafor")["progress"]
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [LEGACY_KEY, json.dumps(old)])
        page.goto(url + "a/progress/")
        expect(page.locator(f"tr[data-lesson-row='{lesson}']")).to_be_visible()
        migrated = _stored(page, _key("/a/"))
        assert migrated["version"] == 2 and migrated["lessons"][lesson]["status"] == "complete"
        assert migrated["learner"]["name"] == "Dana Okafor"
        assert page.evaluate("k => localStorage.getItem(k)", LEGACY_KEY) is None, (
            "the origin-wide key must be removed once merged"
        )
        # Answer a quiz of another lesson in /a/.
        second = _first_module(course)["lessons"][1]
        page.goto(url + "a/" + course["lessons"][second]["url"])
        _wait_lesson(page, second)
        _answer(page.locator("article .quiz").first, True)
        _wait_record(page, _key("/a/"), second)
        # /b/ sees nothing of it and counts nothing.
        page.goto(url + "b/progress/")
        expect(page.locator("[data-sac-empty]")).to_be_visible()
        summary = page.locator("[data-sac-field='summary']")
        expect(summary).to_contain_text("You have completed 0 of")
        page.goto(url + "b/" + lesson_url)
        _wait_lesson(page, lesson)
        expect(page.locator("[data-sac-lesson-status]")).not_to_contain_text("Lesson complete")
        assert _stored(page, _key("/b/")) is None
        # /a/ still has both lessons.
        assert set(_stored(page, _key("/a/"))["lessons"]) >= {lesson, second}
    finally:
        context.close()
        server.shutdown()


def _store_module(page, site_url: str) -> None:
    """Make ``window.__store`` the page's own store.js module (one module per URL)."""
    page.evaluate(
        "async url => { window.__store = await import(url); }", site_url + "assets/js/store.js"
    )


def test_two_tabs_writing_at_once_lose_nothing(browser, site_url):
    """Two tabs each write 200 lesson records as fast as they can, interleaved."""
    context = browser.new_context()
    try:
        tabs = [context.new_page(), context.new_page()]
        for tab in tabs:
            tab.goto(site_url + "progress/")
            _store_module(tab, site_url)
        # Both loops run at the same time: each is started without waiting for it.
        for n, tab in enumerate(tabs):
            tab.evaluate(
                """([prefix, count]) => { window.__done = false; (async () => {
                  for (let i = 0; i < count; i += 1) {
                    window.__store.recordAnswers(prefix + i, 3,
                      {"quiz-0": {correct: true, at: new Date().toISOString()}});
                    await new Promise((r) => setTimeout(r, 0));
                  }
                  window.__done = true; })(); }""",
                [f"tab{n}/lesson-", 200],
            )
        for tab in tabs:
            tab.wait_for_function("() => window.__done === true", timeout=240000)

        def stored_ids():
            value = _stored(tabs[0], _key("/")) or {}
            return set(value.get("lessons", {})) | set(value.get("retired", {}))

        expected = {f"tab{n}/lesson-{i}" for n in range(2) for i in range(200)}
        # Other tabs' writes arrive as storage events, which merge and write back.
        tabs[0].wait_for_timeout(500)
        deadline = datetime.datetime.now() + datetime.timedelta(seconds=30)
        while expected - stored_ids() and datetime.datetime.now() < deadline:
            tabs[0].wait_for_timeout(200)
        missing = expected - stored_ids()
        assert not missing, f"{len(missing)} of 400 records lost, e.g. {sorted(missing)[:3]}"
    finally:
        context.close()


def test_one_lesson_answered_in_two_tabs_keeps_both_answers(browser, site_url, built_site):
    course = _course(built_site)
    lesson = next(i for i, info in course["lessons"].items() if info.get("quizzes", 0) >= 2)
    context = browser.new_context()
    try:
        tabs = [context.new_page(), context.new_page()]
        for tab in tabs:
            tab.goto(site_url + course["lessons"][lesson]["url"])
            _wait_lesson(tab, lesson)
        _answer(tabs[0].locator("article .quiz").nth(0), True)
        _answer(tabs[1].locator("article .quiz").nth(1), False)
        for tab in tabs:
            _wait_record(tab, _key("/"), lesson, answered=2)
        record = _stored(tabs[0], _key("/"))["lessons"][lesson]
        assert sorted(record["answers"]) == ["quiz-0", "quiz-1"]
        assert record["answered"] == 2 and record["correct"] == 1
    finally:
        context.close()


def test_newer_stored_progress_is_never_overwritten(page_factory, site_url, built_site):
    course = _course(built_site)
    lesson = _first_module(course)["lessons"][0]
    newer = json.dumps({"version": 3, "lessons": {lesson: {"state": "whatever v3 keeps"}}})
    page = page_factory()
    page.goto(site_url)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [_key("/"), newer])
    page.goto(site_url + course["lessons"][lesson]["url"])
    _wait_lesson(page, lesson)
    notice = page.locator(".sac-store-notice")
    expect(notice).to_contain_text("saved by a newer version of this course")
    _answer(page.locator("article .quiz").first, True)
    page.wait_for_timeout(300)
    assert page.evaluate("k => localStorage.getItem(k)", _key("/")) == newer
    assert page.evaluate("k => localStorage.getItem(k)", _key("/") + ":backup") == newer
    page.goto(site_url + "progress/")
    expect(page.locator("[data-sac-field='storage']")).to_contain_text("newer version")
    assert page.evaluate("k => localStorage.getItem(k)", _key("/")) == newer
    # A version given as a string ("1") is not one this code knows either.
    page.evaluate('k => localStorage.setItem(k, \'{"version":"1","lessons":{}}\')', _key("/"))
    page.reload()
    expect(page.locator("[data-sac-field='storage']")).to_contain_text("newer version")
    assert page.page_errors == []


def test_import_waits_for_the_lesson_list_and_reports_a_failed_save(
    page_factory, site_url, built_site, tmp_path
):
    course = _course(built_site)
    lesson = _first_module(course)["lessons"][0]
    good = tmp_path / "progress.json"
    good.write_text(json.dumps(_progress_file(course, [lesson])), encoding="utf-8")

    # course.json unreachable: nothing is imported, and the learner is told why.
    page = page_factory()
    page.route("**/course.json", lambda route: route.abort())
    page.goto(site_url + "progress/")
    page.get_by_label("Import a progress file (.json)").set_input_files(str(good))
    message = page.locator("[data-sac-message='transfer']")
    expect(message).to_contain_text("list of lessons could not be loaded")
    assert _stored(page, _key("/")) is None

    # Storage full: the import says it failed instead of "Imported 1 lesson record".
    full = page_factory()
    full.context.add_init_script(FULL_STORAGE)
    full.goto(site_url + "progress/")
    full.get_by_label("Import a progress file (.json)").set_input_files(str(good))
    message = full.locator("[data-sac-message='transfer']")
    expect(message).to_contain_text("Import failed: the records could not be saved")
    expect(message).to_contain_text("storage for this site is full")

    # An impossible record next to a real one: the real one stays as it was.
    ok = page_factory()
    ok.goto(site_url + "progress/")
    ok.get_by_label("Import a progress file (.json)").set_input_files(str(good))
    expect(ok.locator("[data-sac-message='transfer']")).to_contain_text("Imported 1 lesson record")
    before = _stored(ok, _key("/"))["lessons"][lesson]
    worse = _progress_file(course, [lesson])
    record = worse["progress"]["lessons"][lesson]
    record.update(answered=1000, total=1000, correct=0, completedAt="0001-01-01")
    bad = tmp_path / "worse.json"
    bad.write_text(json.dumps(worse), encoding="utf-8")
    ok.get_by_label("Import a progress file (.json)").set_input_files(str(bad))
    expect(ok.locator("[data-sac-message='transfer']")).to_contain_text(
        "cannot be right for the lesson"
    )
    assert _stored(ok, _key("/"))["lessons"][lesson] == before
