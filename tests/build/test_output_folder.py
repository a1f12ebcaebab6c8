"""The output folder is publisher's (issue 14): a build writes only into a folder that is
missing, empty or marked as made by publisher, never a home folder; it and the commands that
write catalogs remove only the temporary files publisher names, in the folders they write."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from publisher.build import BuildOptions, build
from publisher.build.lock import MARKER_NAME
from publisher.commands import update
from publisher.config import load_project, output_dir_problem
from publisher.errors import OutputError
from publisher.fileio import TEMPORARY, folder_lock, remove_stale_temporaries, write_all

HTML = BuildOptions(formats=("html",))


def test_a_new_folder_is_marked_as_publishers(sample_dir):
    build(load_project(sample_dir), HTML)
    assert (sample_dir / "out" / MARKER_NAME).is_file()


def test_an_empty_folder_is_taken(sample_dir, tmp_path):
    (tmp_path / "empty").mkdir()
    build(load_project(sample_dir), BuildOptions(formats=("html",), output_dir=tmp_path / "empty"))
    assert (tmp_path / "empty" / "index.html").is_file()


@pytest.mark.parametrize("given", ["publisher.toml", "-o"])
def test_a_foreign_folder_is_refused_and_left_alone(sample_dir, tmp_path, given):
    home = tmp_path / "home"
    home.mkdir()
    (home / "index.html").write_text("<p>mine</p>", encoding="utf-8")
    options = HTML
    if given == "-o":
        options = BuildOptions(formats=("html",), output_dir=home)
    else:
        toml = sample_dir / "publisher.toml"
        toml.write_text(toml.read_text(encoding="utf-8").replace('output_dir = "out"',
                                                                 f'output_dir = "{home}"'),
                        encoding="utf-8")
    with pytest.raises(OutputError) as raised:
        build(load_project(sample_dir), options)
    expected = "publisher.toml:5: " if given == "publisher.toml" else ""
    assert str(raised.value).startswith(f"{expected}output folder {home} is not empty and was not "
                                        f"made by publisher (it has no {MARKER_NAME})")
    assert sorted(path.name for path in home.iterdir()) == ["index.html"]


def test_a_folder_an_earlier_publisher_built_is_taken(sample_dir):
    """Folders built before the marker existed hold a manifest: still publisher's."""
    build(load_project(sample_dir), HTML)
    (sample_dir / "out" / MARKER_NAME).unlink()
    (sample_dir / "locales/az/LC_MESSAGES/note.po").write_text(
        (sample_dir / "locales/az/LC_MESSAGES/note.po").read_text(encoding="utf-8")
        .replace('msgstr "Son."', 'msgstr "Son!"'), encoding="utf-8")
    result = build(load_project(sample_dir), HTML)
    assert "az/note.html" in result.written and (sample_dir / "out" / MARKER_NAME).is_file()


def test_never_a_home_folder_or_a_root(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    project = tmp_path / "srv" / "project"
    project.mkdir(parents=True)
    assert "is your home folder" in output_dir_problem(project, tmp_path / "home")
    assert "would hold the whole project" in output_dir_problem(project, Path("/"))


def test_only_publishers_own_temporary_files_are_removed(tmp_path):
    write_all({tmp_path / "a" / "page.html": "x"})
    ours = tmp_path / "a" / ".page.html.publisher-ab3_xy7q.tmp"
    theirs = [tmp_path / "a" / ".notes.tmp", tmp_path / "a" / ".page.html.x1y2z3w4.tmp",
              tmp_path / "a" / "deeper" / ".page.html.publisher-ab3_xy7q.tmp"]
    for path in (ours, *theirs):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("", encoding="utf-8")
    assert TEMPORARY.fullmatch(ours.name)
    assert remove_stale_temporaries([tmp_path / "a"]) == [ours]
    assert all(path.exists() for path in theirs)


def test_a_build_leaves_the_users_dot_tmp_files(sample_dir):
    build(load_project(sample_dir), HTML)
    mine = sample_dir / "out" / "drafts" / ".notes.tmp"
    mine.parent.mkdir()
    mine.write_text("mine", encoding="utf-8")
    stale = sample_dir / "out" / "az" / ".note.html.publisher-k1ll3d00.tmp"
    stale.write_text("half", encoding="utf-8")
    build(load_project(sample_dir), BuildOptions(formats=("html",), force=True))
    assert mine.read_text(encoding="utf-8") == "mine" and not stale.exists()


def test_update_removes_its_own_stale_temporaries_under_the_lock(sample_dir):
    folder = sample_dir / "locales" / "az" / "LC_MESSAGES"
    stale = folder / ".note.po.publisher-k1ll3d00.tmp"
    stale.write_text("half", encoding="utf-8")
    update(load_project(sample_dir))
    assert not stale.exists()
    assert not (sample_dir / "locales" / ".publisher.lock").exists()      # nothing added to locales/


def test_a_second_catalog_command_waits_for_the_lock(sample_dir):
    with folder_lock(sample_dir / "locales"):
        process = subprocess.Popen([str(Path(sys.executable).parent / "publisher"), "-C",
                                    str(sample_dir), "extract", "-q"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        said = ""
        while "waiting" not in said and process.poll() is None:
            said += process.stderr.readline()
        assert process.poll() is None and said.startswith("waiting: another publisher command is "
                                                           f"writing to {sample_dir / 'locales'}")
    assert process.wait(timeout=60) == 0
