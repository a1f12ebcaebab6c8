"""The first phase of a build: gather and render everything in memory, where every input error
surfaces, before the first byte is written (MkDocs' two phases).

One frozen :class:`Scope` holds what the whole build shares (the languages it publishes, the
sources newest first, the templates, the translations); one planner per kind of output reads
it: :func:`plan_publication` (a publication's page and handout in one language),
:func:`plan_locale` (a language's index and feed), :func:`plan_root` (the language chooser,
404 page, sitemap, robots.txt), :func:`plan_bilingual` and :func:`plan_assets`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import jinja2
from markupsafe import Markup

from .. import FORMATS, __version__
from ..config import PROJECT_FILE, SITE_DOMAIN, LocaleInfo, Project
from ..errors import (
    WARNING,
    CatalogError,
    Diagnostic,
    SourceError,
    TemplateError,
    UntranslatedError,
    raise_collected,
)
from ..fileio import read_bytes
from ..limits import MAX_RESOURCE_BYTES
from ..po.catalog import CatalogStore
from ..render.feeds import Alternate, Feed, FeedEntry, SitemapUrl, atom, robots, sitemap
from ..render.handouts import Column, bilingual_html, bilingual_pairs, bilingual_path, handout_html
from ..render.localize import LocalizedPublication, localize
from ..render.pseudo import PSEUDO_CODE, PseudoTranslations, pseudo_locale
from ..render.site import (
    NOT_FOUND,
    ROBOTS,
    ROOT_INDEX,
    SITEMAP,
    Link,
    absolute_url,
    alternates,
    asset_files,
    feed_path,
    index_path,
    media_files,
    media_prefix,
    page_path,
    page_url,
    relative_href,
    root_prefix,
)
from ..render.templates import make_environment, render_template
from ..render.translations import Catalogs, TrackedTranslations
from ..render.webmeta import Head, format_size, json_ld, news_article, summary
from ..sources import Source
from ..sources import domains as catalog_domains
from ..sources import messages as source_messages
from ..stats import LocaleProgress, collect


@dataclass(frozen=True)
class BuildOptions:
    formats: tuple[str, ...] = FORMATS
    locales: tuple[str, ...] = ()      # empty: every locale of the project
    strict: bool = False
    output_dir: Path | None = None      # None: output_dir of publisher.toml
    jobs: int | None = None             # processes rendering PDFs; None: one per CPU
    shard: tuple[int, int] | None = None   # (K, N): build only shard K of N (publisher.build.incremental)
    force: bool = False                 # ignore the manifest: render everything again


@dataclass(frozen=True)
class Handout:
    """A PDF to render: where it goes, its HTML, and the publication it shows."""

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


@dataclass(frozen=True)
class Planned:
    """What one planner contributes to the build."""

    files: dict[PurePosixPath, bytes | str] = field(default_factory=dict)
    pages: tuple[Page, ...] = ()
    handouts: tuple[Handout, ...] = ()
    urls: tuple[SitemapUrl, ...] = ()        # for the sitemap

    def __add__(self, other: Planned) -> Planned:
        return Planned({**self.files, **other.files}, self.pages + other.pages,
                       self.handouts + other.handouts, self.urls + other.urls)


@dataclass(frozen=True)
class Plan:
    """Everything to write, gathered before the first byte is written."""

    files: dict[PurePosixPath, bytes | str]
    handouts: tuple[Handout, ...]
    pages: tuple[Page, ...]
    env: jinja2.Environment
    catalogs: Catalogs
    # Warnings: untranslated messages, missing catalogs, locales held back, sources ahead of
    # their catalogs. A build with any is not recorded as done (the next one reports again).
    diagnostics: tuple[Diagnostic, ...] = ()
    held_back: tuple[LocaleProgress, ...] = ()   # below their threshold


@dataclass(frozen=True)
class Scope:
    """What every planner of one build reads."""

    project: Project
    options: BuildOptions
    env: jinja2.Environment
    catalogs: Catalogs
    sources: tuple[Source, ...]               # newest first
    letterheads: dict[str, tuple]             # slug -> the issuer's name per letterhead language
    # The languages the site publishes, in the project's order: the language switcher,
    # hreflang, the sitemap, the feeds and the root page use only this tuple, so that a rule
    # holding a language back (the translation threshold) filters it in one place. A build of
    # some locales (--locale) renders only those, but links the site's other languages: the
    # output folder holds them from an earlier build.
    published: tuple[LocaleInfo, ...]
    built: tuple[LocaleInfo, ...]             # published and asked for
    pseudo: tuple[LocaleInfo, ...]            # built as asked, published nowhere

    @property
    def base(self) -> str:
        return self.project.site.base_url

    @property
    def html(self) -> bool:
        return "html" in self.options.formats

    @property
    def default(self) -> LocaleInfo:
        """x-default: the source language whenever it is published."""
        return (self.published or self.project.locales)[0]

    @property
    def newest(self) -> dt.date | None:
        return self.sources[0].date if self.sources else None

    @property
    def common(self) -> dict:
        return {"version": __version__}

    def ui(self, locale: LocaleInfo) -> TrackedTranslations:
        return self.catalogs.get(locale.code, SITE_DOMAIN)

    def site(self, locale: LocaleInfo) -> dict[str, str]:
        return site_context(self.project, self.ui(locale))

    def localize(self, source: Source, locale: LocaleInfo) -> LocalizedPublication:
        return localize(source, locale, self.catalogs.get(locale.code, source.slug),
                        self.letterheads[source.slug], fallback_tag(self.project, locale))

    def crawled(self, locale: LocaleInfo) -> bool:
        """In the sitemap, with an Atom feed: only a published locale of a site with base_url."""
        return bool(self.base) and locale in self.published


def select_locales(project: Project, codes: tuple[str, ...]) -> tuple[LocaleInfo, ...]:
    if not codes:
        return project.locales
    # The pseudo-locale is built only on request, never with "every locale".
    return tuple(pseudo_locale(project.locales[0]) if code == PSEUDO_CODE else project.locale(code)
                 for code in dict.fromkeys(codes))


def fallback_tag(project: Project, locale: LocaleInfo) -> str:
    """The language of text a locale shows untranslated: the source's (none for the source)."""
    return "" if locale.code == project.source_locale else project.locales[0].tag


