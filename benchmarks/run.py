"""publisher's benchmarks: one command, a table, and JSON (benchmarks/results/latest.json).

Usage: .venv/bin/python -m benchmarks.run [--quick] [--json FILE]   (or: make bench)

Every figure is set beside a floor measured in the same run, on the same machine, so the ratios
hold on a laptop or a loaded CI runner alike. Each build and each floor runs in a fresh child
process (timed from the child's first import to its last write; peak memory from
resource.getrusage), on synthetic projects written by benchmarks/sitecorpus.py into a
temporary folder. Nothing here is part of the tests.

Floors:
- PDF: bare WeasyPrint (``HTML(string).write_pdf()``, one process) rendering the very handout HTML
  the build renders, serially; the build with ``--jobs 1`` is compared with it.
- HTML: bare Jinja2 + Babel: Babel's read_po + write_mo for every catalog, the same templates
  and page contexts, markdown-it for the messages, and a plain write of every page: the
  build's work minus its checks, atomic writes and manifest.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results"
PUBLISHER = str(Path(sys.executable).parent / "publisher")    # the command, in this venv


# ---------------------------------------------------------------- child processes

def _peak_mb(who: str = "self") -> float:
    """Peak resident memory of this process, or of the largest of its finished children."""
    import resource
    peak = resource.getrusage(resource.RUSAGE_SELF if who == "self" else resource.RUSAGE_CHILDREN).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def child_build(root: str, formats: list[str], jobs: int | None = None,
                output: str | None = None, shard: list[int] | None = None) -> dict:
    from publisher.build import BuildOptions, build  # start-up is measured on its own
    from publisher.config import load_project
    start = time.perf_counter()
    options = BuildOptions(formats=tuple(formats), output_dir=Path(output) if output else None,
                           jobs=jobs, shard=tuple(shard) if shard else None)
    result = build(load_project(Path(root)), options)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_mb": _peak_mb(), "peak_worker_mb": _peak_mb("children"),
            "written": len(result.written),
            "unchanged": len(result.unchanged),
            "skipped": len(result.skipped),
            "written_files": list(result.written[:10])}


def _handouts(root: str):
    from publisher.build import BuildOptions
    from publisher.build.plan import gather
    from publisher.config import load_project
    from publisher.sources import load_sources
    project = load_project(Path(root))
    return project, gather(project, load_sources(project), BuildOptions(formats=("pdf",))).handouts


def child_floor_pdf(root: str) -> dict:
    project, handouts = _handouts(root)          # the HTML to render, made before the clock starts
    out = Path(tempfile.mkdtemp(prefix="floor-pdf-"))
    start = time.perf_counter()
    import weasyprint
    base = project.templates_dir.as_uri() + "/"
    for number, handout in enumerate(handouts):
        # the options publisher's own writer passes (pdf.render_pdf): an archival, tagged PDF
        pdf = weasyprint.HTML(string=handout.html, base_url=base).write_pdf(
            pdf_variant=project.pdf.variant, pdf_tags=True)
        (out / f"{number}.pdf").write_bytes(pdf)
    seconds = time.perf_counter() - start
    shutil.rmtree(out)
    return {"seconds": seconds, "peak_mb": _peak_mb(), "handouts": len(handouts)}


def child_floor_html(root: str) -> dict:
    """The same pages through bare Jinja2 + Babel: the build's work minus its checks, atomic
    writes and manifest. The pages and their contexts come from publisher's gather (untimed);
    the clock covers what a hand-written script must still do: parse the Markdown sources
    (markdown-it), read and compile every catalog (Babel), render every message's inline
    Markdown, render every page (Jinja2) and write it (a plain write)."""
    from publisher.build import BuildOptions
    from publisher.build.plan import gather
    from publisher.config import load_project
    from publisher.render.templates import make_environment
    from publisher.sources import load_sources, markdown

    project = load_project(Path(root))
    plan = gather(project, load_sources(project), BuildOptions(formats=("html",)))
    bodies = [path.read_text(encoding="utf-8").split("+++", 2)[2]
              for path in sorted(project.content_dir.glob("*.md"))]
    catalogs = sorted(project.locales_dir.glob("*/LC_MESSAGES/*.po"))
    out = Path(tempfile.mkdtemp(prefix="floor-html-"))

    start = time.perf_counter()
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    md = markdown()
    for body in bodies:
        md.parse(body)
    ui: dict[str, Translations] = {}
    for path in catalogs:
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=path.parts[-3])
        for message in catalog:
            if message.id and message.string:
                md.renderInline(message.string)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        if path.stem == "site":
            ui[path.parts[-3]] = Translations(buffer)
    env = make_environment(project.templates_dir)
    for page in plan.pages:
        env.install_gettext_translations(ui.get(page.context["locale"].code, Translations()),
                                         newstyle=False)
        text = env.get_template(page.template).render(**page.context, pdf=None)
        target = out / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    seconds = time.perf_counter() - start
    shutil.rmtree(out)
    return {"seconds": seconds, "peak_mb": _peak_mb(), "pages": len(plan.pages)}


def child_pdf_split(root: str, repeat: int) -> dict:
    """One handout's cost: layout (render) against PDF writing, and inside the writing the
    font subsetting, with HarfBuzz-Subset and with WeasyPrint's fontTools fallback."""
    project, handouts = _handouts(root)
    handout = handouts[0]
    import weasyprint
    import weasyprint.pdf.fonts as pdf_fonts
    base = project.templates_dir.as_uri() + "/"
    spent = {"subset": 0.0}
    font_class = next(cls for cls in vars(pdf_fonts).values()
                      if isinstance(cls, type) and "subset" in vars(cls))
    original = font_class.subset

    def timed_subset(self, *args, **kwargs):
        start = time.perf_counter()
        try:
            return original(self, *args, **kwargs)
        finally:
            spent["subset"] += time.perf_counter() - start

    font_class.subset = timed_subset

    def best(action) -> tuple[float, float]:
        """(seconds, of which subsetting), best of ``repeat``."""
        runs = []
        for _ in range(repeat):
            spent["subset"] = 0.0
            start = time.perf_counter()
            action()
            runs.append((time.perf_counter() - start, spent["subset"]))
        return min(runs)

    html = weasyprint.HTML(string=handout.html, base_url=base)
    document = html.render()                                # warm the font configuration
    layout, _ = best(html.render)
    harfbuzz = pdf_fonts.harfbuzz_subset is not None
    write_hb, subset_hb = best(document.write_pdf) if harfbuzz else (None, None)
    saved, pdf_fonts.harfbuzz_subset = pdf_fonts.harfbuzz_subset, None   # WeasyPrint's fallback
    import logging
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    write_ft, subset_ft = best(document.write_pdf)
    pdf_fonts.harfbuzz_subset = saved
    return {"pages": len(document.pages), "layout_s": layout, "write_harfbuzz_s": write_hb,
            "subset_harfbuzz_s": subset_hb, "write_fonttools_s": write_ft,
            "subset_fonttools_s": subset_ft, "harfbuzz_subset": harfbuzz,
            "weasyprint": weasyprint.__version__}


