"""The build, in two phases as MkDocs does it: gather and render everything in memory, where
every input error surfaces (:mod:`publisher.build.plan`), then write. An error in the first
phase leaves the output folder untouched; in the second, each file is replaced atomically.

``incremental`` keeps the manifest that lets a build skip what has not changed; ``parallel``
renders PDF handouts in a pool of processes; ``lock`` keeps two builds out of one folder.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from pathlib import Path, PurePosixPath

from .. import FORMATS
from ..config import PROJECT_FILE, Project, output_dir_problem
from ..errors import WARNING, Diagnostic, OutputError
from ..fileio import remove_stale_temporaries, write_all
from ..po.catalog import CatalogStore, catalog_path
from ..render.site import refuse_case_clashes, resolve_output
from ..sources import load_sources
from ..stats import LocaleProgress
from .incremental import (
    Manifest,
    all_intact,
    assets_digest,
    handout_digest,
    in_shard,
    input_digest,
    intact,
    manifest_name,
    read_manifest,
    remove_stale,
    write_manifest,
)
from .lock import MARKER_NAME, MARKER_TEXT, foreign_folder, output_lock
from .plan import BuildOptions, Handout, Plan, gather, render_pages, translation_diagnostics

__all__ = ["BuildOptions", "BuildResult", "build", "summarized"]


@dataclass(frozen=True)
class BuildResult:
    output_dir: Path
    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    # What the pages show in the source language, catalogs missing, locales held back,
    # sources ahead of their catalogs: warnings, each located.
    diagnostics: tuple[Diagnostic, ...] = ()
    held_back: tuple[LocaleProgress, ...] = ()   # locales below their threshold, not published
    skipped: tuple[str, ...] = ()     # outputs not rendered again: their inputs are unchanged
    removed: tuple[str, ...] = ()     # outputs of an earlier build this one no longer makes


def summarized(diagnostics: tuple[Diagnostic, ...]) -> list[Diagnostic]:
    """The build's warnings as a user reads them: a catalog's untranslated messages in one
    line with their count (publisher check lists them one by one), the rest as they are."""
    untranslated: dict[str | None, list[Diagnostic]] = defaultdict(list)
    for diagnostic in diagnostics:
        if diagnostic.code == "untranslated":
            untranslated[diagnostic.path].append(diagnostic)
    lines = []
    for diagnostic in diagnostics:
        group = untranslated.get(diagnostic.path) if diagnostic.code == "untranslated" else None
        if not group or len(group) == 1:
            lines.append(diagnostic)
        elif group[0] is diagnostic:
            first = next((d.line for d in group if d.line), None)
            lines.append(Diagnostic(diagnostic.path, first, "untranslated", WARNING,
                                    f"{len(group)} messages not translated, shown in the source "
                                    "language (publisher check lists them)"))
    return lines


def build_key(options: BuildOptions) -> str:
    """The options that shape the outputs (not where they go, nor how many processes)."""
    return repr({f.name: getattr(options, f.name) for f in fields(options)
                 if f.name not in ("jobs", "force", "output_dir")})


def _catalog_of(project: Project, handout: Handout) -> str | None:
    """The catalog a handout's text comes from (its language's), for locating its problems."""
    path = catalog_path(project.locales_dir, handout.pub.locale.code, handout.pub.slug)
    return project.relative(path) if path.exists() else None


def _render_handouts(project: Project, handouts: list[Handout], last: Manifest, out: Path,
                     options: BuildOptions, progress) -> tuple[dict, dict, tuple]:
    """The PDFs whose inputs changed, rendered: (pdfs, digests of all, the paths skipped)."""
    assets = assets_digest(project.templates_dir) if handouts else ""
    digests = {h.path: handout_digest(h.html, assets) for h in handouts}
    stale = [h for h in handouts
             if not (intact(out, h.path.as_posix(), recorded := last.outputs.get(h.path.as_posix()))
                     and recorded.digest == digests[h.path])]
    pdfs: dict[PurePosixPath, bytes] = {}
    if stale:
        from .parallel import (  # WeasyPrint loads only for a PDF
            Job,
            Limits,
            default_jobs,
            render_all,
        )
        allowed = (project.templates_dir, project.content_dir)
        jobs = [Job((h.html, project.templates_dir, allowed, h.pub.source.date, project.pdf.variant),
                    h.path.as_posix(), _catalog_of(project, h)) for h in stale]
        rendered = render_all(jobs, options.jobs or default_jobs(),
                              lambda i: progress and progress(f"rendered {stale[i].path}"),
                              Limits(project.pdf.timeout, project.pdf.memory_mb))
        pdfs = dict(zip((h.path for h in stale), rendered))
    skipped = tuple(h.path for h in handouts if h.path not in pdfs)
    if skipped and progress:
        progress(f"{len(skipped)} handout(s) unchanged since the last build, not rendered again")
    return pdfs, digests, skipped


def _whole_site(options: BuildOptions) -> bool:
    """A build whose scope is the whole site (no --locale, so every locale of publisher.toml
    and not the pseudo-locale; every format; no --shard) makes everything the folder should
    hold: whatever the last manifest lists and it did not make is stale."""
    return not options.locales and set(FORMATS) <= set(options.formats) and options.shard is None


def _written_folders(out: Path, targets: dict[PurePosixPath, Path], previous: Manifest) -> list[Path]:
    """The folders this build writes into or the last one wrote into (and the output folder)."""
    folders = [out, *(path.parent for path in targets.values())]
    for relative in (*previous.outputs, *previous.built):
        try:
            folders.append(resolve_output(out, PurePosixPath(relative)).parent)
        except OutputError:     # a manifest is a file anyone can edit
            continue
    return folders


def _write(project: Project, plan: Plan, options: BuildOptions, inputs: str,
           targets: dict[PurePosixPath, Path], progress) -> BuildResult:
    out, manifest_file = project.output_dir, manifest_name(options.shard)
    previous = read_manifest(out, manifest_file)     # --force ignores it, except to clean up
    # Left by a build that was killed while writing: publisher's own, in its own folders.
    remove_stale_temporaries(_written_folders(out, targets, previous))
    last = Manifest() if options.force else previous
    handouts = [h for h in plan.handouts if in_shard(h.path, options.shard)]
    pdfs, digests, skipped = _render_handouts(project, handouts, last, out, options, progress)
    # The pages say their PDF's size: rendered now, or already there.
    sizes = {page.pdf: (out / page.pdf).stat().st_size for page in plan.pages
             if page.pdf and page.pdf not in pdfs and (out / page.pdf).is_file()}
    sizes.update({rel: len(data) for rel, data in pdfs.items()})
    files = {**plan.files, **render_pages(plan, sizes)}
    diagnostics = translation_diagnostics(plan, options)
    outputs = {rel: data for rel, data in {**files, **pdfs}.items() if in_shard(rel, options.shard)}
    # The marker first: a folder holding any output of publisher's says it is publisher's.
    changed = set(write_all({out / MARKER_NAME: MARKER_TEXT,
                             **{targets[rel]: data for rel, data in outputs.items()}}))
    made = [*outputs, *skipped]
    # Stale outputs are removed only now that the new files are written (killed before, the
    # folder holds old and new files, never fewer); the new manifest, which keeps only intact
    # files of the old one, no longer lists them.
    removed = (remove_stale(out, previous, {rel.as_posix() for rel in made})
               if _whole_site(options) else ())
    # A build that fell back to English or held a locale back is not recorded as done: the
    # next one runs again and reports it again.
    write_manifest(out, manifest_file, "" if diagnostics else inputs,
                   {rel.as_posix(): digests.get(rel, "") for rel in made}, last)
    return BuildResult(out, tuple(rel.as_posix() for rel in outputs if targets[rel] in changed),
                       tuple(rel.as_posix() for rel in made if targets[rel] not in changed),
                       diagnostics, plan.held_back, tuple(rel.as_posix() for rel in skipped),
                       removed)


def build(project: Project, options: BuildOptions = BuildOptions(),
          progress: Callable[[str], None] | None = None,
          waiting: Callable[[str], None] | None = None) -> BuildResult:
    if options.output_dir is not None:
        project = replace(project, output_dir=options.output_dir.resolve())
        if problem := output_dir_problem(project.root, project.output_dir):
            raise OutputError(problem)
    out = project.output_dir
    if foreign_folder(out):
        where = ((None, None) if options.output_dir is not None else
                 (PROJECT_FILE, project.config_lines.get("project.output_dir")))
        raise OutputError(f"output folder {out} is not empty and was not made by publisher (it "
                          f"has no {MARKER_NAME}); choose an empty or new folder", *where)
    inputs = input_digest(project, build_key(options))
    if not options.force:
        last = read_manifest(out, manifest_name(options.shard))
        if last.inputs == inputs and all_intact(out, last):   # nothing changed: nothing to do
            return BuildResult(out, (), last.built, skipped=last.built)
    sources = load_sources(project)
    plan = gather(project, sources, options, CatalogStore(project.locales_dir, project.relative))
    # Check every destination before writing anything.
    targets = {rel: resolve_output(out, rel) for rel in
               [*plan.files, *(p.path for p in plan.pages), *(h.path for h in plan.handouts)]}
    refuse_case_clashes(targets)
    with output_lock(out, waiting):
        return _write(project, plan, options, inputs, targets, progress)
