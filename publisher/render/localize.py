"""A publication in one language: its front matter and body through the catalog, as HTML
(pure). Text is rendered as inline Markdown with raw HTML off, so a translator can add
emphasis or a link but never markup of their own.

Each message is rendered with what its publication knows (:class:`Rendering`): links to
another publication's source become links to its page in the same language, footnote
references are numbered and linked to their note, and in a language that hyphenates a
numeral's ending ("2020-ci") the two are kept on one line (``<span class="nowrap">``: the
text stays as typed, so that it is copied and found as typed; a non-breaking hyphen or a
word joiner would be copied with it).
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from babel.dates import format_date
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markupsafe import Markup

from ..config import LocaleInfo
from ..lang import NUMERAL_WITH_SUFFIX, joins_numeral_suffix
from ..sources import FIELDS, Block, Image, Source, markdown
from .translations import TrackedTranslations


@dataclass
class Rendering:
    """What the messages of one publication in one language are rendered with (markdown-it's
    ``env``): its links to other publications, its notes' numbers, the ids already given."""

    pages: dict[str, str] = field(default_factory=dict)     # href as written -> page
    notes: dict[str, int] = field(default_factory=dict)     # footnote label -> number
    prefix: str = ""                                          # of the notes' ids: "az-"
    nowrap: bool = False                                      # numeral + ending on one line
    referenced: set[int] = field(default_factory=set)        # notes whose first call has its id

    def note_id(self, number: int) -> str:
        return f"{self.prefix}fn-{number}"

    def call_id(self, number: int) -> str:
        return f"{self.prefix}fnref-{number}"


ENV_KEY = "publisher"      # markdown-it's env (a dict) carries the Rendering under this key


def _text(renderer, tokens, index, options, env) -> str:
    text = escapeHtml(tokens[index].content)
    rendering = env.get(ENV_KEY)
    if rendering and rendering.nowrap and "-" in text:
        text = NUMERAL_WITH_SUFFIX.sub(r'<span class="nowrap">\g<0></span>', text)
    return text


def _link_open(renderer, tokens, index, options, env) -> str:
    token, rendering = tokens[index], env.get(ENV_KEY)
    if rendering and (page := rendering.pages.get(str(token.attrs.get("href")))):
        token = copy.copy(token)
        token.attrs = {**token.attrs, "href": page}
    return renderer.renderToken([token], 0, options, env)


def _footnote_ref(renderer, tokens, index, options, env) -> str:
    label, rendering = tokens[index].meta.get("label", ""), env.get(ENV_KEY)
    number = rendering.notes.get(label) if rendering else None
    if number is None:               # not one of the publication's notes: shown as written
        return escapeHtml(f"[^{label}]")
    first = number not in rendering.referenced
    rendering.referenced.add(number)
    anchor = f' id="{rendering.call_id(number)}"' if first else ""
    return (f'<sup class="footnote-ref"><a href="#{rendering.note_id(number)}"{anchor} '
            f'role="doc-noteref">{number}</a></sup>')


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """sources.markdown() with the render rules above (its own renderer: the shared parser's
    rules stay markdown-it's)."""
    parser = copy.copy(markdown())
    parser.renderer = type(parser.renderer)(parser)
    for name, rule in (("text", _text), ("link_open", _link_open), ("footnote_ref", _footnote_ref)):
        parser.add_render_rule(name, rule)
    return parser


def render_inline(text: str, rendering: Rendering | None = None) -> Markup:
    """One message's inline Markdown as safe HTML (markdown-it escapes all text)."""
    env = {ENV_KEY: rendering} if rendering is not None else {}
    return Markup(_parser().renderInline(text, env).strip())


@dataclass(frozen=True)
class RenderedBlock:
    kind: str
    items: tuple[Markup, ...] = ()
    level: int = 0
    ordered: bool = False
    attribution: Markup | None = None
    children: tuple[RenderedBlock, ...] = ()
    image: Image | None = None          # figure: items are (alt text, caption?)
    align: tuple[str, ...] = ()         # table columns
    anchor: str = ""                    # footnote: its id; back: the id of its first call
    back: str = ""


def localize_blocks(blocks: tuple[Block, ...], translations: TrackedTranslations,
                    fallback_tag: str = "", rendering: Rendering | None = None
                    ) -> tuple[RenderedBlock, ...]:
    """The body in the translations' language. A message shown in the source language because
    it has no translation is marked as such (``<span lang="en">``), so that screen readers,
    search engines and hyphenation do not take it for the page's language."""
    rendering = rendering or Rendering()

    def render(text: str) -> Markup:
        if not text:
            return Markup()
        html = render_inline(translations.gettext(text), rendering)
        if fallback_tag and not translations.translates(text):
            return Markup('<span lang="{}">{}</span>').format(fallback_tag, html)
        return html

    def plain(text: str) -> Markup:        # alt text: an attribute, no markup
        return Markup.escape(render(text).striptags())

    def one(block: Block) -> RenderedBlock:
        if block.kind == "figure":
            items = (plain(block.segments[0].text), *(render(s.text) for s in block.segments[1:]))
        else:
            items = tuple(render(s.text) for s in block.segments)
        anchor = back = ""
        if block.kind == "footnote":
            anchor, back = rendering.note_id(block.level), rendering.call_id(block.level)
        return RenderedBlock(
            kind=block.kind, level=block.level, ordered=block.ordered, items=items,
            attribution=render(block.attribution.text) if block.attribution else None,
            children=tuple(one(child) for child in block.children), image=block.image,
            align=block.align, anchor=anchor, back=back)

    return tuple(one(block) for block in blocks)


def rendering_of(source: Source, locale: LocaleInfo) -> Rendering:
    notes = {note.name: note.level for block in source.blocks if block.kind == "footnotes"
             for note in block.children}
    return Rendering(pages=source.pages, notes=notes, prefix=f"{locale.code}-",
                     nowrap=joins_numeral_suffix(locale.code))


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
        blocks=localize_blocks(source.blocks, translations, fallback_tag,
                               rendering_of(source, locale)),
        date=translations.from_cldr(localized_date(source.date, locale)), letterhead=issuer_names)