CHILDREN = {"build": child_build, "floor_pdf": child_floor_pdf, "floor_html": child_floor_html,
            "pdf_split": child_pdf_split}


def in_child(task: str, **kwargs) -> dict:
    done = subprocess.run([sys.executable, "-m", "benchmarks.run", "--child", task, json.dumps(kwargs)],
                          cwd=REPO, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"benchmark child {task} failed:\n{done.stderr}")
    return json.loads(done.stdout.splitlines()[-1])


# ---------------------------------------------------------------- the table

@dataclass
class Row:
    what: str
    value: float | None
    unit: str = "s"
    floor: float | None = None
    goal: str = ""
    met: bool | None = None
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        return self.value / self.floor if self.value is not None and self.floor else None


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    return f"{value:.3f} {unit}" if unit == "s" else f"{value:.1f} {unit}" if unit else f"{value:.2f}"


def print_table(rows: list[Row]) -> None:
    print(f"{'what':<58} {'value':>11} {'floor':>11} {'ratio':>6}  {'goal':<22} met")
    for row in rows:
        ratio = f"{row.ratio:.2f}" if row.ratio is not None else "-"
        met = {True: "yes", False: "NO", None: ""}[row.met]
        print(f"{row.what:<58} {fmt(row.value, row.unit):>11} {fmt(row.floor, row.unit):>11} "
              f"{ratio:>6}  {row.goal:<22} {met}")
        if row.note:
            print(f"{'':<4}{row.note}")


