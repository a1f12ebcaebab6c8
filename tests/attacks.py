"""The hostile-input corpus of tests/hostile/: load its cases, lay one onto a copy of a project,
run the publisher command it names and say how the outcome differs from what it expects.

Shared by tests/test_hostile.py (which replays every case) and by ``python tests/attacks.py``,
which runs every case and prints what each command does today (exit status, first lines of
its output, traceback or not, files written, seconds), at the test's size or, with
``--literal``, at the size of the attack as it was reported. The format of a case is in
tests/hostile/README.md.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

HOSTILE = Path(__file__).resolve().parent / "hostile"
CASES = HOSTILE / "cases"
PUBLISHER = str(Path(sys.executable).parent / "publisher")
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1731024000", "PYTHONUNBUFFERED": "1"}
GROUPS = ("availability", "integrity", "files", "tracebacks", "smaller")
ROLES = ("translator", "editor", "visitor")
# Files larger than this are compared by size and time, not bytes (the sparse 3 GB ones).
HASHED_UP_TO = 8_000_000
SERVING = re.compile(r"serving .* at (http://[\d.]+:(\d+)/)")


# ---------------------------------------------------------------------------- the data

@dataclass(frozen=True)
class Request:
    raw: str                         # the request as sent, ${host} and \r\n included
    status: tuple[int, ...] = ()     # acceptable status codes; () : any answer at all
    lacks: tuple[str, ...] = ()      # text the answer must not hold


@dataclass(frozen=True)
class Run:
    command: tuple[str, ...]
    timeout: float = 60.0
    memory_mb: int | None = None     # RLIMIT_AS of the command: memory it must stay within
    exit: int | None = None          # expected exit status (None: not looked at)
    stderr: str = ""                 # a regular expression the error output must match
    stdout: str = ""
    stderr_lacks: tuple[str, ...] = ()   # text the error output must not hold (raw escapes)
    nothing_written: bool = False    # the project and the outside folder unchanged
    absent: tuple[str, ...] = ()     # paths that must not exist afterwards
    present: tuple[str, ...] = ()    # paths that must still exist afterwards
    contains: dict[str, tuple[str, ...]] = field(default_factory=dict)
    lacks: dict[str, tuple[str, ...]] = field(default_factory=dict)
    half_open: int = 0               # serve: connections opened and left half-sent first
    max_threads: int | None = None   # serve: threads the server may run meanwhile
    requests: tuple[Request, ...] = ()
    today: str = ""                  # what the command does on main today, measured
    xfail: str = ""                  # set when today's outcome is not the expected one

    @property
    def serves(self) -> bool:
        return self.command[:1] == ("serve",)


@dataclass(frozen=True)
class Case:
    id: str
    title: str
    group: str
    role: str
    project: str                     # "sample" or "release": tests/conftest.py's copies
    input: str
    setup: tuple[dict, ...]
    variables: dict[str, dict]
    runs: tuple[Run, ...]
    literal: str = ""                # the reported attack, when the test's size differs


def _run(data: dict) -> Run:
    requests = tuple(Request(r["raw"], tuple(r.get("status", ())), tuple(r.get("lacks", ())))
                     for r in data.pop("request", ()))
    data["command"] = tuple(data["command"])
    for key in ("absent", "present", "stderr_lacks"):
        data[key] = tuple(data.get(key, ()))
    for key in ("contains", "lacks"):
        data[key] = {path: tuple(texts) for path, texts in data.get(key, {}).items()}
    return Run(requests=requests, **data)


def load_case(path: Path) -> Case:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    runs = tuple(_run(dict(run)) for run in data.pop("run"))
    setup = tuple(data.pop("setup", ()))
    case = Case(id=path.stem, runs=runs, setup=setup, variables=data.pop("vars", {}), **data)
    assert case.group in GROUPS and case.role in ROLES and case.project in ("sample", "release"), path
    return case


def load_cases() -> list[Case]:
    return [load_case(path) for path in sorted(CASES.glob("*.toml"))]


# ---------------------------------------------------------------------- laying a case

def _value(spec: dict, literal: bool) -> str:
    """A generated text: ``unit`` repeated ``times`` (``attack_times`` at the reported size),
    between ``prefix`` and ``suffix``."""
    times = spec.get("attack_times", spec["times"]) if literal else spec["times"]
    return spec.get("prefix", "") + spec["unit"] * times + spec.get("suffix", "")


class Places:
    """Expands ${project}, ${outside} and the case's generated ${variables} in strings."""

    def __init__(self, root: Path, outside: Path, case: Case, literal: bool = False):
        self.root, self.outside = root, outside
        self.values = {"project": str(root), "outside": str(outside)}
        self.values.update({name: _value(spec, literal) for name, spec in case.variables.items()})

    def text(self, value: str) -> str:
        for _ in range(3):          # a generated value may name another one
            value = re.sub(r"\$\{(\w+)\}", lambda m: self.values[m.group(1)], value)
        return value

    def path(self, value: str) -> Path:
        expanded = Path(self.text(value))
        return expanded if expanded.is_absolute() else self.root / expanded


