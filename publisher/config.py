"""The project file ``publisher.toml``: where things are and which locales to publish."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError

from .errors import ConfigError, PublisherError, raise_collected
from .fileio import read_text
from .lang import capitalize_first
from .limits import MAX_CONFIG_BYTES
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
PDF_TIMEOUT = 120
PDF_MEMORY_MB = 2048
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
class PdfSettings:
    """[pdf] in publisher.toml: how handouts are written."""

    variant: str = DEFAULT_PDF_VARIANT   # one of PDF_VARIANTS, recorded in the PDF's XMP
    hyphenate: bool = True               # Azerbaijani soft hyphens and justified text
    # What rendering one handout may cost before it is stopped and reported (a 3-page handout
    # takes well under a second and 250 MB): publisher.build.parallel.
    timeout: int = PDF_TIMEOUT           # seconds of wall-clock time
    memory_mb: int = PDF_MEMORY_MB       # megabytes of address space


@dataclass(frozen=True)
class SiteInfo:
    """[site] in publisher.toml: what the web export says of itself."""

    title: str
    description: str = ""
    base_url: str = ""         # absolute URLs and the sitemap and feeds; "" for a relative export


@dataclass(frozen=True)
class Project:
    """A project as publisher.toml describes it, every setting checked and resolved."""

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


# A catalog folder's name, as gettext and Babel write locales: a language, then maybe a script
# and a region (az, pt_BR, sr_Latn, az_Latn_AZ, es_419), maybe a modifier (sr@latin). Checked
# before Babel reads it: Babel takes "de.x/../../pwn" for "de" (all after the "." is the
# encoding, to it), and the code names folders.
LOCALE_CODE = re.compile(r"[a-z]{2,3}(?:_[A-Z][a-z]{3})?(?:_(?:[A-Z]{2}|[0-9]{3}))?(?:@[a-z]{1,8})?")


def locale_problem(code: str) -> str | None:
    """Why ``code`` cannot name a locale (and its folders), or None."""
    shown = repr(code if len(code) <= 60 else code[:60] + "…")
    if not LOCALE_CODE.fullmatch(code):
        underscored = code.replace("-", "_")
        hint = (f" (gettext writes {underscored!r})" if underscored != code
                and LOCALE_CODE.fullmatch(underscored) else "")
        return (f"{shown} is not a valid locale code: write a language (az), maybe with a script "
                f"(sr_Latn) or a region (pt_BR), as gettext names catalog folders{hint}")
    try:
        babel = str(Locale.parse(code))
    except (UnknownLocaleError, ValueError):
        return f"unknown locale {shown} (not in Babel's CLDR data)"
    if babel != code:
        return f"locale {shown} is written {babel!r} in Babel's CLDR data; write that"
    return None


def parse_locale(code: str) -> Locale:
    """Babel's Locale for a catalog folder name; a ConfigError if there is none (see
    locale_problem)."""
    if problem := locale_problem(code):
        raise ConfigError(problem)
    return Locale.parse(code)


def locale_info(code: str, name: str | None = None) -> LocaleInfo:
    locale = parse_locale(code)
    # Babel's autonyms are lower-case ("azərbaycan"); a language menu wants the name as a title.
    # Capitalize with the locale's own casing rule: only the first letter, never str.capitalize()
    # on a Turkic "i".
    autonym = locale.get_display_name(locale) or code
    name = name or capitalize_first(autonym, code)
    return LocaleInfo(code=code, tag=code.replace("_", "-"), name=name)


# ------------------------------------------------------------------- the schema
# Each setting of publisher.toml once: its table, key, default and the rule its value keeps,
# as MkDocs declares its config schema. load_project() checks every setting against it and
# reports every problem at once, each at its line.

Rule = Callable[[object], str | None]      # why a value is wrong ("a string"), or None


def text(value: object) -> str | None:
    return None if isinstance(value, str) else "a string"


def flag(value: object) -> str | None:
    return None if isinstance(value, bool) else "true or false"


def whole(minimum: int, maximum: int | None = None, unit: str = "number") -> Rule:
    def rule(value: object) -> str | None:
        fits = (isinstance(value, int) and not isinstance(value, bool) and value >= minimum
                and (maximum is None or value <= maximum))
        if fits:
            return None
        return (f"a whole {unit} from {minimum} to {maximum}, not {value!r}" if maximum is not None
                else f"a whole {unit}, {minimum} or more")
    return rule


def one_of(choices: tuple[str, ...]) -> Rule:
    def rule(value: object) -> str | None:
        return None if value in choices else f"one of {', '.join(choices)}, not {value!r}"
    return rule


def http_url(value: object) -> str | None:
    """One absolute http(s) address (it is written into every page, the sitemap and
    robots.txt, where a line break would start a line of its own), or empty."""
    if value == "":
        return None
    problem = ("one absolute http(s) URL (a host and maybe a path), without spaces, line "
               "breaks, user name, query or fragment; or empty")
    if not isinstance(value, str) or not value.isprintable() or " " in value:
        return problem
    try:
        parts = urlsplit(value)
        port = parts.port      # a port that is no number raises ValueError
    except ValueError:
        return problem
    if (parts.scheme not in ("http", "https") or not parts.hostname or port == 0 or "@" in parts.netloc
            or parts.query or parts.fragment or value.endswith(("?", "#"))):
        return problem
    return None


def locale_codes(value: object) -> str | None:
    if isinstance(value, list) and all(isinstance(code, str) for code in value):
        return None
    return 'a list of locale codes, e.g. ["en", "az"]'


@dataclass(frozen=True)
class Setting:
    table: str
    key: str
    default: object
    rule: Rule

    @property
    def name(self) -> str:
        return f"{self.table}.{self.key}"


SETTINGS = (
    Setting("project", "name", None, text),               # default: the project folder's name
    Setting("project", "source_locale", "en", text),
    Setting("project", "locales", None, locale_codes),     # default: the source locale alone
    Setting("project", "output_dir", "dist", text),
    Setting("project", "page_size", "A4", one_of(PAGE_SIZES)),
    Setting("site", "title", "", text),
    Setting("site", "description", "", text),
    Setting("site", "base_url", "", http_url),
    Setting("pdf", "variant", DEFAULT_PDF_VARIANT, one_of(PDF_VARIANTS)),
    Setting("pdf", "hyphenate", True, flag),
    Setting("pdf", "timeout", PDF_TIMEOUT, whole(1, 3600, "number of seconds")),
    Setting("pdf", "memory_mb", PDF_MEMORY_MB, whole(256, None, "number of megabytes")),
    Setting("checks", "keep_obsolete", KEEP_OBSOLETE, whole(0)),
)
# [languages.<code>]: one table per locale.
LANGUAGE_SETTINGS = (
    Setting("languages", "name", None, text),
    Setting("languages", "threshold", 0, whole(0, 100, "percent")),
)


class _Problems:
    """The problems of one publisher.toml, each at the line of its key."""

    def __init__(self, lines: dict[str, int]):
        self.lines = lines
        self.errors: list[PublisherError] = []

    def add(self, message: str, key: str) -> None:
        self.errors.append(ConfigError(message, PROJECT_FILE, self.lines.get(key)))


def _check_shape(data: dict, problems: _Problems) -> None:
    """Unknown tables and keys, and tables that are not tables."""
    known = {setting.table for setting in SETTINGS} | {"languages"}
    language_keys = {setting.key for setting in LANGUAGE_SETTINGS}
    for table, value in data.items():
        if table not in known:
            problems.add(f"unknown table [{table}]", table)
        elif not isinstance(value, dict):
            problems.add(f"{table} must be a table: [{table}]", table)
        elif table == "languages":
            for code, entry in value.items():
                if not isinstance(entry, dict):
                    problems.add(f"[languages.{code}] must be a table", f"languages.{code}")
                    continue
                for key in entry.keys() - language_keys:
                    problems.add(f"unknown setting {key!r} in [languages.{code}]",
                                 f"languages.{code}.{key}")
        else:
            keys = {setting.key for setting in SETTINGS if setting.table == table}
            for key in value.keys() - keys:
                problems.add(f"unknown setting {key!r} in [{table}]", f"{table}.{key}")


def _value(table: dict, setting: Setting, problems: _Problems, where: str) -> object:
    """The setting's value in ``table`` (its default when absent or wrong)."""
    value = table.get(setting.key, setting.default)
    if setting.key in table and (problem := setting.rule(value)):
        problems.add(f"[{where}] {setting.key} must be {problem}", f"{where}.{setting.key}")
        return setting.default
    return value


