"""A real strict MkDocs build with the lesson-checks hook, in a temporary folder.

The build must fail, list every problem ``make check`` finds for the same
course as a warning (same ``path:line: RULE message`` text), and never end in a
traceback, also when mkdocs-quiz itself would raise on a broken quiz.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from course.config import load_config
from course.rules import check_course, check_page
from conftest import HOOKS, MODULE_INDEX, BuildResult, fixture_bytes, load_hook, run_build

BROKEN = [
    "issue1-unquoted-colon.md",  # MkDocs alone drops this front matter silently
    "issue3-no-front-matter.md",  # MkDocs alone swallows the first line as metadata
    "issue4-inline-code-blank.md",
    "quiz-no-correct.md",  # mkdocs-quiz raises ValueError on this one
    "quiz-explanation-after-blank.md",  # ... and on this one
    "safe-script.md",
    "link-broken-anchor.md",
    "head-skip.md",
    "fm-title-yes.md",
    "file-not-utf8.md",  # MkDocs alone stops with a UnicodeDecodeError traceback
]


def _course(root: Path) -> Path:
    practice = root / "docs" / "practice"
    practice.mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Test course\n\nA course for the tests.\n")
    (practice / "index.md").write_text(MODULE_INDEX)
    (practice / "sibling.md").write_bytes(fixture_bytes("sibling"))
    for name in BROKEN:
        (practice / name).write_bytes(fixture_bytes(name.removesuffix(".md")))
    (practice / "issue5-not-in-nav.md").write_bytes(fixture_bytes("issue5-not-in-nav"))
    nav = "\n".join(f"      - practice/{name}" for name in ["sibling.md", *BROKEN])
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: Test course\n"
        "plugins:\n"
        "  - mkdocs_quiz\n"
        "hooks:\n"
        f"  - {HOOKS / 'lesson_checks.py'}\n"
        "nav:\n"
        "  - Home: index.md\n"
        "  - Practice:\n"
        "      - practice/index.md\n"
        f"{nav}\n"
    )
    return config


def test_strict_build_fails_and_lists_every_problem(tmp_path: Path) -> None:
    config = _course(tmp_path / "course")
    facts = load_config(config)
    expected, _ = check_course(facts.docs_dir, facts)
    assert len(expected) >= len(BROKEN) + 1

    result = run_build(config, tmp_path / "site", strict=True)

    assert not result.ok
    assert "Traceback" not in result.error and "ValueError" not in result.error
    assert "strict mode" in result.error
    warnings = "\n".join(result.warnings)
    missing = [p.text() for p in expected if p.text() not in warnings]
    assert missing == [], warnings
    # Each problem is logged once, with its hint on the next line.
    for problem in expected:
        assert warnings.count(problem.text() + "\n    " + problem.hint) == 1


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    """The test course built without --strict (as ``mkdocs serve`` does): (docs, result)."""
    root = tmp_path_factory.mktemp("nonstrict")
    config = _course(root / "course")
    result = run_build(config, root / "site", strict=False)
    assert result.ok, result.error
    return root / "course" / "docs", result


def test_non_strict_build_keeps_going_and_shows_broken_quizzes_as_text(served) -> None:
    _, result = served
    html = result.html("practice/quiz-no-correct/")
    assert "&lt;quiz&gt;" in html
    assert "Point to the most durable tile" in html  # the text is not lost
    assert any("QUIZ005" in w for w in result.warnings)


def test_check_and_renderer_agree_on_every_quiz(served) -> None:
    """Each quiz the check finds is one mkdocs-quiz renders, of the same kind, in order.

    The corpus pages with quizzes the renderer cannot build (shown as text by the
    hook) are left out; ``issue4`` shows the clash QUIZ010 reports: a choice quiz
    with ``[[...]]`` in inline code renders as a fill-in-the-blank quiz.
    """
    from bs4 import BeautifulSoup
    from course.parse import parse_page
    from course.parse.quiz import breaks_renderer as quiz_breaks_renderer

    docs, result = served
    compared = 0
    for path in sorted((docs / "practice").glob("*.md")):
        url = "practice/" if path.stem == "index" else f"practice/{path.stem}/"
        page = parse_page(docs, f"practice/{path.name}", is_lesson=path.stem != "index")
        if not page.readable:
            continue  # not UTF-8: the hook leaves it out of the site (FILE001)
        expected = [q.kind for q in page.quizzes if not quiz_breaks_renderer(q.inner)]
        soup = BeautifulSoup(result.html(url), "html.parser")
        rendered = [
            "blank" if "quiz-fill-blank" in div["class"] else "choice"
            for div in soup.select("div.quiz[id^=quiz-]")
        ]
        assert rendered == expected, path.name
        compared += len(expected)
    assert compared >= 10
    page = parse_page(docs, "practice/issue4-inline-code-blank.md", is_lesson=True)
    assert [q.kind for q in page.quizzes] == ["blank", "choice"]


@pytest.mark.parametrize("memo", ["cold", "warm", "off"])
def test_hook_reports_every_problem(memo: str, tmp_path: Path, monkeypatch, caplog) -> None:
    """The hook logs what ``course check`` finds, whether the page results are checked
    afresh (cold), reused from an earlier check (warm) or not kept (COURSE_NO_CACHE)."""
    from mkdocs.config import load_config as mkdocs_config

    lesson_checks = load_hook("lesson_checks")

    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path / "cache"))
    if memo == "off":
        monkeypatch.setenv("COURSE_NO_CACHE", "1")
    config_file = _course(tmp_path / "course")
    facts = load_config(config_file)
    expected, _ = check_course(facts.docs_dir, facts, memo=memo == "warm")
    assert expected, "the test course must have problems to compare"
    config = mkdocs_config(str(config_file))
    with caplog.at_level("WARNING"):
        lesson_checks.on_pre_build(config=config)
        lesson_checks.on_post_build(config=config)
    logged = [record.getMessage().removeprefix("lesson_checks: ") for record in caplog.records]
    assert sorted(logged) == sorted(f"{p.text()}\n    {p.hint}" for p in expected)
    assert lesson_checks._result is None
    kept = list((tmp_path / "cache" / "page-results").glob("*.pickle"))
    assert len(kept) == (0 if memo == "off" else 1)


def test_hook_warns_when_the_checks_fail(tmp_path: Path, monkeypatch, caplog) -> None:
    """A check that raises is a warning naming the error, so --strict still fails."""
    from mkdocs.config import load_config as mkdocs_config

    lesson_checks = load_hook("lesson_checks")

    config = mkdocs_config(str(_course(tmp_path / "course")))

    def broken(config):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(lesson_checks, "_check", broken)
    with caplog.at_level("WARNING"):
        lesson_checks.on_pre_build(config=config)
        lesson_checks.on_build_error(error=RuntimeError("build failed"))
    assert [r.getMessage().removeprefix("lesson_checks: ") for r in caplog.records] == [
        "lesson checks could not run (RuntimeError: disk on fire); run `make check`"
    ]


def test_heading_anchors_match_the_rendered_ids(built_site) -> None:
    """LINK003 knows exactly the ids the site has: every lesson's h2-h6 ids, in order."""
    from bs4 import BeautifulSoup
    from course.parse import parse_page
    from conftest import ROOT

    docs = ROOT / "docs"
    compared = 0
    for path in sorted(docs.glob("*/*.md")):
        src = path.relative_to(docs).as_posix()
        if src.startswith(("team-leads/", "assets/")) or path.name == "index.md":
            continue
        page = parse_page(docs, src, is_lesson=True)
        soup = BeautifulSoup(built_site.html(src.removesuffix(".md") + "/"), "html.parser")
        article = soup.select_one("article")
        rendered = [h["id"] for h in article.select("h2[id], h3[id], h4[id], h5[id], h6[id]")]
        expected = [h.anchor for h in page.headings if h.level >= 2]
        assert rendered == expected, src
        compared += len(expected)
    assert compared >= 16 * 3
