"""Project-wide catalog operations behind ``publisher extract|init|update|compile``.

Each reads and checks everything it will touch first, then writes; a broken catalog anywhere
stops the command before any file changes. Writing, it holds the lock of locales/ (one
command at a time) and first removes the temporary files a killed command of publisher left
in the folders it writes (never anyone else's).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from .checks.run import CheckReport, check_locales, project_settings
from .config import Project, parse_locale
from .errors import OutputError
from .extraction import build_templates, keep_creation_dates, template_files
from .fileio import folder_lock, remove_stale_temporaries, write_all
from .po.catalog import CatalogStore
from .po.format import format_catalog
from .po.mo import compile_catalog
from .sources import domains, load_sources

if TYPE_CHECKING:   # publisher.po.merging loads rapidfuzz: imported by the commands that merge
    from .po.merging import MergeReport


@dataclass(frozen=True)
class CatalogChange:
    path: str
    action: str            # created | updated | unchanged
    report: MergeReport | None = None


def gather_templates(project: Project) -> dict[str, polib.POFile]:
    templates = build_templates(project, load_sources(project))
    keep_creation_dates(project, templates)
    return templates


Waiting = Callable[[str], None] | None     # hears why a command waits for another's lock


def write_catalogs(project: Project, files: dict[Path, str | bytes], waiting: Waiting = None
                   ) -> list[Path]:
    """Write catalog files all or none, holding the lock of locales/, after removing what a
    killed command of ours left in their folders."""
    try:
        project.locales_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the folder: {exc.strerror}",
                          project.relative(project.locales_dir)) from None
    with folder_lock(project.locales_dir, waiting):
        remove_stale_temporaries(path.parent for path in files)
        return write_all(files)


def extract(project: Project, waiting: Waiting = None) -> list[str]:
    """Write the .pot of every domain; returns the ones that changed."""
    changed = write_catalogs(project, template_files(project, gather_templates(project)), waiting)
    return [project.relative(path) for path in changed]


def store_of(project: Project) -> CatalogStore:
    return CatalogStore(project.locales_dir, project.relative)


def init(project: Project, locale: str, translator: str = "", team: str = "",
         waiting: Waiting = None) -> list[CatalogChange]:
    """Start catalogs for a new language; existing ones are left alone, never overwritten."""
    parse_locale(locale)     # a valid code, known to CLDR, before it names any folder
    from .po.merging import initialize
    templates = gather_templates(project)
    files = template_files(project, templates)
    store = store_of(project)
    changes = []
    for domain, template in templates.items():
        path = store.catalog_path(locale, domain)
        display = project.relative(path)
        if path.exists():
            changes.append(CatalogChange(display, "exists, left alone (use publisher update)"))
            continue
        catalog = initialize(template, locale, copy_source=locale == project.source_locale,
                             translator=translator, team=team)
        files[path] = format_catalog(catalog)
        changes.append(CatalogChange(display, "created"))
    write_catalogs(project, files, waiting)
    return changes


def update(project: Project, dry_run: bool = False, waiting: Waiting = None) -> list[CatalogChange]:
    """Merge fresh templates into every catalog of every locale of the project. A message
    left without a translation takes one from the locale's other catalogs (publisher.memory)."""
    from .po.memory import project_memory
    from .po.merging import initialize, merge

    templates = gather_templates(project)
    store = store_of(project)
    targets = [(loc.code, domain, store.catalog_path(loc.code, domain))
               for loc in project.locales for domain in templates]
    existing = store.read_all([path for *_, path in targets])
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
        changed = set(write_catalogs(project, files, waiting))
    return ([CatalogChange(project.relative(path), "updated") for path in pots if path in changed]
            + [change if path in changed or change.action != "updated"
               else CatalogChange(change.path, "unchanged", change.report)
               for path, _, change in planned])


def compile_all(project: Project, waiting: Waiting = None) -> list[str]:
    """Write a .mo beside every .po (fuzzy and untranslated messages left out)."""
    paths = sorted(project.locales_dir.glob("*/LC_MESSAGES/*.po"))
    catalogs = store_of(project).read_all(paths)
    files = {path.with_suffix(".mo"): compile_catalog(catalogs[path]) for path in paths}
    write_catalogs(project, files, waiting)
    return [project.relative(target) for target in files]


def check(project: Project, locales: tuple[str, ...] = ()) -> CheckReport:
    """Run every check over every catalog of the chosen locales (default: all)."""
    chosen = tuple(project.locale(code).code for code in dict.fromkeys(locales)) or tuple(
        loc.code for loc in project.locales)
    return check_locales(store_of(project), chosen, project_settings(project),
                         domains(load_sources(project)))
