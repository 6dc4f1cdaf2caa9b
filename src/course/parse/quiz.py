"""The bridge to mkdocs-quiz's own parser, so the check and the renderer never disagree.

mkdocs-quiz keeps its parsing in ``mkdocs_quiz/parsing.py`` (pure, ``re`` only). This
module loads that file without importing the plugin package (whose ``__init__``
imports MkDocs), then finds quizzes in a page exactly as the renderer does and gives
each its file lines.
"""

from __future__ import annotations

import bisect
import importlib.util
import itertools
import re
import secrets
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from textwrap import dedent
from types import ModuleType

__all__ = [
    "Choices",
    "Option",
    "Quiz",
    "QuizTags",
    "breaks_renderer",
    "locate_quizzes",
    "mark_quizzes",
    "MAX_QUIZ_TAGS",
    "neutralise_excess_tags",
    "neutralise_old_syntax",
    "quiz_parsing",
    "read_choices",
    "rendered_option_counts",
    "replace_marked_quizzes",
]


#: Most ``<quiz>`` and ``</quiz>`` tags a page may hold (a lesson has 2-4 quizzes):
#: mkdocs-quiz's own parsing takes time quadratic in unclosed tags (5000 took 7 s).
MAX_QUIZ_TAGS = 60


def _load_quiz_parsing() -> ModuleType:
    """mkdocs-quiz's own ``parsing`` module, without importing the plugin.

    ``import mkdocs_quiz.parsing`` runs the package ``__init__``, which imports the
    plugin and MkDocs (about 0.4 s, most of the ``course check`` budget, and
    impossible where MkDocs is not installed). The parsing module itself imports
    only ``re``, so it is loaded from the installed package's file; inside a build
    (MkDocs already imported) the regular module is used.

    Raises:
        ImportError: mkdocs-quiz is not installed.
    """
    if "mkdocs_quiz.parsing" in sys.modules:
        return sys.modules["mkdocs_quiz.parsing"]
    spec = importlib.util.find_spec("mkdocs_quiz")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("mkdocs-quiz is not installed (pip install mkdocs-quiz)")
    path = Path(next(iter(spec.submodule_search_locations))) / "parsing.py"
    file_spec = importlib.util.spec_from_file_location("_mkdocs_quiz_parsing", path)
    if file_spec is None or file_spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(file_spec)
    file_spec.loader.exec_module(module)
    return module


quiz_parsing = _load_quiz_parsing()


@dataclass
class Quiz:
    """One ``<quiz>...</quiz>`` block as mkdocs-quiz sees it.

    Attributes:
        line: 1-based line of ``<quiz>``; ``end_line`` of ``</quiz>``.
        kind: ``"choice"`` or ``"blank"`` (mkdocs-quiz picks "blank" as soon as the
            content matches ``FILL_BLANK_REGEX``, options or not).
        inner: The text between the tags.
        inner_line: 1-based line where ``inner`` starts.
    """

    line: int
    end_line: int
    kind: str
    inner: str
    inner_line: int


@dataclass
class QuizTags:
    """Where quizzes are, and tags that do not pair up.

    Attributes:
        quizzes: Quizzes in order.
        lines: Every 1-based line inside a quiz (tags included).
        unclosed: Lines of ``<quiz>`` tags that are never closed.
        stray_closes: Lines of ``</quiz>`` tags without a ``<quiz>``.
        old_syntax: ``(line, tag)`` of the old ``<?quiz?>`` / ``<?/quiz?>`` tags.
        case_variants: ``(line, tag)`` of tags such as ``<Quiz>`` or ``< quiz >``.
        too_many: The number of quiz tags when there are more than :data:`MAX_QUIZ_TAGS`;
            then nothing else is located (and the build shows the tags as text).
    """

    quizzes: list[Quiz]
    lines: set[int]
    unclosed: list[int]
    stray_closes: list[int]
    old_syntax: list[tuple[int, str]]
    case_variants: list[tuple[int, str]]
    too_many: int = 0


