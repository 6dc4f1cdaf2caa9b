"""hooks/quiz_assets.py: mkdocs-quiz's CSS/JS served once as files, quizzes still work.

A tiny Material site (two pages with quizzes, one with a results block so the
plugin's confetti can fire) is built with the hook into a temporary folder and
served with ``site_url`` set to the address it is served from, so Material's
instant navigation engages exactly as on the real host.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, engage, serve_directory
from mkdocs_quiz import plugin as quiz_plugin
from playwright.sync_api import TimeoutError as PlaywrightTimeout

QUIZ = """<quiz>
{question}
- [ ] A wrong answer
> Why it is wrong.
- [x] The right answer
> Why it is right.
</quiz>
"""

PAGE = """---
title: {title}
---

Some text about {title}.

## Check your understanding

{quizzes}
"""


def _write_site(folder: Path) -> Path:
    docs = folder / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n\n[First](first.md) and [second](second.md).\n")
    (docs / "first.md").write_text(
        PAGE.format(
            title="First page",
            quizzes=QUIZ.format(question="Zebra question one?")
            + "\n"
            + QUIZ.format(question="Zebra question two?")
            + "\n<!-- mkdocs-quiz results -->\n",
        )
    )
    (docs / "second.md").write_text(
        PAGE.format(title="Second page", quizzes=QUIZ.format(question="Walrus question?"))
    )
    config = folder / "mkdocs.yml"
    config.write_text(
        "site_name: Quiz assets\n"
        "theme:\n  name: material\n  font: false\n  features: [navigation.instant]\n"
        "plugins:\n  - search\n  - mkdocs_quiz:\n      show_progress: false\n"
        "nav: [index.md, first.md, second.md]\n"
        f"hooks:\n  - {ROOT / 'hooks' / 'quiz_assets.py'}\n"
        f"  - {ROOT / 'hooks' / 'lazy_bundle.py'}\n  - {ROOT / 'hooks' / 'minify.py'}\n"
    )
    return config


@pytest.fixture(scope="module")
def quiz_site(tmp_path_factory: pytest.TempPathFactory):
    """(site folder, base URL): the tiny site, built strictly and served."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    folder = tmp_path_factory.mktemp("quiz-assets")
    config = _write_site(folder)
    site = folder / "site"
    site.mkdir()
    server, url = serve_directory(site)
    build(load_config(str(config), site_dir=str(site), site_url=url, strict=True))
    yield site, url
    server.shutdown()


def test_pages_no_longer_inline_the_quiz_assets(quiz_site) -> None:
    site, _ = quiz_site
    html = (site / "first" / "index.html").read_text(encoding="utf-8")
    assert quiz_plugin.style not in html
    assert quiz_plugin.js_script not in html
    assert quiz_plugin.confetti_lib_script not in html
    assert "JSConfetti" not in html
    assert '<script src="../assets/quiz/quiz.js" defer></script>' in html
    assert '<link rel="stylesheet" href="../assets/quiz/quiz.css">' in html
    # The small per-page objects stay inline.
    assert "window.mkdocsQuizConfig" in html
    assert "window.mkdocsQuizTranslations" in html
    # The hidden progress sidebar is gone (show_progress is off).
    assert "quiz-progress-sidebar" not in html
    # A page without a quiz gets no quiz script and no quiz settings.
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "quiz.js" not in home and "mkdocsQuiz" not in home
    assert "quiz.css" in home  # styles stay on every page (instant navigation)


def test_assets_are_written_once_and_are_valid_javascript(quiz_site) -> None:
    site, _ = quiz_site
    folder = site / "assets" / "quiz"
    assert sorted(p.name for p in folder.iterdir()) == ["confetti.js", "quiz.css", "quiz.js"]
    quiz_js = (folder / "quiz.js").read_text(encoding="utf-8")
    assert "initializePage" in quiz_js and "LazyConfetti" in quiz_js
    assert "JSConfetti" in (folder / "confetti.js").read_text(encoding="utf-8")
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: cannot syntax-check the served quiz.js")
    for name in ("quiz.js", "confetti.js"):
        run = subprocess.run([node, "--check", str(folder / name)], capture_output=True, text=True)
        assert run.returncode == 0, f"{name}: {run.stderr}"


def test_quiz_text_is_not_in_the_search_index(quiz_site) -> None:
    site, _ = quiz_site
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = json.dumps(index)
    assert "Some text about First page" in text  # the page itself is indexed
    for quiz_text in ("Zebra question", "Walrus question", "The right answer", "Why it is"):
        assert quiz_text not in text, f"{quiz_text!r} leaked into the search index"


