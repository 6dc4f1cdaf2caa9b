"""The Content-Security-Policy in Chromium: the whole site runs under it, and a script the
site does not ship does not run.

Every document gets a listener for ``securitypolicyviolation`` (an init script on
``document``, capture phase) that reports each violation to the test, across full loads
and instant navigations. Every page type is loaded and used as a learner or a lead would
(Material's bundle started, quizzes answered, search opened, files downloaded, instant
navigation from a lesson to the home page, whose inline script the lesson's policy must
allow) and must cause zero violations. Then scripts are injected the way a contributor's
or an attacker's markup would arrive, and must be blocked: that also proves the listener
sees violations, so the zero above is not an empty result.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import ROOT, engage, first_lesson
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tools.privacy import assignment_link
from tools.serve import serve_directory

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 900}}

WATCH = """
(() => {
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    const found = {
      directive: event.effectiveDirective,
      blocked: event.blockedURI,
      sample: event.sample,
      page: location.pathname,
    };
    window.__cspViolations.push(found);
    if (typeof window.__cspReport === "function") window.__cspReport(found);
  }, true);
})();
"""

PAGE_TYPES = {
    "home": "",
    "module-overview": "connection/",
    "lesson": "LESSON",
    "progress": "progress/",
    "assignment-view": "ASSIGNMENT",
    "team-leads": "team-leads/",
    "learning-paths": "team-leads/learning-paths/",
    "assignment-builder": "team-leads/assignment-builder/",
    "team-progress": "team-leads/team-progress/",
    "not-found": "404.html",
}


def _watched(page_factory) -> tuple[object, list[dict]]:
    """A fresh desktop page whose every document reports CSP violations into the list."""
    return _watch(page_factory(**DESKTOP))


def _watch(page) -> tuple[object, list[dict]]:
    found: list[dict] = []
    page.context.expose_function("__cspReport", lambda violation: found.append(violation))
    page.context.add_init_script(WATCH)
    return page, found


def _settle(page) -> None:
    """Let the network go idle and queued violation events reach the test."""
    page.wait_for_load_state("networkidle")
    page.evaluate("() => new Promise((done) => setTimeout(done, 150))")


def _enforced(page) -> str:
    """The policy the current document was given (it must have one)."""
    policy = page.evaluate(
        "() => document.querySelector('meta[http-equiv=Content-Security-Policy]')?.content"
    )
    assert policy and "script-src 'self' 'sha256-" in policy
    return policy


# The course's quizzes are all single-answer (one click answers); mkdocs-quiz's other two
# kinds submit with a button or the Enter key, so a small site has one of each.
QUIZ_PAGE = """---
title: Quiz kinds
---

Some text.

## Check your understanding

<quiz>
Which two are questions?
- [x] What brings you in today?
> It asks.
- [x] How is it going?
> It asks too.
- [ ] Buy this now.
> It pushes.
</quiz>

<quiz>
A question that the client answers in their own words is an [[open]] question.
---
Open questions invite the client to talk.
</quiz>
"""


@pytest.fixture(scope="module")
def quiz_kinds(tmp_path_factory):
    """Base URL of a small site with a multiple-answer and a fill-in-the-blank quiz,
    built strictly with the course's quiz, bundle, minify and CSP hooks."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    folder = tmp_path_factory.mktemp("quiz-kinds")
    (folder / "docs").mkdir()
    (folder / "docs" / "index.md").write_text(QUIZ_PAGE, encoding="utf-8")
    hooks = "".join(
        f"  - {ROOT / 'hooks' / name}\n"
        for name in ("quiz_assets.py", "lazy_bundle.py", "minify.py", "csp.py")
    )
    config = folder / "mkdocs.yml"
    config.write_text(
        "site_name: Quiz kinds\ntheme:\n  name: material\n  font: false\n"
        "plugins:\n  - search\n  - mkdocs_quiz:\n      show_progress: false\n"
        f"hooks:\n{hooks}",
        encoding="utf-8",
    )
    site = folder / "site"
    site.mkdir()
    server, url = serve_directory(site)
    build(load_config(str(config), site_dir=str(site), site_url=url, strict=True))
    yield url
    server.shutdown()


