"""Fixtures: copies of the real project and of tests/sample to change, and the real release
built once. The helpers they are made with are in helpers.py, which test modules import."""

from pathlib import Path

import pytest

from helpers import BASE_URL, REPO, SAMPLE, build_project, copy_project, rich_project, set_base_url


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    """A copy of the real project (the Victory Day release), safe to change."""
    return copy_project(REPO, tmp_path / "project")


@pytest.fixture
def sample_dir(tmp_path: Path) -> Path:
    """A copy of the small sample project in tests/sample, with the real templates."""
    return copy_project(SAMPLE, tmp_path / "sample")


@pytest.fixture(scope="session")
def release(tmp_path_factory) -> Path:
    """The real release built once (HTML and PDF, every locale); returns the output folder."""
    result = build_project(copy_project(REPO, tmp_path_factory.mktemp("release") / "project"))
    assert not result.diagnostics, result.diagnostics
    return result.output_dir


@pytest.fixture(scope="session")
def absolute_site(tmp_path_factory) -> Path:
    """The real release, HTML only, with base_url = helpers.BASE_URL."""
    root = copy_project(REPO, tmp_path_factory.mktemp("absolute") / "project")
    set_base_url(root, BASE_URL)
    return build_project(root, "html").output_dir


@pytest.fixture(scope="session")
def rich(tmp_path_factory) -> Path:
    """The release with a figure, a table, footnotes, nested lists and links in its background
    note, translated, built (helpers.rich_project); returns the project (output in dist/)."""
    return rich_project(copy_project(REPO, tmp_path_factory.mktemp("rich") / "project"))