def best_of(count: int, run) -> dict:
    results = [run() for _ in range(count)]
    return min(results, key=lambda r: r["seconds"])


def interleaved(count: int, runs: list) -> list[dict]:
    results: list[list[dict]] = [[] for _ in runs]
    for _ in range(count):
        for index, run in enumerate(runs):
            results[index].append(run())
    return [min(found, key=lambda r: r["seconds"]) for found in results]


def fit_exponent(points: list[tuple[float, float]]) -> float:
    """The slope of log(y) against log(x): 1.0 is linear growth, 0 is flat."""
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


# ---------------------------------------------------------------- the benchmarks

def corpus(tmp: Path, name: str, publications: int, locales: int) -> Path:
    from benchmarks.sitecorpus import write_corpus
    return write_corpus(tmp / name, publications, locales)


def bench_full_build(tmp: Path, pubs: int, locales: int, repeat: int) -> list[Row]:
    root = corpus(tmp, f"ratio-{pubs}x{locales}", pubs, locales)
    out = str(tmp / "ratio-out")

    def fresh_build(formats, jobs):
        def run():
            shutil.rmtree(out, ignore_errors=True)
            return in_child("build", root=str(root), formats=formats, jobs=jobs, output=out)
        return run

    # Interleaved (floor, build, floor, build ...), best of each: a load that comes and goes
    # on the machine then weighs on floor and build alike.
    html_floor, html, pdf_floor, serial, parallel = interleaved(repeat, [
        lambda: in_child("floor_html", root=str(root)), fresh_build(["html"], 1),
        lambda: in_child("floor_pdf", root=str(root)), fresh_build(["html", "pdf"], 1),
        fresh_build(["html", "pdf"], None)])
    both_floor = html_floor["seconds"] + pdf_floor["seconds"]
    size = f"{pubs} pubs x {locales} locales"
    return [
        Row(f"HTML build, {size} ({html_floor['pages']} pages)", html["seconds"],
            floor=html_floor["seconds"], goal="<= 1.15 x floor",
            met=html["seconds"] <= 1.15 * html_floor["seconds"],
            note="floor: bare Jinja2 + Babel rendering the same pages"),
        Row(f"full build --jobs 1, {size} ({pdf_floor['handouts']} PDFs)", serial["seconds"],
            floor=both_floor, goal="<= 1.15 x floor", met=serial["seconds"] <= 1.15 * both_floor,
            note="floor: bare WeasyPrint on the same handout HTML + the HTML floor"),
        Row(f"full build --jobs {os.cpu_count()} (default), {size}", parallel["seconds"],
            floor=both_floor, goal="< floor with 2+ CPUs",
            met=parallel["seconds"] < both_floor if (os.cpu_count() or 1) > 1 else None),
    ]


