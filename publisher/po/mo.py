"""Compiled catalogs (.mo): what GNU msgfmt writes, for gettext and Babel to read."""

from __future__ import annotations

import struct

import polib

from .entries import is_translated, translation_forms


def compile_catalog(catalog: polib.POFile) -> bytes:
    """The .mo bytes: translated messages only; fuzzy and obsolete ones are left out.

    The layout of GNU's msgfmt (gettext's gmo.h): a 28-byte header, the tables of original
    and translated strings sorted by original, then the strings, each NUL-terminated; no
    hash table (its size 0 tells readers to search the sorted table). Built as lists joined
    once: concatenating bytes message by message, as polib does, is quadratic.
    """
    # msgfmt leaves POT-Creation-Date out, so that a new template alone changes no .mo
    metadata = "".join(f"{key}: {value}\n" for key, value in catalog.metadata.items()
                       if key != "POT-Creation-Date")
    pairs = [(b"", metadata.encode("utf-8"))]
    for entry in catalog:
        if entry.obsolete or "fuzzy" in entry.flags or not is_translated(entry):
            continue
        if entry.msgid_plural:
            original = f"{entry.msgid}\0{entry.msgid_plural}"
            translation = "\0".join(translation_forms(entry))
        else:
            original, translation = entry.msgid, entry.msgstr
        if entry.msgctxt is not None:
            original = f"{entry.msgctxt}\x04{original}"
        pairs.append((original.encode("utf-8"), translation.encode("utf-8")))
    pairs.sort(key=lambda pair: pair[0])
    count = len(pairs)
    originals_at = 28
    translations_at = originals_at + 8 * count
    strings_at = offset = translations_at + 8 * count
    table: list[int] = []
    for strings in (0, 1):
        for pair in pairs:
            table += (len(pair[strings]), offset)
            offset += len(pair[strings]) + 1
    header = struct.pack("<7I", 0x950412DE, 0, count, originals_at, translations_at, 0, strings_at)
    offsets = struct.pack(f"<{len(table)}I", *table)      # little-endian, like the header
    body = b"\0".join([original for original, _ in pairs] + [translation for _, translation in pairs])
    return header + offsets + body + b"\0"
