"""Gettext catalogs: read them strictly, merge templates into them, write and compile them.

polib holds a catalog in memory; :mod:`publisher.poformat` writes it in GNU layout. Reading
is stricter than polib alone: every problem is reported as ``path:line`` before anything is
written, so a broken catalog never reaches a build or gets rewritten.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path

import polib
from babel.messages.plurals import get_plural

from .errors import CatalogError, PublisherError, raise_collected
from .fileio import read_bytes

KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr\[(\d+)\]|msgstr)(?=[\s"])\s*(.*)$')
# The escapes polib decodes; GNU's rarer ones (\a, octal, hex) are refused rather than misread.
STRING = re.compile(r'^"(?:[^"\\]|\\[\\"ntrbfv])*"$')
CHARSET = re.compile(r"charset=([^\s;]+)", re.I)
NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)\s*;\s*plural\s*=")
# A Python %-directive: what msgfmt -c compares between msgid and msgstr of a python-format entry.
PYTHON_DIRECTIVE = re.compile(r"%(?:\((\w+)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?([diouxXeEfFgGcrsa%])")
FUZZY_CUTOFF = 0.6   # msgmerge's threshold for proposing an old translation as fuzzy


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


def _check_syntax(text: str, display: str) -> None:
    """Find what polib would accept silently: unterminated strings, bad escapes, stray text."""
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if line.startswith("#~"):
                line = line[2:].lstrip()
                line = line[1:].lstrip() if line.startswith("|") else line
            elif line.startswith("#|"):
                line = line[2:].lstrip()
            else:
                continue
            if not line:
                continue
        match = KEYWORD.match(line)
        token = match.group(3) if match else line
        if not match and not line.startswith('"'):
            raise CatalogError(f"syntax error: unexpected {line.split()[0]!r}", display, number)
        if not token.startswith('"'):
            raise CatalogError(f"syntax error: {match.group(1)} needs a quoted string", display, number)
        if not STRING.match(token):
            escape = re.search(r'\\(?:[^\\"ntrbfv]|$)', token[1:-1] if token.endswith('"') else token)
            if escape and token.endswith('"') and len(token) > 1:
                problem = f"unsupported escape sequence {escape.group()!r} in string"
            elif token.endswith('"') and len(token) > 1:
                problem = "unescaped double quote in string"
            else:
                problem = "unterminated string"
            raise CatalogError(f"syntax error: {problem}", display, number)


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
    _check_syntax(text, display)
    try:
        catalog = polib.pofile(text, wrapwidth=79)
    except (OSError, ValueError) as exc:
        match = re.search(r"\(line (\d+)\)", str(exc))
        message = re.sub(r"Syntax error in po file\s*(\(line \d+\))?:?\s*", "", str(exc)) or "syntax error"
        raise CatalogError(f"syntax error: {message}", display,
                           int(match.group(1)) if match else None) from None
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
    return parse_catalog(read_bytes(path, display, CatalogError), display)


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
    fields = dict(msgid=entry.msgid, msgstr=entry.msgstr, msgid_plural=entry.msgid_plural,
                  msgstr_plural=dict(entry.msgstr_plural), msgctxt=entry.msgctxt,
                  occurrences=list(entry.occurrences), comment=entry.comment,
                  tcomment=entry.tcomment, flags=list(entry.flags),
                  previous_msgctxt=entry.previous_msgctxt, previous_msgid=entry.previous_msgid,
                  previous_msgid_plural=entry.previous_msgid_plural, obsolete=entry.obsolete)
    fields.update(changes)
    return polib.POEntry(**fields)


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
        msgstr = entry.msgid if copy_source and not entry.msgid_plural else ""
        catalog.append(_clone(entry, msgstr=msgstr, tcomment=""))
    return catalog


@dataclass(frozen=True)
class MergeReport:
    kept: int
    new: tuple[str, ...]
    fuzzy: tuple[str, ...]
    obsolete: tuple[str, ...]
    revived: tuple[str, ...]
    followed: tuple[str, ...] = ()   # source-language renditions that took the edited source

    @property
    def changed(self) -> bool:
        return bool(self.new or self.fuzzy or self.obsolete or self.revived or self.followed)


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return entry.msgctxt, entry.msgid


def _translated(entry: polib.POEntry) -> bool:
    return bool(entry.msgstr or any(entry.msgstr_plural.values()))


def _closest(msgid: str, candidates: list[polib.POEntry]) -> polib.POEntry | None:
    best, best_ratio = None, FUZZY_CUTOFF
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(msgid)
    for candidate in candidates:
        matcher.set_seq1(candidate.msgid)
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio >= best_ratio:
            best, best_ratio = candidate, ratio
    return best


def merge(catalog: polib.POFile, template: polib.POFile, *, copy_source: bool = False
          ) -> tuple[polib.POFile, MergeReport]:
    """Merge a new template into a catalog, as ``msgmerge --previous`` does (pure).

    Unchanged messages keep their translation, comments and flags; a changed source takes the
    closest old translation as fuzzy, with the old source as ``#| msgid``; a removed message
    becomes obsolete and returns from there if its source comes back. ``copy_source`` is for
    the source language's own catalog: new messages get msgstr = msgid, and an edited source
    whose old rendition was not copy-edited simply follows it.
    """
    live = {_key(e): e for e in catalog if not e.obsolete}
    buried = {_key(e): e for e in catalog if e.obsolete}
    wanted = {_key(e) for e in template}
    spare = [e for k, e in live.items() if k not in wanted and _translated(e)]
    spare += [e for k, e in buried.items() if k not in wanted and _translated(e)]
    used: set[tuple[str | None, str]] = set()
    merged = polib.POFile(wrapwidth=79)
    merged.header = catalog.header
    merged.metadata = dict(catalog.metadata)
    merged.metadata_is_fuzzy = catalog.metadata_is_fuzzy
    if "POT-Creation-Date" in template.metadata:
        merged.metadata["POT-Creation-Date"] = template.metadata["POT-Creation-Date"]
    kept = 0
    new, fuzzy, revived, followed = [], [], [], []
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
        match = _closest(source.msgid, spare) if not source.msgid_plural else None
        if match is None:
            msgstr = source.msgid if copy_source and not source.msgid_plural else ""
            merged.append(_clone(source, msgstr=msgstr, tcomment="", **base))
            new.append(source.msgid)
            continue
        used.add(_key(match))
        if copy_source and match.msgstr == match.msgid and "fuzzy" not in match.flags:
            merged.append(_clone(source, msgstr=source.msgid, tcomment=match.tcomment, **base))
            followed.append(source.msgid)
            continue
        flags = ["fuzzy"] + [f for f in source.flags if f != "fuzzy"]
        merged.append(_clone(source, msgstr=match.msgstr, msgstr_plural=dict(match.msgstr_plural),
                             tcomment=match.tcomment, flags=flags,
                             previous_msgctxt=match.msgctxt, previous_msgid=match.msgid,
                             previous_msgid_plural=match.msgid_plural or None, **base))
        fuzzy.append(source.msgid)
    obsolete = []
    for key, entry in live.items():
        if key not in wanted and key not in used and _translated(entry):
            # polib cannot read "#~|" lines back, so an obsolete entry keeps no previous msgid.
            merged.append(_clone(entry, obsolete=True, occurrences=[], previous_msgctxt=None,
                                 previous_msgid=None, previous_msgid_plural=None))
            obsolete.append(entry.msgid)
    for key, entry in buried.items():
        if key not in wanted and key not in used:
            merged.append(entry)
    report = MergeReport(kept=kept, new=tuple(new), fuzzy=tuple(fuzzy),
                         obsolete=tuple(obsolete), revived=tuple(revived),
                         followed=tuple(followed))
    return merged, report


def compile_catalog(catalog: polib.POFile) -> bytes:
    """The .mo bytes: translated messages only; fuzzy and obsolete ones are left out."""
    return catalog.to_binary()
