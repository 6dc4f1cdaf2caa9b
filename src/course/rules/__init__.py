"""The rules: a table of ids (:mod:`.table`), one check per id (:mod:`.registry`), one
module per area, and the two entry points that run them.

    check_page(page)          -> problems of one parsed page
    check_course(docs_dir...) -> every page under docs/ plus the course rules

Area modules: :mod:`.file`, :mod:`.front_matter`, :mod:`.headings`, :mod:`.body`,
:mod:`.quizzes`, :mod:`.links`, :mod:`.safety`, :mod:`.course`, :mod:`.paths`,
:mod:`.content`.
Importing this package registers every check.

No content problem raises: a file that cannot be read or decoded is a problem
(FILE001/FILE002) like any other.
"""

from __future__ import annotations

from pathlib import Path

from course.config import Config, is_markdown, nav_paths
from course.model import assessment_kind, is_lesson_path, module_folders
from course.parse import Page, parse_page
from course.report import Problem

# Registration happens on import: every area module, in reference order.
from course.rules import (  # noqa: F401
    assessment,
    body,
    content,
    course,
    file,
    front_matter,
    headings,
    links,
    paths,
    quizzes,
    safety,
)
from course.rules.memo import PageMemo, memo_enabled
from course.rules.registry import CHECKS, Project, checks_for, problem, run
from course.rules.table import RULES, Rule, rule

__all__ = [
    "CHECKS",
    "PARALLEL_FROM",
    "RULES",
    "Project",
    "Rule",
    "check_course",
    "check_page",
    "problem",
    "rule",
]

#: ``check_course(jobs=N)`` uses worker processes from this many pages on.
PARALLEL_FROM = 200


def check_page(page: Page) -> list[Problem]:
    """All page, lesson and overview rules for one parsed page (course rules excluded).

    An unreadable page gets only its FILE001/FILE002 problem.
    """
    out: list[Problem] = []
    found_checks = checks_for("page")
    if page.is_lesson:
        found_checks += checks_for("lesson")
    if page.is_overview:
        found_checks += checks_for("overview")
    if page.assessment:
        found_checks += checks_for("assessment")
    for found in found_checks:
        if page.readable or "FILE001" in found.ids:
            out += run(found, page)
    return out


