"""Front matter rules: the block itself (every page) and the lesson fields (lessons)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

import yaml

from course.anatomy import (
    ASSESSMENT,
    AUDIENCES,
    DESCRIPTION_CHARS,
    DURATION_MINUTES,
    LESSON_ID,
    LESSON_KEYS,
    OBJECTIVES,
    QUIZZES,
    REQUIRED_KEYS,
    TITLE_CHARS,
    WORDS_PER_MINUTE,
    reading_minutes,
)
from course.parse import Page
from course.parse.front_matter import INT, NULL, STR, kind, node_line, raw
from course.parse.markdown import plain_text_markup
from course.quality import exercise_minutes
from course.report import Problem
from course.rules.file import short
from course.rules.registry import check, problem

#: The front matter keys a page other than a lesson or an assessment may set: its
#: title and description, its own scripts (SAFE006), and Material's ``hide`` and
#: ``search``. Not ``template`` or ``icon``, which make the theme load other files.
PAGE_KEYS = ("title", "description", "scripts", "hide", "search")
#: Every key some page may set; the build drops any other from a page's metadata, so
#: MkDocs and the theme never act on a key the rules refuse (FM005, FM020, ASSESS001).
FRONT_MATTER_KEYS = frozenset(LESSON_KEYS) | frozenset(PAGE_KEYS) | frozenset(ASSESSMENT["keys"])

# MkDocs' MultiMarkdown meta syntax: a first line like this vanishes from the page.
_MMD_META = re.compile(r"^[ ]{0,3}[A-Za-z0-9_-]+:\s*")
_LESSON_ID = re.compile(LESSON_ID)


@check("FM001")
def missing_front_matter(page: Page) -> Iterator[Problem]:
    """A lesson, or a page whose first line MkDocs would eat as metadata, has no block."""
    if page.readable and not page.front.present:
        first = page.text.split("\n", 1)[0]
        if page.is_lesson or _MMD_META.match(first):
            yield problem("FM001", page.path, 1)


@check("FM002")
def unclosed(page: Page) -> Iterator[Problem]:
    """The block opened on line 1 is never closed."""
    if page.front.present and not page.front.closed_at:
        yield problem("FM002", page.path, 1)


@check("FM003")
def yaml_syntax(page: Page) -> Iterator[Problem]:
    """The block is not valid YAML, or a value cannot be built."""
    if page.front.syntax_error:
        line, text, advice = page.front.syntax_error
        yield problem("FM003", page.path, line, problem=text, advice=advice)
    for key, line, error in page.front.bad_values:
        yield problem(
            "FM003",
            page.path,
            line,
            problem=f"value of '{key}' cannot be read ({error})",
            advice=f"Put the value of '{key}' in quotes.",
        )


@check("FM004")
def not_a_mapping(page: Page) -> Iterator[Problem]:
    """The block is a list or plain text, not ``key: value`` lines."""
    if page.front.not_mapping:
        line, shape = page.front.not_mapping
        yield problem("FM004", page.path, line, kind=shape)


@check("FM018")
def yaml_anchor(page: Page) -> Iterator[Problem]:
    """No YAML anchors (``&name``) or aliases (``*name``): see
    :func:`course.parse.front_matter.anchors_and_aliases`."""
    lines: dict[int, list[str]] = {}
    for line, token in page.front.anchors:
        lines.setdefault(line, []).append(token)
    for line, tokens in lines.items():
        yield problem("FM018", page.path, line, tokens=", ".join(tokens))


@check("FM016")
def duplicate_key(page: Page) -> Iterator[Problem]:
    """A key written twice (YAML would silently keep the last)."""
    for key, line, first in page.front.duplicates:
        yield problem("FM016", page.path, line, key=key, first=first)


@check("FM005", scope="lesson")
def unknown_key(page: Page) -> Iterator[Problem]:
    """A key that is not one of :data:`course.anatomy.LESSON_KEYS` (with a suggestion)."""
    for key, line in page.front.key_lines.items():
        if key not in LESSON_KEYS:
            close = difflib.get_close_matches(key, LESSON_KEYS, n=1, cutoff=0.6)
            suggestion = f" (did you mean '{close[0]}'?)" if close else ""
            yield problem(
                "FM005",
                page.path,
                line,
                key=key,
                suggestion=suggestion,
                allowed=", ".join(LESSON_KEYS),
            )


@check("FM020")
def page_key(page: Page) -> Iterator[Problem]:
    """A page that is neither a lesson (FM005) nor an assessment (ASSESS001) sets only
    keys of :data:`FRONT_MATTER_KEYS` (its own are :data:`PAGE_KEYS`)."""
    if page.is_lesson or page.assessment:
        return
    for key, line in page.front.key_lines.items():
        if key not in FRONT_MATTER_KEYS:
            close = difflib.get_close_matches(key, PAGE_KEYS, n=1, cutoff=0.6)
            yield problem(
                "FM020",
                page.path,
                line,
                key=key,
                suggestion=f" (did you mean '{close[0]}'?)" if close else "",
                allowed=", ".join(PAGE_KEYS),
            )


@check("FM006", scope="lesson")
def missing_key(page: Page) -> Iterator[Problem]:
    """A required key is missing."""
    if not page.front.ok:
        return
    for key, what in REQUIRED_KEYS.items():
        if key not in page.front.nodes:
            yield problem("FM006", page.path, 1, key=key, what=what)


@check("FM007", scope="lesson")
def not_a_string(page: Page) -> Iterator[Problem]:
    """A text field (title, description, list items) that YAML reads as another type."""
    nodes = page.front.nodes
    labelled: list[tuple[str, yaml.Node]] = [
        (key, nodes[key]) for key in ("title", "description") if key in nodes
    ]
    for key, label in (
        ("objectives", "objective"),
        ("audience", "audience value"),
        ("former_ids", "former id"),
    ):
        if isinstance(nodes.get(key), yaml.SequenceNode):
            labelled += [(label, item) for item in nodes[key].value]
    for label, node in labelled:
        if _text(node) is None:
            yield problem(
                "FM007", page.path, node_line(node), key=label, raw=raw(node), kind=kind(node)
            )


@check("FM008", scope="lesson")
def title_length(page: Page) -> Iterator[Problem]:
    """The title has 5-80 characters (:data:`course.anatomy.TITLE_CHARS`)."""
    yield from _length(page, "title", TITLE_CHARS, "FM008")


@check("FM009", scope="lesson")
def description_length(page: Page) -> Iterator[Problem]:
    """The description has 50-160 characters (:data:`course.anatomy.DESCRIPTION_CHARS`)."""
    yield from _length(page, "description", DESCRIPTION_CHARS, "FM009")


def _length(page: Page, key: str, bounds: tuple[int, int], rule_id: str) -> Iterator[Problem]:
    """``rule_id`` when the text of ``key`` (stripped) is outside ``bounds`` characters."""
    node = page.front.nodes.get(key)
    text = _text(node) if node is not None else None
    if text is not None and not bounds[0] <= len(text.strip()) <= bounds[1]:
        yield problem(rule_id, page.path, node_line(node), length=len(text.strip()))


@check("FM017")
def plain_text_fields(page: Page) -> Iterator[Problem]:
    """Title and description are plain text on every page: no HTML, links, code,
    emphasis or straight double quotes.

    They appear in lesson lists, the navigation, search results, certificates and
    reports. :mod:`course.render` escapes them, but Material's templates print
    ``page.title`` and ``page.meta.description`` as they are (in ``<title>``, the
    heading, the nav and ``<meta content="...">``), so markup there would run.
    """
    for key in ("title", "description"):
        node = page.front.nodes.get(key)
        text = _text(node) if node is not None else None
        found = plain_text_markup(text, quotes=True) if text else None
        if found:
            yield problem("FM017", page.path, node_line(node), key=key, markup=repr(found))


@check("FM010", scope="lesson")
def duration_type(page: Page) -> Iterator[Problem]:
    """The duration is a plain whole number."""
    node = page.front.nodes.get("duration")
    if node is not None and not (isinstance(node, yaml.ScalarNode) and node.tag == INT):
        yield problem("FM010", page.path, node_line(node), raw=raw(node) or "nothing")


@check("FM011", scope="lesson")
def duration_range(page: Page) -> Iterator[Problem]:
    """The duration is 2-10 minutes (:data:`course.anatomy.DURATION_MINUTES`)."""
    duration = _duration(page)
    if duration is not None and not DURATION_MINUTES[0] <= duration <= DURATION_MINUTES[1]:
        yield problem(
            "FM011", page.path, node_line(page.front.nodes["duration"]), duration=duration
        )


@check("FM012", scope="lesson")
def duration_too_short(page: Page) -> Iterator[Problem]:
    """The duration covers reading the prose at 200 words per minute plus the minutes
    the exercise states on its ``**Time:**`` line (:func:`course.quality.exercise_minutes`).
    """
    duration = _duration(page)
    if duration is None:
        return
    exercise = try_it_minutes(page) or 0
    needed = reading_minutes(page.words) + exercise
    if duration * WORDS_PER_MINUTE < page.words or duration < needed:
        yield problem(
            "FM012",
            page.path,
            node_line(page.front.nodes["duration"]),
            duration=duration,
            minutes=needed,
            words=page.words,
            exercise=f", plus {exercise} for 'Try it'" if exercise else "",
        )


def _checked_quizzes(page: Page) -> int:
    """How many quizzes sit in 'Check your understanding' (the ones ``assesses`` maps)."""
    from course.rules.body import sections

    found = sections(page).get("Check your understanding")
    if found is None:
        return 0
    _, low, high = found
    return sum(1 for quiz in page.quizzes if low < quiz.line <= high)


def try_it_minutes(page: Page) -> int | None:
    """The minutes '## Try it' states on its first line, or None (no section, no line)."""
    from course.rules.body import sections

    found = sections(page).get("Try it")
    if found is None:
        return None
    _, line, end = found
    return exercise_minutes(page.text.split("\n")[line:end])


@check("FM019", scope="lesson")
def objectives_assessed(page: Page) -> Iterator[Problem]:
    """``assesses`` maps every quiz to an objective and every objective to a quiz.

    One objective number (1-based) per quiz on the page, in quiz order; each number
    names an objective of ``objectives``, and every objective is named at least once,
    so each stated objective is assessed by a knowledge check (issue 16, item 8).
    """
    objectives = page.front.values.get("objectives")
    if not isinstance(objectives, list) or not OBJECTIVES[0] <= len(objectives) <= OBJECTIVES[1]:
        return  # FM006 / FM013 report the objectives themselves
    tags = page.quiz_tags
    quizzes = _checked_quizzes(page)
    if tags.unclosed or tags.stray_closes or not QUIZZES[0] <= quizzes <= QUIZZES[1]:
        return  # QUIZ002 / QUIZ003 / QUIZ013: the quizzes themselves are not right yet
    node = page.front.nodes.get("assesses")
    if node is None:
        yield problem(
            "FM019",
            page.path,
            node_line(page.front.nodes["objectives"]),
            problem=f"is missing: say which objective each of the {quizzes} quizzes assesses",
        )
        return
    value = page.front.values.get("assesses")
    line = node_line(node)
    numbers = value if isinstance(value, list) else None
    if numbers is None or not all(type(n) is int for n in numbers):
        yield problem(
            "FM019", page.path, line, problem=f"must be a list of whole numbers, not {raw(node)}"
        )
        return
    if len(numbers) != quizzes:
        yield problem(
            "FM019",
            page.path,
            line,
            problem=f"lists {len(numbers)} number(s) for the {quizzes} quizzes of the lesson",
        )
    wrong = [n for n in numbers if not 1 <= n <= len(objectives)]
    if wrong:
        yield problem(
            "FM019",
            page.path,
            line,
            problem=f"names objective {wrong[0]}, but there are {len(objectives)} objective(s)",
        )
    missing = [i for i in range(1, len(objectives) + 1) if i not in numbers]
    if missing and not wrong:
        first = short(str(objectives[missing[0] - 1]))
        yield problem(
            "FM019",
            page.path,
            line,
            problem=f"names no quiz for objective {missing[0]} ({first})",
        )


@check("FM013", scope="lesson")
def objectives(page: Page) -> Iterator[Problem]:
    """1-3 objectives, a list of non-empty strings."""
    node = page.front.nodes.get("objectives")
    if node is None:
        return
    if not isinstance(node, yaml.SequenceNode):
        shape = "a single line" if node.tag == STR else kind(node)
        yield problem(
            "FM013",
            page.path,
            node_line(node),
            problem=f"must be a list ('- ...' lines), not {shape}",
        )
        return
    low, high = OBJECTIVES
    if not low <= len(node.value) <= high:
        key_line = page.front.key_lines.get("objectives", node_line(node))
        yield problem(
            "FM013",
            page.path,
            key_line,
            problem=f"has {len(node.value)} items; a lesson has {low} to {high}",
        )
    for number, item in enumerate(node.value, start=1):
        value = _text(item)
        if value is not None and not value.strip():
            yield problem("FM013", page.path, node_line(item), problem=f"item {number} is empty")


@check("FM014", scope="lesson")
def audience(page: Page) -> Iterator[Problem]:
    """A list of known audiences (:data:`course.anatomy.AUDIENCES`), each once."""
    node = page.front.nodes.get("audience")
    if node is None:
        return
    allowed = ", ".join(AUDIENCES)
    if not isinstance(node, yaml.SequenceNode):
        yield problem(
            "FM014",
            page.path,
            node_line(node),
            allowed=allowed,
            problem=f"must be a list, not {kind(node)}",
        )
        return
    seen: set[str] = set()
    for item in node.value:
        value = _text(item)
        if value is None:
            continue
        if value not in AUDIENCES:
            close = difflib.get_close_matches(value, AUDIENCES, n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            yield problem(
                "FM014",
                page.path,
                node_line(item),
                allowed=allowed,
                problem=f"value '{value}' is not one of {allowed}{hint}",
            )
        elif value in seen:
            yield problem(
                "FM014",
                page.path,
                node_line(item),
                allowed=allowed,
                problem=f"lists '{value}' twice",
            )
        seen.add(value)


@check("FM015", scope="lesson")
def former_ids(page: Page) -> Iterator[Problem]:
    """A list of lesson ids (:data:`course.anatomy.LESSON_ID`)."""
    node = page.front.nodes.get("former_ids")
    if node is None:
        return
    if not isinstance(node, yaml.SequenceNode):
        yield problem(
            "FM015", page.path, node_line(node), problem=f"must be a list, not {kind(node)}"
        )
        return
    for item in node.value:
        value = _text(item)
        if value is not None and not _LESSON_ID.fullmatch(value):
            yield problem(
                "FM015", page.path, node_line(item), problem=f"entry '{value}' is not a lesson id"
            )


def _text(node: yaml.Node) -> str | None:
    """The node's string, "" for an empty ``key:``, None for any other type (FM007)."""
    if isinstance(node, yaml.ScalarNode) and node.tag == STR:
        return node.value
    if isinstance(node, yaml.ScalarNode) and node.tag == NULL and node.value == "":
        return ""
    return None


def _duration(page: Page) -> int | None:
    node = page.front.nodes.get("duration")
    value = page.front.values.get("duration")
    if (
        isinstance(node, yaml.ScalarNode)
        and node.tag == INT
        and isinstance(value, int)
        and not isinstance(value, bool)
    ):
        return value
    return None
