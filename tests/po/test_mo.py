"""Compiled catalogs (publisher.po.mo): what gettext reads back, and what msgfmt would have
written."""

from __future__ import annotations

import gettext
import io
import subprocess

import polib
import pytest

from publisher.po.catalog import parse_catalog, read_catalog
from publisher.po.entries import is_translated
from publisher.po.format import format_catalog
from publisher.po.mo import compile_catalog

from helpers import (
    AZ_CATALOG,
    MSGFMT,
    MSGUNFMT,
    REPO,
    SHUSHA,
    SHUSHA_AZ,
    SHUSHA_EDITED,
    catalog,
    message,
)


def mo_of(catalog_: polib.POFile) -> gettext.GNUTranslations:
    return gettext.GNUTranslations(io.BytesIO(compile_catalog(catalog_)))


def test_compiled_catalog_translates_only_translated_messages():
    translations = mo_of(catalog(
        message("Victory Day", "Zəfər Günü"),
        message(SHUSHA_EDITED, SHUSHA_AZ, flags=["fuzzy"], previous_msgid=SHUSHA),
        message("Peace", ""),
        message("Heroic Victory.", "Qəhrəmanlıq Zəfəri.", obsolete=True, occurrences=[])))
    assert translations.gettext("Victory Day") == "Zəfər Günü"
    assert translations.gettext(SHUSHA_EDITED) == SHUSHA_EDITED
    assert translations.gettext("Peace") == "Peace"
    assert translations.gettext("Heroic Victory.") == "Heroic Victory."


def test_compiled_shipped_catalog_translates_the_release():
    translations = mo_of(read_catalog(REPO / AZ_CATALOG))
    assert translations.gettext("Victory Day") == "Zəfər Günü"
    assert translations.gettext("New York") == "Nyu-York"
    assert translations.info()["language"] == "az"


def plural_catalog() -> polib.POFile:
    result = catalog(
        message("Victory Day", "Zəfər Günü"),
        message("Day", "Gün", msgctxt="calendar"),
        message(SHUSHA_EDITED, SHUSHA_AZ, flags=["fuzzy"], previous_msgid=SHUSHA),
        message("Peace", ""),
        polib.POEntry(msgid="%(count)d publication", msgid_plural="%(count)d publications",
                      msgstr_plural={0: "%(count)d nəşr", 1: "%(count)d nəşrlər"}),
        polib.POEntry(msgid="%(count)d page", msgid_plural="%(count)d pages",
                      msgstr_plural={0: "%(count)d səhifə", 1: ""}))
    result.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    return result


def test_compiled_plurals_and_contexts_are_looked_up():
    translations = gettext.GNUTranslations(io.BytesIO(compile_catalog(plural_catalog())))
    assert translations.ngettext("%(count)d publication", "%(count)d publications", 1) == \
        "%(count)d nəşr"
    assert translations.ngettext("%(count)d publication", "%(count)d publications", 5) == \
        "%(count)d nəşrlər"
    assert translations.ngettext("%(count)d page", "%(count)d pages", 5) == "%(count)d pages"
    assert translations.pgettext("calendar", "Day") == "Gün"
    assert translations.gettext("Day") == "Day"


@pytest.mark.skipif(MSGFMT is None or MSGUNFMT is None, reason="GNU gettext is not installed")
def test_compiled_catalog_reads_back_as_msgfmt_compiled_it(tmp_path):
    """msgunfmt decompiles ours and msgfmt's .mo of the same catalog into the same text.
    (Not with a plural message missing some forms: msgfmt compiles it, and the reader then
    gets an empty string for the missing form; publisher leaves it out, so the English shows.)"""
    partial = plural_catalog()
    partial.remove(next(e for e in partial if e.msgid == "%(count)d page"))
    partial.metadata["POT-Creation-Date"] = "2024-11-01 09:10+0000"
    source = tmp_path / "az.po"
    source.write_text(format_catalog(partial), encoding="utf-8")
    (tmp_path / "ours.mo").write_bytes(compile_catalog(read_catalog(source)))
    subprocess.run([MSGFMT, "-o", str(tmp_path / "gnu.mo"), str(source)], check=True)
    decompiled = [subprocess.run([MSGUNFMT, str(tmp_path / name)], check=True,
                                 capture_output=True).stdout for name in ("ours.mo", "gnu.mo")]
    assert decompiled[0] == decompiled[1]
    assert b"Peace" not in decompiled[0] and SHUSHA_EDITED.encode() not in decompiled[0]


def test_is_translated_is_what_compile_catalog_keeps():
    catalog = parse_catalog(b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                            b'"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
                            b'msgid "a"\nmsgstr "A"\n\nmsgid "b"\nmsgstr ""\n\n'
                            b'msgid "c"\nmsgid_plural "cs"\nmsgstr[0] "C"\nmsgstr[1] ""\n\n'
                            b'msgid "d"\nmsgid_plural "ds"\nmsgstr[0] ""\nmsgstr[1] "Ds"\n\n'
                            b'msgid "e"\nmsgid_plural "es"\nmsgstr[0] "E"\nmsgstr[1] "Es"\n', "t.po")
    assert [e.msgid for e in catalog if is_translated(e)] == ["a", "e"]
    compiled = gettext.GNUTranslations(io.BytesIO(compile_catalog(catalog)))
    assert compiled.gettext("a") == "A" and compiled.ngettext("e", "es", 2) == "Es"
    assert compiled.ngettext("c", "cs", 1) == "c" and compiled.ngettext("d", "ds", 2) == "ds"
