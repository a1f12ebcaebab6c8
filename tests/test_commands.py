"""Project-wide catalog commands (publisher.commands): extract, init and update on a copy of the
real project. The English of the release changes, publisher update runs, and no translation is
lost (checked against GNU msgmerge on the very same files); a bad catalog stops every command
before it writes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.plurals import get_plural

from publisher import commands
from publisher.config import load_project
from publisher.errors import PublisherError
from publisher.po.catalog import parse_catalog, read_catalog
from publisher.po.memory import ORIGIN

from helpers import (
    ADDED,
    AZ_CATALOG,
    BAD_CATALOGS,
    DELETED,
    EDITED,
    EN_CATALOG,
    EPOCH,
    MSGFMT,
    MSGMERGE,
    RELEASE_MD,
    REPO,
    SWAPPED,
    bad_catalog_cases,
    by_start,
    changed_files,
    copy_project,
    find,
    kill_at_random,
    msgids,
    multiply,
    paragraph,
    revise_release,
    run_msgfmt_check,
    tree_snapshot,
    versions,
    whole_files,
)

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


def edit_paragraph(project_dir: Path, old: str, new: str) -> None:
    path = project_dir / "content" / "victory-day-2024.md"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("name, line, part", bad_catalog_cases())
def test_bad_catalog_stops_update_before_any_write(project_dir, name, line, part):
    # A source edit, so that an update which did not stop would rewrite templates and catalogs.
    edit_paragraph(project_dir, "had consistently underlined", "has always stressed")
    planted = project_dir / "locales" / "az" / "LC_MESSAGES" / "site.po"
    good = planted.read_bytes()
    planted.write_bytes((BAD_CATALOGS / name).read_bytes())
    before = tree_snapshot(project_dir)
    project = load_project(project_dir)

    with pytest.raises(PublisherError) as caught:
        commands.update(project)
    assert str(caught.value).startswith(f"locales/az/LC_MESSAGES/site.po:{line}:")
    assert part in str(caught.value)
    assert changed_files(before, tree_snapshot(project_dir)) == []

    planted.write_bytes(good)       # the same update goes through once the catalog is fixed
    commands.update(project)
    assert "locales/victory-day-2024.pot" in changed_files(before, tree_snapshot(project_dir))


@pytest.fixture(scope="module")
def updated(tmp_path_factory):
    """The real project, its release revised and updated once; with the catalogs before."""
    root = copy_project(REPO, tmp_path_factory.mktemp("update") / "project")
    before = {name: read_catalog(root / name) for name in (AZ_CATALOG, EN_CATALOG)}
    revise_release(root)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
        changes = commands.update(load_project(root))
    after = {name: read_catalog(root / name) for name in (AZ_CATALOG, EN_CATALOG)}
    return root, before, after, {c.path: c for c in changes}


def test_update_reports_the_changes(updated):
    _, _, _, changes = updated
    report = changes[AZ_CATALOG].report
    assert changes[AZ_CATALOG].action == "updated"
    assert [m.startswith(EDITED[1]) for m in report.fuzzy] == [True]
    assert [m.startswith(DELETED) for m in report.obsolete] == [True]
    assert report.new == (ADDED,)


def test_update_keeps_every_untouched_translation(updated):
    _, before, after, _ = updated
    old, new = before[AZ_CATALOG], after[AZ_CATALOG]
    untouched = [e for e in old if not e.msgid.startswith((EDITED[0], DELETED))]
    assert len(untouched) == len(old) - 2 >= 15
    for entry in untouched:
        now = find(new, entry.msgid)
        assert now.msgstr == entry.msgstr and now.msgstr
        assert "fuzzy" not in now.flags


def test_update_follows_the_new_paragraph_order(updated):
    _, _, after, _ = updated
    order = msgids(after[AZ_CATALOG])
    first, second = (paragraph(order, start) for start in SWAPPED)
    assert second < first
    assert order[-2] == ADDED


def test_update_marks_the_edited_paragraph_fuzzy(updated):
    _, before, after, _ = updated
    old = by_start(before[AZ_CATALOG], EDITED[0])
    entry = by_start(after[AZ_CATALOG], EDITED[1])
    assert entry.flags == ["fuzzy"]
    assert entry.previous_msgid == old.msgid
    assert entry.msgstr == old.msgstr and entry.msgstr.startswith("Azərbaycan")
    assert entry.msgid == old.msgid.replace(*EDITED)


def test_update_makes_the_deleted_paragraph_obsolete(updated):
    _, before, after, _ = updated
    entry = by_start(after[AZ_CATALOG], DELETED, obsolete=True)
    assert entry.msgstr == by_start(before[AZ_CATALOG], DELETED).msgstr
    assert not [e for e in after[AZ_CATALOG] if e.msgid.startswith(DELETED) and not e.obsolete]


def test_update_leaves_the_new_paragraph_untranslated(updated):
    _, _, after, _ = updated
    entry = find(after[AZ_CATALOG], ADDED)
    assert (entry.msgstr, entry.flags) == ("", [])
    assert entry.occurrences[0][0] == RELEASE_MD


def test_update_copies_the_source_language(updated):
    _, _, after, _ = updated
    english = after[EN_CATALOG]
    assert find(english, ADDED).msgstr == ADDED
    edited = by_start(english, EDITED[1])
    assert (edited.msgstr, edited.flags) == (edited.msgid, [])


@pytest.mark.skipif(MSGFMT is None, reason="GNU gettext's msgfmt is not installed")
def test_updated_catalogs_pass_msgfmt_check(updated):
    root = updated[0]
    paths = sorted((root / "locales").glob("*/LC_MESSAGES/*.po"))
    assert len(paths) == 6
    for path in paths:
        result = run_msgfmt_check(path)
        assert result.returncode == 0, f"{path.name}: {result.stderr}"


def test_second_update_changes_nothing(updated, monkeypatch):
    root = updated[0]
    before = tree_snapshot(root / "locales")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH + 86400))
    changes = commands.update(load_project(root))
    assert changed_files(before, tree_snapshot(root / "locales")) == []
    assert {c.action for c in changes} == {"unchanged"}


def test_update_of_an_up_to_date_project_changes_nothing(project_dir, monkeypatch):
    before = tree_snapshot(project_dir / "locales")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    commands.update(load_project(project_dir))
    assert changed_files(before, tree_snapshot(project_dir / "locales")) == []


def test_extract_twice_changes_nothing(project_dir, monkeypatch):
    project = load_project(project_dir)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    assert commands.extract(project) == []                 # the shipped templates are current
    revise_release(project_dir)
    assert commands.extract(project) == ["locales/victory-day-2024.pot"]
    after_first = tree_snapshot(project_dir)
    assert "POT-Creation-Date: 2024-11-08 08:00+0000" in \
        after_first["locales/victory-day-2024.pot"].decode("utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH + 86400))
    assert commands.extract(project) == []
    assert changed_files(after_first, tree_snapshot(project_dir)) == []


TURKISH = [f"locales/tr/LC_MESSAGES/{domain}.po"
           for domain in ("site", "victory-day-2024", "victory-day-background")]


def test_init_starts_catalogs_for_a_new_language(project_dir):
    changes = commands.init(load_project(project_dir), "tr", translator="Ayşe <a@example.org>")
    assert sorted((c.path, c.action) for c in changes) == [(p, "created") for p in TURKISH]
    for name in TURKISH:
        started = read_catalog(project_dir / name)
        template = read_catalog(project_dir / "locales" / f"{Path(name).stem}.pot")
        assert started.metadata["Language"] == "tr"
        assert started.metadata["Plural-Forms"] == get_plural("tr").plural_forms
        assert started.metadata["Last-Translator"] == "Ayşe <a@example.org>"
        assert msgids(started) == msgids(template) != []
        assert all(e.msgstr == "" for e in started)


@pytest.mark.skipif(MSGFMT is None, reason="GNU gettext's msgfmt is not installed")
def test_init_catalogs_pass_msgfmt_check(project_dir):
    commands.init(load_project(project_dir), "tr")
    for name in TURKISH:
        result = run_msgfmt_check(project_dir / name)
        assert result.returncode == 0, result.stderr


def test_init_never_overwrites_an_existing_catalog(project_dir):
    existing = project_dir / TURKISH[0]
    existing.parent.mkdir(parents=True)
    existing.write_bytes((project_dir / "locales/az/LC_MESSAGES/site.po").read_bytes())
    kept = existing.read_bytes()
    changes = {c.path: c.action for c in commands.init(load_project(project_dir), "tr")}
    assert changes[TURKISH[0]].startswith("exists")
    assert changes[TURKISH[1]] == "created"
    assert existing.read_bytes() == kept


def test_init_refuses_an_unknown_locale(project_dir):
    before = tree_snapshot(project_dir)
    with pytest.raises(PublisherError, match="unknown locale 'xx_QQ'"):
        commands.init(load_project(project_dir), "xx_QQ")
    assert changed_files(before, tree_snapshot(project_dir)) == []


def test_an_update_killed_at_any_moment_leaves_no_catalog_half_written(sample_dir):
    multiply(sample_dir, 12)
    sources = sorted((sample_dir / "content").glob("*.md"))
    originals = {path: path.read_text(encoding="utf-8") for path in sources}

    def edit(root: Path) -> None:          # every publication's paragraph changes: fuzzy
        for path, text in originals.items():
            path.write_text(text.replace("The end.", "The very end."), encoding="utf-8")

    old, new = versions(sample_dir, ["update", "-q"], edit, "locales")
    assert [p for p in old if old[p] != new.get(p)]
    state = iter(range(1000))

    def restore(root: Path) -> None:
        for path, data in old.items():
            (root / "locales" / path).write_bytes(data)
        for path, text in originals.items():
            path.write_text(text, encoding="utf-8")
        if next(state) % 2:
            edit(root)

    def check() -> None:
        for path, data in whole_files(tree_snapshot(sample_dir / "locales")).items():
            if not path.endswith(".tmp"):
                assert data in (old[path], new[path]), f"{path} is half-written"
            parse_catalog(data, path)    # every catalog still reads

    kill_at_random(sample_dir, ["update", "-q"], 1.0, 10, restore, check)
