"""Checks of translations: what a reviewer would look for in a catalog, found mechanically.

Each check is a small function over one message, ``(source, translation, entry, locale,
context)``, yielding a sentence per problem; :data:`CHECKS` registers it with a code, a level
and a one-line explanation (``publisher check --list``). :func:`check_catalog` runs every check
over the bytes of one catalog (pure: the caller reads the files) and returns
:class:`Problem` s located at the entry's first line, the line every other catalog message of
publisher names (``path:line``).

A translator silences one check for one message with a flag, ``#, publisher-ignore: code``
(several codes separated by spaces), or, since GNU msgmerge/msgcat drop flags they do not
know, with a translator comment ``# publisher-ignore: code``, which every tool keeps.
"""

from __future__ import annotations

import copy
import csv
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property, lru_cache

import polib
from babel.numbers import get_decimal_symbol
from markdown_it import MarkdownIt

from .catalogs import is_translated, parse_catalog, python_format_mismatch, translation_forms
from .config import KEEP_OBSOLETE, TURKIC_LANGUAGES, language
from .errors import CatalogError, ConfigError, PublisherError
from .markup import control_characters, unsafe_markup
from .poparse import parse_po
from .sources import markdown

ERROR, WARNING = "error", "warning"
IGNORE = "publisher-ignore:"


# ------------------------------------------------------------------------- data

@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    code: str
    level: str
    message: str

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        return f"{self.location}: [{self.code}] {self.message}"

    def as_error(self) -> CatalogError:
        return CatalogError(f"[{self.code}] {self.message}", self.path, self.line)


@dataclass(frozen=True)
class Term:
    """One glossary row: the source term (variants) and its translation (variants) per locale."""

    sources: tuple[str, ...]
    targets: dict[str, tuple[str, ...]]
    note: str = ""
    line: int = 0


@dataclass(frozen=True)
class Settings:
    """What the checks need to know about the project, beyond the catalog."""

    source_locale: str = "en"
    keep_obsolete: int = KEEP_OBSOLETE
    glossary: tuple[Term, ...] = ()


@dataclass(frozen=True)
class _Pattern:
    term: Term
    source: tuple[re.Pattern, ...]
    target: tuple[re.Pattern, ...]
    target_text: str
    locale: str = ""
    # Folded first words: a cheap "in" test before any regular expression runs.
    source_keys: tuple[str, ...] = ()
    target_keys: tuple[str, ...] = ()

    def in_source(self, folded: str) -> bool:
        return any(key in folded for key in self.source_keys) and any(
            regex.search(folded) for regex in self.source)

    def in_target(self, folded: str) -> bool:
        return any(key in folded for key in self.target_keys) and any(
            regex.search(folded) for regex in self.target)


@dataclass(frozen=True)
class Context:
    """Per catalog: the settings, the glossary compiled for its locale, the obsolete ranks."""

    settings: Settings
    glossary: tuple[_Pattern, ...] = ()
    obsolete_rank: dict[tuple[str | None, str], int] = field(default_factory=dict)

    @property
    def source_locale(self) -> str:
        return self.settings.source_locale

    @cached_property
    def dotted_names(self) -> tuple[tuple[str, str, re.Pattern], ...]:
        """Glossary words with an i, ı, İ or I: (as written, folded, a pattern that takes any
        of the four for any of them), to find a dotted/dotless i mistaken ("Ilham")."""
        names = dict.fromkeys(word for p in self.glossary for t in p.term.targets.values()
                              for variant in t for word in variant.split() if re.search("[iıIİ]", word))
        return tuple((name, fold(name, "az"),
                      re.compile(r"(?<!\w)" + re.sub("[iı]", "[iı]", re.escape(fold(name, "az")))))
                     for name in names)

    @cached_property
    def glossary_keys(self) -> tuple[re.Pattern, re.Pattern]:
        """Every term's first (folded) word, source side and target side, in one pattern each."""
        def any_of(keys):
            return re.compile("|".join(re.escape(k) for k in sorted(set(keys))) or "(?!)")
        return (any_of(k for p in self.glossary for k in p.source_keys),
                any_of(k for p in self.glossary for k in p.target_keys))

    @cached_property
    def dotted_any(self) -> re.Pattern:
        """Any of dotted_names, in one pattern (one look-behind: four times faster)."""
        loose = [p.pattern.removeprefix(r"(?<!\w)") for _, _, p in self.dotted_names]
        return re.compile(r"(?<!\w)(?:" + "|".join(loose) + ")" if loose else "(?!)")

    @cached_property
    def kept_words(self) -> frozenset[str]:
        """Words of glossary terms translated as themselves: names a translation keeps."""
        return frozenset(fold(word, self.source_locale) for p in self.glossary
                         for source in p.term.sources for word in source.split()
                         if fold(source, self.source_locale) in
                         {fold(t, self.source_locale) for t in p.term.targets.get(p.locale, ())})