def lay(case: Case, root: Path, outside: Path, literal: bool = False) -> Places:
    """Apply the case's setup to the project copy at ``root``; ``outside`` is a folder beside
    it that stands for the rest of the machine (targets of symlinks, places never to write)."""
    places = Places(root, outside, case, literal)
    outside.mkdir(parents=True, exist_ok=True)
    for step in case.setup:
        kind = step["do"]
        target = places.path(step.get("path", "."))
        if kind == "replace":
            text = target.read_text(encoding="utf-8")
            old, new = places.text(step["old"]), places.text(step["new"])
            assert old in text, f"{case.id}: {old!r} not in {target}"
            target.write_text(text.replace(old, new, 1), encoding="utf-8")
        elif kind == "write":
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(places.text(step["text"]), encoding="utf-8")
        elif kind == "sparse":           # a huge file that takes no room on disk
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("ab") as handle:
                handle.truncate(step["size"])
        elif kind == "symlink":
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(places.path(step["to"]))
        elif kind == "remove":
            target.unlink()
        elif kind == "publisher":          # a command run first (a build the attack then meets)
            subprocess.run([PUBLISHER, "-C", str(root), *step["args"]], env=ENV, check=True,
                           capture_output=True, timeout=300)
        else:
            raise ValueError(f"{case.id}: unknown setup step {kind!r}")
    return places


def snapshot(*folders: Path) -> dict[str, tuple]:
    """What is in the folders (symlinks as their target), to tell what a command wrote."""
    found: dict[str, tuple] = {}
    for folder in folders:
        for directory, names, files in os.walk(folder):
            for name in files + [n for n in names if os.path.islink(os.path.join(directory, n))]:
                path = os.path.join(directory, name)
                if os.path.islink(path):
                    found[path] = ("link", os.readlink(path))
                    continue
                info = os.stat(path)
                if info.st_size > HASHED_UP_TO:
                    found[path] = ("big", info.st_size, info.st_mtime_ns)
                else:
                    with open(path, "rb") as handle:
                        found[path] = ("file", hashlib.sha256(handle.read()).hexdigest())
    return found


def changes(before: dict, after: dict, root: Path) -> list[str]:
    def name(path: str) -> str:
        return os.path.relpath(path, root)
    return sorted([f"+{name(p)}" for p in after.keys() - before.keys()]
                  + [f"-{name(p)}" for p in before.keys() - after.keys()]
                  + [f"~{name(p)}" for p in after.keys() & before.keys() if after[p] != before[p]])


# --------------------------------------------------------------------------- running

@dataclass
class Outcome:
    exit: int | None                 # None: killed at the timeout
    stdout: str
    stderr: str
    seconds: float
    written: list[str]               # +added, ~changed, -removed (relative to the project)
    answers: list[str] = field(default_factory=list)    # serve: one per request
    threads: int | None = None       # serve: its threads once the requests were answered

    @property
    def traceback(self) -> bool:
        return "Traceback (most recent call last)" in self.stderr + self.stdout

    def summary(self, width: int = 160) -> str:
        if self.exit is None:
            head = f"no answer after {self.seconds:.0f} s (killed)"
        else:
            head = f"exit {self.exit} in {self.seconds:.1f} s"
        lines = [line for line in (self.stderr + self.stdout).splitlines() if line.strip()]
        said = " | ".join(lines[-2:] if self.traceback else lines[:2])[:width]
        parts = [head, "TRACEBACK" if self.traceback else "", said and f"says: {said}",
                 self.answers and "answers: " + ", ".join(a[:40] for a in self.answers),
                 self.threads and f"{self.threads} threads",
                 self.written and f"wrote {len(self.written)}: " + " ".join(self.written[:4])]
        return "; ".join(part for part in parts if part)


