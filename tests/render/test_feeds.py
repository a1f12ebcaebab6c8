"""publisher.feeds: the Atom feed and the sitemap stay well-formed XML whatever the text."""

import datetime as dt
import xml.etree.ElementTree as ET

from publisher.render.feeds import ATOM_NS, Alternate, Feed, FeedEntry, SitemapUrl, atom, sitemap


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
