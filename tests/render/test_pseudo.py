"""The pseudo-locale qps: every string through the catalogs comes out accented, longer and
bracketed, so that whatever escaped localization shows as plain English."""

import re
from html.parser import HTMLParser

import polib
import pytest
from pypdf import PdfReader

from publisher.build import BuildOptions, build
from publisher.config import SITE_DOMAIN, load_project
from publisher.po.catalog import CatalogStore, template_path
from publisher.po.placeholders import python_format_mismatch
from publisher.render.localize import render_inline
from publisher.render.pseudo import EXPANSION, PSEUDO_CODE, pseudo, pseudo_locale
from publisher.render.translations import Catalogs
from publisher.sources import load_sources

from helpers import REPO, SAMPLE, copy_project

ASCII_WORD = re.compile(r"[A-Za-z]{2,}")


def test_letters_are_accented_lengthened_and_bracketed():
    out = pseudo("Victory Day")
    assert out.startswith("[Ṽîçţöŕý Ðáý") and out.endswith("]")
    assert not ASCII_WORD.search(out)
    assert len(out) == len("[Victory Day]") + 4      # 35 % of 11 letters, rounded up


def test_length_grows_by_about_35_percent():
    text = "The local counter-terrorism measures carried out by Azerbaijan in September 2023."
    grown = len(pseudo(text)) - len("[]") - len(text)
    # 35 %, rounded up; one less when the padding would end on a space between its words.
    assert grown in (29, 28) and len(text) * EXPANSION <= 29


@pytest.mark.parametrize("kept", [
    "%(number)s", "%(page)s", "%s", "%d", "%%", "{name}", "{0}",
    "https://example.org/law", "&amp;", "&#8212;", "&#x2014;", "`code span`",
    "<https://example.org/a>", "<br>", "\\*",
])
def test_what_a_translator_copies_stays_exact(kept):
    assert kept in pseudo(f"Before {kept} after")


def test_markdown_renders_the_same_structure():
    source = "The *Independence Day* is marked on 18 October, see [the law](https://example.org/law \"Law\")."
    html = str(render_inline(pseudo(source)))
    assert '<a href="https://example.org/law" title="Law">' in html
    assert "<em>Îñðéþéñðéñçé Ðáý</em>" in html
    assert html.startswith("[") and html.endswith("]")
    # A message that starts with a link stays a link inside the brackets.
    assert '<a href="x.html">ƒöûŕ</a>' in str(render_inline(pseudo("[four](x.html) resolutions")))


def test_whitespace_around_a_message_stays_outside_the_brackets():
    assert pseudo("  two words\n") == "  " + pseudo("two words") + "\n"
    assert pseudo("") == "" and pseudo("   ") == "   "


def test_every_template_placeholder_survives(project_dir):
    template = polib.pofile(str(template_path(project_dir / "locales", SITE_DOMAIN)))
    formats = [e.msgid for e in template if "python-format" in e.flags]
    assert formats
    for msgid in formats:
        assert python_format_mismatch(msgid, pseudo(msgid)) is None, msgid
        assert pseudo(msgid) % Anything()


class Anything(dict):
    def __missing__(self, key):
        return key


def test_the_pseudo_locale():
    project_source = pseudo_locale(load_project(SAMPLE).locales[0])
    assert project_source.code == PSEUDO_CODE
    assert project_source.tag == "en-x-psaccent"
    assert project_source.babel_code == "en"


# What the qps output may show that is not a message: data of the release that no catalog
# translates (the letterhead's address and numbers, the name of a source), and the letterhead's
# names, which are in the languages the source's `letterhead` field names (az, en) whatever
# the page's language. Everything else must come out of the pseudo-translation.
ADDRESS = "633 Third Avenue, Suite 3210, New York, N.Y. 10017"
DATA = (ADDRESS, "(212) 371-2559", "(212) 371-2784", "Fakti")


def letterhead_names(project) -> list[str]:
    catalogs = Catalogs(project, CatalogStore(project.locales_dir, project.relative))
    return [name for source in load_sources(project) for _, name in catalogs.letterhead(source)]


def split_brackets(text: str) -> tuple[str, str]:
    """(text outside any [...], text inside) -- brackets nest, as formatted messages do."""
    outside, inside, depth = [], [], 0
    for char in text:
        if char == "[":
            depth += 1
        elif char == "]" and depth:
            depth -= 1
        else:
            (inside if depth else outside).append(char)
    assert depth == 0, "a bracket was left open"
    return "".join(outside), "".join(inside)


