"""PDF handouts rendered in worker processes, each handout under a wall-clock and a memory
limit, so that no input (known or not yet found) can stall a build or exhaust the machine.

Every handout is rendered by a worker (with ``--jobs 1`` and under ``publisher serve`` too),
one handout at a time per worker. A worker's address space is limited (RLIMIT_AS, ``[pdf]
memory_mb``); a handout still rendering when its time is up (``[pdf] timeout``) has its
worker killed and replaced. Either way that handout is reported as an error naming it and the
catalog it was made from, the other handouts go on, and the build writes nothing.

Workers are forked by a fork server (``forkserver`` on Linux, safe beside serve's threads;
``spawn`` elsewhere) that imports WeasyPrint once before it forks them; each keeps its font
configuration (fontconfig's cache, Pango's font map) for every handout it renders. Results
come back in the order of the input, and each handout's bytes depend only on its HTML and
assets, so the output is the same for any number of workers.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait

from ..errors import OutputError, PublisherError, raise_collected

# WeasyPrint, imported by the fork server before it forks the workers (publisher.render.preload
# swallows the error of a machine without Pango: the worker then reports it as a PublisherError).
PRELOAD = ["publisher.render.preload"]
WATCH_SECONDS = 0.5
# A worker's start (a fork of the server, or a process that imports WeasyPrint) is not the
# handout's time: the time limit starts when the worker says it is ready.
START_SECONDS = 300.0


@dataclass(frozen=True)
class Limits:
    """What one handout may cost: seconds of wall-clock time, megabytes of address space."""

    seconds: float = 120.0
    memory_mb: int = 2048


@dataclass(frozen=True)
class Job:
    args: tuple                 # publisher.render.pdf.render_pdf's arguments
    name: str                   # the handout, "az/victory-day-2024.pdf"
    catalog: str | None = None  # the catalog its text comes from, where a problem is located


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:          # macOS, Windows
        return os.cpu_count() or 1


def _context() -> multiprocessing.context.BaseContext:
    if sys.platform.startswith("linux"):
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


# ------------------------------------------------------------------------ in the worker

def _limit_memory(megabytes: int) -> None:
    import resource
    size = megabytes * 1024 * 1024
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft != resource.RLIM_INFINITY:
        size = min(size, soft)
    resource.setrlimit(resource.RLIMIT_AS, (size, hard))


def _watch_parent() -> None:
    """Stop when the process that started this one is gone (a build killed with SIGKILL cannot
    stop its workers; the fork server exits with the build, and its workers notice)."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(WATCH_SECONDS)
        os._exit(1)
    threading.Thread(target=watch, daemon=True).start()


