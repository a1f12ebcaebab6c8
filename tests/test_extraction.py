"""Extraction (publisher.extraction): a message per block with its reference and comment, the
template strings pybabel finds, and (hypothesis) any Markdown the segmenter accepts surviving
extract -> identity translation -> render."""

import html
import io
import re
import subprocess
import sys

import polib
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from publisher.commands import extract
from publisher.config import load_project
from publisher.errors import PublisherError
from publisher.extraction import build_templates, publication_template
from publisher.po.catalog import parse_catalog
from publisher.po.format import format_catalog
from publisher.po.mo import compile_catalog
from publisher.render.localize import localize, render_inline
from publisher.render.translations import TrackedTranslations
from publisher.sources import load_sources, parse_source

from helpers import LETTERS, PROPERTY_SETTINGS


def templates(project_dir):
    project = load_project(project_dir)
    return build_templates(project, load_sources(project))


def test_a_message_per_block_with_reference_and_comment(project_dir):
    pot = templates(project_dir)["victory-day-2024"]
    assert len(pot) == 17      # 4 front-matter fields, 11 paragraphs, the quote and its attribution
    first = pot.find("Victory Day")
    assert first.occurrences == [("content/victory-day-2024.md", "3")] and first.comment == "front matter: title"
    quote = [e for e in pot if e.comment == "quotation"]
    assert len(quote) == 1 and quote[0].msgid.startswith("The Armenia-Azerbaijan conflict")
    attribution = next(e for e in pot if e.comment == "quotation attribution")
    assert attribution.msgid.startswith("— Ilham Aliyev")
    paragraphs = [e for e in pot if e.comment == "paragraph"]
    assert len(paragraphs) == 11
    assert all(e.occurrences[0][0] == "content/victory-day-2024.md" for e in pot)


def test_background_has_six_paragraphs_and_no_web_debris(project_dir):
    pot = templates(project_dir)["victory-day-background"]
    assert len([e for e in pot if e.comment == "paragraph"]) == 6
    text = " ".join(e.msgid for e in pot)
    assert "Last news in Fakti" not in text and "Mətbuat şərhi" not in text


def test_pybabel_finds_the_same_template_strings(project_dir, tmp_path):
    out = tmp_path / "pybabel.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "--quiet", "extract",
                    "-F", str(project_dir / "babel.cfg"), "-o", str(out), "."],
                   cwd=project_dir, check=True)
    theirs = {(e.msgid, tuple(e.occurrences)) for e in polib.pofile(str(out))}
    ours = {(e.msgid, tuple(e.occurrences)) for e in templates(project_dir)["site"]
            if e.occurrences[0][0] != "publisher.toml"}
    assert theirs == ours and len(ours) >= 10


def test_extract_twice_changes_nothing(project_dir):
    project = load_project(project_dir)
    extract(project)
    before = {p: p.read_bytes() for p in (project_dir / "locales").glob("*.pot")}
    assert extract(project) == []
    assert {p: p.read_bytes() for p in before} == before


FRONT = '+++\ntitle = "Zəfər Günü"\ndate = 2024-11-08\n+++\n\n'


MARKDOWN = LETTERS + " .,;:!?'\"*_`[]()<>&#-+=\\/~|\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("properties")
    (root / "publisher.toml").write_text('[project]\nname = "P"\nlocales = ["en", "az"]\n', encoding="utf-8")
    return load_project(root)


def visible_words(markup: str) -> set[str]:
    return set(html.unescape(re.sub(r"<[^>]*>", " ", markup)).split())


@PROPERTY_SETTINGS
@given(st.lists(st.text(alphabet=MARKDOWN, min_size=1, max_size=120), min_size=1, max_size=6))
def test_accepted_markdown_survives_extract_identity_translation_and_render(project, paragraphs):
    try:
        source = parse_source(FRONT + "\n\n".join(paragraphs) + "\n", "content/p.md")
    except PublisherError:    # a SourceError, or several at once: not accepted Markdown
        assume(False)
    # extract: the .pot as written, read back
    template = parse_catalog(format_catalog(publication_template(project, source)).encode("utf-8"), "p.pot")
    # translate as identity, write the .po and read it back as a translator's file
    for entry in template:
        entry.msgstr = entry.msgid
    catalog = parse_catalog(format_catalog(template).encode("utf-8"), "p.po")
    translations = TrackedTranslations(io.BytesIO(compile_catalog(catalog)), "p", locale="az")
    for segment in source.segments:
        assert segment.text in translations._catalog, segment.text
        assert translations.gettext(segment.text) == segment.text
    # render: through the catalog exactly as straight from the source
    locale = project.locales[1]
    through = localize(source, locale, translations)
    straight = localize(source, locale, TrackedTranslations(None, "p", locale="az"))
    assert through.blocks == straight.blocks and through.fields == straight.fields
    for segment in source.segments:
        words = [word for word in segment.text.split() if re.fullmatch(f"[{LETTERS}]+", word)]
        assert set(words) <= visible_words(render_inline(segment.text)), segment.text
