"""Azerbaijani (Latin script, as written since 1991): its letters, and the letters of other
alphabets that a keyboard or a converter puts in their place."""

from __future__ import annotations

LOWER = "abcçdeəfgğhxıijkqlmnoöprsştuüvyz"
UPPER = "ABCÇDEƏFGĞHXIİJKQLMNOÖPRSŞTUÜVYZ"
ALPHABET = frozenset(LOWER + UPPER)
VOWELS = frozenset("aıoueəiöüAIOUEƏİÖÜ")
FRONT_VOWELS = frozenset("eəiöü")
# The capitals beyond ASCII's, for patterns of abbreviations (ATƏT, BMT).
EXTRA_CAPITALS = "ƏİÖÜÇŞĞ"
# The Latin letters an Azerbaijani word may hold, as a regular-expression class.
LATIN_LETTER_CLASS = "[a-zA-ZəƏıİşŞçÇğĞöÖüÜ]"

# Letters another alphabet puts where Azerbaijani has its own: the umlaut, the turned e and
# Cyrillic schwa for ə; Romanian's comma-below s for ş; caron g for ğ; Turkish circumflexes.
LOOKALIKES = {
    "ä": "ə", "Ä": "Ə", "ǝ": "ə", "Ǝ": "Ə", "ә": "ə", "Ә": "Ə",
    "ș": "ş", "Ș": "Ş", "ǧ": "ğ", "Ǧ": "Ğ", "â": "a", "î": "i", "û": "u", "Â": "A", "Î": "İ",
    "Û": "U",
}
