"""Hostile and broken input: resources, paths, markup, crashes, concurrent builds and sizes.

Each test feeds what a careless or malicious translator, editor or translation platform could
produce, and checks what a user would: the error names the file, nothing is written or
half-written, and no page carries script, event handlers or foreign resources.
"""

import datetime as dt
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path, PurePosixPath

import pytest

from helpers import replace_in, tree_snapshot
from htmlcheck import Page

from publisher.po import catalog as catalogs_module
from publisher.build import BuildOptions, build
from publisher.build.plan import gather
from publisher.config import load_project
from publisher.errors import CatalogError, ConfigError, OutputError, SourceError
from publisher.limits import MAX_BLOCK_CHARS, MAX_CATALOG_BYTES, MAX_DATA_URL_BYTES, MAX_IMAGE_PIXELS, MAX_SOURCE_BYTES
from publisher.build.lock import LOCK_NAME, output_lock
from publisher.render.pdf import render_pdf
from publisher.render.site import refuse_case_clashes
from publisher.sources import load_sources

DATE = dt.date(2024, 11, 8)
PUBLISHER = str(Path(sys.executable).parent / "publisher")
AZ_PO = "locales/az/LC_MESSAGES/note.po"


def html(body: str, head: str = "") -> str:
    return f'<!DOCTYPE html><html lang="az"><head><title>T</title>{head}</head><body>{body}</body></html>'


def prepend(path: Path, text: str) -> None:
    path.write_text(text + path.read_text(encoding="utf-8"), encoding="utf-8")


# ------------------------------------------------------------------ resource loading

def png(path: Path, width: int, height: int) -> Path:
    from PIL import Image
    Image.new("1", (width, height)).save(path)     # 1 bit a pixel: small on disk, huge decoded
    return path


def test_a_small_data_url_loads(tmp_path):
    dot = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
    assert render_pdf(html(f'<img src="{dot}" alt="">'), tmp_path, (tmp_path,), DATE).startswith(b"%PDF")


def test_a_data_url_over_the_limit_is_refused(tmp_path):
    url = "data:text/css;base64," + "A" * MAX_DATA_URL_BYTES
    with pytest.raises(OutputError, match=r"refused a data: URL of .* the limit is"):
        render_pdf(html("<p>x</p>", f'<link rel="stylesheet" href="{url}">'), tmp_path, (tmp_path,), DATE)


def test_a_50_megapixel_image_is_refused_before_it_is_decoded(tmp_path):
    png(tmp_path / "poster.png", 8000, 6250)
    assert 8000 * 6250 > MAX_IMAGE_PIXELS
    with pytest.raises(OutputError, match=r"8000 x 6250 pixels is over the limit"):
        render_pdf(html('<img src="poster.png" alt="">'), tmp_path, (tmp_path,), DATE)


def test_an_image_within_the_limit_loads(tmp_path):
    png(tmp_path / "logo.png", 400, 300)
    assert render_pdf(html('<img src="logo.png" alt="">'), tmp_path, (tmp_path,), DATE).startswith(b"%PDF")


def test_an_oversized_resource_is_refused_before_it_is_read(tmp_path, monkeypatch):
    import publisher.render.pdf
    monkeypatch.setattr(publisher.render.pdf, "MAX_RESOURCE_BYTES", 1000)
    (tmp_path / "big.css").write_text("p { color: red }\n" * 100)
    with pytest.raises(OutputError, match="over the limit"):
        render_pdf(html("<p>x</p>", '<link rel="stylesheet" href="big.css">'), tmp_path, (tmp_path,), DATE)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "http://127.0.0.1:9/x.css",
                                 "https://example.org/x.css", "ftp://example.org/x.css"])
def test_a_template_reaching_outside_fails_the_build_and_writes_nothing(sample_dir, url):
    prepend(sample_dir / "templates/handout.css", f'@import url("{url}");\n')
    with pytest.raises(OutputError, match="refused to load"):
        build(load_project(sample_dir), BuildOptions(formats=("pdf",)))
    assert not (sample_dir / "out").exists()


def test_a_symlinked_font_leaving_the_project_is_refused(sample_dir, tmp_path):
    outside = tmp_path / "outside.css"
    outside.write_text("p { color: red }")
    (sample_dir / "templates/extra.css").symlink_to(outside)
    prepend(sample_dir / "templates/handout.css", '@import url("extra.css");\n')
    with pytest.raises(OutputError, match="outside the project's asset folders"):
        build(load_project(sample_dir), BuildOptions(formats=("pdf",)))


# ------------------------------------------------------------------ paths

