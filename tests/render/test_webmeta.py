"""The web export without a browser: language metadata, sitemap and feeds against their
schemas, JSON-LD, the PDF link's size, relocatability, 404, and publisher serve."""

import json
import re
import threading
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from helpers import BASE_URL, LOCALES, SCHEMAS, SLUGS, build_project, set_base_url, tree_snapshot
from htmlcheck import Page

lxml = pytest.importorskip("lxml.etree", reason="lxml (the test extra) validates sitemap and Atom")

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def head_links(page: Page, rel: str) -> list[dict]:
    return [attrs for tag, attrs in page.tags if tag == "link" and attrs.get("rel") == rel]


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
    from publisher.render.webmeta import json_ld as encode

    hostile = '</script><script>alert(1)</script><!-- & "quoted" \u2028'
    text = str(encode({"headline": hostile}))
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


def test_pdf_link_states_the_true_size(release):
    for locale in LOCALES:
        for slug in SLUGS:
            page = Page((release / locale / f"{slug}.html").read_text(encoding="utf-8"))
            pdf = [(url, attrs) for tag, url, attrs in page.links if url == f"{slug}.pdf"]
            assert len(pdf) == 1 and pdf[0][1]["type"] == "application/pdf"
            size = (release / locale / f"{slug}.pdf").stat().st_size
            values = [int(a["value"]) for t, a in page.tags if t == "data"]
            assert values == [size]
            assert f"PDF, {-(-size // 1000)} kB" in page.body_text


def test_format_size_is_localized_and_never_understates():
    from publisher.config import locale_info
    from publisher.render.webmeta import format_size

    en, az = locale_info("en"), locale_info("az")
    assert format_size(25_904, en) == "26 kB"
    assert format_size(1_000, en) == "1 kB" and format_size(1, en) == "1 kB"
    assert format_size(1_234_567, en) == "1.3 MB" and format_size(1_234_567, az) == "1,3 MB"


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
    from publisher.build import BuildOptions, build
    from publisher.config import load_project

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
    assert [l.get("href") for l in feed.findall(f"{ATOM}link[@rel='self']")] == \
        [f"{BASE_URL}/{locale}/feed.xml"]
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids)
    for entry in entries:
        # 4.1.2: one id, title, updated; no content, so an alternate link; at most one
        # alternate link per (type, hreflang).
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1
        alternates = [(l.get("type"), l.get("hreflang"), l.get("href"))
                      for l in entry.findall(f"{ATOM}link") if l.get("rel", "alternate") == "alternate"]
        assert alternates and len({a[:2] for a in alternates}) == len(alternates)
        assert (alternates[0][1], alternates[0][2]) == (locale, entry.findtext(f"{ATOM}id"))
        assert alternates[0][2].startswith(f"{BASE_URL}/{locale}/")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert ("Zəfər Günü" in titles) == (locale == "az")
    page = Page((absolute_site / locale / "index.html").read_text(encoding="utf-8"))
    assert [a["href"] for a in head_links(page, "alternate") if a.get("type") == "application/atom+xml"] \
        == [f"{BASE_URL}/{locale}/feed.xml"]


def test_relative_export_has_no_absolute_url_and_no_sitemap_or_feed(release):
    """Without base_url the export works from file:// and any folder; sitemaps and Atom need
    absolute URLs, so they are not written (robots.txt is, without a Sitemap line)."""
    assert not (release / "sitemap.xml").exists()
    assert not list(release.rglob("feed.xml"))
    assert (release / "robots.txt").read_text() == "User-agent: *\nAllow: /\n"
    for file in release.rglob("*.html"):
        page = Page(file.read_text(encoding="utf-8"))
        for tag, url, _ in page.links:
            assert not urlsplit(url).scheme and not url.startswith("/"), (file, url)
    css = (release / "assets" / "site.css").read_text()
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", css) and "@import" not in css


def test_no_request_to_another_host(absolute_site):
    for file in absolute_site.rglob("*.html"):
        page = Page(file.read_text(encoding="utf-8"))
        for tag, url, attrs in page.links:
            if urlsplit(url).scheme:
                assert url.startswith(BASE_URL + "/"), (file, url)
                assert tag == "link" or tag == "a", (file, url)   # nothing loaded from a URL


def test_root_page_offers_every_language_without_script(release):
    html = (release / "index.html").read_text(encoding="utf-8")
    page = Page(html)
    choices = [(url, attrs.get("hreflang"), attrs.get("lang")) for tag, url, attrs in page.links
               if tag == "a"]
    assert choices == [("en/index.html", "en", "en"), ("az/index.html", "az", "az")]
    assert "English" in page.body_text and "Azərbaycanca" in page.body_text
    assert "<script" not in html.replace('<script type="application/ld+json">', "")


