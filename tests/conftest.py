"""Shared fixtures: the real course built once per session, a local server, a browser.

- ``built_site``: a strict build of the real repository into a temporary folder.
- ``build_site(tmp_path, ...)``: helper to build any mkdocs.yml strictly (for fixtures).
- ``site_url``: the built site served over HTTP on 127.0.0.1 (random port).
- ``browser``: Playwright's Chromium using Debian's binary. When no Chromium is
  installed the browser tests skip with the reason; with ``REQUIRE_BROWSER=1``
  (set by ``.ci/run``) they fail instead.
"""

from __future__ import annotations

import atexit
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tools.chromium import FLAGS
from tools.serve import serve_directory

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / "hooks"
#: The good lesson (``valid/good-lesson.md``) that every lesson rule case edits.
FIXTURES = ROOT / "tests" / "unit" / "fixtures" / "lessons"
VALID = FIXTURES / "valid"
#: The rule cases as edits of the good lesson, with their expected problems.
LESSON_CASES = ROOT / "tests" / "unit" / "lesson_cases.py"
#: The overview of the one-module course the rule fixtures are checked in: it follows
#: the overview rule (CONTENT004: a lesson list, no huddle material). The test course
#: has no team-lead pages, so it needs no huddle guide (CONTENT003).
MODULE_INDEX = """---
title: Practice
description: The practice module of the test course.
---

# Practice

The lessons of this module are fixtures for the lesson rules.

## Lessons

<!-- lesson-list -->
"""

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# The course's caches (page results, reading-ease scores, compiled templates) go to a
# folder of this test session, removed at its end: the hundreds of fixture courses the
# tests check would otherwise push a contributor's own entries out of ~/.cache, and no
# test depends on what an earlier session left. Builds and checks the tests start in
# other processes inherit it. A COURSE_CACHE_DIR set by the caller is kept.
if "COURSE_CACHE_DIR" not in os.environ:
    os.environ["COURSE_CACHE_DIR"] = tempfile.mkdtemp(prefix="course-cache-")
    atexit.register(shutil.rmtree, os.environ["COURSE_CACHE_DIR"], ignore_errors=True)

CHROMIUM_FLAGS = FLAGS  # tools/chromium.py, shared with the benchmark


def write_case_course(
    root: Path,
    lesson: str,
    *,
    extra: dict[str, str] | None = None,
    nav: str = "",
    settings: str = "",
) -> Path:
    """The one-module test course with ``lesson`` as ``docs/practice/case.md``.

    ``extra``: more files (src path below docs/ -> text); ``nav``: more nav lines (indented
    under the Practice section); ``settings``: more ``mkdocs.yml`` lines (plugins, hooks).
    Returns the ``mkdocs.yml`` path.
    """
    practice = root / "docs" / "practice"
    practice.mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Test course\n\nA course for the tests.\n")
    (practice / "index.md").write_text(MODULE_INDEX)
    (practice / "counter.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>\n')
    (practice / "case.md").write_text(lesson, encoding="utf-8")
    for src, content in (extra or {}).items():
        (root / "docs" / src).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / src).write_text(content, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: Test course\n"
        + settings
        + "nav:\n  - Home: index.md\n  - Practice:\n      - practice/index.md\n"
        "      - practice/case.md\n" + nav
    )
    return config


def load_hook(name: str):
    """Load ``hooks/<name>.py`` as MkDocs does: by path, as a module of its own."""
    import importlib.util

    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, HOOKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def lesson_cases():
    """``tests/unit/lesson_cases.py`` as a module (loaded by path once, then shared)."""
    import importlib.util

    if "lesson_cases" in sys.modules:
        return sys.modules["lesson_cases"]
    spec = importlib.util.spec_from_file_location("lesson_cases", LESSON_CASES)
    module = importlib.util.module_from_spec(spec)
    sys.modules["lesson_cases"] = module
    spec.loader.exec_module(module)
    return module


def fixture_bytes(case: str) -> bytes:
    """The file of a lesson rule case or valid variant (``"safe-script"``, ``"sibling"``):
    the good lesson with the case's edits applied, as bytes.

    Raises:
        KeyError: No case has that name.
    """
    return lesson_cases().lesson_bytes(case)


