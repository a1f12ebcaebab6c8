"""The header entry: its fields as polib's ``metadata``, and its msgstr written back as it was read.

GNU's tools write a catalog's header as they read it: its fields' order and spacing, a field
given twice (``X-POFile-SpellExtra`` on several lines), lines that are no field. publisher
keeps the header entry as read (``catalog.header_entry``, see publisher.po.parse) and writes
its msgstr back unchanged, or with only the fields publisher changed rewritten.
"""

from __future__ import annotations

import polib


def header_fields(msgstr: str) -> dict[str, str]:
    """Header fields in file order (continuation lines joined to the field before, as polib;
    a field given twice has its last value)."""
    metadata: dict[str, str] = {}
    key = None
    for line in msgstr.splitlines():
        name, colon, value = line.partition(":")
        if colon:
            key = name
            metadata[key] = value.strip()
        elif key is not None:
            metadata[key] += "\n" + line.strip()
    return metadata


def header_msgstr(catalog: polib.POFile) -> str:
    """The header's msgstr: as it was read (publisher.po.parse keeps the header entry as
    ``catalog.header_entry``: its fields' order, spacing and repeated fields), with a field
    whose value publisher changed rewritten, one it removed left out and a new one added at the
    end; ``Key: value`` lines for a catalog made in memory."""
    metadata = catalog.metadata
    read = getattr(catalog, "header_entry", None)
    if read is None:
        return "".join(f"{key}: {value}\n" for key, value in metadata.items())
    fields = header_fields(read.msgstr)
    if fields == metadata:
        return read.msgstr
    lines, rewritten = [], set()
    for key, line in _header_lines(read.msgstr):
        if key is None or (key in metadata and fields[key] == metadata[key]):
            lines.append(line)          # text before the first field, or a field unchanged
        elif key in metadata and key not in rewritten:
            lines.append(f"{key}: {metadata[key]}\n")
            rewritten.add(key)
    lines += [f"{key}: {value}\n" for key, value in metadata.items() if key not in fields]
    return "".join(lines)


def _header_lines(msgstr: str):
    """(key, line) for each line of a header's msgstr: a continuation line (without a colon)
    comes with the key of the field it continues, a line before the first field with None."""
    key = None
    for line in msgstr.splitlines(keepends=True):
        name, colon, _ = line.partition(":")
        if colon:
            key = name
        yield key, line
