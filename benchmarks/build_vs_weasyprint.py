"""Full build time against its floor: bare WeasyPrint rendering the same handout HTML.

Usage: .venv/bin/python benchmarks/build_vs_weasyprint.py [--repeat N] [--json FILE]

Both are measured in the same process and run, on a copy of the project in a temporary folder,
after WeasyPrint has been imported once (start-up is measured separately). The floor renders
every handout's HTML (per locale and bilingual, already hyphenated) with the same WeasyPrint
options publisher uses (the [pdf] variant, tagged). Two build figures: the PDFs alone
(--format pdf --format pdf-bilingual: templates, hyphenation, PDFs, writing) and the full build
(every page and handout, and writing the files).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from publisher.build import BuildOptions, build  # noqa: E402
from publisher.build.plan import gather  # noqa: E402
from publisher.config import load_project  # noqa: E402
from publisher.sources import load_sources  # noqa: E402


def copy_project(target: Path) -> Path:
    for name in ("publisher.toml", "content", "locales", "templates"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / name)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--jobs", type=int, default=None,
                        help="processes for publisher's PDFs (default: one per CPU; the floor uses one)")
    args = parser.parse_args()
    import weasyprint

    with tempfile.TemporaryDirectory() as tmp:
        project = load_project(copy_project(Path(tmp)))
        pdf_only = BuildOptions(formats=("pdf", "pdf-bilingual"), jobs=args.jobs, force=True)
        everything = BuildOptions(jobs=args.jobs, force=True)
        handouts = gather(project, load_sources(project), pdf_only).handouts
        base = project.templates_dir.as_uri() + "/"
        options = {"pdf_variant": project.pdf.variant, "pdf_tags": True}
        floor, pdfs, ours = [], [], []
        for _ in range(args.repeat):
            start = time.perf_counter()
            for handout in handouts:
                weasyprint.HTML(string=handout.html, base_url=base).write_pdf(**options)
            floor.append(time.perf_counter() - start)
            shutil.rmtree(project.output_dir, ignore_errors=True)
            start = time.perf_counter()
            build(project, pdf_only)
            pdfs.append(time.perf_counter() - start)
            shutil.rmtree(project.output_dir, ignore_errors=True)
            start = time.perf_counter()
            build(project, everything)
            ours.append(time.perf_counter() - start)
    result = {"handouts": len(handouts), "floor_s": min(floor), "pdfs_s": min(pdfs),
              "build_s": min(ours), "pdf_ratio": min(pdfs) / min(floor),
              "ratio": min(ours) / min(floor), "runs": args.repeat,
              "weasyprint": weasyprint.__version__, "variant": project.pdf.variant,
              "jobs": args.jobs}
    print(f"{'what':<52} {'seconds':>8}")
    print(f"{'bare WeasyPrint, ' + str(len(handouts)) + ' handouts (floor)':<52} {result['floor_s']:>8.3f}")
    print(f"{'publisher build --format pdf --format pdf-bilingual':<52} {result['pdfs_s']:>8.3f}")
    print(f"{'publisher build (HTML + every PDF, every locale)':<52} {result['build_s']:>8.3f}")
    print(f"{'ratio PDFs / floor':<52} {result['pdf_ratio']:>8.2f}")
    print(f"{'ratio full build / floor':<52} {result['ratio']:>8.2f}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
