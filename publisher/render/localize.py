"""A publication in one language: its front matter and body through the catalog, as HTML
(pure). Text is rendered as inline Markdown with raw HTML off, so a translator can add
emphasis or a link but never markup of their own."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from babel.dates import format_date
from markupsafe import Markup

from ..config import LocaleInfo
from ..sources import FIELDS, Block, Source, markdown
from .translations import TrackedTranslations


def render_inline(text: str) -> Markup:
    """One message's inline Markdown as safe HTML (markdown-it escapes all text)."""
    return Markup(markdown().renderInline(text).strip())


@dataclass(frozen=True)
class RenderedBlock:
    kind: str
    items: tuple[Markup, ...] = ()
    level: int = 0
    ordered: bool = False
    attribution: Markup | None = None


def localize_blocks(blocks: tuple[Block, ...], translations: TrackedTranslations,
                    fallback_tag: str = "") -> tuple[RenderedBlock, ...]:
    """The body in the translations' language. A message shown in the source language because
    it has no translation is marked as such (``<span lang="en">``), so that screen readers,
    search engines and hyphenation do not take it for the page's language."""
    def render(text: str) -> Markup:
        html = render_inline(translations.gettext(text))
        if fallback_tag and text and not translations.translates(text):
            return Markup('<span lang="{}">{}</span>').format(fallback_tag, html)
        return html

    return tuple(
        RenderedBlock(kind=block.kind, level=block.level, ordered=block.ordered,
                      items=tuple(render(s.text) for s in block.segments),
                      attribution=render(block.attribution.text) if block.attribution else None)
        for block in blocks)


@dataclass(frozen=True)
class LocalizedPublication:
    """Everything a page or handout shows of one publication in one locale."""

    source: Source
    locale: LocaleInfo
    fields: dict[str, str]            # title, subtitle, label, dateline, issuer (translated)
    blocks: tuple[RenderedBlock, ...]
    date: str                          # in the locale's long format: "8 noyabr 2024"
    letterhead: tuple[tuple[LocaleInfo, str], ...] = field(default=())

    @property
    def slug(self) -> str:
        return self.source.slug

    @property
    def iso_date(self) -> str:
        return self.source.date.isoformat()

    @property
    def page_size(self) -> str:
        return str(self.source.fact("page_size"))


def localized_date(date: dt.date, locale: LocaleInfo) -> str:
    return format_date(date, format="long", locale=locale.babel_code)


def localize(source: Source, locale: LocaleInfo, translations: TrackedTranslations,
             issuer_names: tuple[tuple[LocaleInfo, str], ...] = (),
             fallback_tag: str = "") -> LocalizedPublication:
    """One publication in one locale; ``fallback_tag`` (the source language's tag, for any
    other locale) marks the messages shown untranslated."""
    fields = {name: "" for name, (translatable, _) in FIELDS.items() if translatable}
    fields.update({name: translations.gettext(seg.text) for name, seg in source.fields.items()})
    return LocalizedPublication(
        source=source, locale=locale, fields=fields,
        blocks=localize_blocks(source.blocks, translations, fallback_tag),
        date=translations.from_cldr(localized_date(source.date, locale)), letterhead=issuer_names)


