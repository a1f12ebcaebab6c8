"""publisher stats and the publishing threshold: counts that agree with translate-toolkit's
pocount, a locale below its threshold held back with a warning naming what it lacks."""

import json
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from translate.tools.pocount import calcstats, wordcount

from publisher.cli import cli
from publisher.config import load_project
from publisher.stats import Progress, Tally, catalog_progress, count_words, report

from helpers import REPO, SHIPPED_CATALOGS, run_cli

# Everything pocount and msgfmt have an opinion on: plurals (one partly translated, which
# both count as translated), fuzzy with and without a msgstr, obsolete entries (fuzzy too),
# a context, markup (Markdown, <b>, <br/>, an entity), numbers with dots, dashes and commas,
# hyphenated words, apostrophes, Azerbaijani letters, a whitespace-only msgid.
TRICKY = r'''msgid ""
msgstr ""
"Project-Id-Version: tricky\n"
"Language: az\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

#. paragraph
msgid ""
"In 1993, the *U.N.* Security Council adopted [four resolutions](https://"
"example.org/res?id=822&x=1)."
msgstr ""
"1993-cü ildə *BMT* Təhlükəsizlik Şurası [dörd qətnamə](https://example.org/"
"res?id=822&x=1) qəbul etmişdir."

msgid "The 44-day war, 1992-93, 3.5 km, 20 percent, 8.11.2020, U.S.A., e.g. x.y"
msgstr "44 günlük müharibə, 1992-93, 3,5 km, 20 faiz, 8.11.2020"

#, fuzzy
#| msgid "Old text here"
msgid "Ilham Aliyev's state-of-the-art address"
msgstr "İlham Əliyevin ən müasir çıxışı"

#, fuzzy
msgid "Fuzzy but empty"
msgstr ""

msgid "Untranslated <b>bold</b> line<br/>next &amp; more"
msgstr ""

msgctxt "menu"
msgid "Tel.: %(number)s"
msgstr "Tel.: %(number)s"

#, python-format
msgid "%(count)s day"
msgid_plural "%(count)s days"
msgstr[0] "%(count)s gün"
msgstr[1] "%(count)s gün"

msgid "One file"
msgid_plural "%d files"
msgstr[0] ""
msgstr[1] ""

msgid "One partial"
msgid_plural "%d partials"
msgstr[0] "Bir qismən"
msgstr[1] ""

msgid "Qarabağ — Şuşa, Zəngəzur dəhlizi… “quoted” don't can't"
msgstr "Qarabağ — Şuşa, Zəngəzur dəhlizi, Vətən müharibəsi, Zəfər Günü"

msgid "   "
msgstr ""

#~ msgid "Obsolete message"
#~ msgstr "Köhnə"

#, fuzzy
#~ msgid "Obsolete fuzzy"
#~ msgstr "Köhnə qeyri-dəqiq"
'''


