"""A publication in one language (publisher.render.localize): inline Markdown without raw HTML,
dates from CLDR."""

import datetime as dt

from publisher.config import locale_info
from publisher.render.localize import localized_date, render_inline


def test_inline_markdown_without_raw_html():
    assert render_inline("*a* <b>b</b> [c](https://x.org)") == (
        '<em>a</em> &lt;b&gt;b&lt;/b&gt; <a href="https://x.org">c</a>')
    assert render_inline("[x](javascript:alert(1))") == "[x](javascript:alert(1))"   # text, no link
    assert "<img" not in render_inline("![x](file:///etc/passwd)")


def test_dates_come_from_cldr():
    date = dt.date(2024, 11, 8)
    assert localized_date(date, locale_info("az")) == "8 noyabr 2024"
    assert localized_date(date, locale_info("en")) == "November 8, 2024"
