"""The Azerbaijani of the release, as a native reader checks it: the reviewer's fixes in the
catalogs, and a numeral never parted from its ending ("2020-ci") on the page and in print."""

import io
import re

import pytest
from pypdf import PdfReader

from publisher.render.localize import Rendering, render_inline

from helpers import REPO

AZ = REPO / "locales" / "az" / "LC_MESSAGES"
TEMPLATES = REPO / "templates"


@pytest.mark.parametrize("domain, fixed, gone", [
    ("victory-day-2024", "kimi ayrılmaz hüququnu və məsuliyyətini", "təbii"),
    ("victory-day-background", "Ölkə təxminən 30 il ərzində öz ərazisinin", "Təxminən 30 il ərzində ölkə"),
    ("victory-day-background", "1992–1993-cü illərdə tarixi", "1992-93"),
    ("victory-day-background", "2019–2020-ci illərdə Ermənistanın", "2019-20"),
])
def test_the_reviewers_fixes_are_in_the_catalogs(domain, fixed, gone):
    import polib
    texts = " ".join(entry.msgstr for entry in polib.pofile(str(AZ / f"{domain}.po")))
    assert fixed in texts and gone not in texts


def test_the_shipped_catalogs_pass_check(release):
    from click.testing import CliRunner

    from publisher.cli import cli
    result = CliRunner().invoke(cli, ["-C", str(REPO), "check", "--locale", "az"])
    assert result.exit_code == 0, result.output
    assert "0 error(s), 0 warning(s)" in result.output


def test_a_numeral_keeps_its_ending_on_the_azerbaijani_page_only(release):
    az = (release / "az" / "victory-day-background.html").read_text(encoding="utf-8")
    for kept in ("10-da", "300-dən", "1992–1993-cü", "2019–2020-ci", "2020-ci"):
        assert f'<span class="nowrap">{kept}</span>' in az
    assert "44 günlük" in az
    en = (release / "en" / "victory-day-background.html").read_text(encoding="utf-8")
    assert "nowrap" not in en and "44-day" in en


SENTENCE = "Birgə bəyanat 2020-ci il noyabrın 10-da imzalanmışdır və 300-dən çox yaşayış məntəqəsi"


def lines_at(width_mm: int, body: str) -> list[str]:
    from weasyprint import HTML
    html = (f'<html lang="az"><head><link rel="stylesheet" href="handout.css"></head>'
            f'<body class="ragged"><main style="width: {width_mm}mm"><p>{body}</p></main></body></html>')
    pdf = HTML(string=html, base_url=str(TEMPLATES) + "/").write_pdf()
    return PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split("\n")


def test_a_numeral_and_its_ending_are_never_split_in_print():
    """Every column width from 25 to 120 mm: the plain text breaks after "10-" at some width
    (the test would catch the break), the rendered text never does, and what is copied from the
    PDF is the text as typed (no non-breaking hyphen, no word joiner)."""
    rendered = render_inline(SENTENCE, Rendering(nowrap=True))
    assert str(rendered).count('<span class="nowrap">') == 3
    broken_plain = broken_rendered = 0
    for width in range(25, 121, 5):
        plain = lines_at(width, SENTENCE)
        broken_plain += any(re.search(r"\d-$", line) for line in plain)
        lines = lines_at(width, str(rendered))
        broken_rendered += any(re.search(r"\d-$", line) for line in lines)
        assert " ".join(" ".join(lines).split()) == SENTENCE     # copied as typed
    assert broken_plain and not broken_rendered
