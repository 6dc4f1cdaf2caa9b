"""The page results memo (course.rules.memo): the same problems and pages as checking
afresh, only unchanged pages reused, and a damaged or hostile cache file never trusted."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, fixture_bytes

import course.rules as rules
from course.anatomy import MAX_FILE_BYTES
from course.config import load_config
from course.rules import check_course
from course.rules.memo import MAX_FILES, PACKAGE, PageMemo, code_fingerprint

LESSON = "connection/pushing-breaks-connection.md"


@pytest.fixture
def course(tmp_path: Path, monkeypatch) -> Path:
    """A copy of the real course (mkdocs.yml and docs/) with one lesson broken, and an
    empty cache folder of its own; returns the copy's mkdocs.yml."""
    root = tmp_path / "course"
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs" / LESSON).write_bytes(fixture_bytes("safe-script"))
    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("COURSE_NO_CACHE", raising=False)
    return root / "mkdocs.yml"


@pytest.fixture
def checked(monkeypatch) -> list[str]:
    """The src paths the page rules ran on (not taken from the memo), in order."""
    seen: list[str] = []
    real = rules._check_pages

    def spy(tasks, jobs):
        seen.extend(task[1] for task in tasks)
        return real(tasks, jobs)

    monkeypatch.setattr(rules, "_check_pages", spy)
    return seen


def _check(config_file: Path, memo: bool = True, **kwargs):
    config = load_config(config_file)
    return check_course(config.docs_dir, config, memo=memo, **kwargs)


def _view(pages: dict) -> dict:
    """What the course rules read of each slim page, comparable with ==."""
    return {
        src: (
            page.path,
            page.is_lesson,
            page.assessment,
            page.text,
            page.read_error,
            page.front.values,
            page.front.key_lines,
            [(h.level, h.text, h.line, h.anchor) for h in page.headings],
            sorted(page.anchors),
            page.words,
            [(link.line, link.kind, link.url, link.text) for link in page.links],
            [(q.line, q.kind, q.inner) for q in page.quizzes],
            page.former_ids,
            [(limit.rule, limit.line) for limit in page.limits],
        )
        for src, page in pages.items()
    }


def test_a_warm_run_gives_what_a_fresh_check_gives(course: Path, checked: list[str]) -> None:
    fresh_problems, fresh_pages = _check(course, memo=False)
    assert any(p.rule_id.startswith("SAFE") for p in fresh_problems), "the broken lesson"
    assert len(checked) == len(fresh_pages) >= 40
    checked.clear()
    cold_problems, _ = _check(course)
    assert len(checked) == len(fresh_pages)  # nothing kept yet: every page checked
    checked.clear()
    warm_problems, warm_pages = _check(course)
    assert checked == []  # every page from the memo
    assert sorted(warm_problems) == sorted(cold_problems) == sorted(fresh_problems)
    assert [p.hint for p in sorted(warm_problems)] == [p.hint for p in sorted(fresh_problems)]
    assert _view(warm_pages) == _view(fresh_pages)


def test_only_the_changed_page_is_checked_again(course: Path, checked: list[str]) -> None:
    _check(course)
    lesson = course.parent / "docs" / LESSON
    lesson.write_bytes(fixture_bytes("safe-script").replace(b"<script", b"<scr\nipt"))
    checked.clear()
    problems, _ = _check(course)
    assert checked == [LESSON]
    fresh, _ = _check(course, memo=False)
    assert sorted(problems) == sorted(fresh)


def test_other_flags_or_other_code_miss(course: Path, checked: list[str], monkeypatch) -> None:
    _check(course)
    checked.clear()
    _check(course, label="elsewhere/docs")  # the problems name another path
    assert len(checked) >= 40
    checked.clear()
    monkeypatch.setattr("course.rules.memo.code_fingerprint", lambda: "a rule changed")
    _check(course)
    assert len(checked) >= 40


def test_the_fingerprint_follows_the_code(tmp_path: Path) -> None:
    """Touching or editing any file of the package gives another fingerprint."""
    package = tmp_path / "course"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    first = code_fingerprint(package)
    assert code_fingerprint.__wrapped__(package) == first  # the same files, the same print
    rule = package / "rules" / "quizzes.py"
    os.utime(rule, ns=(rule.stat().st_atime_ns, rule.stat().st_mtime_ns + 1))
    touched = code_fingerprint.__wrapped__(package)
    (package / "rules" / "new_rule.py").write_text("", encoding="utf-8")
    added = code_fingerprint.__wrapped__(package)
    assert len({first, touched, added}) == 3


