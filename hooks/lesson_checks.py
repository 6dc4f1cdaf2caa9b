"""MkDocs hook: the rules of ``course check`` during ``mkdocs build`` and ``mkdocs serve``.

A thin adapter over :mod:`course.rules`:

- ``on_pre_build`` (once per build, serve rebuilds included) starts the checks;
  ``on_post_build`` (or ``on_build_error``) logs each problem as a warning from
  ``get_plugin_logger``, so ``mkdocs build --strict`` fails listing all of them
  and ``mkdocs serve`` keeps serving while showing them. MkDocs on its own drops
  an unparsable front matter block silently and shows it as page text; the rules
  report it (FM003).
- ``on_files`` leaves out pages that are not UTF-8 and ``on_page_markdown`` (before
  mkdocs-quiz) shows a quiz as escaped text when mkdocs-quiz cannot build it, and
  writes the old ``<?quiz?>`` tags so the plugin leaves them alone: either would
  otherwise stop the build with a traceback; the problems are among the warnings.
  It also drops front matter keys no page may set (``template:`` would stop the build
  with ``TemplateNotFound``) and shows a page that goes past a limit of
  :mod:`course.parse.limits` (nesting that crashes Python-Markdown, brackets it takes
  minutes on) or of the file size as a short notice instead of rendering it.
- ``on_page_content`` (after mkdocs-quiz) runs the ``rendered`` rules on the page's
  HTML: every quiz must show the options the check counted (QUIZ017). It also puts
  every quiz through the sanitizer (:func:`course.sanitize.sanitize_quiz`): mkdocs-quiz
  renders the question, options and explanations after ``hooks/sanitize.py`` has run
  on the page, so this is their sanitizer. ``on_page_markdown`` marks each quiz for it
  (:func:`course.parse.quiz.mark_quizzes`); what is removed is SAFE005 at its line,
  unless a rule already refuses that line.

Where the checks run: in the build process, in ``on_pre_build``, with the page
results of earlier checks reused for unchanged pages (:mod:`course.rules.memo`: a
rebuild, or a build after ``make check``, checks only what changed). The slim pages
they parse are what ``on_page_content`` compares each page's quizzes with. If the
checks fail, that is a warning too, so a strict build never passes unchecked. The
learning-path rules are logged by ``team_leads.py``. The only state is the result of
the current build's checks. Why in-process: tools/decisions/0018-page-results-memo.md
(it replaces the forked copy of 0005).
"""

from __future__ import annotations

import html
import os
from dataclasses import replace
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from course.anatomy import MAX_FILE_BYTES
from course.config import load_config
from course.parse import Page as CheckedPage
from course.parse import parse_page, parse_quizzes
from course.parse.limits import render_limits
from course.parse.quiz import (
    breaks_renderer,
    neutralise_excess_tags,
    neutralise_old_syntax,
    quiz_parsing,
    replace_marked_quizzes,
)
from course.report import Problem, Reporter
from course.rules import check_course
from course.rules.front_matter import FRONT_MATTER_KEYS
from course.rules.registry import Rendered, checks_for, run
from course.rules.registry import problem as make_problem
from course.rules.safety import markup_problem_lines, removed_at
from course.sanitize import sanitize_quiz
from course.source import read_text

log = get_plugin_logger(__name__)

# What the current build's checks found: the problems (or why they could not run) and
# the slim pages by src_path. Set in on_pre_build, reset in on_post_build/on_build_error.
_result: tuple[list[Problem] | str, dict[str, CheckedPage]] | None = None


