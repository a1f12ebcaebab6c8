"""A footnote reference ([^1]) is markup a translation keeps, counted as the check counts
emphasis and links; its label is no number of the text, nor is a link's target, and a
reference after the full stop does not hide it from the end-punctuation check."""

from helpers import findings, passes_check

RESOLUTIONS = "Four resolutions were adopted in 1993.[^res]"


def test_a_footnote_reference_left_out_is_reported():
    assert passes_check("markup", RESOLUTIONS, "1993-cü ildə dörd qətnamə qəbul edilmişdir.[^res]")
    assert ("[markup] inline markup differs: the source has 1 footnote reference, the translation "
            "none") in findings(RESOLUTIONS, "1993-cü ildə dörd qətnamə qəbul edilmişdir.")


def test_numbers_of_link_targets_and_footnote_labels_are_not_the_texts():
    source = "See [the release](victory-day-2024.md) of 8 November.[^1]"
    assert passes_check("numbers", source, "8 noyabr [açıqlamasına](victory-day-2024.md) baxın.[^1]")
    # A changed target or label: link-target and markup say so, not numbers.
    assert passes_check("numbers", source, "8 noyabr [açıqlamasına](victory-day-2023.md) baxın.[^2]")
    assert ("[numbers] numbers differ from the source: 8 missing; 9 not in the source"
            in findings(source, "9 noyabr [açıqlamasına](victory-day-2024.md) baxın.[^1]"))


def test_a_footnote_reference_after_the_full_stop_is_not_the_end():
    assert passes_check("end-punctuation", RESOLUTIONS, "1993-cü ildə dörd qətnamə qəbul edilmişdir.")
    assert ("[end-punctuation] ends with no end punctuation, the source with '.'"
            in findings(RESOLUTIONS, "1993-cü ildə dörd qətnamə qəbul edilmişdir[^res]"))