def _settings(data: dict, problems: _Problems) -> dict[str, object]:
    """Every setting of SETTINGS by name (``"pdf.variant"``), checked."""
    def table(name: str) -> dict:
        value = data.get(name, {})
        return value if isinstance(value, dict) else {}
    return {setting.name: _value(table(setting.table), setting, problems, setting.table)
            for setting in SETTINGS}


def _languages(data: dict, source: str, codes: list[str], problems: _Problems
               ) -> tuple[LocaleInfo, ...]:
    """The locales to build, the source first, each with its [languages.<code>] settings."""
    tables = data.get("languages", {}) if isinstance(data.get("languages"), dict) else {}
    locales: list[LocaleInfo] = []
    folded: dict[str, str] = {}
    for code in dict.fromkeys([source, *codes]):
        # Each locale names an output folder: "az" and "AZ" would be one folder on macOS/Windows.
        if (twin := folded.setdefault(code.casefold(), code)) != code:
            problems.add(f"locale {code!r} and {twin!r} differ only in case; their output "
                         "folders would clash on a case-insensitive file system", "project.locales")
            continue
        entry = tables.get(code, {}) if isinstance(tables.get(code), dict) else {}
        name, threshold = (_value(entry, setting, problems, f"languages.{code}")
                           for setting in LANGUAGE_SETTINGS)
        if code == source and "threshold" in entry:
            problems.add(f"{code!r} is the source locale, always published: it takes no "
                         "threshold", f"languages.{code}.threshold")
            threshold = 0
        if problem := locale_problem(code):
            problems.add(problem, "project.source_locale" if code == source and
                         "project.source_locale" in problems.lines else "project.locales")
            continue
        locales.append(replace(locale_info(code, name), threshold=threshold))
    return tuple(locales)