def bench_rebuilds(tmp: Path, pubs: int, locales: int) -> list[Row]:
    root = corpus(tmp, f"site-{pubs}x{locales}", pubs, locales)
    first = in_child("build", root=str(root), formats=["html", "pdf"])
    noop = best_of(3, lambda: in_child("build", root=str(root), formats=["html", "pdf"]))
    # One translator saves one catalog: one message of one publication in the second locale.
    from benchmarks.sitecorpus import LOCALES
    from publisher.po.catalog import catalog_path
    po = catalog_path(root / "locales", LOCALES[1], "release-0001")
    text = po.read_text(encoding="utf-8")
    marker = 'msgstr "'
    at = text.index(marker, text.index("#. paragraph")) + len(marker)
    po.write_text(text[:at] + "Yenilənmiş: " + text[at:], encoding="utf-8")
    one = in_child("build", root=str(root), formats=["html", "pdf"])

    def cli_noop() -> dict:
        start = time.perf_counter()
        subprocess.run([PUBLISHER, "-C", str(root), "build", "--format", "html", "--format", "pdf",
                        "-q"], check=True, capture_output=True)
        return {"seconds": time.perf_counter() - start}
    cli = best_of(3, cli_noop)
    shard = in_child("build", root=str(root), formats=["html", "pdf"], shard=[1, 4],
                     output=str(tmp / "shard-1-of-4"))
    outputs = first["written"] + first["unchanged"]
    size = f"{pubs} pubs x {locales} locales"
    rows = [
        Row(f"first full build --jobs {os.cpu_count()}, {size} ({outputs} files)", first["seconds"],
            note=f"peak memory: build {first['peak_mb']:.0f} MB, largest PDF worker "
                 f"{first['peak_worker_mb']:.0f} MB", extra=first),
        Row(f"no-op rebuild, {size}", noop["seconds"], goal="< 1 s", met=noop["seconds"] < 1.0,
            note=f"{noop['written']} written, {noop['unchanged']} unchanged, "
                 f"{noop['skipped']} not re-rendered", extra=noop),
        Row("no-op rebuild as a command (publisher build, start-up included)", cli["seconds"],
            goal="< 1 s", met=cli["seconds"] < 1.0),
        Row(f"rebuild after one catalog changed, {size}", one["seconds"],
            goal="only its outputs", met=one["written"] <= 3 and all(
                path.startswith(f"{LOCALES[1]}/") for path in one["written_files"]),
            note=f"written: {', '.join(one['written_files'])}; "
                 f"{one['skipped']} handouts not rendered again", extra=one),
    ]
    rows.append(Row("shard 1/4 of the same first build (--shard 1/4)", shard["seconds"],
                    floor=first["seconds"], goal="~1/4 + gathering",
                    note=f"{shard['written']} files written of {outputs}", extra=shard))
    return rows


def bench_startup(repeat: int) -> list[Row]:
    def best(command: list[str]) -> float | None:
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            done = subprocess.run(command, cwd=REPO, capture_output=True)
            times.append(time.perf_counter() - start)
            if done.returncode:
                return None
        return min(times)

    floor = best([sys.executable, "-c", "pass"])
    rows = []
    help_text = subprocess.run([PUBLISHER, "--help"], capture_output=True, text=True).stdout
    commands = [["--help"]] + ([["stats"]] if "stats" in help_text.split("Commands:")[-1] else [])
    for args in commands:
        value = best([PUBLISHER, *args])
        rows.append(Row(f"start-up: publisher {' '.join(args)}", value, floor=floor,
                        goal="<= floor + 0.15 s", met=value is not None and value <= floor + 0.15,
                        note="" if value is not None else "command failed"))
    if len(commands) == 1:
        rows.append(Row("start-up: publisher stats", None, note="no stats command in this tree"))
    probe = subprocess.run([sys.executable, "-c", "import sys, publisher.cli, publisher.build; "
                            "print('weasyprint' in sys.modules)"], cwd=REPO, capture_output=True, text=True)
    rows.append(Row("weasyprint imported by the CLI and build modules", None,
                    note=f"imported: {probe.stdout.strip()} (goal: False)"))
    return rows