def _state(page, quiz: str = "#quiz-0") -> dict:
    return page.evaluate(
        """(selector) => {
          const quiz = document.querySelector(selector);
          return {
            path: location.pathname,
            sameDocument: window.__sameDocument === true,
            checked: [...quiz.querySelectorAll("input")].map((i) => i.checked),
            disabled: [...quiz.querySelectorAll("input")].map((i) => i.disabled),
            feedbackShown: !quiz.querySelector(".quiz-feedback").classList.contains("hidden"),
          };
        }""",
        quiz,
    )


@pytest.mark.browser
def test_quiz_answers_on_first_load_and_after_instant_navigation(quiz_site, browser) -> None:
    _, url = quiz_site
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(url + "second/")
        page.wait_for_load_state("networkidle")
        assert (
            page.evaluate("getComputedStyle(document.querySelector('.answer-feedback')).display")
            == "none"
        ), "quiz.css is not applied"
        page.click("label[for=quiz-0-1]")
        state = _state(page)
        assert state["checked"] == [False, True] and state["feedbackShown"]

        # Instant navigation to a page with fresh quizzes: nothing carried over.
        engage(page)
        page.evaluate("window.__sameDocument = true")
        page.eval_on_selector("a[href$='first/']", "a => a.click()")
        page.wait_for_url("**/first/")
        # The URL changes on the click; the content arrives after the fetch.
        page.wait_for_function("document.title.startsWith('First page')")
        page.wait_for_load_state("networkidle")
        state = _state(page)
        assert state["sameDocument"], "instant navigation did not engage"
        assert state["checked"] == [False, False] and state["disabled"] == [False, False]
        assert not state["feedbackShown"]
        page.click("label[for=quiz-0-0]")
        state = _state(page)
        assert state["checked"] == [True, False] and state["feedbackShown"]

        # Back: the answer given on the first load comes back from storage.
        page.go_back()
        page.wait_for_url("**/second/")
        page.wait_for_function("document.title.startsWith('Second page')")
        page.wait_for_load_state("networkidle")
        # quiz.js restores stored answers after Material swaps the content in; on a
        # loaded machine that can land after networkidle, so wait for it (5 s at most).
        # On a timeout the assertion below reports what was restored instead.
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_function(
                "() => [...document.querySelectorAll('#quiz-0 input')].map(i => i.checked)"
                ".join() === 'false,true'",
                timeout=5000,
            )
        assert _state(page)["checked"] == [False, True]
        assert errors == []
    finally:
        context.close()


@pytest.mark.browser
def test_confetti_library_loads_only_when_earned(quiz_site, browser) -> None:
    _, url = quiz_site
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(url + "first/")
        page.wait_for_load_state("networkidle")
        assert not any(u.endswith("confetti.js") for u in requests)
        page.click("label[for=quiz-0-1]")
        page.click("label[for=quiz-1-1]")
        page.wait_for_function("document.querySelectorAll('canvas').length === 1", timeout=5000)
        assert sum(u.endswith("/assets/quiz/confetti.js") for u in requests) == 1
        assert errors == []
    finally:
        context.close()


@pytest.mark.browser
def test_no_confetti_under_reduced_motion(quiz_site, browser) -> None:
    _, url = quiz_site
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.goto(url + "first/")
        page.wait_for_load_state("networkidle")
        page.click("label[for=quiz-0-1]")
        page.click("label[for=quiz-1-1]")
        page.wait_for_timeout(1200)  # the plugin fires confetti 500 ms after the last answer
        assert page.evaluate("document.querySelectorAll('canvas').length") == 0
        assert not any(u.endswith("confetti.js") for u in requests)
    finally:
        context.close()


@pytest.mark.browser
def test_quizzes_work_after_instant_navigation_from_a_page_without_quizzes(
    quiz_site, browser
) -> None:
    _, url = quiz_site
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(url)
        engage(page)
        page.evaluate("window.__sameDocument = true")
        page.eval_on_selector("article a[href$='first/']", "a => a.click()")
        page.wait_for_function("document.title.startsWith('First page')")
        page.wait_for_selector("#quiz-0 form")
        page.click("label[for=quiz-0-1]")
        state = _state(page)
        assert state["sameDocument"], "instant navigation did not engage"
        assert state["checked"] == [False, True] and state["feedbackShown"]
        assert errors == []
    finally:
        context.close()
