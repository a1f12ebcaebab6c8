"""The command line: exit codes, messages naming file and line, nothing half-written."""

import re

import pytest
from click.testing import CliRunner

from publisher.cli import cli

from helpers import RELEASE_MD, SITE_PO, replace_in, run_cli, tree_snapshot


@pytest.mark.parametrize("command", ["build", "extract", "init", "update", "compile", "check"])
def test_every_command_has_help(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output


def break_unterminated(project):
    replace_in(project / SITE_PO, 'msgstr "Dillər"', 'msgstr "Dillər')


def break_charset(project):
    replace_in(project / SITE_PO, "charset=UTF-8", "charset=ISO-8859-1")


def break_duplicate(project):
    with (project / SITE_PO).open("a", encoding="utf-8") as handle:
        handle.write('\nmsgid "Languages"\nmsgstr "Dillər"\n')


def break_front_matter(project):
    replace_in(project / RELEASE_MD, 'title = "Victory Day"', 'title = "Victory Day')


def break_locale(project):
    replace_in(project / "publisher.toml", 'locales = ["en", "az"]', 'locales = ["en", "az", "xx_QQ"]')


def break_template(project):
    (project / "templates" / "handout.html").unlink()


def break_slug(project):
    replace_in(project / RELEASE_MD, 'page_size = "Letter"', 'page_size = "Letter"\nslug = "../../outside"')


def break_placeholder(project):
    replace_in(project / SITE_PO, 'msgstr "Faks: %(number)s"', 'msgstr "Faks: %(nomre)s"')


def break_percent(project):
    replace_in(project / SITE_PO, 'msgstr "Faks: %(number)s"', 'msgstr "Faks (100%): %(number)s"')


def break_letterhead(project):
    replace_in(project / RELEASE_MD, 'letterhead = ["az", "en"]', 'letterhead = ["fr", "en"]')


def break_catalog_is_folder(project):
    (project / SITE_PO).unlink()
    (project / SITE_PO).mkdir()


def break_index_slug(project):
    replace_in(project / RELEASE_MD, 'page_size = "Letter"', 'page_size = "Letter"\nslug = "index"')


BAD_INPUTS = {
    "renamed placeholder": (break_placeholder, rf"^error: {SITE_PO}:\d+: placeholders differ from the source: "
                            r"msgid has %\(number\)s, msgstr has %\(nomre\)s"),
    "lone percent": (break_percent, rf"^error: {SITE_PO}:\d+: msgstr has a '%' that is not a valid placeholder"),
    "letterhead locale": (break_letterhead, rf"^error: {RELEASE_MD}:8: letterhead names 'fr'"),
    "catalog is a folder": (break_catalog_is_folder, rf"^error: {SITE_PO}: is a folder, not a file"),
    "reserved slug": (break_index_slug, rf"^error: {RELEASE_MD}:13: slug 'index' is reserved"),
    "unterminated string": (break_unterminated, rf"^error: {SITE_PO}:\d+: syntax error: unterminated string"),
    "bad charset": (break_charset, rf"^error: {SITE_PO}:\d+: header declares charset ISO-8859-1"),
    "duplicate msgid": (break_duplicate, rf"^error: {SITE_PO}:\d+: duplicate message 'Languages'"),
    "bad front matter": (break_front_matter, rf"^error: {RELEASE_MD}:3: invalid TOML"),
    "unknown locale": (break_locale, r"^error: publisher.toml:\d+: unknown locale 'xx_QQ'"),
    "missing template": (break_template, r"^error: templates/handout.html: template 'handout.html' not found"),
    "slug leaves output": (break_slug, rf"^error: {RELEASE_MD}:13: slug '../../outside' is not a safe"),
}


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_names_file_and_line_and_writes_nothing(project_dir, case):
    spoil, expected = BAD_INPUTS[case]
    assert run_cli(project_dir, "build", "--format", "html", "-q").exit_code == 0
    before = tree_snapshot(project_dir / "dist")
    spoil(project_dir)
    result = run_cli(project_dir, "build")
    assert result.exit_code == 1, result.output
    assert re.search(expected, result.stderr, re.M), result.stderr
    assert tree_snapshot(project_dir / "dist") == before
    assert not list(project_dir.rglob("*.tmp"))


def test_unknown_locale_on_the_command_line(project_dir):
    result = run_cli(project_dir, "build", "--locale", "fr")
    assert result.exit_code == 1
    assert "unknown locale 'fr'" in result.stderr
    assert not (project_dir / "dist").exists()


def allow_partial_translation(project):
    """The release publishes az only when complete (threshold = 100); these tests look at
    what a partly translated locale shows."""
    replace_in(project / "publisher.toml", "threshold = 100", "threshold = 0")


def test_incomplete_locale_is_held_back_with_what_it_lacks(project_dir):
    replace_in(project_dir / SITE_PO, 'msgstr "Dillər"', 'msgstr ""')
    result = run_cli(project_dir, "build", "--format", "html")
    assert result.exit_code == 0
    assert ("warning: publisher.toml:18: az not published: 48 of 49 messages translated (97 %), "
            "below its threshold of 100 %") in result.stderr
    assert f"warning: {SITE_PO}: 1 untranslated, 0 fuzzy of 24 message(s)" in result.stderr
    assert not (project_dir / "dist/az").exists()
    root = (project_dir / "dist/index.html").read_text(encoding="utf-8")
    assert 'hreflang="az"' not in root and 'hreflang="en"' in root


def test_english_ahead_of_the_catalogs_holds_back_and_says_run_update(project_dir):
    """An edit of the English that publisher update has not brought into the catalogs yet
    counts as untranslated in every language (az needs 100 %), and the build says why."""
    source = project_dir / "content/victory-day-background.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nA paragraph added today.\n",
                      encoding="utf-8")
    result = run_cli(project_dir, "build", "--format", "html")
    assert result.exit_code == 0
    assert ("warning: content/victory-day-background.md: 1 message(s) not in the catalogs yet, "
            "shown in English in every language (first: 'A paragraph added today.'); "
            "run publisher update") in result.stderr
    assert "az not published" in result.stderr
    assert "locales/en/" not in result.stderr           # English is the source, not a fallback
    assert not (project_dir / "dist/az").exists()
    stats = run_cli(project_dir, "stats", "--locale", "az")
    assert "victory-day-background" in stats.output and " 88 " in stats.output   # 8 of 9
    assert run_cli(project_dir, "build", "--strict").exit_code == 1


