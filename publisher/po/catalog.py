"""Gettext catalogs: read them strictly, merge templates into them, write and compile them.

polib's POFile/POEntry hold a catalog in memory; :mod:`publisher.poparse` reads it (as GNU
gettext does, ``#~|`` and every escape included), :mod:`publisher.poformat` writes it in GNU
layout, :mod:`publisher.memory` finds fuzzy matches. Reading is strict: every problem is
reported as ``path:line`` before anything is written, so a broken catalog never reaches a
build or gets rewritten.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import polib
from babel.messages.plurals import get_plural

from .errors import CatalogError, PublisherError, raise_collected
from .fileio import read_bytes
from .limits import MAX_CATALOG_BYTES
from .poparse import make_entry, parse_po

if TYPE_CHECKING:   # publisher.memory loads rapidfuzz: imported where merge needs it, not by a build
    from .memory import Memory, Proposal

CHARSET = re.compile(r"charset=([^\s;]+)", re.I)
NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)\s*;\s*plural\s*=")
# A Python %-directive: what msgfmt -c compares between msgid and msgstr of a python-format entry.
PYTHON_DIRECTIVE = re.compile(r"%(?:\((\w+)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?([diouxXeEfFgGcrsa%])")


def template_path(locales_dir: Path, domain: str) -> Path:
    return locales_dir / f"{domain}.pot"


def catalog_path(locales_dir: Path, locale: str, domain: str) -> Path:
    return locales_dir / locale / "LC_MESSAGES" / f"{domain}.po"


def timestamp() -> str:
    """The date for POT-Creation-Date and PO-Revision-Date, honouring SOURCE_DATE_EPOCH."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch
              else dt.datetime.now(dt.timezone.utc))
    return moment.strftime("%Y-%m-%d %H:%M+0000")


def translation_forms(entry: polib.POEntry) -> list[str]:
    """The msgstr of an entry, or its plural forms in order ([""] when it has none)."""
    if entry.msgid_plural:
        return [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)] or [""]
    return [entry.msgstr]


def is_translated(entry: polib.POEntry) -> bool:
    """Whether the entry has a translation a reader can be shown: a msgstr, or for a plural
    message every form (gettext picks the form by the number, so one empty form shows the
    source text for some numbers; msgfmt and compile_catalog leave such a message out).
    Fuzzy and obsolete are separate states, not looked at here."""
    return all(translation_forms(entry))


