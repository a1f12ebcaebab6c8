"""The GNU-layout writer (publisher.po.format), compared byte for byte with GNU gettext itself.

GNU's msgcat re-wraps every string of its input with gettext's own write-po.c, so running it
on what ``format_catalog`` wrote must give back the very same bytes.
"""

from __future__ import annotations

import difflib
import random
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from publisher.po.catalog import read_catalog
from publisher.po.format import format_catalog
from publisher.po.merging import merge
from publisher.po.parse import parse_po

from helpers import LOCALES_DIR, PO_HEADER, SHIPPED_CATALOGS, full_catalog, random_entries

SHIPPED_FILES = sorted(LOCALES_DIR.rglob("*.po")) + sorted(LOCALES_DIR.rglob("*.pot"))

MSGCAT = shutil.which("msgcat")
needs_msgcat = pytest.mark.skipif(
    MSGCAT is None, reason="GNU gettext's msgcat is not installed (apt-get install gettext); "
                           "the golden comparisons need it")


# ---------------------------------------------------------------------------------- helpers


def gnu_msgcat(path: Path, out: Path) -> bytes:
    subprocess.run([MSGCAT, "-o", str(out), str(path)], check=True, capture_output=True)
    return out.read_bytes()


def assert_same_as_msgcat(text: str, tmp_path: Path) -> None:
    """Write ``text`` to a file, let GNU msgcat rewrite it, and demand the very same bytes."""
    source = tmp_path / "in.po"
    source.write_bytes(text.encode("utf-8"))
    gnu = gnu_msgcat(source, tmp_path / "out.po").decode("utf-8")
    if gnu != text:
        diff = "".join(difflib.unified_diff(text.splitlines(True), gnu.splitlines(True),
                                            "publisher", "msgcat", n=1))
        pytest.fail(f"publisher's layout differs from GNU msgcat's:\n{diff[:6000]}")


