"""``python -m course.package [--dist DIR] [--build DIR] [--config FILE] [--no-qti] [--no-strict]``.

Writes ``dist/<name>-scorm12.zip``, ``-scorm2004.zip``, ``-cmi5.zip`` and the QTI bank
(``-qti12.zip``, ``-qti21.zip``), prints each with its size and the time taken. Exit 1
when a build fails (its output is printed), 0 otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from course.package.build import PackageError, build_packages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course.package", description=__doc__)
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--dist", type=Path, default=Path("dist"))
    parser.add_argument("--build", type=Path, default=Path("build"))
    parser.add_argument("--no-qti", action="store_true", help="skip the QTI export")
    parser.add_argument(
        "--no-strict", action="store_true", help="build despite warnings (a preview)"
    )
    args = parser.parse_args(argv)
    try:
        result = build_packages(
            args.config,
            dist=args.dist,
            build_dir=args.build,
            qti=not args.no_qti,
            strict=not args.no_strict,
        )
    except PackageError as exc:
        print(exc, file=sys.stderr)
        return 1
    for standard, path in result.zips.items():
        files = f", {result.files[standard]} files" if standard in result.files else ""
        print(f"{path}  {path.stat().st_size / 1024:.1f} KB{files}")
    print(f"make package: {result.seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
