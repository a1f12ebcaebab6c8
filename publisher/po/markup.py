"""What a translation may carry into a page, and what it may not (pure).

The catalog reader refuses a msgstr with raw HTML, a script, an event handler, a
javascript:/vbscript:/data:/file: target, a link or address the source does not have, or a
control, bidi or invisible character the source does not have; publisher check reports the
same, through the same functions. A module of its own, so reading a catalog does not load
every check.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from urllib.parse import unquote

from markdown_it import MarkdownIt

# Sees everything a translator could try: raw HTML on, images on, every link scheme kept.
_INSPECTOR = MarkdownIt("commonmark", {"html": True})
_INSPECTOR.validateLink = lambda url: True
_INSPECTOR.normalizeLink = _INSPECTOR.normalizeLinkText = lambda url: url   # _scheme_of decodes


@lru_cache(maxsize=8192)
def _inspect(text: str) -> tuple:
    """The inline tokens of a text as the inspector sees them (cached: the catalog reader and
    publisher check both ask for every msgstr with markup)."""
    return tuple(_INSPECTOR.parseInline(text)[0].children or ())
# Raw HTML and autolinks need a "<", inline links and images a "](": nothing else can carry markup.
UNSAFE_HINT = re.compile(r"<|\]\(")
BAD_SCHEME = re.compile(r"^(javascript|vbscript|data|file):")
DANGEROUS_TAGS = re.compile(r"<\s*+(?:/\s*+)?(script|style|iframe|object|embed|svg|math|form|base|meta|"
                            r"link)\b", re.I)
EVENT_HANDLER = re.compile(r"\son\w+\s*=", re.I)
HTML_URL_ATTR = re.compile(r"\b(?:href|src|action|formaction|xlink:href)\s*=\s*[\"']?([^\"'\s>]+)", re.I)


def _scheme_of(url: str) -> str | None:
    """The dangerous scheme a link target uses once decoded as a browser would, or None."""
    decoded = unquote(html.unescape(url))
    decoded = "".join(ch for ch in decoded if ch > " " and unicodedata.category(ch) != "Cc").lower()
    match = BAD_SCHEME.match(decoded)
    return match.group(1) if match else None


# C0 control characters but tab, line feed and carriage return: no XML document (the Atom
# feed, the sitemap) may contain them, and no reader sees them. Word's Shift+Enter pastes as
# a vertical tab.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
CONTROL_NAMES = {"\x0b": "vertical tab: Word's Shift+Enter line break", "\x07": "bell",
                 "\x0c": "form feed", "\x08": "backspace", "\x00": "null", "\x1b": "escape"}


# Every character a translation may not bring in unless its source has it as often: C0 and
# C1 controls but tab and line breaks; the format characters (Unicode category Cf, which
# Python 3.11's Unicode 14 has in these ranges), invisible, and some of them reordering the
# text around them (U+202E shows "Tel.: 0100" as "0010 :.leT"); noncharacters (U+FFFE, U+FFFF
# and the like on every plane, U+FDD0-U+FDEF), which no XML document may hold; surrogates;
# private-use characters, which no font shows as the reader expects. A test holds the Cf
# ranges to the running Python's Unicode data. Not here, so allowed: the soft hyphen
# (U+00AD, a line-break hint) and the visible Arabic-script number signs (U+0600-U+0605...).
SUSPECT = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    r"\u2066-\u206f\ufeff\ufff9-\ufffb\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    r"\U000e0001\U000e0020-\U000e007f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff\ue000-\uf8ff"
    r"\U000f0000-\U0010ffff"
    + "".join(rf"\U{plane:04x}fffe\U{plane:04x}ffff" for plane in range(1, 15)) + "]")
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
# Joiners a script needs between its letters (ZWNJ in Persian "می‌خواهم", ZWJ after a virama in
# Devanagari, the Mongolian vowel separator, the zero-width space that marks word breaks in
# Thai, Lao, Khmer, Myanmar and Tibetan), and ZWJ in emoji sequences: allowed in a translation
# between two characters of such a script. (Code point ranges: the catalog reader does not
# know the catalog's language, and the text says which script it is.)
ARABIC = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFE))
INDIC = ((0x0700, 0x074F), (0x0900, 0x0DFF))            # Syriac; Devanagari to Sinhala
SOUTHEAST = ((0x0E00, 0x0FFF), (0x1000, 0x109F), (0x1780, 0x17FF))   # Thai, Lao, Tibetan, Myanmar, Khmer
MONGOLIAN = ((0x1800, 0x18AF),)
EMOJI = ((0x2600, 0x27BF), (0xFE00, 0xFE0F), (0x1F000, 0x1FAFF))
JOINING = {"\u200c": ARABIC + INDIC + SOUTHEAST + MONGOLIAN, "\u200d": ARABIC + INDIC + SOUTHEAST + EMOJI,
           "\u200b": SOUTHEAST, "\u180e": MONGOLIAN}


def _within(char: str, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(low <= ord(char) <= high for low, high in ranges)


def _joins(text: str, index: int) -> bool:
    """Whether the joiner at ``index`` stands between two characters of a script it serves."""
    ranges = JOINING.get(text[index])
    return bool(ranges) and 0 < index < len(text) - 1 and _within(text[index - 1], ranges) \
        and _within(text[index + 1], ranges)


def _kind(char: str) -> str:
    code = ord(char)
    if unicodedata.category(char) == "Cc":
        return "control"
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return "noncharacter"
    if 0xD800 <= code <= 0xDFFF:
        return "surrogate"
    if 0xE000 <= code <= 0xF8FF or code >= 0xF0000:
        return "private-use"
    return "bidi" if char in BIDI_CONTROLS else "invisible"


def _named(char: str) -> str:
    return f"U+{ord(char):04X}" + (f" {unicodedata.name(char)}" if unicodedata.name(char, "") else "")


def _sentence(char: str) -> str:
    kind = _kind(char)
    if kind == "control":
        return (f"control character U+{ord(char):04X}"
                + (f" ({CONTROL_NAMES[char]})" if char in CONTROL_NAMES else "")
                + " in the translation: write a space or a line break")
    if kind == "bidi":
        return (f"{_named(char)} in the translation, not in the source: it reorders the text "
                "around it (the page sets the direction of each language itself); delete it")
    if kind == "invisible":
        return (f"{_named(char)} in the translation, not in the source: an invisible character "
                "(it hides words from search and from the checks); delete it")
    what = {"noncharacter": "a noncharacter, which no document may hold",
            "surrogate": "half of a UTF-16 pair", "private-use": "a private-use character, "
            "which no font shows as the reader expects"}[kind]
    return f"U+{ord(char):04X} in the translation, not in the source: {what}; delete it"


def forbidden_characters(source: str, translation: str) -> list[str]:
    """Why a translation carries characters it may not (controls, bidi controls, invisible
    characters, noncharacters...) that its source does not have as often: one sentence per
    character, in order. Joiners are allowed where the script around them needs them."""
    found = [match.start() for match in SUSPECT.finditer(translation)]
    if not found:
        return []
    counts = Counter(translation[index] for index in found if not _joins(translation, index))
    allowed = Counter(SUSPECT.findall(source)) if source else Counter()
    return [_sentence(char) for char, count in counts.items() if count > allowed[char]]


def unsafe_markup(source: str, translation: str) -> list[str]:
    """Why a translation carries markup that must not reach a page: raw HTML the source does
    not have, script, event handlers, javascript:/vbscript:/data:/file: link or image targets.
    (Rendering escapes all of it; a catalog holding it is still refused, as bad input.)"""
    if not translation or not UNSAFE_HINT.search(translation):
        return []
    found: list[str] = []
    for token in _inspect(translation):
        if token.type in ("link_open", "image"):
            url = str(token.attrs.get("href" if token.type == "link_open" else "src", ""))
            if scheme := _scheme_of(url):
                kind = "an image from" if token.type == "image" else "a link to"
                found.append(f"{kind} a {scheme}: address ({url[:60]})")
        elif token.type == "html_inline":
            tag = token.content
            name = (re.match(r"<\s*/?\s*([\w-]*)", tag).group(1) or "!--").lower()
            if DANGEROUS_TAGS.match(tag):
                found.append(f"raw HTML: a <{name}> element")
            elif handler := EVENT_HANDLER.search(tag):
                found.append(f"raw HTML: an event handler ({handler.group().strip()}) in <{name}>")
            elif tag not in source:
                found.append(f"raw HTML <{name}> (write Markdown: *emphasis*, [link](https://…))")
            for url in HTML_URL_ATTR.findall(tag):
                if scheme := _scheme_of(url):
                    found.append(f"raw HTML: a {scheme}: address in <{name}>")
    return list(dict.fromkeys(found))


# Addresses written out as text, which a reader may copy (Markdown makes no link of them):
# URLs, www. names, tel:/mailto:/sms: addresses, e-mail addresses. Each alternative starts
# only where its run starts and reads it once: linear in the text's length.
TEXT_ADDRESS = re.compile(r"(?i:https?://|www\.|(?:tel|mailto|sms|callto):)[^\s<>\"'’«»()\[\]]++"
                          r"|(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)++")
# What may hold a target or an address (a cheap test that skips most messages).
TARGET_HINT = re.compile(r"\]\(|<|@|:|www\.", re.I)


@lru_cache(maxsize=8192)
def link_targets(text: str) -> Counter:
    """Where a text sends its reader: its links' and images' targets (autolinks included) and
    the addresses it writes out as text, each as often as it appears."""
    found: Counter = Counter()
    if not TARGET_HINT.search(text):
        return found
    depth = 0
    for token in _inspect(text):
        if token.type == "link_open":
            found[str(token.attrs.get("href", ""))] += 1
            depth += 1
        elif token.type == "link_close":
            depth -= 1
        elif token.type == "image":
            found[str(token.attrs.get("src", ""))] += 1
        elif token.type == "text" and depth == 0:
            found.update(address.rstrip(".,;:!?") for address in TEXT_ADDRESS.findall(token.content))
    return found


def added_targets(source: str, translation: str) -> list[str]:
    """Why a translation sends its reader somewhere its source does not: the link targets and
    addresses it has more often than the source (a translation may drop one, never add one),
    in one sentence with the source's own when it has one the translation lacks."""
    if not TARGET_HINT.search(translation):
        return []
    ours, theirs = link_targets(translation), link_targets(source)
    if not (added := sorted((ours - theirs).elements())):
        return []
    missing = sorted((theirs - ours).elements())
    instead = f" (the source has {', '.join(missing)})" if missing else ""
    return [f"link target not in the source: {', '.join(added)}{instead}"]
