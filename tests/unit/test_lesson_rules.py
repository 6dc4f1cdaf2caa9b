"""The lesson rules, case by case: the good lesson with one mistake per case.

Each case of ``tests/unit/lesson_cases.py`` is ``fixtures/lessons/valid/good-lesson.md``
changed by a few text edits. It is checked inside a tiny course
(``docs/practice/index.md``, ``docs/practice/sibling.md`` and the case, all in
the nav unless the case is about the nav) and must produce exactly the listed
``(rule id, line)`` problems: the right rule, at the right line, and nothing else.
Rules that one lesson file cannot show have a dedicated test, listed in
:data:`DEDICATED`; a test fails while a rule of the table has neither.
"""

from __future__ import annotations

import ast
import io
import shutil
from pathlib import Path

import pytest
from conftest import MODULE_INDEX, fixture_bytes, lesson_cases

from course.anatomy import reading_minutes
from course.cli import main as course_main
from course.config import load_config
from course.parse import parse_page
from course.report import Reporter
from course.rules import RULES, check_course, check_page
from course.rules import problem as make_problem

CASES = lesson_cases().CASES
VALID_CASES = lesson_cases().VALID_CASES
NOT_IN_NAV = lesson_cases().NOT_IN_NAV

#: Rules no case of CASES shows, each with the test that does: rule id ->
#: ``"<test file in tests/unit>::<test function>"``. The test must name the rule id.
DEDICATED = {
    "ASSESS001": "test_assessment.py::test_assess001_front_matter",
    "ASSESS002": "test_assessment.py::test_assess002_sizes",
    "ASSESS003": "test_assessment.py::test_assess003_final_sections",
    "ASSESS004": "test_assessment.py::test_assess004_placement",
    "ASSESS005": "test_assessment.py::test_assess005_a_question_copied_from_a_lesson",
    "QUIZ021": "test_lesson_rules.py::test_quiz021_the_correct_option_is_rarely_the_longest",
    "FILE002": "test_lesson_rules.py::test_unreadable_file_is_a_problem_not_a_traceback",
    "FILE004": "test_lesson_rules.py::test_a_lesson_file_name_outside_the_id_grammar_is_refused",
    "NAV002": "test_lesson_rules.py::test_nav_entry_for_a_missing_file_is_reported_at_its_line",
    "NAV005": "test_lesson_rules.py::test_mkdocs_yml_yaml_error_is_a_problem_not_a_traceback",
    "PATH001": "test_paths.py::test_unknown_lesson_is_file_line_rule_with_suggestion",
    "PATH002": "test_paths.py::test_former_id_names_the_current_id",
    "PATH003": "test_paths.py::test_duplicate_lesson_and_duplicate_path",
    "PATH004": "test_paths.py::test_duplicate_lesson_and_duplicate_path",
    "PATH005": "test_paths.py::test_empty_lessons_list",
    "PATH006": "test_paths.py::test_field_problems",
    "PATH007": "test_paths.py::test_yaml_syntax_error_names_the_line",
    "CONTENT003": "test_content.py::test_huddle_guide_reports_each_missing_part",
    "CONTENT004": "test_content.py::test_content004_module_overview_reports_each_problem",
    "FILE005": "test_gate.py::test_oversized_files_and_lines_are_refused",
    "FILE007": "test_gate.py::test_every_file_mkdocs_publishes_is_checked",
    "FM018": "test_gate.py::test_yaml_anchors_and_aliases_are_refused_without_building_them",
    "FM020": "test_gate.py::test_a_page_key_the_theme_would_act_on_is_refused",
    "NAV006": "test_gate.py::test_every_file_mkdocs_publishes_is_checked",
    "NAV007": "test_gate.py::test_every_file_mkdocs_publishes_is_checked",
    "NAV008": "test_gate.py::test_every_file_mkdocs_publishes_is_checked",
    "QUIZ017": "test_gate.py::test_the_build_compares_rendered_options_with_the_check",
    "QUIZ018": "test_gate.py::test_too_many_quiz_tags_are_one_problem_and_fast",
    "SAFE005": "../site/test_gate_build.py::test_the_sanitizer_is_a_second_defence_behind_the_rules",  # noqa: E501
    "SAFE006": "test_gate.py::test_a_page_loads_only_the_courses_own_page_scripts",
}