def load_project(root: Path) -> Project:
    root = root.resolve()
    path = root / PROJECT_FILE
    if not path.is_file():
        raise ConfigError(f"no {PROJECT_FILE} here; run publisher inside a project "
                          f"or give --project DIR", str(path))
    data, lines = parse_toml(read_text(path, PROJECT_FILE, ConfigError, MAX_CONFIG_BYTES), PROJECT_FILE,
                             error=ConfigError)
    problems = _Problems(lines)
    _check_shape(data, problems)
    values = _settings(data, problems)
    source = values["project.source_locale"]
    locales = _languages(data, source, values["project.locales"] or [source], problems)
    output_dir = (root / values["project.output_dir"]).resolve()
    if message := output_dir_problem(root, output_dir):
        problems.add(message, "project.output_dir")
    raise_collected(sorted(problems.errors, key=lambda error: error.line or 0))   # file order
    return Project(root=root, name=values["project.name"] or root.name, source_locale=source,
                   locales=locales, output_dir=output_dir, page_size=values["project.page_size"],
                   site=SiteInfo(title=values["site.title"], description=values["site.description"],
                                 base_url=values["site.base_url"].rstrip("/")),
                   config_lines=lines,
                   pdf=PdfSettings(variant=values["pdf.variant"], hyphenate=values["pdf.hyphenate"],
                                   timeout=values["pdf.timeout"], memory_mb=values["pdf.memory_mb"]),
                   keep_obsolete=values["checks.keep_obsolete"])


def output_dir_problem(root: Path, output_dir: Path) -> str | None:
    """Why outputs must not go to ``output_dir`` (it holds the project's own files), or None."""
    output_dir = output_dir.resolve()
    if root.resolve().is_relative_to(output_dir):
        return f"output folder {output_dir} would hold the whole project; choose a folder of its own"
    try:
        home = Path.home().resolve()
    except (RuntimeError, KeyError):     # no home folder known
        home = None
    if output_dir in (home, Path(output_dir.anchor)):
        return (f"output folder {output_dir} is {'your home folder' if output_dir == home else 'a root'}; "
                "choose a folder of its own")
    for protected in ("content", "locales", "templates"):
        folder = (root / protected).resolve()
        if folder.is_relative_to(output_dir) or output_dir.is_relative_to(folder):
            return (f"output folder {output_dir} overlaps the project's {protected}/ folder; "
                    "choose a folder of its own")
    return None
