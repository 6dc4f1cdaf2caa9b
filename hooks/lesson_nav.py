"""MkDocs hook: the "Next step" block at the end of every lesson.

Each lesson page ends with a small navigation block, generated from the course
order in ``mkdocs.yml`` (see :func:`course.load_course`):

- the next lesson in the same module, or
- at the end of a module, the next module's overview, or
- after the last lesson, the learner's progress page (certificate).

The block is plain HTML that works without JavaScript; ``assets/js/progress.js``
fills in the learner's status (answered questions, lesson and module complete)
in the element marked ``data-sac-lesson-status``.
"""

from __future__ import annotations

import html

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from course.model import Course, course_for_build, lesson_id_for

PROGRESS_URL = "progress/"

# Rebuilt in on_config at the start of every build (serve rebuilds included).
_course: Course | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _course
    _course = course_for_build(config)
    return config


def on_page_content(html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _course is None:
        return html_text
    lesson_id = lesson_id_for(page.file.src_uri)
    if lesson_id not in _course.lessons:
        return html_text
    has_progress_page = files.get_file_from_path("progress.md") is not None
    return html_text + next_step_html(_course, lesson_id, page.url, has_progress_page)


def next_step_html(course: Course, lesson_id: str, page_url: str, has_progress_page: bool) -> str:
    """Return the "Next step" block for one lesson as an HTML string.

    Args:
        course: The course in navigation order.
        lesson_id: Id of the lesson the block ends (must be in ``course.lessons``).
        page_url: The lesson's site-relative URL (``"connection/x/"``); links in the
            block are made relative to it so the site works under any base path.
        has_progress_page: Whether ``docs/progress.md`` exists (link to it at the
            end of the course).

    Returns:
        ``<nav class="sac-next" ...>`` with a status paragraph for the progress
        script and one link to what comes next. Titles are HTML-escaped.
    """
    lesson = course.lessons[lesson_id]
    module = course.module(lesson.module)
    following = course.next_lesson(lesson_id)

    def rel(url: str) -> str:
        return html.escape(get_relative_url(url or "./", page_url), quote=True)

    parts = [
        # data-search-exclude: navigation, not lesson text (Material's search skips it).
        f'<nav class="sac-next" aria-label="Next step" data-sac-next="{html.escape(lesson_id)}"'
        " data-search-exclude>",
        '<p class="sac-next__title"><strong>Next step</strong></p>',
        '<p class="sac-next__status" data-sac-lesson-status role="status">'
        "Answer every question in “Check your understanding” to complete this lesson.</p>",
    ]
    if following is not None and following.module == lesson.module:
        parts.append(
            "<p>Next lesson: "
            f'<a href="{rel(following.url)}" data-lesson="{html.escape(following.id)}" '
            f'data-status="not-started">{html.escape(following.title or following.id)}</a>'
            f" · {following.duration} min</p>"
        )
    else:
        module_title = html.escape(module.title if module else lesson.module)
        parts.append(
            f'<p class="sac-next__module" data-sac-module-end="{html.escape(lesson.module)}">'
            f"This is the last lesson of the module “{module_title}”.</p>"
        )
        next_module = course.module(following.module) if following is not None else None
        if next_module is not None:
            parts.append(
                "<p>Next module: "
                f'<a href="{rel(next_module.url)}" data-module="{html.escape(next_module.id)}">'
                f"{html.escape(next_module.title)}</a></p>"
            )
        elif has_progress_page:
            parts.append(
                "<p>That was the last lesson of the course. "
                f'<a href="{rel(PROGRESS_URL)}">See your progress and certificate</a></p>'
            )
    parts.append("</nav>")
    return "\n".join(parts)
