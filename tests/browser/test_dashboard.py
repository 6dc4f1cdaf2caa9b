"""The home page as a course dashboard in real Chromium (issue 18, item 1).

One main action that follows the learner (Start -> Continue <lesson> -> Take the final
assessment -> See your certificate), a card per module with a named progress bar and the
module check's result, the open assignment with its due date, reviews due. Without
JavaScript the page is a plain list; with it, what the scripts fill in is on the page
before the first paint, in the same words, so nothing moves (layout shifts measured).
"""

from __future__ import annotations

import datetime
import json

import pytest
from conftest import PHONE
from playwright.sync_api import expect
from test_learner import _answer_all, _axe, _course, _first_module, _wait_lesson

pytestmark = pytest.mark.browser

STORE_KEY = "/.sac:progress"
VIEW_KEY = "/.sac:view"
ASSIGNMENT_KEY = "/.sac:assignment"
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
# What the dashboard shows when the page is parsed, and every layout shift after it.
WATCH = """document.addEventListener('DOMContentLoaded', () => {
  const text = (s) => { const e = document.querySelector(s); return e ? e.textContent : null; };
  const box = document.querySelector('.sac-continue');
  window.__atParse = {main: text('[data-sac-main]'), where: text('.sac-continue__body'),
    assignment: text('[data-home-assignment]'), box: !!box && !box.hidden,
    overdue: !!document.querySelector('[data-home-assignment][data-overdue]')};
  window.__shifts = 0;
  new PerformanceObserver((list) => list.getEntries().forEach((e) => {
    if (!e.hadRecentInput) window.__shifts += e.value; }))
    .observe({type: 'layout-shift', buffered: true});
})"""


def _result(correct: int, passed: bool) -> dict:
    """An attempt at 6 questions (the store counts the percent from them: 3 is 50 %, 5 is 83 %)."""
    return {
        "percent": correct * 100 // 6,
        "correct": correct,
        "total": 6,
        "passed": passed,
        "at": "2026-12-01T10:00:00.000Z",
        "modules": {},
    }


def _complete(course: dict, ids: list[str]) -> dict:
    day = datetime.date.today().isoformat()
    return {
        lesson: {
            "status": "complete",
            "answered": course["lessons"][lesson]["quizzes"],
            "correct": 1,
            "total": course["lessons"][lesson]["quizzes"],
            "completedAt": day,
            "updatedAt": f"{day}T08:00:00.000Z",
            "answers": {},
        }
        for lesson in ids
    }


def _store(page, lessons: dict, assessments: dict | None = None) -> None:
    state = {
        "version": 2,
        "lessons": lessons,
        "assessments": assessments or {},
        "reviews": {},
        "retired": {},
        "learner": {"name": "", "updatedAt": None},
    }
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORE_KEY, json.dumps(state)])


def _home(page, site_url: str) -> None:
    page.goto(site_url)
    page.wait_for_selector("article[data-sac-ready]", state="attached")


def test_the_main_action_follows_the_learner_to_the_certificate(page_factory, site_url, built_site):
    course = _course(built_site)
    module = _first_module(course)
    first = module["lessons"][0]
    page = page_factory(**DESKTOP)
    _home(page, site_url)
    main = page.locator("[data-sac-main]")
    expect(main).to_have_text("Start here: " + course["lessons"][first]["title"])
    expect(page.locator(".sac-continue")).to_be_hidden()

    # A lesson done: the next one, and the card's bar says how far the module is.
    main.click()
    _wait_lesson(page, first)
    _answer_all(page)
    _home(page, site_url)
    second = module["lessons"][1]
    expect(main).to_have_text("Continue: " + course["lessons"][second]["title"])
    expect(main).to_have_attribute("data-kind", "continue")
    count = len(module["lessons"])
    bar = page.get_by_role("progressbar", name=f"{module['title']} 1 of {count} lessons complete")
    expect(bar).to_have_attribute("value", "1")
    expect(bar).to_have_attribute("max", str(count))
    check = page.locator(f"[data-assessment-result='{module['id']}']")
    expect(check).to_have_text("Your result: Not taken yet")

    # Every lesson done and the module check passed: the final assessment is next.
    _store(
        page,
        _complete(course, list(course["lessons"])),
        {module["id"]: {"attempts": 2, "first": _result(3, False), "best": _result(5, True)}},
    )
    _home(page, site_url)
    expect(main).to_have_text("Take the final assessment")
    expect(main).to_have_attribute("href", course["assessments"]["final"]["url"])
    expect(check).to_have_text("Your result: Passed · best 83 % · 2 attempts")
    expect(page.locator(".sac-continue__body")).to_contain_text("You have completed every lesson.")
    expect(
        page.get_by_role("progressbar", name=f"{module['title']} All {count} lessons complete")
    ).to_be_visible()

    # The final assessment passed: the certificate.
    _store(
        page,
        _complete(course, list(course["lessons"])),
        {"final": {"attempts": 1, "first": _result(5, True), "best": _result(5, True)}},
    )
    _home(page, site_url)
    expect(main).to_have_text("See your certificate")
    main.click()
    page.wait_for_url(site_url + "progress/#certificate")
    expect(page.locator("[data-certificate]")).to_have_attribute("data-state", "earned")
    assert page.page_errors == [] and page.foreign_requests == []


