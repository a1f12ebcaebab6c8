"""The PDF writer: confined resource loading and reproducible bytes."""

import datetime as dt
import sys

import pytest
from pypdf import PdfReader

from publisher.errors import OutputError
from publisher.pdf import harfbuzz_subset_available, render_pdf

DATE = dt.date(2024, 11, 8)


def html(body: str, head: str = "") -> str:
    return f'<!DOCTYPE html><html lang="az"><head><title>T</title>{head}</head><body>{body}</body></html>'


def test_same_html_gives_the_same_bytes(tmp_path):
    page = html("<p>Zəfər Günü İlham Əliyev Şuşa</p>")
    assert render_pdf(page, tmp_path, (tmp_path,), DATE) == render_pdf(page, tmp_path, (tmp_path,), DATE)


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/x.css", "https://example.org/x.css"])
def test_network_is_refused(tmp_path, url):
    with pytest.raises(OutputError, match="refused to load"):
        render_pdf(html("<p>x</p>", f'<link rel="stylesheet" href="{url}">'), tmp_path, (tmp_path,), DATE)


def test_files_outside_the_assets_are_refused(tmp_path):
    assets = tmp_path / "assets"
    assets.mkdir()
    secret = tmp_path / "secret.css"
    secret.write_text("p { color: red }")
    (assets / "link.css").symlink_to(secret)
    for href in (secret.as_uri(), "link.css", "../secret.css"):
        with pytest.raises(OutputError, match="outside the project's asset folders"):
            render_pdf(html("<p>x</p>", f'<link rel="stylesheet" href="{href}">'), assets, (assets,), DATE)


def test_attachments_outside_are_not_embedded(tmp_path):
    with pytest.raises(OutputError):
        render_pdf(html('<a rel="attachment" href="file:///etc/hostname">x</a>'), tmp_path, (tmp_path,), DATE)


def test_allowed_assets_load(tmp_path):
    (tmp_path / "s.css").write_text("@page { size: A5 }")
    pdf = tmp_path / "out.pdf"
    pdf.write_bytes(render_pdf(html("<p>x</p>", '<link rel="stylesheet" href="s.css">'), tmp_path, (tmp_path,), DATE))
    box = PdfReader(pdf).pages[0].mediabox
    assert (round(box.width), round(box.height)) == (420, 595)


def test_weasyprint_is_not_imported_by_the_cli():
    import subprocess
    code = "import publisher.cli, publisher.build, sys; print('weasyprint' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_harfbuzz_subset_is_detected():
    assert isinstance(harfbuzz_subset_available(), bool)
