"""publisher.sources: the Markdown a publication holds (headings from ##, nested lists, figures,
tables, footnotes) and what it cannot hold, refused at path:line with what to write instead:
raw HTML, headings out of order, footnotes without their other half, inline images."""

import pytest

from publisher.errors import ErrorGroup, SourceError
from publisher.sources import parse_source

HEAD = '+++\ntitle = "T"\ndate = 2024-11-08\n+++\n\n'      # the body starts on line 6


def refused(body: str) -> str:
    with pytest.raises(SourceError) as error:
        parse_source(HEAD + body, "content/x.md")
    return str(error.value)


@pytest.mark.parametrize("body, line, advice", [
    ("Text with <b>bold</b> words.\n", 6, "raw HTML <b> is not supported in a publication: "
                                          "write **bold text** instead"),
    ("First line<br>second line\n", 6, "raw HTML <br> is not supported in a publication: "
                                       "write a new paragraph (a blank line) instead"),
    ("Intro.\n\n<img src=\"images/x.png\" alt=\"x\">\n", 8,
     'raw HTML <img> is not supported in a publication: write ![alt text](images/photo.jpg '
     '"caption") instead'),
    ("<div class=\"box\">\nBoxed\n</div>\n", 6, "raw HTML <div> is not supported in a "
                                               "publication: write it in Markdown"),
    ("Text.\n\n<!-- a note to self -->\n", 8, "raw HTML <!-- … --> is not supported in a "
                                             "publication: delete the comment"),
    ("- item with <i>emphasis</i>\n", 6, "write *italic text* instead"),
    ("| a | b |\n|---|---|\n| <sup>1</sup> | x |\n", 8, "write a footnote: text[^1]"),
])
def test_raw_html_is_refused_with_the_markdown_that_does_the_same(body, line, advice):
    message = refused(body)
    assert message.startswith(f"content/x.md:{line}: raw HTML"), message
    assert advice in message


def test_every_problem_of_a_source_is_reported_at_once():
    body = ("Text with <b>bold</b> words.\n\nA line<br>and another.\n\n```\ncode\n```\n\n"
            "# A second title\n\n## Section\n\n#### Too deep\n\n- item\n\n  > quoted\n")
    with pytest.raises(ErrorGroup) as group:
        parse_source(HEAD + body, "content/x.md")
    assert [(e.line, e.message.split(":")[0]) for e in group.value.errors] == [
        (6, "raw HTML <b> is not supported in a publication"),
        (8, "raw HTML <br> is not supported in a publication"),
        (10, "code blocks are not supported in a publication"),
        (14, "a level-1 heading (#) in the body"),
        (18, "heading level 4 (####) follows level 2"),
        (22, "a list item may hold only text and lists (no quotes, headings, tables or code)"),
    ]


@pytest.mark.parametrize("body, line, message", [
    ("# Heading\n", 6, "a level-1 heading (#) in the body: the title (front matter) is the "
                       "page's one level-1 heading; start the body's headings at ##"),
    ("### Too deep\n", 6, "heading level 3 (###) follows level 1: use ## (headings go down one "
                          "level at a time)"),
    ("## A\n\ntext\n\n#### Too deep\n", 10, "heading level 4 (####) follows level 2: use ###"),
])
def test_headings_go_down_one_level_at_a_time(body, line, message):
    assert refused(body).startswith(f"content/x.md:{line}: {message}")


def test_headings_may_climb_back_up():
    source = parse_source(HEAD + "## A\n\n### B\n\n#### C\n\n## D\n\n### E\n", "content/x.md")
    assert [block.level for block in source.blocks] == [2, 3, 4, 2, 3]
    assert [s.role for s in source.segments[1:]] == ["heading 2", "heading 3", "heading 4",
                                                     "heading 2", "heading 3"]


@pytest.mark.parametrize("body, line, message", [
    ("Text[^2] here.\n", 6, "footnote [^2] has no note: add a line [^2]: … at the end"),
    ("Text.\n\n[^1]: A note nobody calls.\n", 8, "footnote [^1] is never referenced"),
    ("Look: ![a chart](images/c.png) inline.\n", 6, "an image stands alone in its own paragraph"),
    ("![](images/c.png)\n", 6, "the image images/c.png has no alt text"),
    ("![Map](https://example.org/map.png)\n", 6, "the image https://example.org/map.png is an "
                                                 "address: an image is a file under content/"),
])
def test_footnotes_and_images_that_cannot_be(body, line, message):
    assert refused(body).startswith(f"content/x.md:{line}: {message}")


def test_lists_nest_and_items_hold_paragraphs():
    source = parse_source(HEAD + "1. one\n\n   more of one\n\n   - inner *a*\n   - inner b\n2. two\n",
                          "content/x.md")
    [listing] = source.blocks
    assert listing.ordered and [item.segments[0].text for item in listing.children] == ["one", "two"]
    assert [s.text for s in listing.children[0].segments] == ["one", "more of one"]
    inner = listing.children[0].children[0]
    assert not inner.ordered and [i.segments[0].text for i in inner.children] == ["inner *a*", "inner b"]
    assert [s.line for s in source.segments[1:]] == [6, 8, 10, 11, 12]
