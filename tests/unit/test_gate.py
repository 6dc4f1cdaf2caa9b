"""What the check accepts is what gets published (issue 13): plain-text front matter,
raw HTML and attribute lists against an allowlist, URL schemes against an allowlist.

Each case is one change to ``valid/good-lesson.md`` (old text -> new text) checked in the
one-module test course, with the exact ``(rule id, line)`` problems it must produce.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MODULE_INDEX, VALID

from course.config import load_config
from course.report import Reporter
from course.rules import check_course

GOOD = (VALID / "good-lesson.md").read_text(encoding="utf-8")
PARAGRAPH = "A suggestion made before you understand the problem is a guess."  # line 24

# name -> (old text, new text, expected problems)
REFUSED: dict[str, tuple[str, str, list[tuple[str, int]]]] = {
    "title-script": (
        "title: Ask before you advise",
        'title: "Ask <script>alert(1)</script> first"',
        [("FM017", 2)],
    ),
    "title-img-onerror": (
        "title: Ask before you advise",
        "title: Ask <img src=x onerror=alert(1)> first",
        [("FM017", 2)],
    ),
    "title-entity": ("title: Ask before you advise", "title: Ask &amp; advise", [("FM017", 2)]),
    "title-link": (
        "title: Ask before you advise",
        "title: Ask [first](https://x.example)",
        [("FM017", 2)],
    ),
    "title-emphasis": (
        "title: Ask before you advise",
        "title: Ask **before** you advise",
        [("FM017", 2)],
    ),
    "description-code": (
        "description: A practice lesson",
        "description: A `practice` lesson",
        [("FM017", 3)],
    ),
    "meta-refresh": (
        PARAGRAPH,
        '<meta http-equiv="refresh" content="0;url=https://x.example">',
        [("SAFE001", 24)],
    ),
    "base-href": (PARAGRAPH, '<base href="https://x.example/">', [("SAFE001", 24)]),
    "link-stylesheet": (
        PARAGRAPH,
        '<link rel="stylesheet" href="https://x.example/a.css">',
        [("SAFE001", 24)],
    ),
    "svg-animate": (
        PARAGRAPH,
        '<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>',
        [("SAFE001", 24), ("SAFE001", 24)],
    ),
    "style-overlay": (
        PARAGRAPH,
        '<div style="position:fixed;inset:0">Win a prize</div>',
        [("SAFE004", 24)],
    ),
    "target-blank": (
        PARAGRAPH,
        '<a href="https://x.example" target="_blank">the shop</a>',
        [("SAFE004", 24)],
    ),
    "attr-list-onclick": (
        PARAGRAPH,
        'Read [the guide](../index.md){ onclick="alert(1)" }.',
        [("SAFE002", 24)],
    ),
    "attr-list-style": (
        PARAGRAPH,
        'A quiet paragraph.\n{: style="display:none" }',
        [("SAFE004", 25)],
    ),
    "attr-list-href": (
        PARAGRAPH,
        'Read [the guide](../index.md){ href="javascript:alert(1)" }.',
        [("SAFE003", 24)],
    ),
    "file-scheme": (PARAGRAPH, "Read [the old notes](file:///etc/passwd).", [("SAFE003", 24)]),
    "ftp-image": (PARAGRAPH, "![A tile](ftp://x.example/tile.png)", [("SAFE003", 24)]),
    "old-quiz-syntax": (
        PARAGRAPH,
        "Old lessons used <?quiz?> and <?/quiz?> tags.",
        [("QUIZ014", 24), ("QUIZ014", 24)],
    ),
    "old-quiz-syntax-in-code": (PARAGRAPH, "Old lessons used `<?quiz?>` tags.", [("QUIZ014", 24)]),
    "quiz-tag-case": (
        "<quiz>\nWhy does",
        "<Quiz>\nWhy does",
        [("QUIZ002", 45), ("QUIZ013", 61), ("QUIZ015", 55)],
    ),
    "stray-line-between-options": (
        "> That is a guess; it can sell the wrong product.\n",
        "> That is a guess; it can sell the wrong product.\nSee the price list.\n"
        "- [ ] Ask for a photo of the floor\n> A photo helps, but a question comes first.\n",
        [("QUIZ016", 53)],
    ),
    "list-paragraph-2-spaces": (
        PARAGRAPH,
        "1. Ask one question.\n\n  Then listen to the answer.\n2. Offer one idea.",
        [("BODY005", 26)],
    ),
    "list-fence-3-spaces": (
        PARAGRAPH,
        "1. Ask one question:\n\n   ```text\n   What happened?\n   ```\n2. Listen.",
        [("BODY005", 26)],
    ),
    "box-body-flush": (
        PARAGRAPH,
        '??? example "A worked answer"\n\nThe answer shows openly.',
        [("BODY006", 26)],
    ),
    "box-body-2-spaces": (
        PARAGRAPH,
        '??? example "A worked answer"\n\n  The answer shows openly.',
        [("BODY006", 26)],
    ),
    "box-title-unquoted": (
        PARAGRAPH,
        "??? example Worked answer\n\n    The answer, in the box.",
        [("BODY007", 24)],
    ),
    "task-list": (PARAGRAPH, "- [ ] Ask one open question first", [("BODY008", 24)]),
    "placeholder-tbd": (PARAGRAPH, "TBD: a second example.", [("FILE003", 24)]),
    "placeholder-todo-brackets": (PARAGRAPH, "A second example [todo].", [("FILE003", 24)]),
    "placeholder-fixme": (PARAGRAPH, "FIXME this example.", [("FILE003", 24)]),
    "remote-image": (PARAGRAPH, "![A tile](https://x.example/tile.png)", [("LINK005", 24)]),
    "remote-img-tag": (
        PARAGRAPH,
        '<img src="//x.example/tile.png" alt="A tile">',
        [("LINK005", 24)],
    ),
}

TOLERATED: dict[str, tuple[str, str]] = {
    "details-summary": (PARAGRAPH, "<details><summary>Why</summary>Because.</details>"),
    "kbd-abbr-br": (
        PARAGRAPH,
        'Press <kbd>Enter</kbd>, then <abbr title="point of sale">POS</abbr>.<br>',
    ),
    "span-class": (PARAGRAPH, '<span class="note">A short note.</span>'),
    "img-alt": (PARAGRAPH, '<img src="counter.svg" alt="A shop counter">'),
    "https-and-mailto": (
        PARAGRAPH,
        "Write to [the shop](mailto:shop@x.example) or read [its guide](https://x.example/guide).",
    ),
    "plain-title": ("title: Ask before you advise", 'title: "Don\'t push: ask a < b question"'),
    "list-paragraph-4-spaces": (
        PARAGRAPH,
        "1. Ask one question.\n\n    Then listen to the answer.\n2. Offer one idea.",
    ),
    "list-lazy-continuation": (
        PARAGRAPH,
        "1. Ask one question\n  and listen to the answer.\n2. Offer one idea.",
    ),
    "box-body-4-spaces": (
        PARAGRAPH,
        '??? example "A worked answer"\n\n    The answer, in the box.',
    ),
    "box-no-title": (PARAGRAPH, "!!! note\n\n    A note, in the box."),
    "tab-body": (PARAGRAPH, '=== "Phone"\n\n    On the phone, ask first.'),
    "attr-list-class": (PARAGRAPH, "Read [the guide](../index.md){ .md-button }."),
}


def _problems(
    tmp_path: Path, text: str, extra: dict[str, str] | None = None, nav: str = ""
) -> list[tuple[str, int] | tuple[str, str, int]]:
    """Problems of the test course with ``text`` as ``practice/case.md``, plus ``extra``
    files (src path -> text) and ``nav`` lines; extra files' problems carry their path."""
    practice = tmp_path / "docs" / "practice"
    practice.mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# Test course\n\nA course for the tests.\n")
    (practice / "index.md").write_text(MODULE_INDEX)
    (practice / "counter.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>\n')
    (practice / "case.md").write_text(text, encoding="utf-8")
    for src, content in (extra or {}).items():
        (tmp_path / "docs" / src).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / src).write_text(content, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: T\nnav:\n  - index.md\n  - P:\n      - practice/index.md\n"
        "      - practice/case.md\n" + nav
    )
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


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused(name: str, tmp_path: Path) -> None:
    old, new, expected = REFUSED[name]
    assert sorted(_problems(tmp_path, _case(old, new))) == sorted(expected)


