"""The learner's experience in a real browser: quizzes, progress, resume, certificate.

Acts as a learner would, at a phone and a desktop viewport: clicks option labels and
reads the visible feedback, moves with Material's instant navigation and the back
button, reloads, and uses the "Your progress" page (certificate, export, import,
reset). Also hostile conditions: corrupted stored values, storage blocked or full.
axe-core scans every page of the built site in the light and the dark scheme, before
and after answering (WCAG 2.0/2.1/2.2 A and AA tags). Nothing may be requested from
another origin and no page may raise an uncaught error.

The lessons used are read from the built ``course.json``, so the tests follow the
course outline instead of hard-coding titles.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import axe_playwright_python
import pytest
from conftest import engage
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

AXE = Path(axe_playwright_python.__file__).parent / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
STORE_KEY = "/.sac:progress"  # the site is served at / (store.js: site path + ".sac:progress")
NAME = "Dana Okafor-Lindqvist"
MARKER = "window.__sacTestMarker"

BLOCKED_STORAGE = """
Object.defineProperty(window, "localStorage", {
  configurable: true,
  get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
});
"""
FULL_STORAGE = """
Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};
"""


# --------------------------------------------------------------------------- helpers


def _open(page_factory, site_url, built_site, **options):
    """A fresh page (the shared fixture builds with site_url = the test server's
    address, so Material's instant navigation works there)."""
    return page_factory(**options)


def _course(built_site) -> dict:
    return json.loads((built_site.site_dir / "course.json").read_text(encoding="utf-8"))


def _first_module(course: dict) -> dict:
    module = next(m for m in course["modules"] if len(m["lessons"]) >= 2)
    return module


def _wait_lesson(page, lesson_id: str) -> None:
    """Wait until the page shows ``lesson_id`` (after a load or an instant navigation)."""
    page.wait_for_function(
        "id => { const m = document.querySelector('meta[name=\"course:lesson\"]');"
        " return m && m.content === id && document.querySelector('article .quiz form') }",
        arg=lesson_id,
    )
    # progress.js has looked at this page (it marks the status line it filled in)
    page.wait_for_selector("[data-sac-lesson-status][data-sac-ready]", state="attached")


def _answer(quiz, correct: bool) -> str:
    """Answer one quiz by clicking option labels; returns the visible feedback text."""
    kind = quiz.locator("fieldset input").first.get_attribute("type")
    options = quiz.locator(
        "fieldset input[data-correct]" if correct else "fieldset input:not([data-correct])"
    )
    targets = options.all() if correct else options.all()[:1]
    assert targets, "quiz without the option this test needs"
    for option in targets:
        quiz.locator(f"label[for='{option.get_attribute('id')}']").click()
    if kind == "checkbox":
        quiz.get_by_role("button", name="Submit").click()
    feedback = quiz.locator(".quiz-feedback")
    expect(feedback).to_be_visible()
    expect(feedback).to_contain_text("Correct." if correct else "Not quite.")
    return feedback.inner_text()


def _answer_all(page, first_wrong: bool = False) -> int:
    """Answer every unanswered quiz on the page; returns how many were answered correctly."""
    quizzes = page.locator("article .quiz")
    count = quizzes.count()
    assert count >= 1
    right = 0
    for index in range(count):
        quiz = quizzes.nth(index)
        if quiz.locator(".quiz-feedback").is_visible():
            continue
        correct = not (first_wrong and index == 0)
        _answer(quiz, correct)
        right += int(correct)
    return right


def _stored(page) -> dict | None:
    raw = page.evaluate(
        "key => { try { return localStorage.getItem(key); } catch (e) { return null; } }", STORE_KEY
    )
    return json.loads(raw) if raw else None


def _wait_saved(page, lesson_id: str) -> None:
    """Wait until the progress script has saved a record for ``lesson_id``.

    Every save goes through store.js, which stamps the record's ``updatedAt``;
    a value a test planted (corrupted or not) never has one. Answering a quiz
    shows its feedback at once, but the script records it a task later, so a
    test that reads storage right after an answer must wait for this."""
    page.wait_for_function(
        """([key, id]) => {
          try {
            const record = JSON.parse(localStorage.getItem(key)).lessons[id];
            return typeof record.updatedAt === "string" && record.answered >= 1;
          } catch (e) { return false; }
        }""",
        arg=[STORE_KEY, lesson_id],
    )


def _instant(page, link) -> None:
    """Follow a link and check Material handled it without a full page load.

    Material's bundle loads on the first interaction and intercepts link clicks
    only once it has fetched the sitemap (a quick reader would get a normal page
    load): ``engage`` waits for both.
    """
    engage(page)
    link.click()
    page.wait_for_load_state("domcontentloaded")
    assert page.evaluate(MARKER) == 1, "the click caused a full page load, not instant navigation"


def _instant_to(page, url: str) -> None:
    """Click a same-site link to ``url`` (added to the page) with instant navigation."""
    page.evaluate(
        "href => { const a = document.createElement('a'); a.href = href; a.id = 'sac-test-link';"
        " a.textContent = 'Go'; document.querySelector('article').appendChild(a); }",
        url,
    )
    # Keyboard, not the mouse: a pointer left over the new page would show hover
    # colours to the axe scan.
    engage(page)
    page.locator("#sac-test-link").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state("domcontentloaded")
    assert page.evaluate(MARKER) == 1, (
        f"going to {url} caused a full page load, not instant navigation"
    )
    try:
        page.wait_for_function(
            "href => location.href.split('#')[0] === href", arg=url, timeout=15000
        )
    except Exception as exc:  # noqa: BLE001 - name the page in the failure
        raise AssertionError(f"instant navigation to {url} did not arrive (at {page.url})") from exc


def _clean(page) -> None:
    assert page.page_errors == [], page.page_errors
    assert page.foreign_requests == [], page.foreign_requests


def _inject_axe(page) -> None:
    """axe-core into the page, evaluated through the DevTools protocol: the page's
    Content-Security-Policy (hooks/csp.py) refuses an injected <script> tag, as it should."""
    page.evaluate(AXE.read_text(encoding="utf-8"))


def _axe(page, inject: bool = True, context: str = "document", label: str = "") -> list[str]:
    """axe-core violations (WCAG 2.0-2.2 A/AA tags) of the page, as "url rule: targets"
    (``label``, when given, follows the URL in brackets)."""
    if inject:
        _inject_axe(page)
    violations = page.evaluate(
        """async tags => {
            const result = await axe.run("""
        + context
        + """, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(
                v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '));
        }""",
        AXE_TAGS,
    )
    where = f"{page.url} [{label}]" if label else page.url
    return [f"{where} {v}" for v in violations]


def _progress_file(course: dict, ids: list[str], name: str = "") -> dict:
    """A first-round (version 1) progress file completing ``ids`` today."""
    day = datetime.date.today().isoformat()
    return {
        "format": "selling-as-connection/progress",
        "version": 1,
        "exportedAt": f"{day}T00:00:00.000Z",
        "progress": {
            "version": 1,
            "lessons": {
                lesson_id: {
                    "status": "complete",
                    "answered": course["lessons"][lesson_id]["quizzes"],
                    "correct": course["lessons"][lesson_id]["quizzes"],
                    "total": course["lessons"][lesson_id]["quizzes"],
                    "completedAt": day,
                    "updatedAt": f"{day}T00:00:00.000Z",
                }
                for lesson_id in ids
            },
            "learner": {"name": name},
        },
    }


# ------------------------------------------------------ learning flow (both viewports)


def test_answer_navigate_back_and_reload(page_factory, viewport, site_url, built_site):
    course = _course(built_site)
    module = _first_module(course)
    first, second = module["lessons"][0], module["lessons"][1]
    total = course["lessons"][first]["quizzes"]
    page = _open(page_factory, site_url, built_site, **viewport)
    page.goto(site_url)
    page.evaluate(f"{MARKER} = 1")

    # Home: every lesson link starts "not started", with a named mark.
    home_link = page.locator(f"article li a[data-lesson='{first}']")
    expect(home_link).to_have_attribute("data-status", "not-started")
    expect(home_link.get_by_role("img", name="Not started")).to_have_count(1)
    # A new learner: no "Continue" box (the "Start here" button says it), and its
    # place is not reserved either.
    page.wait_for_selector("article[data-sac-ready]", state="attached")
    expect(page.locator(".sac-continue")).to_be_hidden()
    expect(page.get_by_role("link", name="Start here")).to_be_visible()

    _instant(page, home_link)
    _wait_lesson(page, first)
    quizzes = page.locator("article .quiz")
    assert quizzes.count() == total
    _answer(quizzes.nth(0), correct=False)
    status = page.locator("[data-sac-lesson-status]")
    expect(status).to_contain_text(f"You have answered 1 of {total} questions")
    assert _stored(page)["lessons"][first]["status"] == "in-progress"
    right = _answer_all(page)
    expect(status).to_contain_text(
        f"Lesson complete: {right} of {total} questions answered correctly"
    )
    record = _stored(page)["lessons"][first]
    assert (record["status"], record["answered"], record["correct"], record["total"]) == (
        "complete",
        total,
        right,
        total,
    )
    # The learner's local date, as the browser sees it.
    assert record["completedAt"] == page.evaluate(
        "(d => [d.getFullYear(), String(d.getMonth() + 1).padStart(2, '0'),"
        " String(d.getDate()).padStart(2, '0')].join('-'))(new Date())"
    )

    # The navigation marks the finished lesson, with an accessible name.
    nav_mark = page.locator(
        f".md-nav--primary a.md-nav__link[href$='{first.split('/')[1]}/'] .sac-mark"
    )
    expect(nav_mark.first).to_have_attribute("aria-label", "Completed")
    expect(nav_mark.first).to_have_attribute("role", "img")

    # Next step: the next lesson of the module, followed by instant navigation.
    next_link = page.locator(f".sac-next a[data-lesson='{second}']")
    expect(next_link).to_be_visible()
    _instant(page, next_link)
    _wait_lesson(page, second)
    _answer(page.locator("article .quiz").first, correct=True)
    expect(page.locator("[data-sac-lesson-status]")).to_contain_text("You have answered 1 of")

    # Back: the first lesson again, still answered and complete; nothing doubled.
    page.go_back()
    _wait_lesson(page, first)
    assert page.evaluate(MARKER) == 1
    expect(page.locator("[data-sac-lesson-status]")).to_contain_text("Lesson complete")
    for index in range(total):
        quiz = page.locator("article .quiz").nth(index)
        expect(quiz.locator(".quiz-feedback")).to_be_visible()
        # One verdict per feedback item, never two (a wrong answer also shows "The best
        # answer" with its own; a multiple-answer quiz one item per option chosen).
        items = quiz.locator(".quiz-feedback-item").count()
        assert items >= 1 and quiz.locator(".sac-verdict").count() == items
        assert quiz.locator(".sac-quiz-hint").count() <= 1
    assert page.locator(".md-nav--primary .sac-mark[aria-label='Completed']").count() >= 1
    assert (
        page.evaluate("document.querySelectorAll('a.md-nav__link > .sac-mark + .sac-mark').length")
        == 0
    )

    # Back home: statuses, module progress and where to continue.
    page.go_back()
    page.wait_for_function("root => location.href.split('#')[0] === root", arg=site_url)
    page.wait_for_function("() => document.querySelector('.sac-continue')")
    assert page.evaluate(MARKER) == 1
    expect(page.locator(f"article li a[data-lesson='{first}']")).to_have_attribute(
        "data-status", "complete"
    )
    expect(
        page.locator(f"article li a[data-lesson='{first}']").get_by_role("img", name="Completed")
    ).to_have_count(1)
    expect(page.locator(f"article li a[data-lesson='{second}']")).to_have_attribute(
        "data-status", "in-progress"
    )
    count = len(module["lessons"])
    expect(
        page.locator(f"article a[data-module='{module['id']}']").locator(
            "xpath=ancestor::*[self::p or self::li][1]"
        )
    ).to_contain_text(f"1 of {count} lessons complete")
    continue_box = page.locator(".sac-continue")
    expect(continue_box).to_contain_text("Pick up where you stopped")
    second_url = site_url + course["lessons"][second]["url"]
    expect(continue_box.locator(f"a[href='{second_url}']")).to_be_visible()
    # The one main action follows the learner (issue 18).
    main = page.locator("[data-sac-main]")
    expect(main).to_have_text("Continue: " + course["lessons"][second]["title"])

    # Reload: the same picture comes back from storage.
    page.reload()
    expect(page.locator(f"article li a[data-lesson='{first}']")).to_have_attribute(
        "data-status", "complete"
    )
    expect(page.locator(".sac-continue__body a")).to_have_attribute("href", second_url)
    expect(main).to_have_attribute("href", course["lessons"][second]["url"])
    assert page.evaluate(f"typeof {MARKER}") == "undefined"  # a real reload this time

    # Module overview shows the module's progress too.
    page.goto(site_url + module["url"])
    expect(page.locator("p.sac-module-progress")).to_have_text(
        f"Your progress: 1 of {count} lessons complete."
    )
    _clean(page)


def test_last_lesson_of_module_points_to_next_module(page_factory, viewport, site_url, built_site):
    course = _course(built_site)
    module = _first_module(course)
    following = course["modules"][course["modules"].index(module) + 1]
    page = _open(page_factory, site_url, built_site, **viewport)
    # Every other lesson of the module is complete (imported state).
    others = module["lessons"][:-1]
    page.goto(site_url)
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [STORE_KEY, json.dumps(_progress_file(course, others)["progress"])],
    )
    last = module["lessons"][-1]
    page.goto(site_url + course["lessons"][last]["url"])
    _wait_lesson(page, last)
    next_step = page.get_by_role("navigation", name="Next step")
    expect(next_step).to_contain_text("This is the last lesson of the module")
    expect(next_step.locator(f"a[data-module='{following['id']}']")).to_have_text(
        following["title"]
    )
    _answer_all(page)
    expect(next_step).to_contain_text("Module complete: you finished all")
    _clean(page)


