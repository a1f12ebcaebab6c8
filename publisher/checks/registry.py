"""Every check publisher knows: its code, its level, what it finds and which entries it reads
(``publisher check --list`` prints this table). A message check is a function of
:mod:`publisher.checks.rules`, :mod:`publisher.checks.language` or
:mod:`publisher.checks.glossary`; "catalog" and "ignore-flag" are found by the runner."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import polib

from ..errors import ERROR, WARNING
from .context import Context
from .glossary import check_glossary
from .language import check_az_letters
from .rules import (
    check_control_characters,
    check_double_space,
    check_doubled_word,
    check_encoding,
    check_end_punctuation,
    check_fuzzy,
    check_line_breaks,
    check_link_target,
    check_markup,
    check_numbers,
    check_obsolete,
    check_placeholders,
    check_same_as_source,
    check_unsafe_markup,
    check_untranslated,
    check_whitespace,
)

CheckFunction = Callable[[str, str, polib.POEntry, str, Context], Iterable[str]]


@dataclass(frozen=True)
class Check:
    code: str
    level: str
    explanation: str
    run: CheckFunction | None = None   # None: found in the file itself, not message by message
    scope: str = "translated"          # translated | live | written | obsolete (see _applies)


CHECKS: tuple[Check, ...] = (
    Check("catalog", ERROR, "the catalog cannot be read (syntax, charset, duplicate message, plural "
          "forms); nothing else is checked until it can"),
    Check("encoding", ERROR, "text that is not valid UTF-8 (bytes in the file), a replacement "
          "character or mojibake in a translation", check_encoding, "written"),
    Check("control-characters", ERROR, "a control, bidi or invisible character (vertical tab, "
          "U+202E, U+200B, U+FFFF ...) in a translation that its source lacks: it hides or "
          "reorders text, or no XML file may hold it", check_control_characters,
          "written"),
    Check("unsafe-markup", ERROR, "raw HTML, <script>, event handlers or javascript:/data:/file: "
          "link and image targets in a translation", check_unsafe_markup, "written"),
    Check("untranslated", WARNING, "a message without translation (the build shows the source "
          "text)", check_untranslated, "live"),
    Check("fuzzy", WARNING, "a translation marked fuzzy: not used until reviewed", check_fuzzy, "live"),
    Check("obsolete", WARNING, "an obsolete (#~) message behind more than keep_obsolete more "
          "recently removed ones", check_obsolete, "obsolete"),
    Check("placeholders", ERROR, "%(name)s, %s or {name} placeholders missing, added or renamed",
          check_placeholders),
    Check("markup", WARNING, "inline Markdown (emphasis, links, inline code) not as in the source",
          check_markup),
    Check("link-target", ERROR, "a link, image or address the source does not have (refused by "
          "every command), or one of the source's missing", check_link_target),
    Check("numbers", ERROR, "numbers or years differ from the source (separators read per locale)",
          check_numbers),
    Check("whitespace", WARNING, "leading or trailing whitespace differs from the source",
          check_whitespace),
    Check("line-breaks", WARNING, "line breaks differ from the source", check_line_breaks),
    Check("end-punctuation", WARNING, "the translation ends with other punctuation than the "
          "source", check_end_punctuation),
    Check("double-space", WARNING, "two or more spaces in a row", check_double_space),
    Check("doubled-word", WARNING, "the same word twice in a row ('the the')", check_doubled_word),
    Check("same-as-source", WARNING, "the translation is the source text (numbers, abbreviations "
          "and names the glossary keeps are exempt)", check_same_as_source),
    Check("glossary", WARNING, "a glossary term (locales/glossary.csv) not translated as the "
          "glossary says, or its translation where the source lacks the term", check_glossary),
    Check("az-letters", ERROR, "Azerbaijani text with letters of other alphabets (ä for ə, "
          "Cyrillic, combining marks) or a dotted/dotless i mistaken", check_az_letters),
    Check("ignore-flag", WARNING, "a publisher-ignore flag names no check"),
)
CODE_WIDTH = max(len(check.code) for check in CHECKS)   # to line up --list and the summary
BY_CODE = {check.code: check for check in CHECKS}
RANK = {check.code: index for index, check in enumerate(CHECKS)}   # registry order, for output
