"""The message checks: what a reviewer looks for in a translation, found mechanically.

Each check is a small function over one message, ``(source, translation, entry, locale,
context)``, yielding a sentence per problem; :mod:`publisher.checks.registry` gives each a
code, a level and the scope of entries it applies to. Checks of one language's own rules are
in :mod:`publisher.checks.language`; the glossary's in :mod:`publisher.checks.glossary`.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from decimal import Decimal
from functools import lru_cache

from babel.numbers import get_decimal_symbol
from markdown_it import MarkdownIt

from ..lang import az, fold, language
from ..po import placeholders
from ..po.entries import is_translated, translation_forms
from ..po.markup import added_targets, forbidden_characters, link_targets, unsafe_markup
from ..po.placeholders import is_python_format, python_format_mismatch
from ..sources import FOOTNOTE_REF, markdown
from .context import Context

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# An address, or a link's "](target)": a target never runs on past the next "](" (from every
# "](" of an unclosed run the search would otherwise read on to the end of the text).
URL = re.compile(r"\b(?:https?|ftp|mailto):[^\s<>()\]]++|\]\((?:[^)\]]++|\](?!\())*+\)")
INLINE_CODE = re.compile(r"`[^`]*`")
MARKUP_CHARS = re.compile(r"[*_`\[<]")


def _placeholders(text: str, brace_only: bool = False) -> Counter:
    """The placeholders a message without python-format holds: its {fields}, and its named
    %(name)s directives unless ``brace_only`` (a bare "%s" there may be prose: "50 % of")."""
    return Counter(found.text for found in placeholders.placeholders(text)
                   if found.kind == "brace" or (found.name and not brace_only))


def _words(text: str) -> list[str]:
    """The words of a message, without placeholders, links' targets, inline code or numbers."""
    text = placeholders.strip(text)
    for pattern in (URL, INLINE_CODE):
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
    if is_python_format(source):      # as the reader decides: from the source, not the flags
        if problem := python_format_mismatch(source, translation):
            yield problem
        return
    if "python-brace-format" in entry.flags or "no-python-format" not in entry.flags:
        brace_only = "no-python-format" in entry.flags
        ours, theirs = _placeholders(translation, brace_only), _placeholders(source, brace_only)
        missing, added = sorted((theirs - ours).elements()), sorted((ours - theirs).elements())
        if len(missing) == 1 and len(added) == 1:
            yield f"placeholder {missing[0]} renamed to {added[0]}"
        else:
            if missing:
                yield f"placeholder(s) missing: {', '.join(missing)}"
            if added:
                yield f"placeholder(s) not in the source: {', '.join(added)}"


MARKUP_NAMES = {"em_open": "emphasis", "strong_open": "strong emphasis", "link_open": "link",
                "code_inline": "inline code", "footnote_ref": "footnote reference"}


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


def check_link_target(source, translation, entry, locale, context):
    if added := added_targets(source, translation):    # the catalog reader refuses these too
        yield from added
    elif missing := sorted((link_targets(source) - link_targets(translation)).elements()):
        yield f"link target missing: {', '.join(missing)}"


# A run of digits with single separators inside: "1,000", "1 000", "3.5", "1.000.000".
SEPARATOR = "[.,'\u00a0\u202f\u2009 ]"
NUMBER = re.compile(rf"\d+(?:{SEPARATOR}\d+)*")
DIGIT = re.compile(r"\d")
# A span of years with the second shortened, "1992-93", "2019–20": the second year is read in
# full (1993, 2020), so that a translation may write the span out ("1992–1993-cü illərdə"),
# as Azerbaijani and most languages do. Only when the shortened year comes after the first
# (not "2020-11", a month), and not inside a date ("2020-11-08").
YEAR_SPAN = re.compile(r"(?<![\d.,])(\d\d)(\d\d)[-–‐](\d\d)(?!\d|[.,]\d|[-–‐]\d)")


def _full_years(match: re.Match) -> str:
    century, first, second = match.groups()
    return f"{century}{first} {century}{second}" if second > first else match.group()


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
    """The numbers of the text, not those of its addresses, link targets ("victory-day-2024.md":
    the link-target check compares those) and footnote labels ("[^1]")."""
    decimal = _decimal_symbol(locale)
    text = FOOTNOTE_REF.sub(" ", URL.sub(" ", placeholders.strip(text)))
    text = YEAR_SPAN.sub(_full_years, text)
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
# Both alternatives end at the end: searched in the last characters only (the search still
# sees the character before, for \b), so a long run of initials costs no more than a short one.
ABBREVIATION_REACH = 16


def _ends_on_abbreviation(text: str) -> bool:
    return ABBREVIATION.search(text, max(0, len(text) - ABBREVIATION_REACH)) is not None


def _end_mark(text: str) -> str:
    end = len(text.rstrip(SPACE + "\n"))
    # A footnote reference after the full stop ("… its ground.[^1]") is not the end. (Indexes,
    # not slices: a run of references costs one pass.)
    while (text.endswith("]", 0, end) and (start := text.rfind("[^", 0, end)) >= 0
           and FOOTNOTE_REF.fullmatch(text, start, end)):
        end = start
        while end and text[end - 1] in SPACE:
            end -= 1
    # closers and spaces taken off the end together (one pass, not a slice per closer)
    tail = text[:end].rstrip(SPACE + CLOSERS)
    if tail.endswith("..."):
        return "…"
    return END_MARKS.get(tail[-1:], "")


def check_end_punctuation(source, translation, entry, locale, context):
    theirs, ours = _end_mark(source), _end_mark(translation)
    if theirs == ours:
        return
    if theirs == "." and _ends_on_abbreviation(source.rstrip(SPACE + CLOSERS)):
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


ACRONYM = re.compile(rf"^[A-Z{az.EXTRA_CAPITALS}]{{2,}}$")


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
    yield from forbidden_characters(source, translation)      # the catalog reader's rule


def check_unsafe_markup(source, translation, entry, locale, context):
    yield from unsafe_markup(source, translation)

