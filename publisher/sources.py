"""English sources: Markdown with TOML front matter, cut into translatable segments.

A publication is read once into a :class:`Source`: its front matter and its body as a tuple of
:class:`Block`. Each translatable piece of text is a :class:`Segment`, which is both a gettext
message (for extraction) and a slot to fill (for rendering).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from markdown_it import MarkdownIt

from .config import PAGE_SIZES, SITE_DOMAIN, Project
from .errors import PublisherError, SourceError, raise_collected
from .fileio import read_text
from .limits import MAX_BLOCK_CHARS, MAX_SOURCE_BYTES
from .tomlutil import parse_toml

SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")
# "index" would replace a language's index page; "site" is the templates' gettext domain.
RESERVED_SLUGS = frozenset({"index", SITE_DOMAIN})
FENCE = "+++"


@dataclass(frozen=True)
class Segment:
    """One translatable message: its English text and where it stands in the source."""

    text: str
    line: int
    role: str   # said to the translator in the catalog's "#." comment


@dataclass(frozen=True)
class Block:
    kind: str                           # heading | paragraph | list | quote | rule
    segments: tuple[Segment, ...] = ()  # list items; quote paragraphs
    level: int = 0                      # heading level
    ordered: bool = False               # numbered list
    attribution: Segment | None = None  # the quote's "— Name" line


# Front-matter fields: name -> (translatable, required)
FIELDS: dict[str, tuple[bool, bool]] = {
    "title": (True, True),
    "subtitle": (True, False),
    "label": (True, False),
    "date": (False, True),
    "dateline": (True, False),
    "issuer": (True, False),
    "boilerplate": (True, False),      # "About the issuer" of a press release's handout
    "letterhead": (False, False),
    "address": (False, False),
    "telephone": (False, False),
    "fax": (False, False),
    "source": (False, False),
    "page_size": (False, False),
    "slug": (False, False),
}


@dataclass(frozen=True)
class Source:
    slug: str
    path: str                       # relative to the project, for references and messages
    date: dt.date
    fields: dict[str, Segment]      # translatable front matter, in FIELDS order
    facts: dict[str, object]        # the rest: address, telephone, letterhead, page_size …
    blocks: tuple[Block, ...]
    lines: dict[str, int] = field(repr=False, default_factory=dict)   # front-matter key -> line

    @property
    def segments(self) -> tuple[Segment, ...]:
        """Every message of the publication, in reading order."""
        found = list(self.fields.values())
        for block in self.blocks:
            found.extend(block.segments)
            if block.attribution:
                found.append(block.attribution)
        return tuple(found)

    def fact(self, name: str, default: object = None) -> object:
        return self.facts.get(name, default)


@lru_cache(maxsize=1)
def markdown() -> MarkdownIt:
    # CommonMark without raw HTML: authors and translators write Markdown, never markup.
    return MarkdownIt("commonmark", {"html": False}).disable("image")


def split_front_matter(text: str, path: str) -> tuple[str, int, str, int]:
    """Return (front matter, its first line, body, the body's first line)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        raise SourceError(f"a source starts with TOML front matter between '{FENCE}' lines", path, 1)
    for index in range(1, len(lines)):
        if lines[index].strip() == FENCE:
            return "\n".join(lines[1:index]), 2, "\n".join(lines[index + 1:]), index + 2
    raise SourceError(f"front matter opened on line 1 is never closed with '{FENCE}'", path, 1)


def _front_matter(data: dict, problem) -> tuple[dict[str, Segment], dict[str, object]]:
    """The translatable fields (as segments) and the facts of the front matter, checked."""
    fields: dict[str, Segment] = {}
    facts: dict[str, object] = {}
    for key in data:
        if key not in FIELDS:
            problem(f"unknown front-matter field {key!r} (known: {', '.join(FIELDS)})", key)
    for key, (translatable, required) in FIELDS.items():
        if key not in data:
            if required:
                problem(f"front matter lacks {key!r}")
            continue
        value = data[key]
        if key == "date":
            continue
        if key == "letterhead":
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                problem("letterhead must be a list of locale codes, e.g. [\"az\", \"en\"]", key)
            facts[key] = tuple(value) if isinstance(value, list) else ()
        elif not isinstance(value, str):
            problem(f"{key} must be a string", key)
        elif translatable:
            if not value.strip():
                problem(f"{key} is empty", key)
            fields[key] = Segment(value.strip(), 0, f"front matter: {key}")
        else:
            facts[key] = value
    return fields, facts


def _slug(facts: dict[str, object], path: str, problem) -> str:
    slug = str(facts["slug"]) if "slug" in facts else Path(path).stem
    where = "slug" if "slug" in facts else None
    if not SLUG.match(slug):
        problem(f"slug {slug!r} is not a safe file name: use lower-case letters, digits and "
                "hyphens (it names the output files)", where)
    elif slug in RESERVED_SLUGS:
        problem(f"slug {slug!r} is reserved; choose another (or set slug in the front matter)",
                where)
    return slug


def parse_source(text: str, path: str, default_page_size: str = "A4") -> Source:
    """Parse one publication (pure: no file access). Raises SourceError(s) with lines."""
    front, front_line, body, body_line = split_front_matter(text, path)
    data, lines = parse_toml(front, path, front_line, error=SourceError)
    errors: list[PublisherError] = []

    def problem(message: str, key: str | None = None) -> None:
        errors.append(SourceError(message, path, lines.get(key, front_line) if key else front_line))

    fields, facts = _front_matter(data, problem)
    fields = {key: replace(segment, line=lines.get(key, front_line))
              for key, segment in fields.items()}
    date = data.get("date")
    if "date" in data and not (isinstance(date, dt.date) and not isinstance(date, dt.datetime)):
        problem("date must be a TOML date such as 2024-11-08", "date")
        date = None
    slug = _slug(facts, path, problem)
    page_size = str(facts.setdefault("page_size", default_page_size))
    if page_size not in PAGE_SIZES:
        problem(f"page_size must be one of {', '.join(PAGE_SIZES)}, not {page_size!r}", "page_size")
    try:
        blocks = segment_markdown(body, path, body_line)
    except PublisherError as exc:
        errors.append(exc)
        blocks = ()
    raise_collected(errors)
    return Source(slug=slug, path=path, date=date, fields=fields, facts=facts,
                  blocks=blocks, lines=lines)


def _inline_text(content: str) -> str:
    # One message per paragraph: the author's line breaks inside it are not part of the text.
    return re.sub(r"[ \t]*\n[ \t]*", " ", content).strip()


def check_block_sizes(body: str, path: str, first_line: int = 1) -> None:
    """Refuse a block too long to be one message before markdown-it spends time on it."""
    line = first_line
    for chunk in re.split(r"(\n[ \t]*\n)", body):
        if len(chunk) > MAX_BLOCK_CHARS:
            raise SourceError(f"a block of {len(chunk):,} characters is too long "
                              f"(the limit is {MAX_BLOCK_CHARS:,}); split it into paragraphs",
                              path, line)
        line += chunk.count("\n")


class _Segmenter:
    """Walks markdown-it's block tokens, one method per kind of block."""

    def __init__(self, tokens: list, path: str, first_line: int):
        self.tokens, self.path, self.first_line = tokens, path, first_line
        self.index = 0

    def line_of(self, token) -> int:
        return self.first_line + (token.map[0] if token.map else 0)

    def inline_at(self, position: int, role: str) -> Segment:
        token = self.tokens[position]
        return Segment(_inline_text(token.content), self.line_of(token), role)

    def error(self, message: str, token) -> SourceError:
        return SourceError(message, self.path, self.line_of(token))

    def blocks(self) -> list[Block]:
        blocks = []
        while self.index < len(self.tokens):
            token = self.tokens[self.index]
            kind = token.type
            if kind == "heading_open":
                level = int(token.tag[1])
                blocks.append(Block("heading", (self.inline_at(self.index + 1, f"heading {level}"),),
                                    level=level))
                self.index += 3
            elif kind == "paragraph_open":
                blocks.append(Block("paragraph", (self.inline_at(self.index + 1, "paragraph"),)))
                self.index += 3
            elif kind == "hr":
                blocks.append(Block("rule"))
                self.index += 1
            elif kind in ("bullet_list_open", "ordered_list_open"):
                blocks.append(self.list_block(kind))
            elif kind == "blockquote_open":
                blocks.append(self.quote())
            elif kind in ("fence", "code_block"):
                raise self.error("code blocks are not supported in a publication", token)
            else:
                raise self.error(f"unsupported Markdown ({kind})", token)
        return blocks

    def list_block(self, kind: str) -> Block:
        close = kind.replace("_open", "_close")
        items: list[Segment] = []
        self.index += 1
        while self.tokens[self.index].type != close:
            inner = self.tokens[self.index]
            if inner.type == "inline":
                items.append(self.inline_at(self.index, "list item"))
            elif inner.type in ("bullet_list_open", "ordered_list_open", "blockquote_open",
                                "fence", "code_block", "heading_open"):
                raise self.error("a list item may hold only text (no nested lists, quotes or "
                                 "code)", inner)
            self.index += 1
        self.index += 1
        return Block("list", tuple(items), ordered=kind == "ordered_list_open")

    def quote(self) -> Block:
        paragraphs: list[Segment] = []
        self.index += 1
        while self.tokens[self.index].type != "blockquote_close":
            inner = self.tokens[self.index]
            if inner.type == "inline":
                paragraphs.append(self.inline_at(self.index, "quotation"))
            elif inner.type not in ("paragraph_open", "paragraph_close"):
                raise self.error("a quotation may hold only paragraphs", inner)
            self.index += 1
        self.index += 1
        attribution = None
        if len(paragraphs) > 1 and paragraphs[-1].text.startswith(("—", "--")):
            last = paragraphs.pop()
            attribution = Segment(last.text, last.line, "quotation attribution")
        return Block("quote", tuple(paragraphs), attribution=attribution)


def segment_markdown(body: str, path: str, first_line: int = 1) -> tuple[Block, ...]:
    """Cut a Markdown body into blocks of segments. Unsupported constructs are errors."""
    check_block_sizes(body, path, first_line)
    blocks = _Segmenter(markdown().parse(body), path, first_line).blocks()
    for block in blocks:
        for segment in block.segments:
            if not segment.text:
                raise SourceError("empty block", path, segment.line)
    return tuple(blocks)


def messages(sources: tuple[Source, ...]) -> dict[str, tuple[str, ...]]:
    """What each publication's catalogs should hold now, by domain: every message of its
    sources, once (as publisher extract writes them into its template)."""
    return {source.slug: tuple(dict.fromkeys(segment.text for segment in source.segments))
            for source in sources}


def domains(sources: tuple[Source, ...]) -> tuple[str, ...]:
    """The project's catalog domains: ``site`` first, then one per publication."""
    return (SITE_DOMAIN, *(source.slug for source in sources))


def load_sources(project: Project) -> tuple[Source, ...]:
    """Read every ``content/*.md``; all problems in all files are reported together."""
    files = sorted(project.content_dir.glob("*.md"))
    if not files:
        raise SourceError("no publications (*.md) in content/", project.relative(project.content_dir))
    sources: list[Source] = []
    errors: list[PublisherError] = []
    seen: dict[str, str] = {}
    known = {loc.code for loc in project.locales}
    for file in files:
        relative = project.relative(file)
        try:
            source = parse_source(read_text(file, relative, SourceError, MAX_SOURCE_BYTES), relative,
                                  project.page_size)
        except PublisherError as exc:
            errors.extend(exc.errors)
            continue
        for code in source.fact("letterhead", ()):
            if code not in known:
                errors.append(SourceError(f"letterhead names {code!r}, which is not one of the "
                                          f"project's locales ({', '.join(sorted(known))})",
                                          relative, source.lines.get("letterhead")))
        # Two slugs that differ only in case clash on macOS and Windows file systems.
        key = source.slug.casefold()
        if key in seen:
            errors.append(SourceError(f"slug {source.slug!r} is already used by {seen[key]}", relative))
        seen[key] = relative
        sources.append(source)
    raise_collected(errors)
    return tuple(sources)