@pytest.fixture
def quiz_page(browser):
    """(page, violations) in a fresh context, without the course build behind it."""
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    page.page_errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda exc: page.page_errors.append(str(exc)))  # type: ignore[attr-defined]
    yield _watch(page)
    context.close()


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_every_page_type_runs_without_a_violation(kind, page_factory, site_url, built_site):
    path = PAGE_TYPES[kind]
    if path == "LESSON":
        path = first_lesson(built_site)["id"] + "/"
    elif path == "ASSIGNMENT":
        path = assignment_link([first_lesson(built_site)["id"]], title="Week one")
    page, found = _watched(page_factory)
    page.goto(site_url + path)
    engage(page)  # Material's bundle runs under the policy too
    _enforced(page)
    _settle(page)
    assert found == []
    assert page.page_errors == []


def test_quizzes_answer_under_the_policy(page_factory, site_url, built_site) -> None:
    page, found = _watched(page_factory)
    page.goto(site_url + first_lesson(built_site)["id"] + "/")
    page.evaluate("window.__samePage = true")
    quizzes = page.locator("article .quiz")
    for index in range(2):
        quiz = quizzes.nth(index)
        option = quiz.locator("fieldset input[data-correct]").first
        quiz.locator(f"label[for='{option.get_attribute('id')}']").click()
        expect(quiz.locator(".quiz-feedback")).to_contain_text("Correct")
    assert page.evaluate("window.__samePage") is True and "?" not in page.url
    _settle(page)
    assert found == [] and page.page_errors == []


def test_every_kind_of_quiz_submits_under_the_policy(quiz_page, quiz_kinds) -> None:
    page, found = quiz_page
    page.goto(quiz_kinds)
    _enforced(page)
    page.evaluate("window.__samePage = true")
    multiple, blank = page.locator(".quiz").nth(0), page.locator(".quiz").nth(1)
    for option in multiple.locator("fieldset input[data-correct]").all():
        multiple.locator(f"label[for='{option.get_attribute('id')}']").click()
    multiple.get_by_role("button", name="Submit").click()
    expect(multiple.locator(".quiz-feedback")).to_be_visible()
    expect(multiple.locator(".quiz-feedback")).to_contain_text("It asks too.")
    blank.locator("input.quiz-blank-input").fill("open")
    blank.get_by_role("button", name="Submit").click()
    expect(blank.locator(".quiz-feedback")).to_be_visible()
    expect(blank.locator("input.quiz-blank-input.correct")).to_have_count(1)
    assert page.evaluate("window.__samePage") is True and "?" not in page.url
    _settle(page)
    assert found == [] and page.page_errors == []


def test_a_quiz_form_stays_on_the_page_before_quiz_js_runs(quiz_page, quiz_kinds) -> None:
    """What onsubmit="return false" did, method="dialog" does without script: with quiz.js
    held back, Submit neither leaves the page nor breaks the policy (form-action)."""
    page, found = quiz_page
    page.route(re.compile(r".*/assets/quiz/quiz\.js$"), lambda route: route.abort())
    page.goto(quiz_kinds)
    page.evaluate("window.__samePage = true")
    multiple, blank = page.locator(".quiz").nth(0), page.locator(".quiz").nth(1)
    multiple.locator("fieldset label").first.click()
    multiple.locator("button[type=submit]").click()
    blank.locator("input.quiz-blank-input").fill("open")
    blank.locator("button[type=submit]").click()
    _settle(page)
    assert page.evaluate("window.__samePage") is True and "?" not in page.url
    assert found == []


def test_search_and_instant_navigation_run_under_the_first_pages_policy(
    page_factory, site_url, built_site
) -> None:
    lesson = first_lesson(built_site)["id"]
    page, found = _watched(page_factory)
    page.goto(site_url + lesson + "/")
    policy = _enforced(page)
    engage(page)
    page.evaluate("window.__sameDocument = true")

    # Search: the overlay, the index and Material's worker.
    page.evaluate("document.querySelector('[data-md-component=search-query]').focus()")
    page.keyboard.type("listen")
    page.wait_for_selector(".md-search-result__item", state="attached", timeout=10000)
    page.keyboard.press("Escape")

    # Instant navigation to the home page: its inline script (the continue box) runs
    # under the lesson's policy.
    page.eval_on_selector("a.md-header__button.md-logo", "a => a.click()")
    page.wait_for_function("root => location.href.split('#')[0] === root", arg=site_url)
    page.wait_for_selector("article .sac-continue", state="attached")
    # ... and on to another lesson, answering a quiz there.
    page.eval_on_selector(f"article a[href$='{lesson}/']", "a => a.click()")
    page.wait_for_url(f"**/{lesson}/")
    page.wait_for_selector("article .quiz form")
    quiz = page.locator("article .quiz").first
    quiz.locator("fieldset label").first.click()
    expect(quiz.locator(".quiz-feedback")).to_be_visible()
    _settle(page)
    assert page.evaluate("window.__sameDocument") is True, "instant navigation did not engage"
    assert _enforced(page) == policy
    assert found == [] and page.page_errors == []


