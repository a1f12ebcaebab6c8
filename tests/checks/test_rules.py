"""publisher check: every check finds what it must, stays quiet on good translations, and
bad catalogs give path:line messages in check, build and update without changing a byte."""

import json
import re
import shutil
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from helpers import BAD, BAD_CATALOGS, PLANTED, REPO, SITE_PO, run_cli, tree_snapshot

from publisher.checks.registry import CHECKS
from publisher.checks.context import Settings
from publisher.checks.run import check_catalog, ignored
from publisher.lang import fold
from publisher.checks.glossary import parse_glossary
from publisher.cli import cli
from publisher.errors import ConfigError
from publisher.po.markup import unsafe_markup
from publisher.po.format import format_catalog

GLOSSARY = parse_glossary((REPO / "locales" / "glossary.csv").read_text(encoding="utf-8"),
                          "locales/glossary.csv")
SETTINGS = Settings("en", 50, GLOSSARY)
HEADER = ('msgid ""\nmsgstr ""\n"Language: az\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n')


def po(*entries: str) -> bytes:
    return (HEADER + "".join(f"\n{entry}\n" for entry in entries)).encode("utf-8")


def message(msgid: str, msgstr: str, *comments: str) -> str:
    return "".join(f"{c}\n" for c in comments) + f"msgid {json.dumps(msgid, ensure_ascii=False)}\n" \
        f"msgstr {json.dumps(msgstr, ensure_ascii=False)}"


def codes(msgid: str, msgstr: str, *comments: str, locale: str = "az",
          settings: Settings = SETTINGS) -> list[str]:
    return [p.code for p in check_catalog(po(message(msgid, msgstr, *comments)), "t.po", locale,
                                          settings)]


def passes(code: str, msgid: str, msgstr: str, locale: str = "az") -> bool:
    """The check ``code`` finds nothing in the translation."""
    return code not in codes(msgid, msgstr, locale=locale)


def found(msgid: str, msgstr: str, locale: str = "az") -> list[str]:
    return [f"[{p.code}] {p.message}" for p in check_catalog(po(message(msgid, msgstr)), "t.po",
                                                             locale, SETTINGS)]


# ---------------------------------------------------------------- the whole command

def test_shipped_catalogs_are_clean():
    result = run_cli(REPO, "check")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].endswith("0 error(s), 0 warning(s)"), result.output


def planted_expectations() -> set[tuple[str, int]]:
    expected = set()
    for number, line in enumerate(PLANTED.read_text(encoding="utf-8").splitlines(), start=1):
        if match := re.match(r"# planted: ([\w-]+)$", line):
            expected.add((match.group(1), number))
    return expected


def test_planted_catalog_covers_every_message_check():
    planted = {code for code, _ in planted_expectations()}
    # "catalog" and invalid UTF-8 bytes make a file unreadable: tests/bad-catalogs has those.
    assert planted == {check.code for check in CHECKS} - {"catalog"}


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


def test_list_names_every_check_with_its_level():
    result = CliRunner().invoke(cli, ["check", "--list"])
    assert result.exit_code == 0
    listed = [line.split()[:2] for line in result.output.splitlines()]
    assert listed == [[check.code, check.level] for check in CHECKS]


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


# ------------------------------------------------------------------- single checks

def test_good_azerbaijani_translation_passes_every_check():
    assert found("In 1993, the U.N. Security Council adopted four resolutions.",
                 "1993-cü ildə BMT Təhlükəsizlik Şurası dörd qətnamə qəbul etmişdir.") == []


@pytest.mark.parametrize("msgstr, problem", [
    ("Faks: %(nomre)s", "placeholder %(number)s renamed to %(nomre)s"),
    ("Faks", "placeholder(s) missing: %(number)s"),
    ("Faks: %(number)s {extra}", "placeholder(s) not in the source: {extra}"),
])
def test_placeholders_without_format_flag(msgstr, problem):
    assert found("Fax: %(number)s", msgstr) == [f"[placeholders] {problem}"]


