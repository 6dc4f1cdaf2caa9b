"""MkDocs hook: generated course pages and the lesson catalogue.

- ``<!-- lesson-list -->`` in a module overview becomes the module's lessons with their
  durations; ``<!-- module-list -->`` on the home page a card per module (lessons,
  counts, total time, module check; room for a progress bar and the check's result)
  and the final assessment; ``<!-- course-duration -->`` the course's total minutes.
  The lists stay out of the search index (the index already holds every lesson title).
- The overview of every module after the first opens with a warm-up box (two review
  questions from the modules before, docs/assets/js/review.js), empty and hidden until
  the learner has answered questions there.
- ``<!-- continue -->`` on the home page becomes the dashboard's top: the one main
  action ("Start here: <first lesson>") and the "Continue where you left off" box,
  empty and hidden, with the inline script that shows them as this browser's progress
  says before the first paint (no layout shift; home.js fills them in;
  tools/decisions/0008-reserved-space.md, 0014-dashboard-view.md).
- Lesson pages get ``page.meta["lesson_id"]`` (the stable id) for the templates.
- ``course.json`` (:meth:`course.model.Course.to_json`) is written to the site root
  for the progress and assignment scripts.

The blocks are rendered by :mod:`course.render` (Jinja2, autoescaped).
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from course import render
from course.model import course_for_build, lesson_id_for

LESSON_LIST = "<!-- lesson-list -->"
MODULE_LIST = "<!-- module-list -->"
COURSE_DURATION = "<!-- course-duration -->"
CONTINUE = "<!-- continue -->"


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    course = course_for_build(config)  # read once per build, shared by the hooks
    lesson_id = lesson_id_for(page.file.src_uri)
    if lesson_id in course.lessons:
        page.meta["lesson_id"] = lesson_id
        return markdown
    if _warmup_module(course, page) is not None:
        # The warm-up's script (docs/assets/js/review.js), added by hooks/page_scripts.py.
        scripts = page.meta.get("scripts")
        listed = scripts if isinstance(scripts, list) else [scripts] if scripts else []
        page.meta["scripts"] = [*listed, "assets/js/review.js"]
    if LESSON_LIST in markdown:
        module = course.module(page.file.src_uri.split("/")[0])
        block = render.lesson_list(module, page.url) if module else ""
        markdown = markdown.replace(LESSON_LIST, block)
    if COURSE_DURATION in markdown:
        markdown = markdown.replace(COURSE_DURATION, f"{course.duration} min")
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The home page's blocks go in after the sanitizer (hooks/sanitize.py): the continue
    box holds a script, the module cards elements and attributes the page rules refuse.
    The overview of every module after the first opens with its warm-up box."""
    course = course_for_build(config)
    module = _warmup_module(course, page)
    if module is not None:
        html = render.warmup_box(module) + "\n" + html
    if MODULE_LIST in html:
        html = html.replace(MODULE_LIST, render.module_list(course, page.url))
    if CONTINUE in html:
        html = html.replace(CONTINUE, render.continue_box(course))
    return html


def _warmup_module(course, page: Page):  # noqa: ANN001, ANN202 - course.model types
    """The module whose overview ``page`` is, when it is not the first module."""
    parts = page.file.src_uri.split("/")
    if len(parts) != 2 or parts[1] != "index.md":
        return None
    ids = [m.id for m in course.modules]
    return course.module(parts[0]) if parts[0] in ids[1:] else None


def on_post_build(*, config: MkDocsConfig) -> None:
    course = course_for_build(config)
    target = Path(config.site_dir) / "course.json"
    target.write_text(
        json.dumps(course.to_json(), ensure_ascii=False, separators=(",", ":")),
        encoding="utf-8",
    )
