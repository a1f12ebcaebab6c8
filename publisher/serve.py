"""``publisher serve``: build, serve the export on localhost, rebuild when a source, catalog,
template or publisher.toml changes, and reload the pages open in a browser.

Changes are reported by watchfiles (the operating system's file events, no polling loop of
ours). The reload is a few lines of script added to each HTML response by this server only,
never to the built files: the page listens to server-sent events and reloads when a build
has finished.

The server answers this machine only and stays bounded whoever connects (:class:`LocalServer`):
a Host header that is not a name of this machine gets 400 (a page of another site whose name
was rebound to 127.0.0.1 reads nothing); a fixed pool of threads answers, newest connection
first, each with a deadline for its request; only real files under the export are served,
never through a symbolic link, never a dot-file (the build's bookkeeping), for GET and HEAD
alike; and whatever goes wrong, a request gets a status, never a dropped connection or a
traceback.
"""

from __future__ import annotations

import contextlib
import io
import ipaddress
import os
import queue
import re
import selectors
import socket
import stat
import threading
import time
from dataclasses import replace
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qs, unquote, urlsplit

from .build import BuildOptions, BuildResult, build
from .config import PROJECT_FILE, load_project
from .errors import PublisherError

EVENTS_PATH = "/__publisher__/events"
KEEPALIVE_SECONDS = 15.0
WORKERS = 32              # threads answering requests, whatever the number of connections
MAX_HEAD = 65536          # bytes of a request's head the waiting room reads before a worker
STREAMS = WORKERS // 2    # reload event streams open at once (each holds a thread)
REQUEST_SECONDS = 4.0     # for a client to send its request, or read what it is sent
MAX_PATH = 2048           # characters of a request's path
MAX_SEGMENTS = 64


def served(root: Path, local: str) -> bool:
    """Whether ``local`` (what translate_path made of a URL) may be served: a place under the
    export's real folder ``root`` reached through no symbolic link and no dot-file or -folder
    (.publisher-manifest.json, .publisher-output...). A place that does not exist may: the
    answer is the site's 404."""
    try:
        parts = Path(local).relative_to(root).parts
    except ValueError:
        return False
    if any(part.startswith(".") for part in parts):
        return False
    current = root
    for part in parts:
        current = current / part
        try:
            if stat.S_ISLNK(os.lstat(current).st_mode):
                return False
        except FileNotFoundError:
            return True
        except (OSError, ValueError):     # a name too long, a NUL byte, a folder not readable...
            return False
    return True


def local_host(header: str | None, names: frozenset[str], port: int) -> bool:
    """Whether a Host header names this machine (and this server's port, if it gives one): an
    IP address, localhost, or the name serve was asked to listen on. A name rebound to
    127.0.0.1 by another site's DNS is none of these."""
    if header is None:           # HTTP/1.0: no name to check
        return True
    value = header.strip().lower()
    if value.startswith("["):                    # [::1], [::1]:8000
        host, _, rest = value[1:].partition("]")
        given = rest[1:] if rest.startswith(":") else None if rest else ""
    else:
        host, _, given = value.partition(":")
    if given is None or (given and given != str(port)):
        return False
    with contextlib.suppress(ValueError):
        ipaddress.ip_address(host)
        return True
    return host == "localhost" or host.endswith(".localhost") or host in names


class _Replay(io.RawIOBase):
    """A connection's bytes for its handler: first those the waiting room read, then the
    socket's (with its timeout)."""

    def __init__(self, head: bytes, connection: socket.socket):
        self.head, self.connection = memoryview(head), connection

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.head:
            count = min(len(buffer), len(self.head))
            buffer[:count], self.head = self.head[:count], self.head[count:]
            return count
        return self.connection.recv_into(buffer)


