"""``publisher serve``: build, serve the export on localhost, rebuild when a source, catalog,
template or publisher.toml changes, and reload the pages open in a browser.

Changes are reported by watchfiles (the operating system's file events, no polling loop of
ours). The reload is a few lines of script added to each HTML response by this server only,
never to the built files: the page listens to server-sent events and reloads when a build
has finished.
"""

from __future__ import annotations

import os
import re
import threading
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
    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(directory), **kwargs)

        def log_message(self, format, *args):   # noqa: A002 - the base class's name
            pass

        def do_GET(self):
            url = urlsplit(self.path)
            if url.path == EVENTS_PATH:
                since = parse_qs(url.query).get("since", ["-1"])[0]
                return self.events(int(since) if since.lstrip("-").isdigit() else -1)
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
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


class DevServer:
    """Build once, then serve and rebuild on change until stop()."""

    def __init__(self, root: Path, options: BuildOptions = BuildOptions(), host: str = "127.0.0.1",
                 port: int = 8000, echo=print, report=None):
        self.root = Path(root).resolve()
        # PDFs rendered in this process, never by a pool of workers: forking a process that
        # runs HTTP threads can copy a lock some thread holds, and the child waits forever.
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
        self.httpd = ThreadingHTTPServer((host, port),
                                         make_handler(self.output_dir, self.reloader, self.stopping))
        self.httpd.daemon_threads = True
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
