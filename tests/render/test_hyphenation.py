"""Azerbaijani hyphenation: a word list with breaks written by hand from the orthography's
syllable rules (not produced by the code under test), and the HTML pass that applies it."""

import pytest

from publisher.render.hyphenation import SOFT_HYPHEN, hyphenate_html, hyphenate_text, hyphenate_word

# Words of the az catalogs (and the rules' own examples), broken where a line may break.
# No fragment of a single letter: "Azər-bay-can", not "A-zər-bay-can".
EXPECTED = """
İs-tiq-lal Qa-ra-bağ mü-ha-ri-bə-si Nü-ma-yən-də-li-yi Azər-bay-can Res-pub-li-ka-sı
Er-mə-nis-tan Təh-lü-kə-siz-lik bey-nəl-xalq Zən-gə-zur dəh-li-zi su-ve-ren-li-yi
müs-tə-qil-li-yi-ni qət-na-mə-lə-ri-nin Şu-şa-nın Əli-ye-vin sen-tyabr sen-tyab-rın-da
mü-qa-vi-lə-si əhə-miy-yət-li hər-tə-rəf-li uzun-müd-dət-li çox-tə-rəf-li soy-qı-rı-mı
tə-ca-vüz an-ti-ter-ror se-pa-rat-çı-lıq kom-mu-ni-ka-si-ya-la-rı-nın
müs-təm-lə-kə-ləş-di-ril-mə-si-nə möh-kəm-lən-di-ril-mə-si Şu-ra-sı-nın Pre-zi-dent
dip-lo-ma-tik nəq-liy-yat əda-lə-tin əra-zi-lə-ri-nin mə-ta-nə-ti şü-ca-ə-ti tə-rəf-daş
xoş-bəxt-lik il-dö-nü-mü-nü Zə-fər dü-rüst-lük eks-press ak-tyor mət-bəə gül-lə
""".split()

# Too short to break without leaving one letter behind, or not to be touched at all.
UNBROKEN = ["ürək", "ata", "ana", "BMT", "ATƏT", "Washington", "Москва", "COVID19", "az"]


@pytest.mark.parametrize("expected", EXPECTED)
def test_word_breaks(expected):
    assert hyphenate_word(expected.replace("-", ""), "-") == expected


@pytest.mark.parametrize("word", UNBROKEN)
def test_words_left_alone(word):
    assert hyphenate_word(word, "-") == word


def test_the_word_list_is_long_enough():
    assert len(EXPECTED) >= 34


def test_numbers_urls_and_addresses_are_left_alone():
    text = "44-günlük 2020-ci il https://mfa.gov.az/az/müharibəsi info@mission.az Qarabağ"
    out = hyphenate_text(text, "-")
    assert out == "44-günlük 2020-ci il https://mfa.gov.az/az/müharibəsi info@mission.az Qa-ra-bağ"


def test_html_text_nodes_only_in_azerbaijani():
    html = ('<!DOCTYPE html><html lang="az"><head><title>Qarabağ</title>'
            '<style>p { content: "Qarabağ" }</style></head><body>'
            '<h1>Qarabağ</h1><p title="Qarabağ">Qarabağ <a href="https://x.az/Qarabağ">Qarabağ</a>'
            ' &amp; Qarabağ</p><p lang="en">Qarabağ</p><div lang="en"><p>Qarabağ<br>Qarabağ</p></div>'
            '<p>Qarabağ</p></body></html>')
    out = hyphenate_html(html)
    shy = f"Qa{SOFT_HYPHEN}ra{SOFT_HYPHEN}bağ"
    assert out.replace(shy, "Qarabağ") == html                 # nothing else changed
    assert out.count(shy) == 4                                 # the az paragraphs' text only
    assert '<title>Qarabağ</title>' in out and 'content: "Qarabağ"' in out
    assert '<h1>Qarabağ</h1>' in out and 'title="Qarabağ"' in out and 'href="https://x.az/Qarabağ"' in out
    assert '<p lang="en">Qarabağ</p>' in out and '<p>Qarabağ<br>Qarabağ</p></div>' in out


def test_an_english_document_is_untouched():
    html = '<html lang="en"><body><p>Qarabağ and Nümayəndəliyi</p></body></html>'
    assert hyphenate_html(html) == html