def test_a_page_too_large_to_read_is_never_kept(course: Path, checked: list[str]) -> None:
    big = course.parent / "docs" / "connection" / "huge.md"
    big.write_bytes(b"# Huge\n" + b"a" * (MAX_FILE_BYTES + 1))
    _check(course)
    checked.clear()
    problems, _ = _check(course)
    assert checked == ["connection/huge.md"]
    assert any(p.path.endswith("huge.md") and p.rule_id == "FILE005" for p in problems)


def test_removed_pages_leave_the_memo(course: Path) -> None:
    _check(course)
    docs = course.parent / "docs"
    (docs / LESSON).unlink()
    _check(course)
    assert LESSON not in PageMemo(docs)._entries
    assert len(PageMemo(docs)._entries) >= 40


@pytest.mark.parametrize(
    "damage",
    ["empty", "truncated", "not-pickle", "other-shape", "hostile"],
)
def test_a_damaged_or_hostile_cache_file_is_ignored(
    damage: str, course: Path, checked: list[str], tmp_path: Path
) -> None:
    """The unpickler builds only page records: a file that would call a function
    (here ``os.remove`` on a canary) is not run, and the check is as without a cache."""
    fresh, _ = _check(course, memo=False)
    _check(course)
    memo_file = PageMemo(course.parent / "docs").path
    canary = tmp_path / "canary"
    canary.write_text("still here")

    class Remove:
        def __reduce__(self):
            return (os.remove, (str(canary),))

    memo_file.write_bytes(
        {
            "empty": b"",
            "truncated": memo_file.read_bytes()[:1000],
            "not-pickle": b"\x00\xff not a pickle",
            "other-shape": pickle.dumps(["fingerprint", "entries"]),
            "hostile": pickle.dumps({"fingerprint": Remove(), "entries": {}}),
        }[damage]
    )
    checked.clear()
    problems, _ = _check(course)
    assert canary.read_text() == "still here"
    assert len(checked) >= 40
    assert sorted(problems) == sorted(fresh)
    assert PageMemo(course.parent / "docs")._entries  # written again, whole


def _rewrite_entry(course: Path, change) -> None:
    """Load the course's cache file, let ``change(entries)`` edit it, write it back."""
    import io

    from course.rules.memo import _Unpickler

    memo_file = PageMemo(course.parent / "docs").path
    data = _Unpickler(io.BytesIO(memo_file.read_bytes())).load()
    change(data["entries"])
    memo_file.write_bytes(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))


def _set_src(entries: dict, value: object) -> None:
    entries[LESSON][2].src_path = value


CRAFTED = {
    "not-a-tuple": lambda e: e.__setitem__(LESSON, 5),
    "short-tuple": lambda e: e.__setitem__(LESSON, (e[LESSON][0],)),
    "page-is-text": lambda e: e.__setitem__(LESSON, (*e[LESSON][:2], "a page", e[LESSON][3])),
    "problem-is-int": lambda e: e.__setitem__(LESSON, (*e[LESSON][:3], [5])),
    "src-is-list": lambda e: _set_src(e, ["x"]),
    "src-of-another-page": lambda e: _set_src(e, "connection/index.md"),
    "values-is-int": lambda e: setattr(e[LESSON][2].front, "values", 5),
    "heading-in-heading": lambda e: setattr(e[LESSON][2], "headings", [e[LESSON][2].headings]),
    "line-is-text": lambda e: setattr(e[LESSON][2].quizzes[0], "line", "12"),
    "tokens-kept": lambda e: setattr(e[LESSON][2], "tokens", [1]),
}


@pytest.mark.parametrize("craft", sorted(CRAFTED))
def test_an_entry_of_the_wrong_shape_is_a_miss_not_a_crash(
    craft: str, course: Path, checked: list[str]
) -> None:
    """An entry whose digest matches but whose records do not have the types a page
    result has is checked afresh (reading it would crash a rule or the report)."""
    fresh, _ = _check(course, memo=False)
    _check(course)
    _rewrite_entry(course, CRAFTED[craft])
    checked.clear()
    problems, pages = _check(course)
    assert checked == [LESSON]
    assert sorted(problems) == sorted(fresh)
    assert pages[LESSON].src_path == LESSON


def test_dates_in_front_matter_keep_the_memo(course: Path, checked: list[str]) -> None:
    """YAML dates and times are front matter values a cache file may hold."""
    lesson = course.parent / "docs" / LESSON
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(
        text.replace("---\n", "---\nreviewed: 2026-05-01\nat: 2026-05-01 10:00:00+02:00\n", 1),
        encoding="utf-8",
    )
    fresh, _ = _check(course, memo=False)
    _check(course)
    checked.clear()
    problems, pages = _check(course)
    assert checked == []
    assert sorted(problems) == sorted(fresh)
    assert "reviewed" in pages[LESSON].front.key_lines


