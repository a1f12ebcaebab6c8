"""Running the checks: over one catalog's entries, one catalog's bytes, or every catalog of a
project's locales as a :class:`~publisher.po.catalog.CatalogStore` holds them.

Problems are :class:`~publisher.errors.Diagnostic` s located at the entry's first line, the
line every other catalog message of publisher names (``path:line``). A translator silences one
check for one message with a flag, ``#, publisher-ignore: code`` (several codes separated by
spaces), or, since GNU msgmerge/msgcat drop flags they do not know, with a translator comment
``# publisher-ignore: code``, which every tool keeps.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import polib

from ..config import Project
from ..errors import ERROR, WARNING, Diagnostic, PublisherError
from ..po.catalog import CatalogStore, parse_catalog
from ..po.entries import source_and_translation
from ..po.parse import parse_po
from .context import Context, Settings
from .glossary import GLOSSARY, compile_glossary, read_glossary
from .registry import BY_CODE, CHECKS, CODE_WIDTH, RANK, Check

IGNORE = "publisher-ignore:"
# The reader's refusals that are message problems the checks report themselves.
MESSAGE_ERRORS = ("placeholders", "unsafe-markup", "control-characters", "link-target")


def ignored(entry: polib.POEntry) -> set[str]:
    """The check codes silenced for this message by flags or translator comments."""
    codes: set[str] = set()
    for flag in entry.flags:
        if flag.startswith(IGNORE):
            codes.update(flag[len(IGNORE):].replace(",", " ").split())
    for line in (entry.tcomment or "").splitlines():
        if line.strip().startswith(IGNORE):
            codes.update(line.strip()[len(IGNORE):].replace(",", " ").split())
    return codes


def _applies(check: Check, entry: polib.POEntry, translated: bool) -> bool:
    if entry.obsolete:
        return check.scope == "obsolete"
    if check.scope == "live":
        return True
    if check.scope == "written":
        return translated
    return check.scope == "translated" and translated and "fuzzy" not in entry.flags


def _context(catalog: polib.POFile, locale: str, settings: Settings) -> Context:
    ranks: dict[tuple[str | None, str], int] = {}
    for entry in catalog:
        if entry.obsolete:
            # Catalogs list obsolete messages most recently removed first (msgmerge and
            # publisher update append the older ones after the newly removed): rank = age.
            ranks[(entry.msgctxt, entry.msgid)] = len(ranks) + 1
    return Context(settings, compile_glossary(settings.glossary, locale, settings.source_locale),
                   ranks)


ABOUT_ENTRY = tuple(c for c in CHECKS if c.run and c.scope in ("live", "obsolete"))
ABOUT_TEXT = tuple(c for c in CHECKS if c.run and c.scope not in ("live", "obsolete"))


def _entry_findings(entry: polib.POEntry, locale: str, context: Context,
                    silenced: set[str]) -> list[tuple[Check, str]]:
    pairs = source_and_translation(entry)
    translated = any(text for _, text in pairs)
    found: list[tuple[Check, str]] = []
    for check in ABOUT_ENTRY:
        if check.code not in silenced and _applies(check, entry, translated):
            found += [(check, message) for message in
                      check.run(entry.msgid, entry.msgstr, entry, locale, context)]
    if translated and not entry.obsolete:
        for check in ABOUT_TEXT:
            if check.code in silenced or not _applies(check, entry, translated):
                continue
            for source, text in pairs:
                if text:
                    found += [(check, message) for message in
                              check.run(source, text, entry, locale, context)]
    return found


def check_entries(catalog: polib.POFile, display: str, locale: str, settings: Settings
                  ) -> list[Diagnostic]:
    """Every message check over a parsed catalog."""
    context = _context(catalog, locale, settings)
    problems: list[Diagnostic] = []
    for entry in catalog:
        silenced = ignored(entry) if entry.tcomment or entry.flags else set()
        for code in sorted(silenced - BY_CODE.keys()):
            problems.append(Diagnostic(display, entry.linenum, "ignore-flag", WARNING,
                                       f"publisher-ignore names no check {code!r} "
                                       "(see publisher check --list)"))
        problems += [Diagnostic(display, entry.linenum, check.code, check.level, message)
                     for check, message in dict.fromkeys(
                         _entry_findings(entry, locale, context, silenced))]
    return problems


def _invalid_utf8(data: bytes, display: str) -> list[Diagnostic]:
    problems, position = [], 0
    while True:
        try:
            data[position:].decode("utf-8")
            return problems
        except UnicodeDecodeError as exc:
            start = position + exc.start
            line = data[:start].count(b"\n") + 1
            problems.append(Diagnostic(display, line, "encoding", ERROR,
                                       f"bytes {data[start:position + exc.end].hex(' ')} are not "
                                       "valid UTF-8 (convert the file with msgconv --to-code=UTF-8)"))
            position += exc.end


def _explained(error: PublisherError, problems: list[Diagnostic], lines: set[int]) -> bool:
    """Is a reader's error one that the message checks report themselves (placeholders,
    unsafe markup)? Then the catalog is otherwise sound and every check can run."""
    return error.line in lines and any(p.line == error.line and p.message in error.message
                                       for p in problems)


def _unreadable(data: bytes, display: str, locale: str, settings: Settings,
                errors: tuple[PublisherError, ...]) -> list[Diagnostic]:
    """The problems of a catalog the reader refused: its bad bytes; or, when the reader's
    errors are all message problems (broken placeholders, unsafe markup), every check."""
    if bad := _invalid_utf8(data, display):
        return bad
    try:
        problems = check_entries(parse_po(data.decode("utf-8"), display), display, locale,
                                 settings)
    except PublisherError:      # not even the syntax holds: the reader's errors are all we have
        problems = []
    lines = {p.line for p in problems if p.code in MESSAGE_ERRORS}
    if problems and all(_explained(e, problems, lines) for e in errors):
        return order(problems)
    return [Diagnostic(e.path or display, e.line, "catalog", ERROR, e.message) for e in errors]


def check_catalog(data: bytes, display: str, locale: str, settings: Settings = Settings()
                  ) -> list[Diagnostic]:
    """Every check over one catalog's bytes (pure). Problems in file order within each check."""
    try:
        catalog = parse_catalog(data, display)
    except PublisherError as exc:
        return _unreadable(data, display, locale, settings, exc.errors)
    return order(check_entries(catalog, display, locale, settings))