def test_missing_translation_falls_back_and_is_reported(project_dir):
    allow_partial_translation(project_dir)
    replace_in(project_dir / SITE_PO, 'msgstr "Dillər"', 'msgstr ""')
    # Both locales: a build of az alone publishes one language and so shows no switcher.
    result = run_cli(project_dir, "build", "--format", "html")
    assert result.exit_code == 0
    assert (f"warning: {SITE_PO}:81: no translation, shown in the source language: "
            "'Languages'") in result.stderr
    html = (project_dir / "dist/az/victory-day-2024.html").read_text(encoding="utf-8")
    assert 'aria-label="Languages"' in html


def test_body_text_shown_untranslated_is_marked_as_english(project_dir):
    allow_partial_translation(project_dir)
    po = project_dir / "locales/az/LC_MESSAGES/victory-day-2024.po"
    text = po.read_text(encoding="utf-8")
    first = re.search(r'msgstr ""\n"Bu gün Azərbaycan Respublikası', text)
    po.write_text(text[:first.start()] + 'msgstr ""' + text[text.index("\n\n", first.end()):],
                  encoding="utf-8")
    assert run_cli(project_dir, "build", "--format", "html", "-q").exit_code == 0
    html = (project_dir / "dist/az/victory-day-2024.html").read_text(encoding="utf-8")
    assert '<p><span lang="en">Today the Republic of Azerbaijan commemorates' in html
    assert html.count('<span lang="en">') == 1             # that message only


def test_strict_refuses_a_missing_translation(project_dir):
    allow_partial_translation(project_dir)
    replace_in(project_dir / SITE_PO, 'msgstr "Dillər"', 'msgstr ""')
    result = run_cli(project_dir, "build", "--strict")
    assert result.exit_code == 1
    assert (f"error: {SITE_PO}:81: no translation, shown in the source language: "
            "'Languages'") in result.stderr
    assert not (project_dir / "dist").exists()


def test_fuzzy_translation_is_not_used(project_dir):
    allow_partial_translation(project_dir)
    po = project_dir / "locales/az/LC_MESSAGES/victory-day-2024.po"
    replace_in(po, '#. front matter: title\n', '#. front matter: title\n#, fuzzy\n')
    result = run_cli(project_dir, "build", "--format", "html", "--locale", "az", "--strict")
    assert result.exit_code == 1
    assert "'Victory Day'" in result.stderr


