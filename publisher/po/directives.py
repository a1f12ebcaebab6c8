"""Where the format directives of a PO string are, as GNU gettext's format parsers mark them.

GNU's PO writer never breaks a line inside a format directive ("%(count)d", "{name}", "%1$s")
of a string whose entry has a format flag (``c-format``, ``python-format``...): write-po.c asks
the parser of the entry's first format (in gettext's order, format.h) where each directive
starts and ends (format-c.c, format-python.c, format-python-brace.c, format-javascript.c) and
forbids a break inside it. A parser stops at the first invalid directive: that one and the
rest of the string are not protected. The spans here follow those parsers character for
character, so that the writer breaks where msgcat breaks.
"""

from __future__ import annotations

# gettext's format kinds in its own order (format_language[] of message.c): an entry with two
# flags has its directives found by the first one.
FORMAT_ORDER = (
    "c", "objc", "python", "python-brace", "java", "java-printf", "csharp", "javascript", "scheme",
    "lisp", "elisp", "librep", "ruby", "sh", "awk", "lua", "object-pascal", "smalltalk", "qt",
    "qt-plural", "kde", "kde-kuit", "boost", "tcl", "perl", "perl-brace", "php", "gcc-internal",
    "gfc-internal", "ycp")
_RANK = {name: rank for rank, name in enumerate(FORMAT_ORDER)}

Spans = list[tuple[int, int]]   # (first, last) index of each directive, both included


def format_kind(flags: list[str]) -> str | None:
    """The format whose directives the writer protects: the first of gettext's order among the
    entry's ``X-format`` and ``possible-X-format`` flags (``no-X-format`` does not count)."""
    key = tuple(flags)
    if key not in _KINDS:           # a catalog has a handful of flag combinations
        kinds = [flag[9:-7] if flag.startswith("possible-") else flag[:-7]
                 for flag in flags if flag.endswith("-format") and not flag.startswith("no-")]
        kinds = [kind for kind in kinds if kind in _RANK]
        _KINDS[key] = min(kinds, key=_RANK.__getitem__) if kinds else None
    return _KINDS[key]


_KINDS: dict[tuple[str, ...], str | None] = {}


def directive_spans(kind: str, text: str, translated: bool) -> Spans:
    """The directives of ``text`` that the parser of ``kind`` accepts, up to its first error.
    ``translated``: the string is a msgstr (C's "I" flag is allowed there). Kinds publisher
    has no parser for protect nothing."""
    parser = _PARSERS.get(kind)
    return parser(text, translated) if parser and ("%" in text or "{" in text) else []


def _digits(text: str, at: int) -> int:
    while at < len(text) and "0" <= text[at] <= "9":
        at += 1
    return at


def _char(text: str, at: int) -> str:
    return text[at] if at < len(text) else ""


class _Arguments:
    """The arguments a string's directives take: gettext's parsers refuse a string that takes
    some by name or number and others by position (the directive where they first mix)."""

    def __init__(self) -> None:
        self.kinds: set[bool] = set()

    def take(self, by_name_or_number: bool) -> bool:
        self.kinds.add(by_name_or_number)
        return len(self.kinds) == 1


def _percent_directives(text: str, directive) -> Spans:
    """The spans of the %-directives of ``text``: ``directive(text, at, arguments)`` parses one
    from just after its "%" and returns the index of its last character, or None where the
    directive is invalid (gettext's parser stops there: it and the rest protect nothing)."""
    spans: Spans = []
    arguments = _Arguments()
    start = text.find("%")
    while start >= 0:
        last = directive(text, start + 1, arguments)
        if last is None:
            break
        spans.append((start, last))
        start = text.find("%", last + 1)
    return spans