def test_a_file_changed_while_it_is_checked_is_not_kept(
    course: Path, checked: list[str], monkeypatch
) -> None:
    """Saved between hashing and parsing: the result is of the new text, so it must not
    be kept under the old text's digest (an undo would then be trusted with it)."""
    lesson = course.parent / "docs" / LESSON
    before = lesson.read_bytes()
    after = before.replace(b"<script", b"<b")
    real = PageMemo.digest
    calls = {"n": 0}

    def digest(path: Path) -> str | None:
        found = real(path)
        if path == lesson and calls["n"] == 0:
            calls["n"] += 1
            lesson.write_bytes(after)  # an editor saves while the check runs
        return found

    monkeypatch.setattr(PageMemo, "digest", staticmethod(digest))
    _check(course)
    monkeypatch.setattr(PageMemo, "digest", staticmethod(real))
    lesson.write_bytes(before)  # and the author undoes it
    checked.clear()
    problems, _ = _check(course)
    assert LESSON in checked
    fresh, _ = _check(course, memo=False)
    assert sorted(problems) == sorted(fresh)
    assert any(p.path.endswith(LESSON) and p.rule_id.startswith("SAFE") for p in problems)


@pytest.mark.parametrize("kind", ["fifo", "link-to-dev-zero"])
def test_a_cache_path_that_is_not_a_regular_file_is_not_read(kind: str, course: Path) -> None:
    """A FIFO in the cache file's place would block a read forever, a link to
    /dev/zero would read until memory runs out."""
    memo_file = PageMemo(course.parent / "docs").path
    memo_file.parent.mkdir(parents=True)
    if kind == "fifo":
        os.mkfifo(memo_file)
    else:
        memo_file.symlink_to("/dev/zero")
    problems, _ = _check(course)  # returns: the FIFO is not opened for reading
    fresh, _ = _check(course, memo=False)
    assert sorted(problems) == sorted(fresh)


def test_the_library_files_in_the_fingerprint_exist() -> None:
    """Each file the fingerprint names inside a library is there (a library that moved
    its code would otherwise leave the fingerprint blind to upgrades of it)."""
    from importlib.util import find_spec

    from course.rules.memo import _LIBRARIES

    for name, inside in _LIBRARIES.items():
        spec = find_spec(name)
        assert spec is not None and spec.origin, name
        for part in inside:
            assert (Path(spec.origin).parent / part).is_file(), f"{name}/{part}"


def test_a_cache_folder_that_cannot_be_written_only_costs_time(
    course: Path, tmp_path: Path, monkeypatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("COURSE_CACHE_DIR", str(blocker))
    fresh, _ = _check(course, memo=False)
    problems, _ = _check(course)
    assert sorted(problems) == sorted(fresh)


def test_course_no_cache_and_no_cache_flag_keep_nothing(course: Path, tmp_path: Path) -> None:
    env = {**os.environ, "COURSE_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "course", "check", str(course)]
    flag = subprocess.run([*command, "--no-cache"], env=env, capture_output=True, text=True)
    variable = subprocess.run(command, env={**env, "COURSE_NO_CACHE": "1"}, capture_output=True)
    assert flag.returncode == variable.returncode == 1
    assert "SAFE" in flag.stdout
    assert not (tmp_path / "cache" / "page-results").exists()
    kept = subprocess.run(command, env=env, capture_output=True, text=True)
    assert kept.stdout == flag.stdout
    assert len(list((tmp_path / "cache" / "page-results").glob("*.pickle"))) == 1


def test_at_most_max_files_cache_files_stay(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "cache"
    for index in range(MAX_FILES + 5):
        docs = tmp_path / f"docs{index}"
        (docs / "module").mkdir(parents=True)
        (docs / "module" / "index.md").write_text("# Module\n", encoding="utf-8")
        memo = PageMemo(docs, folder=folder)
        page, found = rules._checked_slim((docs, "module/index.md", False, True, "docs", None))
        digest = PageMemo.digest(docs / "module" / "index.md")
        memo.put("module/index.md", digest, (False, True, "docs", None), page, found)
        memo.save()
        os.utime(memo.path, (index, index))  # written in this order
    left = sorted(folder.glob("*.pickle"))
    assert len(left) == MAX_FILES
    newest = PageMemo(tmp_path / f"docs{MAX_FILES + 4}", folder=folder)
    assert newest.path in left
    assert PageMemo(tmp_path / "docs0", folder=folder).path not in left
