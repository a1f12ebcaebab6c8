"""PDF handouts rendered in a pool of processes (WeasyPrint holds the GIL while it lays out).

Each worker imports WeasyPrint once, in its initializer, and keeps its font configuration
(fontconfig's cache, Pango's font map) for every handout it renders. Results come back in the
order of the input, and each handout's bytes depend only on its HTML and assets, so the
output is the same for any number of workers.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

Job = tuple    # the arguments of publisher.render.pdf.render_pdf for one handout


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:          # macOS, Windows
        return os.cpu_count() or 1


def _start_worker(parent: int) -> None:
    from ..render.pdf import _weasyprint
    _weasyprint()
    # A build killed with SIGKILL cannot stop its workers; each one stops itself when the
    # process that started it is gone (maybe already before this line): it would otherwise
    # sit idle forever.

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)
    threading.Thread(target=watch, daemon=True).start()


def _render(job: Job) -> bytes:
    from ..render.pdf import render_pdf
    return render_pdf(*job)


def render_all(jobs: Sequence[Job], workers: int,
               done: Callable[[int], None] | None = None) -> list[bytes]:
    """Every handout's PDF, in the order given; ``done(i)`` after each one."""
    workers = max(1, min(workers, len(jobs)))
    results: list[bytes] = []
    if workers == 1:
        for index, job in enumerate(jobs):
            results.append(_render(job))
            if done:
                done(index)
        return results
    # fork on Linux: cheap, and the workers inherit the imported modules (publisher.lock
    # closes its lock in a forked child); spawn elsewhere (fork is unsafe on macOS).
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                             initargs=(os.getpid(),)) as pool:
        futures = [pool.submit(_render, job) for job in jobs]
        try:
            for index, future in enumerate(futures):
                results.append(future.result())
                if done:
                    done(index)
        except BaseException:     # the first error stops the build: drop the queued handouts
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return results