def parse_catalog(data: bytes, display: str) -> polib.POFile:
    """Parse catalog bytes (pure). Raises CatalogError naming ``display`` and the line."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CatalogError("not valid UTF-8 (publisher reads and writes UTF-8 catalogs; "
                           "convert with msgconv --to-code=UTF-8)", display, line) from None
    if text.startswith("\ufeff"):
        raise CatalogError("starts with a byte-order mark, which gettext rejects", display, 1)
    catalog = parse_po(text, display)
    _check_header(catalog, text, display)
    _check_entries(catalog, display)
    return catalog


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
    if not charset or charset.group(1).upper() not in ("UTF-8", "CHARSET"):
        found = charset.group(1) if charset else "none"
        raise CatalogError(f"header declares charset {found}; publisher reads and writes UTF-8 "
                           "catalogs (convert with msgconv --to-code=UTF-8)", display, line)
    plural_forms = catalog.metadata.get("Plural-Forms")
    if plural_forms is not None and not NPLURALS.search(plural_forms):
        raise CatalogError(f"header has a malformed Plural-Forms: {plural_forms!r}", display, line)


def nplurals(catalog: polib.POFile) -> int | None:
    match = NPLURALS.search(catalog.metadata.get("Plural-Forms", ""))
    return int(match.group(1)) if match else None


def _check_entries(catalog: polib.POFile, display: str) -> None:
    from .markup import control_characters, unsafe_markup
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
        if "python-format" in entry.flags and entry.msgstr and "fuzzy" not in entry.flags:
            if problem := python_format_mismatch(entry.msgid, entry.msgstr):
                errors.append(CatalogError(problem, display, entry.linenum))
        # Markup that must never reach a page is bad input, refused by every command.
        for text in (entry.msgstr, *entry.msgstr_plural.values()):
            errors.extend(CatalogError(f"unsafe markup in msgstr: {problem}", display, entry.linenum)
                          for problem in unsafe_markup(entry.msgid, text))
            errors.extend(CatalogError(problem, display, entry.linenum)
                          for problem in control_characters(text))
        if entry.msgid_plural and forms and any(entry.msgstr_plural.values()):
            if len(entry.msgstr_plural) != forms:
                errors.append(CatalogError(f"{len(entry.msgstr_plural)} plural forms, but the header "
                                           f"says nplurals={forms}", display, entry.linenum))
    raise_collected(errors)


def _directives(text: str) -> list[tuple[str | None, str]] | None:
    """The %-directives of a string, or None when a lone % would break formatting."""
    found = []
    position = 0
    for match in PYTHON_DIRECTIVE.finditer(text):
        if "%" in text[position:match.start()]:
            return None
        position = match.end()
        if match.group(2) != "%":
            found.append((match.group(1), match.group(2)))
    return None if "%" in text[position:] else found


def python_format_mismatch(msgid: str, msgstr: str) -> str | None:
    """Why msgstr would fail where msgid is formatted (as msgfmt -c checks), or None."""
    source, target = _directives(msgid), _directives(msgstr)
    if target is None:
        return "msgstr has a '%' that is not a valid placeholder (write %% for a percent sign)"
    if source is None:
        return None
    if sorted(source, key=str) != sorted(target, key=str) and {n for n, _ in source} != {None}:
        ours = ", ".join(f"%({n})s" if n else "%" + t for n, t in target) or "none"
        theirs = ", ".join(f"%({n})s" if n else "%" + t for n, t in source)
        return f"placeholders differ from the source: msgid has {theirs}, msgstr has {ours}"
    if {n for n, _ in source} == {None} and [t for _, t in source] != [t for _, t in target]:
        return "msgstr must keep the msgid's placeholders in the same order"
    return None


def read_catalog(path: Path, display: str | None = None) -> polib.POFile:
    display = display or str(path)
    return parse_catalog(read_bytes(path, display, CatalogError, MAX_CATALOG_BYTES), display)


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


def _clone(entry: polib.POEntry, **changes) -> polib.POEntry:
    """A copy of entry (its lists and dict copied too) with ``changes``; built as
    poparse.make_entry builds entries, a tenth of merge's time on a big catalog otherwise."""
    fields = dict(entry.__dict__, msgstr_plural=dict(entry.msgstr_plural),
                  occurrences=list(entry.occurrences), flags=list(entry.flags), linenum=None)
    fields.update(changes)
    return make_entry(fields)


def initialize(template: polib.POFile, locale: str, *, copy_source: bool,
               translator: str = "", team: str = "") -> polib.POFile:
    """A new catalog for ``locale``, as msginit makes it (msgstr = msgid for the source language)."""
    catalog = polib.POFile(wrapwidth=79)
    catalog.header = template.header.replace("Translations template", f"{locale} translations")
    metadata = dict(template.metadata)
    metadata.update({"PO-Revision-Date": timestamp(), "Last-Translator": translator,
                     "Language-Team": team, "Language": locale})
    metadata["Plural-Forms"] = get_plural(locale).plural_forms
    catalog.metadata = metadata
    for entry in template:
        catalog.append(_clone(entry, **_rendition(entry, copy_source), tcomment=""))
    return catalog


def _source_forms(entry: polib.POEntry) -> list[str]:
    """What msginit writes for English: msgstr = msgid; for a plural message msgstr[0] = msgid
    and msgstr[1] = msgid_plural (the source language has two forms)."""
    return [entry.msgid, entry.msgid_plural] if entry.msgid_plural else [entry.msgid]


def _rendition(entry: polib.POEntry, copy_source: bool) -> dict:
    """The msgstr fields of a template message new to a catalog: the source itself in the
    source language's own catalog (copy_source); in any other, empty (a plural keeps the
    template's empty forms)."""
    if not copy_source:
        return dict(msgstr="")
    forms = _source_forms(entry)
    return dict(msgstr="", msgstr_plural=dict(enumerate(forms))) if entry.msgid_plural \
        else dict(msgstr=forms[0])


