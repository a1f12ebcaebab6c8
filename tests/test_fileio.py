import pytest

from publisher.errors import OutputError
from publisher.fileio import write_all, write_atomic


def test_all_or_nothing(tmp_path):
    first, blocked = tmp_path / "a.html", tmp_path / "b" / "c.html"
    first.write_text("old")
    blocked.mkdir(parents=True)          # a folder where a file must go
    with pytest.raises(OutputError, match="a folder stands where this file must be written"):
        write_all({first: "new", blocked: "new"})
    assert first.read_text() == "old"
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a.html", "b", "c.html"]   # no temp left


def test_unchanged_files_are_not_rewritten(tmp_path):
    path = tmp_path / "x.txt"
    assert write_atomic(path, "ə") is True
    mtime = path.stat().st_mtime_ns
    assert write_atomic(path, "ə") is False
    assert path.stat().st_mtime_ns == mtime and path.read_text(encoding="utf-8") == "ə"
