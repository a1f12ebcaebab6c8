"""Write a polib catalog in GNU gettext's own layout (as msgmerge, msgcat and Poedit do).

Translators' tools rewrite catalogs in this layout; writing anything else makes every diff
ping-pong between tools. The rules, from gettext's write-po.c: strings are wrapped to 79
columns including the quotes, breaking after spaces (and where Unicode line breaking allows,
e.g. after a hyphen between words); a string that holds a newline is broken after each "\\n";
a string that does not fit on the keyword's line starts with an empty "" there.
"""

from __future__ import annotations

import re

import polib

PAGE_WIDTH = 79

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r",
            "\b": "\\b", "\f": "\\f", "\v": "\\v", "\a": "\\a"}
_NEEDS_ESCAPE = re.compile('[\\\\"\n\t\r\b\f\v\a]')


def escape(text: str) -> str:
    if not _NEEDS_ESCAPE.search(text):
        return text
    return _NEEDS_ESCAPE.sub(lambda match: _ESCAPES[match.group()], text)


_NO_BREAK_BEFORE = ".,:;!?/)]}"      # UAX #14 LB13: never before these, even after spaces
_CLOSING_QUOTES = "”’\"'"


def _break_after(text: str, index: int) -> bool:
    """May a line break after text[index]? The part of UAX #14 (as gnulib's unilbrk applies it
    in msgcat) that prose, dates, URLs and document symbols meet; checked against msgcat."""
    char = text[index]
    following = text[index + 1] if index + 1 < len(text) else ""
    if not following or following in _NO_BREAK_BEFORE:
        return False
    if char == " ":
        if following == " ":
            return False
        back = index - 1
        while back >= 0 and text[back] == " ":
            back -= 1
        before = text[back] if back >= 0 else ""
        if before and before in "([":                               # LB14: OP SP* ×
            return False
        if before and before in _CLOSING_QUOTES and following in "([":   # LB15: QU SP* × OP
            return False
        return not (before == "—" and following == "—")             # LB17: B2 SP* × B2
    if following == " ":
        return False
    previous = text[index - 1] if index else ""
    if char == "-":                                                 # LB21 × HY; LB25 HY × NU
        return previous.isalnum() and following.isalpha()
    if char == "/":                                                 # SY ÷ AL, SY × NU
        return following.isalpha()
    if char in ".,:;" and previous.isalnum():                       # IS ÷ AL (gnulib predates LB29)
        return following.isalpha()
    if char in "?!":                                                # EX ÷
        return following.isalnum()
    if char == "–":                                                 # BA ÷
        return following not in "–—"
    if char == "—":                                                 # B2 ÷
        return following != "—"
    if following == "—":
        return char.isalnum() or char in ".,;:!?"
    return False


def _chunks(escaped: str) -> list[str]:
    """Cut an escaped string after each \\n escape, keeping escapes whole."""
    parts: list[str] = []
    start = 0
    for match in re.finditer(r"\\.", escaped):
        if match.group() == "\\n" and match.end() < len(escaped):
            parts.append(escaped[start:match.end()])
            start = match.end()
    parts.append(escaped[start:])
    return parts


_BREAK_CANDIDATE = re.compile(r"[ \-/.,:;?!–—]")
_ESCAPED = re.compile(r"\\.")


def _fill(escaped: str, width: int) -> list[str]:
    """Greedy fill of one newline-free portion into lines of at most ``width`` characters."""
    if len(escaped) <= width:
        return [escaped]
    # Only these characters can allow a break after them (see _break_after); the second
    # character of an escape sequence never does.
    escapes = {match.start() + 1 for match in _ESCAPED.finditer(escaped)} if "\\" in escaped else ()
    candidates = [match.start() for match in _BREAK_CANDIDATE.finditer(escaped)]
    if "—" in escaped:      # a break may also come before an em dash
        candidates = sorted(set(candidates).union(
            match.start() - 1 for match in re.finditer("—", escaped) if match.start()))
    last = len(escaped) - 1
    points = [index + 1 for index in candidates if index not in escapes and (
        # the common case first: a space between two words
        (escaped[index] == " " and 0 < index < last and escaped[index - 1].isalnum()
         and escaped[index + 1].isalnum()) or _break_after(escaped, index))]
    points.append(len(escaped))
    lines: list[str] = []
    start = 0
    last_fit = None
    for point in points:
        if point - start <= width:
            last_fit = point
            continue
        if last_fit is not None and last_fit > start:
            lines.append(escaped[start:last_fit])
            start = last_fit
        if point - start > width:   # one unbreakable run longer than a line: keep it whole
            lines.append(escaped[start:point])
            start = point
        last_fit = point if point - start <= width else None
    if start < len(escaped):
        lines.append(escaped[start:])
    return lines


