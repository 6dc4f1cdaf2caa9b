"""Learning paths: ready-made lesson sets for team leads, read from one YAML file.

The build hook (``hooks/team_leads.py``), ``course check`` and the tests call it.
Data flows one way::

    docs/team-leads/learning-paths.yml  ->  YAML nodes (with line marks)
        ->  LearningPath records + Problem(PATH00x) list  ->  Reporter / MkDocs warnings

The file's shape (documented at the top of the file itself)::

    paths:
      - id: new-sales-hire            # slug, unique, used in ?path=<id> links
        title: "New sales hire: first week"
        description: Who it is for and what they gain (20-200 characters).
        audience: [sales]             # optional: sales, service, leads
        lessons:                      # lesson ids, in the order to take them
          - connection/pushing-breaks-connection

Line numbers come from PyYAML's node marks (``Node.start_mark.line`` is 0-based), so
every problem names the exact line of the offending entry.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from course.anatomy import AUDIENCES, PATH
from course.model import Course
from course.parse.markdown import plain_text_markup
from course.report import Problem
from course.rules.registry import problem as make_problem
from course.source import LOADER, read_text

__all__ = [
    "PATHS_FILE",
    "LearningPath",
    "check_paths_file",
    "load_paths",
    "parse_paths",
]

#: Where the paths live, relative to the repository root.
PATHS_FILE = "docs/team-leads/learning-paths.yml"

ID_PATTERN = re.compile(rf"^{PATH['id']}$")
ALLOWED_KEYS = PATH["keys"]
TITLE_RANGE = PATH["title_chars"]
DESCRIPTION_RANGE = PATH["description_chars"]


@dataclass(frozen=True)
class LearningPath:
    """One learning path.

    Attributes:
        id: Slug (``"new-sales-hire"``), unique in the file; the builder's ``?path=`` value.
        title: Heading shown to leads.
        description: Who the path is for (20-200 characters).
        audience: Subset of ``("sales", "service", "leads")``.
        lessons: Lesson ids in order (only ids that exist in the course).
        line: 1-based line of the path's ``- id:`` entry in the YAML file.
    """

    id: str
    title: str
    description: str
    audience: tuple[str, ...]
    lessons: tuple[str, ...]
    line: int

    def duration(self, course: Course) -> int:
        """Total minutes: the sum of the lessons' front matter ``duration``."""
        return sum(course.lessons[i].duration for i in self.lessons if i in course.lessons)


def load_paths(
    root: Path, course: Course, label: str = PATHS_FILE
) -> tuple[list[LearningPath], list[Problem]]:
    """Read and validate :data:`PATHS_FILE` below ``root``.

    Args:
        root: The repository root (the folder holding ``mkdocs.yml``).
        course: The course the lesson ids must exist in.
        label: How the file is named in problems (``make check`` passes it relative
            to the current folder).

    Returns:
        ``(paths, problems)``; never raises for content problems. A missing or
        unreadable file is one PATH007 problem and no paths.
    """
    path = root / PATHS_FILE
    try:
        text = read_text(path)
    except FileNotFoundError:
        return [], [
            make_problem(
                "PATH007",
                label,
                1,
                problem="is missing",
                advice="Create it with a top-level 'paths:' list (README, 'Learning paths').",
            )
        ]
    except (OSError, UnicodeDecodeError) as exc:
        return [], [
            make_problem(
                "PATH007",
                label,
                1,
                problem=f"cannot be read ({exc})",
                advice="Save it as UTF-8 text.",
            )
        ]
    return parse_paths(text, course, label)


def check_paths_file(root: Path, course: Course, label: str = PATHS_FILE) -> list[Problem]:
    """The problems in the learning paths file (for ``make check``); see :func:`load_paths`."""
    return load_paths(root, course, label)[1]


