"""The HTML of the PDF handouts: one per publication and locale (handout.html) and the bilingual
sheets (handout-bilingual.html), hyphenated for print. Pure: templates in, HTML strings out.

Bilingual sheets pair the source language with each target language, source on the left:
with N locales a publication gets N-1 sheets, ``bilingual/<slug>.<source>-<target>.pdf``
(``bilingual/victory-day-2024.en-az.pdf``). The two columns come from the same source, so its
blocks align one to one: each row holds one message in both languages.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from urllib.parse import urljoin, urlsplit

import jinja2
from markupsafe import Markup

from ..config import LocaleInfo, Project
from .hyphenation import hyphenate_html
from .localize import LocalizedPublication, RenderedBlock
from .site import absolute_url, page_path
from .templates import render_template
from .translations import TrackedTranslations

BILINGUAL_FOLDER = "bilingual"
# A link as markdown-it renders one (render_inline): links never nest, so its text runs to the
# first </a> and holds no other <a (which also keeps an unclosed run of them linear).
LINK = re.compile(r'<a href="([^"]*+)"((?: title="[^"]*+")?)>((?:[^<]++|<(?!/?a[\s>]))*+)</a>')
# A tag in a link's text: to the next ">", never past the next "<" (linear on a run of "<").
TAG = re.compile(r"<[^<>]*+>")


@dataclass(frozen=True)
class Column:
    """One language of a bilingual sheet."""

    locale: LocaleInfo
    pub: LocalizedPublication
    gettext: Callable[[str], str]     # the site catalog of this language
    site_title: str


def for_print(project: Project, html: str) -> str:
    """Soft hyphens in the Azerbaijani text when [pdf] hyphenate is on (PDF only: the web
    pages stay free of them, so that what a reader copies or searches there is plain)."""
    return hyphenate_html(html) if project.pdf.hyphenate else html


def printed_href(href: str, page_url: str) -> str | None:
    """Where a link of the content points from paper: an address with a scheme (https:,
    mailto:) as written; a fragment of the same handout (a footnote) as it is; a relative one
    (another page of the site) as the absolute address of the web page it means, resolved
    against ``page_url`` (the web page of the same publication and locale); None when there is
    no such address (the site has no base_url). WeasyPrint would otherwise resolve it against
    the templates folder: a file:// link into the build machine, broken for the reader and
    different on every checkout."""
    if urlsplit(href).scheme or href.startswith("#"):
        return href
    return urljoin(page_url, href) if page_url else None


def shown_address(href: str) -> str:
    """A link's address as the handout prints it: mailto: without its scheme."""
    return href[len("mailto:"):] if href.startswith("mailto:") else href


def _printed_links(text: Markup, page_url: str) -> Markup:
    """Links made fit for paper, each address printed after its text in parentheses (unless
    the text is the address), in a ``url`` span: the reader of the printed handout has no
    link to click, the address stays selectable, and nothing hyphenates it."""
    def link(match: re.Match) -> str:
        href = printed_href(html.unescape(match.group(1)), page_url)
        if href is None:            # the text stays, without a link
            return match.group(3)
        linked = f'<a href="{Markup.escape(href)}"{match.group(2)}>{match.group(3)}</a>'
        if href.startswith("#"):
            return linked
        shown = shown_address(href)
        label = html.unescape(TAG.sub("", match.group(3))).strip()
        if label.rstrip("/") in (shown.rstrip("/"), href.rstrip("/"),
                                 shown.split("://", 1)[-1].rstrip("/")):
            return f'<a href="{Markup.escape(href)}"{match.group(2)}><span class="url">{match.group(3)}</span></a>'
        return f'{linked} <span class="url">({Markup.escape(shown)})</span>'
    return Markup(LINK.sub(link, text)) if "<a " in text else text


def for_paper(project: Project, pub: LocalizedPublication) -> LocalizedPublication:
    """The publication with the links of its text made fit for a PDF (see printed_href)."""
    base_url = project.site.base_url
    page_url = absolute_url(base_url, page_path(pub.locale, pub.slug)) if base_url else ""

    def block(item: RenderedBlock) -> RenderedBlock:
        return replace(item, items=tuple(_printed_links(text, page_url) for text in item.items),
                       attribution=item.attribution and _printed_links(item.attribution, page_url),
                       children=tuple(block(child) for child in item.children))
    return replace(pub, blocks=tuple(block(item) for item in pub.blocks))


def media_root(project: Project) -> str:
    """content/ as the handouts (whose base is templates/) address it: "../content/"."""
    return os.path.relpath(project.content_dir, project.templates_dir).replace(os.sep, "/") + "/"


def handout_html(project: Project, env: jinja2.Environment, ui: TrackedTranslations,
                 **context) -> str:
    # The macros of _handout.html take their language's gettext as an argument (the bilingual
    # sheet has two). A template-level `_` passed on to them came out as the gettext of the
    # first render (seen when en was built before az), so each handout passes its own.
    context["pub"] = for_paper(project, context["pub"])
    html = render_template(env, "handout.html", ui, hyphenate=project.pdf.hyphenate,
                           gettext_of_locale=ui.gettext, media=media_root(project), **context)
    return for_print(project, html)


def bilingual_path(slug: str, first: LocaleInfo, second: LocaleInfo) -> PurePosixPath:
    return PurePosixPath(BILINGUAL_FOLDER, f"{slug}.{first.code}-{second.code}.pdf")


def bilingual_pairs(project: Project, locales: tuple[LocaleInfo, ...]
                    ) -> Iterator[tuple[LocaleInfo, LocaleInfo]]:
    """(source, target) for every target locale being built."""
    source = project.locales[0]
    for target in locales:
        if target != source:
            yield source, target


def bilingual_html(project: Project, env: jinja2.Environment, first: Column, second: Column,
                   ui: TrackedTranslations, **context) -> str:
    first, second = (replace(column, pub=for_paper(project, column.pub)) for column in (first, second))
    rows = [tuple(zip((first, second), blocks))
            for blocks in zip(first.pub.blocks, second.pub.blocks, strict=True)]
    html = render_template(env, "handout-bilingual.html", ui, columns=(first, second), rows=rows,
                           hyphenate=project.pdf.hyphenate, media=media_root(project), **context)
    return for_print(project, html)
