"""The build, in two phases as MkDocs does it: gather and render everything in memory (where
every input error surfaces), then write. An error in the first phase leaves the output folder
untouched; in the second, each file is replaced atomically."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, fields, replace
from pathlib import Path, PurePosixPath

import jinja2
from markupsafe import Markup

from . import FORMATS, __version__
from .catalogs import read_catalog, template_path
from .config import SITE_DOMAIN, LocaleInfo, Project, output_dir_problem
from .errors import OutputError, PublisherError, TemplateError, UntranslatedError, raise_collected
from .fileio import read_bytes, remove_stale_temporaries, write_all
from .incremental import (Manifest, all_intact, assets_digest, handout_digest, in_shard,
                          input_digest, intact, manifest_name, read_manifest, remove_stale,
                          write_manifest)
from .lock import output_lock
from .handouts import Column, bilingual_html, bilingual_pairs, bilingual_path, handout_html
from .feeds import Alternate, Feed, FeedEntry, SitemapUrl, atom, robots, sitemap
from .rendering import (Catalogs, LocalizedPublication, Missing, TrackedTranslations, localize,
                        make_environment, render_template)
from .site import (NOT_FOUND, ROBOTS, ROOT_INDEX, SITEMAP, Link, absolute_url, alternates,
                   asset_files, feed_path, index_path, page_path, page_url, relative_href,
                   refuse_case_clashes, resolve_output, root_prefix)
from .pseudo import PSEUDO_CODE, PseudoTranslations, pseudo_locale
from .sources import Source, load_sources
from .sources import domains as catalog_domains
from .sources import messages as source_messages
from .stats import LocaleProgress, collect
from .webmeta import Head, format_size, json_ld, news_article, summary



@dataclass(frozen=True)
class BuildOptions:
    formats: tuple[str, ...] = FORMATS
    locales: tuple[str, ...] = ()      # empty: every locale of the project
    strict: bool = False
    output_dir: Path | None = None
    jobs: int | None = None             # processes rendering PDFs; None: one per CPU
    shard: tuple[int, int] | None = None   # (K, N): build only shard K of N (publisher.incremental)
    force: bool = False                 # ignore the manifest: render everything again


@dataclass(frozen=True)
class Handout:
    path: PurePosixPath
    html: str
    pub: LocalizedPublication


@dataclass(frozen=True)
class Page:
    """A web page, rendered once the sizes of the PDF handouts it links to are known."""

    path: PurePosixPath
    template: str
    ui: TrackedTranslations
    context: dict
    pdf: PurePosixPath | None = None


@dataclass(frozen=True)
class PdfLink:
    href: str
    size: int           # bytes
    size_text: str      # "245 kB", in the page's locale


@dataclass
class Plan:
    """Everything to write, gathered before the first byte is written."""

    files: dict[PurePosixPath, bytes | str] = field(default_factory=dict)
    handouts: list[Handout] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    env: jinja2.Environment | None = None
    catalogs: Catalogs | None = None
    missing: list[Missing] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    held_back: list[LocaleProgress] = field(default_factory=list)   # below their threshold
    outdated: list[str] = field(default_factory=list)   # sources ahead of their catalogs


@dataclass(frozen=True)
class BuildResult:
    output_dir: Path
    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    missing: tuple[Missing, ...]
    absent: tuple[str, ...] = ()      # catalogs a target locale lacks
    held_back: tuple[LocaleProgress, ...] = ()   # locales below their threshold, not published
    skipped: tuple[str, ...] = ()     # outputs not rendered again: their inputs are unchanged
    outdated: tuple[str, ...] = ()    # sources with messages their catalogs lack (run update)
    removed: tuple[str, ...] = ()     # outputs of an earlier build this one no longer makes


def select_locales(project: Project, codes: tuple[str, ...]) -> tuple[LocaleInfo, ...]:
    if not codes:
        return project.locales
    # The pseudo-locale is built only on request, never with "every locale".
    return tuple(pseudo_locale(project.locales[0]) if code == PSEUDO_CODE else project.locale(code)
                 for code in dict.fromkeys(codes))


def gather(project: Project, sources: tuple[Source, ...], options: BuildOptions) -> Plan:
    plan = Plan()
    locales = select_locales(project, options.locales)
    catalogs = Catalogs(project, generated={PSEUDO_CODE: PseudoTranslations})
    # A locale below its threshold (percent of messages translated) is held back, with the
    # same figures publisher stats prints; the source locale has no threshold.
    domains = catalog_domains(sources)
    # Counted against the sources as they are now: an English edit that publisher update has
    # not yet brought into the catalogs counts as untranslated, in every language.
    current = source_messages(sources)
    plan.outdated = outdated_sources(project, sources, current)
    plan.held_back = [progress for progress in
                      collect(project, [loc for loc in project.locales if loc.threshold],
                              domains, read=catalogs.catalog, expected=current)
                      if not progress.published]
    held_back = {progress.locale for progress in plan.held_back}
    # The languages the site publishes, in the project's order: the language switcher,
    # hreflang, the sitemap, the feeds and the root page use only this tuple, so that a rule
    # holding a language back (the translation threshold) filters it in one place. A build of
    # some locales (--locale) renders only those, but links the site's other languages: the
    # output folder holds them from an earlier build.
    published = tuple(loc for loc in project.locales if loc not in held_back)
    built = tuple(loc for loc in published if loc in locales)
    # The pseudo-locale is built as asked but published nowhere: no switcher, sitemap or feed.
    pseudo = tuple(loc for loc in locales if loc.code == PSEUDO_CODE)
    env = make_environment(project.templates_dir)
    base = project.site.base_url
    html = "html" in options.formats
    common = {"version": __version__}
    ordered = sorted(sources, key=lambda s: (s.date, s.slug), reverse=True)
    letterheads = {source.slug: catalogs.letterhead(source) for source in ordered}
    default = (published or project.locales)[0]   # x-default: the source language whenever it is published
    newest = ordered[0].date if ordered else None
    urls: list[SitemapUrl] = []

    def hreflang(links: list[Link], x_default: str) -> tuple[Alternate, ...]:
        return (*(Alternate(link.locale.tag, link.href) for link in links),
                Alternate("x-default", x_default))

    for locale in built + pseudo:
        ui = catalogs.get(locale.code, SITE_DOMAIN)
        site = site_context(project, ui)
        index = index_path(locale)
        crawled = bool(base) and locale in published    # in the sitemap, with an Atom feed
        feed = absolute_url(base, feed_path(locale)) if crawled else ""
        entries, feed_entries = [], []
        for source in ordered:
            pub = localize(source, locale, catalogs.get(locale.code, source.slug),
                           letterheads[source.slug], fallback_tag(project, locale))
            page, pdf = page_path(locale, source.slug), page_path(locale, source.slug, ".pdf")
            description = summary(pub)
            if html:
                versions = alternates(published, page, source.slug, base)
                x_default = page_url(page_path(default, source.slug), page, base)
                url = absolute_url(base, page) if base else ""
                issuer = pub.fields.get("issuer") or site["site_title"]
                head = Head(
                    locale=locale, title=f"{pub.fields['title']} · {site['site_title']}", description=description,
                    canonical=page_url(page, page, base), alternates=tuple(versions),
                    x_default=x_default, og_type="article", og_url=url, feed=feed,
                    published=pub.iso_date,
                    json_ld=json_ld(news_article(pub, description, issuer, url, tuple(versions))))
                plan.pages.append(Page(page, "publication.html", ui, dict(
                    locale=locale, pub=pub, root=root_prefix(page), head=head,
                    alternates=alternates(published, page, source.slug), **site, **common),
                    pdf=pdf))
                if crawled:
                    urls.append(SitemapUrl(url, source.date, hreflang(versions, x_default)))
                    feed_entries.append(FeedEntry(
                        url, pub.fields["title"], description, source.date, issuer,
                        tuple(Alternate(v.locale.tag, v.href) for v in versions if v.locale != locale)))
            if "pdf" in options.formats:
                handout = handout_html(project, env, ui, locale=locale, pub=pub, **site, **common)
                plan.handouts.append(Handout(pdf, handout, pub))
            entries.append({"pub": pub, "href": relative_href(page, index)})
        if html:
            versions = alternates(published, index, None, base)
            x_default = page_url(ROOT_INDEX, index, base)
            head = Head(locale=locale, title=site["site_title"], description=site["site_description"],
                        canonical=page_url(index, index, base), alternates=tuple(versions),
                        x_default=x_default, og_url=absolute_url(base, index) if base else "",
                        feed=feed)
            plan.pages.append(Page(index, "index.html", ui, dict(
                locale=locale, publications=entries, root=root_prefix(index), head=head,
                alternates=alternates(published, index, None), **site, **common)))
            if crawled:
                if newest:
                    urls.append(SitemapUrl(absolute_url(base, index), newest,
                                           hreflang(versions, x_default)))
                plan.files[feed_path(locale)] = atom(Feed(
                    url=feed, home=absolute_url(base, index), lang=locale.tag,
                    title=site["site_title"], subtitle=site["site_description"],
                    author=site["site_title"], entries=tuple(feed_entries)))

    if "pdf-bilingual" in options.formats:
        plan.handouts.extend(bilingual_handouts(project, env, catalogs, ordered, letterheads,
                                                built, common))

    if html and built:     # (a build of the pseudo-locale alone leaves the root pages alone)
        ui = catalogs.get(default.code, SITE_DOMAIN)
        site = site_context(project, ui)
        versions = alternates(published, ROOT_INDEX, None, base)
        x_default = page_url(ROOT_INDEX, ROOT_INDEX, base)
        head = Head(locale=default, title=site["site_title"], description=site["site_description"],
                    canonical=x_default, alternates=tuple(versions), x_default=x_default,
                    og_url=x_default if base else "")
        plan.pages.append(Page(ROOT_INDEX, "languages.html", ui, dict(
            locale=default, head=head, choices=alternates(published, ROOT_INDEX, None),
            **site, **common)))
        if base and newest:
            urls.append(SitemapUrl(x_default, newest, hreflang(versions, x_default)))
        # A server answers any missing address with 404.html, at any depth: its links are
        # absolute with a base_url, else relative to the export's root (right at the root).
        sections = [Markup(render_template(
            env, "_not_found.html", catalogs.get(loc.code, SITE_DOMAIN), locale=loc,
            home=f"{base}/{index_path(loc).parent}/" if base else index_path(loc).as_posix()))
            for loc in published]
        plan.pages.append(Page(NOT_FOUND, "404.html", ui, dict(
            locale=default, sections=sections, root=f"{base}/" if base else "", **site, **common)))
        if base and urls and built == published:   # a partial build would drop the others' URLs
            plan.files[SITEMAP] = sitemap(urls)
        plan.files[ROBOTS] = robots(absolute_url(base, SITEMAP) if base and urls else "")
    if html:
        for target, path in asset_files(project.templates_dir).items():
            plan.files[target] = read_bytes(path, project.relative(path), TemplateError)

    raise_collected(catalogs.errors)
    if options.strict:     # refuse a locale whose catalogs have error-level problems (publisher check)
        from .commands import check
        checked = tuple(loc.code for loc in locales if loc in project.locales)
        raise_collected([problem.as_error() for problem in check(project, checked).errors] if checked else [])
    plan.env, plan.catalogs = env, catalogs
    check_translations(plan, options)
    return plan


def bilingual_handouts(project: Project, env: jinja2.Environment, catalogs: Catalogs,
                       sources: list[Source], letterheads: dict, locales: tuple[LocaleInfo, ...],
                       common: dict) -> list[Handout]:
    """One sheet per publication and (source, target) pair: both languages side by side."""
    handouts = []
    for pair in bilingual_pairs(project, locales):
        uis = [catalogs.get(locale.code, SITE_DOMAIN) for locale in pair]
        for source in sources:
            first, second = (
                Column(locale, localize(source, locale, catalogs.get(locale.code, source.slug),
                                        letterheads[source.slug], fallback_tag(project, locale)),
                       ui.gettext, site_context(project, ui)["site_title"])
                for locale, ui in zip(pair, uis))
            html = bilingual_html(project, env, first, second, uis[0], **common)
            handouts.append(Handout(bilingual_path(source.slug, *pair), html, second.pub))
    return handouts


def render_pages(plan: Plan, pdf_sizes: dict[PurePosixPath, int]) -> dict[PurePosixPath, str]:
    """The web pages, now that the PDF handouts they link to have their sizes. A page links
    its PDF only when the size is known, so what the link says is true."""
    rendered = {}
    for page in plan.pages:
        context = dict(page.context)
        size = pdf_sizes.get(page.pdf) if page.pdf else None
        context["pdf"] = (PdfLink(relative_href(page.pdf, page.path), size,
                                  page.ui.from_cldr(format_size(size, context["locale"])))
                          if size is not None else None)
        rendered[page.path] = render_template(plan.env, page.template, page.ui, **context)
    return rendered


def outdated_sources(project: Project, sources: tuple[Source, ...],
                     current: dict[str, tuple[str, ...]]) -> list[str]:
    """Why the catalogs lag behind the sources: each publication with messages its template
    (locales/<slug>.pot, which publisher update rewrites with every catalog) lacks."""
    lines = []
    for source in sources:
        path = template_path(project.locales_dir, source.slug)
        try:
            listed = {entry.msgid for entry in read_catalog(path, project.relative(path))
                      if not entry.obsolete} if path.exists() else set()
        except PublisherError:
            continue        # a broken template is reported by the catalog reader's own errors
        new = [msgid for msgid in current[source.slug] if msgid not in listed]
        if new:
            lines.append(f"{source.path}: {len(new)} message(s) not in the catalogs yet, shown in "
                         f"English in every language (first: {new[0][:60]!r}); run publisher update")
    return lines


def check_translations(plan: Plan, options: BuildOptions) -> None:
    """Record what is shown in English; with --strict, refuse it."""
    plan.missing, plan.absent = plan.catalogs.unique_missing, plan.catalogs.absent
    if options.strict and (plan.missing or plan.absent or plan.outdated):
        raise_collected([UntranslatedError(line) for line in plan.outdated]
                        + [UntranslatedError("catalog not found (run publisher update)", path)
                         for path in plan.absent]
                        + [UntranslatedError(f"no translation, would fall back to English: "
                                             f"{m.msgid[:70]!r}", m.catalog) for m in plan.missing])


def fallback_tag(project: Project, locale: LocaleInfo) -> str:
    """The language of text a locale shows untranslated: the source's (none for the source)."""
    return "" if locale.code == project.source_locale else project.locales[0].tag


