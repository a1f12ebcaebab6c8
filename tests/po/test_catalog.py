"""Catalogs: strict reading, merging templates into catalogs, update/extract/init/compile."""

from __future__ import annotations

import gettext
import io
import subprocess
from pathlib import Path

import polib
import pytest
from babel.messages.plurals import get_plural
from helpers import (ADDED, AZ_CATALOG, BAD, BAD_CATALOGS, DELETED, EDITED, EN_CATALOG, EPOCH,
                     MSGFMT, MSGMERGE, MSGUNFMT, RELEASE_MD, REPO, SHUSHA, SHUSHA_AZ, SHUSHA_EDITED,
                     SWAPPED, by_start, catalog, changed_files, copy_project, find, gnu_msgmerge,
                     message, msgids, paragraph, revise_release, run_msgfmt_check, tree_snapshot)

from publisher import commands
from publisher.po.mo import compile_catalog
from publisher.po.merging import merge
from publisher.po.catalog import parse_catalog, read_catalog
from publisher.config import load_project
from publisher.errors import CatalogError, PublisherError
from publisher.po.format import format_catalog
from publisher.po.parse import parse_po

# ------------------------------------------------------------ (a) the bad-catalog corpus

# The cases that are publisher's rules, not GNU gettext's.
PUBLISHER_RULES = ("charset-latin1.po", "missing-content-type.po", "script-in-msgstr.po",
                   "javascript-link.po", "file-image.po", "event-handler.po", "control-character.po")
def bad_cases():
    return [pytest.param(name, line, part, id=name.removesuffix(".po"))
            for name, (line, part) in BAD.items()]


def test_corpus_and_table_agree():
    # The corpus also holds catalogs that read well but fail publisher check (unsafe markup);
    # those are tested with the checks.
    assert set(BAD) <= {p.name for p in BAD_CATALOGS.glob("*.po")}


@pytest.mark.parametrize("name, line, part", bad_cases())
def test_bad_catalog_is_rejected_with_its_line(name, line, part):
    display = f"locales/az/LC_MESSAGES/{name}"
    with pytest.raises(CatalogError) as caught:
        read_catalog(BAD_CATALOGS / name, display)
    assert str(caught.value).startswith(f"{display}:{line}:")
    assert part in str(caught.value)


@pytest.mark.skipif(MSGFMT is None, reason="GNU gettext's msgfmt is not installed")
@pytest.mark.parametrize("name", [n for n in BAD if n not in PUBLISHER_RULES])
def test_gnu_gettext_rejects_the_bad_catalog_too(name):
    """The corpus is bad by GNU's measure, not only publisher's (charset and unsafe markup
    are publisher's rules)."""
    assert run_msgfmt_check(BAD_CATALOGS / name).returncode != 0


def test_valid_plural_catalog_is_read():
    text = (BAD_CATALOGS / "three-plural-forms.po").read_text(encoding="utf-8")
    text = text.replace('msgstr[2] "%(count)d nəşr"\n', "")
    entry = find(parse_catalog(text.encode("utf-8"), "plural.po"), "%(count)d publication")
    assert entry.msgstr_plural == {0: "%(count)d nəşr", 1: "%(count)d nəşr"}


@pytest.mark.parametrize("escape, value", [("\\a", "\a"), ("\\101", "A"), ("\\x41", "A"),
                                           ("\\303\\274", "ü"), ("\\xc3\\xbc", "ü"), ("\\0", "\0")])
def test_gnu_escapes_are_decoded(escape, value):
    """The escapes GNU's reader accepts (po-lex.c): C's letters, octal and hex bytes."""
    text = (BAD_CATALOGS / "invalid-escape.po").read_text(encoding="utf-8")
    text = text.replace("Qarabağ\\qAzərbaycandır.", f"A{escape} B")
    entry = find(parse_po(text, "escapes.po"), "Garabagh is Azerbaijan.")
    assert entry.msgstr == f"A{value} B"
    if value < " ":     # decoded, then refused as a translation (tests/bad-catalogs)
        with pytest.raises(CatalogError, match=r"escapes\.po:16: control character U\+00"):
            parse_catalog(text.encode("utf-8"), "escapes.po")
    else:
        assert find(parse_catalog(text.encode("utf-8"), "escapes.po"), "Garabagh is Azerbaijan.")


