"""Assessment rules: module checks and the final assessment (issue 15).

- ASSESS001 front matter: ``assessment`` names the page's kind (``module`` in
  ``<module>/module-check.md``, ``final`` in ``final-assessment.md``), ``pass_mark`` is
  a whole percent within :data:`course.anatomy.ASSESSMENT` ``pass_mark``, ``scripts``
  loads :data:`course.anatomy.ASSESSMENT_SCRIPT`, and no other key is set.
- ASSESS002 size: a module check has 5-6 questions; the final bank at least 24.
- ASSESS003 the final bank's sections: one ``## <module title>`` per module, in course
  order, each with at least 3 questions, and no question outside them.
- ASSESS004 placement (course): once the nav lists an assessment page, each module's
  check sits right after its last lesson and the final assessment after the last
  module; every module has a check.
- ASSESS005 copied questions (course): no assessment question repeats a lesson's stem.

The quiz rules of every page (QUIZ003-QUIZ020) apply to these pages too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from course.anatomy import ASSESSMENT, ASSESSMENT_SCRIPT, FINAL_ASSESSMENT, MODULE_CHECK
from course.config import nav_paths
from course.parse import Page
from course.parse.quiz import read_choices
from course.report import Problem
from course.rules.registry import Project, check, problem

__all__ = ["question_stem"]


def _line(page: Page, key: str) -> int:
    node = page.front.nodes.get(key)
    return node.start_mark.line + 2 if node is not None else 1


@check("ASSESS001", scope="assessment")
def front_matter(page: Page) -> Iterator[Problem]:
    """The assessment keys: kind, pass mark, the script, nothing else."""
    values = page.front.values
    if not page.front.present:
        return  # FM001 reports it
    kind = page.assessment or ""
    if values.get("assessment") != kind:
        yield problem(
            "ASSESS001",
            page.path,
            _line(page, "assessment"),
            problem=f"'assessment' must be '{kind}' on this page, not {values.get('assessment')!r}",
            kind=kind,
        )
    mark = values.get("pass_mark")
    low, high = ASSESSMENT["pass_mark"]
    if type(mark) is not int or not low <= mark <= high:
        yield problem(
            "ASSESS001",
            page.path,
            _line(page, "pass_mark"),
            problem=f"'pass_mark' must be a whole percent from {low} to {high}, not {mark!r}",
            kind=kind,
        )
    scripts = values.get("scripts")
    if not isinstance(scripts, list) or ASSESSMENT_SCRIPT not in scripts:
        yield problem(
            "ASSESS001",
            page.path,
            _line(page, "scripts"),
            problem=f"'scripts' must list {ASSESSMENT_SCRIPT}, which runs the assessment",
            kind=kind,
        )
    for key in values:
        if key not in ASSESSMENT["keys"]:
            yield problem(
                "ASSESS001",
                page.path,
                _line(page, key),
                problem=f"'{key}' is not a key of an assessment page",
                kind=kind,
            )
    for key in ("title", "description"):
        if not isinstance(values.get(key), str) or not values.get(key, "").strip():
            yield problem(
                "ASSESS001", page.path, 1, problem=f"'{key}' is missing or empty", kind=kind
            )


@check("ASSESS002", scope="assessment")
def size(page: Page) -> Iterator[Problem]:
    """5-6 questions in a module check, 24 or more in the final bank."""
    count = len(page.quizzes)
    line = page.quizzes[0].line if page.quizzes else page.body_start
    if page.assessment == "module":
        low, high = ASSESSMENT["module_questions"]
        if not low <= count <= high:
            yield problem(
                "ASSESS002",
                page.path,
                line,
                what="module check",
                count=count,
                needed=f"{low}-{high}",
                per_module=ASSESSMENT["per_module"],
            )
    elif count < ASSESSMENT["final_bank"]:
        yield problem(
            "ASSESS002",
            page.path,
            line,
            what="final assessment's bank",
            count=count,
            needed=f"at least {ASSESSMENT['final_bank']}",
            per_module=ASSESSMENT["per_module"],
        )


def final_sections(page: Page) -> list[tuple[str, int, int]]:
    """The final bank's ``##`` sections: ``(title, heading line, questions)`` in order."""
    h2 = [h for h in page.headings if h.level == 2]
    out = []
    for number, heading in enumerate(h2):
        end = h2[number + 1].line if number + 1 < len(h2) else 10**9
        questions = sum(1 for q in page.quizzes if heading.line < q.line < end)
        out.append((heading.text, heading.line, questions))
    return out