def format_string(keyword: str, text: str, prefix: str = "", wrap: bool = True) -> list[str]:
    """One keyword and its string; ``wrap=False`` is ``msgcat --no-wrap`` (breaks only after
    "\\n"), the layout Poedit writes when its line wrapping is off."""
    escaped = escape(text)
    head = f"{prefix}{keyword} "
    portions = _chunks(escaped) if "\\n" in escaped else [escaped]
    if len(portions) == 1 and (not wrap or len(head) + len(escaped) + 2 <= PAGE_WIDTH):
        return [f'{head}"{escaped}"']
    lines = [f'{head}""']
    if not wrap:
        return lines + [f'{prefix}"{portion}"' for portion in portions]
    width = PAGE_WIDTH - len(prefix) - 2
    for portion in portions:
        lines.extend(f'{prefix}"{line}"' for line in _fill(portion, width))
    return lines


def _references(entry: polib.POEntry) -> list[str]:
    refs = [f"{name}:{line}" if line else name for name, line in entry.occurrences]
    lines: list[str] = []
    current = "#:"
    for ref in refs:
        if len(current) > 2 and len(current) + 1 + len(ref) > PAGE_WIDTH:
            lines.append(current)
            current = "#:"
        current += " " + ref
    if len(current) > 2:
        lines.append(current)
    return lines


def _comment_lines(marker: str, text: str) -> list[str]:
    return [f"{marker} {line}".rstrip() if line else marker for line in text.split("\n")]


def format_entry(entry: polib.POEntry, wrap: bool = True) -> list[str]:
    lines: list[str] = []
    if entry.tcomment:
        lines += _comment_lines("#", entry.tcomment)
    if entry.comment:
        lines += _comment_lines("#.", entry.comment)
    if entry.occurrences:
        lines += _references(entry)
    if entry.flags:
        lines.append("#, " + ", ".join(entry.flags))
    prefix = "#~ " if entry.obsolete else ""
    previous = "#~| " if entry.obsolete else "#| "
    for keyword, value in (("msgctxt", entry.previous_msgctxt), ("msgid", entry.previous_msgid),
                           ("msgid_plural", entry.previous_msgid_plural)):
        if value is not None and (value or keyword != "msgid_plural"):
            lines += format_string(keyword, value, previous, wrap)
    if entry.msgctxt is not None:
        lines += format_string("msgctxt", entry.msgctxt, prefix, wrap)
    lines += format_string("msgid", entry.msgid, prefix, wrap)
    if entry.msgid_plural:
        lines += format_string("msgid_plural", entry.msgid_plural, prefix, wrap)
        for index in sorted(entry.msgstr_plural):
            lines += format_string(f"msgstr[{index}]", entry.msgstr_plural[index], prefix, wrap)
    else:
        lines += format_string("msgstr", entry.msgstr, prefix, wrap)
    return lines


def format_catalog(catalog: polib.POFile) -> str:
    """The whole catalog as text: header, live entries, then obsolete ones. A catalog read
    from an unwrapped file (``wrapwidth`` 0, see poparse) is written unwrapped again."""
    wrap = catalog.wrapwidth > 0
    blocks: list[list[str]] = []
    header: list[str] = []
    if catalog.header:
        header += _comment_lines("#", catalog.header)
    if catalog.metadata_is_fuzzy:
        header.append("#, fuzzy")
    metadata = "".join(f"{key}: {value}\n" for key, value in catalog.metadata.items())
    header += format_string("msgid", "", wrap=wrap)
    header += format_string("msgstr", metadata, wrap=wrap)
    blocks.append(header)
    live = [entry for entry in catalog if not entry.obsolete]
    gone = [entry for entry in catalog if entry.obsolete]
    blocks += [format_entry(entry, wrap) for entry in live + gone]
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"
