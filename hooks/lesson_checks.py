"""MkDocs hook: run the lesson checks during ``mkdocs build`` and ``mkdocs serve``.

A thin adapter over ``hooks/check.py`` (the same code ``make check`` runs):

- ``on_pre_build`` (once per build, serve rebuilds included) starts
  ``check.py --json`` for this config in a separate process, so the checks run
  on another CPU core while MkDocs renders pages;
- ``on_post_build`` (or ``on_build_error``) waits for it and logs every problem
  as a warning from ``get_plugin_logger``: ``mkdocs build --strict`` fails listing
  all of them, ``mkdocs serve`` keeps serving while showing them. MkDocs on its
  own drops an unparsable front matter block silently and shows it as page
  text; the checks report it (FM003). If the checker itself cannot run, that is
  a warning too, so a strict build never passes unchecked.
- ``on_page_markdown`` runs before mkdocs-quiz and shows a quiz as escaped text
  when mkdocs-quiz would otherwise abort the build with a traceback on it (the
  problem itself is among the warnings).

The only state is the running check of the current build; it is cleared when the
build ends (hook modules stay loaded across serve rebuilds).
"""

from __future__ import annotations

import html
import json
import subprocess
import sys
from pathlib import Path

from checks import quiz_breaks_renderer, quiz_parsing
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

CHECK = Path(__file__).resolve().parent / "check.py"
TIMEOUT_S = 300

_running: subprocess.Popen[str] | None = None


def on_pre_build(*, config: MkDocsConfig) -> None:
    global _running
    _stop()
    config_file = Path(config.config_file_path or "mkdocs.yml").resolve()
    _running = subprocess.Popen(
        [sys.executable, str(CHECK), "--json", "--lessons-only", "--jobs", "1", str(config_file)],
        cwd=config_file.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def on_post_build(*, config: MkDocsConfig) -> None:
    _report()


def on_build_error(*, error: Exception) -> None:
    _report()


def on_shutdown() -> None:
    _stop()


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


def _report() -> None:
    global _running
    running, _running = _running, None
    if running is None:
        return
    try:
        out, err = running.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        running.kill()
        running.communicate()
        log.warning("lesson checks did not finish within %d s; run `make check`", TIMEOUT_S)
        return
    if running.returncode not in (0, 1):
        detail = err.strip().splitlines()[-1] if err.strip() else f"exit {running.returncode}"
        log.warning("lesson checks could not run (%s); run `make check`", detail)
        return
    for line in out.splitlines():
        problem = json.loads(line)
        text = f"{problem['path']}:{problem['line']}: {problem['rule_id']} {problem['message']}"
        if problem["hint"]:
            text += f"\n    {problem['hint']}"
        if problem["severity"] == "error":
            log.warning(text)
        else:
            log.info(text)


def _stop() -> None:
    global _running
    if _running is not None and _running.poll() is None:
        _running.kill()
        _running.communicate()
    _running = None
