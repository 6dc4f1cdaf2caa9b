"""The SCORM 1.2 and SCORM 2004 packages in a real LMS runtime (scorm-again), in Chromium.

The host page (tests/lms_support.py) plays the LMS: it puts scorm-again's ``window.API``
or ``window.API_1484_11`` on its window and frames the package's launcher, which frames
the course. The learner arrives with 19 of the 20 lessons done in this browser, finishes
the last one by clicking its answers, fails and then passes the final assessment; the test
reads the data model after each step. Closing the launcher ends the session (Terminate on
pagehide, once). A second launch in a fresh browser, given what the LMS kept, restores
the progress and opens the page the learner left.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect
from test_assessment_browser import ANSWER

pytestmark = pytest.mark.browser

VERSIONS = {
    "12": {
        "status": "cmi.core.lesson_status",
        "raw": "cmi.core.score.raw",
        "location": "cmi.core.lesson_location",
        "time": "cmi.core.session_time",
        "exit": "cmi.core.exit",
        "init": "LMSInitialize",
        "finish": "LMSFinish",
    },
    "2004": {
        "status": "cmi.completion_status",
        "success": "cmi.success_status",
        "raw": "cmi.score.raw",
        "scaled": "cmi.score.scaled",
        "location": "cmi.location",
        "time": "cmi.session_time",
        "exit": "cmi.exit",
        "init": "Initialize",
        "finish": "Terminate",
    },
}

GET = """([v, element]) => {
  const api = v === "12" ? window.API : window.API_1484_11;
  return element.split(".").slice(1).reduce((o, k) => (o == null ? o : o[k]), api.cmi);
}"""


def _course(lms_packages) -> dict:
    return json.loads((lms_packages.site_dir / "course.json").read_text(encoding="utf-8"))


def _progress(course: dict, lessons: list[str]) -> dict:
    """Progress as store.js keeps it: these lessons complete, every quiz answered right."""
    records = {}
    for n, lesson_id in enumerate(lessons):
        quizzes = course["lessons"][lesson_id]["quizzes"]
        at = f"2026-11-30T09:{n:02d}:00.000Z"
        records[lesson_id] = {
            "status": "complete",
            "answered": quizzes,
            "correct": quizzes,
            "total": quizzes,
            "completedAt": "2026-11-30",
            "updatedAt": at,
            "answers": {
                f"quiz-{q}": {"correct": True, "at": at, "recovered": False} for q in range(quizzes)
            },
        }
    return {"version": 2, "lessons": records, "assessments": {}, "learner": {"name": ""}}


def _value(page, v: str, element: str):
    return page.evaluate(GET, [v, element])


def _wait_value(page, v: str, element: str, expected: str) -> None:
    page.wait_for_function(
        f"([v, element, expected]) => ({GET})([v, element]) === expected",
        arg=[v, element, expected],
        timeout=15000,
    )


def _course_frame(page):
    """The course page inside the launcher's frame."""
    for _ in range(100):
        for frame in page.frames:
            parent = frame.parent_frame
            inside = parent is not None and parent.url.split("?")[0].endswith("/launch.html")
            if inside and frame.url.startswith("http"):
                return frame
        page.wait_for_timeout(100)
    raise AssertionError("the launcher shows no course page")


def _answer_lesson(frame) -> None:
    frame.wait_for_selector("[data-sac-lesson-status][data-sac-ready]", state="attached")
    quizzes = frame.locator("article .quiz")
    for index in range(quizzes.count()):
        quiz = quizzes.nth(index)
        kind = quiz.locator("fieldset input").first.get_attribute("type")
        for option in quiz.locator("fieldset input[data-correct]").all():
            quiz.locator(f"label[for='{option.get_attribute('id')}']").click()
        if kind == "checkbox":
            quiz.get_by_role("button", name="Submit").click()
        expect(quiz.locator(".quiz-feedback")).to_contain_text("Correct.")


def _take_final(frame, right: int) -> None:
    frame.wait_for_selector(".sac-assessment[data-sac-mounted]")
    frame.get_by_role("button", name=re.compile("^(Start|Retake)")).first.click()
    expect(frame.locator(".sac-exam__question").first).to_be_visible()
    assert frame.evaluate(ANSWER, right) == 12
    frame.get_by_role("button", name="Submit answers").click()
    expect(frame.locator(".sac-result")).to_be_visible()