def test_keyboard_answers_without_accidental_submit(page_factory, site_url, built_site):
    course = _course(built_site)
    lesson = _first_module(course)["lessons"][0]
    page = page_factory(**DESKTOP)
    page.goto(site_url + course["lessons"][lesson]["url"])
    _wait_lesson(page, lesson)
    quiz = page.locator("article .quiz").first
    radios = quiz.locator("fieldset input[type=radio]")
    if radios.count() < 2:
        pytest.skip("the first quiz of the first lesson is not a single-answer quiz")
    radios.first.focus()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.id") == radios.nth(1).get_attribute("id")
    expect(quiz.locator(".quiz-feedback")).to_be_hidden()  # moving is not answering
    assert not radios.nth(1).is_checked()
    page.keyboard.press("Space")
    expect(quiz.locator(".quiz-feedback")).to_be_visible()
    expect(quiz.locator(".quiz-feedback")).to_contain_text(
        "Correct." if radios.nth(1).get_attribute("data-correct") else "Not quite."
    )
    expect(page.locator("[data-sac-lesson-status]")).to_contain_text("You have answered 1 of")
    _clean(page)


# ---------------------------------------------------------- hostile storage conditions

CORRUPT = [
    "{not json",
    '"just a string"',
    "[1, 2, 3]",
    '{"version": 1, "lessons": [1, 2], "learner": "x"}',
    '{"version": 2, "lessons": {}}',
    '{"version": 1, "lessons": {"LESSON": {"status": "done", "answered": "3", "correct": -4,'
    ' "completedAt": 42}, "../../etc": {"status": "complete"}, "<img src=x onerror=alert(1)>/x":'
    ' {"status": "in-progress"}}, "learner": {"name": {"first": "x"}}}',
]


