"""Course rules: the navigation, the config file, titles and former ids across lessons."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from course.anatomy import NOT_MODULES
from course.config import is_markdown
from course.config import nav_paths as nav_pairs
from course.model import lesson_id_for
from course.parse import Page
from course.report import Problem
from course.rules.headings import norm
from course.rules.registry import Project, check, problem


@check("NAV001", "NAV002", "NAV005", scope="course")
def navigation(project: Project) -> Iterator[Problem]:
    """NAV001 a page missing from the nav (``not_in_nav`` never covers lessons); NAV002
    a nav entry for a missing file; NAV005 ``mkdocs.yml`` cannot be read or parsed."""
    config = project.config
    if config is None:
        return
    if config.error:
        line, kind, detail = config.error
        text = (
            f"cannot be read ({detail})" if kind == "unreadable" else f"is not valid YAML: {detail}"
        )
        yield problem(
            "NAV005",
            project.config_label,
            line,
            problem=text,
            advice="Fix mkdocs.yml; `mkdocs build` shows the same error.",
        )
        return
    if not config.nav:
        return
    in_nav = [src for _, src in nav_pairs(config.nav)]
    nav_set = set(in_nav)
    for src, page in project.pages.items():
        exempt = config.not_in_nav is not None and config.not_in_nav(src)
        if src not in nav_set and (page.is_lesson or not exempt):
            yield problem("NAV001", page.path, 1, src_path=src)
    for src in in_nav:
        if src not in project.pages and not (project.docs_dir / src).is_file():
            line = config.nav_lines.get(src, 1)
            yield problem("NAV002", project.config_label, line, src_path=src)


@check("NAV006", "NAV007", scope="course")
def module_shape(project: Project) -> Iterator[Problem]:
    """NAV006 a top-level folder with pages but no ``index.md`` (its pages would get no
    lesson rules); NAV007 a page in a sub-folder of a module (not a lesson, so unchecked
    as one)."""
    folders: dict[str, list[str]] = {}
    for src in project.pages:
        parts = PurePosixPath(src).parts
        if len(parts) >= 2 and parts[0] not in NOT_MODULES:
            folders.setdefault(parts[0], []).append(src)
    for folder, srcs in sorted(folders.items()):
        if not any(
            PurePosixPath(s).parts[1:]
            and PurePosixPath(s).stem == "index"
            and len(PurePosixPath(s).parts) == 2
            for s in srcs
        ):
            first = sorted(srcs)[0]
            yield problem("NAV006", project.pages[first].path, 1, folder=folder)
            continue
        for src in sorted(srcs):
            parts = PurePosixPath(src).parts
            if len(parts) > 2:
                suggestion = f"{folder}/{PurePosixPath(src).name}"
                yield problem(
                    "NAV007", project.pages[src].path, 1, module=folder, suggestion=suggestion
                )


@check("NAV008", scope="course")
def duplicate_nav_entry(project: Project) -> Iterator[Problem]:
    """A page listed twice in the nav (MkDocs would render it in two places)."""
    config = project.config
    if config is None or config.error:
        return
    first: dict[str, int] = {}
    for src, line in config.nav_entries:
        if not is_markdown(src):
            continue
        if src in first:
            yield problem("NAV008", project.config_label, line, src_path=src, first=first[src])
        else:
            first.setdefault(src, line)


@check("NAV003", scope="course")
def duplicate_title(project: Project) -> Iterator[Problem]:
    """Two lessons with the same title (ignoring case and spacing)."""
    pages = project.pages
    seen: dict[str, Page] = {}
    for page in pages.values():
        title = page.front.values.get("title") if page.is_lesson else None
        if not isinstance(title, str) or not title.strip():
            continue
        key = norm(title)
        if key in seen:
            yield problem(
                "NAV003",
                page.path,
                page.front.key_lines.get("title", 1),
                title=title,
                other=seen[key].path,
            )
        else:
            seen[key] = page


@check("NAV004", scope="course")
def former_id_clash(project: Project) -> Iterator[Problem]:
    """A former id that is a current id or is listed by two lessons."""
    pages = project.pages
    current = {lesson_id_for(src): page for src, page in pages.items() if page.is_lesson}
    claimed: dict[str, Page] = {}
    for page in current.values():
        for line, former in page.former_ids:
            if former in current:
                yield problem(
                    "NAV004",
                    page.path,
                    line,
                    former=former,
                    problem=f"is the id of {current[former].path}",
                )
            elif former in claimed and claimed[former] is not page:
                yield problem(
                    "NAV004",
                    page.path,
                    line,
                    former=former,
                    problem=f"is also listed by {claimed[former].path}",
                )
            claimed.setdefault(former, page)