def site_context(project: Project, ui) -> dict[str, str]:
    """The site's title and description in the locale of ``ui`` (the site catalog)."""
    return {"site_title": ui.gettext(project.site.title) if project.site.title else project.name,
            "site_description": ui.gettext(project.site.description) if project.site.description else ""}


def missing_summary(result: BuildResult) -> list[str]:
    by_catalog: dict[str, list[str]] = defaultdict(list)
    for item in result.missing:
        by_catalog[item.catalog].append(item.msgid)
    return (list(result.outdated)
            + [f"{path}: catalog not found, shown in English (run publisher update)"
               for path in result.absent]
            + [f"{catalog}: {len(ids)} message(s) not translated, shown in English "
               f"(first: {ids[0][:60]!r})" for catalog, ids in by_catalog.items()]
            + held_back_summary(result.held_back))


def held_back_summary(held_back: tuple[LocaleProgress, ...]) -> list[str]:
    """Why each locale below its threshold was not published, and what it lacks."""
    lines = []
    for progress in held_back:
        total = progress.total
        lines.append(f"{progress.locale.code} not published: {total.translated.messages} of "
                     f"{total.total.messages} messages translated ({total.percent} %), below its "
                     f"threshold of {progress.locale.threshold} % (publisher.toml)")
        lines += [f"  {line}" for line in progress.shortfall()]
    return lines


