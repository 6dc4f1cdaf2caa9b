"""MkDocs hook: the search index holds the course, not the tools around it.

Every page in Material's search index (``search/search_index.json``) costs each
learner who searches bytes (issue 8 budget). Search is for finding course
content: the home page, the module overviews (with their huddle guides) and the
lessons. The pages around the course (team leads' tools, the progress page, the
assignment view) are reached from the navigation and hold forms and instructions
that make poor search hits, so they are left out of the index (``search:
{exclude: true}``, which Material's search plugin honours). A page can opt back
in with ``search: {exclude: false}`` in its front matter.

Which pages are course content comes from the course model
(:func:`course.load_course`: modules are nav sections with an ``index.md``).

Within a lesson, the worked example under "Try it" (``??? example``, a
``<details class="example">``) is left out too, as the quizzes are
(hooks/quiz_assets.py): it is the answer to the exercise, and a search should
lead to the teaching text.

Why, with the figures: tools/decisions/0002-search-index-scope.md.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from course.model import Course, course_for_build

# pymdownx.details renders `??? example "..."` as <details class="example">.
WORKED_EXAMPLE = re.compile(r'<details class="example"(?= |>)')


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
    search = page.meta.get("search")
    if isinstance(search, dict) and "exclude" in search:
        return  # the page decides
    if page.file.src_uri not in course_pages(course_for_build(config)):
        page.meta["search"] = {**(search if isinstance(search, dict) else {}), "exclude": True}


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Marks every worked example (``<details class="example"``) ``data-search-exclude``."""
    return WORKED_EXAMPLE.sub(r"\g<0> data-search-exclude", html)


def course_pages(course: Course) -> set[str]:
    """Source paths (``"connection/index.md"``) of the home page, overviews and lessons."""
    pages = {"index.md"}
    pages.update(f"{module.id}/index.md" for module in course.modules)
    pages.update(lesson.src_path for lesson in course.lessons.values())
    return pages
