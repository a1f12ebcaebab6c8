import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE = Path(__file__).resolve().parent / "sample"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def _copy_project(source: Path, target: Path) -> Path:
    target.mkdir(parents=True)
    shutil.copy2(source / "publisher.toml", target / "publisher.toml")
    shutil.copy2(REPO / "babel.cfg", target / "babel.cfg")
    for folder in ("content", "locales"):
        if (source / folder).exists():
            shutil.copytree(source / folder, target / folder, ignore=shutil.ignore_patterns("*.mo"))
    shutil.copytree(REPO / "templates", target / "templates")
    return target


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    """A copy of the real project (the Victory Day release), safe to change."""
    return _copy_project(REPO, tmp_path / "project")


@pytest.fixture
def sample_dir(tmp_path: Path) -> Path:
    """A copy of the small sample project in tests/sample, with the real templates."""
    return _copy_project(SAMPLE, tmp_path / "sample")


@pytest.fixture(scope="session")
def release(tmp_path_factory) -> Path:
    """The real release built once (HTML and PDF, every locale); returns the output folder."""
    from publisher.build import build
    from publisher.config import load_project

    root = _copy_project(REPO, tmp_path_factory.mktemp("release") / "project")
    result = build(load_project(root))
    assert not result.diagnostics, result.diagnostics
    return result.output_dir


def tree_snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder with its bytes, to prove a failed command changed nothing."""
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}
