"""A footnote reference ([^1]) is markup a translation keeps, counted as the check counts
emphasis and links."""

from publisher.checks.rules import check_markup


def test_a_footnote_reference_left_out_is_reported():
    source = "Four resolutions were adopted in 1993.[^res]"
    assert list(check_markup(source, "1993-cü ildə dörd qətnamə qəbul edilmişdir.[^res]",
                             None, "az", None)) == []
    assert list(check_markup(source, "1993-cü ildə dörd qətnamə qəbul edilmişdir.", None, "az",
                             None)) == ["inline markup differs: the source has 1 footnote reference, "
                                        "the translation none"]