class BuildResult:
    """A finished build: ``site_dir`` (Path), ``ok`` (bool), ``warnings`` (list of str)."""

    def __init__(self, site_dir: Path, ok: bool, warnings: list[str], error: str = ""):
        self.site_dir = site_dir
        self.ok = ok
        self.warnings = warnings
        self.error = error
        self.url = ""  # set by the built_site fixture: where the site is served

    def html(self, url_path: str) -> str:
        """Return the HTML of a page by its URL path (``"connection/x/"``)."""
        path = self.site_dir / url_path
        if url_path.endswith("/") or url_path == "":
            path = path / "index.html"
        return path.read_text(encoding="utf-8")


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_build(config_file: Path, site_dir: Path, strict: bool = True) -> BuildResult:
    """Build ``config_file`` into ``site_dir`` with MkDocs' API; never raises.

    Returns a :class:`BuildResult` with every WARNING/ERROR message logged during
    the build (MkDocs' own and the hooks').
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    collector = _Collector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
        build(config)
        ok = True
        error = ""
    except (Abort, MkDocsException, SystemExit) as exc:
        ok = False
        error = str(exc)
    finally:
        logger.removeHandler(collector)
    return BuildResult(site_dir, ok, collector.messages, error)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory):
    """The real course, built strictly once per test session, and served.

    The server starts first so the build can use its address as ``site_url``:
    Material's instant navigation only intercepts links listed in ``sitemap.xml``,
    matched by host *and port*, so a build for port 8000 served on a random port
    would turn every click into a full reload. ``built_site.url`` is that address.
    """
    site_dir = tmp_path_factory.mktemp("site")
    server, url = serve_directory(site_dir)
    previous = os.environ.get("SITE_URL")
    os.environ["SITE_URL"] = url
    try:
        result = run_build(ROOT / "mkdocs.yml", site_dir)
    finally:
        if previous is None:
            os.environ.pop("SITE_URL", None)
        else:
            os.environ["SITE_URL"] = previous
    result.url = url
    try:
        assert result.ok, f"strict build failed: {result.error}\n" + "\n".join(result.warnings)
        yield result
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site: BuildResult) -> str:
    """Base URL (ending in ``/``) of the built course served on 127.0.0.1."""
    return built_site.url


def chromium_path() -> str | None:
    """Path of the Chromium binary to drive, or None when none is installed."""
    candidate = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
    if Path(candidate).exists():
        return candidate
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium driven by Playwright (session-wide)."""
    executable = chromium_path()
    if executable is None:
        reason = "no Chromium installed (apt-get install chromium); .ci/run installs it"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_FLAGS
        )
        yield instance
        instance.close()


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
#: Material's bundle as base.html writes it (hooks/lazy_bundle.py replaces the tag).
BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js")


def first_lesson(built_site: BuildResult) -> dict:
    """The course's first lesson from the built ``course.json``, with its ``id`` added."""
    import json

    course = json.loads((built_site.site_dir / "course.json").read_text(encoding="utf-8"))
    lesson_id, lesson = next(iter(course["lessons"].items()))
    return {"id": lesson_id, **lesson}


def make_lesson(lesson_id: str, title: str, duration: int = 5):
    """A :class:`course.model.Lesson` for model-level tests (no file behind it)."""
    from course.model import Lesson

    module, _ = lesson_id.split("/")
    return Lesson(
        id=lesson_id,
        module=module,
        src_path=f"{lesson_id}.md",
        title=title,
        description="",
        duration=duration,
        former_ids=(),
        quiz_count=2,
        url=f"{lesson_id}/",
    )


@pytest.fixture(params=["phone", "desktop"])
def viewport(request: pytest.FixtureRequest) -> dict:
    """Browser-context options for a phone (390x844) and a desktop viewport."""
    return PHONE if request.param == "phone" else DESKTOP


@pytest.fixture
def page_factory(browser, site_url):
    """Make pages in fresh browser contexts; records requests to other origins.

    Usage: ``page = page_factory(**viewport)``; ``page.foreign_requests`` lists URLs
    of every request that left 127.0.0.1. Contexts are closed after the test.
    """
    contexts = []

    def make(**options):
        context = browser.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        page.foreign_requests = []  # type: ignore[attr-defined]
        page.console_errors = []  # type: ignore[attr-defined]
        page.page_errors = []  # type: ignore[attr-defined]

        def on_request(request):
            if not request.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")):
                page.foreign_requests.append(request.url)  # type: ignore[attr-defined]

        page.on("request", on_request)
        page.on(
            "console",
            lambda msg: msg.type == "error" and page.console_errors.append(msg.text),  # type: ignore[attr-defined]
        )
        page.on("pageerror", lambda exc: page.page_errors.append(str(exc)))  # type: ignore[attr-defined]
        return page

    yield make
    for context in contexts:
        context.close()


def engage(page) -> None:
    """Act as a learner who starts using the page, and wait for Material's bundle.

    The bundle loads on the first interaction (hooks/lazy_bundle.py): a Shift key
    press is one that changes nothing on the page (no hover, no focus). Then wait
    until the bundle has started (``document$`` exists; on a site without the
    loader it exists from the start) and the network is idle: Material
    intercepts link clicks only once it has fetched the sitemap. Raises
    Playwright's TimeoutError when the bundle never starts.
    """
    page.keyboard.press("Shift")
    page.wait_for_function("() => !!window.document$")
    page.wait_for_load_state("networkidle")


