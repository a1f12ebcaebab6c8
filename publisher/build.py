"""The build, in two phases as MkDocs does it: gather and render everything in memory (where
every input error surfaces), then write. An error in the first phase leaves the output folder
untouched; in the second, each file is replaced atomically."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from . import __version__
from .config import SITE_DOMAIN, LocaleInfo, Project, output_dir_problem
from .errors import OutputError, TemplateError, UntranslatedError, raise_collected
from .fileio import read_bytes, write_all
from .rendering import Catalogs, LocalizedPublication, Missing, localize, make_environment, render_template
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

    files: dict[PurePosixPath, bytes | str] = field(default_factory=dict)
    handouts: list[Handout] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class BuildResult:
    output_dir: Path
    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    missing: tuple[Missing, ...]
    absent: tuple[str, ...] = ()      # catalogs a target locale lacks


def select_locales(project: Project, codes: tuple[str, ...]) -> tuple[LocaleInfo, ...]:
    if not codes:
        return project.locales
    return tuple(project.locale(code) for code in dict.fromkeys(codes))


def gather(project: Project, sources: tuple[Source, ...], options: BuildOptions) -> Plan:
    plan = Plan()
    locales = select_locales(project, options.locales)
    catalogs = Catalogs(project)
    env = make_environment(project.templates_dir)
    common = {"version": __version__}
    ordered = sorted(sources, key=lambda s: (s.date, s.slug), reverse=True)
    letterheads = {source.slug: catalogs.letterhead(source) for source in ordered}

    for locale in locales:
        ui = catalogs.get(locale.code, SITE_DOMAIN)
        site = site_context(project, ui)
        entries = []
        for source in ordered:
            pub = localize(source, locale, catalogs.get(locale.code, source.slug),
                           letterheads[source.slug])
            page, pdf = page_path(locale, source.slug), page_path(locale, source.slug, ".pdf")
            if "html" in options.formats:
                plan.files[page] = render_template(
                    env, "publication.html", ui, locale=locale, pub=pub, root=root_prefix(page),
                    canonical=canonical(project, page),
                    alternates=alternates(project.locales, page, source.slug),
                    pdf_href=relative_href(pdf, page) if "pdf" in options.formats else "",
                    **site, **common)
            if "pdf" in options.formats:
                html = render_template(env, "handout.html", ui, locale=locale, pub=pub, **site, **common)
                plan.handouts.append(Handout(pdf, html, pub))
            entries.append({"pub": pub, "href": relative_href(page, index_path(locale))})
        if "html" in options.formats:
            index = index_path(locale)
            plan.files[index] = render_template(
                env, "index.html", ui, locale=locale, publications=entries, root=root_prefix(index),
                canonical=canonical(project, index),
                alternates=alternates(project.locales, index, None), **site, **common)

    if "html" in options.formats:
        source_locale = project.locales[0]
        ui = catalogs.get(source_locale.code, SITE_DOMAIN)
        root = PurePosixPath("index.html")
        plan.files[root] = render_template(
            env, "languages.html", ui, locale=source_locale,
            choices=[Link(loc, index_path(loc).as_posix()) for loc in project.locales],
            **site_context(project, ui), **common)
        for target, path in asset_files(project.templates_dir).items():
            plan.files[target] = read_bytes(path, project.relative(path), TemplateError)

    raise_collected(catalogs.errors)
    plan.missing, plan.absent = catalogs.unique_missing, catalogs.absent
    if options.strict and (plan.missing or plan.absent):
        raise_collected([UntranslatedError("catalog not found (run publisher update)", path)
                         for path in plan.absent]
                        + [UntranslatedError(f"no translation, would fall back to English: "
                                             f"{m.msgid[:70]!r}", m.catalog) for m in plan.missing])
    return plan


def canonical(project: Project, page: PurePosixPath) -> str:
    """The page's absolute URL when the site has a base_url; otherwise none (relocatable)."""
    return f"{project.site.base_url}/{page.as_posix()}" if project.site.base_url else ""


def site_context(project: Project, ui) -> dict[str, str]:
    """The site's title and description in the locale of ``ui`` (the site catalog)."""
    return {"site_title": ui.gettext(project.site.title) if project.site.title else project.name,
            "site_description": ui.gettext(project.site.description) if project.site.description else ""}


def missing_summary(result: BuildResult) -> list[str]:
    by_catalog: dict[str, list[str]] = defaultdict(list)
    for item in result.missing:
        by_catalog[item.catalog].append(item.msgid)
    return ([f"{path}: catalog not found, shown in English (run publisher update)"
             for path in result.absent]
            + [f"{catalog}: {len(ids)} message(s) not translated, shown in English "
               f"(first: {ids[0][:60]!r})" for catalog, ids in by_catalog.items()])


def build(project: Project, options: BuildOptions = BuildOptions(), progress=None) -> BuildResult:
    if options.output_dir is not None:
        project = replace(project, output_dir=options.output_dir.resolve())
        if problem := output_dir_problem(project.root, project.output_dir):
            raise OutputError(problem)
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

    outputs = {**plan.files, **pdfs}
    changed = set(write_all({targets[rel]: data for rel, data in outputs.items()}))
    written = tuple(rel.as_posix() for rel in outputs if targets[rel] in changed)
    unchanged = tuple(rel.as_posix() for rel in outputs if targets[rel] not in changed)
    return BuildResult(out, written, unchanged, tuple(plan.missing), tuple(plan.absent))
