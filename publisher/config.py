"""The project file ``publisher.toml``: where things are and which locales to publish."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError

from .errors import ConfigError, PublisherError, raise_collected
from .fileio import read_text
from .lang import capitalize_first
from .tomlutil import parse_toml

PROJECT_FILE = "publisher.toml"
PAGE_SIZES = ("A4", "A5", "Letter", "Legal")
SITE_DOMAIN = "site"
# The archival/accessible PDF variants of WeasyPrint 70 (pdf_variant) that a handout may be
# written as; every handout is tagged in any case. Named here so that a typo in publisher.toml
# is reported when the project loads, without importing WeasyPrint.
PDF_VARIANTS = ("pdf/a-1b", "pdf/a-1a", "pdf/a-2b", "pdf/a-2u", "pdf/a-2a", "pdf/a-3b",
                "pdf/a-3u", "pdf/a-3a", "pdf/a-4u", "pdf/ua-1", "pdf/ua-2")
DEFAULT_PDF_VARIANT = "pdf/a-3u"
# How many obsolete (#~) messages a catalog keeps by default ([checks] keep_obsolete).
KEEP_OBSOLETE = 50
@dataclass(frozen=True)
class LocaleInfo:
    code: str          # as in the catalogs' folder name: "az", "en", "pt_BR"
    tag: str           # BCP 47 for lang/hreflang: "az", "pt-BR"
    name: str          # the language named in itself, as a reader would look for it
    # Percent of its messages that must be translated for the locale to be published
    # ([languages.<code>] threshold in publisher.toml); 0: always published.
    threshold: int = 0
    # The CLDR locale that formats its dates when ``code`` is none (the pseudo-locale).
    cldr: str = ""

    @property
    def babel_code(self) -> str:
        return self.cldr or self.code


@dataclass(frozen=True)
class SiteInfo:
    title: str
    description: str
    base_url: str


@dataclass(frozen=True)
class PdfSettings:
    """[pdf] in publisher.toml: how handouts are written."""

    variant: str = DEFAULT_PDF_VARIANT   # one of PDF_VARIANTS, recorded in the PDF's XMP
    hyphenate: bool = True               # Azerbaijani soft hyphens and justified text


@dataclass(frozen=True)
class Project:
    root: Path
    name: str
    source_locale: str
    locales: tuple[LocaleInfo, ...]       # the source locale first
    output_dir: Path
    page_size: str
    site: SiteInfo
    config_lines: dict[str, int]          # "table.key" -> line in publisher.toml, for messages
    pdf: PdfSettings = PdfSettings()
    # [checks] keep_obsolete: how many obsolete (#~) messages a catalog keeps before
    # publisher check calls the older ones kept too long.
    keep_obsolete: int = KEEP_OBSOLETE

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def locales_dir(self) -> Path:
        return self.root / "locales"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    def locale(self, code: str) -> LocaleInfo:
        for info in self.locales:
            if info.code == code:
                return info
        raise ConfigError(f"unknown locale {code!r}; the project has: "
                          f"{', '.join(i.code for i in self.locales)}", PROJECT_FILE,
                          self.config_lines.get("project.locales"))

    def relative(self, path: Path) -> str:
        """A path as the user wants to read it in messages: relative to the project."""
        if path.is_relative_to(self.root) and ".." not in path.parts:   # the usual case: no I/O
            return path.relative_to(self.root).as_posix()
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


_KNOWN = {
    "project": {"name", "source_locale", "locales", "output_dir", "page_size"},
    "site": {"title", "description", "base_url"},
    "pdf": {"variant", "hyphenate"},
    "checks": {"keep_obsolete"},
}
LANGUAGE_KEYS = {"name", "threshold"}      # [languages.<code>]


def parse_locale(code: str) -> Locale:
    """Babel's Locale for a catalog folder name; UnknownLocaleError/ValueError if there is none."""
    return Locale.parse(code)


def locale_info(code: str, name: str | None = None) -> LocaleInfo:
    locale = parse_locale(code)
    # Babel's autonyms are lower-case ("azərbaycan"); a language menu wants the name as a title.
    # Capitalize with the locale's own casing rule: only the first letter, never str.capitalize()
    # on a Turkic "i".
    autonym = locale.get_display_name(locale) or code
    name = name or capitalize_first(autonym, code)
    return LocaleInfo(code=code, tag=code.replace("_", "-"), name=name)


