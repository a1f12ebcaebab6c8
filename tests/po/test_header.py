"""The header entry (publisher.po.header): polib's metadata from its msgstr, and the msgstr
written back as read, with only the fields publisher changed rewritten."""

import polib

from publisher.po.header import header_fields, header_msgstr

# As a translator's tool may leave it: spacing of its own, a field given twice, a line that
# continues the field before it.
AS_WRITTEN = (
    "Project-Id-Version:  Victory Day 2024  \n"
    "Language:az\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "X-POFile-SpellExtra: Şuşa Qarabağ\n"
    "Plural-Forms: nplurals=2;\n"
    " plural=(n != 1);\n"
    "X-POFile-SpellExtra: Zəngəzur\n")


def read_header() -> polib.POFile:
    catalog = polib.POFile()
    catalog.header_entry = polib.POEntry(msgid="", msgstr=AS_WRITTEN)
    catalog.metadata = header_fields(AS_WRITTEN)
    return catalog


def test_fields_as_polib_has_them():
    assert header_fields(AS_WRITTEN) == {
        "Project-Id-Version": "Victory Day 2024", "Language": "az", "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "X-POFile-SpellExtra": "Zəngəzur",                  # the last of the two
        "Plural-Forms": "nplurals=2;\nplural=(n != 1);"}


def test_header_unchanged_is_written_as_read():
    assert header_msgstr(read_header()) == AS_WRITTEN


def test_changed_fields_are_rewritten_where_they_stand():
    catalog = read_header()
    catalog.metadata["Language"] = "az_AZ"
    del catalog.metadata["MIME-Version"]
    catalog.metadata["X-POFile-SpellExtra"] = "Zəfər"
    catalog.metadata["PO-Revision-Date"] = "2024-11-08 10:00+0400"
    assert header_msgstr(catalog) == (
        "Project-Id-Version:  Victory Day 2024  \n"
        "Language: az_AZ\n"
        "Content-Type: text/plain; charset=UTF-8\n"
        "X-POFile-SpellExtra: Zəfər\n"                     # once, where it first stood
        "Plural-Forms: nplurals=2;\n"
        " plural=(n != 1);\n"
        "PO-Revision-Date: 2024-11-08 10:00+0400\n")


def test_header_made_in_memory():
    catalog = polib.POFile()
    catalog.metadata = {"Language": "az", "MIME-Version": "1.0"}
    assert header_msgstr(catalog) == "Language: az\nMIME-Version: 1.0\n"