def check_course(
    docs_dir: Path,
    config: Config | None = None,
    *,
    label: str = "docs",
    config_label: str = "mkdocs.yml",
    paths_label: str = "docs/team-leads/learning-paths.yml",
    check_paths: bool = True,
    jobs: int = 1,
    memo: bool = False,
) -> tuple[list[Problem], dict[str, Page]]:
    """Check every Markdown page under ``docs_dir`` and the course as a whole.

    Args:
        docs_dir: The docs folder.
        config: What ``mkdocs.yml`` says (:func:`course.config.load_config`), or None to
            check a bare docs folder: then every folder with an ``index.md`` is a module
            and the navigation and learning-path rules are skipped.
        label: How ``docs_dir`` is shown in problem paths (``"docs"``).
        config_label: How ``mkdocs.yml`` is shown in problem paths.
        paths_label: How the learning paths file is shown in problem paths.
        check_paths: Run the learning-path rules (PATH*).
        jobs: Worker processes for parsing and page checks (from
            :data:`PARALLEL_FROM` pages on; needs the ``fork`` start method).
        memo: Reuse the page rules' results of earlier runs for pages whose file,
            flags and rule code are unchanged, and keep this run's
            (:class:`course.rules.memo.PageMemo`; off when ``COURSE_NO_CACHE`` is set).
            The problems and pages are the same either way.

    Returns:
        ``(problems, pages)``: every problem (unsorted; give them to a
        :class:`course.report.Reporter`) and the parsed pages by src_path, slimmed.
    """
    nav = config.nav if config is not None else None
    exclude = config.exclude if config is not None else None
    in_nav = [src for _, src in nav_paths(nav)] if nav else []
    # Every file MkDocs would render or copy: not hidden, not excluded (as MkDocs does).
    files = sorted(
        src
        for src in (p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*"))
        if not any(part.startswith(".") for part in src.split("/"))
        and not (exclude and exclude(src))
        and (docs_dir / src).is_file()
    )
    src_paths = [src for src in files if is_markdown(src)]
    modules = module_folders(in_nav if nav else src_paths)
    # Navigation order first (so a duplicate title is reported at the later lesson), then the rest.
    on_disk = set(src_paths)
    ordered = [src for src in dict.fromkeys(in_nav) if src in on_disk]
    ordered += [src for src in src_paths if src not in set(ordered)]
    overviews = {f"{module}/index.md" for module in modules}
    tasks = [
        (
            docs_dir,
            src,
            is_lesson_path(src, modules),
            src in overviews,
            label,
            assessment_kind(src, modules),
        )
        for src in ordered
    ]
    problems: list[Problem] = []
    pages: dict[str, Page] = {}
    for page, found in _run_pages(tasks, jobs, memo and memo_enabled()):
        pages[page.src_path] = page
        problems += found
    project = Project(
        docs_dir=docs_dir,
        pages=pages,
        config=config,
        config_label=config_label,
        root=config.path.parent if config is not None else None,
        paths_label=paths_label,
        check_paths=check_paths,
        files=files,
        pages_label=label,
    )
    for found in checks_for("course"):
        problems += run(found, project)
    return problems, pages


# docs_dir, src_path, is_lesson, is_overview, label, assessment kind
_Task = tuple[Path, str, bool, bool, str, str | None]


def _checked(task: _Task) -> tuple[Page, list[Problem]]:
    docs_dir, src, is_lesson, is_overview, label, kind = task
    page = parse_page(
        docs_dir,
        src,
        is_lesson=is_lesson,
        label=label,
        is_overview=is_overview,
        assessment=kind,
    )
    return page, check_page(page)


def _checked_slim(task: _Task) -> tuple[Page, list[Problem]]:
    page, found = _checked(task)
    return page.slim(), found


def _run_pages(tasks: list[_Task], jobs: int, use_memo: bool) -> list[tuple[Page, list[Problem]]]:
    """The slim page and page problems of every task, in task order: from the memo
    where it has them, the rest checked (in ``jobs`` processes when there are many)."""
    if not tasks or not use_memo:
        return _check_pages(tasks, jobs)
    memo = PageMemo(tasks[0][0])
    digests = [PageMemo.digest(task[0] / task[1]) for task in tasks]
    results: list[tuple[Page, list[Problem]] | None] = [
        memo.get(task[1], digest, task[2:]) for task, digest in zip(tasks, digests, strict=True)
    ]
    missed = [i for i, result in enumerate(results) if result is None]
    for i, result in zip(missed, _check_pages([tasks[i] for i in missed], jobs), strict=True):
        results[i] = result
        # Kept only when the file is still what was hashed: one changed while it was
        # checked would otherwise be trusted with another text's result later.
        if PageMemo.digest(tasks[i][0] / tasks[i][1]) == digests[i]:
            memo.put(tasks[i][1], digests[i], tasks[i][2:], *result)
    memo.save()
    return [result for result in results if result is not None]


def _check_pages(tasks: list[_Task], jobs: int) -> list[tuple[Page, list[Problem]]]:
    # Below a few hundred pages, starting workers costs more than it saves.
    if jobs > 1 and len(tasks) >= PARALLEL_FROM:
        import multiprocessing

        if "fork" in multiprocessing.get_all_start_methods():
            if any(task[2] for task in tasks):
                content.load_scorer()  # once here, not once per worker (CONTENT001)
            context = multiprocessing.get_context("fork")
            with context.Pool(jobs) as pool:
                return pool.map(_checked_slim, tasks, chunksize=max(1, len(tasks) // (jobs * 8)))
    return [_checked_slim(task) for task in tasks]
