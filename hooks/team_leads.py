"""MkDocs hook: the pages for team leads (learning paths, assignment builder, team progress).

An adapter only: it reads the course (:mod:`course`) and the learning paths
(:mod:`learning_paths`), turns their problems into MkDocs warnings (so ``--strict``
fails the build, naming ``file:line: RULE``), and replaces placeholders with
generated content:

- ``<!-- huddle-guides -->`` (team-leads/index.md): each module's huddle guide, a link
  to its page ``team-leads/huddles/<module>.md`` (to the module overview when the page
  is missing, so a missing guide never breaks the build; rule CONTENT003 reports it).
- ``<!-- learning-paths -->`` (team-leads/learning-paths.md): every path with its
  lessons, computed total time and an "Assign this path" link to the builder.
- ``<!-- assignment-builder -->`` (team-leads/assignment-builder.md): the builder form
  with every lesson as a checkbox grouped by module (fieldset/legend) and the paths
  as presets; ``assets/js/assignments.js`` enhances it.
- ``<!-- assignment-view -->`` (assignment.md) and ``<!-- team-progress -->``
  (team-leads/team-progress.md): the static containers the scripts fill in.

The pages load their scripts themselves (front matter ``scripts:``, see
``hooks/page_scripts.py``): ``assets/js/assignments.js`` on the builder and the
assignment view, ``assets/js/team-progress.js`` on team progress; lessons stay light.

The blocks are rendered by :mod:`course.render` (Jinja2 templates, autoescaped), so
the pages stay plain Markdown and every title and duration comes from the lessons'
own front matter.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from course import render
from course.model import Course, course_for_build
from course.paths import LearningPath, load_paths

log = get_plugin_logger(__name__)

HUDDLE_GUIDES = "<!-- huddle-guides -->"
LEARNING_PATHS = "<!-- learning-paths -->"
PATH_COUNT = "<!-- path-count -->"
BUILDER = "<!-- assignment-builder -->"
VIEW = "<!-- assignment-view -->"
TEAM_PROGRESS = "<!-- team-progress -->"

# Rebuilt in on_config at the start of every build (serve rebuilds included).
_state: dict[str, object] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load the course and the learning paths; log every PATH problem as a warning.

    A warning names ``file:line: RULE message`` plus the hint, so ``--strict`` fails the
    build on an unknown lesson id while ``mkdocs serve`` keeps serving.
    """
    docs_dir = Path(config.docs_dir)
    course = course_for_build(config)
    paths, problems = load_paths(Path(config.config_file_path).parent, course)
    for problem in problems:
        log.warning(f"{problem.text()}\n    {problem.hint}")
    _state.clear()
    _state.update(course=course, paths=paths, docs_dir=docs_dir)
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace the Markdown placeholders (huddle guides, path count, learning paths)."""
    course = _state.get("course")
    if not isinstance(course, Course):
        return markdown
    paths: list[LearningPath] = _state["paths"]  # type: ignore[assignment]
    if HUDDLE_GUIDES in markdown:
        docs_dir: Path = _state["docs_dir"]  # type: ignore[assignment]
        markdown = markdown.replace(HUDDLE_GUIDES, render.huddle_guides(course, docs_dir, page.url))
    if PATH_COUNT in markdown:
        markdown = markdown.replace(PATH_COUNT, str(len(paths)))
    if LEARNING_PATHS in markdown:
        markdown = markdown.replace(LEARNING_PATHS, render.learning_paths(course, paths, page.url))
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace the HTML placeholders (builder, assignment view, team progress).

    Each container carries ``data-site-root`` (the site root relative to this page),
    which the scripts use to build assignment links and fetch ``course.json``.
    """
    course = _state.get("course")
    if not isinstance(course, Course):
        return html
    # The site root relative to this page, for the scripts (see assignments.js siteBase).
    root = "../" * page.url.count("/") or "./"
    if BUILDER in html:
        paths: list[LearningPath] = _state["paths"]  # type: ignore[assignment]
        html = html.replace(BUILDER, render.builder(course, paths, root))
    if VIEW in html:
        html = html.replace(VIEW, render.assignment_view(root))
    if TEAM_PROGRESS in html:
        html = html.replace(TEAM_PROGRESS, render.team_progress(root))
    return html
