"""Property-based tests (hypothesis): the segmenter and the catalog round trip.

- Any Markdown the segmenter accepts survives extract -> translate-as-identity -> render: each
  message reads back from the catalog exactly as extracted, and the pages rendered through the
  catalog equal the pages rendered straight from the source.
- Any catalog polib writes is read back equal by publisher's strict reader.
"""

import html
import io
import re

import polib
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from publisher.po.mo import compile_catalog
from publisher.po.catalog import parse_catalog
from publisher.config import load_project
from publisher.errors import PublisherError, SourceError
from publisher.extraction import publication_template
from publisher.po.format import format_catalog
from publisher.render.translations import TrackedTranslations
from publisher.render.localize import localize, render_inline
from publisher.sources import parse_source

FRONT = '+++\ntitle = "Zəfər Günü"\ndate = 2024-11-08\n+++\n\n'
LETTERS = "abcxyzəğıİşçöüƏĞŞÇÖÜ0123456789"
MARKDOWN = LETTERS + " .,;:!?'\"*_`[]()<>&#-+=\\/~|\n"
SETTINGS = settings(max_examples=150, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("properties")
    (root / "publisher.toml").write_text('[project]\nname = "P"\nlocales = ["en", "az"]\n', encoding="utf-8")
    return load_project(root)


def visible_words(markup: str) -> set[str]:
    return set(html.unescape(re.sub(r"<[^>]*>", " ", markup)).split())


@SETTINGS
@given(st.lists(st.text(alphabet=MARKDOWN, min_size=1, max_size=120), min_size=1, max_size=6))
def test_accepted_markdown_survives_extract_identity_translation_and_render(project, paragraphs):
    try:
        source = parse_source(FRONT + "\n\n".join(paragraphs) + "\n", "content/p.md")
    except SourceError:
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
    through, straight = localize(source, locale, translations), localize(source, locale, TrackedTranslations(None, "p", locale="az"))
    assert through.blocks == straight.blocks and through.fields == straight.fields
    for segment in source.segments:
        words = [word for word in segment.text.split() if re.fullmatch(f"[{LETTERS}]+", word)]
        assert set(words) <= visible_words(render_inline(segment.text)), segment.text


TEXT = st.text(alphabet=LETTERS + " .,;:!?'\"-()\\\t\n#%/", min_size=1, max_size=150).map(str.strip).filter(bool)
ENTRY = st.tuples(TEXT, st.one_of(st.just(""), TEXT), st.one_of(st.none(), TEXT), st.booleans(),
                  st.one_of(st.just(""), TEXT.map(lambda t: " ".join(t.split()))),
                  st.lists(st.tuples(st.sampled_from(["content/a.md", "templates/base.html"]),
                                     st.integers(1, 9999).map(str)), max_size=3))


@SETTINGS
@given(st.lists(ENTRY, min_size=1, max_size=12, unique_by=lambda e: (e[2], e[0])))
def test_a_catalog_polib_writes_is_read_back_equal(entries):
    written = polib.POFile(wrapwidth=79)
    written.metadata = {"Project-Id-Version": "P", "Language": "az", "MIME-Version": "1.0",
                        "Content-Type": "text/plain; charset=UTF-8",
                        "Content-Transfer-Encoding": "8bit",
                        "Plural-Forms": "nplurals=2; plural=(n != 1);"}
    for msgid, msgstr, context, fuzzy, comment, occurrences in entries:
        written.append(polib.POEntry(msgid=msgid, msgstr=msgstr, msgctxt=context, comment=comment,
                                     occurrences=occurrences, flags=["fuzzy"] if fuzzy else []))
    try:
        read = parse_catalog(str(written).encode("utf-8"), "x.po")
    except PublisherError as error:
        pytest.fail(f"publisher refused what polib wrote: {error}\n{written}")

    def shape(catalog):
        return [(e.msgid, e.msgstr, e.msgctxt, e.fuzzy, e.comment, e.occurrences) for e in catalog]

    assert shape(read) == shape(written)
    assert read.metadata == written.metadata
