"""Merging (publisher.po.merging): what msginit and msgmerge --previous do, in memory, compared
with GNU msgmerge on the same files."""

from __future__ import annotations

import subprocess

import polib
import pytest

from publisher.po.catalog import parse_catalog, read_catalog
from publisher.po.format import format_catalog
from publisher.po.merging import initialize, merge

from helpers import (
    LOCALES_DIR,
    MSGMERGE,
    REPO,
    SHIPPED_CATALOGS,
    SHUSHA,
    SHUSHA_AZ,
    SHUSHA_EDITED,
    catalog,
    find,
    gnu_msgmerge,
    message,
    msgids,
)


def test_unchanged_message_keeps_translation_comment_and_flags():
    old = catalog(message("Victory Day", "Zəfər Günü", line=3, tcomment="checked by the editor",
                          flags=["fuzzy"], previous_msgid="Victory"))
    template = catalog(message("Victory Day", line=4, comment="front matter: title"))
    merged, report = merge(old, template)
    entry = find(merged, "Victory Day")
    assert (entry.msgstr, entry.tcomment, entry.flags) == ("Zəfər Günü", "checked by the editor",
                                                           ["fuzzy"])
    assert entry.previous_msgid == "Victory"
    assert (entry.comment, entry.occurrences) == ("front matter: title", [("content/note.md", "4")])
    assert (report.kept, report.new, report.fuzzy, report.obsolete) == (1, (), (), ())


def test_format_flags_follow_the_template():
    old = catalog(message("%(count)s days", "%(count)s gün", flags=["c-format"]))
    merged, _ = merge(old, catalog(message("%(count)s days", flags=["python-format"])))
    assert find(merged, "%(count)s days").flags == ["python-format"]


def test_edited_source_becomes_fuzzy_with_the_old_source_and_translation():
    old = catalog(message(SHUSHA, SHUSHA_AZ, tcomment="checked"))
    merged, report = merge(old, catalog(message(SHUSHA_EDITED, line=2)))
    entry = find(merged, SHUSHA_EDITED)
    assert entry.flags == ["fuzzy"]
    assert entry.previous_msgid == SHUSHA
    assert (entry.msgstr, entry.tcomment) == (SHUSHA_AZ, "checked")
    assert msgids(merged, obsolete=True) == []          # the old one was used, not buried
    assert report.fuzzy == (SHUSHA_EDITED,) and report.kept == 0


def test_unrelated_new_message_is_not_offered_a_fuzzy_translation():
    old = catalog(message(SHUSHA, SHUSHA_AZ))
    merged, report = merge(old, catalog(message("Peace and development in the South Caucasus.")))
    entry = find(merged, "Peace and development in the South Caucasus.")
    assert (entry.msgstr, entry.flags, entry.previous_msgid) == ("", [], None)
    assert report.new == ("Peace and development in the South Caucasus.",)
    assert find(merged, SHUSHA, obsolete=True).msgstr == SHUSHA_AZ


def test_removed_message_becomes_obsolete_and_is_revived_when_it_returns():
    old = catalog(message("Victory Day", "Zəfər Günü"), message(SHUSHA, SHUSHA_AZ, line=2,
                                                                 tcomment="checked"))
    removed, report = merge(old, catalog(message("Victory Day")))
    buried = find(removed, SHUSHA, obsolete=True)
    assert (buried.msgstr, buried.occurrences) == (SHUSHA_AZ, [])
    assert report.obsolete == (SHUSHA,)
    assert msgids(removed) == ["Victory Day"]

    back, report = merge(removed, catalog(message("Victory Day"), message(SHUSHA, line=9)))
    entry = find(back, SHUSHA)
    assert (entry.msgstr, entry.tcomment, entry.flags) == (SHUSHA_AZ, "checked", [])
    assert entry.occurrences == [("content/note.md", "9")]
    assert msgids(back, obsolete=True) == []
    assert report.revived == (SHUSHA,)


def test_untranslated_removed_message_is_dropped():
    old = catalog(message("Victory Day", "Zəfər Günü"), message(SHUSHA, ""))
    merged, report = merge(old, catalog(message("Victory Day")))
    assert [e.msgid for e in merged] == ["Victory Day"]
    assert report.obsolete == ()


