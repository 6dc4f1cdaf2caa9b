"""The lesson checks: parsed pages in, :class:`problems.Problem` out.

Plain Python, no MkDocs imports (``make check``, the MkDocs hook, the tests and the
benchmark all call it). The pipe, one stage per function::

    docs/<module>/<lesson>.md
      -> parse_page()        Page: text, front matter (PyYAML nodes with line marks),
                             markdown-it-py tokens (line maps), quizzes (mkdocs-quiz's
                             own parsing module), headings, prose word count
      -> check_page()        problems of one page (front matter, headings, body,
                             quizzes, links, safety)
      -> check_course()      every page under docs/ plus the course-level rules
                             (navigation, duplicate titles, former ids, link targets)
      -> problems.Reporter   sorted, printed once

Lines are 1-based lines of the source file as the contributor sees it, front
matter included. The rules (ids, messages, hints) live in :mod:`rules`.

What is a lesson: a Markdown file ``docs/<module>/<name>.md`` where ``<module>``
is a folder whose ``index.md`` is in the navigation (``team-leads`` excluded), and
``<name>`` is not ``index``. Module overviews, the home page, team-lead pages and
the progress page get only the generic checks (front matter syntax, headings,
quiz structure, links, safety).

No content problem raises: a file that cannot be read or decoded is a problem
(FILE001/FILE002) like any other.
"""

from __future__ import annotations

import difflib
import html
import importlib.util
import math
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from textwrap import dedent
from types import ModuleType
from typing import Any

import yaml
from markdown.extensions.toc import slugify, unique
from markdown_it import MarkdownIt
from markdown_it.token import Token
from problems import Problem, make_problem

from course import lesson_id_for, nav_paths, read_text

__all__ = [
    "LESSON_KEYS",
    "PLACEHOLDER",
    "AUDIENCES",
    "CLOSING_SECTIONS",
    "WORDS_PER_MINUTE",
    "Page",
    "Quiz",
    "check_course",
    "check_page",
    "load_nav",
    "load_patterns",
    "parse_page",
    "quiz_breaks_renderer",
    "reading_minutes",
]

try:  # libyaml is ~10x faster; both carry line marks.
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader


def _load_quiz_parsing() -> ModuleType:
    """mkdocs-quiz's own ``parsing`` module, without importing the plugin.

    ``import mkdocs_quiz.parsing`` runs the package ``__init__``, which imports the
    plugin and MkDocs (about 0.4 s, most of the ``make check`` budget). The parsing
    module itself imports only ``re``, so it is loaded from the installed package's
    file; inside a build (MkDocs already imported) the regular module is used.
    Either way it is the renderer's own code, so check and renderer agree.
    """
    if "mkdocs_quiz.parsing" in sys.modules:
        return sys.modules["mkdocs_quiz.parsing"]
    spec = importlib.util.find_spec("mkdocs_quiz")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("mkdocs-quiz is not installed (pip install mkdocs-quiz)")
    path = Path(next(iter(spec.submodule_search_locations))) / "parsing.py"
    file_spec = importlib.util.spec_from_file_location("_mkdocs_quiz_parsing", path)
    assert file_spec and file_spec.loader
    module = importlib.util.module_from_spec(file_spec)
    file_spec.loader.exec_module(module)
    return module


quiz_parsing = _load_quiz_parsing()

# ---------------------------------------------------------------------------
# The anatomy as data (see rules.py for messages)
# ---------------------------------------------------------------------------

#: Front matter keys a lesson may have; the first four are required.
LESSON_KEYS = ("title", "description", "duration", "objectives", "audience", "former_ids")
REQUIRED_KEYS = {
    "title": "a string of 5-80 characters",
    "description": "a string of 50-160 characters",
    "duration": "whole minutes, 2-10",
    "objectives": "a list of 1-3 objectives",
}
#: What ``make new-lesson`` writes wherever the contributor still has to write
#: (scripts/new_lesson.py uses this constant); rule FILE003 finds what is left.
PLACEHOLDER = "TODO:"
#: The fixed vocabulary of ``audience``.
AUDIENCES = ("sales", "service", "leads")
#: The last three level-2 sections of every lesson, in order.
CLOSING_SECTIONS = ("Try it", "Key takeaways", "Check your understanding")
TITLE_CHARS = (5, 80)
DESCRIPTION_CHARS = (50, 160)
DURATION_MINUTES = (2, 10)
OBJECTIVES = (1, 3)
PROSE_WORDS = (200, 900)
TAKEAWAYS = (2, 4)
QUIZZES = (2, 4)
OPTIONS = (2, 6)
#: ``check_course(jobs=N)`` uses worker processes from this many pages on.
PARALLEL_FROM = 200
#: Reading speed used for ``duration``; see :func:`reading_minutes`.
WORDS_PER_MINUTE = 200
#: Link texts that do not say where a link goes (compared lower-case, without
#: surrounding punctuation). Source: WCAG 2.2 SC 2.4.4 Link Purpose (In Context),
#: technique G91, and the Carpentries' "uninformative link text" check.
VAGUE_LINK_TEXT = frozenset(
    {"here", "click here", "this", "link", "read more", "more", "this link", "click", "go"}
)
FORBIDDEN_TAGS = ("script", "iframe", "object", "embed", "style", "form")
UNSAFE_SCHEMES = ("javascript", "vbscript", "data")
NOT_MODULES = frozenset({"team-leads", "assets"})

# PyYAML follows YAML 1.1's implicit types: yes/no/on/off/true/false are booleans
# (yaml.org/type/bool.html), 2024-05-01 is a date (yaml.org/type/timestamp.html),
# 1.10 is the float 1.1 (yaml.org/type/float.html). The checks read the tag PyYAML's
# resolver gives each scalar node, so such values are refused, never coerced.
_YAML_TYPES = {
    "tag:yaml.org,2002:bool": "a boolean",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:null": "empty (null)",
    "tag:yaml.org,2002:seq": "a list",
    "tag:yaml.org,2002:map": "a mapping",
}
_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_NULL = "tag:yaml.org,2002:null"

