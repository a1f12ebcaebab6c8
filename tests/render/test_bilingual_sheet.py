"""The bilingual sheet as a reader sees it: the letter-spaced column headings and release line
without soft hyphens (which show as gaps, "AZƏR BAY CAN CA"), and one page counter per
language in the footer, each on its own line."""

from pypdf import PdfReader

from helpers import REPO


def test_the_bilingual_column_heading_has_no_soft_hyphen(release):
    from publisher.build import BuildOptions
    from publisher.build.plan import gather
    from publisher.config import load_project
    from publisher.sources import load_sources
    project = load_project(REPO)
    plan = gather(project, load_sources(project), BuildOptions(formats=("pdf-bilingual",)))
    for handout in plan.handouts:
        assert '<th scope="col" class="caps" lang="az">Azərbaycanca</th>' in handout.html
    release_sheet = next(h for h in plan.handouts if "victory-day-2024" in h.path.name)
    assert '<p class="release caps">Dərhal yayımlanması üçün</p>' in release_sheet.html
    first = PdfReader(release / "bilingual" / "victory-day-2024.en-az.pdf").pages[0].extract_text()
    assert "ENGLISH AZƏRBAYCANCA" in first and "DƏRHAL YAYIMLANMASI ÜÇÜN" in first


def test_the_bilingual_footer_has_one_counter_per_language(release):
    pages = PdfReader(release / "bilingual" / "victory-day-2024.en-az.pdf").pages
    for number, page in enumerate(pages, 1):
        text = page.extract_text()
        assert text.endswith(f"Victory Day\nZəfər Günü\nPage {number} of {len(pages)}\n"
                             f"Səhifə {number} / {len(pages)}")
        assert f"{len(pages)} / Səhifə" not in text
