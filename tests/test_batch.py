"""Batch extraction with real processes: order, one record per input, resume after kill -9, guards."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest

import articlekit
from articlekit.batch import InputRef, expand_inputs, resume_from, run_batch, run_one
from articlekit.cli import main
from articlekit.timeouts import time_limit

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
SEED_TXT = FIXTURES / "seed-text" / "page.txt"
SEED_HTML = FIXTURES / "seed-wordpress-classic" / "page.html"
VALIDATOR = jsonschema.Draft202012Validator(articlekit.schema())
CLI = [sys.executable, "-m", "articlekit"]


def _records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def _paths(records: list[dict[str, object]]) -> list[str]:
    return [str(r["source"]["path"]) for r in records]  # type: ignore[index]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """60 small pages (a few failing) in two directories."""
    pages = tmp_path / "pages"
    for sub in ("a", "b"):
        (pages / sub).mkdir(parents=True)
    html, text = SEED_HTML.read_bytes(), SEED_TXT.read_bytes()
    for i in range(30):
        (pages / "a" / f"{i:03d}.html").write_bytes(html)
        (pages / "b" / f"{i:03d}.txt").write_bytes(text if i % 10 else b"   ")
    return pages


def test_parallel_output_is_in_input_order_with_one_record_each(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = subprocess.run(
        [*CLI, "extract", str(corpus), "-o", str(out), "--workers", "2"], capture_output=True, text=True
    )
    assert result.returncode == 1, result.stderr  # the blank pages fail
    records = _records(out)
    expected = [str(r.name) for r in expand_inputs([str(corpus)])]
    assert _paths(records) == expected and len(records) == 60
    assert sum("error" in r for r in records) == 3
    for record in records[:3] + records[-3:]:
        VALIDATOR.validate(record)
    assert "60 inputs: 57 ok, 3 failed" in result.stderr


LISTING = (
    "<html lang='en'><head><title>Blog | Bright Smile Dental</title>"
    "<meta property='og:site_name' content='Bright Smile Dental'></head><body>"
    "<header><nav><a href='/'>Home</a> <a href='/blog/'>Blog</a></nav></header><main><h1>Blog</h1>"
    + "".join(
        f"<article class='post-card'><h2><a href='/blog/post-{i}/'>Whitening myths, part {i}</a></h2>"
        f"<a href='/blog/post-{i}/'>Read more</a></article>"
        for i in range(8)
    )
    + "</main></body></html>"
)


def test_a_page_without_article_keeps_its_metadata_in_its_error_record(tmp_path: Path) -> None:
    # through worker processes: the record crosses a process boundary
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.html").write_text(LISTING, "utf-8")
    (pages / "b.txt").write_bytes(b"   ")
    out = tmp_path / "out.jsonl"
    result = subprocess.run(
        [*CLI, "extract", str(pages), "-o", str(out), "--workers", "2"], capture_output=True, text=True
    )
    assert result.returncode == 1, result.stderr
    listing, blank = _records(out)
    for record in (listing, blank):
        VALIDATOR.validate(record)
    assert listing["error"]["type"] == "NoContentFound"  # type: ignore[index]
    assert listing["metadata"]["page_type"] == "listing"  # type: ignore[index]
    assert listing["metadata"]["site_name"] == "Bright Smile Dental"  # type: ignore[index]
    assert "metadata" not in blank  # nothing was read of an empty input


def test_kill_9_then_resume_gives_every_record_once(corpus: Path, tmp_path: Path) -> None:
    reference = tmp_path / "reference.jsonl"
    assert main(["extract", str(corpus), "-o", str(reference), "-q", "--workers", "0"]) == 1
    out = tmp_path / "out.jsonl"
    command = [*CLI, "extract", str(corpus), "-o", str(out), "-w", "2"]
    run = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not out.exists() or out.stat().st_size < 2000):
        time.sleep(0.02)
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    with open(out, "ab") as stream:  # as if killed in the middle of a write
        stream.write(b'{"schema_version": "1.0", "source": {"input": "fi')
    written_before = len(out.read_bytes().splitlines()) - 1
    assert written_before < 60
    resumed = subprocess.run(
        [*CLI, "extract", str(corpus), "-o", str(out), "--resume", "-w", "2"], capture_output=True, text=True
    )
    assert resumed.returncode == 1, resumed.stderr
    assert "torn last line" in resumed.stderr
    records = _records(out)
    assert _paths(records) == _paths(_records(reference))
    assert len(set(_paths(records))) == 60
    assert f"{written_before} skipped" in resumed.stderr


def test_resume_refuses_an_output_of_other_inputs(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(SEED_TXT), str(SEED_HTML), "-o", str(out), "-q", "-w", "0"]) == 0
    assert main(["extract", str(corpus), "-o", str(out), "--resume", "-q"]) == 2
    assert main(["extract", str(corpus), "--resume"]) == 2  # needs -o


def test_resume_of_a_finished_run_does_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    args = ["extract", str(SEED_TXT), str(SEED_HTML), "-o", str(out), "-q", "-w", "0"]
    assert main(args) == 0
    before = out.read_bytes()
    assert main([*args, "--resume"]) == 0
    assert out.read_bytes() == before
    state = resume_from(out, iter(expand_inputs([str(SEED_TXT), str(SEED_HTML)])))
    assert (state.done, state.failed, state.torn_bytes) == (2, 0, 0)


def test_a_pathological_page_times_out_and_the_others_go_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stage that never ends (as a runaway heuristic would) is interrupted; the batch goes on."""
    pipeline = sys.modules["articlekit.extract"]  # the module; articlekit.extract is the function

    real_segment = pipeline.segment

    def runaway(blocks: list[articlekit.Block]) -> object:
        if any("RUNAWAY" in b.text for b in blocks):
            while True:
                pass
        return real_segment(blocks)

    monkeypatch.setattr(pipeline, "segment", runaway)
    bad = tmp_path / "bad.txt"
    title, rest = SEED_TXT.read_text("utf-8").split("\n", 1)
    bad.write_text(f"{title}\n\nThe RUNAWAY paragraph, which never ends, opens this post.\n{rest}", "utf-8")
    refs = [InputRef(str(SEED_TXT)), InputRef(str(bad)), InputRef(str(SEED_HTML))]
    options = articlekit.Options(timeout=2.0)
    start = time.monotonic()
    outcomes = list(run_batch(refs, options, workers=0))  # in this process: the library guard alone
    assert [o.failed for o in outcomes] == [False, True, False]
    assert json.loads(outcomes[1].text)["error"]["type"] == "ExtractionTimeout"
    assert time.monotonic() - start < 30
    with pytest.raises(articlekit.ExtractionTimeout):
        articlekit.extract_file(bad, options=options)