def _python_directive(text: str, at: int, arguments: _Arguments) -> int | None:
    """format-python.c: %[(name)][flags][width][.precision][hlL]conversion"""
    name = _char(text, at) == "("
    if name:
        depth = 0
        at += 1
        while at < len(text):
            if text[at] == "(":
                depth += 1
            elif text[at] == ")":
                if depth == 0:
                    break
                depth -= 1
            at += 1
        if at >= len(text):
            return None                             # unterminated
        at += 1
    while _char(text, at) and _char(text, at) in "-+ #0":
        at += 1
    for part in ("width", "precision"):
        if part == "precision":
            if _char(text, at) != ".":
                break
            at += 1
        if _char(text, at) == "*":
            if not arguments.take(False):
                return None
            at += 1
        else:
            at = _digits(text, at)
    if _char(text, at) and _char(text, at) in "hlL":
        at += 1
    conversion = _char(text, at)
    if not conversion or conversion not in "%csridouxXeEfgG":
        return None
    if (name or conversion != "%") and not arguments.take(name):
        return None
    return at


def _python_brace_field(text: str, at: int, numeric: bool) -> int:
    """A name ([A-Za-z_][A-Za-z0-9_]*) or, when ``numeric``, digits: the index after it, or
    ``at`` when there is none."""
    char = _char(text, at)
    if char and (char.isascii() and (char.isalpha() or char == "_")):
        at += 1
        while at < len(text) and text[at].isascii() and (text[at].isalnum() or text[at] == "_"):
            at += 1
        return at
    if numeric:
        return _digits(text, at)
    return at


class _BraceError(Exception):
    """A python-brace directive is invalid; ``offset`` is where gettext marks the error,
    counted from the "{" of the directive being parsed (see _python_brace)."""

    def __init__(self, offset: int):
        super().__init__(offset)
        self.offset = offset


def _python_brace_directive(text: str, brace: int, toplevel: bool, ends: list[int]) -> int:
    """parse_directive of format-python-brace.c for the "{" at ``brace``: the index after the
    directive. A top-level directive adds the offset of its "}" from ``brace`` to ``ends``."""
    at = brace + 1
    if _char(text, at) == "{":
        return at + 1                               # "{{": a literal brace
    after = _python_brace_field(text, at, numeric=True)
    if after == at:
        raise _BraceError(at - brace)
    at = after
    while True:
        char = _char(text, at)
        if char == ".":
            after = _python_brace_field(text, at + 1, numeric=False)
            if after == at + 1:
                raise _BraceError(after - brace)
            at = after
        elif char == "[":
            after = _python_brace_field(text, at + 1, numeric=True)
            if after == at + 1:
                raise _BraceError(after - brace)
            if _char(text, after) != "]":
                raise _BraceError(after + 1 - brace)
            at = after + 1
        else:
            break
    if char == ":":
        if not toplevel:
            raise _BraceError(at - brace)
        at += 1
        if _char(text, at) == "{":
            at = _python_brace_directive(text, at, False, ends)
        else:
            if _char(text, at + 1) and _char(text, at + 1) in "<>=^":
                at += 2
            elif _char(text, at) and _char(text, at) in "<>=^":
                at += 1
            if _char(text, at) and _char(text, at) in "+- ":
                at += 1
            if _char(text, at) == "#":
                at += 1
            if _char(text, at) == "0":
                at += 1
            at = _digits(text, at)
            if _char(text, at) == ".":
                at = _digits(text, at + 1)
            if _char(text, at) and _char(text, at) in "bcdoxXneEfFgG%":
                at += 1
        if _char(text, at) != "}":
            raise _BraceError(at - brace)
        char = "}"
    if char != "}":
        raise _BraceError(at - brace)
    if toplevel:
        ends.append(at - brace)
    return at + 1


