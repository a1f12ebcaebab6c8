"""PDF handouts through WeasyPrint (publisher.render.pdf): confined resource loading and size
limits, reproducible bytes, PDF/A and tagged structure, the text of every message, the parts of a
press release, and the looks."""

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import polib
import pytest
from pypdf import PdfReader

from publisher.build import BuildOptions, build
from publisher.config import PDF_VARIANTS, load_project
from publisher.errors import OutputError, PublisherError
from publisher.limits import MAX_DATA_URL_BYTES, MAX_IMAGE_PIXELS, MAX_RESOURCE_BYTES
from publisher.render.pdf import harfbuzz_subset_available, render_pdf

from helpers import ARTIFACTS, REPO

DATE = dt.date(2024, 11, 8)


def html(body: str, head: str = "") -> str:
    return f'<!DOCTYPE html><html lang="az"><head><title>T</title>{head}</head><body>{body}</body></html>'


def test_same_html_gives_the_same_bytes(tmp_path):
    page = html("<p>Zəfər Günü İlham Əliyev Şuşa</p>")
    assert render_pdf(page, tmp_path, (tmp_path,), DATE) == render_pdf(page, tmp_path, (tmp_path,), DATE)


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/x.css", "https://example.org/x.css"])
def test_network_is_refused(tmp_path, url):
    with pytest.raises(OutputError, match="refused to load"):
        render_pdf(html("<p>x</p>", f'<link rel="stylesheet" href="{url}">'), tmp_path, (tmp_path,), DATE)


def test_files_outside_the_assets_are_refused(tmp_path):
    assets = tmp_path / "assets"
    assets.mkdir()
    secret = tmp_path / "secret.css"
    secret.write_text("p { color: red }")
    (assets / "link.css").symlink_to(secret)
    for href in (secret.as_uri(), "link.css", "../secret.css"):
        with pytest.raises(OutputError, match="outside the project's assets/ folder"):
            render_pdf(html("<p>x</p>", f'<link rel="stylesheet" href="{href}">'), assets, (assets,), DATE)


def test_attachments_outside_are_not_embedded(tmp_path):
    with pytest.raises(OutputError):
        render_pdf(html('<a rel="attachment" href="file:///etc/hostname">x</a>'), tmp_path, (tmp_path,), DATE)


def test_allowed_assets_load(tmp_path):
    (tmp_path / "s.css").write_text("@page { size: A5 }")
    pdf = tmp_path / "out.pdf"
    pdf.write_bytes(render_pdf(html("<p>x</p>", '<link rel="stylesheet" href="s.css">'), tmp_path, (tmp_path,), DATE))
    box = PdfReader(pdf).pages[0].mediabox
    assert (round(box.width), round(box.height)) == (420, 595)


def test_weasyprint_is_not_imported_by_the_cli():
    code = "import publisher.cli, publisher.build, sys; print('weasyprint' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_harfbuzz_subset_is_detected():
    assert isinstance(harfbuzz_subset_available(), bool)


# --- The release's handouts: archive, accessibility, text, looks -------------------------
#
# veraPDF is not offered by any registry this project installs from (PyPI, Debian, npm), so
# the tests check these PDF/A-3u (ISO 19005-3) and tagged-PDF rules themselves, with pikepdf:
#   * XMP metadata with pdfaid:part 3 and pdfaid:conformance U (the variant of publisher.toml),
#     dc:title, dc:creator, dc:description, dc:language, xmp:CreateDate, matching /Info;
#   * an OutputIntent GTS_PDFA1 with an embedded ICC profile (sRGB);
#   * every font embedded (FontFile2) with a ToUnicode map, so text extracts as written
#     (ə ğ ı İ ş ç ö ü);
#   * no encryption, no JavaScript, no actions, no external references;
#   * tagged PDF: MarkInfo Marked true, a StructTreeRoot, /Lang per document, an outline from
#     the headings, ViewerPreferences DisplayDocTitle;
#   * the file's structure passes `qpdf --check` (Debian package qpdf, tools/system-deps.sh).
SLUGS = ("victory-day-2024", "victory-day-background")
SINGLE = [f"{locale}/{slug}.pdf" for locale in ("en", "az") for slug in SLUGS]
BILINGUAL = [f"bilingual/{slug}.en-az.pdf" for slug in SLUGS]
EVERY_PDF = SINGLE + BILINGUAL
HYPHEN = "\u2010"     # what WeasyPrint draws where a line breaks at a (soft) hyphen