def load_project(root: Path) -> Project:
    root = root.resolve()
    path = root / PROJECT_FILE
    if not path.is_file():
        raise ConfigError(f"no {PROJECT_FILE} here; run publisher inside a project "
                          f"or give --project DIR", str(path))
    data, lines = parse_toml(read_text(path, PROJECT_FILE, ConfigError), PROJECT_FILE, error=ConfigError)
    errors: list[PublisherError] = []

    def problem(message: str, key: str) -> None:
        errors.append(ConfigError(message, PROJECT_FILE, lines.get(key)))

    for table, value in data.items():
        if table not in _KNOWN and table != "languages":
            problem(f"unknown table [{table}]", table)
        elif not isinstance(value, dict):
            problem(f"{table} must be a table: [{table}]", table)
        elif table in _KNOWN:
            for key in value:
                if key not in _KNOWN[table]:
                    problem(f"unknown setting {key!r} in [{table}]", f"{table}.{key}")

    def table(name: str) -> dict:
        value = data.get(name, {})
        return value if isinstance(value, dict) else {}

    settings, site, names = table("project"), table("site"), table("languages")

    def text(table: dict, key: str, default: str, where: str) -> str:
        value = table.get(key, default)
        if not isinstance(value, str):
            problem(f"{key} must be a string", where)
            return default
        return value

    source = text(settings, "source_locale", "en", "project.source_locale")
    codes = settings.get("locales", [source])
    if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
        problem("locales must be a list of locale codes, e.g. [\"en\", \"az\"]", "project.locales")
        codes = [source]
    ordered = [source] + [code for code in codes if code != source]
    locales: list[LocaleInfo] = []
    for code, entry in names.items():
        if not isinstance(entry, dict):
            problem(f"[languages.{code}] must be a table", f"languages.{code}")
            continue
        for key in entry:
            if key not in LANGUAGE_KEYS:
                problem(f"unknown setting {key!r} in [languages.{code}]", f"languages.{code}.{key}")
    folded: dict[str, str] = {}
    for code in dict.fromkeys(ordered):
        # Each locale names an output folder: "az" and "AZ" would be one folder on macOS/Windows.
        if (twin := folded.setdefault(code.casefold(), code)) != code:
            problem(f"locale {code!r} and {twin!r} differ only in case; their output folders "
                    "would clash on a case-insensitive file system", "project.locales")
            continue
        entry = names.get(code, {})
        entry = entry if isinstance(entry, dict) else {}
        name = entry.get("name")
        if name is not None and not isinstance(name, str):
            problem(f"the name of {code!r} must be a string", f"languages.{code}.name")
            name = None
        threshold = entry.get("threshold", 0)
        if code == source and "threshold" in entry:
            problem(f"{code!r} is the source locale, always published: it takes no threshold",
                    f"languages.{code}.threshold")
            threshold = 0
        elif isinstance(threshold, bool) or not isinstance(threshold, int) or not 0 <= threshold <= 100:
            problem(f"the threshold of {code!r} must be a whole percent from 0 to 100, "
                    f"not {threshold!r}", f"languages.{code}.threshold")
            threshold = 0
        try:
            locales.append(replace(locale_info(code, name), threshold=threshold))
        except (UnknownLocaleError, ValueError):
            problem(f"unknown locale {code!r} (not in Babel's CLDR data)", "project.locales")

    page_size = text(settings, "page_size", "A4", "project.page_size")
    if page_size not in PAGE_SIZES:
        problem(f"page_size must be one of {', '.join(PAGE_SIZES)}, not {page_size!r}",
                "project.page_size")

    output_dir = (root / text(settings, "output_dir", "dist", "project.output_dir")).resolve()
    if message := output_dir_problem(root, output_dir):
        problem(message, "project.output_dir")

    base_url = text(site, "base_url", "", "site.base_url")
    if base_url and not base_url.startswith(("https://", "http://")):
        problem("base_url must be an absolute http(s) URL or empty", "site.base_url")
    name = text(settings, "name", root.name, "project.name")
    site_info = SiteInfo(title=text(site, "title", "", "site.title"),
                         description=text(site, "description", "", "site.description"),
                         base_url=base_url.rstrip("/"))

    pdf_table = table("pdf")
    variant = text(pdf_table, "variant", DEFAULT_PDF_VARIANT, "pdf.variant")
    if variant not in PDF_VARIANTS:
        problem(f"[pdf] variant must be one of {', '.join(PDF_VARIANTS)}, not {variant!r}",
                "pdf.variant")
        variant = DEFAULT_PDF_VARIANT
    hyphenate = pdf_table.get("hyphenate", True)
    if not isinstance(hyphenate, bool):
        problem("[pdf] hyphenate must be true or false", "pdf.hyphenate")
        hyphenate = True

    keep_obsolete = table("checks").get("keep_obsolete", KEEP_OBSOLETE)
    if isinstance(keep_obsolete, bool) or not isinstance(keep_obsolete, int) or keep_obsolete < 0:
        problem("[checks] keep_obsolete must be a whole number, 0 or more", "checks.keep_obsolete")
        keep_obsolete = KEEP_OBSOLETE

    raise_collected(errors)
    return Project(root=root, name=name, source_locale=source, locales=tuple(locales),
                   output_dir=output_dir, page_size=page_size, site=site_info, config_lines=lines,
                   pdf=PdfSettings(variant=variant, hyphenate=hyphenate),
                   keep_obsolete=keep_obsolete)


def output_dir_problem(root: Path, output_dir: Path) -> str | None:
    """Why outputs must not go to ``output_dir`` (it holds the project's own files), or None."""
    output_dir = output_dir.resolve()
    if root.resolve().is_relative_to(output_dir):
        return f"output folder {output_dir} would hold the whole project; choose a folder of its own"
    for protected in ("content", "locales", "templates"):
        folder = (root / protected).resolve()
        if folder.is_relative_to(output_dir) or output_dir.is_relative_to(folder):
            return (f"output folder {output_dir} overlaps the project's {protected}/ folder; "
                    "choose a folder of its own")
    return None
