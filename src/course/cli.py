"""The ``course`` command: ``course check | new-lesson | rule-reference | anatomy | csp``.

``course check [--json] [--jobs N] [--lessons-only] [--no-cache] [PATH]``
    Validate every page without building the site. PATH is a ``mkdocs.yml``, a folder
    holding one, or a bare docs folder (then the navigation and learning-path rules
    are skipped and every folder with an ``index.md`` is a module); default
    ``mkdocs.yml``. Prints every problem sorted by file and line
    (``docs/<path>:<line>: <RULE-ID> <message>`` plus an indented hint; GitHub
    annotations too when ``GITHUB_ACTIONS=true``); ``--json`` prints one JSON object
    per problem instead. Exit status 1 when there is any problem, 0 otherwise, 2 for a
    usage error. Never prints a traceback for a content problem. Runs where MkDocs
    is not installed. Pages unchanged since an earlier check reuse its page-rule
    results (:mod:`course.rules.memo`); ``--no-cache`` (or ``COURSE_NO_CACHE=1``)
    checks every page afresh. The output is the same either way.
``course new-lesson --module M --title T [--slug S] [--config mkdocs.yml]``
    Scaffold a lesson and add it to the nav (:mod:`course.scaffold`); exit 2 when refused.
``course rule-reference [--write] [--file CONTRIBUTING.md]``
    Check (or rewrite) the generated rule reference (:mod:`course.reference`).
``course anatomy [--write]``
    Check (or rewrite) ``docs/assets/js/lib/anatomy.js`` (:func:`course.anatomy.to_js_module`).
``course csp [SITE] [--format value|header|netlify|nginx|apache] [--frame-ancestors S]``
    Print the Content-Security-Policy of the built site in SITE (default ``site``, what
    ``make build`` writes), as its pages carry it or as a server header
    (:func:`course.csp.header_text`; header formats add ``frame-ancestors``, default
    ``'none'``). Reads only. Exit 1 (the policy still printed) when a page holds
    something the policy blocks, 2 when SITE has no built pages or an option is invalid.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from course.csp import FORMATS

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    """Run one ``course`` subcommand; returns its exit status."""
    parser = argparse.ArgumentParser(prog="course", description="The course's own tools.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate every page without building the site")
    check.add_argument(
        "path",
        nargs="?",
        default="mkdocs.yml",
        help="mkdocs.yml, a folder holding one, or a docs folder",
    )
    check.add_argument("--json", action="store_true", help="one JSON object per problem")
    check.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="worker processes for large courses"
    )
    check.add_argument(
        "--lessons-only", action="store_true", help="skip the learning-path rules (PATH*)"
    )
    check.add_argument(
        "--no-cache",
        action="store_true",
        help="check every page afresh instead of reusing unchanged pages' results",
    )
    new = sub.add_parser("new-lesson", help="scaffold a lesson and add it to the nav")
    new.add_argument("--module", required=True, help="module folder under docs/, e.g. service")
    new.add_argument("--title", required=True, help="the lesson title (5-80 characters)")
    new.add_argument("--slug", help="file name without .md (default: made from the title)")
    new.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="mkdocs.yml to edit")
    ref = sub.add_parser("rule-reference", help="check or rewrite the rule reference")
    ref.add_argument("--write", action="store_true", help="rewrite it instead of checking")
    ref.add_argument("--file", type=Path, default=Path("CONTRIBUTING.md"))
    anatomy = sub.add_parser("anatomy", help="check or rewrite docs/assets/js/lib/anatomy.js")
    anatomy.add_argument("--write", action="store_true", help="rewrite it instead of checking")
    anatomy.add_argument("--file", type=Path, default=Path("docs/assets/js/lib/anatomy.js"))
    policy = sub.add_parser("csp", help="print the built site's Content-Security-Policy")
    policy.add_argument("site", nargs="?", type=Path, default=Path("site"), help="built site")
    policy.add_argument(
        "--format",
        default="value",
        choices=FORMATS,
        help="value (as in the pages' <meta>), a header line, or a host's configuration",
    )
    policy.add_argument(
        "--frame-ancestors",
        default="'none'",
        help="who may frame the site, for the header formats (default 'none'; '' to omit)",
    )
    stats = sub.add_parser(
        "stats",
        help="question and lesson figures (lessons and assessments): options, "
        "longest-correct share, durations",
    )
    stats.add_argument("path", nargs="?", default="mkdocs.yml", help="mkdocs.yml")
    stats.add_argument("--json", action="store_true", help="the figures as one JSON object")
    stats.add_argument("--questions", action="store_true", help="also list every question")
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if args.command == "check":
        return _check(args)
    if args.command == "new-lesson":
        return _new_lesson(args)
    if args.command == "rule-reference":
        return _rule_reference(args)
    if args.command == "csp":
        return _csp(args)
    if args.command == "stats":
        return _stats(args)
    return _anatomy(args)


def _label(path: Path) -> str:
    """``path`` relative to the current folder when below it, else absolute; posix slashes."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path.resolve().as_posix()
    return Path(relative).as_posix() if not relative.startswith("..") else path.resolve().as_posix()


