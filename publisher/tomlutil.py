"""TOML helpers shared by publisher.toml and front matter: parse with line numbers."""

from __future__ import annotations

import re
import tomllib
from typing import Any

from .errors import PublisherError

_TABLE = re.compile(r"^\s*\[+\s*([^\]]+?)\s*\]+\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=""")
_ERROR_AT = re.compile(r"\(at line (\d+), column \d+\)")


def parse_toml(text: str, path: str, first_line: int = 1, error: type[PublisherError] = PublisherError
               ) -> tuple[dict[str, Any], dict[str, int]]:
    """Parse TOML; return the data and the line of each ``table.key`` (1-based, in the file).

    ``first_line`` is the file line where ``text`` starts, so that front matter embedded in a
    Markdown file reports the line a user sees in the editor.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _ERROR_AT.search(str(exc))
        if match:
            line = first_line + int(match.group(1)) - 1
        else:   # "(at end of document)": the last line holds the unfinished value
            line = first_line + max(len(text.rstrip("\n").split("\n")) - 1, 0)
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(exc)).strip()
        raise error(f"invalid TOML: {message}", path, line) from None
    return data, key_lines(text, first_line)


def key_lines(text: str, first_line: int = 1) -> dict[str, int]:
    lines: dict[str, int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), start=first_line):
        if match := _TABLE.match(line):
            table = match.group(1).replace('"', "").replace("'", "")
            lines.setdefault(table, number)
        elif match := _KEY.match(line):
            key = match.group(1).strip("\"'")
            lines.setdefault(f"{table}.{key}" if table else key, number)
    return lines
