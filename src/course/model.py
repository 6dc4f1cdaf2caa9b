"""The course model: modules and lessons read from ``docs/`` and the navigation.

Data flows one way::

    mkdocs.yml nav + docs/<module>/*.md  ->  Course(modules, lessons)  ->  course.json

A lesson's **id** is its path below ``docs/`` without ``.md``
(``"connection/pushing-breaks-connection"``, grammar :data:`course.anatomy.LESSON_ID`).
The id is the progress key and what assignment links carry; it never depends on the
order in the navigation. A lesson that is moved or renamed lists its old ids under
``former_ids`` in its front matter so old links and stored progress keep working.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from course.anatomy import ASSESSMENT, FINAL_ASSESSMENT, MODULE_CHECK, NOT_MODULES
from course.config import nav_paths
from course.source import front_matter, read_text

__all__ = [
    "Assessment",
    "Course",
    "Lesson",
    "Module",
    "course_for_build",
    "assessment_kind",
    "is_lesson_path",
    "lesson_id_for",
    "load_course",
    "module_folders",
]

_QUIZ_OPEN = re.compile(r"^\s*<quiz>\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Lesson:
    """One lesson file ``docs/<module>/<slug>.md``.

    Attributes:
        id: Stable id, ``"<module>/<slug>"``.
        module: Module folder name (``"connection"``).
        src_path: Path below ``docs/`` with forward slashes (``"connection/x.md"``).
        title: Front matter ``title`` (str; ``""`` when missing or not a string).
        description: Front matter ``description``.
        duration: Front matter ``duration`` in minutes (int; 0 when missing or invalid).
        former_ids: Ids this lesson had before a move or rename.
        objectives: Front matter ``objectives`` (the strings of the list; () otherwise).
        quiz_count: Number of ``<quiz>`` blocks in the body.
        url: Site-relative URL with MkDocs' directory URLs (``"connection/x/"``).
    """

    id: str
    module: str
    src_path: str
    title: str
    description: str
    duration: int
    former_ids: tuple[str, ...]
    quiz_count: int
    url: str
    objectives: tuple[str, ...] = ()


@dataclass
class Assessment:
    """A module check (``docs/<module>/module-check.md``) or the final assessment
    (``docs/final-assessment.md``), issue 15.

    Attributes:
        id: The module id for a module check, ``"final"`` for the final assessment.
        kind: ``"module"`` or ``"final"``.
        module: The module of a module check (None for the final assessment).
        src_path: Path below ``docs/``.
        title: Front matter ``title``.
        url: Site-relative URL.
        pass_mark: Front matter ``pass_mark`` in percent (0 when missing or invalid).
        questions: ``<quiz>`` blocks on the page (the final's whole bank).
        draw: Questions per attempt (every question for a module check).
    """

    id: str
    kind: str
    module: str | None
    src_path: str
    title: str
    url: str
    pass_mark: int
    questions: int
    draw: int


@dataclass
class Module:
    """A module folder ``docs/<module>/`` with its overview ``index.md``.

    Attributes:
        id: Folder name (``"client-focus"``).
        title: The overview's front matter ``title`` or the nav section title.
        description: The overview's front matter ``description``.
        url: Site-relative URL of the overview (``"client-focus/"``).
        lessons: Lessons in navigation order.
    """

    id: str
    title: str
    description: str
    url: str
    lessons: list[Lesson] = field(default_factory=list)

    @property
    def duration(self) -> int:
        """Total minutes of the module's lessons (sum of ``duration``)."""
        return sum(lesson.duration for lesson in self.lessons)


@dataclass
class Course:
    """The whole course in navigation order.

    Attributes:
        modules: Modules in navigation order.
        lessons: Every lesson keyed by id, in navigation order.
    """

    modules: list[Module]
    lessons: dict[str, Lesson]
    assessments: dict[str, Assessment] = field(default_factory=dict)

    @property
    def duration(self) -> int:
        """Total minutes of all lessons."""
        return sum(module.duration for module in self.modules)

    def module(self, module_id: str) -> Module | None:
        """Return the module with this folder name, or None."""
        return next((m for m in self.modules if m.id == module_id), None)

    def next_lesson(self, lesson_id: str) -> Lesson | None:
        """Return the lesson after ``lesson_id`` in course order, or None after the last."""
        ids = list(self.lessons)
        if lesson_id not in ids:
            return None
        position = ids.index(lesson_id)
        return self.lessons[ids[position + 1]] if position + 1 < len(ids) else None

    def to_json(self) -> dict[str, Any]:
        """The catalogue the browser scripts read (written as ``course.json``).

        Shape::

            {"version": 1, "duration": int,
             "modules": [{"id", "title", "url", "duration", "lessons": [id, ...]}],
             "lessons": {id: {"title", "module", "url", "duration", "quizzes",
                              "description", "former_ids": [id, ...]}},
             "aliases": {former_id: id},
             "assessments": {id: {"kind": "module" | "final", "module": id | None,
                                  "title", "url", "passMark": int (percent),
                                  "questions": int, "draw": int}}}

        URLs are relative to the site root.
        """
        return {
            "version": 1,
            "duration": self.duration,
            "modules": [
                {
                    "id": m.id,
                    "title": m.title,
                    "url": m.url,
                    "duration": m.duration,
                    "lessons": [lesson.id for lesson in m.lessons],
                }
                for m in self.modules
            ],
            "lessons": {
                lesson.id: {
                    "title": lesson.title,
                    "module": lesson.module,
                    "url": lesson.url,
                    "duration": lesson.duration,
                    "quizzes": lesson.quiz_count,
                    "description": lesson.description,
                    "former_ids": list(lesson.former_ids),
                }
                for lesson in self.lessons.values()
            },
            "aliases": {
                old: lesson.id for lesson in self.lessons.values() for old in lesson.former_ids
            },
            "assessments": {
                a.id: {
                    "kind": a.kind,
                    "module": a.module,
                    "title": a.title,
                    "url": a.url,
                    "passMark": a.pass_mark,
                    "questions": a.questions,
                    "draw": a.draw,
                }
                for a in self.assessments.values()
            },
        }


def module_folders(src_paths: list[str]) -> set[str]:
    """Module folders among ``src_paths``: top-level folders with an ``index.md`` listed.

    ``team-leads`` and ``assets`` (:data:`course.anatomy.NOT_MODULES`) are never modules.
    """
    folders = {
        PurePosixPath(p).parts[0]
        for p in src_paths
        if len(PurePosixPath(p).parts) == 2 and PurePosixPath(p).name == "index.md"
    }
    return folders - NOT_MODULES


def is_lesson_path(src_path: str, modules: set[str]) -> bool:
    """True for ``<module>/<name>.md``: ``<module>`` in ``modules``, ``<name>`` neither
    ``index`` nor the module check (:data:`course.anatomy.MODULE_CHECK`)."""
    path = PurePosixPath(src_path)
    return (
        len(path.parts) == 2
        and path.parts[0] in modules
        and path.stem != "index"
        and path.name != MODULE_CHECK
    )


def assessment_kind(src_path: str, modules: set[str]) -> str | None:
    """``"module"`` for ``<module>/module-check.md``, ``"final"`` for
    ``final-assessment.md``, None for any other path."""
    path = PurePosixPath(src_path)
    if len(path.parts) == 2 and path.parts[0] in modules and path.name == MODULE_CHECK:
        return "module"
    return "final" if src_path == FINAL_ASSESSMENT else None


def lesson_id_for(src_path: str) -> str:
    """Return the lesson id for a path below ``docs/`` (``"a/b.md"`` -> ``"a/b"``)."""
    return str(PurePosixPath(src_path).with_suffix(""))


def _string(meta: dict[str, Any], key: str) -> str:
    value = meta.get(key)
    return value if isinstance(value, str) else ""


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(v for v in value if isinstance(v, str))
    return ()


def _url(src_path: str) -> str:
    path = PurePosixPath(src_path)
    if path.name == "index.md":
        parent = str(path.parent)
        return "" if parent == "." else parent + "/"
    return str(path.with_suffix("")) + "/"


def load_course(docs_dir: Path, nav: Any) -> Course:
    """Read every module and lesson listed in the navigation.

    A *module* is a top-level nav section whose pages live in one folder with an
    ``index.md``; its other pages are its lessons. Pages outside module folders
    (the home page, pages for team leads) are not lessons. Front matter problems
    do not raise here: fields that are missing or of the wrong type get empty
    values, and :mod:`course.rules` report them with file and line.

    Args:
        docs_dir: The ``docs/`` folder.
        nav: The ``nav`` value from ``mkdocs.yml``.

    Returns:
        The course, modules and lessons in navigation order.
    """
    modules: dict[str, Module] = {}
    lessons: dict[str, Lesson] = {}
    pairs = nav_paths(nav)
    folders = module_folders([p for _, p in pairs])
    assessments: dict[str, Assessment] = {}
    for section, src_path in pairs:
        parts = PurePosixPath(src_path).parts
        kind = assessment_kind(src_path, folders)
        if kind is not None:
            found = _assessment(docs_dir, src_path, kind)
            assessments.setdefault(found.id, found)
            continue
        if len(parts) != 2 or parts[0] not in folders:
            continue
        folder = parts[0]
        path = docs_dir / src_path
        try:
            text = read_text(path)
        except (OSError, UnicodeDecodeError):
            text = ""
        meta, _ = front_matter(text)
        if parts[1] == "index.md":
            modules[folder] = Module(
                id=folder,
                title=_string(meta, "title") or section or folder,
                description=_string(meta, "description"),
                url=_url(src_path),
            )
            continue
        module = modules.setdefault(
            folder, Module(id=folder, title=section or folder, description="", url=folder + "/")
        )
        duration = meta.get("duration")
        lesson = Lesson(
            id=lesson_id_for(src_path),
            module=folder,
            src_path=src_path,
            title=_string(meta, "title"),
            description=_string(meta, "description"),
            duration=0 if isinstance(duration, bool) or not isinstance(duration, int) else duration,
            former_ids=_strings(meta.get("former_ids")),
            quiz_count=len(_QUIZ_OPEN.findall(text)),
            url=_url(src_path),
            objectives=_strings(meta.get("objectives")),
        )
        module.lessons.append(lesson)
        lessons[lesson.id] = lesson
    return Course(modules=list(modules.values()), lessons=lessons, assessments=assessments)


def _assessment(docs_dir: Path, src_path: str, kind: str) -> Assessment:
    """Read one assessment page (front matter problems give empty values)."""
    try:
        text = read_text(docs_dir / src_path)
    except (OSError, UnicodeDecodeError):
        text = ""
    meta, _ = front_matter(text)
    mark = meta.get("pass_mark")
    questions = len(_QUIZ_OPEN.findall(text))
    module = PurePosixPath(src_path).parts[0] if kind == "module" else None
    return Assessment(
        id=module or "final",
        kind=kind,
        module=module,
        src_path=src_path,
        title=_string(meta, "title"),
        url=_url(src_path),
        pass_mark=mark if isinstance(mark, int) and not isinstance(mark, bool) else 0,
        questions=questions,
        draw=min(questions, ASSESSMENT["final_draw"]) if kind == "final" else questions,
    )


# The course of the build in progress, shared by every hook (see course_for_build).
_loaded: tuple[Any, Course] | None = None


def course_for_build(config: Any) -> Course:
    """The course for one MkDocs build, read once and shared by every hook.

    Args:
        config: The build's ``MkDocsConfig`` (read as a mapping: ``docs_dir``, ``nav``).
            MkDocs makes a new config object for every build, ``serve`` rebuilds
            included, so a new build always reads the lessons afresh and nothing is
            carried over from the previous one.

    Returns:
        The same :class:`Course` for every call with the same config object.
    """
    global _loaded
    if _loaded is None or _loaded[0] is not config:
        _loaded = (config, load_course(Path(config["docs_dir"]), config["nav"]))
    return _loaded[1]
