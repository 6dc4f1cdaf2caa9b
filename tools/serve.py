"""A static server for a built site on 127.0.0.1, gzip-compressed like a real host.

One implementation for the tests (``tests/conftest.py``: ``serve_directory``) and
the benchmark (``tools.bench``, which also counts the bytes it sends)::

    server, url = serve_directory(site_dir)                 # "http://127.0.0.1:PORT/"
    count = ByteCount()
    server, url = serve_directory(site_dir, count=count)    # count.bytes, count.requests
    ...
    server.shutdown()

Text files (HTML, CSS, JS, JSON, SVG, XML, TXT) are sent gzip-compressed when the
client accepts gzip, with ``Cache-Control: max-age=3600``; everything else as
:class:`http.server.SimpleHTTPRequestHandler` sends it. Nothing is logged.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import sys
import threading
from pathlib import Path

__all__ = ["ByteCount", "GzipHandler", "serve_directory"]

#: Suffixes sent gzip-compressed to a client that accepts gzip.
COMPRESSIBLE = frozenset({".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"})


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the client accepts it (like a real host)."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send_head(self):  # type: ignore[override]
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not url_path.endswith("/"):
                return super().send_head()  # the base class redirects dir -> dir/
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        compressible = path.suffix in COMPRESSIBLE
        if not (accepts_gzip and compressible and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return io.BytesIO(body)


class ByteCount:
    """What a counting server sent since the last :meth:`reset`.

    ``bytes``: total bytes written back (status line, headers and body of every
    response); ``requests``: ``[url_path, bytes]`` per response, in the order they
    finished. Safe to read while the server runs (updates hold a lock).
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.bytes = 0
        self.requests: list[list] = []

    def reset(self) -> None:
        """Start counting from zero."""
        with self.lock:
            self.bytes = 0
            self.requests = []

    def add(self, path: str, sent: int) -> None:
        """Record one response of ``sent`` bytes for URL path ``path``."""
        with self.lock:
            self.bytes += sent
            self.requests.append([path, sent])


class _Counted:
    """A write-only stream wrapper that adds the bytes written to its handler."""

    def __init__(self, raw, handler: _CountingHandler) -> None:
        self._raw = raw
        self._handler = handler

    def write(self, data: bytes) -> int:
        self._handler.sent += len(data)
        return self._raw.write(data)

    def __getattr__(self, name: str):
        return getattr(self._raw, name)


class _CountingHandler(GzipHandler):
    """:class:`GzipHandler` that adds each response's size to ``count`` (one request
    per connection, HTTP/1.0, as the base class speaks)."""

    count: ByteCount

    def setup(self) -> None:
        super().setup()
        self.sent = 0
        self.wfile = _Counted(self.wfile, self)

    def finish(self) -> None:
        super().finish()
        if getattr(self, "path", None):
            self.count.add(self.path, self.sent)


class _Server(http.server.ThreadingHTTPServer):
    """A threading server with a listen backlog a browser's burst fits in.

    The handler speaks HTTP/1.0, one request per connection, so a page that imports
    twenty ES modules opens twenty connections at once. socketserver's default backlog
    of 5 let the kernel drop the extra SYNs, and Linux resends a dropped SYN after its
    initial 1 s retransmission timeout (RFC 6298, section 2): a request took 1 s and
    Lighthouse saw the first paint or the load event 1 s late (performance 98-99 in
    about one run in three).
    """

    request_queue_size = 128

    def handle_error(self, request, client_address) -> None:  # noqa: ANN001 (socketserver's)
        """A browser that stops reading mid-response (a cancelled fetch, a page left) is
        normal here, not an error to print a traceback for; anything else is printed."""
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


def serve_directory(
    directory: Path, *, count: ByteCount | None = None
) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``directory`` on 127.0.0.1 at a free port, in a daemon thread.

    Returns ``(server, base URL)``; the URL ends in ``/``
    (``"http://127.0.0.1:PORT/"``). With ``count``, every response's size in bytes
    (headers included) is added to it. Stop with ``server.shutdown()``. Raises
    ``OSError`` when no port can be bound.
    """
    handler_class: type[GzipHandler] = GzipHandler
    if count is not None:
        handler_class = type("CountingHandler", (_CountingHandler,), {"count": count})
    handler = functools.partial(handler_class, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"