def _python_brace(text: str) -> Spans:
    """format-python-brace.c: {name[.attr|[key]]*[:spec]}; "{{" is a literal brace.

    gettext 0.21 marks where each directive starts and ends relative to the directive's own
    "{" instead of the string's start (parse_directive has a format_start of its own): every
    directive marks its start at index 0 of the string and its end at its own length - 1.
    write-po.c then protects one span: from index 0 to the nearest of those ends, unless an
    error is marked first. This mirrors it."""
    ends: list[int] = []
    error = None
    at = 0
    while True:
        at = text.find("{", at)
        if at < 0:
            break
        try:
            at = _python_brace_directive(text, at, True, ends)
        except _BraceError as failure:
            error = failure.offset
            break
    if not ends:
        return []
    end = min(ends)
    # (an error marked past the end of the string is outside what write-po.c reads)
    return [] if error is not None and error <= end else [(0, end)]


def _numbered(text: str, at: int) -> tuple[int, int | None]:
    """An argument number "N$" at ``at``: (index after it, N), or (at, None) when there is
    none; N = 0 is returned as 0 (an error for the caller)."""
    end = _digits(text, at)
    if end > at and _char(text, end) == "$":
        return end + 1, int(text[at:end])
    return at, None


def _javascript_directive(text: str, at: int, arguments: _Arguments) -> int | None:
    """format-javascript.c: %[N$][-+ 0I]*[width][.precision]conversion"""
    at, number = _numbered(text, at)
    if number == 0:
        return None
    while _char(text, at) and _char(text, at) in "-+ 0I":
        at += 1
    at = _digits(text, at)
    if _char(text, at) == ".":
        at = _digits(text, at + 1)
    conversion = _char(text, at)
    if not conversion or conversion not in "%csbdoxXfj":
        return None
    if conversion != "%" and not arguments.take(number is not None):
        return None
    return at


_C99_SIZES = ("MAX", "PTR", "LEAST8", "LEAST16", "LEAST32", "LEAST64", "FAST8", "FAST16",
              "FAST32", "FAST64", "8", "16", "32", "64")


def _c_number(text: str, at: int, arguments: _Arguments) -> int | None:
    """A C width or precision at ``at``: digits, or "*" taking an argument ("*N$": argument
    N). The index after it, or None on an error."""
    if _char(text, at) != "*":
        return _digits(text, at)
    at, number = _numbered(text, at + 1)
    return None if number == 0 or not arguments.take(number is not None) else at


def _c_directive(text: str, at: int, arguments: _Arguments, translated: bool) -> int | None:
    """format-c-parse.h (gettext 0.21): %[N$][flags][width][.precision][size]conversion,
    with ISO C99 <PRIxNN> macros and, in a msgstr, glibc's "I" flag."""
    at, number = _numbered(text, at)
    if number == 0:
        return None
    while _char(text, at) and (_char(text, at) in " +-#0'" or (translated and text[at] == "I")):
        at += 1
    at = _c_number(text, at, arguments)             # width
    if at is not None and _char(text, at) == ".":
        at = _c_number(text, at + 1, arguments)     # precision
    if at is None:
        return None
    if _char(text, at) == "<":
        if text[at + 1:at + 4] != "PRI" or _char(text, at + 4) not in tuple("idouxX"):
            return None
        at += 5
        size = next((size for size in _C99_SIZES if text.startswith(size, at)), None)
        if size is None or _char(text, at + len(size)) != ">":
            return None
        at += len(size)
        conversion = "d"
    else:
        while _char(text, at) and _char(text, at) in "hlLqjzZt":
            at += 1
        conversion = _char(text, at)
        if not conversion or conversion not in "%mcCsSidouxXeEfFgGaApn":
            return None
    if conversion not in "%m" and not arguments.take(number is not None):
        return None
    return at


_PARSERS = {
    "c": lambda text, translated: _percent_directives(
        text, lambda text, at, arguments: _c_directive(text, at, arguments, translated)),
    "python": lambda text, translated: _percent_directives(text, _python_directive),
    "python-brace": lambda text, translated: _python_brace(text),
    "javascript": lambda text, translated: _percent_directives(text, _javascript_directive),
}