_WORD = re.compile(r"\w+(?:['\u2019-]\w+)*")
_QUIZ_MARKER = re.compile(r"^\s*(?:[-*]\s*\[[^\]]?\]\s?|>\s?)")
# MkDocs' MultiMarkdown meta syntax: a first line like this vanishes from the page.
_MMD_META = re.compile(r"^[ ]{0,3}[A-Za-z0-9_-]+:\s*")
_ADMONITION = re.compile(r"^(?P<indent>[ ]*)(?:!!!|\?\?\?\+?|===)\s")
_ATTR_LIST = re.compile(r"\s*\{:?\s*([^}]*)\}\s*$")
_ATTR_ID = re.compile(r"#([\w-]+)")
_HTML_ID = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_TAG = re.compile(r"<\s*(?P<name>[A-Za-z][\w-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>?", re.S)
_EVENT_ATTR = re.compile(r"(?:^|[\s\"'/])(on[a-z]+)\s*=", re.IGNORECASE)
_URL_ATTR = re.compile(
    r"""\b(?:href|src|action|formaction|xlink:href|poster|data)\s*=\s*["']?\s*([^"'\s>]*)""",
    re.IGNORECASE,
)
_ALT_ATTR = re.compile(r"""\balt\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.S)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


# ---------------------------------------------------------------------------
# Parsed records
# ---------------------------------------------------------------------------


@dataclass
class FrontMatter:
    """The YAML block at the top of a page.

    Attributes:
        present: A ``---`` line opens the file.
        closed_at: 1-based line of the closing ``---``/``...`` (0 when absent/unclosed).
        ok: The block parsed into a mapping.
        values: Key -> constructed value (keys whose value failed to construct are absent).
        nodes: Key -> PyYAML value node (its ``start_mark.line`` gives the line).
        key_lines: Key -> 1-based line of the key.
    """

    present: bool = False
    closed_at: int = 0
    ok: bool = False
    values: dict[str, Any] = field(default_factory=dict)
    nodes: dict[str, yaml.Node] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)


@dataclass
class Option:
    """One choice-quiz option: ``line`` (1-based), ``correct``, ``text``, ``explained``."""

    line: int
    correct: bool
    text: str
    explained: bool


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
class Heading:
    """A Markdown heading: ``level`` 1-6, ``text``, ``line`` (1-based), ``anchor`` id."""

    level: int
    text: str
    line: int
    anchor: str


@dataclass
class Page:
    """One Markdown file, parsed.

    Attributes:
        src_path: Path below ``docs/`` with forward slashes.
        path: Path as reported (``"docs/connection/x.md"``).
        is_lesson: The lesson anatomy applies (see the module docstring).
        text: Whole file, ``\\n`` line endings, no BOM ("" when unreadable).
        front: The front matter.
        body_start: 1-based line where the body starts.
        tokens: markdown-it-py block tokens; ``map`` holds 0-based *file* lines.
        quizzes: Quizzes in order; ``quiz_problems`` are the structural ones found
            while locating them (unclosed or stray tags).
        headings: Headings outside quizzes, in order.
        anchors: Every id a link may target on this page (headings, attr lists, HTML ids).
        words: Prose words (quizzes, code, HTML and front matter excluded).
        problems: Problems found while parsing (file, front matter syntax).
        readable: False when the file could not be read or decoded.
        links: ``(line, url)`` of every Markdown link and image.
        former_ids: ``(line, id)`` of every string in ``former_ids``.
    """

    src_path: str
    path: str
    is_lesson: bool
    text: str = ""
    front: FrontMatter = field(default_factory=FrontMatter)
    body_start: int = 1
    tokens: list[Token] = field(default_factory=list)
    quizzes: list[Quiz] = field(default_factory=list)
    quiz_problems: list[Problem] = field(default_factory=list)
    quiz_lines: set[int] = field(default_factory=set)
    headings: list[Heading] = field(default_factory=list)
    anchors: set[str] = field(default_factory=set)
    words: int = 0
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True
    links: list[tuple[int, str]] = field(default_factory=list)
    former_ids: list[tuple[int, str]] = field(default_factory=list)

    def slim(self) -> Page:
        """Drop the parser objects (tokens, YAML nodes) once the page checks have run.

        What the course-level checks need stays: front matter values and key lines,
        headings, anchors, links and former ids. Slim pages pickle cheaply (used
        when checking in several processes).
        """
        self.tokens = []
        self.front.nodes = {}
        return self


# ---------------------------------------------------------------------------
# Public functions
# ---------------------------------------------------------------------------


def reading_minutes(words: int) -> int:
    """Minutes needed to read ``words`` words of prose, rounded up.

    Uses :data:`WORDS_PER_MINUTE` = 200. Source: Brysbaert, M. (2019), "How many
    words do we read per minute? A review and meta-analysis of reading rate",
    Journal of Memory and Language 109, 104047: adults read English non-fiction
    silently at about 238 words per minute on average; 200 leaves room for
    slower readers and second-language readers, and matches the figure the issue
    sets.
    """
    return math.ceil(words / WORDS_PER_MINUTE) if words > 0 else 0


def load_nav(config_file: Path) -> tuple[Any, Path, list[Problem], dict[str, int]]:
    """Read ``nav`` and ``docs_dir`` from ``mkdocs.yml`` without MkDocs.

    Composes the file with PyYAML (custom tags such as ``!ENV`` or
    ``!!python/name`` are never constructed) and builds only the ``nav`` value.

    Returns:
        ``(nav, docs_dir, problems, nav_lines)``: the nav as plain lists/dicts
        (None when absent), the docs folder (``docs_dir``, default ``docs``,
        relative to the config file), problems with the file itself, and the
        1-based line of every nav entry's file path (src_path -> line).
    """
    label = config_file.name
    try:
        text = read_text(config_file)
    except (OSError, UnicodeDecodeError) as exc:
        return None, config_file.parent / "docs", [
            make_problem("FILE002", label, 1, detail=str(exc))
        ], {}
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return None, config_file.parent / "docs", [
            make_problem("FM003", label, line, problem=_yaml_problem(exc), advice="Fix mkdocs.yml.")
        ], {}
    nav: Any = None
    docs_dir = config_file.parent / "docs"
    nav_lines: dict[str, int] = {}
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "docs_dir" and isinstance(value, yaml.ScalarNode):
                docs_dir = config_file.parent / value.value
            elif key.value == "nav":
                nav = _plain(value, nav_lines)
    return nav, docs_dir, [], nav_lines


def load_patterns(config_file: Path) -> dict[str, Callable[[str], bool]]:
    """Matchers for ``exclude_docs`` and ``not_in_nav`` of ``mkdocs.yml`` (gitignore style).

    Returns:
        ``{"exclude": fn, "not_in_nav": fn}`` for the keys the file sets, each
        ``fn(src_path) -> bool``; ready to pass to :func:`check_course`. Uses
        ``pathspec`` (an MkDocs dependency), as MkDocs does. Empty on any problem
        (:func:`load_nav` reports those).
    """
    try:
        root = yaml.compose(read_text(config_file), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    if not isinstance(root, yaml.MappingNode):
        return {}
    import pathspec

    out: dict[str, Callable[[str], bool]] = {}
    for key, value in root.value:
        if key.value in ("exclude_docs", "not_in_nav") and isinstance(value, yaml.ScalarNode):
            spec = pathspec.GitIgnoreSpec.from_lines(str(value.value).splitlines())
            out["exclude" if key.value == "exclude_docs" else "not_in_nav"] = spec.match_file
    return out


def parse_page(docs_dir: Path, src_path: str, *, is_lesson: bool, label: str = "docs") -> Page:
    """Read and parse one page; never raises for content problems.

    Args:
        docs_dir: The docs folder.
        src_path: Path below it, forward slashes.
        is_lesson: Whether the lesson anatomy applies.
        label: How the docs folder is shown in problem paths.

    Returns:
        The :class:`Page`; reading and front-matter syntax problems are in
        ``page.problems`` and the rest of the page is still parsed where possible.
    """
    page = Page(src_path=src_path, path=f"{label}/{src_path}" if label else src_path,
                is_lesson=is_lesson)
    try:
        page.text = read_text(docs_dir / src_path)
    except UnicodeDecodeError as exc:
        data = exc.object if isinstance(exc.object, bytes) else b""
        line = data[: exc.start].count(b"\n") + 1
        page.problems.append(
            make_problem("FILE001", page.path, line, detail=f"byte 0x{data[exc.start]:02x}"
                         if exc.start < len(data) else exc.reason)
        )
        page.readable = False
        return page
    except OSError as exc:
        page.problems.append(make_problem("FILE002", page.path, 1, detail=exc.strerror or exc))
        page.readable = False
        return page
    lines = page.text.split("\n")
    page.front, page.body_start = _parse_front_matter(lines, page)
    _parse_body(lines, page)
    return page


def check_page(page: Page) -> list[Problem]:
    """All single-page rules for a parsed page (course-level rules excluded).

    Returns:
        Problems (unsorted): the parse problems plus front matter, headings,
        body, quiz, link-text, image and safety rules. Internal link targets are
        checked by :func:`check_course`, which knows every page.
    """
    out = list(page.problems)
    if not page.readable:
        return out
    if page.is_lesson:
        out += _check_lesson_front_matter(page)
    out += _check_headings(page)
    out += _check_quizzes(page)
    if page.is_lesson:
        out += _check_lesson_body(page)
    out += _check_inline(page)
    out += _check_html(page)
    out += _check_placeholders(page)
    return out


def check_course(
    docs_dir: Path,
    nav: Any,
    *,
    label: str = "docs",
    config_label: str = "mkdocs.yml",
    nav_lines: dict[str, int] | None = None,
    jobs: int = 1,
    exclude: Callable[[str], bool] | None = None,
    not_in_nav: Callable[[str], bool] | None = None,
) -> tuple[list[Problem], dict[str, Page]]:
    """Check every Markdown page under ``docs_dir`` and the course as a whole.

    Args:
        docs_dir: The docs folder.
        nav: The ``nav`` value of ``mkdocs.yml`` (plain lists/dicts) or None.
        label: How ``docs_dir`` is shown in problem paths (``"docs"``).
        config_label: How ``mkdocs.yml`` is shown in problem paths.
        nav_lines: src_path -> line of its nav entry (from :func:`load_nav`).
        jobs: Worker processes for parsing and page checks (the CLI uses the CPU
            count for large courses; 1 inside MkDocs). Needs the ``fork`` start
            method; otherwise the pages are checked in this process.
        exclude: src_path -> True for files MkDocs leaves out (``exclude_docs``);
            files and folders starting with ``.`` are always left out, as MkDocs does.
        not_in_nav: src_path -> True for pages that may stay out of the nav
            (``not_in_nav``). Never applies to lessons: a lesson outside the nav
            is always an error.

    Returns:
        ``(problems, pages)``: every problem (unsorted; give them to a
        :class:`problems.Reporter`) and the parsed pages by src_path, slimmed
        (see :meth:`Page.slim`).
    """
    nav_lines = nav_lines or {}
    pairs = nav_paths(nav) if nav else []
    in_nav = [src for _, src in pairs]
    src_paths = sorted(
        src
        for src in (p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))
        if not any(part.startswith(".") for part in src.split("/"))
        and not (exclude and exclude(src))
        and (docs_dir / src).is_file()
    )
    # Without a nav (checking a bare docs folder) every folder with an index.md is a module.
    modules = _module_folders(in_nav if nav else src_paths)
    # Navigation order first (so a duplicate title is reported at the later lesson), then the rest.
    on_disk = set(src_paths)
    ordered = [src for src in dict.fromkeys(in_nav) if src in on_disk]
    ordered += [src for src in src_paths if src not in set(ordered)]
    tasks = [(docs_dir, src, _is_lesson(src, modules), label) for src in ordered]
    problems: list[Problem] = []
    pages: dict[str, Page] = {}
    for page, found in _run(tasks, jobs):
        pages[page.src_path] = page
        problems += found

    nav_set = set(in_nav)
    if nav:
        for src, page in pages.items():
            if src not in nav_set and (page.is_lesson or not (not_in_nav and not_in_nav(src))):
                problems.append(make_problem("NAV001", page.path, 1, src_path=src))
        for src in in_nav:
            if src not in pages and not (docs_dir / src).is_file():
                problems.append(
                    make_problem("NAV002", config_label, nav_lines.get(src, 1), src_path=src)
                )
    problems += _check_titles(pages)
    problems += _check_former_ids(pages)
    problems += _check_link_targets(pages, docs_dir)
    return problems, pages


def _parse_and_check(task: tuple[Path, str, bool, str]) -> tuple[Page, list[Problem]]:
    docs_dir, src, is_lesson, label = task
    page = parse_page(docs_dir, src, is_lesson=is_lesson, label=label)
    return page, check_page(page)


def _checked_slim(task: tuple[Path, str, bool, str]) -> tuple[Page, list[Problem]]:
    page, found = _parse_and_check(task)
    return page.slim(), found


def _run(tasks: list[tuple[Path, str, bool, str]], jobs: int) -> list[tuple[Page, list[Problem]]]:
    # Below a few hundred pages, starting workers costs more than it saves.
    if jobs > 1 and len(tasks) >= PARALLEL_FROM:
        import multiprocessing

        if "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            with context.Pool(jobs) as pool:
                return pool.map(_checked_slim, tasks, chunksize=max(1, len(tasks) // (jobs * 8)))
    return [_checked_slim(task) for task in tasks]


def quiz_breaks_renderer(inner: str) -> bool:
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
            if any(qp.CHECKBOX_REGEX.match(t) for t in lines[i + 1:]):
                return True
            break
        else:
            break
    return correct == 0


# ---------------------------------------------------------------------------
# Front matter
# ---------------------------------------------------------------------------


def _parse_front_matter(lines: list[str], page: Page) -> tuple[FrontMatter, int]:
    front = FrontMatter()
    if not lines or lines[0].rstrip(" \t") != "---":
        first = lines[0] if lines else ""
        if page.is_lesson or _MMD_META.match(first):
            page.problems.append(make_problem("FM001", page.path, 1))
        return front, 1
    front.present = True
    close = next(
        (i for i in range(1, len(lines)) if lines[i].rstrip(" \t") in ("---", "...")), None
    )
    if close is None:
        page.problems.append(make_problem("FM002", page.path, 1))
        return front, 1
    front.closed_at = close + 1
    block = "\n".join(lines[1:close]) + "\n"
    try:
        node = yaml.compose(block, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 2 if mark else 2
        page.problems.append(
            make_problem("FM003", page.path, line, problem=_yaml_problem(exc),
                         advice=_yaml_advice(exc, lines, line))
        )
        return front, close + 2
    if node is None:
        front.ok = True
        return front, close + 2
    if not isinstance(node, yaml.MappingNode):
        kind = "a list" if isinstance(node, yaml.SequenceNode) else "plain text"
        page.problems.append(make_problem("FM004", page.path, node.start_mark.line + 2, kind=kind))
        return front, close + 2
    front.ok = True
    constructor = _Loader("")
    for key_node, value_node in node.value:
        key = str(key_node.value)
        line = key_node.start_mark.line + 2
        if key in front.key_lines:
            page.problems.append(
                make_problem("FM016", page.path, line, key=key, first=front.key_lines[key])
            )
            continue
        front.key_lines[key] = line
        front.nodes[key] = value_node
        if key == "former_ids" and isinstance(value_node, yaml.SequenceNode):
            page.former_ids = [
                (_line(item), item.value) for item in value_node.value
                if isinstance(item, yaml.ScalarNode) and item.tag == _STR
            ]
        try:
            front.values[key] = constructor.construct_document(value_node)
        except (yaml.YAMLError, ValueError, TypeError) as exc:
            page.problems.append(
                make_problem("FM003", page.path, value_node.start_mark.line + 2,
                             problem=f"value of '{key}' cannot be read ({exc})",
                             advice=f"Put the value of '{key}' in quotes.")
            )
    return front, close + 2


def _yaml_problem(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
    context = getattr(exc, "context", None)
    return f"{context}, {problem}" if context else str(problem)


def _yaml_advice(exc: yaml.YAMLError, lines: list[str], line: int) -> str:
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    match = re.match(r"^(\s*[\w-]+):\s+(.+?)\s*$", text)
    if match and "mapping values" in (getattr(exc, "problem", "") or ""):
        value = match.group(2).replace("\\", "\\\\").replace('"', '\\"')
        return (f'Quote the whole value because it contains ": ": '
                f'{match.group(1).strip()}: "{value}"')
    return ("Check the indentation, and quote values that contain ': ' or ' #' or start "
            "with [ { * & ! | > ' \" % @ or `.")


def _kind(node: yaml.Node) -> str:
    return _YAML_TYPES.get(node.tag, "a non-string value")


def _raw(node: yaml.Node) -> str:
    """The value roughly as written: ``no``, ``Do this: that`` (a mapping), ``[a, b]``."""
    if isinstance(node, yaml.ScalarNode):
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return "[" + ", ".join(_raw(item) for item in node.value) + "]"
    if isinstance(node, yaml.MappingNode):
        return ", ".join(f"{_raw(k)}: {_raw(v)}" for k, v in node.value)
    return "?"


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 2


def _string(page: Page, node: yaml.Node, label: str) -> str | None:
    """The string value of ``node`` or None after reporting FM007."""
    if isinstance(node, yaml.ScalarNode) and node.tag == _STR:
        return node.value
    if isinstance(node, yaml.ScalarNode) and node.tag == _NULL and node.value == "":
        return ""  # "key:" with nothing after it: the length/emptiness rules say more
    page.problems.append(
        make_problem("FM007", page.path, _line(node), key=label, raw=_raw(node), kind=_kind(node))
    )
    return None


def _check_lesson_front_matter(page: Page) -> list[Problem]:
    front = page.front
    if not front.ok:
        return []
    before = len(page.problems)
    out: list[Problem] = []
    path = page.path
    for key, line in front.key_lines.items():
        if key not in LESSON_KEYS:
            close = difflib.get_close_matches(key, LESSON_KEYS, n=1, cutoff=0.6)
            suggestion = f" (did you mean '{close[0]}'?)" if close else ""
            out.append(make_problem("FM005", path, line, key=key, suggestion=suggestion,
                                    allowed=", ".join(LESSON_KEYS)))
    for key, what in REQUIRED_KEYS.items():
        if key not in front.nodes:
            out.append(make_problem("FM006", path, 1, key=key, what=what))
    nodes = front.nodes
    if "title" in nodes and (title := _string(page, nodes["title"], "title")) is not None:
        length = len(title.strip())
        if not TITLE_CHARS[0] <= length <= TITLE_CHARS[1]:
            out.append(make_problem("FM008", path, _line(nodes["title"]), length=length))
    if "description" in nodes:
        description = _string(page, nodes["description"], "description")
        if description is not None:
            length = len(description.strip())
            if not DESCRIPTION_CHARS[0] <= length <= DESCRIPTION_CHARS[1]:
                out.append(make_problem("FM009", path, _line(nodes["description"]),
                                        length=length))
    if "duration" in nodes:
        node = nodes["duration"]
        if not (isinstance(node, yaml.ScalarNode) and node.tag == _INT):
            out.append(make_problem("FM010", path, _line(node), raw=_raw(node) or "nothing"))
        else:
            duration = front.values.get("duration")
            if isinstance(duration, int) and not (
                DURATION_MINUTES[0] <= duration <= DURATION_MINUTES[1]
            ):
                out.append(make_problem("FM011", path, _line(node), duration=duration))
    if "objectives" in nodes:
        out += _check_list(page, "objectives", "FM013", "objective", OBJECTIVES)
    if "audience" in nodes:
        node = nodes["audience"]
        seen: set[str] = set()
        for item in _list_items(page, node, "FM014"):
            value = _string(page, item, "audience value")
            if value is None:
                continue
            if value not in AUDIENCES:
                close = difflib.get_close_matches(value, AUDIENCES, n=1, cutoff=0.6)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                out.append(make_problem(
                    "FM014", path, _line(item), allowed=", ".join(AUDIENCES),
                    problem=f"value '{value}' is not one of {', '.join(AUDIENCES)}{hint}"))
            elif value in seen:
                out.append(make_problem("FM014", path, _line(item), allowed=", ".join(AUDIENCES),
                                        problem=f"lists '{value}' twice"))
            seen.add(value)
    if "former_ids" in nodes:
        for item in _list_items(page, nodes["former_ids"], "FM015"):
            value = _string(page, item, "former id")
            if value is not None and not re.fullmatch(r"[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*",
                                                      value):
                out.append(make_problem("FM015", path, _line(item),
                                        problem=f"entry '{value}' is not a lesson id"))
    # _string() appends FM007 problems to page.problems; move them into this result.
    out += page.problems[before:]
    del page.problems[before:]
    return out


def _list_items(page: Page, node: yaml.Node, rule_id: str) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    extra = {"allowed": ", ".join(AUDIENCES)} if rule_id == "FM014" else {}
    page.problems.append(make_problem(rule_id, page.path, _line(node),
                                      problem=f"must be a list, not {_kind(node)}", **extra))
    return []


def _check_list(page: Page, key: str, rule_id: str, label: str,
                bounds: tuple[int, int]) -> list[Problem]:
    node = page.front.nodes[key]
    out: list[Problem] = []
    if not isinstance(node, yaml.SequenceNode):
        kind = "a single line" if node.tag == _STR else _kind(node)
        return [make_problem(rule_id, page.path, _line(node),
                             problem=f"must be a list ('- ...' lines), not {kind}")]
    count = len(node.value)
    if not bounds[0] <= count <= bounds[1]:
        problem = f"has {count} items; a lesson has {bounds[0]} to {bounds[1]}"
        key_line = page.front.key_lines.get(key, _line(node))  # a block list starts below
        out.append(make_problem(rule_id, page.path, key_line, problem=problem))
    for number, item in enumerate(node.value, start=1):
        value = _string(page, item, label)
        if value is not None and not value.strip():
            out.append(make_problem(rule_id, page.path, _line(item),
                                    problem=f"item {number} is empty"))
    return out


def _plain(node: yaml.Node, lines: dict[str, int]) -> Any:
    """Build nav's plain value from nodes, recording each path's line."""
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, lines) for item in node.value]
    if isinstance(node, yaml.MappingNode):
        return {str(k.value): _plain(v, lines) for k, v in node.value}
    value = node.value
    if isinstance(value, str):
        lines.setdefault(value, node.start_mark.line + 1)
    return value


# ---------------------------------------------------------------------------
# Body parsing
# ---------------------------------------------------------------------------


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    # Emphasis does not change any rule (words, links, headings are the same
    # either way) and is a third of the inline parsing time.
    md.disable(["emphasis", "balance_pairs", "fragments_join"], ignoreInvalid=True)
    # Python-Markdown (the renderer) does not refuse any scheme, so the check must
    # see javascript:/data: links as links, not as text.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


_MD = _markdown()
# Headings are few: their text is read with emphasis parsed, as the renderer does,
# so "## Use **one** question" gets the anchor "use-one-question".
_MD_HEADING = MarkdownIt("commonmark", {"html": True})


def _parse_body(lines: list[str], page: Page) -> None:
    start = page.body_start - 1  # 0-based index of the first body line
    body = "\n".join(lines[start:])
    _locate_quizzes(body, start, page)
    # The text markdown-it sees keeps every line in place: front matter blanked,
    # quiz tags blanked (their content parses as paragraphs, lists, quotes),
    # admonition and tab bodies dedented so they are prose, not code.
    view = [""] * start + lines[start:]
    for quiz in page.quizzes:
        for index in (quiz.line - 1, quiz.end_line - 1):
            if 0 <= index < len(view):
                view[index] = view[index].replace("<quiz>", "").replace("</quiz>", "")
        # Option and explanation markers off: the quiz reads as plain paragraphs,
        # which keeps links and HTML (checked) on their lines and costs markdown-it
        # a fraction of the nested lists and quotes (quizzes are not prose anyway).
        for index in range(quiz.line, quiz.end_line - 1):
            view[index] = _QUIZ_MARKER.sub("", view[index])
    _dedent_blocks(view)
    page.tokens = _MD.parse("\n".join(view))
    _collect_headings_and_words(page)


def _dedent_blocks(view: list[str]) -> None:
    """Turn ``!!! note``/``??? tip``/``=== "Tab"`` bodies into top-level text, in place."""
    for _ in range(4):  # nesting depth
        changed = False
        index = 0
        while index < len(view):
            match = _ADMONITION.match(view[index])
            if not match:
                index += 1
                continue
            changed = True
            inner = len(match.group("indent")) + 4
            view[index] = ""
            index += 1
            while index < len(view):
                line = view[index]
                if line.strip() and len(line) - len(line.lstrip(" ")) < inner:
                    break
                view[index] = line[4:] if line.startswith("    ") else line.lstrip(" ")
                index += 1
        if not changed:
            return


def _locate_quizzes(body: str, offset: int, page: Page) -> None:
    """Find quizzes exactly as mkdocs-quiz does and give them file lines."""
    masked, placeholders = quiz_parsing.mask_code_blocks(body)
    lost = {key: value.count("\n") for key, value in placeholders.items()}
    placeholder = re.compile(r"__CODEBLOCK_\d+__")

    def line_at(position: int) -> int:
        before = masked[:position]
        extra = sum(lost.get(m.group(0), 0) for m in placeholder.finditer(before))
        return offset + before.count("\n") + extra + 1

    covered: list[tuple[int, int]] = []
    for match in quiz_parsing.find_quizzes(masked):
        inner = match.group(1)
        start = match.start()
        nested = inner.rfind(quiz_parsing.QUIZ_START_TAG)
        if nested >= 0:
            # An unclosed <quiz> swallows the next quiz: report it, keep the last one.
            for m in re.finditer(re.escape(quiz_parsing.QUIZ_START_TAG), match.group(0)):
                if start + m.start() < match.start(1) + nested:
                    page.quiz_problems.append(
                        make_problem("QUIZ003", page.path, line_at(start + m.start()))
                    )
            start = match.start(1) + nested
            inner = inner[nested + len(quiz_parsing.QUIZ_START_TAG):]
        inner_start = match.end(1) - len(inner)
        quiz = Quiz(
            line=line_at(start),
            end_line=line_at(match.end() - 1),
            kind="blank" if re.search(quiz_parsing.FILL_BLANK_REGEX, inner) else "choice",
            inner=inner,
            inner_line=line_at(inner_start),
        )
        page.quizzes.append(quiz)
        covered.append((match.start(), match.end()))
        page.quiz_lines.update(range(line_at(match.start()), quiz.end_line + 1))
    for tag, rule_id in ((quiz_parsing.QUIZ_START_TAG, "QUIZ003"),
                         (quiz_parsing.QUIZ_END_TAG, "QUIZ013")):
        for m in re.finditer(re.escape(tag), masked):
            if not any(a <= m.start() < b for a, b in covered):
                page.quiz_problems.append(make_problem(rule_id, page.path, line_at(m.start())))


def _inline_text(token: Token, *, code: bool = True) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "text_special") or (child.type == "code_inline" and code):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def _collect_headings_and_words(page: Page) -> None:
    tokens = page.tokens
    ids: set[str] = set()
    words = 0
    for index, token in enumerate(tokens):
        line = token.map[0] + 1 if token.map else 0
        if line in page.quiz_lines:
            continue
        if token.type == "heading_open":
            inline = tokens[index + 1]
            raw = _inline_text(_MD_HEADING.parseInline(inline.content)[0]) if (
                "*" in inline.content or "_" in inline.content) else _inline_text(inline)
            anchor = ""
            attrs = _ATTR_LIST.search(raw)
            if attrs:
                custom = _ATTR_ID.search(attrs.group(1))
                raw = raw[: attrs.start()]
                anchor = custom.group(1) if custom else ""
            text = raw.strip()
            anchor = anchor or unique(slugify(text, "-"), ids)
            ids.add(anchor)
            page.headings.append(Heading(int(token.tag[1]), text, line, anchor))
        elif token.type == "inline":
            braces = "{" in token.content
            for child in token.children or []:
                if child.type in ("text", "text_special"):
                    content = _ATTR_LIST.sub("", child.content) if braces else child.content
                    words += len(_WORD.findall(content))
                elif child.type == "html_inline":
                    page.anchors.update(_HTML_ID.findall(child.content))
            if braces:
                for found in re.finditer(r"\{[^}]*\}", token.content):
                    page.anchors.update(_ATTR_ID.findall(found.group(0)))
        elif token.type == "html_block":
            page.anchors.update(_HTML_ID.findall(token.content))
    page.anchors.update(ids)
    page.words = words


# ---------------------------------------------------------------------------
# Page checks
# ---------------------------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _check_headings(page: Page) -> list[Problem]:
    out: list[Problem] = []
    previous = 1  # the page title is the level-1 heading
    seen: dict[str, int] = {}
    for heading in page.headings:
        if not heading.text:
            out.append(make_problem("HEAD003", page.path, heading.line))
        if heading.level == 1 and page.is_lesson:
            out.append(make_problem("HEAD001", page.path, heading.line, text=heading.text))
        elif heading.level > previous + 1:
            expected = previous + 1
            out.append(make_problem("HEAD002", page.path, heading.line, previous=previous,
                                    level=heading.level, text=heading.text, expected=expected,
                                    marks="#" * expected))
        if heading.text:
            key = _norm(heading.text)
            if key in seen:
                out.append(make_problem("HEAD004", page.path, heading.line, text=heading.text,
                                        first=seen[key]))
            else:
                seen[key] = heading.line
        previous = heading.level
    return out


def _check_placeholders(page: Page) -> list[Problem]:
    """FILE003: one problem per line that still holds the scaffold's ``TODO:`` marker."""
    return [
        make_problem("FILE003", page.path, number, text=_short(line.strip()))
        for number, line in enumerate(page.text.split("\n"), start=1)
        if PLACEHOLDER in line
    ]


def _check_lesson_body(page: Page) -> list[Problem]:
    out: list[Problem] = []
    path = page.path
    words = page.words
    lines = page.text.split("\n")
    first_text = next((n for n in range(page.body_start, len(lines) + 1)
                       if lines[n - 1].strip()), page.body_start)
    counted = f"{words} word{'' if words == 1 else 's'}"
    if words < PROSE_WORDS[0]:
        out.append(make_problem("BODY001", path, first_text, words=counted))
    elif words > PROSE_WORDS[1]:
        out.append(make_problem("BODY002", path, first_text, words=counted))
    duration = page.front.values.get("duration")
    if (isinstance(duration, int) and not isinstance(duration, bool)
            and "duration" in page.front.nodes and page.front.nodes["duration"].tag == _INT
            and duration * WORDS_PER_MINUTE < words):
        out.append(make_problem("FM012", path, _line(page.front.nodes["duration"]),
                                duration=duration, minutes=reading_minutes(words), words=words))
    h2 = [h for h in page.headings if h.level == 2]
    last = [h.text for h in h2[-3:]]
    if tuple(last) != CLOSING_SECTIONS:
        found = ", ".join(f"'{t}'" for t in last) if last else "no '##' sections"
        # Point at the first of the last three '##' headings that is not what it should be.
        expected = CLOSING_SECTIONS[-len(last):] if last else ()
        wrong = next((h for h, want in zip(h2[-3:], expected, strict=True) if h.text != want),
                     None)
        line = wrong.line if wrong else (h2[-len(last)].line if h2 else page.body_start)
        out.append(make_problem("BODY003", path, line, found=found))
    sections = _sections(page)
    takeaways = sections.get("Key takeaways")
    if takeaways is not None:
        out += _check_takeaways(page, *takeaways)
    check = sections.get("Check your understanding")
    lo, hi = (check[1], check[2]) if check else (0, 0)
    inside = [q for q in page.quizzes if lo < q.line <= hi]
    for quiz in page.quizzes:
        if not lo < quiz.line <= hi:
            out.append(make_problem("QUIZ001", path, quiz.line))
    if check is not None and not QUIZZES[0] <= len(inside) <= QUIZZES[1]:
        out.append(make_problem("QUIZ002", path, check[1], count=len(inside)))
    return out


def _sections(page: Page) -> dict[str, tuple[int, int, int]]:
    """Level-2 sections: text -> (first token index, heading line, last line of the section)."""
    result: dict[str, tuple[int, int, int]] = {}
    h2 = [(i, t) for i, t in enumerate(page.tokens)
          if t.type == "heading_open" and t.tag == "h2" and t.map
          and t.map[0] + 1 not in page.quiz_lines]
    total = page.text.count("\n") + 1
    for number, (index, token) in enumerate(h2):
        text = _inline_text(page.tokens[index + 1]).strip()
        end = h2[number + 1][1].map[0] if number + 1 < len(h2) else total
        result.setdefault(text, (index, token.map[0] + 1, end))
    return result


def _check_takeaways(page: Page, index: int, line: int, end: int) -> list[Problem]:
    items = 0
    other: int | None = None
    for token in page.tokens[index + 3:]:
        if token.type == "heading_open" and token.tag in ("h1", "h2"):
            break
        if token.level == 0 and token.nesting >= 0 and token.map:
            if token.type == "bullet_list_open":
                continue
            if other is None:
                other = token.map[0] + 1
        if token.type == "list_item_open" and token.level == 1:
            items += 1
    out: list[Problem] = []
    if other is not None:
        out.append(make_problem("BODY004", page.path, other,
                                problem="must contain only a bullet list"))
    if not TAKEAWAYS[0] <= items <= TAKEAWAYS[1]:
        out.append(make_problem("BODY004", page.path, line,
                                problem=f"has {items} bullet item(s); it needs 2 to 4"))
    return out


def _check_quizzes(page: Page) -> list[Problem]:
    out = list(page.quiz_problems)
    for quiz in page.quizzes:
        out += _check_quiz(page, quiz)
    return out


def _check_quiz(page: Page, quiz: Quiz) -> list[Problem]:
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
            code = (quiz.inner[start:end + 1] if start >= 0 and end >= 0
                    and "\n" not in quiz.inner[start:end] else match.group(0))
            suggestion = code.replace("[[", "[ [").replace("]]", "] ]").strip("`")
            return [make_problem("QUIZ010", path, line, blank=match.group(1),
                                 suggestion=suggestion)]
        separator = next((i for i, (_, t) in enumerate(lines) if t.strip() == "---"), None)
        if separator is None or not any(t.strip() for _, t in lines[separator + 1:]):
            return [make_problem("QUIZ011", path, quiz.line)]
        return []

    content = [(n, t) for n, t in lines]
    while content and not content[0][1].strip():
        content.pop(0)
    while content and not content[-1][1].strip():
        content.pop()
    if not content:
        return [make_problem("QUIZ012", path, quiz.line)]
    first = next((i for i, (_, t) in enumerate(content) if qp.CHECKBOX_REGEX.match(t)), None)
    if first is None:
        return [make_problem("QUIZ012", path, quiz.line)]
    out: list[Problem] = []
    if not "\n".join(t for _, t in content[:first]).strip():
        out.append(make_problem("QUIZ008", path, quiz.line))
    found: list[Option] = []
    texts = [t for _, t in content]
    i = first
    while i < len(content):
        number, text = content[i]
        match = qp.CHECKBOX_REGEX.match(text)
        if match:
            mark = match.group(1)
            if mark not in ("x", "X", " ", ""):
                out.append(make_problem("QUIZ009", path, number, mark=mark))
            feedback, after = qp.collect_feedback(texts, i + 1)
            found.append(Option(number, mark.lower() == "x", match.group(2).strip(),
                                bool(feedback and feedback.strip())))
            i = after
            continue
        if not text.strip() or qp.FEEDBACK_REGEX.match(text):
            i += 1
            continue
        break  # content after the options (mkdocs-quiz shows it after answering)
    correct = sum(1 for o in found if o.correct)
    if not OPTIONS[0] <= len(found) <= OPTIONS[1]:
        out.append(make_problem("QUIZ004", path, quiz.line, count=len(found)))
    if correct == 0 or correct == len(found):
        out.append(make_problem("QUIZ005", path, quiz.line, correct=correct,
                                incorrect=len(found) - correct))
    seen: dict[str, int] = {}
    for option in found:
        key = _norm(option.text)
        if key in seen:
            out.append(make_problem("QUIZ006", path, option.line, text=option.text,
                                    first=seen[key]))
        else:
            seen[key] = option.line
        if not option.explained:
            out.append(make_problem("QUIZ007", path, option.line, text=_short(option.text)))
    return out


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _child_lines(token: Token) -> list[tuple[int, Token]]:
    """Inline children with their 1-based file line."""
    line = token.map[0] + 1 if token.map else 1
    out: list[tuple[int, Token]] = []
    for child in token.children or []:
        out.append((line, child))
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        elif child.type in ("text", "code_inline", "html_inline"):
            line += child.content.count("\n")
    return out


def _scheme(url: str) -> str:
    """The URL's scheme, lower-case, as a browser reads it: character references
    decoded (``&#106;avascript:``) and tabs, newlines and control characters removed
    (WHATWG URL standard), so disguised ``javascript:`` URLs are caught."""
    # markdown-it percent-encodes what it decoded from the source (``java&#9;script:``
    # becomes ``java%09script:``), so percent-escapes are decoded as well.
    match = _SCHEME.match(_CONTROL.sub("", _unquote(html.unescape(url))))
    return match.group(1).lower() if match else ""


def _check_inline(page: Page) -> list[Problem]:
    """Link text, image alt text and link/image URL schemes."""
    out: list[Problem] = []
    path = page.path
    page.links = []
    for token in page.tokens:
        if token.type != "inline":
            continue
        children = _child_lines(token)
        for index, (line, child) in enumerate(children):
            if child.type == "link_open":
                href = str(child.attrGet("href") or "")
                page.links.append((line, href))
                scheme = _scheme(href)
                if scheme in UNSAFE_SCHEMES:
                    out.append(make_problem("SAFE003", path, line, scheme=scheme, kind="a link"))
                text = _link_text(children[index + 1:])
                # Emphasis is not parsed (see _markdown), so its markers are stripped here.
                words = _norm(text).strip(" .,:;!?\u2026\"'()[]*_~")
                if not words or words in VAGUE_LINK_TEXT:
                    out.append(make_problem("LINK001", path, line, text=text.strip()))
            elif child.type == "image":
                src = str(child.attrGet("src") or "")
                page.links.append((line, src))
                scheme = _scheme(src)
                if scheme in UNSAFE_SCHEMES:
                    out.append(make_problem("SAFE003", path, line, scheme=scheme,
                                            kind="an image"))
                if not child.content.strip():
                    out.append(make_problem("LINK004", path, line, target=src))
    return out


def _link_text(children: list[tuple[int, Token]]) -> str:
    parts: list[str] = []
    depth = 1
    for _, child in children:
        if child.type == "link_open":
            depth += 1
        elif child.type == "link_close":
            depth -= 1
            if depth == 0:
                break
        elif child.type in ("text", "code_inline", "text_special", "image"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def _html_pieces(page: Page) -> list[tuple[int, str]]:
    pieces: list[tuple[int, str]] = []
    for token in page.tokens:
        if token.type == "html_block" and token.map:
            pieces.append((token.map[0] + 1, token.content))
        elif token.type == "inline":
            pieces += [(line, child.content) for line, child in _child_lines(token)
                       if child.type == "html_inline"]
    return pieces


def _check_html(page: Page) -> list[Problem]:
    """Raw HTML: forbidden elements, event-handler attributes, unsafe URLs, img alt."""
    out: list[Problem] = []
    path = page.path
    for first_line, markup in _html_pieces(page):
        for tag in _TAG.finditer(markup):
            line = first_line + markup[: tag.start()].count("\n")
            name = tag.group("name").lower()
            attrs = tag.group("attrs") or ""
            if name in FORBIDDEN_TAGS:
                out.append(make_problem("SAFE001", path, line, tag=name))
            for event in _EVENT_ATTR.finditer(attrs):
                out.append(make_problem("SAFE002", path, line, attribute=event.group(1).lower()))
            for url in _URL_ATTR.finditer(attrs):
                scheme = _scheme(url.group(1))
                if scheme in UNSAFE_SCHEMES:
                    kind = ("an image" if name == "img" else "a link" if name == "a"
                            else f"a <{name}> element")
                    out.append(make_problem("SAFE003", path, line, scheme=scheme, kind=kind))
            if name == "img":
                alt = _ALT_ATTR.search(attrs)
                if not alt or not alt.group(2).strip():
                    src = re.search(r"""\bsrc\s*=\s*["']?([^"'\s>]*)""", attrs, re.I)
                    out.append(make_problem("LINK004", path, line,
                                            target=src.group(1) if src else "<img>"))
    return out


# ---------------------------------------------------------------------------
# Course checks
# ---------------------------------------------------------------------------


def _module_folders(in_nav: list[str]) -> set[str]:
    folders = {
        PurePosixPath(p).parts[0]
        for p in in_nav
        if len(PurePosixPath(p).parts) == 2 and PurePosixPath(p).name == "index.md"
    }
    return folders - NOT_MODULES


def _is_lesson(src_path: str, modules: set[str]) -> bool:
    parts = PurePosixPath(src_path).parts
    return len(parts) == 2 and parts[0] in modules and parts[1] != "index.md"


def _check_titles(pages: dict[str, Page]) -> list[Problem]:
    out: list[Problem] = []
    seen: dict[str, Page] = {}
    for page in pages.values():
        title = page.front.values.get("title") if page.is_lesson else None
        if not isinstance(title, str) or not title.strip():
            continue
        key = _norm(title)
        if key in seen:
            out.append(make_problem("NAV003", page.path, page.front.key_lines.get("title", 1),
                                    title=title, other=seen[key].path))
        else:
            seen[key] = page
    return out


def _check_former_ids(pages: dict[str, Page]) -> list[Problem]:
    out: list[Problem] = []
    current = {lesson_id_for(src): page for src, page in pages.items() if page.is_lesson}
    claimed: dict[str, Page] = {}
    for page in current.values():
        for line, former in page.former_ids:
            if former in current:
                out.append(make_problem("NAV004", page.path, line, former=former,
                                        problem=f"is the id of {current[former].path}"))
            elif former in claimed and claimed[former] is not page:
                out.append(make_problem("NAV004", page.path, line, former=former,
                                        problem=f"is also listed by {claimed[former].path}"))
            claimed.setdefault(former, page)
    return out


def _check_link_targets(pages: dict[str, Page], docs_dir: Path) -> list[Problem]:
    """Relative links and anchors resolve (to a page, a file under docs/, or an id)."""
    out: list[Problem] = []
    for page in pages.values():
        if not page.readable:
            continue
        folder = PurePosixPath(page.src_path).parent
        for line, href in page.links:
            if not href or _scheme(href) or href.startswith(("/", "//")):
                continue  # external, absolute (MkDocs warns) or empty
            target, _, anchor = href.partition("#")
            target = target.split("?", 1)[0]
            if not target:
                target_page: Page | None = page
            else:
                resolved = _normalise(folder / _unquote(target))
                if resolved is None or not (docs_dir / resolved).exists():
                    out.append(make_problem("LINK002", page.path, line, target=href))
                    continue
                target_page = pages.get(resolved)
            if (anchor and target_page is not None and target_page.readable
                    and anchor not in target_page.anchors):
                known = ", ".join(sorted(h.anchor for h in target_page.headings)[:6])
                out.append(make_problem(
                    "LINK003", page.path, line, anchor=anchor,
                    page="this page" if target_page is page else target_page.path,
                    known=f" ({known})" if known else ""))
    return out


def _unquote(value: str) -> str:
    from urllib.parse import unquote

    return unquote(value)


def _normalise(path: PurePosixPath) -> str | None:
    parts: list[str] = []
    for part in path.parts:
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts)