def make_course(root: Path, lessons: dict[str, Path | bytes], in_nav: list[str]) -> Path:
    """Write ``mkdocs.yml`` + ``docs/practice/`` under ``root``; returns the config file.

    Args:
        lessons: file name in ``docs/practice/`` -> fixture path or raw bytes.
        in_nav: file names listed in the nav (in this order, after the overview).
    """
    practice = root / "docs" / "practice"
    practice.mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Test course\n\nA course for the tests.\n")
    (practice / "index.md").write_text(MODULE_INDEX)
    (practice / "counter.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n'
    )
    for name, source in lessons.items():
        data = source if isinstance(source, bytes) else source.read_bytes()
        (practice / name).write_bytes(data)
    nav = "\n".join(f"      - practice/{name}" for name in in_nav)
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: Test course\n"
        "nav:\n"
        "  - Home: index.md\n"
        "  - Practice:\n"
        "      - practice/index.md\n"
        f"{nav}\n"
    )
    return config


def problems_for(config: Path) -> list:
    facts = load_config(config)
    found, _ = check_course(facts.docs_dir, facts)
    reporter = Reporter()
    reporter.extend(found)
    return reporter.problems


def test_the_corpus_covers_every_rule_and_is_big_enough() -> None:
    assert len(CASES) >= 35
    assert all(case.expect for case in CASES.values()), "every case expects a problem"
    assert all(not case.expect for case in VALID_CASES.values())
    assert not set(CASES) & set(VALID_CASES)
    covered = {rule_id for case in CASES.values() for rule_id, _ in case.expect}
    lesson_rules = {rule_id for rule_id in RULES if not rule_id.startswith("PATH")}
    assert lesson_rules - covered == set(DEDICATED) - {r for r in DEDICATED if r.startswith("PATH")}


def test_every_rule_has_a_case_or_a_dedicated_test() -> None:
    covered = {rule_id for case in CASES.values() for rule_id, _ in case.expect}
    untested = [rule_id for rule_id in RULES if rule_id not in covered | set(DEDICATED)]
    assert untested == [], (
        "add a case to tests/unit/lesson_cases.py, or a test and an entry in DEDICATED"
    )
    assert not set(DEDICATED) - set(RULES), "DEDICATED names rules that are not in the table"
    assert not set(DEDICATED) & covered, "a rule with a case needs no DEDICATED entry"
    here = Path(__file__).parent
    for rule_id, test in DEDICATED.items():
        file_name, name = test.split("::")
        lines = (here / file_name).read_text(encoding="utf-8").split("\n")
        functions = {  # name -> its source, decorators (parameters) included
            node.name: "\n".join(
                lines[
                    min([d.lineno for d in node.decorator_list] + [node.lineno])
                    - 1 : node.end_lineno
                ]
            )
            for node in ast.parse("\n".join(lines)).body
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
        }
        assert name in functions, f"{rule_id}: {test} does not exist"
        assert rule_id in functions[name], f"{rule_id}: {test} does not name the rule"


def test_every_case_applies_to_the_good_lesson() -> None:
    from lesson_cases import GOOD, apply

    for name, case in {**CASES, **VALID_CASES}.items():
        assert case.edits or name == "good-lesson", name
        assert apply(case.edits) != GOOD or name == "good-lesson", name
    with pytest.raises(ValueError, match="occurs 0 times"):
        apply([("no such text", "x")])
    with pytest.raises(ValueError, match="overlap"):
        apply([("title: Ask", "x"), ("Ask before you advise\n", "y")])


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_lesson_is_refused_with_rule_and_line(case: str, tmp_path: Path) -> None:
    name = f"{case}.md"
    nav = ["sibling.md"] + ([] if case in NOT_IN_NAV else [name])
    config = make_course(
        tmp_path, {"sibling.md": fixture_bytes("sibling"), name: fixture_bytes(case)}, nav
    )
    found = problems_for(config)
    got = sorted((p.rule_id, p.line) for p in found if p.path == f"docs/practice/{name}")
    assert got == sorted(CASES[case].expect), "\n".join(p.text() for p in found)
    others = [p.text() for p in found if p.path != f"docs/practice/{name}"]
    assert others == [], "the rest of the test course is valid"


@pytest.mark.parametrize("case", sorted(set(VALID_CASES) - {"sibling"}))
def test_tolerated_inputs_are_accepted(case: str, tmp_path: Path) -> None:
    name = f"{case}.md"
    config = make_course(
        tmp_path,
        {"sibling.md": fixture_bytes("sibling"), name: fixture_bytes(case)},
        ["sibling.md", name],
    )
    assert [p.text() for p in problems_for(config)] == []


