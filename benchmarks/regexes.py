"""Time every regular expression publisher runs over untrusted text on its worst input, at
growing sizes, and say how its cost grows (issue 14's "before" and "after" table).

The regexes, their worst inputs and sizes are tests/hostile/regexes.toml (shared with the
linear-time probes of tests/test_hostile.py). Each regex runs as the code applies it (search,
sub, finditer...) in a process of its own, at sizes of about 1k, 10k and 100k characters
(an exponential one: at growing counts of its repeated unit).
Times are CPU seconds of that process (the machine may be shared), the best of a few runs
for the small ones; a size whose time, extrapolated from the two before it, exceeds three
times --budget is shown extrapolated ("≈"), not run. Growth is the exponent k in
time ~ n^k between the two largest sizes measured (1: linear, 2: quadratic), or, for the
entries marked exponential, the factor the time multiplies by for a constant increase of n.

    .venv/bin/python benchmarks/regexes.py [--budget 10] [--markdown] [WHERE-substring...]
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TABLE = REPO / "tests" / "hostile" / "regexes.toml"

CHILD = """
import json, math, sys, time
{imports}
def text_of(n):
    return {prefix!r} + {unit!r} * n + {suffix!r}
done = []
for n in {sizes!r}:
    text = text_of(n)
    if len(done) >= 2 and done[-1][1] > 0.001:   # would this size blow the budget? then say so
        (n1, t1), (n2, t2) = done[-2], done[-1]
        if {exponential}:
            guess = t2 * (t2 / t1) ** ((n - n2) / (n2 - n1))
        else:
            guess = t2 * (n / n2) ** (math.log(t2 / t1) / math.log(n2 / n1))
        if guess > {budget} * 3:
            print(json.dumps([n, len(text), guess, True]), flush=True)
            continue
    best, spent = float("inf"), 0.0
    while spent < 0.2:
        start = time.process_time()
        {op}
        took = time.process_time() - start
        best, spent = min(best, took), spent + took
        if took > 0.05:
            break
    done.append((n, best))
    print(json.dumps([n, len(text), best, False]), flush=True)
"""


def measure(entry: dict, budget: float) -> list[tuple]:
    shape = entry["shape"]
    source = CHILD.format(imports=entry["imports"], prefix=shape.get("prefix", ""),
                          unit=shape["unit"], suffix=shape.get("suffix", ""),
                          sizes=entry["sizes"], budget=budget, op=entry["op"],
                          exponential=entry.get("exponential", False))
    process = subprocess.Popen([sys.executable, "-c", source], cwd=REPO, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    rows = []
    try:
        # sizes guessed to cost over 3x the budget are extrapolated, not run
        stdout, stderr = process.communicate(timeout=budget * 30 + 60)
    except subprocess.TimeoutExpired:
        process.kill()
        stdout, stderr = process.communicate()
    for line in stdout.splitlines():
        rows.append(tuple(json.loads(line)))
    if process.returncode not in (0, None) and not rows:
        raise RuntimeError(f"{entry['where']}: {stderr.strip().splitlines()[-1:]}")
    return rows


def growth(rows: list[tuple], exponential: bool = False) -> str:
    """How the cost grows, from the two largest sizes that took measurable time."""
    timed = [row for row in rows if row[2] >= 0.00001 and not row[3]]
    if len(timed) < 2:
        return "linear (too fast to tell)" if rows else "?"
    (n1, _, t1, _), (n2, _, t2, _) = timed[-2], timed[-1]
    exponent = math.log(t2 / t1) / math.log(n2 / n1)
    if exponential:
        return f"exponential (x{t2 / t1:.1f} per {n2 - n1} more)"
    name = ("linear" if exponent < 1.4 else "quadratic" if exponent < 2.5
            else "cubic" if exponent < 3.5 else "worse than cubic")
    return f"{name} (n^{exponent:.1f})"


def seconds(value: float) -> str:
    if value < 0.001:
        return f"{value * 1e6:.0f} us"
    if value < 1:
        return f"{value * 1000:.1f} ms"
    return f"{value:.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=float, default=10.0,
                        help="CPU seconds after which larger sizes are not tried")
    parser.add_argument("--markdown", action="store_true", help="a Markdown table")
    parser.add_argument("only", nargs="*", help="entries whose 'where' contains one of these")
    arguments = parser.parse_args()
    entries = [entry for entry in tomllib.loads(TABLE.read_text(encoding="utf-8"))["regex"]
               if not arguments.only or any(part in entry["where"] for part in arguments.only)]
    if arguments.markdown:
        print("| regex (module:line) | worst input (n repeats) | time by size (characters) "
              "| growth | who controls the text, which commands |")
        print("| --- | --- | --- | --- | --- |")
    for entry in entries:
        rows = measure(entry, arguments.budget)
        shape = entry["shape"]
        worst = f"{shape.get('prefix', '')!r} + {shape['unit']!r}*n + {shape.get('suffix', '')!r}"
        worst = worst.replace("'' + ", "").replace(" + ''", "")
        times = ", ".join(f"{length:,}: {'≈ ' + seconds(took) + ' (extrapolated)' if guessed else seconds(took)}"
                          for _, length, took, guessed in rows)
        cells = [entry["where"], worst, times, growth(rows, entry.get("exponential", False)), entry["reach"]]
        if arguments.markdown:
            print("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |", flush=True)
        else:
            print(f"{entry['where']}\n    worst: {worst}\n    {times}\n    growth: {cells[3]}"
                  f"\n    reach: {entry['reach']}", flush=True)


if __name__ == "__main__":
    main()
