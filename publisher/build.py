"""The build, in two phases as MkDocs does it: gather and render everything in memory (where
every input error surfaces), then write. An error in the first phase leaves the output folder
untouched; in the second, each file is replaced atomically."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from . import __version__
from .config import SITE_DOMAIN, LocaleInfo, Project
from .errors import PublisherError, UntranslatedError, raise_collected
from .fileio import write_atomic
from .rendering import (LocalizedPublication, Missing, TrackedTranslations, load_translations,
                        localize, make_environment, render_template)
from .site import (Link, alternates, asset_files, index_path, page_path, relative_href,
                   resolve_output, root_prefix)
from .sources import Source, load_sources

FORMATS = ("html", "pdf")


@dataclass(frozen=True)
class BuildOptions:
    formats: tuple[str, ...] = FORMATS
    locales: tuple[str, ...] = ()      # empty: every locale of the project
    strict: bool = False
    output_dir: Path | None = None


@dataclass(frozen=True)
class Handout:
    path: PurePosixPath
    html: str
    pub: LocalizedPublication


@dataclass
class Plan:
    """Everything to write, gathered before the first byte is written."""

    project: Project
    files: dict[PurePosixPath, bytes | str] = field(default_factory=dict)
    handouts: list[Handout] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)


@dataclass(frozen=True)
class BuildResult:
    output_dir: Path
    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    missing: tuple[Missing, ...]


class Catalogs:
    """Translations by (locale, domain), each catalog read and checked once."""

    def __init__(self, project: Project, missing: list[Missing]):
        self.project = project
        self.missing = missing
        self._loaded: dict[tuple[str, str], TrackedTranslations] = {}
        self.errors: list[PublisherError] = []

    def get(self, locale: str, domain: str) -> TrackedTranslations:
        key = (locale, domain)
        if key not in self._loaded:
            try:
                self._loaded[key] = load_translations(self.project, locale, domain, self.missing)
            except PublisherError as exc:
                self.errors.extend(getattr(exc, "errors", (exc,)))
                self._loaded[key] = TrackedTranslations(None, domain, locale=locale)
        return self._loaded[key]


def select_locales(project: Project, codes: tuple[str, ...]) -> tuple[LocaleInfo, ...]:
    if not codes:
        return project.locales
    return tuple(project.locale(code) for code in dict.fromkeys(codes))


def _letterhead(source: Source, catalogs: Catalogs, project: Project):
    issuer = source.fields.get("issuer")
    names = []
    for code in source.fact("letterhead", ()):
        names.append((project.locale(code), catalogs.get(code, source.slug).gettext(issuer.text)
                      if issuer else project.name))
    return tuple(names)


def gather(project: Project, sources: tuple[Source, ...], options: BuildOptions) -> Plan:
    plan = Plan(project)
    locales = select_locales(project, options.locales)
    catalogs = Catalogs(project, plan.missing)
    env = make_environment(project.templates_dir)
    common = {"version": __version__}
    ordered = sorted(sources, key=lambda s: (s.date, s.slug), reverse=True)

    for locale in locales:
        ui = catalogs.get(locale.code, SITE_DOMAIN)
        site = {"site_title": ui.gettext(project.site.title) if project.site.title else project.name,
                "site_description": ui.gettext(project.site.description)
                if project.site.description else ""}
        entries = []
        for source in ordered:
            pub = localize(source, locale, catalogs.get(locale.code, source.slug),
                           _letterhead(source, catalogs, project))
            page = page_path(locale, source.slug)
            if "html" in options.formats:
                pdf = page_path(locale, source.slug, ".pdf")
                plan.files[page] = render_template(
                    env, "publication.html", ui, locale=locale, pub=pub, root=root_prefix(page),
                    alternates=alternates(project.locales, page, source.slug),
                    pdf_href=relative_href(pdf, page) if "pdf" in options.formats else "",
                    **site, **common)
            if "pdf" in options.formats:
                html = render_template(env, "handout.html", ui, locale=locale, pub=pub, **site, **common)
                plan.handouts.append(Handout(page_path(locale, source.slug, ".pdf"), html, pub))
            entries.append({"pub": pub, "href": relative_href(page, index_path(locale))})
        if "html" in options.formats:
            index = index_path(locale)
            plan.files[index] = render_template(
                env, "index.html", ui, locale=locale, publications=entries, root=root_prefix(index),
                alternates=alternates(project.locales, index, None), **site, **common)

    if "html" in options.formats:
        source_locale = project.locales[0]
        ui = catalogs.get(source_locale.code, SITE_DOMAIN)
        root = PurePosixPath("index.html")
        plan.files[root] = render_template(
            env, "languages.html", ui, locale=source_locale,
            choices=[Link(loc, index_path(loc).as_posix()) for loc in project.locales],
            site_title=ui.gettext(project.site.title) if project.site.title else project.name,
            **common)
        for target, path in asset_files(project.templates_dir).items():
            plan.files[target] = path.read_bytes()

    raise_collected(catalogs.errors)
    if options.strict and plan.missing:
        raise_collected([UntranslatedError(f"no translation, would fall back to English: "
                                           f"{m.msgid[:70]!r}", m.catalog) for m in _unique(plan.missing)])
    return plan


def _unique(missing: list[Missing]) -> list[Missing]:
    return list(dict.fromkeys(missing))


def missing_summary(missing: tuple[Missing, ...]) -> list[str]:
    by_catalog: dict[str, list[str]] = defaultdict(list)
    for item in missing:
        by_catalog[item.catalog].append(item.msgid)
    return [f"{catalog}: {len(ids)} message(s) not translated, shown in English "
            f"(first: {ids[0][:60]!r})" for catalog, ids in by_catalog.items()]


def build(project: Project, options: BuildOptions = BuildOptions(), progress=None) -> BuildResult:
    if options.output_dir is not None:
        project = replace(project, output_dir=options.output_dir.resolve())
    sources = load_sources(project)
    plan = gather(project, sources, options)
    out = project.output_dir
    # Check every destination before writing anything.
    targets = {rel: resolve_output(out, rel) for rel in [*plan.files, *(h.path for h in plan.handouts)]}

    pdfs: dict[PurePosixPath, bytes] = {}
    if plan.handouts:
        from .pdf import render_pdf   # WeasyPrint loads only when a PDF is written
        allowed = (project.templates_dir, project.content_dir)
        for handout in plan.handouts:
            pdfs[handout.path] = render_pdf(handout.html, project.templates_dir, allowed,
                                            handout.pub.source.date)
            if progress:
                progress(f"rendered {handout.path}")

    written, unchanged = [], []
    for rel, data in [*plan.files.items(), *pdfs.items()]:
        (written if write_atomic(targets[rel], data) else unchanged).append(rel.as_posix())
    return BuildResult(out, tuple(written), tuple(unchanged), tuple(_unique(plan.missing)))
