"""What a translation may carry into a page, and what it may not (pure).

The catalog reader refuses a msgstr with raw HTML, a script, an event handler, a
javascript:/vbscript:/data:/file: target or a control character; publisher check reports the
same. A module of its own, so reading a catalog does not load every check.
"""

from __future__ import annotations

import html
import re
import unicodedata
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


def control_characters(translation: str) -> list[str]:
    """Why a translation carries control characters, one sentence per character found."""
    return [f"control character U+{ord(char):04X}"
            + (f" ({CONTROL_NAMES[char]})" if char in CONTROL_NAMES else "")
            + " in the translation: write a space or a line break"
            for char in dict.fromkeys(CONTROL.findall(translation))]


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
