"""The numbers check reads a span of years written short ("1992-93") as the two years, so
that a translation that writes it out ("1992–1993-cü") passes and a wrong year does not."""

import pytest

from helpers import findings, passes_check


@pytest.mark.parametrize("source, translation", [
    ("lost in 1992-93, the", "1992–1993-cü illərdə itirərək"),
    ("In 2019-20 a series", "2019–2020-ci illərdə bir sıra"),
    ("In 2019-20 a series", "2019-20-ci illərdə bir sıra"),
    ("from 1998–2001 on", "1998–2001-ci illərdən"),
    ("on 2020-11-08", "2020-11-08 tarixində"),
])
def test_spans_of_years_written_out_pass(source, translation):
    assert passes_check("numbers", source, translation)


@pytest.mark.parametrize("source, translation, problem", [
    ("lost in 1992-93, the", "1992–1994-cü illərdə", "1993 missing; 1994 not in the source"),
    ("In 2019-20 a series", "2019–2021-ci illərdə", "2020 missing; 2021 not in the source"),
    ("in 2020-11 (a month)", "2020–2011-ci", "11 missing; 2011 not in the source"),
])
def test_a_wrong_year_in_a_span_is_still_found(source, translation, problem):
    assert f"[numbers] numbers differ from the source: {problem}" in findings(source, translation)