def test_not_found_page_in_every_language(release, absolute_site):
    page = Page((release / "404.html").read_text(encoding="utf-8"))
    assert not page.problems and page.lang == "en"
    sections = [attrs["lang"] for tag, attrs in page.tags if tag == "section"]
    assert sections == list(LOCALES)
    assert "Page not found" in page.body_text and "Səhifə tapılmadı" in page.body_text
    assert ("assets/site.css" in [url for _, url, _ in page.links])
    absolute = Page((absolute_site / "404.html").read_text(encoding="utf-8"))
    urls = [url for _, url, _ in absolute.links]
    assert f"{BASE_URL}/assets/site.css" in urls and f"{BASE_URL}/az/" in urls


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


def test_failed_build_leaves_the_site_untouched(project_dir, tmp_path):
    out = tmp_path / "out"
    build_project(project_dir, "html", output=out)
    before = tree_snapshot(out)
    (project_dir / "templates" / "publication.html").write_text("{% block main %}{{ broken(",
                                                                encoding="utf-8")
    from publisher.errors import PublisherError
    with pytest.raises(PublisherError):
        build_project(project_dir, "html", output=out)
    assert tree_snapshot(out) == before


# ---------------------------------------------------------------- publisher serve

def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_serve_rebuilds_and_reloads(project_dir, tmp_path):
    pytest.importorskip("watchfiles")
    from publisher.build import BuildOptions
    from publisher.serve import EVENTS_PATH, DevServer

    out = tmp_path / "out"
    lines: list[str] = []
    server = DevServer(project_dir, BuildOptions(formats=("html",), output_dir=out), port=0,
                       echo=lines.append)
    server.start()
    try:
        status, page = get(urljoin(server.url, "az/victory-day-2024.html"))
        assert status == 200 and "Zəfər Günü" in page
        assert f'new EventSource("{EVENTS_PATH}?since=0")' in page
        assert "EventSource" not in (out / "az" / "victory-day-2024.html").read_text(encoding="utf-8")
        status, missing = get(urljoin(server.url, "az/nowhere.html"))
        assert status == 404 and "Səhifə tapılmadı" in missing
        assert (out / ".publisher-manifest.json").is_file()      # there, but not served
        assert get(urljoin(server.url, ".publisher-manifest.json"))[0] == 404
        status, folder = get(urljoin(server.url, "az/"))
        assert status == 200 and "Bütün materiallar" not in folder and "Zəfər Günü" in folder

        # A page waits for the next build's event; a translator edits the catalog.
        events: list[bytes] = []
        stream = urllib.request.urlopen(urljoin(server.url, EVENTS_PATH + "?since=0"), timeout=30)
        reader = threading.Thread(target=lambda: events.append(stream.readline()), daemon=True)
        reader.start()
        po = project_dir / "locales/az/LC_MESSAGES/victory-day-2024.po"
        po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Zəfər Günü"',
                                                             'msgstr "Zəfər Günü!"', 1),
                      encoding="utf-8")
        reader.join(timeout=30)
        stream.close()
        assert events == [b"data: 1\n"], lines
        assert "Zəfər Günü!" in get(urljoin(server.url, "az/victory-day-2024.html"))[1]
        assert any(line.startswith("changed: locales") for line in lines), lines
    finally:
        server.stop()


def test_serve_builds_in_its_own_process_never_forking_a_pool(project_dir, tmp_path, monkeypatch):
    # the server runs HTTP threads while it rebuilds: a forked PDF worker could inherit a
    # held lock, so every build of serve asks for one job whatever it was given
    from publisher import serve
    from publisher.build import BuildOptions

    seen = []
    real_build = serve.build
    monkeypatch.setattr(serve, "build", lambda project, options: seen.append(options.jobs)
                        or real_build(project, options))
    server = serve.DevServer(project_dir, BuildOptions(formats=("html",), output_dir=tmp_path / "o",
                                                       jobs=8), port=0, echo=lambda line: None)
    try:
        server.rebuild()
        assert seen == [1, 1] and server.options.jobs == 1
    finally:
        server.httpd.server_close()


def test_serve_offers_every_format_build_does():
    from click.testing import CliRunner
    from publisher import FORMATS
    from publisher.cli import cli

    def choices(command: str) -> list[str]:
        return next(p.type.choices for p in cli.commands[command].params if p.name == "formats")
    assert list(choices("serve")) == list(choices("build")) == list(FORMATS)
    assert CliRunner().invoke(cli, ["serve", "--help"]).exit_code == 0


def test_relative_href_agrees_with_posixpath_relpath():
    import itertools
    import posixpath
    from pathlib import PurePosixPath

    from publisher.render.site import relative_href

    paths = ["index.html", "404.html", "az/index.html", "az/x.html", "en/x.pdf", "assets/site.css",
             "assets/fonts/a.ttf", "bilingual/x.en-az.pdf", "az/deep/er.html"]
    for target, page in itertools.product(paths, paths):
        expected = posixpath.relpath(target, posixpath.dirname(page) or ".")
        assert relative_href(PurePosixPath(target), PurePosixPath(page)) == expected, (target, page)
