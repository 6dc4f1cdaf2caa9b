"""Spaced review in real Chromium (issue 15, items 6-8), with Playwright's clock.

Answered questions are due the next day: after the clock moves forward, the home page
says how many (``data-review-due``), the Review page asks them one at a time with
feedback and reschedules each (3 days after a right review, 1 after a wrong one), and
offers a "remind me" calendar file; module 2's overview opens with a warm-up of two
questions from module 1. A first-round (version 1) store migrates without loss.
"""

from __future__ import annotations

import datetime
import json

from playwright.sync_api import expect
from test_learner import _answer, _course, _wait_lesson

KEY = "/.sac:progress"  # the site is served at / (store.js: site path + ".sac:progress")
START = datetime.datetime(2026, 12, 1, 9, 0, 0)
# Pick the right (or one wrong) option of the review question on screen, by the text
# of the lesson page's options.
PICK = """async ([url, right]) => {
  const html = await (await fetch(url)).text();
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const truth = {};
  doc.querySelectorAll('.quiz fieldset > div').forEach((d) => {
    truth[d.querySelector('label').textContent.trim()] =
      d.querySelector('input').getAttribute('data-correct') === 'true';
  });
  const text = (r) => r.querySelector('label').textContent.trim();
  const rows = [...document.querySelectorAll('.sac-review__question .sac-exam__option')];
  const pick = rows.filter((r) => truth[text(r)] === right);
  (right ? pick : pick.slice(0, 1)).forEach((r) => r.querySelector('input').click());
}"""


def _stored(page) -> dict:
    raw = page.evaluate("k => localStorage.getItem(k)", KEY)
    return json.loads(raw) if raw else {}


def test_answers_come_back_for_review_and_warm_up(page_factory, site_url, built_site, tmp_path):
    course = _course(built_site)
    first_module = course["modules"][0]
    lesson = first_module["lessons"][0]
    page = page_factory()
    page.clock.install(time=START)
    page.goto(site_url + course["lessons"][lesson]["url"])
    _wait_lesson(page, lesson)
    quizzes = page.locator("article .quiz")
    count = quizzes.count()
    for index in range(count):
        _answer(quizzes.nth(index), index != 0)  # the first one wrong
    page.wait_for_function(
        "([k, id, n]) => { try { return Object.keys(JSON.parse(localStorage.getItem(k))"
        ".lessons[id].answers).length === n; } catch (e) { return false; } }",
        arg=[KEY, lesson, count],
    )

    # The same day: nothing due yet.
    page.goto(site_url + "review/")
    summary = page.locator(".sac-review__summary")
    expect(summary).to_contain_text("Nothing to review today")
    expect(summary).to_contain_text("Your next review")

    # Two days later.
    page.clock.set_system_time(START + datetime.timedelta(days=2))
    page.goto(site_url)
    due = page.locator("[data-review-due]")
    expect(due).to_have_attribute("data-review-due", str(count))
    expect(due).to_contain_text(f"{count} questions to review today")

    page.goto(site_url + "review/")
    expect(page.locator(".sac-review__summary")).to_contain_text(
        f"{count} questions to review today"
    )
    page.get_by_role("button", name="Start the review").click()
    for number in range(count):
        form = page.locator(".sac-review__question")
        expect(form).to_contain_text(f"Question {number + 1} of {count}")
        # Nothing is shown before the answer is checked.
        assert form.locator(".sac-verdict").count() == 0
        wrong = number == 0
        # The options are the lesson's: pick by the lesson page's correct option text.
        page.evaluate(PICK, [site_url + course["lessons"][lesson]["url"], not wrong])
        page.get_by_role("button", name="Check answer").click()
        expect(form.locator(".sac-verdict")).to_have_text("Not quite." if wrong else "Correct.")
        if wrong:
            expect(form.locator(".sac-result__best")).to_contain_text("The best answer:")
        page.get_by_role(
            "button", name="Finish" if number == count - 1 else "Next question"
        ).click()
    expect(summary).to_contain_text(f"You reviewed {count} questions")
    reviews = _stored(page)["reviews"]
    assert len(reviews) == count
    days = sorted(r["due"] for r in reviews.values())
    assert days[0] == "2026-12-04" and days[-1] == "2026-12-06", (
        days
    )  # 1 day after wrong, 3 after right

    # Remind me: a calendar file for the next review day.
    with page.expect_download() as info:
        page.get_by_role("button", name="Remind me (calendar file)").click()
    ics = tmp_path / "review.ics"
    info.value.save_as(ics)
    text = ics.read_text(encoding="utf-8")
    assert "DTSTART;VALUE=DATE:20261204" in text and "SUMMARY:Review: 1 question" in text

    # Module 2 opens with a warm-up from module 1.
    second = course["modules"][1]
    page.goto(site_url + second["url"])
    warmup = page.locator(".sac-warmup")
    expect(warmup).to_be_visible()
    expect(warmup.get_by_role("heading", name="Warm-up")).to_be_visible()
    warmup.get_by_role("button", name="Start the warm-up").click()
    expect(warmup.locator(".sac-review__question")).to_contain_text("Question 1 of 2")
    assert page.page_errors == []


def test_a_first_round_store_migrates_without_loss(page_factory, site_url, built_site):
    course = _course(built_site)
    ids = list(course["lessons"])[:3]
    day = datetime.date.today().isoformat()
    old = {
        "version": 1,
        "lessons": {
            i: {
                "status": "complete",
                "answered": course["lessons"][i]["quizzes"],
                "correct": 1,
                "total": course["lessons"][i]["quizzes"],
                "completedAt": day,
                "updatedAt": f"{day}T08:00:00.000Z",
            }
            for i in ids
        },
        "learner": {"name": "Dana Okafor"},
    }
    page = page_factory()
    page.goto(site_url)
    page.evaluate("v => localStorage.setItem('sac:progress:v1', v)", json.dumps(old))
    page.goto(site_url + "progress/")
    for lesson in ids:
        expect(page.locator(f"tr[data-lesson-row='{lesson}']")).to_contain_text("1 of ")
    state = _stored(page)
    assert state["version"] == 2 and set(ids) <= set(state["lessons"])
    assert state["learner"]["name"] == "Dana Okafor"
    assert page.evaluate("() => localStorage.getItem('sac:progress:v1')") is None
