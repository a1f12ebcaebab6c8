"""publisher's PO reader, writer and merge against GNU gettext, on catalogs nobody here wrote.

Usage: .venv/bin/python benchmarks/real_catalogs.py [--quick] [--jobs 2] [--json FILE]
                                                    [--cache DIR] [--diffs DIR] [--no-merge]

Downloads wheels of well-known projects with pip (``pip download --no-deps``; nothing of theirs is
committed), takes every .po file out of them, and measures:

- round trip: each file put through ``msgcat`` (GNU's own layout), then read and written by
  publisher (``parse_po`` + ``format_catalog``, what publisher does to a catalog) must give the
  very same bytes; once more from ``msgcat --no-wrap``, which must come back unwrapped.
  Reported: files identical, lines changed (lines removed plus lines added, as diff counts).
- merge: every catalog found in an older and a newer release of a project is merged with the
  newer one's messages (the template is the newer .po with its translations blanked) by
  ``msgmerge --previous`` and by publisher's merge, and compared message by message:
  translations lost, fuzzy proposals msgmerge makes that publisher misses, stale entries
  (msgmerge marks them fuzzy, publisher keeps them translated), and the times.
- speed: a whole process reading and writing the largest catalog (~3,500 messages), publisher
  against ``msgcat``, as a ratio measured in the same run.

Prints a table and writes JSON (default benchmarks/results/real_catalogs.json). Not part of the
tests. Needs GNU gettext (apt-get install gettext) and PyPI.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results"

# (distribution, newer release, older release): projects that ship many .po files in their wheels.
PROJECTS = [
    ("Django", "5.1.4", "4.2.17"),
    ("Sphinx", "9.0.4", "7.4.7"),
    ("Weblate", "5.14", "5.10"),
    ("wagtail", "7.0.1", "6.3.1"),
    ("django-allauth", "65.3.0", "0.63.6"),
    ("plone.app.locales", "7.0.4", "6.0.31"),
]
QUICK = [("Django", "5.1.4", "4.2.17"), ("Sphinx", "9.0.4", "7.4.7")]


# ------------------------------------------------------------------------- the one adapter

def publisher_merge(catalog, template):
    """publisher's merge, the one place this benchmark calls it."""
    from publisher.po.merging import merge
    return merge(catalog, template)[0]


def publisher_read(text: str, display: str):
    from publisher.po.parse import parse_po
    return parse_po(text, display)


def publisher_write(catalog) -> str:
    from publisher.po.format import format_catalog
    return format_catalog(catalog)


# ------------------------------------------------------------------------------ the wheels

def _archive(name: str, version: str, cache: Path) -> Path | None:
    stem = name.lower().replace("-", "_").replace(".", "_")
    for found in sorted(cache.iterdir()):
        if found.name.endswith((".whl", ".tar.gz")):
            project, _, rest = found.name.partition("-")
            if (project.lower().replace(".", "_") == stem
                    and rest.split("-")[0].removesuffix(".tar.gz") == version):
                return found
    return None


def download(name: str, version: str, cache: Path) -> Path:
    """The wheel (or, for a project that publishes none, the sdist) of ``name==version`` in
    ``cache``, fetched with pip the first time."""
    cache.mkdir(parents=True, exist_ok=True)
    found = _archive(name, version, cache)
    if found is None:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        f"{name}=={version}", "-d", str(cache)], check=True)
        found = _archive(name, version, cache)
    if found is None:
        sys.exit(f"pip downloaded no wheel or sdist of {name}=={version}")
    return found


def po_files(archive: Path) -> dict[str, bytes]:
    """Every .po file in a wheel or sdist, by its path inside (the top folder of an sdist,
    which names the version, left out so that releases pair up)."""
    if archive.name.endswith(".whl"):
        with zipfile.ZipFile(archive) as wheel:
            return {info.filename: wheel.read(info) for info in wheel.infolist()
                    if info.filename.endswith(".po")}
    with tarfile.open(archive) as sdist:
        return {member.name.partition("/")[2]: sdist.extractfile(member).read()
                for member in sdist.getmembers() if member.isfile() and member.name.endswith(".po")}


