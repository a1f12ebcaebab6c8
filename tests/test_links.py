"""publisher.links: a link to another publication points at its page in the same language; a
link that would be dead on the site is an error at its line."""

import pytest

from publisher.config import load_project
from publisher.errors import ErrorGroup, SourceError
from publisher.links import link_pages
from publisher.sources import load_sources

from helpers import run_cli

PUBLICATIONS = {"content/victory-day-2024.md": "victory-day-2024",
                "content/victory-day-background.md": "victory-day-background"}


def pages_of(*hrefs: str):
    return link_pages("content/victory-day-background.md", ((href, 7) for href in hrefs), PUBLICATIONS)


def test_links_to_a_publication_by_its_source_become_its_page():
    pages, errors = pages_of("victory-day-2024.md", "content/victory-day-2024.md",
                             "./victory-day-2024.md#top", "victory-day-background.md")
    assert errors == []
    assert pages == {"victory-day-2024.md": "victory-day-2024.html",
                     "content/victory-day-2024.md": "victory-day-2024.html",
                     "./victory-day-2024.md#top": "victory-day-2024.html#top",
                     "victory-day-background.md": "victory-day-background.html"}


def test_addresses_fragments_and_existing_pages_stay_as_they_are():
    pages, errors = pages_of("https://www.un.org/en/", "mailto:press@example.org", "#notes",
                             "victory-day-2024.html", "index.html", "//cdn.example.org/x")
    assert pages == {} and errors == []


@pytest.mark.parametrize("href, message", [
    ("victory-day-2023.md", "link to a missing publication: victory-day-2023.md (the publications "
                            "are content/victory-day-2024.md, content/victory-day-background.md)"),
    ("victory-day-2023.html", "link to a missing page: victory-day-2023.html"),
    ("images/chart.pdf", "link to images/chart.pdf: the export has no such file"),
    ("/about/contact", "link /about/contact: a path from the server's root does not work"),
])
def test_dead_links_are_errors_at_their_line(href, message):
    pages, [error] = pages_of(href)
    assert pages == {}
    assert str(error).startswith(f"content/victory-day-background.md:7: {message}")


def test_a_dead_link_stops_the_build_at_path_and_line(project_dir):
    source = project_dir / "content" / "victory-day-background.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text + "\nSee [last year's release](victory-day-2023.md) and "
                      "[the background](victory-day-background.md).\n", encoding="utf-8")
    line = text.count("\n") + 2
    result = run_cli(project_dir, "build", "--format", "html")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: content/victory-day-background.md:{line}: link to a "
                                    "missing publication: victory-day-2023.md")
    assert not (project_dir / "dist").exists()


def test_every_dead_link_of_every_source_is_reported_together(project_dir):
    for name in ("victory-day-2024.md", "victory-day-background.md"):
        path = project_dir / "content" / name
        path.write_text(path.read_text(encoding="utf-8") + "\n[x](nowhere.md)\n", encoding="utf-8")
    with pytest.raises(ErrorGroup) as group:
        load_sources(load_project(project_dir))
    assert sorted(error.path for error in group.value.errors) == sorted(
        f"content/{name}" for name in ("victory-day-2024.md", "victory-day-background.md"))


def test_a_link_to_a_source_that_does_not_parse_is_not_called_dead(project_dir):
    broken = project_dir / "content" / "broken.md"
    broken.write_text("no front matter\n", encoding="utf-8")
    path = project_dir / "content" / "victory-day-background.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n[x](broken.md)\n", encoding="utf-8")
    with pytest.raises(SourceError) as error:
        load_sources(load_project(project_dir))
    assert error.value.path == "content/broken.md"


def test_a_translation_must_link_where_the_source_does():
    from publisher.checks.rules import check_link_target
    source = "See [the release](victory-day-2024.md)."
    assert list(check_link_target(source, "Bax: [açıqlama](victory-day-2024.md).", None, "az", None)) == []
    assert list(check_link_target(source, "Bax: [açıqlama](victory-day-background.md).", None, "az",
                                  None)) == ["link target not in the source: victory-day-background.md "
                                             "(the source has victory-day-2024.md)"]
