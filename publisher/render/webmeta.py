"""What a web page says about itself in <head>: canonical address, language alternates, Open
Graph, JSON-LD; and the human-readable size of a download (pure)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

from babel.core import get_global
from babel.units import format_unit
from markupsafe import Markup

from ..config import LocaleInfo
from .localize import LocalizedPublication
from .site import Link

DESCRIPTION_LIMIT = 200   # characters; search engines show about 150-160


@dataclass(frozen=True)
class Head:
    """The <head> of one page. Addresses are absolute under base_url, relative without it."""

    locale: LocaleInfo
    title: str
    description: str
    canonical: str
    alternates: tuple[Link, ...]        # every published language, this page's own included
    x_default: str                      # for readers whose language is not published
    og_type: str = "website"            # "article" for a publication
    og_url: str = ""                    # Open Graph wants an absolute URL: only with base_url
    feed: str = ""                      # this language's Atom feed, when one is written
    json_ld: Markup | None = None
    published: str = ""                 # ISO date of a publication

    @property
    def og_locale(self) -> str:
        return og_locale(self.locale)

    @property
    def og_alternates(self) -> tuple[str, ...]:
        return tuple(og_locale(link.locale) for link in self.alternates if link.locale != self.locale)


def og_locale(locale: LocaleInfo) -> str:
    """Open Graph's language_TERRITORY form ("az_AZ"), from CLDR's likely subtags."""
    if "_" in locale.code and len(locale.code.split("_")[-1]) == 2:
        return locale.code
    likely = get_global("likely_subtags").get(locale.code.split("_")[0], "")
    territory = likely.split("_")[-1] if likely else ""
    return f"{locale.code}_{territory}" if len(territory) == 2 else locale.code


def plain(markup: str) -> str:
    """The text of rendered inline Markdown, without tags, with entities resolved."""
    return " ".join(Markup(markup).striptags().split())


def summary(pub: LocalizedPublication, limit: int = DESCRIPTION_LIMIT) -> str:
    """A publication's description: its subtitle, else its first paragraph, cut at a word."""
    # Front matter fields are plain messages; paragraphs are rendered inline Markdown.
    text = " ".join(pub.fields.get("subtitle", "").split()) or plain(next(
        (block.items[0] for block in pub.blocks if block.kind == "paragraph"), ""))
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(",;:.–— ") + "…"


def json_ld(data: dict) -> Markup:
    """JSON for a <script type="application/ld+json"> element. Translators' text ends up in it,
    so <, > and & are written as JSON escapes: no "</script>" or "<!--" can appear in the
    element, and the JSON still reads back to the same strings."""
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False)
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return Markup(text)


def news_article(pub: LocalizedPublication, description: str, publisher: str, url: str,
                 translations: tuple[Link, ...]) -> dict:
    """schema.org NewsArticle for one publication in one language."""
    organization = {"@type": "Organization", "name": publisher}
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": pub.fields["title"],
        "description": description,
        "inLanguage": pub.locale.tag,
        "datePublished": pub.iso_date,
        "publisher": organization,
        "author": organization,
    }
    if pub.fields.get("label"):
        data["genre"] = pub.fields["label"]
    if url:   # schema.org wants absolute URLs: only when the site has a base_url
        data["url"] = url
        data["mainEntityOfPage"] = url
        others = [link for link in translations if link.locale != pub.locale]
        if others:
            data["workTranslation"] = [{"@type": "NewsArticle", "inLanguage": link.locale.tag,
                                        "url": link.href} for link in others]
    return data


def format_size(size: int, locale: LocaleInfo) -> str:
    """A file size as a reader says it (kB below a megabyte, else MB with one decimal), in the
    locale's number format; rounded up, so a file is never larger than it says."""
    if size < 1_000_000:
        return format_unit(max(1, math.ceil(size / 1000)), "digital-kilobyte", length="short",
                           locale=locale.babel_code)
    return format_unit(math.ceil(size / 100_000) / 10, "digital-megabyte", length="short",
                       locale=locale.babel_code, format="#,##0.#")
