"""Sitemap, Atom feeds and robots.txt (publisher.render.feeds): valid against their schemas on
the built release, with every language version, and well-formed XML whatever the text."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from publisher.render.feeds import ATOM_NS, Alternate, Feed, FeedEntry, SitemapUrl, atom, sitemap

from helpers import BASE_URL, LOCALES, SCHEMAS, SLUGS
from htmlcheck import Page, head_links, html_pages

lxml = pytest.importorskip("lxml.etree", reason="lxml (the test extra) validates sitemap and Atom")

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def test_control_characters_never_make_the_feed_malformed():
    # the catalog reader refuses them; a title from anywhere else must not break every reader
    entry = FeedEntry(url="https://example.org/az/victory-day-2024.html", title="Zəfər\vGünü",
                      summary="Qarabağ\x07 Azərbaycandır\x00.", date=dt.date(2024, 11, 8),
                      author="Nümayəndəlik\x1b")
    feed = Feed(url="https://example.org/az/feed.xml", home="https://example.org/az/", lang="az",
                title="Xəbərlər\x0c", subtitle="", author="Nümayəndəlik", entries=(entry,))
    root = ET.fromstring(atom(feed))
    titles = [node.text for node in root.iter(f"{{{ATOM_NS}}}title")]
    assert titles == ["Xəbərlər", "ZəfərGünü"]
    assert root.find(f"{{{ATOM_NS}}}entry/{{{ATOM_NS}}}summary").text == "Qarabağ Azərbaycandır."
    urls = [SitemapUrl("https://example.org/az/a\x0b.html", dt.date(2024, 11, 8),
                       (Alternate("en", "https://example.org/en/a\x07.html"),))]
    assert ET.fromstring(sitemap(urls)) is not None


def test_sitemap_validates_and_lists_every_language_version(absolute_site):
    schema = lxml.XMLSchema(lxml.parse(str(SCHEMAS / "sitemap.xsd")))
    document = lxml.parse(str(absolute_site / "sitemap.xml"))
    assert schema.validate(document), schema.error_log
    entries = {url.findtext(f"{SITEMAP}loc"): {link.get("hreflang"): link.get("href")
                                               for link in url.iter(f"{XHTML}link")}
               for url in document.getroot()}
    pages = {f"{BASE_URL}/" + (p.relative_to(absolute_site).as_posix().removesuffix("index.html"))
             for p in html_pages(absolute_site)}
    assert set(entries) == pages
    for loc, alternates in entries.items():
        assert set(alternates) == {*LOCALES, "x-default"}
        assert loc in alternates.values()
        for target in alternates.values():
            assert entries[target] == alternates                # reciprocal
    robots = (absolute_site / "robots.txt").read_text()
    assert robots.splitlines() == ["User-agent: *", "Allow: /", f"Sitemap: {BASE_URL}/sitemap.xml"]


@pytest.mark.parametrize("locale", LOCALES)
def test_atom_feed_validates_and_has_what_rfc_4287_requires(absolute_site, locale):
    schema = lxml.RelaxNG(lxml.parse(str(SCHEMAS / "atom.rng")))
    document = lxml.parse(str(absolute_site / locale / "feed.xml"))
    assert schema.validate(document), schema.error_log
    feed = document.getroot()
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == locale
    # RFC 4287 4.1.1: one id, title, updated; an author on the feed or on every entry.
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{name}")) == 1
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(SLUGS)
    assert feed.find(f"{ATOM}author") is not None or all(e.find(f"{ATOM}author") is not None
                                                         for e in entries)
    assert [link.get("href") for link in feed.findall(f"{ATOM}link[@rel='self']")] == \
        [f"{BASE_URL}/{locale}/feed.xml"]
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids)
    for entry in entries:
        # 4.1.2: one id, title, updated; no content, so an alternate link; at most one
        # alternate link per (type, hreflang).
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1
        alternates = [(link.get("type"), link.get("hreflang"), link.get("href"))
                      for link in entry.findall(f"{ATOM}link")
                      if link.get("rel", "alternate") == "alternate"]
        assert alternates and len({a[:2] for a in alternates}) == len(alternates)
        assert (alternates[0][1], alternates[0][2]) == (locale, entry.findtext(f"{ATOM}id"))
        assert alternates[0][2].startswith(f"{BASE_URL}/{locale}/")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert ("Zəfər Günü" in titles) == (locale == "az")
    page = Page((absolute_site / locale / "index.html").read_text(encoding="utf-8"))
    assert [a["href"] for a in head_links(page, "alternate") if a.get("type") == "application/atom+xml"] \
        == [f"{BASE_URL}/{locale}/feed.xml"]
