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

Compound words break between their parts. The syllable rule alone moves the last consonant
of the first part to the second when that one starts with a vowel (dövlətlə-rarası, ye-raltı,
Əzi-zağa), where the orthography breaks at the seam (dövlətlər-arası, yer-altı, Əziz-ağa). A
word does not say where its parts meet, so :data:`COMPOUNDS` lists the second parts that start
with a vowel and are common in diplomatic and news text, each with the first parts it is
known to follow (or any first part, where the second part cannot end another word); each part
is then broken by the syllable rules on its own.

Left alone: numbers and words holding digits, URLs and e-mail addresses, abbreviations in
capitals (BMT, ATƏT), and words with letters outside the Azerbaijani alphabet (other scripts,
foreign spellings with w). Only text nodes inside ``<body>`` whose language is ``az`` change;
tags, attributes, headings, table headers, ``<style>``, ``<code>`` and the like are copied as
they are, and so are elements of the classes in :data:`UNTOUCHED_CLASSES` (text the
stylesheet sets in letter-spaced capitals, where a soft hyphen shows as a gap, "AZƏR BAY CAN
CA"; printed addresses).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from itertools import pairwise

from ..lang import az, fold, language

SOFT_HYPHEN = "\u00ad"
MIN_FRAGMENT = 2          # letters on each side of a break

# A run of letters (no digits, no underscore), and the stretches of text never to touch: an
# address, an e-mail address, a word holding a digit. Each alternative starts only where its
# run starts (the look-behinds) and reads it once (possessive): linear in the text's length.
WORD = re.compile(r"[^\W\d_]+")
PROTECTED = re.compile(r"(?:https?://|www\.)\S*+|(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)++"
                       r"|(?<!\S)(?=[^\s\d]*+\d)\S++")
# No Azerbaijani word is longer; a longer run of letters is left whole (and WeasyPrint is not
# handed thousands of break opportunities to weigh).
MAX_WORD = 60

VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
# Elements whose text is never hyphenated: not shown, code-like, or headings and table headers
# (short lines that read badly broken).
UNTOUCHED = frozenset("head title style script code pre kbd samp var time h1 h2 h3 h4 h5 h6 th"
                      .split())
# Classes whose text is never hyphenated: "caps", text in letter-spaced capitals (label,
# release line, column headings); "url", an address printed in a handout.
UNTOUCHED_CLASSES = frozenset({"caps", "url"})


@dataclass(frozen=True)
class Compound:
    """A second part that starts with a vowel, and the first parts it follows (empty: any
    first part of four letters or more ending in a consonant)."""

    second: tuple[str, ...]
    first: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()      # broken at the seam, for the tests and the reader


# Second parts after a first part ending in a consonant; everything is compared case-folded
# the Azerbaijani way, and the second part may carry endings (Əzizağanın, dövlətlərarası).
COMPOUNDS = (
    # "between": dövlətlərarası (interstate), millətlərarası, hökumətlərarası, şəhərlərarası,
    # regionlararası. Hardly another word ends in consonant + "arası" after four letters
    # (Buxarası, "Bukhara's", has three).
    Compound(("arası",), (), ("dövlətlər-arası", "millətlər-arası", "şəhər-arası")),
    # "under", "over": yeraltı, yerüstü, dənizaltı, torpaqaltı. Only after these first parts:
    # asfaltı, kobaltı (the accusative of asfalt, kobalt) end in "altı" too.
    Compound(("altı", "üstü"), ("yer", "dəniz", "torpaq"), ("yer-altı", "yer-üstü", "dəniz-altı")),
    # Men's names with "ağa" (Əzizağa, Xanağa, Bəyağa, Mirağa): after a name only, since
    # yarpağa, bayrağa (the dative of yarpaq, bayraq) end in "ağa" too.
    Compound(("ağa",), ("əziz", "xan", "bəy", "mir"), ("Əziz-ağa", "Xan-ağa")),
    # Surnames with "oğlu" written as one word (Əhmədoğlu, Hüseynoğlu).
    Compound(("oğlu",), (), ("Əhməd-oğlu", "Hüseyn-oğlu")),
    # Spans of years and centuries: onillik (decade), çoxillik, beşillik, çoxəsrlik.
    Compound(("illik", "əsrlik"), ("bir", "üç", "dörd", "beş", "səkkiz", "doqquz", "on", "otuz",
                                   "qırx", "yüz", "min", "çox"),
             ("on-illik", "çox-əsrlik", "beş-illik")),
)


def syllable_breaks(word: str) -> tuple[int, ...]:
    """Offsets in ``word`` where a line may break, by the Azerbaijani rules above.

    Empty for anything that is not an ordinary Azerbaijani word."""
    if (not 2 * MIN_FRAGMENT <= len(word) <= MAX_WORD or not set(word) <= az.ALPHABET
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


def compound_seam(word: str) -> int:
    """Where the first part of a compound of :data:`COMPOUNDS` ends, or 0."""
    folded = fold(word, "az")
    if len(folded) != len(word):
        return 0
    for compound in COMPOUNDS:
        for second in compound.second:
            position = folded.find(second, 2)
            while position > 0:
                head = folded[:position]
                if head[-1] not in az.VOWELS and (
                        head in compound.first if compound.first else len(head) >= 4):
                    return position
                position = folded.find(second, position + 1)
    return 0


def word_breaks(word: str) -> tuple[int, ...]:
    """The breaks of a word: at the seam of a compound and, in each part, its syllables'."""
    seam = compound_seam(word) if set(word) <= az.ALPHABET and not word.isupper() else 0
    if not seam:
        return syllable_breaks(word)
    first, second = word[:seam], word[seam:]
    return (*syllable_breaks(first), seam, *(seam + b for b in syllable_breaks(second)))


def hyphenate_word(word: str, hyphen: str = SOFT_HYPHEN) -> str:
    breaks = word_breaks(word)
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
        attributes = dict(attrs)
        lang = attributes.get("lang")
        classes = set((attributes.get("class") or "").split())
        untouched = (tag in UNTOUCHED or not classes.isdisjoint(UNTOUCHED_CLASSES)
                     or (self.stack and self.stack[-1][2]))
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
