"""The images of the content: each file found under ``content/``, kept there, and measured.

An image of a source (``![alt](images/photo.jpg "caption")``) names a file relative to the
source's folder. The file must stay inside ``content/`` once every ``..`` and symbolic link is
resolved (the web export copies it and the handout embeds it: a path leading elsewhere would
publish a file of the build machine; it is read as every file of a project is, by
:func:`publisher.fileio.read_bytes`), must be PNG, JPEG, GIF or WebP (what browsers and
WeasyPrint both show), and within the limits of :mod:`publisher.limits`. Its width and height
go into the ``<img>`` so that a page does not jump while it loads. Pillow reads only the
header: nothing is decoded.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
from dataclasses import dataclass
from pathlib import Path

from .errors import SourceError
from .fileio import read_bytes
from .limits import MAX_IMAGE_PIXELS, MAX_RESOURCE_BYTES

# Pillow's format names -> what the export serves them as.
FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "GIF": "GIF", "WEBP": "WebP"}


@dataclass(frozen=True)
class ImageFile:
    path: str           # relative to the project: content/images/x.png
    name: str           # relative to content/: its place under the web export's media/
    width: int
    height: int
    sha256: str


def measure_image(src: str, line: int, source_path: str, root: Path, content_dir: Path) -> ImageFile:
    """The file an image of ``source_path`` names (``src``, relative to the source): its
    place, size and digest; a SourceError at ``line`` when the file is missing, outside
    ``content/``, too large or not an image we publish."""
    from PIL import Image as Pillow  # WeasyPrint's own image library
    from PIL import UnidentifiedImageError

    def refuse(message: str) -> SourceError:
        return SourceError(message, source_path, line)

    written = posixpath.normpath(posixpath.join(posixpath.dirname(source_path), src))
    path = root / written
    if not (path.exists() or path.is_symlink()):
        raise refuse(f"image not found: {written} (named {src})")
    try:        # as every file of the project is read: no link out of content/, sized, regular
        data = read_bytes(path, written, SourceError, MAX_RESOURCE_BYTES, (content_dir,))
    except SourceError as exc:
        raise refuse(f"the image {src}: {exc.message}") from None
    content, target = content_dir.resolve(), path.resolve()
    try:
        with Pillow.open(io.BytesIO(data)) as opened:
            kind, (width, height) = opened.format, opened.size
    except Pillow.DecompressionBombError:
        kind, width, height = "?", MAX_IMAGE_PIXELS, MAX_IMAGE_PIXELS
    except (UnidentifiedImageError, OSError, ValueError):
        raise refuse(f"{written} is not an image Pillow can read: use PNG, JPEG, GIF or WebP") from None
    if width * height > MAX_IMAGE_PIXELS:
        raise refuse(f"the image {written} has {width} x {height} pixels, over the limit of "
                     f"{MAX_IMAGE_PIXELS:,}: export it smaller")
    if kind not in FORMATS:
        raise refuse(f"the image {written} is {kind}, which browsers and the PDF do not all "
                     f"show: convert it to {', '.join(FORMATS.values())}")
    return ImageFile(path=target.relative_to(root.resolve()).as_posix(),
                     name=target.relative_to(content).as_posix(), width=width, height=height,
                     sha256=hashlib.sha256(data).hexdigest())