def _launch(browser, scorm_lms, v: str, *, seed_cmi=None, local=None):
    context = browser.new_context()
    prefix = "/pkg12/" if v == "12" else "/pkg2004/"
    if local is not None:
        key, value = json.dumps(prefix + ".sac:progress"), json.dumps(json.dumps(local))
        context.add_init_script(
            f"(() => {{ if (location.pathname.startsWith({json.dumps(prefix)}) && "
            f"!localStorage.getItem({key})) localStorage.setItem({key}, {value}); }})()"
        )
    if seed_cmi is not None:
        context.add_init_script(
            f"if (location.pathname.startsWith('/host')) window.__lmsSeed = {json.dumps(seed_cmi)};"
        )
    page = context.new_page()
    page.page_errors = []  # type: ignore[attr-defined]
    page.foreign = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda exc: page.page_errors.append(str(exc)))
    page.on(
        "request",
        lambda r: (
            r.url.startswith(("http://127.0.0.1", "about:", "data:", "blob:"))
            or page.foreign.append(r.url)
        ),
    )
    page.goto(f"{scorm_lms.url}host{v}.html?v={v}")
    return context, page


def _close_launcher(page) -> None:
    """The LMS closes the SCO: the launcher's document goes away (pagehide)."""
    page.evaluate("document.getElementById('sco').remove()")
    page.wait_for_timeout(300)


@pytest.mark.parametrize("v", ["12", "2004"])
def test_progress_status_score_and_a_second_launch(browser, scorm_lms, lms_packages, v) -> None:
    names = VERSIONS[v]
    course = _course(lms_packages)
    lessons = list(course["lessons"])
    last = lessons[-1]
    seed = (
        {"core": {"student_name": "Okafor, Ada"}} if v == "12" else {"learner_name": "Okafor, Ada"}
    )
    context, page = _launch(
        browser, scorm_lms, v, seed_cmi=seed, local=_progress(course, lessons[:-1])
    )
    frame = _course_frame(page)
    # Launch: Initialize once, progress mirrored at once (19 of 20 lessons: not complete).
    _wait_value(page, v, names["status"], "incomplete")
    assert _value(page, v, names["location"]) == "index.html"
    suspend = _value(page, v, "cmi.suspend_data")
    assert suspend.startswith('["sac1"') and len(suspend) <= 4000
    assert page.evaluate("window.__lmsCalls").count(names["init"]) == 1
    # The LMS's learner name fills the empty name (certificates), in reading order.
    key = ("/pkg12/" if v == "12" else "/pkg2004/") + ".sac:progress"
    stored = json.loads(frame.evaluate("k => localStorage.getItem(k)", key))
    assert stored["learner"]["name"] == "Ada Okafor"

    # The last lesson, answered by clicking: the course is complete.
    frame.goto(
        scorm_lms.url + ("pkg12/" if v == "12" else "pkg2004/") + course["lessons"][last]["url"]
    )
    frame = _course_frame(page)
    _answer_lesson(frame)
    _wait_value(page, v, names["status"], "completed")
    assert _value(page, v, names["location"]) == course["lessons"][last]["url"]
    if v == "2004":
        assert _value(page, v, "cmi.success_status") == "unknown"
        assert _value(page, v, "cmi.progress_measure") == "1"

    # The final assessment: 9 of 12 (75 %) fails, 11 of 12 (91 %) passes.
    final_url = course["assessments"]["final"]["url"]
    frame.goto(scorm_lms.url + ("pkg12/" if v == "12" else "pkg2004/") + final_url)
    frame = _course_frame(page)
    _take_final(frame, 9)
    if v == "12":
        _wait_value(page, v, names["status"], "failed")
    else:
        _wait_value(page, v, names["success"], "failed")
    assert _value(page, v, names["raw"]) == "75"
    _take_final(frame, 11)
    if v == "12":
        _wait_value(page, v, names["status"], "passed")
        assert _value(page, v, "cmi.core.score.min") == "0"
        assert _value(page, v, "cmi.core.score.max") == "100"
    else:
        _wait_value(page, v, names["success"], "passed")
        assert _value(page, v, names["status"]) == "completed"
        assert _value(page, v, names["scaled"]) == "0.91"
    assert _value(page, v, names["raw"]) == "91"
    assert _value(page, v, names["location"]) == final_url

    # The LMS closes the SCO: Terminate once, with the session time and exit=suspend.
    _close_launcher(page)
    calls = page.evaluate("window.__lmsCalls")
    assert calls.count(names["init"]) == 1 and calls.count(names["finish"]) == 1
    written = page.evaluate("window.__lmsSet")  # write-only elements, as the SCO set them
    assert written[names["exit"]] == "suspend"
    time = written[names["time"]]
    assert re.fullmatch(r"\d{4}:\d{2}:\d{2}\.\d{2}" if v == "12" else r"PT[\dHMS.]+", time), time
    suspend = _value(page, v, "cmi.suspend_data")
    assert len(suspend) <= 4000
    kept = (
        {"suspend_data": suspend, "core": {"lesson_location": final_url, "entry": "resume"}}
        if v == "12"
        else {"suspend_data": suspend, "location": final_url, "entry": "resume"}
    )
    assert page.page_errors == [] and page.foreign == []
    context.close()

    # A second launch on another device: the LMS's data restores everything.
    context, page = _launch(browser, scorm_lms, v, seed_cmi=kept)
    frame = _course_frame(page)
    assert frame.url.endswith(final_url), "the learner comes back where they left"
    page.wait_for_function(
        "([k, n]) => { const f = document.getElementById('sco').contentDocument"
        ".querySelector('iframe'); const s = f && f.contentWindow.localStorage.getItem(k);"
        " return s && Object.keys(JSON.parse(s).lessons).length === n; }",
        arg=[key, len(lessons)],
    )
    restored = json.loads(frame.evaluate("k => localStorage.getItem(k)", key))
    assert all(restored["lessons"][i]["status"] == "complete" for i in lessons)
    assert restored["assessments"]["final"]["best"]["percent"] == 91
    assert restored["assessments"]["final"]["first"]["percent"] == 75
    if v == "12":
        _wait_value(page, v, names["status"], "passed")
    else:
        _wait_value(page, v, names["success"], "passed")
    # The certificate is earned on this device too.
    frame.goto(scorm_lms.url + ("pkg12/" if v == "12" else "pkg2004/") + "progress/index.html")
    frame = _course_frame(page)
    expect(frame.locator("[data-certificate]")).to_have_attribute("data-state", "earned")
    assert page.page_errors == []
    context.close()


