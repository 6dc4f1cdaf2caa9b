"""The real course, built strictly: pages, quizzes, metadata and privacy of the output.

These tests read the built HTML with BeautifulSoup, as a browser would see it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, BuildResult
from course import Course, load_course
from mkdocs_quiz.parsing import find_quizzes, mask_code_blocks, parse_answer


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml without resolving its !ENV and !!python tags."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _mkdocs_yml() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)


@pytest.fixture(scope="module")
def course() -> Course:
    return load_course(ROOT / "docs", _mkdocs_yml()["nav"])


def _soup(built_site: BuildResult, url: str) -> BeautifulSoup:
    return BeautifulSoup(built_site.html(url), "html.parser")


def _expected_quizzes(src: Path) -> list[list[bool]]:
    """Per quiz in the Markdown source, the correctness flag of each option, in order."""
    masked, _ = mask_code_blocks(src.read_text(encoding="utf-8-sig"))
    quizzes = []
    for match in find_quizzes(masked):
        flags = [
            parsed[0]
            for line in match.group(1).split("\n")
            if (parsed := parse_answer(line)) is not None
        ]
        quizzes.append(flags)
    return quizzes


def test_site_url_is_set_so_instant_navigation_works(built_site: BuildResult) -> None:
    config = _mkdocs_yml()
    assert "navigation.instant" in config["theme"]["features"]
    soup = _soup(built_site, "")
    # Material writes the configured site_url into the canonical link; without
    # site_url there is none and instant navigation falls back to full reloads.
    canonical = soup.find("link", rel="canonical")
    assert canonical is not None and canonical["href"].startswith("http")


def test_every_lesson_page_exists(built_site: BuildResult, course: Course) -> None:
    assert course.lessons, "the course has no lessons"
    for lesson in course.lessons.values():
        soup = _soup(built_site, lesson.url)
        assert soup.find("h1").get_text(strip=True).startswith(lesson.title.rstrip())
        meta = soup.find("meta", attrs={"name": "course:lesson"})
        assert meta is not None and meta["content"] == lesson.id


def test_quizzes_render_with_their_options_and_correct_answers(
    built_site: BuildResult, course: Course
) -> None:
    for lesson in course.lessons.values():
        expected = _expected_quizzes(ROOT / "docs" / lesson.src_path)
        soup = _soup(built_site, lesson.url)
        rendered = soup.select("div.quiz")
        assert len(rendered) == len(expected), lesson.id
        for quiz, flags in zip(rendered, expected, strict=True):
            inputs = quiz.select("input[type=radio], input[type=checkbox]")
            assert len(inputs) == len(flags), f"{lesson.id}: option count"
            marked = [inp.has_attr("data-correct") for inp in inputs]
            assert marked == flags, f"{lesson.id}: correct options"


def test_every_page_has_a_meta_description(built_site: BuildResult) -> None:
    pages = sorted(built_site.site_dir.rglob("index.html"))
    assert pages
    for path in pages:
        if path.parent.name == "404":
            continue
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        meta = soup.find("meta", attrs={"name": "description"})
        assert meta is not None and len(meta.get("content", "")) >= 50, path


# No page loads anything from another origin: tests/test_privacy.py checks the built
# HTML and CSS statically (with a test that its checker sees such references) and
# every page in the browser.
