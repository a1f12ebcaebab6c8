import datetime as dt

from publisher.config import locale_info
from publisher.render.translations import TrackedTranslations
from publisher.render.templates import css_string, page_counter
from publisher.render.localize import localized_date, render_inline


def test_inline_markdown_without_raw_html():
    assert render_inline("*a* <b>b</b> [c](https://x.org)") == (
        '<em>a</em> &lt;b&gt;b&lt;/b&gt; <a href="https://x.org">c</a>')
    assert render_inline("[x](javascript:alert(1))") == "[x](javascript:alert(1))"   # text, no link
    assert "<img" not in render_inline("![x](file:///etc/passwd)")


def test_css_strings_cannot_be_broken_out_of():
    assert css_string('Zəfər "Günü"') == '"Zəfər \\22 Günü\\22 "'
    assert "<" not in css_string("</style><script>")
    assert "\\5c " in css_string("a\\b")
    assert "\n" not in css_string("a\nb")


def test_page_counter_keeps_the_translators_order():
    assert page_counter("Səhifə %(page)s / %(pages)s") == '"Səhifə " counter(page) " / " counter(pages)'
    assert page_counter("%(pages)s-dən %(page)s") == 'counter(pages) "-dən " counter(page)'


def test_dates_come_from_cldr():
    date = dt.date(2024, 11, 8)
    assert localized_date(date, locale_info("az")) == "8 noyabr 2024"
    assert localized_date(date, locale_info("en")) == "November 8, 2024"


def test_missing_messages_are_recorded():
    translations = TrackedTranslations(None, "site", locale="az", display="x.po",
                                       lines={"Skip": 12})
    assert translations.gettext("Languages") == "Languages"
    assert translations.ugettext("Skip") == "Skip"
    assert translations.gettext("Languages") == "Languages"
    assert [(d.path, d.line, d.code, d.message) for d in translations.diagnostics()] == [
        ("x.po", None, "untranslated", "no translation, shown in the source language: 'Languages'"),
        ("x.po", 12, "untranslated", "no translation, shown in the source language: 'Skip'")]