@check("ASSESS003", "ASSESS004", "ASSESS005", scope="course")
def course_assessments(project: Project) -> Iterator[Problem]:
    """Final sections match the modules (ASSESS003), the pages sit where the nav
    offers them (ASSESS004), and no assessment question copies a lesson (ASSESS005)."""
    config = project.config
    if config is None or not config.nav:
        return
    pairs = nav_paths(config.nav)
    order = [src for _, src in pairs]
    modules = [
        PurePosixPath(src).parts[0]
        for src in order
        if len(PurePosixPath(src).parts) == 2 and PurePosixPath(src).name == "index.md"
    ]
    modules = [m for m in modules if f"{m}/index.md" in project.pages and m != "team-leads"]
    titles = {}
    for module in modules:
        overview = project.pages.get(f"{module}/index.md")
        title = overview.front.values.get("title") if overview else None
        titles[module] = title if isinstance(title, str) else module
    yield from _placement(project, order, modules)
    final = project.pages.get(FINAL_ASSESSMENT)
    if final is not None and final.assessment == "final":
        yield from _final_sections(final, [titles[m] for m in modules])
    yield from _copies(project)


def _placement(project: Project, order: list[str], modules: list[str]) -> Iterator[Problem]:
    """Where the assessment pages sit. A course without any assessment page (a test
    course, a course being started) is not asked for them; once one is in the nav,
    every module needs its check and the course its final assessment."""
    label = project.config_label
    uses = [src for src in order if PurePosixPath(src).name in (MODULE_CHECK, FINAL_ASSESSMENT)]
    if not uses:
        return
    for module in modules:
        check_path = f"{module}/{MODULE_CHECK}"
        in_module = [
            src
            for src in order
            if PurePosixPath(src).parts[0] == module and PurePosixPath(src).name != "index.md"
        ]
        if check_path not in order:
            yield problem(
                "ASSESS004",
                label,
                1,
                problem=f"module '{module}' has no module check ({check_path} in the nav)",
            )
        elif in_module and in_module[-1] != check_path:
            yield problem(
                "ASSESS004",
                label,
                _nav_line(project, check_path),
                problem=f"{check_path} is not right after the module's last lesson",
            )
    if FINAL_ASSESSMENT not in order:
        yield problem(
            "ASSESS004",
            label,
            1,
            problem=f"the course has no final assessment ({FINAL_ASSESSMENT})",
        )
    else:
        last_module = max(
            (i for i, src in enumerate(order) if PurePosixPath(src).parts[0] in modules),
            default=-1,
        )
        if order.index(FINAL_ASSESSMENT) < last_module:
            yield problem(
                "ASSESS004",
                label,
                _nav_line(project, FINAL_ASSESSMENT),
                problem=f"{FINAL_ASSESSMENT} comes before the last module in the nav",
            )


def _nav_line(project: Project, src: str) -> int:
    lines = project.config.nav_lines if project.config is not None else {}
    return lines.get(src, 1) if isinstance(lines, dict) else 1


def _final_sections(page: Page, titles: list[str]) -> Iterator[Problem]:
    sections = final_sections(page)
    found = [title for title, _, _ in sections]
    if found != titles:
        yield problem(
            "ASSESS003",
            page.path,
            sections[0][1] if sections else page.body_start,
            problem=f"the '##' sections are {found}; they must be the modules {titles}",
        )
    for title, line, questions in sections:
        if questions < ASSESSMENT["per_module"]:
            yield problem(
                "ASSESS003",
                page.path,
                line,
                problem=f"'{title}' has {questions} question(s); each module needs "
                f"{ASSESSMENT['per_module']} or more",
            )
    first = sections[0][1] if sections else 10**9
    for quiz in page.quizzes:
        if quiz.line < first:
            yield problem(
                "ASSESS003",
                page.path,
                quiz.line,
                problem="this question is outside the module sections",
            )


_WORD = re.compile(r"[a-z0-9']+")


def question_stem(quiz) -> str:  # noqa: ANN001 - course.parse.quiz.Quiz
    """A quiz's question text, lower-cased words only (for comparing stems)."""
    lines = quiz.inner.split("\n")
    choices = read_choices(quiz)
    first = choices.options[0].line - quiz.inner_line if choices.options else len(lines)
    return " ".join(_WORD.findall(" ".join(lines[:first]).lower()))


def _copies(project: Project) -> Iterator[Problem]:
    stems: dict[str, tuple[str, int]] = {}
    for page in project.pages.values():
        if page.is_lesson:
            for quiz in page.quizzes:
                stem = question_stem(quiz)
                if stem:
                    stems.setdefault(stem, (page.path, quiz.line))
    for page in project.pages.values():
        if not page.assessment:
            continue
        for quiz in page.quizzes:
            found = stems.get(question_stem(quiz))
            if found:
                yield problem("ASSESS005", page.path, quiz.line, lesson=found[0], at=found[1])
