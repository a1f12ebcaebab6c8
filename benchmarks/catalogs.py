"""Catalog operations on a big catalog against GNU gettext, measured in the same run.

Usage: .venv/bin/python benchmarks/catalogs.py [--size 20000] [--seed 2024] [--repeat 3]
                                               [--no-gnu-fuzzy] [--json FILE]

On the catalog pair of benchmarks/corpus.py (by default 20,000 messages: 1,000 edited, 400
removed, 600 new): publisher's update (read catalog and template, merge with fuzzy matching,
write) against ``msgmerge --previous`` with and without fuzzy matching (-N), counting the
edited messages each gives a translation; publisher's compile against ``msgfmt``; reading
against ``polib.pofile``; and the lines a read-and-rewrite changes in a catalog msgmerge wrote.
msgmerge with fuzzy matching takes minutes on 20,000 messages (--no-gnu-fuzzy skips it).
Figures are wall-clock seconds, best of --repeat for publisher, one run for GNU.
"""

from __future__ import annotations

import argparse
import difflib
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parent))
from publisher.po.catalog import read_catalog
from publisher.po.format import format_catalog
from publisher.po.merging import merge
from publisher.po.mo import compile_catalog

from corpus import Corpus, make_corpus, write_corpus


def timed(action, repeat: int = 1) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - start)
    return best, result


def publisher_update(po: Path, pot: Path, out: Path) -> polib.POFile:
    merged, _ = merge(read_catalog(po), read_catalog(pot))
    out.write_text(format_catalog(merged), encoding="utf-8")
    return merged


def msgmerge(po: Path, pot: Path, out: Path, fuzzy: bool) -> None:
    command = ["msgmerge", "--previous", "--quiet", "-o", str(out), str(po), str(pot)]
    subprocess.run(command + ([] if fuzzy else ["--no-fuzzy-matching"]), check=True)


def recovered(corpus: Corpus, merged: polib.POFile) -> dict[str, int]:
    """Edited messages given a translation, and how many got their own old translation."""
    live = {e.msgid: e for e in merged if not e.obsolete}
    old = {e.msgid: e.msgstr for e in corpus.old}
    return {"edited_with_translation": sum(bool(live[new].msgstr) for new in corpus.edited),
            "edited_with_own_translation": sum(live[new].msgstr == old[previous]
                                               for new, previous in corpus.edited.items()),
            "new_with_proposal": sum(bool(live[new].msgstr) for new in corpus.added)}


def lost_against(gnu: polib.POFile, ours: polib.POFile) -> int:
    """Messages msgmerge gives a translation and publisher gives none."""
    mine = {(e.msgctxt, e.msgid): e.msgstr for e in ours if not e.obsolete}
    return sum(1 for e in gnu if not e.obsolete and e.msgstr and not mine[(e.msgctxt, e.msgid)])


def lines_changed(path: Path) -> int:
    before = path.read_text(encoding="utf-8").splitlines()
    after = format_catalog(read_catalog(path)).splitlines()
    return sum(1 for line in difflib.ndiff(before, after) if line[:1] in "+-")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-gnu-fuzzy", action="store_true",
                        help="skip msgmerge with fuzzy matching (minutes on 20,000 messages)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if not shutil.which("msgmerge"):
        sys.exit("GNU gettext (msgmerge, msgfmt) is needed: apt-get install gettext")

    corpus = make_corpus(args.size, args.seed)
    results: dict[str, object] = {"size": args.size, "seed": args.seed,
                                  "edited": len(corpus.edited), "removed": len(corpus.removed),
                                  "added": len(corpus.added)}
    rows: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        po, pot = write_corpus(corpus, work)

        seconds, merged = timed(lambda: publisher_update(po, pot, work / "ours.po"), args.repeat)
        results["publisher_update"] = {"seconds": seconds, **recovered(corpus, merged)}
        gnu_plain, _ = timed(lambda: msgmerge(po, pot, work / "gnu-N.po", fuzzy=False))
        results["msgmerge_no_fuzzy"] = {"seconds": gnu_plain}
        rows += [("update: publisher (fuzzy matching)", seconds, ""),
                 ("update: msgmerge --previous -N (no fuzzy)", gnu_plain,
                  f"publisher {seconds / gnu_plain:.2f}x its time")]
        if not args.no_gnu_fuzzy:
            gnu_fuzzy, _ = timed(lambda: msgmerge(po, pot, work / "gnu.po", fuzzy=True))
            gnu = read_catalog(work / "gnu.po")
            results["msgmerge_fuzzy"] = {"seconds": gnu_fuzzy, **recovered(corpus, gnu),
                                         "translations_publisher_lost": lost_against(gnu, merged)}
            rows.append(("update: msgmerge --previous (fuzzy)", gnu_fuzzy,
                         f"publisher {gnu_fuzzy / seconds:.1f}x faster"))

        seconds, _ = timed(lambda: (work / "ours.mo").write_bytes(compile_catalog(
            read_catalog(po))), args.repeat)
        gnu_seconds, _ = timed(lambda: subprocess.run(["msgfmt", "-o", str(work / "gnu.mo"),
                                                       str(po)], check=True))
        results["compile"] = {"publisher": seconds, "msgfmt": gnu_seconds,
                              "ratio": seconds / gnu_seconds}
        rows += [("compile: publisher (read + .mo)", seconds,
                  f"{seconds / gnu_seconds:.2f}x msgfmt"), ("compile: msgfmt", gnu_seconds, "")]

        ours_read, _ = timed(lambda: read_catalog(po), args.repeat)
        polib_read, _ = timed(lambda: polib.pofile(str(po)), args.repeat)
        catalog = read_catalog(po)
        write_seconds, _ = timed(lambda: format_catalog(catalog), args.repeat)
        results["read"] = {"publisher": ours_read, "polib": polib_read,
                           "write_publisher": write_seconds}
        rows += [("read: publisher", ours_read, f"{polib_read / ours_read:.2f}x polib's speed"),
                 ("read: polib.pofile", polib_read, ""),
                 ("write: publisher (GNU layout)", write_seconds, "")]

        written_by_gnu = [work / "gnu-N.po"] + ([work / "gnu.po"] if not args.no_gnu_fuzzy else [])
        changed = {path.name: lines_changed(path) for path in written_by_gnu}
        results["round_trip_lines_changed"] = changed
        lines = sum(1 for _ in (work / "gnu-N.po").open(encoding="utf-8"))

    print(f"{args.size} messages ({len(corpus.edited)} edited, {len(corpus.removed)} removed, "
          f"{len(corpus.added)} new), seed {args.seed}")
    for name, seconds, note in rows:
        print(f"{name:<44} {seconds:8.2f} s  {note}")
    print(f"{'round trip of msgmerge-written catalogs':<44} "
          + ", ".join(f"{name}: {count} lines changed" for name, count in changed.items())
          + f" (of {lines})")
    ours = results["publisher_update"]
    print(f"edited messages with a translation: publisher {ours['edited_with_translation']} "
          f"(own old translation {ours['edited_with_own_translation']})", end="")
    if "msgmerge_fuzzy" in results:
        gnu = results["msgmerge_fuzzy"]
        print(f", msgmerge {gnu['edited_with_translation']} (own old translation "
              f"{gnu['edited_with_own_translation']}); new messages with a proposal: publisher "
              f"{ours['new_with_proposal']}, msgmerge {gnu['new_with_proposal']}; translations "
              f"msgmerge gives and publisher does not: {gnu['translations_publisher_lost']}")
    else:
        print()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
