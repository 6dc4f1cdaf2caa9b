"""Run Ralph's LRS API (``ralph.api:app``) with its file-system backend appending.

``ralph runserver -b fs`` is what Ralph documents for development, but in Ralph 5.1.0 the
file-system LRS backend writes with the data backend's default operation, CREATE, which
refuses a file that already exists: the first ``POST /xAPI/statements`` creates
``fs_lrs.jsonl`` and every later one fails with "already exists and overwrite is not
allowed" (HTTP 500). The backend supports APPEND (``FSDataBackend._write_bytes`` opens the
file with "ab"), so this starts the same app with APPEND as that backend's default. It is
Ralph's own code, storage and API otherwise; the tests assert on what it stored.

Settings come from the environment as for ``ralph runserver`` (RALPH_RUNSERVER_BACKEND=fs,
RALPH_AUTH_FILE, RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH; tests/lms_support.py).
"""

from __future__ import annotations

import argparse

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    FSLRSBackend.default_operation_type = BaseOperationType.APPEND
    uvicorn.run("ralph.api:app", host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
