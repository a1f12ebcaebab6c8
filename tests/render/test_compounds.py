"""Azerbaijani compounds break between their parts (publisher.render.hyphenation.COMPOUNDS):
one test per rule, the words each rule must leave to the syllable rules, and the HTML pass
that keeps soft hyphens out of letter-spaced capitals and printed addresses."""

import pytest

from publisher.render.hyphenation import (
    COMPOUNDS,
    SOFT_HYPHEN,
    compound_seam,
    hyphenate_html,
    hyphenate_word,
    word_breaks,
)


@pytest.mark.parametrize("expected", [
    # -arası after any first part of four letters or more
    "döv-lət-lər-ara-sı", "mil-lət-lər-ara-sı", "hö-ku-mət-lər-ara-sı", "şə-hər-ara-sı",
    "re-gi-on-lar-ara-sı",
    # -altı, -üstü after yer, dəniz, torpaq
    "yer-al-tı", "yer-üs-tü", "də-niz-al-tı", "tor-paq-al-tı", "yer-al-tın-da",
    # -ağa after Əziz, Xan, Bəy, Mir
    "Əziz-ağa", "Əziz-ağa-nın", "Xan-ağa", "Mir-ağa-ya",
    # -oğlu in surnames written as one word
    "Əh-məd-oğ-lu", "Hü-seyn-oğ-lu",
    # -illik, -əsrlik after a number or çox
    "on-il-lik-lər-də", "çox-əsr-lik", "beş-il-lik", "çox-il-lik",
])
def test_compounds_break_at_their_seam(expected):
    assert hyphenate_word(expected.replace("-", ""), "-") == expected


@pytest.mark.parametrize("expected", [
    "as-fal-tı", "ko-bal-tı",          # the accusative of asfalt, kobalt: no "yer"/"dəniz" before
    "yar-pa-ğa", "bay-ra-ğa",          # the dative of yarpaq, bayraq: not a name
    "Bu-xa-ra-sı",                     # Bukhara's: "Bux" is too short a first part
    "gö-zə-li", "ümu-mi",              # no compound rule for these
])
def test_look_alikes_keep_their_syllables(expected):
    assert hyphenate_word(expected.replace("-", ""), "-") == expected


def test_every_rule_breaks_its_own_examples_at_the_seam():
    for compound in COMPOUNDS:
        assert compound.examples, compound
        for example in compound.examples:
            word, seam = example.replace("-", ""), example.index("-")
            assert compound_seam(word) == seam and seam in word_breaks(word), example


def test_no_soft_hyphen_in_capitals_table_headers_or_printed_addresses():
    html = ('<html lang="az"><body><table class="parallel"><thead><tr>'
            '<th class="caps">Azərbaycanca</th></tr></thead></table>'
            '<p class="label caps">Xüsusi mətbuat açıqlaması</p>'
            '<p>Azərbaycanca <span class="url">(https://mfa.gov.az/az/müharibəsi)</span></p>'
            '<table><tr><th>Yaşayış məntəqələri</th><td>Yaşayış məntəqələri</td></tr></table>'
            '</body></html>')
    out = hyphenate_html(html)
    assert '<th class="caps">Azərbaycanca</th>' in out
    assert '<p class="label caps">Xüsusi mətbuat açıqlaması</p>' in out
    assert '<th>Yaşayış məntəqələri</th>' in out
    assert f"<p>Azər{SOFT_HYPHEN}bay{SOFT_HYPHEN}can{SOFT_HYPHEN}ca <span" in out
    assert '<span class="url">(https://mfa.gov.az/az/müharibəsi)</span>' in out
    assert f"<td>Ya{SOFT_HYPHEN}şa{SOFT_HYPHEN}yış" in out