def test_time_limit_interrupts_python_code_and_nests() -> None:
    start = time.monotonic()
    with pytest.raises(articlekit.ExtractionTimeout), time_limit(0.1), time_limit(5):
        while True:
            pass
    assert time.monotonic() - start < 2
    with time_limit(0.05):
        pass
    time.sleep(0.1)  # the timer was disarmed: nothing fires now


def _stuck(ref: InputRef) -> str:
    if ref.name == "stuck":
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)  # like C code that never returns to the interpreter
    if ref.name == "crash":
        os._exit(3)
    return ref.name


def test_a_stuck_or_dead_worker_is_replaced_and_its_input_recorded() -> None:
    import multiprocessing

    from articlekit.workers import ordered_map

    names = ["a", "stuck", "b", "crash", "c", "d"]
    results = list(
        ordered_map(
            _stuck,
            (InputRef(n) for n in names),
            workers=2,
            on_lost=lambda ref, reason, detail: f"{ref.name}:{reason}",
            hard_timeout=3.0,
            context=multiprocessing.get_context("fork"),
        )
    )
    assert results == ["a", "stuck:timeout", "b", "crash:crash", "c", "d"]


def test_size_limits_give_error_records(tmp_path: Path) -> None:
    options = articlekit.Options(max_bytes=1000)
    record = run_one(InputRef(str(SEED_HTML)), options)
    assert isinstance(record, articlekit.Failure) and record.type == "InputTooLarge"


def test_inputs_from_globs_lists_and_stdin(corpus: Path, tmp_path: Path) -> None:
    listing = tmp_path / "list.txt"
    listing.write_text(f"# pages\n{corpus / 'a' / '000.html'}\n\nhttp://127.0.0.1:9/post/\n", "utf-8")
    refs = list(expand_inputs([str(corpus / "a" / "00*.html"), f"@{listing}"]))
    assert [r.kind for r in refs] == ["file"] * 10 + ["file", "url"]
    stdin = io.BytesIO(f"{corpus / 'b'}\n".encode())
    assert len(list(expand_inputs(["@-"], stdin=stdin))) == 30
    record = run_one(refs[-1], articlekit.Options())  # through fetch.extract_url; refused before connecting
    assert isinstance(record, articlekit.Failure) and record.stage == "fetch"
    assert record.source.url == "http://127.0.0.1:9/post/"


def test_exit_status_and_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(SEED_TXT), str(SEED_HTML), "-w", "1"]) == 0
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 2
    assert "2 inputs: 2 ok, 0 failed" in captured.err
    assert main(["extract", str(tmp_path / "nothing-*.html")]) == 2  # no inputs at all: a usage error
    assert main(["extract", str(SEED_TXT), "--workers", "-1"]) == 2
