"""Assessment pages as the browser runs them (issue 15): the bank in a ``<template>``.

mkdocs-quiz renders every ``<quiz>`` of a module check or of the final assessment
as it does in lessons, with feedback on the first click. An assessment asks first
and explains after "Submit", and the final draws 12 of its questions per attempt,
so :func:`wrap_bank` moves the rendered quizzes into an inert
``<template id="sac-bank">`` (the plugin's script never finds them there; the search
index leaves it out) and marks each quiz with its module. docs/assets/js/assessment.js
builds every attempt from that bank with DOM nodes it clones, never HTML text.

Pure: string processing of the rendered page content; no MkDocs.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

__all__ = ["BankSettings", "wrap_bank"]

_QUIZ_OPEN = re.compile(r'<div class="quiz(?:[ "])')
_H2 = re.compile(r"<h2\b[^>]*>(.*?)</h2>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_DIV = re.compile(r"<div\b|</div>")


@dataclass(frozen=True)
class BankSettings:
    """What the engine needs besides the questions.

    Attributes:
        assessment_id: A module id, or ``"final"``.
        kind: ``"module"`` or ``"final"``.
        pass_mark: Percent.
        draw: Questions per attempt.
        module: The module of a module check (every question's module).
        module_ids: For the final: module title -> module id (its ``##`` sections).
    """

    assessment_id: str
    kind: str
    pass_mark: int
    draw: int
    module: str | None = None
    module_ids: dict[str, str] | None = None


def _quiz_end(content: str, start: int) -> int:
    """The index after the ``</div>`` that closes the ``<div`` at ``start``."""
    depth = 0
    for match in _DIV.finditer(content, start):
        depth += 1 if match.group(0) == "<div" else -1
        if depth == 0:
            return match.end()
    return len(content)


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub("", fragment)).split())


def wrap_bank(content: str, settings: BankSettings) -> str:
    """The page content with its questions moved into the assessment's bank.

    Args:
        content: The page's rendered content HTML (mkdocs-quiz's markup included).
        settings: The assessment's id, kind, pass mark, draw and modules.

    Returns:
        The intro (everything before the first question, or before the first ``##``
        of the final), then ``<div class="sac-assessment" ...>`` for the engine with a
        note for readers without JavaScript, then ``<template id="sac-bank">`` holding
        every quiz, each marked ``data-sac-module``. Content without quizzes comes back
        unchanged.
    """
    first_quiz = _QUIZ_OPEN.search(content)
    if first_quiz is None:
        return content
    start = first_quiz.start()
    if settings.kind == "final":
        first_h2 = _H2.search(content)
        if first_h2 is not None and first_h2.start() < start:
            start = first_h2.start()
    intro, rest = content[:start], content[start:]
    quizzes: list[str] = []
    module = settings.module or ""
    position = 0
    while True:
        found = _QUIZ_OPEN.search(rest, position)
        heading_search = _H2.search(rest, position)
        if heading_search is not None and (found is None or heading_search.start() < found.start()):
            title = _text(heading_search.group(1)).rstrip("¶").strip()
            module = (settings.module_ids or {}).get(title, module)
            position = heading_search.end()
            continue
        if found is None:
            break
        end = _quiz_end(rest, found.start())
        block = rest[found.start() : end]
        marked = block.replace(
            '<div class="quiz"',
            f'<div class="quiz" data-sac-module="{html.escape(module, quote=True)}"',
            1,
        )
        quizzes.append(marked)
        position = end
    attrs = (
        f'data-assessment="{html.escape(settings.kind, quote=True)}" '
        f'data-assessment-id="{html.escape(settings.assessment_id, quote=True)}" '
        f'data-pass-mark="{settings.pass_mark}" data-draw="{settings.draw}" '
        f'data-questions="{len(quizzes)}"'
    )
    count = min(settings.draw, len(quizzes))
    asked = f"{count} question{'' if count == 1 else 's'}"
    if settings.kind == "final":
        asked += f" drawn from a bank of {len(quizzes)}, from every module"
    # The start step is in the HTML from the first paint (no layout shift when the
    # script arrives); the script fills in the best attempt and wires the button.
    engine = (
        f'<div class="sac-assessment" {attrs} data-search-exclude>\n'
        '<p class="tl-no-js">This assessment runs in your browser: it needs JavaScript, '
        "which is turned off or blocked here. The lessons can still be read.</p>\n"
        '<div class="sac-assessment__start sac-js-only">\n'
        f"<p>{asked} · pass mark {settings.pass_mark} %. "
        "You see the feedback after you submit.</p>\n"
        '<p class="sac-assessment__best" data-sac-best></p>\n'
        '<p><button type="button" class="md-button md-button--primary" data-sac-start>'
        "Start</button></p>\n"
        "</div>\n"
        '<div class="sac-assessment__stage"></div>\n'
        "</div>\n"
    )
    bank = '<template id="sac-bank" data-search-exclude>\n' + "\n".join(quizzes) + "\n</template>"
    return intro + engine + bank