@pytest.fixture(scope="module")
def tricky(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("stats") / "tricky.po"
    path.write_text(TRICKY, encoding="utf-8")
    return path


def pocount_figures(path: Path) -> dict[str, int]:
    stats = calcstats(str(path))
    keys = ("translated", "translatedsourcewords", "translatedtargetwords", "fuzzy",
            "fuzzysourcewords", "untranslated", "untranslatedsourcewords", "total", "totalsourcewords")
    return {key: stats[key] for key in keys}


def our_figures(path: Path) -> dict[str, int]:
    p = catalog_progress(polib.pofile(str(path)))
    return {"translated": p.translated.messages, "translatedsourcewords": p.translated.words,
            "translatedtargetwords": p.translated_target_words,
            "fuzzy": p.fuzzy.messages, "fuzzysourcewords": p.fuzzy.words,
            "untranslated": p.untranslated.messages, "untranslatedsourcewords": p.untranslated.words,
            "total": p.total.messages, "totalsourcewords": p.total.words}


@pytest.mark.parametrize("path", SHIPPED_CATALOGS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_shipped_catalogs_agree_with_pocount(path):
    assert our_figures(path) == pocount_figures(path)


def test_tricky_catalog_agrees_with_pocount(tricky):
    ours = our_figures(tricky)
    assert ours == pocount_figures(tricky)
    # ... and with what the catalog says to a reader: 6 translated (one plural only in its first
    # form, as msgfmt --statistics counts it too), 1 fuzzy, 4 untranslated; obsolete ones not at all.
    assert (ours["translated"], ours["fuzzy"], ours["untranslated"]) == (6, 1, 4)


@pytest.mark.parametrize("text", [
    "Victory Day", "state-of-the-art", "The 44-day war", "1992-93", "3.5 km", "8.11.2020",
    "U.S.A.", "e.g. x.y", "H.E. Mr. Ilham Aliyev", "Azerbaijan’s", "don't", "Qarabağ — Şuşa",
    "İlham Əliyev, Zəngəzur dəhlizi", "<b>bold</b> and <a href=\"x\">link</a>", "one<br/>two",
    "*emphasis* and [a link](https://example.org/a-b?c=1)", "%(number)s and {name} and %s",
    "&amp; &#8212;", "  spaced   out  ", "", "— Heydar Aliyev", "20 percent", "Wi–Fi",
    "《中文》文字", "emoji 🎉 here", "tab\tand\nnewline",
])
def test_word_count_agrees_with_pocount(text):
    assert count_words(text) == wordcount(text)


def test_percent_is_rounded_down_and_the_threshold_exact():
    almost = Progress(translated=Tally(42, 400), untranslated=Tally(1, 3))
    assert almost.percent == 97 and almost.word_percent == 99
    assert almost.reaches(97) and not almost.reaches(98) and not almost.reaches(100)
    done = Progress(translated=Tally(43, 403))
    assert done.percent == 100 and done.reaches(100)
    assert Progress().percent == 100 and Progress().reaches(100)    # nothing to translate


def blank_one_message(root: Path) -> None:
    """Untranslate 'The end.' in the sample's az note catalog."""
    path = root / "locales/az/LC_MESSAGES/note.po"
    text = path.read_text(encoding="utf-8")
    assert 'msgstr "Son."' in text
    path.write_text(text.replace('msgstr "Son."', 'msgstr ""'), encoding="utf-8")


def set_threshold(root: Path, threshold) -> None:
    with (root / "publisher.toml").open("a", encoding="utf-8") as toml:
        toml.write(f"\n[languages.az]\nthreshold = {threshold}\n")


def test_stats_table(sample_dir):
    blank_one_message(sample_dir)
    result = run_cli(sample_dir, "stats")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["locale", "domain", "translated", "fuzzy", "untranslated", "%", "words", "%"]
    rows = {tuple(line.split()[:2]): line for line in lines[1:]}
    assert set(rows) == {("az", "site"), ("az", "note"), ("az", "total")}   # not the source
    # "The end." is 2 words; 10 of 11 messages is 90 %, 32 of 34 words 94 %.
    assert rows[("az", "note")].split() == ["az", "note", "10", "(32", "w)", "0", "(0", "w)",
                                            "1", "(2", "w)", "90", "94"]


def test_stats_json_matches_pocount(sample_dir):
    blank_one_message(sample_dir)
    result = run_cli(sample_dir, "stats", "--format", "json", "--locale", "az", "--locale", "en")
    assert result.exit_code == 0, result.output
    report = {item["locale"]: item for item in json.loads(result.output)}
    assert set(report) == {"az", "en"}
    for item in report.values():
        for catalog in item["catalogs"]:
            theirs = pocount_figures(sample_dir / catalog["path"])
            assert catalog["translated"] == {"messages": theirs["translated"],
                                             "words": theirs["translatedsourcewords"]}
            assert catalog["untranslated"] == {"messages": theirs["untranslated"],
                                               "words": theirs["untranslatedsourcewords"]}
            assert catalog["translated_target_words"] == theirs["translatedtargetwords"]
    az = report["az"]
    assert az["untranslated"] == {"messages": 1, "words": 2}
    assert az["total"]["messages"] == az["translated"]["messages"] + 1
    assert az["threshold"] == 0 and az["published"] is True


def test_stats_counts_a_missing_catalog_from_its_template(sample_dir):
    (sample_dir / "locales/az/LC_MESSAGES/note.po").unlink()
    project = load_project(sample_dir)
    [az] = report(project, [project.locale("az")], ["site", "note"])
    note = {c.domain: c for c in az.catalogs}["note"]
    template = catalog_progress(polib.pofile(str(sample_dir / "locales/note.pot")))
    assert not note.found and note.progress.untranslated == template.untranslated
    assert note.progress.untranslated.messages == 11
    assert [(d.path, d.code, d.message) for d in az.shortfall()] == [
        ("locales/az/LC_MESSAGES/note.po", "threshold",
         "catalog not found (11 message(s); run publisher update)")]


def test_stats_reports_every_broken_catalog(sample_dir):
    for name in ("note.po", "site.po"):
        path = sample_dir / "locales/az/LC_MESSAGES" / name
        path.write_text(path.read_text(encoding="utf-8") + '\nmsgid "x"\nmsgstr "unterminated\n',
                        encoding="utf-8")
    result = run_cli(sample_dir, "stats")
    assert result.exit_code == 1
    assert "locales/az/LC_MESSAGES/note.po:" in result.stderr
    assert "locales/az/LC_MESSAGES/site.po:" in result.stderr


def test_stats_unknown_locale(sample_dir):
    result = run_cli(sample_dir, "stats", "--locale", "fr")
    assert result.exit_code == 1 and "unknown locale 'fr'" in result.stderr


def az_messages(root: Path) -> tuple[int, int]:
    """(translated, total) messages of the sample's az catalogs, as pocount counts them."""
    figures = [pocount_figures(path) for path in sorted(root.glob("locales/az/LC_MESSAGES/*.po"))]
    return sum(f["translated"] for f in figures), sum(f["total"] for f in figures)


def test_locale_below_its_threshold_is_not_published(sample_dir):
    blank_one_message(sample_dir)
    set_threshold(sample_dir, 100)
    translated, total = az_messages(sample_dir)
    result = run_cli(sample_dir, "build", "--format", "html")
    assert result.exit_code == 0, result.output
    assert (f"warning: publisher.toml:11: az not published: {translated} of {total} messages "
            f"translated ({translated * 100 // total} %), below its threshold of 100 %"
            in result.stderr)
    assert "warning: locales/az/LC_MESSAGES/note.po: 1 untranslated, 0 fuzzy of 11 message(s)" \
        in result.stderr
    out = sample_dir / "out"
    assert not (out / "az").exists()
    # No page offers it: not the source language's pages, not the choice of languages.
    for page in ("index.html", "en/index.html", "en/note.html"):
        html = (out / page).read_text(encoding="utf-8")
        assert "az/" not in html and 'hreflang="az"' not in html, page


@pytest.mark.parametrize("above", [0, 1])
def test_threshold_is_exact(sample_dir, above):
    blank_one_message(sample_dir)
    translated, total = az_messages(sample_dir)
    threshold = translated * 100 // total + above       # e.g. 96 % passes at 96.55 %, 97 does not
    set_threshold(sample_dir, threshold)
    result = run_cli(sample_dir, "build", "--format", "html", "--locale", "az")
    assert result.exit_code == 0
    assert ("not published" in result.stderr) == bool(above)
    assert (sample_dir / "out/az/note.html").exists() == (not above)


def test_default_threshold_publishes_with_english_fallback(sample_dir):
    blank_one_message(sample_dir)
    result = run_cli(sample_dir, "build", "--format", "html", "--locale", "az")
    assert result.exit_code == 0
    assert ("locales/az/LC_MESSAGES/note.po:71: no translation, shown in the source language: "
            "'The end.'") in result.stderr
    assert (sample_dir / "out/az/note.html").exists()


def test_the_shipped_release_meets_its_thresholds():
    project = load_project(REPO)
    for progress in report(project, project.locales[1:], ["site", "victory-day-2024",
                                                           "victory-day-background"]):
        assert progress.published, progress.shortfall()


def test_stats_has_help():
    result = CliRunner().invoke(cli, ["stats", "--help"])
    assert result.exit_code == 0 and "pocount" in result.output


# Two plurals each missing one form: pocount counts both as translated; the build shows the
# source text for one of the numbers (catalogs.is_translated), so no threshold may count them.
PARTLY = r'''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

msgid "Victory Day"
msgstr "Zəfər Günü"

msgid "one file"
msgid_plural "%d files"
msgstr[0] "bir fayl"
msgstr[1] ""

msgid "one region"
msgid_plural "%d regions"
msgstr[0] ""
msgstr[1] "rayonlar"
'''


def test_partly_translated_plurals_counted_as_pocount_but_never_publish(tmp_path):
    path = tmp_path / "partly.po"
    path.write_text(PARTLY, encoding="utf-8")
    assert our_figures(path) == pocount_figures(path)
    progress = catalog_progress(polib.pofile(str(path)))
    assert (progress.translated.messages, progress.incomplete) == (3, 2)
    assert progress.percent == 100                      # pocount's figure, as printed
    assert not progress.reaches(100) and not progress.reaches(34)
    assert progress.reaches(33)                         # 1 of 3 shown translated
