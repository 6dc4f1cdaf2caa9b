"""Honest progress (issue 18, item 5): a lesson imported from another device shows its
answered questions locked as they were, and its score stays the first attempt's.
"""

from __future__ import annotations

import pytest
from conftest import DESKTOP
from playwright.sync_api import expect
from test_learner import (
    _answer_all,
    _axe,
    _course,
    _first_module,
    _open,
    _stored,
    _wait_lesson,
)

pytestmark = pytest.mark.browser


def test_an_imported_lesson_shows_its_answers_locked_and_keeps_its_score(
    page_factory, site_url, built_site, tmp_path
):
    course = _course(built_site)
    lesson = _first_module(course)["lessons"][0]
    total = course["lessons"][lesson]["quizzes"]
    url = site_url + course["lessons"][lesson]["url"]

    # The first device: the first question wrong, the others right; a progress file.
    first = _open(page_factory, site_url, built_site, **DESKTOP)
    first.goto(url)
    _wait_lesson(first, lesson)
    right = _answer_all(first, first_wrong=True)
    assert right == total - 1
    first.goto(site_url + "progress/")
    with first.expect_download() as download:
        first.get_by_role("button", name="Download progress file").click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    # On the device it was answered on, a question stays mkdocs-quiz's: "Try again"
    # empties it and it is not locked.
    first.goto(url)
    _wait_lesson(first, lesson)
    first.locator("article .quiz").first.get_by_role("button", name="Try again").click()
    first.reload()
    _wait_lesson(first, lesson)
    expect(first.locator("article .sac-answered-elsewhere")).to_have_count(0)
    expect(first.locator("article .quiz").first.locator("fieldset input").first).to_be_enabled()

    # The second device imports it and opens the lesson.
    second = _open(page_factory, site_url, built_site, **DESKTOP)
    second.goto(site_url + "progress/")
    second.get_by_label("Import a progress file (.json)").set_input_files(str(exported))
    expect(second.locator("[data-sac-message='transfer']")).to_contain_text(
        "Imported 1 lesson record (1 complete)."
    )
    before = _stored(second)["lessons"][lesson]
    second.goto(url)
    _wait_lesson(second, lesson)
    quizzes = second.locator("article .quiz")
    expect(quizzes).to_have_count(total)
    for index in range(total):
        quiz = quizzes.nth(index)
        note = quiz.locator(".sac-answered-elsewhere")
        expect(note).to_be_visible()
        expect(note).to_contain_text(
            "not right the first time." if index == 0 else "right the first time."
        )
        expect(note).to_contain_text("locked")
        # Locked: every option and button disabled, none shown as chosen (the saved
        # progress does not say which one was), the note describes the group.
        for control in quiz.locator("input, button").all():
            expect(control).to_be_disabled()
        expect(quiz.locator("input:checked")).to_have_count(0)
        described = quiz.locator("fieldset").get_attribute("aria-describedby") or ""
        assert note.get_attribute("id") in described.split()
    expect(second.locator("[data-sac-lesson-status]")).to_contain_text(
        f"Lesson complete: {right} of {total} questions answered correctly the first time."
    )

    # Trying again changes nothing: no feedback, the same record.
    wrong_one = quizzes.nth(0)
    option = wrong_one.locator("fieldset input[data-correct]").first
    wrong_one.locator(f"label[for='{option.get_attribute('id')}']").click(force=True)
    expect(wrong_one.locator(".quiz-feedback .quiz-feedback-item")).to_have_count(0)
    second.reload()
    _wait_lesson(second, lesson)
    expect(second.locator("article .quiz .sac-answered-elsewhere")).to_have_count(total)
    after = _stored(second)["lessons"][lesson]
    assert (after["correct"], after["answered"], after["answers"]) == (
        before["correct"],
        before["answered"],
        before["answers"],
    )
    assert _axe(second, context="{include: [['article']]}") == []

    # A reset unlocks the questions again: a fresh start.
    second.goto(site_url + "progress/")
    second.get_by_role("button", name="Reset my progress…").click()
    second.get_by_role("button", name="Yes, delete my progress").click()
    second.goto(url)
    _wait_lesson(second, lesson)
    expect(second.locator("article .sac-answered-elsewhere")).to_have_count(0)
    expect(quizzes.nth(0).locator("fieldset input").first).to_be_enabled()
    assert second.page_errors == []