def extracted_text(path: Path) -> str:
    """The text a reader copies out of the PDF, line-end hyphens joined, spaces squashed."""
    pages = []
    for number, page in enumerate(PdfReader(path).pages):
        lines = page.extract_text().split("\n")
        # The margin boxes come last: the footer, and from page 2 the running header above it.
        pages.append("\n".join(lines[:-2] if number else lines[:-1]))
    raw = "\n".join(pages)
    assert "\u00ad" not in raw                                   # soft hyphens never leak
    assert not re.search(f"{HYPHEN}(?!\\s*\\n)", raw), "a break hyphen inside a line"
    raw = re.sub(f"{HYPHEN}\\s*\\n", "", raw)           # a word broken by hyphenation
    raw = re.sub(r"-[ \t]*\n", "-", raw)                 # a line broken after a real hyphen
    return " ".join(raw.split())


def catalog_texts(locale: str, domain: str) -> list[tuple[str, str]]:
    """(text as printed, its comment) of every message of a catalog."""
    out = []
    for entry in polib.pofile(str(REPO / f"locales/{locale}/LC_MESSAGES/{domain}.po")):
        if entry.obsolete or not entry.msgid:
            continue
        text = re.sub(r"[*_`]", "", entry.msgstr or entry.msgid)
        if "front matter: label" in entry.comment:                 # set in capitals by CSS
            text = text.replace("i", "İ").upper() if locale == "az" else text.upper()
        out.append((" ".join(text.split()), entry.msgid))
    return out


@pytest.mark.parametrize("locale", ["en", "az"])
@pytest.mark.parametrize("slug", SLUGS)
def test_handout_text_matches_the_catalog_message_for_message(release, locale, slug):
    text = extracted_text(release / locale / f"{slug}.pdf")
    for printed, msgid in catalog_texts(locale, slug):
        assert printed in text, msgid[:60]


@pytest.mark.parametrize("slug", SLUGS)
def test_bilingual_handout_holds_both_catalogs(release, slug):
    text = extracted_text(release / "bilingual" / f"{slug}.en-az.pdf")
    for locale in ("en", "az"):
        for printed, msgid in catalog_texts(locale, slug):
            assert printed in text, (locale, msgid[:60])
    assert "ENGLISH" in text and "AZƏRBAYCANCA" in text


def test_release_parts_are_printed(release):
    az = extracted_text(release / "az" / "victory-day-2024.pdf")
    en = extracted_text(release / "en" / "victory-day-2024.pdf")
    assert "DƏRHAL YAYIMLANMASI ÜÇÜN" in az and "FOR IMMEDIATE RELEASE" in en
    assert "Nyu-York, 8 noyabr 2024" in az and "New York, November 8, 2024" in en
    assert "MEDİA ÜÇÜN ƏLAQƏ" in az and "MEDIA CONTACT" in en
    assert "Tel.: (212) 371-2559; Faks: (212) 371-2784" in az
    assert az.endswith("###") and en.endswith("###")
    footer = PdfReader(release / "az" / "victory-day-2024.pdf").pages[1].extract_text().split("\n")
    assert footer[-2:] == ["Azərbaycan Respublikasının BMT yanında Daimi Nümayəndəliyi 8 noyabr 2024",
                           "Zəfər Günü Səhifə 2 / 2"]              # running header and footer
    # A reprinted article is background, not a release: no release line, its source credited.
    background = extracted_text(release / "en" / "victory-day-background.pdf")
    assert "IMMEDIATE RELEASE" not in background and "Source: Fakti" in background


def test_azerbaijani_is_hyphenated_in_print_only(release):
    raw = "\n".join(p.extract_text() for p in PdfReader(release / "az" / "victory-day-2024.pdf").pages)
    assert f"{HYPHEN}\n" in raw                     # some words do break at line ends
    for page in release.rglob("*.html"):
        assert "\u00ad" not in page.read_text(encoding="utf-8"), page