class LocalServer(ThreadingHTTPServer):
    """http.server's server, bounded whoever connects: a connection waits without a thread
    (one selector, the waiting room) until its request head has come in, for REQUEST_SECONDS
    at most; then one of WORKERS threads answers it. Thousands of half-sent requests cost
    thousands of sockets and no thread, and a fresh request is answered at once. No error
    prints a traceback."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(self, address, handler, host: str = ""):
        super().__init__(address, handler)
        self.names = frozenset({host.lower()} - {"", "0.0.0.0", "::"})
        self.heads: dict[socket.socket, bytes] = {}        # what the room read, for the handler
        self._streams = threading.BoundedSemaphore(STREAMS)
        self._arrived: queue.SimpleQueue = queue.SimpleQueue()
        self._complete: queue.SimpleQueue = queue.SimpleQueue()
        self._wake_r, self._wake_w = socket.socketpair()
        self._closing = False
        self._most = _raise_open_files() - 2 * WORKERS     # sockets that may wait at once
        threading.Thread(target=self._room, daemon=True).start()
        for _ in range(WORKERS):
            threading.Thread(target=self._work, daemon=True).start()

    def allows(self, host: str | None) -> bool:
        return local_host(host, self.names, self.server_address[1])

    def stream(self):
        """One of the STREAMS event streams, or None when all are taken."""
        return self._streams if self._streams.acquire(blocking=False) else None

    def process_request(self, request, client_address) -> None:
        self._arrived.put((request, client_address))       # accepting never waits
        with contextlib.suppress(OSError):
            self._wake_w.send(b"\0")

    def _room(self) -> None:
        """The waiting room: read each connection's request head as it comes in."""
        waiting: dict[socket.socket, tuple] = {}      # in order of arrival: (address, deadline, head)
        with selectors.DefaultSelector() as selector:
            selector.register(self._wake_r, selectors.EVENT_READ)
            while not self._closing:
                for key, _ in selector.select(REQUEST_SECONDS / 4):
                    if key.fileobj is self._wake_r:
                        with contextlib.suppress(OSError):
                            self._wake_r.recv(4096)
                        while not self._arrived.empty():
                            request, address = self._arrived.get()
                            request.setblocking(False)
                            selector.register(request, selectors.EVENT_READ)
                            waiting[request] = (address, time.monotonic() + REQUEST_SECONDS, bytearray())
                    elif self._read(key.fileobj, waiting):
                        selector.unregister(key.fileobj)
                now = time.monotonic()
                while waiting and (len(waiting) > self._most or next(iter(waiting.values()))[1] < now):
                    request = next(iter(waiting))          # the oldest: too slow, or one too many
                    del waiting[request]
                    selector.unregister(request)
                    self.shutdown_request(request)

    def _read(self, request: socket.socket, waiting: dict) -> bool:
        """Read what came in; True once the connection has left the room (closed, or its head
        complete and handed to a worker)."""
        address, _, head = waiting[request]
        try:
            chunk = request.recv(MAX_HEAD)
        except BlockingIOError:
            return False
        except OSError:
            chunk = b""
        head += chunk
        if chunk and not (b"\r\n\r\n" in head or b"\n\n" in head or len(head) >= MAX_HEAD):
            return False
        del waiting[request]
        if not chunk:
            self.shutdown_request(request)
        else:
            request.setblocking(True)
            self.heads[request] = bytes(head)
            self._complete.put((request, address))
        return True

    def _work(self) -> None:
        while (item := self._complete.get()) is not None:
            self.process_request_thread(*item)

    def handle_error(self, request, client_address) -> None:
        pass       # a client that went away or took too long: nothing for the terminal

    def shutdown_request(self, request) -> None:
        self.heads.pop(request, None)
        super().shutdown_request(request)

    def server_close(self) -> None:
        super().server_close()
        self._closing = True
        for _ in range(WORKERS):
            self._complete.put(None)
        with contextlib.suppress(OSError):
            self._wake_w.send(b"\0")


