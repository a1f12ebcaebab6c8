"""Write a polib catalog in GNU gettext's own layout (as msgmerge, msgcat and Poedit do).

Translators' tools rewrite catalogs in this layout; writing anything else makes every diff
ping-pong between tools. The rules are those of gettext 0.21's write-po.c: a string is cut after
each "\\n" into portions; a portion is wrapped to 79 display columns including the quotes where
UAX #14 line breaking as libunistring implements it allows (publisher.po.linebreak), never inside
an escape sequence, just before the "\\n" that ends it, or inside a format directive of the
entry's format (publisher.po.directives); a string that holds more than one portion or does
not fit on the keyword's line starts with an empty "" there. File references wrap at 79 bytes.
"""

from __future__ import annotations

import re

import polib

from .directives import Spans, directive_spans, format_kind
from .entries import EmptyComment
from .header import header_msgstr
from .linebreak import MAYBE_WIDE, line_breaks

PAGE_WIDTH = 79
_UNWRAPPED = 1 << 30        # the line width of ``msgcat --no-wrap`` (INT_MAX in write-po.c)

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r",
            "\b": "\\b", "\f": "\\f", "\v": "\\v", "\a": "\\a"}
_NEEDS_ESCAPE = re.compile('[\\\\"\n\t\r\b\f\v\a]')


def escape(text: str) -> str:
    if not _NEEDS_ESCAPE.search(text):
        return text
    return _NEEDS_ESCAPE.sub(lambda match: _ESCAPES[match.group()], text)


def _portions(text: str) -> list[tuple[int, int]]:
    """(start, end) of each "\\n"-terminated part of ``text`` (the last may lack it); one
    empty portion for an empty string, as write-po.c's loop."""
    if "\n" not in text[:-1]:
        return [(0, len(text))]
    bounds, start = [], 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        bounds.append((start, end))
        start = end
    return bounds


def _prohibited(text: str, start: int, end: int, escaped: str, spans: Spans) -> set[int]:
    """Indexes of ``escaped`` (text[start:end] escaped) before which write-po.c forbids a
    break: the second character of an escape sequence, the "\\n" that ends the portion, and
    every character of a format directive but its first."""
    found: set[int] = set()
    inside = [range(max(first + 1, start), min(last + 1, end)) for first, last in spans
              if first + 1 < end and last >= start]
    if "\\" not in escaped:
        for indexes in inside:
            found.update(index - start for index in indexes)
        return found
    found.update(match.start() + 1 for match in re.finditer(r"\\.", escaped))
    if escaped.endswith("\\n"):
        found.add(len(escaped) - 2)
    if inside:          # where each character of the portion is in ``escaped``: escapes take two
        position, shift = [], 0
        for char in text[start:end]:
            position.append(shift)
            shift += 2 if char in _ESCAPES else 1
        for indexes in inside:
            found.update(position[index - start] for index in indexes)
    return found


def _fits(escaped: str, room: int) -> bool:
    """Whether ``escaped`` surely takes at most ``room`` columns, by the cheap bounds: no
    character is wider than two columns, none below linebreak.FIRST_WIDE wider than one.
    (When they cannot tell, line_breaks measures.)"""
    length = len(escaped)
    return 2 * length <= room or (length <= room and (escaped.isascii()
                                                      or not MAYBE_WIDE.search(escaped)))


def format_string(keyword: str, text: str, prefix: str = "", wrap: bool = True,
                  format_kind: str | None = None) -> list[str]:
    """One keyword and its string, as write-po.c's wrap() lays it out; ``wrap=False`` is
    ``msgcat --no-wrap`` (breaks only after "\\n"), the layout Poedit writes when its line
    wrapping is off. ``format_kind``: the format (directives.format_kind) whose
    directives no break may go inside."""
    # The line width: the page less the closing quote and the continuation lines' indentation.
    width = (PAGE_WIDTH if wrap else _UNWRAPPED) - 1 - (len(prefix) + 1)
    after_keyword = len(keyword) + 1            # the column a string starts at after "msgid "
    if "\n" not in text[:-1]:
        escaped = escape(text)
        if _fits(escaped, width - after_keyword):   # the common case: one portion that fits
            return [f'{prefix}{keyword} "{escaped}"']
        portions = [(0, len(text), escaped)]
    else:
        portions = [(start, end, escape(text[start:end])) for start, end in _portions(text)]
    directives = directive_spans(format_kind, text, keyword.startswith("msgstr")) \
        if format_kind else []
    lines = [f'{prefix}{keyword} ""']
    for start, end, escaped in portions:
        if _fits(escaped, width):
            prohibited, cuts = None, []
        else:
            prohibited = _prohibited(text, start, end, escaped, directives)
            cuts = line_breaks(escaped, width, 0, prohibited)
        if len(portions) == 1 and not cuts:
            # On lines of its own it is one line: it goes on the keyword's line unless GNU
            # breaks it there (where it starts further on). Breaks on lines of its own mean
            # breaks after the keyword too.
            if prohibited is None:
                prohibited = _prohibited(text, start, end, escaped, directives)
            if not line_breaks(escaped, width, after_keyword, prohibited):
                return [f'{prefix}{keyword} "{escaped}"']
        before = 0
        for cut in cuts:
            lines.append(f'{prefix}"{escaped[before:cut]}"')
            before = cut
        lines.append(f'{prefix}"{escaped[before:]}"')
    return lines