def locate_quizzes(body: str, offset: int) -> QuizTags:
    """Find quizzes in ``body`` exactly as mkdocs-quiz does and give them file lines.

    Args:
        body: The page body (front matter removed), ``\\n`` line endings.
        offset: Number of file lines before the body (the body's first line is
            ``offset + 1``).
    """
    found = QuizTags([], set(), [], [], [], [])
    tags = body.count(quiz_parsing.QUIZ_START_TAG) + body.count(quiz_parsing.QUIZ_END_TAG)
    if tags > MAX_QUIZ_TAGS:
        found.too_many = tags  # mkdocs-quiz's regular expressions are quadratic in them
        return found
    masked, line_at = _masked(body, offset)
    covered: list[tuple[int, int]] = []
    start_tag, end_tag = quiz_parsing.QUIZ_START_TAG, quiz_parsing.QUIZ_END_TAG
    for match in quiz_parsing.find_quizzes(masked):
        inner = match.group(1)
        start = match.start()
        nested = inner.rfind(start_tag)
        if nested >= 0:
            # An unclosed <quiz> swallows the next quiz: report it, keep the last one.
            for m in re.finditer(re.escape(start_tag), match.group(0)):
                if start + m.start() < match.start(1) + nested:
                    found.unclosed.append(line_at(start + m.start()))
            start = match.start(1) + nested
            inner = inner[nested + len(start_tag) :]
        inner_start = match.end(1) - len(inner)
        quiz = Quiz(
            line=line_at(start),
            end_line=line_at(match.end() - 1),
            kind="blank" if re.search(quiz_parsing.FILL_BLANK_REGEX, inner) else "choice",
            inner=inner,
            inner_line=line_at(inner_start),
        )
        found.quizzes.append(quiz)
        covered.append((match.start(), match.end()))
        found.lines.update(range(line_at(match.start()), quiz.end_line + 1))
    for tag, into in ((start_tag, found.unclosed), (end_tag, found.stray_closes)):
        for m in re.finditer(re.escape(tag), masked):
            if not any(a <= m.start() < b for a, b in covered):
                into.append(line_at(m.start()))
    for pattern in quiz_parsing.OLD_SYNTAX_PATTERNS:
        for m in re.finditer(pattern, masked):
            found.old_syntax.append((line_at(m.start()), m.group(0)))
    for m in _TAG_VARIANT.finditer(masked):
        if m.group(0) not in (start_tag, end_tag):
            found.case_variants.append((line_at(m.start()), m.group(0)))
    return found


# <quiz> written another way: other case, spaces inside the brackets.
_TAG_VARIANT = re.compile(r"<\s*/?\s*quiz\s*>", re.IGNORECASE)


def _masked(body: str, offset: int):
    """``body`` with fenced code masked as mkdocs-quiz masks it, and a function from a
    position in the masked text to its 1-based file line."""
    masked, placeholders = quiz_parsing.mask_code_blocks(body)
    lost = {key: value.count("\n") for key, value in placeholders.items()}
    placeholder = re.compile(r"__CODEBLOCK_\d+__")

    newlines = [m.start() for m in re.finditer("\n", masked)]
    # Lines hidden inside each masked code block, in order of the placeholders.
    hidden = [(m.start(), lost.get(m.group(0), 0)) for m in placeholder.finditer(masked)]
    hidden_before = list(itertools.accumulate(n for _, n in hidden))
    starts = [start for start, _ in hidden]

    def line_at(position: int) -> int:
        blocks = bisect.bisect_left(starts, position)
        extra = hidden_before[blocks - 1] if blocks else 0
        return offset + bisect.bisect_left(newlines, position) + extra + 1

    return masked, line_at


