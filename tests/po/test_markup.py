"""Markup a translation may not carry into a page (publisher.po.markup), in all its disguises."""

import pytest

from publisher.po.markup import unsafe_markup


@pytest.mark.parametrize("msgstr", [
    "Bax [bura](JavaScript:alert(1))", "Bax [bura](&#106;avascript:alert(1))",
    "Bax [bura](java%73cript:alert(1))", "Bax ![](file:///etc/passwd)", "Bax ![](data:text/html,x)",
    "Bax <a href='javascript:x'>bura</a>", "Bax <b>bura</b>", "Bax <iframe src=x>",
    "Bax <img src=x onerror=alert(1)>",
])
def test_unsafe_markup_in_all_its_disguises(msgstr):
    assert unsafe_markup("See here", msgstr)


def test_safe_markup_is_not_unsafe():
    assert unsafe_markup("See [here](https://un.org)", "Bax [bura](https://un.org), 3 < 4") == []
    assert unsafe_markup("Press <Enter>", "<Enter> düyməsini basın") == []   # as in the source
