"""Display width and line breaking exactly as GNU libunistring 1.0 computes them.

GNU gettext's PO writer (write-po.c) wraps strings with libunistring's ``ulc_width_linebreaks``:
the line-break opportunities of Unicode's UAX #14 as gnulib implements it (a pair table of its
own, refined classes, the rules of unilbrk/u8-possible-linebreaks.c, some of which predate
today's UAX #14), filled greedily by display columns (``uc_width``: East Asian wide characters
2, combining marks and format characters 0). This module mirrors those two functions, with the
very data of the library gettext 0.21 links on Debian 12 (linebreak_data.py beside this module,
read out of it by tools/gen_linebreak_data.py), so that publisher's catalogs come out byte for byte as
msgcat writes them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from .linebreak_data import PAIRS, RUN_STARTS, RUN_VALUES

# gnulib's LBP_* numbers (unilbrk/lbrktables.h); those below 33 index the pair table.
(WJ, GL, B2, BA, BB, HY, CL, CP1, CP2, EX, IN, NS, OP1, OP2, QU, IS, NU, PO, PR, SY, AL, H2, H3,
 ID1, ID2, JL, JV, JT, HL, RI, ZWJ, EB, EM) = range(33)
BK, CR, LF, CM, ZW, SP, CB, AI, SA, XX = range(33, 43)
HL_BA = 100         # a Hebrew letter followed by a hyphen or BA (LB21a), at run time only
_PAIR_CLASSES = 33
_DIRECT, _INDIRECT = 1, 2

PROHIBITED, POSSIBLE, MANDATORY = 0, 1, 2


def _resolved(value: int) -> int:
    """The class the breaking rules use (u8-possible-linebreaks.c: AI as AL outside CJK
    encodings, CB as ID1, SA and XX as AL)."""
    line_class = value >> 2
    return ID1 if line_class == CB else AL if line_class >= AI else line_class


# Each character met so far: its width (uc_width; a control character's 0), its class; the set
# of those not one column wide. Filled by _learn, a set of characters at a time.
_WIDTHS: dict[str, int] = {}
_CLASSES: dict[str, int] = {}
_NOT_ONE_COLUMN: set[str] = set()


def _learn(text: str) -> set[str]:
    """The characters of ``text``, each looked up in linebreak_data the first time it is met."""
    chars = set(text)
    if not chars <= _WIDTHS.keys():
        for char in chars - _WIDTHS.keys():
            value = RUN_VALUES[bisect_right(RUN_STARTS, ord(char)) - 1]
            _WIDTHS[char] = max(0, (value & 3) - 1)
            _CLASSES[char] = _resolved(value)
            if _WIDTHS[char] != 1:
                _NOT_ONE_COLUMN.add(char)
    return chars


_learn("".join(map(chr, range(128))))


def width(text: str) -> int:
    """Display columns of ``text`` as uc_width counts them (control characters count 0)."""
    if text.isascii() and text.isprintable():
        return len(text)
    return len(text) + sum((_WIDTHS[char] - 1) * text.count(char)
                           for char in _learn(text) & _NOT_ONE_COLUMN)


def _columns(text: str) -> list[int] | None:
    """The column each character of ``text`` starts at (and the end's), None when every
    character is one column wide (the column is the index)."""
    if (text.isascii() and text.isprintable()) or not _learn(text) & _NOT_ONE_COLUMN:
        return None
    return list(accumulate(map(_WIDTHS.__getitem__, text), initial=0))


# Every character before this one is at most one column wide.
FIRST_WIDE = chr(next(start for start, value in zip(RUN_STARTS, RUN_VALUES) if value & 3 == 3))
# (a negated class: the sre compiler takes milliseconds over a range up to U+10FFFF)
MAYBE_WIDE = re.compile(f"[^\\x00-\\u{ord(FIRST_WIDE) - 1:04x}]")


def possible_breaks(text: str) -> list[int]:
    """For each character, whether a line may break before it: PROHIBITED, POSSIBLE or
    MANDATORY (u8_possible_linebreaks_v2)."""
    _learn(text)
    classes = list(map(_CLASSES.__getitem__, text))
    result = [PROHIBITED] * len(classes)
    previous = last = BK       # class of the previous character; of the last non-space one
    seen_space = False
    regional = 0               # regional indicators just before this point
    pairs = PAIRS
    for index, prop in enumerate(classes):
        if prop == AL and last == AL and not seen_space:   # the commonest case: inside a word
            previous = AL
            regional = 0
            continue
        if prop in (BK, LF, CR):
            result[index] = MANDATORY
            previous, last, seen_space = prop, BK, False
        else:
            if prop == SP:
                seen_space = True
            elif prop == ZW:
                last, seen_space = ZW, False
            elif prop in (CM, ZWJ):
                if last == BK:
                    last, seen_space = AL, False
                elif last == ZW or seen_space:
                    result[index] = POSSIBLE
                    last, seen_space = AL, False
            else:
                if last == BK:
                    pass
                elif last == ZW:
                    result[index] = POSSIBLE
                elif previous == ZWJ:
                    pass
                elif last == RI and prop == RI:
                    if seen_space or regional % 2 == 0:
                        result[index] = POSSIBLE
                elif previous == HL_BA:
                    pass
                else:
                    rule = pairs[last * _PAIR_CLASSES + prop]
                    if rule == _DIRECT or (rule == _INDIRECT and seen_space):
                        result[index] = POSSIBLE
                last, seen_space = prop, False
            previous = HL_BA if previous == HL and prop in (HY, BA) else prop
        regional = regional + 1 if prop == RI else 0
    return result


def width_breaks(text: str, line_width: int, start_column: int = 0,
                 prohibited: frozenset[int] | set[int] = frozenset()) -> list[int]:
    """Where ``u8_width_linebreaks_v2`` breaks ``text`` into lines of ``line_width`` columns,
    the first starting at ``start_column``: the indexes of the characters that start a new
    line. ``prohibited``: indexes before which no break may be made (gettext's overrides)."""
    breaks = possible_breaks(text)
    for index in prohibited:
        breaks[index] = PROHIBITED
    columns = _columns(text)
    found: list[int] = []
    last_break = None       # the break opportunity the piece being measured starts at
    last_column = start_column
    start = 0               # where that piece starts (after a mandatory break: the next character)
    for index, kind in enumerate(breaks):
        if not kind:
            continue
        piece = index - start if columns is None else columns[index] - columns[start]
        if last_break is not None and last_column + piece > line_width:
            found.append(last_break)
            last_column = 0
        if kind == MANDATORY:   # in a PO string the line goes on: only the column starts again
            last_break, last_column, start = None, 0, index + 1
        else:
            last_break, start = index, index
            last_column += piece
    piece = len(text) - start if columns is None else columns[-1] - columns[start]
    if last_break is not None and last_column + piece > line_width:
        found.append(last_break)
    return found


_HARD_BREAKS = re.compile("[\n\v\f\r\x85\u2028\u2029]")


def line_breaks(text: str, line_width: int, start_column: int = 0,
                prohibited: frozenset[int] | set[int] = frozenset()) -> list[int]:
    """What width_breaks returns, found faster: line by line, from the widest prefix that
    fits back to the nearest break opportunity (each judged from the characters before it,
    as the rules of possible_breaks judge it), instead of judging every character. Text with
    a mandatory break (a line or paragraph separator) goes to width_breaks."""
    if _HARD_BREAKS.search(text):
        return width_breaks(text, line_width, start_column, prohibited)
    length = len(text)
    columns = _columns(text)        # (which also makes _CLASSES know every character)
    classes = _CLASSES
    found: list[int] = []
    start, column = 0, start_column
    while True:
        room = line_width - column
        fits = start + room if columns is None else bisect_right(columns, columns[start] + room) - 1
        if fits >= length:
            return found
        cut = fits
        while cut > start and (cut in prohibited or not _break_before(text, cut, classes)):
            cut -= 1
        if cut <= start:    # the first piece is wider than the line: it overflows
            cut = max(fits + 1, start + 1)
            while cut < length and (cut in prohibited or not _break_before(text, cut, classes)):
                cut += 1
            if cut == length:
                return found
        found.append(cut)
        start, column = cut, 0


def _break_before(text: str, index: int, classes: dict) -> bool:
    """Whether possible_breaks finds a break opportunity before text[index] (index > 0),
    worked out from the characters before it (the state possible_breaks carries: the class
    of the previous character and of the last one not a space, spaces seen, regional
    indicators in a row). Not for text with mandatory breaks."""
    prop = classes[text[index]]
    if prop in (SP, ZW):
        return False
    before = index - 1
    while before >= 0 and classes[text[before]] == SP:
        before -= 1
    seen_space = before < index - 1
    if before < 0:
        return False                            # the start of the text (last = BK)
    last = classes[text[before]]
    if last in (CM, ZWJ):               # a combining run takes its base's class
        first = before
        while first > 0 and classes[text[first - 1]] in (CM, ZWJ):
            first -= 1
        base = classes[text[first - 1]] if first else BK
        last = AL if base in (SP, ZW, BK, LF, CR) else base
    if prop in (CM, ZWJ):
        return last == ZW or seen_space
    if last == ZW:
        return True
    previous = classes[text[index - 1]]
    if previous == ZWJ:
        return False
    if last == RI and prop == RI:
        if seen_space:
            return True
        regional = 0
        while regional < index and classes[text[index - 1 - regional]] == RI:
            regional += 1
        return regional % 2 == 0
    if previous in (HY, BA) and index >= 2 and classes[text[index - 2]] == HL:
        return False                            # LB21a: HL (HY | BA) x
    rule = PAIRS[last * _PAIR_CLASSES + prop]
    return rule == _DIRECT or (rule == _INDIRECT and seen_space)
