"""hooks/quiz_assets.py: mkdocs-quiz's CSS/JS served once as files, quizzes still work.

A tiny Material site (two pages with quizzes, one with a results block so the
plugin's confetti can fire) is built with the hook into a temporary folder and
served with ``site_url`` set to the address it is served from, so Material's
instant navigation engages exactly as on the real host.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, engage, serve_directory
from mkdocs_quiz import plugin as quiz_plugin
from playwright.sync_api import TimeoutError as PlaywrightTimeout



def test_pages_no_longer_inline_the_quiz_assets(quiz_site) -> None:
    site, _ = quiz_site
    html = (site / "first" / "index.html").read_text(encoding="utf-8")
    assert quiz_plugin.style not in html
    assert quiz_plugin.js_script not in html
    assert quiz_plugin.confetti_lib_script not in html
    assert "JSConfetti" not in html
    assert '<script src="../assets/quiz/quiz.js" defer></script>' in html
    assert '<link rel="stylesheet" href="../assets/quiz/quiz.css">' in html
    # The small per-page objects stay inline.
    assert "window.mkdocsQuizConfig" in html
    assert "window.mkdocsQuizTranslations" in html
    # The hidden progress sidebar is gone (show_progress is off).
    assert "quiz-progress-sidebar" not in html
    # A page without a quiz gets no quiz script and no quiz settings.
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "quiz.js" not in home and "mkdocsQuiz" not in home
    assert "quiz.css" in home  # styles stay on every page (instant navigation)


def test_assets_are_written_once_and_are_valid_javascript(quiz_site) -> None:
    site, _ = quiz_site
    folder = site / "assets" / "quiz"
    assert sorted(p.name for p in folder.iterdir()) == ["confetti.js", "quiz.css", "quiz.js"]
    quiz_js = (folder / "quiz.js").read_text(encoding="utf-8")
    assert "initializePage" in quiz_js and "LazyConfetti" in quiz_js
    assert "JSConfetti" in (folder / "confetti.js").read_text(encoding="utf-8")
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: cannot syntax-check the served quiz.js")
    for name in ("quiz.js", "confetti.js"):
        run = subprocess.run([node, "--check", str(folder / name)], capture_output=True, text=True)
        assert run.returncode == 0, f"{name}: {run.stderr}"


def test_quiz_text_is_not_in_the_search_index(quiz_site) -> None:
    site, _ = quiz_site
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = json.dumps(index)
    assert "Some text about First page" in text  # the page itself is indexed
    for quiz_text in ("Zebra question", "Walrus question", "The right answer", "Why it is"):
        assert quiz_text not in text, f"{quiz_text!r} leaked into the search index"