def test_bom_and_crlf_are_read_identically_to_plain_utf8(tmp_path: Path) -> None:
    for case in ("good-lesson", "bom", "crlf", "bom-crlf"):
        (tmp_path / f"{case}.md").write_bytes(fixture_bytes(case))
    assert (tmp_path / "bom-crlf.md").read_bytes().startswith(b"\xef\xbb\xbf---\r\n")
    plain = parse_page(tmp_path, "good-lesson.md", is_lesson=True)
    for name in ("bom.md", "crlf.md", "bom-crlf.md"):
        page = parse_page(tmp_path, name, is_lesson=True)
        assert page.words == plain.words
        assert [(h.level, h.text, h.line) for h in page.headings] == [
            (h.level, h.text, h.line) for h in plain.headings
        ]
        assert [(q.line, q.end_line, q.kind) for q in page.quizzes] == [
            (q.line, q.end_line, q.kind) for q in plain.quizzes
        ]
        assert page.front.values["title"].startswith("Ask before you advise (")


def test_crlf_and_bom_keep_line_numbers_of_problems(tmp_path: Path) -> None:
    text = fixture_bytes("issue1-unquoted-colon")
    data = b"\xef\xbb\xbf" + text.replace(b"\n", b"\r\n")
    config = make_course(tmp_path, {"case.md": data}, ["case.md"])
    assert [(p.rule_id, p.line) for p in problems_for(config)] == [("FM003", 2)]


def test_unquoted_colon_hint_shows_the_quoted_value(tmp_path: Path) -> None:
    config = make_course(tmp_path, {"case.md": fixture_bytes("issue1-unquoted-colon")}, ["case.md"])
    (problem,) = problems_for(config)
    assert 'title: "Selling: the basics"' in problem.hint


def test_yaml_surprises_name_the_value(tmp_path: Path) -> None:
    config = make_course(
        tmp_path,
        {
            "a.md": fixture_bytes("issue2-audience-no"),
            "b.md": fixture_bytes("fm-title-number"),
        },
        ["a.md", "b.md"],
    )
    messages = {p.path: p.message for p in problems_for(config)}
    assert messages["docs/practice/a.md"] == (
        "audience value must be a string, but YAML reads no as a boolean"
    )
    assert "reads 1.10 as a number" in messages["docs/practice/b.md"]


def test_unknown_key_suggests_the_known_one(tmp_path: Path) -> None:
    config = make_course(tmp_path, {"a.md": fixture_bytes("fm-unknown-key-typo")}, ["a.md"])
    (problem,) = problems_for(config)
    assert "did you mean 'audience'?" in problem.message


def test_inline_code_blank_explains_how_to_write_it(tmp_path: Path) -> None:
    config = make_course(tmp_path, {"a.md": fixture_bytes("issue4-inline-code-blank")}, ["a.md"])
    (problem,) = problems_for(config)
    assert "fill-in-the-blank" in problem.message
    assert 'df[ ["price"] ]' in problem.hint


def test_nav_entry_for_a_missing_file_is_reported_at_its_line(tmp_path: Path) -> None:
    config = make_course(
        tmp_path, {"sibling.md": fixture_bytes("sibling")}, ["sibling.md", "gone.md"]
    )
    found = problems_for(config)
    assert [(p.path, p.rule_id, p.line) for p in found] == [("mkdocs.yml", "NAV002", 7)]


def test_mkdocs_yml_yaml_error_is_a_problem_not_a_traceback(tmp_path: Path, capsys) -> None:
    config = make_course(tmp_path, {"sibling.md": fixture_bytes("sibling")}, ["sibling.md"])
    lines = config.read_text().split("\n")
    assert lines[2] == "  - Home: index.md"
    lines[2] = "  - Home: index.md: start here"  # a second ': ' on one line
    config.write_text("\n".join(lines))
    found = problems_for(config)
    assert [(p.path, p.rule_id, p.line) for p in found] == [("mkdocs.yml", "NAV005", 3)]
    assert found[0].message.startswith(
        "mkdocs.yml is not valid YAML: mapping values are not allowed"
    )
    assert course_main(["check", str(config)]) == 1
    captured = capsys.readouterr()
    assert "NAV005" in captured.out and "Traceback" not in captured.out + captured.err


