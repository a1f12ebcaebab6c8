"""The checks of one language's own rules (publisher.checks.language, publisher.lang): Azerbaijani
letters, and Turkic case folding where the checks compare words."""

import pytest

from publisher.lang import fold

from helpers import check_codes, findings, passes_check


def test_dotless_capital_i_where_azerbaijani_writes_dotted():
    problems = findings("President Ilham Aliyev spoke.", "Prezident Ilham Əliyev çıxış etdi.")
    assert "[az-letters] 'Ilham' starts with dotless 'I': Azerbaijani writes 'İlham'" in problems
    assert check_codes("The economy.", "Iqtisadiyyat.") == ["az-letters"]
    assert check_codes("Lightning.", "Ildırım.") == []                  # a native word in ı- is right
    assert check_codes("President Ilham Aliyev spoke.", "Prezident İlham Əliyev çıxış etdi.") == []
    assert "az-letters" in check_codes("Patriotic War.", "Vətən müharıbəsi.")


@pytest.mark.parametrize("translation, letter", [
    ("Azərbaycan vä Türkiyə.", "'ä'"), ("Azərbaycan vә Türkiyə.", "Cyrillic"),
    ("i̇lham.", "combining mark"),
])
def test_letters_azerbaijani_does_not_use(translation, letter):
    problems = [p for p in findings("Azerbaijan and Turkey.", translation) if "[az-letters]" in p]
    assert any(letter in problem for problem in problems), problems


def test_az_letters_only_for_azerbaijani():
    assert passes_check("az-letters", "Azerbaijan and Turkey.", "Azerbaidschan und die Türkei vä.",
                  locale="de")


def test_turkic_case_folding():
    assert fold("İLHAM", "az") == "ilham" and fold("ILDIRIM", "az") == "ıldırım"
    assert fold("ILHAM", "en") == "ilham"
    assert check_codes("Victory Day.", "Zəfər zəfər Günü.") == ["doubled-word"]
    assert check_codes("The long story.", "İlham ilham hekayəsi.")[:1] == ["doubled-word"]
    assert check_codes("The long story.", "Ilham ilham hekayəsi.").count("doubled-word") == 0
