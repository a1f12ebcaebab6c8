import subprocess
import sys

import polib

from publisher.commands import extract
from publisher.config import load_project
from publisher.extraction import build_templates
from publisher.sources import load_sources


def templates(project_dir):
    project = load_project(project_dir)
    return build_templates(project, load_sources(project))


def test_a_message_per_block_with_reference_and_comment(project_dir):
    pot = templates(project_dir)["victory-day-2024"]
    assert len(pot) == 17      # 4 front-matter fields, 11 paragraphs, the quote and its attribution
    first = pot.find("Victory Day")
    assert first.occurrences == [("content/victory-day-2024.md", "3")] and first.comment == "front matter: title"
    quote = [e for e in pot if e.comment == "quotation"]
    assert len(quote) == 1 and quote[0].msgid.startswith("The Armenia-Azerbaijan conflict")
    assert [e for e in pot if e.comment == "quotation attribution"][0].msgid.startswith("— Ilham Aliyev")
    paragraphs = [e for e in pot if e.comment == "paragraph"]
    assert len(paragraphs) == 11
    assert all(e.occurrences[0][0] == "content/victory-day-2024.md" for e in pot)


def test_background_has_six_paragraphs_and_no_web_debris(project_dir):
    pot = templates(project_dir)["victory-day-background"]
    assert len([e for e in pot if e.comment == "paragraph"]) == 6
    text = " ".join(e.msgid for e in pot)
    assert "Last news in Fakti" not in text and "Mətbuat şərhi" not in text


def test_pybabel_finds_the_same_template_strings(project_dir, tmp_path):
    out = tmp_path / "pybabel.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "--quiet", "extract",
                    "-F", str(project_dir / "babel.cfg"), "-o", str(out), "."],
                   cwd=project_dir, check=True)
    theirs = {(e.msgid, tuple(e.occurrences)) for e in polib.pofile(str(out))}
    ours = {(e.msgid, tuple(e.occurrences)) for e in templates(project_dir)["site"]
            if not e.occurrences[0][0] == "publisher.toml"}
    assert theirs == ours and len(ours) >= 10


def test_extract_twice_changes_nothing(project_dir):
    project = load_project(project_dir)
    extract(project)
    before = {p: p.read_bytes() for p in (project_dir / "locales").glob("*.pot")}
    assert extract(project) == []
    assert {p: p.read_bytes() for p in before} == before
