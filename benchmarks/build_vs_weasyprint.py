"""Full build time against its floor: bare WeasyPrint rendering the same handout HTML.

Usage: .venv/bin/python benchmarks/build_vs_weasyprint.py [--repeat N] [--json FILE]

Both are measured in the same process and run, on a copy of the project in a temporary folder,
after WeasyPrint has been imported once (start-up is measured separately). The build figure
covers everything `publisher build` does: reading sources and catalogs, rendering every page
and handout, the PDFs, and writing the files.
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

from publisher.build import BuildOptions, build, gather  # noqa: E402
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
    args = parser.parse_args()
    import weasyprint

    with tempfile.TemporaryDirectory() as tmp:
        project = load_project(copy_project(Path(tmp)))
        handouts = gather(project, load_sources(project), BuildOptions(formats=("pdf",))).handouts
        base = project.templates_dir.as_uri() + "/"
        floor, ours = [], []
        for _ in range(args.repeat):
            start = time.perf_counter()
            for handout in handouts:
                weasyprint.HTML(string=handout.html, base_url=base).write_pdf()
            floor.append(time.perf_counter() - start)
            shutil.rmtree(project.output_dir, ignore_errors=True)
            start = time.perf_counter()
            build(project)
            ours.append(time.perf_counter() - start)
    result = {"handouts": len(handouts), "floor_s": min(floor), "build_s": min(ours),
              "ratio": min(ours) / min(floor), "runs": args.repeat,
              "weasyprint": weasyprint.__version__}
    print(f"{'what':<44} {'seconds':>8}")
    print(f"{'bare WeasyPrint, ' + str(len(handouts)) + ' handouts (floor)':<44} {result['floor_s']:>8.3f}")
    print(f"{'publisher build (HTML + PDF, every locale)':<44} {result['build_s']:>8.3f}")
    print(f"{'ratio build / floor':<44} {result['ratio']:>8.2f}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
