"""English sources: Markdown with TOML front matter, cut into translatable segments.

A publication is read once into a :class:`Source`: its front matter and its body as a tuple of
:class:`Block`. Each translatable piece of text is a :class:`Segment`, which is both a gettext
message (for extraction) and a slot to fill (for rendering).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
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


def parse_source(text: str, path: str, default_page_size: str = "A4") -> Source:
    """Parse one publication (pure: no file access). Raises SourceError(s) with lines."""
    front, front_line, body, body_line = split_front_matter(text, path)
    data, lines = parse_toml(front, path, front_line, error=SourceError)
    errors: list[PublisherError] = []

    def problem(message: str, key: str | None = None) -> None:
        errors.append(SourceError(message, path, lines.get(key, front_line) if key else front_line))

    for key in data:
        if key not in FIELDS:
            problem(f"unknown front-matter field {key!r} (known: {', '.join(FIELDS)})", key)
    for key, (_, required) in FIELDS.items():
        if required and key not in data:
            problem(f"front matter lacks {key!r}")

    fields: dict[str, Segment] = {}
    facts: dict[str, object] = {}
    for key, (translatable, _) in FIELDS.items():
        if key not in data or key == "date":
            continue
        value = data[key]
        if key == "letterhead":
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                problem("letterhead must be a list of locale codes, e.g. [\"az\", \"en\"]", key)
            facts[key] = tuple(value) if isinstance(value, list) else ()
            continue
        if not isinstance(value, str):
            problem(f"{key} must be a string", key)
            continue
        if translatable:
            if not value.strip():
                problem(f"{key} is empty", key)
            fields[key] = Segment(value.strip(), lines.get(key, front_line), f"front matter: {key}")
        else:
            facts[key] = value

    date = data.get("date")
    if "date" in data and not (isinstance(date, dt.date) and not isinstance(date, dt.datetime)):
        problem("date must be a TOML date such as 2024-11-08", "date")
        date = None

    slug = str(facts["slug"]) if "slug" in facts else Path(path).stem
    if not SLUG.match(slug):
        problem(f"slug {slug!r} is not a safe file name: use lower-case letters, digits and "
                "hyphens (it names the output files)", "slug" if "slug" in facts else None)
    elif slug in RESERVED_SLUGS:
        problem(f"slug {slug!r} is reserved; choose another (or set slug in the front matter)",
                "slug" if "slug" in facts else None)
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


def segment_markdown(body: str, path: str, first_line: int = 1) -> tuple[Block, ...]:
    """Cut a Markdown body into blocks of segments. Unsupported constructs are errors."""
    check_block_sizes(body, path, first_line)
    tokens = markdown().parse(body)
    blocks: list[Block] = []
    index = 0

    def line_of(token) -> int:
        return first_line + (token.map[0] if token.map else 0)

    def inline_at(position: int, role: str) -> Segment:
        token = tokens[position]
        return Segment(_inline_text(token.content), line_of(token), role)

    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            level = int(token.tag[1])
            blocks.append(Block("heading", (inline_at(index + 1, f"heading {level}"),), level=level))
            index += 3
        elif kind == "paragraph_open":
            blocks.append(Block("paragraph", (inline_at(index + 1, "paragraph"),)))
            index += 3
        elif kind == "hr":
            blocks.append(Block("rule"))
            index += 1
        elif kind in ("bullet_list_open", "ordered_list_open"):
            close = kind.replace("_open", "_close")
            items: list[Segment] = []
            index += 1
            while tokens[index].type != close:
                inner = tokens[index]
                if inner.type == "inline":
                    items.append(inline_at(index, "list item"))
                elif inner.type in ("bullet_list_open", "ordered_list_open", "blockquote_open",
                                    "fence", "code_block", "heading_open"):
                    raise SourceError("a list item may hold only text (no nested lists, quotes "
                                      "or code)", path, line_of(inner))
                index += 1
            blocks.append(Block("list", tuple(items), ordered=kind == "ordered_list_open"))
            index += 1
        elif kind == "blockquote_open":
            paragraphs: list[Segment] = []
            index += 1
            while tokens[index].type != "blockquote_close":
                inner = tokens[index]
                if inner.type == "inline":
                    paragraphs.append(inline_at(index, "quotation"))
                elif inner.type not in ("paragraph_open", "paragraph_close"):
                    raise SourceError("a quotation may hold only paragraphs", path, line_of(inner))
                index += 1
            attribution = None
            if len(paragraphs) > 1 and paragraphs[-1].text.startswith(("—", "--")):
                last = paragraphs.pop()
                attribution = Segment(last.text, last.line, "quotation attribution")
            blocks.append(Block("quote", tuple(paragraphs), attribution=attribution))
            index += 1
        elif kind in ("fence", "code_block"):
            raise SourceError("code blocks are not supported in a publication", path, line_of(token))
        else:
            raise SourceError(f"unsupported Markdown ({kind})", path, line_of(token))
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
