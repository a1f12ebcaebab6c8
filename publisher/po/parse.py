"""Read a PO file into polib's data model, as GNU gettext's own reader understands it.

polib's reader loses the previous msgid of obsolete entries (``#~|``), cannot decode the
escapes GNU accepts (``\\a``, octal, hex) and lets broken syntax through silently; it is also
slow on big catalogs. This reader builds the same ``polib.POFile``/``polib.POEntry`` objects
the rest of publisher works with (entry ``linenum`` is the entry's first line, as polib sets
it). Entries in GNU's usual shape are read by one regular expression each; anything else, and
every file with an error, by a line-by-line reader that reports each syntax error with its
line. A test holds the two to the same result.

The catalog also keeps how the file was laid out, for publisher.po.format to write it back the
same: ``wrapwidth`` 0 when it was saved without line wrapping (see _unwrapped), and
``header_entry``, the header entry as written (its fields' spacing, order and repeats, its
comments, references and flags). Comments keep their text to the end of the line.
"""

from __future__ import annotations

import re
from bisect import bisect_right

import polib

from ..errors import CatalogError, raise_collected
from ..limits import MAX_MESSAGE_CHARS
from .directives import format_kind
from .entries import comment_text, make_entry
from .format import PAGE_WIDTH, format_string
from .header import header_fields
from .linebreak import MAYBE_WIDE
from .linebreak import width as display_width

# msgstr[N] before msgstr: the alternatives are tried in order.
KEYWORD = re.compile(r'(msgctxt|msgid_plural|msgid|msgstr\[(\d+)\]|msgstr)(?=[\s"]|$)\s*(.*)$')
MAX_PLURAL_INDEX_DIGITS = 3      # gettext knows at most a handful of plural forms
PREVIOUS_KEYWORDS = ("msgctxt", "msgid", "msgid_plural")
# A line of a string: its prefix (obsolete, previous), its keyword on the first line, its token.
STRING_LINE = re.compile(
    r'(#~\| |#~ |#\| |)(?:(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) )?(".*)$')
PLAIN_STRING = re.compile(r'"([^"\\]*)"$')
ESCAPED_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"$')
# GNU's control sequences (po-lex.c): C's letters, up to three octal digits, \x and hex digits.
ESCAPE = re.compile(r'\\(?:([ntbrfva\\"])|([0-7]{1,3})|x([0-9A-Fa-f]+)|(.|$))')
SIMPLE = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a",
          "\\": "\\", '"': '"'}


def _decode(token: str, display: str, number: int) -> str:
    """The value of one quoted string token (with its quotes), or a CatalogError."""
    plain = PLAIN_STRING.match(token)
    if plain:
        return plain.group(1)
    whole = ESCAPED_STRING.match(token)
    inner = whole.group(1) if whole else token[1:-1] if token.endswith('"') else token[1:]
    if whole is None:
        problem = ("unescaped double quote in string" if token.endswith('"') and len(token) > 1
                   else "unterminated string")
        # an unknown escape is the likelier mistake when the quotes are balanced
        for match in ESCAPE.finditer(inner):
            if match.group(4) is not None and len(token) > 1 and token.endswith('"'):
                problem = f"unsupported escape sequence {match.group()!r} in string"
                break
        raise CatalogError(f"syntax error: {problem}", display, number)
    raw = bytearray()
    position = 0
    for match in ESCAPE.finditer(inner):
        raw += inner[position:match.start()].encode("utf-8")
        position = match.end()
        simple, octal, hexadecimal, unknown = match.groups()
        if simple is not None:
            raw += SIMPLE[simple].encode("utf-8")
            continue
        value = int(octal, 8) if octal is not None else int(hexadecimal, 16) if hexadecimal else 256
        if unknown is not None or value > 255:
            raise CatalogError(f"syntax error: unsupported escape sequence {match.group()!r} "
                               "in string", display, number)
        raw.append(value)
    raw += inner[position:].encode("utf-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise CatalogError("syntax error: octal or hex escapes that are not valid UTF-8",
                           display, number) from None


