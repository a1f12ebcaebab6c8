"""Incremental builds: a manifest in the output folder records what each output was made from.

Two levels, both keyed by SHA-256 digests:

- the whole build: a digest of every input file the build reads (publisher.toml, content/,
  the .po catalogs, templates/ with its CSS and fonts), the build's options, publisher's and
  its libraries' versions and SOURCE_DATE_EPOCH. When it matches the manifest and every
  output on disk is still the one the manifest describes (size and SHA-256), nothing is read,
  rendered or written: a no-op build costs the hashing of the inputs.
- each PDF handout: a digest of the handout's own HTML (which holds its source segments, its
  catalog's translations, the template and the settings) with the templates folder (CSS,
  fonts) and the tool versions. A handout whose digest is unchanged and whose file is intact
  is not rendered again; WeasyPrint is the cost of a build, so editing one catalog re-renders
  only the handouts that catalog changes. Web pages are cheap: they are rendered every time
  and written only when their bytes change (fileio.write_all).

The manifest is written after the outputs, atomically. Killed in between, the old manifest
describes files that are no longer there as it says (their digest changed), so the next build
re-renders them: a stale manifest can cost time, never a wrong output.

The manifest (and the lock file, publisher.lock) stay in the output folder, as Sphinx keeps its
.buildinfo there: they hold no time and no absolute path, so the folder is the same bytes after
every build of the same inputs; deploy it without them (rsync --exclude '.publisher*').
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .. import __version__
from ..config import PROJECT_FILE
from ..errors import (
    CatalogError,
    ConfigError,
    OutputError,
    PublisherError,
    SourceError,
    TemplateError,
)
from ..fileio import CHUNK, open_confined, read_bytes, write_atomic
from ..limits import MAX_CATALOG_BYTES, MAX_CONFIG_BYTES, MAX_RESOURCE_BYTES, MAX_SOURCE_BYTES
from ..render.site import resolve_output

MANIFEST_NAME = ".publisher-manifest.json"
FORMAT = 3
LIBRARIES = ("weasyprint", "pydyf", "jinja2", "babel", "markdown-it-py", "polib", "pyphen")


@dataclass(frozen=True)
class Recorded:
    digest: str          # of everything the output depends on ("" for outputs compared by bytes)
    size: int
    sha256: str          # of the file as written: the manifest holds no time, so two builds of
                         # the same inputs leave the same bytes in the output folder


@dataclass(frozen=True)
class Manifest:
    inputs: str = ""                                     # the last build's input digest
    outputs: dict[str, Recorded] = field(default_factory=dict)
    built: tuple[str, ...] = ()                          # the outputs of the last build


def manifest_name(shard: tuple[int, int] | None = None) -> str:
    return MANIFEST_NAME if shard is None else f".publisher-manifest-{shard[0]}-of-{shard[1]}.json"


def _normal(name: str) -> str:
    return name.lower().replace("-", "_").replace(".", "_")


def tool_versions() -> str:
    """publisher's version and its rendering libraries', read from their dist-info folder
    names (importlib.metadata takes ~70 ms; a no-op build has a budget of well under 1 s)."""
    wanted = {_normal(name) for name in LIBRARIES}
    found = {f"publisher {__version__}", f"manifest format {FORMAT}"}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                dist, _, version = name[: -len(".dist-info")].partition("-")
                if _normal(dist) in wanted:
                    found.add(f"{_normal(dist)} {version}")
    return "; ".join(sorted(found))


def _limit(path: str) -> tuple[int, type[PublisherError]]:
    """The size limit the build applies to a file of this kind when it reads it, and the
    error that names the kind."""
    if path.endswith(".po"):
        return MAX_CATALOG_BYTES, CatalogError
    if path.endswith(".md"):
        return MAX_SOURCE_BYTES, SourceError
    return MAX_RESOURCE_BYTES, TemplateError


def _hash_tree(digest, root: Path, folder: Path, suffixes: tuple[str, ...] | None = None) -> None:
    """Every file under ``folder`` (sorted, by its path relative to ``root``), bytes and all,
    each opened as the build reads it (fileio.open_confined: sized before it is read, no
    symlink out of ``folder``) and hashed a chunk at a time. os.walk: pathlib's rglob costs
    more than hashing a catalog."""
    start = len(str(root)) + 1
    for directory, _, files in sorted(os.walk(folder)):
        for name in sorted(files):
            if suffixes is None or name.endswith(suffixes):
                path = os.path.join(directory, name)
                limit, error = _limit(name)
                with open_confined(Path(path), path[start:], error, limit, (folder,)) as handle:
                    digest.update(path[start:].encode("utf-8") + b"\0")
                    while chunk := handle.read(CHUNK):
                        digest.update(chunk)
                    digest.update(b"\0")


def assets_digest(templates_dir: Path) -> str:
    """Templates, CSS and fonts: what a handout loads besides its HTML; and which subsetter
    WeasyPrint will use (HarfBuzz and fontTools write different bytes)."""
    from ..render.pdf import harfbuzz_subset_available  # no WeasyPrint: a ctypes probe
    digest = hashlib.sha256(f"{tool_versions()}; harfbuzz-subset {harfbuzz_subset_available()}"
                            .encode())
    _hash_tree(digest, templates_dir, templates_dir)
    return digest.hexdigest()


def input_digest(project, options_text: str, environment: str = "") -> str:
    """Everything a build reads, its options and the tools: equal digests, equal outputs."""
    digest = hashlib.sha256(f"{tool_versions()}\n{options_text}\n{environment}\n"
                            f"SOURCE_DATE_EPOCH={os.environ.get('SOURCE_DATE_EPOCH', '')}\n"
                            .encode())
    config = project.root / PROJECT_FILE
    digest.update(read_bytes(config, PROJECT_FILE, ConfigError, MAX_CONFIG_BYTES)
                  if config.is_file() else b"")
    _hash_tree(digest, project.root, project.content_dir)
    _hash_tree(digest, project.root, project.locales_dir, (".po",))
    _hash_tree(digest, project.root, project.templates_dir)
    return digest.hexdigest()


def handout_digest(html: str, assets: str) -> str:
    return hashlib.sha256(assets.encode("ascii") + b"\0" + html.encode("utf-8")).hexdigest()


def read_manifest(folder: Path, name: str = MANIFEST_NAME) -> Manifest:
    """The manifest of the last build, or an empty one (a missing or unreadable manifest only
    means that everything is rendered again)."""
    try:
        data = json.loads((folder / name).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return Manifest()
        return Manifest(inputs=data["inputs"],
                        outputs={path: Recorded(**entry) for path, entry in data["outputs"].items()},
                        built=tuple(data["built"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return Manifest()


def intact(folder: Path, relative: str, recorded: Recorded | None) -> bool:
    """Is the output still the file the manifest describes?"""
    if recorded is None:
        return False
    try:
        path = folder / relative
        return path.stat().st_size == recorded.size and file_sha256(path) == recorded.sha256
    except OSError:
        return False


def file_sha256(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def all_intact(folder: Path, manifest: Manifest) -> bool:
    """Are the last build's outputs all still on disk as it left them?"""
    return bool(manifest.inputs and manifest.built) and all(
        intact(folder, rel, manifest.outputs.get(rel)) for rel in manifest.built)