def bench_pdf_split(tmp: Path, repeat: int) -> list[Row]:
    root = corpus(tmp, "split", 1, 2)
    split = in_child("pdf_split", root=str(root), repeat=repeat)
    rows = [Row(f"one handout ({split['pages']} pages): layout, document.render()", split["layout_s"])]
    for name, key in (("HarfBuzz-Subset", "harfbuzz"), ("fontTools (the fallback)", "fonttools")):
        write, subset = split[f"write_{key}_s"], split[f"subset_{key}_s"]
        if write is None:
            rows.append(Row(f"  write_pdf, {name}", None, note="libharfbuzz-subset not found"))
            continue
        total = split["layout_s"] + write
        rows.append(Row(f"  write_pdf with {name} subsetting", write,
                        note=f"handout {total:.3f} s: layout {split['layout_s'] / total:.0%}, "
                             f"subsetting {subset / total:.0%} ({subset:.3f} s), "
                             f"rest of the PDF writing {(write - subset) / total:.0%}"))
    rows[-1].extra = split
    return rows


def bench_scaling(tmp: Path, sizes: tuple[int, ...], locales: int) -> list[Row]:
    points = []
    for pubs in sizes:
        root = corpus(tmp, f"scale-{pubs}", pubs, locales)
        result = in_child("build", root=str(root), formats=["html"])
        points.append((pubs, result))
        shutil.rmtree(root)
    rows = [Row(f"HTML build, {pubs} pubs x {locales} locales", r["seconds"],
                note=f"peak memory {r['peak_mb']:.0f} MB", extra=r) for pubs, r in points]
    time_exp = fit_exponent([(n, r["seconds"]) for n, r in points])
    mem_exp = fit_exponent([(n, r["peak_mb"]) for n, r in points])
    rows.append(Row("time growth exponent (1 = linear)", time_exp, unit="", goal="<= 1.1",
                    met=time_exp <= 1.1))
    rows.append(Row("peak memory growth exponent (0 = flat)", mem_exp, unit="", goal="~0 (flat)",
                    met=mem_exp <= 0.2,
                    note="the build holds every page in memory before its all-or-nothing write"))
    return rows


def bench_catalogs(tmp: Path, quick: bool) -> list[Row]:
    """update and compile against msgmerge and msgfmt: benchmarks/catalogs.py (the catalog
    work's own benchmark) is run and its figures folded in; check against pofilter here."""
    size = 2_000 if quick else 20_000
    target = tmp / "catalogs.json"
    command = [sys.executable, "benchmarks/catalogs.py", "--size", str(size), "--json", str(target),
               "--repeat", "1" if quick else "3", *(["--no-gnu-fuzzy"] if quick else [])]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    if done.returncode or not target.exists():
        return [Row("catalog operations", None,
                    note=f"benchmarks/catalogs.py failed: {done.stderr.strip()[-300:]}")]
    data = json.loads(target.read_text())
    ours, plain = data["publisher_update"]["seconds"], data["msgmerge_no_fuzzy"]["seconds"]
    rows = [Row(f"update, {size:,} messages (fuzzy matching)", ours, floor=plain,
                note="floor: msgmerge --previous -N (no fuzzy matching)", extra=data)]
    if "msgmerge_fuzzy" in data:
        rows.append(Row("  msgmerge --previous (with fuzzy matching)", data["msgmerge_fuzzy"]["seconds"],
                        floor=ours, note="ratio: msgmerge's time over publisher's"))
    else:
        rows.append(Row("  msgmerge --previous (with fuzzy matching)", None,
                        note="skipped in --quick (minutes on 20,000 messages)"))
    rows.append(Row(f"compile, {size:,} messages (read + .mo)", data["compile"]["publisher"],
                    floor=data["compile"]["msgfmt"], note="floor: msgfmt"))
    rows += bench_check(tmp, size)
    return rows


