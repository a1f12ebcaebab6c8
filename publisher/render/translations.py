"""Translations for rendering: each catalog of the store compiled for Jinja2 and Babel, and a
record of every message shown untranslated, for the build to report (or refuse, --strict)."""

from __future__ import annotations

import io
from collections.abc import Callable

import polib
from babel.support import Translations

from ..config import LocaleInfo, Project
from ..errors import WARNING, Diagnostic
from ..po.catalog import CatalogStore
from ..po.mo import compile_catalog
from ..sources import Source


class TrackedTranslations(Translations):
    """Babel Translations that record every message they cannot translate."""

    def __init__(self, fp=None, domain: str = "messages", *, locale: str = "",
                 display: str = "", lines: dict[str, int] | None = None, report: bool = True):
        super().__init__(fp, domain)
        self.locale = locale
        self.display = display
        self.lines = lines or {}          # msgid -> its line in the catalog
        self.report = report
        self.untranslated: dict[str, None] = {}   # the msgids met without translation, in order

    def gettext(self, message: str) -> str:
        if message and self.report and not self.translates(message):
            self.untranslated.setdefault(message)
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

    def diagnostics(self) -> list[Diagnostic]:
        return [Diagnostic(self.display, self.lines.get(msgid), "untranslated", WARNING,
                           f"no translation, shown in the source language: {msgid[:70]!r}")
                for msgid in self.untranslated]


class Catalogs:
    """Translations by (locale, domain), each compiled once from the store's catalogs. A locale
    in ``generated`` (the pseudo-locale) has no catalogs: its translations are made by a
    function of the domain."""

    def __init__(self, project: Project, store: CatalogStore,
                 generated: dict[str, Callable[[str], TrackedTranslations]] | None = None):
        self.project = project
        self.store = store
        self.generated = dict(generated or {})
        self._loaded: dict[tuple[str, str], TrackedTranslations] = {}
        self._absent: dict[str, None] = {}      # catalogs a target locale lacks

    def get(self, locale: str, domain: str) -> TrackedTranslations:
        key = (locale, domain)
        if key not in self._loaded:
            self._loaded[key] = self._load(locale, domain)
        return self._loaded[key]

    def _load(self, locale: str, domain: str) -> TrackedTranslations:
        if locale in self.generated:
            return self.generated[locale](domain)
        path = self.store.catalog_path(locale, domain)
        display = self.store.display(path)
        catalog: polib.POFile | None = None
        if path.exists():
            catalog = self.store.read(locale, domain)
        elif locale != self.project.source_locale:
            self._absent.setdefault(display)
        mo = compile_catalog(catalog) if catalog is not None else None
        # The source language needs no catalog (English stands for itself: a message its
        # catalog lacks is a source ahead of its catalogs, which the build reports per source)
        # and a missing catalog is reported once as such, not message by message.
        return TrackedTranslations(
            io.BytesIO(mo) if mo else None, domain, locale=locale, display=display,
            lines={entry.msgid: entry.linenum for entry in catalog} if catalog else None,
            report=path.exists() and locale != self.project.source_locale)

    def diagnostics(self) -> list[Diagnostic]:
        """What the pages show untranslated: each catalog not found, each message without
        translation (once, however often the templates asked for it)."""
        absent = [Diagnostic(display, None, "untranslated", WARNING,
                             "catalog not found, shown in the source language (run publisher update)")
                  for display in self._absent]
        return absent + [diagnostic for translations in self._loaded.values()
                         for diagnostic in translations.diagnostics()]

    def letterhead(self, source: Source) -> tuple[tuple[LocaleInfo, str], ...]:
        """The issuer's name in each language of the publication's letterhead."""
        issuer = source.fields.get("issuer")
        return tuple((self.project.locale(code),
                      self.get(code, source.slug).gettext(issuer.text) if issuer else self.project.name)
                     for code in source.fact("letterhead", ()))
