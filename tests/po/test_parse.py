"""Reading PO text (publisher.po.parse): GNU's escapes and every syntax error with its line, the
fast reader against the line reader, and any catalog polib writes read back equal (hypothesis).
"""

import polib
import pytest
from hypothesis import given
from hypothesis import strategies as st

from publisher.errors import CatalogError, PublisherError
from publisher.po.catalog import parse_catalog, read_catalog
from publisher.po.format import format_catalog
from publisher.po.parse import parse_po

from helpers import (
    BAD_CATALOGS,
    LETTERS,
    PO_HEADER,
    PROPERTY_SETTINGS,
    find,
    full_catalog,
    random_entries,
)


@pytest.mark.parametrize("escape, value", [("\\a", "\a"), ("\\101", "A"), ("\\x41", "A"),
                                           ("\\303\\274", "ü"), ("\\xc3\\xbc", "ü"), ("\\0", "\0")])
def test_gnu_escapes_are_decoded(escape, value):
    """The escapes GNU's reader accepts (po-lex.c): C's letters, octal and hex bytes."""
    text = (BAD_CATALOGS / "invalid-escape.po").read_text(encoding="utf-8")
    text = text.replace("Qarabağ\\qAzərbaycandır.", f"A{escape} B")
    entry = find(parse_po(text, "escapes.po"), "Garabagh is Azerbaijan.")
    assert entry.msgstr == f"A{value} B"
    if value < " ":     # decoded, then refused as a translation (tests/bad-catalogs)
        with pytest.raises(CatalogError, match=r"escapes\.po:16: control character U\+00"):
            parse_catalog(text.encode("utf-8"), "escapes.po")
    else:
        assert find(parse_catalog(text.encode("utf-8"), "escapes.po"), "Garabagh is Azerbaijan.")


@pytest.mark.parametrize("escape", ["\\q", "\\x", "\\x100", "\\8", "\\377"])
def test_unknown_escapes_are_refused_with_their_line(escape):
    text = (BAD_CATALOGS / "invalid-escape.po").read_text(encoding="utf-8")
    text = text.replace("Qarabağ\\qAzərbaycandır.", f"A{escape} B")
    with pytest.raises(CatalogError, match=r"^escapes.po:18: syntax error: (unsupported escape|"
                                           r"octal or hex escapes that are not valid UTF-8)"):
        parse_catalog(text.encode("utf-8"), "escapes.po")


@pytest.mark.parametrize("body, line, part", [
    ('msgid "Victory Day"\n\nmsgid "Peace"\nmsgstr ""\n', 13, "msgid where msgstr was expected"),
    ('msgid "Victory Day"\n', 11, "msgid without msgstr"),
    ('msgstr "Zəfər Günü"\n', 11, "msgstr without msgid"),
    ('msgid "Day"\nmsgstr[0] "Gün"\n', 12, "msgstr[0] without msgid_plural"),
    ('msgid "Day"\nmsgid_plural "Days"\nmsgstr "Gün"\n', 13, "needs msgstr[0]"),
    ('#. paragraph\n"Victory Day"\n', 12, "a string without a keyword"),
    ('#~ msgid "Day"\nmsgstr "Gün"\n', 12, "mixes obsolete (#~) and live lines"),
    ('#| msgid "Day"\n', 11, "previous msgid (#|) without a message"),
])
def test_structure_errors_name_their_line(body, line, part):
    text = (BAD_CATALOGS / "invalid-escape.po").read_text(encoding="utf-8").split("\n\n")[0]
    text += "\n\n" + body                   # the header takes lines 1-10
    with pytest.raises(CatalogError) as caught:
        parse_catalog(text.encode("utf-8"), "structure.po")
    assert str(caught.value).startswith(f"structure.po:{line}: syntax error:")
    assert part in str(caught.value)


def entry_fields(entries) -> list[dict]:
    return [dict(vars(entry)) for entry in entries]


@pytest.mark.parametrize("seed", [2024, 1992, 44])
def test_fast_reader_gives_what_the_line_reader_gives(seed):
    from publisher.po.parse import _fast_entries, _line_entries
    text = format_catalog(full_catalog(random_entries(seed, 300)))
    assert entry_fields(_fast_entries(text, "x.po")) == entry_fields(_line_entries(text, "x.po"))


def test_blank_line_inside_an_entry_is_read_as_gnu_reads_it(tmp_path):
    """GNU's reader takes blank lines as white space anywhere; so does publisher's."""
    path = tmp_path / "spaced.po"
    path.write_text(PO_HEADER + '#: content/note.md:3\nmsgid "Victory Day"\n\nmsgstr "Zəfər Günü"\n',
                    encoding="utf-8")
    entry = read_catalog(path)[0]
    assert (entry.msgid, entry.msgstr, entry.linenum) == ("Victory Day", "Zəfər Günü", 11)


# No "%": a msgid that reads as a printf format binds its msgstr to its placeholders, which
# random text does not keep (tests/po/test_untrusted_translations.py tests that rule).
TEXT = st.text(alphabet=LETTERS + " .,;:!?'\"-()\\\t\n#/", min_size=1, max_size=150).map(str.strip).filter(bool)
ENTRY = st.tuples(TEXT, st.one_of(st.just(""), TEXT), st.one_of(st.none(), TEXT), st.booleans(),
                  st.one_of(st.just(""), TEXT.map(lambda t: " ".join(t.split()))),
                  st.lists(st.tuples(st.sampled_from(["content/a.md", "templates/base.html"]),
                                     st.integers(1, 9999).map(str)), max_size=3))


@PROPERTY_SETTINGS
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


def test_comment_lines_are_kept_as_gnu_keeps_them():
    """A lone "#" or "#." is a comment of one empty line (equal to "": no comment to the rest
    of publisher, but written back); a comment keeps the spaces that end it."""
    text = PO_HEADER + ('#\n#.\nmsgid "Victory Day"\nmsgstr "Zəfər Günü"\n\n'
                        '# checked  \nmsgid "Shusha"\nmsgstr "Şuşa"\n')
    first, second = parse_po(text, "comments.po")
    assert first.tcomment == "" and not first.tcomment and first.comment == ""
    assert second.tcomment == "checked  "
    assert format_catalog(parse_po(text, "comments.po")) == text