class _Entry:
    """An entry while it is being read (polib.POEntry is built once it is complete)."""

    __slots__ = ("line", "tcomment", "comment", "occurrences", "flags", "previous", "strings",
                 "plurals", "obsolete", "keyword_line", "complete")

    def __init__(self, line: int):
        self.line = line
        self.tcomment: list[str] = []
        self.comment: list[str] = []
        self.occurrences: list[tuple[str, str]] = []
        self.flags: list[str] = []
        self.previous: dict[str, list[str]] = {}
        self.strings: dict[str, list[str]] = {}
        self.plurals: dict[int, list[str]] = {}
        self.obsolete: bool | None = None
        self.keyword_line = line
        self.complete = False       # has its msgstr (or a msgstr[N])

    def build(self) -> polib.POEntry:
        strings, previous = self.strings, self.previous
        msgstr, plural, context = strings.get("msgstr"), strings.get("msgid_plural"), strings.get("msgctxt")
        fields = {
            "msgid": "".join(strings["msgid"]), "msgstr": "".join(msgstr) if msgstr else "",
            "tcomment": comment_text(self.tcomment), "comment": comment_text(self.comment),
            "occurrences": self.occurrences, "flags": self.flags, "obsolete": bool(self.obsolete),
            "linenum": self.line, "msgstr_plural": {}}
        if plural is not None:
            fields["msgid_plural"] = "".join(plural)
            fields["msgstr_plural"] = {index: "".join(parts)
                                       for index, parts in self.plurals.items()}
        if context is not None:
            fields["msgctxt"] = "".join(context)
        for keyword, parts in previous.items():
            fields[f"previous_{keyword}"] = "".join(parts)
        return make_entry(fields)


def _references(text: str) -> list[tuple[str, str]]:
    found = []
    for reference in text.split():
        name, _, line = reference.rpartition(":")
        found.append((name, line) if name and line.isdigit() else (reference, ""))
    return found


def _unwrapped(text: str, entries: list[polib.POEntry], display: str) -> bool:
    """Whether the file was saved without line wrapping (``msgcat --no-wrap``, Poedit's
    option). It was if some string sits on lines wider than the page where GNU's wrapping
    would have broken it, laid out exactly as --no-wrap lays it out. (A string GNU cannot
    break stays on one long line either way; a file whose every line fits reads the same
    both ways, and is taken as wrapped, GNU's default.)"""
    lines = text.split("\n")
    starts = [entry.linenum for entry in entries]
    for index in _wide_lines(lines, PAGE_WIDTH):
        string = _string_at(lines, index)
        if string is None:
            continue
        first, last, prefix, keyword = string
        entry = entries[bisect_right(starts, first + 1) - 1] if starts else None
        flags = entry.flags if entry is not None and entry.linenum <= first + 1 else []
        if "no-wrap" in flags:
            continue
        value = "".join(_decode(STRING_LINE.match(line).group(3).rstrip(), display, number)
                        for number, line in enumerate(lines[first:last], first + 1))
        kind = format_kind(flags)
        written = lines[first:last]
        if (format_string(keyword, value, prefix, True, kind) != written
                and format_string(keyword, value, prefix, False, kind) == written):
            return True
    return False


def _wide_lines(lines: list[str], page: int) -> list[int]:
    """Indexes of the lines wider than ``page`` display columns."""
    return [index for index, line in enumerate(lines)
            if len(line) > page // 2 and (len(line) > page or MAYBE_WIDE.search(line))
            and display_width(line) > page]


def _string_at(lines: list[str], index: int) -> tuple[int, int, str, str] | None:
    """The string whose lines include lines[index]: (its first line, the line after its last,
    prefix, keyword), or None when lines[index] is not a string's line."""
    match = STRING_LINE.match(lines[index])
    if match is None:
        return None
    prefix = match.group(1)
    first = index
    while match is not None and match.group(2) is None and match.group(1) == prefix and first:
        first -= 1
        match = STRING_LINE.match(lines[first])
    if match is None or match.group(2) is None or match.group(1) != prefix:
        return None
    keyword = match.group(2)
    last = first + 1
    while last < len(lines):
        following = STRING_LINE.match(lines[last])
        if following is None or following.group(2) is not None or following.group(1) != prefix:
            break
        last += 1
    return first, last, prefix, keyword


def _simple_entry(prefix: str, previous: str) -> re.Pattern:
    """An entry as GNU gettext lays out nearly all of them: comments, flags, the previous
    msgctxt and msgid of a fuzzy one, msgctxt, msgid, msgstr (each line of a string after
    ``prefix``, of a previous string after ``previous``); not a plural one."""
    def string(keyword: str, start: str) -> str:
        start = re.escape(start)
        return f'{start}{keyword} ("[^\\n]*"\\n(?:{start}"[^\\n]*"\\n)*)'
    return re.compile(
        r'((?:#(?: [^\n]*)?\n)*)((?:#\.[^\n]*\n)*)((?:#:[^\n]*\n)*)((?:#,[^\n]*\n)?)'
        f'(?:{string("msgctxt", previous)})?(?:{string("msgid", previous)})?'
        f'(?:{string("msgctxt", prefix)})?{string("msgid", prefix)}{string("msgstr", prefix)}\\Z')


SIMPLE_ENTRY = _simple_entry("", "#| ")
OBSOLETE_ENTRY = _simple_entry("#~ ", "#~| ")


