"""The glossary (publisher.checks.glossary): locales/glossary.csv read strictly, and the check that
translations follow it, Azerbaijani case suffixes included."""

import pytest

from publisher.checks.glossary import parse_glossary
from publisher.errors import ConfigError

from helpers import GLOSSARY, check_codes, findings, passes_check


@pytest.mark.parametrize("translation", [
    "Şuşanın azad edilməsi.", "Şuşada.", "Şuşa azad edildi.",
])
def test_glossary_takes_azerbaijani_case_suffixes(translation):
    assert passes_check("glossary", "The liberation of Shusha.", translation)


def test_glossary_applies_in_both_directions():
    assert findings("The liberation of the city.", "Şuşanın azad edilməsi.") == [
        "[glossary] 'Şuşa' in the translation, but the source does not say 'Shusha' (glossary)"]
    assert findings("Garabagh is Azerbaijan.", "Qarabax Azərbaycandır.") == [
        "[glossary] 'Karabakh' should be translated 'Qarabağ' (glossary)"]
    assert check_codes("Azerbaijan celebrates Victory Day.", "Azərbaycan Zəfər Gününü qeyd edir.") == []
    assert check_codes("Karabakh region.", "Qarabağ regionu.") == []


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
