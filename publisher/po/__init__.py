"""The gettext engine: PO catalogs read, written, merged and compiled as GNU gettext does.

It depends on nothing else of publisher but :mod:`publisher.errors`, :mod:`publisher.fileio`
and :mod:`publisher.limits`, so other projects can use it on their own catalogs.

=====================  =========================================================================
module                 concern
=====================  =========================================================================
``entries``            an entry's translation forms; the one definition of "translated"
``placeholders``       the one grammar of ``%(name)s`` / ``{name}`` placeholders
``markup``             what a translation may not carry into a page (raw HTML, scripts)
``parse``              PO text -> polib POFile, every syntax error with its line, the layout kept
``format``             POFile -> PO text in GNU gettext's own layout
``header``             the header entry: its fields as metadata, its msgstr as it was written
``linebreak``          libunistring's line breaking and display width (``linebreak_data``)
``directives``         where gettext's format parsers find directives (no line break inside)
``catalog``            read and validate a file; paths; :class:`CatalogStore`
``merging``            ``msginit`` and ``msgmerge --previous`` in memory
``memory``             fuzzy matching (msgmerge's similarity) and translation memory
``mo``                 compile to .mo, as msgfmt does
=====================  =========================================================================

The functions most callers want, importable from here::

    from publisher.po import read_catalog, format_catalog, merge, compile_catalog

    catalog = read_catalog(Path("locales/az/LC_MESSAGES/site.po"))
    merged, report = merge(catalog, read_catalog(Path("locales/site.pot")))
    Path("site.po").write_text(format_catalog(merged), encoding="utf-8")
    Path("site.mo").write_bytes(compile_catalog(merged))

They are loaded on first use: reading a catalog does not load the merge's string matcher.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "read_catalog": "catalog", "parse_catalog": "catalog", "CatalogStore": "catalog",
    "catalog_path": "catalog", "template_path": "catalog",
    "format_catalog": "format", "parse_po": "parse",
    "merge": "merging", "initialize": "merging", "MergeReport": "merging",
    "compile_catalog": "mo", "is_translated": "entries", "translation_forms": "entries",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
