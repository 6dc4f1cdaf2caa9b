"""MkDocs hook: run the lesson checks during ``mkdocs build`` and ``mkdocs serve``.

A thin adapter over :mod:`checks` (the same code ``make check`` runs):

- ``on_pre_build`` (once per build, serve rebuilds included) checks every page
  and logs each problem as a warning from ``get_plugin_logger``, so ``mkdocs
  build --strict`` fails listing all of them and ``mkdocs serve`` keeps serving
  while showing them. MkDocs on its own drops an unparsable front matter block
  silently and shows it as page text; the checks report it (FM003).
- ``on_page_markdown`` runs before mkdocs-quiz and shows a quiz as escaped text
  when mkdocs-quiz would otherwise abort the build with a traceback on it (the
  problem itself is among the warnings).

The checks run in the build's process: PyYAML and Markdown are already loaded
there, so they cost about 0.1 s of CPU on the course (a separate ``check.py``
process would cost 0.35-0.45 s, mostly interpreter start and imports; see
``bench/validation.md``). Learning paths are reported by ``team_leads.py``.
No state is kept between builds (hook modules stay loaded across serve rebuilds).
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from checks import check_course, load_nav, quiz_breaks_renderer, quiz_parsing
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from problems import Reporter

log = get_plugin_logger(__name__)


def on_pre_build(*, config: MkDocsConfig) -> None:
    config_file = Path(config.config_file_path or "mkdocs.yml").resolve()
    root = config_file.parent
    docs_dir = Path(config.docs_dir)
    # Only for the line numbers of nav entries (NAV002); the nav itself is MkDocs'.
    nav_lines = load_nav(config_file)[3] if config_file.is_file() else {}
    problems, _ = check_course(
        docs_dir,
        config.nav,
        label=_relative(docs_dir, root),
        config_label=_relative(config_file, root),
        nav_lines=nav_lines,
        exclude=config.exclude_docs.match_file if config.exclude_docs else None,
        not_in_nav=config.not_in_nav.match_file if config.not_in_nav else None,
    )
    reporter = Reporter()
    reporter.extend(problems)
    for problem in reporter.problems:
        text = f"{problem.text()}\n    {problem.hint}" if problem.hint else problem.text()
        if problem.severity == "error":
            log.warning(text)
        else:
            log.info(text)


@event_priority(100)  # before mkdocs-quiz (priority 0) turns quizzes into HTML
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if quiz_parsing.QUIZ_START_TAG not in markdown:
        return markdown
    masked, placeholders = quiz_parsing.mask_code_blocks(markdown)
    pieces: list[str] = []
    last = 0
    for match in quiz_parsing.find_quizzes(masked):
        if quiz_breaks_renderer(match.group(1)):
            pieces.append(masked[last : match.start()])
            pieces.append(html.escape(match.group(0), quote=False))
            last = match.end()
    if not pieces:
        return markdown
    pieces.append(masked[last:])
    return quiz_parsing.unmask_code_blocks("".join(pieces), placeholders)


def _relative(path: Path, root: Path) -> str:
    relative = os.path.relpath(path.resolve(), root)
    return Path(relative).as_posix() if not relative.startswith("..") else path.resolve().as_posix()