def test_corrupted_storage_never_breaks_the_page(page_factory, viewport, site_url, built_site):
    course = _course(built_site)
    lesson = _first_module(course)["lessons"][0]
    url = site_url + course["lessons"][lesson]["url"]
    path = "/" + course["lessons"][lesson]["url"]
    page = _open(page_factory, site_url, built_site, **viewport)
    page.goto(site_url)
    for raw in CORRUPT:
        page.evaluate(
            "([key, value, quizKey]) => { localStorage.clear(); localStorage.setItem(key, value);"
            ' localStorage.setItem(quizKey, \'{"quiz-0": 5, "x": {"answered": "yes"}}\'); }',
            [STORE_KEY, raw.replace("LESSON", lesson), "quiz_progress_" + path],
        )
        page.goto(url)
        _wait_lesson(page, lesson)
        _answer(page.locator("article .quiz").first, correct=True)
        _wait_saved(page, lesson)
        record = _stored(page)["lessons"][lesson]
        assert record["status"] == "in-progress" and record["answered"] == 1, raw
        page.goto(site_url)
        expect(page.locator(f"article li a[data-lesson='{lesson}']")).to_have_attribute(
            "data-status", "in-progress"
        )
        page.goto(site_url + "progress/")
        expect(page.locator("[data-sac-field='summary']")).to_contain_text(
            "You have completed 0 of"
        )
        assert page.locator("#pwned, img[src=x]").count() == 0
    _clean(page)


