"""Translation progress: messages and words translated, fuzzy and untranslated (pure but for
reading catalogs). ``publisher stats`` prints it; the build uses the same figures to hold back
a locale below its threshold.

Counts agree with translate-toolkit's ``pocount`` (and with ``msgfmt --statistics`` for the
messages): the header and obsolete entries are not messages; a message is translated when its
msgstr (any form of a plural) is not empty and it is not fuzzy; fuzzy when it is marked
fuzzy and has a msgstr; untranslated otherwise. Words are counted as pocount counts them:
``<br>`` becomes a line break, other XML-like tags are dropped, a full stop between two
non-digits becomes a space, and what remains is split into words by Unicode's word boundaries
(UAX #29, with the same Rust library pocount uses); msgid and msgid_plural both count.
translate-toolkit itself is only a test dependency: it is GPL-licensed and heavier to load.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass

import polib
from unicode_segmentation_rs import unicode_words

from .config import LocaleInfo, Project
from .errors import WARNING, Diagnostic, raise_collected
from .po.catalog import CatalogStore
from .po.entries import is_translated, translation_forms

# The three clean-ups pocount's wordcount() makes before splitting (translate/tools/pocount.py).
# XML_TAG is pocount's with each attribute value read as a quoted run without its own quote
# (pocount's lazy ".*?" may swallow the attributes after it: on an unclosed tag with empty
# attributes, 2^n ways to try, a day for 40 of them); possessive, so each character is read once.
LINE_BREAK_TAG = re.compile(r"<br\s*?/?>")
XML_TAG = re.compile(r"""<[\w.:]++(?:\s[\w.:]++=(?:"[^"\n]*+"|'[^'\n]*+')?)*+/?>|</[\w.]++>""")
DOT_BETWEEN_NON_DIGITS = re.compile(r"\D\.\D")


def count_words(text: str) -> int:
    text = LINE_BREAK_TAG.sub("\n", text)
    text = XML_TAG.sub("", text)
    text = DOT_BETWEEN_NON_DIGITS.sub(" ", text)
    return len(unicode_words(text))


@dataclass(frozen=True)
class Tally:
    messages: int = 0
    words: int = 0          # words of the source text (msgid), as pocount's "source words"

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.messages + other.messages, self.words + other.words)


@dataclass(frozen=True)
class Progress:
    translated: Tally = Tally()
    fuzzy: Tally = Tally()
    untranslated: Tally = Tally()
    translated_target_words: int = 0    # words of the translations (pocount's last column)
    # Of the translated messages, the plurals with an empty form: pocount counts them, the
    # build shows them in the source language (catalogs.is_translated), so the threshold not.
    incomplete: int = 0

    def __add__(self, other: Progress) -> Progress:
        return Progress(self.translated + other.translated, self.fuzzy + other.fuzzy,
                        self.untranslated + other.untranslated,
                        self.translated_target_words + other.translated_target_words,
                        self.incomplete + other.incomplete)

    @property
    def total(self) -> Tally:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> int:
        """Messages translated, in whole percent rounded down (as pocount), so that 100 means
        every message; nothing to translate counts as done."""
        total = self.total.messages
        return self.translated.messages * 100 // total if total else 100

    @property
    def word_percent(self) -> int:
        total = self.total.words
        return self.translated.words * 100 // total if total else 100

    def reaches(self, threshold: int) -> bool:
        """At least ``threshold`` percent of the messages translated (exactly, not rounded),
        counting only what the build shows translated: not a plural with an empty form."""
        return (self.translated.messages - self.incomplete) * 100 >= threshold * self.total.messages


def catalog_progress(catalog: Iterable[polib.POEntry]) -> Progress:
    """The progress of one catalog (pure)."""
    translated = fuzzy = untranslated = Tally()
    target_words = incomplete = 0
    for entry in catalog:
        if entry.obsolete or not entry.msgid:      # obsolete entries and the header
            continue
        source = Tally(1, count_words(entry.msgid) + (count_words(entry.msgid_plural)
                                                     if entry.msgid_plural else 0))
        forms = translation_forms(entry)
        # The counts are pocount's: a message with any form written is translated (its
        # istranslated() asks whether the target is empty, and a plural's target is all its
        # forms). The one definition of "translated" is catalogs.is_translated (every form):
        # a partly translated plural is also counted as incomplete, which the threshold
        # takes off, so that a locale is never published on the strength of source text.
        if any(forms) and "fuzzy" not in entry.flags:
            translated += source
            target_words += sum(count_words(form) for form in forms)
            incomplete += not is_translated(entry)
        elif any(forms):
            fuzzy += source
        else:
            untranslated += source
    return Progress(translated, fuzzy, untranslated, target_words, incomplete)


@dataclass(frozen=True)
class CatalogProgress:
    locale: str
    domain: str
    path: str                 # the .po a translator opens, relative to the project
    found: bool               # False: no catalog yet, every message of the template counted untranslated
    progress: Progress


