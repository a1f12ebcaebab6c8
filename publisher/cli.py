"""The ``publisher`` command. The library raises; this module prints and picks exit codes."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from . import FORMATS, __version__
from .errors import Diagnostic, PublisherError


def _project(ctx: click.Context):
    from .config import load_project
    return load_project(ctx.obj["root"])


# What a terminal (or a CI log viewer) would obey rather than show: C0 and C1 controls (an
# ESC starts an escape sequence, a CR rewrites the line) and the characters that reorder or
# hide text. A message quotes paths, URLs and text from the project, which anyone may write.
UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e"
                         "\u2060-\u2069\ufeff]")


def printable(text: str) -> str:
    """``text`` with every character UNPRINTABLE matches written as its escape (``\\x1b``)."""
    return UNPRINTABLE.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


def describe(diagnostic: Diagnostic) -> str:
    """A diagnostic as the terminal shows it: ``level: path:line: message``."""
    where = f"{diagnostic.location}: " if diagnostic.location else ""
    return printable(f"{diagnostic.level}: {where}{diagnostic.message}")


def describe_check(diagnostic: Diagnostic) -> str:
    """A problem publisher check found: ``path:line: [code] message``, as compilers print."""
    return printable(f"{diagnostic.location}: [{diagnostic.code}] {diagnostic.message}")


def _waiting(message: str) -> None:
    click.echo(printable(message), err=True)


def _fail(error: PublisherError) -> None:
    for diagnostic in error.diagnostics:
        for line in describe(diagnostic).splitlines():
            click.echo(line, err=True)
    sys.exit(error.exit_code)


class PublisherGroup(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except PublisherError as error:
            _fail(error)
        except OSError as error:   # the file system said no: name the file, skip the traceback
            where = f"{error.filename}: " if error.filename else ""
            click.echo(printable(f"error: {where}{error.strerror or error}"), err=True)
            sys.exit(1)


@click.group(cls=PublisherGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-C", "--project", "root", type=click.Path(file_okay=False, path_type=Path),
              default=".", show_default=True, help="The project folder (holding publisher.toml).")
@click.version_option(__version__, prog_name="publisher")
@click.pass_context
def cli(ctx: click.Context, root: Path) -> None:
    """Build multilingual press releases from gettext catalogs into HTML pages and PDF handouts."""
    ctx.obj = {"root": root}


def _shard(ctx, param, value):
    if value is None:
        return None
    from .build.incremental import parse_shard
    try:
        return parse_shard(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@cli.command()
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: output_dir in publisher.toml).")
@click.option("--locale", "locales", multiple=True, metavar="LANG",
              help="Build only this locale (repeatable).")
@click.option("--format", "formats", multiple=True,
              type=click.Choice(FORMATS),
              help="Build only this format (repeatable; default: all three). pdf-bilingual: "
                   "the source language beside each other language, in bilingual/.")
@click.option("--strict", is_flag=True, help="Fail when a message has no translation.")
@click.option("-j", "--jobs", type=click.IntRange(1), metavar="N",
              help="Processes rendering PDFs (default: one per CPU).")
@click.option("--shard", metavar="K/N", callback=_shard,
              help="Build only share K of N of the outputs (a CI matrix; see the README).")
@click.option("--force", is_flag=True, help="Render everything again, even unchanged handouts.")
@click.option("-q", "--quiet", is_flag=True, help="Print only warnings and errors.")
@click.pass_context
def build(ctx, output, locales, formats, strict, jobs, shard, force, quiet):
    """Render every publication in every locale as HTML pages and PDF handouts."""
    from .build import BuildOptions, summarized
    from .build import build as run_build

    project = _project(ctx)
    options = BuildOptions(formats=tuple(formats) or FORMATS, locales=tuple(locales),
                           strict=strict, output_dir=output, jobs=jobs, shard=shard, force=force)
    if "pdf" in options.formats:
        from .render.pdf import pdf_support
        if warning := pdf_support():
            click.echo(f"warning: {warning}", err=True)
    result = run_build(project, options, progress=None if quiet else click.echo,
                       waiting=_waiting)
    for diagnostic in summarized(result.diagnostics):
        click.echo(describe(diagnostic), err=True)
    if not quiet:
        click.echo(f"{len(result.written)} file(s) written, {len(result.unchanged)} unchanged "
                   f"in {result.output_dir}")
        if result.removed:
            click.echo(f"removed {len(result.removed)} stale file(s)")


@cli.command()
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: output_dir in publisher.toml).")
@click.option("--locale", "locales", multiple=True, metavar="LANG",
              help="Build only this locale (repeatable).")
@click.option("--format", "formats", multiple=True, type=click.Choice(FORMATS),
              help="Build only this format (repeatable; default: all three).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("-p", "--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port).")
@click.pass_context
def serve(ctx, output, locales, formats, host, port):
    """Build, serve the export on HOST:PORT, rebuild on every change and reload the browser."""
    from .build import BuildOptions
    from .serve import DevServer

    options = BuildOptions(formats=tuple(formats) or FORMATS, locales=tuple(locales),
                           output_dir=output)
    server = DevServer(ctx.obj["root"], options, host=host, port=port, echo=click.echo,
                       report=lambda diagnostic: click.echo(describe(diagnostic), err=True))
    click.echo(f"serving {server.output_dir} at {server.url} (Ctrl-C to stop)")
    server.serve_forever()


@cli.command()
@click.option("-q", "--quiet", is_flag=True, help="Print nothing on success.")
@click.pass_context
def extract(ctx, quiet):
    """Write the message templates (.pot) of every publication and of the templates."""
    from .commands import extract as run

    changed = run(_project(ctx), waiting=_waiting)
    if not quiet:
        for path in changed:
            click.echo(f"wrote {path}")
        click.echo(f"{len(changed)} template(s) changed")


@cli.command()
@click.argument("lang")
@click.option("--translator", default="", help="Last-Translator, e.g. 'Name <mail@example.org>'.")
@click.option("--team", default="", help="Language-Team of the new catalogs.")
@click.option("-q", "--quiet", is_flag=True)
@click.pass_context
def init(ctx, lang, translator, team, quiet):
    """Start catalogs for a new language LANG (existing catalogs are never overwritten)."""
    from .commands import init as run

    project = _project(ctx)
    changes = run(project, lang, translator, team, waiting=_waiting)
    if not quiet:
        for change in changes:
            click.echo(f"{change.path}: {change.action}")
        if lang not in {loc.code for loc in project.locales}:
            click.echo(f"add {lang!r} to locales in publisher.toml to build it, and "
                       f"[languages.{lang}] threshold = 100 to keep it off the site until it "
                       f"is translated")


@cli.command()
@click.option("--dry-run", is_flag=True, help="Say what would change; write nothing.")
@click.option("-q", "--quiet", is_flag=True)
@click.pass_context
def update(ctx, dry_run, quiet):
    """Merge changed sources into every catalog (keeping translations; edits become fuzzy)."""
    from .commands import update as run

    for change in run(_project(ctx), dry_run=dry_run, waiting=_waiting):
        report = change.report
        if quiet or (change.action == "unchanged"):
            continue
        detail = ""
        if report:
            detail = (f" ({report.kept} kept, {len(report.new)} new, {len(report.fuzzy)} fuzzy, "
                      f"{len(report.obsolete)} obsolete, {len(report.revived)} revived"
                      + (f", {len(report.followed)} following the new source" if report.followed else "")
                      + (f", {len(report.remembered)} from other catalogs" if report.remembered else "")
                      + ")")
        click.echo(f"{change.path}: {'would be ' if dry_run else ''}{change.action}{detail}")


@cli.command(name="compile")
@click.option("-q", "--quiet", is_flag=True)
@click.pass_context
def compile_(ctx, quiet):
    """Compile every catalog to .mo (fuzzy messages left out)."""
    from .commands import compile_all

    written = compile_all(_project(ctx), waiting=_waiting)
    if not quiet:
        click.echo(f"{len(written)} catalog(s) compiled")


@cli.command()
@click.option("--locale", "locales", multiple=True, metavar="LANG",
              help="Only this locale (repeatable; default: every target locale).")
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@click.pass_context
def stats(ctx, locales, output_format):
    """Translation progress per locale and catalog: messages and words translated, fuzzy,
    untranslated (counted as translate-toolkit's pocount counts them)."""
    import json

    from .sources import domains, load_sources, messages
    from .stats import as_json, as_table, report

    project = _project(ctx)
    chosen = (tuple(project.locale(code) for code in dict.fromkeys(locales)) if locales
              else tuple(loc for loc in project.locales if loc.code != project.source_locale))
    sources = load_sources(project)
    progress = report(project, chosen, domains(sources), expected=messages(sources))
    if output_format == "json":
        click.echo(json.dumps(as_json(progress), ensure_ascii=False, indent=2))
    else:
        click.echo(as_table(progress), nl=False)


@cli.command()
@click.option("--locale", "locales", multiple=True, metavar="LANG",
              help="Only this locale (repeatable; default: every locale).")
@click.option("--list", "list_checks", is_flag=True, help="List every check: code, level, meaning.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.pass_context
def check(ctx, locales, list_checks, output_format):
    """Check every catalog (placeholders, markup, numbers, glossary, letters ...): one line a
    problem, path:line: [code] message; exit status 1 when an error-level problem remains."""
    import json

    from .checks.registry import CHECKS, CODE_WIDTH
    from .commands import check as run

    if list_checks:
        for item in CHECKS:
            click.echo(f"{item.code:<{CODE_WIDTH}} {item.level:<8} {item.explanation}")
        return
    report = run(_project(ctx), tuple(locales))
    if output_format == "json":
        click.echo(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        for problem in report.problems:
            click.echo(describe_check(problem))
        for line in report.summary():
            click.echo(line)
    if report.errors:
        sys.exit(1)


def main() -> None:
    cli(prog_name="publisher")
