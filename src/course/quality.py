"""Question and lesson quality measures: what makes a knowledge check guessable.

A knowledge check must not be answerable without the lesson, so no surface pattern
may point at the answer (issue 16). These functions measure the patterns the rules
refuse and ``course stats`` reports:

- :func:`longest_is_correct`: the correct option is the strictly longest. A test-wise
  learner who picks the longest option scores far above chance when this is common
  (Haladyna, Downing and Rodriguez 2002, "A review of multiple-choice item-writing
  guidelines for classroom assessment", Applied Measurement in Education 15(3),
  guideline 23: "keep the length of choices about equal").
- :func:`length_spread`: longest over shortest option, in characters.
- :data:`POSITION_WORDS`: wording that depends on where an option sits ("the first
  option", "all of the above"), wrong once options are shuffled (same guidelines,
  25: "avoid all-of-the-above").
- :func:`exercise_minutes`: the minutes "## Try it" states on its ``**Time:**`` line.

Pure: no MkDocs, no file access.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "MAX_LENGTH_SPREAD",
    "MAX_LONGEST_CORRECT",
    "POSITION_WORDS",
    "TIME_LINE",
    "QuestionStats",
    "exercise_minutes",
    "length_spread",
    "longest_is_correct",
    "position_wording",
]

#: Most a question's longest option may exceed its shortest (characters, ratio).
MAX_LENGTH_SPREAD = 1.8
#: Largest share of a course's choice questions whose correct option is the longest.
MAX_LONGEST_CORRECT = 0.30

#: Wording that refers to an option's place in the list.
POSITION_WORDS = re.compile(
    r"\b(?:the\s+(?:first|second|third|fourth|fifth|last|top|bottom|previous|next|"
    r"other\s+two|other\s+three)\s+(?:option|answer|choice)s?\b"
    r"|(?:all|none|both|neither)\s+of\s+the\s+(?:above|below|others|options|answers)"
    r"|(?:option|answer|choice)\s+(?:[A-F]|[1-6])\b"
    r"|(?:the\s+)?(?:option|answer|choice)s?\s+(?:above|below))",
    re.IGNORECASE,
)

#: How "## Try it" opens: ``**Time:** about 5 minutes.`` (the exercise may follow on the line).
TIME_LINE = re.compile(r"^\*\*Time:\*\*\s+(?:about\s+)?(\d{1,2})\s+minutes?(?:\.|\s*$)")


def position_wording(text: str) -> str | None:
    """The first wording in ``text`` that refers to an option's position, or None."""
    match = POSITION_WORDS.search(text)
    return match.group(0) if match else None


def _lengths(options: Sequence[str]) -> list[int]:
    return [len(" ".join(o.split())) for o in options]


def longest_is_correct(options: Sequence[str], correct: Sequence[bool]) -> bool:
    """True when one correct option is strictly longer than every other option.

    Args:
        options: Option texts, in source order.
        correct: Whether each option is correct (same length as ``options``).
    """
    lengths = _lengths(options)
    if len(lengths) < 2:
        return False
    top = max(lengths)
    holders = [i for i, n in enumerate(lengths) if n == top]
    return len(holders) == 1 and bool(correct[holders[0]])


def length_spread(options: Sequence[str]) -> float:
    """Longest over shortest option length in characters (1.0 when equal; inf for "")."""
    lengths = _lengths(options)
    if not lengths:
        return 1.0
    low = min(lengths)
    return float("inf") if low == 0 else max(lengths) / low


def exercise_minutes(lines: Sequence[str]) -> int | None:
    """The minutes stated at the start of the first non-blank line of "## Try it", or None.

    Args:
        lines: The lines of the section after its heading.
    """
    first = next((line.strip() for line in lines if line.strip()), "")
    match = TIME_LINE.match(first)
    return int(match.group(1)) if match else None


@dataclass(frozen=True)
class QuestionStats:
    """The surface measures of one choice question.

    Attributes:
        path: The lesson's path as reported (``docs/...md``).
        line: The ``<quiz>`` line.
        options: How many options.
        multi: More than one option is correct.
        longest_correct: See :func:`longest_is_correct`.
        spread: See :func:`length_spread`.
        correct_position: 0-based place of the first correct option in the source.
    """

    path: str
    line: int
    options: int
    multi: bool
    longest_correct: bool
    spread: float
    correct_position: int


def question_stats(page) -> list[QuestionStats]:  # noqa: ANN001 - course.parse.Page
    """:class:`QuestionStats` of every choice quiz on a parsed page, in order."""
    from course.parse.quiz import read_choices

    out: list[QuestionStats] = []
    for quiz in page.quizzes:
        if quiz.kind == "blank":
            continue
        choices = read_choices(quiz)
        if choices.empty or not choices.options:
            continue
        texts = [o.text for o in choices.options]
        correct = [o.correct for o in choices.options]
        out.append(
            QuestionStats(
                path=page.path,
                line=quiz.line,
                options=len(texts),
                multi=sum(correct) > 1,
                longest_correct=longest_is_correct(texts, correct),
                spread=length_spread(texts),
                correct_position=correct.index(True) if any(correct) else -1,
            )
        )
    return out


def summary(stats: Sequence[QuestionStats]) -> dict[str, object]:
    """Course-level figures of a list of question stats.

    Returns:
        ``{"questions": int, "options": {count: questions}, "multi": int,
        "longest_correct": int, "longest_correct_share": float (0-1),
        "spread_max": float, "spread_over_limit": int,
        "correct_positions": {position: questions}}``
    """
    options: dict[int, int] = {}
    positions: dict[int, int] = {}
    for s in stats:
        options[s.options] = options.get(s.options, 0) + 1
        positions[s.correct_position] = positions.get(s.correct_position, 0) + 1
    single = [s for s in stats if not s.multi]
    longest = sum(1 for s in single if s.longest_correct)
    return {
        "questions": len(stats),
        "options": dict(sorted(options.items())),
        "multi": len(stats) - len(single),
        "longest_correct": longest,
        "longest_correct_share": round(longest / len(single), 3) if single else 0.0,
        "spread_max": round(max((s.spread for s in stats), default=1.0), 2),
        "spread_over_limit": sum(1 for s in stats if s.spread > MAX_LENGTH_SPREAD),
        "correct_positions": dict(sorted(positions.items())),
    }
