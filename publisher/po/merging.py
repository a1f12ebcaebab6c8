"""New catalogs and merges: what ``msginit`` and ``msgmerge --previous`` do, in memory (pure).

:func:`initialize` starts a catalog from a template; :func:`merge` brings a catalog up to a new
template, keeping every translation it can: unchanged messages as they are, edited ones as
fuzzy proposals (:mod:`publisher.po.memory` finds the closest old message, as msgmerge's
fuzzy matching does), removed ones as obsolete ``#~`` entries that come back if their source
does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polib
from babel.messages.plurals import get_plural

from .catalog import timestamp
from .entries import clone_entry, is_source_copy, message_key, source_forms, translation_forms
from .memory import Memory, Proposal, origin_comment

Key = tuple[str | None, str]


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
        catalog.append(clone_entry(entry, **_rendition(entry, copy_source), tcomment=""))
    return catalog


def _rendition(entry: polib.POEntry, copy_source: bool) -> dict:
    """The msgstr fields of a template message new to a catalog: the source itself in the
    source language's own catalog (copy_source); in any other, empty (a plural keeps the
    template's empty forms)."""
    if not copy_source:
        return dict(msgstr="")
    forms = source_forms(entry)
    return dict(msgstr="", msgstr_plural=dict(enumerate(forms))) if entry.msgid_plural \
        else dict(msgstr=forms[0])


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


@dataclass
class _Tally:
    """What merge did to each message of the template, as it goes."""

    kept: int = 0
    new: list[str] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)
    revived: list[str] = field(default_factory=list)
    followed: list[str] = field(default_factory=list)
    remembered: list[str] = field(default_factory=list)

    def report(self, obsolete: list[str]) -> MergeReport:
        return MergeReport(kept=self.kept, new=tuple(self.new), fuzzy=tuple(self.fuzzy),
                           obsolete=tuple(obsolete), revived=tuple(self.revived),
                           followed=tuple(self.followed), remembered=tuple(self.remembered))


def _closest(source: polib.POEntry, dropped: Memory, kept: Memory) -> Proposal | None:
    """msgmerge's fuzzy search (same similarity, same threshold) over the old catalog's
    translated messages: first those the template dropped, where the old version of an
    edited message is; only when none is similar enough, those it keeps. msgmerge searches
    both at once and may prefer a kept message that is a little closer; the dropped one is
    the likelier predecessor, and its ``#| msgid`` the diff the translator needs. The index
    (see publisher.po.memory) is asked first; only when it finds nothing in either pool is
    every message scored, so whatever msgmerge finds, merge finds too."""
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
    return clone_entry(source, msgstr=match.msgstr, msgstr_plural=dict(match.msgstr_plural),
                       tcomment=tcomment, flags=flags, **previous, **base)


def _carried_over(old: polib.POEntry, source: polib.POEntry, base: dict) -> polib.POEntry:
    """An old entry of the very same message under the template's references, comments and
    format flags; a previous msgid stays only while the entry is fuzzy."""
    flags = [f for f in old.flags if not f.endswith("-format")]
    flags = [f for f in source.flags if f.endswith("-format")] + flags
    entry = clone_entry(old, flags=flags, **base)
    if "fuzzy" not in flags:
        entry.previous_msgid = entry.previous_msgctxt = entry.previous_msgid_plural = None
    return entry


def _header_of(catalog: polib.POFile, template: polib.POFile) -> polib.POFile:
    """An empty catalog with ``catalog``'s header, dated as the template."""
    merged = polib.POFile(wrapwidth=catalog.wrapwidth)   # 0: the file was saved unwrapped
    merged.header = catalog.header
    merged.metadata = dict(catalog.metadata)
    merged.metadata_is_fuzzy = catalog.metadata_is_fuzzy
    if "POT-Creation-Date" in template.metadata:
        merged.metadata["POT-Creation-Date"] = template.metadata["POT-Creation-Date"]
    return merged


class _Merge:
    """One merge of a template into a catalog (see :func:`merge`)."""

    def __init__(self, catalog: polib.POFile, template: polib.POFile, copy_source: bool,
                 memory: Memory | None, origin: str | None):
        self.live = {message_key(e): e for e in catalog if not e.obsolete}
        self.buried = {message_key(e): e for e in catalog if e.obsolete}
        self.wanted = {message_key(e) for e in template}
        self.spare = Memory((e, "") for k, e in [*self.live.items(), *self.buried.items()]
                            if k not in self.wanted)
        self.kept_pool = Memory((e, "") for k, e in self.live.items() if k in self.wanted)
        self.used: set[Key] = set()
        self.copy_source, self.memory, self.origin = copy_source, memory, origin
        self.tally = _Tally()

    def entry_for(self, source: polib.POEntry) -> polib.POEntry:
        """The merged entry of one template message."""
        key = message_key(source)
        base = dict(occurrences=list(source.occurrences), comment=source.comment, obsolete=False)
        old = self.live.get(key) or self.buried.get(key)
        if old is not None:
            if key in self.live:
                self.tally.kept += 1
            else:
                self.tally.revived.append(source.msgid)
            return _carried_over(old, source, base)
        match = _closest(source, self.spare, self.kept_pool)
        if match is not None:
            self.used.add(message_key(match.entry))
            if self.copy_source and is_source_copy(match.entry):
                self.tally.followed.append(source.msgid)
                return clone_entry(source, **_rendition(source, True),
                                   tcomment=match.entry.tcomment, **base)
            self.tally.fuzzy.append(source.msgid)
            return _proposal(source, match.entry, base, tcomment=match.entry.tcomment, fuzzy=True)
        if (recalled := self.recall(source)) is not None:
            self.tally.remembered.append(source.msgid)
            return _proposal(source, recalled.entry, base, fuzzy=recalled.score < 100,
                             tcomment=origin_comment(recalled.entry.tcomment, recalled.origin))
        self.tally.new.append(source.msgid)
        return clone_entry(source, **_rendition(source, self.copy_source), tcomment="", **base)

    def recall(self, source: polib.POEntry) -> Proposal | None:
        """A translation from the locale's other catalogs: the very message, else a close one."""
        if self.memory is None or self.copy_source:
            return None
        return (self.memory.exact(source.msgctxt, source.msgid, excluding=self.origin)
                or self.memory.closest(source.msgid, plural=bool(source.msgid_plural),
                                       excluding=self.origin))

    def leftovers(self) -> tuple[list[polib.POEntry], list[str]]:
        """The old messages the template no longer has, as obsolete entries: newly removed
        ones first (with any translation: a partly translated plural keeps its forms), then
        those that were obsolete already."""
        entries, obsolete = [], []
        for key, entry in self.live.items():
            if key not in self.wanted and key not in self.used and any(translation_forms(entry)):
                entries.append(clone_entry(entry, obsolete=True, occurrences=[]))
                obsolete.append(entry.msgid)
        entries += [entry for key, entry in self.buried.items()
                    if key not in self.wanted and key not in self.used]
        return entries, obsolete


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
    :mod:`publisher.po.memory`: exact matches as translated, close ones as fuzzy); ``origin``
    is this catalog's name in the memory, not proposed to itself.
    """
    run = _Merge(catalog, template, copy_source, memory, origin)
    merged = _header_of(catalog, template)
    for source in template:
        merged.append(run.entry_for(source))
    leftovers, obsolete = run.leftovers()
    merged.extend(leftovers)
    return merged, run.tally.report(obsolete)
