"""The course's domain: lessons, rules, progress data shapes and generated pages.

Never imports MkDocs (a unit test enforces it): the MkDocs hooks in ``hooks/`` are
thin adapters over this package, and ``course check`` runs without MkDocs.

The pipe::

    Markdown file -> source -> parse -> rules -> report        (course check, build warnings)
    mkdocs.yml + front matter -> model -> render -> hooks       (generated pages, course.json)
"""

from course.model import Course, Lesson, Module, lesson_id_for, load_course
from course.source import front_matter, read_text

__all__ = [
    "Course",
    "Lesson",
    "Module",
    "front_matter",
    "lesson_id_for",
    "load_course",
    "read_text",
]
