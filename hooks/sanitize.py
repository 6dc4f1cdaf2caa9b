"""MkDocs hook: every page's HTML goes through the nh3 sanitizer before plugins add theirs.

A thin adapter over :mod:`course.sanitize` and the ``converted`` rules (SAFE005): at
``on_page_content`` priority 100, before mkdocs-quiz (0) and the other hooks (0) add
their own trusted markup, the HTML Python-Markdown made of the page is sanitized, and
what nh3 returns is what gets published. When nh3 removes an element or an attribute,
or changes a value (a ``url()`` in a ``style``), the build logs
``docs/x.md:LINE: SAFE005 ...`` (so ``--strict`` fails), so a gap in the Markdown-level
rules never ships script. Where the lesson checks run in the same build
(``hooks/lesson_checks.py``), a line they already refuse is not reported again: the
build gives the rule's message there, as ``course check`` does. That hook also
sanitizes the quizzes, which mkdocs-quiz renders after this one: this one marks where
each goes (:func:`course.parse.quiz.mark_quizzes`).
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from course.parse import parse_page
from course.parse.quiz import mark_quizzes
from course.rules.registry import Rendered, checks_for, run
from course.rules.safety import markup_problem_lines
from course.sanitize import sanitize

log = get_plugin_logger(__name__)


@event_priority(100)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    clean, removed = sanitize(html)
    if _rules_run(config):
        # Where mkdocs-quiz will put each quiz: hooks/lesson_checks.py sanitizes them.
        clean = mark_quizzes(clean)
    if not removed:
        return clean
    docs_dir = Path(config.docs_dir)
    root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
    label = Path(os.path.relpath(docs_dir.resolve(), root)).as_posix()
    parsed = parse_page(docs_dir, page.file.src_uri, is_lesson=False, label=label)
    # Where the lesson checks run in this build, they report the rules' own problems.
    reported = markup_problem_lines(parsed) if _rules_run(config) else frozenset()
    for found in checks_for("converted"):
        for problem in run(found, Rendered(parsed, html, reported)):
            log.warning(f"{problem.text()}\n    {problem.hint}")
    return clean


def _rules_run(config: MkDocsConfig) -> bool:
    """Whether ``hooks/lesson_checks.py`` (the rules of ``course check``) is a hook of
    this build."""
    return any(Path(name).name == "lesson_checks.py" for name in config.hooks)