@pytest.mark.parametrize("mode", ["blocked", "full"])
def test_storage_unavailable(page_factory, viewport, site_url, built_site, mode):
    course = _course(built_site)
    module = _first_module(course)
    lesson = module["lessons"][0]
    page = _open(page_factory, site_url, built_site, **viewport)
    page.context.add_init_script(BLOCKED_STORAGE if mode == "blocked" else FULL_STORAGE)
    page.goto(site_url)
    page.evaluate(f"{MARKER} = 1")
    _instant(page, page.locator(f"article li a[data-lesson='{lesson}']"))
    _wait_lesson(page, lesson)
    _answer_all(page)
    expect(page.locator("[data-sac-lesson-status]")).to_contain_text("Lesson complete")
    # The in-memory copy carries the progress across instant navigation.
    _instant_to(page, site_url + "progress/")
    warning = page.locator("[data-sac-field='storage']")
    expect(warning).to_be_visible()
    expected = {
        "blocked": "not letting the site store anything",
        "full": "storage for this site is full",
    }
    expect(warning).to_contain_text(expected[mode])
    expect(page.locator(f"tr[data-lesson-row='{lesson}']")).to_be_visible()
    _clean(page)


# --------------------------------------------------- progress page: certificate, files


def test_export_import_reset_and_certificate(
    page_factory, viewport, site_url, built_site, tmp_path
):
    course = _course(built_site)
    lesson = _first_module(course)["lessons"][0]
    title = course["lessons"][lesson]["title"]
    total = course["lessons"][lesson]["quizzes"]
    page = _open(page_factory, site_url, built_site, **viewport)
    page.goto(site_url + course["lessons"][lesson]["url"])
    _wait_lesson(page, lesson)
    right = _answer_all(page, first_wrong=True)

    page.goto(site_url + "progress/")
    row = page.locator(f"tr[data-lesson-row='{lesson}']")
    expect(row).to_contain_text(title)
    expect(row).to_contain_text(f"{right} of {total} correct")
    expect(page.locator("[data-sac-field='summary']")).to_contain_text(
        f"You have completed 1 of {len(course['lessons'])} lessons"
    )

    # Certificate: the typed name appears on it (and is kept in this browser only).
    page.get_by_label("Your name, as it should appear on the certificate").fill(NAME)
    certificate = page.locator(".sac-certificate")
    expect(certificate.locator(".sac-certificate__name")).to_have_text(NAME)
    expect(certificate.get_by_role("heading")).to_have_text("Record of progress")
    assert _stored(page)["learner"]["name"] == NAME

    # Export: a JSON file download.
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download progress file").click()
    exported = tmp_path / "progress.json"
    download_info.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["format"] == "selling-as-connection/progress" and data["version"] == 2
    assert data["progress"]["lessons"][lesson]["status"] == "complete"

    # Import in a fresh browser (another device): bad files first, then the real one.
    other = _open(page_factory, site_url, built_site, **viewport)
    other.goto(site_url + "progress/")
    expect(other.locator("[data-sac-empty]")).to_be_visible()
    picker = other.get_by_label("Import a progress file (.json)")
    message = other.locator("[data-sac-message='transfer']")
    bad_files = {
        "garbage.json": ("this is not json", "not valid JSON"),
        "other.json": ('{"hello": "world"}', "not a progress file from this course"),
        "future.json": (
            '{"format": "selling-as-connection/progress", "version": 9, "progress": {}}',
            "version 9",
        ),
        "empty.json": (
            '{"format": "selling-as-connection/progress", "version": 1, "progress": {"version": 1,'
            ' "lessons": {"nope/nothing": {"status": "complete", "completedAt": "2026-01-01"}}}}',
            "no lesson records this site can use",
        ),
    }
    for name, (text, expected) in bad_files.items():
        bad = tmp_path / name
        bad.write_text(text, encoding="utf-8")
        picker.set_input_files(str(bad))
        expect(message).to_contain_text("Import failed")
        expect(message).to_contain_text(expected)
    expect(other.locator("[data-sac-empty]")).to_be_visible()
    picker.set_input_files(str(exported))
    expect(message).to_contain_text("Imported 1 lesson record (1 complete).")
    expect(other.locator(f"tr[data-lesson-row='{lesson}']")).to_contain_text(
        f"{right} of {total} correct"
    )
    expect(other.locator(".sac-certificate__name")).to_have_text(NAME)
    other.goto(site_url)
    expect(other.locator(f"article li a[data-lesson='{lesson}']")).to_have_attribute(
        "data-status", "complete"
    )

    # A complete course: still a record of progress; the certificate of mastery comes
    # with a passed final assessment (tests/browser/test_assessment_browser.py).
    everything = tmp_path / "all.json"
    everything.write_text(
        json.dumps(_progress_file(course, list(course["lessons"]))), encoding="utf-8"
    )
    other.goto(site_url + "progress/")
    other.get_by_label("Import a progress file (.json)").set_input_files(str(everything))
    expect(other.locator(".sac-certificate").get_by_role("heading")).to_have_text(
        "Record of progress"
    )
    expect(other.locator("[data-certificate]")).to_have_attribute("data-state", "locked")
    expect(other.locator(".sac-certificate__note")).to_contain_text("pass the final assessment")
    expect(other.locator(".sac-certificate")).to_contain_text(
        f"has completed all {len(course['lessons'])} lessons"
    )
    expect(other.locator(".sac-certificate__name")).to_have_text(NAME)
    other.goto(site_url)
    expect(other.locator(".sac-continue")).to_contain_text("You have completed every lesson")

    # Reset, with a confirmation that can be cancelled.
    reset = page.get_by_role("button", name="Reset my progress…")
    reset.click()
    page.get_by_role("button", name="Cancel").click()
    expect(page.locator(f"tr[data-lesson-row='{lesson}']")).to_be_visible()
    reset.click()
    page.get_by_role("button", name="Yes, delete my progress").click()
    expect(page.locator("[data-sac-message='reset']")).to_have_text(
        "Your progress has been deleted from this browser."
    )
    expect(page.locator("[data-sac-empty]")).to_be_visible()
    expect(page.locator(".sac-certificate__name")).to_have_text("Your name")
    assert _stored(page) is None
    page.goto(site_url + course["lessons"][lesson]["url"])
    _wait_lesson(page, lesson)
    expect(page.locator("article .quiz .quiz-feedback").first).to_be_hidden()
    _clean(page)
    _clean(other)