def _check(args: argparse.Namespace) -> int:
    from course.config import load_config
    from course.paths import PATHS_FILE
    from course.report import Reporter
    from course.rules import check_course

    target = Path(args.path)
    if target.is_dir() and (target / "mkdocs.yml").is_file():
        target = target / "mkdocs.yml"
    if not target.exists():
        print(f"check: {target} does not exist", file=sys.stderr)
        return 2
    config = load_config(target) if target.is_file() else None
    docs_dir = config.docs_dir if config is not None else target
    if not docs_dir.is_dir():
        print(f"check: docs folder {docs_dir} does not exist", file=sys.stderr)
        return 2
    problems, pages = check_course(
        docs_dir,
        config,
        label=_label(docs_dir),
        config_label=_label(target) if config is not None else "mkdocs.yml",
        paths_label=_label(target.parent / PATHS_FILE),
        check_paths=not args.lessons_only,
        jobs=max(1, args.jobs),
        memo=not args.no_cache,
    )
    reporter = Reporter()
    reporter.extend(problems)
    if args.json:
        for line in reporter.json_lines():
            print(line)
        return 1 if reporter.has_errors else 0
    errors = reporter.print()
    if not reporter.problems:
        lessons = sum(1 for page in pages.values() if page.is_lesson)
        print(f"check: {len(pages)} pages ({lessons} lessons) follow the lesson rules.")
    return 1 if errors else 0


def _new_lesson(args: argparse.Namespace) -> int:
    from course.scaffold import ScaffoldError, next_steps, plan, write

    try:
        scaffold = plan(args.config, args.module, args.title, args.slug)
        write(scaffold)
    except ScaffoldError as exc:
        print(f"new-lesson: {exc}", file=sys.stderr)
        print("Nothing was written.", file=sys.stderr)
        return 2
    except FileExistsError as exc:
        print(f"new-lesson: {exc.filename} already exists. Nothing was written.", file=sys.stderr)
        return 2
    print(next_steps(scaffold, args.config.resolve().parent))
    return 0


def _rule_reference(args: argparse.Namespace) -> int:
    from course.reference import render, replace_section
    from course.rules import RULES

    try:
        text = args.file.read_text(encoding="utf-8")
        updated = replace_section(text, render())
    except (OSError, ValueError) as exc:
        print(f"rule-reference: {args.file}: {exc}", file=sys.stderr)
        return 2
    if updated == text:
        print(f"{args.file.name}: rule reference is up to date ({len(RULES)} rules).")
        return 0
    if not args.write:
        print(
            f"{args.file.name}: rule reference is out of date; run: course rule-reference --write",
            file=sys.stderr,
        )
        return 1
    args.file.write_text(updated, encoding="utf-8")
    print(f"{args.file.name}: rule reference rewritten ({len(RULES)} rules).")
    return 0