def is_source_copy(entry: polib.POEntry) -> bool:
    """A source-language rendition nobody copy-edited: still the source, as msginit wrote it."""
    return "fuzzy" not in entry.flags and translation_forms(entry) == _source_forms(entry)


@dataclass(frozen=True)
class MergeReport:
    kept: int
    new: tuple[str, ...]
    fuzzy: tuple[str, ...]
    obsolete: tuple[str, ...]
    revived: tuple[str, ...]
    followed: tuple[str, ...] = ()   # source-language renditions that took the edited source
    remembered: tuple[str, ...] = ()   # translations found in another catalog of the locale

    @property
    def changed(self) -> bool:
        return bool(self.new or self.fuzzy or self.obsolete or self.revived or self.followed
                    or self.remembered)


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return entry.msgctxt, entry.msgid


def _closest(source: polib.POEntry, dropped: Memory, kept: Memory) -> Proposal | None:
    """msgmerge's fuzzy search (same similarity, same threshold) over the old catalog's
    translated messages: first those the template dropped, where the old version of an
    edited message is; only when none is similar enough, those it keeps. msgmerge searches
    both at once and may prefer a kept message that is a little closer; the dropped one is
    the likelier predecessor, and its ``#| msgid`` the diff the translator needs. The index
    (see publisher.memory) is asked first; only when it finds nothing in either pool is every
    message scored, so whatever msgmerge finds, merge finds too."""
    msgid, plural = source.msgid, bool(source.msgid_plural)
    return (dropped.closest(msgid, plural=plural) or kept.closest(msgid, plural=plural)
            or (dropped.scan(msgid, plural=plural) if dropped.indexed else None)
            or (kept.scan(msgid, plural=plural) if kept.indexed else None))


def _proposal(source: polib.POEntry, match: polib.POEntry, base: dict, *, tcomment: str,
              fuzzy: bool) -> polib.POEntry:
    flags = [f for f in source.flags if f != "fuzzy"]
    previous = {}
    if fuzzy:
        flags.insert(0, "fuzzy")
        previous = dict(previous_msgctxt=match.msgctxt, previous_msgid=match.msgid,
                        previous_msgid_plural=match.msgid_plural or None)
    return _clone(source, msgstr=match.msgstr, msgstr_plural=dict(match.msgstr_plural),
                  tcomment=tcomment, flags=flags, **previous, **base)


