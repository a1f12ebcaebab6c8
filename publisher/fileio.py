"""File I/O at the edges: reads that fail with ``path:line`` errors, and atomic writes.

A reader sees each output either as it was or as it is now, never half of either; and a
command that writes several files stages all of them before it replaces any.
"""

from __future__ import annotations

import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .errors import OutputError, PublisherError
from .limits import megabytes


def read_bytes(path: Path, display: str, error: type[PublisherError] = PublisherError,
               limit: int | None = None) -> bytes:
    """The file's bytes; with ``limit``, a file larger than that is refused before it is read
    (untrusted input must not cost unbounded time or memory to parse)."""
    try:
        if limit is not None and (size := path.stat().st_size) > limit:
            raise error(f"too large to read: {megabytes(size)}, the limit is {megabytes(limit)}",
                        display)
        return path.read_bytes()
    except FileNotFoundError:
        raise error("file not found", display) from None
    except IsADirectoryError:
        raise error("is a folder, not a file", display) from None
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror}", display) from None


def read_text(path: Path, display: str, error: type[PublisherError] = PublisherError,
              limit: int | None = None) -> str:
    data = read_bytes(path, display, error, limit)
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
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
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


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Delete the temporary files a killed write left behind (``.<name>.<random>.tmp``, as
    _stage names them). Call it only while holding the folder's lock (publisher.lock)."""
    removed = []
    for path in folder.rglob(".*.tmp"):
        if path.is_file() and not path.is_symlink():
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def write_atomic(path: Path, data: bytes | str) -> bool:
    """Write one file through a temporary file and a rename; False when it was unchanged."""
    return bool(write_all({path: data}))