def test_a_returning_learner_sees_the_dashboard_from_the_first_paint(
    page_factory, site_url, built_site
):
    """An open, overdue assignment, a lesson in progress: on a phone, the main action and
    the box's lines are on the page when it is parsed, in the words the script then
    draws, and nothing moves."""
    course = _course(built_site)
    module = _first_module(course)
    first, second = module["lessons"][0], module["lessons"][1]
    other = course["modules"][1]["lessons"][0]
    page = page_factory(**PHONE)
    page.goto(site_url + course["lessons"][first]["url"])
    lessons = _complete(course, [first])
    lessons[second] = dict(lessons[first], status="in-progress", answered=1, completedAt=None)
    _store(page, lessons)
    page.evaluate(
        "([k, v]) => localStorage.setItem(k, v)",
        [ASSIGNMENT_KEY, f"v=2&t=Week%201&due=2020-01-06&l={second},{other}&end=1"],
    )
    _home(page, site_url)  # progress.js keeps the view the inline script reads
    page.add_init_script(WATCH)
    page.reload()
    page.wait_for_selector("article[data-sac-ready]", state="attached")
    at_parse = page.evaluate("window.__atParse")
    main = page.locator("[data-sac-main]")
    expect(main).to_have_text("Continue: " + course["lessons"][second]["title"])
    assert at_parse["box"] is True and at_parse["overdue"] is True
    assert at_parse["main"] == main.text_content()
    assert at_parse["where"] == page.locator(".sac-continue__body").text_content()
    line = page.locator("[data-home-assignment]")
    assert at_parse["assignment"] == line.text_content()
    expect(line).to_contain_text(
        "Your assignment \u201cWeek 1\u201d: 0 of 2 lessons done. Due Monday, January 6, 2020:"
    )
    expect(line).to_contain_text("days overdue")
    expect(line).to_have_attribute("data-overdue", "true")
    expect(line.get_by_role("link", name="\u201cWeek 1\u201d")).to_have_attribute(
        "href", site_url + "assignment/"
    )
    expect(page.locator(".sac-continue__body")).to_contain_text("Pick up where you stopped")
    # A bounded wait for a negative check: layout shifts have no "no more" event.
    page.wait_for_timeout(500)
    assert page.evaluate("window.__shifts") < 0.005
    assert _axe(page) == []
    assert page.page_errors == []


def test_without_javascript_the_dashboard_is_a_plain_list(browser, site_url, built_site):
    course = _course(built_site)
    context = browser.new_context(java_script_enabled=False, **PHONE)
    try:
        page = context.new_page()
        page.goto(site_url)
        first = next(iter(course["lessons"]))
        start = page.get_by_role("link", name="Start here: " + course["lessons"][first]["title"])
        expect(start).to_be_visible()
        expect(page.locator(".sac-continue")).to_be_hidden()
        cards = page.locator("ol.sac-modules > li")
        expect(cards).to_have_count(len(course["modules"]))
        for index, module in enumerate(course["modules"]):
            card = cards.nth(index)
            expect(card.get_by_role("heading", name=module["title"])).to_be_visible()
            expect(card.locator("ol li")).to_have_count(len(module["lessons"]))
            # Nothing a script would fill in shows without one.
            expect(card.locator("progress")).to_be_hidden()
            expect(card.locator("[data-assessment-result]")).to_be_hidden()
        expect(
            page.get_by_role("link", name=course["assessments"]["final"]["title"])
        ).to_be_visible()
    finally:
        context.close()
