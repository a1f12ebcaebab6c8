"""Catalog files: where they live, reading them strictly, and their headers.

:func:`read_catalog` reads a .po/.pot file with :mod:`publisher.po.parse` and validates it
(charset, plural forms, duplicates, placeholders, markup that must never reach a page). Every
problem is reported as ``path:line`` before anything is written, so a broken catalog never
reaches a build or gets rewritten. :class:`CatalogStore` owns where a project's catalogs live
(``locales/<domain>.pot``, ``locales/<locale>/LC_MESSAGES/<domain>.po``) and reads each one
once, keeping the problems of the broken ones, as Sphinx's ``CatalogRepository`` does.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from pathlib import Path

import polib

from ..errors import CatalogError, PublisherError, raise_collected
from ..fileio import read_bytes
from ..limits import MAX_CATALOG_BYTES
from .entries import source_and_translation
from .markup import added_targets, forbidden_characters, unsafe_markup
from .parse import parse_po
from .placeholders import is_python_format, python_format_mismatch

CHARSET = re.compile(r"charset=([^\s;]+)", re.I)
NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)\s*;\s*plural\s*=")


def template_path(locales_dir: Path, domain: str) -> Path:
    return locales_dir / f"{domain}.pot"


def catalog_path(locales_dir: Path, locale: str, domain: str) -> Path:
    return locales_dir / locale / "LC_MESSAGES" / f"{domain}.po"


def timestamp() -> str:
    """The date for POT-Creation-Date and PO-Revision-Date, honouring SOURCE_DATE_EPOCH."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch
              else dt.datetime.now(dt.UTC))
    return moment.strftime("%Y-%m-%d %H:%M+0000")


