"""Where the course keeps what it can always recompute, between runs.

The reading-ease scores (:mod:`course.rules.content`), the compiled templates
(:mod:`course.render`) and the page rules' results of unchanged pages
(:mod:`course.rules.memo`; ``COURSE_NO_CACHE=1`` turns that one off) are kept in one
folder outside the repository:
``$COURSE_CACHE_DIR``, else ``$XDG_CACHE_HOME/selling-as-connection``, else
``~/.cache/selling-as-connection``. Every entry is checked against what it was made
from, and a folder that cannot be read or written only makes a run slower.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["cache_dir"]


def cache_dir() -> Path:
    """The cache folder (not created here)."""
    folder = os.environ.get("COURSE_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"),
        "selling-as-connection",
    )
    return Path(folder)