# ------------------------------------------------------------------------------ round trip

def lines_changed(expected: str, got: str) -> int:
    diff = difflib.unified_diff(expected.splitlines(), got.splitlines(), n=0, lineterm="")
    return sum(1 for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---"))


def _msgcat(source: Path, out: Path, *options: str) -> str | None:
    done = subprocess.run(["msgcat", "--force-po", *options, "-o", str(out), str(source)],
                          capture_output=True)
    if done.returncode != 0 or not out.exists():
        return None
    return out.read_bytes().decode("utf-8", errors="replace")


def _utf8(text: str) -> bool:
    """Whether msgcat's output was UTF-8 (decoded without a replacement) and says so."""
    return "\ufffd" not in text and re.search(r"charset=UTF-8\b", text, re.I) is not None


def _publisher_rewrite(text: str, display: str) -> tuple[str | None, str | None]:
    try:
        return publisher_write(publisher_read(text, display)), None
    except Exception as exc:  # a refusal is a result to report
        return None, f"{type(exc).__name__}: {exc}"


def round_trip_one(job: tuple[str, str, bytes, str | None]) -> dict:
    """msgcat (wrapped, then --no-wrap) and publisher's read + write of one file."""
    project, name, data, diffs = job
    result = {"project": project, "file": name}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        source = work / "in.po"
        source.write_bytes(data)
        for mode, options in (("wrapped", ()), ("unwrapped", ("--no-wrap",))):
            gnu = _msgcat(source, work / f"gnu-{mode}.po", *options)
            if gnu is None:
                result[mode] = {"status": "msgcat refused"}
                continue
            converted = not _utf8(gnu)
            if converted:       # publisher reads UTF-8 only: GNU's layout of the file in UTF-8
                gnu = _msgcat(source, work / f"gnu-{mode}.po", "--to-code=UTF-8", *options)
                if gnu is None or not _utf8(gnu):
                    result[mode] = {"status": "msgcat cannot convert to UTF-8"}
                    continue
            ours, error = _publisher_rewrite(gnu, name)
            if ours is None:
                result[mode] = {"status": "publisher refused", "error": error}
                continue
            changed = lines_changed(gnu, ours)
            result[mode] = {"status": "identical" if ours == gnu else "changed",
                            "lines": gnu.count("\n"), "changed": changed, "converted": converted}
            if changed and diffs:
                target = Path(diffs) / mode / project / (name.replace("/", "__") + ".diff")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text("".join(difflib.unified_diff(
                    gnu.splitlines(True), ours.splitlines(True), "msgcat", "publisher", n=2)),
                    encoding="utf-8")
    return result


# ----------------------------------------------------------------------------------- merge

def make_template(po_text: str, display: str) -> str:
    """The newer release's messages as a template: translations, translator comments, fuzzy
    flags, previous msgids and obsolete entries gone; references, extracted comments, format
    flags and the header kept (what xgettext + msgmerge would have given the project)."""
    from publisher.po.entries import make_entry
    catalog = publisher_read(po_text, display)
    entries = []
    for entry in catalog:
        if entry.obsolete:
            continue
        fields = {"msgctxt": entry.msgctxt, "msgid": entry.msgid, "msgstr": "",
                  "occurrences": list(entry.occurrences), "comment": entry.comment,
                  "flags": [flag for flag in entry.flags if flag != "fuzzy"], "msgstr_plural": {}}
        if entry.msgid_plural:
            fields["msgid_plural"] = entry.msgid_plural
            fields["msgstr_plural"] = {index: "" for index in (entry.msgstr_plural or {0: "", 1: ""})}
        entries.append(make_entry(fields))
    del catalog[:]
    catalog.extend(entries)
    catalog.header = ""
    catalog.metadata_is_fuzzy = True
    return publisher_write(catalog)


def _forms(entry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[key] for key in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def merge_one(job: tuple[str, str, bytes, bytes]) -> dict:
    project, name, old, new = job
    result = {"project": project, "file": name}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        old_path, pot_path, gnu_path = work / "old.po", work / "new.pot", work / "gnu.po"
        old_path.write_bytes(old)
        try:
            old_text, new_text = old.decode("utf-8"), new.decode("utf-8")
            pot_path.write_text(make_template(new_text, name), encoding="utf-8")
        except Exception as exc:
            return {**result, "status": "unreadable", "error": f"{type(exc).__name__}: {exc}"}
        start = time.perf_counter()
        done = subprocess.run(["msgmerge", "--previous", "--quiet", "--force-po", "-o",
                               str(gnu_path), str(old_path), str(pot_path)], capture_output=True)
        gnu_seconds = time.perf_counter() - start
        if done.returncode != 0 or not gnu_path.exists():
            return {**result, "status": "msgmerge refused", "error": done.stderr.decode()[-300:]}
        try:
            start = time.perf_counter()
            merged = publisher_merge(publisher_read(old_text, name),
                                     publisher_read(pot_path.read_text(encoding="utf-8"), name))
            publisher_write(merged)
            ours_seconds = time.perf_counter() - start
        except Exception as exc:
            return {**result, "status": "publisher refused", "error": f"{type(exc).__name__}: {exc}"}
        gnu = publisher_read(gnu_path.read_text(encoding="utf-8"), "msgmerge output")
    ours = {(e.msgctxt, e.msgid): e for e in merged if not e.obsolete}
    counts = dict.fromkeys(("messages", "translated_gnu", "fuzzy_gnu", "lost", "fuzzy_missing",
                            "stale", "proposals_differ", "publisher_more"), 0)
    examples: dict[str, list[str]] = {}
    for entry in gnu:
        if entry.obsolete:
            continue
        counts["messages"] += 1
        mine = ours.get((entry.msgctxt, entry.msgid))
        gnu_has = any(_forms(entry))
        gnu_fuzzy = "fuzzy" in entry.flags and gnu_has
        our_has = mine is not None and any(_forms(mine))
        our_fuzzy = our_has and "fuzzy" in mine.flags
        kind = None
        if gnu_has and not gnu_fuzzy:
            counts["translated_gnu"] += 1
            if not our_has:
                kind = "lost"
        elif gnu_fuzzy:
            counts["fuzzy_gnu"] += 1
            if not our_has:
                kind = "fuzzy_missing"
            elif not our_fuzzy:
                kind = "stale"
            elif _forms(mine) != _forms(entry):
                kind = "proposals_differ"
        elif our_has:
            kind = "publisher_more"
        if kind:
            counts[kind] += 1
            if len(examples.setdefault(kind, [])) < 3:
                examples[kind].append(f"{entry.msgctxt or ''}|{entry.msgid[:70]}")
    return {**result, "status": "merged", "msgmerge_seconds": gnu_seconds,
            "publisher_seconds": ours_seconds, **counts, "examples": examples}


# ----------------------------------------------------------------------------------- speed

CHILD = """
import sys, time
start = time.perf_counter()
from publisher.po.format import format_catalog
from publisher.po.parse import parse_po
source, target = sys.argv[1], sys.argv[2]
with open(source, encoding="utf-8") as handle:
    text = handle.read()
with open(target, "w", encoding="utf-8") as handle:
    handle.write(format_catalog(parse_po(text, source)))
"""


def best_time(command: list[str], repeat: int) -> tuple[float, float]:
    """Best wall-clock and best CPU (user + system) seconds of ``repeat`` runs, after one
    run that warms the caches (and lets Python write its bytecode, as an installed package
    has it: PYTHONDONTWRITEBYTECODE is dropped)."""
    import resource
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, check=True, capture_output=True, env=environment)
    wall = cpu = float("inf")
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=environment)
        wall = min(wall, time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = min(cpu, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall, cpu


def speed(largest: tuple[str, bytes], repeat: int) -> dict:
    name, data = largest
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        source = work / "in.po"
        source.write_bytes(data)
        subprocess.run(["msgcat", "-o", str(source), str(source)], check=True)
        messages = source.read_text(encoding="utf-8").count("\nmsgid ")
        gnu = best_time(["msgcat", "-o", str(work / "gnu.po"), str(source)], repeat)
        ours = best_time([sys.executable, "-c", CHILD, str(source), str(work / "ours.po")], repeat)
        floor = best_time([sys.executable, "-c", "pass"], repeat)
    return {"file": name, "messages": messages,
            "msgcat_seconds": gnu[0], "publisher_seconds": ours[0], "python_start_seconds": floor[0],
            "ratio": ours[0] / gnu[0], "msgcat_cpu_seconds": gnu[1], "publisher_cpu_seconds": ours[1],
            "python_start_cpu_seconds": floor[1], "cpu_ratio": ours[1] / gnu[1]}


# ----------------------------------------------------------------------------------- table

@dataclass
class Tally:
    files: int = 0
    identical: int = 0
    lines: int = 0
    changed: int = 0
    converted: int = 0      # of the files: not UTF-8, compared as msgcat --to-code=UTF-8 writes them
    refused: dict = field(default_factory=dict)

    def add(self, outcome: dict) -> None:
        status = outcome["status"]
        if status in ("identical", "changed"):
            self.files += 1
            self.identical += status == "identical"
            self.lines += outcome["lines"]
            self.changed += outcome["changed"]
            self.converted += outcome["converted"]
        else:
            self.refused[status] = self.refused.get(status, 0) + 1


def summarize_round_trip(results: list[dict]) -> dict:
    summary: dict[str, dict] = {}
    for mode in ("wrapped", "unwrapped"):
        per_project: dict[str, Tally] = {}
        total = Tally()
        for result in results:
            for tally in (per_project.setdefault(result["project"], Tally()), total):
                tally.add(result[mode])
        summary[mode] = {"total": vars(total), **{p: vars(t) for p, t in per_project.items()}}
    return summary


MERGE_FIELDS = ("messages", "translated_gnu", "fuzzy_gnu", "lost", "fuzzy_missing", "stale",
                "proposals_differ", "publisher_more", "msgmerge_seconds", "publisher_seconds")


def summarize_merges(results: list[dict]) -> dict:
    summary: dict[str, dict] = {}
    for result in results:
        for key in (result["project"], "total"):
            row = summary.setdefault(key, {"merges": 0, "failed": 0, **dict.fromkeys(MERGE_FIELDS, 0)})
            if result["status"] != "merged":
                row["failed"] += 1
                continue
            row["merges"] += 1
            for name in MERGE_FIELDS:
                row[name] += result[name]
    return summary


ROUND_TRIPS = (("wrapped", "round trip: msgcat, then publisher read + write"),
               ("unwrapped", "round trip: msgcat --no-wrap, then publisher read + write"))


def print_tables(report: dict) -> None:
    for mode, title in ROUND_TRIPS if "round_trip" in report else ():
        print(f"\n{title}")
        print(f"{'project':<22}{'files':>7}{'identical':>11}{'lines':>10}{'changed':>10}  other")
        for project, row in report["round_trip"][mode].items():
            other = ", ".join([f"{k}: {v}" for k, v in row["refused"].items()]
                              + ([f"{row['converted']} converted to UTF-8"] if row["converted"] else []))
            print(f"{project:<22}{row['files']:>7}{row['identical']:>11}{row['lines']:>10}"
                  f"{row['changed']:>10}  {other}")
    if "merge" in report:
        print("\nmerge: msgmerge --previous OLD.po NEW.pot against publisher's merge")
        print(f"{'project':<22}{'merges':>7}{'msgs':>8}{'lost':>6}{'fuzzy':>7}{'missed':>8}"
              f"{'stale':>7}{'differ':>8}{'more':>6}{'msgmerge':>10}{'publisher':>10}")
        for project, row in report["merge"].items():
            print(f"{project:<22}{row['merges']:>7}{row['messages']:>8}{row['lost']:>6}"
                  f"{row['fuzzy_gnu']:>7}{row['fuzzy_missing']:>8}{row['stale']:>7}"
                  f"{row['proposals_differ']:>8}{row['publisher_more']:>6}"
                  f"{row['msgmerge_seconds']:>9.1f}s{row['publisher_seconds']:>9.1f}s"
                  + (f"  ({row['failed']} failed)" if row["failed"] else ""))
        print("lost: translated by msgmerge, empty in publisher's; fuzzy/missed: msgmerge's fuzzy "
              "proposals / those publisher does not make;\nstale: fuzzy in msgmerge's, translated "
              "in publisher's; differ: both fuzzy, other proposal; more: publisher proposes, "
              "msgmerge does not")
    if "speed" in report:
        s = report["speed"]
        print(f"\nspeed: read + write {s['file']} ({s['messages']} messages), whole process, "
              f"best of {s['repeat']}:\n"
              f"  wall: publisher {s['publisher_seconds']:.3f} s, msgcat {s['msgcat_seconds']:.3f} s"
              f" = {s['ratio']:.2f}x (python -c pass: {s['python_start_seconds']:.3f} s)\n"
              f"  CPU:  publisher {s['publisher_cpu_seconds']:.3f} s, msgcat "
              f"{s['msgcat_cpu_seconds']:.3f} s = {s['cpu_ratio']:.2f}x (python -c pass: "
              f"{s['python_start_cpu_seconds']:.3f} s)")


# ------------------------------------------------------------------------------------ main

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="Django and Sphinx only")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--cache", type=Path, default=RESULTS / "wheels")
    parser.add_argument("--json", type=Path, default=RESULTS / "real_catalogs.json")
    parser.add_argument("--diffs", type=Path, help="write each changed file's diff under DIR")
    parser.add_argument("--no-merge", action="store_true")
    parser.add_argument("--repeat", type=int, default=10, help="runs of each timed command")
    parser.add_argument("--speed-only", action="store_true",
                        help="only the read + write timing (on the largest catalog)")
    args = parser.parse_args()
    for tool in ("msgcat", "msgmerge"):
        if not shutil.which(tool):
            sys.exit("GNU gettext is needed: apt-get install gettext")
    if args.diffs and args.diffs.exists():
        shutil.rmtree(args.diffs)

    projects = QUICK if args.quick else PROJECTS
    releases: dict[tuple[str, str], dict[str, bytes]] = {}
    for name, newer, older in projects:
        for version in (newer, older):
            releases[(name, version)] = po_files(download(name, version, args.cache))
            print(f"{name} {version}: {len(releases[(name, version)])} .po files", file=sys.stderr)

    report: dict = {"gettext": subprocess.run(["msgcat", "--version"], capture_output=True,
                                              text=True).stdout.splitlines()[0],
                    "python": platform.python_version(),
                    "projects": [list(p) for p in projects]}
    jobs = [(f"{name} {version}", path, data, str(args.diffs) if args.diffs else None)
            for (name, version), files in releases.items() for path, data in sorted(files.items())]
    with ProcessPoolExecutor(args.jobs) as pool:
        if not args.speed_only:
            round_trips = list(pool.map(round_trip_one, jobs, chunksize=8))
            report["round_trip"] = summarize_round_trip(round_trips)
            report["round_trip_files"] = [r for r in round_trips
                                          if any(r[m].get("status") != "identical"
                                                 for m in ("wrapped", "unwrapped"))]
        if not (args.no_merge or args.speed_only):
            pairs = [(name, path, releases[(name, older)][path], data)
                     for name, newer, older in projects
                     for path, data in sorted(releases[(name, newer)].items())
                     if path in releases[(name, older)]]
            merges = list(pool.map(merge_one, pairs, chunksize=4))
            report["merge"] = summarize_merges(merges)
            report["merge_files"] = [m for m in merges if m["status"] != "merged" or any(
                m[k] for k in ("lost", "fuzzy_missing", "stale"))]
    # the catalog with the most messages (of those, the biggest file: the most translated)
    largest = max(((path, data) for files in releases.values() for path, data in files.items()),
                  key=lambda item: (item[1].count(b"\nmsgid "), len(item[1])))
    report["speed"] = {**speed(largest, args.repeat), "repeat": args.repeat}
    print_tables(report)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"\nJSON: {args.json}")


if __name__ == "__main__":
    main()
