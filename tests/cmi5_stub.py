"""A small cmi5 launch stub for the tests: what an LMS provides besides its LRS.

- ``POST /fetch/<launch>``: the auth-token URL (cmi5 §8.2): the first call answers
  ``{"auth-token": "<token>"}``, every later one ``{"error-code": "1", ...}`` (§8.2.3.1),
  both with HTTP 200 as §8.2.1 asks.
- ``/xapi/activities/state``: the xAPI State API (GET, PUT, POST, DELETE) in memory, keyed
  by stateId, activityId, agent and registration; the test writes LMS.LaunchData there
  before the launch (§10), the AU its own document.
- ``/xapi/statements``: forwarded to Ralph (the real LRS) with the request's own
  Authorization header. ``refuse = True`` answers 503 instead (an LRS that refuses).
- CORS for the package's origin, as an LMS's LRS endpoint on another origin must.

Every request needs ``Authorization: Basic <token>`` except the fetch URL.
"""

from __future__ import annotations

import http.server
import json
import threading
from urllib.parse import parse_qs, urlsplit

import requests

__all__ = ["Stub", "start_stub"]


class Stub:
    def __init__(self, ralph_url: str, token: str, allow_origin: str) -> None:
        self.ralph_url = ralph_url
        self.token = token
        self.allow_origin = allow_origin
        self.state: dict[tuple[str, str, str, str], bytes] = {}
        self.fetch_calls: dict[str, int] = {}
        self.refuse = False
        self.requests: list[tuple[str, str]] = []
        self.server: http.server.ThreadingHTTPServer | None = None
        self.url = ""

    def fetch_url(self, launch: str) -> str:
        return f"{self.url}/fetch/{launch}"

    @property
    def endpoint(self) -> str:
        return f"{self.url}/xapi/"

    def put_state(self, state_id: str, activity: str, agent: dict, registration: str, doc) -> None:
        key = (state_id, activity, _agent_key(json.dumps(agent)), registration)
        self.state[key] = json.dumps(doc).encode()

    def get_state(self, state_id: str, activity: str, agent: dict, registration: str):
        raw = self.state.get((state_id, activity, _agent_key(json.dumps(agent)), registration))
        return json.loads(raw) if raw is not None else None

    def shutdown(self) -> None:
        if self.server:
            self.server.shutdown()


def _agent_key(text: str) -> str:
    try:
        return json.dumps(json.loads(text), sort_keys=True)
    except ValueError:
        return text


def start_stub(ralph_url: str, token: str, allow_origin: str) -> Stub:
    stub = Stub(ralph_url, token, allow_origin)

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

        def _cors(self) -> None:
            self.send_header("Access-Control-Allow-Origin", stub.allow_origin)
            self.send_header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS")
            self.send_header(
                "Access-Control-Allow-Headers",
                "Authorization, Content-Type, X-Experience-API-Version",
            )
            self.send_header("Access-Control-Max-Age", "600")

        def _send(self, status: int, body: bytes = b"", kind: str = "application/json") -> None:
            self.send_response(status)
            self._cors()
            if body:
                self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)

        def _body(self) -> bytes:
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length else b""

        def do_OPTIONS(self) -> None:  # noqa: N802
            self._send(204)

        def _route(self, method: str) -> None:
            parts = urlsplit(self.path)
            stub.requests.append((method, parts.path))
            body = self._body()
            if parts.path.startswith("/fetch/") and method == "POST":
                launch = parts.path.removeprefix("/fetch/")
                stub.fetch_calls[launch] = stub.fetch_calls.get(launch, 0) + 1
                if stub.fetch_calls[launch] == 1:
                    answer = {"auth-token": stub.token}
                else:
                    answer = {"error-code": "1", "error-text": "The token was already returned."}
                self._send(200, json.dumps(answer).encode())
                return
            if self.headers.get("Authorization") != f"Basic {stub.token}":
                self._send(401, b'{"error": "unauthorized"}')
                return
            if parts.path == "/xapi/activities/state":
                q = {k: v[0] for k, v in parse_qs(parts.query).items()}
                key = (
                    q.get("stateId", ""),
                    q.get("activityId", ""),
                    _agent_key(q.get("agent", "")),
                    q.get("registration", ""),
                )
                if method == "GET":
                    if key in stub.state:
                        self._send(200, stub.state[key])
                    else:
                        self._send(404, b'{"error": "no such document"}')
                elif method in ("PUT", "POST"):
                    stub.state[key] = body
                    self._send(204)
                elif method == "DELETE":
                    stub.state.pop(key, None)
                    self._send(204)
                return
            if parts.path.rstrip("/") == "/xapi/statements":
                if stub.refuse:
                    self._send(503, b'{"error": "refused by the test"}')
                    return
                headers = {
                    k: v
                    for k, v in self.headers.items()
                    if k.lower() in ("authorization", "content-type", "x-experience-api-version")
                }
                query = "?" + parts.query if parts.query else ""
                url = stub.ralph_url + "/xAPI/statements/" + query
                answer = requests.request(method, url, data=body, headers=headers, timeout=30)
                self._send(
                    answer.status_code,
                    answer.content,
                    answer.headers.get("Content-Type", "application/json"),
                )
                return
            self._send(404, b'{"error": "not found"}')

        def do_GET(self) -> None:  # noqa: N802
            self._route("GET")

        def do_POST(self) -> None:  # noqa: N802
            self._route("POST")

        def do_PUT(self) -> None:  # noqa: N802
            self._route("PUT")

        def do_DELETE(self) -> None:  # noqa: N802
            self._route("DELETE")

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    stub.server = server
    stub.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return stub
