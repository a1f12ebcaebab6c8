"""Catalog entries: polib's POEntry made fast, and what an entry says about its translation.

The one definition of "translated" (:func:`is_translated`) and of a message's forms lives
here; every count, check, merge and build asks these functions.
"""

from __future__ import annotations

import polib

_ENTRY_DEFAULTS = polib.POEntry().__dict__


def make_entry(fields: dict) -> polib.POEntry:
    """What ``polib.POEntry(**fields)`` makes, without its keyword handling (a third of the
    reading time of a big catalog). Defaults come from a real entry, so polib's own
    attributes, whatever its version adds, are all there."""
    entry = polib.POEntry.__new__(polib.POEntry)
    entry.__dict__.update(_ENTRY_DEFAULTS)
    entry.__dict__.update(fields)
    return entry


def clone_entry(entry: polib.POEntry, **changes) -> polib.POEntry:
    """A copy of entry (its lists and dict copied too) with ``changes``; built as make_entry
    builds entries, a tenth of merge's time on a big catalog otherwise."""
    fields = dict(entry.__dict__, msgstr_plural=dict(entry.msgstr_plural),
                  occurrences=list(entry.occurrences), flags=list(entry.flags), linenum=None)
    fields.update(changes)
    return make_entry(fields)


class EmptyComment(str):
    """A comment that is one empty line ("#" or "#." alone). It equals "" (no comment, to the
    rest of publisher) but the writer writes the line back, as GNU does."""

    __slots__ = ()


def comment_text(lines: list[str]) -> str:
    """Comment lines as polib holds them: joined by newlines (one empty line: EmptyComment)."""
    return EmptyComment() if lines == [""] else "\n".join(lines)


def message_key(entry: polib.POEntry) -> tuple[str | None, str]:
    """What identifies a message in a catalog: its context and its msgid."""
    return entry.msgctxt, entry.msgid


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


def source_forms(entry: polib.POEntry) -> list[str]:
    """What msginit writes for English: msgstr = msgid; for a plural message msgstr[0] = msgid
    and msgstr[1] = msgid_plural (the source language has two forms)."""
    return [entry.msgid, entry.msgid_plural] if entry.msgid_plural else [entry.msgid]


def is_source_copy(entry: polib.POEntry) -> bool:
    """A source-language rendition nobody copy-edited: still the source, as msginit wrote it."""
    return "fuzzy" not in entry.flags and translation_forms(entry) == source_forms(entry)


def source_and_translation(entry: polib.POEntry) -> list[tuple[str, str]]:
    """Each form of the translation beside the source text it translates (msgid for the
    first form, msgid_plural for the others)."""
    if entry.msgid_plural:
        forms = entry.msgstr_plural or {0: ""}
        return [(entry.msgid if index == 0 else entry.msgid_plural, text)
                for index, text in sorted(forms.items())]
    return [(entry.msgid, entry.msgstr)]