def _limits(memory_mb: int | None):
    def apply() -> None:
        os.setsid()                  # its own group: a timeout stops its workers too
        if memory_mb:
            size = memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (size, size))
    return apply


def _stop(process: subprocess.Popen) -> None:
    """Kill the command and whatever it started (its process group: PDF workers too), while
    it is still running (not reaped: its id cannot belong to anyone else)."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def execute(run: Run, places: Places) -> Outcome:
    command = [PUBLISHER, "-C", str(places.root), *(places.text(part) for part in run.command)]
    if run.serves:
        command[command.index("serve") + 1:command.index("serve") + 1] = ["-p", "0"]
    before = snapshot(places.root, places.outside)
    start = time.monotonic()
    process = subprocess.Popen(command, env=ENV, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, errors="replace",
                               preexec_fn=_limits(run.memory_mb))
    answers: list[str] = []
    threads = None
    held: list[socket.socket] = []       # serve: the half-open connections, closed at the end
    try:
        if run.serves:
            answers = _visit(process, run, places, start, held)
            with contextlib.suppress(OSError):
                threads = len(os.listdir(f"/proc/{process.pid}/task"))
            for connection in held:
                connection.close()
            _stop(process)
            stdout, stderr = process.communicate()
            code = 0 if answers and answers[0] != "server did not start" else process.returncode
        else:
            try:
                stdout, stderr = process.communicate(timeout=run.timeout)
                code = process.returncode
            except subprocess.TimeoutExpired:
                _stop(process)
                stdout, stderr = process.communicate()
                code = None
    finally:
        _stop(process)
    seconds = time.monotonic() - start
    return Outcome(code, stdout, stderr, seconds, changes(before, snapshot(places.root, places.outside),
                                                          places.root), answers, threads)


def _visit(process: subprocess.Popen, run: Run, places: Places, start: float,
           held: list[socket.socket]) -> list[str]:
    """Wait for ``publisher serve`` to listen, then send the run's requests, each answered by
    its status code, "dropped" (closed without an answer) or "no answer" (timeout)."""
    found: list[re.Match] = []

    def listen() -> None:       # its first lines: "built: ...", then "serving ... at URL"
        for line in process.stdout:
            if match := SERVING.search(line):
                found.append(match)
                return
    reader = threading.Thread(target=listen, daemon=True)
    reader.start()
    reader.join(max(0.1, run.timeout - (time.monotonic() - start)))
    if not found:
        return ["server did not start"]
    match = found[0]
    port = int(match.group(2))
    held += _half_open(port, run.half_open, min(run.timeout, 5.0))
    return [_ask(port, places.text(request.raw).replace("\\r\\n", "\r\n"), run.timeout)
            for request in run.requests]


def _half_open(port: int, count: int, seconds: float) -> list[socket.socket]:
    """``count`` connections, each sent half a request and left open: a slow client's
    (connected at once, without waiting for one another: a server that accepts slowly leaves
    the rest waiting in its queue, which is the attack too)."""
    import selectors
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = count + 256 if hard == resource.RLIM_INFINITY else min(hard, count + 256)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    held, waiting = [], selectors.DefaultSelector()
    for _ in range(count):
        try:
            connection = socket.socket()
        except OSError:             # out of descriptors: the flood is as large as it gets
            break
        connection.setblocking(False)
        connection.connect_ex(("127.0.0.1", port))
        held.append(connection)
        waiting.register(connection, selectors.EVENT_WRITE)
    deadline = time.monotonic() + seconds
    while waiting.get_map() and time.monotonic() < deadline:
        for key, _ in waiting.select(timeout=max(0.0, deadline - time.monotonic())):
            waiting.unregister(key.fileobj)
            with contextlib.suppress(OSError):
                key.fileobj.send(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")   # never finished
    waiting.close()
    return held


def _ask(port: int, raw: str, timeout: float) -> str:
    """One request on a fresh connection: its status line's code and the answer's text."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
            connection.sendall(raw.encode("utf-8", "surrogateescape"))
            data = b""
            while len(data) < 65536:
                chunk = connection.recv(65536)
                if not chunk:
                    break
                data += chunk
                if b"text/event-stream" in data:     # an event stream never ends: its head is enough
                    break
    except TimeoutError:
        return "no answer"
    except ConnectionError:
        return "dropped"
    if not data:
        return "dropped"
    status = data.split(b"\r\n", 1)[0].decode("latin-1")
    code = status.split()[1] if len(status.split()) > 1 else status
    return f"{code} {data.decode('utf-8', 'replace')}"


