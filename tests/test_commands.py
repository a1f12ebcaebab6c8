"""The issue's "done when": the English of the release changes, ``publisher update`` runs, and
no translation is lost — checked against GNU msgmerge on the very same files."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from helpers import (DELETED, EDITED, EPOCH, MSGFMT, MSGMERGE, by_start, changed_files,
                     REPO, revise_release, run_msgfmt_check, tree_snapshot)

from publisher import commands
from publisher.po.catalog import read_catalog
from publisher.config import load_project
from publisher.po.memory import ORIGIN

AZ = "locales/az/LC_MESSAGES"


@pytest.fixture
def revised(project_dir, monkeypatch, tmp_path):
    """The project with its release revised and updated once; the az catalogs from before
    are kept aside in tmp_path/before."""
    before = tmp_path / "before"
    shutil.copytree(project_dir / AZ, before)
    revise_release(project_dir)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    changes = commands.update(load_project(project_dir))
    return project_dir, before, {c.path: c for c in changes}


def test_every_other_translation_survives_and_the_edit_is_fuzzy(revised):
    root, before, _ = revised
    old = read_catalog(before / "victory-day-2024.po")
    new = read_catalog(root / AZ / "victory-day-2024.po")
    live = {e.msgid: e for e in new if not e.obsolete}
    for entry in old:
        if entry.msgid.startswith((EDITED[0], DELETED)):
            continue
        assert live[entry.msgid].msgstr == entry.msgstr != ""
        assert "fuzzy" not in live[entry.msgid].flags
    edited = by_start(new, EDITED[1])
    assert edited.flags == ["fuzzy"] and edited.previous_msgid.startswith(EDITED[0])
    assert edited.msgstr == by_start(old, EDITED[0]).msgstr
    deleted = by_start(new, DELETED, obsolete=True)
    assert deleted.msgstr == by_start(old, DELETED).msgstr


@pytest.mark.skipif(MSGMERGE is None, reason="GNU gettext's msgmerge is not installed")
def test_no_translation_msgmerge_keeps_is_lost(revised, tmp_path):
    root, before, _ = revised
    for old in sorted(before.glob("*.po")):
        template = root / "locales" / f"{old.stem}.pot"
        gnu = tmp_path / f"gnu-{old.name}"
        subprocess.run([MSGMERGE, "--previous", "--quiet", "-o", str(gnu), str(old),
                        str(template)], check=True)
        ours = {(e.msgctxt, e.msgid): e for e in read_catalog(root / AZ / old.name)
                if not e.obsolete}
        theirs = [e for e in read_catalog(gnu) if not e.obsolete and e.msgstr]
        assert theirs
        for entry in theirs:
            mine = ours[(entry.msgctxt, entry.msgid)]
            assert mine.msgstr, f"{old.name}: msgmerge keeps {entry.msgid[:50]!r}, we lost it"
            assert ("fuzzy" in mine.flags) <= ("fuzzy" in entry.flags) or mine.msgstr
        obsolete = {e.msgid for e in read_catalog(gnu) if e.obsolete}
        assert obsolete <= {e.msgid for e in read_catalog(root / AZ / old.name) if e.obsolete}


def test_second_update_changes_no_byte(revised, monkeypatch):
    root, _, _ = revised
    snapshot = tree_snapshot(root / "locales")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH + 86400))
    commands.update(load_project(root))
    assert changed_files(snapshot, tree_snapshot(root / "locales")) == []


@pytest.mark.skipif(MSGFMT is None, reason="GNU gettext's msgfmt is not installed")
def test_updated_catalogs_pass_msgfmt(revised):
    root, _, _ = revised
    for path in sorted((root / "locales").glob("*/LC_MESSAGES/*.po")):
        assert run_msgfmt_check(path).returncode == 0, path.name


def test_dry_run_says_what_would_change_and_writes_nothing(project_dir, monkeypatch):
    revise_release(project_dir)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    snapshot = tree_snapshot(project_dir)
    changes = {c.path: c for c in commands.update(load_project(project_dir), dry_run=True)}
    assert changed_files(snapshot, tree_snapshot(project_dir)) == []
    report = changes[f"{AZ}/victory-day-2024.po"].report
    assert len(report.fuzzy) == 1 and len(report.obsolete) == 1 and len(report.new) == 1


# ---------------------------------------------------------- translation memory, end to end

NEW_RELEASE = """+++
title = "Victory Day"
label = "Statement"
date = 2024-11-09
+++

{same}

{close}