def write_manifest(folder: Path, name: str, inputs: str, digests: dict[str, str],
                   last: Manifest) -> None:
    """Record this build's outputs as they are on disk now (after they were written), and keep
    what the last manifest says of other outputs still intact (a build of one locale must not
    make the next full build render every other locale's handouts again)."""
    outputs = {relative: vars(recorded) for relative, recorded in last.outputs.items()
               if relative not in digests and intact(folder, relative, recorded)}
    for relative in digests:
        path = folder / relative
        outputs[relative] = {"digest": digests[relative], "size": path.stat().st_size,
                             "sha256": file_sha256(path)}
    data = {"format": FORMAT, "inputs": inputs, "built": sorted(digests),
            "outputs": dict(sorted(outputs.items()))}
    write_atomic(folder / name, json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n")


def remove_stale(folder: Path, manifest: Manifest, produced: set[str]) -> tuple[str, ...]:
    """Delete the outputs ``manifest`` lists (``outputs`` and ``built``) that are not in
    ``produced``, then the folders that leaves empty; returns the files removed. A file the
    manifest does not list (the user's own) is never touched, nor one whose name differs from a
    produced output only in case (the same file on macOS and Windows), nor one that would lie
    outside ``folder`` (a manifest is a file anyone can edit)."""
    kept = {relative.casefold() for relative in produced}
    removed = []
    for relative in sorted({*manifest.outputs, *manifest.built}):
        if relative.casefold() in kept:
            continue
        try:
            path = resolve_output(folder, PurePosixPath(relative))
        except OutputError:
            continue
        try:
            if not path.is_file():
                continue
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise OutputError(f"cannot remove stale output {relative}: {exc.strerror}") from None
        removed.append(relative)
        _prune_empty(folder.resolve(), path.parent)
    return tuple(removed)


def _prune_empty(root: Path, directory: Path) -> None:
    """Remove ``directory`` and its parents up to ``root`` (kept) while they are empty."""
    while directory != root and directory.is_relative_to(root):
        try:
            directory.rmdir()       # refuses a folder that still holds anything
        except OSError:
            return
        directory = directory.parent


def shard_key(path: PurePosixPath) -> str:
    """A page and its PDF handout share a key (the PDF's size is printed on the page)."""
    return path.with_suffix("").as_posix()


def in_shard(path: PurePosixPath, shard: tuple[int, int] | None) -> bool:
    """Shard K of N (1-based) owns the outputs whose stable hash is K-1 modulo N."""
    if shard is None:
        return True
    number, count = shard
    value = int.from_bytes(hashlib.sha256(shard_key(path).encode("utf-8")).digest()[:8], "big")
    return value % count == number - 1


def parse_shard(text: str) -> tuple[int, int]:
    """'2/4' -> (2, 4); ValueError with a reason otherwise."""
    try:
        number, count = (int(part) for part in text.split("/"))
    except ValueError:
        raise ValueError(f"--shard takes K/N, e.g. 2/4, not {text!r}") from None
    if not 1 <= number <= count:
        raise ValueError(f"--shard {text}: K must be between 1 and N")
    return number, count
