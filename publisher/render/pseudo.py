"""The pseudo-locale ``qps``: the source text accented, lengthened and bracketed, made on the fly.

``publisher build --locale qps`` needs no catalog. Every message that goes through the
catalogs comes out as ``[Ţĥé Ŕéþûƀļîç öƒ Åžéŕƀåîĵåñ … ŏñé ţŵŏ]``: a word without accents
or outside brackets escaped localization, and the ~35 % extra length shows which layouts
break when a translation runs longer than the English (as most do). Placeholders, link
targets, inline code, HTML entities and tags are kept exactly, so the pseudo text renders and
formats as a real translation would.

The code ``qps`` follows Microsoft's pseudo-locales (``qps-ploc``): ``qps`` lies in ISO 639's
range reserved for local use, so it never clashes with a real language. The HTML ``lang`` is
the source's tag with a BCP 47 private-use extension, ``en-x-psaccent``: valid BCP 47 (which
``qps-ploc`` is not: ``ploc`` would be a script subtag) and true to what the text is, accented
English. Dates are formatted by CLDR in the source locale, then accented and bracketed too.
"""

from __future__ import annotations

import math
import re

from ..config import LocaleInfo
from ..po import placeholders
from .translations import TrackedTranslations

PSEUDO_CODE = "qps"
EXPANSION = 0.35

_PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
# Every ASCII letter gets a look-alike, all of them in the project's Noto fonts.
_ACCENTED = "áƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ"
ACCENTS = str.maketrans(_PLAIN, _ACCENTED)
# Padding reads as words, so that lines still wrap between them (as Android's en-XA does).
_FILLER = "one two three four five six seven eight nine ten ".translate(ACCENTS)

# What a translator must copy exactly, so the pseudo-translation keeps it unchanged.
MARKDOWN = r"""(?x:
    (?<!`)(`++)(?:[^`]++|(?!\1(?!`))`++)*+\1(?!`)         # inline code: a run, to the next run as long
  | \]\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?\s*\)   # ](target "title")
  | \]\[[^\]]*\]                                           # ][reference]
  | \[\^[^\]\s]{1,100}\]                                   # a footnote reference [^1]
  | <[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*>                # autolink
  | <[^<>@\s]+@[^<>\s]+>                                   # e-mail autolink
  | </?[A-Za-z][^<>]*>                                     # a tag (shown as text, as written)
  | &(?:\#[0-9]{1,7}|\#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});   # HTML entity
  | \\[!-/:-@\[-`{-~]                                      # a Markdown backslash escape
  | (?<![a-z0-9+.-])[a-z][a-z0-9+.-]*+://\S++             # a bare URL (read from its start)
)"""
# ... and the placeholders (%(name)s, %s, %%, {name}, {0}, {n: >5}, {{), as publisher.po reads them.
PROTECTED = re.compile(f"{MARKDOWN}|{placeholders.SOURCE}", re.DOTALL)


def pseudo(text: str) -> str:
    """``text`` accented, lengthened by about 35 % and bracketed; whitespace around it, and
    everything PROTECTED matches, stay as they are."""
    body = text.strip()
    if not body:
        return text
    start = len(text) - len(text.lstrip())
    lead, trail = text[:start], text[start + len(body):]
    parts, free, position = [], 0, 0
    for kept in PROTECTED.finditer(body):
        plain = body[position:kept.start()]
        parts += [plain.translate(ACCENTS), kept.group()]
        free += len(plain)
        position = kept.end()
    parts.append(body[position:].translate(ACCENTS))
    free += len(body) - position
    extra = math.ceil(free * EXPANSION)
    padding = (" " + _FILLER * (extra // len(_FILLER) + 1))[:extra].rstrip()
    return f"{lead}[{''.join(parts)}{padding}]{trail}"


def pseudo_locale(source: LocaleInfo) -> LocaleInfo:
    """The pseudo-locale of a project whose source language is ``source``."""
    return LocaleInfo(code=PSEUDO_CODE, tag=f"{source.tag}-x-psaccent", name=pseudo("Pseudo-locale"),
                      cldr=source.babel_code)


class PseudoTranslations(TrackedTranslations):
    """Translations that pseudo-translate every message; nothing is ever missing."""

    def __init__(self, domain: str):
        super().__init__(None, domain, locale=PSEUDO_CODE, display=f"({PSEUDO_CODE}: generated)",
                         report=False)

    def gettext(self, message: str) -> str:
        return pseudo(message) if message else message

    def translates(self, message: str) -> bool:
        return True

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)

    def pgettext(self, context: str, message: str) -> str:
        return self.gettext(message)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self.ngettext(singular, plural, n)

    def from_cldr(self, text: str) -> str:
        return pseudo(text)

    ugettext, ungettext = gettext, ngettext
