"""The strict build refuses what ``course check`` refuses, with the same file:line: RULE
message, and never stops with a traceback (issue 13): old ``<?quiz?>`` tags even in
inline code, a title with markup, raw HTML outside the allowlist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import HOOKS, MODULE_INDEX, ROOT, VALID, lesson_cases, run_build, write_case_course

from course.config import load_config
from course.rules import check_course

GOOD = (VALID / "good-lesson.md").read_text(encoding="utf-8")
PARAGRAPH = "A suggestion made before you understand the problem is a guess."


def _build(root: Path, lesson: str):
    config = write_case_course(
        root,
        lesson,
        settings=f"plugins:\n  - mkdocs_quiz\nhooks:\n  - {HOOKS / 'lesson_checks.py'}\n",
    )
    return run_build(config, root / "site")


def test_old_quiz_syntax_in_inline_code_is_a_warning_not_a_traceback(tmp_path: Path) -> None:
    lesson = GOOD.replace(PARAGRAPH, "Old lessons used `<?quiz?>` tags.")
    result = _build(tmp_path, lesson)
    assert not result.ok and "Traceback" not in result.error
    assert "Old mkdocs-quiz syntax" not in result.error
    assert any("docs/practice/case.md:25: QUIZ014 " in w for w in result.warnings), result.warnings
    # Without --strict the page is built and the code shows the tag as written, spaced.
    lenient = run_build(tmp_path / "mkdocs.yml", tmp_path / "lenient", strict=False)
    assert lenient.ok, lenient.error
    assert (
        "&lt;?quiz ?&gt;" in (tmp_path / "lenient" / "practice" / "case" / "index.html").read_text()
    )


def test_markup_in_a_title_and_a_meta_refresh_fail_the_strict_build(tmp_path: Path) -> None:
    lesson = GOOD.replace("title: Ask before you advise", "title: Ask <b>first</b>").replace(
        PARAGRAPH, '<meta http-equiv="refresh" content="0;url=https://x.example">'
    )
    result = _build(tmp_path, lesson)
    assert not result.ok
    codes = sorted(
        re.search(r"docs/practice/case\.md:\d+: (\w+) ", w).group(1)
        for w in result.warnings
        if "docs/practice/case.md:" in w
    )
    assert codes == ["FM017", "SAFE001"], result.warnings


def test_emoji_shortcodes_render_as_text_not_as_images_from_a_cdn(tmp_path: Path) -> None:
    """``:smile:`` with the course's own emoji settings: the character, no other origin."""
    from conftest import ROOT

    settings = [
        line
        for line in (ROOT / "mkdocs.yml").read_text().split("\n")
        if "emoji" in line and "python/name" in line
    ]
    assert len(settings) == 2, settings  # emoji_index and emoji_generator
    lesson = GOOD.replace(
        PARAGRAPH, "A smile helps :smile: and so does an icon :material-account:."
    )
    practice = tmp_path / "docs" / "practice"
    practice.mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nA course for the tests.\n")
    (practice / "index.md").write_text(MODULE_INDEX)
    (practice / "case.md").write_text(lesson, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\ntheme:\n  name: material\n  font: false\nmarkdown_extensions:\n"
        "  - pymdownx.emoji:\n" + "\n".join("  " + line for line in settings) + "\n"
        "nav:\n  - index.md\n  - P:\n      - practice/index.md\n      - practice/case.md\n"
    )
    result = run_build(tmp_path / "mkdocs.yml", tmp_path / "site", strict=False)
    assert result.ok, result.error
    html = (tmp_path / "site" / "practice" / "case" / "index.html").read_text(encoding="utf-8")
    article = html[html.index("A smile helps") : html.index("so does an icon") + 400]
    assert "\U0001f604" in article and "<svg" in article
    assert "cdn.jsdelivr" not in html and "<img" not in article