# ------------------------------------------------------------- motion, print, axe


def test_reduced_motion_and_print(page_factory, site_url, built_site):
    course = _course(built_site)
    lesson = _first_module(course)["lessons"][0]
    url = site_url + course["lessons"][lesson]["url"]

    calm = page_factory(**DESKTOP, reduced_motion="reduce")
    calm.goto(url)
    _wait_lesson(calm, lesson)
    assert calm.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
    # js-confetti (when the quiz plugin loads it) is silenced, and completing a
    # lesson never puts a confetti canvas on screen.
    assert calm.evaluate(
        "typeof JSConfetti === 'undefined' || JSConfetti.prototype.__sacQuiet === true"
    )
    _answer_all(calm)
    # A bounded wait for a negative check, as no event exists: mkdocs-quiz calls
    # confetti from a 500 ms timer after the last answer, and under reduced
    # motion the stand-in it calls (hooks/quiz_assets.py) does nothing visible.
    calm.wait_for_timeout(800)
    assert (
        calm.evaluate(
            "Array.from(document.querySelectorAll('body > canvas'))"
            ".filter(c => c.offsetWidth > 0).length"
        )
        == 0
    )

    normal = page_factory(**DESKTOP)
    normal.goto(url)
    _wait_lesson(normal, lesson)
    assert normal.evaluate("typeof JSConfetti === 'undefined' || !JSConfetti.prototype.__sacQuiet")

    normal.emulate_media(media="print")
    expect(normal.locator(".md-header")).to_be_hidden()
    expect(normal.locator(".md-sidebar--primary")).to_be_hidden()
    expect(normal.locator(".sac-next")).to_be_hidden()
    expect(normal.locator("article .quiz .answer-feedback").first).to_be_visible()
    assert "right answer" in normal.evaluate(
        "getComputedStyle(document.querySelector('article .quiz input[data-correct] + label'),"
        " '::after').content"
    )
    _clean(calm)
    _clean(normal)


