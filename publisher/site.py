"""The static web export: which pages exist, where they go, and how they link (pure)."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .config import LocaleInfo
from .errors import OutputError

ASSET_DIR = "assets"


@dataclass(frozen=True)
class Link:
    locale: LocaleInfo
    href: str


def page_path(locale: LocaleInfo, slug: str, suffix: str = ".html") -> PurePosixPath:
    return PurePosixPath(locale.code, f"{slug}{suffix}")


def index_path(locale: LocaleInfo) -> PurePosixPath:
    return PurePosixPath(locale.code, "index.html")


def relative_href(target: PurePosixPath, page: PurePosixPath) -> str:
    """A link from ``page`` to ``target``, both relative to the output root, so the export
    works from file:// and from any sub-folder of a web server."""
    return posixpath.relpath(target.as_posix(), page.parent.as_posix())


def root_prefix(page: PurePosixPath) -> str:
    return "../" * (len(page.parts) - 1)


def alternates(locales: tuple[LocaleInfo, ...], page: PurePosixPath, slug: str | None) -> list[Link]:
    """The same page in every published language (the language switcher, hreflang links)."""
    return [Link(other, relative_href(page_path(other, slug) if slug else index_path(other), page))
            for other in locales]


def asset_files(templates_dir: Path) -> dict[PurePosixPath, Path]:
    """Files the web pages need, by their place in the export."""
    files = {PurePosixPath(ASSET_DIR, "site.css"): templates_dir / "site.css"}
    fonts = templates_dir / "fonts"
    for font in sorted(fonts.glob("*")):
        if font.suffix.lower() in (".ttf", ".otf", ".woff", ".woff2") or font.name == "OFL.txt":
            files[PurePosixPath(ASSET_DIR, "fonts", font.name)] = font
    return files


def resolve_output(output_dir: Path, relative: PurePosixPath) -> Path:
    """The file an output goes to; refuses any name that would leave the output folder."""
    target = (output_dir / relative).resolve()
    if not target.is_relative_to(output_dir.resolve()) or ".." in relative.parts:
        raise OutputError(f"output {relative} would be written outside {output_dir}")
    return target