def _anatomy(args: argparse.Namespace) -> int:
    from course.anatomy import to_js_module

    wanted = to_js_module()
    try:
        current = args.file.read_text(encoding="utf-8")
    except OSError:
        current = ""
    if current == wanted:
        print(f"{args.file}: up to date.")
        return 0
    if not args.write:
        print(f"{args.file}: out of date; run: course anatomy --write", file=sys.stderr)
        return 1
    args.file.parent.mkdir(parents=True, exist_ok=True)
    args.file.write_text(wanted, encoding="utf-8")
    print(f"{args.file}: rewritten.")
    return 0


def _csp(args: argparse.Namespace) -> int:
    from course.csp import collect_site, header_text

    report, _pages = collect_site(args.site)
    if not report.pages:
        print(f"csp: no built pages in {args.site}; run make build first", file=sys.stderr)
        return 2
    try:
        text = header_text(report.policy, args.format, frame_ancestors=args.frame_ancestors)
    except ValueError as exc:
        print(f"csp: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(text)
    for problem in report.problems:
        print(f"csp: {args.site}/{problem}", file=sys.stderr)
    return 1 if report.problems else 0


def _stats(args: argparse.Namespace) -> int:
    """``course stats``: the figures of :mod:`course.quality` for the course's lessons."""
    import json

    from course.config import load_config
    from course.model import load_course
    from course.parse import parse_page
    from course.quality import question_stats, summary
    from course.rules.content import reading_ease

    target = Path(args.path)
    if target.is_dir():
        target = target / "mkdocs.yml"
    if not target.is_file():
        print(f"stats: {target} does not exist", file=sys.stderr)
        return 2
    config = load_config(target)
    if config.error:
        print(f"stats: {config.error}", file=sys.stderr)
        return 2
    course = load_course(config.docs_dir, config.nav)
    questions = []
    lessons = []
    for lesson_id, lesson in course.lessons.items():
        page = parse_page(
            config.docs_dir, lesson.src_path, is_lesson=True, label=_label(config.docs_dir)
        )
        found = question_stats(page)
        questions.extend(found)
        lessons.append(
            {
                "id": lesson_id,
                "duration": lesson.duration,
                "words": page.words,
                "questions": len(found),
                "reading_ease": round(reading_ease(_prose(page)), 1),
            }
        )
    for found_assessment in course.assessments.values():
        page = parse_page(
            config.docs_dir,
            found_assessment.src_path,
            is_lesson=False,
            label=_label(config.docs_dir),
            assessment=found_assessment.kind,
        )
        questions.extend(question_stats(page))
    figures = summary(questions)
    figures["assessments"] = {a.id: a.questions for a in course.assessments.values()}
    figures["lessons"] = len(lessons)
    figures["minutes"] = sum(int(item["duration"] or 0) for item in lessons)
    ease = [float(item["reading_ease"]) for item in lessons]
    figures["reading_ease_range"] = [min(ease, default=0.0), max(ease, default=0.0)]
    if args.json:
        figures["per_lesson"] = lessons
        if args.questions:
            figures["per_question"] = [vars(q) for q in questions]
        print(json.dumps(figures, indent=2))
        return 0
    for key, value in figures.items():
        print(f"{key}: {value}")
    for item in lessons:
        print(
            f"  {item['id']}: {item['duration']} min, {item['words']} words, "
            f"{item['questions']} questions, reading ease {item['reading_ease']}"
        )
    if args.questions:
        for q in questions:
            flags = " LONGEST-CORRECT" if q.longest_correct else ""
            print(f"  {q.path}:{q.line}: {q.options} options, spread {q.spread:.2f}{flags}")
    return 0


def _prose(page) -> str:  # noqa: ANN001 - course.parse.Page
    """The page's prose as CONTENT001 scores it."""
    from course.parse.markdown import prose_text

    return prose_text(page.tokens, page.quiz_tags.lines)
