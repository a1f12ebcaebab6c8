"""Sources (publisher.sources): front matter and Markdown blocks with their lines, unsafe slugs,
and hostile or huge input refused in bounded time."""

import datetime as dt

import pytest

from publisher.build import build
from publisher.config import load_project
from publisher.errors import ErrorGroup, SourceError
from publisher.limits import MAX_BLOCK_CHARS, MAX_SOURCE_BYTES
from publisher.sources import load_sources, parse_source, segment_markdown

from helpers import replace_in

HEAD = '+++\ntitle = "T"\ndate = 2024-11-08\n+++\n'


def test_front_matter_and_blocks_with_lines():
    text = HEAD + "\n## Heading\n\nA paragraph\nwrapped over lines.\n\n1. one\n2. two\n"
    source = parse_source(text, "content/x.md")
    assert source.slug == "x" and source.date == dt.date(2024, 11, 8)
    assert [(s.text, s.line, s.role) for s in source.segments] == [
        ("T", 2, "front matter: title"),
        ("Heading", 6, "heading 2"),
        ("A paragraph wrapped over lines.", 8, "paragraph"),
        ("one", 11, "list item"),
        ("two", 12, "list item"),
    ]
    assert [b.kind for b in source.blocks] == ["heading", "paragraph", "list"]
    assert source.blocks[2].ordered


def test_quote_keeps_inline_markdown_and_takes_its_attribution():
    blocks = segment_markdown("> Said *this*.\n>\n> — Someone, [there](https://x.org)\n", "x.md")
    assert blocks[0].kind == "quote"
    assert [s.text for s in blocks[0].segments] == ["Said *this*."]
    assert blocks[0].attribution.text == "— Someone, [there](https://x.org)"
    assert blocks[0].attribution.role == "quotation attribution"


@pytest.mark.parametrize("body, line, message", [
    ("text\n\n```\ncode\n```\n", 7, "code blocks are not supported"),
    ("- a\n  > quoted\n", 6, "a list item may hold only text and lists"),
    ("> # heading in a quote\n", 5, "a quotation may hold only paragraphs"),
])
def test_unsupported_markdown_is_located(body, line, message):
    with pytest.raises(SourceError) as error:
        parse_source(HEAD + body, "content/x.md")
    assert str(error.value).startswith(f"content/x.md:{line}: {message}")


def test_every_front_matter_problem_is_reported_together():
    text = '+++\ntitel = "T"\ndate = "8 November"\npage_size = "B5"\n+++\nBody\n'
    with pytest.raises(ErrorGroup) as group:
        parse_source(text, "content/x.md")
    lines = str(group.value).splitlines()
    assert "content/x.md:2: unknown front-matter field 'titel'" in lines[0]
    assert any(line.startswith("content/x.md:2: front matter lacks 'title'") for line in lines)
    assert any(line.startswith("content/x.md:3: date must be a TOML date") for line in lines)
    assert any(line.startswith("content/x.md:4: page_size must be one of") for line in lines)


@pytest.mark.parametrize("text, line, message", [
    ("no front matter\n", 1, "a source starts with TOML front matter"),
    ('+++\ntitle = "T"\n', 1, "front matter opened on line 1 is never closed"),
    ('+++\ntitle = "T"\ndate = 2024-11-08\nx = [\n+++\n', 4, "invalid TOML"),
    ('+++\ntitle = "T"\ntitle = "U"\n+++\n', 3, "invalid TOML"),
])
def test_broken_front_matter(text, line, message):
    with pytest.raises(SourceError) as error:
        parse_source(text, "content/x.md")
    assert str(error.value).startswith(f"content/x.md:{line}: {message}")


def test_reserved_slugs_are_refused():
    with pytest.raises(SourceError, match=r"^content/index.md:2: slug 'index' is reserved"):
        parse_source(HEAD + "Body\n", "content/index.md")


def test_deep_headings_stay_valid_html(sample_dir):
    from publisher.render.templates import make_environment
    source = parse_source(HEAD + "".join(f"{'#' * n} H{n}\n\n" for n in range(2, 7)), "content/x.md")
    env = make_environment(sample_dir / "templates")
    env.install_null_translations()
    html = env.get_template("_blocks.html").module.body(
        [type("B", (), {"kind": "heading", "level": 6, "items": ["Six"]})()], str)
    assert source.blocks[-1].level == 6 and "<h6>Six</h6>" in html


@pytest.mark.parametrize("slug", ["../evil", "a/b", "UPPER", "-x", "con.html", ""])
def test_unsafe_slugs_are_refused(slug):
    with pytest.raises(SourceError, match="is not a safe file name"):
        parse_source(HEAD.replace("+++\n", f'+++\nslug = "{slug}"\n', 1) + "Body\n", "content/x.md")


@pytest.mark.parametrize("slug", ["../../outside", "a/b", "CON.html", ".hidden", "x" * 81])
def test_an_unsafe_slug_is_refused_before_anything_is_written(sample_dir, slug):
    replace_in(sample_dir / "content/note.md", 'title = ', f'slug = "{slug}"\ntitle = ')
    with pytest.raises(SourceError, match="is not a safe file name"):
        build(load_project(sample_dir))
    assert not (sample_dir / "out").exists()


def test_a_huge_source_is_refused_before_it_is_parsed(sample_dir):
    big = sample_dir / "content/huge.md"
    big.write_text("+++\ntitle = \"T\"\ndate = 2024-01-01\n+++\n\n" + "word " * (MAX_SOURCE_BYTES // 5))
    with pytest.raises(SourceError, match=r"content/huge.md: too large to read: 1.0 MB, the limit is 1.0 MB"):
        load_sources(load_project(sample_dir))


def test_a_pathological_block_is_refused_with_its_line(sample_dir):
    (sample_dir / "content/brackets.md").write_text(
        "+++\ntitle = \"T\"\ndate = 2024-01-01\n+++\n\nFine.\n\n" + "[" * (MAX_BLOCK_CHARS + 1) + "\n")
    with pytest.raises(SourceError, match=r"content/brackets.md:8: a block of 100,00[12] characters is too long"):
        load_sources(load_project(sample_dir))


@pytest.mark.parametrize("body", ["> " * 50_000 + "deep\n",
                                  "".join("  " * i + "- x\n" for i in range(2000)),
                                  "*" * 50_000 + "\n"])
def test_deeply_nested_markdown_gives_an_error_or_text_not_a_hang(sample_dir, body):
    (sample_dir / "content/deep.md").write_text("+++\ntitle = \"T\"\ndate = 2024-01-01\n+++\n\n" + body)
    try:
        sources, problem = load_sources(load_project(sample_dir)), ""
    except SourceError as error:
        sources, problem = (), str(error)
    assert "content/deep.md" in problem or any(source.slug == "deep" for source in sources)