def test_python_format_placeholders_reuse_the_reader_rule():
    problems = check_catalog(po(message("Fax: %(number)s", "Faks: %(nomre)s", "#, python-format")),
                             "t.po", "az", SETTINGS)
    assert [(p.code, p.line) for p in problems] == [("placeholders", 7)]
    assert "msgid has %(number)s, msgstr has %(nomre)s" in problems[0].message


@pytest.mark.parametrize("source, translation, same", [
    ("It cost 1,000 manat.", "Bu, 1.000 manata başa gəldi.", True),
    ("It cost 1,000 manat.", "Bu, 1 000 manata başa gəldi.", True),
    ("It cost 1,000 manat.", "Bu, 1000 manata başa gəldi.", True),
    ("It cost 1,000 manat.", "Bu, 1,000 manata başa gəldi.", False),     # az: 1,000 is one
    ("A 3.5 % rise.", "3,5 % artım.", True),
    ("In 1992-93, 44 days.", "1992-93-cü illərdə, 44 gün.", True),
    ("On 27 September 2020.", "2020-ci il sentyabrın 27-də.", True),
    ("On 27 September 2020.", "2021-ci il sentyabrın 27-də.", False),
    ("More than 300 villages.", "30-dan çox kənd.", False),
])
def test_numbers_are_read_with_each_locales_separators(source, translation, same):
    assert passes("numbers", source, translation) == same


@pytest.mark.parametrize("translation", [
    "Şuşanın azad edilməsi.", "Şuşada.", "Şuşa azad edildi.",
])
def test_glossary_takes_azerbaijani_case_suffixes(translation):
    assert passes("glossary", "The liberation of Shusha.", translation)


def test_glossary_applies_in_both_directions():
    assert found("The liberation of the city.", "Şuşanın azad edilməsi.") == [
        "[glossary] 'Şuşa' in the translation, but the source does not say 'Shusha' (glossary)"]
    assert found("Garabagh is Azerbaijan.", "Qarabax Azərbaycandır.") == [
        "[glossary] 'Karabakh' should be translated 'Qarabağ' (glossary)"]
    assert codes("Azerbaijan celebrates Victory Day.", "Azərbaycan Zəfər Gününü qeyd edir.") == []
    assert codes("Karabakh region.", "Qarabağ regionu.") == []


def test_dotless_capital_i_where_azerbaijani_writes_dotted():
    problems = found("President Ilham Aliyev spoke.", "Prezident Ilham Əliyev çıxış etdi.")
    assert "[az-letters] 'Ilham' starts with dotless 'I': Azerbaijani writes 'İlham'" in problems
    assert codes("The economy.", "Iqtisadiyyat.") == ["az-letters"]
    assert codes("Lightning.", "Ildırım.") == []                  # a native word in ı- is right
    assert codes("President Ilham Aliyev spoke.", "Prezident İlham Əliyev çıxış etdi.") == []
    assert "az-letters" in codes("Patriotic War.", "Vətən müharıbəsi.")


@pytest.mark.parametrize("translation, letter", [
    ("Azərbaycan vä Türkiyə.", "'ä'"), ("Azərbaycan vә Türkiyə.", "Cyrillic"),
    ("i̇lham.", "combining mark"),
])
def test_letters_azerbaijani_does_not_use(translation, letter):
    problems = [p for p in found("Azerbaijan and Turkey.", translation) if "[az-letters]" in p]
    assert any(letter in problem for problem in problems), problems


def test_az_letters_only_for_azerbaijani():
    assert passes("az-letters", "Azerbaijan and Turkey.", "Azerbaidschan und die Türkei vä.",
                  locale="de")


def test_turkic_case_folding():
    assert fold("İLHAM", "az") == "ilham" and fold("ILDIRIM", "az") == "ıldırım"
    assert fold("ILHAM", "en") == "ilham"
    assert codes("Victory Day.", "Zəfər zəfər Günü.") == ["doubled-word"]
    assert codes("The long story.", "İlham ilham hekayəsi.")[:1] == ["doubled-word"]
    assert codes("The long story.", "Ilham ilham hekayəsi.").count("doubled-word") == 0