# -------------------------------------------------------------------- the expectation

def problems(run: Run, outcome: Outcome, places: Places) -> list[str]:
    """How the outcome differs from what the run expects after the fix (empty: as expected)."""
    found = []
    if outcome.exit is None and not run.serves:
        found.append(f"no answer within {run.timeout:.0f} s")
    if outcome.traceback:
        found.append("a traceback: " + " | ".join(outcome.stderr.strip().splitlines()[-2:]))
    if run.exit is not None and outcome.exit is not None and outcome.exit != run.exit:
        found.append(f"exit {outcome.exit}, expected {run.exit}")
    for stream, pattern in (("stderr", run.stderr), ("stdout", run.stdout)):
        if pattern and not re.search(places.text(pattern), getattr(outcome, stream), re.M):
            found.append(f"{stream} does not match {pattern!r}: {getattr(outcome, stream)[-300:]!r}")
    found += [f"stderr holds {t!r}" for t in run.stderr_lacks if t in outcome.stderr]
    if run.nothing_written and outcome.written:
        found.append(f"wrote {outcome.written[:6]}")
    found += [f"{path} exists" for path in run.absent if os.path.lexists(places.path(path))]
    found += [f"{path} is gone" for path in run.present if not os.path.lexists(places.path(path))]
    for path, texts in run.contains.items():
        text = _read(places.path(path))
        found += [f"{path} lacks {t!r}" for t in texts if places.text(t) not in text]
    for path, texts in run.lacks.items():
        text = _read(places.path(path))
        found += [f"{path} holds {t!r}" for t in texts if places.text(t) in text]
    if run.max_threads is not None and (outcome.threads or 0) > run.max_threads:
        found.append(f"{outcome.threads} threads, at most {run.max_threads} expected")
    for request, answer in zip(run.requests, outcome.answers):
        code = answer.split(" ", 1)[0]
        if not code.isdigit():
            found.append(f"{request.raw[:40]!r}: {answer}")
        elif request.status and int(code) not in request.status:
            found.append(f"{request.raw[:40]!r}: status {code}, expected {request.status}")
        found += [f"{request.raw[:40]!r}: the answer holds {t!r}" for t in request.lacks
                  if places.text(t) in answer]
    return found


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except (FileNotFoundError, IsADirectoryError):
        return ""


# ------------------------------------------------------------------------ the record

def fresh(case: Case, folder: Path, literal: bool = False) -> Places:
    """A new copy of the case's project in ``folder`` (as conftest's sample_dir and
    project_dir make it), the case laid onto it."""
    from helpers import REPO, SAMPLE, copy_project
    shutil.rmtree(folder, ignore_errors=True)
    root = copy_project(SAMPLE if case.project == "sample" else REPO, folder / "project")
    return lay(case, root, folder / "outside", literal)


def record(cases: list[Case], folder: Path, literal: bool) -> None:
    """Run every case and print what each command does, as a Markdown table."""
    print("| case | role | command | outcome today | as expected |")
    print("| --- | --- | --- | --- | --- |")
    for case in cases:
        for run in case.runs:
            places = fresh(case, folder, literal)
            if literal and case.literal:
                run = Run(**{**run.__dict__, "timeout": max(run.timeout, 600.0)})
            outcome = execute(run, places)
            wrong = problems(run, outcome, places)
            cell = outcome.summary().replace("|", "\\|").replace("\n", " ")
            print(f"| {case.id} | {case.role} | {' '.join(run.command)} | {cell} | "
                  f"{'yes' if not wrong else 'no: ' + '; '.join(wrong)[:200].replace('|', '/')} |",
                  flush=True)


if __name__ == "__main__":
    import argparse
    sys.path.insert(0, str(Path(__file__).resolve().parent))    # helpers, as pytest has it
    import tempfile
    parser = argparse.ArgumentParser(description="What every command does today on every case.")
    parser.add_argument("--literal", action="store_true",
                        help="at the reported attack's size (slow: minutes)")
    parser.add_argument("cases", nargs="*", help="case ids (default: all)")
    arguments = parser.parse_args()
    chosen = [c for c in load_cases() if not arguments.cases or c.id in arguments.cases]
    with tempfile.TemporaryDirectory() as scratch:
        record(chosen, Path(scratch), arguments.literal)
