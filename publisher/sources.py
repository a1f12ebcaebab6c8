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
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from .config import PAGE_SIZES, SITE_DOMAIN, Project
from .errors import PublisherError, SourceError, raise_collected
from .fileio import read_text
from .images import measure_image
from .limits import MAX_BLOCK_CHARS, MAX_SOURCE_BYTES
from .links import link_pages
from .tomlutil import parse_toml

SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")
# "index" would replace a language's index page; "site" is the templates' gettext domain.
RESERVED_SLUGS = frozenset({"index", SITE_DOMAIN})
# Names Windows keeps for devices, with any extension: no file there may be called con.html
# or con.pot, so a checkout of the project or the export would fail.
WINDOWS_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)),
                             *(f"lpt{n}" for n in range(1, 10))})
FENCE = "+++"


@dataclass(frozen=True)
class Segment:
    """One translatable message: its English text and where it stands in the source."""

    text: str
    line: int
    role: str   # said to the translator in the catalog's "#." comment


@dataclass(frozen=True)
class Image:
    """An image of the content: where the source points (``src``, relative to the source's
    folder) and, once :mod:`publisher.images` has found and measured the file, what it is."""

    src: str
    line: int
    path: str = ""          # relative to the project: content/images/x.png
    name: str = ""          # relative to content/, its place under the web export's media/
    width: int = 0
    height: int = 0
    sha256: str = ""


@dataclass(frozen=True)
class Reference:
    """A link of the content as written (markdown-it's normalized href) and its line."""

    href: str
    line: int


@dataclass(frozen=True)
class Block:
    """One block of the body. ``segments`` are its messages; ``children`` its inner blocks."""

    # heading | paragraph | list | item | quote | rule | figure | table | row | footnotes | footnote
    kind: str
    segments: tuple[Segment, ...] = ()  # paragraph; item paragraphs; quote paragraphs; figure
                                        # alt text (and caption); row cells; footnote paragraphs
    level: int = 0                      # heading level (2 under the title); footnote number
    ordered: bool = False               # numbered list; a table's header row
    attribution: Segment | None = None  # the quote's "— Name" line
    children: tuple[Block, ...] = ()    # list items (each may hold a nested list); table rows;
                                        # footnotes
    image: Image | None = None          # figure
    align: tuple[str, ...] = ()         # table: each column's alignment ("", start, center, end)
    name: str = ""                      # footnote: its label ([^name])

    def messages(self) -> list[Segment]:
        """The block's messages in reading order (a table's empty cells are none)."""
        found = [segment for segment in self.segments if segment.text]
        if self.attribution:
            found.append(self.attribution)
        for child in self.children:
            found.extend(child.messages())
        return found


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
    references: tuple[Reference, ...] = ()      # every link of the body, as written
    # Links to other publications (their .md or .html) -> the same language's page, set by
    # publisher.links when every source is known (load_sources).
    pages: dict[str, str] = field(default_factory=dict)

    @property
    def segments(self) -> tuple[Segment, ...]:
        """Every message of the publication, in reading order."""
        found = list(self.fields.values())
        for block in self.blocks:
            found.extend(block.messages())
        return tuple(found)

    @property
    def images(self) -> tuple[Image, ...]:
        return tuple(block.image for block in self.blocks if block.image)

    def fact(self, name: str, default: object = None) -> object:
        return self.facts.get(name, default)


@lru_cache(maxsize=1)
def markdown() -> MarkdownIt:
    """The parser of one message (inline Markdown), for rendering and the checks: CommonMark
    without raw HTML (authors and translators write Markdown, never markup) and without
    images (a figure is a block of the source, its alt text and caption messages of their
    own); footnote references ``[^1]`` are read whatever their label (the publication's notes
    number them when rendered)."""
    parser = MarkdownIt("commonmark", {"html": False}).disable("image")
    parser.use(footnote_plugin, inline=False, always_match_refs=True)
    # The notes are blocks of the source: a message never lists them at its end.
    return parser.disable("footnote_tail")


@lru_cache(maxsize=1)
def source_parser() -> MarkdownIt:
    """The parser of a whole source: CommonMark, GFM pipe tables and footnotes, with raw HTML
    and images recognized, so that the segmenter can refuse the one and place the other."""
    return MarkdownIt("commonmark", {"html": True}).enable("table").use(footnote_plugin, inline=False)


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
    elif slug in WINDOWS_DEVICES:
        problem(f"slug {slug!r} is a device name on Windows, where no file may be called "
                f"{slug}.html (a checkout would fail); choose another", where)
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
        blocks, references = _segment(body, path, body_line)
    except PublisherError as exc:
        errors.append(exc)
        blocks, references = (), ()
    raise_collected(errors)
    return Source(slug=slug, path=path, date=date, fields=fields, facts=facts,
                  blocks=blocks, lines=lines, references=references)