def test_without_an_lms_the_package_runs_as_a_site_and_says_so_once(browser, scorm_lms) -> None:
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(scorm_lms.url + "pkg12/launch.html")
    note = page.locator("[data-launch-note]")
    expect(note).to_be_visible()
    expect(note).to_contain_text("No learning system was found")
    frame = _course_frame(page)
    assert frame.url.endswith("/pkg12/index.html")
    # Moving around the course does not say it again: the note is the launcher's.
    frame.locator("a[href$='progress/index.html']").first.click()
    frame = _course_frame(page)
    frame.wait_for_url(re.compile(r"progress/index\.html$"))
    assert page.locator("[data-launch-note]").count() == 1
    # Search works from the package (English needs none of lunr's language files, which
    # the package leaves out), and a result, a folder address, opens its index.html.
    frame.locator(".md-search__input").click()
    frame.wait_for_function("() => !!window.document$")
    # Typed key by key, as a learner does: Material reads the query on keyup (and once
    # when its search mounts), so fill()'s lone input event was missed when the search
    # mounted between the bundle's arrival and the fill (a CI run at load 8).
    frame.locator(".md-search__input").press_sequentially("pushing")
    result = frame.locator(".md-search-result__link").first
    expect(result).to_be_visible(timeout=15000)
    result.click()
    frame = _course_frame(page)
    frame.wait_for_url(re.compile(r"/pkg12/([a-z-]+/)*index\.html\?h=pushing(#.*)?$"))
    assert errors == []
    context.close()


def test_broken_suspend_data_loses_nothing(browser, scorm_lms, lms_packages) -> None:
    course = _course(lms_packages)
    lessons = list(course["lessons"])[:3]
    seed = {"suspend_data": '["sac1",{broken', "core": {"lesson_location": "../../evil.html"}}
    context, page = _launch(
        browser, scorm_lms, "12", seed_cmi=seed, local=_progress(course, lessons)
    )
    frame = _course_frame(page)
    assert frame.url.endswith("/pkg12/index.html"), "a bad location opens the home page"
    # The browser's own progress is kept and mirrored: the LMS gets valid suspend data.
    page.wait_for_function(f"() => ({GET})(['12', 'cmi.suspend_data']).startsWith('[\"sac1\"')")
    suspend = _value(page, "12", "cmi.suspend_data")
    for lesson_id in lessons:
        assert lesson_id.split("/")[1] in suspend
    stored = json.loads(frame.evaluate("k => localStorage.getItem(k)", "/pkg12/.sac:progress"))
    assert set(stored["lessons"]) == set(lessons)
    assert page.page_errors == []
    context.close()


def test_an_lms_that_will_not_start_a_session_is_named_and_nothing_breaks(browser, scorm_lms):
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{scorm_lms.url}host2004.html?v=2004&started=1")
    frame = _course_frame(page)
    launcher = next(f for f in page.frames if f.url.endswith("/launch.html"))
    expect(launcher.locator("[data-launch-note]")).to_contain_text(
        "could not connect to your learning system (it did not start a session, error 103)"
    )
    assert frame.url.endswith("/pkg2004/index.html")
    assert errors == []
    context.close()
