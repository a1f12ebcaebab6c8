"""The HTML of the handouts (publisher.render.handouts): links in a handout, hyphenation,
bilingual rows that pair the same message, boilerplate from the front matter."""

import re
from pathlib import Path

import pikepdf
import polib
import pytest

from publisher.build import BuildOptions, build
from publisher.build.plan import gather
from publisher.config import load_project
from publisher.sources import load_sources

from helpers import REPO

BACKGROUND_MD = "content/victory-day-background.md"
LINKED = ("\n\nSee the [release](victory-day-2024.html), [its section](victory-day-2024.html#top), "
          "the [UN](https://www.un.org/en/) and [the press office](mailto:press@example.org).\n")


def uris(pdf: Path) -> list[str]:
    with pikepdf.open(pdf) as document:
        return [str(annotation.A.URI) for page in document.pages
                for annotation in page.get("/Annots", []) if "/A" in annotation
                and "/URI" in annotation.A]


def build_with_links(project_dir: Path, base_url: str | None) -> Path:
    source = project_dir / BACKGROUND_MD
    source.write_text(source.read_text(encoding="utf-8") + LINKED, encoding="utf-8")
    if base_url:
        toml = project_dir / "publisher.toml"
        toml.write_text(toml.read_text(encoding="utf-8").replace(
            '# base_url = "https://example.org/press"', f'base_url = "{base_url}"'), encoding="utf-8")
    out = project_dir.parent / "out"
    build(load_project(project_dir), BuildOptions(formats=("pdf",), locales=("en",),
                                                  output_dir=out, jobs=1))
    return out / "en" / "victory-day-background.pdf"


@pytest.mark.parametrize("base_url", ["https://example.org/press", None])
def test_links_in_a_handout_never_point_into_the_build_machine(project_dir, base_url):
    found = sorted(set(uris(build_with_links(project_dir, base_url))))   # a link over two lines: two
    assert not [uri for uri in found if uri.startswith("file:") or str(project_dir) in uri
                or "templates" in uri]
    outside = ["https://www.un.org/en/", "mailto:press@example.org"]
    if base_url:
        assert sorted(found) == sorted([*outside, f"{base_url}/en/victory-day-2024.html",
                                        f"{base_url}/en/victory-day-2024.html#top"])
    else:               # nowhere to point: the text stays, the link goes
        assert sorted(found) == sorted(outside)


TEMPLATES = REPO / "templates"
SHEET = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>T</title>
<link rel="stylesheet" href="handout.css"></head><body class="{mode}">
<header class="letterhead"><div class="names"><p class="issuer">Representation</p></div>
<p class="address">Third Avenue</p></header>
<main><p class="release">For immediate release</p><p class="label">Special release</p>
<h1>Internationalization</h1><p class="subtitle">Sub</p><p class="dateline">New York</p>
<p>Body</p><ul><li>Item</li></ul><figure class="quote"><blockquote><p>Quoted</p></blockquote>
</figure><h2>About</h2><section class="contact"><h2>Media contact</h2><p>Mission</p></section>
<p class="source">Source</p><p class="endmark">###</p></main>
<div lang="az"><p>Azərbaycan</p></div></body></html>"""


def hyphens_by_text(mode: str) -> dict[str, str]:
    from weasyprint import HTML
    document = HTML(string=SHEET.format(mode=mode), base_url=str(TEMPLATES) + "/").render()
    found = {}

    def walk(box):
        for child in getattr(box, "children", ()):
            if getattr(child, "text", None) and child.text.strip():
                found.setdefault(child.text.strip().lower(), child.style["hyphens"])   # text-transform
            walk(child)
    for page in document.pages:
        walk(page._page_box)
    return found


def test_only_english_body_text_is_hyphenated_automatically():
    justified = hyphens_by_text("justified")
    assert {text for text, value in justified.items() if value == "auto"} - {"•"} == {"body", "item", "quoted"}
    for text in ("internationalization", "about", "media contact", "for immediate release",
                 "representation", "third avenue", "mission", "new york", "sub", "###", "source",
                 "special release"):
        assert justified[text] in ("none", "manual"), (text, justified[text])
    assert justified["azərbaycan"] == "manual"          # soft hyphens only
    ragged = hyphens_by_text("ragged")
    assert "auto" not in ragged.values()


def handouts(project, **options) -> list:
    """The handouts a build of ``project`` with these BuildOptions would write (HTML and path)."""
    return gather(project, load_sources(project), BuildOptions(**options)).handouts


def test_bilingual_rows_pair_the_same_message(release):
    """Each body row is one message in both languages: the cells carry their own lang."""
    project = load_project(release.parent)
    handout = next(h for h in handouts(project, formats=("pdf-bilingual",))
                   if h.path.name == "victory-day-2024.en-az.pdf")
    rows = re.findall(r'<tr>\s*<td lang="en">(.*?)</td>\s*<td lang="az">(.*?)</td>\s*</tr>',
                       handout.html, re.S)
    az = {e.msgid: e.msgstr for e in polib.pofile(str(REPO / "locales/az/LC_MESSAGES/victory-day-2024.po"))}
    source = next(p for p in az if p and "Armenia launched" in p)
    _, azerbaijani = next(row for row in rows if "Armenia launched" in row[0])
    assert az[source].split()[0] in azerbaijani.replace("\u00ad", "")
    assert len(rows) == len(load_sources(project)[0].blocks) or len(rows) > 5


def test_hyphenation_off_gives_ragged_right_and_no_soft_hyphens(project_dir):
    toml = project_dir / "publisher.toml"
    toml.write_text(toml.read_text().replace("hyphenate = true", "hyphenate = false"))
    project = load_project(project_dir)
    assert project.pdf.hyphenate is False
    for handout in handouts(project, formats=("pdf", "pdf-bilingual")):
        assert "\u00ad" not in handout.html and 'class="ragged"' in handout.html.replace("bilingual ", "")
    on = load_project(REPO)
    assert all("\u00ad" in h.html and 'class="justified"' in h.html
               for h in handouts(on, formats=("pdf",), locales=("az",)))


def test_boilerplate_from_the_front_matter(project_dir):
    source = project_dir / "content" / "victory-day-2024.md"
    source.write_text(source.read_text().replace(
        'fax = "(212) 371-2784"\n', 'fax = "(212) 371-2784"\nboilerplate = "It represents Azerbaijan."\n'))
    project = load_project(project_dir)
    handout = next(h for h in handouts(project, formats=("pdf",), locales=("en",))
                   if h.path.name == "victory-day-2024.pdf")
    assert ("<h2>About Permanent Mission of the Republic of Azerbaijan to the United Nations</h2>\n"
            "<p>It represents Azerbaijan.</p>") in handout.html
