"""The Markdown a newsroom writes, end to end on a copy of the project: figures (alt text and
caption as messages, the file copied with its size, embedded in the PDF), pipe tables, headings,
nested lists, footnotes and links, in English and Azerbaijani, web page and handout."""

import re
from pathlib import Path

import pikepdf
import polib
from pypdf import PdfReader

from publisher.build import BuildOptions, build
from publisher.config import load_project

from helpers import BASE_URL, REPO, RICH_MD, pdf_text, set_base_url

BACKGROUND = RICH_MD


def pot_entries(root: Path, domain: str) -> dict[str, polib.POEntry]:
    return {entry.msgid: entry for entry in polib.pofile(str(root / "locales" / f"{domain}.pot"))}


def page(root: Path, locale: str) -> str:
    return (root / "dist" / locale / "victory-day-background.html").read_text(encoding="utf-8")


def test_every_new_part_is_a_message_with_its_role(rich):
    entries = pot_entries(rich, "victory-day-background")
    roles = {msgid: entry.comment for msgid, entry in entries.items()}
    assert roles["Figures and facts"] == "heading 2"
    assert roles["Further reading"] == "heading 3"
    assert roles["Delegates in the General Assembly hall"] == "image alt text"
    assert roles["The General Assembly in *September 2020*"] == "image caption"
    assert roles["Year"] == roles["Event"] == roles["Settlements"] == "table header"
    assert roles["Four Security Council resolutions"] == roles["300"] == "table cell"
    assert roles["Press office: [press@example.org](mailto:press@example.org)"] == "list item"
    assert roles["Resolutions 822, 853, 874 and 884 of 1993."] == "footnote"
    assert "" not in entries           # the empty cell is no message
    line = 1 + (REPO / BACKGROUND).read_text(encoding="utf-8").count("\n")
    assert entries["Delegates in the General Assembly hall"].occurrences == [(BACKGROUND, str(line + 3))]


def test_the_figure_on_the_web_page(rich):
    html = page(rich, "az")
    assert re.search(r'<img src="\.\./media/images/delegates\.png" alt="Baş Assambleyanın zalında '
                     r'nümayəndələr" width="1200" height="800">', html)
    assert ('<figcaption>Baş Assambleya <em><span class="nowrap">2020-ci</span> ilin sentyabrında'
            '</em></figcaption>') in html
    copied = rich / "dist" / "media" / "images" / "delegates.png"
    assert copied.read_bytes() == (rich / "content" / "images" / "delegates.png").read_bytes()


def test_the_figure_in_the_pdf_with_its_alt_text(rich):
    with pikepdf.open(rich / "dist" / "az" / "victory-day-background.pdf") as pdf:
        images = {(int(xobject.Width), int(xobject.Height)) for pdf_page in pdf.pages
                  for xobject in pdf_page.Resources.get("/XObject", {}).values()
                  if xobject.get("/Subtype") == "/Image"}
        assert (1200, 800) in images
        figures = []

        def walk(node):
            if isinstance(node, pikepdf.Dictionary):
                if node.get("/S") == "/Figure":
                    figures.append(str(node.get("/Alt")))
                kids = node.get("/K")
                for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
                    walk(kid)
        walk(pdf.Root.StructTreeRoot)
    assert "Baş Assambleyanın zalında nümayəndələr" in figures
    assert "Baş Assambleya 2020-ci ilin sentyabrında" in pdf_text(rich / "dist" / "az" / "victory-day-background.pdf")


def test_the_table_on_the_web_page_and_in_the_pdf(rich):
    html = page(rich, "az")
    table = html[html.index('<div class="table-scroll" tabindex="0">'):html.index("</table>")]
    assert '<th scope="col" class="align-start">İl</th>' in table
    assert '<th scope="col" class="align-end">Yaşayış məntəqələri</th>' in table
    assert '<td class="align-start">44 günlük müharibə</td><td class="align-end">300</td>' in table
    text = pdf_text(rich / "dist" / "az" / "victory-day-background.pdf")
    assert ("İl Hadisə Yaşayış məntəqələri 1993 Təhlükəsizlik Şurasının dörd qətnaməsi "
            "2020 44 günlük müharibə 300") in text


def test_a_table_row_is_never_split_and_its_header_repeats(tmp_path, project_dir):
    cell = "A long cell that wraps over several lines in print. " * 3
    rows = "\n".join(f"| {n} | {cell}|" for n in range(1, 41))
    source = project_dir / BACKGROUND
    source.write_text(source.read_text(encoding="utf-8") + f"\n| No. | Text |\n|---|---|\n{rows}\n",
                      encoding="utf-8")
    build(load_project(project_dir), BuildOptions(formats=("pdf",), locales=("en",), jobs=1,
                                                  output_dir=tmp_path / "out"))
    pages = [p.extract_text() for p in PdfReader(tmp_path / "out" / "en" / "victory-day-background.pdf").pages]
    with_rows = [text for text in pages if "A long cell" in text]
    assert len(with_rows) >= 2 and all("No. Text" in text for text in with_rows)   # header again
    seen = []
    for text in with_rows:                  # every row's three sentences on the page it starts on
        starts = [m.start() for m in re.finditer(r"^\d+ A long cell", text, re.M)]
        assert "long cell" not in text[:starts[0]]        # no row's end carried over
        for start, end in zip(starts, [*starts[1:], len(text)]):
            assert " ".join(text[start:end].split()).count("A long cell") == 3, text[start:end]
        seen += [int(m) for m in re.findall(r"^(\d+) A long cell", text, re.M)]
    assert seen == list(range(1, 41))


