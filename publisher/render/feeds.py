"""The files for crawlers and feed readers: sitemap.xml (with hreflang alternates), one Atom feed
(RFC 4287) per language, robots.txt (pure).

Sitemaps and Atom need absolute URLs (a sitemap's <loc> must be absolute; an Atom id must be a
permanent IRI and readers resolve links against the feed's own address, which a relocatable
export cannot know). So the build writes them only when publisher.toml sets ``site.base_url``;
robots.txt is always written and names the sitemap when there is one.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from .. import __version__
from ..errors import OutputError

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
ATOM_NS = "http://www.w3.org/2005/Atom"
XML_NS = "http://www.w3.org/XML/1998/namespace"
# What XML 1.0 cannot hold at all (ElementTree writes it anyway, and readers then refuse the
# whole file). The catalog reader refuses control characters; this is the backstop.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class Alternate:
    hreflang: str      # BCP 47 tag, or "x-default"
    href: str          # absolute


@dataclass(frozen=True)
class SitemapUrl:
    loc: str
    lastmod: dt.date
    alternates: tuple[Alternate, ...]


@dataclass(frozen=True)
class FeedEntry:
    url: str
    title: str
    summary: str
    date: dt.date
    author: str
    translations: tuple[Alternate, ...] = ()    # the same publication in other languages


@dataclass(frozen=True)
class Feed:
    url: str           # the feed's own address (also its permanent id)
    home: str          # the language's index page
    lang: str
    title: str
    subtitle: str
    author: str
    entries: tuple[FeedEntry, ...]


def _clean(text: str | None) -> str | None:
    return NOT_XML.sub("", text) if text else text


def _xml(root: ET.Element) -> bytes:
    for node in root.iter():
        node.text, node.tail = _clean(node.text), _clean(node.tail)
        for name, value in node.attrib.items():
            node.attrib[name] = _clean(value)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def sitemap(urls: list[SitemapUrl]) -> bytes:
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for url in urls:
        node = ET.SubElement(root, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(node, f"{{{SITEMAP_NS}}}loc").text = url.loc
        ET.SubElement(node, f"{{{SITEMAP_NS}}}lastmod").text = url.lastmod.isoformat()
        for alternate in url.alternates:
            ET.SubElement(node, f"{{{XHTML_NS}}}link", rel="alternate",
                          hreflang=alternate.hreflang, href=alternate.href)
    return _xml(root)


def _timestamp(date: dt.date) -> str:
    """An RFC 3339 date-time for a publication date (its start, UTC): deterministic."""
    return f"{date.isoformat()}T00:00:00Z"


def atom(feed: Feed) -> bytes:
    ET.register_namespace("", ATOM_NS)
    a = lambda name: f"{{{ATOM_NS}}}{name}"
    root = ET.Element(a("feed"), {f"{{{XML_NS}}}lang": feed.lang})
    ET.SubElement(root, a("id")).text = feed.url
    ET.SubElement(root, a("title")).text = feed.title
    if feed.subtitle:
        ET.SubElement(root, a("subtitle")).text = feed.subtitle
    newest = max((entry.date for entry in feed.entries), default=dt.date(1970, 1, 1))
    ET.SubElement(root, a("updated")).text = _timestamp(newest)
    ET.SubElement(root, a("link"), rel="self", type="application/atom+xml", href=feed.url)
    ET.SubElement(root, a("link"), rel="alternate", type="text/html", hreflang=feed.lang,
                  href=feed.home)
    author = ET.SubElement(root, a("author"))
    ET.SubElement(author, a("name")).text = feed.author
    ET.SubElement(root, a("generator"), version=__version__).text = "publisher"
    for entry in feed.entries:
        node = ET.SubElement(root, a("entry"))
        ET.SubElement(node, a("id")).text = entry.url
        ET.SubElement(node, a("title")).text = entry.title
        ET.SubElement(node, a("updated")).text = _timestamp(entry.date)
        ET.SubElement(node, a("published")).text = _timestamp(entry.date)
        entry_author = ET.SubElement(node, a("author"))
        ET.SubElement(entry_author, a("name")).text = entry.author
        ET.SubElement(node, a("link"), rel="alternate", type="text/html", hreflang=feed.lang,
                      href=entry.url)
        for other in entry.translations:
            ET.SubElement(node, a("link"), rel="alternate", type="text/html",
                          hreflang=other.hreflang, href=other.href)
        if entry.summary:
            ET.SubElement(node, a("summary")).text = entry.summary
    return _xml(root)


def robots(sitemap_url: str = "") -> str:
    """Every page may be crawled; name the sitemap when there is one. (Crawlers read
    robots.txt only at a host's root: with a base_url below the root, the site's owner
    has to merge this into the host's own file.)"""
    lines = ["User-agent: *", "Allow: /"]
    if not sitemap_url.isprintable():       # a line break would start a rule of its own
        raise OutputError(f"robots.txt: the sitemap address {sitemap_url!r} holds a line break "
                          "or control character")
    if sitemap_url:
        lines.append(f"Sitemap: {sitemap_url}")
    return "\n".join(lines) + "\n"
