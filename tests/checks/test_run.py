"""Running the checks (publisher.checks.run) and publisher check: path:line for every planted
problem, grouped by catalog then check; bad catalogs reported by check, build and update without a
byte changed; ignore flags; the project's catalogs as the build and stats see them."""

import json
import re
import shutil

import polib
import pytest

from publisher.checks.context import Settings
from publisher.checks.registry import CHECKS
from publisher.checks.run import check_catalog, ignored
from publisher.limits import MAX_CATALOG_BYTES
from publisher.po.format import format_catalog

from helpers import (
    BAD,
    BAD_CATALOGS,
    CHECK_SETTINGS,
    PLANTED,
    REPO,
    SITE_PO,
    check_codes,
    planted_expectations,
    po_bytes,
    po_entry,
    run_cli,
    tree_snapshot,
)


def test_shipped_catalogs_are_clean():
    result = run_cli(REPO, "check")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].endswith("0 error(s), 0 warning(s)"), result.output


def test_check_finds_every_planted_error_at_its_line(project_dir):
    target = project_dir / "locales/az/LC_MESSAGES/planted.po"
    shutil.copy(PLANTED, target)
    with (project_dir / "publisher.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n[checks]\nkeep_obsolete = 1\n")
    result = run_cli(project_dir, "check", "--locale", "az")
    assert result.exit_code == 1
    lines = re.findall(r"^locales/az/LC_MESSAGES/planted\.po:(\d+): \[([\w-]+)\] .+$",
                       result.output, re.M)
    assert {(code, int(line)) for line, code in lines} == planted_expectations()
    assert len(lines) == len(planted_expectations())          # one problem each, no more
    others = [line for line in result.output.splitlines()
              if line.startswith("locales/") and "planted.po" not in line]
    assert others == []
    assert re.search(r"^4 catalog\(s\) checked: \d+ error\(s\), \d+ warning\(s\)$", result.output, re.M)


def test_output_is_grouped_by_catalog_then_check(project_dir):
    shutil.copy(PLANTED, project_dir / "locales/az/LC_MESSAGES/planted.po")
    result = run_cli(project_dir, "check", "--format", "json")
    problems = json.loads(result.output)["problems"]
    order = [check.code for check in CHECKS]
    keys = [(p["path"], order.index(p["code"]), p["line"]) for p in problems]
    assert keys == sorted(keys) and len(keys) == len(planted_expectations()) - 1   # obsolete: kept
    assert {p["level"] for p in problems} == {"error", "warning"}


def test_strict_build_refuses_a_locale_with_errors(project_dir):
    po_file = project_dir / "locales/az/LC_MESSAGES/victory-day-2024.po"
    text = po_file.read_text(encoding="utf-8")
    po_file.write_text(text.replace("1993-cü ildə BMT", "1992-ci ildə BMT"), encoding="utf-8")
    strict = run_cli(project_dir, "build", "--format", "html", "--strict")
    assert strict.exit_code == 1
    assert re.search(r"^error: locales/az/LC_MESSAGES/victory-day-2024\.po:\d+: \[numbers\] numbers "
                     r"differ from the source: 1993 missing; 1992 not in the source$",
                     strict.stderr, re.M), strict.stderr
    assert not (project_dir / "dist").exists()
    assert run_cli(project_dir, "build", "--format", "html", "--strict", "--locale", "en").exit_code == 0
    assert run_cli(project_dir, "build", "--format", "html", "-q").exit_code == 0   # a warning-free build


@pytest.mark.parametrize("name", sorted(BAD), ids=lambda n: n.removesuffix(".po"))
def test_bad_catalog_gives_path_line_in_check_build_and_update_and_changes_nothing(project_dir, name):
    line, part = BAD[name]
    (project_dir / SITE_PO).write_bytes((BAD_CATALOGS / name).read_bytes())
    content = project_dir / "content/victory-day-2024.md"   # an edit an update would write out
    content.write_text(content.read_text(encoding="utf-8").replace(
        "had consistently underlined", "has always stressed"), encoding="utf-8")
    before = tree_snapshot(project_dir)

    checked = run_cli(project_dir, "check")
    assert checked.exit_code == 1
    reported = part.removeprefix("unsafe markup in msgstr: ")
    assert re.search(rf"^{SITE_PO}:{line}: \[[\w-]+\] .*{re.escape(reported)}", checked.output,
                     re.M), checked.output
    for command in (["build", "--format", "html"], ["update"]):
        result = run_cli(project_dir, *command)
        assert result.exit_code == 1
        assert f"error: {SITE_PO}:{line}: " in result.stderr and part in result.stderr, result.stderr
    assert tree_snapshot(project_dir) == before