def _raise_open_files() -> int:
    """The number of files this process may open, raised to 8192 where the hard limit allows
    (the waiting room holds a socket per connection)."""
    try:
        import resource
    except ImportError:        # Windows
        return 512
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = 8192 if hard == resource.RLIM_INFINITY else min(8192, hard)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
    return 8192 if soft == resource.RLIM_INFINITY else soft


class Reloader:
    """The number of finished builds; waiting pages are woken when it moves on."""

    def __init__(self) -> None:
        self.version = 0
        self._changed = threading.Condition()

    def bump(self) -> None:
        with self._changed:
            self.version += 1
            self._changed.notify_all()

    def wait(self, seen: int, timeout: float) -> int:
        with self._changed:
            self._changed.wait_for(lambda: self.version != seen, timeout)
            return self.version


def reload_script(version: int) -> bytes:
    return (f'<script>new EventSource("{EVENTS_PATH}?since={version}").onmessage='
            f'function(){{location.reload()}};</script>\n').encode()


def inject(page: bytes, version: int) -> bytes:
    """The page with the reload script before its last </body> (or at its end)."""
    matches = list(re.finditer(rb"</body\s*>", page, re.IGNORECASE))
    at = matches[-1].start() if matches else len(page)
    return page[:at] + reload_script(version) + page[at:]


def watched_paths(root: Path) -> list[Path]:
    return [path for path in (root / "content", root / "locales", root / "templates",
                              root / PROJECT_FILE) if path.exists()]


def is_input(change, path: str) -> bool:
    """Edits that can change the export: not compiled catalogs, temporary or editor files."""
    name = os.path.basename(path)
    return not (name.endswith((".mo", ".tmp", "~", ".swp", ".swx")) or name.startswith((".#", "#")))


def make_handler(directory: Path, reloader: Reloader, stopping: threading.Event):
    root = directory.resolve()

    class Handler(SimpleHTTPRequestHandler):
        timeout = REQUEST_SECONDS

        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(directory), **kwargs)

        def log_message(self, format, *args):   # noqa: A002 - the base class's name
            pass

        def setup(self) -> None:
            super().setup()       # then the head the waiting room read, before the socket's rest
            self.rfile.close()
            self.rfile = io.BufferedReader(_Replay(self.server.heads.pop(self.connection, b""),
                                                   self.connection))

        def handle_one_request(self) -> None:
            try:
                super().handle_one_request()
            except OSError:             # the client went away, or took too long
                self.close_connection = True
            except Exception:           # a bug of ours: a status, not a dropped connection
                self.close_connection = True
                with contextlib.suppress(Exception):
                    self.send_error(HTTPStatus.INTERNAL_SERVER_ERROR)

        def parse_request(self) -> bool:
            """The request, then: a Host of this machine (DNS rebinding), a bounded path."""
            if not super().parse_request():
                return False
            if not self.server.allows(self.headers.get("Host")):
                self.send_error(HTTPStatus.BAD_REQUEST, "Unknown Host: publisher serve answers "
                                "for this machine's names only")
                return False
            path = urlsplit(self.path).path     # a query is the handler's to judge (since=)
            if len(path) > MAX_PATH or path.count("/") > MAX_SEGMENTS:
                self.send_error(HTTPStatus.REQUEST_URI_TOO_LONG)
                return False
            return True

        def translate_path(self, path: str) -> str:
            """The file a URL names; for one that may not be served (see served), a name under
            the export that no build makes, so that GET and HEAD both answer 404."""
            local = super().translate_path(path)
            return local if served(root, local) else str(root / ".publisher-refused" / "-")

        def do_GET(self):
            url = urlsplit(self.path)
            if url.path == EVENTS_PATH:
                since = parse_qs(url.query).get("since", ["-1"])[0]
                if since != "-1" and not (since.isdigit() and len(since) <= 18):
                    return self.send_error(HTTPStatus.BAD_REQUEST, "since takes a build number")
                return self.events(int(since))
            # The build's bookkeeping (.publisher-manifest.json, .publisher.lock) is not the site.
            if any(part.startswith(".") for part in PurePosixPath(unquote(url.path)).parts):
                return self.not_found()
            local = Path(self.translate_path(self.path))
            if local.is_dir() and url.path.endswith("/"):
                local = local / "index.html"
            if local.is_file() and local.suffix == ".html":
                return self.send_page(local, HTTPStatus.OK)
            if not local.exists():
                return self.not_found()
            return super().do_GET()

        def not_found(self) -> None:
            """The site's own 404 page, as a web server would answer (or the plain one)."""
            if (directory / "404.html").is_file():
                return self.send_page(directory / "404.html", HTTPStatus.NOT_FOUND)
            return self.send_error(HTTPStatus.NOT_FOUND, "File not found")   # as the base class says it

        def send_page(self, path: Path, status: HTTPStatus) -> None:
            body = inject(path.read_bytes(), reloader.version)
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def events(self, seen: int) -> None:
            if (stream := self.server.stream()) is None:
                return self.send_error(HTTPStatus.SERVICE_UNAVAILABLE, "Too many pages open")
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            try:
                if seen < 0:
                    seen = reloader.version
                while not stopping.is_set():
                    version = reloader.wait(seen, KEEPALIVE_SECONDS)
                    if version != seen:
                        self.wfile.write(f"data: {version}\n\n".encode())
                        seen = version
                    else:
                        self.wfile.write(b": still here\n\n")
                    self.wfile.flush()
            except OSError:         # the page went away, or stopped reading
                pass
            finally:
                stream.release()

    return Handler


