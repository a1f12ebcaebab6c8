"""publisher.toml (publisher.config): every problem collected with its line, the languages and
their thresholds, the PDF variant."""

import pytest

from publisher.config import load_project, locale_info
from publisher.errors import ConfigError, ErrorGroup, PublisherError

from helpers import replace_in, write_config


def collected_errors(tmp_path, text) -> str:
    """Every configuration error of ``text``, as the one ErrorGroup load_project raises says them."""
    with pytest.raises(ErrorGroup) as group:
        load_project(write_config(tmp_path, text))
    return str(group.value)


def test_the_shipped_project(project_dir):
    project = load_project(project_dir)
    assert [loc.code for loc in project.locales] == ["en", "az"]
    assert project.locale("az").name == "Azərbaycanca"
    assert project.output_dir == project_dir / "dist"


def test_source_locale_comes_first_and_defaults(tmp_path):
    project = load_project(write_config(tmp_path, '[project]\nlocales = ["az", "en"]\n'))
    assert [loc.code for loc in project.locales] == ["en", "az"]
    assert project.page_size == "A4" and project.site.base_url == ""


def test_all_configuration_errors_together(tmp_path):
    text = ('[project]\nlocales = ["en", "xx-nowhere"]\npage_size = "B5"\nflavour = 1\n'
            'output_dir = "."\n[site]\nbase_url = "example.org"\n')
    message = collected_errors(tmp_path, text)
    assert "publisher.toml:2: 'xx-nowhere' is not a valid locale code" in message
    assert "publisher.toml:3: [project] page_size must be one of A4, A5, Letter, Legal" in message
    assert "publisher.toml:4: unknown setting 'flavour' in [project]" in message
    assert "publisher.toml:5: output folder" in message
    assert "publisher.toml:7: [site] base_url must be one absolute http(s) URL" in message


def test_invalid_toml_is_located(tmp_path):
    with pytest.raises(ConfigError, match=r"^publisher.toml:2: invalid TOML"):
        load_project(write_config(tmp_path, '[project]\nname = \n'))


def test_autonym_is_capitalized_with_turkic_rules():
    assert locale_info("az").name == "Azərbaycan"
    assert locale_info("tr").name == "Türkçe"
    assert locale_info("pt_BR").tag == "pt-BR"


@pytest.mark.parametrize("text, message", [
    ("project = 1\n", "publisher.toml:1: project must be a table"),
    ('[project]\nname = 3\n[site]\ntitle = ["x"]\n', "publisher.toml:2: [project] name must be a string"),
    ('[languages.az]\nname = 3\n', "publisher.toml:2: [languages.az] name must be a string"),
])
def test_wrong_types_are_errors_not_tracebacks(tmp_path, text, message):
    with pytest.raises(PublisherError) as error:
        load_project(write_config(tmp_path, '[project]\nlocales = ["en", "az"]\n' + text
                           if "languages" in text else text))
    assert message.split(":", 2)[2].strip() in str(error.value)


def test_not_utf8(tmp_path):
    (tmp_path / "publisher.toml").write_bytes(b'[project]\nname = "\xe9"\n')
    with pytest.raises(ConfigError, match=r"^publisher.toml:2: not valid UTF-8"):
        load_project(tmp_path)


def test_threshold_per_locale(tmp_path):
    project = load_project(write_config(tmp_path, '[project]\nlocales = ["en", "az", "tr"]\n'
                                           '[languages.az]\nthreshold = 100\n'))
    assert project.locale("az").threshold == 100
    assert project.locale("tr").threshold == 0 and project.locale("en").threshold == 0


def test_threshold_errors_are_collected_with_lines(tmp_path):
    text = ('[project]\nlocales = ["en", "az", "tr", "de", "fr"]\n'
            '[languages.az]\nthreshold = 101\n'
            '[languages.tr]\nthreshold = "100"\n'
            '[languages.de]\nthreshold = 99.5\n'
            '[languages.fr]\ntreshold = 100\n'
            '[languages.en]\nthreshold = 100\n')
    message = collected_errors(tmp_path, text)
    assert "publisher.toml:4: [languages.az] threshold must be a whole percent from 0 to 100, not 101" in message
    assert "publisher.toml:6: [languages.tr] threshold must be a whole percent" in message
    assert "publisher.toml:8: [languages.de] threshold must be a whole percent" in message
    assert "publisher.toml:10: unknown setting 'treshold' in [languages.fr]" in message
    assert "publisher.toml:12: 'en' is the source locale, always published: it takes no threshold" in message


def test_one_default_and_one_language_rule_for_every_module():
    from publisher.checks import language as language_checks
    from publisher.checks.context import Settings
    from publisher.config import KEEP_OBSOLETE, Project
    from publisher.lang import TURKIC_LANGUAGES, language
    from publisher.render import hyphenation
    assert Settings().keep_obsolete == KEEP_OBSOLETE
    assert Project.__dataclass_fields__["keep_obsolete"].default == KEEP_OBSOLETE
    assert language_checks.language is language and "az" in TURKIC_LANGUAGES
    for tag in ("az", "AZ", "az_AZ", "az-Latn", "az@latin", "en", "tr", "aze"):
        assert hyphenation.is_azerbaijani(tag) == (language(tag) == "az")


def test_locales_differing_only_in_case_are_refused(sample_dir):
    replace_in(sample_dir / "publisher.toml", 'locales = ["en", "az"]', 'locales = ["en", "az", "AZ"]')
    with pytest.raises(ConfigError, match="'AZ' and 'az' differ only in case"):
        load_project(sample_dir)


def test_an_unknown_variant_is_refused_with_the_accepted_list(project_dir):
    toml = project_dir / "publisher.toml"
    toml.write_text(toml.read_text().replace('variant = "pdf/a-3u"', 'variant = "pdf/a-9z"'))
    with pytest.raises(ConfigError, match=r"publisher.toml:\d+: \[pdf\] variant must be one of "
                                          r"pdf/a-1b.*pdf/a-3u.*not 'pdf/a-9z'"):
        load_project(project_dir)