@pytest.mark.parametrize("name", sorted(TOLERATED))
def test_tolerated(name: str, tmp_path: Path) -> None:
    assert _problems(tmp_path, _case(*TOLERATED[name])) == []


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
    assert _problems(tmp_path / "a", _case(PARAGRAPH, long_line)) == [("FILE006", 24)]
    huge = GOOD + "\n" + ("x" * 1000 + "\n") * (MAX_FILE_BYTES // 1000 + 1)
    assert _problems(tmp_path / "b", huge) == [("FILE005", 1)]


SIBLING = (VALID / "sibling.md").read_text(encoding="utf-8")


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
        ("QUIZ017", 55, "the check counts 2 option(s) in this quiz but mkdocs-quiz rendered 0")
    ]


def test_non_ascii_headings_keep_their_letters_in_anchors(tmp_path: Path) -> None:
    """pymdownx.slugs in the toc and in the check: ``## Café talk`` is ``#café-talk``, and a
    message shows the anchor as written, with the real ids as suggestions."""
    heading = "### What a good first question sounds like"
    good = _case(heading, "### Café talk, first\n\nSee [the café part](#café-talk-first).")
    assert _problems(tmp_path / "a", good) == []
    bad = _case(heading, "### Café talk, first\n\nSee [the café part](#cafe-talk-first).")
    practice = tmp_path / "b"
    assert _problems(practice, bad) == [("LINK003", 31)]
    from course.config import load_config

    facts = load_config(practice / "mkdocs.yml")
    (found,) = [p for p in check_course(facts.docs_dir, facts)[0] if p.rule_id == "LINK003"]
    assert "'#cafe-talk-first'" in found.message and "café-talk-first" in found.hint
