"""``make check``: validate every lesson without building the site.

Usage (from the repository root)::

    .venv/bin/python hooks/check.py [--json] [--jobs N] [PATH]

PATH is a ``mkdocs.yml``, a folder holding one, or a bare docs folder (then the
navigation rules are skipped and every folder with an ``index.md`` is a module).
Default: ``mkdocs.yml`` in the current folder. Paths in the report are relative
to the current folder.

Prints every problem sorted by file and line (``docs/<path>:<line>: <RULE-ID>
<message>`` plus an indented hint; GitHub annotations too when
``GITHUB_ACTIONS=true``). ``--json`` prints one JSON object per line instead
(``{"path", "line", "rule_id", "message", "hint", "severity"}``, for editors and
other tools). ``--jobs`` sets the worker processes (default: CPU count; used
from 200 pages on). With a ``mkdocs.yml`` the learning paths of the team-leads
section are checked too (``learning_paths.check_paths_file``, PATH rules) unless
``--lessons-only`` is given.

Exit status: 1 when there is any error, 0 otherwise, 2 for a usage error (PATH
missing). Never prints a traceback for a content problem.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from checks import check_course, load_nav, load_patterns  # noqa: E402
from learning_paths import PATHS_FILE, check_paths_file  # noqa: E402
from problems import Reporter  # noqa: E402

from course import load_course  # noqa: E402


def _label(path: Path) -> str:
    """``path`` relative to the current folder when below it, else absolute; posix slashes."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path.resolve().as_posix()
    return Path(relative).as_posix() if not relative.startswith("..") else path.resolve().as_posix()


def main(argv: list[str] | None = None) -> int:
    """Run the checks; returns the exit status (0 clean, 1 errors, 2 usage)."""
    parser = argparse.ArgumentParser(
        prog="check.py", description="Validate every lesson without building the site."
    )
    parser.add_argument("path", nargs="?", default="mkdocs.yml",
                        help="mkdocs.yml, a folder holding one, or a docs folder")
    parser.add_argument("--json", action="store_true", help="one JSON object per problem")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="worker processes for large courses")
    parser.add_argument("--lessons-only", action="store_true",
                        help="skip the learning-path rules (PATH*)")
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    target = Path(args.path)
    if target.is_dir() and (target / "mkdocs.yml").is_file():
        target = target / "mkdocs.yml"
    if not target.exists():
        print(f"check: {target} does not exist", file=sys.stderr)
        return 2
    reporter = Reporter()
    patterns = {}
    if target.is_file():
        nav, docs_dir, problems, nav_lines = load_nav(target)
        patterns = load_patterns(target)
        reporter.extend(problems)
        config_label = _label(target)
    else:
        nav, docs_dir, nav_lines, config_label = None, target, {}, "mkdocs.yml"
    if not docs_dir.is_dir():
        print(f"check: docs folder {docs_dir} does not exist", file=sys.stderr)
        return 2
    problems, pages = check_course(
        docs_dir, nav, label=_label(docs_dir), config_label=config_label, nav_lines=nav_lines,
        jobs=max(1, args.jobs), **patterns,
    )
    reporter.extend(problems)
    if nav is not None and not args.lessons_only and (target.parent / PATHS_FILE).parent.is_dir():
        # Learning paths (team leads): every lesson id must exist (PATH rules). Only
        # for a course with a team-leads section (test and benchmark courses have none).
        reporter.extend(
            check_paths_file(
                target.parent, load_course(docs_dir, nav), _label(target.parent / PATHS_FILE)
            )
        )
    if args.json:
        for problem in reporter.problems:
            record = {
                "path": problem.path, "line": problem.line, "rule_id": problem.rule_id,
                "message": problem.message, "hint": problem.hint, "severity": problem.severity,
            }
            print(json.dumps(record, ensure_ascii=False))
        return 1 if reporter.has_errors else 0
    errors = reporter.print()
    if not reporter.problems:
        lessons = sum(1 for page in pages.values() if page.is_lesson)
        print(f"check: {len(pages)} pages ({lessons} lessons) follow the lesson rules.")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
