"""Assignment-aware navigation in real Chromium (issue 18, item 2).

While the assignment a learner opened is not finished, its lessons say "Lesson 1 of 2 in
your assignment" (on the page before the first paint, so nothing moves), their Next step
points to the next assigned lesson with the course order as the second link, and the home
page's main action continues the assignment. Once every assigned lesson is done, the
lesson says to send the report and the navigation follows the course again.
"""

from __future__ import annotations

import pytest
from conftest import PHONE
from playwright.sync_api import expect
from test_learner import _answer_all, _course, _wait_lesson

pytestmark = pytest.mark.browser

WATCH = """document.addEventListener('DOMContentLoaded', () => {
  const line = document.querySelector('[data-sac-assignment]');
  window.__atParse = line ? {text: line.textContent, shown: !line.hidden} : null;
  window.__shifts = 0;
  new PerformanceObserver((list) => list.getEntries().forEach((e) => {
    if (!e.hadRecentInput) window.__shifts += e.value; }))
    .observe({type: 'layout-shift', buffered: true});
})"""


def _lesson(page, site_url: str, course: dict, lesson_id: str) -> None:
    page.goto(site_url + course["lessons"][lesson_id]["url"])
    _wait_lesson(page, lesson_id)
    page.wait_for_selector("article[data-sac-ready]", state="attached")


def test_an_open_assignment_guides_its_lessons_and_the_home_page(
    page_factory, site_url, built_site
):
    course = _course(built_site)
    modules = course["modules"]
    # Two lessons from two modules, the later module first: not the course order.
    first, second = modules[1]["lessons"][0], modules[0]["lessons"][0]
    titles = {i: course["lessons"][i]["title"] for i in (first, second)}
    page = page_factory(**PHONE)
    page.goto(f"{site_url}assignment/#v=2&t=Week%201&due=2099-01-01&l={first},{second}&end=1")
    page.locator("[data-assignment-lessons] a").first.wait_for()

    # The home page continues the assignment, not the course's first lesson.
    page.goto(site_url)
    page.wait_for_selector("article[data-sac-ready]", state="attached")
    main = page.locator("[data-sac-main]")
    expect(main).to_have_text("Start here: " + titles[first])
    expect(page.locator("[data-home-assignment]")).to_contain_text(
        "Your assignment \u201cWeek 1\u201d: 0 of 2 lessons done. Due "
    )

    # The assigned lesson says where it sits, from the first paint.
    page.add_init_script(WATCH)
    _lesson(page, site_url, course, first)
    line = page.locator("[data-sac-assignment]")
    expect(line).to_have_text("Lesson 1 of 2 in your assignment \u201cWeek 1\u201d")
    assert page.evaluate("window.__atParse") == {"text": line.text_content(), "shown": True}
    expect(line.get_by_role("link", name="\u201cWeek 1\u201d")).to_have_attribute(
        "href", site_url + "assignment/"
    )
    next_step = page.get_by_role("navigation", name="Next step")
    assigned = next_step.locator("[data-sac-assignment-next]")
    expect(assigned).to_contain_text("Next in your assignment \u201cWeek 1\u201d (lesson 2 of 2): ")
    expect(assigned.locator(f"a[data-lesson='{second}']")).to_contain_text(titles[second])
    # The course order stays, as the second link.
    expect(next_step.locator("[data-sac-course-next]")).to_have_text("Next in the course: ")
    following = modules[1]["lessons"][1]
    expect(
        next_step.locator(f"p:has([data-sac-course-next]) a[data-lesson='{following}']")
    ).to_be_visible()
    page.wait_for_timeout(500)  # layout shifts have no "no more" event
    assert page.evaluate("window.__shifts") < 0.005

    # Both done: the last one says to send the report.
    _answer_all(page)
    expect(assigned).to_contain_text(f"(lesson 2 of 2): {titles[second]}")
    _lesson(page, site_url, course, second)
    expect(page.locator("[data-sac-assignment]")).to_have_text(
        "Lesson 2 of 2 in your assignment \u201cWeek 1\u201d"
    )
    expect(page.locator("[data-sac-assignment-next]")).to_contain_text(
        "This is the last lesson of your assignment \u201cWeek 1\u201d still to finish."
    )
    _answer_all(page)
    finished = page.locator("[data-sac-assignment-next]")
    expect(finished).to_have_text(
        "You finished every lesson of your assignment \u201cWeek 1\u201d. "
        "Send your report to your lead."
    )
    expect(finished.get_by_role("link", name="Send your report to your lead")).to_have_attribute(
        "href", site_url + "assignment/"
    )
    # The line at the top stays while the page is open (taking it away would move the page).
    expect(page.locator("[data-sac-assignment]")).to_be_visible()

    # Finished, so no longer open: the course order again, and home says what is left to do.
    _lesson(page, site_url, course, first)
    expect(page.locator("[data-sac-assignment]")).to_be_hidden()
    expect(page.locator("[data-sac-course-next]")).to_have_text("Next lesson: ")
    page.goto(site_url)
    page.wait_for_selector("article[data-sac-ready]", state="attached")
    expect(page.locator("[data-home-assignment]")).to_have_text(
        "You finished every lesson of your assignment \u201cWeek 1\u201d. "
        "Send your report to your lead."
    )
    assert not main.text_content().endswith(titles[first])
    assert page.page_errors == [] and page.foreign_requests == []
