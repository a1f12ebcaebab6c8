"""What the library reports: one :class:`Diagnostic` for every problem, and the exceptions that
carry them when a problem stops the work.

A diagnostic is located (``path``, ``line``), classified (``code``, ``level``) and worded
(``message``), as Sphinx's warnings carry ``location=``; the library never formats one for a
terminal: :mod:`publisher.cli` does (Click's rule: the library raises, the CLI prints).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Diagnostic:
    """One problem: where it is, what kind it is, how bad, and what to do about it."""

    path: str | None         # relative to the project where it is in the project
    line: int | None         # 1-based; None for a whole file or no file
    code: str                # "catalog", "numbers", "untranslated" ... (publisher check --list)
    level: str               # ERROR or WARNING
    message: str

    @property
    def location(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line else self.path

    @property
    def is_error(self) -> bool:
        return self.level == ERROR


def sort_key(diagnostic: Diagnostic) -> tuple:
    return (diagnostic.path or "", diagnostic.line or 0, diagnostic.code, diagnostic.message)


class PublisherError(Exception):
    """A problem with the user's input that stops the work, located at ``path:line`` where
    known. Each subclass names the kind of input with its diagnostic ``code``."""

    code = "error"
    exit_code = 1

    def __init_subclass__(cls, code: str | None = None, exit_code: int | None = None, **kwargs):
        """``class CatalogError(PublisherError, code="catalog")``: each kind of input error
        with the diagnostic code it reports (and the CLI's exit code where it differs)."""
        super().__init_subclass__(**kwargs)
        cls.code = code or cls.code
        cls.exit_code = exit_code or cls.exit_code

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None,
                 *, code: str | None = None):
        super().__init__(message)
        self.diagnostic = Diagnostic(str(path) if path is not None else None, line,
                                     code or self.code, ERROR, message)

    @classmethod
    def from_diagnostic(cls, diagnostic: Diagnostic) -> PublisherError:
        return cls(diagnostic.message, diagnostic.path, diagnostic.line, code=diagnostic.code)

    @property
    def message(self) -> str:
        return self.diagnostic.message

    @property
    def path(self) -> str | None:
        return self.diagnostic.path

    @property
    def line(self) -> int | None:
        return self.diagnostic.line

    @property
    def location(self) -> str:
        return self.diagnostic.location

    @property
    def errors(self) -> tuple[PublisherError, ...]:
        """The single problems this error stands for (a group overrides it)."""
        return (self,)

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return tuple(error.diagnostic for error in self.errors)

    def __str__(self) -> str:      # for logs and debuggers; the CLI formats diagnostics itself
        return f"{self.location}: {self.message}" if self.location else self.message


class ConfigError(PublisherError, code="config"):
    """publisher.toml (or the glossary) is missing or wrong."""


class SourceError(PublisherError, code="source"):
    """A content file (front matter or Markdown) cannot be used."""


class CatalogError(PublisherError, code="catalog"):
    """A .po/.pot catalog cannot be read or is inconsistent."""


class TemplateError(PublisherError, code="template"):
    """A Jinja2 template is missing or broken."""


class OutputError(PublisherError, code="output"):
    """An output would be written somewhere it must not be."""


class UntranslatedError(PublisherError, code="untranslated"):
    """A message fell back to the source language while --strict was on."""


class DependencyError(PublisherError, code="dependency", exit_code=3):
    """A system library the build needs is not installed."""


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


def raise_collected(errors: Iterable[PublisherError]) -> None:
    """Raise the one error, or all of them as a group; do nothing when there are none."""
    errors = list(errors)
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ErrorGroup(errors)


def raise_diagnostics(diagnostics: Iterable[Diagnostic],
                      error: type[PublisherError] = PublisherError) -> None:
    """Raise the error-level diagnostics as ``error`` s (warnings are not raised)."""
    raise_collected(error.from_diagnostic(d) for d in diagnostics if d.is_error)
