"""Rendering one PDF handout is bounded in time and memory (issue 14): every handout is
rendered by a worker process, one past its time limit is killed, one out of its memory fails,
and each is reported as an error naming the handout and its catalog while the others are
rendered; the build then writes nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from publisher.build import BuildOptions, build
from publisher.build.parallel import Job, Limits, render_all
from publisher.config import load_project
from publisher.errors import ErrorGroup, OutputError, PublisherError

from helpers import REPO, tree_snapshot

pytest.importorskip("weasyprint")
TEMPLATES = REPO / "templates"
SMALL = "<html lang='az'><body><h1>Müstəqillik Günü</h1><p>Son.</p></body></html>"
# A single paragraph of 300,000 words: a minute or more to lay out, on any machine.
HUGE = "<html><body><p>" + "söz " * 300_000 + "</p></body></html>"


def job(html: str, name: str) -> Job:
    return Job((html, TEMPLATES, (TEMPLATES,), dt.date(2024, 11, 8)), name,
               f"locales/az/LC_MESSAGES/{name.split('/')[-1].replace('.pdf', '.po')}")


def test_a_handout_past_its_time_is_stopped_and_the_others_rendered():
    rendered = []
    with pytest.raises(OutputError) as raised:
        render_all([job(SMALL, "az/a.pdf"), job(HUGE, "az/huge.pdf"), job(SMALL, "az/c.pdf")], 2,
                   rendered.append, Limits(seconds=8))
    assert raised.value.location == "locales/az/LC_MESSAGES/huge.po"
    assert raised.value.message == ("az/huge.pdf: rendering stopped after 8 s, the limit ([pdf] "
                                    "timeout in publisher.toml)")
    assert sorted(rendered) == [0, 2]


def test_a_handout_out_of_memory_is_reported_not_a_crash():
    with pytest.raises(PublisherError) as raised:
        render_all([job(SMALL, "az/a.pdf"), job(SMALL, "az/b.pdf")], 1, None, Limits(memory_mb=64))
    errors = raised.value.errors
    assert isinstance(raised.value, ErrorGroup) and len(errors) == 2
    for error, name in zip(errors, ("az/a.pdf", "az/b.pdf")):
        assert error.message.startswith(f"{name}: ") and "over 64 MB, the limit ([pdf] memory_mb" \
            in error.message, error.message


def test_the_workers_answer_in_the_order_given_and_the_bytes_do_not_depend_on_them():
    jobs = [job(SMALL.replace("Son.", f"Son {n}."), f"az/{n}.pdf") for n in range(3)]
    one, two = render_all(jobs, 1), render_all(jobs, 2)
    assert one == two and len(set(one)) == 3 and all(pdf.startswith(b"%PDF-") for pdf in one)


def test_text_xml_cannot_hold_is_left_out_of_the_metadata():
    """A source's title with U+FFFF (the catalog reader refuses it in a translation): the
    handout is made, without it in the XMP packet."""
    import pikepdf
    [pdf] = render_all([job(SMALL.replace("<body>", "<head><title>Gün\uffff\x01</title></head><body>"),
                            "en/t.pdf")], 1)
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert document.open_metadata().get("dc:title") == "Gün"


def test_a_build_over_the_time_limit_fails_naming_the_handout_and_writes_nothing(sample_dir):
    toml = sample_dir / "publisher.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + "\n[pdf]\ntimeout = 1\n", encoding="utf-8")
    po = sample_dir / "locales/az/LC_MESSAGES/note.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Son."', 'msgstr "Son. '
                                                          + "söz " * 24_000 + '"'), encoding="utf-8")
    before = tree_snapshot(sample_dir)
    with pytest.raises(PublisherError) as raised:
        build(load_project(sample_dir), BuildOptions(formats=("pdf",), locales=("az",), jobs=1))
    assert [str(error) for error in raised.value.errors] == [
        "locales/az/LC_MESSAGES/note.po: az/note.pdf: rendering stopped after 1 s, the limit "
        "([pdf] timeout in publisher.toml)"]
    assert tree_snapshot(sample_dir) == before


def test_the_limits_are_settings(sample_dir):
    toml = sample_dir / "publisher.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + "\n[pdf]\ntimeout = 30\nmemory_mb = 1024\n",
                    encoding="utf-8")
    project = load_project(sample_dir)
    assert (project.pdf.timeout, project.pdf.memory_mb) == (30, 1024)
    toml.write_text(toml.read_text(encoding="utf-8").replace("memory_mb = 1024", "memory_mb = 10"),
                    encoding="utf-8")
    with pytest.raises(PublisherError, match=r"\[pdf\] memory_mb must be a whole number of "
                                             r"megabytes, 256 or more"):
        load_project(sample_dir)
