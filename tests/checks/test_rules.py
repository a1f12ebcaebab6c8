"""The message checks (publisher.checks.rules): each finds what it must and stays quiet on good
translations."""

import pytest

from publisher.checks.run import check_catalog

from helpers import CHECK_SETTINGS, check_codes, findings, passes_check, po_bytes, po_entry


def test_good_azerbaijani_translation_passes_every_check():
    assert findings("In 1993, the U.N. Security Council adopted four resolutions.",
                 "1993-cü ildə BMT Təhlükəsizlik Şurası dörd qətnamə qəbul etmişdir.") == []


@pytest.mark.parametrize("msgstr, problem", [
    ("Faks: {nomre}", "placeholder {number} renamed to {nomre}"),
    ("Faks", "placeholder(s) missing: {number}"),
    ("Faks: {number} {extra}", "placeholder(s) not in the source: {extra}"),
])
def test_placeholders_of_a_message_that_is_no_printf_format(msgstr, problem):
    assert findings("Fax: {number}", msgstr) == [f"[placeholders] {problem}"]


@pytest.mark.parametrize("msgstr, problem", [
    ("Faks: %(nomre)s", "msgid has %(number)s, msgstr has %(nomre)s"),
    ("Faks", "msgid has %(number)s, msgstr has none"),
    ("Faks: %(number)5s", "%(number)5s has a width (5) that the source's %(number)s lacks"),
])
def test_a_printf_source_is_python_format_without_its_flag(msgstr, problem):
    [reported] = findings("Fax: %(number)s", msgstr)
    assert reported.startswith("[placeholders] ") and problem in reported


def test_python_format_placeholders_reuse_the_reader_rule():
    problems = check_catalog(po_bytes(po_entry("Fax: %(number)s", "Faks: %(nomre)s", "#, python-format")),
                             "t.po", "az", CHECK_SETTINGS)
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
    assert passes_check("numbers", source, translation) == same


@pytest.mark.parametrize("source, translation, ok", [
    ("He said: “Peace.”", "O dedi: “Sülh”.", True),
    ("Wait...", "Gözləyin…", True),
    ("Resolutions of the U.N.", "BMT qətnamələri", True),
    ("Stated the following:", "Aşağıdakıları bildirdi.", False),
    ("Garabagh is Azerbaijan!", "Qarabağ Azərbaycandır!", True),
])
def test_end_punctuation(source, translation, ok):
    assert passes_check("end-punctuation", source, translation) == ok


@pytest.mark.parametrize("source, translation, ok", [
    ("Tel.: %(number)s", "Tel.: %(number)s", True),                 # an abbreviation
    ("%(place)s, %(date)s", "%(place)s, %(date)s", True),           # nothing to translate
    ("PDF", "PDF", True),
    ("2020", "2020", True),
    ("Background", "Background", False),
])
def test_same_as_source_exemptions(source, translation, ok):
    assert passes_check("same-as-source", source, translation) == ok


def test_same_as_source_never_in_the_source_locale():
    assert check_codes("Background", "Background", locale="en") == []


def test_markup_and_link_targets():
    assert findings("The *fourth* [anniversary](https://a.org).",
                 "*Dördüncü* [ildönümü](https://a.org).") == []
    assert findings("The *fourth* anniversary.", "Dördüncü ildönümü.") == [
        "[markup] inline markup differs: the source has 1 emphasis, the translation none"]
    assert set(check_codes("The *fourth* anniversary.", "*Dördüncü ildönümü.")) == {"markup"}
    assert check_codes("Run `publisher check`.", "`publisher yoxla` işlədin.") == ["markup"]
    assert check_codes("See [this](https://a.org).", "[Buna](https://b.org) baxın.") == ["link-target"]


def test_whitespace_line_breaks_double_space():
    assert check_codes(" Leading", " Başda") == []
    assert check_codes(" Leading", "Başda") == ["whitespace"]
    assert check_codes("One\nTwo", "Bir İki") == ["line-breaks"]
    assert check_codes("One two.", "Bir  iki.") == ["double-space"]


def test_mojibake_and_replacement_character():
    assert check_codes("Azerbaijan", "AzÉ™rbaycan") == ["encoding"]
    assert check_codes("Azerbaijan", "Az\ufffdrbaycan") == ["encoding"]


def test_fuzzy_untranslated_and_plural_forms():
    plural = ('msgid "%(n)d day"\nmsgid_plural "%(n)d days"\nmsgstr[0] "%(n)d gün"\n'
              'msgstr[1] ""')
    problems = check_catalog(po_bytes(plural, po_entry("One", "Bir", "#, fuzzy"), po_entry("Two", "")),
                             "t.po", "az", CHECK_SETTINGS)
    assert [(p.code, p.message) for p in problems] == [
        ("untranslated", "a plural form has no translation"),
        ("untranslated", "no translation (shown in the source language)"),
        ("fuzzy", "fuzzy: the source changed; review the translation and remove the fuzzy flag")]
