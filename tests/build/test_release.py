"""End to end: the real release built into a temporary folder, read as a user would."""

import re
from urllib.parse import urlsplit

import polib
import pytest
from pypdf import PdfReader

from publisher.build import BuildOptions, build
from publisher.config import load_project

from helpers import BASE_URL, LOCALES, REPO, SLUGS, pdf_text, squash
from htmlcheck import Page, local_targets


def turkic_upper(text: str) -> str:
    return text.replace("i", "İ").upper()


def translations(locale: str, domain: str) -> list[polib.POEntry]:
    return [e for e in polib.pofile(str(REPO / f"locales/{locale}/LC_MESSAGES/{domain}.po"))
            if not e.obsolete]


def test_every_output_is_written(release):
    expected = {"index.html", "assets/site.css", "assets/fonts/OFL.txt"}
    for locale in LOCALES:
        expected.add(f"{locale}/index.html")
        for slug in SLUGS:
            expected |= {f"{locale}/{slug}.html", f"{locale}/{slug}.pdf"}
    written = {p.relative_to(release).as_posix() for p in release.rglob("*") if p.is_file()}
    assert expected <= written
    assert not [name for name in written if ".tmp" in name]


def test_shipped_catalogs_are_complete():
    for domain in ("site", *SLUGS):
        entries = translations("az", domain)
        assert entries
        assert all(e.msgstr and "fuzzy" not in e.flags for e in entries), domain
        english = translations("en", domain)
        assert all(e.msgstr == e.msgid for e in english), domain


@pytest.mark.parametrize("slug", SLUGS)
def test_azerbaijani_pdf_holds_every_paragraph(release, slug):
    text = pdf_text(release / "az" / f"{slug}.pdf")
    for entry in translations("az", slug):
        plain = re.sub(r"[*_`]", "", entry.msgstr)
        if "front matter: label" in entry.comment:   # set in capitals by CSS
            plain = turkic_upper(plain)
        assert squash(plain) in text, entry.msgid[:60]
    assert "8 noyabr 2024" in text
    assert set("əğışçöü") <= set(text)


def test_pdf_letterhead_dateline_and_turkic_casing(release):
    text = pdf_text(release / "az" / "victory-day-2024.pdf")
    assert "Azərbaycan Respublikasının BMT yanında Daimi Nümayəndəliyi" in text
    assert "Permanent Mission of the Republic of Azerbaijan to the United Nations" in text
    assert "Nyu-York, 8 noyabr 2024" in text
    assert "Tel.: (212) 371-2559; Faks: (212) 371-2784" in text
    # The label is upper-cased by CSS in an element whose lang is az: dotted capital İ.
    assert "XÜSUSİ MƏTBUAT AÇIQLAMASI" in text
    assert "Səhifə 1 / 2" in text
    assert set("əğıİşçöüƏŞÇÜ") <= set(text)
    assert "İlham Əliyev" in text and "Ilham" not in text


def test_english_pdf_reads_as_the_source(release):
    text = pdf_text(release / "en" / "victory-day-2024.pdf")
    assert "New York, November 8, 2024" in text
    assert "Garabagh is Azerbaijan." in text
    assert "Page 1 of 2" in text


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("slug", SLUGS)
def test_pdf_metadata_language_and_embedded_fonts(release, locale, slug):
    reader = PdfReader(release / locale / f"{slug}.pdf")
    assert reader.trailer["/Root"]["/Lang"] == locale
    meta = reader.metadata
    assert meta.title and meta.creation_date.date().isoformat() == "2024-11-08"
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts[str(font["/BaseFont"])] = descriptor
    assert fonts
    for name, descriptor in fonts.items():
        assert re.match(r"/[A-Z]{6}\+Noto-", name), name          # a subset of a shipped font
        assert "/FontFile2" in descriptor, name                    # embedded


def test_page_sizes_follow_the_publication(release):
    letter = PdfReader(release / "az" / "victory-day-2024.pdf").pages[0].mediabox
    a4 = PdfReader(release / "az" / "victory-day-background.pdf").pages[0].mediabox
    assert (round(letter.width), round(letter.height)) == (612, 792)
    assert (round(a4.width), round(a4.height)) == (595, 842)


