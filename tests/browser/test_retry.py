"""Retry in lessons (issue 15, items 1 and 2), in real Chromium on the real course.

- Options are shuffled for every learner (mkdocs-quiz ``shuffle_answers``).
- After a wrong pick the learner sees the chosen option's explanation and the best
  answer's; "Try again" lets them answer again.
- Scores keep the first attempt; a later right answer marks the question "recovered",
  shown apart from the score.
"""

from __future__ import annotations

import json

from playwright.sync_api import expect
from test_learner import _answer, _course, _first_module, _wait_lesson

KEY = "/.sac:progress"  # the site is served at / (store.js: site path + ".sac:progress")


def _record(page, lesson_id: str) -> dict | None:
    raw = page.evaluate("k => localStorage.getItem(k)", KEY)
    return json.loads(raw)["lessons"].get(lesson_id) if raw else None


def test_options_are_shuffled(built_site):
    course = _course(built_site)
    lesson = _first_module(course)["lessons"][0]
    html = (built_site.site_dir / course["lessons"][lesson]["url"] / "index.html").read_text()
    assert html.count('data-shuffle-answers="true"') == course["lessons"][lesson]["quizzes"]


def test_wrong_then_right_keeps_the_first_attempt_and_marks_it_recovered(
    page_factory, site_url, built_site
):
    course = _course(built_site)
    lesson = _first_module(course)["lessons"][0]
    page = page_factory()
    page.goto(site_url + course["lessons"][lesson]["url"])
    _wait_lesson(page, lesson)
    quiz = page.locator("article .quiz").first
    quiz_id = quiz.get_attribute("id")

    _answer(quiz, False)
    feedback = quiz.locator(".quiz-feedback")
    # The chosen option's explanation, then the best answer's, with its text.
    expect(feedback.locator(".quiz-feedback-item.incorrect")).to_contain_text("Not quite.")
    best = feedback.locator(".sac-best-answer")
    expect(best).to_contain_text("The best answer:")
    correct_label = quiz.locator(
        "label[for='" + quiz.locator("input[data-correct]").first.get_attribute("id") + "']"
    ).inner_text()
    expect(best).to_contain_text(correct_label.strip())
    page.wait_for_function(
        "([k, id, q]) => { try { return !!JSON.parse(localStorage.getItem(k)).lessons[id]"
        ".answers[q]; } catch (e) { return false; } }",
        arg=[KEY, lesson, quiz_id],
    )
    first = _record(page, lesson)["answers"][quiz_id]
    assert first["correct"] is False and first["recovered"] is False

    # Try again, then the right answer.
    retry = quiz.get_by_role("button", name="Try again")
    expect(retry).to_be_visible()
    retry.click()
    expect(feedback).to_be_hidden()
    _answer(quiz, True)
    page.wait_for_function(
        "([k, id, q]) => { try { return JSON.parse(localStorage.getItem(k)).lessons[id]"
        ".answers[q].recovered === true; } catch (e) { return false; } }",
        arg=[KEY, lesson, quiz_id],
    )
    record = _record(page, lesson)
    assert record["answers"][quiz_id]["correct"] is False, "the first attempt counts"
    assert record["correct"] == 0

    # Finish the lesson right the first time: the score is total - 1, the retry apart.
    quizzes = page.locator("article .quiz")
    for index in range(1, quizzes.count()):
        _answer(quizzes.nth(index), True)
    total = quizzes.count()
    status = page.locator("[data-sac-lesson-status]")
    expect(status).to_contain_text(
        f"Lesson complete: {total - 1} of {total} questions answered correctly the first time."
    )
    expect(status).to_contain_text("1 more right on a retry.")
    page.goto(site_url + "progress/")
    expect(page.locator(f"tr[data-lesson-row='{lesson}']")).to_contain_text(
        f"{total - 1} of {total} correct (1 more on a retry)"
    )
    assert page.page_errors == []
