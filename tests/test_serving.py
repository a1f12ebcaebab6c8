"""publisher serve answers this machine only, serves real files of the export only, and stays
bounded under load (issue 14): a bounded pool answering the newest connection first, a deadline
for a request, a status for every request and never a traceback."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from publisher import serve
from publisher.build import BuildOptions
from publisher.serve import DevServer, local_host, served


@pytest.fixture
def server(sample_dir, tmp_path):
    running = DevServer(sample_dir, BuildOptions(formats=("html",), output_dir=tmp_path / "out"),
                        port=0, echo=lambda line: None)
    running.start()
    yield running
    running.stop()


def ask(server, raw: str, timeout: float = 10) -> tuple[int, bytes]:
    """One request on a fresh connection: its status and what came back."""
    port = server.httpd.server_address[1]
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        connection.sendall(raw.encode("utf-8", "surrogateescape"))
        data = b""
        while chunk := connection.recv(65536):
            data += chunk
            if b"text/event-stream" in data:
                break
    return int(data.split(b" ", 2)[1]), data


def get(path: str, host: str = "127.0.0.1", method: str = "GET") -> str:
    return f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"


@pytest.mark.parametrize("host, status", [
    ("127.0.0.1", 200), ("localhost", 200), ("[::1]", 200), ("attacker.example", 400),
    ("attacker.example:{port}", 400), ("localhost:1", 400), ("127.0.0.1:{port}", 200)])
def test_only_this_machines_names_are_answered(server, host, status):
    port = server.httpd.server_address[1]
    code, body = ask(server, get("/az/note.html", host.format(port=port)))
    assert code == status
    assert (b"M\xc3\xbcst\xc9\x99qillik" in body) is (status == 200)     # "Müstəqillik"


def test_the_names_serve_listens_on_are_its_own():
    names = frozenset({"press.local"})
    assert local_host("press.local:8000", names, 8000) and local_host("192.168.1.5:8000", names, 8000)
    assert not local_host("press.local.attacker.example", names, 8000)
    assert local_host(None, names, 8000)            # HTTP/1.0 sends no Host


@pytest.mark.parametrize("method", ["GET", "HEAD"])
@pytest.mark.parametrize("path", ["/.publisher-manifest.json", "/.publisher-output", "/.publisher.lock",
                                  "/az/../.publisher-manifest.json", "/leak.txt", "/az/leak.html",
                                  "/linked/note.html"])
def test_bookkeeping_and_symlinks_are_not_found(server, tmp_path, path, method):
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    out = server.output_dir
    (out / "leak.txt").symlink_to(secret)
    (out / "az" / "leak.html").symlink_to(secret)
    (out / "linked").symlink_to(out / "az")          # a folder inside, reached through a link
    code, body = ask(server, get(path, method=method))
    assert code == 404 and b"root:x:0:0" not in body


def test_what_may_be_served(tmp_path):
    (tmp_path / "az").mkdir()
    (tmp_path / "az" / "note.html").write_text("x", encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "az")
    assert served(tmp_path, str(tmp_path / "az" / "note.html"))
    assert served(tmp_path, str(tmp_path / "az" / "missing.html"))          # the site's 404
    assert not served(tmp_path, str(tmp_path / "link" / "note.html"))
    assert not served(tmp_path, str(tmp_path / ".publisher-manifest.json"))
    assert not served(tmp_path, str(tmp_path.parent))
    assert not served(tmp_path, str(tmp_path / ("a" * 300) / "b"))          # ENAMETOOLONG: no


@pytest.mark.parametrize("raw, status", [
    (get("/a" * 5000), 414), (get("/" + "a" * 300 + "/x.html"), 404),
    (get("/__publisher__/events?since=" + "9" * 5000), 400),
    (get("/__publisher__/events?since=x"), 400), (get("/__publisher__/events?since=0"), 200),
    ("GET / HTTP/1.1\r\n" + "X-A: b\r\n" * 200 + "\r\n", 431), ("GET /\x00 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 404)])
def test_every_request_gets_a_status(server, raw, status):
    assert ask(server, raw)[0] == status


def test_a_flood_of_half_sent_requests_neither_grows_the_threads_nor_stops_a_fresh_one(server):
    port = server.httpd.server_address[1]
    before = threading.active_count()
    held = []
    for _ in range(300):
        connection = socket.create_connection(("127.0.0.1", port))
        connection.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")      # never finished
        held.append(connection)
    try:
        time.sleep(0.5)
        start = time.monotonic()
        assert ask(server, get("/az/note.html"), timeout=30)[0] == 200
        assert time.monotonic() - start < serve.REQUEST_SECONDS + 5
        assert threading.active_count() <= before + 2
    finally:
        for connection in held:
            connection.close()


def test_a_slow_client_is_let_go(server):
    port = server.httpd.server_address[1]
    with socket.create_connection(("127.0.0.1", port)) as connection:
        connection.sendall(b"GET / HTTP/1.1\r\n")
        connection.settimeout(serve.REQUEST_SECONDS + 10)
        assert connection.recv(100) == b""           # closed once its time was up


def test_event_streams_are_capped(server):
    port = server.httpd.server_address[1]
    streams = []
    try:
        for _ in range(serve.STREAMS):
            connection = socket.create_connection(("127.0.0.1", port), timeout=10)
            connection.sendall(get("/__publisher__/events?since=0").encode())
            assert b" 200 " in connection.recv(1024)
            streams.append(connection)
        assert ask(server, get("/__publisher__/events?since=0"))[0] == 503
        assert ask(server, get("/az/note.html"))[0] == 200        # pages are still answered
    finally:
        for connection in streams:
            connection.close()


def test_nothing_is_printed_for_clients_that_go_away(server, capfd):
    port = server.httpd.server_address[1]
    for _ in range(20):
        connection = socket.create_connection(("127.0.0.1", port))
        connection.sendall(get("/az/note.html").encode()[:20])
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        connection.close()                           # a reset, mid-request
    assert ask(server, get("/az/note.html"))[0] == 200
    assert "Traceback" not in capfd.readouterr().err