def test_unsafe_translator_markup_is_refused_with_file_and_line(project_dir):
    """Rendering would show it as text (tests/render/test_localize.py); a catalog holding it is still
    bad input: every command names the message and writes nothing."""
    po = project_dir / "locales/az/LC_MESSAGES/victory-day-2024.po"
    replace_in(po, 'msgstr "Zəfər Günü"',
               'msgstr "Zəfər <script>alert(1)</script> [bax](javascript:alert(1)) *Günü*"')
    result = run_cli(project_dir, "build", "--format", "html", "--locale", "az", "-q")
    assert result.exit_code == 1
    where = "error: locales/az/LC_MESSAGES/victory-day-2024.po:17: unsafe markup in msgstr:"
    assert f"{where} raw HTML: a <script> element" in result.stderr
    assert f"{where} a link to a javascript: address" in result.stderr
    assert not (project_dir / "dist").exists()


def test_paragraph_markdown_becomes_markup_not_raw_html(project_dir):
    po = project_dir / "locales/az/LC_MESSAGES/victory-day-2024.po"
    text = po.read_text(encoding="utf-8")
    first = re.search(r'msgstr ""\n"Bu gün Azərbaycan Respublikası', text)
    assert first
    po.write_text(text[:first.start()] + 'msgstr "Bu *gün* 3 < 4 **BMT**"'
                  + text[text.index("\n\n", first.end()):], encoding="utf-8")
    assert run_cli(project_dir, "build", "--format", "html", "--locale", "az", "-q").exit_code == 0
    html = (project_dir / "dist/az/victory-day-2024.html").read_text(encoding="utf-8")
    assert '<p>Bu <em>gün</em> 3 &lt; 4 <strong>BMT</strong></p>' in html


def test_build_output_option_and_rebuild_is_stable(project_dir, tmp_path):
    out = tmp_path / "elsewhere"
    first = run_cli(project_dir, "build", "-o", str(out), "--format", "html")
    assert first.exit_code == 0 and (out / "az/victory-day-2024.html").is_file()
    before = tree_snapshot(out)
    second = run_cli(project_dir, "build", "-o", str(out), "--format", "html")
    assert "0 file(s) written" in second.output
    assert tree_snapshot(out) == before


def test_compile_writes_mo_files(project_dir):
    result = run_cli(project_dir, "compile")
    assert result.exit_code == 0
    assert (project_dir / "locales/az/LC_MESSAGES/victory-day-2024.mo").stat().st_size > 1000


def test_update_dry_run_writes_nothing(project_dir):
    replace_in(project_dir / RELEASE_MD, "Heroic Victory in the devastating war",
               "The heroic Victory in the devastating war")
    before = tree_snapshot(project_dir / "locales")
    result = run_cli(project_dir, "update", "--dry-run")
    assert result.exit_code == 0
    assert "locales/az/LC_MESSAGES/victory-day-2024.po: would be updated" in result.output
    assert "1 fuzzy" in result.output
    assert tree_snapshot(project_dir / "locales") == before


def test_not_a_project(tmp_path):
    result = CliRunner().invoke(cli, ["-C", str(tmp_path), "build"])
    assert result.exit_code == 1
    assert "no publisher.toml here" in result.stderr


def test_output_folder_may_not_overlap_the_project(project_dir):
    before = tree_snapshot(project_dir / "templates")
    result = run_cli(project_dir, "build", "-o", str(project_dir / "templates"))
    assert result.exit_code == 1
    assert "overlaps the project's templates/ folder" in result.stderr
    assert tree_snapshot(project_dir / "templates") == before


def test_missing_catalog_is_named(project_dir):
    (project_dir / "locales/az/LC_MESSAGES/victory-day-2024.po").unlink()
    result = run_cli(project_dir, "build", "--format", "html", "-q")
    assert result.exit_code == 0
    assert ("warning: locales/az/LC_MESSAGES/victory-day-2024.po: catalog not found, shown in "
            "the source language (run publisher update)") in result.stderr
    strict = run_cli(project_dir, "build", "--format", "html", "--strict")
    assert strict.exit_code == 1
    assert "error: locales/az/LC_MESSAGES/victory-day-2024.po: catalog not found" in strict.stderr


def test_broken_template_stops_extraction(project_dir):
    replace_in(project_dir / "templates/index.html", "{% block main %}", "{% block main %}{% if %}")
    before = tree_snapshot(project_dir / "locales")
    result = run_cli(project_dir, "update")
    assert result.exit_code == 1
    assert "templates/index.html" in result.stderr
    assert tree_snapshot(project_dir / "locales") == before
