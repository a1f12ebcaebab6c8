"""Extraction: turn sources and templates into gettext templates (.pot), one per domain.

Each publication is its own domain (named by its slug); the strings of ``templates/`` and the
site's title and description from publisher.toml form the ``site`` domain. The templates are
read through Jinja2's own Babel extractor, the one ``pybabel extract -F babel.cfg`` uses.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import polib
from babel.messages.extract import extract

from .config import PROJECT_FILE, SITE_DOMAIN, Project
from .errors import CatalogError, TemplateError
from .fileio import read_bytes
from .limits import MAX_CATALOG_BYTES, MAX_RESOURCE_BYTES
from .po.catalog import parse_catalog, template_metadata, template_path, timestamp
from .po.format import format_catalog
from .po.placeholders import is_python_format
from .sources import Source

JINJA_METHOD = "jinja2.ext:babel_extract"
# silent=false: a broken template must stop extraction, not quietly drop its strings.
JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trimmed": "true", "silent": "false"}


def _template(project: Project, domain: str, title: str) -> polib.POFile:
    catalog = polib.POFile(wrapwidth=79)
    catalog.header = (f"Translations template for {title}.\n"
                      "Made by `publisher extract`: translate the .po files, not this one.")
    catalog.metadata = template_metadata(project.name, domain, timestamp())
    return catalog


def _add(catalog: polib.POFile, msgid: str, path: str, line: int, comment: str,
         index: dict[str, polib.POEntry]) -> None:
    entry = index.get(msgid)
    if entry is None:
        entry = polib.POEntry(msgid=msgid, msgstr="", comment=comment, occurrences=[])
        index[msgid] = entry
        catalog.append(entry)
    elif comment and comment not in entry.comment.split("\n"):
        entry.comment += "\n" + comment
    entry.occurrences.append((path, str(line)))


def publication_template(project: Project, source: Source) -> polib.POFile:
    """The .pot of one publication: a message per front-matter field and block (pure)."""
    catalog = _template(project, source.slug, source.slug)
    index: dict[str, polib.POEntry] = {}
    for segment in source.segments:
        _add(catalog, segment.text, source.path, segment.line, segment.role, index)
    return catalog


def template_sources(folder: Path) -> list[Path]:
    """The templates in the order pybabel's extract_from_dir walks them (files, then folders)."""
    found = []
    for directory, folders, files in os.walk(folder):
        folders.sort()
        found += [Path(directory, name) for name in sorted(files) if name.endswith(".html")]
    return found


def site_template(project: Project) -> polib.POFile:
    """The .pot of the site domain: every string in templates/, then publisher.toml's."""
    catalog = _template(project, SITE_DOMAIN, "the site and handout templates")
    index: dict[str, polib.POEntry] = {}
    if not project.templates_dir.is_dir():
        raise TemplateError("templates/ folder not found", project.relative(project.templates_dir))
    for path in template_sources(project.templates_dir):
        display = project.relative(path)
        data = read_bytes(path, display, TemplateError, MAX_RESOURCE_BYTES, (project.templates_dir,))
        try:
            found = list(extract(JINJA_METHOD, io.BytesIO(data), options=JINJA_OPTIONS,
                                 comment_tags=("Translators:",), strip_comment_tags=True))
        except Exception as exc:  # Jinja2's TemplateSyntaxError and friends
            raise TemplateError(f"cannot extract strings: {exc}", display,
                                getattr(exc, "lineno", None)) from None
        for lineno, message, comments, context in found:
            if context or isinstance(message, tuple):
                raise TemplateError("plural forms and contexts are not used in templates yet",
                                    display, lineno)
            _add(catalog, message, display, lineno, "\n".join(comments), index)
            if is_python_format(message) and "python-format" not in index[message].flags:
                index[message].flags.append("python-format")
    for key in ("title", "description"):
        value = getattr(project.site, key)
        if value:
            _add(catalog, value, PROJECT_FILE, project.config_lines.get(f"site.{key}", 1),
                 f"site {key}", index)
    return catalog


def build_templates(project: Project, sources: tuple[Source, ...]) -> dict[str, polib.POFile]:
    """Every domain's template, gathered in memory before anything is written."""
    templates = {SITE_DOMAIN: site_template(project)}
    for source in sources:
        templates[source.slug] = publication_template(project, source)
    return templates


def _same_messages(old: polib.POFile, new: polib.POFile) -> bool:
    def body(catalog: polib.POFile) -> str:
        text = format_catalog(catalog)
        return text[text.index("\n\n"):] if "\n\n" in text else ""
    return body(old) == body(new)


def keep_creation_dates(project: Project, templates: dict[str, polib.POFile]) -> None:
    """Give each template the POT-Creation-Date it has on disk when no message changed, so that
    extracting or updating unchanged sources changes no byte of any .pot or .po."""
    for domain, template in templates.items():
        path = template_path(project.locales_dir, domain)
        if path.exists():
            display = project.relative(path)
            old = parse_catalog(read_bytes(path, display, CatalogError, MAX_CATALOG_BYTES,
                                           (project.locales_dir,)), display)
            if _same_messages(old, template) and "POT-Creation-Date" in old.metadata:
                template.metadata["POT-Creation-Date"] = old.metadata["POT-Creation-Date"]


def template_files(project: Project, templates: dict[str, polib.POFile]) -> dict[Path, str]:
    """Where each template goes and its text, for one all-or-nothing write."""
    return {template_path(project.locales_dir, domain): format_catalog(template)
            for domain, template in templates.items()}
