"""Every file publisher reads from a project goes through one function (fileio.open_confined):
a symlink out of its folder, a file that is no regular file, a file over its limit are refused
before a byte is read, whoever asks: the sources, the templates (Jinja2's loader, extraction),
the assets copied into the export, the catalogs, the glossary, the digest of an incremental
build, the PDF fetcher (issue 14)."""

from __future__ import annotations

import os
import re
from gettext import NullTranslations
from pathlib import Path

import pytest

from publisher.build import BuildOptions, build
from publisher.build.incremental import input_digest
from publisher.checks.glossary import read_glossary
from publisher.commands import extract
from publisher.config import load_project
from publisher.errors import PublisherError, TemplateError
from publisher.fileio import open_confined, read_bytes
from publisher.po.catalog import CatalogStore
from publisher.render.templates import make_environment, render_template
from publisher.sources import load_sources

SECRET = "CI_TOKEN=hunter2-secret\n"


@pytest.fixture
def outside(tmp_path) -> Path:
    """A file elsewhere on the machine (a secret)."""
    path = tmp_path / "elsewhere" / "secret.txt"
    path.parent.mkdir()
    path.write_text(SECRET, encoding="utf-8")
    return path


def test_a_file_inside_its_folder_is_read(tmp_path):
    (tmp_path / "a.txt").write_text("ə", encoding="utf-8")
    assert read_bytes(tmp_path / "a.txt", "a.txt", roots=(tmp_path,)) == "ə".encode()


def test_a_symlink_inside_its_folder_is_read(tmp_path):
    (tmp_path / "a.txt").write_text("ə", encoding="utf-8")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    assert read_bytes(tmp_path / "b.txt", "b.txt", roots=(tmp_path,)) == "ə".encode()


def test_a_symlink_out_of_its_folder_is_refused(tmp_path, outside):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "x.css").symlink_to(outside)
    with pytest.raises(PublisherError, match=rf"^templates/x\.css: a symlink to {re.escape(str(outside))}, "
                                             r"outside the project's templates/ folder"):
        read_bytes(folder / "x.css", "templates/x.css", roots=(folder,))


def test_a_path_out_of_its_folder_is_refused(tmp_path, outside):
    folder = tmp_path / "templates"
    folder.mkdir()
    with pytest.raises(PublisherError, match=r"outside the project's templates/ and content/ folders$"):
        read_bytes(folder / ".." / "elsewhere" / "secret.txt", "x", roots=(folder, tmp_path / "content"))


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_no_device_or_pipe_is_read(tmp_path, special):
    if special == "fifo":
        special = tmp_path / "fifo"
        os.mkfifo(special)       # opened without O_NONBLOCK, this would wait for a writer forever
    with pytest.raises(PublisherError, match="not a regular file"):
        read_bytes(Path(special), "x", limit=10)


def test_a_loop_of_symlinks_is_an_error_not_a_traceback(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(PublisherError, match=r"^a: cannot read: "):
        read_bytes(tmp_path / "a", "a", roots=(tmp_path,))


def test_a_file_over_its_limit_is_refused_by_its_size(tmp_path):
    big = tmp_path / "big.po"
    with big.open("wb") as handle:
        handle.truncate(3_000_000_000)     # sparse: no disk is used
    with (pytest.raises(PublisherError, match=r"^big\.po: too large to read: 3\.0 GB, the limit is 32\.0 MB$"),
          open_confined(big, "big.po", limit=32_000_000)):
        pass


def test_the_sources_templates_assets_catalogs_and_glossary_refuse_it(sample_dir, outside):
    project = load_project(sample_dir)
    (sample_dir / "content" / "leak.md").symlink_to(outside)
    with pytest.raises(PublisherError, match=r"content/leak\.md: a symlink to .*outside the project's content/"):
        load_sources(project)
    (sample_dir / "content" / "leak.md").unlink()

    (sample_dir / "templates" / "_leak.html").symlink_to(outside)
    with pytest.raises(TemplateError, match=r"templates/_leak\.html: a symlink to"):
        render_template(make_environment(project.templates_dir), "_leak.html", NullTranslations())
    with pytest.raises(TemplateError, match=r"templates/_leak\.html: a symlink to"):
        extract(project)
    (sample_dir / "templates" / "_leak.html").unlink()

    note = sample_dir / "locales" / "az" / "LC_MESSAGES" / "note.po"
    note.rename(outside.parent / "note.po")
    note.symlink_to(outside.parent / "note.po")
    store = CatalogStore(project.locales_dir, project.relative)
    assert store.read("az", "note") is None
    assert "a symlink to" in store.errors[0].message

    (sample_dir / "locales" / "glossary.csv").symlink_to(outside)
    with pytest.raises(PublisherError, match=r"locales/glossary\.csv: a symlink to"):
        read_glossary(project.locales_dir, "locales/glossary.csv")


def test_the_digest_stops_at_a_symlink_before_any_output(sample_dir, outside):
    (sample_dir / "templates" / "fonts" / "Extra.ttf").symlink_to(outside)
    with pytest.raises(PublisherError, match=r"^templates/fonts/Extra\.ttf: a symlink to"):
        input_digest(load_project(sample_dir), "")
    with pytest.raises(PublisherError):
        build(load_project(sample_dir), BuildOptions(formats=("html",)))
    assert not (sample_dir / "out").exists()


def test_the_digest_is_the_same_read_in_chunks(sample_dir):
    """Hashing a chunk at a time feeds the digest the same bytes: a manifest written before
    still matches."""
    import hashlib

    from publisher.build.incremental import tool_versions
    project = load_project(sample_dir)
    digest = hashlib.sha256(f"{tool_versions()}\nkey\n\nSOURCE_DATE_EPOCH={os.environ.get('SOURCE_DATE_EPOCH', '')}\n"
                            .encode())
    digest.update((sample_dir / "publisher.toml").read_bytes())
    for folder, suffixes in (("content", None), ("locales", (".po",)), ("templates", None)):
        for directory, _, files in sorted(os.walk(sample_dir / folder)):
            for name in sorted(files):
                if suffixes is None or name.endswith(suffixes):
                    path = Path(directory, name)
                    digest.update(path.relative_to(sample_dir).as_posix().encode() + b"\0"
                                  + path.read_bytes() + b"\0")
    assert input_digest(project, "key") == digest.hexdigest()


def test_the_pdf_fetcher_refuses_through_the_same_function(tmp_path, outside):
    pytest.importorskip("weasyprint")
    from publisher.render.pdf import make_fetcher
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "x.css").symlink_to(outside)
    fetcher_class, refused = make_fetcher((folder,))
    with pytest.raises(refused, match=r"refused to load .*x\.css: a symlink to .*outside the project's templates/"):
        fetcher_class().fetch((folder / "x.css").as_uri())
    with pytest.raises(refused, match=r"refused to load .*secret\.txt: outside the project's templates/"):
        fetcher_class().fetch(outside.as_uri())