def _work(connection: Connection, memory_mb: int) -> None:
    """A worker: render each job it is sent, answer with the PDF or the error, until the
    connection closes (the build is done, or gone)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)      # Ctrl-C is the build's to handle
    _watch_parent()
    with contextlib.suppress(EOFError, OSError):
        from ..render.pdf import render_pdf
        connection.send(("ready", None))
        _limit_memory(memory_mb)          # from here on, what rendering may cost
        while True:
            connection.send(_render(connection, render_pdf))


def _render(connection: Connection, render_pdf: Callable[..., bytes]) -> tuple[str, object]:
    """The answer to the next job: ("pdf", bytes), or what went wrong."""
    try:
        job, epoch = connection.recv()
        if epoch is None:        # the build's SOURCE_DATE_EPOCH, not the fork server's
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = epoch
        return "pdf", render_pdf(*job.args)
    except (EOFError, OSError):
        raise
    except PublisherError as exc:
        return "error", (type(exc), exc.message, exc.path, exc.line)
    except MemoryError:
        return "memory", None
    except Exception as exc:      # a bug of WeasyPrint's or ours: reported, not a traceback
        return "crash", f"{type(exc).__name__}: {exc}"


# ------------------------------------------------------------------------- in the build

class _Worker:
    def __init__(self, context, limits: Limits):
        self.connection, theirs = context.Pipe()
        self.process = context.Process(target=_work, args=(theirs, limits.memory_mb), daemon=True)
        self.process.start()
        theirs.close()
        self.ready = False
        self.index: int | None = None
        self.deadline = time.monotonic() + START_SECONDS

    def give(self, index: int, job: Job, seconds: float) -> None:
        self.index, self.deadline = index, time.monotonic() + seconds
        with contextlib.suppress(OSError):    # a worker that died: its sentinel says so next
            self.connection.send((job, os.environ.get("SOURCE_DATE_EPOCH")))

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.connection.close()
        self.process.join(timeout=1)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


def _memory_hint(limits: Limits) -> str:
    return (f"out of memory: over {limits.memory_mb:,} MB, the limit ([pdf] memory_mb in "
            "publisher.toml)")


def _failure(job: Job, kind: str, detail, limits: Limits) -> PublisherError:
    if kind == "error":
        error, message, path, line = detail
        return error(message, path, line)
    if kind == "memory":
        message = _memory_hint(limits)
    elif kind == "timeout":
        message = (f"rendering stopped after {limits.seconds:g} s, the limit ([pdf] timeout in "
                   "publisher.toml)")
    elif kind == "died":
        message = (f"the renderer stopped ({detail}); it may have run {_memory_hint(limits)}")
    else:
        message = f"the renderer failed: {detail}"
    return OutputError(f"{job.name}: {message}", job.catalog)


def _exit(process) -> str:
    code = process.exitcode
    if code is not None and code < 0:
        with contextlib.suppress(ValueError):
            return f"killed by {signal.Signals(-code).name}"
    return f"exit status {code}"


def _started(worker: _Worker, ready: list) -> None:
    """Take a starting worker's word that it is ready; a worker that cannot start stops the
    build (no handout could be rendered: the machine, not an input, is at fault)."""
    answered = worker.connection in ready or worker.process.sentinel in ready
    if worker.connection in ready:
        with contextlib.suppress(EOFError, OSError):
            worker.ready = worker.connection.recv() == ("ready", None)
    if not worker.ready and (answered or time.monotonic() >= worker.deadline):
        alive = worker.process.is_alive()
        worker.stop()
        raise OutputError("the PDF renderer did not start: "
                          + (f"no word after {START_SECONDS:g} s" if alive else _exit(worker.process)))


def render_all(jobs: Sequence[Job], workers: int, done: Callable[[int], None] | None = None,
               limits: Limits = Limits()) -> list[bytes]:
    """Every handout's PDF, in the order given; ``done(i)`` after each one. Raises the errors
    of every handout that failed, once all the others are done."""
    results: list[bytes | None] = [None] * len(jobs)
    errors: dict[int, PublisherError] = {}
    pending = deque(range(len(jobs)))
    context = _context()
    pool = [_Worker(context, limits) for _ in range(max(1, min(workers, len(jobs))))]

    def finish(worker: _Worker, outcome: bytes | PublisherError) -> None:
        index, worker.index = worker.index, None
        if isinstance(outcome, PublisherError):
            errors[index] = outcome
        else:
            results[index] = outcome
            if done:
                done(index)

    def replace(worker: _Worker) -> _Worker:
        worker.stop()
        fresh = _Worker(context, limits)
        pool[pool.index(worker)] = fresh
        return fresh

    try:
        while pending or any(worker.index is not None for worker in pool):
            for worker in pool:
                if worker.ready and worker.index is None and pending:
                    index = pending.popleft()
                    worker.give(index, jobs[index], limits.seconds)
            starting = [worker for worker in pool if not worker.ready]
            busy = [worker for worker in pool if worker.index is not None]
            timeout = max(0.0, min(worker.deadline for worker in starting + busy) - time.monotonic())
            ready = wait([w.connection for w in starting + busy]
                         + [w.process.sentinel for w in starting + busy], timeout)
            for worker in starting:
                _started(worker, ready)
            for worker in busy:
                job = jobs[worker.index]
                if worker.connection in ready:
                    try:
                        kind, detail = worker.connection.recv()
                    except (EOFError, OSError):
                        kind, detail = "died", None
                    if kind == "pdf":
                        finish(worker, detail)
                        continue
                    if kind != "died":
                        finish(worker, _failure(job, kind, detail, limits))
                        if kind == "memory":        # a worker that ran out is not trusted again
                            replace(worker)
                        continue
                if worker.connection in ready or worker.process.sentinel in ready:
                    worker.process.join(timeout=1)
                    finish(worker, _failure(job, "died", _exit(worker.process), limits))
                    replace(worker)
                elif time.monotonic() >= worker.deadline:
                    worker.process.kill()
                    worker.process.join()
                    finish(worker, _failure(job, "timeout", None, limits))
                    replace(worker)
    finally:
        for worker in pool:
            worker.stop()
    # One problem of the templates fails every handout the same way: said once.
    raise_collected({error.diagnostic: error for index, error in sorted(errors.items())}.values())
    return results