# ---------------------------------------------------------------------------
# Small sites built in temporary folders
# ---------------------------------------------------------------------------

QUIZ = """<quiz>
{question}
- [ ] A wrong answer
> Why it is wrong.
- [x] The right answer
> Why it is right.
</quiz>
"""

PAGE = """---
title: {title}
---

Some text about {title}.

## Check your understanding

{quizzes}
"""


def write_quiz_site(folder: Path) -> Path:
    docs = folder / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n\n[First](first.md) and [second](second.md).\n")
    (docs / "first.md").write_text(
        PAGE.format(
            title="First page",
            quizzes=QUIZ.format(question="Zebra question one?")
            + "\n"
            + QUIZ.format(question="Zebra question two?")
            + "\n<!-- mkdocs-quiz results -->\n",
        )
    )
    (docs / "second.md").write_text(
        PAGE.format(title="Second page", quizzes=QUIZ.format(question="Walrus question?"))
    )
    config = folder / "mkdocs.yml"
    config.write_text(
        "site_name: Quiz assets\n"
        "theme:\n  name: material\n  font: false\n  features: [navigation.instant]\n"
        "plugins:\n  - search\n  - mkdocs_quiz:\n      show_progress: false\n"
        "nav: [index.md, first.md, second.md]\n"
        f"hooks:\n  - {ROOT / 'hooks' / 'quiz_assets.py'}\n"
        f"  - {ROOT / 'hooks' / 'lazy_bundle.py'}\n  - {ROOT / 'hooks' / 'minify.py'}\n"
        # The quizzes are tested under the same Content-Security-Policy as the course.
        f"  - {ROOT / 'hooks' / 'csp.py'}\n"
    )
    return config


@pytest.fixture(scope="module")
def quiz_site(tmp_path_factory: pytest.TempPathFactory):
    """(site folder, base URL): the tiny site, built strictly and served."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    folder = tmp_path_factory.mktemp("quiz-assets")
    config = write_quiz_site(folder)
    site = folder / "site"
    site.mkdir()
    server, url = serve_directory(site)
    build(load_config(str(config), site_dir=str(site), site_url=url, strict=True))
    yield site, url
    server.shutdown()


@pytest.fixture
def course_copy(tmp_path: Path) -> Path:
    """A copy of the repository's docs/ and mkdocs.yml (plus hooks/ and overrides/ for
    builds) in a temporary folder without ``.git``; returns the copied mkdocs.yml."""
    root = tmp_path / "repo"
    root.mkdir()
    for name in ("docs", "hooks", "overrides"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root / "mkdocs.yml"


# ---------------------------------------------------------------------------
# The real course, read without building it
# ---------------------------------------------------------------------------

DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def course():
    from course import load_course

    """The real course, read from mkdocs.yml's nav the way the build hook reads it."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    return load_course(DOCS, config.nav)


def mkdocs_yml() -> dict:
    import yaml

    """mkdocs.yml as plain data (``!ENV`` and ``!!python/name`` tags read as None),
    without loading plugins, so ids are known when tests are collected."""

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_constructor("!ENV", lambda loader, node: None)
    _Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)


def lesson_ids() -> list[str]:
    from course import load_course

    """Lesson ids in course order, for parametrising."""
    return list(load_course(DOCS, mkdocs_yml()["nav"]).lessons)


LESSON_IDS = lesson_ids()


def lesson_text(lesson_id: str) -> str:
    from course import read_text

    path = DOCS / f"{lesson_id}.md"
    if not path.exists():
        pytest.fail(f"{path.relative_to(ROOT)} is listed in mkdocs.yml nav but does not exist")
    return read_text(path)


# ---------------------------------------------------------------------------
# The lesson scaffold and the example lesson of CONTRIBUTING.md
# ---------------------------------------------------------------------------

EXAMPLE_TITLE = "Ask before you answer"
EXAMPLE_SLUG = "ask-before-you-answer"
CONTRIBUTING = ROOT / "CONTRIBUTING.md"


def scaffold(config: Path, module: str, title: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "course",
            "new-lesson",
            "--module",
            module,
            "--title",
            title,
            "--config",
            str(config),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )


def example_lesson() -> str:
    """The complete example lesson shown under "The lesson anatomy" in CONTRIBUTING.md."""
    text = CONTRIBUTING.read_text(encoding="utf-8")
    section = text.split("## The lesson anatomy", 1)[1]
    match = re.search(r"^```markdown\n(---\n.*?)^```$", section, re.MULTILINE | re.DOTALL)
    assert match, "CONTRIBUTING.md: no ```markdown example lesson under 'The lesson anatomy'"
    return match.group(1)


# The LMS package fixtures (lms_packages, scorm_lms, ralph_lrs, cmi5_lms): tests/lms_support.py.
from lms_support import cmi5_lms, lms_packages, ralph_lrs, scorm_lms  # noqa: E402, F401
