"""What the tests share, in one place: the projects they work on, the snapshots that prove a
command changed nothing, publisher's command line and build, catalogs made in memory, the
release revised as an editor would, the bad-catalog corpus, and GNU gettext to compare with.

Test modules import from here (``tests`` is on pytest's ``pythonpath``), never from each other
or from conftest.py, which holds the fixtures built on these helpers.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import polib
from click.testing import CliRunner, Result

REPO = Path(__file__).resolve().parents[1]
TESTS = REPO / "tests"
SAMPLE = TESTS / "sample"                  # a small project: one note, en and az
ARTIFACTS = TESTS / "artifacts"            # pictures to look at (not in git)
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
BASE_URL = "https://example.org/press"     # the base_url of the absolute_site fixture


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