def test_new_message_is_untranslated():
    merged, report = merge(catalog(), catalog(message("Victory Day", comment="title")))
    entry = find(merged, "Victory Day")
    assert (entry.msgstr, entry.flags, entry.comment) == ("", [], "title")
    assert report.new == ("Victory Day",)


def test_messages_follow_the_template_order():
    old = catalog(message("One", "Bir"), message("Two", "İki"), message("Three", "Üç"))
    merged, _ = merge(old, catalog(message("Three"), message("One"), message("Two")))
    assert msgids(merged) == ["Three", "One", "Two"]


def test_copy_source_fills_new_messages_with_the_source():
    merged, _ = merge(catalog(), catalog(message("Victory Day")), copy_source=True)
    assert find(merged, "Victory Day").msgstr == "Victory Day"


def test_copy_source_follows_an_edit_of_an_uncorrected_source():
    old = catalog(message(SHUSHA, SHUSHA))
    merged, _ = merge(old, catalog(message(SHUSHA_EDITED)), copy_source=True)
    entry = find(merged, SHUSHA_EDITED)
    assert (entry.msgstr, entry.flags, entry.previous_msgid) == (SHUSHA_EDITED, [], None)
    assert msgids(merged, obsolete=True) == []


def test_copy_source_keeps_a_copy_edited_source_language_text_as_fuzzy():
    corrected = SHUSHA.replace("cradle", "heart")
    merged, _ = merge(catalog(message(SHUSHA, corrected)), catalog(message(SHUSHA_EDITED)),
                      copy_source=True)
    entry = find(merged, SHUSHA_EDITED)
    assert (entry.msgstr, entry.flags, entry.previous_msgid) == (corrected, ["fuzzy"], SHUSHA)


def scenario() -> tuple[polib.POFile, polib.POFile]:
    old = catalog(message("Victory Day", "Zəfər Günü", line=3, tcomment="checked"),
                  message(SHUSHA, SHUSHA_AZ, line=5),
                  message("Garabagh is Azerbaijan.", "Qarabağ Azərbaycandır.", line=7),
                  message("Heroic Victory.", "Qəhrəmanlıq Zəfəri.", line=9, obsolete=True,
                          occurrences=[]))
    template = catalog(message("Victory Day", line=3, comment="front matter: title"),
                       message(SHUSHA_EDITED, line=5), message("Heroic Victory.", line=7),
                       message("Peace and development in the South Caucasus.", line=9))
    return old, template


def test_merging_twice_gives_the_same_bytes():
    old, template = scenario()
    once, _ = merge(old, template)
    twice, report = merge(once, template)
    assert format_catalog(twice) == format_catalog(once)
    assert not report.changed and report.kept == 4


def test_merging_twice_through_the_file_gives_the_same_bytes():
    old, template = scenario()
    once = format_catalog(merge(old, template)[0])
    twice = format_catalog(merge(parse_catalog(once.encode("utf-8"), "az.po"), template)[0])
    assert twice == once


@pytest.mark.skipif(MSGMERGE is None, reason="GNU gettext's msgmerge is not installed")
def test_keep_new_obsolete_and_revive_match_msgmerge(tmp_path):
    old, template = scenario()
    old = catalog(*(e for e in old if e.msgid != SHUSHA))
    template = catalog(*(e for e in template if e.msgid != SHUSHA_EDITED))
    ours = format_catalog(merge(old, template)[0])
    assert "#~ msgid \"Garabagh is Azerbaijan.\"" in ours
    assert ours == gnu_msgmerge(old, template, tmp_path)


@pytest.mark.skipif(MSGMERGE is None, reason="GNU gettext's msgmerge is not installed")
def test_fuzzy_match_matches_msgmerge(tmp_path):
    old, template = scenario()
    ours = format_catalog(merge(old, template)[0])
    assert "#, fuzzy\n#| msgid" in ours
    assert ours == gnu_msgmerge(old, template, tmp_path)


@pytest.mark.skipif(MSGMERGE is None, reason="GNU gettext's msgmerge is not installed")
def test_obsolete_entry_keeps_its_previous_msgid_like_msgmerge(tmp_path):
    old = catalog(message("Garabagh is Azerbaijan!", "Qarabağ Azərbaycandır!", flags=["fuzzy"],
                          previous_msgid="Garabagh is Azerbaijan"),
                  message("Victory Day", "Zəfər Günü", line=2))
    ours = format_catalog(merge(old, catalog(message("Victory Day", line=2)))[0])
    assert '#~| msgid "Garabagh is Azerbaijan"\n#~ msgid "Garabagh is Azerbaijan!"' in ours
    assert ours == gnu_msgmerge(old, catalog(message("Victory Day", line=2)), tmp_path)
    again = merge(parse_catalog(ours.encode("utf-8"), "az.po"), catalog(message("Victory Day", line=2)))
    assert format_catalog(again[0]) == ours


