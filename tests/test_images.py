"""publisher.images: an image of a source is a file under content/, of a format browsers and
the PDF all show, within the limits; anything else is an error at the image's line, and nothing
is written."""

import os
from pathlib import Path

import pytest
from PIL import Image

from publisher.config import load_project
from publisher.errors import SourceError
from publisher.sources import load_sources

from helpers import run_cli, tree_snapshot


def with_image(project_dir: Path, markdown: str) -> Path:
    source = project_dir / "content" / "victory-day-background.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text + f"\n{markdown}\n", encoding="utf-8")
    return source


def image_line(project_dir: Path) -> int:
    return (project_dir / "content" / "victory-day-background.md").read_text(encoding="utf-8").count("\n")


def test_a_missing_image_is_an_error_at_its_line_and_nothing_is_written(project_dir):
    with_image(project_dir, '![Delegates](images/delegates.png "The hall")')
    line = image_line(project_dir)
    before = tree_snapshot(project_dir)
    result = run_cli(project_dir, "build")
    assert result.exit_code == 1
    assert (f"error: content/victory-day-background.md:{line}: image not found: "
            "content/images/delegates.png (named images/delegates.png)") in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert tree_snapshot(project_dir) == before and not (project_dir / "dist").exists()


@pytest.mark.parametrize("src", ["../publisher.toml", "../../outside.png", "/etc/hostname"])
def test_an_image_outside_content_is_refused(project_dir, src):
    (project_dir.parent / "outside.png").write_bytes(b"")
    with_image(project_dir, f"![Secret]({src})")
    with pytest.raises(SourceError, match=r"content/victory-day-background.md:\d+: the image .*: "
                                          r"outside the project's content/ folder"):
        load_sources(load_project(project_dir))


def test_a_symbolic_link_out_of_content_is_refused(project_dir, tmp_path):
    outside = tmp_path / "elsewhere.png"
    Image.new("RGB", (4, 4)).save(outside)
    (project_dir / "content" / "images").mkdir()
    os.symlink(outside, project_dir / "content" / "images" / "link.png")
    with_image(project_dir, "![Linked](images/link.png)")
    with pytest.raises(SourceError, match=r"the image images/link\.png: a symlink to .*, outside the "
                                          r"project's content/ folder"):
        load_sources(load_project(project_dir))


@pytest.mark.parametrize("name, save, message", [
    ("images/scan.bmp", lambda p: Image.new("RGB", (8, 8)).save(p, "BMP"),
     "the image content/images/scan.bmp is BMP, which browsers and the PDF do not all show: "
     "convert it to PNG, JPEG, GIF, WebP"),
    ("images/chart.svg", lambda p: p.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>"),
     "content/images/chart.svg is not an image Pillow can read: use PNG, JPEG, GIF or WebP"),
    ("images/huge.png", lambda p: Image.new("1", (5100, 5000)).save(p),
     "the image content/images/huge.png has 5100 x 5000 pixels, over the limit of 25,000,000"),
])
def test_unsupported_and_oversized_images_are_refused(project_dir, name, save, message):
    path = project_dir / "content" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    save(path)
    with_image(project_dir, f"![A picture]({name})")
    line = image_line(project_dir)
    with pytest.raises(SourceError) as error:
        load_sources(load_project(project_dir))
    assert str(error.value).startswith(f"content/victory-day-background.md:{line}: {message}")


def test_an_image_over_the_resource_limit_is_refused(project_dir, monkeypatch):
    import publisher.images
    monkeypatch.setattr(publisher.images, "MAX_RESOURCE_BYTES", 1000)   # the seam: the module's limit
    path = project_dir / "content" / "images" / "noise.png"
    path.parent.mkdir()
    Image.frombytes("L", (64, 64), os.urandom(64 * 64)).save(path)
    with_image(project_dir, "![Noise](images/noise.png)")
    with pytest.raises(SourceError, match=r"the image images/noise\.png: too large to read: [\d,]+ "
                                          r"bytes, the limit is 1,000 bytes"):
        load_sources(load_project(project_dir))
