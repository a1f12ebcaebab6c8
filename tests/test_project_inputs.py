"""An editor's inputs refused before they touch a path or cost unbounded time (issue 14):
publisher.toml's size and nesting, locale codes, base_url, the glossary, slugs Windows cannot
check out; and the terminal never obeys what a message quotes."""

from __future__ import annotations

import pytest

from publisher.checks.glossary import parse_glossary
from publisher.cli import describe, describe_check
from publisher.config import load_project, locale_problem
from publisher.errors import ERROR, ConfigError, Diagnostic, PublisherError
from publisher.limits import MAX_CONFIG_BYTES, MAX_GLOSSARY_CELL_CHARS
from publisher.sources import parse_source
from publisher.tomlutil import parse_toml

from helpers import write_config


def problem_of(tmp_path, text) -> str:
    with pytest.raises(PublisherError) as raised:
        load_project(write_config(tmp_path, text))
    return str(raised.value)


def test_toml_nested_too_deeply_is_an_error_not_a_traceback():
    with pytest.raises(ConfigError, match=r"^publisher\.toml: invalid TOML: arrays or tables "
                                          r"nested too deeply$"):
        parse_toml("x = " + "[" * 100_000 + "]" * 100_000, "publisher.toml", error=ConfigError)


def test_front_matter_nested_too_deeply_names_its_source():
    text = "+++\ntitle = \"T\"\ndate = 2024-01-01\nx = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n+++\n\nText.\n"
    with pytest.raises(PublisherError, match=r"^content/t\.md: invalid TOML: .*nested too deeply"):
        parse_source(text, "content/t.md")


def test_a_publisher_toml_over_the_limit_is_refused_before_it_is_read(tmp_path):
    text = "# padding\n" * (MAX_CONFIG_BYTES // 10 + 1) + "[project]\n"
    assert problem_of(tmp_path, text).startswith("publisher.toml: too large to read: 1.0 MB, the "
                                                 "limit is 1.0 MB")


@pytest.mark.parametrize("code", ["az", "en", "pt_BR", "sr_Latn", "sr@latin", "es_419", "az_Latn_AZ",
                                  "zh_Hant_TW", "ca@valencia"])
def test_locale_codes_as_gettext_writes_them(code):
    assert locale_problem(code) is None


@pytest.mark.parametrize("code, words", [
    ("de.x/../../../outside/pwn", "'de.x/../../../outside/pwn' is not a valid locale code"),
    ("../az", "is not a valid locale code"), ("az/../../x", "is not a valid locale code"),
    ("pt-BR", "gettext writes 'pt_BR'"), ("pt_br", "is not a valid locale code"),
    ("de_DE.UTF-8", "is not a valid locale code"), ("", "is not a valid locale code"),
    ("xx", "unknown locale 'xx'"), ("iw", "locale 'iw' is written 'he_IL'"),
    ("x" * 5000, "…' is not a valid locale code"),
])
def test_a_locale_code_that_could_leave_its_folder_is_refused(code, words):
    assert words in locale_problem(code)


def test_the_project_names_the_line_of_a_bad_locale(tmp_path):
    message = problem_of(tmp_path, '[project]\nname = "x"\nlocales = ["en", "az", "../../pwn"]\n')
    assert message.startswith("publisher.toml:3: '../../pwn' is not a valid locale code")


@pytest.mark.parametrize("url", ["https://example.org", "http://example.org/press",
                                 "https://example.org:8443/a/b", ""])
def test_base_url_takes_an_absolute_address(tmp_path, url):
    assert load_project(write_config(tmp_path, f'[site]\nbase_url = "{url}/"\n' if url else
                              '[site]\nbase_url = ""\n')).site.base_url == url


@pytest.mark.parametrize("url", ["https://example.org\\nDisallow: /", "https://example.org/a b",
                                 "example.org", "ftp://example.org", "https://user@example.org",
                                 "https://example.org/?q=1", "https://example.org/#top", "https://",
                                 "https://example.org:port", "https://[::1", "https://x.org\\u202e"])
def test_base_url_refuses_anything_but_one_address(tmp_path, url):
    assert problem_of(tmp_path, f'[site]\nbase_url = "{url}"\n').startswith(
        "publisher.toml:2: [site] base_url must be one absolute http(s) URL")


def test_a_glossary_cell_over_the_csv_modules_limit_is_located():
    with pytest.raises(ConfigError, match=r"^g\.csv:3: not a CSV row: a cell of more than 131,072"):
        parse_glossary("source,az,note\nA,B,\nC,D," + "x" * 140_000 + "\n", "g.csv")


def test_a_glossary_cell_over_the_glossarys_limit_is_located():
    cell = "x" * (MAX_GLOSSARY_CELL_CHARS + 1)
    with pytest.raises(ConfigError, match=rf"^g\.csv:4: a cell of {MAX_GLOSSARY_CELL_CHARS + 1:,} "
                                          r"characters is too long"):
        parse_glossary(f'source,az,note\n"A\nB",C,\n{cell},D,\n', "g.csv")


def test_glossary_rows_are_numbered_by_the_line_they_start_on():
    terms = parse_glossary('source,az,note\n"Two\nlines",İki,\nOne,Bir,\n', "g.csv")
    assert [term.line for term in terms] == [2, 4]


@pytest.mark.parametrize("slug", ["con", "prn", "aux", "nul", "com1", "lpt9"])
def test_windows_device_names_are_no_slugs(slug):
    text = f'+++\ntitle = "T"\ndate = 2024-01-01\nslug = "{slug}"\n+++\n\nText.\n'
    with pytest.raises(PublisherError, match=rf"content/t\.md:4: slug '{slug}' is a device name on Windows"):
        parse_source(text, "content/t.md")


def test_the_terminal_is_shown_escapes_not_given_them():
    diagnostic = Diagnostic("templates/x\x1b[2J.css", 3, "output", ERROR,
                            "refused to load /a/\x1b]0;pwned\x07.css \u202egnp.exe\r")
    for line in (describe(diagnostic), describe_check(diagnostic)):
        assert "\x1b" not in line and "\x07" not in line and "\u202e" not in line and "\r" not in line
        assert "\\x1b]0;pwned\\x07" in line and "\\u202e" in line
    assert describe(Diagnostic("a.po", 1, "catalog", ERROR, "Azərbaycan\tİlham")) == \
        "error: a.po:1: Azərbaycan\tİlham"