@pytest.mark.skipif(MSGMERGE is None, reason="GNU gettext's msgmerge is not installed")
@pytest.mark.parametrize("path", SHIPPED_CATALOGS, ids=lambda p: p.relative_to(LOCALES_DIR).as_posix())
def test_shipped_catalog_merged_like_msgmerge(path, tmp_path):
    """The catalogs are up to date: msgmerge --previous and publisher's merge both keep them."""
    template = LOCALES_DIR / f"{path.stem}.pot"
    out = tmp_path / "merged.po"
    subprocess.run([MSGMERGE, "--previous", "--quiet", "-o", str(out), str(path), str(template)],
                   check=True, capture_output=True)
    merged, report = merge(read_catalog(path), read_catalog(template))
    assert not report.changed
    assert format_catalog(merged).encode("utf-8") == out.read_bytes() == path.read_bytes()


@pytest.mark.skipif(MSGMERGE is None, reason="GNU gettext's msgmerge is not installed")
def test_generated_catalog_keeps_every_translation_msgmerge_keeps(tmp_path):
    """On the benchmark's generated pair (index and full scoring both at work): every message
    msgmerge --previous gives a translation, publisher's merge gives one too."""
    import sys
    sys.path.insert(0, str(REPO / "benchmarks"))     # benchmarks/ is a folder of scripts
    from corpus import make_corpus, write_corpus

    corpus = make_corpus(1500, seed=7)
    po, pot = write_corpus(corpus, tmp_path)
    subprocess.run([MSGMERGE, "--previous", "--quiet", "-o", str(tmp_path / "gnu.po"), str(po),
                    str(pot)], check=True)
    gnu = [e for e in read_catalog(tmp_path / "gnu.po") if not e.obsolete and e.msgstr]
    ours = {e.msgid: e for e in merge(read_catalog(po), read_catalog(pot))[0] if not e.obsolete}
    assert len(gnu) > 1400
    assert [e.msgid for e in gnu if not ours[e.msgid].msgstr] == []
    edited = [new for new in corpus.edited if ours[new].msgstr]
    assert len(edited) == len(corpus.edited)
    assert all(ours[new].previous_msgid for new in edited)


def plural_template(*pairs: tuple[str, str]) -> polib.POFile:
    template = polib.POFile()
    template.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for singular, plural in pairs:
        template.append(polib.POEntry(msgid=singular, msgid_plural=plural,
                                      msgstr_plural={0: "", 1: ""}, flags=["python-format"]))
    return template


ONE, MANY = "%(count)s handout to print", "%(count)s handouts to print"


def test_a_new_plural_message_in_the_source_language_takes_both_forms_as_msginit_does():
    """msginit for English: msgstr[0] = msgid, msgstr[1] = msgid_plural; init and update agree,
    and a translation's catalog keeps empty forms."""
    template = plural_template((ONE, MANY))
    created = initialize(template, "en", copy_source=True)
    merged, report = merge(initialize(polib.POFile(), "en", copy_source=True), template,
                           copy_source=True)
    for made in (created, merged):
        assert made.find(ONE).msgstr_plural == {0: ONE, 1: MANY}
        assert made.find(ONE).translated()
    assert report.new == (ONE,)
    az, _ = merge(initialize(polib.POFile(), "az", copy_source=False), template)
    assert az.find(ONE).msgstr_plural == {0: "", 1: ""}


def test_an_edited_plural_source_follows_its_uncorrected_rendition():
    old = initialize(plural_template((ONE, MANY)), "en", copy_source=True)
    edited = ("%(count)s handout to print and share", "%(count)s handouts to print and share")
    merged, report = merge(old, plural_template(edited), copy_source=True)
    entry = merged.find(edited[0])
    assert (entry.msgstr_plural, entry.flags) == ({0: edited[0], 1: edited[1]}, ["python-format"])
    assert report.followed == (edited[0],) and report.fuzzy == ()
