"""Time ``publisher check`` (every rule) on a 20,000-message catalog against reading it.

The catalog is benchmarks/corpus.py's Azerbaijani catalog, with every tenth message given
inline markup (emphasis, a link, inline code) and numbers on both sides, some fuzzy, some
untranslated and some obsolete, so that every check has work to do. The floor is
``parse_catalog`` on the same bytes in the same run (checking cannot be faster than reading);
the goal is every rule under 3 s.

    .venv/bin/python benchmarks/checks.py [--size 20000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from publisher import lang  # noqa: E402
from publisher.checks import rules  # noqa: E402
from publisher.checks.context import Settings  # noqa: E402
from publisher.checks.glossary import parse_glossary  # noqa: E402
from publisher.checks.run import check_catalog  # noqa: E402
from publisher.po import markup  # noqa: E402
from publisher.po.catalog import parse_catalog  # noqa: E402
from publisher.po.format import format_catalog  # noqa: E402

from corpus import make_corpus  # noqa: E402


def catalog_bytes(size: int) -> bytes:
    catalog = make_corpus(size, seed=2024).old
    for index, entry in enumerate(catalog):
        if index % 10 == 0:
            entry.msgid = f"*Note {index}:* see [the report](https://example.org/{index}) `{index}`. " + entry.msgid
            entry.msgstr = f"*Qeyd {index}:* [hesabata](https://example.org/{index}) baxın `{index}`. " + entry.msgstr
        if index % 50 == 1:
            entry.flags.append("fuzzy")
        if index % 70 == 2:
            entry.msgstr = ""
        if index % 100 == 3:
            entry.obsolete = True
            entry.occurrences = []
    return format_catalog(catalog).encode("utf-8")


def best(runs: int, action) -> tuple[float, float]:
    """The best wall-clock and CPU (process) time of ``runs`` runs, in seconds."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    data = catalog_bytes(args.size)
    glossary = parse_glossary((REPO / "locales" / "glossary.csv").read_text(encoding="utf-8"),
                              "locales/glossary.csv")
    settings = Settings("en", 50, glossary)
    messages = sum(1 for _ in parse_catalog(data, "az.po"))
    floor = best(args.runs, lambda: parse_catalog(data, "az.po"))
    def cold_check():          # every run from cold caches, as one publisher check would be
        for cached in (rules._inline, markup._inspect, lang.fold):
            cached.cache_clear()
        return check_catalog(data, "az.po", "az", settings)

    checked = best(args.runs, cold_check)
    problems = check_catalog(data, "az.po", "az", settings)
    print(f"{messages} messages, {len(data) / 1e6:.1f} MB, {len(problems)} problems found")
    print(f"read (parse_catalog, the floor): {floor[0]:.2f} s wall, {floor[1]:.2f} s CPU")
    print(f"check, every rule (read included): {checked[0]:.2f} s wall, {checked[1]:.2f} s CPU"
          f" = {checked[1] / floor[1]:.1f} x the floor (goal: under 3 s)")


if __name__ == "__main__":
    main()