def escaped_english(text: str, allowed: list[str]) -> list[str]:
    """The words a reader would take for untranslated English."""
    # Join the words the PDF hyphenated at a line's end (WeasyPrint's U+2010, a soft hyphen).
    text = re.sub("[\u2010\u00ad]\n", "", text)
    for phrase in sorted(allowed, key=len, reverse=True):
        # The PDF wraps lines where it likes: match the phrase across any whitespace.
        text = re.sub(r"\s+".join(map(re.escape, phrase.split())), " ", text)
    outside, inside = split_brackets(text)
    return re.findall(r"[^\W\d_]+", outside) + ASCII_WORD.findall(inside)


class VisibleText(HTMLParser):
    """The text a reader sees or hears, skipping what is marked as another language."""

    SKIP = frozenset({"script", "style"})
    VOID = frozenset({"meta", "link", "br", "hr", "img", "input"})

    def __init__(self, page_lang: str):
        super().__init__()
        self.page_lang, self.stack, self.parts = page_lang, [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        other = ("lang" in attrs and attrs["lang"] != self.page_lang) or tag in self.SKIP
        hidden = other or bool(self.stack and self.stack[-1])
        if not hidden:
            self.parts += [attrs[a] for a in ("aria-label", "alt", "title") if attrs.get(a)]
        if tag not in self.VOID:
            self.stack.append(hidden)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


@pytest.fixture(scope="module")
def qps_build(tmp_path_factory):
    root = copy_project(REPO, tmp_path_factory.mktemp("qps") / "project")
    project = load_project(root)
    result = build(project, BuildOptions(locales=(PSEUDO_CODE,)))
    return project, result


@pytest.fixture(scope="module")
def qps_outputs(qps_build):
    """The qps files with a suffix, and what they may show that is not a message."""
    project, result = qps_build
    allowed = [*DATA, *letterhead_names(project)]
    return lambda suffix: (sorted((result.output_dir / PSEUDO_CODE).glob(f"*{suffix}")), allowed)


def test_qps_builds_without_catalogs(qps_build):
    project, result = qps_build
    assert not list(project.locales_dir.glob(f"{PSEUDO_CODE}/**/*"))
    assert not result.diagnostics
    out = result.output_dir / PSEUDO_CODE
    assert {p.name for p in out.iterdir()} == {
        "index.html", "victory-day-2024.html", "victory-day-2024.pdf",
        "victory-day-background.html", "victory-day-background.pdf"}
    # The root pages belong to the published languages: a qps build leaves them alone.
    assert not (result.output_dir / "index.html").exists()


def test_qps_html_shows_no_unbracketed_english(qps_outputs):
    pages, allowed = qps_outputs(".html")
    assert len(pages) == 3
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert '<html lang="en-x-psaccent">' in html
        parser = VisibleText("en-x-psaccent")
        parser.feed(html)
        text = " ".join(parser.parts)
        assert "[Ñöṽéɱƀéŕ 8, 2024" in text          # the CLDR date, marked too
        assert escaped_english(text, allowed) == [], page.name


def test_qps_pdf_shows_no_unbracketed_english(qps_outputs):
    pdfs, allowed = qps_outputs(".pdf")
    assert len(pdfs) == 2
    for pdf in pdfs:
        text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
        assert "[Ñöṽéɱƀéŕ 8, 2024" in text           # the CLDR date, marked too
        assert escaped_english(text, allowed) == [], pdf.name


def test_the_check_finds_english_that_escaped():
    # The test above can fail: an unbracketed word or English inside a bracket is found.
    assert escaped_english("[Ðáý] Skip to main content", []) == ["Skip", "to", "main", "content"]
    assert escaped_english(f"[Ţéļ: {ADDRESS}]", []) == ["Third", "Avenue", "Suite", "New", "York"]
    assert escaped_english(f"{ADDRESS} [Ðáý]", list(DATA)) == []


def test_qps_is_never_in_the_language_choice(project_dir):
    project = load_project(project_dir)
    full = build(project, BuildOptions(formats=("html",), locales=("en", "az", PSEUDO_CODE)))
    out = full.output_dir
    assert (out / "qps/index.html").exists()
    for page in ("index.html", "en/index.html", "az/victory-day-2024.html"):
        html = (out / page).read_text(encoding="utf-8")
        assert "qps/" not in html and "psaccent" not in html, page
    # Every locale of the project means the real ones: no qps unless asked for.
    again = build(project, BuildOptions(formats=("html",), output_dir=project_dir / "other"))
    assert not (again.output_dir / "qps").exists()