def test_locales_differing_only_in_case_are_refused(sample_dir):
    replace_in(sample_dir / "publisher.toml", 'locales = ["en", "az"]', 'locales = ["en", "az", "AZ"]')
    with pytest.raises(ConfigError, match="'AZ' and 'az' differ only in case"):
        load_project(sample_dir)


def test_output_names_differing_only_in_case_are_refused():
    with pytest.raises(OutputError, match="differ only in case"):
        refuse_case_clashes([PurePosixPath("az/note.html"), PurePosixPath("az/Note.html")])
    refuse_case_clashes([PurePosixPath("az/note.html"), PurePosixPath("en/note.html")])


def test_a_symlink_in_the_output_folder_cannot_redirect_a_write(sample_dir, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (sample_dir / "out").mkdir()
    (sample_dir / "out/az").symlink_to(elsewhere)
    with pytest.raises(OutputError, match="would be written outside"):
        build(load_project(sample_dir), BuildOptions(formats=("html",)))
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("slug", ["../../outside", "a/b", "CON.html", ".hidden", "x" * 81])
def test_an_unsafe_slug_is_refused_before_anything_is_written(sample_dir, slug):
    replace_in(sample_dir / "content/note.md", 'title = ', f'slug = "{slug}"\ntitle = ')
    with pytest.raises(SourceError, match="is not a safe file name"):
        build(load_project(sample_dir))
    assert not (sample_dir / "out").exists()


# ------------------------------------------------------------------ markup

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<style>body { display: none }</style>",
    "[a](javascript:alert(1))",
    "[b](JaVaScRiPt:alert(1))",
    "[c](&#106;avascript:alert(1))",
    "[d](vbscript:msgbox(1))",
    "[e](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<javascript:alert(1)>",
    '<a href="https://x.org" onclick="alert(1)">f</a>',
    '</script><script>alert(1)</script>',
    '"; } body { display: none } /*',
]


def unsafe_in(page_text: str) -> list[str]:
    page = Page(page_text)
    found = []
    for tag, attributes in page.tags:
        if tag == "script" and attributes.get("type") != "application/ld+json":
            found.append(f"<script {attributes}>")
        if tag in ("iframe", "object", "embed", "img", "svg", "math", "form"):
            found.append(f"<{tag}>")
        found += [f"{tag} {name}=" for name in attributes if name.lower().startswith("on")]
        for name in ("href", "src", "action", "formaction"):
            value = (attributes.get(name) or "").strip().lower()
            if value.startswith(("javascript:", "vbscript:", "data:")):
                found.append(f"{tag} {name}={value[:30]}")
    return found


def style_rules(page_text: str) -> list[str]:
    """The CSS the page's <style> elements hold, as rules (selector + braces)."""
    css = "".join(re.findall(r"<style[^>]*>(.*?)</style>", page_text, re.S))
    css = re.sub(r'"(?:[^"\\]|\\.)*"', '""', css)       # quoted strings are content, not rules
    return re.findall(r"[^{}]*\{", css)


def test_hostile_content_and_msgstr_render_as_text(sample_dir, monkeypatch):
    """Even with the catalog check that refuses such msgstr switched off, the renderer itself
    turns every hostile string into text: defence in depth."""
    clean = gather(load_project(sample_dir), load_sources(load_project(sample_dir)), BuildOptions())
    clean_rules = [style_rules(h.html) for h in clean.handouts]

    import publisher.po.catalog
    monkeypatch.setattr(publisher.po.catalog, "unsafe_markup", lambda *args: [])
    hostile = " ".join(HOSTILE)
    replace_in(sample_dir / "content/note.md", "The end.", f"The end.\n\n{hostile}")
    replace_in(sample_dir / "content/note.md", 'title = "Independence Day"',
               'title = "Independence Day </title><script>alert(1)</script> \\"; } body { display: none } /*"')
    po = sample_dir / AZ_PO
    text = po.read_text(encoding="utf-8")
    escaped = hostile.replace("\\", "\\\\").replace('"', '\\"')
    text = re.sub(r'(#\. paragraph\n(?:#.*\n)*msgid (?:".*"\n)+msgstr )(?:".*"\n)+',
                  lambda m: m.group(1) + f'"{escaped}"\n', text)
    po.write_text(text, encoding="utf-8")

    project = load_project(sample_dir)
    plan = gather(project, load_sources(project), BuildOptions())
    from publisher.build.plan import render_pages
    pages = render_pages(plan, {})
    assert pages
    for path, page_text in pages.items():
        assert unsafe_in(page_text) == [], path
        assert "<script>alert" not in page_text and "<style>body" not in page_text
    az = pages[PurePosixPath("az/note.html")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in az      # shown, as text
    assert [style_rules(h.html) for h in plan.handouts] == clean_rules
    for handout in plan.handouts:
        assert unsafe_in(handout.html) == []


# ------------------------------------------------------------------ crash safety

def multiply(root: Path, count: int) -> None:
    """Give the sample project ``count`` publications, so that a build writes many files."""
    note = (root / "content/note.md").read_text(encoding="utf-8")
    for number in range(count):
        (root / f"content/note-{number:02d}.md").write_text(note, encoding="utf-8")
    subprocess.run([PUBLISHER, "-C", str(root), "update", "-q"], check=True, env=ENV)


ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1731024000"}


def versions(root: Path, command: list[str], change, folder: str) -> tuple[dict, dict]:
    """The tree of ``folder`` after ``command`` on the inputs as they are, and after ``change``."""
    subprocess.run([PUBLISHER, "-C", str(root), *command], check=True, env=ENV, capture_output=True)
    old = tree_snapshot(root / folder)
    change(root)
    subprocess.run([PUBLISHER, "-C", str(root), *command], check=True, env=ENV, capture_output=True)
    new = tree_snapshot(root / folder)
    return old, new


def kill_at_random(root: Path, command: list[str], seconds: float, rounds: int, restore, check):
    rng = random.Random(7)
    for _ in range(rounds):
        restore(root)
        process = subprocess.Popen([PUBLISHER, "-C", str(root), *command], env=ENV,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, seconds))
        process.send_signal(signal.SIGKILL)
        process.wait()
        check()