def neutralise_excess_tags(markdown: str) -> str:
    """``markdown`` with every quiz tag escaped when there are more than
    :data:`MAX_QUIZ_TAGS`, so mkdocs-quiz does not spend minutes on them (QUIZ018)."""
    tags = markdown.count(quiz_parsing.QUIZ_START_TAG) + markdown.count(quiz_parsing.QUIZ_END_TAG)
    if tags <= MAX_QUIZ_TAGS:
        return markdown
    return markdown.replace("<quiz>", "&lt;quiz&gt;").replace("</quiz>", "&lt;/quiz&gt;")


def neutralise_old_syntax(markdown: str) -> str:
    """``markdown`` with the old ``<?quiz?>`` tags written ``<?quiz ?>``, which mkdocs-quiz
    leaves alone (it raises on the old tags, even inside inline code). Rule QUIZ014
    reports each one; the hook calls this so the build never stops with a traceback."""
    for old, new in (("<?quiz?>", "<?quiz ?>"), ("<?/quiz?>", "<?/quiz ?>")):
        markdown = markdown.replace(old, new)
    return markdown


def breaks_renderer(inner: str) -> bool:
    """True when mkdocs-quiz 1.7 would raise ``ValueError`` (a build traceback) on this quiz.

    Mirrors the conditions under which ``MkDocsQuizPlugin._process_quiz`` raises,
    using the same ``parsing`` patterns: empty quiz, no question, no options,
    an invalid ``[?]`` marker, no correct option, or an explanation separated from
    its option by a blank line with more options after it. The hook uses it to
    show such a quiz as text while the check reports the problem.

    Args:
        inner: The text between ``<quiz>`` and ``</quiz>``.
    """
    qp = quiz_parsing
    if re.search(qp.FILL_BLANK_REGEX, inner):
        return False
    lines = dedent(inner).splitlines()
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    first = next((i for i, t in enumerate(lines) if qp.CHECKBOX_REGEX.match(t)), None)
    if first is None or not "\n".join(lines[:first]).strip():
        return True
    correct = 0
    i = first
    while i < len(lines):
        match = qp.CHECKBOX_REGEX.match(lines[i])
        if match:
            if match.group(1) not in ("x", "X", " ", ""):
                return True
            correct += match.group(1).lower() == "x"
            _, i = qp.collect_feedback(lines, i + 1)
        elif not lines[i].strip():
            i += 1
        elif qp.FEEDBACK_REGEX.match(lines[i]):
            if any(qp.CHECKBOX_REGEX.match(t) for t in lines[i + 1 :]):
                return True
            break
        else:
            break
    return correct == 0


@dataclass(frozen=True)
class Option:
    """One choice-quiz option as mkdocs-quiz reads it.

    Attributes:
        line: 1-based file line of ``- [x] ...``.
        mark: What is between the brackets (``"x"``, ``" "``, or an invalid mark).
        correct: The mark is ``x`` or ``X``.
        text: The option's text.
        explained: An explanation (``> ...``) follows directly under it.
    """

    line: int
    mark: str
    correct: bool
    text: str
    explained: bool


@dataclass(frozen=True)
class Choices:
    """A choice quiz read in the order mkdocs-quiz's renderer reads it (shared between
    the rules that read the same quiz: do not change ``options``).

    Attributes:
        empty: The quiz has no text, or no ``- [ ]`` line at all.
        question: The text before the first option is not blank.
        options: The options the renderer shows, in order.
        stray: ``(line, dropped)`` when a line of text between options ends the
            option list: the renderer shows it as content and drops the ``dropped``
            options after it.
    """

    empty: bool
    question: bool
    options: list[Option]
    stray: tuple[int, int] | None


def read_choices(quiz: Quiz) -> Choices:
    """Read a choice quiz's options with mkdocs-quiz's own patterns (``parsing.py``).

    Several rules read the same quiz (page rules, course rules, the build's comparison
    with the rendered HTML), so the result for a quiz text at a line is kept (the last
    4,096 of them).
    """
    return _read_choices(quiz.inner, quiz.inner_line)


