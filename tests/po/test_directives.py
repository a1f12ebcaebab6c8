"""publisher.po.directives: the directives GNU's format parsers mark, where the writer never
breaks a line (compared with msgcat itself in test_format's format-string test)."""

from __future__ import annotations

import pytest

from publisher.po.directives import directive_spans, format_kind


@pytest.mark.parametrize("flags, kind", [
    (["python-format"], "python"),
    (["python-brace-format", "python-format"], "python"),      # gettext's order, not the flags'
    (["fuzzy", "no-c-format", "javascript-format"], "javascript"),
    (["possible-c-format"], "c"),
    (["fuzzy"], None),
    (["no-python-format"], None),
])
def test_format_kind_is_the_first_in_gettexts_order(flags, kind):
    assert format_kind(flags) == kind


@pytest.mark.parametrize("kind, text, spans", [
    ("python", "%(count)d days, 100%%", [(0, 8), (19, 20)]),
    ("python", "%(name)s and %d", [(0, 7)]),                  # named then unnamed: stops there
    ("python", "50% off and %s", [(2, 4), (12, 13)]),         # "% o" is one: "%o", flag " "
    ("python", "%(unterminated", []),
    ("c", "%1$s of %2$*3$d", [(0, 3), (8, 14)]),
    ("c", "%<PRId64> bytes, %'5.2f%%", [(0, 8), (17, 22), (23, 24)]),
    ("c", "%s and %1$s", [(0, 1)]),                           # unnumbered then numbered
    ("javascript", "%s of %d%%", [(0, 1), (6, 7), (8, 9)]),
    ("python-brace", "{name} of {count:>5}", [(0, 5)]),       # see the next test
    ("python-brace", "{{literal}} {0.attr[key]}", [(0, 12)]),
    ("python-brace", "{x} then {", []),                       # an error marked before the end
    ("sh", "$HOME and %s", []),                               # no parser: nothing protected
])
def test_directive_spans(kind, text, spans):
    assert directive_spans(kind, text, translated=False) == spans


def test_python_brace_directives_are_marked_from_the_strings_start():
    """gettext 0.21 marks a python-brace directive relative to its own "{": one span from
    index 0 to the length of the shortest directive less one is protected."""
    assert directive_spans("python-brace", "Hello {first_name}, {x}!", False) == [(0, 2)]


def test_c_format_i_flag_only_in_a_translation():
    assert directive_spans("c", "%Id items", translated=True) == [(0, 2)]
    assert directive_spans("c", "%Id items", translated=False) == []