def build_key(options: BuildOptions) -> str:
    """The options that shape the outputs (not where they go, nor how many processes)."""
    return repr({f.name: getattr(options, f.name) for f in fields(options)
                 if f.name not in ("jobs", "force", "output_dir")})


def build(project: Project, options: BuildOptions = BuildOptions(), progress=None,
          waiting=None) -> BuildResult:
    if options.output_dir is not None:
        project = replace(project, output_dir=options.output_dir.resolve())
        if problem := output_dir_problem(project.root, project.output_dir):
            raise OutputError(problem)
    out = project.output_dir
    manifest_file = manifest_name(options.shard)
    inputs = input_digest(project, build_key(options))
    if not options.force:
        last = read_manifest(out, manifest_file)
        if last.inputs == inputs and all_intact(out, last):   # nothing changed: nothing to do
            done = last.built
            return BuildResult(out, (), done, (), skipped=done)
    sources = load_sources(project)
    plan = gather(project, sources, options)
    # Check every destination before writing anything.
    targets = {rel: resolve_output(out, rel) for rel in
               [*plan.files, *(p.path for p in plan.pages), *(h.path for h in plan.handouts)]}
    refuse_case_clashes(targets)

    with output_lock(out, waiting):
        remove_stale_temporaries(out)      # left by a build that was killed while writing
        previous = read_manifest(out, manifest_file)     # --force ignores it, except to clean up
        last = Manifest() if options.force else previous
        handouts = [h for h in plan.handouts if in_shard(h.path, options.shard)]
        assets = assets_digest(project.templates_dir) if handouts else ""
        digests = {h.path: handout_digest(h.html, assets) for h in handouts}
        stale = [h for h in handouts
                 if not (intact(out, h.path.as_posix(), recorded := last.outputs.get(h.path.as_posix()))
                         and recorded.digest == digests[h.path])]
        pdfs: dict[PurePosixPath, bytes] = {}
        if stale:
            from .parallel import default_jobs, render_all   # WeasyPrint loads only for a PDF
            allowed = (project.templates_dir, project.content_dir)
            jobs = [(h.html, project.templates_dir, allowed, h.pub.source.date, project.pdf.variant)
                    for h in stale]
            rendered = render_all(jobs, options.jobs or default_jobs(),
                                  lambda i: progress and progress(f"rendered {stale[i].path}"))
            pdfs = dict(zip((h.path for h in stale), rendered))
        skipped = tuple(h.path for h in handouts if h.path not in pdfs)
        if skipped and progress:
            progress(f"{len(skipped)} handout(s) unchanged since the last build, not rendered again")

        # The pages say their PDF's size: rendered now, or already there.
        sizes = {page.pdf: (out / page.pdf).stat().st_size for page in plan.pages
                 if page.pdf and page.pdf not in pdfs and (out / page.pdf).is_file()}
        sizes.update({rel: len(data) for rel, data in pdfs.items()})
        plan.files.update(render_pages(plan, sizes))
        check_translations(plan, options)
        outputs = {rel: data for rel, data in {**plan.files, **pdfs}.items()
                   if in_shard(rel, options.shard)}
        changed = set(write_all({targets[rel]: data for rel, data in outputs.items()}))
        # A build that fell back to English or held a locale back is not recorded as done:
        # the next one runs again and reports it again.
        clean = not (plan.missing or plan.absent or plan.held_back or plan.outdated)
        # A build whose scope is the whole site (no --locale, so every locale of publisher.toml
        # and not the pseudo-locale; every format; no --shard) makes everything the folder
        # should hold: whatever the last manifest lists and it did not make (a locale held
        # back or dropped from publisher.toml, a deleted publication, the pseudo-locale of an
        # earlier --locale build) is stale, and a deploy would ship it. Removed only now that the new files are written
        # (killed before, the folder holds old and new files, never fewer); the new manifest,
        # which keeps only intact files of the old one, no longer lists them.
        whole_site = (not options.locales and set(FORMATS) <= set(options.formats)
                      and options.shard is None)
        removed = (remove_stale(out, previous, {rel.as_posix() for rel in [*outputs, *skipped]})
                   if whole_site else ())
        write_manifest(out, manifest_file, inputs if clean else "",
                       {rel.as_posix(): digests.get(rel, "") for rel in [*outputs, *skipped]}, last)
    written = tuple(rel.as_posix() for rel in outputs if targets[rel] in changed)
    unchanged = tuple(rel.as_posix() for rel in [*outputs, *skipped] if targets[rel] not in changed)
    return BuildResult(out, written, unchanged, tuple(plan.missing), tuple(plan.absent),
                       tuple(plan.held_back), tuple(rel.as_posix() for rel in skipped),
                       outdated=tuple(plan.outdated), removed=removed)
