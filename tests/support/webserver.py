"""A local HTTP server for the fetch tests: fixture pages, and every kind of trouble.

`PressOffice` serves tests/data/web as a ministry's site would: a listing of briefings,
transcript pages (with ETag or Last-Modified, answering conditional requests with 304),
a page that is not a transcript, a 404, a page that fails with a 500 once and then
works, a redirect, a path robots.txt forbids, and a connection dropped without an answer.
Every request is logged with its headers. Nothing leaves the machine.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

WEB = Path(__file__).resolve().parent.parent / "data" / "web"

HTML = "text/html; charset=utf-8"
LAST_MODIFIED = "Tue, 25 Apr 2023 08:00:00 GMT"


@dataclass(frozen=True)
class Route:
    """What a path answers: a fixture file, a status, a redirect, or a dropped connection."""

    file: str | None = None
    status: int = 200
    content_type: str = HTML
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None
    fail_first: int = 0
    """Answer 500 to this many requests before serving the page."""
    retry_after: str | None = None
    drop: bool = False


def default_routes() -> dict[str, Route]:
    """The site every fetch test starts from."""
    return {
        "/robots.txt": Route("robots.txt", content_type="text/plain"),
        "/briefings/index.html": Route("listing.html"),
        "/briefings/pboc-2023-04-20.html": Route("pboc-2023-04-20.html", etag='"pboc-1"'),
        "/briefings/mfa-2023-03-14.html": Route("mfa-2023-03-14.html", last_modified=LAST_MODIFIED),
        "/briefings/flaky.html": Route(
            "un-2024-10-03.html", content_type="text/html; charset=windows-1252", fail_first=1
        ),
        "/briefings/missing.html": Route(status=404),
        "/briefings/about.html": Route("about.html", etag='"about-1"'),
        "/private/draft.html": Route("scio-2020-04-24.html"),
        "/briefings/scio-2021-04-25.html": Route("scio-2021-04-25.html", etag='"scio21-1"'),
        "/briefings/moved.html": Route(status=301, location="/archive/scio-2020-04-24.html"),
        "/archive/scio-2020-04-24.html": Route("scio-2020-04-24.html", etag='"scio20-1"'),
    }


@dataclass
class PressOffice:
    """The running server: its address, routes (changeable) and the requests it saw."""

    port: int
    routes: dict[str, Route]
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    served: Counter[str] = field(default_factory=Counter)

    def url(self, path: str) -> str:
        """The full address of `path` on this server."""
        return f"http://127.0.0.1:{self.port}{path}"

    def paths(self) -> list[str]:
        """Requested paths, in order."""
        return [path for path, _ in self.requests]


def _handler(office: PressOffice) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # else each answer waits ~40 ms for a delayed ACK

        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

        def do_GET(self) -> None:
            path = self.path
            office.requests.append((path, {k.lower(): v for k, v in self.headers.items()}))
            office.served[path] += 1
            route = office.routes.get(path.split("#", 1)[0])
            if route is None:
                self._answer(404, b"not found", "text/plain")
                return
            if route.drop:
                self.close_connection = True
                self.wfile.flush()
                self.connection.shutdown(2)
                return
            if office.served[path] <= route.fail_first:
                self._answer(500, b"server error", "text/plain", route.retry_after)
                return
            if route.location is not None:
                self.send_response(route.status)
                self.send_header("Location", route.location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if route.file is None:
                self._answer(route.status, b"gone", "text/plain")
                return
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self._not_modified()
                return
            if route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified:
                self._not_modified()
                return
            body = (WEB / route.file).read_bytes()
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(body)))
            if route.etag:
                self.send_header("ETag", route.etag)
            if route.last_modified:
                self.send_header("Last-Modified", route.last_modified)
            self.end_headers()
            self.wfile.write(body)

        def _not_modified(self) -> None:
            self.send_response(304)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _answer(
            self, status: int, body: bytes, content_type: str, retry_after: str | None = None
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            if retry_after is not None:
                self.send_header("Retry-After", retry_after)
            self.end_headers()
            self.wfile.write(body)

    return Handler


@contextmanager
def press_office(routes: dict[str, Route] | None = None) -> Iterator[PressOffice]:
    """Run the site on a free local port for the duration of the block."""
    office = PressOffice(0, dict(default_routes() if routes is None else routes))
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(office))
    office.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield office
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