CheckFunction = Callable[[str, str, polib.POEntry, str, Context], Iterable[str]]


@dataclass(frozen=True)
class Check:
    code: str
    level: str
    explanation: str
    run: CheckFunction | None = None   # None: found in the file itself, not message by message
    scope: str = "translated"          # translated | live | written | obsolete (see _applies)


# ---------------------------------------------------------------------- helpers

@lru_cache(maxsize=4096)
def fold(text: str, locale: str) -> str:
    """Case-folded text; Turkic languages fold I to ı and İ to i (str.casefold would make
    "İ" into "i̇" and "I" into "i")."""
    if language(locale) in TURKIC_LANGUAGES:
        text = text.replace("I", "ı").replace("İ", "i")
    return text.casefold()


WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
PYTHON_NAMED = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
BRACE = re.compile(r"\{[\w.]*(?:![rsa])?(?::[^{}]*)?\}")
URL = re.compile(r"\b(?:https?|ftp|mailto):[^\s<>()\]]+|\]\([^)]*\)")
INLINE_CODE = re.compile(r"`[^`]*`")
MARKUP_CHARS = re.compile(r"[*_`\[<]")


NO_PLACEHOLDERS: Counter = Counter()


def _placeholders(text: str) -> Counter:
    if "%" not in text and "{" not in text:
        return NO_PLACEHOLDERS
    return Counter(m.group() for m in PYTHON_NAMED.finditer(text)) + Counter(
        m.group() for m in BRACE.finditer(text))


def _words(text: str) -> list[str]:
    """The words of a message, without placeholders, links' targets, inline code or numbers."""
    for pattern in (PYTHON_NAMED, BRACE, URL, INLINE_CODE):
        text = pattern.sub(" ", text)
    return WORD.findall(text)


@lru_cache(maxsize=1)
def _renderer() -> MarkdownIt:
    """sources.markdown(), the parser the build renders with, minus the URL normalizing
    (punycode, percent-encoding) that costs a third of the time: tokens are the same, and
    link targets are compared as the translator wrote them."""
    parser = copy.copy(markdown())
    parser.normalizeLink = parser.normalizeLinkText = lambda url: url
    return parser


@lru_cache(maxsize=8192)
def _inline(text: str) -> tuple:
    """The inline Markdown tokens of a message as the build renders it."""
    return tuple(_renderer().parseInline(text)[0].children or ())


# --------------------------------------------------------------------- the checks

def check_untranslated(source, translation, entry, locale, context):
    if is_translated(entry):
        return
    if any(translation_forms(entry)):
        yield "a plural form has no translation"
    else:
        yield "no translation (shown in the source language)"


def check_fuzzy(source, translation, entry, locale, context):
    if "fuzzy" in entry.flags:
        yield "fuzzy: the source changed; review the translation and remove the fuzzy flag"


def check_obsolete(source, translation, entry, locale, context):
    rank = context.obsolete_rank.get((entry.msgctxt, entry.msgid), 0)
    if rank > context.settings.keep_obsolete:
        yield (f"obsolete message kept too long: number {rank} of the obsolete messages (the most "
               f"recently removed come first), a catalog keeps {context.settings.keep_obsolete} "
               f"([checks] keep_obsolete in publisher.toml); delete it")


def check_placeholders(source, translation, entry, locale, context):
    if "python-format" in entry.flags:
        if problem := python_format_mismatch(source, translation):
            yield problem
        return
    if "python-brace-format" in entry.flags or "no-python-format" not in entry.flags:
        ours, theirs = _placeholders(translation), _placeholders(source)
        if "no-python-format" in entry.flags:
            ours = Counter({k: v for k, v in ours.items() if k.startswith("{")})
            theirs = Counter({k: v for k, v in theirs.items() if k.startswith("{")})
        missing, added = sorted((theirs - ours).elements()), sorted((ours - theirs).elements())
        if len(missing) == 1 and len(added) == 1:
            yield f"placeholder {missing[0]} renamed to {added[0]}"
        else:
            if missing:
                yield f"placeholder(s) missing: {', '.join(missing)}"
            if added:
                yield f"placeholder(s) not in the source: {', '.join(added)}"