def test_invalid_utf8_reports_every_bad_line():
    data = po_bytes(po_entry("One", "Bir"), po_entry("Two", "Iki")).replace(b"Bir", b"B\xe9r").replace(
        b"Iki", b"\xc4\xb0k\xff")
    problems = check_catalog(data, "t.po", "az", CHECK_SETTINGS)
    assert [(p.code, p.line) for p in problems] == [("encoding", 8), ("encoding", 11)]


def test_unreadable_catalog_is_one_catalog_problem():
    problems = check_catalog(po_bytes('msgid "One"\nmsgstr "Bir'), "t.po", "az", CHECK_SETTINGS)
    assert [(p.code, p.line, p.level) for p in problems] == [("catalog", 8, "error")]


def test_obsolete_messages_beyond_the_limit_are_the_oldest():
    entries = [f'#~ msgid "Old {n}"\n#~ msgstr "Köhnə {n}"' for n in range(4)]
    problems = check_catalog(po_bytes(*entries), "t.po", "az", Settings("en", 2, ()))
    assert [p.code for p in problems] == ["obsolete", "obsolete"]
    assert [p.line for p in problems] == [13, 16]
    assert check_catalog(po_bytes(*entries), "t.po", "az", Settings("en", 4, ())) == []


def test_ignore_flag_and_comment_silence_one_check_and_survive_rewriting():
    silenced = po_entry("Hello.", "Salam", "#, publisher-ignore: end-punctuation same-as-source")
    commented = po_entry("Hello.", "Salam", "# publisher-ignore: end-punctuation")
    assert check_catalog(po_bytes(silenced), "t.po", "az", CHECK_SETTINGS) == []
    assert check_catalog(po_bytes(commented), "t.po", "az", CHECK_SETTINGS) == []
    assert check_codes("Hello.", "Salam", "#, publisher-ignore: numbers") == ["end-punctuation"]
    written = format_catalog(polib.pofile(po_bytes(silenced, commented).decode("utf-8")))
    assert "#, publisher-ignore: end-punctuation same-as-source\n" in written
    assert "# publisher-ignore: end-punctuation\n" in written
    assert [ignored(entry) for entry in polib.pofile(written)] == [
        {"end-punctuation", "same-as-source"}, {"end-punctuation"}]


def test_update_keeps_an_ignore_flag(project_dir):
    po_file = project_dir / "locales/az/LC_MESSAGES/victory-day-2024.po"
    text = po_file.read_text(encoding="utf-8")
    po_file.write_text(text.replace('#. front matter: title\n',
                                    '#. front matter: title\n#, publisher-ignore: glossary\n'),
                       encoding="utf-8")
    assert run_cli(project_dir, "update", "-q").exit_code == 0
    assert "#, publisher-ignore: glossary\nmsgid \"Victory Day\"" in po_file.read_text(encoding="utf-8")


def test_check_refuses_a_catalog_over_the_size_limit_without_reading_it(project_dir):
    with (project_dir / SITE_PO).open("ab") as handle:     # sparse: nothing written to disk
        handle.truncate(MAX_CATALOG_BYTES + 1)
    result = run_cli(project_dir, "check", "--locale", "az")
    assert result.exit_code == 1
    assert re.search(rf"^{SITE_PO}: \[catalog\] too large to read: 32\.0 MB, the limit is 32\.0 MB$",
                     result.output, re.M)


def test_check_expects_a_catalog_for_every_publication_even_before_extract(project_dir):
    # the domains are the site and the publications, as stats and build list them, not the
    # .pot files that happen to exist
    shutil.copy(project_dir / "content/victory-day-2024.md", project_dir / "content/new-release.md")
    (project_dir / "locales/victory-day-2024.pot").unlink()
    result = run_cli(project_dir, "check", "--locale", "az")
    for domain in ("new-release",):
        assert (f"locales/az/LC_MESSAGES/{domain}.po: [untranslated] catalog not found"
                in result.output)
    assert "locales/az/LC_MESSAGES/victory-day-2024.po: [untranslated] catalog not found" not in result.output
