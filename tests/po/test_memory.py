"""Translation memory (publisher.po.memory): msgmerge's similarity, the index, the proposals."""

from __future__ import annotations

import polib
import pytest
from rapidfuzz import fuzz

from publisher.po.memory import (
    CANDIDATES,
    EXHAUSTIVE_BELOW,
    ORIGIN,
    Memory,
    origin_comment,
    project_memory,
)
from publisher.po.merging import merge

from helpers import SHUSHA, SHUSHA_AZ, catalog


def entry(msgid: str, msgstr: str = "", **fields) -> polib.POEntry:
    """An entry with no reference (helpers.message gives one)."""
    return polib.POEntry(msgid=msgid, msgstr=msgstr, **fields)


def test_similarity_is_gnu_fstrcmp():
    """fstrcmp = 2 * (common characters in order) / (both lengths): 'abcd' vs 'abxd' = 0.75."""
    assert fuzz.ratio("abcd", "abxd") == 75.0
    assert fuzz.ratio("Victory", "victory") < 100          # no case folding, as msgmerge


def test_threshold_is_strictly_above_sixty_percent():
    # 'aaaaaa' vs 'aaaxxxxxx': 2*3/15 = 0.4; 'abcde' vs 'abcxx': 2*3/10 = 0.6 exactly
    memory = Memory([(entry("abcde", "ABCDE"), "a.po")])
    assert memory.closest("abcxx") is None
    assert memory.closest("abcdx").entry.msgstr == "ABCDE"


def test_untranslated_and_empty_entries_are_not_remembered():
    memory = Memory([(entry(SHUSHA, ""), "a.po"), (entry("", "header"), "a.po")])
    assert len(memory) == 0 and memory.closest(SHUSHA) is None


def test_exact_match_prefers_the_first_origin_and_can_skip_one():
    memory = Memory([(entry("Download", "Yüklə"), "site.po"),
                     (entry("Download", "Endir"), "other.po")])
    assert memory.exact(None, "Download").entry.msgstr == "Yüklə"
    assert memory.exact(None, "Download", excluding="site.po").origin == "other.po"
    assert memory.exact("button", "Download") is None      # the context is part of the message


def test_plural_and_singular_are_not_proposed_for_each_other():
    plural = entry("%(count)d publication", msgid_plural="%(count)d publications",
                   msgstr_plural={0: "%(count)d nəşr", 1: "%(count)d nəşr"})
    memory = Memory([(plural, "site.po")])
    assert memory.closest("%(count)d publications") is None
    assert memory.closest("%(count)d publication.", plural=True).entry is plural


def big_memory(count: int) -> tuple[Memory, list[str]]:
    words = ["Shusha", "Baku", "Ganja", "liberated", "rebuilt", "museum", "bridge", "school",
             "road", "mosque", "on", "in", "the", "of", "November", "May", "2020", "2021"]
    msgids = [" ".join(words[(i * 7 + k * (i % 11 + 1)) % len(words)] for k in range(12))
              + f" number {i}" for i in range(count)]
    return Memory((entry(m, f"tərcümə {i}"), "big.po") for i, m in enumerate(msgids)), msgids


def test_index_finds_the_closest_message_in_a_big_memory():
    memory, msgids = big_memory(EXHAUSTIVE_BELOW * 3)
    target = msgids[777]
    query = target.replace("number 777", "number 777, as announced")
    best = max(msgids, key=lambda m: fuzz.ratio(query, m))
    assert best == target
    assert memory.closest(query).entry.msgstr == "tərcümə 777"


def test_scan_scores_everything_when_the_index_finds_nothing():
    # no word pair in common with the query, yet more than 60 % similar character by character
    memory, _ = big_memory(EXHAUSTIVE_BELOW * 2)
    memory = Memory([*((e, o) for e, o in memory._entries),
                     (entry("abcdefghij klmnopqrst", "ÇOX"), "big.po")])
    query = "abcdefghijk lmnopqrst"
    assert memory.closest(query) is None                  # the index alone misses it
    assert memory.scan(query).entry.msgstr == "ÇOX"       # what merge falls back on
    assert CANDIDATES >= 10


def test_origin_comment_replaces_an_earlier_origin_and_keeps_the_translators_note():
    assert origin_comment("", "site.po") == f"{ORIGIN}site.po"
    assert origin_comment(f"{ORIGIN}old.po\nchecked", "site.po") == f"{ORIGIN}site.po\nchecked"


def test_project_memory_skips_fuzzy_and_obsolete_translations():
    memory = project_memory([("a.po", catalog(
        entry("Peace", "Sülh", flags=["fuzzy"]),
        entry("Victory", "Zəfər", obsolete=True),
        entry("Victory Day", "Zəfər Günü")))])
    assert memory.exact(None, "Peace") is None and memory.exact(None, "Victory") is None
    assert memory.exact(None, "Victory Day").entry.msgstr == "Zəfər Günü"


@pytest.mark.parametrize("msgid, translated_as, fuzzy", [
    ("Victory Day", "Zəfər Günü", False),
    ("Victory Day!", "Zəfər Günü", True),
])
def test_merge_takes_from_memory_only_what_it_cannot_find_itself(msgid, translated_as, fuzzy):
    memory = project_memory([("site.po", catalog(entry("Victory Day", "Zəfər Günü",
                                                       tcomment="checked")))])
    old = catalog(entry(SHUSHA, SHUSHA_AZ), entry("Peace", "Sülh"))
    template = catalog(entry(SHUSHA), entry("Peace"), entry(msgid))
    merged, report = merge(old, template, memory=memory, origin="release.po")
    found = next(e for e in merged if e.msgid == msgid)
    assert found.msgstr == translated_as
    assert ("fuzzy" in found.flags) == fuzzy
    assert found.previous_msgid == ("Victory Day" if fuzzy else None)
    assert found.tcomment == f"{ORIGIN}site.po\nchecked"
    assert report.remembered == (msgid,) and report.kept == 2 and report.new == ()
    assert [e.msgstr for e in merged if e.msgid == SHUSHA] == [SHUSHA_AZ]


def test_merge_prefers_its_own_old_message_to_the_memory():
    memory = project_memory([("site.po", catalog(entry(SHUSHA + " Again.", "BAŞQA")))])
    edited = SHUSHA.replace("liberated", "freed")
    merged, report = merge(catalog(entry(SHUSHA, SHUSHA_AZ)), catalog(entry(edited)),
                           memory=memory, origin="release.po")
    assert [e.msgstr for e in merged if e.msgid == edited] == [SHUSHA_AZ]
    assert report.fuzzy == (edited,) and report.remembered == ()


def test_memory_proposes_only_translations_a_reader_would_see():
    # a plural with an empty form is shown in the source language: not a translation to reuse
    partial = entry("one file", msgid_plural="%d files", msgstr_plural={0: "bir fayl", 1: ""})
    whole = entry("one day", msgid_plural="%d days", msgstr_plural={0: "bir gün", 1: "%d gün"})
    memory = Memory([(partial, "a.po"), (whole, "b.po")])
    assert len(memory) == 1
    assert memory.exact(None, "one file") is None and memory.exact(None, "one day")


def test_a_build_does_not_load_rapidfuzz():
    import subprocess
    import sys
    probe = "import sys, publisher.build; print('rapidfuzz' in sys.modules)"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "False"