@pytest.mark.parametrize("name", EVERY_PDF)
def test_pdfa_and_tagged_structure(release, name):
    pdf = pikepdf.open(release / name)
    root = pdf.Root
    meta = pdf.open_metadata()
    assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("3", "U")
    lang = "az" if name.startswith("az/") else "en"
    assert str(root.Lang) == lang and meta["dc:language"] == {lang}
    assert root.MarkInfo.Marked is True and "/StructTreeRoot" in root
    assert root.ViewerPreferences.DisplayDocTitle is True
    intent = root.OutputIntents[0]
    assert intent.S == "/GTS_PDFA1" and "sRGB" in str(intent.OutputConditionIdentifier)
    assert intent.DestOutputProfile.read_bytes()[36:40] == b"acsp"       # an ICC profile
    assert not pdf.is_encrypted and "/Encrypt" not in pdf.trailer
    for forbidden in ("/OpenAction", "/AA", "/JavaScript", "/URI"):
        assert forbidden not in root and (("/Names" not in root) or forbidden not in root.Names)
    fonts = {}
    for page in pdf.pages:
        fonts.update({str(f.BaseFont): f for f in page.Resources.Font.values()})
        for annot in page.get("/Annots", []):
            assert annot.get("/A", {}).get("/S") not in ("/JavaScript", "/Launch", "/URI")
    assert fonts
    for font_name, font in fonts.items():
        assert "/ToUnicode" in font, font_name
        assert "/FontFile2" in font.DescendantFonts[0].FontDescriptor, font_name
    # Title, subject, author, keywords and the publication's date, in both places.
    info = pdf.docinfo
    title = str(info.Title)
    assert title and meta["dc:title"] == title
    assert str(info.Author) and meta["dc:creator"] == [str(info.Author)]
    assert str(info.Subject) and str(info.Keywords).startswith(title.split(" / ")[0])
    assert str(info.CreationDate) == "D:20241108" and meta["xmp:CreateDate"] == "2024-11-08"
    # The outline starts from the headline(s).
    with pdf.open_outline() as outline:
        assert next(item.title for item in outline.root) == title.split(" / ")[0]


def test_outline_and_author_of_the_release(release):
    pdf = pikepdf.open(release / "az" / "victory-day-2024.pdf")
    with pdf.open_outline() as outline:
        assert [(i.title, [c.title for c in i.children]) for i in outline.root] == [
            ("Zəfər Günü", ["Media üçün əlaqə"])]
    assert str(pdf.docinfo.Author) == "Azərbaycan Respublikasının BMT yanında Daimi Nümayəndəliyi"


@pytest.mark.skipif(shutil.which("qpdf") is None,
                    reason="qpdf is not installed (make test installs it: tools/system-deps.sh --test)")