MARKUP_NAMES = {"em_open": "emphasis", "strong_open": "strong emphasis", "link_open": "link",
                "code_inline": "inline code"}


def _markup(tokens: tuple) -> tuple[Counter, Counter, int]:
    kinds = Counter(MARKUP_NAMES[t.type] for t in tokens if t.type in MARKUP_NAMES)
    code = Counter(t.content for t in tokens if t.type == "code_inline")
    stray = sum(t.content.count("*") + t.content.count("`") for t in tokens if t.type == "text")
    return kinds, code, stray


def _describe(counts: Counter) -> str:
    return ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())) or "none"


def check_markup(source, translation, entry, locale, context):
    if not (MARKUP_CHARS.search(source) or MARKUP_CHARS.search(translation)):
        return
    ours, our_code, our_stray = _markup(_inline(translation))
    theirs, their_code, their_stray = _markup(_inline(source))
    if ours != theirs:
        yield f"inline markup differs: the source has {_describe(theirs)}, the translation {_describe(ours)}"
    elif our_code != their_code:
        yield (f"inline code changed: {', '.join(sorted(their_code - our_code))} in the source, "
               f"{', '.join(sorted(our_code - their_code))} in the translation")
    if our_stray > their_stray:
        yield "a '*' or '`' that opens no markup is shown as text (unbalanced markup?)"


def _targets(text: str) -> Counter:
    if "](" not in text and "<" not in text:
        return Counter()
    return Counter(str(t.attrs.get("href", "")) for t in _inline(text) if t.type == "link_open")


def check_link_target(source, translation, entry, locale, context):
    ours, theirs = _targets(translation), _targets(source)
    if ours == theirs:
        return
    missing, added = sorted((theirs - ours).elements()), sorted((ours - theirs).elements())
    if missing and added:
        yield f"link target changed: {', '.join(missing)} became {', '.join(added)}"
    elif missing:
        yield f"link target missing: {', '.join(missing)}"
    else:
        yield f"link target not in the source: {', '.join(added)}"


# A run of digits with single separators inside: "1,000", "1 000", "3.5", "1.000.000".
SEPARATOR = "[.,'\u00a0\u202f\u2009 ]"
NUMBER = re.compile(rf"\d+(?:{SEPARATOR}\d+)*")
DIGIT = re.compile(r"\d")


@lru_cache(maxsize=64)
def _decimal_symbol(locale: str) -> str:
    try:
        return get_decimal_symbol(locale)
    except Exception:      # a locale Babel does not know: the English convention
        return "."


def _values(token: str, decimal: str) -> list[str]:
    """The numbers a token stands for, read with the locale's decimal sign: "1,000" (en),
    "1.000" (az) and "1 000" are 1000; "3.5" (en) and "3,5" (az) are 3.5; anything else
    (a date "08.11.2020", two numbers "8 2020") is its digit runs one by one."""
    if token.isdigit():
        return [str(int(token))]
    parts = re.split(SEPARATOR, token)
    separators = re.findall(SEPARATOR, token)
    head, *groups = parts
    grouped = lambda gs, seps: (len(head) <= 3 and all(len(g) == 3 for g in gs)
                                and len(set(seps)) == 1 and seps[0] != decimal)
    if grouped(groups, separators):
        return [str(int("".join(parts)))]
    if separators[-1] == decimal and (len(separators) == 1 or grouped(groups[:-1], separators[:-1])):
        return [format(Decimal("".join(parts[:-1]) + "." + parts[-1]).normalize(), "f")]
    return [str(int(part)) for part in parts]


def _numbers(text: str, locale: str) -> Counter:
    decimal = _decimal_symbol(locale)
    if "%" in text or "{" in text:
        text = PYTHON_NAMED.sub(" ", BRACE.sub(" ", text))
    found: Counter = Counter()
    for match in NUMBER.finditer(text):
        found.update(_values(match.group(), decimal))
    return found


