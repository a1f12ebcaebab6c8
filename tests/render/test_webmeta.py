"""What a page says about itself in <head> (publisher.render.webmeta): language alternates,
canonical address, Open Graph and JSON-LD, checked on the built release, relative and absolute;
and the size of a download as a reader reads it."""

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from publisher.config import locale_info
from publisher.render.webmeta import format_size
from publisher.render.webmeta import json_ld as encode_json_ld

from helpers import BASE_URL, LOCALES, build_project
from htmlcheck import Page, head_links, html_pages


def resolve(site: Path, page_file: Path, href: str) -> str:
    """An href as a path from the export's root, whether it is relative or under BASE_URL."""
    if href.startswith(BASE_URL + "/"):
        path = href[len(BASE_URL) + 1:]
    else:
        assert not urlsplit(href).scheme, f"{page_file}: absolute URL without base_url: {href}"
        path = (page_file.parent / href).resolve().relative_to(site.resolve()).as_posix()
    return path + "index.html" if path == "" or path.endswith("/") else path


@pytest.mark.parametrize("which", ["relative", "absolute"])
def test_hreflang_is_reciprocal_and_includes_itself_and_x_default(which, release, absolute_site):
    site = release if which == "relative" else absolute_site
    clusters: dict[str, dict[str, str]] = {}
    for file in html_pages(site):
        rel = file.relative_to(site).as_posix()
        page = Page(file.read_text(encoding="utf-8"))
        links = {attrs["hreflang"]: resolve(site, file, attrs["href"])
                 for attrs in head_links(page, "alternate") if "hreflang" in attrs}
        assert set(links) == {*LOCALES, "x-default"}, rel
        # The page names itself, in its own language.
        own = page.lang if rel != "index.html" else "x-default"
        assert links[own] == rel, (rel, links)
        clusters[rel] = links
    for rel, links in clusters.items():
        for lang, target in links.items():
            assert clusters[target] == links, f"{rel} -> {target} ({lang}) is not reciprocal"
    assert clusters["az/victory-day-2024.html"]["x-default"] == "en/victory-day-2024.html"
    assert clusters["az/index.html"]["x-default"] == "index.html"


def test_canonical_and_open_graph(release, absolute_site):
    page = Page((absolute_site / "az" / "victory-day-2024.html").read_text(encoding="utf-8"))
    assert head_links(page, "canonical") == [{"rel": "canonical",
                                              "href": f"{BASE_URL}/az/victory-day-2024.html"}]
    meta = {}
    for tag, attrs in page.tags:
        if tag == "meta" and "property" in attrs:
            meta.setdefault(attrs["property"], []).append(attrs["content"])
    assert meta["og:locale"] == ["az_AZ"] and meta["og:locale:alternate"] == ["en_US"]
    assert meta["og:url"] == [f"{BASE_URL}/az/victory-day-2024.html"]
    assert meta["og:type"] == ["article"] and meta["og:title"][0].startswith("Zəfər Günü")
    assert meta["og:description"][0].startswith("Bu gün Azərbaycan Respublikası")
    description = [a["content"] for t, a in page.tags if t == "meta" and a.get("name") == "description"]
    assert description == meta["og:description"] and len(description[0]) <= 200

    relative = Page((release / "az" / "victory-day-2024.html").read_text(encoding="utf-8"))
    assert head_links(relative, "canonical")[0]["href"] == "victory-day-2024.html"
    assert not any(a.get("property") == "og:url" for t, a in relative.tags if t == "meta")


def json_ld(file: Path) -> dict:
    html = file.read_text(encoding="utf-8")
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(scripts) == 1
    return json.loads(scripts[0])


def test_json_ld_news_article(release, absolute_site):
    data = json_ld(release / "az" / "victory-day-2024.html")
    assert data["@type"] == "NewsArticle" and data["@context"] == "https://schema.org"
    assert data["inLanguage"] == "az" and data["datePublished"] == "2024-11-08"
    assert data["headline"] == "Zəfər Günü"
    assert data["publisher"] == {"@type": "Organization",
                                 "name": "Azərbaycan Respublikasının BMT yanında Daimi Nümayəndəliyi"}
    assert "url" not in data                                 # no absolute URL without base_url
    data = json_ld(absolute_site / "en" / "victory-day-background.html")
    assert data["url"] == f"{BASE_URL}/en/victory-day-background.html"
    assert data["workTranslation"] == [{"@type": "NewsArticle", "inLanguage": "az",
                                        "url": f"{BASE_URL}/az/victory-day-background.html"}]


def test_json_ld_escapes_what_could_end_its_script_element():
    hostile = '</script><script>alert(1)</script><!-- & "quoted" \u2028'
    text = str(encode_json_ld({"headline": hostile}))
    assert not set("<>&") & set(text) and "\\u003c/script\\u003e" in text
    assert json.loads(text) == {"headline": hostile}


def test_translated_title_reaches_json_ld_escaped(project_dir, tmp_path):
    po = project_dir / "locales/az/LC_MESSAGES/victory-day-2024.po"
    title = "Zəfər Günü: R&D <3 -> «sülh»"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Zəfər Günü"', f'msgstr "{title}"', 1),
                  encoding="utf-8")
    out = build_project(project_dir, "html", output=tmp_path / "out").output_dir
    html = (out / "az" / "victory-day-2024.html").read_text(encoding="utf-8")
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "R\\u0026D \\u003c3 -\\u003e" in script
    assert json_ld(out / "az" / "victory-day-2024.html")["headline"] == title
    assert "<title>Zəfər Günü: R&amp;D &lt;3 -&gt; «sülh» · " in html
    assert not Page(html).problems


def test_format_size_is_localized_and_never_understates():
    en, az = locale_info("en"), locale_info("az")
    assert format_size(25_904, en) == "26 kB"
    assert format_size(1_000, en) == "1 kB" and format_size(1, en) == "1 kB"
    assert format_size(1_234_567, en) == "1.3 MB" and format_size(1_234_567, az) == "1,3 MB"
