"""Reading a catalog (publisher.po.catalog): every bad catalog of the corpus refused with its line,
by publisher and by GNU gettext alike, and a catalog over the size limit refused unread."""

from __future__ import annotations

import subprocess

import pytest

from publisher.errors import CatalogError
from publisher.limits import MAX_CATALOG_BYTES
from publisher.po.catalog import parse_catalog, read_catalog

from helpers import (
    BAD,
    BAD_CATALOGS,
    ENV,
    MSGFMT,
    NOTE_AZ_PO,
    PUBLISHER,
    bad_catalog_cases,
    find,
    run_msgfmt_check,
)

# The cases that are publisher's rules, not GNU gettext's.
PUBLISHER_RULES = ("charset-latin1.po", "missing-content-type.po", "script-in-msgstr.po",
                   "javascript-link.po", "file-image.po", "event-handler.po", "control-character.po")


def test_corpus_and_table_agree():
    # The corpus also holds catalogs that read well but fail publisher check (unsafe markup);
    # those are tested with the checks.
    assert set(BAD) <= {p.name for p in BAD_CATALOGS.glob("*.po")}


@pytest.mark.parametrize("name, line, part", bad_catalog_cases())
def test_bad_catalog_is_rejected_with_its_line(name, line, part):
    display = f"locales/az/LC_MESSAGES/{name}"
    with pytest.raises(CatalogError) as caught:
        read_catalog(BAD_CATALOGS / name, display)
    assert str(caught.value).startswith(f"{display}:{line}:")
    assert part in str(caught.value)


@pytest.mark.skipif(MSGFMT is None, reason="GNU gettext's msgfmt is not installed")
@pytest.mark.parametrize("name", [n for n in BAD if n not in PUBLISHER_RULES])
def test_gnu_gettext_rejects_the_bad_catalog_too(name):
    """The corpus is bad by GNU's measure, not only publisher's (charset and unsafe markup
    are publisher's rules)."""
    assert run_msgfmt_check(BAD_CATALOGS / name).returncode != 0


def test_valid_plural_catalog_is_read():
    text = (BAD_CATALOGS / "three-plural-forms.po").read_text(encoding="utf-8")
    text = text.replace('msgstr[2] "%(count)d nəşr"\n', "")
    entry = find(parse_catalog(text.encode("utf-8"), "plural.po"), "%(count)d publication")
    assert entry.msgstr_plural == {0: "%(count)d nəşr", 1: "%(count)d nəşr"}


def test_a_100_mb_catalog_is_refused_before_it_is_read(sample_dir):
    po = sample_dir / NOTE_AZ_PO
    with po.open("ab") as handle:            # sparse: no 100 MB actually written to disk
        handle.truncate(100_000_000)
    assert po.stat().st_size > MAX_CATALOG_BYTES
    with pytest.raises(CatalogError, match=r"note.po: too large to read: 100.0 MB, the limit is 32.0 MB"):
        read_catalog(po, NOTE_AZ_PO)
    result = subprocess.run([PUBLISHER, "-C", str(sample_dir), "build", "--format", "html"],
                            capture_output=True, text=True, env=ENV, timeout=120)
    assert result.returncode == 1
    assert f"error: {NOTE_AZ_PO}: too large to read" in result.stderr