def parse_paths(
    text: str, course: Course, file: str = PATHS_FILE
) -> tuple[list[LearningPath], list[Problem]]:
    """Parse the YAML text of a learning paths file and validate it against ``course``.

    Args:
        text: The file's text (``\\n`` line endings).
        course: Lesson ids are checked against ``course.lessons`` and the former ids
            its lessons list (``course.to_json()["aliases"]``).
        file: Path shown in problems.

    Returns:
        ``(paths, problems)``. A path with an invalid id or title is left out (and
        reported); unknown lesson ids are reported and left out of that path.

    Rules: PATH001-PATH007 in :mod:`course.rules.table`.
    """
    problems: list[Problem] = []

    def report(rule_id: str, node: yaml.Node | None, **fields: Any) -> None:
        line = node.start_mark.line + 1 if node is not None else 1
        problems.append(make_problem(rule_id, file, line, **fields))

    try:
        root = yaml.compose(text, Loader=LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        detail = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.append(
            make_problem(
                "PATH007",
                file,
                line,
                problem=f"is not valid YAML: {detail}",
                advice="Check indentation and quote titles that contain a colon.",
            )
        )
        return [], problems

    paths_node = _mapping_get(root, "paths") if isinstance(root, yaml.MappingNode) else None
    if not isinstance(paths_node, yaml.SequenceNode) or not paths_node.value:
        report(
            "PATH007",
            paths_node or root,
            problem="has no 'paths:' list",
            advice="Start the file with 'paths:' and one '- id: ...' entry per path.",
        )
        return [], problems

    aliases = {old: lesson.id for lesson in course.lessons.values() for old in lesson.former_ids}
    known_ids = list(course.lessons)
    seen_paths: dict[str, int] = {}
    paths: list[LearningPath] = []

    for number, item in enumerate(paths_node.value, start=1):
        where = f"#{number}"
        if not isinstance(item, yaml.MappingNode):
            report(
                "PATH005",
                item,
                where=where,
                problem="is not a mapping",
                advice="Write each path as '- id: ...' followed by title, description and lessons.",
            )
            continue
        fields = {key.value: value for key, value in item.value if isinstance(key, yaml.ScalarNode)}
        for key, _value in item.value:
            if key.value not in ALLOWED_KEYS:
                report(
                    "PATH006",
                    key,
                    where=where,
                    key=key.value,
                    allowed=", ".join(ALLOWED_KEYS),
                )

        path_id = _scalar(fields.get("id"))
        if path_id is None or not ID_PATTERN.match(path_id):
            report(
                "PATH005",
                fields.get("id", item),
                where=where,
                problem=f"id {_show(fields.get('id'))} is not a slug",
                advice="Use lowercase letters, digits and hyphens, e.g. 'id: new-sales-hire'.",
            )
            continue
        where = f"'{path_id}'"
        if path_id in seen_paths:
            report("PATH004", fields["id"], path_id=path_id, first=seen_paths[path_id])
            continue
        seen_paths[path_id] = fields["id"].start_mark.line + 1

        title = _text_field(fields, "title", TITLE_RANGE, where, item, report)
        description = _text_field(fields, "description", DESCRIPTION_RANGE, where, item, report)
        audience = _audience(fields.get("audience"), where, report)
        lessons = _lessons(
            fields.get("lessons"), item, path_id, where, course, aliases, known_ids, report
        )
        if title is None or description is None or not lessons:
            continue
        paths.append(
            LearningPath(
                id=path_id,
                title=title,
                description=description,
                audience=audience,
                lessons=tuple(lessons),
                line=item.start_mark.line + 1,
            )
        )
    return paths, problems


def _mapping_get(node: yaml.MappingNode, key: str) -> yaml.Node | None:
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return value_node
    return None


def _scalar(node: yaml.Node | None) -> str | None:
    """The node's text when it is a plain or quoted string scalar, else None."""
    if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
        return None
    return node.value


def _show(node: yaml.Node | None) -> str:
    if node is None:
        return "(missing)"
    if isinstance(node, yaml.ScalarNode):
        return f"'{node.value}'"
    return "(a list or mapping)"


def _text_field(fields, key, bounds, where, item, report) -> str | None:
    node = fields.get(key)
    value = _scalar(node)
    low, high = bounds
    if value is None:
        report(
            "PATH005",
            node or item,
            where=where,
            problem=f"{key} {'is missing' if node is None else 'must be text'}",
            advice=f"Add '{key}: ...' ({low}-{high} characters); quote it if it has a colon.",
        )
        return None
    value = " ".join(value.split())
    if not low <= len(value) <= high:
        report(
            "PATH005",
            node,
            where=where,
            problem=f"{key} is {len(value)} characters long; it must be {low} to {high}",
            advice=f"Write a {key} of {low}-{high} characters.",
        )
        return None
    # The paths page renders titles into Markdown headings and descriptions into
    # paragraphs: escaped as HTML, but still read as Markdown.
    markup = plain_text_markup(value, braces=True)
    if markup:
        report(
            "PATH005",
            node,
            where=where,
            problem=f"{key} holds markup ({markup!r}); it is shown as plain text",
            advice=f"Write the {key} as plain words: no HTML, links, images, code, "
            "emphasis marks or braces.",
        )
        return None
    return value


def _audience(node, where, report) -> tuple[str, ...]:
    if node is None:
        return ()
    items = node.value if isinstance(node, yaml.SequenceNode) else None
    values = [_scalar(n) for n in items] if items is not None else None
    if values is None or any(v not in AUDIENCES for v in values):
        report(
            "PATH005",
            node,
            where=where,
            problem="audience must be a list of: " + ", ".join(AUDIENCES),
            advice="Write e.g. 'audience: [sales, service]', or leave the key out.",
        )
        return ()
    return tuple(dict.fromkeys(v for v in values if v))


def _lessons(node, item, path_id, where, course, aliases, known_ids, report) -> list[str]:
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        report(
            "PATH005",
            node or item,
            where=where,
            problem="lessons must be a non-empty list of lesson ids",
            advice="List the lessons one per line: '- connection/pushing-breaks-connection'.",
        )
        return []
    lessons: list[str] = []
    first_line: dict[str, int] = {}
    for entry in node.value:
        lesson = _scalar(entry)
        line = entry.start_mark.line + 1
        if lesson is None:
            report(
                "PATH005",
                entry,
                where=where,
                problem="a lesson entry is not text",
                advice="Write the lesson id as text: '- module/lesson-file-name'.",
            )
            continue
        lesson = lesson.strip()
        if lesson in aliases and lesson not in course.lessons:
            report("PATH002", entry, path_id=path_id, lesson=lesson, current=aliases[lesson])
            continue
        if lesson not in course.lessons:
            close = difflib.get_close_matches(lesson, known_ids, n=1, cutoff=0.6)
            suggestion = f"; did you mean '{close[0]}'?" if close else ""
            report("PATH001", entry, path_id=path_id, lesson=lesson, suggestion=suggestion)
            continue
        if lesson in first_line:
            report("PATH003", entry, path_id=path_id, lesson=lesson, first=first_line[lesson])
            continue
        first_line[lesson] = line
        lessons.append(lesson)
    return lessons
