"""What the tests share, in one place: the projects they work on, the snapshots that prove a
command changed nothing, publisher's command line and build (in this process, or in one of its
own to kill), catalogs made in memory or at random, GNU gettext to compare with, the release
revised as an editor would, catalogs for the checks, the bad-catalog corpus, and the settings of
the property-based tests.

Test modules import from here (``tests`` is on pytest's ``pythonpath``), never from each other
or from conftest.py, which holds the fixtures built on these helpers. Pages are read with
htmlcheck.py, the tests' HTML checker.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, settings

from publisher.checks.context import Settings
from publisher.checks.glossary import parse_glossary
from publisher.checks.run import check_catalog

REPO = Path(__file__).resolve().parents[1]
TESTS = REPO / "tests"
SAMPLE = TESTS / "sample"                # a small project: one note, en and az
ARTIFACTS = TESTS / "artifacts"          # pictures to look at (not in git)
BAD_CATALOGS = TESTS / "bad-catalogs"    # catalogs every command must refuse, with their line
PLANTED = TESTS / "planted-errors" / "planted.po"   # one of each problem publisher check finds
SCHEMAS = TESTS / "schemas"              # sitemap, Atom and xhtml:link, to validate against

# GNU gettext, what publisher's catalogs are compared with (tools/system-deps.sh --test).
MSGFMT = shutil.which("msgfmt")
MSGMERGE = shutil.which("msgmerge")
MSGUNFMT = shutil.which("msgunfmt")

# The real project (the Victory Day release): its locales, publications and catalogs.
LOCALES = ("en", "az")
SLUGS = ("victory-day-2024", "victory-day-background")
SITE_PO = "locales/az/LC_MESSAGES/site.po"
RELEASE_MD = "content/victory-day-2024.md"
LOCALES_DIR = REPO / "locales"
SHIPPED_CATALOGS = sorted(LOCALES_DIR.glob("*/LC_MESSAGES/*.po"))
BASE_URL = "https://example.org/press"   # the base_url of the absolute_site fixture
NOTE_AZ_PO = "locales/az/LC_MESSAGES/note.po"   # the sample's az catalog of its note


# ------------------------------------------------------------------------------ projects

def copy_project(source: Path, target: Path) -> Path:
    """A copy of the project at ``source`` (publisher.toml, content, catalogs without .mo
    files) with the real templates and babel.cfg, safe to change; returns ``target``."""
    target.mkdir(parents=True)
    shutil.copy2(source / "publisher.toml", target / "publisher.toml")
    shutil.copy2(REPO / "babel.cfg", target / "babel.cfg")
    for folder in ("content", "locales"):
        if (source / folder).exists():
            shutil.copytree(source / folder, target / folder, ignore=shutil.ignore_patterns("*.mo"))
    shutil.copytree(REPO / "templates", target / "templates")
    return target


def squash(text: str) -> str:
    return " ".join(text.split())


def pdf_text(path: Path) -> str:
    """A PDF's text as a reader copies it: words hyphenated at a line's end joined again, lines
    run together."""
    from pypdf import PdfReader

    raw = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    raw = re.sub("\u2010\\s*\n", "", raw)      # a word hyphenated at a line end (U+2010)
    return squash(re.sub(r"-[ \t]*\n", "-", raw))   # a line broken after a real hyphen


def tree_snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder with its bytes, to prove a failed command changed nothing."""
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def changed_files(before: dict[str, bytes], after: dict[str, bytes]) -> list[str]:
    """The files (of two tree_snapshot results) that were added, removed or rewritten."""
    return sorted(name for name in before.keys() | after.keys()
                  if before.get(name) != after.get(name))


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    """Edit a file of a project copy; ``old`` must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def write_config(folder: Path, text: str) -> Path:
    """``folder`` with a publisher.toml of ``text`` (a project of that file alone)."""
    (folder / "publisher.toml").write_text(text, encoding="utf-8")
    return folder


def set_base_url(project: Path, base_url: str) -> None:
    toml = project / "publisher.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(re.sub(r"^\[site\]\n", f'[site]\nbase_url = "{base_url}"\n', text, flags=re.M),
                    encoding="utf-8")


# ------------------------------------------------------------------- running publisher

def run_cli(project: Path, *args: str) -> Result:
    """``publisher -C project args...`` as a user types it, in this process."""
    from publisher.cli import cli

    return CliRunner().invoke(cli, ["-C", str(project), *args], catch_exceptions=False)


def build_project(project: Path, *formats: str, output: Path | None = None):
    """``publisher build`` of the project in these formats (all of them by default)."""
    from publisher import FORMATS
    from publisher.build import BuildOptions, build
    from publisher.config import load_project

    return build(load_project(project), BuildOptions(formats=formats or FORMATS, output_dir=output))


# The publisher command of this environment, run in a process of its own (to be killed, or
# waited for) as a user runs it, on fixed dates.
PUBLISHER = str(Path(sys.executable).parent / "publisher")
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1731024000"}


def multiply(root: Path, count: int) -> None:
    """Give the sample project ``count`` publications, so that a build writes many files."""
    note = (root / "content/note.md").read_text(encoding="utf-8")
    for number in range(count):
        (root / f"content/note-{number:02d}.md").write_text(note, encoding="utf-8")
    subprocess.run([PUBLISHER, "-C", str(root), "update", "-q"], check=True, env=ENV)


def versions(root: Path, command: list[str], change, folder: str) -> tuple[dict, dict]:
    """The tree of ``folder`` after ``command`` on the inputs as they are, and after ``change``."""
    subprocess.run([PUBLISHER, "-C", str(root), *command], check=True, env=ENV, capture_output=True)
    old = tree_snapshot(root / folder)
    change(root)
    subprocess.run([PUBLISHER, "-C", str(root), *command], check=True, env=ENV, capture_output=True)
    new = tree_snapshot(root / folder)
    return old, new


def kill_at_random(root: Path, command: list[str], seconds: float, rounds: int, restore, check):
    """``rounds`` times: ``restore`` the inputs, start ``command``, SIGKILL it after a random
    moment up to ``seconds``, then ``check`` what it left."""
    rng = random.Random(7)
    for _ in range(rounds):
        restore(root)
        process = subprocess.Popen([PUBLISHER, "-C", str(root), *command], env=ENV,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, seconds))
        process.send_signal(signal.SIGKILL)
        process.wait()
        check()


def whole_files(tree: dict[str, bytes]) -> dict[str, bytes]:
    """A tree_snapshot without publisher's hidden files (manifest, lock)."""
    return {path: data for path, data in tree.items()
            if not Path(path).name.startswith(".")}