@dataclass(frozen=True)
class LocaleProgress:
    locale: LocaleInfo
    catalogs: tuple[CatalogProgress, ...]

    @property
    def total(self) -> Progress:
        return sum((item.progress for item in self.catalogs), Progress())

    @property
    def published(self) -> bool:
        return self.total.reaches(self.locale.threshold)

    def shortfall(self) -> list[Diagnostic]:
        """What keeps the locale below 100 %: each incomplete catalog and what it lacks."""
        found = []
        for item in self.catalogs:
            p = item.progress
            if not item.found:
                message = (f"catalog not found ({p.total.messages} message(s); "
                           "run publisher update)")
            elif p.fuzzy.messages or p.untranslated.messages or p.incomplete:
                partly = f", {p.incomplete} plural(s) missing a form" if p.incomplete else ""
                message = (f"{p.untranslated.messages} untranslated, {p.fuzzy.messages} "
                           f"fuzzy{partly} of {p.total.messages} message(s)")
            else:
                continue
            found.append(Diagnostic(item.path, None, "threshold", WARNING, message))
        return found


def not_listed(catalog: Iterable[polib.POEntry], expected: Iterable[str]) -> Progress:
    """The messages of the sources that a catalog does not hold yet (publisher update has not
    run since the English changed): untranslated, as they will be after the update."""
    listed = {entry.msgid for entry in catalog if not entry.obsolete}
    untranslated = Tally()
    for msgid in expected:
        if msgid not in listed:
            untranslated += Tally(1, count_words(msgid))
    return Progress(untranslated=untranslated)


def collect(locales: Iterable[LocaleInfo], domains: Iterable[str], store: CatalogStore,
            expected: dict[str, tuple[str, ...]] | None = None) -> tuple[LocaleProgress, ...]:
    """The progress of every locale in every domain. A missing catalog counts every message of
    its template (``locales/<domain>.pot``) as untranslated. With ``expected`` (the messages
    of the sources now, by domain: sources.messages), a message a catalog lacks counts as
    untranslated too, so that an edit of the English lowers the figures before anyone runs
    publisher update. A broken catalog counts as missing; its problems stay in the store for
    the caller to report."""
    expected = expected or {}

    def progress(catalog: Iterable[polib.POEntry], domain: str) -> Progress:
        return catalog_progress(catalog) + not_listed(catalog, expected.get(domain, ()))

    templates: dict[str, Progress] = {}
    domains = tuple(domains)
    result = []
    for locale in locales:
        items = []
        for domain in domains:
            path = store.display(store.catalog_path(locale.code, domain))
            catalog = store.read(locale.code, domain)
            if catalog is not None:
                items.append(CatalogProgress(locale.code, domain, path, True, progress(catalog, domain)))
                continue
            if domain not in templates:
                template = store.template(domain)
                templates[domain] = progress(template if template is not None else (), domain)
            items.append(CatalogProgress(locale.code, domain, path, False, templates[domain]))
        result.append(LocaleProgress(locale, tuple(items)))
    return tuple(result)


def report(project: Project, locales: Iterable[LocaleInfo], domains: Iterable[str],
           expected: dict[str, tuple[str, ...]] | None = None) -> tuple[LocaleProgress, ...]:
    """publisher stats: collect() over a store of its own; any broken catalog is an error."""
    store = CatalogStore(project.locales_dir, project.relative)
    progress = collect(locales, domains, store, expected)
    raise_collected(store.errors)
    return progress


def as_json(report: tuple[LocaleProgress, ...]) -> list[dict]:
    """The report as plain data, for ``publisher stats --format json``."""
    def figures(p: Progress) -> dict:
        return {"translated": asdict(p.translated), "fuzzy": asdict(p.fuzzy),
                "untranslated": asdict(p.untranslated), "total": asdict(p.total),
                "translated_target_words": p.translated_target_words,
                "percent": p.percent, "word_percent": p.word_percent}

    return [{"locale": item.locale.code, "threshold": item.locale.threshold,
             "published": item.published, **figures(item.total),
             "catalogs": [{"domain": c.domain, "path": c.path, "found": c.found, **figures(c.progress)}
                          for c in item.catalogs]}
            for item in report]


def as_table(report: tuple[LocaleProgress, ...]) -> str:
    """The report as a plain-text table: one row per catalog, a total row per locale."""
    header = ("locale", "domain", "translated", "fuzzy", "untranslated", "%", "words %")
    rows: list[tuple[str, ...]] = []

    def row(locale: str, domain: str, p: Progress) -> tuple[str, ...]:
        def cell(t: Tally) -> str:
            return f"{t.messages} ({t.words} w)"
        return (locale, domain, cell(p.translated), cell(p.fuzzy), cell(p.untranslated),
                str(p.percent), str(p.word_percent))

    for item in report:
        for c in item.catalogs:
            rows.append(row(item.locale.code, c.domain + ("" if c.found else " (no catalog)"), c.progress))
        state = "" if item.published else f", below threshold {item.locale.threshold}"
        rows.append(row(item.locale.code, f"total{state}", item.total))
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    numeric = {2, 3, 4, 5, 6}

    def line(r: tuple[str, ...]) -> str:
        return "  ".join(c.rjust(w) if i in numeric else c.ljust(w)
                         for i, (c, w) in enumerate(zip(r, widths))).rstrip()

    return "\n".join([line(header), *(line(r) for r in rows)]) + "\n"
