"""The glossary, ``locales/glossary.csv``: terms and how each language translates them, and the
check that a translation follows it. Azerbaijani terms are found inflected (Şuşanın,
Qarabağda, Zəfər Gününü)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError
from ..fileio import read_text
from ..lang import fold, language
from ..limits import MAX_GLOSSARY_BYTES, MAX_GLOSSARY_CELL_CHARS

GLOSSARY = "glossary.csv"


@dataclass(frozen=True)
class Term:
    """One glossary row: the source term (variants) and its translation (variants) per locale."""

    sources: tuple[str, ...]
    targets: dict[str, tuple[str, ...]]
    note: str = ""
    line: int = 0


@dataclass(frozen=True)
class TermPattern:
    """A glossary term compiled for one locale: patterns that find it, inflected, in text."""

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
                     ) -> tuple[TermPattern, ...]:
    compiled = []
    for term in glossary:
        targets = term.targets.get(locale) or term.targets.get(language(locale))
        if not targets:
            continue
        compiled.append(TermPattern(
            term, tuple(_source_pattern(s, source_locale) for s in term.sources),
            tuple(_target_pattern(t, locale) for t in targets), targets[0],
            locale if locale in term.targets else language(locale),
            tuple(fold(s, source_locale).split()[0] for s in term.sources),
            tuple(fold(t, locale).split()[0][:-1] or fold(t, locale) for t in targets)))
    return tuple(compiled)


def _rows(text: str, display: str) -> list[tuple[int, list[str]]]:
    """The CSV rows with the line each starts on; a ConfigError at the line of a row that is
    no CSV or holds a cell over the limit (a glossary is read by every check and build)."""
    reader = csv.reader(io.StringIO(text))
    rows = []
    line = 1
    try:
        for row in reader:
            if (longest := max(map(len, row), default=0)) > MAX_GLOSSARY_CELL_CHARS:
                raise ConfigError(f"a cell of {longest:,} characters is too long (the limit is "
                                  f"{MAX_GLOSSARY_CELL_CHARS:,})", display, line)
            rows.append((line, row))
            line = reader.line_num + 1
    except csv.Error as exc:
        message = str(exc)
        if "field larger than field limit" in message:
            message = f"a cell of more than {csv.field_size_limit():,} characters"
        raise ConfigError(f"not a CSV row: {message}", display, line) from None
    return rows


def parse_glossary(text: str, display: str) -> tuple[Term, ...]:
    """locales/glossary.csv: a header ``source,<locale>…,note`` then one term a row; variants
    of a term in one cell are separated by ';' ("Karabakh; Garabagh")."""
    numbered = _rows(text, display)
    if not numbered:
        return ()
    rows = [row for _, row in numbered]
    header = [cell.strip() for cell in rows[0]]
    if len(header) < 3 or header[0] != "source" or header[-1] != "note":
        raise ConfigError("the glossary's header must be: source, one column per locale, note",
                          display, 1)
    locales = header[1:-1]
    terms = []
    for number, row in numbered[1:]:
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



def read_glossary(locales_dir: Path, display: str) -> tuple[Term, ...]:
    """The project's glossary (``locales/glossary.csv``), or none when the file is missing."""
    path = locales_dir / GLOSSARY
    if not path.exists() and not path.is_symlink():
        return ()
    return parse_glossary(read_text(path, display, ConfigError, MAX_GLOSSARY_BYTES, (locales_dir,)),
                          display)


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