def check_numbers(source, translation, entry, locale, context):
    if not (DIGIT.search(source) or DIGIT.search(translation)):
        return
    theirs = _numbers(source, context.source_locale)
    ours = _numbers(translation, locale)
    if ours != theirs:
        missing, added = sorted((theirs - ours).elements()), sorted((ours - theirs).elements())
        parts = ([f"{', '.join(missing)} missing"] if missing else []) + (
            [f"{', '.join(added)} not in the source"] if added else [])
        yield f"numbers differ from the source: {'; '.join(parts)}"


SPACE = " \t\u00a0\u202f\u2009\u3000"


def _edges(text: str) -> tuple[str, str]:
    stripped = text.strip(SPACE)
    if not stripped:
        return text, ""
    return text[: len(text) - len(text.lstrip(SPACE))], text[len(text.rstrip(SPACE)):]


def check_whitespace(source, translation, entry, locale, context):
    lines_s, lines_t = source.split("\n"), translation.split("\n")
    lead_s, trail_s = _edges(lines_s[0])[0], _edges(lines_s[-1])[1]
    lead_t, trail_t = _edges(lines_t[0])[0], _edges(lines_t[-1])[1]
    if lead_s != lead_t:
        yield f"leading whitespace differs from the source ({lead_s!r} in the source, {lead_t!r} here)"
    if trail_s != trail_t:
        yield f"trailing whitespace differs from the source ({trail_s!r} in the source, {trail_t!r} here)"


def check_line_breaks(source, translation, entry, locale, context):
    if source.count("\n") != translation.count("\n"):
        yield (f"{translation.count(chr(10))} line break(s), the source has {source.count(chr(10))}")
    elif source.startswith("\n") != translation.startswith("\n") or \
            source.endswith("\n") != translation.endswith("\n"):
        yield "line breaks at the start or end differ from the source"


CLOSERS = "\"'”’»›)]*_`"
END_MARKS = {"...": "…", "…": "…", ".": ".", "!": "!", "?": "?", ":": ":", ";": ";", ",": ","}
ABBREVIATION = re.compile(r"(?:\b\w\.){2,}$|\b(?:Mr|Mrs|Ms|Dr|St|Co|Inc|Ltd|etc|No|Tel|vs)\.$")


def _end_mark(text: str) -> str:
    tail = text.rstrip(SPACE + "\n")
    while tail and tail[-1] in CLOSERS:
        tail = tail[:-1].rstrip(SPACE)
    if tail.endswith("..."):
        return "…"
    return END_MARKS.get(tail[-1:], "")


def check_end_punctuation(source, translation, entry, locale, context):
    theirs, ours = _end_mark(source), _end_mark(translation)
    if theirs == ours:
        return
    if theirs == "." and ABBREVIATION.search(source.rstrip(SPACE + CLOSERS)):
        return           # "… the U.N." ends on an abbreviation's period, not a full stop
    describe = {"": "no end punctuation", "…": "an ellipsis"}
    yield (f"ends with {describe.get(ours, repr(ours))}, the source with "
           f"{describe.get(theirs, repr(theirs))}")


DOUBLE_SPACE = re.compile(r"(\S)( {2,})(?=\S)")


def check_double_space(source, translation, entry, locale, context):
    if "  " in source:
        return
    for match in DOUBLE_SPACE.finditer(translation):
        before = translation[max(0, match.start() - 20): match.start() + 1].split()[-1:]
        yield f"{len(match.group(2))} spaces in a row after {' '.join(before)!r}"


DOUBLED = re.compile(r"(?<!\w)([^\W\d_]+)[ \t\n\u00a0]+\1(?!\w)")


def _doubled(text: str, locale: str) -> list[str]:
    """Words repeated at once, compared case-folded (Turkic-aware: "İlham ilham" is doubled,
    "Ilham ilham" is not)."""
    return [match.group(1) for match in DOUBLED.finditer(fold(text, locale))]


def check_doubled_word(source, translation, entry, locale, context):
    if doubled := _doubled(translation, locale):
        allowed = set(_doubled(source, context.source_locale))   # "Bora Bora" stays doubled
        for word in doubled:
            if word not in allowed:
                yield f"the word {word!r} twice in a row"


ACRONYM = re.compile(r"^[A-ZƏİÖÜÇŞĞ]{2,}$")