def _inline_text(content: str) -> str:
    # One message per paragraph: the author's line breaks inside it are not part of the text.
    # (Line by line: a regular expression for it rescans a run of spaces from each space.)
    return " ".join(line.strip(" \t") for line in content.split("\n")).strip()


def check_block_sizes(body: str, path: str, first_line: int = 1) -> None:
    """Refuse a block too long to be one message before markdown-it spends time on it."""
    line = first_line
    for chunk in re.split(r"(\n[ \t]*\n)", body):
        if len(chunk) > MAX_BLOCK_CHARS:
            raise SourceError(f"a block of {len(chunk):,} characters is too long "
                              f"(the limit is {MAX_BLOCK_CHARS:,}); split it into paragraphs",
                              path, line)
        line += chunk.count("\n")


# What to write instead of the raw HTML an author reaches for (an unknown tag gets the README).
HTML_ALTERNATIVES = {
    "b": "**bold text**", "strong": "**bold text**", "i": "*italic text*", "em": "*italic text*",
    "br": "a new paragraph (a blank line)", "p": "a blank line between paragraphs",
    "img": '![alt text](images/photo.jpg "caption")', "a": "[link text](https://…)",
    **{f"h{n}": "## Heading (### for the level below)" for n in range(1, 7)},
    "ul": "- item", "ol": "1. item", "li": "- item (or 1. item)", "blockquote": "> quotation",
    **dict.fromkeys(("table", "thead", "tbody", "tr", "th", "td"),
                    "a pipe table: | Header | Header | then |---|---|"),
    "code": "`code`", "sup": "a footnote: text[^1] and, at the end, [^1]: the note",
    "hr": "--- on a line of its own",
}
HTML_TAG = re.compile(r"<\s*+(?:/\s*+)?([A-Za-z][A-Za-z0-9-]{0,30}|!--)")   # possessive: linear
# A footnote reference that no note defines ("[^2]" where the notes end at [^1]).
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]{1,100})\]")
ALIGN = {"text-align:left": "start", "text-align:center": "center", "text-align:right": "end"}
LIST_OPEN = ("bullet_list_open", "ordered_list_open")


def raw_html_message(html: str) -> str:
    """Why raw HTML is refused, and the Markdown that does what it meant."""
    match = HTML_TAG.match(html.lstrip())
    name = match.group(1).lower() if match else ""
    instead = HTML_ALTERNATIVES.get(name)
    shown = f"<{name}>" if name and name != "!--" else "<!-- … -->" if name else html.strip()[:30]
    advice = (f"write {instead} instead" if instead else
              "delete the comment (everything in a source is published)" if name == "!--" else
              "write it in Markdown (the README lists what a source may hold)")
    return f"raw HTML {shown} is not supported in a publication: {advice}"