class DevServer:
    """Build once, then serve and rebuild on change until stop()."""

    def __init__(self, root: Path, options: BuildOptions = BuildOptions(), host: str = "127.0.0.1",
                 port: int = 8000, echo=print, report=None):
        self.root = Path(root).resolve()
        # One PDF worker (publisher.build.parallel: forked by a fork server, never by this
        # process, which runs HTTP threads): the machine stays free for the browser.
        options = replace(options, jobs=1)
        self.options = options
        self.echo = echo     # progress lines
        # Problems, formatted by the caller (the CLI); by default as the CLI would print them.
        self.report = report or (lambda d: echo(f"{d.level}: {d.location}: {d.message}"))
        self.reloader = Reloader()
        self.stopping = threading.Event()
        result = self.rebuild()          # errors here stop the command: nothing to serve
        self.output_dir = result.output_dir
        # Later builds go where the first went, whatever publisher.toml says by then.
        self.options = replace(options, output_dir=result.output_dir)
        self.httpd = LocalServer((host, port),
                                 make_handler(self.output_dir, self.reloader, self.stopping), host)
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/"

    def rebuild(self) -> BuildResult:
        result = build(load_project(self.root), self.options)
        self.echo(f"built: {len(result.written)} file(s) written, {len(result.unchanged)} unchanged")
        return result

    def watch(self) -> None:
        from watchfiles import watch

        for changes in watch(*watched_paths(self.root), watch_filter=is_input,
                             stop_event=self.stopping, raise_interrupt=False):
            names = sorted({os.path.relpath(path, self.root) for _, path in changes})
            self.echo(f"changed: {', '.join(names)}")
            try:
                result = self.rebuild()
            except PublisherError as error:   # keep serving the last good build
                for diagnostic in error.diagnostics:
                    self.report(diagnostic)
                continue
            if result.written:
                self.reloader.bump()

    def start(self) -> None:
        """Serve and watch in background threads (for tests and embedding)."""
        for target in (self.httpd.serve_forever, self.watch):
            thread = threading.Thread(target=target, daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        for thread in self._threads:
            thread.join(timeout=10)

    def serve_forever(self) -> None:
        self.start()
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
        finally:
            self.stop()