# ------------------------------------------------------------------ catalogs in memory

SHUSHA = "The city of Shusha, the cultural cradle of Azerbaijan, was liberated on 8 November."
SHUSHA_EDITED = "The city of Shusha, the cultural cradle of Azerbaijan, was freed on 8 November 2020."
SHUSHA_AZ = "Azərbaycanın mədəniyyət beşiyi olan Şuşa şəhəri 8 noyabrda azad edildi."


def catalog(*entries: polib.POEntry) -> polib.POFile:
    """An az catalog holding ``entries``, with the header publisher writes."""
    result = polib.POFile(wrapwidth=79)
    result.metadata = {"Project-Id-Version": "test", "Language": "az", "MIME-Version": "1.0",
                       "Content-Type": "text/plain; charset=UTF-8",
                       "Content-Transfer-Encoding": "8bit"}
    for entry in entries:
        result.append(entry)
    return result


def message(msgid: str, msgstr: str = "", line: int = 1, **fields) -> polib.POEntry:
    """An entry extracted from line ``line`` of content/note.md."""
    fields.setdefault("occurrences", [("content/note.md", str(line))])
    return polib.POEntry(msgid=msgid, msgstr=msgstr, **fields)


def find(catalog_: polib.POFile, msgid: str, *, obsolete: bool = False) -> polib.POEntry:
    found = [e for e in catalog_ if e.msgid == msgid and bool(e.obsolete) == obsolete]
    assert len(found) == 1, f"{len(found)} {'obsolete' if obsolete else 'live'} entries {msgid!r}"
    return found[0]


def by_start(catalog_: polib.POFile, start: str, *, obsolete: bool = False) -> polib.POEntry:
    """The one entry whose msgid starts with ``start``."""
    found = [e for e in catalog_ if e.msgid.startswith(start) and bool(e.obsolete) == obsolete]
    assert len(found) == 1, start
    return found[0]


def msgids(catalog_: polib.POFile, *, obsolete: bool = False) -> list[str]:
    return [e.msgid for e in catalog_ if bool(e.obsolete) == obsolete]


