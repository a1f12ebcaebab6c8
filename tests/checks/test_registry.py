"""The registry of checks (publisher.checks.registry): every check is planted in the test catalog
and listed by publisher check --list."""

from click.testing import CliRunner

from publisher.checks.registry import CHECKS
from publisher.cli import cli

from helpers import planted_expectations


def test_planted_catalog_covers_every_message_check():
    planted = {code for code, _ in planted_expectations()}
    # "catalog" and invalid UTF-8 bytes make a file unreadable: tests/bad-catalogs has those.
    assert planted == {check.code for check in CHECKS} - {"catalog"}


def test_list_names_every_check_with_its_level():
    result = CliRunner().invoke(cli, ["check", "--list"])
    assert result.exit_code == 0
    listed = [line.split()[:2] for line in result.output.splitlines()]
    assert listed == [[check.code, check.level] for check in CHECKS]
