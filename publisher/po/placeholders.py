"""Placeholders: the parts of a message a program fills in, which a translation must copy.

Two syntaxes, as Python and GNU gettext know them: printf-style directives (``python-format``:
``%(name)s``, ``%s``, ``%-5.2f``, ``%(n) d``, and ``%%`` for a percent sign) and ``str.format``
fields (``python-brace-format``: ``{name}``, ``{0}``, ``{}``, ``{items[0]}``, ``{user.name}``,
``{n: >5}``, ``{n:{width}}``, and ``{{``/``}}`` for a brace). This is the one grammar of
publisher: the catalog reader, the checks, the pseudo-locale and extraction's python-format
flag all find placeholders here, so what one recognises the others do too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Python's printf-style directive (a key in parentheses, flags, width, precision, a length
# modifier Python ignores, the conversion). "%%" is matched too: a literal percent sign.
# Every part is possessive, as Python's own parser reads a directive: flags first, all of
# them ("%010d" is flag 0, width 10), so no character is tried as two parts (linear time:
# "%" and a million zeros is one pass, not a million).
PRINTF = (r"%(?:\((?P<name>\w++)\))?(?P<flags>[-#0 +]*+)(?P<width>\*|\d++)?"
          r"(?:\.(?P<precision>\*|\d*+))?[hlL]?(?P<conversion>[diouxXeEfFgGcrsa%])")
# A str.format replacement field: a field name with attributes and indexes, a conversion,
# a format spec that may hold nested fields ("{n:{width}}"); possessive likewise.
BRACE = (r"\{(?P<field>\w*+(?:\.\w++|\[[^\[\]{}]*+\])*+)(?:!(?P<brace_conversion>[rsa]))?"
         r"(?::(?P<spec>(?:[^{}]++|\{\w*+\})*+))?\}")
# The escapes first, so that "{{name}}" is text and not the field {name}.
SOURCE = rf"(?P<escape>%%|\{{\{{|\}}\}})|(?P<printf>{PRINTF})|(?P<brace>{BRACE})"
PATTERN = re.compile(SOURCE)


@dataclass(frozen=True)
class Placeholder:
    text: str
    kind: str                 # "printf" or "brace"
    name: str | None          # %(name)s's key, {name}'s field ("" for "{}"); None for "%s"
    conversion: str           # "s", "d" ... for printf; "r", "s", "a" or "" for a field
    flags: str = ""
    width: str | None = None
    precision: str | None = None
    spec: str | None = None   # a field's format spec


def _placeholder(match: re.Match) -> Placeholder:
    if match.lastgroup == "printf" or match.group("printf") is not None:
        return Placeholder(match.group("printf"), "printf", match.group("name"),
                           match.group("conversion"), match.group("flags"), match.group("width"),
                           match.group("precision"))
    return Placeholder(match.group("brace"), "brace", match.group("field"),
                       match.group("brace_conversion") or "", spec=match.group("spec"))


@lru_cache(maxsize=8192)
def placeholders(text: str) -> tuple[Placeholder, ...]:
    """Every placeholder of ``text`` in order (both syntaxes; ``%%``, ``{{``, ``}}`` are text)."""
    if "%" not in text and "{" not in text:
        return ()
    return tuple(_placeholder(match) for match in PATTERN.finditer(text)
                 if match.group("escape") is None)


def strip(text: str, replacement: str = " ") -> str:
    """``text`` with each placeholder replaced (to count its words or numbers)."""
    if "%" not in text and "{" not in text:
        return text
    return PATTERN.sub(lambda m: m.group() if m.group("escape") else replacement, text)


def _prose(match: re.Match) -> bool:
    """A percent sign before a space and a letter ("60% of", "5% a year"): Python would read
    "% o" as a directive (the space flag), but it is how prose writes a percentage."""
    return (match.group("flags") == " " and not match.group("name") and not match.group("width")
            and match.group("precision") is None)


def is_python_format(text: str) -> bool:
    """Whether a message reads as a printf-style format (a directive, or "%%"): extraction
    flags it ``python-format``, as Babel does, so that msgfmt -c checks its translations; the
    catalog reader and ``publisher check`` decide by it too (from the source text: a
    catalog's flags are the translator's to change)."""
    return "%" in text and any(m.group() == "%%" or (m.group("printf") and not _prose(m))
                               for m in PATTERN.finditer(text))


def printf_directives(text: str) -> list[Placeholder] | None:
    """The printf directives of a string (not "%%"), or None when a lone "%" would make
    Python's formatting fail."""
    found = []
    position = 0
    for match in PATTERN.finditer(text):
        if match.group("brace") is not None:
            continue
        if "%" in text[position:match.start()]:
            return None
        position = match.end()
        if match.group("printf") is not None and match.group("conversion") != "%":
            found.append(_placeholder(match))
    return None if "%" in text[position:] else found


def _shown(directive: Placeholder) -> str:
    return f"%({directive.name})s" if directive.name else "%" + directive.conversion


def _pairs(directives: list[Placeholder]) -> list[tuple[str | None, str]]:
    return sorted(((d.name, d.conversion) for d in directives), key=str)


def _unlike(directive: Placeholder, model: Placeholder) -> str | None:
    """How a msgstr's directive differs from the msgid's it stands for (its flags, width or
    precision: a width pads the text, a precision of 0 prints none of it), or None."""
    for part in ("width", "precision", "flags"):
        ours, theirs = getattr(directive, part), getattr(model, part)
        if ours == theirs:
            continue
        if theirs is None or (theirs == "" and part != "precision"):   # "%.s" has precision ""
            shown = {"width": f"a width ({ours})", "precision": f"a precision (.{ours})",
                     "flags": f"flags ({ours!r})"}[part]
            return f"{directive.text} has {shown} that the source's {model.text} lacks; write {model.text}"
        return f"{directive.text} changes the {part} of the source's {model.text}; write {model.text}"
    return None


def _exact(source: list[Placeholder], target: list[Placeholder]) -> str | None:
    """Every msgstr directive as one of the msgid's exactly: named ones by name, positional
    ones in order (their names and conversions are compared before this)."""
    for index, directive in enumerate(target):
        models = ([d for d in source if d.name == directive.name] if directive.name
                  else source[index:index + 1])
        if models and all(_unlike(directive, model) for model in models):
            return _unlike(directive, models[0])
    return None


def python_format_mismatch(msgid: str, msgstr: str) -> str | None:
    """Why msgstr would fail or mislead where msgid is formatted, or None: msgfmt -c's checks,
    and every directive exactly as the msgid has it (a width or precision of its own would
    pad the value away or print none of it: "Tel.: see example.org%(number).0s")."""
    source, target = printf_directives(msgid), printf_directives(msgstr)
    if target is None:
        return "msgstr has a '%' that is not a valid placeholder (write %% for a percent sign)"
    if source is None:
        return None
    named = {d.name for d in source} != {None}
    if named and _pairs(source) != _pairs(target):
        ours = ", ".join(_shown(d) for d in target) or "none"
        theirs = ", ".join(_shown(d) for d in source)
        return f"placeholders differ from the source: msgid has {theirs}, msgstr has {ours}"
    if not named and [d.conversion for d in source] != [d.conversion for d in target]:
        return "msgstr must keep the msgid's placeholders in the same order"
    return _exact(source, target)