@pytest.mark.parametrize("escape", ["\\q", "\\x", "\\x100", "\\8", "\\377"])
def test_unknown_escapes_are_refused_with_their_line(escape):
    text = (BAD_CATALOGS / "invalid-escape.po").read_text(encoding="utf-8")
    text = text.replace("Qarabağ\\qAzərbaycandır.", f"A{escape} B")
    with pytest.raises(CatalogError, match=r"^escapes.po:18: syntax error: (unsupported escape|"
                                           r"octal or hex escapes that are not valid UTF-8)"):
        parse_catalog(text.encode("utf-8"), "escapes.po")


@pytest.mark.parametrize("body, line, part", [
    ('msgid "Victory Day"\n\nmsgid "Peace"\nmsgstr ""\n', 13, "msgid where msgstr was expected"),
    ('msgid "Victory Day"\n', 11, "msgid without msgstr"),
    ('msgstr "Zəfər Günü"\n', 11, "msgstr without msgid"),
    ('msgid "Day"\nmsgstr[0] "Gün"\n', 12, "msgstr[0] without msgid_plural"),
    ('msgid "Day"\nmsgid_plural "Days"\nmsgstr "Gün"\n', 13, "needs msgstr[0]"),
    ('#. paragraph\n"Victory Day"\n', 12, "a string without a keyword"),
    ('#~ msgid "Day"\nmsgstr "Gün"\n', 12, "mixes obsolete (#~) and live lines"),
    ('#| msgid "Day"\n', 11, "previous msgid (#|) without a message"),
])
def test_structure_errors_name_their_line(body, line, part):
    text = (BAD_CATALOGS / "invalid-escape.po").read_text(encoding="utf-8").split("\n\n")[0]
    text += "\n\n" + body                   # the header takes lines 1-10
    with pytest.raises(CatalogError) as caught:
        parse_catalog(text.encode("utf-8"), "structure.po")
    assert str(caught.value).startswith(f"structure.po:{line}: syntax error:")
    assert part in str(caught.value)


def edit_paragraph(project_dir: Path, old: str, new: str) -> None:
    path = project_dir / "content" / "victory-day-2024.md"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("name, line, part", bad_cases())
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


# ------------------------------------------------------------------ (b) merge semantics

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


# ----------------------------------------------- (c) update on a copy of the real project

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


# ---------------------------------------------------------------- (d) compile and init

def mo_of(catalog_: polib.POFile) -> gettext.GNUTranslations:
    return gettext.GNUTranslations(io.BytesIO(compile_catalog(catalog_)))


def test_compiled_catalog_translates_only_translated_messages():
    translations = mo_of(catalog(
        message("Victory Day", "Zəfər Günü"),
        message(SHUSHA_EDITED, SHUSHA_AZ, flags=["fuzzy"], previous_msgid=SHUSHA),
        message("Peace", ""),
        message("Heroic Victory.", "Qəhrəmanlıq Zəfəri.", obsolete=True, occurrences=[])))
    assert translations.gettext("Victory Day") == "Zəfər Günü"
    assert translations.gettext(SHUSHA_EDITED) == SHUSHA_EDITED
    assert translations.gettext("Peace") == "Peace"
    assert translations.gettext("Heroic Victory.") == "Heroic Victory."


def test_compiled_shipped_catalog_translates_the_release():
    translations = mo_of(read_catalog(REPO / AZ_CATALOG))
    assert translations.gettext("Victory Day") == "Zəfər Günü"
    assert translations.gettext("New York") == "Nyu-York"
    assert translations.info()["language"] == "az"


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


