"""``make package``: build the variant site once, then one zip per standard and the QTI bank.

MkDocs runs in a subprocess (``python -m mkdocs build --strict``), as mkdocs-quiz's QTI
exporter does (``python -m mkdocs_quiz.cli export qti``): importing either would import
MkDocs into the domain package (tests/unit/test_architecture.py).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from course.package.archive import write_zip
from course.package.launcher import launch_html
from course.package.manifest import (
    LAUNCHER,
    CourseInfo,
    cmi5_xml,
    scorm12_manifest,
    scorm2004_manifest,
)
from course.package.site import localise, site_files
from course.package.variant import VARIANT, config_text, mkdocs_settings

__all__ = ["STANDARDS", "PackageError", "PackageResult", "build_packages", "course_info"]

#: The packages, in the order they are written: standard -> the manifest file at the root.
STANDARDS = {"scorm12": "imsmanifest.xml", "scorm2004": "imsmanifest.xml", "cmi5": "cmi5.xml"}
#: Files of the built site a package leaves out: a web server's "not found" page (its
#: links are absolute without site_url, and an LMS never shows it) and the sitemap (a
#: list of addresses for search engines, empty without site_url).
NOT_PACKAGED = ("404.html", "sitemap.xml", "sitemap.xml.gz")
#: The question bank exported as QTI (mkdocs-quiz's versions).
QTI_VERSIONS = ("1.2", "2.1")
#: The page whose questions are the bank.
QTI_SOURCE = "final-assessment.md"


class PackageError(Exception):
    """The variant build or the QTI export failed; the message has the tool's output."""


@dataclass
class PackageResult:
    """What :func:`build_packages` wrote.

    Attributes:
        zips: standard ("scorm12", "scorm2004", "cmi5", "qti12", "qti21") -> zip path.
        site_dir: The variant site the packages hold.
        files: How many files each SCORM/cmi5 package holds.
        seconds: Wall time of the whole run.
    """

    zips: dict[str, Path] = field(default_factory=dict)
    site_dir: Path | None = None
    files: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def slug(text: str) -> str:
    """``"Selling as Connection"`` -> ``"selling-as-connection"``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "course"


def course_info(config_file: Path, site_dir: Path) -> CourseInfo:
    """The manifests' course facts from ``mkdocs.yml`` and the built ``course.json``."""
    settings = mkdocs_settings(config_file)
    title = str(settings.get("site_name") or "Course")
    description = " ".join(str(settings.get("site_description") or title).split())
    catalogue = json.loads((site_dir / "course.json").read_text(encoding="utf-8"))
    final = (catalogue.get("assessments") or {}).get("final") or {}
    pass_mark = int(final.get("passMark") or 80)
    base = str(settings.get("repo_url") or settings.get("site_url") or "https://example.org/")
    return CourseInfo(
        identifier=slug(title),
        iri=base.rstrip("/") + "/" + slug(title),
        title=title,
        description=description,
        pass_mark=pass_mark,
    )


def build_site(config_file: Path, build_dir: Path, *, strict: bool = True) -> Path:
    """Build the package variant of the site into ``build_dir / "package-site"``
    (``strict``: any warning fails, as ``make build``)."""
    site_dir = (build_dir / "package-site").resolve()
    variant = config_file.resolve().parent / VARIANT
    variant.write_text(config_text(config_file), encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    env.pop("SITE_URL", None)
    try:
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                *(["--strict"] if strict else []),
                "--clean",
                "-f",
                str(variant),
                "-d",
                str(site_dir),
            ],
            cwd=config_file.resolve().parent,
            env=env,
            capture_output=True,
            text=True,
        )
    finally:
        variant.unlink(missing_ok=True)
    if run.returncode != 0:
        output = (run.stdout + run.stderr).splitlines()
        problems = [line for line in output if line.startswith(("WARNING", "ERROR"))]
        raise PackageError("the package build failed:\n" + "\n".join(problems or output[-40:]))
    prune(site_dir)
    localise(site_dir)
    return site_dir


def prune(site_dir: Path) -> list[str]:
    """Leave out of the package what no learner's browser loads from it; returns what went.

    - :data:`NOT_PACKAGED`;
    - source maps (``*.map``: for developers' tools, 1.2 MB here);
    - Material's lunr language files (``assets/javascripts/lunr/``, 0.96 MB) when the search
      language is English only: its search worker imports them for other languages only.
    """
    gone = [name for name in NOT_PACKAGED if (site_dir / name).is_file()]
    gone += [p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.map")]
    index = site_dir / "search" / "search_index.json"
    try:
        languages = json.loads(index.read_text(encoding="utf-8"))["config"]["lang"]
    except (OSError, ValueError, KeyError, TypeError):
        languages = None
    lunr = site_dir / "assets" / "javascripts" / "lunr"
    if languages == ["en"] and lunr.is_dir():
        gone += [p.relative_to(site_dir).as_posix() for p in lunr.rglob("*") if p.is_file()]
    for name in gone:
        (site_dir / name).unlink()
    if languages == ["en"]:
        shutil.rmtree(lunr, ignore_errors=True)
    return gone


def export_qti(docs_dir: Path, dist: Path, name: str, title: str) -> dict[str, Path]:
    """The final assessment's question bank as QTI 1.2 and 2.1 zips (mkdocs-quiz)."""
    out: dict[str, Path] = {}
    for version in QTI_VERSIONS:
        target = dist / f"{name}-qti{version.replace('.', '')}.zip"
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "mkdocs_quiz.cli",
                "export",
                "qti",
                str(docs_dir / QTI_SOURCE),
                "--output",
                str(target),
                "--qti-version",
                version,
                "--title",
                title,
            ],
            capture_output=True,
            text=True,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1", COLUMNS="200"),
        )
        if run.returncode != 0 or not target.is_file():
            raise PackageError(f"QTI {version} export failed:\n{run.stdout}\n{run.stderr}")
        out["qti" + version.replace(".", "")] = target
    return out


def build_packages(
    config_file: Path, *, dist: Path, build_dir: Path, qti: bool = True, strict: bool = True
) -> PackageResult:
    """Everything ``make package`` writes into ``dist``; returns what and where."""
    start = time.monotonic()
    result = PackageResult()
    site_dir = build_site(config_file, build_dir, strict=strict)
    result.site_dir = site_dir
    info = course_info(config_file, site_dir)
    files = [*site_files(site_dir), LAUNCHER]
    files = sorted(set(files))
    dist.mkdir(parents=True, exist_ok=True)
    for standard, manifest_name in STANDARDS.items():
        if standard == "scorm12":
            manifest = scorm12_manifest(info, files)
        elif standard == "scorm2004":
            manifest = scorm2004_manifest(info, files)
        else:
            manifest = cmi5_xml(info)
        extra = {LAUNCHER: launch_html(standard, title=info.title), manifest_name: manifest}
        target = dist / f"{info.identifier}-{standard}.zip"
        result.files[standard] = write_zip(target, site_dir, extra)
        result.zips[standard] = target
    if qti:
        docs_dir = config_file.resolve().parent / str(
            mkdocs_settings(config_file).get("docs_dir") or "docs"
        )
        result.zips.update(export_qti(docs_dir, dist, info.identifier, info.title))
    result.seconds = time.monotonic() - start
    return result


def clean(path: Path) -> None:
    """Remove a previous output folder (``build/package-site``)."""
    shutil.rmtree(path, ignore_errors=True)
