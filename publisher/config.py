"""The project file ``publisher.toml``: where things are and which locales to publish."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError

from .errors import ConfigError, PublisherError, raise_collected
from .fileio import read_text
from .tomlutil import parse_toml

PROJECT_FILE = "publisher.toml"
PAGE_SIZES = ("A4", "A5", "Letter", "Legal")
SITE_DOMAIN = "site"


@dataclass(frozen=True)
class LocaleInfo:
    code: str          # as in the catalogs' folder name: "az", "en", "pt_BR"
    tag: str           # BCP 47 for lang/hreflang: "az", "pt-BR"
    name: str          # the language named in itself, as a reader would look for it


@dataclass(frozen=True)
class SiteInfo:
    title: str
    description: str
    base_url: str


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
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


_KNOWN = {
    "project": {"name", "source_locale", "locales", "output_dir", "page_size"},
    "site": {"title", "description", "base_url"},
}


def parse_locale(code: str) -> Locale:
    """Babel's Locale for a catalog folder name; UnknownLocaleError/ValueError if there is none."""
    return Locale.parse(code)


def locale_info(code: str, name: str | None = None) -> LocaleInfo:
    locale = parse_locale(code)
    # Babel's autonyms are lower-case ("azərbaycan"); a language menu wants the name as a title.
    # Capitalize with the locale's own casing rule: only the first letter, never str.capitalize()
    # on a Turkic "i".
    autonym = locale.get_display_name(locale) or code
    if not name:
        first = autonym[0]
        upper = "İ" if first == "i" and locale.language in {"az", "tr", "crh", "kk", "tt"} else first.upper()
        name = upper + autonym[1:]
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
    for code in dict.fromkeys(ordered):
        entry = names.get(code, {})
        name = entry.get("name") if isinstance(entry, dict) else None
        if name is not None and not isinstance(name, str):
            problem(f"the name of {code!r} must be a string", f"languages.{code}.name")
            name = None
        try:
            locales.append(locale_info(code, name))
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

    raise_collected(errors)
    return Project(root=root, name=name, source_locale=source, locales=tuple(locales),
                   output_dir=output_dir, page_size=page_size, site=site_info, config_lines=lines)


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
