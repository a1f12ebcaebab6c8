"""The static web export: which pages exist, where they go, and how they link (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..config import LocaleInfo
from ..errors import OutputError

ASSET_DIR = "assets"
MEDIA_DIR = "media"          # the content's images, by their path under content/
ROOT_INDEX = PurePosixPath("index.html")
NOT_FOUND = PurePosixPath("404.html")
SITEMAP = PurePosixPath("sitemap.xml")
ROBOTS = PurePosixPath("robots.txt")


@dataclass(frozen=True)
class Link:
    locale: LocaleInfo
    href: str


def page_path(locale: LocaleInfo, slug: str, suffix: str = ".html") -> PurePosixPath:
    return PurePosixPath(locale.code, f"{slug}{suffix}")


def index_path(locale: LocaleInfo) -> PurePosixPath:
    return PurePosixPath(locale.code, "index.html")


def feed_path(locale: LocaleInfo) -> PurePosixPath:
    return PurePosixPath(locale.code, "feed.xml")


def relative_href(target: PurePosixPath, page: PurePosixPath) -> str:
    """A link from ``page`` to ``target``, both relative to the output root, so the export
    works from file:// and from any sub-folder of a web server. (posixpath.relpath gives the
    same, but asks the file system for the current folder on every call.)"""
    here, there = page.parent.parts, target.parts
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + list(there[common:]))


def root_prefix(page: PurePosixPath) -> str:
    return "../" * (len(page.parts) - 1)


def alternates(locales: tuple[LocaleInfo, ...], page: PurePosixPath, slug: str | None,
               base_url: str = "") -> list[Link]:
    """The same page in every published language: relative links for the language switcher,
    or (given the site's base_url) absolute ones for hreflang."""
    return [Link(other, page_url(page_path(other, slug) if slug else index_path(other), page, base_url))
            for other in locales]


def absolute_url(base_url: str, target: PurePosixPath) -> str:
    """``target``'s address under base_url; an ``index.html`` is addressed by its folder."""
    path = target.as_posix()
    if path == "index.html" or path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return f"{base_url}/{path}"


def page_url(target: PurePosixPath, page: PurePosixPath, base_url: str = "") -> str:
    """How ``page`` names ``target`` in metadata (canonical, hreflang, Open Graph): absolute
    when the site has a base_url, relative otherwise (so that the export stays relocatable)."""
    return absolute_url(base_url, target) if base_url else relative_href(target, page)


def asset_files(templates_dir: Path) -> dict[PurePosixPath, Path]:
    """Files the web pages need, by their place in the export."""
    files = {PurePosixPath(ASSET_DIR, "site.css"): templates_dir / "site.css"}
    fonts = templates_dir / "fonts"
    for font in sorted(fonts.glob("*")):
        if font.suffix.lower() in (".ttf", ".otf", ".woff", ".woff2") or font.name == "OFL.txt":
            files[PurePosixPath(ASSET_DIR, "fonts", font.name)] = font
    return files


def media_files(root: Path, sources) -> dict[PurePosixPath, Path]:
    """The images of the sources, by their place in the export (media/<path under content/>)."""
    return {PurePosixPath(MEDIA_DIR, image.name): root / image.path
            for source in sources for image in source.images if image.path}


def media_prefix(page: PurePosixPath) -> str:
    """How ``page`` addresses the export's media folder."""
    return f"{root_prefix(page)}{MEDIA_DIR}/"


def resolve_output(output_dir: Path, relative: PurePosixPath) -> Path:
    """The file an output goes to; refuses any name that would leave the output folder."""
    target = (output_dir / relative).resolve()
    if not target.is_relative_to(output_dir.resolve()) or ".." in relative.parts:
        raise OutputError(f"output {relative} would be written outside {output_dir}")
    return target


def refuse_case_clashes(paths) -> None:
    """Two outputs whose names differ only in case are one file on macOS and Windows."""
    seen: dict[str, PurePosixPath] = {}
    for path in paths:
        twin = seen.setdefault(path.as_posix().casefold(), path)
        if twin != path:
            raise OutputError(f"outputs {twin} and {path} differ only in case; they would "
                              "overwrite each other on a case-insensitive file system")
