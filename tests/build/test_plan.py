"""The first phase of a build (publisher.build.plan): every page planned in memory, in order, and
hostile text from a source or a catalog rendered as text."""

import re
from pathlib import Path, PurePosixPath

import polib
import pytest

from publisher.build import BuildOptions
from publisher.build.plan import gather, render_pages
from publisher.config import load_project
from publisher.errors import PublisherError
from publisher.po.catalog import CatalogStore, decode_catalog, read_catalog
from publisher.po.parse import parse_po
from publisher.sources import load_sources

from helpers import NOTE_AZ_PO, build_project, replace_in
from htmlcheck import Page


def test_index_is_newest_first_with_localized_dates(sample_dir, tmp_path):
    later = (sample_dir / "content" / "note.md").read_text(encoding="utf-8")
    later = re.sub(r'date = \d{4}-\d{2}-\d{2}', "date = 2025-03-21", later)
    later = re.sub(r'slug = "[^"]*"\n', "", later)
    (sample_dir / "content" / "later.md").write_text(later, encoding="utf-8")
    out = build_project(sample_dir, "html", output=tmp_path / "out").output_dir
    page = Page((out / "az" / "index.html").read_text(encoding="utf-8"))
    links = [url for tag, url, attrs in page.links if tag == "a" and url.endswith(".html")
             and "/" not in url and url != "index.html"]
    assert links[0] == "later.html"
    assert "21 mart 2025" in page.body_text


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


class SyntaxOnlyStore(CatalogStore):
    """A project's catalogs read for their syntax alone, without the reader's refusals (unsafe
    markup among them): the store gather takes is the seam, no module attribute is patched."""

    def read_path(self, path: Path) -> polib.POFile | None:
        data = self.data(path)
        display = self.display(path)
        return None if data is None else parse_po(decode_catalog(data, display), display)


def test_hostile_content_and_msgstr_render_as_text(sample_dir):
    """Even with the catalog check that refuses such msgstr switched off, the renderer itself
    turns every hostile string into text: defence in depth."""
    clean = gather(load_project(sample_dir), load_sources(load_project(sample_dir)), BuildOptions())
    clean_rules = [style_rules(h.html) for h in clean.handouts]

    hostile = " ".join(HOSTILE)
    # A source refuses raw HTML outright (tests/test_sources_markdown.py): there the hostile
    # text is escaped Markdown; the msgstr below carries it raw.
    replace_in(sample_dir / "content/note.md", "The end.",
               "The end.\n\n" + hostile.replace("<", "\\<"))
    replace_in(sample_dir / "content/note.md", 'title = "Independence Day"',
               'title = "Independence Day </title><script>alert(1)</script> \\"; } body { display: none } /*"')
    po = sample_dir / NOTE_AZ_PO
    text = po.read_text(encoding="utf-8")
    escaped = hostile.replace("\\", "\\\\").replace('"', '\\"')
    text = re.sub(r'(#\. paragraph\n(?:#.*\n)*msgid (?:".*"\n)+msgstr )(?:".*"\n)+',
                  lambda m: m.group(1) + f'"{escaped}"\n', text)
    po.write_text(text, encoding="utf-8")
    with pytest.raises(PublisherError, match="unsafe markup in msgstr"):    # what the reader says
        read_catalog(po, NOTE_AZ_PO)

    project = load_project(sample_dir)
    plan = gather(project, load_sources(project), BuildOptions(),
                  SyntaxOnlyStore(project.locales_dir, project.relative))
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
