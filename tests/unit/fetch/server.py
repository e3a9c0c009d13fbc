"""A scriptable HTTP server on 127.0.0.1 for the fetch tests (never the network).

Each route (a path with its query, or a prefix ending in ``*``) answers with a sequence of ``Reply``s, one per
request, the last one repeated; a reply may also be a function of the request. Every request is logged with
its headers, so tests can assert what was (not) asked and how.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict = field(default_factory=dict)
    delay: float = 0.0
    drop_after: int | None = None  # send this many bytes of the body, then cut the connection
    length: bool = True  # send Content-Length


@dataclass
class Request:
    path: str
    headers: dict


class Route:
    def __init__(self, *replies: Reply | Callable[[Request], Reply]):
        self.replies = list(replies)
        self.calls = 0

    def next(self, request: Request) -> Reply:
        reply = self.replies[min(self.calls, len(self.replies) - 1)]
        self.calls += 1
        return reply(request) if callable(reply) else reply


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):  # noqa: N802
        request = Request(self.path, {k.lower(): v for k, v in self.headers.items()})
        self.server.log.append(request)
        route = self.server.route_for(self.path)
        reply = route.next(request) if route else Reply(404, b"not found", "text/plain")
        if reply.delay:
            time.sleep(reply.delay)
        try:
            self.send_response(reply.status)
            if reply.content_type:
                self.send_header("Content-Type", reply.content_type)
            if reply.length:
                self.send_header("Content-Length", str(len(reply.body)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if reply.drop_after is not None:
                self.wfile.write(reply.body[:reply.drop_after])
                self.wfile.flush()
                self.connection.shutdown(socket.SHUT_RDWR)
                self.close_connection = True
                return
            self.wfile.write(reply.body)
        except OSError:  # the client gave up (timeouts)
            self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes: dict[str, Route] = {}
        self.log: list[Request] = []

    def handle_error(self, request, client_address):  # a client that hung up is no test failure
        pass

    def route_for(self, path: str) -> Route | None:
        if path in self.routes:
            return self.routes[path]
        for key, route in self.routes.items():
            if key.endswith("*") and path.startswith(key[:-1]):
                return route
        return None


class LocalServer:
    """The server of one test: ``server.route("/a", Reply(...))``, ``server.url("/a")``."""

    def __init__(self):
        self._server = _Server()
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)
        self._thread.start()

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, *replies) -> Route:
        route = Route(*replies)
        self._server.routes[path] = route
        return route

    @property
    def log(self) -> list[Request]:
        return self._server.log

    def requested(self, path: str) -> list[Request]:
        return [r for r in self._server.log if r.path == path]

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
