"""What the check accepts is what gets published (issue 13): the cases that need more than
one edit of the good lesson (other files, a nav, YAML bombs, huge files, the renderer).

The one-edit cases of the gate (markup in titles, the HTML and URL allowlists, quiz tag
variants, Markdown that renders unlike GitHub, remote images) are in
``tests/unit/lesson_cases.py`` with every other rule case.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import VALID, fixture_bytes, write_case_course

from course.config import load_config
from course.report import Reporter
from course.rules import check_course

GOOD = (VALID / "good-lesson.md").read_text(encoding="utf-8")
PARAGRAPH = "A suggestion made before you understand the problem is a guess."  # line 24


def _problems(
    tmp_path: Path, text: str, extra: dict[str, str] | None = None, nav: str = ""
) -> list[tuple[str, int] | tuple[str, str, int]]:
    """Problems of the test course with ``text`` as ``practice/case.md``, plus ``extra``
    files (src path -> text) and ``nav`` lines; extra files' problems carry their path."""
    config = write_case_course(tmp_path, text, extra=extra, nav=nav)
    facts = load_config(config)
    found, _ = check_course(facts.docs_dir, facts)
    reporter = Reporter()
    reporter.extend(found)
    return [
        (p.rule_id, p.line) if p.path == "docs/practice/case.md" else (p.rule_id, p.path, p.line)
        for p in reporter.problems
    ]


def _case(old: str, new: str) -> str:
    assert GOOD.count(old) == 1, old
    return GOOD.replace(old, new)


def test_yaml_anchors_and_aliases_are_refused_without_building_them(tmp_path: Path) -> None:
    """Ten lines of nested aliases would be 9**10 strings once built: each is refused at
    its line, and the check stays small and fast (the benchmark measures it)."""
    bomb = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    bomb += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    text = _case(
        "audience: [sales, service]\n", "audience: [sales, service]\n" + "\n".join(bomb) + "\n"
    )
    found = _problems(tmp_path, text)
    assert {rule for rule, _ in found} == {"FM018"}
    assert [line for _, line in found] == list(range(9, 19))