def _references(entry: polib.POEntry) -> list[str]:
    """The "#:" lines: references separated by spaces, a new line when the next would pass
    the page width in bytes (write-po.c counts strlen)."""
    references = [f"{name}:{line}" if line else name for name, line in entry.occurrences]
    single = "#: " + " ".join(references)
    if len(single) <= PAGE_WIDTH and single.isascii():     # the common case: one line
        return [single]
    lines: list[str] = []
    current, column = "#:", 2
    for reference in references:
        size = (len(reference) if reference.isascii() else len(reference.encode("utf-8"))) + 1
        if column > 2 and column + size > PAGE_WIDTH:
            lines.append(current)
            current, column = "#:", 2
        current += " " + reference
        column += size
    if column > 2:
        lines.append(current)
    return lines


def _comment_lines(marker: str, text: str) -> list[str]:
    """A comment, one line each: the marker, and a space before any text (write-po.c); a
    comment of one empty line (entries.EmptyComment, falsy) is the marker alone."""
    return [f"{marker} {line}" if line else marker for line in text.split("\n")]


def format_entry(entry: polib.POEntry, wrap: bool = True) -> list[str]:
    lines: list[str] = []
    if entry.tcomment or isinstance(entry.tcomment, EmptyComment):
        lines += _comment_lines("#", entry.tcomment)
    if entry.comment or isinstance(entry.comment, EmptyComment):
        lines += _comment_lines("#.", entry.comment)
    if entry.occurrences:
        lines += _references(entry)
    kind = None
    if entry.flags:
        lines.append("#, " + ", ".join(entry.flags))
        wrap = wrap and "no-wrap" not in entry.flags
        kind = format_kind(entry.flags)
    prefix = "#~ " if entry.obsolete else ""
    if (entry.previous_msgid is not None or entry.previous_msgctxt is not None
            or entry.previous_msgid_plural):
        previous = "#~| " if entry.obsolete else "#| "
        if entry.previous_msgctxt is not None:
            lines += format_string("msgctxt", entry.previous_msgctxt, previous, wrap, kind)
        if entry.previous_msgid is not None:
            lines += format_string("msgid", entry.previous_msgid, previous, wrap, kind)
        if entry.previous_msgid_plural:
            lines += format_string("msgid_plural", entry.previous_msgid_plural, previous, wrap,
                                   kind)
    if entry.msgctxt is not None:
        lines += format_string("msgctxt", entry.msgctxt, prefix, wrap, kind)
    lines += format_string("msgid", entry.msgid, prefix, wrap, kind)
    if entry.msgid_plural:
        lines += format_string("msgid_plural", entry.msgid_plural, prefix, wrap, kind)
        for index in sorted(entry.msgstr_plural):
            lines += format_string(f"msgstr[{index}]", entry.msgstr_plural[index], prefix, wrap,
                                   kind)
    else:
        lines += format_string("msgstr", entry.msgstr, prefix, wrap, kind)
    return lines


def format_catalog(catalog: polib.POFile) -> str:
    """The whole catalog as text: header, live entries, then obsolete ones. A catalog read
    from an unwrapped file (``wrapwidth`` 0, see publisher.po.parse) is written unwrapped again."""
    wrap = catalog.wrapwidth > 0
    read = getattr(catalog, "header_entry", None)
    header = polib.POEntry(msgid="", msgstr=header_msgstr(catalog), tcomment=catalog.header)
    if read is not None:
        header.comment, header.occurrences = read.comment, read.occurrences
        header.previous_msgctxt, header.previous_msgid = read.previous_msgctxt, read.previous_msgid
        header.previous_msgid_plural = read.previous_msgid_plural
        header.flags = [flag for flag in read.flags if flag != "fuzzy"]
    if catalog.metadata_is_fuzzy:
        header.flags.insert(0, "fuzzy")
    blocks = [format_entry(header, wrap)]
    live = [entry for entry in catalog if not entry.obsolete]
    gone = [entry for entry in catalog if entry.obsolete]
    blocks += [format_entry(entry, wrap) for entry in live + gone]
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"
