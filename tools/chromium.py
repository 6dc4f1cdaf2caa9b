"""Debian's Chromium as the tests and the benchmark launch it (Playwright never downloads
a browser here).

The flags keep a headless Chromium off the network it would otherwise call at start-up
(component updates, sync, background requests), which this machine's closed network
refuses many times a second.
"""

from __future__ import annotations

__all__ = ["FLAGS"]

#: Launch flags for Playwright's ``chromium.launch(args=...)``.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
