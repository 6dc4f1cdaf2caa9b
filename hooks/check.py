"""``make check``: validate every lesson without building the site.

Usage (from the repository root)::

    .venv/bin/python hooks/check.py [PATH]

PATH is a ``mkdocs.yml``, a folder holding one, or a bare docs folder (then the
navigation rules are skipped and every folder with an ``index.md`` is a module).
Default: ``mkdocs.yml`` in the current folder.

Prints every problem sorted by file and line (``docs/<path>:<line>: <RULE-ID>
<message>`` plus an indented hint; GitHub annotations too when
``GITHUB_ACTIONS=true``) and exits 1 when there is any error, 0 otherwise, 2 when
PATH does not exist. Never prints a traceback for a content problem.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from checks import check_course, load_nav, load_patterns  # noqa: E402
from course import load_course  # noqa: E402
from learning_paths import PATHS_FILE, check_paths_file  # noqa: E402
from problems import Reporter  # noqa: E402


def _label(path: Path) -> str:
    """``path`` relative to the current folder when below it, else absolute; posix slashes."""
    try:
        return Path(os.path.relpath(path)).as_posix() if not os.path.relpath(path).startswith(
            ".."
        ) else path.resolve().as_posix()
    except ValueError:  # another drive on Windows
        return path.resolve().as_posix()


def main(argv: list[str] | None = None) -> int:
    """Run the checks; returns the exit status (0 clean, 1 errors, 2 usage)."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1 or (args and args[0] in ("-h", "--help")):
        print(__doc__.strip())
        return 0 if args and args[0] in ("-h", "--help") else 2
    target = Path(args[0]) if args else Path("mkdocs.yml")
    if target.is_dir() and (target / "mkdocs.yml").is_file():
        target = target / "mkdocs.yml"
    if not target.exists():
        print(f"check: {target} does not exist", file=sys.stderr)
        return 2
    reporter = Reporter()
    if target.is_file():
        nav, docs_dir, problems, nav_lines = load_nav(target)
        patterns = load_patterns(target)
        reporter.extend(problems)
        config_label = _label(target)
    else:
        nav, docs_dir, nav_lines, config_label = None, target, {}, "mkdocs.yml"
        patterns = {}
    if not docs_dir.is_dir():
        print(f"check: docs folder {docs_dir} does not exist", file=sys.stderr)
        return 2
    problems, pages = check_course(
        docs_dir, nav, label=_label(docs_dir), config_label=config_label, nav_lines=nav_lines,
        jobs=os.cpu_count() or 1, **patterns,
    )
    reporter.extend(problems)
    if nav is not None:
        # Learning paths (team leads): every lesson id must exist (PATH rules).
        reporter.extend(
            check_paths_file(
                target.parent, load_course(docs_dir, nav), _label(target.parent / PATHS_FILE)
            )
        )
    errors = reporter.print()
    if not reporter.problems:
        lessons = sum(1 for page in pages.values() if page.is_lesson)
        print(f"check: {len(pages)} pages ({lessons} lessons) follow the lesson rules.")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
