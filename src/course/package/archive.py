"""Zip archives that come out the same for the same files (sorted, fixed dates)."""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from pathlib import Path

__all__ = ["write_zip"]

#: Every entry's date: zip cannot store dates before 1980; a fixed one keeps the bytes
#: of two builds of the same files equal.
_DATE = (2026, 1, 1, 0, 0, 0)


def write_zip(target: Path, folder: Path, extra: Mapping[str, str | bytes]) -> int:
    """Write ``folder``'s files and ``extra`` (zip path -> content) to ``target``.

    ``extra`` wins over a file of the same path. Entries are sorted and deflated.
    Returns the number of entries.
    """
    entries: dict[str, bytes | Path] = {
        p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()
    }
    for name, content in extra.items():
        entries[name] = content.encode("utf-8") if isinstance(content, str) else content
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(target.suffix + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name in sorted(entries):
            value = entries[name]
            data = value.read_bytes() if isinstance(value, Path) else value
            info = zipfile.ZipInfo(name, date_time=_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    tmp.replace(target)
    return len(entries)
