"""Checks of one language's own rules. Azerbaijani: letters of other alphabets in their place
(ä for ə, Cyrillic ә, combining marks), and the dotted and dotless i mistaken for each other."""

from __future__ import annotations

import re

from ..lang import az, fold, language

LOOKALIKE = re.compile(f"[{''.join(az.LOOKALIKES)}]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
COMBINING = re.compile(r"[\u0300-\u036f]")
LATIN = re.compile(az.LATIN_LETTER_CLASS)
CAPITAL_I_WORD = re.compile(r"(?<![\w-])I([^\W\d_]\w*)")
WORDS = re.compile(r"\w+")
WORD_AT = re.compile(r"\w*")


def check_az_letters(source, translation, entry, locale, context):
    if language(locale) != "az":
        return
    for char in sorted(set(LOOKALIKE.findall(translation))):
        yield f"{char!r} is not an Azerbaijani letter: write {az.LOOKALIKES[char]!r}"
    if COMBINING.search(translation):
        yield ("a letter written with a combining mark (e.g. 'i̇', as str.lower() makes of 'İ'): "
               "write the single letter (i, ö, ü, ç, ş, ğ)")
    if CYRILLIC.search(translation):
        for word in sorted(set(WORDS.findall(translation))):
            if CYRILLIC.search(word) and LATIN.search(word):
                yield f"{word!r} mixes Cyrillic and Latin letters"
    reported = set()
    # The source's words, found once (a search of the source per word is quadratic).
    source_words = set(WORDS.findall(source)) if CAPITAL_I_WORD.search(translation) else set()
    # A word with capital dotless I, where Azerbaijani writes İ: its vowels are front (native
    # words in ı- take back vowels), or it is a name copied from the source ("Ilham").
    for match in CAPITAL_I_WORD.finditer(translation):
        word, rest = match.group(), match.group(1)
        if rest[0].islower() and (az.FRONT_VOWELS & set(rest) or word in source_words):
            reported.add(fold(word, locale))
            yield f"{word!r} starts with dotless 'I': Azerbaijani writes 'İ{rest}'"
    # A glossary word with i and ı mistaken for each other ("Ilham", "müharıbəsi").
    folded = fold(translation, locale)
    if not context.dotted_any.search(folded):
        return
    for name, folded_name, loose in context.dotted_names:
        for match in loose.finditer(folded):
            word = WORD_AT.match(folded, match.start()).group()
            if not folded.startswith(folded_name, match.start()) and word not in reported:
                reported.add(word)
                yield f"{translation[match.start():match.start() + len(word)]!r}: dotted and " \
                      f"dotless i mixed up (the glossary writes {name!r})"