# -------------------------------------------------- catalogs of every kind, at random

FULL_METADATA = {
    "Project-Id-Version": "Victory Day 2024 victory-day-2024",
    "Report-Msgid-Bugs-To": "",
    "POT-Creation-Date": "2024-11-01 09:10+0000",
    "PO-Revision-Date": "2024-11-02 10:11+0000",
    "Last-Translator": "Aygün Məmmədova <aygun@example.org>",
    "Language-Team": "Azerbaijani",
    "Language": "az",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=2; plural=(n != 1);",
}


def full_catalog(entries: list[polib.POEntry]) -> polib.POFile:
    """An az catalog with a header comment and every header field GNU writes."""
    catalog = polib.POFile(wrapwidth=79)
    catalog.header = "az translations for victory-day-2024.\nA test catalog."
    catalog.metadata = dict(FULL_METADATA)
    for entry in entries:
        catalog.append(entry)
    return catalog


WORDS = (
    "the of and to in a was its on for by with that as were from has been their "
    "sovereignty territorial integrity Azerbaijan Armenia Republic occupation aggression "
    "Armenia-Azerbaijan 1992-93 full-scale 44-day counter-terrorism seventy-fifth well-being "
    "— word—word U.N. H.E. Mr. e.g. (approx.) [sic] “Garabagh “is Azerbaijan” ‘single’ "
    "\"escaped\" back\\slash tab\there 1980s 1990s. 8 November 2020, 300 cities, "
    "resolutions 822 853 874 884 and/or 50% it’s latter’s Shusha, liberated; Victory: "
    "https://www.un.org/en/ga/search/view_doc.asp "
    "https://mission.example.org/press/victory-day.html press@example.org "
    "Azərbaycan Respublikası İlham Əliyev Şuşa Qarabağ Zəfər Günü, sülh; təhlükəsizlik: "
    "ərazi bütövlüyü ğ ı İ ş ç ö ü ata-baba Nyu-York müstəmləkələşdirilməsinə "
    "Administrative-territorial-subdivisions-of-the-Republic-of-Azerbaijan-and-its-regions"
).split(" ")


def sentence(rng: random.Random, most: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(1, most))]
    text = " ".join(words)
    roll = rng.random()
    if roll < 0.1:                       # a paragraph with embedded line breaks
        cut = rng.randrange(len(words))
        text = " ".join(words[:cut]) + "\n" + " ".join(words[cut:])
    elif roll < 0.15:
        text += "\n"
    return text