def test_unreadable_file_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    folder = tmp_path / "docs" / "practice"
    folder.mkdir(parents=True)
    (folder / "broken.md").symlink_to(tmp_path / "nowhere.md")
    (folder / "broken.md").exists()  # a dangling link: rglob lists it, reading fails
    page = parse_page(tmp_path / "docs", "practice/broken.md", is_lesson=True)
    assert [(p.rule_id, p.line) for p in check_page(page)] == [("FILE002", 1)]


def test_reporter_sorts_by_file_then_line_and_prints_hints_and_annotations() -> None:
    reporter = Reporter()
    reporter.add(make_problem("QUIZ003", "docs/b.md", 40))
    reporter.add(make_problem("HEAD003", "docs/b.md", 7))
    reporter.add(make_problem("FM001", "docs/a.md", 1))
    out = io.StringIO()
    errors = reporter.print(out, github=True)
    lines = out.getvalue().splitlines()
    assert errors == 3
    assert lines[0] == "docs/a.md:1: FM001 " + RULES["FM001"].message
    assert lines[1] == "    " + RULES["FM001"].hint
    assert lines[2] == "::error file=docs/a.md,line=1,title=FM001::" + RULES["FM001"].message
    assert [line.split(":")[1] for line in lines if line.startswith("docs/")] == ["1", "7", "40"]
    assert lines[-1] == "3 problem(s) in 2 file(s)."


def test_reading_time_uses_200_words_per_minute() -> None:
    assert reading_minutes(0) == 0
    assert reading_minutes(200) == 1
    assert reading_minutes(201) == 2
    assert reading_minutes(900) == 5


def test_every_rule_message_and_hint_can_be_filled() -> None:
    import string

    for rule in RULES.values():
        fields = {
            name
            for template in (rule.message, rule.hint)
            for _, name, _, _ in string.Formatter().parse(template)
            if name
        }
        message, hint = rule.format(**{name: "x" for name in fields})
        assert message and hint and "\n" not in message + hint, rule.id


def test_non_lesson_pages_get_only_the_generic_checks(tmp_path: Path) -> None:
    config = make_course(tmp_path, {}, [])
    index = tmp_path / "docs" / "practice" / "index.md"
    index.write_text(MODULE_INDEX + "\n<script>alert(1)</script>\n\n## Notes\n\n#### Skipped\n")
    end = MODULE_INDEX.count("\n")
    found = problems_for(config)
    assert [(p.rule_id, p.line) for p in found] == [("SAFE001", end + 2), ("HEAD002", end + 6)]


def test_check_cli_exits_1_and_lists_problems(tmp_path: Path, capsys) -> None:
    config = make_course(
        tmp_path,
        {"a.md": fixture_bytes("issue1-unquoted-colon"), "b.md": fixture_bytes("safe-script")},
        ["a.md", "b.md"],
    )
    assert course_main(["check", str(config)]) == 1
    out = capsys.readouterr().out
    assert "a.md:2: FM003 " in out and "b.md:23: SAFE001 " in out
    shutil.rmtree(tmp_path / "docs" / "practice")
    (tmp_path / "docs" / "practice").mkdir()
    (tmp_path / "docs" / "practice" / "index.md").write_text(MODULE_INDEX)
    config.write_text("site_name: T\nnav:\n  - index.md\n  - practice/index.md\n")
    assert course_main(["check", str(config)]) == 0


def test_worker_processes_give_the_same_problems(tmp_path: Path, monkeypatch) -> None:
    import course.rules

    names = sorted(CASES)
    config = make_course(
        tmp_path,
        {f"{name}.md": fixture_bytes(name) for name in names},
        [f"{name}.md" for name in names if name not in NOT_IN_NAV],
    )
    facts = load_config(config)
    serial, _ = check_course(facts.docs_dir, facts, jobs=1)
    monkeypatch.setattr(course.rules, "PARALLEL_FROM", 2)
    parallel, pages = check_course(facts.docs_dir, facts, jobs=2)
    assert sorted(parallel) == sorted(serial)
    assert len(pages) == len(names) + 2


