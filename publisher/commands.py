"""Project-wide catalog operations behind ``publisher extract|init|update|compile``.

Each reads and checks everything it will touch first, then writes; a broken catalog anywhere
stops the command before any file changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polib
from babel import UnknownLocaleError

from .catalogs import MergeReport, catalog_path, compile_catalog, initialize, merge, read_catalog
from .config import Project, parse_locale
from .errors import CatalogError, ConfigError, PublisherError, raise_collected
from .extraction import build_templates, keep_creation_dates, template_files
from .fileio import read_bytes, read_text, write_all
from .limits import MAX_CATALOG_BYTES
from .poformat import format_catalog
from .sources import domains, load_sources


@dataclass(frozen=True)
class CatalogChange:
    path: str
    action: str            # created | updated | unchanged
    report: MergeReport | None = None


def gather_templates(project: Project) -> dict[str, polib.POFile]:
    templates = build_templates(project, load_sources(project))
    keep_creation_dates(project, templates)
    return templates


def extract(project: Project) -> list[str]:
    """Write the .pot of every domain; returns the ones that changed."""
    changed = write_all(template_files(project, gather_templates(project)))
    return [project.relative(path) for path in changed]


def _read_existing(project: Project, paths: list[Path]) -> dict[Path, polib.POFile]:
    catalogs, errors = {}, []
    for path in paths:
        if path.exists():
            try:
                catalogs[path] = read_catalog(path, project.relative(path))
            except PublisherError as exc:
                errors.extend(exc.errors)
    raise_collected(errors)
    return catalogs


def init(project: Project, locale: str, translator: str = "", team: str = "") -> list[CatalogChange]:
    """Start catalogs for a new language; existing ones are left alone, never overwritten."""
    try:
        parse_locale(locale)
    except (UnknownLocaleError, ValueError):
        raise ConfigError(f"unknown locale {locale!r} (not in Babel's CLDR data)") from None
    templates = gather_templates(project)
    files = template_files(project, templates)
    changes = []
    for domain, template in templates.items():
        path = catalog_path(project.locales_dir, locale, domain)
        display = project.relative(path)
        if path.exists():
            changes.append(CatalogChange(display, "exists, left alone (use publisher update)"))
            continue
        catalog = initialize(template, locale, copy_source=locale == project.source_locale,
                             translator=translator, team=team)
        files[path] = format_catalog(catalog)
        changes.append(CatalogChange(display, "created"))
    write_all(files)
    return changes


def update(project: Project, dry_run: bool = False) -> list[CatalogChange]:
    """Merge fresh templates into every catalog of every locale of the project. A message
    left without a translation takes one from the locale's other catalogs (publisher.memory)."""
    from .memory import project_memory   # rapidfuzz: loaded by the commands that merge only

    templates = gather_templates(project)
    targets = [(loc.code, domain, catalog_path(project.locales_dir, loc.code, domain))
               for loc in project.locales for domain in templates]
    existing = _read_existing(project, [path for *_, path in targets])
    memories = {loc.code: project_memory((path.name, existing[path]) for code, _, path in targets
                                         if code == loc.code and path in existing)
                for loc in project.locales if loc.code != project.source_locale}
    planned: list[tuple[Path, polib.POFile, CatalogChange]] = []
    for locale, domain, path in targets:
        display = project.relative(path)
        copy_source = locale == project.source_locale
        if path in existing:
            merged, report = merge(existing[path], templates[domain], copy_source=copy_source,
                                   memory=memories.get(locale), origin=path.name)
            planned.append((path, merged, CatalogChange(display, "updated", report)))
        else:
            catalog = initialize(templates[domain], locale, copy_source=copy_source)
            if locale in memories:      # a new publication: what the locale already knows
                header_only = polib.POFile(wrapwidth=catalog.wrapwidth)
                header_only.header, header_only.metadata = catalog.header, catalog.metadata
                catalog, report = merge(header_only, templates[domain], memory=memories[locale])
                planned.append((path, catalog, CatalogChange(display, "created", report)))
                continue
            planned.append((path, catalog, CatalogChange(display, "created")))
    pots = template_files(project, templates)
    files = {**pots, **{path: format_catalog(catalog) for path, catalog, _ in planned}}
    if dry_run:     # what would change: the files whose bytes would differ
        changed = {path for path, text in files.items()
                   if not path.exists() or path.read_bytes() != text.encode("utf-8")}
    else:
        changed = set(write_all(files))
    return ([CatalogChange(project.relative(path), "updated") for path in pots if path in changed]
            + [change if path in changed or change.action != "updated"
               else CatalogChange(change.path, "unchanged", change.report)
               for path, _, change in planned])


def compile_all(project: Project) -> list[str]:
    """Write a .mo beside every .po (fuzzy and untranslated messages left out)."""
    paths = sorted(project.locales_dir.glob("*/LC_MESSAGES/*.po"))
    catalogs = _read_existing(project, paths)
    files = {path.with_suffix(".mo"): compile_catalog(catalogs[path]) for path in paths}
    write_all(files)
    return [project.relative(target) for target in files]


def check(project: Project, locales: tuple[str, ...] = ()):
    """Run every check of publisher.checks over every catalog of the chosen locales (default:
    all); returns a CheckReport. Unreadable catalogs are problems too, not exceptions."""
    from .checks import (ERROR, GLOSSARY, WARNING, CheckReport, Problem, Settings, check_catalog, order,
                         parse_glossary)

    chosen = tuple(project.locale(code) for code in dict.fromkeys(locales)) or project.locales
    glossary_file = project.locales_dir / GLOSSARY
    glossary = (parse_glossary(read_text(glossary_file, project.relative(glossary_file), ConfigError),
                               project.relative(glossary_file)) if glossary_file.is_file() else ())
    settings = Settings(project.source_locale, project.keep_obsolete, glossary)
    # The catalogs a build reads (every .po found is checked; these must exist).
    expected = domains(load_sources(project))
    problems, checked = [], []
    for locale in chosen:
        folder = project.locales_dir / locale.code / "LC_MESSAGES"
        for path in sorted(folder.glob("*.po")):
            display = project.relative(path)
            checked.append(display)
            try:
                data = read_bytes(path, display, CatalogError, MAX_CATALOG_BYTES)
            except CatalogError as error:       # too big or unreadable: a problem, like a syntax error
                problems.append(Problem(display, error.line, "catalog", ERROR, error.message))
                continue
            problems += check_catalog(data, display, locale.code, settings)
        if locale.code != project.source_locale:
            problems += [Problem(project.relative(folder / f"{domain}.po"), None, "untranslated",
                                 WARNING, "catalog not found: every message shown in the source "
                                 "language (run publisher update)")
                         for domain in expected if not (folder / f"{domain}.po").exists()]
    return CheckReport(tuple(order(problems)), tuple(checked))
