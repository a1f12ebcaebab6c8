"""publisher serve (publisher.serve): the export served on localhost, rebuilt when a catalog
changes and reloaded in the browser, never through a pool of forked processes."""

import threading
import urllib.request
from urllib.parse import urljoin

import pytest
from click.testing import CliRunner

from publisher import FORMATS, serve
from publisher.build import BuildOptions
from publisher.cli import cli
from publisher.serve import EVENTS_PATH, DevServer


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_serve_rebuilds_and_reloads(project_dir, tmp_path):
    pytest.importorskip("watchfiles")

    out = tmp_path / "out"
    lines: list[str] = []
    server = DevServer(project_dir, BuildOptions(formats=("html",), output_dir=out), port=0,
                       echo=lines.append)
    server.start()
    try:
        status, page = get(urljoin(server.url, "az/victory-day-2024.html"))
        assert status == 200 and "Zəfər Günü" in page
        assert f'new EventSource("{EVENTS_PATH}?since=0")' in page
        assert "EventSource" not in (out / "az" / "victory-day-2024.html").read_text(encoding="utf-8")
        status, missing = get(urljoin(server.url, "az/nowhere.html"))
        assert status == 404 and "Səhifə tapılmadı" in missing
        assert (out / ".publisher-manifest.json").is_file()      # there, but not served
        assert get(urljoin(server.url, ".publisher-manifest.json"))[0] == 404
        status, folder = get(urljoin(server.url, "az/"))
        assert status == 200 and "Bütün materiallar" not in folder and "Zəfər Günü" in folder

        # A page waits for the next build's event; a translator edits the catalog.
        events: list[bytes] = []
        stream = urllib.request.urlopen(urljoin(server.url, EVENTS_PATH + "?since=0"), timeout=30)
        reader = threading.Thread(target=lambda: events.append(stream.readline()), daemon=True)
        reader.start()
        po = project_dir / "locales/az/LC_MESSAGES/victory-day-2024.po"
        po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Zəfər Günü"',
                                                             'msgstr "Zəfər Günü!"', 1),
                      encoding="utf-8")
        reader.join(timeout=30)
        stream.close()
        assert events == [b"data: 1\n"], lines
        assert "Zəfər Günü!" in get(urljoin(server.url, "az/victory-day-2024.html"))[1]
        assert any(line.startswith("changed: locales") for line in lines), lines
    finally:
        server.stop()


def test_serve_builds_in_its_own_process_never_forking_a_pool(project_dir, tmp_path, monkeypatch):
    # the server runs HTTP threads while it rebuilds: a forked PDF worker could inherit a
    # held lock, so every build of serve asks for one job whatever it was given
    seen = []
    real_build = serve.build
    # DevServer takes no builder to spy on: the seam is the name build() is looked up by when
    # serve calls it, publisher.serve.build. Were serve to call it by another name, seen would
    # stay empty and the assertion below would say so.
    monkeypatch.setattr(serve, "build", lambda project, options: seen.append(options.jobs)
                        or real_build(project, options))
    server = serve.DevServer(project_dir, BuildOptions(formats=("html",), output_dir=tmp_path / "o",
                                                       jobs=8), port=0, echo=lambda line: None)
    try:
        server.rebuild()
        assert seen == [1, 1] and server.options.jobs == 1
    finally:
        server.httpd.server_close()


def test_serve_offers_every_format_build_does():
    def choices(command: str) -> list[str]:
        return next(p.type.choices for p in cli.commands[command].params if p.name == "formats")
    assert list(choices("serve")) == list(choices("build")) == list(FORMATS)
    assert CliRunner().invoke(cli, ["serve", "--help"]).exit_code == 0