def _kept_as_is(source: str, context: Context) -> bool:
    """A message a translation may leave as it is: nothing but placeholders, numbers,
    punctuation and addresses; abbreviations ("Tel.", "PDF"); names the glossary keeps."""
    return all(ACRONYM.match(word) or fold(word, context.source_locale) in context.kept_words
               or (len(word) <= 4 and word[:1].isupper() and f"{word}." in source)
               for word in _words(source))


def check_same_as_source(source, translation, entry, locale, context):
    if locale == context.source_locale or language(locale) == language(context.source_locale):
        return
    if translation.strip() == source.strip() and not _kept_as_is(source, context):
        yield "the translation is the source text, unchanged"


def check_glossary(source, translation, entry, locale, context):
    if not context.glossary:
        return
    folded_source = fold(source, context.source_locale)
    folded_translation = fold(translation, locale)
    if not (context.glossary_keys[0].search(folded_source)
            or context.glossary_keys[1].search(folded_translation)):
        return           # no term's first word on either side: most messages
    for pattern in context.glossary:
        in_source = pattern.in_source(folded_source)
        in_translation = pattern.in_target(folded_translation)
        note = f" ({pattern.term.note})" if pattern.term.note else ""
        if in_source and not in_translation:
            yield (f"{pattern.term.sources[0]!r} should be translated {pattern.target_text!r} "
                   f"(glossary{note})")
        elif in_translation and not in_source:
            yield (f"{pattern.target_text!r} in the translation, but the source does not say "
                   f"{' or '.join(repr(s) for s in pattern.term.sources)} (glossary{note})")


