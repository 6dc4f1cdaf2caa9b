"""Learning paths: the real data file, every PATH rule on a small inline case, and the build.

Rules: PATH001-PATH007 in hooks/rules.py; parser: hooks/learning_paths.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from course import Course, Lesson, load_course
from course.paths import PATHS_FILE, load_paths, parse_paths

LESSON_IDS = [
    "connection/pushing-breaks-connection",
    "connection/what-pushing-costs-you",
    "service/help-not-battle",
    "service/listen-to-understand",
]


def _course(former: dict[str, list[str]] | None = None) -> Course:
    former = former or {}
    lessons = {
        lid: Lesson(
            id=lid,
            module=lid.split("/")[0],
            src_path=lid + ".md",
            title=f"Title of {lid}",
            description="",
            duration=4 + n,
            former_ids=tuple(former.get(lid, ())),
            quiz_count=2,
            url=lid + "/",
        )
        for n, lid in enumerate(LESSON_IDS)
    }
    return Course(modules=[], lessons=lessons)


GOOD = """\
paths:
  - id: starter
    title: "Starter: two lessons"
    description: For someone new to the team who needs the basics first.
    audience: [sales, service]
    lessons:
      - connection/pushing-breaks-connection
      - service/help-not-battle
"""


def _texts(text: str, course: Course | None = None) -> list[str]:
    return [p.text() for p in parse_paths(text, course or _course())[1]]


def test_real_paths_file_is_valid_and_has_three_paths_or_more():
    from course.config import load_config

    facts = load_config(ROOT / "mkdocs.yml")
    course = load_course(facts.docs_dir, facts.nav)
    paths, problems = load_paths(ROOT, course)
    assert problems == []
    assert len(paths) >= 3
    titles = {p.title for p in paths}
    assert {
        "New sales hire: first week",
        "Customer service team",
        "Prospecting refresher",
    } <= titles
    for path in paths:
        assert path.duration(course) == sum(course.lessons[i].duration for i in path.lessons)
        assert path.duration(course) > 0


def test_good_file_parses_with_lines_and_computed_duration():
    course = _course()
    paths, problems = parse_paths(GOOD, course)
    assert problems == []
    (path,) = paths
    assert path.id == "starter"
    assert path.title == "Starter: two lessons"
    assert path.audience == ("sales", "service")
    assert path.lessons == ("connection/pushing-breaks-connection", "service/help-not-battle")
    assert path.line == 2
    assert path.duration(course) == 4 + 6


def test_unknown_lesson_is_file_line_rule_with_suggestion():
    text = GOOD.replace("service/help-not-battle", "service/help-not-batle")
    assert _texts(text) == [
        f"{PATHS_FILE}:8: PATH001 learning path 'starter' lists 'service/help-not-batle', "
        "which is not a lesson; did you mean 'service/help-not-battle'?"
    ]


def test_unknown_lesson_drops_only_that_lesson():
    text = GOOD.replace("service/help-not-battle", "nowhere/at-all")
    paths, problems = parse_paths(text, _course())
    assert [p.rule_id for p in problems] == ["PATH001"]
    assert "did you mean" not in problems[0].message
    assert paths[0].lessons == ("connection/pushing-breaks-connection",)


def test_former_id_names_the_current_id():
    course = _course({"service/help-not-battle": ["service/old-help"]})
    text = GOOD.replace("service/help-not-battle", "service/old-help")
    (problem,) = parse_paths(text, course)[1]
    assert problem.text() == (
        f"{PATHS_FILE}:8: PATH002 learning path 'starter' lists 'service/old-help', "
        "the former id of 'service/help-not-battle'"
    )
    assert "service/help-not-battle" in problem.hint


def test_duplicate_lesson_and_duplicate_path():
    text = GOOD + "      - connection/pushing-breaks-connection\n" + GOOD.split("\n", 1)[1]
    assert _texts(text) == [
        f"{PATHS_FILE}:9: PATH003 learning path 'starter' lists "
        "'connection/pushing-breaks-connection' twice (first on line 7)",
        f"{PATHS_FILE}:10: PATH004 learning path id 'starter' is used twice (first on line 2)",
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'title: "Starter: two lessons"',
            "title: Hi",
            ":3: PATH005 learning path 'starter': title is 2 characters long; it must be 5 to 80",
        ),
        (
            '    title: "Starter: two lessons"\n',
            "",
            ":2: PATH005 learning path 'starter': title is missing",
        ),
        (
            "id: starter",
            "id: Starter Path",
            ":2: PATH005 learning path #1: id 'Starter Path' is not a slug",
        ),
        (
            "audience: [sales, service]",
            "audience: [buyers]",
            ":5: PATH005 learning path "
            "'starter': audience must be a list of: sales, service, leads",
        ),
        (
            'title: "Starter: two lessons"',
            "title: 12345",
            ":3: PATH005 learning path 'starter': title must be text",
        ),
        (
            "    audience",
            "    colour: red\n    audience",
            ":5: PATH006 learning path #1: unknown key 'colour'",
        ),
    ],
)
def test_field_problems(old, new, expected):
    text = GOOD.replace(old, new)
    assert text != GOOD
    assert f"{PATHS_FILE}{expected}" in _texts(text)


def test_empty_lessons_list():
    text = GOOD.split("    lessons:")[0] + "    lessons: []\n"
    assert _texts(text) == [
        f"{PATHS_FILE}:6: PATH005 learning path 'starter': lessons must be a non-empty "
        "list of lesson ids"
    ]


def test_yaml_syntax_error_names_the_line():
    text = GOOD.replace('title: "Starter: two lessons"', "title: Starter: two lessons")
    (message,) = _texts(text)
    assert message.startswith(f"{PATHS_FILE}:3: PATH007 learning paths file is not valid YAML")


@pytest.mark.parametrize("text", ["", "paths: []\n", "- id: starter\n", "paths: nothing\n"])
def test_no_paths_list(text):
    (message,) = _texts(text)
    assert "PATH007 learning paths file has no 'paths:' list" in message


def test_missing_file(tmp_path: Path):
    paths, problems = load_paths(tmp_path, _course())
    assert paths == []
    assert [p.text() for p in problems] == [
        f"{PATHS_FILE}:1: PATH007 learning paths file is missing"
    ]


def test_make_check_reports_path_problems(tmp_path: Path):
    """``course check`` (``make check``) runs the same PATH rules and exits 1."""
    import subprocess
    import sys

    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    data = tmp_path / PATHS_FILE
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("- prospecting/genuine-not-fake", "- prospecting/gone"), "utf-8")
    line = text.split("\n").index("      - prospecting/genuine-not-fake") + 1

    run = subprocess.run(
        [sys.executable, "-m", "course", "check"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert (
        f"{PATHS_FILE}:{line}: PATH001 learning path 'prospecting-refresher' lists "
        "'prospecting/gone', which is not a lesson" in run.stdout
    )
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize(
    ("old", "new", "markup"),
    [
        (
            "description: For someone new to the team who needs the basics first.",
            "description: For someone new ![x](https://x.example/t.png) to the team.",
            "![x](https://x.example/t.png)",
        ),
        (
            "description: For someone new to the team who needs the basics first.",
            "description: For someone new <img src=x onerror=alert(1)> to the team.",
            "<img src=x onerror=alert(1)>",
        ),
        ('title: "Starter: two lessons"', 'title: "Starter { onclick=alert(1) }"', "{"),
        (
            'title: "Starter: two lessons"',
            'title: "Starter [two](javascript:x)"',
            "[two](javascript:x)",
        ),
    ],
    ids=["description-remote-image", "description-html", "title-attr-list", "title-link"],
)
def test_markup_in_a_path_title_or_description_is_refused_and_not_rendered(old, new, markup):
    """The paths page renders titles into Markdown headings and descriptions into
    paragraphs (autoescaped, but Markdown is not HTML): markup there is PATH005 at its
    line, and the path is left out of the page, so it is never rendered."""
    text = GOOD.replace(old, new)
    assert text != GOOD
    paths, problems = parse_paths(text, _course())
    key = new.split(":")[0].strip()
    line = 3 if key == "title" else 4
    assert [p.text() for p in problems] == [
        f"{PATHS_FILE}:{line}: PATH005 learning path 'starter': {key} holds markup "
        f"({markup!r}); it is shown as plain text"
    ]
    assert paths == []