@pytest.mark.parametrize("source, translation, ok", [
    ("He said: “Peace.”", "O dedi: “Sülh”.", True),
    ("Wait...", "Gözləyin…", True),
    ("Resolutions of the U.N.", "BMT qətnamələri", True),
    ("Stated the following:", "Aşağıdakıları bildirdi.", False),
    ("Garabagh is Azerbaijan!", "Qarabağ Azərbaycandır!", True),
])
def test_end_punctuation(source, translation, ok):
    assert passes("end-punctuation", source, translation) == ok


@pytest.mark.parametrize("source, translation, ok", [
    ("Tel.: %(number)s", "Tel.: %(number)s", True),                 # an abbreviation
    ("%(place)s, %(date)s", "%(place)s, %(date)s", True),           # nothing to translate
    ("PDF", "PDF", True),
    ("2020", "2020", True),
    ("Background", "Background", False),
])
def test_same_as_source_exemptions(source, translation, ok):
    assert passes("same-as-source", source, translation) == ok


def test_same_as_source_never_in_the_source_locale():
    assert codes("Background", "Background", locale="en") == []


@pytest.mark.parametrize("msgstr", [
    "Bax [bura](JavaScript:alert(1))", "Bax [bura](&#106;avascript:alert(1))",
    "Bax [bura](java%73cript:alert(1))", "Bax ![](file:///etc/passwd)", "Bax ![](data:text/html,x)",
    "Bax <a href='javascript:x'>bura</a>", "Bax <b>bura</b>", "Bax <iframe src=x>",
    "Bax <img src=x onerror=alert(1)>",
])
def test_unsafe_markup_in_all_its_disguises(msgstr):
    assert unsafe_markup("See here", msgstr)


def test_safe_markup_is_not_unsafe():
    assert unsafe_markup("See [here](https://un.org)", "Bax [bura](https://un.org), 3 < 4") == []
    assert unsafe_markup("Press <Enter>", "<Enter> düyməsini basın") == []   # as in the source


def test_markup_and_link_targets():
    assert found("The *fourth* [anniversary](https://a.org).",
                 "*Dördüncü* [ildönümü](https://a.org).") == []
    assert found("The *fourth* anniversary.", "Dördüncü ildönümü.") == [
        "[markup] inline markup differs: the source has 1 emphasis, the translation none"]
    assert set(codes("The *fourth* anniversary.", "*Dördüncü ildönümü.")) == {"markup"}
    assert codes("Run `publisher check`.", "`publisher yoxla` işlədin.") == ["markup"]
    assert codes("See [this](https://a.org).", "[Buna](https://b.org) baxın.") == ["link-target"]


def test_whitespace_line_breaks_double_space():
    assert codes(" Leading", " Başda") == []
    assert codes(" Leading", "Başda") == ["whitespace"]
    assert codes("One\nTwo", "Bir İki") == ["line-breaks"]
    assert codes("One two.", "Bir  iki.") == ["double-space"]


def test_mojibake_and_replacement_character():
    assert codes("Azerbaijan", "AzÉ™rbaycan") == ["encoding"]
    assert codes("Azerbaijan", "Az\ufffdrbaycan") == ["encoding"]


def test_invalid_utf8_reports_every_bad_line():
    data = po(message("One", "Bir"), message("Two", "Iki")).replace(b"Bir", b"B\xe9r").replace(
        b"Iki", b"\xc4\xb0k\xff")
    problems = check_catalog(data, "t.po", "az", SETTINGS)
    assert [(p.code, p.line) for p in problems] == [("encoding", 8), ("encoding", 11)]


def test_unreadable_catalog_is_one_catalog_problem():
    problems = check_catalog(po('msgid "One"\nmsgstr "Bir'), "t.po", "az", SETTINGS)
    assert [(p.code, p.line, p.level) for p in problems] == [("catalog", 8, "error")]


