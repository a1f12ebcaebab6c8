"""Rendering: sources + catalogs + Jinja2 templates -> localized HTML (pure, in memory).

Templates get Babel ``Translations`` through Jinja2's i18n extension; publication text is looked
up message by message and rendered as inline Markdown with raw HTML off, so a translator can
add emphasis or a link but never markup of their own. A message with no translation falls back
to English and is recorded, for the build to report (or refuse, with --strict).
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import polib
from babel.dates import format_date
from babel.support import Translations
from markupsafe import Markup

from .catalogs import catalog_path, compile_catalog, read_catalog
from .config import LocaleInfo, Project
from .errors import PublisherError, TemplateError
from .sources import FIELDS, Block, Source, markdown


@dataclass(frozen=True)
class Missing:
    """A message shown in the source language because its catalog has no translation."""

    locale: str
    catalog: str     # the .po path a translator should open
    msgid: str


class TrackedTranslations(Translations):
    """Babel Translations that record every message they cannot translate."""

    def __init__(self, fp=None, domain: str = "messages", *, locale: str = "",
                 display: str = "", missing: list[Missing] | None = None):
        super().__init__(fp, domain)
        self.locale = locale
        self.display = display
        self.missing = missing if missing is not None else []
        self.report = True

    def gettext(self, message: str) -> str:
        if message and self.report and not self.translates(message):
            self.missing.append(Missing(self.locale, self.display, message))
        return super().gettext(message)

    # Jinja2's i18n extension prefers ugettext when a Translations class has it (Babel's does).
    ugettext = gettext

    def translates(self, message: str) -> bool:
        """Whether the catalog has a translation of ``message`` (else gettext returns it as is)."""
        return message in self._catalog

    def from_cldr(self, text: str) -> str:
        """Text the locale gets from CLDR rather than a catalog (a date): shown as it is here;
        the pseudo-locale marks it as it marks its messages."""
        return text


class Catalogs:
    """Translations by (locale, domain), each catalog read and checked once. Problems are
    collected, so that one build reports every broken catalog at once. A locale in
    ``generated`` (the pseudo-locale) has no catalogs: its translations are made by a function
    of the domain."""

    def __init__(self, project: Project,
                 generated: dict[str, Callable[[str], TrackedTranslations]] | None = None):
        self.project = project
        self.generated = dict(generated or {})
        self.missing: list[Missing] = []
        self.absent: list[str] = []          # catalogs a target locale lacks
        self.errors: list[PublisherError] = []
        self._loaded: dict[tuple[str, str], TrackedTranslations] = {}
        self._read: dict[tuple[str, str], polib.POFile | None] = {}

    @property
    def unique_missing(self) -> list[Missing]:
        """Each untranslated message once, however often the templates asked for it."""
        return list(dict.fromkeys(self.missing))

    def get(self, locale: str, domain: str) -> TrackedTranslations:
        key = (locale, domain)
        if key not in self._loaded:
            self._loaded[key] = self._load(locale, domain)
        return self._loaded[key]

    def catalog(self, locale: str, domain: str) -> polib.POFile | None:
        """The catalog as read from disk; None when there is none or it is broken (the error
        is collected)."""
        key = (locale, domain)
        if key not in self._read:
            path = catalog_path(self.project.locales_dir, locale, domain)
            self._read[key] = None
            if path.exists():
                try:
                    self._read[key] = read_catalog(path, self.project.relative(path))
                except PublisherError as exc:
                    self.errors.extend(exc.errors)
        return self._read[key]

    def _load(self, locale: str, domain: str) -> TrackedTranslations:
        if locale in self.generated:
            return self.generated[locale](domain)
        path = catalog_path(self.project.locales_dir, locale, domain)
        display = self.project.relative(path)
        mo = None
        if path.exists():
            catalog = self.catalog(locale, domain)
            mo = compile_catalog(catalog) if catalog is not None else None
        elif locale != self.project.source_locale:
            self.absent.append(display)
        translations = TrackedTranslations(io.BytesIO(mo) if mo else None, domain, locale=locale,
                                           display=display, missing=self.missing)
        # The source language needs no catalog (English stands for itself: a message its
        # catalog lacks is a source ahead of its catalogs, which the build reports per source)
        # and a missing catalog is reported once as such, not message by message.
        translations.report = path.exists() and locale != self.project.source_locale
        return translations

    def letterhead(self, source: Source) -> tuple[tuple[LocaleInfo, str], ...]:
        """The issuer's name in each language of the publication's letterhead."""
        issuer = source.fields.get("issuer")
        return tuple((self.project.locale(code),
                      self.get(code, source.slug).gettext(issuer.text) if issuer else self.project.name)
                     for code in source.fact("letterhead", ()))


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


def css_string(value: str) -> Markup:
    """A quoted CSS string that no translator's text can break out of (for <style> blocks)."""
    out = []
    for char in str(value):
        safe = char.isalnum() or char in " .,:;!?-–—()/'’“”«»" or (
            ord(char) > 127 and unicodedata.category(char)[0] in "LNPZ")
        out.append(char if safe else f"\\{ord(char):x} ")
    return Markup('"' + "".join(out) + '"')


def page_counter(template: str) -> Markup:
    """CSS ``content`` for a localized "Page %(page)s of %(pages)s"."""
    parts: list[str] = []
    rest = str(template)
    while rest:
        positions = [(rest.find(token), token, counter) for token, counter in
                     (("%(page)s", "counter(page)"), ("%(pages)s", "counter(pages)")) if token in rest]
        if not positions:
            parts.append(css_string(rest))
            break
        index, token, counter = min(positions)
        if index:
            parts.append(css_string(rest[:index]))
        parts.append(counter)
        rest = rest[index + len(token):]
    return Markup(" ".join(parts))


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


def make_environment(templates_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["css_string"] = css_string
    env.filters["page_counter"] = page_counter
    return env


def render_template(env: jinja2.Environment, name: str, translations: Translations,
                    **context) -> str:
    env.install_gettext_translations(translations, newstyle=False)
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template {exc.name!r} not found", f"templates/{exc.name}") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"template syntax error: {exc.message}",
                            f"templates/{exc.name or name}", exc.lineno) from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"template error: {exc.message}", f"templates/{name}") from None
    except (KeyError, ValueError, TypeError) as exc:   # a %-format the catalog checks missed
        raise TemplateError(f"cannot fill in a translated string: {exc!r}", f"templates/{name}") from None