def test_exclude_docs_and_not_in_nav_are_respected_but_never_for_lessons(tmp_path: Path) -> None:
    config = make_course(
        tmp_path,
        {"sibling.md": fixture_bytes("sibling"), "hidden.md": fixture_bytes("issue5-not-in-nav")},
        ["sibling.md"],
    )
    config.write_text(
        config.read_text()
        + "exclude_docs: |\n  drafts/\nnot_in_nav: |\n  /extra.md\n  /practice/hidden.md\n"
    )
    (tmp_path / "docs" / "drafts").mkdir()
    (tmp_path / "docs" / "drafts" / "draft.md").write_text("<script>alert(1)</script>\n")
    (tmp_path / "docs" / "extra.md").write_text("# Extra\n\nA page opened by a link.\n")
    (tmp_path / "docs" / ".hidden.md").write_text("<script>alert(1)</script>\n")
    out = io.StringIO()
    import contextlib

    with contextlib.redirect_stdout(out):
        assert course_main(["check", str(config)]) == 1
    problems = [
        line
        for line in out.getvalue().splitlines()
        if ": " in line and "/" in line and not line.startswith(" ")
    ]
    assert problems == [
        f"{_rel(tmp_path)}/docs/practice/hidden.md:1: NAV001 page is not in the navigation"
    ]


def _rel(path: Path) -> str:
    import os

    relative = os.path.relpath(path)
    return Path(relative).as_posix() if not relative.startswith("..") else path.resolve().as_posix()


def test_mangled_lessons_never_raise(tmp_path: Path) -> None:
    """No input makes the checker raise: 200 seeded random edits of the corpus."""
    import random

    pieces = [
        "<quiz>",
        "</quiz>",
        "---",
        "[[x]]",
        ": ",
        "#",
        "\t",
        "- [x] ",
        "- [?] ",
        "> ",
        "```",
        "!!! note",
        "    ",
        "[a](#b)",
        "![](",
        "<a href='javascript:x'>",
        "{#id}",
        "...",
        "\ufeff",
        "`",
        "title: ",
        "  - ",
        "*a",
        "&b",
        "!!python/object:x",
    ]
    files = [fixture_bytes(name) for name in sorted(CASES, key=lambda name: f"{name}.md")]
    files += [fixture_bytes(name) for name in sorted(VALID_CASES, key=lambda name: f"{name}.md")]
    files.append(MODULE_INDEX.encode())  # a module overview: the overview rule
    rng = random.Random(20261129)
    (tmp_path / "m").mkdir()
    for _ in range(200):
        lines = rng.choice(files).decode("utf-8", "replace").split("\n")
        for _ in range(rng.randint(1, 6)):
            at = rng.randrange(len(lines) + 1)
            roll = rng.random()
            if roll < 0.3 and lines:
                del lines[min(at, len(lines) - 1)]
            elif roll < 0.6:
                lines.insert(at, rng.choice(pieces) + rng.choice(["", "x", " y: z"]))
            elif lines:
                row = min(at, len(lines) - 1)
                col = rng.randrange(len(lines[row]) + 1)
                lines[row] = lines[row][:col] + rng.choice(pieces) + lines[row][col:]
        (tmp_path / "m" / "x.md").write_text("\n".join(lines), encoding="utf-8")
        is_lesson = rng.random() < 0.8
        page = parse_page(tmp_path, "m/x.md", is_lesson=is_lesson, is_overview=not is_lesson)
        for problem in check_page(page):
            assert problem.line >= 1 and problem.rule_id in RULES


