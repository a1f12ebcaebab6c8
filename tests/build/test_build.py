"""The build (publisher.build): its second phase writes every output whole, so a failed or killed
build leaves the site as it was or as it is now, never half of each; what one build of part of
the site leaves of the rest."""

import subprocess
import time
from pathlib import Path

import pytest

from publisher.build import BuildOptions, build
from publisher.config import load_project
from publisher.errors import PublisherError

from helpers import (
    BASE_URL,
    ENV,
    PUBLISHER,
    build_project,
    kill_at_random,
    multiply,
    set_base_url,
    tree_snapshot,
    versions,
    whole_files,
)
from htmlcheck import Page, head_links


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


def test_html_only_build_links_a_pdf_only_when_its_size_is_known(project_dir, tmp_path):
    out = tmp_path / "out"
    build_project(project_dir, "html", output=out)
    page = (out / "az" / "victory-day-2024.html").read_text(encoding="utf-8")
    assert ".pdf" not in page                                 # no PDF there, so no link
    build_project(project_dir, "pdf", output=out)
    build_project(project_dir, "html", output=out)
    size = (out / "az" / "victory-day-2024.pdf").stat().st_size
    page = (out / "az" / "victory-day-2024.html").read_text(encoding="utf-8")
    assert 'href="victory-day-2024.pdf"' in page and f'<data value="{size}">' in page


def test_a_build_of_one_locale_keeps_the_others_on_the_site(project_dir, tmp_path):
    """--locale az re-renders Azerbaijani only; the site still offers English, and the
    sitemap a full build wrote is not replaced by a partial one."""
    set_base_url(project_dir, BASE_URL)
    out = tmp_path / "out"
    build_project(project_dir, "html", output=out)
    sitemap = (out / "sitemap.xml").read_bytes()
    result = build(load_project(project_dir), BuildOptions(formats=("html",), locales=("az",),
                                                            output_dir=out, force=True))
    assert not any(path.startswith("en/") for path in result.written + result.unchanged)
    root = Page((out / "index.html").read_text(encoding="utf-8"))
    assert {a.get("hreflang") for a in head_links(root, "alternate")} >= {"en", "az", "x-default"}
    page = (out / "az" / "victory-day-2024.html").read_text(encoding="utf-8")
    assert 'hreflang="en" lang="en"' in page                # the switcher still offers English
    assert (out / "sitemap.xml").read_bytes() == sitemap


def test_failed_build_leaves_the_site_untouched(project_dir, tmp_path):
    out = tmp_path / "out"
    build_project(project_dir, "html", output=out)
    before = tree_snapshot(out)
    (project_dir / "templates" / "publication.html").write_text("{% block main %}{{ broken(",
                                                                encoding="utf-8")
    with pytest.raises(PublisherError):
        build_project(project_dir, "html", output=out)
    assert tree_snapshot(out) == before
