"""The hostile-input corpus (tests/hostile/, issue 14) replayed: every attack a translator, an
editor or a visitor of `publisher serve` was seen to make, each run as a user runs it (the
publisher command in its own process, bounded in time and memory), each asserting what a user
must see once it is fixed: an error naming the file and line with a non-zero exit, or a
neutralised output, or nothing written. Runs that do not hold today are marked
xfail(strict=True) with what happens instead, so that the fix flips them.

And every regular expression over untrusted text fed its worst case at a size that would take
hours if its cost grew faster than linearly (tests/hostile/regexes.toml), in a process that may
spend PROBE_CPU_SECONDS of CPU; the test asserts the result, never a time.

tests/attacks.py loads and runs the cases (``python tests/attacks.py`` prints what each
command does today); test_hardening.py holds the earlier, in-process hardening tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from concurrent.futures import ThreadPoolExecutor

import pytest

from attacks import CASES, HOSTILE, ROLES, execute, fresh, load_cases, problems

REPO = HOSTILE.parents[1]
REGEXES = tomllib.loads((HOSTILE / "regexes.toml").read_text(encoding="utf-8"))["regex"]
# CPU a probe may spend (start-up and imports included, ~0.5 s): a linear pass over its
# input takes milliseconds, a quadratic one hours.
PROBE_CPU_SECONDS = 2


def _runs():
    for case in load_cases():
        for index, run in enumerate(case.runs):
            marks = [pytest.mark.xfail(strict=True, reason=run.xfail)] if run.xfail else []
            yield pytest.param(case, index, id=f"{case.id}:{' '.join(run.command[:2])}:{index}",
                               marks=marks)


def _replay(case, index: int, folder) -> tuple[list[str], str]:
    run = case.runs[index]
    places = fresh(case, folder)
    outcome = execute(run, places)
    return problems(run, outcome, places), outcome.summary()


@pytest.fixture(scope="module")
def replays(request, tmp_path_factory):
    """The selected runs, started a few at a time: each is a process of its own that mostly
    waits (for its start-up, its files, its server), so the module costs a fraction of their
    sum. Each test then waits for its own; a session that stops early (-x) drops the rest."""
    chosen = [item.callspec.params for item in request.session.items
              if getattr(item, "originalname", "") == "test_attack_is_refused_or_neutralised"]
    pool = ThreadPoolExecutor(max_workers=3)
    try:
        yield {(params["case"].id, params["index"]): pool.submit(
                   _replay, params["case"], params["index"], tmp_path_factory.mktemp(params["case"].id))
               for params in chosen}
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


@pytest.mark.parametrize("case, index", list(_runs()))
def test_attack_is_refused_or_neutralised(case, index, replays):
    found, summary = replays[(case.id, index)].result()
    assert not found, f"{found}\n{summary}"


def test_the_corpus_is_complete_and_small():
    """Each case says who attacks, what the input is and what a user must see; each run says
    what it does today; big inputs are generated, not committed."""
    cases = load_cases()
    assert len({case.id for case in cases}) == len(cases) >= 40
    for case in cases:
        assert case.role in ROLES and case.title and len(case.input) > 40, case.id
        for run in case.runs:
            assert run.today, f"{case.id}: {run.command}: no record of today's outcome"
            expects = (run.exit is not None or run.requests or run.present or run.absent
                       or run.contains)
            assert expects, f"{case.id}: {run.command} expects nothing"
            if run.exit and not run.serves:
                assert run.stderr or run.stdout, f"{case.id}: an error must be located"
    assert max(path.stat().st_size for path in HOSTILE.rglob("*") if path.is_file()) < 20_000
    assert {path.stem for path in CASES.glob("*.toml")} == {case.id for case in cases}


# ------------------------------------------------------------------ linear-time probes

PROBE = """
import resource, sys
resource.setrlimit(resource.RLIMIT_CPU, ({cpu}, {cpu}))
{imports}
n = {n}
text = {prefix!r} + {unit!r} * n + {suffix!r}
result = {call}
assert {expect}, repr(result)[:200]
print("held")
"""


def _probe_source(entry: dict) -> str:
    shape, probe = entry["shape"], entry["probe"]
    return PROBE.format(cpu=PROBE_CPU_SECONDS, imports=entry["imports"], n=probe["n"],
                        prefix=shape.get("prefix", ""), unit=shape["unit"],
                        suffix=shape.get("suffix", ""), call=probe["call"], expect=probe["expect"])


PROBED = [entry for entry in REGEXES if "probe" in entry]


@pytest.fixture(scope="module")
def probes() -> dict[str, subprocess.Popen]:
    """Every probe started at once (each is CPU-bound and bounded): the module waits for the
    slowest, not for their sum."""
    started = {entry["where"]: subprocess.Popen(
        [sys.executable, "-c", _probe_source(entry)], cwd=REPO, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE) for entry in PROBED}
    yield started
    for process in started.values():
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.mark.parametrize("entry", [
    pytest.param(entry, id=entry["where"].split()[0] + ":" + entry["where"].split(None, 1)[1],
                 marks=[pytest.mark.xfail(strict=True, reason=entry["probe"]["xfail"])]
                 if entry["probe"].get("xfail") else [])
    for entry in PROBED])
def test_regex_worst_case_in_linear_time(entry, probes):
    process = probes[entry["where"]]
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 0 and stdout.strip() == "held", (
        f"killed after {PROBE_CPU_SECONDS} s of CPU: the cost grows faster than the input"
        if process.returncode in (-9, -24) else stderr.strip().splitlines()[-1:])
