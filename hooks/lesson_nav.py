"""MkDocs hook: where a lesson sits, at its top and at its end.

At the top (:func:`course.render.lesson_intro`): "Lesson N of M in <module> · X min"
and the lesson's objectives from its front matter. At the end, the "Next step" block.

Generated from the course order in ``mkdocs.yml`` (:func:`course.render.next_step`):
the next lesson in the same module; at the end of a module, the next module's
overview; after the last lesson, the learner's progress page (certificate). Plain
HTML that works without JavaScript; ``assets/js/progress.js`` fills in the learner's
status in the element marked ``data-sac-lesson-status``.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from course import render
from course.model import course_for_build, lesson_id_for


def on_page_content(html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    course = course_for_build(config)  # read once per build, shared by the hooks
    lesson_id = lesson_id_for(page.file.src_uri)
    if lesson_id not in course.lessons:
        return html_text
    has_progress_page = files.get_file_from_path("progress.md") is not None
    return (
        render.lesson_intro(course, lesson_id, page.url)
        + "\n"
        + html_text
        + render.next_step(course, lesson_id, page.url, has_progress_page)
    )
