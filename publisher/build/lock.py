"""The output folder is publisher's: a marker says publisher made it, and one build at a time
writes it, under an advisory lock (fcntl.flock) on a file in it.

A build writes only into a folder that is missing, empty or marked (``.publisher-output``, or
the manifest of an earlier build): never into a home folder or someone's web root that
publisher.toml's output_dir or -o happens to name.

Two builds writing into one folder would each stage and rename a consistent set of files, but
their manifests (publisher.build.incremental) could describe each other's outputs. The second build
waits for the first and says so. The kernel releases a flock when its process dies, even by
SIGKILL, so a crashed build never leaves a stale lock. The lock file stays empty, so that the
output folder holds the same bytes after every build of the same inputs. Commands that write
catalogs (update, init, extract, compile) lock locales/ in the same way
(:func:`publisher.fileio.folder_lock`, on the folder itself: no file is added to locales/).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import OutputError
from ..fileio import take_lock

LOCK_NAME = ".publisher.lock"
MARKER_NAME = ".publisher-output"
MARKER_TEXT = ("This folder is written by `publisher build`, which removes what it no longer makes.\n"
               "Deploy it without the files whose names start with .publisher.\n")
_HELD: set[int] = set()


def foreign_folder(folder: Path) -> bool:
    """Whether ``folder`` holds files publisher did not put there: it exists, is not empty and
    has neither the marker nor an earlier build's manifest or lock."""
    try:
        names = set(os.listdir(folder))
    except FileNotFoundError:
        return False
    except NotADirectoryError:
        return True
    return bool(names) and not (MARKER_NAME in names or LOCK_NAME in names or any(
        name.startswith(".publisher-manifest") for name in names))


def _close_in_child() -> None:
    for fd in _HELD:
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD.clear()


os.register_at_fork(after_in_child=_close_in_child)


@contextlib.contextmanager
def output_lock(folder: Path, waiting: Callable[[str], None] | None = None) -> Iterator[Path]:
    """Hold the lock of ``folder`` (created if need be); ``waiting`` hears why we wait."""
    path = folder / LOCK_NAME
    created = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise OutputError(f"cannot lock the output folder: {exc.strerror}", str(path)) from None
    # A child forked while the lock is held (a PDF worker) must not keep it alive after the
    # build: flock belongs to the open file, and a child's copy of the descriptor would hold it.
    _HELD.add(fd)
    try:
        take_lock(fd, waiting, f"waiting: another build is writing to {folder} (lock file {LOCK_NAME})")
        yield path
    except BaseException:
        if created:       # a build that failed leaves no trace: not even the folder it made
            path.unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    finally:
        _HELD.discard(fd)
        os.close(fd)      # releases the lock