class _Segmenter:
    """Walks markdown-it's block tokens, one method per kind of block. A problem is recorded
    (``problems``) and the walk goes on past it, so that a source's problems are all reported
    together."""

    def __init__(self, tokens: list, path: str, first_line: int):
        self.tokens, self.path, self.first_line = tokens, path, first_line
        self.index = 0
        self.heading = 1                     # the title is the page's level-1 heading
        self.references: list[Reference] = []
        self.problems: list[SourceError] = []

    def line_of(self, token) -> int:
        return self.first_line + (token.map[0] if token.map else 0)

    def refuse(self, message: str, token) -> None:
        """Record a problem (once: <b> and </b> are one)."""
        line = self.line_of(token)
        if not any(p.line == line and p.message == message for p in self.problems):
            self.problems.append(SourceError(message, self.path, line))

    def skip(self, message: str) -> None:
        """Refuse the block that starts here, and go past it (to its closing token)."""
        token = self.tokens[self.index]
        self.refuse(message, token)
        depth = 0
        while True:
            depth += self.tokens[self.index].nesting
            self.index += 1
            if depth <= 0:
                return

    def inline_at(self, position: int, role: str, line_token=None) -> Segment:
        """The message of an inline token, after refusing what a message cannot hold."""
        token = self.tokens[position]
        where = line_token or token
        for child in token.children or ():
            if child.type == "html_inline":
                self.refuse(raw_html_message(child.content), where)
            if child.type == "image":
                self.refuse("an image stands alone in its own paragraph (it becomes a "
                                 "figure, with its caption): put a blank line before and after "
                                 f"![{child.content}](…)", where)
            if child.type == "link_open":
                self.references.append(Reference(str(child.attrs.get("href", "")),
                                                 self.line_of(where)))
            if child.type == "text" and (undefined := FOOTNOTE_REF.search(child.content)):
                self.refuse(f"footnote [^{undefined.group(1)}] has no note: add a line "
                                 f"[^{undefined.group(1)}]: … at the end", where)
        return Segment(_inline_text(token.content), self.line_of(where), role)

    def blocks(self) -> list[Block]:
        blocks = []
        while self.index < len(self.tokens):
            token = self.tokens[self.index]
            kind = token.type
            if kind == "heading_open":
                blocks.append(self.heading_block(token))
            elif kind == "paragraph_open":
                blocks.append(self.paragraph())
            elif kind == "hr":
                blocks.append(Block("rule"))
                self.index += 1
            elif kind in LIST_OPEN:
                blocks.append(self.list_block(kind))
            elif kind == "blockquote_open":
                blocks.append(self.quote())
            elif kind == "table_open":
                blocks.append(self.table())
            elif kind == "footnote_block_open":
                blocks.append(self.footnotes())
            elif kind in ("html_block", "html_inline"):
                self.skip(raw_html_message(token.content))
            elif kind in ("fence", "code_block"):
                self.skip("code blocks are not supported in a publication")
            else:
                self.skip(f"unsupported Markdown ({kind})")
        return blocks

    def heading_block(self, token) -> Block:
        level = int(token.tag[1])
        if level == 1:
            self.refuse("a level-1 heading (#) in the body: the title (front matter) is the "
                        "page's one level-1 heading; start the body's headings at ##", token)
        elif level > self.heading + 1:
            self.refuse(f"heading level {level} ({'#' * level}) follows level {self.heading}: "
                        f"use {'#' * (self.heading + 1)} (headings go down one level at a time)",
                        token)
        self.heading = max(level, 2)
        block = Block("heading", (self.inline_at(self.index + 1, f"heading {level}"),), level=level)
        self.index += 3
        return block

    def paragraph(self) -> Block:
        inline = self.tokens[self.index + 1]
        self.index += 3
        children = [child for child in inline.children or ()
                    if not (child.type in ("text", "softbreak") and not child.content.strip())]
        if len(children) == 1 and children[0].type == "image":
            return self.figure(children[0], inline)
        return Block("paragraph", (self.inline_at(self.index - 2, "paragraph"),))

    def figure(self, image, inline) -> Block:
        line = self.line_of(inline)
        src = unquote(str(image.attrs.get("src", "")))
        if not image.content.strip():
            self.refuse(f"the image {src} has no alt text: describe it for readers who cannot "
                        "see it, ![what it shows](…)", inline)
        if urlsplit(src).scheme or src.startswith("//"):
            self.refuse(f"the image {src[:80]} is an address: an image is a file under "
                        "content/ (images/photo.jpg), copied into the export", inline)
        segments = [Segment(_inline_text(image.content), line, "image alt text")]
        if caption := _inline_text(str(image.attrs.get("title") or "")):
            segments.append(Segment(caption, line, "image caption"))
        return Block("figure", tuple(segments), image=Image(src=src, line=line))

    def list_block(self, kind: str) -> Block:
        close = kind.replace("_open", "_close")
        items: list[Block] = []
        self.index += 1
        while self.tokens[self.index].type != close:
            if self.tokens[self.index].type == "list_item_open":
                items.append(self.list_item())
            else:
                self.index += 1
        self.index += 1
        return Block("list", ordered=kind == "ordered_list_open", children=tuple(items))

    def list_item(self) -> Block:
        paragraphs: list[Segment] = []
        nested: list[Block] = []
        self.index += 1
        while self.tokens[self.index].type != "list_item_close":
            inner = self.tokens[self.index]
            if inner.type == "inline":
                paragraphs.append(self.inline_at(self.index, "list item"))
                self.index += 1
            elif inner.type in LIST_OPEN:
                nested.append(self.list_block(inner.type))
            elif inner.type in ("paragraph_open", "paragraph_close"):
                self.index += 1
            elif inner.type == "html_block":
                self.skip(raw_html_message(inner.content))
            else:
                self.skip("a list item may hold only text and lists (no quotes, headings, "
                          "tables or code)")
        self.index += 1
        return Block("item", tuple(paragraphs), children=tuple(nested))

    def paragraphs(self, close: str, role: str, refusal: str, passed: tuple[str, ...] = ()
                   ) -> list[Segment]:
        """The paragraphs from here to the token ``close`` (then past it), each a message of
        ``role``; raw HTML and any other block (but ``passed``) are refused."""
        found: list[Segment] = []
        self.index += 1
        while self.tokens[self.index].type != close:
            inner = self.tokens[self.index]
            if inner.type == "html_block":
                self.skip(raw_html_message(inner.content))
            elif inner.type not in ("inline", "paragraph_open", "paragraph_close", *passed):
                self.skip(refusal)
            else:
                if inner.type == "inline":
                    found.append(self.inline_at(self.index, role))
                self.index += 1
        self.index += 1
        return found

    def quote(self) -> Block:
        paragraphs = self.paragraphs("blockquote_close", "quotation",
                                     "a quotation may hold only paragraphs")
        attribution = None
        if len(paragraphs) > 1 and paragraphs[-1].text.startswith(("—", "--")):
            last = paragraphs.pop()
            attribution = Segment(last.text, last.line, "quotation attribution")
        return Block("quote", tuple(paragraphs), attribution=attribution)

    def table(self) -> Block:
        """A GFM pipe table: one message per header cell and per body cell (empty cells are
        none), one row a block, each column's alignment kept."""
        rows: list[Block] = []
        align: list[str] = []
        cells: list[Segment] = []
        row_token = None
        self.index += 1
        while self.tokens[self.index].type != "table_close":
            inner = self.tokens[self.index]
            if inner.type == "tr_open":
                cells, row_token = [], inner
            elif inner.type in ("th_open", "td_open"):
                if inner.type == "th_open":
                    align.append(ALIGN.get(str(inner.attrs.get("style", "")), ""))
                role = "table header" if inner.type == "th_open" else "table cell"
                cells.append(self.inline_at(self.index + 1, role, row_token))
                self.index += 2
            elif inner.type == "tr_close":
                rows.append(Block("row", tuple(cells), ordered=not rows))
            self.index += 1
        self.index += 1
        return Block("table", children=tuple(rows), align=tuple(align))

    def footnotes(self) -> Block:
        """The notes, numbered in the order of their first reference (as markdown-it does)."""
        notes: list[Block] = []
        self.index += 1
        while self.tokens[self.index].type != "footnote_block_close":
            inner = self.tokens[self.index]
            if inner.type == "footnote_open":
                paragraphs = self.paragraphs("footnote_close", "footnote",
                                             "a footnote may hold only paragraphs", ("footnote_anchor",))
                notes.append(Block("footnote", tuple(paragraphs), level=inner.meta["id"] + 1,
                                   name=inner.meta["label"]))
            else:
                self.index += 1
        self.index += 1
        return Block("footnotes", children=tuple(notes))