def padding(width: int) -> str:
    """Filler words of exactly ``width`` characters, to move what follows across the columns."""
    return ("ab " * (width // 3) + "x" * (width % 3)).rstrip()


def around(phrase: str) -> list[polib.POEntry]:
    """Entries that put ``phrase`` at every column of a line, in every prefix the writer uses:
    msgid/msgstr, "#| " (previous msgid of a fuzzy entry), "#~ " and "#~| " (obsolete)."""
    entries = []
    for width in range(80):
        text = f"{padding(width)} {phrase} and the rest of the sentence"
        other = f"{padding(79 - width)} {phrase} in the translation"
        entries += [
            polib.POEntry(msgid=text, msgstr=other),
            polib.POEntry(msgctxt="fuzzy", msgid=text, msgstr=other, flags=["fuzzy"],
                          previous_msgid=other),
            polib.POEntry(msgctxt="obsolete", msgid=text, msgstr=other, obsolete=True,
                          flags=["fuzzy"], previous_msgid=other),
        ]
    return entries


# ------------------------------------------------------------------ (a) golden comparisons


@needs_msgcat
@pytest.mark.parametrize("seed", [2024, 1992, 44])
def test_random_catalog_is_laid_out_like_msgcat(seed, tmp_path):
    catalog = full_catalog(random_entries(seed, 300))
    text = format_catalog(catalog)
    assert text.count("\nmsgid ") + text.count("\n#~ msgid ") == 301   # header + 300 entries
    assert_same_as_msgcat(text, tmp_path)


PHRASES = {
    "hyphenated-words": "the Armenia-Azerbaijan conflict",
    "hyphenated-years": "in 1992-93 and 44-day full-scale counter-terrorism",
    "em-dash-spaced": "Garabagh — the cradle — Azerbaijan",
    "em-dash-closed": "Azerbaijan—Armenia and 2020—2023",
    "em-dash-pairs": "a pause — — and a double dash —— here",
    "abbreviations": "U.N. Security Council, H.E. Mr. Aliyev, e.g. resolutions",
    "curly-quotes": "he said “Garabagh is Azerbaijan” and ‘that’s all’",
    "escaped-quotes": "he said \"Garabagh is Azerbaijan\" and \"that is all\"",
    "backslashes": "back\\slash, a lone \\ here and \\end",
    "tabs": "a\ttabbed\tcolumn\tof words",
    "url": "https://mission.example.org/press/victory-day.html",
    "long-url": "https://www.un.org/en/ga/search/view_doc.asp-and-some-more-path/and/more",
    "email": "write to press@example.org today",
    "parentheses": "(approx.) [sic] and/or x/y/z 50%",
    "azerbaijani": "Azərbaycan Respublikası İlham Əliyev Şuşa Qarabağ ğ ı ş ç ö ü",
    "long-azerbaijani-word": "müstəmləkələşdirilməsinə",
    "unbreakable-run": "Administrative-territorial-subdivisions-of-the-Republic-of-Azerbaijan-"
                       "and-its-regions-listed",
    "newline": "first line\nsecond line",
    "trailing-newline": "a paragraph that ends with a newline\n",
    "blank-line": "one paragraph\n\nanother one",
}


# Line-breaking cases once found to differ from gnulib's UAX #14 (now laid out as msgcat does).
BREAKS = {
    "slash-before-digits": "document S/RES/822 (1993) and A/75/PV.4",
    "full-stop-after-digit": "https://mission.example.org/press/victory-day-2024.html",
    "en-dash": "in 1992–1993 and 15–20 May",
    "question-mark-in-url": "see https://www.un.org/en/ga/search/view_doc.asp?symbol=resolutions",
    "space-before-punctuation": "cities, towns ... and villages ; also ( see ) here !",
    "em-dash-before-parenthesis": "the aggression—(1992)",
    # gnulib breaks between two escaped backslashes and after ':' before one ('C:\\' | '\\Press')
    "double-backslash": "the folder C:\\\\Press\\\\2024 on the server",
}


@needs_msgcat
@pytest.mark.parametrize("phrase", [*PHRASES.values(), *BREAKS.values()], ids=[*PHRASES, *BREAKS])
def test_phrase_at_every_column_is_laid_out_like_msgcat(phrase, tmp_path):
    assert_same_as_msgcat(format_catalog(full_catalog(around(phrase))), tmp_path)


@needs_msgcat
@pytest.mark.parametrize("metadata", [
    {},
    {"Project-Id-Version": "Permanent Mission of the Republic of Azerbaijan to the United "
                           "Nations press releases 2024"},
    {"Last-Translator": "Aygün Məmmədova-Əliyeva <aygun.mammadova-aliyeva@mission.example.org>"},
], ids=["plain", "long-project", "long-translator"])
@pytest.mark.parametrize("fuzzy_header", [False, True], ids=["", "fuzzy-header"])
def test_header_is_laid_out_like_msgcat(metadata, fuzzy_header, tmp_path):
    catalog = full_catalog([polib.POEntry(msgid="Victory Day", msgstr="Zəfər Günü")])
    catalog.metadata.update(metadata)
    catalog.metadata_is_fuzzy = fuzzy_header
    text = format_catalog(catalog)
    assert text.startswith("# az translations for victory-day-2024.\n# A test catalog.\n")
    assert ('\n#, fuzzy\nmsgid ""\n' in text) == fuzzy_header
    assert_same_as_msgcat(text, tmp_path)


@needs_msgcat
@pytest.mark.parametrize("count", [1, 2, 3, 40])
def test_many_references_are_wrapped_like_msgcat(count, tmp_path):
    """References of every length from 8 to 80 characters, so that lines end at each column."""
    entries = [polib.POEntry(msgctxt=str(shift), msgid="Victory Day", msgstr="Zəfər Günü",
                             occurrences=[(f"content/{'x' * ((shift + n) % 70)}.md", str(n + 1))
                                          for n in range(count)])
               for shift in range(70)]
    text = format_catalog(full_catalog(entries))
    assert text.count("content/") == 70 * count
    assert_same_as_msgcat(text, tmp_path)


def test_every_field_is_written_in_gnu_order():
    """msgcat cannot restore what the writer leaves out, so spell one full entry out."""
    catalog = full_catalog([
        polib.POEntry(
            tcomment="checked by the editor\nsecond note", comment="paragraph",
            occurrences=[("content/victory-day-2024.md", "3"), ("templates/base.html", "")],
            flags=["fuzzy", "python-format"], previous_msgctxt="old context",
            previous_msgid="%(count)d day", previous_msgid_plural="%(count)d days",
            msgctxt="title", msgid="%(count)d day of war", msgid_plural="%(count)d days of war",
            msgstr_plural={0: "%(count)d günlük müharibə", 1: "%(count)d günlük müharibə"}),
        polib.POEntry(msgid="Victory Day", msgstr="Zəfər Günü", obsolete=True, flags=["fuzzy"],
                      previous_msgid="Victory"),
    ])
    body = format_catalog(catalog).split("\n\n", 1)[1]
    assert body == (
        "# checked by the editor\n"
        "# second note\n"
        "#. paragraph\n"
        "#: content/victory-day-2024.md:3 templates/base.html\n"
        "#, fuzzy, python-format\n"
        '#| msgctxt "old context"\n'
        '#| msgid "%(count)d day"\n'
        '#| msgid_plural "%(count)d days"\n'
        'msgctxt "title"\n'
        'msgid "%(count)d day of war"\n'
        'msgid_plural "%(count)d days of war"\n'
        'msgstr[0] "%(count)d günlük müharibə"\n'
        'msgstr[1] "%(count)d günlük müharibə"\n'
        "\n"
        "#, fuzzy\n"
        '#~| msgid "Victory"\n'
        '#~ msgid "Victory Day"\n'
        '#~ msgstr "Zəfər Günü"\n')


def test_long_string_wraps_at_79_columns_after_spaces():
    text = ("The conflict between Azerbaijan and Armenia was sparked by the latter’s territorial "
            "claims in the late 1980s, followed by a full-scale aggression in the early 1990s.")
    lines = format_catalog(full_catalog([polib.POEntry(msgid=text)])).split("\n\n")[1].splitlines()
    assert lines == [
        'msgid ""',
        '"The conflict between Azerbaijan and Armenia was sparked by the latter’s "',
        '"territorial claims in the late 1980s, followed by a full-scale aggression in "',
        '"the early 1990s."',
        'msgstr ""',
    ]
    assert max(len(line) for line in lines) == 79


# ------------------------------------------------- (b) the shipped catalogs, GNU and publisher

@needs_msgcat
@pytest.mark.parametrize("path", SHIPPED_FILES, ids=lambda p: p.relative_to(LOCALES_DIR).as_posix())
def test_shipped_catalog_is_what_msgcat_and_publisher_write(path, tmp_path):
    on_disk = path.read_bytes()
    ours = format_catalog(read_catalog(path)).encode("utf-8")
    assert ours == on_disk
    assert gnu_msgcat(path, tmp_path / "out.po") == on_disk


# --------------------------------------------------------------------- (c) read → write

def test_shipped_files_are_all_found():
    names = {p.relative_to(LOCALES_DIR).as_posix() for p in SHIPPED_FILES}
    assert {"site.pot", "victory-day-2024.pot", "az/LC_MESSAGES/victory-day-2024.po",
            "en/LC_MESSAGES/site.po"} <= names
    assert len(SHIPPED_CATALOGS) == 6


@pytest.mark.parametrize("path", SHIPPED_FILES, ids=lambda p: p.relative_to(LOCALES_DIR).as_posix())
def test_read_write_round_trip_is_byte_identical(path):
    catalog = read_catalog(path)
    assert len(catalog) > 0
    assert format_catalog(catalog).encode("utf-8") == path.read_bytes()


# Entries as GNU gettext writes them (each test first checks that msgcat keeps them as they
# are), with what the shipped catalogs do not have.
GNU_WRITTEN = {
    "context-and-comments": (
        "# checked by the editor\n"
        "# second line of the note\n"
        "#. front matter: title\n"
        "#: content/victory-day-2024.md:3 templates/base.html:12\n"
        "#, python-format\n"
        'msgctxt "title"\n'
        'msgid "%(name)s Day"\n'
        'msgstr "%(name)s Günü"\n', None),
    "fuzzy-with-previous-context": (
        "#: content/victory-day-2024.md:5\n"
        "#, fuzzy\n"
        '#| msgctxt "label"\n'
        '#| msgid "Press release"\n'
        'msgctxt "label"\n'
        'msgid "Special press release"\n'
        'msgstr "Mətbuat açıqlaması"\n', None),
    "obsolete-with-context": (
        '#~ msgctxt "title"\n'
        '#~ msgid "Victory"\n'
        '#~ msgstr "Zəfər"\n', None),
    "plural": (
        "#: templates/index.html:8\n"
        'msgid "%(count)d publication"\n'
        'msgid_plural "%(count)d publications"\n'
        'msgstr[0] "%(count)d nəşr"\n'
        'msgstr[1] "%(count)d nəşr"\n', None),
    "obsolete-with-references": (
        "#: content/victory-day-2024.md:27\n"
        '#~ msgid "Garabagh is Azerbaijan."\n'
        '#~ msgstr "Qarabağ Azərbaycandır."\n', None),
    "obsolete-fuzzy-with-previous": (
        "#, fuzzy\n"
        '#~| msgid "Garabagh is Azerbaijan"\n'
        '#~ msgid "Garabagh is Azerbaijan."\n'
        '#~ msgstr "Qarabağ Azərbaycandır."\n', None),
    "obsolete-plural-with-previous": (
        "#, fuzzy\n"
        '#~| msgctxt "index"\n'
        '#~| msgid "%(count)d release"\n'
        '#~| msgid_plural "%(count)d releases"\n'
        '#~ msgctxt "index"\n'
        '#~ msgid "%(count)d publication"\n'
        '#~ msgid_plural "%(count)d publications"\n'
        '#~ msgstr[0] "%(count)d nəşr"\n'
        '#~ msgstr[1] "%(count)d nəşr"\n', None),
    "bell-escape": (
        'msgid "Victory Day"\n'
        'msgstr "Zəfər\\aGünü"\n', None),
    "every-escape": (
        'msgid "a\\tb\\rc\\bd\\fe\\vf\\\\g\\"h\\"\\n"\n'
        'msgstr "a\\tb\\rc\\bd\\fe\\vf\\\\g\\"h\\"\\n"\n', None),
}


@needs_msgcat
@pytest.mark.parametrize("body", [
    pytest.param(body, id=name, marks=[pytest.mark.xfail(reason=bug, strict=True)] if bug else [])
    for name, (body, bug) in GNU_WRITTEN.items()])
def test_gnu_written_catalog_round_trips(body, tmp_path):
    path = tmp_path / "gnu.po"
    path.write_text(PO_HEADER + body, encoding="utf-8")
    assert gnu_msgcat(path, tmp_path / "out.po") == path.read_bytes(), "not GNU's layout"
    # parse_po: the syntax alone (read_catalog refuses control characters in a msgstr, which
    # the writer must still lay out as msgcat does)
    assert format_catalog(parse_po(path.read_text(encoding="utf-8"), str(path))) == PO_HEADER + body


# ------------------------------------------------ (d) catalogs saved without line wrapping

UNWRAPPED = (
    PO_HEADER.replace('"Language: az\\n"\n', '"Language: az\\n"\n"X-Generator: Poedit 3.4.2\\n"\n'
                   '"X-Poedit-SourceCharset: UTF-8\\n"\n')
    + "#: content/victory-day-2024.md:15\n"
    'msgid "The city of Shusha, the cultural cradle of Azerbaijan, was liberated on 8 '
    'November 2020 after 28 years."\n'
    'msgstr "Azərbaycanın mədəniyyət beşiyi olan Şuşa şəhəri 28 ildən sonra 2020-ci il 8 '
    'noyabrda azad edildi."\n\n'
    'msgid "Victory Day"\n'
    'msgstr ""\n'
    '"Zəfər Günü, a line long enough to need wrapping if the file were wrapped by GNU '
    'gettext\\n"\n'
    '"ikinci sətir"\n')


@needs_msgcat
def test_unwrapped_catalog_is_kept_unwrapped_like_msgcat_no_wrap(tmp_path):
    """Poedit (line wrapping off) and msgcat --no-wrap write long strings on one line; such
    a file is read and written back unchanged, X-Poedit-* header fields in their order."""
    path = tmp_path / "poedit.po"
    path.write_text(UNWRAPPED, encoding="utf-8")
    out = tmp_path / "out.po"
    subprocess.run([MSGCAT, "--no-wrap", "-o", str(out), str(path)], check=True)
    assert out.read_text(encoding="utf-8") == UNWRAPPED, "not msgcat --no-wrap's layout"
    catalog = read_catalog(path)
    assert list(catalog.metadata)[2:4] == ["X-Generator", "X-Poedit-SourceCharset"]
    assert format_catalog(catalog) == UNWRAPPED


def test_merge_keeps_an_unwrapped_catalog_unwrapped(tmp_path):
    path = tmp_path / "poedit.po"
    path.write_text(UNWRAPPED, encoding="utf-8")
    catalog = read_catalog(path)
    template = polib.POFile(wrapwidth=79)
    template.extend(polib.POEntry(msgid=e.msgid, occurrences=e.occurrences) for e in catalog)
    merged, _ = merge(catalog, template)
    assert format_catalog(merged) == UNWRAPPED


# ------------------------------------- (f) what real catalogs showed: one minimal case a cause

# Each: an entry publisher writes from memory (flags, msgid) and the bytes GNU's msgcat writes
# for it (checked against msgcat itself when it is installed). The text before each phrase is
# cut so that the line ends just where the cause shows.
LOREM = "Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor"
REAL_WORLD_BREAKS = {
    # width in display columns: a CJK character takes two
    "width-cjk": ([], "配置项的值被配置成了一个类型，默认为配置的默认值，这是一个非常长的句子需要换行才能放下。", (
        'msgid ""\n'
        '"配置项的值被配置成了一个类型，默认为配置的默认值，这是一个非常长的句子需要换"\n'
        '"行才能放下。"\n')),
    # ... and a combining mark (Devanagari vowel signs, virama) none: 80 characters, 72 columns
    "width-combining-marks": (
        [], "Loremx विन्यास मान का प्रकार है; मानक का प्रयोग किया गया और यह एक लंबा वाक्य है", (
            'msgid ""\n'
            '"Loremx विन्यास मान का प्रकार है; मानक का प्रयोग किया गया और यह एक लंबा वाक्य है"\n')),
    # UAX #14 as gnulib has it: "." after "/" may end a line (SY IS, IS AL)
    "break-after-dot-after-slash": ([], LOREM[:49] + " kept in OUTPUTDIR/.doctrees for reuse", (
        'msgid ""\n'
        '"Lorem ipsum dolor sit amet consectetur adipiscing kept in OUTPUTDIR/."\n'
        '"doctrees for reuse"\n')),
    "break-after-slash-before-percent": (
        ["python-format"], "Lorem ipsum dolor sit ametx online at "
                           "https://docs.example.org/en/%(version)s/index.html", (
            "#, python-format\n"
            'msgid ""\n'
            '"Lorem ipsum dolor sit ametx online at https://docs.example.org/en/"\n'
            '"%(version)s/index.html"\n')),
    "break-after-double-hyphen": ([], LOREM[:45] + " after a double hyphen --verbose and more", (
        'msgid ""\n'
        '"Lorem ipsum dolor sit amet consectetur adipis after a double hyphen --"\n'
        '"verbose and more"\n')),
    "no-break-between-closing-quote-and-parenthesis": (
        [], LOREM[:47] + " mit dem Befehl „umask“ (siehe Handbuch) gesetzt.", (
            'msgid ""\n'
            '"Lorem ipsum dolor sit amet consectetur adipisci mit dem Befehl "\n'
            '"„umask“ (siehe Handbuch) gesetzt."\n')),
    "break-inside-markdown-link": (
        [], LOREM[:29] + " about [Sustainable Development Goal 14](https://sdgs.un.org/goals/goal14) here", (
            'msgid ""\n'
            '"Lorem ipsum dolor sit amet co about [Sustainable Development Goal 14]"\n'
            '"(https://sdgs.un.org/goals/goal14) here"\n')),
    # never a break just before the "\n" that ends a portion
    "no-break-before-escaped-newline": ([], LOREM[:48] + " the end of the line — 1992–\nNext", (
        'msgid ""\n'
        '"Lorem ipsum dolor sit amet consectetur adipiscin the end of the line — "\n'
        '"1992–\\n"\n'
        '"Next"\n')),
    # never inside a format directive of the entry's format ...
    "no-break-inside-python-directive": (
        ["python-format"], LOREM[:56] + " dear %(first-name)s, again", (
            "#, python-format\n"
            'msgid ""\n'
            '"Lorem ipsum dolor sit amet consectetur adipiscing elit s dear "\n'
            '"%(first-name)s, again"\n')),
    "no-break-inside-c-directive": (["c-format"], LOREM[:60] + " this year is % d now", (
        "#, c-format\n"
        'msgid ""\n'
        '"Lorem ipsum dolor sit amet consectetur adipiscing elit sed d this year is "\n'
        '"% d now"\n')),
    # ... except where gettext 0.21 misplaces a python-brace directive (see formatdirectives)
    "python-brace-directive-as-gettext-marks-it": (
        ["python-brace-format"], LOREM[:44] + " defaults to `{default.__name__}'.", (
            "#, python-brace-format\n"
            'msgid ""\n'
            '"Lorem ipsum dolor sit amet consectetur adipi defaults to `{default."\n'
            '"__name__}\'."\n')),
}


def assert_gnu_layout(text: str, tmp_path: Path, *options: str) -> None:
    """``text`` is exactly what msgcat writes for it (when msgcat is installed)."""
    if MSGCAT is None:
        return
    source = tmp_path / "gnu.po"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out.po"
    subprocess.run([MSGCAT, "--force-po", *options, "-o", str(out), str(source)], check=True,
                   capture_output=True)
    assert out.read_text(encoding="utf-8") == text, "not GNU's layout"


@pytest.mark.parametrize("flags, msgid, layout", REAL_WORLD_BREAKS.values(), ids=REAL_WORLD_BREAKS)
def test_real_world_line_breaks_are_gnus(flags, msgid, layout, tmp_path):
    expected = PO_HEADER + layout + 'msgstr ""\n'
    assert_gnu_layout(expected, tmp_path)
    catalog = parse_po(PO_HEADER, "header.po")
    catalog.append(polib.POEntry(msgid=msgid, flags=list(flags)))
    assert format_catalog(catalog) == expected
    assert format_catalog(parse_po(expected, "gnu.po")) == expected


# Whole files as GNU writes them (msgcat, or msgcat --no-wrap for "unwrapped-*"): publisher
# reads each and writes it back byte for byte.
GNU_FILES = {
    # wrapped, though a string GNU cannot break sits on a line longer than the page
    "wrapped-with-unbreakable-string": PO_HEADER + (
        'msgid "Checksum"\n'
        'msgstr "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'
        '0123456789abcdef"\n\n'
        'msgid ""\n'
        '"The city of Shusha, the cultural cradle of Azerbaijan, was liberated on 8 "\n'
        '"November 2020."\n'
        'msgstr ""\n'),
    # wrapped, with one entry the translator marked no-wrap
    "wrapped-with-no-wrap-entry": PO_HEADER + (
        "#, no-wrap\n"
        'msgctxt "as typed"\n'
        'msgid "The city of Shusha, the cultural cradle of Azerbaijan, was liberated on 8 '
        'November 2020."\n'
        'msgstr ""\n\n'
        'msgid ""\n'
        '"The city of Shusha, the cultural cradle of Azerbaijan, was liberated on 8 "\n'
        '"November 2020."\n'
        'msgstr ""\n'),
    # unwrapped, and only the header's lines show it
    "unwrapped-long-header-line": PO_HEADER.replace(
        '"Language: az\\n"\n', '"Language: az\\n"\n"Last-Translator: Aygün Məmmədova-Əliyeva '
        '<aygun.mammadova-aliyeva@mission.example.org>\\n"\n') + (
        'msgid "Victory Day"\n'
        'msgstr "Zəfər Günü"\n'),
    # unwrapped: 45 characters, but 90 columns
    "unwrapped-cjk": PO_HEADER + (
        'msgid "Victory Day"\n'
        'msgstr "胜利日是阿塞拜疆共和国的国家节日，纪念二零二零年十一月八日舒沙城的解放和卫国战争的胜利。"\n'),
    # the header as written: its comments (one an empty "#"), extracted comment, reference and
    # flag; the fields' spacing, order and a field given twice
    "header-as-written": (
        "# Translation of the press office.\n"
        "#\n"
        "# Aygün Məmmədova <aygun@example.org>, 2024.\n"
        "#. extracted on the header\n"
        "#: content/index.md:1\n"
        "#, fuzzy\n"
        'msgid ""\n'
        'msgstr ""\n'
        '"Project-Id-Version:  Victory Day 2024  \\n"\n'
        '"Language:az\\n"\n'
        '"MIME-Version: 1.0\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Content-Transfer-Encoding: 8bit\\n"\n'
        '"X-POFile-SpellExtra: Şuşa Qarabağ\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
        '"X-POFile-SpellExtra: Zəngəzur\\n"\n'),
    # an entry's comment that is one empty line, of either kind; spaces ending a comment
    "empty-comment-lines": PO_HEADER + (
        "#\n"
        "#: content/victory-day-2024.md:3\n"
        'msgid "Victory Day"\n'
        'msgstr "Zəfər Günü"\n\n'
        "# checked  \n"
        "#.\n"
        'msgid "Shusha"\n'
        'msgstr "Şuşa"\n'),
    # references wrap at 79 bytes, not characters (77 characters here)
    "references-in-bytes": PO_HEADER + (
        "#: content/şuşa-qarabağ-ğğ.md:12\n"
        "#: content/zəfər-günü-şuşa-qarabağ-ğğğğğğğ.md:3\n"
        'msgid "Victory Day"\n'
        'msgstr "Zəfər Günü"\n'),
}


@pytest.mark.parametrize("name", GNU_FILES)
def test_real_world_file_round_trips(name, tmp_path):
    text = GNU_FILES[name]
    unwrapped = name.startswith("unwrapped")
    assert_gnu_layout(text, tmp_path, *(["--no-wrap"] if unwrapped else []))
    catalog = parse_po(text, f"{name}.po")
    assert catalog.wrapwidth == (0 if unwrapped else 79)
    assert format_catalog(catalog) == text


@needs_msgcat
def test_format_strings_are_broken_like_msgcat(tmp_path):
    """Strings of directives and words, valid and not, of each format publisher knows the
    directives of (and of two formats at once: the first in gettext's order counts)."""
    rng = random.Random(13)
    pieces = ["{a}", "{default.__name__}", "{0}", "{x[1]}", "{x:>10}", "{{", "}}", "{", "}",
              "{a:{b}}", "{9x}", "%(name)s", "%(a-b)s", "%s", "%d", "%5.2f", "%%", "%(a)", "%-5s",
              "% d", "%1$s", "%<PRId64>", "%I", "%*d", "word", "words", "-", "/", " ", " ", " ",
              "(", ")", ",", ".", "xxxxxxxxxx"]
    kinds = [["python-brace-format"], ["python-format"], ["c-format"], ["javascript-format"],
             ["python-format", "python-brace-format"]]
    entries = [polib.POEntry(msgctxt=str(n), flags=list(rng.choice(kinds)),
                             msgid="".join(rng.choice(pieces) for _ in range(rng.randint(5, 40))),
                             msgstr="".join(rng.choice(pieces) for _ in range(rng.randint(5, 40))))
               for n in range(400)]
    assert_same_as_msgcat(format_catalog(full_catalog(entries)), tmp_path)