def test_the_sanitizer_is_a_second_defence_behind_the_rules(tmp_path: Path) -> None:
    """Built without the rules (only hooks/sanitize.py): raw script in a page is still
    removed from the published HTML, and the strict build fails naming file:line."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(
        '# Home\n\nHello.\n\n<script>alert(1)</script>\n<p onclick="steal()">Click</p>\n'
    )
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: T\nnav: [index.md]\nhooks:\n  - {HOOKS / 'sanitize.py'}\n"
    )
    strict = run_build(tmp_path / "mkdocs.yml", tmp_path / "strict")
    assert not strict.ok
    assert any("docs/index.md:5: SAFE005 " in w for w in strict.warnings), strict.warnings
    lenient = run_build(tmp_path / "mkdocs.yml", tmp_path / "site", strict=False)
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert lenient.ok and "alert(1)" not in page and "steal()" not in page and "Click" in page


def test_what_nh3_changes_inside_a_value_is_what_gets_published(tmp_path: Path) -> None:
    """nh3 keeps only ``text-align`` in a cell's ``style``: the published page carries its
    output (no request to x.example), and the strict build names the line (SAFE005)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(
        "# Home\n\nHello.\n\n<table><tr>\n"
        '<td style="text-align: right; background: url(https://x.example/a.png)">1</td>\n'
        "</tr></table>\n"
    )
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: T\nnav: [index.md]\nhooks:\n  - {HOOKS / 'sanitize.py'}\n"
    )
    strict = run_build(tmp_path / "mkdocs.yml", tmp_path / "strict")
    assert not strict.ok
    assert any(
        "docs/index.md:6: SAFE005 the HTML sanitizer removed part of style= on <td>" in w
        for w in strict.warnings
    ), strict.warnings
    lenient = run_build(tmp_path / "mkdocs.yml", tmp_path / "site", strict=False)
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert lenient.ok and "x.example" not in page and 'style="text-align:right"' in page