def whole_files(tree: dict[str, bytes]) -> dict[str, bytes]:
    return {path: data for path, data in tree.items()
            if not Path(path).name.startswith(".")}


@pytest.mark.parametrize("formats, copies, rounds", [(["html"], 12, 12), (["html", "pdf"], 2, 5)],
                         ids=["html", "html+pdf"])
def test_a_build_killed_at_any_moment_leaves_old_or_new_files(sample_dir, formats, copies, rounds):
    """And the manifest never makes a later build keep a stale handout."""
    multiply(sample_dir, copies)
    toml = sample_dir / "publisher.toml"
    original = toml.read_text(encoding="utf-8")

    def retitle(root: Path) -> None:       # a new site title and page size: every file changes
        toml.write_text(original.replace('title = "Sample press office"', 'title = "Sample press office, renamed"')
                        .replace("[project]\n", '[project]\npage_size = "A5"\n'), encoding="utf-8")

    command = ["build", *(f"--format={name}" for name in formats), "-q"]
    start = time.perf_counter()
    old, new = versions(sample_dir, command, retitle, "out")
    duration = (time.perf_counter() - start) / 2
    assert set(whole_files(old)) == set(whole_files(new))
    assert [p for p in whole_files(old) if old[p] != new[p]]
    assert all(old[p] != new[p] for p in whole_files(old) if p.endswith(".pdf"))

    def check() -> None:
        for path, data in whole_files(tree_snapshot(sample_dir / "out")).items():
            assert data in (old[path], new[path]), f"{path} is neither the old nor the new version"

    flip = iter(range(1000))
    kill_at_random(sample_dir, command, duration * 1.2, rounds,
                   lambda root: retitle(root) if next(flip) % 2 else toml.write_text(original, encoding="utf-8"),
                   check)
    retitle(sample_dir)
    subprocess.run([PUBLISHER, "-C", str(sample_dir), *command], check=True, env=ENV)
    assert whole_files(tree_snapshot(sample_dir / "out")) == whole_files(new)
    assert not list((sample_dir / "out").rglob("*.tmp")), "stale temporary files were not removed"


def test_an_update_killed_at_any_moment_leaves_no_catalog_half_written(sample_dir):
    multiply(sample_dir, 12)
    sources = sorted((sample_dir / "content").glob("*.md"))
    originals = {path: path.read_text(encoding="utf-8") for path in sources}

    def edit(root: Path) -> None:          # every publication's paragraph changes: fuzzy
        for path, text in originals.items():
            path.write_text(text.replace("The end.", "The very end."), encoding="utf-8")

    old, new = versions(sample_dir, ["update", "-q"], edit, "locales")
    assert [p for p in old if old[p] != new.get(p)]
    state = iter(range(1000))

    def restore(root: Path) -> None:
        for path, data in old.items():
            (root / "locales" / path).write_bytes(data)
        for path, text in originals.items():
            path.write_text(text, encoding="utf-8")
        if next(state) % 2:
            edit(root)

    def check() -> None:
        for path, data in whole_files(tree_snapshot(sample_dir / "locales")).items():
            if not path.endswith(".tmp"):
                assert data in (old[path], new[path]), f"{path} is half-written"
            catalogs_module.parse_catalog(data, path)    # every catalog still reads

    kill_at_random(sample_dir, ["update", "-q"], 1.0, 10, restore, check)