def _all_pages(built_site) -> list[str]:
    site = built_site.site_dir
    pages = []
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site).as_posix()
        if rel.startswith(("search", "assets")):
            continue
        pages.append("" if rel == "." else rel + "/")
    return pages


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_every_page_before_and_after_answering(page_factory, site_url, built_site, scheme):
    course = _course(built_site)
    lesson_urls = {info["url"] for info in course["lessons"].values()}
    # Reduced motion: Material fades the header title and the back-to-top button
    # in and out; axe must not measure colours halfway through a fade.
    page = page_factory(**DESKTOP, color_scheme=scheme, reduced_motion="reduce")
    pages = _all_pages(built_site)
    assert len(pages) >= len(course["lessons"]) + len(course["modules"]) + 2
    problems: list[str] = []

    def visit(url: str) -> None:
        page.goto(site_url + url)
        page.wait_for_selector("article[data-sac-ready]", state="attached")
        # Before the first interaction: the page as it arrives, without Material's
        # bundle (hooks/lazy_bundle.py); then as the learner uses it.
        _inject_axe(page)
        problems.extend(_axe(page, inject=False, context="document", label="before interaction"))
        engage(page)

    for url in pages:
        visit(url)
        problems += _axe(page, inject=False)
        if url in lesson_urls:
            _wait_lesson(page, url.rstrip("/"))
            _answer_all(page, first_wrong=True)  # right and wrong feedback both on screen
            expect(page.locator("[data-sac-lesson-status]")).to_contain_text("Lesson complete")
            page.mouse.move(0, 0)  # no hover colours left on an option
            # Answering changes the lesson and the navigation marks, nothing else.
            problems += _axe(
                page, inject=False, context="{include: [['article'], ['.md-nav--primary']]}"
            )
    # Pages whose look depends on progress, now that every lesson is complete.
    for url in ["", "progress/"] + [m["url"] for m in course["modules"]]:
        visit(url)
        if url == "":
            expect(page.locator(".sac-continue")).to_be_visible()
        if url == "progress/":
            page.get_by_label("Your name, as it should appear on the certificate").fill(NAME)
            expect(page.locator(".sac-certificate").get_by_role("heading")).to_have_text(
                "Record of progress"
            )
        problems += _axe(page, inject=False)
    assert problems == [], "\n".join(problems)
    _clean(page)