def merge(catalog: polib.POFile, template: polib.POFile, *, copy_source: bool = False,
          memory: Memory | None = None, origin: str | None = None
          ) -> tuple[polib.POFile, MergeReport]:
    """Merge a new template into a catalog, as ``msgmerge --previous`` does (pure).

    Unchanged messages keep their translation, comments and flags; a changed source takes the
    closest old translation as fuzzy, with the old source as ``#| msgid``; a removed message
    becomes obsolete and returns from there if its source comes back. ``copy_source`` is for
    the source language's own catalog: new messages get msgstr = msgid, and an edited source
    whose old rendition was not copy-edited simply follows it. ``memory`` holds the other
    catalogs of the locale: a message with no translation here gets one from there (see
    :mod:`publisher.memory`: exact matches as translated, close ones as fuzzy); ``origin``
    is this catalog's name in the memory, not proposed to itself.
    """
    from .memory import Memory, origin_comment
    live = {_key(e): e for e in catalog if not e.obsolete}
    buried = {_key(e): e for e in catalog if e.obsolete}
    wanted = {_key(e) for e in template}
    spare = Memory((e, "") for k, e in [*live.items(), *buried.items()] if k not in wanted)
    kept_pool = Memory((e, "") for k, e in live.items() if k in wanted)
    used: set[tuple[str | None, str]] = set()
    merged = polib.POFile(wrapwidth=catalog.wrapwidth)   # 0: the file was saved unwrapped
    merged.header = catalog.header
    merged.metadata = dict(catalog.metadata)
    merged.metadata_is_fuzzy = catalog.metadata_is_fuzzy
    if "POT-Creation-Date" in template.metadata:
        merged.metadata["POT-Creation-Date"] = template.metadata["POT-Creation-Date"]
    kept = 0
    new, fuzzy, revived, followed, remembered = [], [], [], [], []
    for source in template:
        key = _key(source)
        base = dict(occurrences=list(source.occurrences), comment=source.comment, obsolete=False)
        old = live.get(key) or buried.get(key)
        if old is not None:
            flags = [f for f in old.flags if not f.endswith("-format")]
            flags = [f for f in source.flags if f.endswith("-format")] + flags
            entry = _clone(old, flags=flags, **base)
            if "fuzzy" not in flags:
                entry.previous_msgid = entry.previous_msgctxt = entry.previous_msgid_plural = None
            if key in live:
                kept += 1
            else:
                revived.append(source.msgid)
            merged.append(entry)
            continue
        match = _closest(source, spare, kept_pool)
        if match is not None:
            used.add(_key(match.entry))
            if copy_source and is_source_copy(match.entry):
                merged.append(_clone(source, **_rendition(source, copy_source),
                                     tcomment=match.entry.tcomment, **base))
                followed.append(source.msgid)
            else:
                merged.append(_proposal(source, match.entry, base, tcomment=match.entry.tcomment,
                                        fuzzy=True))
                fuzzy.append(source.msgid)
            continue
        recalled = None
        if memory is not None and not copy_source:
            recalled = (memory.exact(source.msgctxt, source.msgid, excluding=origin)
                        or memory.closest(source.msgid, plural=bool(source.msgid_plural),
                                          excluding=origin))
        if recalled is not None:
            merged.append(_proposal(source, recalled.entry, base, fuzzy=recalled.score < 100,
                                    tcomment=origin_comment(recalled.entry.tcomment,
                                                            recalled.origin)))
            remembered.append(source.msgid)
            continue
        merged.append(_clone(source, **_rendition(source, copy_source), tcomment="", **base))
        new.append(source.msgid)
    obsolete = []
    for key, entry in live.items():
        # A partly translated plural is kept too: the translator's forms are not thrown away.
        if key not in wanted and key not in used and any(translation_forms(entry)):
            merged.append(_clone(entry, obsolete=True, occurrences=[]))
            obsolete.append(entry.msgid)
    for key, entry in buried.items():
        if key not in wanted and key not in used:
            merged.append(entry)
    report = MergeReport(kept=kept, new=tuple(new), fuzzy=tuple(fuzzy),
                         obsolete=tuple(obsolete), revived=tuple(revived),
                         followed=tuple(followed), remembered=tuple(remembered))
    return merged, report


def compile_catalog(catalog: polib.POFile) -> bytes:
    """The .mo bytes: translated messages only; fuzzy and obsolete ones are left out.

    The layout of GNU's msgfmt (gettext's gmo.h): a 28-byte header, the tables of original
    and translated strings sorted by original, then the strings, each NUL-terminated; no
    hash table (its size 0 tells readers to search the sorted table). Built as lists joined
    once: concatenating bytes message by message, as polib does, is quadratic.
    """
    # msgfmt leaves POT-Creation-Date out, so that a new template alone changes no .mo
    metadata = "".join(f"{key}: {value}\n" for key, value in catalog.metadata.items()
                       if key != "POT-Creation-Date")
    pairs = [(b"", metadata.encode("utf-8"))]
    for entry in catalog:
        if entry.obsolete or "fuzzy" in entry.flags or not is_translated(entry):
            continue
        if entry.msgid_plural:
            original = f"{entry.msgid}\0{entry.msgid_plural}"
            translation = "\0".join(translation_forms(entry))
        else:
            original, translation = entry.msgid, entry.msgstr
        if entry.msgctxt is not None:
            original = f"{entry.msgctxt}\x04{original}"
        pairs.append((original.encode("utf-8"), translation.encode("utf-8")))
    pairs.sort(key=lambda pair: pair[0])
    count = len(pairs)
    originals_at = 28
    translations_at = originals_at + 8 * count
    strings_at = offset = translations_at + 8 * count
    table: list[int] = []
    for strings in (0, 1):
        for pair in pairs:
            table += (len(pair[strings]), offset)
            offset += len(pair[strings]) + 1
    header = struct.pack("<7I", 0x950412DE, 0, count, originals_at, translations_at, 0, strings_at)
    offsets = struct.pack(f"<{len(table)}I", *table)      # little-endian, like the header
    body = b"\0".join([original for original, _ in pairs] + [translation for _, translation in pairs])
    return header + offsets + body + b"\0"