A paragraph that no catalog has seen before, about the weather in Baku.
"""


def add_publication(root: Path, same: str, close: str) -> None:
    (root / "content" / "victory-day-2025.md").write_text(
        NEW_RELEASE.format(same=same, close=close), encoding="utf-8")


def test_a_new_publication_takes_translations_from_the_others(project_dir, monkeypatch):
    az = read_catalog(project_dir / AZ / "victory-day-2024.po")
    same = by_start(az, "Convinced of its endless impunity")
    close = by_start(az, EDITED[0])
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    add_publication(project_dir, same.msgid, close.msgid.replace(*EDITED))
    changes = {c.path: c for c in commands.update(load_project(project_dir))}

    path = f"{AZ}/victory-day-2025.po"
    assert changes[path].action == "created" and len(changes[path].report.remembered) == 3
    catalog = read_catalog(project_dir / path)
    exact = by_start(catalog, "Convinced of its endless impunity")
    assert (exact.msgstr, exact.flags) == (same.msgstr, [])
    assert exact.tcomment == f"{ORIGIN}victory-day-2024.po"
    fuzzy = by_start(catalog, EDITED[1])
    assert (fuzzy.msgstr, fuzzy.flags) == (close.msgstr, ["fuzzy"])
    assert fuzzy.previous_msgid == close.msgid
    assert fuzzy.tcomment == f"{ORIGIN}victory-day-2024.po"
    title = [e for e in catalog if e.msgid == "Victory Day"]
    assert title and title[0].msgstr == "Zəfər Günü" and title[0].flags == []
    assert by_start(catalog, "A paragraph that no catalog").msgstr == ""
    # the source language's catalog copies the English, it takes nothing from memory
    english = read_catalog(project_dir / "locales/en/LC_MESSAGES/victory-day-2025.po")
    assert all(e.msgstr == e.msgid for e in english)

    snapshot = tree_snapshot(project_dir / "locales")      # and a second run changes nothing
    commands.update(load_project(project_dir))
    assert changed_files(snapshot, tree_snapshot(project_dir / "locales")) == []
    if MSGFMT:
        assert run_msgfmt_check(project_dir / path).returncode == 0


def test_memory_never_overwrites_a_translation(project_dir, monkeypatch):
    """A message translated in its own catalog keeps its translation, even if another
    catalog translates the same English differently."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    path = project_dir / AZ / "victory-day-2024.po"
    text = path.read_text(encoding="utf-8")
    assert 'msgstr "Zəfər Günü"' in text
    add_publication(project_dir, "Victory Day", "Something else entirely, said twice over.")
    commands.update(load_project(project_dir))
    ours = read_catalog(path)
    assert [e.msgstr for e in ours if e.msgid == "Victory Day"] == ["Zəfər Günü"]
    assert not any(e.tcomment.startswith(ORIGIN) for e in ours)


def test_dry_run_of_an_up_to_date_project_changes_nothing(project_dir, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    changes = commands.update(load_project(project_dir), dry_run=True)
    assert {c.action for c in changes} == {"unchanged"}


@pytest.mark.skipif(MSGMERGE is None, reason="GNU gettext's msgmerge is not installed")
def test_generated_catalog_keeps_every_translation_msgmerge_keeps(tmp_path):
    """On the benchmark's generated pair (index and full scoring both at work): every message
    msgmerge --previous gives a translation, publisher's merge gives one too."""
    import sys
    sys.path.insert(0, str(REPO / "benchmarks"))
    from corpus import make_corpus, write_corpus

    from publisher.po.merging import merge

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


# ------------------------------------------------- the source language's own catalogs

def test_update_fills_a_new_source_language_message_with_the_source(project_dir, monkeypatch):
    """As publisher init does: the en catalog's new entry has msgstr = msgid, az's is empty."""
    paragraph = "A paragraph added after the catalogs were made, about the peace treaty."
    source = project_dir / "content" / "victory-day-background.md"
    source.write_text(source.read_text(encoding="utf-8") + f"\n{paragraph}\n", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    commands.update(load_project(project_dir))
    en = by_start(read_catalog(project_dir / "locales/en/LC_MESSAGES/victory-day-background.po"),
                  paragraph)
    assert (en.msgstr, en.flags) == (paragraph, [])
    assert by_start(read_catalog(project_dir / f"{AZ}/victory-day-background.po"), paragraph).msgstr == ""
    snapshot = tree_snapshot(project_dir)
    commands.update(load_project(project_dir))      # a second update changes nothing
    assert changed_files(snapshot, tree_snapshot(project_dir)) == []


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
    from publisher.po.merging import initialize, merge
    template = plural_template((ONE, MANY))
    created = initialize(template, "en", copy_source=True)
    merged, report = merge(initialize(polib.POFile(), "en", copy_source=True), template,
                           copy_source=True)
    for catalog in (created, merged):
        assert catalog.find(ONE).msgstr_plural == {0: ONE, 1: MANY}
        assert catalog.find(ONE).translated()
    assert report.new == (ONE,)
    az, _ = merge(initialize(polib.POFile(), "az", copy_source=False), template)
    assert az.find(ONE).msgstr_plural == {0: "", 1: ""}


def test_an_edited_plural_source_follows_its_uncorrected_rendition():
    from publisher.po.merging import initialize, merge
    old = initialize(plural_template((ONE, MANY)), "en", copy_source=True)
    edited = ("%(count)s handout to print and share", "%(count)s handouts to print and share")
    merged, report = merge(old, plural_template(edited), copy_source=True)
    entry = merged.find(edited[0])
    assert (entry.msgstr_plural, entry.flags) == ({0: edited[0], 1: edited[1]}, ["python-format"])
    assert report.followed == (edited[0],) and report.fuzzy == ()