def test_a_second_build_waits_for_the_first_and_says_why(sample_dir):
    out = sample_dir / "out"
    with output_lock(out):
        process = subprocess.Popen([PUBLISHER, "-C", str(sample_dir), "build", "--format", "html", "-q"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
        waited = ""
        deadline = time.monotonic() + 60
        while "waiting" not in waited and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.1)
            waited = (out / LOCK_NAME).exists() and _peek(process)
        assert process.poll() is None, "the second build did not wait for the lock"
        assert not (out / "index.html").exists()
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    assert f"waiting: another build is writing to {out}" in waited + stderr
    assert (out / "index.html").exists()


def _peek(process: subprocess.Popen) -> str:
    """What the process has written to stderr so far, without blocking."""
    import select
    ready, _, _ = select.select([process.stderr], [], [], 0)
    return os.read(process.stderr.fileno(), 4096).decode() if ready else ""


# ------------------------------------------------------------------ resource limits

def test_a_huge_source_is_refused_before_it_is_parsed(sample_dir):
    big = sample_dir / "content/huge.md"
    big.write_text("+++\ntitle = \"T\"\ndate = 2024-01-01\n+++\n\n" + "word " * (MAX_SOURCE_BYTES // 5))
    with pytest.raises(SourceError, match=r"content/huge.md: too large to read: 1.0 MB, the limit is 1.0 MB"):
        load_sources(load_project(sample_dir))


def test_a_pathological_block_is_refused_with_its_line(sample_dir):
    (sample_dir / "content/brackets.md").write_text(
        "+++\ntitle = \"T\"\ndate = 2024-01-01\n+++\n\nFine.\n\n" + "[" * (MAX_BLOCK_CHARS + 1) + "\n")
    with pytest.raises(SourceError, match=r"content/brackets.md:8: a block of 100,00[12] characters is too long"):
        load_sources(load_project(sample_dir))


@pytest.mark.parametrize("body", ["> " * 50_000 + "deep\n",
                                  "".join("  " * i + "- x\n" for i in range(2000)),
                                  "*" * 50_000 + "\n"])
def test_deeply_nested_markdown_gives_an_error_or_text_not_a_hang(sample_dir, body):
    (sample_dir / "content/deep.md").write_text("+++\ntitle = \"T\"\ndate = 2024-01-01\n+++\n\n" + body)
    try:
        sources = load_sources(load_project(sample_dir))
    except SourceError as error:
        assert "content/deep.md" in str(error)
    else:
        assert any(source.slug == "deep" for source in sources)


def test_a_100_mb_catalog_is_refused_before_it_is_read(sample_dir):
    po = sample_dir / AZ_PO
    with po.open("ab") as handle:            # sparse: no 100 MB actually written to disk
        handle.truncate(100_000_000)
    assert po.stat().st_size > MAX_CATALOG_BYTES
    with pytest.raises(CatalogError, match=r"note.po: too large to read: 100.0 MB, the limit is 32.0 MB"):
        catalogs_module.read_catalog(po, AZ_PO)
    result = subprocess.run([PUBLISHER, "-C", str(sample_dir), "build", "--format", "html"],
                            capture_output=True, text=True, env=ENV, timeout=120)
    assert result.returncode == 1
    assert f"error: {AZ_PO}: too large to read" in result.stderr


def children(pid: int) -> list[int]:
    try:
        return [int(n) for n in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_pdf_workers_of_a_killed_build_neither_linger_nor_keep_the_lock(sample_dir):
    import fcntl
    multiply(sample_dir, 6)
    process = subprocess.Popen([PUBLISHER, "-C", str(sample_dir), "build", "--format", "pdf", "--jobs", "2",
                                "-q"], env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while len(children(process.pid)) < 2 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    workers = children(process.pid)
    assert len(workers) >= 2, "the build started no PDF workers"
    process.send_signal(signal.SIGKILL)
    process.wait()
    lock = os.open(sample_dir / "out" / LOCK_NAME, os.O_RDWR)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                assert time.monotonic() < deadline, "the killed build's workers still hold the lock"
                time.sleep(0.1)
    finally:
        os.close(lock)
    deadline = time.monotonic() + 30
    while any(Path(f"/proc/{pid}").exists() and "publisher" in Path(f"/proc/{pid}/cmdline").read_text(errors="replace")
              for pid in workers):
        assert time.monotonic() < deadline, "the killed build's workers are still running"
        time.sleep(0.1)
