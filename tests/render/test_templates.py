"""The Jinja2 environment (publisher.render.templates): translators' text put safely into CSS."""

from publisher.render.templates import css_string, page_counter


def test_css_strings_cannot_be_broken_out_of():
    assert css_string('Zəfər "Günü"') == '"Zəfər \\22 Günü\\22 "'
    assert "<" not in css_string("</style><script>")
    assert "\\5c " in css_string("a\\b")
    assert "\n" not in css_string("a\nb")


def test_page_counter_keeps_the_translators_order():
    assert page_counter("Səhifə %(page)s / %(pages)s") == '"Səhifə " counter(page) " / " counter(pages)'
    assert page_counter("%(pages)s-dən %(page)s") == 'counter(pages) "-dən " counter(page)'