@lru_cache(maxsize=4096)
def _read_choices(inner: str, inner_line: int) -> Choices:
    qp = quiz_parsing
    raw_lines = dedent(inner).split("\n")
    content = [(inner_line + i, text) for i, text in enumerate(raw_lines)]
    while content and not content[0][1].strip():
        content.pop(0)
    while content and not content[-1][1].strip():
        content.pop()
    first = next((i for i, (_, t) in enumerate(content) if qp.CHECKBOX_REGEX.match(t)), None)
    if not content or first is None:
        return Choices(True, False, [], None)
    question = bool("\n".join(t for _, t in content[:first]).strip())
    texts = [t for _, t in content]
    options: list[Option] = []
    stray: tuple[int, int] | None = None
    i = first
    while i < len(content):
        number, text = content[i]
        match = qp.CHECKBOX_REGEX.match(text)
        if match:
            mark = match.group(1)
            feedback, after = qp.collect_feedback(texts, i + 1)
            options.append(
                Option(
                    number,
                    mark,
                    mark.lower() == "x",
                    match.group(2).strip(),
                    bool(feedback and feedback.strip()),
                )
            )
            i = after
            continue
        if not text.strip() or qp.FEEDBACK_REGEX.match(text):
            i += 1
            continue
        # Content after the options (shown after answering); options below it are dropped.
        dropped = sum(1 for t in texts[i + 1 :] if qp.CHECKBOX_REGEX.match(t))
        stray = (number, dropped) if dropped else None
        break
    return Choices(False, question, options, stray)


_RENDERED_QUIZ = re.compile(r'<div class="quiz(?: [^"]*)?"[^>]*\bid="quiz-(\d+)"')
_RENDERED_ANSWER = re.compile(r'<input type="(?:radio|checkbox)" name="answer"')


def rendered_option_counts(html: str) -> list[int]:
    """How many options mkdocs-quiz rendered in each quiz of a page's HTML, in order.

    Reads the plugin's markup (``<div class="quiz" ... id="quiz-N">`` and its
    ``<input ... name="answer">`` elements); fill-in-the-blank quizzes count 0.
    """
    starts = [(m.start(), int(m.group(1))) for m in _RENDERED_QUIZ.finditer(html)]
    counts: list[int] = []
    for index, (start, _) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(html)
        counts.append(len(_RENDERED_ANSWER.findall(html, start, end)))
    return counts


# A mark no page can write: made anew in every process.
_MARK = secrets.token_hex(12)
_MARKED = re.compile(rf"<!--sac-quiz:{_MARK}:(\d+)-->(.*?)<!--/sac-quiz:{_MARK}-->", re.DOTALL)


# mkdocs-quiz's placeholder for quiz N in the page's HTML, until its on_page_content.
_PLACEHOLDER = re.compile(r"<!-- MKDOCS_QUIZ_PLACEHOLDER_(\d+) -->")


def mark_quizzes(html: str) -> str:
    """The page's HTML (before mkdocs-quiz puts its quizzes in) with each of the plugin's
    placeholders between two HTML comments that hold a mark no page can write.

    mkdocs-quiz turns each quiz into HTML after the page's own HTML went through the
    sanitizer, in place of its placeholder: the marks stay around that HTML, so
    :func:`replace_marked_quizzes` finds exactly what the plugin made of each quiz,
    whatever the quiz's text holds.
    """
    if "MKDOCS_QUIZ_PLACEHOLDER_" not in html:
        return html
    return _PLACEHOLDER.sub(
        lambda m: f"<!--sac-quiz:{_MARK}:{m.group(1)}-->{m.group(0)}<!--/sac-quiz:{_MARK}-->",
        html,
    )


def replace_marked_quizzes(html: str, replace: Callable[[int, str], str]) -> str:
    """``html`` with each quiz marked by :func:`mark_quizzes` replaced by
    ``replace(index, quiz_html)`` (index: the quiz's place on the page, from 0), and the
    marks removed."""
    if f"sac-quiz:{_MARK}" not in html:
        return html
    return _MARKED.sub(lambda m: replace(int(m.group(1)), m.group(2)), html)
