"""WARC inputs: one record per HTML response, keeping its target URI, date and offset."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from articlekit.batch import expand_inputs, resume_from
from articlekit.cli import main

warc = pytest.importorskip("fastwarc.warc", reason="the [warc] extra is not installed")

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
SEED_HTML = FIXTURES / "seed-wordpress-classic" / "page.html"


def _record(url: str, body: bytes, content_type: str = "text/html; charset=utf-8") -> bytes:
    record = warc.WarcRecord()
    record.init_headers(record_type=warc.WarcRecordType.response)
    record.headers["WARC-Target-URI"] = url
    record.headers["WARC-Date"] = "2024-05-02T10:00:00Z"
    record.headers["Content-Type"] = "application/http; msgtype=response"
    head = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n".encode()
    record.set_bytes_content(head + body)
    out = io.BytesIO()
    record.write(out)
    return out.getvalue()


def make_warc(path: Path, *, compress: bool) -> Path:
    """Three pages, one image and one blank page: four inputs, as written by FastWARC."""
    page = SEED_HTML.read_bytes()
    records = [
        _record("https://clinic.example/a/", page),
        _record("https://clinic.example/logo.png", b"\x89PNG\r\n", "image/png"),
        _record("https://clinic.example/b/", page),
        _record("https://clinic.example/blank/", b"  "),
        _record("https://clinic.example/c/", page),
    ]
    data = b"".join(gzip.compress(r) if compress else r for r in records)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("compress", [False, True])
def test_each_html_response_is_one_input(tmp_path: Path, compress: bool) -> None:
    archive = make_warc(tmp_path / ("crawl.warc.gz" if compress else "crawl.warc"), compress=compress)
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(archive), "-o", str(out), "-q", "-w", "2"]) == 1  # the blank page fails
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    urls = [r["source"]["url"] for r in records]
    assert urls == [f"https://clinic.example/{x}/" for x in ("a", "b", "blank", "c")]
    assert all(r["source"]["input"] == "warc" and r["source"]["path"] == str(archive) for r in records)
    assert all(r["source"]["fetched_at"] == "2024-05-02T10:00:00Z" for r in records)
    offsets = [r["source"]["record_offset"] for r in records]
    assert offsets[0] == 0 and offsets == sorted(set(offsets))
    assert records[2]["error"]["type"] == "EmptyInput"
    assert records[0]["article"]["word_count"] > 100
    state = resume_from(out, iter(expand_inputs([str(archive)])))
    assert (state.done, state.failed) == (4, 1)


def test_warc_files_in_directories_are_read_record_by_record(tmp_path: Path) -> None:
    make_warc(tmp_path / "x.warc.gz", compress=True)
    (tmp_path / "page.html").write_bytes(SEED_HTML.read_bytes())
    refs = list(expand_inputs([str(tmp_path)]))
    assert [r.kind for r in refs] == ["file", "warc", "warc", "warc", "warc"]
    assert refs[1].key.startswith("warc:") and refs[1].key.endswith("#0")