class _Irregular(Exception):
    """The fast path met something it leaves to the line-by-line reader."""


def _string(group: str, display: str, number: int, prefix: str = "") -> str:
    """The value of a string's lines (``prefix`` before each but the first)."""
    if prefix:
        group = group.replace("\n" + prefix, "\n")
    if "\\" not in group and group.count('"') == 2 * group.count("\n"):
        return group[1:-2].replace('"\n"', "")
    return "".join(_decode(line, display, number) for line in group.split("\n")[:-1])


def _comments(lines: str, skip: int) -> str:
    """The text of comment lines, each without its marker and the space after it."""
    return comment_text([line[skip + 1:] if line[skip:skip + 1] == " " else line[skip:]
                         for line in lines.split("\n")[:-1]])


def _fast_entries(text: str, display: str) -> list[polib.POEntry]:
    """Entries of a file in GNU layout (entries separated by one blank line), the common
    shape matched by one regular expression and the others read by the line reader, block by
    block. Raises _Irregular where that is not enough: the whole file is then read line by
    line, which also finds the line of any error."""
    if not text.endswith("\n"):
        raise _Irregular
    entries = []
    number = 1
    for block in text[:-1].split("\n\n"):
        block += "\n"
        obsolete = block.startswith("#~") or "\n#~ msgid " in block
        match = (OBSOLETE_ENTRY if obsolete else SIMPLE_ENTRY).match(block)
        try:
            if match is None:
                found = _line_entries(block, display, number)
                if len(found) != 1:
                    raise _Irregular
                entries += found
            else:
                (tcomment, comment, references, flags, previous_context, previous_msgid,
                 context, msgid, msgstr) = match.groups()
                prefix, previous = ("#~ ", "#~| ") if obsolete else ("", "#| ")
                fields = {"msgid": _string(msgid, display, number, prefix),
                          "msgstr": _string(msgstr, display, number, prefix),
                          "msgstr_plural": {},
                          "tcomment": _comments(tcomment, 1) if tcomment else "",
                          "comment": _comments(comment, 2) if comment else "",
                          "occurrences": [reference for line in references.split("\n")[:-1]
                                          for reference in _references(line[2:])],
                          "flags": [flag.strip() for flag in flags[2:].split(",") if flag.strip()],
                          "obsolete": obsolete, "linenum": number}
                if context is not None:
                    fields["msgctxt"] = _string(context, display, number, prefix)
                if previous_context is not None:
                    fields["previous_msgctxt"] = _string(previous_context, display, number,
                                                         previous)
                if previous_msgid is not None:
                    fields["previous_msgid"] = _string(previous_msgid, display, number, previous)
                entries.append(make_entry(fields))
        except CatalogError:
            raise _Irregular from None
        number += block.count("\n") + 1
    return entries


def parse_po(text: str, display: str) -> polib.POFile:
    """Parse PO text. Raises CatalogError naming ``display`` and the line of the problem."""
    try:
        entries = _fast_entries(text, display)
    except _Irregular:
        entries = _line_entries(text, display)
    raise_collected(_oversized(entries, display))
    catalog = polib.POFile(wrapwidth=0 if _unwrapped(text, entries, display) else 79,
                           encoding="utf-8")
    header = next((e for e in entries if e.msgid == "" and e.msgctxt is None and not e.obsolete),
                  None)
    if header is not None:
        entries.remove(header)
        # The header entry as written (its msgstr with the fields' spacing, order and repeats,
        # its comments, references and flags), for the writer: see header.header_msgstr.
        catalog.header_entry = header
        catalog.header = header.tcomment
        catalog.metadata = header_fields(header.msgstr)
        catalog.metadata_is_fuzzy = "fuzzy" in header.flags
    catalog.extend(entries)
    return catalog


def _oversized(entries: list[polib.POEntry], display: str) -> list[CatalogError]:
    """Strings over the message limit, one error per entry at its line, before any other work
    is spent on them (a translation is one paragraph at most, as a source block is)."""
    errors = []
    for entry in entries:
        strings = [("msgctxt", entry.msgctxt or ""), ("msgid", entry.msgid),
                   ("msgid_plural", entry.msgid_plural or ""), ("msgstr", entry.msgstr),
                   *((f"msgstr[{index}]", text) for index, text in entry.msgstr_plural.items())]
        if too_long := [(name, len(text)) for name, text in strings if len(text) > MAX_MESSAGE_CHARS]:
            name, size = too_long[0]
            errors.append(CatalogError(f"{name} of {size:,} characters is too long (the limit is "
                                       f"{MAX_MESSAGE_CHARS:,}); split the text", display,
                                       entry.linenum))
    return errors


