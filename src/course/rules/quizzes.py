"""Quiz rules, read with mkdocs-quiz's own patterns in the order its renderer reads them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from textwrap import dedent

from course.anatomy import OPTIONS, QUIZZES
from course.parse import Page
from course.parse.quiz import (
    MAX_QUIZ_TAGS,
    Quiz,
    breaks_renderer,
    quiz_parsing,
    read_choices,
    rendered_option_counts,
)
from course.quality import (
    MAX_LENGTH_SPREAD,
    MAX_LONGEST_CORRECT,
    length_spread,
    position_wording,
    question_stats,
)
from course.report import Problem
from course.rules.body import sections
from course.rules.file import short
from course.rules.headings import norm
from course.rules.registry import Project, Rendered, check, problem

_STRUCTURE = (
    "QUIZ004",
    "QUIZ005",
    "QUIZ006",
    "QUIZ007",
    "QUIZ008",
    "QUIZ009",
    "QUIZ010",
    "QUIZ011",
    "QUIZ012",
    "QUIZ016",
)


@check("QUIZ001", "QUIZ002", scope="lesson")
def placement(page: Page) -> Iterator[Problem]:
    """QUIZ001 every quiz sits in 'Check your understanding'; QUIZ002 which holds 2-4."""
    found = sections(page).get("Check your understanding")
    lo, hi = (found[1], found[2]) if found else (0, 0)
    inside = [q for q in page.quizzes if lo < q.line <= hi]
    for quiz in page.quizzes:
        if not lo < quiz.line <= hi:
            yield problem("QUIZ001", page.path, quiz.line)
    if found is not None and not QUIZZES[0] <= len(inside) <= QUIZZES[1]:
        yield problem("QUIZ002", page.path, found[1], count=len(inside))


@check("QUIZ003", "QUIZ013")
def tags(page: Page) -> Iterator[Problem]:
    """QUIZ003 a ``<quiz>`` never closed; QUIZ013 a ``</quiz>`` without its ``<quiz>``."""
    for line in page.quiz_tags.unclosed:
        yield problem("QUIZ003", page.path, line)
    for line in page.quiz_tags.stray_closes:
        yield problem("QUIZ013", page.path, line)


@check("QUIZ018")
def too_many_tags(page: Page) -> Iterator[Problem]:
    """More quiz tags than :data:`course.parse.quiz.MAX_QUIZ_TAGS`: nothing else about
    the quizzes is read (mkdocs-quiz's parsing is quadratic in unclosed tags)."""
    if page.quiz_tags.too_many:
        yield problem(
            "QUIZ018",
            page.path,
            page.body_start,
            count=page.quiz_tags.too_many,
            limit=MAX_QUIZ_TAGS,
        )


@check("QUIZ014")
def old_syntax(page: Page) -> Iterator[Problem]:
    """The old ``<?quiz?>`` tags, which make mkdocs-quiz stop the build (even in inline code)."""
    for line, tag in page.quiz_tags.old_syntax:
        yield problem("QUIZ014", page.path, line, tag=tag)


@check("QUIZ015")
def tag_case(page: Page) -> Iterator[Problem]:
    """``<Quiz>``, ``</QUIZ>``, ``< quiz >``: mkdocs-quiz reads only ``<quiz>``/``</quiz>``."""
    for line, tag in page.quiz_tags.case_variants:
        fixed = "</quiz>" if "/" in tag else "<quiz>"
        yield problem("QUIZ015", page.path, line, tag=tag, fixed=fixed)


@check(*_STRUCTURE)
def structure(page: Page) -> Iterator[Problem]:
    """One quiz at a time: options, correct answers, explanations, question, markers, blanks.

    QUIZ004 2-6 options; QUIZ005 at least one correct and one incorrect; QUIZ006 no
    repeated option; QUIZ007 an explanation under every option; QUIZ008 a question
    first; QUIZ009 only ``[x]``/``[ ]`` markers; QUIZ010 no ``[[...]]`` in a choice
    quiz; QUIZ011 a blank quiz has an explanation; QUIZ012 options or blanks at all;
    QUIZ016 no line of text between options (the renderer drops the options below it).
    """
    for quiz in page.quizzes:
        yield from _quiz_problems(page, quiz)


def _quiz_problems(page: Page, quiz: Quiz) -> list[Problem]:
    """One quiz, with mkdocs-quiz's own patterns and in the order its renderer reads it."""
    qp = quiz_parsing
    path = page.path
    raw_lines = dedent(quiz.inner).split("\n")
    lines = [(quiz.inner_line + i, text) for i, text in enumerate(raw_lines)]
    options = [(n, t) for n, t in lines if qp.CHECKBOX_REGEX.match(t)]
    if quiz.kind == "blank":
        if options:
            match = re.search(qp.FILL_BLANK_REGEX, quiz.inner)
            assert match
            line = quiz.inner_line + quiz.inner[: match.start()].count("\n")
            start = quiz.inner.rfind("`", 0, match.start())
            end = quiz.inner.find("`", match.end())
            code = (
                quiz.inner[start : end + 1]
                if start >= 0 and end >= 0 and "\n" not in quiz.inner[start:end]
                else match.group(0)
            )
            suggestion = code.replace("[[", "[ [").replace("]]", "] ]").strip("`")
            return [problem("QUIZ010", path, line, blank=match.group(1), suggestion=suggestion)]
        separator = next((i for i, (_, t) in enumerate(lines) if t.strip() == "---"), None)
        if separator is None or not any(t.strip() for _, t in lines[separator + 1 :]):
            return [problem("QUIZ011", path, quiz.line)]
        return []

    choices = read_choices(quiz)
    if choices.empty:
        return [problem("QUIZ012", path, quiz.line)]
    out: list[Problem] = []
    if not choices.question:
        out.append(problem("QUIZ008", path, quiz.line))
    found = choices.options
    for option in found:
        if option.mark not in ("x", "X", " ", ""):
            out.append(problem("QUIZ009", path, option.line, mark=option.mark))
    if choices.stray:
        line, dropped = choices.stray
        out.append(problem("QUIZ016", path, line, dropped=dropped))
    correct = sum(1 for o in found if o.correct)
    if not OPTIONS[0] <= len(found) <= OPTIONS[1]:
        out.append(problem("QUIZ004", path, quiz.line, count=len(found)))
    if correct == 0 or correct == len(found):
        out.append(
            problem("QUIZ005", path, quiz.line, correct=correct, incorrect=len(found) - correct)
        )
    seen: dict[str, int] = {}
    for option in found:
        key = norm(option.text)
        if key in seen:
            out.append(problem("QUIZ006", path, option.line, text=option.text, first=seen[key]))
        else:
            seen[key] = option.line
        if not option.explained:
            out.append(problem("QUIZ007", path, option.line, text=short(option.text)))
    return out


@check("QUIZ017", scope="rendered")
def renderer_agrees(rendered: Rendered) -> Iterator[Problem]:
    """Every choice quiz renders with exactly the options the check counted.

    Compared at build time on every page, with the options counted by
    :func:`course.parse.quiz.read_choices` and the ones mkdocs-quiz wrote into the HTML
    (:func:`course.parse.quiz.rendered_option_counts`). Quizzes the build shows as text
    (:func:`course.parse.quiz.breaks_renderer`) are not rendered and not compared.
    """
    page = rendered.page
    shown = [q for q in page.quizzes if not breaks_renderer(q.inner)]
    counts = rendered_option_counts(rendered.html)
    for index, quiz in enumerate(shown):
        counted = len(read_choices(quiz).options) if quiz.kind == "choice" else 0
        count = counts[index] if index < len(counts) else 0
        if counted != count:
            yield problem("QUIZ017", page.path, quiz.line, counted=counted, rendered=count)
    for count in counts[len(shown) :]:
        yield problem("QUIZ017", page.path, 1, counted=0, rendered=count)


@check("QUIZ019")
def position_words(page: Page) -> Iterator[Problem]:
    """No stem, option or explanation refers to an option's place ("the first option",
    "all of the above"): mkdocs-quiz shuffles the options (``shuffle_answers``)."""
    for quiz in page.quizzes:
        if position_wording(quiz.inner) is None:
            continue  # a line's wording would be found in the whole quiz too
        for number, text in enumerate(quiz.inner.split("\n"), start=quiz.inner_line):
            words = position_wording(text)
            if words:
                yield problem("QUIZ019", page.path, number, words=words)


@check("QUIZ020")
def option_length_spread(page: Page) -> Iterator[Problem]:
    """A choice quiz's longest option is at most :data:`course.quality.MAX_LENGTH_SPREAD`
    times its shortest, in characters."""
    for quiz in page.quizzes:
        if quiz.kind == "blank":
            continue
        choices = read_choices(quiz)
        texts = [" ".join(o.text.split()) for o in choices.options]
        if len(texts) < 2 or not min(len(t) for t in texts):
            continue
        spread = length_spread(texts)
        if spread > MAX_LENGTH_SPREAD:
            yield problem(
                "QUIZ020",
                page.path,
                quiz.line,
                spread=f"{spread:.1f}",
                longest=max(len(t) for t in texts),
                shortest=min(len(t) for t in texts),
                limit=MAX_LENGTH_SPREAD,
            )


#: Below this many single-answer questions the share says nothing (a course of one
#: lesson); the per-question spread rule still applies.
MIN_QUESTIONS_FOR_SHARE = 10


@check("QUIZ021", scope="course")
def longest_is_correct_share(project: Project) -> Iterator[Problem]:
    """In at most :data:`course.quality.MAX_LONGEST_CORRECT` of the course's
    single-answer questions (lessons and assessments) is the correct option the
    strictly longest; above it,
    every such question is reported (from :data:`MIN_QUESTIONS_FOR_SHARE` questions)."""
    stats = [
        s
        for page in project.pages.values()
        if page.is_lesson or page.assessment
        for s in question_stats(page)
        if not s.multi
    ]
    longest = [s for s in stats if s.longest_correct]
    if len(stats) < MIN_QUESTIONS_FOR_SHARE or len(longest) <= MAX_LONGEST_CORRECT * len(stats):
        return
    for s in longest:
        yield problem(
            "QUIZ021",
            s.path,
            s.line,
            count=len(longest),
            total=len(stats),
            share=f"{len(longest) / len(stats):.0%}",
            limit=f"{MAX_LONGEST_CORRECT:.0%}",
        )
