"""PDF handouts through WeasyPrint: the only module that imports it, and only when called.

Resources load through :class:`ProjectFetcher`, which serves files from the project's own
asset folders and refuses everything else (no network, no file outside the project).
"""

from __future__ import annotations

import contextlib
import ctypes.util
import datetime as dt
import hashlib
import logging
import mimetypes
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .errors import DependencyError, OutputError

INSTALL_HINT = ("install the system libraries WeasyPrint needs (Debian/Ubuntu: apt-get install "
                "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0; macOS: brew install pango)")


def harfbuzz_subset_available() -> bool:
    """Without libharfbuzz-subset WeasyPrint falls back to fontTools: ~3x slower PDFs."""
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
            if parts.scheme != "file":
                raise Refused(f"refused to load {url}: handouts load only the project's own files")
            path = Path(unquote(parts.path)).resolve()   # resolve: a symlink may point outside
            if not any(path.is_relative_to(root) for root in roots):
                raise Refused(f"refused to load {path}: it is outside the project's asset folders")
            if not path.is_file():
                raise Refused(f"resource not found: {path}")
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})

    return ProjectFetcher, Refused


@contextlib.contextmanager
def _source_date(date: dt.date) -> Iterator[None]:
    # fontTools (WeasyPrint's fallback subsetter) stamps fonts with the time unless this is set.
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    epoch = int(dt.datetime.combine(date, dt.time(), dt.timezone.utc).timestamp())
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def render_pdf(html: str, base_dir: Path, allowed: tuple[Path, ...], date: dt.date) -> bytes:
    """Render one handout. Same HTML and assets give the same bytes."""
    weasyprint = _weasyprint()
    fetcher_class, refused = make_fetcher(allowed)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    try:
        with _source_date(date):
            document = weasyprint.HTML(string=html, base_url=base_dir.as_uri() + "/",
                                       url_fetcher=fetcher_class())
            return document.write_pdf(pdf_identifier=identifier, custom_metadata=True)
    except refused as exc:
        raise OutputError(str(exc)) from None
    except RecursionError:
        raise OutputError("the document is nested too deeply to lay out") from None
