"""A small HTML checker for the tests: well-formed nesting, lang, links and assets."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class Page(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.lang: str | None = None
        self.doctype = False
        self.links: list[tuple[str, str, dict]] = []   # (tag, url, attrs)
        self.text: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.feed(text)
        self.close()
        if self.stack:
            self.problems.append(f"unclosed: {self.stack}")

    def handle_decl(self, decl):
        self.doctype = decl.lower() == "doctype html"

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "html":
            self.lang = attributes.get("lang")
        for name in ("href", "src"):
            if name in attributes:
                self.links.append((tag, attributes[name], attributes))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            self.problems.append(f"end tag for void element {tag}")
        elif not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)

    @property
    def body_text(self) -> str:
        return " ".join(" ".join(self.text).split())


def local_targets(page_file: Path, page: Page) -> list[tuple[str, Path]]:
    """The files a page's relative links and assets point at."""
    found = []
    for _, url, _ in page.links:
        parts = urlsplit(url)
        if parts.scheme or url.startswith(("#", "//")):
            continue
        found.append((url, (page_file.parent / parts.path).resolve()))
    return found


def html_pages(site: Path) -> list[Path]:
    """The pages of an export, but the 404 page."""
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def head_links(page: Page, rel: str) -> list[dict]:
    """The attributes of every <link rel=...> of a page."""
    return [attrs for tag, attrs in page.tags if tag == "link" and attrs.get("rel") == rel]
