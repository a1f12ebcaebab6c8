"""PDF handouts rendered in a pool of processes (publisher.build.parallel): the workers of a killed
build neither linger nor keep the output folder's lock."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from publisher.build.lock import LOCK_NAME

from helpers import ENV, PUBLISHER, multiply


def children(pid: int) -> list[int]:
    try:
        return [int(n) for n in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def descendants(pid: int) -> list[int]:
    """The processes ``pid`` started, and theirs (PDF workers are the fork server's children)."""
    return [found for child in children(pid) for found in (child, *descendants(child))]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_pdf_workers_of_a_killed_build_neither_linger_nor_keep_the_lock(sample_dir):
    import fcntl
    multiply(sample_dir, 6)
    process = subprocess.Popen([PUBLISHER, "-C", str(sample_dir), "build", "--format", "pdf", "--jobs", "2",
                                "-q"], env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while len(descendants(process.pid)) < 4 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    workers = descendants(process.pid)       # the fork server's children, the fork server, ...
    assert len(workers) >= 4, "the build started no PDF workers"
    commands = {pid: Path(f"/proc/{pid}/cmdline").read_bytes() for pid in workers}
    process.send_signal(signal.SIGKILL)
    process.wait()
    lock = os.open(sample_dir / "out" / LOCK_NAME, os.O_RDWR)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                assert time.monotonic() < deadline, "the killed build's workers still hold the lock"
                time.sleep(0.1)
    finally:
        os.close(lock)
    deadline = time.monotonic() + 30
    def running(pid: int) -> bool:
        try:
            return Path(f"/proc/{pid}/cmdline").read_bytes() == commands[pid]
        except OSError:
            return False
    while any(running(pid) for pid in workers):
        assert time.monotonic() < deadline, "the killed build's workers are still running"
        time.sleep(0.1)