def site_context(project: Project, ui) -> dict[str, str]:
    """The site's title and description in the locale of ``ui`` (the site catalog)."""
    return {"site_title": ui.gettext(project.site.title) if project.site.title else project.name,
            "site_description": ui.gettext(project.site.description) if project.site.description else ""}


def hreflang(links: list[Link], x_default: str) -> tuple[Alternate, ...]:
    return (*(Alternate(link.locale.tag, link.href) for link in links),
            Alternate("x-default", x_default))


@dataclass(frozen=True)
class PublicationPlan:
    """A publication in one language: its outputs, and its line in the language's index."""

    planned: Planned
    index_entry: dict
    feed_entry: FeedEntry | None = None


def plan_publication(scope: Scope, locale: LocaleInfo, source: Source) -> PublicationPlan:
    pub = scope.localize(source, locale)
    site, base = scope.site(locale), scope.base
    page, pdf = page_path(locale, source.slug), page_path(locale, source.slug, ".pdf")
    description = summary(pub)
    pages, handouts, urls, feed_entry = [], [], [], None
    if scope.html:
        versions = alternates(scope.published, page, source.slug, base)
        x_default = page_url(page_path(scope.default, source.slug), page, base)
        url = absolute_url(base, page) if base else ""
        issuer = pub.fields.get("issuer") or site["site_title"]
        head = Head(
            locale=locale, title=f"{pub.fields['title']} · {site['site_title']}",
            description=description, canonical=page_url(page, page, base),
            alternates=tuple(versions), x_default=x_default, og_type="article", og_url=url,
            feed=absolute_url(base, feed_path(locale)) if scope.crawled(locale) else "",
            published=pub.iso_date,
            json_ld=json_ld(news_article(pub, description, issuer, url, tuple(versions))))
        pages.append(Page(page, "publication.html", scope.ui(locale), dict(
            locale=locale, pub=pub, root=root_prefix(page), media=media_prefix(page), head=head,
            alternates=alternates(scope.published, page, source.slug), **site, **scope.common),
            pdf=pdf))
        if scope.crawled(locale):
            urls.append(SitemapUrl(url, source.date, hreflang(versions, x_default)))
            feed_entry = FeedEntry(url, pub.fields["title"], description, source.date, issuer,
                                   tuple(Alternate(v.locale.tag, v.href) for v in versions
                                         if v.locale != locale))
    if "pdf" in scope.options.formats:
        html = handout_html(scope.project, scope.env, scope.ui(locale), locale=locale, pub=pub,
                            **site, **scope.common)
        handouts.append(Handout(pdf, html, pub))
    return PublicationPlan(Planned(pages=tuple(pages), handouts=tuple(handouts), urls=tuple(urls)),
                           {"pub": pub, "href": relative_href(page, index_path(locale))},
                           feed_entry)