def _unused_notes(env: dict, body: str, path: str, first_line: int) -> list[SourceError]:
    """Notes defined but never referenced: markdown-it drops them without a word."""
    errors = []
    for key, number in env.get("footnotes", {}).get("refs", {}).items():
        if number < 0:
            label = key[1:]
            line = body[: max(body.find(f"[^{label}]:"), 0)].count("\n")
            errors.append(SourceError(f"footnote [^{label}] is never referenced: add [^{label}] "
                                      "where the note belongs, or delete the note", path,
                                      first_line + line))
    return errors


def segment_markdown(body: str, path: str, first_line: int = 1) -> tuple[Block, ...]:
    """Cut a Markdown body into blocks of segments. Unsupported constructs are errors."""
    return _segment(body, path, first_line)[0]


def _segment(body: str, path: str, first_line: int) -> tuple[tuple[Block, ...], tuple[Reference, ...]]:
    check_block_sizes(body, path, first_line)
    env: dict = {}
    segmenter = _Segmenter(source_parser().parse(body, env), path, first_line)
    blocks = segmenter.blocks()
    raise_collected(segmenter.problems + _unused_notes(env, body, path, first_line))
    for block in blocks:
        if block.kind == "table":
            continue                     # an empty cell is no message
        for segment in block.messages():
            if not segment.text:
                raise SourceError("empty block", path, segment.line)
    return tuple(blocks), tuple(segmenter.references)


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
            text = read_text(file, relative, SourceError, MAX_SOURCE_BYTES, (project.content_dir,))
            source = parse_source(text, relative, project.page_size)
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
        try:
            source = _measured(source, project)
        except PublisherError as exc:
            errors.extend(exc.errors)
        sources.append(source)
    # A source that could not be read still counts as a publication: links to it are not dead.
    by_path = {project.relative(file): file.stem for file in files}
    by_path.update({source.path: source.slug for source in sources})
    linked = []
    for source in sources:
        pages, dead = link_pages(source.path, ((r.href, r.line) for r in source.references), by_path)
        errors.extend(dead)
        linked.append(replace(source, pages=pages))
    raise_collected(errors)
    return tuple(linked)


def _measured(source: Source, project: Project) -> Source:
    """The source with its images found and measured (publisher.images)."""
    if not source.images:
        return source
    errors: list[PublisherError] = []

    def measured(block: Block) -> Block:
        if block.image is None:
            return block
        try:
            found = measure_image(block.image.src, block.image.line, source.path, project.root,
                                  project.content_dir)
        except PublisherError as exc:
            errors.append(exc)
            return block
        return replace(block, image=replace(block.image, path=found.path, name=found.name,
                                            width=found.width, height=found.height,
                                            sha256=found.sha256))
    blocks = tuple(measured(block) for block in source.blocks)
    raise_collected(errors)
    return replace(source, blocks=blocks)