def references(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """Distinct references of varied lengths, so that lines end at every column."""
    names = rng.sample(["victory-day-2024", "background", "a", "note", "victory-day-background",
                        "statement-of-the-ministry-of-foreign-affairs", "un", "x-y"], 3)
    places = sorted({(f"content/{rng.choice(names)}.md", str(rng.randint(1, 2400)))
                     for _ in range(count)})
    rng.shuffle(places)
    return places


def random_entries(seed: int, count: int) -> list[polib.POEntry]:
    """``count`` entries of every kind (contexts, fuzzy, obsolete, plurals, references at every
    column), the same for the same seed."""
    rng = random.Random(seed)
    entries, seen = [], set()
    while len(entries) < count:
        msgid = sentence(rng, 70)
        kind = rng.random()
        msgctxt = sentence(rng, 12).replace("\n", " ") if kind < 0.1 else None
        if (msgctxt, msgid) in seen:
            continue
        seen.add((msgctxt, msgid))
        entry = polib.POEntry(
            msgctxt=msgctxt, msgid=msgid,
            msgstr=sentence(rng, 70) if rng.random() < 0.8 or kind < 0.4 else "",
            tcomment="checked against the English original" if rng.random() < 0.1 else "",
            comment=rng.choice(["", "paragraph", "front matter: title",
                                "Translators: keep this short, it is a heading"]),
            occurrences=references(rng, rng.choice([0, 1, 1, 3, 15])),
        )
        # GNU drops what has no meaning: "fuzzy" on an untranslated message, an untranslated
        # obsolete one (kind < 0.4 always has a translation), a repeated reference. Obsolete
        # entries get no references, as from msgmerge (see GNU_WRITTEN for the other case).
        if 0.1 <= kind < 0.3:
            entry.flags = ["fuzzy"]
            entry.previous_msgid = sentence(rng, 50)
        elif 0.3 <= kind < 0.4:
            entry.obsolete, entry.occurrences = True, []
            if rng.random() < 0.5:
                entry.flags, entry.previous_msgid = ["fuzzy"], sentence(rng, 40)
        elif 0.4 <= kind < 0.5:
            entry.msgid_plural, entry.msgstr = sentence(rng, 40), ""
            entry.msgstr_plural = {0: sentence(rng, 40), 1: sentence(rng, 40)}
        elif 0.5 <= kind < 0.55 and "%" not in msgid:   # GNU keeps a directive ("% f") whole
            entry.flags = ["python-format"]
        entries.append(entry)
    return entries


# The start of a catalog as GNU gettext writes it (the header only).
PO_HEADER = """\
# az translations for victory-day-2024.
msgid ""
msgstr ""
"Project-Id-Version: Victory Day 2024 victory-day-2024\\n"
"Language: az\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

"""


# ------------------------------------------------------------------------- GNU gettext

def run_msgfmt_check(path: Path) -> subprocess.CompletedProcess:
    """``msgfmt -c``: GNU's verdict on a catalog (returncode 0: good)."""
    return subprocess.run([MSGFMT, "-c", "-o", "/dev/null", str(path)],
                          capture_output=True, text=True)


def gnu_msgmerge(old: polib.POFile, template: polib.POFile, tmp_path: Path) -> str:
    """What ``msgmerge --previous`` makes of ``old`` and ``template`` (as publisher wrote them)."""
    from publisher.po.format import format_catalog

    (tmp_path / "old.po").write_text(format_catalog(old), encoding="utf-8")
    (tmp_path / "new.pot").write_text(format_catalog(template), encoding="utf-8")
    subprocess.run([MSGMERGE, "--previous", "--quiet", "-o", str(tmp_path / "out.po"),
                    str(tmp_path / "old.po"), str(tmp_path / "new.pot")], check=True)
    return (tmp_path / "out.po").read_text(encoding="utf-8")


# ------------------------------------------------------- the release, revised by its editor

AZ_CATALOG = "locales/az/LC_MESSAGES/victory-day-2024.po"
EN_CATALOG = "locales/en/LC_MESSAGES/victory-day-2024.po"
EDITED = ("Azerbaijan had consistently underlined that aggression",
          "Azerbaijan has always stressed that aggression")
DELETED = "Convinced of its endless impunity"
SWAPPED = ("The local counter-terrorism measures", "Azerbaijan legitimately exercised")
ADDED = ("The Permanent Mission thanks the Member States that supported the restoration of "
         "peace in the South Caucasus.")
EPOCH = 1731052800      # 2024-11-08; SOURCE_DATE_EPOCH for the first update, a day more later


def paragraph(paragraphs: list[str], start: str) -> int:
    """The index of the one paragraph that starts with ``start``."""
    found = [i for i, text in enumerate(paragraphs) if text.startswith(start)]
    assert len(found) == 1, start
    return found[0]


def revise_release(root: Path) -> None:
    """Edit a few words of one paragraph, delete one, swap two and add one at the end."""
    path = root / RELEASE_MD
    paragraphs = path.read_text(encoding="utf-8").split("\n\n")
    edited = paragraph(paragraphs, EDITED[0])
    paragraphs[edited] = paragraphs[edited].replace(*EDITED)
    first, second = (paragraph(paragraphs, start) for start in SWAPPED)
    paragraphs[first], paragraphs[second] = paragraphs[second], paragraphs[first]
    del paragraphs[paragraph(paragraphs, DELETED)]
    paragraphs.insert(len(paragraphs) - 1, ADDED)
    path.write_text("\n\n".join(paragraphs), encoding="utf-8")


# -------------------------------------------------------------------------- the checks

GLOSSARY = parse_glossary((REPO / "locales" / "glossary.csv").read_text(encoding="utf-8"),
                          "locales/glossary.csv")
CHECK_SETTINGS = Settings("en", 50, GLOSSARY)   # as publisher.toml sets them
_CHECK_HEADER = ('msgid ""\nmsgstr ""\n"Language: az\\n"\n'
                 '"Content-Type: text/plain; charset=UTF-8\\n"\n'
                 '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n')


def po_bytes(*entries: str) -> bytes:
    """An az catalog file holding the entries (PO text, as po_entry writes them)."""
    return (_CHECK_HEADER + "".join(f"\n{entry}\n" for entry in entries)).encode("utf-8")


def po_entry(msgid: str, msgstr: str, *comments: str) -> str:
    """One entry as PO text, after its comment lines (``#, fuzzy``, ``# note`` ...)."""
    return "".join(f"{c}\n" for c in comments) + (
        f"msgid {json.dumps(msgid, ensure_ascii=False)}\n"
        f"msgstr {json.dumps(msgstr, ensure_ascii=False)}")


def check_codes(msgid: str, msgstr: str, *comments: str, locale: str = "az",
                settings: Settings = CHECK_SETTINGS) -> list[str]:
    """The codes of the problems the checks find in one message."""
    data = po_bytes(po_entry(msgid, msgstr, *comments))
    return [p.code for p in check_catalog(data, "t.po", locale, settings)]


def passes_check(code: str, msgid: str, msgstr: str, locale: str = "az") -> bool:
    """The check ``code`` finds nothing in the translation."""
    return code not in check_codes(msgid, msgstr, locale=locale)


def findings(msgid: str, msgstr: str, locale: str = "az") -> list[str]:
    """Every problem the checks find in one message, as "[code] message"."""
    data = po_bytes(po_entry(msgid, msgstr))
    return [f"[{p.code}] {p.message}" for p in check_catalog(data, "t.po", locale, CHECK_SETTINGS)]


def planted_expectations() -> set[tuple[str, int]]:
    """(code, line) of every problem tests/planted-errors/planted.po plants."""
    expected = set()
    for number, line in enumerate(PLANTED.read_text(encoding="utf-8").splitlines(), start=1):
        if match := re.match(r"# planted: ([\w-]+)$", line):
            expected.add((match.group(1), number))
    return expected


# ----------------------------------------------------------------- the bad-catalog corpus

# file in tests/bad-catalogs -> (line the error must name, part of the message)
BAD = {
    "unterminated-string.po": (18, "unterminated string"),
    "unterminated-obsolete.po": (17, "unterminated string"),
    "unterminated-previous.po": (17, "unterminated string"),
    "unescaped-quote.po": (19, "unescaped double quote"),
    "unknown-keyword.po": (18, "'msgstring'"),
    "stray-text.po": (19, "unexpected 'Qarabağ'"),
    "keyword-without-string.po": (17, "msgid needs a quoted string"),
    "invalid-escape.po": (18, "unsupported escape sequence '\\\\q'"),
    "duplicate-msgid.po": (19, "duplicate message 'Victory Day'"),
    "duplicate-msgid-in-context.po": (19, "duplicate message 'Victory Day'"),
    "charset-latin1.po": (2, "charset ISO-8859-1"),
    "missing-content-type.po": (2, "lacks Content-Type"),
    "malformed-plural-forms.po": (2, "malformed Plural-Forms"),
    "three-plural-forms.po": (16, "3 plural forms, but the header says nplurals=2"),
    "invalid-utf8.po": (17, "not valid UTF-8"),
    "byte-order-mark.po": (1, "byte-order mark"),
    # Markup that must never reach a page (publisher's rule: GNU gettext accepts it).
    "script-in-msgstr.po": (11, "unsafe markup in msgstr: raw HTML: a <script> element"),
    "javascript-link.po": (11, "unsafe markup in msgstr: a link to a javascript: address"),
    "file-image.po": (11, "unsafe markup in msgstr: an image from a file: address"),
    "event-handler.po": (11, "unsafe markup in msgstr: raw HTML: an event handler (onerror=)"),
    # Invisible, and no XML file may hold it (publisher's rule: GNU gettext accepts it).
    "control-character.po": (12, "control character U+000B (vertical tab: Word's Shift+Enter"),
}


def bad_catalog_cases() -> list:
    """(name, line, part of the message) of every bad catalog, as pytest parameters."""
    return [pytest.param(name, line, part, id=name.removesuffix(".po"))
            for name, (line, part) in BAD.items()]


# ------------------------------------------------------------------ property-based tests

LETTERS = "abcxyzəğıİşçöüƏĞŞÇÖÜ0123456789"
PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, database=None,
                             suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                    HealthCheck.too_slow])