def plan_locale(scope: Scope, locale: LocaleInfo) -> Planned:
    """Every publication of one language, its index page and its Atom feed."""
    planned, entries, feed_entries = Planned(), [], []
    for source in scope.sources:
        publication = plan_publication(scope, locale, source)
        planned += publication.planned
        entries.append(publication.index_entry)
        if publication.feed_entry:
            feed_entries.append(publication.feed_entry)
    if not scope.html:
        return planned
    site, base, index = scope.site(locale), scope.base, index_path(locale)
    feed = absolute_url(base, feed_path(locale)) if scope.crawled(locale) else ""
    versions = alternates(scope.published, index, None, base)
    x_default = page_url(ROOT_INDEX, index, base)
    head = Head(locale=locale, title=site["site_title"], description=site["site_description"],
                canonical=page_url(index, index, base), alternates=tuple(versions),
                x_default=x_default, og_url=absolute_url(base, index) if base else "", feed=feed)
    planned += Planned(pages=(Page(index, "index.html", scope.ui(locale), dict(
        locale=locale, publications=entries, root=root_prefix(index), head=head,
        alternates=alternates(scope.published, index, None), **site, **scope.common)),))
    if scope.crawled(locale):
        urls = ((SitemapUrl(absolute_url(base, index), scope.newest,
                            hreflang(versions, x_default)),) if scope.newest else ())
        planned += Planned({feed_path(locale): atom(Feed(
            url=feed, home=absolute_url(base, index), lang=locale.tag,
            title=site["site_title"], subtitle=site["site_description"],
            author=site["site_title"], entries=tuple(feed_entries)))}, urls=urls)
    return planned


def plan_root(scope: Scope, urls: tuple[SitemapUrl, ...]) -> Planned:
    """The export's root: the language chooser, the 404 page, the sitemap, robots.txt."""
    default, base = scope.default, scope.base
    site = scope.site(default)
    versions = alternates(scope.published, ROOT_INDEX, None, base)
    x_default = page_url(ROOT_INDEX, ROOT_INDEX, base)
    head = Head(locale=default, title=site["site_title"], description=site["site_description"],
                canonical=x_default, alternates=tuple(versions), x_default=x_default,
                og_url=x_default if base else "")
    chooser = Page(ROOT_INDEX, "languages.html", scope.ui(default), dict(
        locale=default, head=head, choices=alternates(scope.published, ROOT_INDEX, None),
        **site, **scope.common))
    if base and scope.newest:
        urls += (SitemapUrl(x_default, scope.newest, hreflang(versions, x_default)),)
    # A server answers any missing address with 404.html, at any depth: its links are
    # absolute with a base_url, else relative to the export's root (right at the root).
    sections = [Markup(render_template(
        scope.env, "_not_found.html", scope.ui(loc), locale=loc,
        home=f"{base}/{index_path(loc).parent}/" if base else index_path(loc).as_posix()))
        for loc in scope.published]
    not_found = Page(NOT_FOUND, "404.html", scope.ui(default), dict(
        locale=default, sections=sections, root=f"{base}/" if base else "", **site, **scope.common))
    files: dict[PurePosixPath, bytes | str] = {}
    if base and urls and scope.built == scope.published:   # a partial build would drop the others' URLs
        files[SITEMAP] = sitemap(list(urls))
    files[ROBOTS] = robots(absolute_url(base, SITEMAP) if base and urls else "")
    return Planned(files, pages=(chooser, not_found))


def plan_bilingual(scope: Scope) -> Planned:
    """One sheet per publication and (source, target) pair: both languages side by side."""
    handouts = []
    for pair in bilingual_pairs(scope.project, scope.built):
        uis = [scope.ui(locale) for locale in pair]
        for source in scope.sources:
            first, second = (
                Column(locale, scope.localize(source, locale), ui.gettext,
                       site_context(scope.project, ui)["site_title"])
                for locale, ui in zip(pair, uis))
            html = bilingual_html(scope.project, scope.env, first, second, uis[0], **scope.common)
            handouts.append(Handout(bilingual_path(source.slug, *pair), html, second.pub))
    return Planned(handouts=tuple(handouts))


def plan_assets(scope: Scope) -> Planned:
    """The stylesheet and fonts the web pages load, and the content's images."""
    project = scope.project
    files = {target: read_bytes(path, project.relative(path), TemplateError, MAX_RESOURCE_BYTES,
                                (project.templates_dir,))
             for target, path in asset_files(project.templates_dir).items()}
    files.update({target: read_bytes(path, project.relative(path), SourceError, MAX_RESOURCE_BYTES,
                                     (project.content_dir,))
                  for target, path in media_files(project.root, scope.sources).items()})
    return Planned(files)