def template_metadata(project_name: str, domain: str, created: str) -> dict[str, str]:
    return {
        "Project-Id-Version": f"{project_name} {domain}".strip(),
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": created,
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "Language": "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }


def nplurals(catalog: polib.POFile) -> int | None:
    """The number of plural forms the header's Plural-Forms declares, if it declares one."""
    match = NPLURALS.search(catalog.metadata.get("Plural-Forms", ""))
    return int(match.group(1)) if match else None


def decode_catalog(data: bytes, display: str) -> str:
    """Catalog bytes as text; a CatalogError at the line of the first bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CatalogError("not valid UTF-8 (publisher reads and writes UTF-8 catalogs; "
                           "convert with msgconv --to-code=UTF-8)", display, line) from None
    if text.startswith("\ufeff"):
        raise CatalogError("starts with a byte-order mark, which gettext rejects", display, 1)
    return text


def parse_catalog(data: bytes, display: str) -> polib.POFile:
    """Parse and validate catalog bytes (pure). Raises CatalogError naming ``display`` and
    the line of each problem."""
    text = decode_catalog(data, display)
    catalog = parse_po(text, display)
    _check_header(catalog, text, display)
    _check_entries(catalog, display)
    return catalog


def read_catalog(path: Path, display: str | None = None) -> polib.POFile:
    display = display or str(path)
    return parse_catalog(read_bytes(path, display, CatalogError, MAX_CATALOG_BYTES), display)


def _header_line(text: str) -> int:
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith('msgid ""'):
            return number
    return 1


def _check_header(catalog: polib.POFile, text: str, display: str) -> None:
    line = _header_line(text)
    content_type = catalog.metadata.get("Content-Type")
    if content_type is None:
        raise CatalogError("header lacks Content-Type (it must say charset=UTF-8)", display, line)
    charset = CHARSET.search(content_type)
    if charset and charset.group(1) == "CHARSET" and not display.endswith(".pot"):
        raise CatalogError("the header declares charset=CHARSET, a template's placeholder: set "
                           "charset=UTF-8 (msginit and publisher init do)", display, line)
    if not charset or charset.group(1).upper() not in ("UTF-8", "CHARSET"):
        found = charset.group(1) if charset else "none"
        raise CatalogError(f"header declares charset {found}; publisher reads and writes UTF-8 "
                           "catalogs (convert with msgconv --to-code=UTF-8)", display, line)
    plural_forms = catalog.metadata.get("Plural-Forms")
    if plural_forms is not None and not NPLURALS.search(plural_forms):
        raise CatalogError(f"header has a malformed Plural-Forms: {plural_forms!r}", display, line)


def _entry_problems(entry: polib.POEntry, forms: int | None) -> list[str]:
    """What the reader refuses in one live entry, besides a duplicate: whatever would make a
    page lie or fail. Each rule is the function publisher check reports it with."""
    problems = []
    for source, text in source_and_translation(entry):
        if not text:
            continue
        # Markup that must never reach a page is bad input, refused by every command.
        unsafe = [f"unsafe markup in msgstr: {problem}" for problem in unsafe_markup(source, text)]
        problems += unsafe + forbidden_characters(source, text)
        # A fuzzy translation is never shown: its placeholders and links may still be those
        # of the source it was written for (msgmerge keeps them until a translator looks).
        if "fuzzy" not in entry.flags:
            # python-format as the source says it, whatever the catalog's flags say
            if is_python_format(source) and (problem := python_format_mismatch(source, text)):
                problems.append(problem)
            if not unsafe:          # an unsafe target is reported as such, once
                problems += added_targets(source, text)
    if entry.msgid_plural and forms and any(entry.msgstr_plural.values()):
        if len(entry.msgstr_plural) != forms:
            problems.append(f"{len(entry.msgstr_plural)} plural forms, but the header says "
                            f"nplurals={forms}")
    return problems


def _check_entries(catalog: polib.POFile, display: str) -> None:
    errors: list[PublisherError] = []
    seen: dict[tuple[str | None, str], int] = {}
    forms = nplurals(catalog)
    for entry in catalog:
        if entry.obsolete:
            continue
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            errors.append(CatalogError(f"duplicate message {entry.msgid[:60]!r} "
                                       f"(first defined on line {seen[key]})", display, entry.linenum))
        seen.setdefault(key, entry.linenum)
        errors += [CatalogError(problem, display, entry.linenum)
                   for problem in _entry_problems(entry, forms)]
    raise_collected(errors)


class CatalogStore:
    """The catalogs of one project: where each lives, each read and validated once.

    ``display`` names a path in messages (relative to the project). A catalog that cannot be
    read is None to its readers; its problems are kept (:attr:`errors`, :meth:`errors_of`)
    for whoever reports them, so that one broken catalog holds back only what needs it.
    """

    def __init__(self, locales_dir: Path, display: Callable[[Path], str] = str):
        self.locales_dir = locales_dir
        self.display = display
        self._data: dict[Path, bytes | None] = {}
        self._parsed: dict[Path, polib.POFile | None] = {}
        self._errors: dict[Path, tuple[PublisherError, ...]] = {}

    def template_path(self, domain: str) -> Path:
        return template_path(self.locales_dir, domain)

    def catalog_path(self, locale: str, domain: str) -> Path:
        return catalog_path(self.locales_dir, locale, domain)

    def domains(self, locale: str) -> tuple[str, ...]:
        """The domains of the catalogs a locale has on disk, sorted."""
        folder = self.locales_dir / locale / "LC_MESSAGES"
        return tuple(path.stem for path in sorted(folder.glob("*.po")))

    def exists(self, locale: str, domain: str) -> bool:
        return self.catalog_path(locale, domain).exists()

    def data(self, path: Path) -> bytes | None:
        """A catalog file's bytes (read once); None when it is missing or unreadable."""
        if path not in self._data:
            self._data[path] = None
            if path.exists():
                try:
                    self._data[path] = read_bytes(path, self.display(path), CatalogError,
                                                  MAX_CATALOG_BYTES, (self.locales_dir,))
                except PublisherError as exc:
                    self._errors[path] = exc.errors
        return self._data[path]

    def read_path(self, path: Path) -> polib.POFile | None:
        """The catalog at ``path``, parsed and validated once; None when it is missing or
        broken (its problems are kept)."""
        if path not in self._parsed:
            data = self.data(path)
            self._parsed[path] = None
            if data is not None:
                try:
                    self._parsed[path] = parse_catalog(data, self.display(path))
                except PublisherError as exc:
                    self._errors[path] = exc.errors
        return self._parsed[path]

    def read(self, locale: str, domain: str) -> polib.POFile | None:
        return self.read_path(self.catalog_path(locale, domain))

    def template(self, domain: str) -> polib.POFile | None:
        return self.read_path(self.template_path(domain))

    def errors_of(self, path: Path) -> tuple[PublisherError, ...]:
        return self._errors.get(path, ())

    @property
    def errors(self) -> list[PublisherError]:
        """The problems of every catalog read so far, in the order they were read."""
        return [error for errors in self._errors.values() for error in errors]

    def read_all(self, paths: list[Path]) -> dict[Path, polib.POFile]:
        """Every catalog of ``paths`` that exists, or a CatalogError naming every broken one."""
        catalogs = {path: self.read_path(path) for path in paths if path.exists()}
        raise_collected(error for path in paths for error in self.errors_of(path))
        return catalogs