# ------------------------------------------------------------------ the Markdown a newsroom writes

# Appended to the background note: a figure, a link to the release by its source and one outside,
# a footnote, a table with an empty cell, a nested list, headings at levels 2 and 3.
RICH_MD = "content/victory-day-background.md"
RICH_ADDED = """
## Figures and facts

![Delegates in the General Assembly hall](images/delegates.png "The General Assembly in *September 2020*")

The Mission's statement is [the release of 8 November](victory-day-2024.md); the [UN
Charter](https://www.un.org/en/about-us/un-charter/full-text) is its ground.[^res]

| Year | Event | Settlements |
|:-----|:------|------------:|
| 1993 | Four Security Council resolutions | |
| 2020 | The 44-day war | 300 |

### Further reading

- The [background note](content/victory-day-background.md)
  - Press office: [press@example.org](mailto:press@example.org)
- [https://www.un.org](https://www.un.org)

[^res]: Resolutions 822, 853, 874 and 884 of 1993.
"""
# Azerbaijani for every message RICH_ADDED brings (the reference terminology: BMT Nizamnaməsi,
# Təhlükəsizlik Şurası, Baş Assambleya).
RICH_AZ = {
    "Figures and facts": "Rəqəmlər və faktlar",
    "Delegates in the General Assembly hall": "Baş Assambleyanın zalında nümayəndələr",
    "The General Assembly in *September 2020*": "Baş Assambleya *2020-ci ilin sentyabrında*",
    "The Mission's statement is [the release of 8 November](victory-day-2024.md); the [UN "
    "Charter](https://www.un.org/en/about-us/un-charter/full-text) is its ground.[^res]":
        "Nümayəndəliyin mövqeyi [8 noyabr tarixli mətbuat açıqlamasındadır](victory-day-2024.md); "
        "onun əsası [BMT Nizamnaməsidir](https://www.un.org/en/about-us/un-charter/full-text).[^res]",
    "Year": "İl", "Event": "Hadisə", "Settlements": "Yaşayış məntəqələri", "1993": "1993",
    "Four Security Council resolutions": "Təhlükəsizlik Şurasının dörd qətnaməsi",
    "2020": "2020", "The 44-day war": "44 günlük müharibə", "300": "300",
    "Further reading": "Əlavə oxu üçün",
    "The [background note](content/victory-day-background.md)":
        "[Arayış](content/victory-day-background.md)",
    "Press office: [press@example.org](mailto:press@example.org)":
        "Mətbuat xidməti: [press@example.org](mailto:press@example.org)",
    "[https://www.un.org](https://www.un.org)": "[https://www.un.org](https://www.un.org)",
    "Resolutions 822, 853, 874 and 884 of 1993.": "1993-cü ilin 822, 853, 874 və 884 saylı qətnamələri.",
}


