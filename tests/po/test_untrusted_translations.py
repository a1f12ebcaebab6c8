"""What the catalog reader refuses in a translation that would make a page lie or fail (issue
14), and that publisher check reports with the same words: placeholders that differ from the
source's by as much as a width, links and addresses the source lacks, bidi controls and
invisible characters, strings over the message limit, a template's charset, a plural index
too long to be one. Every refusal names the catalog and the entry's line."""

from __future__ import annotations

import re
import unicodedata

import pytest

from publisher.checks.run import check_catalog
from publisher.errors import PublisherError
from publisher.limits import MAX_MESSAGE_CHARS
from publisher.po.catalog import parse_catalog
from publisher.po.markup import SUSPECT, added_targets, forbidden_characters
from publisher.po.placeholders import is_python_format, python_format_mismatch

HEADER = ('msgid ""\nmsgstr ""\n"Language: az\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n')
ENTRY_LINE = 7        # the first entry's line, after HEADER and a blank line


def quoted(text: str) -> str:
    """A PO string: GNU's escapes for backslash, quote and line breaks, anything else as is."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


def catalog_bytes(msgid: str, msgstr: str, *comments: str, header: str = HEADER) -> bytes:
    entry = "".join(f"{comment}\n" for comment in comments) + (
        f"msgid {quoted(msgid)}\nmsgstr {quoted(msgstr)}\n")
    return (header + "\n" + entry).encode("utf-8")


def refusals(msgid: str, msgstr: str, *comments: str) -> list[str]:
    """The reader's errors, as ``line: message``."""
    try:
        parse_catalog(catalog_bytes(msgid, msgstr, *comments), "az.po")
    except PublisherError as exc:
        return [f"{error.line}: {error.message}" for error in exc.errors]
    return []


def reported(msgid: str, msgstr: str, *comments: str) -> list[str]:
    """What publisher check says of the same entry, as ``line: [code] message``."""
    return [f"{p.line}: [{p.code}] {p.message}"
            for p in check_catalog(catalog_bytes(msgid, msgstr, *comments), "az.po", "az")
            if p.is_error]


def refused_and_reported(msgid: str, msgstr: str, *comments: str) -> str:
    """The one message the reader refuses the entry with, which check reports word for word."""
    [refusal] = refusals(msgid, msgstr, *comments)
    line, message = refusal.split(": ", 1)
    assert int(line) == ENTRY_LINE              # the entry's first line
    assert any(problem.endswith(message) and problem.startswith(f"{line}: [")
               for problem in reported(msgid, msgstr, *comments)), reported(msgid, msgstr)
    return message


# ----------------------------------------------------------------------- placeholders

@pytest.mark.parametrize("msgstr, words", [
    ("Tel.: %(number)200000s", "%(number)200000s has a width (200000) that the source's %(number)s lacks"),
    ("Tel.: see example.org%(number).0s", "has a precision (.0)"),
    ("Tel.: %(number).s", "has a precision (.)"),
    ("Tel.: %(number)-s", "has flags ('-')"),
    ("Tel.: %(number)*s", "has a width (*)"),
])
def test_a_placeholder_must_be_the_sources_exactly(msgstr, words):
    assert words in refused_and_reported("Tel.: %(number)s", msgstr, "#, python-format")


def test_a_width_or_precision_the_source_has_must_be_kept():
    assert python_format_mismatch("%(n)5.2f km", "%(n)5.2f km") is None
    assert "changes the precision of the source's %(n)5.2f" in python_format_mismatch(
        "%(n)5.2f km", "%(n)5.1f km")
    assert python_format_mismatch("%d of %d", "%d / %d") is None
    assert "%3d has a width (3)" in python_format_mismatch("%d of %d", "%3d / %d")


@pytest.mark.parametrize("flags", [(), ("#, no-python-format",), ("#, fuzzy, python-format",)])
def test_python_format_is_decided_by_the_source_not_the_flags(flags):
    """Deleting '#, python-format' or adding 'no-python-format' changes nothing; a fuzzy
    translation is never shown, so only it is let through."""
    found = refusals("Tel.: %(number)s", "Tel.: +1 555 0100", *flags)
    if "fuzzy" in "".join(flags):
        assert found == []
    else:
        assert found == [f"{ENTRY_LINE}: placeholders differ from the source: msgid has "
                         "%(number)s, msgstr has none"]


@pytest.mark.parametrize("text, formatted", [
    ("Tel.: %(number)s", True), ("%d items", True), ("50%% off", True),
    ("Turnout was 60% and rising", False),     # "% a" reads as a directive, but it is prose
    ("A 5% rise", False), ("100%", False), ("Up {n} points", False),
])
def test_what_reads_as_a_printf_format(text, formatted):
    assert is_python_format(text) is formatted


def test_prose_with_a_percent_sign_is_translated_freely():
    assert refusals("Turnout was 60% and rising.", "İştirak 60% təşkil edib.") == []


# ---------------------------------------------------------------- links and addresses

def test_a_link_or_address_the_source_lacks_is_refused_at_the_entrys_line():
    message = refused_and_reported(
        "The end.", "Son. [Ətraflı](https://evil.example/) <press@evil.example> [Zəng](tel:+15550100)")
    assert message == ("link target not in the source: https://evil.example/, "
                       "mailto:press@evil.example, tel:+15550100")


