"""TOML helpers shared by publisher.toml and front matter: parse with line numbers."""

from __future__ import annotations

import re
import tomllib
from typing import Any

from .errors import PublisherError

_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=""")
_MULTILINE = ('"""', "'''")
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
    except RecursionError:      # tomllib reads nested arrays and tables by recursion
        raise error("invalid TOML: arrays or tables nested too deeply", path) from None
    return data, key_lines(text, first_line)


def table_name(line: str) -> str | None:
    """The name a ``[table]`` or ``[[array.of.tables]]`` header line opens, or None. Read by
    hand: a regular expression for it needs three runs of spaces that can trade characters
    (cubic time on a long line of them)."""
    stripped = line.strip()
    if not stripped.startswith("["):
        return None
    body = stripped.lstrip("[")
    end = body.find("]")
    if end <= 0:
        return None
    rest = body[end:].lstrip("]").strip()
    name = body[:end].replace('"', "").replace("'", "").strip()
    return name if name and (not rest or rest.startswith("#")) else None


def key_lines(text: str, first_line: int = 1) -> dict[str, int]:
    """The line of each ``table.key`` (lines inside a multi-line string are not keys)."""
    lines: dict[str, int] = {}
    table = ""
    inside = None             # the quotes of the multi-line string a line is in, if any
    for number, line in enumerate(text.splitlines(), start=first_line):
        if inside:
            if line.count(inside) % 2:
                inside = None
            continue
        if (name := table_name(line)) is not None:
            table = name
            lines.setdefault(table, number)
        elif match := _KEY.match(line):
            key = match.group(1).strip("\"'")
            lines.setdefault(f"{table}.{key}" if table else key, number)
        inside = next((quotes for quotes in _MULTILINE if line.count(quotes) % 2), None)
    return lines
