"""The HTML of the PDF handouts: one per publication and locale (handout.html) and the bilingual
sheets (handout-bilingual.html), hyphenated for print. Pure: templates in, HTML strings out.

Bilingual sheets pair the source language with each target language, source on the left:
with N locales a publication gets N-1 sheets, ``bilingual/<slug>.<source>-<target>.pdf``
(``bilingual/victory-day-2024.en-az.pdf``). The two columns come from the same source, so its
blocks align one to one: each row holds one message in both languages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

import jinja2

from .config import LocaleInfo, Project
from .hyphenation import hyphenate_html
from .rendering import LocalizedPublication, TrackedTranslations, render_template

BILINGUAL_FOLDER = "bilingual"


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


def handout_html(project: Project, env: jinja2.Environment, ui: TrackedTranslations,
                 **context) -> str:
    # The macros of _handout.html take their language's gettext as an argument (the bilingual
    # sheet has two). A template-level `_` passed on to them came out as the gettext of the
    # first render (seen when en was built before az), so each handout passes its own.
    html = render_template(env, "handout.html", ui, hyphenate=project.pdf.hyphenate,
                           gettext_of_locale=ui.gettext, **context)
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
    rows = [tuple(zip((first, second), blocks))
            for blocks in zip(first.pub.blocks, second.pub.blocks, strict=True)]
    html = render_template(env, "handout-bilingual.html", ui, columns=(first, second), rows=rows,
                           hyphenate=project.pdf.hyphenate, **context)
    return for_print(project, html)