def check_stored(store: CatalogStore, path: Path, locale: str, settings: Settings
                 ) -> list[Diagnostic]:
    """check_catalog over a catalog the store holds: read and parsed once for everyone."""
    display = store.display(path)
    data = store.data(path)
    if data is None:            # too big or unreadable: a problem, like a syntax error
        return [Diagnostic(display, e.line, "catalog", ERROR, e.message)
                for e in store.errors_of(path)]
    catalog = store.read_path(path)
    if catalog is None:
        return _unreadable(data, display, locale, settings, store.errors_of(path))
    return order(check_entries(catalog, display, locale, settings))


def order(problems: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Grouped as publisher check prints them: by catalog, then check (registry order), line."""
    return sorted(problems, key=lambda p: (p.path or "", RANK.get(p.code, len(RANK)), p.line or 0))


@dataclass(frozen=True)
class CheckReport:
    problems: tuple[Diagnostic, ...]
    catalogs: tuple[str, ...]          # the catalogs checked

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(problem for problem in self.problems if problem.is_error)

    def summary(self) -> list[str]:
        """The counts: one line in all, then one per check that found something."""
        counts = Counter(problem.code for problem in self.problems)
        errors = len(self.errors)
        lines = [f"{len(self.catalogs)} catalog(s) checked: {errors} error(s), "
                 f"{len(self.problems) - errors} warning(s)"]
        lines += [f"  {check.code:<{CODE_WIDTH}} {check.level:<8} {counts[check.code]}"
                  for check in CHECKS if counts[check.code]]
        return lines

    def as_json(self) -> dict:
        return {"catalogs": list(self.catalogs),
                "problems": [{"path": p.path, "line": p.line, "code": p.code, "level": p.level,
                              "message": p.message} for p in self.problems],
                "errors": len(self.errors), "warnings": len(self.problems) - len(self.errors)}


def check_locales(store: CatalogStore, locales: Iterable[str], settings: Settings,
                  expected: Iterable[str]) -> CheckReport:
    """Every check over every catalog of ``locales`` (every .po found is checked); a catalog
    of ``expected`` (the domains a build reads) that a target locale lacks is reported too.
    Unreadable catalogs are problems, not exceptions."""
    expected = tuple(expected)
    problems, checked = [], []
    for locale in locales:
        for domain in store.domains(locale):
            path = store.catalog_path(locale, domain)
            checked.append(store.display(path))
            problems += check_stored(store, path, locale, settings)
        if locale != settings.source_locale:
            problems += [Diagnostic(store.display(store.catalog_path(locale, domain)), None,
                                    "untranslated", WARNING, "catalog not found: every message "
                                    "shown in the source language (run publisher update)")
                         for domain in expected if not store.exists(locale, domain)]
    return CheckReport(tuple(order(problems)), tuple(checked))


def project_settings(project: Project) -> Settings:
    """What the checks need of a project: its source language, keep_obsolete, its glossary."""
    path = project.locales_dir / GLOSSARY
    return Settings(project.source_locale, project.keep_obsolete,
                    read_glossary(project.locales_dir, project.relative(path)))
