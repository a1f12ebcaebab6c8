"""The static web export's paths (publisher.render.site): relative links, output names that
differ only in case, and outputs that would be written outside the output folder."""

import itertools
import posixpath
from pathlib import PurePosixPath

import pytest

from publisher.build import BuildOptions, build
from publisher.build.lock import MARKER_NAME
from publisher.config import load_project
from publisher.errors import OutputError
from publisher.render.site import refuse_case_clashes, relative_href


def test_relative_href_agrees_with_posixpath_relpath():
    paths = ["index.html", "404.html", "az/index.html", "az/x.html", "en/x.pdf", "assets/site.css",
             "assets/fonts/a.ttf", "bilingual/x.en-az.pdf", "az/deep/er.html"]
    for target, page in itertools.product(paths, paths):
        expected = posixpath.relpath(target, posixpath.dirname(page) or ".")
        assert relative_href(PurePosixPath(target), PurePosixPath(page)) == expected, (target, page)


def test_output_names_differing_only_in_case_are_refused():
    with pytest.raises(OutputError, match="differ only in case"):
        refuse_case_clashes([PurePosixPath("az/note.html"), PurePosixPath("az/Note.html")])
    refuse_case_clashes([PurePosixPath("az/note.html"), PurePosixPath("en/note.html")])


def test_a_symlink_in_the_output_folder_cannot_redirect_a_write(sample_dir, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (sample_dir / "out").mkdir()
    (sample_dir / "out" / MARKER_NAME).write_text("", encoding="utf-8")    # a folder of publisher's
    (sample_dir / "out/az").symlink_to(elsewhere)
    with pytest.raises(OutputError, match="would be written outside"):
        build(load_project(sample_dir), BuildOptions(formats=("html",)))
    assert list(elsewhere.iterdir()) == []