# Letters another alphabet puts where Azerbaijani has its own.
AZ_LOOKALIKES = {
    "ä": "ə", "Ä": "Ə", "ǝ": "ə", "Ǝ": "Ə", "ә": "ə", "Ә": "Ə",     # umlaut, turned e, Cyrillic schwa
    "ș": "ş", "Ș": "Ş", "ǧ": "ğ", "Ǧ": "Ğ", "â": "a", "î": "i", "û": "u", "Â": "A", "Î": "İ",
    "Û": "U",
}
LOOKALIKE = re.compile(f"[{''.join(AZ_LOOKALIKES)}]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
COMBINING = re.compile(r"[\u0300-\u036f]")
LATIN = re.compile(r"[a-zA-ZəƏıİşŞçÇğĞöÖüÜ]")
FRONT_VOWELS = frozenset("eəiöü")
CAPITAL_I_WORD = re.compile(r"(?<![\w-])I([^\W\d_]\w*)")


def check_az_letters(source, translation, entry, locale, context):
    if language(locale) != "az":
        return
    for char in sorted(set(LOOKALIKE.findall(translation))):
        yield f"{char!r} is not an Azerbaijani letter: write {AZ_LOOKALIKES[char]!r}"
    if COMBINING.search(translation):
        yield ("a letter written with a combining mark (e.g. 'i̇', as str.lower() makes of 'İ'): "
               "write the single letter (i, ö, ü, ç, ş, ğ)")
    if CYRILLIC.search(translation):
        for word in sorted(set(re.findall(r"\w+", translation))):
            if CYRILLIC.search(word) and LATIN.search(word):
                yield f"{word!r} mixes Cyrillic and Latin letters"
    reported = set()
    # A word with capital dotless I, where Azerbaijani writes İ: its vowels are front (native
    # words in ı- take back vowels), or it is a name copied from the source ("Ilham").
    for match in CAPITAL_I_WORD.finditer(translation):
        word, rest = match.group(), match.group(1)
        if rest[0].islower() and (FRONT_VOWELS & set(rest) or re.search(
                rf"(?<!\w){re.escape(word)}(?!\w)", source)):
            reported.add(fold(word, locale))
            yield f"{word!r} starts with dotless 'I': Azerbaijani writes 'İ{rest}'"
    # A glossary word with i and ı mistaken for each other ("Ilham", "müharıbəsi").
    folded = fold(translation, locale)
    if not context.dotted_any.search(folded):
        return
    for name, folded_name, loose in context.dotted_names:
        for match in loose.finditer(folded):
            word = re.match(r"\w*", folded[match.start():]).group()
            if not folded.startswith(folded_name, match.start()) and word not in reported:
                reported.add(word)
                yield f"{translation[match.start():match.start() + len(word)]!r}: dotted and " \
                      f"dotless i mixed up (the glossary writes {name!r})"


def _mojibake(text: str) -> str | None:
    """A run of characters that is UTF-8 read as Windows-1252 ("AzÉ™rbaycan"), or None."""
    for run in re.findall(r"[^\x00-\x7f]{2,}", text):
        try:
            repaired = run.encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if repaired != run:
            return run
    return None


def check_encoding(source, translation, entry, locale, context):
    if "\ufffd" in translation:
        yield "the replacement character '\ufffd': the text was not valid UTF-8 before it came here"
    if run := _mojibake(translation):
        yield (f"{run!r} is UTF-8 read as Windows-1252 (mojibake for "
               f"{run.encode('cp1252').decode('utf-8')!r})")


def check_control_characters(source, translation, entry, locale, context):
    yield from control_characters(translation)


def check_unsafe_markup(source, translation, entry, locale, context):
    yield from unsafe_markup(source, translation)


CHECKS: tuple[Check, ...] = (
    Check("catalog", ERROR, "the catalog cannot be read (syntax, charset, duplicate message, plural "
          "forms); nothing else is checked until it can"),
    Check("encoding", ERROR, "text that is not valid UTF-8 (bytes in the file), a replacement "
          "character or mojibake in a translation", check_encoding, "written"),
    Check("control-characters", ERROR, "a control character (vertical tab, bell, ...) in a "
          "translation: invisible, and no XML file may hold it", check_control_characters,
          "written"),
    Check("unsafe-markup", ERROR, "raw HTML, <script>, event handlers or javascript:/data:/file: "
          "link and image targets in a translation", check_unsafe_markup, "written"),
    Check("untranslated", WARNING, "a message without translation (the build shows the source "
          "text)", check_untranslated, "live"),
    Check("fuzzy", WARNING, "a translation marked fuzzy: not used until reviewed", check_fuzzy, "live"),
    Check("obsolete", WARNING, "an obsolete (#~) message behind more than keep_obsolete more "
          "recently removed ones", check_obsolete, "obsolete"),
    Check("placeholders", ERROR, "%(name)s, %s or {name} placeholders missing, added or renamed",
          check_placeholders),
    Check("markup", WARNING, "inline Markdown (emphasis, links, inline code) not as in the source",
          check_markup),
    Check("link-target", ERROR, "a link points somewhere else than in the source", check_link_target),
    Check("numbers", ERROR, "numbers or years differ from the source (separators read per locale)",
          check_numbers),
    Check("whitespace", WARNING, "leading or trailing whitespace differs from the source",
          check_whitespace),
    Check("line-breaks", WARNING, "line breaks differ from the source", check_line_breaks),
    Check("end-punctuation", WARNING, "the translation ends with other punctuation than the "
          "source", check_end_punctuation),
    Check("double-space", WARNING, "two or more spaces in a row", check_double_space),
    Check("doubled-word", WARNING, "the same word twice in a row ('the the')", check_doubled_word),
    Check("same-as-source", WARNING, "the translation is the source text (numbers, abbreviations "
          "and names the glossary keeps are exempt)", check_same_as_source),
    Check("glossary", WARNING, "a glossary term (locales/glossary.csv) not translated as the "
          "glossary says, or its translation where the source lacks the term", check_glossary),
    Check("az-letters", ERROR, "Azerbaijani text with letters of other alphabets (ä for ə, "
          "Cyrillic, combining marks) or a dotted/dotless i mistaken", check_az_letters),
    Check("ignore-flag", WARNING, "a publisher-ignore flag names no check"),
)
CODE_WIDTH = max(len(check.code) for check in CHECKS)   # to line up --list and the summary
BY_CODE = {check.code: check for check in CHECKS}
RANK = {check.code: index for index, check in enumerate(CHECKS)}   # registry order, for output


# ---------------------------------------------------------------------- glossary

GLOSSARY = "glossary.csv"


def _target_pattern(term: str, locale: str) -> re.Pattern:
    """A target term as found in inflected text: the last word may take suffixes (Şuşanın,
    Qarabağda, Zəfər Gününü), with the final k/q voiced before a vowel (k->y, q->ğ)."""
    words = fold(term, locale).split()
    last = words[-1]
    stem = re.escape(last)
    if last[-1:] in "kq" and len(last) > 2:
        stem = re.escape(last[:-1]) + ("(?:k|y)" if last[-1] == "k" else "(?:q|ğ)")
    parts = [re.escape(w) for w in words[:-1]] + [stem + r"\w*"]
    return re.compile(r"(?<!\w)" + r"[\s\u00a0]+".join(parts))


def _source_pattern(term: str, locale: str) -> re.Pattern:
    words = [re.escape(w) for w in fold(term, locale).split()]
    return re.compile(r"(?<!\w)" + r"[\s\u00a0]+".join(words) + r"(?:['’]s|s)?(?!\w)")


def compile_glossary(glossary: tuple[Term, ...], locale: str, source_locale: str
                     ) -> tuple[_Pattern, ...]:
    compiled = []
    for term in glossary:
        targets = term.targets.get(locale) or term.targets.get(language(locale))
        if not targets:
            continue
        compiled.append(_Pattern(
            term, tuple(_source_pattern(s, source_locale) for s in term.sources),
            tuple(_target_pattern(t, locale) for t in targets), targets[0],
            locale if locale in term.targets else language(locale),
            tuple(fold(s, source_locale).split()[0] for s in term.sources),
            tuple(fold(t, locale).split()[0][:-1] or fold(t, locale) for t in targets)))
    return tuple(compiled)


def parse_glossary(text: str, display: str) -> tuple[Term, ...]:
    """locales/glossary.csv: a header ``source,<locale>…,note`` then one term a row; variants
    of a term in one cell are separated by ';' ("Karabakh; Garabagh")."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return ()
    header = [cell.strip() for cell in rows[0]]
    if len(header) < 3 or header[0] != "source" or header[-1] != "note":
        raise ConfigError("the glossary's header must be: source, one column per locale, note",
                          display, 1)
    locales = header[1:-1]
    terms = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise ConfigError(f"{len(row)} columns, the header has {len(header)}", display, number)
        sources = tuple(v.strip() for v in row[0].split(";") if v.strip())
        if not sources:
            raise ConfigError("a glossary row needs its source term", display, number)
        targets = {code: tuple(v.strip() for v in cell.split(";") if v.strip())
                   for code, cell in zip(locales, row[1:-1])}
        terms.append(Term(sources, {k: v for k, v in targets.items() if v}, row[-1].strip(), number))
    return tuple(terms)


# ----------------------------------------------------------------------- running

def ignored(entry: polib.POEntry) -> set[str]:
    """The check codes silenced for this message by flags or translator comments."""
    codes: set[str] = set()
    for flag in entry.flags:
        if flag.startswith(IGNORE):
            codes.update(flag[len(IGNORE):].replace(",", " ").split())
    for line in (entry.tcomment or "").splitlines():
        if line.strip().startswith(IGNORE):
            codes.update(line.strip()[len(IGNORE):].replace(",", " ").split())
    return codes


def _pairs(entry: polib.POEntry) -> list[tuple[str, str]]:
    if entry.msgid_plural:
        forms = entry.msgstr_plural or {0: ""}
        return [(entry.msgid if index == 0 else entry.msgid_plural, text)
                for index, text in sorted(forms.items())]
    return [(entry.msgid, entry.msgstr)]


def _applies(check: Check, entry: polib.POEntry, translated: bool) -> bool:
    if entry.obsolete:
        return check.scope == "obsolete"
    if check.scope == "live":
        return True
    if check.scope == "written":
        return translated
    return check.scope == "translated" and translated and "fuzzy" not in entry.flags


def check_entries(catalog: polib.POFile, display: str, locale: str, settings: Settings
                  ) -> list[Problem]:
    """Every message check over a parsed catalog."""
    ranks: dict[tuple[str | None, str], int] = {}
    for entry in catalog:
        if entry.obsolete:
            # Catalogs list obsolete messages most recently removed first (msgmerge and
            # publisher update append the older ones after the newly removed): rank = age.
            ranks[(entry.msgctxt, entry.msgid)] = len(ranks) + 1
    context = Context(settings, compile_glossary(settings.glossary, locale, settings.source_locale),
                      ranks)
    about_entry = [c for c in CHECKS if c.run and c.scope in ("live", "obsolete")]
    about_text = [c for c in CHECKS if c.run and c.scope not in ("live", "obsolete")]
    problems: list[Problem] = []
    for entry in catalog:
        silenced = ignored(entry) if entry.tcomment or entry.flags else set()
        for code in sorted(silenced - BY_CODE.keys()):
            problems.append(Problem(display, entry.linenum, "ignore-flag", WARNING,
                                    f"publisher-ignore names no check {code!r} (see publisher check --list)"))
        pairs = _pairs(entry)
        translated = any(text for _, text in pairs)
        found: list[tuple[Check, str]] = []
        for check in about_entry:
            if check.code not in silenced and _applies(check, entry, translated):
                found += [(check, message) for message in
                          check.run(entry.msgid, entry.msgstr, entry, locale, context)]
        if translated and not entry.obsolete:
            for check in about_text:
                if check.code in silenced or not _applies(check, entry, translated):
                    continue
                for source, text in pairs:
                    if text:
                        found += [(check, message) for message in
                                  check.run(source, text, entry, locale, context)]
        problems += [Problem(display, entry.linenum, check.code, check.level, message)
                     for check, message in dict.fromkeys(found)]
    return problems


def _invalid_utf8(data: bytes, display: str) -> list[Problem]:
    problems, position = [], 0
    while True:
        try:
            data[position:].decode("utf-8")
            return problems
        except UnicodeDecodeError as exc:
            start = position + exc.start
            line = data[:start].count(b"\n") + 1
            problems.append(Problem(display, line, "encoding", ERROR,
                                    f"bytes {data[start:position + exc.end].hex(' ')} are not valid "
                                    "UTF-8 (convert the file with msgconv --to-code=UTF-8)"))
            position += exc.end


def _explained(error: PublisherError, problems: list[Problem], lines: set[int]) -> bool:
    """Is a reader's error one that the message checks report themselves (placeholders,
    unsafe markup)? Then the catalog is otherwise sound and every check can run."""
    return error.line in lines and any(p.line == error.line and p.message in error.message
                                       for p in problems)


def check_catalog(data: bytes, display: str, locale: str, settings: Settings = Settings()
                  ) -> list[Problem]:
    """Every check over one catalog's bytes (pure). Problems in file order within each check."""
    if bad := _invalid_utf8(data, display):
        return bad
    try:
        catalog = parse_catalog(data, display)
    except PublisherError as exc:
        errors = exc.errors
        # The reader refuses a catalog whose messages carry broken placeholders or unsafe
        # markup; those are message problems, reported as such with everything else.
        try:
            catalog = parse_po(data.decode("utf-8"), display)
            problems = check_entries(catalog, display, locale, settings)
        except Exception:       # polib cannot read it either: the reader's errors are all we have
            problems = []
        lines = {p.line for p in problems
                 if p.code in ("placeholders", "unsafe-markup", "control-characters")}
        if problems and all(_explained(e, problems, lines) for e in errors):
            return order(problems)
        return [Problem(e.path or display, e.line, "catalog", ERROR, e.message) for e in errors]
    return order(check_entries(catalog, display, locale, settings))


def order(problems: Iterable[Problem]) -> list[Problem]:
    """Grouped as publisher check prints them: by catalog, then check (registry order), line."""
    return sorted(problems, key=lambda p: (p.path, RANK.get(p.code, len(RANK)), p.line or 0))


@dataclass(frozen=True)
class CheckReport:
    problems: tuple[Problem, ...]
    catalogs: tuple[str, ...]          # the catalogs checked

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(problem for problem in self.problems if problem.level == ERROR)

    def summary(self) -> list[str]:
        """The counts: one line in all, then one per check that found something."""
        counts = Counter(problem.code for problem in self.problems)
        errors = len(self.errors)
        lines = [f"{len(self.catalogs)} catalog(s) checked: {errors} error(s), "
                 f"{len(self.problems) - errors} warning(s)"]
        lines += [f"  {check.code:<{CODE_WIDTH}} {check.level:<8} {counts[check.code]}"
                  for check in CHECKS if counts[check.code]]
        return lines

    def as_json(self) -> dict:
        return {"catalogs": list(self.catalogs),
                "problems": [{"path": p.path, "line": p.line, "code": p.code, "level": p.level,
                              "message": p.message} for p in self.problems],
                "errors": len(self.errors), "warnings": len(self.problems) - len(self.errors)}