def bench_check(tmp: Path, size: int) -> list[Row]:
    """publisher check against pofilter (translate-toolkit) on the same catalog, both as
    commands (start-up included), and against reading the catalog (parse_catalog)."""
    pofilter = Path(sys.executable).parent / "pofilter"
    try:
        from benchmarks.checks import catalog_bytes
    except ImportError as exc:
        return [Row("check", None, note=f"benchmarks/checks.py unusable: {exc}")]
    root = tmp / "check-project"
    folder = root / "locales" / "az" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (root / "content").mkdir()
    # check reads the sources for the domains it expects: one small publication, "big"
    (root / "content" / "big.md").write_text('+++\ntitle = "Big"\ndate = 2024-11-08\n+++\n\nText.\n',
                                             encoding="utf-8")
    (root / "publisher.toml").write_text('[project]\nname = "check"\nlocales = ["en", "az"]\n',
                                         encoding="utf-8")
    po = folder / "big.po"
    po.write_bytes(catalog_bytes(size))

    def timed(command: list[str]) -> float:
        start = time.perf_counter()
        done = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if done.returncode not in (0, 1):    # 1: problems found; anything else: it did not run
            raise RuntimeError(f"{' '.join(command)} failed: {done.stderr[-300:]}")
        return seconds

    from publisher.po.catalog import parse_catalog
    start = time.perf_counter()
    parse_catalog(po.read_bytes(), "big.po")
    read = time.perf_counter() - start
    check = min(timed([PUBLISHER, "-C", str(root), "check", "--locale", "az"]) for _ in range(2))
    rows = [Row(f"check, {size:,} messages (every rule, command)", check, floor=read,
                note="floor: reading the catalog (parse_catalog) in-process")]
    if pofilter.exists():
        theirs = timed([str(pofilter), "-i", str(po), "-o", str(tmp / "pofilter-out.po")])
        rows.append(Row("  pofilter (translate-toolkit, every test, command)", theirs, floor=check,
                        note="ratio: pofilter's time over publisher check's"))
    else:
        rows.append(Row("  pofilter", None, note="translate-toolkit not installed"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small corpora: a smoke run in ~1 min")
    parser.add_argument("--json", type=Path, default=RESULTS / "latest.json")
    parser.add_argument("--only", action="append", default=[],
                        choices=["build", "rebuild", "startup", "pdf", "scaling", "catalogs"])
    parser.add_argument("--child", nargs=2, metavar=("TASK", "ARGS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        task, kwargs = args.child
        print(json.dumps(CHILDREN[task](**json.loads(kwargs))))
        return

    quick = args.quick
    chosen = set(args.only) or {"build", "rebuild", "startup", "pdf", "scaling", "catalogs"}
    sections: dict[str, list[Row]] = {}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="publisher-bench-") as name:
        tmp = Path(name)
        if "startup" in chosen:
            sections["start-up"] = bench_startup(3 if quick else 9)
        if "pdf" in chosen:
            sections["PDF cost split"] = bench_pdf_split(tmp, 2 if quick else 5)
        if "build" in chosen:
            sections["full build against its floors"] = (
                bench_full_build(tmp, 4, 2, 1) if quick else bench_full_build(tmp, 20, 5, 2))
        if "rebuild" in chosen:
            sections["incremental rebuilds"] = (
                bench_rebuilds(tmp, 10, 2) if quick else bench_rebuilds(tmp, 100, 5))
        if "scaling" in chosen:
            sections["growth (HTML only)"] = bench_scaling(
                tmp, (10, 30, 100) if quick else (10, 100, 1000), 2)
        if "catalogs" in chosen:
            sections["catalog operations"] = bench_catalogs(tmp, quick)

    for title, rows in sections.items():
        print(f"\n## {title}")
        print_table(rows)
    report = {
        "command": " ".join([Path(sys.executable).name, "-m", "benchmarks.run", *sys.argv[1:]]),
        "quick": quick, "cpus": os.cpu_count(), "python": platform.python_version(),
        "platform": platform.platform(), "seconds": time.perf_counter() - started,
        "sections": {title: [{"what": r.what, "value": r.value, "unit": r.unit, "floor": r.floor,
                              "ratio": r.ratio, "goal": r.goal, "met": r.met, "note": r.note,
                              **({"detail": r.extra} if r.extra else {})} for r in rows]
                     for title, rows in sections.items()},
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {args.json.relative_to(REPO) if args.json.is_relative_to(REPO) else args.json} "
          f"in {report['seconds']:.0f} s")


if __name__ == "__main__":
    main()