def test_lead_and_learner_journeys_with_files_run_under_the_policy(
    page_factory, site_url, built_site
) -> None:
    lesson = first_lesson(built_site)["id"]
    page, found = _watched(page_factory)
    page.goto(site_url + "team-leads/assignment-builder/")
    engage(page)
    page.locator(f"label[for='lesson-{lesson.replace('/', '--')}']").click()
    page.get_by_label("Assignment title").fill("Week one")
    page.get_by_label("Due date").fill((dt.date.today() + dt.timedelta(days=7)).isoformat())
    page.get_by_role("button", name="Create link").click()
    link = page.locator("[data-assignment-link]")
    link.wait_for(state="visible")

    page.goto(link.input_value())
    page.get_by_label("Your name").fill("Dana Whitfield")
    # The text report, which carries the JSON in its block (issue 18).
    report = page.locator("[data-completion-report] [data-report-text]")
    expect(report).to_contain_text("Learner: Dana Whitfield")
    text = report.text_content()
    with page.expect_download() as report_file:  # the report file: a blob: URL too
        page.get_by_role("link", name="Download the report file").click()
    assert json.loads(Path(report_file.value.path()).read_text())["learner"] == "Dana Whitfield"

    page.goto(site_url + "team-leads/team-progress/")
    page.get_by_label("Or paste reports").fill(text)
    page.get_by_role("button", name="Add reports").click()
    page.locator("[data-team-table] tbody tr").first.wait_for()
    with page.expect_download() as csv_file:  # a blob: URL, which is a download, not a fetch
        page.get_by_role("link", name="Download CSV").click()
    assert csv_file.value.suggested_filename.endswith(".csv")

    page.goto(site_url + "progress/")
    with page.expect_download() as progress_file:
        page.get_by_role("button", name="Download progress file").click()
    assert progress_file.value.suggested_filename.endswith(".json")
    _settle(page)
    assert found == [] and page.page_errors == []


def test_a_script_the_site_does_not_ship_is_blocked(page_factory, site_url, built_site) -> None:
    page, found = _watched(page_factory)
    page.goto(site_url + first_lesson(built_site)["id"] + "/")
    engage(page)

    # A contributor's inline script (as if a page carried one).
    with pytest.raises(PlaywrightError, match="Content Security Policy"):
        page.add_script_tag(content="window.__injected = 'inline'")
    # An event-handler attribute and a javascript: link, as hostile markup would bring.
    page.evaluate(
        """() => {
          document.body.insertAdjacentHTML("beforeend",
            '<img src="missing.png" onerror="window.__injected = \\'handler\\'">' +
            '<a id="csp-js-link" href="javascript:window.__injected = \\'url\\'">run</a>');
        }"""
    )
    page.evaluate("document.getElementById('csp-js-link').click()")
    # A string evaluated as code: no 'unsafe-eval'. (In a task of the page's own: code
    # that Playwright evaluates directly is exempt from the page's policy.)
    page.evaluate(
        """() => setTimeout(() => {
          try { window.__eval = String(eval('1 + 1')); } catch (e) { window.__eval = e.name; }
        }, 0)"""
    )
    page.wait_for_function("() => window.__eval !== undefined")
    assert page.evaluate("window.__eval") == "EvalError"
    _settle(page)
    assert page.evaluate("typeof window.__injected") == "undefined"
    directives = sorted({v["directive"] for v in found})
    assert directives == ["script-src", "script-src-attr", "script-src-elem"], found
    assert any(v["blocked"] == "inline" for v in found)
    assert any(v["blocked"] == "eval" for v in found)


def test_a_hostile_assignment_link_never_reaches_markup(page_factory, site_url) -> None:
    """The pages put link data in with textContent only: a payload causes no violation,
    which it would if it reached markup (where the policy would stop its script)."""
    page, found = _watched(page_factory)
    payload = quote('<img src=x onerror="window.__injected=1">')
    page.goto(f"{site_url}assignment/#t={payload}&n={payload}")
    page.wait_for_selector("[data-assignment-view][data-ready]", state="attached")
    _settle(page)
    assert page.evaluate("typeof window.__injected") == "undefined"
    assert found == [], "the payload reached markup (the policy stopped it)"