def test_a_changed_target_names_the_sources():
    assert added_targets("See [this](https://a.org).", "[Buna](https://b.org) baxın.") == [
        "link target not in the source: https://b.org (the source has https://a.org)"]


@pytest.mark.parametrize("msgstr", [
    "Yazın: press@evil.example", "Baxın: www.evil.example", "Baxın: https://evil.example/a.",
    "![şəkil](https://evil.example/pixel.png)"])
def test_addresses_written_out_count_as_targets(msgstr):
    assert added_targets("Write to us.", msgstr)


def test_the_sources_targets_may_be_kept_moved_or_dropped():
    source = "Write to press@gov.az or see [the site](https://gov.az) and https://gov.az/en."
    assert added_targets(source, "[Sayta](https://gov.az) baxın, https://gov.az/en; press@gov.az.") == []
    assert added_targets(source, "Sayta baxın.") == []            # dropped: check says so
    assert reported(source, "Sayta baxın.") == [
        f"{ENTRY_LINE}: [link-target] link target missing: https://gov.az, https://gov.az/en, "
        "press@gov.az"]


# --------------------------------------------------------------------------- characters

@pytest.mark.parametrize("char, words", [
    ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"), ("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ("\u200f", "U+200F RIGHT-TO-LEFT MARK"), ("\u061c", "U+061C ARABIC LETTER MARK"),
    ("\u200b", "U+200B ZERO WIDTH SPACE"), ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
    ("\U000e0041", "U+E0041 TAG LATIN CAPITAL LETTER A"), ("\uffff", "U+FFFF"),
    ("\U0001fffe", "U+1FFFE"), ("\ufdd0", "U+FDD0"), ("\ue000", "U+E000"), ("\x85", "U+0085"),
    ("\x0b", "U+000B (vertical tab"),
])
def test_a_bidi_control_or_invisible_character_is_refused(char, words):
    assert words in refused_and_reported("Tel.: %(number)s", f"Tel.: {char}%(number)s")


def test_one_the_source_has_as_often_is_allowed():
    assert forbidden_characters("a\u200fb", "c\u200fd") == []
    assert forbidden_characters("a\u200fb", "c\u200fd\u200f") != []


@pytest.mark.parametrize("text", [
    "می\u200cخواهم",                     # Persian: ZWNJ between letters
    "क्\u200dष",                          # Devanagari: ZWJ after a virama
    "ภาษา\u200bไทย",                      # Thai: a zero-width space marks a word break
    "\U0001f468\u200d\U0001f469",         # an emoji ZWJ sequence
    "ti\u00adtle",                        # a soft hyphen: a line-break hint
])
def test_joiners_are_allowed_where_the_script_needs_them(text):
    assert forbidden_characters("source", text) == []


@pytest.mark.parametrize("text", ["ab\u200ccd", "Müstəqillik\u200bGünü", "\u200d"])
def test_joiners_are_refused_between_latin_letters(text):
    assert forbidden_characters("source", text) != []


def test_the_pattern_covers_every_format_character_of_this_pythons_unicode():
    """SUSPECT lists the Cf ranges by hand (a pattern built from unicodedata at import costs a
    third of a second): a newer Unicode must not slip a new format character past it."""
    allowed = {0x00AD, *range(0x0600, 0x0606), 0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2, 0x110BD,
               0x110CD}
    for code in range(0x110000):
        char = chr(code)
        category = unicodedata.category(char)
        expected = (category in ("Cf", "Co", "Cs") or (category == "Cc" and char not in "\t\n\r")
                    or 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE) and code not in allowed
        assert bool(SUSPECT.match(char)) is expected, hex(code)


# ------------------------------------------------------------------ sizes and syntax

def test_a_string_over_the_message_limit_is_refused_before_anything_else():
    long = "söz " * (MAX_MESSAGE_CHARS // 4 + 1)
    assert refusals("The end.", long) == [
        f"{ENTRY_LINE}: msgstr of {len(long):,} characters is too long (the limit is "
        f"{MAX_MESSAGE_CHARS:,}); split the text"]
    assert reported("The end.", long) == [
        f"{ENTRY_LINE}: [catalog] msgstr of {len(long):,} characters is too long (the limit is "
        f"{MAX_MESSAGE_CHARS:,}); split the text"]


def test_charset_placeholder_is_refused_in_a_catalog_not_in_a_template():
    header = HEADER.replace("charset=UTF-8", "charset=CHARSET")
    data = catalog_bytes("The end.", "", header=header)
    parse_catalog(data, "locales/note.pot")
    with pytest.raises(PublisherError, match=r"charset=CHARSET, a template's placeholder"):
        parse_catalog(data, "locales/az/LC_MESSAGES/note.po")


def test_a_plural_index_of_thousands_of_digits_is_a_syntax_error():
    data = (HEADER + '\nmsgid "one day"\nmsgid_plural "%d days"\nmsgstr[' + "9" * 5000
            + '] "gün"\n').encode("utf-8")
    with pytest.raises(PublisherError) as caught:
        parse_catalog(data, "az.po")
    assert re.fullmatch(r"az\.po:9: syntax error: msgstr\[99999999…\] has a plural index of "
                        r"5,000 digits", str(caught.value))
