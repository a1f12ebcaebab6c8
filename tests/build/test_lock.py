"""One build at a time per output folder (publisher.build.lock): a second build waits and says
why."""

import os
import subprocess
import time

from publisher.build.lock import LOCK_NAME, output_lock

from helpers import ENV, PUBLISHER


def test_a_second_build_waits_for_the_first_and_says_why(sample_dir):
    out = sample_dir / "out"
    with output_lock(out):
        process = subprocess.Popen([PUBLISHER, "-C", str(sample_dir), "build", "--format", "html", "-q"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
        waited = ""
        deadline = time.monotonic() + 60
        while "waiting" not in waited and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.1)
            waited = (out / LOCK_NAME).exists() and _peek(process)
        assert process.poll() is None, "the second build did not wait for the lock"
        assert not (out / "index.html").exists()
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    assert f"waiting: another build is writing to {out}" in waited + stderr
    assert (out / "index.html").exists()


def _peek(process: subprocess.Popen) -> str:
    """What the process has written to stderr so far, without blocking."""
    import select
    ready, _, _ = select.select([process.stderr], [], [], 0)
    return os.read(process.stderr.fileno(), 4096).decode() if ready else ""
