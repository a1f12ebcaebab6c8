"""PDF handouts through WeasyPrint: the only module that imports it, and only when called.

Resources load through :class:`ProjectFetcher`, which serves files from the project's own
asset folders and refuses everything else (no network, no file outside the project).

Every handout is written as the PDF/A or PDF/UA variant of publisher.toml's [pdf] variant
(recorded in its XMP metadata) and is a tagged PDF whatever the variant: structure tree,
/Lang, MarkInfo, DisplayDocTitle, an outline from the headings. Its dates are the publication's
date and its document ID a hash of its HTML, so the same sources give the same bytes.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import datetime as dt
import functools
import hashlib
import io
import logging
import mimetypes
import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..config import DEFAULT_PDF_VARIANT
from ..errors import DependencyError, OutputError
from ..fileio import read_bytes
from ..limits import MAX_DATA_URL_BYTES, MAX_IMAGE_PIXELS, MAX_RESOURCE_BYTES, megabytes

INSTALL_HINT = ("install the system libraries WeasyPrint needs (Debian/Ubuntu: apt-get install "
                "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0; macOS: brew install pango)")


@functools.cache
def harfbuzz_subset_available() -> bool:
    """Without libharfbuzz-subset WeasyPrint falls back to fontTools: ~3x slower PDFs."""
    # dlopen by the names WeasyPrint itself tries first (~1 ms); find_library runs ldconfig
    # or a compiler (~150 ms), too slow for every build's start.
    for name in ("libharfbuzz-subset.so.0", "libharfbuzz-subset.0.dylib"):
        try:
            ctypes.CDLL(name)
            return True
        except OSError:
            pass
    return ctypes.util.find_library("harfbuzz-subset") is not None


def _weasyprint():
    try:
        import weasyprint
    except OSError as exc:   # cffi could not dlopen Pango or its friends
        raise DependencyError(f"WeasyPrint cannot start: {exc}; {INSTALL_HINT}") from None
    return weasyprint


def pdf_support() -> str | None:
    """A warning about the PDF toolchain, or None when all is well."""
    if not harfbuzz_subset_available():
        return ("libharfbuzz-subset is missing: PDFs will be ~3x slower to build "
                "(Debian/Ubuntu: apt-get install libharfbuzz-subset0)")
    return None


def make_fetcher(allowed: tuple[Path, ...]):
    """A URLFetcher (WeasyPrint 70 wants a subclass) confined to ``allowed`` folders."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class Refused(FatalURLFetchingError):
        pass

    roots = tuple(path.resolve() for path in allowed)

    class ProjectFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "data":
                if len(url) > MAX_DATA_URL_BYTES:
                    raise Refused(f"refused a data: URL of {megabytes(len(url))}: the limit is "
                                  f"{megabytes(MAX_DATA_URL_BYTES)}; put the file in templates/")
                return checked(url, super().fetch(url, headers))
            if parts.scheme != "file":
                raise Refused(f"refused to load {url}: handouts load only the project's own files")
            path = Path(unquote(parts.path))
            try:      # as every file of the project is read: confined, sized, regular
                body = read_bytes(path, str(path), OutputError, MAX_RESOURCE_BYTES, roots)
            except OutputError as exc:
                raise Refused(f"refused to load {path}: {exc.message}") from None
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return checked(url, URLFetcherResponse(url, body, {"Content-Type": mime}))

    def checked(url: str, response):
        """Refuse an image too large to decode in bounded memory (judged by its header)."""
        body = response.read()
        from PIL import Image, UnidentifiedImageError  # WeasyPrint's own image library
        try:
            with Image.open(io.BytesIO(body)) as image:
                width, height = image.size
        except Image.DecompressionBombError:
            width = height = MAX_IMAGE_PIXELS       # far over the limit: Pillow will not open it
        except (UnidentifiedImageError, OSError, ValueError):
            width = height = 0    # not a raster image (CSS, a font, SVG): WeasyPrint judges it
        if width * height > MAX_IMAGE_PIXELS:
            raise Refused(f"refused the image {url[:80]}: {width} x {height} pixels is over "
                          f"the limit of {MAX_IMAGE_PIXELS:,} pixels")
        return URLFetcherResponse(url, body, response.headers)

    return ProjectFetcher, Refused


@contextlib.contextmanager
def _source_date(date: dt.date) -> Iterator[None]:
    # fontTools (WeasyPrint's fallback subsetter, used only without libharfbuzz-subset) stamps
    # fonts with the time unless SOURCE_DATE_EPOCH is set. HarfBuzz stamps nothing, so the
    # process environment is touched only on the fallback path.
    if "SOURCE_DATE_EPOCH" in os.environ or harfbuzz_subset_available():
        yield
        return
    epoch = int(dt.datetime.combine(date, dt.time(), dt.UTC).timestamp())
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


# What XML 1.0 cannot hold (the XMP packet is XML): C0 controls but tab and line breaks,
# surrogates, U+FFFE and U+FFFF. The catalog reader refuses them in a translation; a source's
# title may still carry one, and the metadata drops it rather than fail.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(value):
    if isinstance(value, str):
        return NOT_XML.sub("", value)
    if isinstance(value, (list, tuple)):
        return type(value)(_xml_safe(item) for item in value)
    return value


def archive_metadata(metadata):
    """WeasyPrint's document metadata, plus the language in the XMP packet (dc:language), which
    WeasyPrint writes only to the catalog's /Lang; text XML cannot hold left out."""
    from xml.etree.ElementTree import SubElement, fromstring, tostring

    from weasyprint.pdf.metadata import NS, DocumentMetadata

    class ArchiveMetadata(DocumentMetadata):
        def generate_rdf_metadata(self, variant, version, conformance):
            rdf = fromstring(super().generate_rdf_metadata(variant, version, conformance))
            if self.lang:
                description = SubElement(rdf, f"{{{NS['rdf']}}}Description")
                description.attrib[f"{{{NS['rdf']}}}about"] = ""
                bag = SubElement(SubElement(description, f"{{{NS['dc']}}}language"),
                                 f"{{{NS['rdf']}}}Bag")
                SubElement(bag, f"{{{NS['rdf']}}}li").text = self.lang
            return tostring(rdf, encoding="utf-8")

    return ArchiveMetadata(**{name: _xml_safe(value) for name, value in vars(metadata).items()})


def render_pdf(html: str, base_dir: Path, allowed: tuple[Path, ...], date: dt.date,
               variant: str = DEFAULT_PDF_VARIANT) -> bytes:
    """Render one handout as a tagged PDF of ``variant``. Same HTML and assets give the same
    bytes."""
    weasyprint = _weasyprint()
    fetcher_class, refused = make_fetcher(allowed)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    # render() needs them too: a PDF/A variant sets the output intent (sRGB) during layout.
    options = {"pdf_identifier": identifier, "custom_metadata": True, "pdf_variant": variant,
               "pdf_tags": True}
    try:
        with _source_date(date):
            document = weasyprint.HTML(string=html, base_url=base_dir.as_uri() + "/",
                                       url_fetcher=fetcher_class()).render(**options)
            document.metadata = archive_metadata(document.metadata)
            return document.write_pdf(**options)
    except refused as exc:
        raise OutputError(str(exc)) from None
    except RecursionError:
        raise OutputError("the document is nested too deeply to lay out") from None