def test_headings_follow_the_title(rich):
    html = page(rich, "en")
    assert "<h1>November 8 - Azerbaijan&#39;s Victory Day</h1>" in html
    assert "<h2>Figures and facts</h2>" in html and "<h3>Further reading</h3>" in html


def test_nested_list_and_links_per_language(rich):
    for locale, note, release in (("en", "background note", "the release of 8 November"),
                                  ("az", "Arayış", "8 noyabr tarixli mətbuat açıqlamasındadır")):
        html = page(rich, locale)
        assert f'<a href="victory-day-2024.html">{release}</a>' in html
        assert f'<li><a href="victory-day-background.html">{note}</a>' in html.replace("The <a", "<a")
        assert re.search(r"<li>[^<]*<a href=\"[^\"]+\">[^<]*</a>\s*<ul>\s*<li>", html)   # nested
        assert '<a href="https://www.un.org/en/about-us/un-charter/full-text">' in html
        assert 'href="content/' not in html and '.md"' not in html


def test_footnotes_link_both_ways_on_the_page_and_end_the_handout(rich):
    html = page(rich, "az")
    assert ('<sup class="footnote-ref"><a href="#az-fn-1" id="az-fnref-1" role="doc-noteref">1'
            '</a></sup>') in html
    assert '<h2>Qeydlər</h2>' in html and '<li id="az-fn-1" value="1">' in html
    assert 'href="#az-fnref-1" role="doc-backlink" aria-label="Mətnə qayıdın"' in html
    text = pdf_text(rich / "dist" / "az" / "victory-day-background.pdf")
    notes = text.index("Qeydlər")
    assert "1993-cü ilin 822, 853, 874 və 884 saylı qətnamələri." in text[notes:]
    assert text.index("Nizamnaməsidir") < notes < text.index("Mənbə: Fakti")
    assert "Mətnə qayıdın" not in text and "↩" not in text      # no back-link on paper


def test_external_addresses_are_printed_in_the_pdf(rich):
    text = pdf_text(rich / "dist" / "az" / "victory-day-background.pdf")
    assert "BMT Nizamnaməsidir (https://www.un.org/en/about-us/un-charter/full-text)." in text
    assert "Mətbuat xidməti: press@example.org Arayış" in text or \
        "Mətbuat xidməti: press@example.org" in text
    assert "(press@example.org)" not in text and "(https://www.un.org)" not in text   # once
    # no base_url: the link to another publication keeps its text, and points nowhere
    assert "mətbuat açıqlamasındadır;" in text
    with pikepdf.open(rich / "dist" / "az" / "victory-day-background.pdf") as pdf:
        uris = [str(a.A.URI) for p in pdf.pages for a in p.get("/Annots", [])
                if "/A" in a and "/URI" in a.A]
    assert sorted(set(uris)) == ["https://www.un.org", "https://www.un.org/en/about-us/un-charter/full-text",
                            "mailto:press@example.org"]


def test_pseudo_locale_marks_every_new_message(rich, tmp_path):
    build(load_project(rich), BuildOptions(locales=("qps",), formats=("html",), output_dir=tmp_path))
    html = (tmp_path / "qps" / "victory-day-background.html").read_text(encoding="utf-8")
    assert re.search(r'alt="\[Ðéļéĝáţéš îñ ţĥé Ĝéñéŕáļ Åššéɱƀļý ĥáļļ[^"]*\]"', html)
    assert "<figcaption>[Ţĥé Ĝéñéŕáļ Åššéɱƀļý îñ <em>Šéþţéɱƀéŕ 2020</em>" in html
    assert "<th scope=\"col\" class=\"align-start\">[Ýéáŕ" in html
    assert '<a href="victory-day-2024.html">ţĥé ŕéļéášé öƒ 8 Ñöṽéɱƀéŕ</a>' in html
    assert 'role="doc-noteref">1</a></sup>' in html              # [^res] kept as it is
    assert "[Ŕéšöļûţîöñš 822, 853, 874 áñð 884 öƒ 1993." in html


def test_with_base_url_a_link_to_another_publication_is_printed_as_its_web_address(project_dir, tmp_path):
    set_base_url(project_dir, BASE_URL)
    source = project_dir / BACKGROUND
    source.write_text(source.read_text(encoding="utf-8") + "\nSee [the release](victory-day-2024.md#top).\n",
                      encoding="utf-8")
    build(load_project(project_dir), BuildOptions(formats=("pdf",), locales=("en",), jobs=1,
                                                  output_dir=tmp_path / "out"))
    text = pdf_text(tmp_path / "out" / "en" / "victory-day-background.pdf")
    assert f"See the release ({BASE_URL}/en/victory-day-2024.html#top)." in text
