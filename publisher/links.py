"""Links between the publications, checked once every source is known.

A link of the content is one of:

- an address with a scheme (``https:``, ``mailto:``) or a fragment of the same page (``#x``):
  left as it is;
- another publication's source, ``victory-day-background.md`` (relative to the source) or
  ``content/victory-day-background.md`` (relative to the project), with an optional
  ``#fragment``: it points at that publication's page in the same language
  (``victory-day-background.html``), on the web and, through the site's base_url, on paper;
- a publication's page or a language's index as the export names it (``victory-day-2024.html``,
  ``index.html``): left as it is.

Anything else (a missing publication, a file the export does not publish, a path from the
server's root) would be a dead link on the site: an error at the link's line.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

from .errors import SourceError

PAGE_SUFFIX = ".html"


def link_pages(source_path: str, links: Iterable[tuple[str, int]], by_path: dict[str, str]
               ) -> tuple[dict[str, str], list[SourceError]]:
    """For the links (href, line) of the source at ``source_path``, given every publication
    (source path -> slug): each link to another publication -> its page in the same language,
    and an error for every link that leads nowhere."""
    slugs = set(by_path.values())
    pages: dict[str, str] = {}
    errors: list[SourceError] = []
    for href, line in links:
        parts = urlsplit(href)
        if parts.scheme or href.startswith(("#", "//")) or not href:
            continue
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        path = unquote(parts.path)
        problem = None
        if path.startswith("/"):
            problem = (f"link {href}: a path from the server's root does not work in the "
                       "export; write the full address (https://…) or link a publication's .md")
        elif path.endswith(".md"):
            here = posixpath.normpath(posixpath.join(posixpath.dirname(source_path), path))
            slug = by_path.get(here) or by_path.get(posixpath.normpath(path))
            if slug:
                pages[href] = f"{slug}{PAGE_SUFFIX}{fragment}"
            else:
                problem = (f"link to a missing publication: {href} (the publications are "
                           f"{', '.join(sorted(by_path))})")
        elif path.endswith(PAGE_SUFFIX) and "/" not in path:
            if path[: -len(PAGE_SUFFIX)] not in slugs | {"index"}:
                problem = (f"link to a missing page: {href} (link a publication by its source, "
                           f"e.g. {sorted(by_path)[0].rpartition('/')[2]})")
        else:
            problem = (f"link to {href}: the export has no such file; link a publication "
                       "(its .md) or a full address (https://…)")
        if problem:
            errors.append(SourceError(problem, source_path, line))
    return pages, errors
