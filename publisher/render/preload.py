"""Imported by the fork server of the PDF workers (publisher.build.parallel) before it forks
them: WeasyPrint loaded once, not once per worker. A machine without Pango cannot load it;
the fork server must still start, and each worker then reports the missing library itself
(publisher.render.pdf._weasyprint)."""

import contextlib

with contextlib.suppress(OSError, ImportError):
    import weasyprint  # noqa: F401