def plural_catalog() -> polib.POFile:
    result = catalog(
        message("Victory Day", "Zəfər Günü"),
        message("Day", "Gün", msgctxt="calendar"),
        message(SHUSHA_EDITED, SHUSHA_AZ, flags=["fuzzy"], previous_msgid=SHUSHA),
        message("Peace", ""),
        polib.POEntry(msgid="%(count)d publication", msgid_plural="%(count)d publications",
                      msgstr_plural={0: "%(count)d nəşr", 1: "%(count)d nəşrlər"}),
        polib.POEntry(msgid="%(count)d page", msgid_plural="%(count)d pages",
                      msgstr_plural={0: "%(count)d səhifə", 1: ""}))
    result.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    return result


def test_compiled_plurals_and_contexts_are_looked_up():
    translations = gettext.GNUTranslations(io.BytesIO(compile_catalog(plural_catalog())))
    assert translations.ngettext("%(count)d publication", "%(count)d publications", 1) == \
        "%(count)d nəşr"
    assert translations.ngettext("%(count)d publication", "%(count)d publications", 5) == \
        "%(count)d nəşrlər"
    assert translations.ngettext("%(count)d page", "%(count)d pages", 5) == "%(count)d pages"
    assert translations.pgettext("calendar", "Day") == "Gün"
    assert translations.gettext("Day") == "Day"


@pytest.mark.skipif(MSGFMT is None or MSGUNFMT is None, reason="GNU gettext is not installed")
def test_compiled_catalog_reads_back_as_msgfmt_compiled_it(tmp_path):
    """msgunfmt decompiles ours and msgfmt's .mo of the same catalog into the same text.
    (Not with a plural message missing some forms: msgfmt compiles it, and the reader then
    gets an empty string for the missing form; publisher leaves it out, so the English shows.)"""
    partial = plural_catalog()
    partial.remove([e for e in partial if e.msgid == "%(count)d page"][0])
    partial.metadata["POT-Creation-Date"] = "2024-11-01 09:10+0000"
    source = tmp_path / "az.po"
    source.write_text(format_catalog(partial), encoding="utf-8")
    (tmp_path / "ours.mo").write_bytes(compile_catalog(read_catalog(source)))
    subprocess.run([MSGFMT, "-o", str(tmp_path / "gnu.mo"), str(source)], check=True)
    decompiled = [subprocess.run([MSGUNFMT, str(tmp_path / name)], check=True,
                                 capture_output=True).stdout for name in ("ours.mo", "gnu.mo")]
    assert decompiled[0] == decompiled[1]
    assert b"Peace" not in decompiled[0] and SHUSHA_EDITED.encode() not in decompiled[0]


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


def test_is_translated_is_what_compile_catalog_keeps():
    from publisher.po.entries import is_translated
    catalog = parse_catalog(b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                            b'"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
                            b'msgid "a"\nmsgstr "A"\n\nmsgid "b"\nmsgstr ""\n\n'
                            b'msgid "c"\nmsgid_plural "cs"\nmsgstr[0] "C"\nmsgstr[1] ""\n\n'
                            b'msgid "d"\nmsgid_plural "ds"\nmsgstr[0] ""\nmsgstr[1] "Ds"\n\n'
                            b'msgid "e"\nmsgid_plural "es"\nmsgstr[0] "E"\nmsgstr[1] "Es"\n', "t.po")
    assert [e.msgid for e in catalog if is_translated(e)] == ["a", "e"]
    compiled = gettext.GNUTranslations(io.BytesIO(compile_catalog(catalog)))
    assert compiled.gettext("a") == "A" and compiled.ngettext("e", "es", 2) == "Es"
    assert compiled.ngettext("c", "cs", 1) == "c" and compiled.ngettext("d", "ds", 2) == "ds"
