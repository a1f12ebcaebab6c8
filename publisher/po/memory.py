"""Translation memory: find an earlier translation of a new or changed message.

Two uses. :func:`publisher.po.merging.merge` asks for the closest old message of the same
catalog (msgmerge's fuzzy matching); ``publisher update`` also asks every other catalog of the
same locale (another publication, the site templates), so that a sentence translated once is
proposed wherever it comes back.

Similarity is msgmerge's: ``fstrcmp``, 2 x (common characters in order) / (both lengths),
must exceed 0.6 — which is rapidfuzz's ``fuzz.ratio`` (the normalized Indel similarity),
computed in C++. Scoring every pair is still quadratic (GNU's msgmerge spends minutes on a
20,000-message catalog), so :class:`Memory` first narrows the search with an index of word
pairs, as msgmerge narrows its own with character 4-grams: the few entries that share the most
uncommon word pairs with the query are then scored exactly. That is a heuristic: a message
more than 60 % similar by characters but sharing no uncommon word pair is not found through
the index. So merge (:func:`publisher.po.merging._closest`) then scores every message in full
with :meth:`Memory.scan`, first those a template dropped — where the old version of an edited
message is — whenever the index finds none in either pool.

Decision on exact matches from other catalogs: they are taken as translated, not fuzzy — as
``msgmerge --compendium`` does with exact compendium matches — so a short UI string such as
"Download the PDF" reads the same in every domain. Either kind of proposal carries its origin
in a translator comment (``# publisher: from site.po``); nothing that already has a
translation is ever overwritten.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

import polib
from rapidfuzz import fuzz, process

from .entries import is_translated

# msgmerge takes a proposal only when fstrcmp > 0.6 (strictly); rapidfuzz's cutoff is >=,
# so a score of exactly 60 is refused after the search.
FUZZY_CUTOFF = 60.0
CANDIDATES = 50         # entries scored exactly per query after the index narrowed the search
COMMON_PAIR = 0.02       # word pairs in more than this share of entries say little: skipped
EXHAUSTIVE_BELOW = 300   # pools smaller than this are always scored in full
ORIGIN = "publisher: from "


@dataclass(frozen=True)
class Proposal:
    entry: polib.POEntry
    score: float           # 0-100, as fuzz.ratio
    origin: str = ""       # the catalog it comes from (file name), "" for the catalog itself


def _pairs(text: str) -> set[tuple[str, str]]:
    words = text.lower().split()
    return set(pairwise(words)) if len(words) > 1 else {(w, "") for w in words}


class Memory:
    """Translated entries to search by similarity of msgid, each with where it comes from."""

    def __init__(self, entries: Iterable[tuple[polib.POEntry, str]]):
        self._entries: list[tuple[polib.POEntry, str]] = []
        self._exact: dict[tuple[str | None, str], list[int]] = {}
        for entry, origin in entries:
            if entry.msgid and is_translated(entry):
                self._exact.setdefault((entry.msgctxt, entry.msgid), []).append(len(self._entries))
                self._entries.append((entry, origin))
        self._msgids = [entry.msgid for entry, _ in self._entries]
        self._origins = {origin for _, origin in self._entries}
        self._postings: dict[tuple[str, str], list[int]] | None = None
        # for a search in full: the entries of each kind (plural or not), listed once
        self._kinds: dict[bool, list[int]] = {False: [], True: []}
        for number, (entry, _) in enumerate(self._entries):
            self._kinds[bool(entry.msgid_plural)].append(number)
        self._kind_msgids = {kind: [self._msgids[n] for n in numbers]
                             for kind, numbers in self._kinds.items()}

    def __len__(self) -> int:
        return len(self._entries)

    def exact(self, msgctxt: str | None, msgid: str, *, excluding: str | None = None
              ) -> Proposal | None:
        """The first entry with this very message (from another origin than ``excluding``)."""
        for number in self._exact.get((msgctxt, msgid), ()):
            entry, origin = self._entries[number]
            if origin != excluding:
                return Proposal(entry, 100.0, origin)
        return None

    def _index(self) -> dict[tuple[str, str], list[int]]:
        if self._postings is None:
            postings: dict[tuple[str, str], list[int]] = {}
            for number, msgid in enumerate(self._msgids):
                for pair in _pairs(msgid):
                    postings.setdefault(pair, []).append(number)
            limit = max(50, int(len(self._msgids) * COMMON_PAIR))
            self._postings = {pair: ids for pair, ids in postings.items() if len(ids) <= limit}
        return self._postings

    def _candidates(self, msgid: str) -> list[int]:
        postings = self._index()
        counts: Counter[int] = Counter()
        for pair in _pairs(msgid):
            ids = postings.get(pair)
            if ids:
                counts.update(ids)
        return sorted(number for number, _ in counts.most_common(CANDIDATES))

    def closest(self, msgid: str, *, plural: bool = False, excluding: str | None = None
                ) -> Proposal | None:
        """The most similar translated entry (first of equals), if more than 60 % similar.
        Only an entry of the same kind (plural or not) can be proposed; none from the origin
        ``excluding`` (the catalog being merged, searched on its own by merge). In a big
        memory only the entries the index picks are scored (see :meth:`scan` for all)."""
        if self.indexed:
            return self._best(msgid, [n for n in self._candidates(msgid)
                                      if bool(self._entries[n][0].msgid_plural) == plural
                                      and self._entries[n][1] != excluding])
        return self.scan(msgid, plural=plural, excluding=excluding)

    @property
    def indexed(self) -> bool:
        """Whether closest() searches through the index (or scores every entry)."""
        return len(self._msgids) >= EXHAUSTIVE_BELOW

    def scan(self, msgid: str, *, plural: bool = False, excluding: str | None = None
             ) -> Proposal | None:
        """closest() without the index: every entry scored."""
        numbers = self._kinds[plural]
        if excluding in self._origins:
            numbers = [n for n in numbers if self._entries[n][1] != excluding]
        return self._best(msgid, numbers, None if excluding in self._origins
                          else self._kind_msgids[plural])

    def _best(self, msgid: str, numbers: list[int], choices: list[str] | None = None
              ) -> Proposal | None:
        if not numbers:
            return None
        if choices is None:
            choices = [self._msgids[n] for n in numbers]
        found = process.extractOne(msgid, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if found is None or found[1] <= FUZZY_CUTOFF:
            return None
        entry, origin = self._entries[numbers[found[2]]]
        return Proposal(entry, found[1], origin)


def origin_comment(tcomment: str, origin: str) -> str:
    """The translator comment of a proposal from another catalog, naming where it comes from."""
    note = f"{ORIGIN}{origin}"
    lines = [line for line in tcomment.split("\n") if line and not line.startswith(ORIGIN)]
    return "\n".join([note, *lines])


def project_memory(catalogs: Iterable[tuple[str, polib.POFile]]) -> Memory:
    """The memory of one locale: every reviewed translation (translated, not fuzzy, not
    obsolete) of its catalogs, in the order given (the first of equal messages wins)."""
    return Memory((entry, origin) for origin, catalog in catalogs for entry in catalog
                  if not entry.obsolete and "fuzzy" not in entry.flags)