def outdated_sources(store: CatalogStore, sources: tuple[Source, ...],
                     current: dict[str, tuple[str, ...]]) -> list[Diagnostic]:
    """Why the catalogs lag behind the sources: each publication with messages its template
    (locales/<slug>.pot, which publisher update rewrites with every catalog) lacks."""
    found = []
    for source in sources:
        listed: set[str] = set()
        if store.template_path(source.slug).exists():
            template = store.template(source.slug)
            if template is None:
                continue        # broken: the reader's own errors say so
            listed = {entry.msgid for entry in template if not entry.obsolete}
        new = [msgid for msgid in current[source.slug] if msgid not in listed]
        if new:
            found.append(Diagnostic(source.path, None, "outdated", WARNING,
                                    f"{len(new)} message(s) not in the catalogs yet, shown in "
                                    f"English in every language (first: {new[0][:60]!r}); "
                                    "run publisher update"))
    return found


def held_back_diagnostics(project: Project, held_back: tuple[LocaleProgress, ...]
                          ) -> list[Diagnostic]:
    """Why each locale below its threshold was not published, and what it lacks."""
    found = []
    for progress in held_back:
        total, code = progress.total, progress.locale.code
        found.append(Diagnostic(
            PROJECT_FILE, project.config_lines.get(f"languages.{code}.threshold"), "threshold",
            WARNING, f"{code} not published: {total.translated.messages} of "
            f"{total.total.messages} messages translated ({total.percent} %), below its "
            f"threshold of {progress.locale.threshold} %"))
        found += progress.shortfall()
    return found


def _scope(project: Project, sources: tuple[Source, ...], options: BuildOptions,
           store: CatalogStore, published: tuple[LocaleInfo, ...]) -> Scope:
    locales = select_locales(project, options.locales)
    catalogs = Catalogs(project, store, generated={PSEUDO_CODE: PseudoTranslations})
    ordered = tuple(sorted(sources, key=lambda s: (s.date, s.slug), reverse=True))
    return Scope(project=project, options=options, env=make_environment(project.templates_dir),
                 catalogs=catalogs, sources=ordered,
                 letterheads={source.slug: catalogs.letterhead(source) for source in ordered},
                 published=published, built=tuple(loc for loc in published if loc in locales),
                 pseudo=tuple(loc for loc in locales if loc.code == PSEUDO_CODE))


def gather(project: Project, sources: tuple[Source, ...], options: BuildOptions,
           store: CatalogStore | None = None) -> Plan:
    store = store or CatalogStore(project.locales_dir, project.relative)
    # Counted against the sources as they are now: an English edit that publisher update has
    # not yet brought into the catalogs counts as untranslated, in every language.
    current = source_messages(sources)
    # A locale below its threshold (percent of messages translated) is held back, with the
    # same figures publisher stats prints; the source locale has no threshold.
    held_back = tuple(progress for progress in
                      collect([loc for loc in project.locales if loc.threshold],
                              catalog_domains(sources), store, expected=current)
                      if not progress.published)
    published = tuple(loc for loc in project.locales
                      if loc not in {progress.locale for progress in held_back})
    scope = _scope(project, sources, options, store, published)
    planned = Planned()
    for locale in scope.built + scope.pseudo:
        planned += plan_locale(scope, locale)
    if "pdf-bilingual" in options.formats:
        planned += plan_bilingual(scope)
    if scope.html and scope.built:     # (a build of the pseudo-locale alone leaves the root pages alone)
        planned += plan_root(scope, planned.urls)
    if scope.html:
        planned += plan_assets(scope)
    raise_collected(store.errors)
    if options.strict:     # refuse a locale whose catalogs have error-level problems (publisher check)
        refuse_check_errors(project, store, options)
    diagnostics = (outdated_sources(store, sources, current)
                   + held_back_diagnostics(project, held_back))
    plan = Plan(planned.files, planned.handouts, planned.pages, scope.env, scope.catalogs,
                tuple(diagnostics), held_back)
    translation_diagnostics(plan, options)      # --strict refuses before anything is rendered
    return plan


def refuse_check_errors(project: Project, store: CatalogStore, options: BuildOptions) -> None:
    """--strict: the error-level problems publisher check finds in the built locales' catalogs."""
    from ..checks.run import check_locales, project_settings
    chosen = select_locales(project, options.locales)
    checked = tuple(loc.code for loc in chosen if loc in project.locales)
    if checked:
        report = check_locales(store, checked, project_settings(project), ())
        raise_collected(CatalogError(f"[{problem.code}] {problem.message}", problem.path,
                                     problem.line, code=problem.code) for problem in report.errors)


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


def translation_diagnostics(plan: Plan, options: BuildOptions) -> tuple[Diagnostic, ...]:
    """What the build reports: the plan's warnings and what the pages show in English. With
    --strict, any of it is refused."""
    diagnostics = (*plan.diagnostics, *plan.catalogs.diagnostics())
    if options.strict:
        raise_collected(UntranslatedError.from_diagnostic(d) for d in diagnostics
                        if d.code in ("untranslated", "outdated"))
    return diagnostics