def test_oversized_files_and_lines_are_refused(tmp_path: Path) -> None:
    from course.anatomy import MAX_FILE_BYTES, MAX_LINE_CHARS

    long_line = "https://x.example/" + "a" * MAX_LINE_CHARS
    assert _problems(tmp_path / "a", _case(PARAGRAPH, long_line)) == [("FILE006", 25)]
    huge = GOOD + "\n" + ("x" * 1000 + "\n") * (MAX_FILE_BYTES // 1000 + 1)
    assert _problems(tmp_path / "b", huge) == [("FILE005", 1)]


SIBLING = fixture_bytes("sibling").decode("utf-8")


@pytest.mark.parametrize(
    ("extra", "nav", "expected"),
    [
        (
            {"practice/more.markdown": SIBLING},
            "      - practice/more.markdown\n",
            [("FILE007", "docs/practice/more.markdown", 1)],
        ),
        ({"practice/Notes.MD": "# Notes\n"}, "", [("FILE007", "docs/practice/Notes.MD", 1)]),
        (
            {"practice/offer.html": "<script>alert(1)</script>\n"},
            "",
            [("FILE007", "docs/practice/offer.html", 1)],
        ),
        (
            {
                "practice/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg">\n<script>x()</script>\n</svg>\n'
            },
            "",
            [("FILE007", "docs/practice/logo.svg", 2)],
        ),
        (
            {
                "practice/badge.svg": '<svg xmlns="http://www.w3.org/2000/svg">\n<image href="https://x.example/a.png"/></svg>\n'
            },
            "",
            [("FILE007", "docs/practice/badge.svg", 2)],
        ),
        (
            {"extras/tips.md": "---\ntitle: Tips\n---\n\nSome tips.\n"},
            "  - X:\n      - extras/tips.md\n",
            [("NAV006", "docs/extras/tips.md", 1)],
        ),
        (
            {"practice/more/deep.md": SIBLING},
            "      - practice/more/deep.md\n",
            [("NAV007", "docs/practice/more/deep.md", 1)],
        ),
        ({}, "      - practice/case.md\n", [("NAV008", "mkdocs.yml", 7)]),
    ],
    ids=[
        "markdown-extension",
        "upper-case-MD",
        "html-file",
        "svg-script",
        "svg-remote-image",
        "folder-without-overview",
        "module-sub-folder",
        "nav-twice",
    ],
)
def test_every_file_mkdocs_publishes_is_checked(tmp_path: Path, extra, nav, expected) -> None:
    assert _problems(tmp_path, GOOD, extra, nav) == expected


def test_images_and_the_site_assets_are_tolerated(tmp_path: Path) -> None:
    extra = {
        "practice/counter.png": "png",
        "assets/css/x.css": "a{}",
        "assets/js/x.js": "x()",
        "practice/plain.svg": '<svg xmlns="http://www.w3.org/2000/svg"><a href="#x"/></svg>',
    }
    assert _problems(tmp_path, GOOD, extra) == []


def test_the_build_compares_rendered_options_with_the_check(tmp_path: Path) -> None:
    """QUIZ017: the ``rendered`` rule sees a quiz the renderer showed with fewer options."""
    from course.parse import parse_page
    from course.rules.registry import Rendered, checks_for, run

    (tmp_path / "case.md").write_text(GOOD, encoding="utf-8")
    page = parse_page(tmp_path, "case.md", is_lesson=True)
    quiz = '<div class="quiz" id="quiz-{n}">' + '<input type="radio" name="answer" value="0">' * 2
    agreeing = quiz.format(n=0) + "</div>" + quiz.format(n=1) + "</div>"
    (found,) = checks_for("rendered")
    assert run(found, Rendered(page, agreeing)) == []
    short = quiz.format(n=0) + "</div>" + '<div class="quiz" id="quiz-1"></div>'
    assert [(p.rule_id, p.line, p.message) for p in run(found, Rendered(page, short))] == [
        ("QUIZ017", 56, "the check counts 2 option(s) in this quiz but mkdocs-quiz rendered 0")
    ]


def test_non_ascii_headings_keep_their_letters_in_anchors(tmp_path: Path) -> None:
    """pymdownx.slugs in the toc and in the check: ``## Café talk`` is ``#café-talk``, and a
    message shows the anchor as written, with the real ids as suggestions."""
    heading = "### What a good first question sounds like"
    good = _case(heading, "### Café talk, first\n\nSee [the café part](#café-talk-first).")
    assert _problems(tmp_path / "a", good) == []
    bad = _case(heading, "### Café talk, first\n\nSee [the café part](#cafe-talk-first).")
    practice = tmp_path / "b"
    assert _problems(practice, bad) == [("LINK003", 32)]
    from course.config import load_config

    facts = load_config(practice / "mkdocs.yml")
    (found,) = [p for p in check_course(facts.docs_dir, facts)[0] if p.rule_id == "LINK003"]
    assert "'#cafe-talk-first'" in found.message and "café-talk-first" in found.hint


def test_too_many_quiz_tags_are_one_problem_and_fast(tmp_path: Path) -> None:
    """QUIZ018: 5000 unclosed <quiz> tags took mkdocs-quiz's own parsing 7 s; now the page
    gets one problem and its tags are not parsed (the build shows them as text)."""
    from course.parse.quiz import MAX_QUIZ_TAGS, neutralise_excess_tags

    many = _case(PARAGRAPH, "<quiz>\n" * 5000)
    # The quizzes are not read, so "Check your understanding" counts none (QUIZ002).
    assert _problems(tmp_path, many) == [("QUIZ018", 11), ("QUIZ002", 5046)]
    assert "<quiz>" not in neutralise_excess_tags(many)
    few = GOOD.count("<quiz>") + GOOD.count("</quiz>")
    assert few <= MAX_QUIZ_TAGS and neutralise_excess_tags(GOOD) == GOOD


def test_titles_of_overviews_and_other_pages_are_plain_text_too(tmp_path: Path) -> None:
    """Material prints page titles unescaped in <title>, the heading and the nav: FM017
    covers module overviews and the home page, not only lessons."""
    from conftest import MODULE_INDEX

    hostile = MODULE_INDEX.replace(
        "title: Practice", 'title: "Practice <img src=x onerror=alert(1)>"'
    )
    assert hostile != MODULE_INDEX
    found = _problems(tmp_path, GOOD, extra={"practice/index.md": hostile})
    assert found == [("FM017", "docs/practice/index.md", 2)]


def test_a_sanitizer_problem_names_the_line_that_holds_the_markup(tmp_path: Path) -> None:
    """SAFE005 is reported where the removed tag or attribute is written, as a whole
    name: not at a front matter line that merely holds the word ("a script")."""
    from course.parse import parse_page
    from course.rules.registry import Rendered, checks_for, run

    text = _case(
        "description: A practice lesson for the test suite that meets every rule",
        "description: A practice lesson with a script for the test suite that meets every rule",
    ).replace(PARAGRAPH, "Lists of scripts are fine.\n\n<script>alert(1)</script>\n\n" + PARAGRAPH)
    (tmp_path / "case.md").write_text(text, encoding="utf-8")
    page = parse_page(tmp_path, "case.md", is_lesson=True)
    (found,) = checks_for("converted")
    html = '<p>Lists.</p><script>alert(1)</script><p style="color: red">x</p>'
    assert [(p.rule_id, p.line, p.message) for p in run(found, Rendered(page, html))] == [
        # Written nowhere in the page: the first line of the body.
        ("SAFE005", 11, "the HTML sanitizer removed style= on <p> from the rendered page"),
        ("SAFE005", 27, "the HTML sanitizer removed <script> from the rendered page"),
    ]


def test_a_page_key_the_theme_would_act_on_is_refused(tmp_path: Path) -> None:
    """FM020: a page other than a lesson or an assessment sets only its title,
    description, scripts and Material's hide and search; ``template:`` (a traceback, or
    another page's layout) and ``icon:`` (a file of the theme) are refused at their line."""
    from conftest import MODULE_INDEX

    overview = MODULE_INDEX.replace(
        "title: Practice\n", "title: Practice\ntemplate: 404.html\nicon: ../x\nhide: [toc]\n"
    )
    found = _problems(tmp_path, GOOD, extra={"practice/index.md": overview})
    assert found == [("FM020", "docs/practice/index.md", 3), ("FM020", "docs/practice/index.md", 4)]


TOOL_PAGE = "---\ntitle: A tool page\nscripts:\n{scripts}---\n\nA page for team leads.\n"


@pytest.mark.parametrize(
    ("scripts", "expected"),
    [
        ("  - assets/js/team-progress.js\n", []),
        ("  - assets/js/x.js\n", [("SAFE006", "docs/tools.md", 4)]),
        ("  - assets/js/progress-page.js\n  - ../x.js\n", [("SAFE006", "docs/tools.md", 5)]),
        ("  - {src: assets/js/x.js}\n", [("SAFE006", "docs/tools.md", 4)]),
    ],
    ids=["course-module", "new-script", "path-out-of-the-site", "not-a-name"],
)
def test_a_page_loads_only_the_courses_own_page_scripts(tmp_path: Path, scripts, expected) -> None:
    """SAFE006: front matter ``scripts:`` names only modules of
    :data:`course.sanitize.PAGE_SCRIPTS`; a script a contributor adds beside them is
    refused at its line, and the build does not load it (tests/site/test_gate_build.py)."""
    extra = {
        "tools.md": TOOL_PAGE.format(scripts=scripts),
        "assets/js/x.js": "document.title = 'owned'\n",
    }
    assert _problems(tmp_path, GOOD, extra, nav="  - tools.md\n") == expected


@pytest.mark.parametrize(
    "src",
    ["assets/x.js", "assets/img/theme.css", "practice/tracker.js", "assets/data.json"],
)
def test_site_code_outside_the_maintainer_owned_folders_is_refused(tmp_path: Path, src) -> None:
    """FILE007: code and data files (.js, .css, .json, .woff2) sit only in the
    maintainer-owned folders (:data:`course.sanitize.SITE_CODE_DIRS`, .github/CODEOWNERS)."""
    found = _problems(tmp_path, GOOD, {src: "x()\n"})
    assert [(rule, path) for rule, path, _ in found] == [("FILE007", f"docs/{src}")]


def test_every_maintainer_owned_path_has_an_owner() -> None:
    """The folders of site code, the page-script allowlist and the gate itself are
    maintainer-owned: .github/CODEOWNERS names each, so a pull request that changes them
    needs a maintainer's review."""
    from conftest import ROOT

    from course.sanitize import SITE_CODE_DIRS

    owners = {
        line.split()[0]
        for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#") and len(line.split()) > 1
    }
    needed = {f"/docs/{folder}" for folder in SITE_CODE_DIRS}
    needed |= {"/src/", "/hooks/", "/overrides/", "/mkdocs.yml", "/.github/", "/tools/"}
    assert needed <= owners, needed - owners
