"""tools/synthetic.py: the generated course the benchmarks time is one the rules accept,
so `make check` on 1000 lessons measures a clean run, not one that prints 3000 problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from course.config import load_config
from course.rules import check_course
from tools import synthetic


def test_the_synthetic_course_follows_every_rule(tmp_path: Path) -> None:
    # 60 lessons: every variation lesson_text() makes (people, shops, topics, 2 or 3
    # quizzes, 3 or 4 paragraphs) and three modules.
    facts = load_config(synthetic.write_course(tmp_path, 60))
    found, pages = check_course(facts.docs_dir, facts)
    assert [f"{p.path}:{p.line}: {p.rule_id}" for p in found] == []
    assert sum(1 for path in pages if "/lesson-" in path) == 60


def test_the_command_line_helps_instead_of_writing_a_folder_named_help(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_help:
        synthetic.main(["--help"])
    assert exit_help.value.code == 0
    assert "usage: python -m tools.synthetic" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_zero:
        synthetic.main(["course", "0"])
    assert exit_zero.value.code == 2
    assert "LESSONS must be at least 1" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
