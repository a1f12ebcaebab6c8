"""Facts about languages that several parts of publisher need, written once.

The language of a locale code, and the case rules of the Turkic languages (``I``/``ı`` and
``İ``/``i`` are pairs there, not ``I``/``i``), which matter to a language menu's autonyms, to
the checks' case-insensitive comparisons and to hyphenation. A language with rules of its own
(letters, syllables) has a module here, as in translate-toolkit's ``lang`` package:
:mod:`publisher.lang.az`.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Languages that join a case ending or suffix to a numeral with a hyphen (Azerbaijani
# "2020-ci", "10-da", "300-dən"; Hungarian "2020-ban", AkH. 11th ed. §294): the numeral and
# its ending are never parted at the end of a line.
NUMERAL_SUFFIX_LANGUAGES = frozenset({"az", "hu"})
# A numeral (or a range of two, "1992–1993") with its hyphenated ending. Linear time: the
# lookbehind starts a match only at the first digit of a number.
NUMERAL_WITH_SUFFIX = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*(?:[–-]\d+(?:[.,]\d+)*)?-[^\W\d_]+")

# Languages whose case mapping pairs i with İ and ı with I (not i with I): casing and case
# folding follow their rule, not Unicode's default.
TURKIC_LANGUAGES = frozenset({"az", "tr", "crh", "kk", "tt", "gag"})


@lru_cache(maxsize=64)
def language(locale: str) -> str:
    """The language of a catalog folder name or a BCP 47 tag: "az_AZ", "az-Latn", "sr@latin"
    -> "az", "az", "sr" (lower case)."""
    return re.split(r"[_@-]", locale)[0].lower()


def joins_numeral_suffix(locale: str) -> bool:
    return language(locale) in NUMERAL_SUFFIX_LANGUAGES


def is_turkic(locale: str) -> bool:
    return language(locale) in TURKIC_LANGUAGES


@lru_cache(maxsize=4096)
def fold(text: str, locale: str) -> str:
    """Case-folded text; Turkic languages fold I to ı and İ to i (str.casefold would make
    "İ" into "i̇" and "I" into "i")."""
    if is_turkic(locale):
        text = text.replace("I", "ı").replace("İ", "i")
    return text.casefold()


def capitalize_first(text: str, locale: str) -> str:
    """The first letter in upper case by the language's rule (a Turkic "i" becomes "İ"), the
    rest as it is: never str.capitalize(), which lowers the rest and knows no Turkic "i"."""
    if not text:
        return text
    first = text[0]
    upper = "İ" if first == "i" and is_turkic(locale) else first.upper()
    return upper + text[1:]