def on_pre_build(*, config: MkDocsConfig) -> None:
    global _result
    try:
        _result = _check(config)
    except Exception as exc:  # reported in on_post_build, so --strict fails
        _result = (f"{type(exc).__name__}: {exc}", {})


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Leave out pages that are not UTF-8: MkDocs would stop with a traceback on them.

    The rules report each one (FILE001, with the line of the first bad byte), so a
    strict build still fails and ``serve`` shows the warning.
    """
    for file in list(files.documentation_pages()):
        if file.generated_by or not file.abs_src_path:
            continue  # written by a plugin, not read from docs/
        try:
            Path(file.abs_src_path).read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            files.remove(file)
    return files


def on_post_build(*, config: MkDocsConfig) -> None:
    _report(_take())


def on_build_error(*, error: Exception) -> None:
    _report(_take())


#: What the build shows instead of a page past a limit (the warnings say which line).
NOT_SHOWN = (
    "**This page is not shown:** it goes past a limit of the course's build "
    "(nesting, brackets or size). `make check` names the line."
)
_NOT_SHOWN_HTML = "<strong>This page is not shown:</strong>"


@event_priority(100)  # before mkdocs-quiz (priority 0) turns quizzes into HTML
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    for key in [key for key in page.meta if key not in FRONT_MATTER_KEYS]:
        del page.meta[key]  # refused by FM005, FM020 or ASSESS001
    if render_limits(markdown) or _too_large(page):
        return NOT_SHOWN  # FILE005, FILE008 or FILE009 among the warnings
    markdown = neutralise_excess_tags(neutralise_old_syntax(markdown))
    if quiz_parsing.QUIZ_START_TAG not in markdown:
        return markdown
    masked, placeholders = quiz_parsing.mask_code_blocks(markdown)
    pieces: list[str] = []
    last = 0
    for match in quiz_parsing.find_quizzes(masked):
        if breaks_renderer(match.group(1)):
            pieces.append(masked[last : match.start()])
            pieces.append(html.escape(match.group(0), quote=False))
            last = match.end()
    if not pieces:
        return markdown
    pieces.append(masked[last:])
    return quiz_parsing.unmask_code_blocks("".join(pieces), placeholders)


def on_page_content(html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Sanitize every quiz mkdocs-quiz rendered, and compare it with what the rules read
    (``rendered`` rules)."""
    removed: dict[int, list[str]] = {}

    def clean(index: int, quiz: str) -> str:
        safe, taken = sanitize_quiz(quiz)
        if taken:
            removed[index] = taken
        return safe

    html_text = replace_marked_quizzes(html_text, clean)
    if not page.file.abs_src_path or '<div class="quiz' not in html_text:
        return html_text
    if _NOT_SHOWN_HTML in html_text:
        return html_text  # the page past a limit, shown as a notice: no quiz rendered
    config_file = Path(config.config_file_path or "mkdocs.yml").resolve()
    docs_dir = Path(config.docs_dir)
    label = _relative(docs_dir, config_file.parent)
    parsed = _checked_page(docs_dir, page.file.src_uri) or parse_quizzes(
        docs_dir, page.file.src_uri, label=label
    )
    for found in checks_for("rendered"):
        for found_problem in run(found, Rendered(parsed, html_text)):
            log.warning(f"{found_problem.text()}\n    {found_problem.hint}")
    if removed:
        _report_quiz_removals(docs_dir, page.file.src_uri, label, removed)
    return html_text


def _checked_page(docs_dir: Path, src_uri: str) -> CheckedPage | None:
    """The page as this build's checks parsed it, if its file still holds that text
    (under ``serve``, a save after the checks started makes a new build anyway)."""
    checked = _result[1].get(src_uri) if _result is not None else None
    if checked is None or not checked.readable:
        return None
    try:
        return checked if read_text(docs_dir / src_uri) == checked.text else None
    except (OSError, UnicodeDecodeError):
        return None


def _report_quiz_removals(
    docs_dir: Path, src_uri: str, label: str, removed: dict[int, list[str]]
) -> None:
    """SAFE005 at the line of each quiz that lost something to the sanitizer, unless a
    rule of the page refuses that line already (the checks report it)."""
    page = parse_page(docs_dir, src_uri, is_lesson=False, label=label)
    reported = markup_problem_lines(page)
    at: dict[int, list[str]] = {}
    for index, items in removed.items():
        if index >= len(page.quizzes):
            continue
        quiz = page.quizzes[index]
        for item in dict.fromkeys(items):
            at.setdefault(removed_at(page, item, (quiz.line, quiz.end_line)), []).append(item)
    for line, items in sorted(at.items()):
        if line not in reported:
            found = make_problem("SAFE005", page.path, line, removed=", ".join(items))
            log.warning(f"{found.text()}\n    {found.hint}")


def _too_large(page: Page) -> bool:
    """Whether the page's file is larger than the check reads (FILE005)."""
    try:
        return bool(page.file.abs_src_path) and os.stat(page.file.abs_src_path).st_size > (
            MAX_FILE_BYTES
        )
    except OSError:
        return False


def _check(config: MkDocsConfig) -> tuple[list[Problem], dict[str, CheckedPage]]:
    """The course's problems (learning paths aside) and its slim pages by src_path."""
    config_file = Path(config.config_file_path or "mkdocs.yml").resolve()
    root = config_file.parent
    # mkdocs.yml as the rules read it (nav lines), with what MkDocs resolved on top.
    facts = replace(
        load_config(config_file),
        nav=config.nav,
        docs_dir=Path(config.docs_dir),
        exclude=config.exclude_docs.match_file if config.exclude_docs else None,
        not_in_nav=config.not_in_nav.match_file if config.not_in_nav else None,
    )
    return check_course(
        facts.docs_dir,
        facts,
        label=_relative(facts.docs_dir, root),
        config_label=_relative(config_file, root),
        check_paths=False,
        memo=True,
    )


def _take() -> list[Problem] | str | None:
    """The current build's problems, or why the checks could not run; None when no
    check ran. Resets the state for the next build."""
    global _result
    result, _result = _result, None
    return result[0] if result is not None else None


def _report(result: list[Problem] | str | None) -> None:
    if result is None:
        return
    if isinstance(result, str):
        log.warning("lesson checks could not run (%s); run `make check`", result)
        return
    reporter = Reporter()
    reporter.extend(result)
    for problem in reporter.problems:
        log.warning(f"{problem.text()}\n    {problem.hint}" if problem.hint else problem.text())


def _relative(path: Path, root: Path) -> str:
    relative = os.path.relpath(path.resolve(), root)
    return Path(relative).as_posix() if not relative.startswith("..") else path.resolve().as_posix()