def test_fuzzy_untranslated_and_plural_forms():
    plural = ('msgid "%(n)d day"\nmsgid_plural "%(n)d days"\nmsgstr[0] "%(n)d gün"\n'
              'msgstr[1] ""')
    problems = check_catalog(po(plural, message("One", "Bir", "#, fuzzy"), message("Two", "")),
                             "t.po", "az", SETTINGS)
    assert [(p.code, p.message) for p in problems] == [
        ("untranslated", "a plural form has no translation"),
        ("untranslated", "no translation (shown in the source language)"),
        ("fuzzy", "fuzzy: the source changed; review the translation and remove the fuzzy flag")]


def test_obsolete_messages_beyond_the_limit_are_the_oldest():
    entries = [f'#~ msgid "Old {n}"\n#~ msgstr "Köhnə {n}"' for n in range(4)]
    problems = check_catalog(po(*entries), "t.po", "az", Settings("en", 2, ()))
    assert [p.code for p in problems] == ["obsolete", "obsolete"]
    assert [p.line for p in problems] == [13, 16]
    assert check_catalog(po(*entries), "t.po", "az", Settings("en", 4, ())) == []


def test_ignore_flag_and_comment_silence_one_check_and_survive_rewriting():
    silenced = message("Hello.", "Salam", "#, publisher-ignore: end-punctuation same-as-source")
    commented = message("Hello.", "Salam", "# publisher-ignore: end-punctuation")
    assert check_catalog(po(silenced), "t.po", "az", SETTINGS) == []
    assert check_catalog(po(commented), "t.po", "az", SETTINGS) == []
    assert codes("Hello.", "Salam", "#, publisher-ignore: numbers") == ["end-punctuation"]
    written = format_catalog(polib.pofile(po(silenced, commented).decode("utf-8")))
    assert "#, publisher-ignore: end-punctuation same-as-source\n" in written
    assert "# publisher-ignore: end-punctuation\n" in written
    assert [ignored(entry) for entry in polib.pofile(written)] == [
        {"end-punctuation", "same-as-source"}, {"end-punctuation"}]


def test_glossary_file_is_read_strictly():
    terms = parse_glossary("source,az,note\nShusha,Şuşa,\nKarabakh; Garabagh,Qarabağ,x\n", "g.csv")
    assert terms[1].sources == ("Karabakh", "Garabagh") and terms[1].targets == {"az": ("Qarabağ",)}
    with pytest.raises(ConfigError, match="header must be"):
        parse_glossary("term,az\nShusha,Şuşa\n", "g.csv")
    with pytest.raises(ConfigError) as caught:
        parse_glossary("source,az,note\nShusha,Şuşa\n", "g.csv")
    assert str(caught.value).startswith("g.csv:2:")


def test_shipped_glossary_holds_the_release_terms():
    pairs = {source: term.targets["az"][0] for term in GLOSSARY for source in term.sources}
    assert pairs == {"Victory Day": "Zəfər Günü", "Shusha": "Şuşa", "Karabakh": "Qarabağ",
                     "Garabagh": "Qarabağ", "Patriotic War": "Vətən müharibəsi",
                     "Security Council": "Təhlükəsizlik Şurası",
                     "Zangezur Corridor": "Zəngəzur dəhlizi", "Ilham Aliyev": "İlham Əliyev"}


def test_update_keeps_an_ignore_flag(project_dir):
    po_file = project_dir / "locales/az/LC_MESSAGES/victory-day-2024.po"
    text = po_file.read_text(encoding="utf-8")
    po_file.write_text(text.replace('#. front matter: title\n',
                                    '#. front matter: title\n#, publisher-ignore: glossary\n'),
                       encoding="utf-8")
    assert run_cli(project_dir, "update", "-q").exit_code == 0
    assert "#, publisher-ignore: glossary\nmsgid \"Victory Day\"" in po_file.read_text(encoding="utf-8")


def test_check_refuses_a_catalog_over_the_size_limit_without_reading_it(project_dir):
    from publisher.limits import MAX_CATALOG_BYTES
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
