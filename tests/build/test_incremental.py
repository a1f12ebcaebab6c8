"""Incremental, parallel and sharded builds: only what changed is rendered, and the bytes are
the same however the work is split."""

import json
import shutil
from pathlib import Path

import pytest

from publisher.build import BuildOptions, build
from publisher.build.incremental import MANIFEST_NAME, in_shard, parse_shard
from publisher.build.lock import LOCK_NAME
from publisher.config import load_project

from helpers import NOTE_AZ_PO, SAMPLE, copy_project, tree_snapshot


def outputs(folder: Path) -> dict[str, bytes]:
    """The export as a reader gets it: without publisher's manifest and lock files."""
    return {path: data for path, data in tree_snapshot(folder).items()
            if not Path(path).name.startswith(".publisher")}


def edit_translation(root: Path, old: str, new: str) -> None:
    path = root / NOTE_AZ_PO
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def first_translation(root: Path) -> str:
    """The msgstr of the first paragraph of the az catalog (a line of the file)."""
    lines = (root / NOTE_AZ_PO).read_text(encoding="utf-8").split("\n")
    start = lines.index("#. paragraph")
    return next(line for line in lines[start:] if line.startswith('msgstr "') and line != 'msgstr ""')


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The sample project built once with HTML and PDF; tests copy it."""
    root = copy_project(SAMPLE, tmp_path_factory.mktemp("incremental") / "sample")
    complete_catalogs(root)
    build(load_project(root))
    return root


def complete_catalogs(root: Path) -> None:
    """Bring the sample's catalogs up to date with the templates and leave no message
    untranslated (the template strings in az as in English: only completeness matters here),
    so that a rebuild can be a no-op."""
    import polib

    from publisher.commands import update
    update(load_project(root))
    path = root / "locales/az/LC_MESSAGES/site.po"
    catalog = polib.pofile(str(path))
    for entry in catalog:
        if not entry.msgstr or entry.fuzzy:
            entry.msgstr, entry.flags = entry.msgid, [f for f in entry.flags if f != "fuzzy"]
    catalog.save(str(path))


@pytest.fixture
def project(built, tmp_path):
    root = tmp_path / "sample"
    shutil.copytree(built, root)
    # the manifest records the outputs by their digests, so it describes the copied ones
    return root


def test_a_noop_rebuild_renders_and_writes_nothing(project):
    before = tree_snapshot(project / "out")
    result = build(load_project(project))
    assert result.written == ()
    assert set(result.skipped) == set(result.unchanged) == set(outputs(project / "out"))
    assert tree_snapshot(project / "out") == before


def test_one_catalog_changed_renders_only_its_outputs(project):
    line = first_translation(project)
    edit_translation(project, line, line.replace('msgstr "', 'msgstr "Yenilənmiş: ', 1))
    result = build(load_project(project))
    assert "az/note.html" in result.written and "az/note.pdf" in result.written
    assert not any(path.startswith("en/") for path in result.written), result.written
    assert "en/note.pdf" in result.skipped and "az/note.pdf" not in result.skipped
    assert "Yenilənmiş:" in (project / "out/az/note.html").read_text(encoding="utf-8")


def test_a_changed_stylesheet_renders_every_handout_again(project):
    css = project / "templates/handout.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* a new rule */\nmain { orphans: 3 }\n",
                   encoding="utf-8")
    result = build(load_project(project))
    assert not [path for path in result.skipped if path.endswith(".pdf")]


@pytest.mark.parametrize("damage", ["delete", "truncate"])
def test_a_damaged_output_is_rendered_again(project, damage):
    pdf = project / "out/en/note.pdf"
    good = pdf.read_bytes()
    pdf.unlink() if damage == "delete" else pdf.write_bytes(good[:100])
    result = build(load_project(project))
    assert "en/note.pdf" in result.written
    assert pdf.read_bytes() == good


def test_a_broken_manifest_only_costs_a_full_build(project):
    (project / "out" / MANIFEST_NAME).write_text("{not json", encoding="utf-8")
    before = outputs(project / "out")
    result = build(load_project(project))
    assert result.skipped == ()
    assert outputs(project / "out") == before
    assert json.loads((project / "out" / MANIFEST_NAME).read_text(encoding="utf-8"))["inputs"]


def test_a_build_with_untranslated_messages_reports_them_every_time(project):
    line = first_translation(project)
    edit_translation(project, line, 'msgstr ""')
    first = build(load_project(project))
    again = build(load_project(project))
    assert first.diagnostics and again.diagnostics == first.diagnostics
    assert "en/note.pdf" in again.skipped      # the handouts are still not rendered again


def test_force_renders_everything(project):
    result = build(load_project(project), BuildOptions(force=True))
    assert result.skipped == ()
    assert result.written == ()                # same bytes: nothing needed replacing


def test_output_is_the_same_for_any_number_of_jobs(project, tmp_path):
    trees = []
    for jobs in (1, 2):
        out = tmp_path / f"jobs-{jobs}"
        build(load_project(project), BuildOptions(output_dir=out, jobs=jobs))
        trees.append(outputs(out))
    assert trees[0] == trees[1] == outputs(project / "out")


def test_shards_split_the_work_and_add_up_to_the_whole(project, tmp_path):
    merged: dict[str, bytes] = {}
    for number in (1, 2, 3):
        out = tmp_path / f"shard-{number}"
        result = build(load_project(project), BuildOptions(output_dir=out, shard=(number, 3)))
        files = outputs(out)
        assert set(files) == set(result.written)
        assert not set(files) & set(merged), "two shards wrote the same file"
        merged.update(files)
    assert merged == outputs(project / "out")


def test_a_page_and_its_handout_fall_in_the_same_shard():
    from pathlib import PurePosixPath
    for slug in ("note", "victory-day-2024", "release-0042"):
        for count in (2, 3, 7):
            html = [in_shard(PurePosixPath("az", f"{slug}.html"), (k, count)) for k in range(1, count + 1)]
            pdf = [in_shard(PurePosixPath("az", f"{slug}.pdf"), (k, count)) for k in range(1, count + 1)]
            assert html == pdf and sum(html) == 1


@pytest.mark.parametrize("text", ["0/2", "3/2", "1", "a/b", "1/0"])
def test_a_bad_shard_is_refused(text):
    with pytest.raises(ValueError, match="shard"):
        parse_shard(text)


def test_the_cli_takes_jobs_and_shard(project, tmp_path):
    from click.testing import CliRunner

    from publisher.cli import cli
    out = tmp_path / "cli"
    result = CliRunner().invoke(cli, ["-C", str(project), "build", "-o", str(out), "--jobs", "2",
                                      "--shard", "1/1", "-q"])
    assert result.exit_code == 0, result.output
    assert outputs(out) == outputs(project / "out")
    assert (out / LOCK_NAME).exists()
    bad = CliRunner().invoke(cli, ["-C", str(project), "build", "--shard", "4/3"])
    assert bad.exit_code == 2 and "K must be between 1 and N" in bad.output


def test_a_one_locale_build_keeps_what_the_manifest_knows_of_the_others(project):
    build(load_project(project), BuildOptions(locales=("az",)))
    result = build(load_project(project))
    assert "en/note.pdf" in result.skipped and "az/note.pdf" in result.skipped


def test_two_builds_of_the_same_inputs_leave_the_same_folder(project, tmp_path):
    """Manifest and lock included: they hold no time and no absolute path."""
    again = tmp_path / "again"
    build(load_project(project), BuildOptions(output_dir=again))
    assert tree_snapshot(again) == tree_snapshot(project / "out")
    assert str(project) not in (again / MANIFEST_NAME).read_text(encoding="utf-8")


# ------------------------------------------------- outputs the site no longer has

def hold_back_az(root: Path) -> None:
    """az falls below its threshold: one paragraph left untranslated, threshold 100 %."""
    with open(root / "publisher.toml", "a", encoding="utf-8") as handle:
        handle.write('\n[languages.az]\nthreshold = 100\n')
    edit_translation(root, first_translation(root), 'msgstr ""')


def manifest_paths(folder: Path) -> set[str]:
    data = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    return {*data["outputs"], *data["built"]}


def test_a_locale_held_back_leaves_nothing_of_it_behind(project, tmp_path):
    out = project / "out"
    before = set(outputs(out))
    assert "az/note.pdf" in before and any(path.startswith("bilingual/") for path in before)
    (out / "az" / "mine.txt").write_text("the user's own file", encoding="utf-8")
    (out / "notes").mkdir()
    (out / "notes" / "mine.txt").write_text("also the user's", encoding="utf-8")
    hold_back_az(project)

    result = build(load_project(project))

    assert [p.locale.code for p in result.held_back] == ["az"]
    fresh = tmp_path / "fresh"
    build(load_project(project), BuildOptions(output_dir=fresh))
    mine = {"az/mine.txt", "notes/mine.txt"}
    assert set(outputs(out)) == set(outputs(fresh)) | mine
    assert {path for path in outputs(out) if path.startswith("az/")} == {"az/mine.txt"}
    assert not (out / "bilingual").exists()          # emptied, so pruned
    assert set(result.removed) == before - set(outputs(fresh))
    assert "az/note.pdf" in result.removed
    assert not manifest_paths(out) & set(result.removed)


def test_a_locale_dropped_from_the_project_is_removed_and_the_cli_says_so(project):
    from click.testing import CliRunner

    from publisher.cli import cli
    config = project / "publisher.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('["en", "az"]', '["en"]'),
                      encoding="utf-8")
    result = CliRunner().invoke(cli, ["-C", str(project), "build"])
    assert result.exit_code == 0, result.output
    out = project / "out"
    left = set(outputs(out))
    assert not [path for path in left if path.startswith(("az/", "bilingual/"))]
    assert not (out / "az").exists()
    assert "en/note.pdf" in left and "en/note.html" in left
    assert not any(path.startswith(("az/", "bilingual/")) for path in manifest_paths(out))
    removed = [line for line in result.output.splitlines() if line.startswith("removed ")]
    assert len(removed) == 1 and removed[0].endswith(" stale file(s)")
    assert int(removed[0].split()[1]) > 0


@pytest.mark.parametrize("options", [BuildOptions(locales=("en",)),
                                     BuildOptions(formats=("html",)),
                                     BuildOptions(shard=(1, 1))],
                         ids=["one-locale", "one-format", "shard"])
def test_a_build_of_part_of_the_site_removes_nothing(project, options):
    before = outputs(project / "out")
    hold_back_az(project)
    result = build(load_project(project), options)
    assert result.removed == ()
    assert set(outputs(project / "out")) == set(before)
