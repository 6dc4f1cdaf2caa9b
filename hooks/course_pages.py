"""MkDocs hook: generated course pages and the lesson catalogue.

- ``<!-- lesson-list -->`` in a module overview becomes the module's lessons with
  their durations, read from the lessons' front matter.
- ``<!-- module-list -->`` on the home page becomes the modules with their lessons,
  lesson counts and total time; ``<!-- course-duration -->`` becomes the course's
  total minutes. Both lists stay out of the search index (``_unsearched``).
- ``<!-- continue -->`` on the home page becomes the "Continue where you left
  off" box, empty and hidden; an inline script shows it before the first paint
  when the browser holds progress, and progress.js fills it in. Reserving its
  place up front keeps the page from jumping when the box appears (Cumulative
  Layout Shift, issue 8); a learner with no progress never sees it (the page's
  "Start here" button says the same; tools/decisions/0008-reserved-space.md).
- Lesson pages get ``page.meta["lesson_id"]`` (the stable id) for the templates.
- ``course.json`` (see :meth:`course.Course.to_json`) is written to the site root
  for the progress and assignment scripts.

Every lesson link carries ``data-lesson="<id>"`` and ``data-status="not-started"``;
the progress script updates the status in the browser.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from course.anatomy import PROGRESS_KEY
from course.model import Course, Lesson, course_for_build, lesson_id_for

LESSON_LIST = "<!-- lesson-list -->"
MODULE_LIST = "<!-- module-list -->"
COURSE_DURATION = "<!-- course-duration -->"
CONTINUE = "<!-- continue -->"

# Rebuilt in on_config at the start of every build (serve rebuilds included).
_course: Course | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _course
    _course = course_for_build(config)
    return config


def on_page_markdown(
    markdown: str, *, page: Page, config: MkDocsConfig, files: Files
) -> str:
    if _course is None:
        return markdown
    lesson_id = lesson_id_for(page.file.src_uri)
    if lesson_id in _course.lessons:
        page.meta["lesson_id"] = lesson_id
        return markdown
    if LESSON_LIST in markdown:
        module = _course.module(page.file.src_uri.split("/")[0])
        lines = _lesson_lines(module.lessons, prefix="") if module else []
        markdown = markdown.replace(LESSON_LIST, _unsearched("\n".join(lines)))
    if MODULE_LIST in markdown:
        markdown = markdown.replace(MODULE_LIST, _unsearched(_module_list(_course, page)))
    if CONTINUE in markdown:
        markdown = markdown.replace(CONTINUE, _continue_box(_course))
    if COURSE_DURATION in markdown:
        markdown = markdown.replace(COURSE_DURATION, _minutes(_course.duration))
    return markdown


def on_post_build(*, config: MkDocsConfig) -> None:
    if _course is None:
        return
    target = Path(config.site_dir) / "course.json"
    target.write_text(
        json.dumps(_course.to_json(), ensure_ascii=False, separators=(",", ":")),
        encoding="utf-8",
    )


def _continue_box(course: Course) -> str:
    """The home page's "Continue where you left off" box: empty, hidden, and a
    script that shows it at once when the browser's progress has a lesson of
    this course in progress or complete (what progress.js will resume; records
    of lessons no longer in the course do not count). No stored progress or
    unreadable JSON throws inside the script and is caught: the box stays hidden.
    """
    ids = json.dumps(sorted(course.lessons), separators=(",", ":"))
    key = json.dumps(PROGRESS_KEY)
    script = (
        f"try{{var l=JSON.parse(localStorage.getItem({key})).lessons;"
        f"if({ids}.some(function(i){{return l[i]&&/^(in-progress|complete)$/.test(l[i].status)}}))"
        "document.currentScript.previousElementSibling.hidden=false}catch(e){}"
    )
    return (
        '<section class="sac-continue" aria-labelledby="sac-continue-title" hidden'
        " data-search-exclude>\n"
        '<h2 id="sac-continue-title">Continue where you left off</h2>\n'
        '<p class="sac-continue__body"></p>\n'
        "</section>\n"
        f"<script>(function(){{{script}}})()</script>\n"
    )


def _unsearched(block: str) -> str:
    """Markdown ``block`` in a ``<div>`` Material's search leaves out of the index.

    The generated lists repeat the lesson titles, which the index already holds
    with each lesson: every first visit downloads the index (issue 8).
    """
    if not block:
        return ""
    return f"<div markdown data-search-exclude>\n\n{block}\n\n</div>"


def _minutes(total: int) -> str:
    return f"{total} min"


def _link(text: str, target: str, attrs: str) -> str:
    safe = text.replace("[", "\\[").replace("]", "\\]")
    return f"[{safe}]({target}){{ {attrs} }}"


def _lesson_lines(lessons: list[Lesson], prefix: str, indent: str = "") -> list[str]:
    return [
        f"{indent}{number}. "
        + _link(
            lesson.title or lesson.id,
            prefix + lesson.src_path.split("/", 1)[1],
            f'data-lesson="{lesson.id}" data-status="not-started"',
        )
        + f" · {_minutes(lesson.duration)}"
        for number, lesson in enumerate(lessons, start=1)
    ]


def _module_list(course: Course, page: Page) -> str:
    depth = page.file.src_uri.count("/")
    up = "../" * depth
    blocks: list[str] = []
    for number, module in enumerate(course.modules, start=1):
        count = len(module.lessons)
        header = (
            f"{number}. **"
            + _link(module.title, f"{up}{module.id}/index.md", f'data-module="{module.id}"')
            + f"** · {count} lesson{'s' if count != 1 else ''} · {_minutes(module.duration)}"
        )
        blocks.append(header)
        blocks.append("")
        blocks.extend(_lesson_lines(module.lessons, prefix=f"{up}{module.id}/", indent="    "))
        blocks.append("")
    return "\n".join(blocks)
