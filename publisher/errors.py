"""Errors the library raises; the CLI turns them into messages and exit codes."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


class PublisherError(Exception):
    """A problem with the user's input, located at ``path:line`` where known."""

    exit_code = 1

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    @property
    def errors(self) -> tuple["PublisherError", ...]:
        """The single problems this error stands for (a group overrides it)."""
        return (self,)

    @property
    def location(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class ConfigError(PublisherError):
    """publisher.toml is missing or wrong."""


class SourceError(PublisherError):
    """A content file (front matter or Markdown) cannot be used."""


class CatalogError(PublisherError):
    """A .po/.pot catalog cannot be read or is inconsistent."""


class TemplateError(PublisherError):
    """A Jinja2 template is missing or broken."""


class OutputError(PublisherError):
    """An output would be written somewhere it must not be."""


class UntranslatedError(PublisherError):
    """A message fell back to the source language while --strict was on."""


class DependencyError(PublisherError):
    """A system library the build needs is not installed."""

    exit_code = 3


class ErrorGroup(PublisherError):
    """Several problems found in one pass, reported together (as MkDocs does)."""

    def __init__(self, errors: Iterable[PublisherError]):
        self._errors = tuple(item for error in errors for item in error.errors)
        super().__init__(f"{len(self._errors)} error(s)")
        self.exit_code = max(error.exit_code for error in self._errors)

    @property
    def errors(self) -> tuple[PublisherError, ...]:
        return self._errors

    def __str__(self) -> str:
        return "\n".join(str(error) for error in self.errors)


def raise_collected(errors: list[PublisherError]) -> None:
    """Raise the one error, or all of them as a group; do nothing when there are none."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ErrorGroup(errors)