def gate_settings() -> str:
    """``mkdocs.yml`` lines for a test course built as the course is: mkdocs-quiz, the
    gate's hooks and the course's own Markdown extensions (read from mkdocs.yml)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    extensions = text.split("\nmarkdown_extensions:\n", 1)[1].split("\n# ---", 1)[0]
    hooks = "".join(
        f"  - {HOOKS / name}\n" for name in ("sanitize.py", "lesson_checks.py", "page_scripts.py")
    )
    return f"plugins:\n  - mkdocs_quiz\nhooks:\n{hooks}markdown_extensions:\n{extensions}\n"


_PROBLEM = re.compile(r"(docs/\S+:\d+: [A-Z]+\d+ [^\n]*)")


def problems_of_check_and_build(root: Path, lesson: str, **course) -> tuple[list, list]:
    """The ``file:line: RULE message`` lines of ``course check`` and of the strict build
    of the test course with ``lesson`` (built as the course is, :func:`gate_settings`)."""
    config = write_case_course(root, lesson, settings=gate_settings(), **course)
    facts = load_config(config)
    found, _ = check_course(facts.docs_dir, facts)
    result = run_build(config, root / "site")
    assert "Traceback" not in result.error
    built = [m.group(1) for w in result.warnings for m in [_PROBLEM.search(w)] if m]
    return sorted(p.text() for p in found), sorted(built)


@pytest.mark.parametrize("case", lesson_cases().REVIEW_CASES)
def test_the_check_and_the_strict_build_refuse_the_review_cases_alike(
    tmp_path: Path, case: str
) -> None:
    """Each case the attack review found (the build refused it with SAFE005 or published
    it, the check accepted it) is refused by both with the same file:line: RULE message,
    and the sanitizer finds nothing the rules missed (no SAFE005)."""
    cases = lesson_cases()
    checked, built = problems_of_check_and_build(tmp_path, cases.apply(cases.CASES[case].edits))
    assert checked and built == checked
    assert not any(" SAFE005 " in line for line in built)


@pytest.mark.parametrize("case", lesson_cases().LIMIT_CASES)
def test_a_page_past_a_limit_fails_the_strict_build_fast_with_the_checks_messages(
    tmp_path: Path, case: str
) -> None:
    """Nesting that made Python-Markdown raise RecursionError and brackets it took
    minutes on (50,000 on one line never finished): the strict build fails within
    seconds with the check's file:line problems, no traceback, and shows the page as a
    notice."""
    import signal
    import time

    cases = lesson_cases()

    def stop(*_: object) -> None:
        raise TimeoutError("the build took more than 60 s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(60)
    try:
        started = time.monotonic()
        checked, built = problems_of_check_and_build(tmp_path, cases.apply(cases.CASES[case].edits))
        took = time.monotonic() - started
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert checked and built == checked
    assert took < 20, took
    lenient = run_build(tmp_path / "mkdocs.yml", tmp_path / "lenient", strict=False)
    page = (tmp_path / "lenient" / "practice" / "case" / "index.html").read_text()
    assert lenient.ok and "This page is not shown" in page


def test_a_template_key_is_refused_and_never_stops_the_build(tmp_path: Path) -> None:
    """``template:`` named a template the theme does not have (TemplateNotFound, a
    traceback, even after FM005 on a lesson) or one it does (another page's layout): the
    strict build fails with FM005 on the lesson and FM020 on the overview."""
    lesson = GOOD.replace(
        "audience: [sales, service]\n", "audience: [sales, service]\ntemplate: x.html\n"
    )
    overview = MODULE_INDEX.replace("title: Practice\n", "title: Practice\ntemplate: 404.html\n")
    checked, built = problems_of_check_and_build(
        tmp_path, lesson, extra={"practice/index.md": overview}
    )
    assert [line.split(": ")[1].split()[0] for line in checked] == ["FM005", "FM020"]
    assert built == checked


def test_a_page_script_that_is_not_the_courses_own_is_not_loaded(tmp_path: Path) -> None:
    """A contributor's docs/assets/js/x.js named in a page's ``scripts:``: the strict
    build fails with the check's SAFE006 at its line and the page does not load it; a
    course module named beside it still loads."""
    page = (
        "---\ntitle: A tool page\nscripts:\n  - assets/js/team-progress.js\n"
        "  - assets/js/x.js\n---\n\nA page for team leads.\n"
    )
    extra = {
        "tools.md": page,
        "assets/js/x.js": "document.title = 'not reviewed'\n",
        "assets/js/team-progress.js": "export {}\n",
    }
    checked, built = problems_of_check_and_build(tmp_path, GOOD, extra=extra, nav="  - tools.md\n")
    assert [line.split(": ")[1].split()[0] for line in checked] == ["SAFE006"]
    assert built == checked
    lenient = run_build(tmp_path / "mkdocs.yml", tmp_path / "lenient", strict=False)
    html = (tmp_path / "lenient" / "tools" / "index.html").read_text(encoding="utf-8")
    assert lenient.ok and "team-progress.js" in html and "x.js" not in html


@pytest.mark.parametrize("case", lesson_cases().QUIZ_CASES)
def test_quiz_text_never_carries_script_or_a_remote_request(tmp_path: Path, case: str) -> None:
    """mkdocs-quiz turns the question, options and explanations into HTML after the page
    went through the sanitizer: the check refuses what they carry at its line, the strict
    build gives the same problems, and a non-strict build publishes the quiz sanitized,
    its own form and inputs intact."""
    cases = lesson_cases()
    checked, built = problems_of_check_and_build(tmp_path, cases.apply(cases.CASES[case].edits))
    assert checked and built == checked
    lenient = run_build(tmp_path / "mkdocs.yml", tmp_path / "lenient", strict=False)
    html = (tmp_path / "lenient" / "practice" / "case" / "index.html").read_text()
    quizzes = html[html.index('<div class="quiz"') : html.rindex("</section>")]
    assert lenient.ok
    for unsafe in ("alert(1)", "onclick", "onmouseover", "x.example"):
        assert unsafe not in quizzes, unsafe
    assert quizzes.count('name="answer"') == 4 and quizzes.count("data-correct") == 2
    plugin_form = '<form action="javascript:void(0);" onsubmit="return false;">'  # course.csp's
    assert quizzes.count(plugin_form) == 2 and quizzes.count("javascript:") == 2