def add_image(root: Path, name: str = "images/delegates.png", size=(1200, 800)) -> Path:
    """A PNG under the project's content/ (one colour: small, and the same bytes every time)."""
    from PIL import Image

    path = root / "content" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (31, 58, 95)).save(path)
    return path


def translate(root: Path, locale: str, domain: str, translations: dict[str, str]) -> None:
    """Fill in a catalog's untranslated messages as a translator would, in GNU's layout."""
    from publisher.po.catalog import parse_catalog
    from publisher.po.format import format_catalog

    path = root / "locales" / locale / "LC_MESSAGES" / f"{domain}.po"
    catalog_ = parse_catalog(path.read_bytes(), str(path))
    for entry in catalog_:
        if not entry.msgstr and entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
    path.write_text(format_catalog(catalog_), encoding="utf-8")


def rich_project(root: Path) -> Path:
    """The release with RICH_ADDED in its background note, the catalogs updated and translated
    (en and az), built with HTML and PDF into dist/; returns ``root``."""
    from publisher import commands
    from publisher.build import BuildOptions, build
    from publisher.config import load_project

    source = root / RICH_MD
    source.write_text(source.read_text(encoding="utf-8") + RICH_ADDED, encoding="utf-8")
    add_image(root)
    project = load_project(root)
    commands.update(project)
    translate(root, "az", "victory-day-background", RICH_AZ)
    translate(root, "en", "victory-day-background", {key: key for key in RICH_AZ})
    result = build(project, BuildOptions(jobs=1))
    assert not result.diagnostics, result.diagnostics
    return root
