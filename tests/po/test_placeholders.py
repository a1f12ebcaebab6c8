"""One grammar of placeholders (publisher.po.placeholders), one table of cases: what the catalog
reader, publisher check, the pseudo-locale and extraction's python-format flag each make of a
placeholder, so that they cannot disagree again.

The table holds the three disagreements the one grammar ended: the pseudo-locale mangled
``{n: >5}``, which the checks recognised; check said nothing when ``{items[0]}`` was dropped from
a translation, though the pseudo-locale protected it; the pseudo-locale turned ``%(n) d`` into
``%(ñ) ð``, though the reader and Babel accept it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from babel.messages.catalog import PYTHON_FORMAT

from publisher.config import load_project
from publisher.errors import CatalogError
from publisher.extraction import site_template
from publisher.po.catalog import parse_catalog
from publisher.po.placeholders import is_python_format, placeholders
from publisher.render.pseudo import pseudo

from helpers import SAMPLE, check_codes, copy_project, po_bytes, po_entry

PRINTF, BRACE, ESCAPE = "printf", "brace", "escape"     # ESCAPE: formats to a literal % { or }


@dataclass(frozen=True)
class Case:
    text: str                  # the placeholder as a message holds it
    kind: str                  # PRINTF or BRACE (Placeholder.kind), or ESCAPE
    python_format: bool        # extraction flags a message holding it python-format
    babel: bool | None = None  # Babel's PYTHON_FORMAT verdict where it rightly differs
    note: str = ""             # why the case is here

    @property
    def message(self) -> str:
        return f"Total {self.text} today"

    @property
    def kept(self) -> str:            # a translation that copies the placeholder
        return f"Cəmi {self.text} bu gün"

    @property
    def dropped(self) -> str:         # a translation that lost it
        return "Cəmi bu gün"

    @property
    def flags(self) -> tuple[str, ...]:
        """The flag line extraction gives the message in a catalog."""
        return ("#, python-format",) if self.python_format else ()


CASES = [
    Case("%(name)s", PRINTF, True),
    Case("%s", PRINTF, True),
    Case("%5.2f", PRINTF, True),
    Case("%(n) d", PRINTF, True, note="a space flag: the pseudo-locale made it %(ñ) ð"),
    Case("%%", ESCAPE, True, note="a percent sign, and python-format for Babel and GNU"),
    Case("{}", BRACE, False),
    Case("{0}", BRACE, False),
    Case("{name}", BRACE, False),
    Case("{user.name}", BRACE, False),
    Case("{items[0]}", BRACE, False, note="an index: check did not see it dropped"),
    Case("{n: >5}", BRACE, False, note="a fill and alignment: the pseudo-locale mangled it"),
    Case("{n:{width}}", BRACE, False, note="a nested field in the format spec"),
    Case("{when:%d.%m.%Y}", BRACE, False, babel=True,
         note="a date format in the spec, not printf: Babel's regex sees %d and says python-format"),
    Case("{{literal}}", ESCAPE, False, note="braces, and the word inside is text to translate"),
]


def cases():
    return [pytest.param(case, id=case.text) for case in CASES]


@pytest.mark.parametrize("case", cases())
def test_the_grammar_finds_the_placeholder_and_no_escape(case):
    found = placeholders(case.message)
    if case.kind == ESCAPE:
        assert found == ()
    else:
        assert [(p.text, p.kind) for p in found] == [(case.text, case.kind)]


@pytest.mark.parametrize("case", cases())
def test_the_reader_refuses_a_translation_that_drops_a_printf_placeholder(case):
    def read(translation: str):
        return parse_catalog(po_bytes(po_entry(case.message, translation, *case.flags)), "t.po")

    assert read(case.kept)
    if case.kind == PRINTF:
        with pytest.raises(CatalogError, match=r"^t\.po:\d+: (placeholders differ|msgstr must keep)"):
            read(case.dropped)
    else:       # a brace field is the checks' business; an escape may go
        assert read(case.dropped)


@pytest.mark.parametrize("case", cases())
def test_check_reports_a_dropped_placeholder_and_a_kept_one_never(case):
    def problems(translation: str) -> list[str]:
        return [code for code in check_codes(case.message, translation, *case.flags)
                if code == "placeholders"]

    assert problems(case.kept) == []
    assert problems(case.dropped) == ([] if case.kind == ESCAPE else ["placeholders"])


@pytest.mark.parametrize("case", cases())
def test_the_pseudo_locale_keeps_the_placeholder_intact(case):
    translated = pseudo(case.message)
    assert translated != case.message
    assert placeholders(translated) == placeholders(case.message)
    if case.kind == ESCAPE:
        assert case.text[:2] in translated and case.text[-2:] in translated
    else:
        assert case.text in translated
    # ... so the pseudo-translation passes the reader and the check as a real one would.
    assert parse_catalog(po_bytes(po_entry(case.message, translated, *case.flags)), "t.po")
    assert "placeholders" not in check_codes(case.message, translated, *case.flags)


@pytest.mark.parametrize("case", cases())
def test_python_format_is_what_babel_says_unless_the_table_says_why_not(case):
    assert is_python_format(case.message) == case.python_format
    babel = PYTHON_FORMAT.search(case.message) is not None
    assert babel == (case.python_format if case.babel is None else case.babel), case.note


@pytest.fixture(scope="module")
def extracted_flags(tmp_path_factory) -> dict[str, list[str]]:
    """The flags extraction gives every message of the table, found in a template."""
    root = copy_project(SAMPLE, tmp_path_factory.mktemp("placeholders") / "sample")
    (root / "templates" / "placeholders.html").write_text(
        "".join(f"<p>{{{{ _({json.dumps(case.message)}) }}}}</p>\n" for case in CASES),
        encoding="utf-8")
    return {entry.msgid: entry.flags for entry in site_template(load_project(root))}


@pytest.mark.parametrize("case", cases())
def test_extraction_flags_the_message_python_format(case, extracted_flags):
    assert ("python-format" in extracted_flags[case.message]) == case.python_format