def test_github_actions_adds_annotations(tmp_path: Path, monkeypatch, capsys) -> None:
    config = make_course(tmp_path, {"a.md": fixture_bytes("safe-onclick")}, ["a.md"])
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.chdir(tmp_path)
    assert course_main(["check", str(config)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[:3] == [
        "docs/practice/a.md:21: SAFE002 event-handler attribute 'onclick=' is not allowed",
        "    " + RULES["SAFE002"].hint,
        "::error file=docs/practice/a.md,line=21,title=SAFE002::"
        "event-handler attribute 'onclick=' is not allowed",
    ]


def test_make_check_passes_on_the_real_course() -> None:
    """The course in this repository follows every rule (what ``make check`` runs)."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    run = subprocess.run(
        [sys.executable, "-m", "course", "check"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Traceback" not in run.stderr


def test_two_problems_of_one_rule_on_one_line_are_both_reported(tmp_path: Path) -> None:
    lines = fixture_bytes("good-lesson").decode().split("\n")
    lines[32] = "words. Read [here](sibling.md) and [more](sibling.md)."
    config = make_course(
        tmp_path,
        {"sibling.md": fixture_bytes("sibling"), "a.md": "\n".join(lines).encode()},
        ["sibling.md", "a.md"],
    )
    found = [(p.rule_id, p.line, p.message) for p in problems_for(config)]
    assert found == [
        ("LINK001", 33, "link text 'here' does not say where the link goes"),
        ("LINK001", 33, "link text 'more' does not say where the link goes"),
    ]


def test_reordering_lessons_keeps_their_identity() -> None:
    """Lesson id, URL and catalogue entry depend on the file, not the nav position."""
    from course import load_course

    root = Path(__file__).resolve().parents[2]
    facts = load_config(root / "mkdocs.yml")
    nav, docs_dir = facts.nav, facts.docs_dir

    def reverse(items):
        if isinstance(items, list):
            return [reverse(item) for item in reversed(items)]
        if isinstance(items, dict):
            return {key: reverse(value) for key, value in items.items()}
        return items

    before = load_course(docs_dir, nav).to_json()["lessons"]
    after = load_course(docs_dir, reverse(nav)).to_json()["lessons"]
    assert before and before == after
    assert list(before) != list(after)  # the order did change


def test_a_lesson_file_name_outside_the_id_grammar_is_refused(tmp_path: Path) -> None:
    """``Ask_Before_You_Answer.md`` would lose its progress in the browser (FILE004)."""
    config = make_course(
        tmp_path,
        {
            "sibling.md": fixture_bytes("sibling"),
            "Ask_Before_You_Answer.md": fixture_bytes("good-lesson"),
        },
        ["sibling.md", "Ask_Before_You_Answer.md"],
    )
    found = [(p.rule_id, p.line, p.hint) for p in problems_for(config)]
    assert found == [
        (
            "FILE004",
            1,
            "Rename the file (and folder) to 'practice/ask-before-you-answer.md' and "
            "list the old id under 'former_ids' if it was published.",
        )
    ]


def test_model_and_rules_read_the_same_front_matter_with_a_trailing_space(tmp_path: Path) -> None:
    """``--- `` as the first line: MkDocs and the rules accept it, and so does the model."""
    from course import load_course

    text = fixture_bytes("good-lesson").decode().replace("---\n", "--- \n", 1)
    config = make_course(
        tmp_path,
        {"sibling.md": fixture_bytes("sibling"), "spaced.md": text.encode()},
        ["sibling.md", "spaced.md"],
    )
    assert problems_for(config) == []
    facts = load_config(config)
    lesson = load_course(facts.docs_dir, facts.nav).lessons["practice/spaced"]
    assert lesson.title and lesson.duration > 0


def test_quiz021_the_correct_option_is_rarely_the_longest(tmp_path: Path) -> None:
    """QUIZ021 is a course rule: above 30 % of at least 10 single-answer questions,
    every question whose correct option is the longest is reported at its line."""
    good = fixture_bytes("good-lesson").decode()
    longest = good.replace(
        "- [ ] It keeps the talk short, so the customer can get on with her day",
        "- [ ] It keeps the talk short",
    ).replace(
        "- [ ] Point to the most durable tile in the shop and name its price",
        "- [ ] Point to the most durable tile",
    )
    titles = ["Ask before you advise", "Listen first", "Plan the call", "Say it back", "Give first"]

    def lesson(text: str, n: int) -> bytes:
        return text.replace("title: Ask before you advise", f"title: {titles[n]}").encode()

    names = [f"l{n}.md" for n in range(5)]
    # 10 questions, 4 with the correct option longest: 40 % > 30 %.
    files = {name: lesson(longest if n < 2 else good, n) for n, name in enumerate(names)}
    config = make_course(tmp_path / "a", files, names)
    facts = load_config(config)
    problems, _ = check_course(facts.docs_dir, facts)
    found = sorted((p.path.rsplit("/", 1)[-1], p.line) for p in problems if p.rule_id == "QUIZ021")
    assert found == [("l0.md", 48), ("l0.md", 56), ("l1.md", 48), ("l1.md", 56)], problems
    # 3 of 10 (30 %) passes.
    files = {name: lesson(good, n) for n, name in enumerate(names)}
    files["l0.md"] = lesson(longest, 0)
    files["l1.md"] = lesson(
        good.replace(
            "- [ ] It keeps the talk short, so the customer can get on with her day",
            "- [ ] It keeps the talk short",
        ),
        1,
    )
    config = make_course(tmp_path / "b", files, names)
    facts = load_config(config)
    problems, _ = check_course(facts.docs_dir, facts)
    assert not [p for p in problems if p.rule_id == "QUIZ021"], problems
