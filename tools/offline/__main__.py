"""``python -m tools.offline vendor|check``: see :mod:`tools.offline`."""

import sys

from tools.offline import differences, installed, vendor


def main(argv: list[str]) -> int:
    if argv not in (["vendor"], ["check"]):
        print("usage: python -m tools.offline vendor|check", file=sys.stderr)
        return 2
    if not installed():
        print("tools/offline: run `npm ci --prefix tools/offline` first", file=sys.stderr)
        return 2
    if argv == ["vendor"]:
        for path in vendor():
            print(f"wrote {path}")
    found = differences()
    for line in found:
        print(line, file=sys.stderr)
    return 1 if found else 0


sys.exit(main(sys.argv[1:]))
