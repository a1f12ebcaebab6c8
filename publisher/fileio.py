"""File I/O at the edges: reads that fail with ``path:line`` errors, and atomic writes.

Every file publisher reads from a project goes through :func:`open_confined`: it resolves
symlinks and refuses a file that is not where it must be (a template that is a symlink to
``/etc/shadow``), that is no regular file (a FIFO, ``/dev/zero``) or that is over its size
limit, all before the first byte is read.

A reader sees each output either as it was or as it is now, never half of either; and a
command that writes several files stages all of them before it replaces any. Temporary files
are named ``.<name>.publisher-<random>.tmp``, so that publisher only ever removes its own.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO

from .errors import OutputError, PublisherError
from .limits import megabytes

_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
# .<name>.publisher-<mkstemp's 8 random characters>.tmp
TEMPORARY_MARK = ".publisher-"
TEMPORARY = re.compile(r"\..+\.publisher-[a-z0-9_]{8}\.tmp")
CHUNK = 1 << 20          # what a digest reads at a time


def _folders(roots: Iterable[Path]) -> str:
    names = [f"{root.name}/" for root in roots]
    return f"the project's {' and '.join(names)} folder{'s' if len(names) > 1 else ''}"


@contextlib.contextmanager
def open_confined(path: Path, display: str, error: type[PublisherError] = PublisherError,
                  limit: int | None = None, roots: Iterable[Path] | None = None) -> Iterator[BinaryIO]:
    """``path`` opened for reading, once it is known to be a regular file no larger than
    ``limit`` and, with ``roots``, inside one of those folders after every symlink is resolved
    (a symlink whose target is inside is fine). The checks hold for the file that is opened:
    the resolved path is opened without following a link, and the open file is the one sized."""
    try:
        real = path.resolve()     # where it leads, existing or not: judged before it is opened
        if roots is not None:
            roots = tuple(roots)
            if not any(real.is_relative_to(root.resolve()) for root in roots):
                where = Path(os.path.normpath(path.absolute()))
                inside = any(where.is_relative_to(root.absolute()) for root in roots)
                raise error(f"a symlink to {real}, outside {_folders(roots)}; copy the file into "
                            "the project instead" if inside else f"outside {_folders(roots)}",
                            display)
        fd = os.open(real, os.O_RDONLY | _NO_FOLLOW)
    except FileNotFoundError:
        raise error("file not found", display) from None
    except IsADirectoryError:
        raise error("is a folder, not a file", display) from None
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror}", display) from None
    except RuntimeError:        # pathlib's word for a loop of symlinks
        raise error("cannot read: a loop of symbolic links", display) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise error("is a folder, not a file", display)
        if not stat.S_ISREG(info.st_mode):
            raise error("not a regular file (a device, a pipe or a socket)", display)
        if limit is not None and info.st_size > limit:
            raise error(f"too large to read: {megabytes(info.st_size)}, the limit is "
                        f"{megabytes(limit)}", display)
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as handle:
        yield handle


def read_bytes(path: Path, display: str, error: type[PublisherError] = PublisherError,
               limit: int | None = None, roots: Iterable[Path] | None = None) -> bytes:
    """The file's bytes, through :func:`open_confined` (the size checked before the read, and
    again by the read: a file that grows meanwhile is not read on past ``limit``)."""
    with open_confined(path, display, error, limit, roots) as handle:
        try:
            data = handle.read() if limit is None else handle.read(limit + 1)
        except OSError as exc:
            raise error(f"cannot read: {exc.strerror}", display) from None
    if limit is not None and len(data) > limit:
        raise error(f"too large to read: over {megabytes(limit)}, the limit", display)
    return data


def read_text(path: Path, display: str, error: type[PublisherError] = PublisherError,
              limit: int | None = None, roots: Iterable[Path] | None = None) -> str:
    data = read_bytes(path, display, error, limit, roots)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error("not valid UTF-8", display, line) from None


def _encode(data: bytes | str) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def _unchanged(path: Path, payload: bytes) -> bool:
    try:
        return path.is_file() and path.stat().st_size == len(payload) and path.read_bytes() == payload
    except OSError:
        return False


def _stage(path: Path, payload: bytes) -> str:
    if path.is_dir():
        raise OutputError("a folder stands where this file must be written", str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}{TEMPORARY_MARK}", suffix=".tmp",
                                   dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}", str(path)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.chmod(tmp, 0o644)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _fsync(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync(paths: list[str]) -> None:
    """Every staged file on disk before any rename (so that a power cut cannot leave a renamed
    but empty file). fsync waits for the disk and releases the GIL: in threads, the file
    system commits them together, 2-3x faster than one after another for a site's pages."""
    if len(paths) < 4:
        for path in paths:
            _fsync(path)
        return
    with ThreadPoolExecutor(max_workers=min(16, len(paths))) as pool:
        list(pool.map(_fsync, paths))


def write_all(files: dict[Path, bytes | str]) -> list[Path]:
    """Write every file or none: stage each in a temporary file beside its target, then rename
    them all. Files that already hold these bytes are left alone (and keep their mtime).
    Returns the paths that changed."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            payload = _encode(data)
            if not _unchanged(path, payload):
                staged.append((_stage(path, payload), path))
        _sync([tmp for tmp, _ in staged])
    except BaseException:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise
    for tmp, path in staged:
        os.replace(tmp, path)
    return [path for _, path in staged]


def remove_stale_temporaries(folders: Iterable[Path]) -> list[Path]:
    """Delete the temporary files a killed write of publisher left in ``folders`` (not in
    their subfolders): ``.<name>.publisher-<random>.tmp`` as _stage names them, and nothing
    else, whoever's it is. Call it only while holding the folders' lock (publisher.build.lock)."""
    removed = []
    for folder in dict.fromkeys(folders):
        try:
            entries = list(os.scandir(folder))
        except OSError:          # missing, or no folder: nothing of ours in it
            continue
        for entry in entries:
            if TEMPORARY.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                Path(entry.path).unlink(missing_ok=True)
                removed.append(Path(entry.path))
    return removed


def take_lock(fd: int, waiting: Callable[[str], None] | None, why: str) -> None:
    """Hold an exclusive flock on ``fd``; when another process holds it, tell ``waiting`` why
    we wait, then wait."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        if waiting:
            waiting(why)
        fcntl.flock(fd, fcntl.LOCK_EX)


@contextlib.contextmanager
def folder_lock(folder: Path, waiting: Callable[[str], None] | None = None) -> Iterator[Path]:
    """Hold the lock of ``folder`` itself (flock on the folder: nothing is written into it)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise OutputError(f"cannot lock the folder: {exc.strerror}", str(folder)) from None
    try:
        take_lock(fd, waiting, f"waiting: another publisher command is writing to {folder}")
        yield folder
    finally:
        os.close(fd)      # releases the lock


def write_atomic(path: Path, data: bytes | str) -> bool:
    """Write one file through a temporary file and a rename; False when it was unchanged."""
    return bool(write_all({path: data}))
