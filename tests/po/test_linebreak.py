"""publisher.po.linebreak against the library GNU gettext wraps with (libunistring 1.0).

msgcat lays PO strings out with libunistring's ``u8_width_linebreaks_v2`` and ``uc_width``; where
that very library is installed (Debian 12: libunistring2), the tests call it through ctypes on
random text of every kind of character and demand the same breaks. The faster line_breaks (the
one the writer uses) is held to width_breaks (the mirror of the C loop) everywhere.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import random

import pytest

from publisher.po.linebreak import line_breaks, width, width_breaks


def _libunistring():
    name = ctypes.util.find_library("unistring")
    if name is None:
        return None
    library = ctypes.CDLL(name)
    try:
        version = ctypes.c_int.in_dll(library, "_libunistring_version").value
    except ValueError:
        return None
    if version != 0x010000:         # the release po/linebreak_data.py was read from
        return None
    library.u8_width_linebreaks_v2.argtypes = [
        ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int,
        ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p]
    library.uc_width.argtypes = [ctypes.c_uint32, ctypes.c_char_p]
    return library


LIBUNISTRING = _libunistring()
needs_libunistring = pytest.mark.skipif(
    LIBUNISTRING is None, reason="libunistring 1.0 (GNU gettext 0.21's, Debian 12) is not installed")

# characters of many line-breaking classes: spaces, punctuation, quotes, dashes, CJK, Hangul,
# Hebrew, combining marks, zero-width space and joiner, regional indicators, emoji and their
# modifiers, Thai, a soft hyphen, line and paragraph separators, controls
ALPHABET = [*"abc xyz  -/.,:;!?()[]{}\"'%$+\\#&*<=>@_|~0123456789\t", *"—–„“”‘’«»…·•€",
            *"中文字、。「」ー", *"한국어", *"שלום־", "\u0301", "\u200b", "\u200d", "\u2060",
            "\u00a0", "\u2028", "\u2029", "\u0085", "\x0b", "\x01", "🇦", "🇿", "👍", "🏽",
            "\u0e01", "\u0e32", "ा", "्", "\u00ad", "\u3000"]


def random_texts(seed: int, count: int, alphabet=ALPHABET):
    rng = random.Random(seed)
    for _ in range(count):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 70)))
        prohibited = set(rng.sample(range(len(text)), min(len(text), rng.randint(0, 3))))
        yield text, rng.randint(5, 40), rng.randint(0, 12), prohibited


def gnu_breaks(text: str, line_width: int, start: int, prohibited: set[int]) -> list[int]:
    data = text.encode("utf-8")
    offsets = [len(text[:index].encode("utf-8")) for index in range(len(text))]
    overrides = bytearray(len(data))            # UC_BREAK_UNDEFINED
    for index in prohibited:
        overrides[offsets[index]] = 1           # UC_BREAK_PROHIBITED
    result = ctypes.create_string_buffer(max(1, len(data)))
    LIBUNISTRING.u8_width_linebreaks_v2(data, len(data), line_width, start, 0, bytes(overrides),
                                        b"UTF-8", result)
    return [index for index, offset in enumerate(offsets) if result.raw[offset] == 2]


@needs_libunistring
@pytest.mark.parametrize("seed", [1, 2])
def test_breaks_are_libunistrings(seed):
    for text, line_width, start, prohibited in random_texts(seed, 2000):
        expected = gnu_breaks(text, line_width, start, prohibited)
        assert width_breaks(text, line_width, start, prohibited) == expected, repr(text)
        assert line_breaks(text, line_width, start, prohibited) == expected, repr(text)


@needs_libunistring
def test_breaks_are_libunistrings_anywhere_in_unicode():
    rng = random.Random(14)
    planes = [(0x20, 0x7E), (0xA0, 0x2FFF), (0x3000, 0xD7FF), (0xE000, 0xFFFF), (0x10000, 0x1FFFF)]
    for _ in range(3000):
        text = "".join(chr(rng.randint(*rng.choice(planes))) for _ in range(rng.randint(1, 40)))
        line_width, start = rng.randint(5, 40), rng.randint(0, 10)
        assert line_breaks(text, line_width, start) == gnu_breaks(text, line_width, start, set())


@needs_libunistring
def test_width_is_uc_width():
    """One code point in 8 of the planes in use, and the variation selectors and tags."""
    for code in [*range(0, 0x32000, 8), *range(0xE0000, 0xE0200)]:
        if not 0xD800 <= code <= 0xDFFF:
            assert width(chr(code)) == max(0, LIBUNISTRING.uc_width(code, b"UTF-8")), hex(code)


@pytest.mark.parametrize("seed", [4, 5])
def test_line_breaks_finds_what_width_breaks_finds(seed):
    for text, line_width, start, prohibited in random_texts(seed, 2000):
        assert line_breaks(text, line_width, start, prohibited) == \
            width_breaks(text, line_width, start, prohibited), repr(text)


def test_width_counts_display_columns():
    assert width("Zəfər Günü") == 10
    assert width("胜利日") == 6                       # East Asian wide: two columns each
    assert width("विन्यास") == 6                       # 7 characters: the virama takes none
    assert width("e\u0301\u200b") == 1               # a combining accent, a zero-width space
    assert width("a\x01b") == 2                      # a control character takes none


def test_breaks_after_spaces_and_at_gnulibs_opportunities():
    assert line_breaks("one two three", 8) == [8]         # a line may end in its space
    assert line_breaks("one two three", 6) == [4, 8]
    assert line_breaks("OUTPUTDIR/.doctrees", 12) == [11]          # "/." then a letter
    assert line_breaks("Befehl „umask“ (siehe)", 16) == [7]        # not between “ and (
    assert line_breaks("配置项的值", 4) == [2, 4]                    # between ideographs
    assert line_breaks("unbreakable_identifier_here", 10) == []