@pytest.mark.parametrize("name", EVERY_PDF)
def test_qpdf_finds_no_structural_error(release, name):
    result = subprocess.run(["qpdf", "--check", str(release / name)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors found" in result.stdout


def test_page_sizes_of_the_bilingual_sheets(release):
    letter = PdfReader(release / "bilingual" / "victory-day-2024.en-az.pdf").pages[0].mediabox
    a4 = PdfReader(release / "bilingual" / "victory-day-background.en-az.pdf").pages[0].mediabox
    assert (round(letter.width), round(letter.height)) == (612, 792)
    assert (round(a4.width), round(a4.height)) == (595, 842)


def test_every_handout_is_rebuilt_byte_for_byte(release, tmp_path):
    build(load_project(release.parent),
          BuildOptions(formats=("pdf", "pdf-bilingual"), output_dir=tmp_path))
    for name in EVERY_PDF:
        assert (tmp_path / name).read_bytes() == (release / name).read_bytes(), name


@pytest.mark.parametrize("variant,key,value", [
    ("pdf/a-3a", "pdfaid:conformance", "A"), ("pdf/a-2b", "pdfaid:part", "2"),
    ("pdf/ua-1", "pdfuaid:part", "1")])
def test_other_variants_are_recorded(tmp_path, variant, key, value):
    out = tmp_path / "out.pdf"
    out.write_bytes(render_pdf(html("<h1>Zəfər Günü</h1><p>Qarabağ</p>"), tmp_path, (tmp_path,), DATE, variant))
    pdf = pikepdf.open(out)
    assert pdf.open_metadata()[key] == value
    assert pdf.Root.MarkInfo.Marked is True and "/StructTreeRoot" in pdf.Root


def test_accepted_variants_are_weasyprints():
    from weasyprint.pdf import VARIANTS
    assert set(PDF_VARIANTS) <= set(VARIANTS)


def test_first_pages_render_to_png(release):
    """The first page of every handout as a picture in tests/artifacts/, to look at."""
    import pypdfium2

    ARTIFACTS.mkdir(exist_ok=True)
    for name in EVERY_PDF:
        document = pypdfium2.PdfDocument(str(release / name))
        image = document[0].render(scale=1.5).to_pil()
        image.save(ARTIFACTS / (name.replace("/", "-").removesuffix(".pdf") + ".png"))
        dark = image.convert("L").point(lambda value: 255 if value < 128 else 0).histogram()[255]
        assert dark > 10_000, name          # a page of text, not a blank sheet
        document.close()


def prepend(path: Path, text: str) -> None:
    path.write_text(text + path.read_text(encoding="utf-8"), encoding="utf-8")


def png(path: Path, width: int, height: int) -> Path:
    from PIL import Image
    Image.new("1", (width, height)).save(path)     # 1 bit a pixel: small on disk, huge decoded
    return path


def test_a_small_data_url_loads(tmp_path):
    dot = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
    assert render_pdf(html(f'<img src="{dot}" alt="">'), tmp_path, (tmp_path,), DATE).startswith(b"%PDF")


def test_a_data_url_over_the_limit_is_refused(tmp_path):
    url = "data:text/css;base64," + "A" * MAX_DATA_URL_BYTES
    with pytest.raises(OutputError, match=r"refused a data: URL of .* the limit is"):
        render_pdf(html("<p>x</p>", f'<link rel="stylesheet" href="{url}">'), tmp_path, (tmp_path,), DATE)


def test_a_50_megapixel_image_is_refused_before_it_is_decoded(tmp_path):
    png(tmp_path / "poster.png", 8000, 6250)
    assert MAX_IMAGE_PIXELS < 8000 * 6250
    with pytest.raises(OutputError, match=r"8000 x 6250 pixels is over the limit"):
        render_pdf(html('<img src="poster.png" alt="">'), tmp_path, (tmp_path,), DATE)


def test_an_image_within_the_limit_loads(tmp_path):
    png(tmp_path / "logo.png", 400, 300)
    assert render_pdf(html('<img src="logo.png" alt="">'), tmp_path, (tmp_path,), DATE).startswith(b"%PDF")


def test_an_oversized_resource_is_refused_before_it_is_read(tmp_path):
    with (tmp_path / "big.css").open("wb") as handle:     # sparse: nothing written to disk
        handle.truncate(MAX_RESOURCE_BYTES + 1)
    with pytest.raises(OutputError, match=r"too large to read: 20\.0 MB, the limit is 20\.0 MB"):
        render_pdf(html("<p>x</p>", '<link rel="stylesheet" href="big.css">'), tmp_path, (tmp_path,), DATE)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "http://127.0.0.1:9/x.css",
                                 "https://example.org/x.css", "ftp://example.org/x.css"])
def test_a_template_reaching_outside_fails_the_build_and_writes_nothing(sample_dir, url):
    prepend(sample_dir / "templates/handout.css", f'@import url("{url}");\n')
    with pytest.raises(OutputError, match="refused to load"):
        build(load_project(sample_dir), BuildOptions(formats=("pdf",)))
    assert not (sample_dir / "out").exists()


def test_a_symlinked_font_leaving_the_project_is_refused(sample_dir, tmp_path):
    outside = tmp_path / "outside.css"
    outside.write_text("p { color: red }")
    (sample_dir / "templates/extra.css").symlink_to(outside)
    prepend(sample_dir / "templates/handout.css", '@import url("extra.css");\n')
    with pytest.raises(PublisherError, match=r"templates/extra\.css: a symlink to .*, outside the "
                                             r"project's templates/ folder"):
        build(load_project(sample_dir), BuildOptions(formats=("pdf",)))
