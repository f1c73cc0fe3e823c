"""A tiny threaded HTTP server with regex routes, JSON helpers and failure injection."""

import base64
import itertools
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class Request:
    """What a route handler sees of one request."""

    def __init__(self, handler, method, match):
        split = urlsplit(handler.path)
        self.method = method
        self.path = split.path
        self.query = {key: values[-1] for key, values in parse_qs(split.query).items()}
        self.query_lists = parse_qs(split.query)
        self.headers = handler.headers
        length = int(handler.headers.get("Content-Length") or 0)
        self.body = handler.rfile.read(length) if length else b""
        self.params = match.groupdict()

    def json(self):
        return json.loads(self.body or b"{}")

    def form(self):
        return {key: values[-1] for key, values in parse_qs(self.body.decode()).items()}

    def basic_auth(self):
        """(user, password) from an Authorization: Basic header, or None."""
        value = self.headers.get("Authorization") or ""
        if not value.startswith("Basic "):
            return None
        user, _sep, password = base64.b64decode(value[6:]).decode().partition(":")
        return user, password


class Response:
    def __init__(self, status=200, payload=None, headers=None, raw=None, content_type="application/json"):
        self.status = status
        self.headers = dict(headers or {})
        if raw is not None:
            self.body = raw
        else:
            self.body = b"" if payload is None else json.dumps(payload).encode()
        if self.body:
            self.headers.setdefault("Content-Type", content_type)


class FakeServer:
    """Subclasses register routes in `setup()` with self.route(method, regex, func)."""

    name = "fake"
    state_attrs = ()  # what the demo keeps from one start of the fakes to the next

    def __init__(self, port=0):
        self.routes = []
        self.lock = threading.RLock()
        self.failures = []  # Responses served (in order) before any real route, to inject errors
        self.down = False  # every request answers 503
        self.calls = []  # (method, path) of every request, for tests and benches
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _serve(self):
                response = fake.dispatch(self, self.command)
                self.send_response(response.status)
                for key, value in response.headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(response.body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(response.body)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _serve

        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.httpd.daemon_threads = True
        self.thread = None
        self.setup()

    # --------------------------------------------------------------- plumbing
    @property
    def port(self):
        return self.httpd.server_address[1]

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def setup(self):
        """Register the routes."""

    def authorize(self, request):
        """A Response refusing the request (bad credentials), or None to serve it."""
        return None

    def route(self, method, pattern, func):
        self.routes.append((method, re.compile(f"^{pattern}$"), func))

    def fail_next(self, count=1, status=503, payload=None, headers=None):
        with self.lock:
            self.failures += [Response(status, payload or {"message": "injected failure"}, headers)] * count

    def dispatch(self, handler, method):
        path = urlsplit(handler.path).path
        with self.lock:
            self.calls.append((method, path))
            failure = self.failures.pop(0) if self.failures else None
        if self.down:
            failure = Response(503, {"message": "service unavailable"})
        for route_method, regex, func in self.routes:
            match = regex.match(path)
            if match and route_method in (method, "*"):
                request = Request(handler, method, match)
                if failure:
                    return failure
                try:
                    return self.authorize(request) or func(request)
                except Exception as exc:  # a bug in the fake must show, not hang the client
                    return Response(500, {"message": f"fake server error: {exc!r}"})
        length = int(handler.headers.get("Content-Length") or 0)
        handler.rfile.read(length)
        return failure or Response(404, {"message": f"no route for {method} {path}"})

    def dump_state(self):
        """The provider's data as plain values; an id counter is kept as its next value."""
        with self.lock:
            state = {attr: getattr(self, attr) for attr in self.state_attrs}
            for attr, value in state.items():
                if isinstance(value, itertools.count):
                    state[attr] = next(value)
                    setattr(self, attr, itertools.count(state[attr]))
            return state

    def load_state(self, state):
        with self.lock:
            for attr in self.state_attrs:
                if attr in state:
                    counter = isinstance(getattr(self, attr), itertools.count)
                    setattr(self, attr, itertools.count(state[attr]) if counter else state[attr])

    def serve_in_thread(self):
        self.thread = threading.Thread(target=self.httpd.serve_forever, name=f"fake-{self.name}", daemon=True)
        self.thread.start()
        return self

    def shutdown(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        if self.thread:
            self.thread.join(5)


def start(server_class, port=0, **kwargs):
    """Start a fake server in a background thread; port 0 picks a free port."""
    return server_class(port=port, **kwargs).serve_in_thread()


def stop(server):
    server.shutdown()


def paginate_offset(items, offset, limit):
    offset = int(offset or 0)
    return items[offset : offset + int(limit)]
