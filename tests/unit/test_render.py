"""course.render: every generated block keeps contributors' text as text.

A front matter title such as ``<img src=x onerror=alert(1)>`` must show as characters in
the lesson lists, the module list, the next step, the learning paths, the huddle guides
and the assignment builder (round 1 left it live in the lesson lists). URLs match what
MkDocs' own ``get_relative_url`` computes.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from conftest import make_lesson

from course import render
from course.model import Course, Module
from course.paths import LearningPath

HOSTILE = 'Pushing <img src=x onerror="alert(1)"> & [brackets](javascript:alert(2))'


@pytest.fixture
def course() -> Course:
    first, second = make_lesson("alpha/one", HOSTILE), make_lesson("alpha/two", "Two")
    third = make_lesson("beta/three", "Three")
    return Course(
        modules=[
            Module(
                id="alpha",
                title=f"Module {HOSTILE}",
                description="",
                url="alpha/",
                lessons=[first, second],
            ),
            Module(id="beta", title="Beta", description="", url="beta/", lessons=[third]),
        ],
        lessons={lesson.id: lesson for lesson in (first, second, third)},
    )


def _no_injected_markup(html: str) -> BeautifulSoup:
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("img") is None, html
    assert not any(a.get("href", "").startswith("javascript") for a in soup.find_all("a"))
    assert HOSTILE in soup.get_text()
    return soup


def test_lesson_and_module_lists_keep_titles_as_text(course: Course) -> None:
    soup = _no_injected_markup(render.lesson_list(course.modules[0], "alpha/"))
    assert [a["href"] for a in soup.find_all("a")] == ["one/", "two/"]
    assert [a["data-lesson"] for a in soup.find_all("a")] == ["alpha/one", "alpha/two"]
    soup = _no_injected_markup(render.module_list(course, ""))
    meta = [p.get_text() for p in soup.select(".sac-module__meta")]
    assert meta == ["2 lessons · 10 min", "1 lesson · 5 min"]


def test_next_step_learning_paths_huddles_and_builder_keep_titles_as_text(
    course: Course, tmp_path
) -> None:
    # alpha/two ends the module "Module <hostile>"; alpha/one is followed by it
    _no_injected_markup(render.next_step(course, "alpha/two", "alpha/two/", True))
    soup = BeautifulSoup(
        render.next_step(course, "beta/three", "beta/three/", False), "html.parser"
    )
    assert soup.find("a") is None  # the last lesson, no progress page: nothing to link
    path = LearningPath(
        id="p",
        title=HOSTILE,
        description=HOSTILE,
        audience=("sales",),
        lessons=("alpha/one", "beta/three"),
        line=2,
    )
    _no_injected_markup(render.learning_paths(course, [path], "team-leads/learning-paths/"))
    # alpha has its guide page (team-leads/huddles/alpha.md); beta's is missing, so its
    # link falls back to the module overview (CONTENT003 reports the missing guide)
    (tmp_path / "team-leads" / "huddles").mkdir(parents=True)
    (tmp_path / "team-leads" / "huddles" / "alpha.md").write_text("A guide.\n")
    soup = _no_injected_markup(render.huddle_guides(course, tmp_path, "team-leads/"))
    assert [a["href"] for a in soup.find_all("a")] == ["huddles/alpha/", "../beta/"]
    soup = _no_injected_markup(render.builder(course, [path], "../../"))
    assert soup.select_one("#lesson-alpha--one")["data-title"] == HOSTILE


@pytest.mark.parametrize(
    ("url", "page"),
    [
        ("service/x/", "service/"),
        ("service/", "team-leads/"),
        ("", "team-leads/paths/"),
        ("progress/", "reputation/x/"),
        ("connection/", ""),
        ("a/b/", "a/b/"),
    ],
)
def test_relative_urls_match_mkdocs(url: str, page: str) -> None:
    from mkdocs.utils import get_relative_url

    assert render.relative_url(url, page) == get_relative_url(url or "./", page)