def _line_entries(text: str, display: str, first_line: int = 1) -> list[polib.POEntry]:
    """Read line by line, as GNU's reader: any layout, every syntax error with its line."""
    lines = text.split("\n")
    entries: list[polib.POEntry] = []
    current = _Entry(next((n for n, line in enumerate(lines, first_line) if line.strip()),
                          first_line))
    target: list[str] | None = None     # the string a continuation line adds to

    def finish() -> None:
        nonlocal target
        if current.strings:
            if "msgid" not in current.strings:
                raise CatalogError("syntax error: msgctxt without msgid", display,
                                   current.keyword_line)
            if not current.complete:
                raise CatalogError("syntax error: msgid without msgstr", display,
                                   current.keyword_line)
            entries.append(current.build())
        elif current.previous:
            raise CatalogError("syntax error: previous msgid (#|) without a message", display,
                               current.line)
        target = None

    for number, raw in enumerate(lines, start=first_line):
        if target is not None and raw[:1] == '"':      # the commonest line: a continuation
            plain = PLAIN_STRING.match(raw)
            if plain:
                target.append(plain.group(1))
                continue
        line = raw.strip()
        if not line:
            continue
        obsolete = False
        previous = False
        if line[0] == "#":
            marker = line[1:2]
            if marker == "~":
                obsolete = True
                line = line[2:]
                if line[:1] == "|":
                    previous, line = True, line[1:]
                line = line.lstrip()
                if not line:
                    continue
            elif marker == "|":
                previous, line = True, line[2:].lstrip()
                if not line:
                    continue
            else:
                if current.complete:
                    finish()
                    current = _Entry(number)
                target = None
                if marker == ",":
                    current.flags += [flag.strip() for flag in line[2:].split(",") if flag.strip()]
                elif marker == ":":
                    current.occurrences += _references(line[2:])
                else:       # a comment keeps its text to the end of the line, as GNU's
                    comment = raw.lstrip()
                    if marker == ".":
                        current.comment.append(comment[3:] if comment[2:3] == " " else comment[2:])
                    else:
                        current.tcomment.append(comment[2:] if marker == " " else comment[1:])
                continue
        if line[0] == '"':
            if target is None:
                raise CatalogError("syntax error: a string without a keyword before it",
                                   display, number)
            target.append(_decode(line, display, number))
            continue
        match = KEYWORD.match(line)
        if match is None:
            raise CatalogError(f"syntax error: unexpected {line.split()[0][:40]!r}", display, number)
        keyword, index, token = match.groups()
        if index is not None and len(index) > MAX_PLURAL_INDEX_DIGITS:
            raise CatalogError(f"syntax error: msgstr[{index[:8]}…] has a plural index of "
                               f"{len(index):,} digits", display, number)
        if not token.startswith('"'):
            raise CatalogError(f"syntax error: {keyword} needs a quoted string", display, number)
        value = _decode(token, display, number)
        if previous:
            if keyword not in PREVIOUS_KEYWORDS:
                raise CatalogError(f"syntax error: {keyword} in a previous-message (#|) comment",
                                   display, number)
            if current.complete:
                finish()
                current = _Entry(number)
            target = current.previous.setdefault(keyword, [])
            target.append(value)
            continue
        if keyword in ("msgctxt", "msgid"):
            if current.complete:
                finish()
                current = _Entry(number)
            elif keyword in current.strings or (keyword == "msgctxt" and "msgid" in current.strings):
                raise CatalogError(f"syntax error: {keyword} where msgstr was expected", display,
                                   number)
            if not current.strings:
                current.keyword_line = number
        elif "msgid" not in current.strings or (current.complete and keyword == "msgstr"):
            raise CatalogError(f"syntax error: {match.group(1)} without msgid", display, number)
        if not current.strings:
            current.obsolete = obsolete
        elif current.obsolete != obsolete:
            raise CatalogError("syntax error: an entry mixes obsolete (#~) and live lines",
                               display, number)
        if index is not None:
            if "msgid_plural" not in current.strings:
                raise CatalogError(f"syntax error: {match.group(1)} without msgid_plural",
                                   display, number)
            target = current.plurals.setdefault(int(index), [])
            current.complete = True
        else:
            if keyword == "msgstr" and "msgid_plural" in current.strings:
                raise CatalogError("syntax error: msgstr where msgid_plural needs msgstr[0]",
                                   display, number)
            if keyword in current.strings:
                raise CatalogError(f"syntax error: a second {keyword}", display, number)
            target = current.strings.setdefault(keyword, [])
            current.complete = current.complete or keyword == "msgstr"
        target.append(value)
    if current.strings or current.previous:
        finish()
    return entries
