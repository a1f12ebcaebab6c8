"""Azerbaijani hyphenation: soft hyphens (U+00AD) at the syllable breaks of Azerbaijani words.

pyphen (WeasyPrint's hyphenator) has no Azerbaijani dictionary, but Azerbaijani syllables follow
regular rules (Azərbaycan dilinin orfoqrafiya qaydaları; "Azərbaycan dilində heca"):

* a syllable has one vowel; a single consonant between vowels opens the next syllable
  (hə-rə-kət, da-ya-na-caq), and two vowels side by side part (mü-əl-lim, Na-i-lə);
* of two consonants between vowels the first closes the syllable, the second opens the next
  (dəf-tər, Təb-riz, gül-lə);
* of three, two close the syllable and the third opens the next (dü-rüst-lük, xoş-bəxt-lik),
  except in loans whose cluster ends in "y": then one closes, two open (sen-tyabr, ak-tyor);
* of four, two and two (eks-press);
* a line is never broken so that one vowel alone stays behind or is carried over (ü-rək, a-ta,
  mət-bə-ə are not broken there): no fragment is shorter than ``MIN_FRAGMENT`` letters.

Left alone: numbers and words holding digits, URLs and e-mail addresses, abbreviations in
capitals (BMT, ATƏT), and words with letters outside the Azerbaijani alphabet (other scripts,
foreign spellings with w). Only text nodes inside ``<body>`` whose language is ``az`` change;
tags, attributes, headings, ``<style>``, ``<code>`` and the like are copied as they are.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from itertools import pairwise

from ..lang import az, language

SOFT_HYPHEN = "\u00ad"
MIN_FRAGMENT = 2          # letters on each side of a break

# A run of letters (no digits, no underscore), and the stretches of text never to touch.
WORD = re.compile(r"[^\W\d_]+")
PROTECTED = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\S*\d\S*")

VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
# Elements whose text is never hyphenated: not shown, code-like, or headings (short lines
# that read badly broken).
UNTOUCHED = frozenset("head title style script code pre kbd samp var time h1 h2 h3 h4 h5 h6".split())


def syllable_breaks(word: str) -> tuple[int, ...]:
    """Offsets in ``word`` where a line may break, by the Azerbaijani rules above.

    Empty for anything that is not an ordinary Azerbaijani word."""
    if (len(word) < 2 * MIN_FRAGMENT or not set(word) <= az.ALPHABET
            or (word.isupper() and len(word) > 1)):
        return ()
    vowels = [index for index, char in enumerate(word) if char in az.VOWELS]
    breaks = []
    for left, right in pairwise(vowels):
        consonants = right - left - 1
        # The last consonant of the cluster opens the next syllable; of four, the last two.
        closing = min(consonants - 1, 2) if consonants else 0
        if consonants == 3 and word[right - 1] in "yY":
            closing = 1
        position = left + 1 + closing
        if MIN_FRAGMENT <= position <= len(word) - MIN_FRAGMENT:
            breaks.append(position)
    return tuple(breaks)


def hyphenate_word(word: str, hyphen: str = SOFT_HYPHEN) -> str:
    breaks = syllable_breaks(word)
    if not breaks:
        return word
    pieces, start = [], 0
    for position in breaks:
        pieces.append(word[start:position])
        start = position
    pieces.append(word[start:])
    return hyphen.join(pieces)


def hyphenate_text(text: str, hyphen: str = SOFT_HYPHEN) -> str:
    """Hyphenate every Azerbaijani word of plain text, leaving protected stretches alone."""
    out, last = [], 0
    for match in PROTECTED.finditer(text):
        out.append(_hyphenate_words(text[last:match.start()], hyphen))
        out.append(match.group())
        last = match.end()
    out.append(_hyphenate_words(text[last:], hyphen))
    return "".join(out)


def _hyphenate_words(text: str, hyphen: str) -> str:
    return WORD.sub(lambda match: hyphenate_word(match.group(), hyphen), text)


def is_azerbaijani(lang: str) -> bool:
    return language(lang) == "az"


class _Hyphenator(HTMLParser):
    """Copies HTML through, hyphenating the text of elements whose language is az."""

    def __init__(self):
        super().__init__(convert_charrefs=False)   # entities stay as written: text is raw
        self.out: list[str] = []
        self.stack: list[tuple[str, str, bool]] = []   # (tag, lang, untouched)
        self.in_body = False

    def _lang(self) -> str:
        return self.stack[-1][1] if self.stack else ""

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text())
        if tag == "body":
            self.in_body = True
        if tag in VOID:
            return
        lang = dict(attrs).get("lang")
        untouched = tag in UNTOUCHED or (self.stack and self.stack[-1][2])
        self.stack.append((tag, lang if lang is not None else self._lang(), bool(untouched)))

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        for depth in range(len(self.stack) - 1, -1, -1):   # close up to the matching element
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                break
        if tag == "body":
            self.in_body = False

    def handle_data(self, data):
        untouched = self.stack[-1][2] if self.stack else True
        if self.in_body and not untouched and is_azerbaijani(self._lang()):
            data = hyphenate_text(data)
        self.out.append(data)

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.out.append(f"<![{data}]>")


def hyphenate_html(html: str) -> str:
    """The document with soft hyphens in its Azerbaijani text (by ``lang``, inherited)."""
    parser = _Hyphenator()
    parser.feed(html)
    parser.close()
    return "".join(parser.out)
