"""A finished scaffolded lesson builds strictly, also without git history."""

from __future__ import annotations
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
import pytest
import yaml
from conftest import EXAMPLE_SLUG, EXAMPLE_TITLE, example_lesson, run_build, scaffold


def test_finished_lesson_builds_strictly_without_git(course_copy: Path, tmp_path: Path) -> None:
    """The guide's example, scaffolded into a copy with no .git, builds under --strict:
    the "last updated" date falls back to the build date, every page has "Edit this page",
    and nothing points the browser at another origin (no timeago script, no GitHub API)."""
    assert not (course_copy.parent / ".git").exists()
    assert scaffold(course_copy, "service", EXAMPLE_TITLE).returncode == 0
    (course_copy.parent / "docs" / "service" / f"{EXAMPLE_SLUG}.md").write_text(
        example_lesson(), encoding="utf-8"
    )
    result = run_build(course_copy, tmp_path / "site")
    assert result.ok, result.error + "\n" + "\n".join(result.warnings)
    page = result.html(f"service/{EXAMPLE_SLUG}/")
    assert "Nia Farouk" in page
    assert re.search(r'href="[^"]+/edit/main/docs/service/' + EXAMPLE_SLUG + r'\.md"', page)
    assert "git-revision-date-localized-plugin-date" in page
    assert "timeago" not in page
    assert 'data-md-component="source"' not in page
    # the new lesson is in the module's navigation and lesson list
    assert f'href="{EXAMPLE_SLUG}/"' in result.html("service/") or f"{EXAMPLE_SLUG}/" in result.html("service/")