def test_pdf_author_is_the_issuer(release):
    meta = PdfReader(release / "az" / "victory-day-2024.pdf").metadata
    assert meta.author == "Azərbaycan Respublikasının BMT yanında Daimi Nümayəndəliyi"
    assert meta.title == "Zəfər Günü"


def pages(release):
    return sorted(release.rglob("*.html"))


def test_html_is_well_formed_localized_and_linked(release):
    for file in pages(release):
        page = Page(file.read_text(encoding="utf-8"))
        assert page.doctype, file
        assert not page.problems, (file, page.problems)
        locale = file.parent.name if file.parent != release else "en"
        assert page.lang == locale, file
        for url, target in local_targets(file, page):
            assert target.is_file(), f"{file.relative_to(release)} links to missing {url}"
            assert target.is_relative_to(release)


def test_azerbaijani_page_text(release):
    page = Page((release / "az" / "victory-day-2024.html").read_text(encoding="utf-8"))
    text = page.body_text
    for entry in translations("az", "victory-day-2024"):
        assert squash(entry.msgstr) in text
    assert "8 noyabr 2024" in text
    assert "Əsas məzmuna keçin" in text                       # the site catalog is used too
    quote = [attrs for tag, attrs in page.tags if tag == "blockquote"]
    assert len(quote) == 1
    assert "<cite>— İlham Əliyev" in (release / "az" / "victory-day-2024.html").read_text()


def test_language_switcher_points_at_the_same_publication(release):
    page = Page((release / "az" / "victory-day-2024.html").read_text(encoding="utf-8"))
    switch = [(url, attrs) for tag, url, attrs in page.links if tag == "a" and attrs.get("hreflang")]
    assert ("../en/victory-day-2024.html", {"href": "../en/victory-day-2024.html",
                                              "hreflang": "en", "lang": "en"}) in switch
    names = Page((release / "index.html").read_text(encoding="utf-8")).body_text
    assert "Azərbaycanca" in names and "English" in names


def test_page_links_its_pdf(release):
    html = (release / "az" / "victory-day-2024.html").read_text(encoding="utf-8")
    assert 'href="victory-day-2024.pdf"' in html
    assert "Paylama materialını yükləyin" in html


def test_index_lists_publications_with_localized_dates(release):
    page = Page((release / "az" / "index.html").read_text(encoding="utf-8"))
    assert "Zəfər Günü" in page.body_text and "8 Noyabr – Azərbaycanın Zəfər Günü" in page.body_text
    assert "8 noyabr 2024" in page.body_text


def test_pdfs_are_byte_identical_when_rebuilt(release, tmp_path):
    project = load_project(release.parent)
    build(project, BuildOptions(formats=("pdf",), locales=("az",), output_dir=tmp_path))
    for slug in SLUGS:
        assert (tmp_path / "az" / f"{slug}.pdf").read_bytes() == (release / "az" / f"{slug}.pdf").read_bytes()


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


def test_relative_export_has_no_absolute_url_and_no_sitemap_or_feed(release):
    """Without base_url the export works from file:// and any folder; sitemaps and Atom need
    absolute URLs, so they are not written (robots.txt is, without a Sitemap line)."""
    assert not (release / "sitemap.xml").exists()
    assert not list(release.rglob("feed.xml"))
    assert (release / "robots.txt").read_text() == "User-agent: *\nAllow: /\n"
    for file in release.rglob("*.html"):
        page = Page(file.read_text(encoding="utf-8"))
        for _, url, _ in page.links:
            assert not urlsplit(url).scheme and not url.startswith("/"), (file, url)
    css = (release / "assets" / "site.css").read_text()
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", css) and "@import" not in css


def test_no_request_to_another_host(absolute_site):
    for file in absolute_site.rglob("*.html"):
        page = Page(file.read_text(encoding="utf-8"))
        for tag, url, _ in page.links:
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
