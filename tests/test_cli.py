"""The command line, in-process and as a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

import articlekit
from articlekit.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
SEED_TXT = FIXTURES / "seed-text" / "page.txt"
SEED_HTML = FIXTURES / "seed-wordpress-classic" / "page.html"
VALIDATOR = jsonschema.Draft202012Validator(articlekit.schema())


def test_one_input_prints_pretty_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(SEED_TXT)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("{\n")
    record = json.loads(out)
    VALIDATOR.validate(record)
    assert record["article"]["title"].startswith("Depression Treatment")


def test_several_inputs_give_jsonl_in_input_order(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(SEED_HTML), str(SEED_TXT)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert [json.loads(x)["source"]["format"] for x in lines] == ["html", "text"]
    assert json.loads(lines[1])["source"]["path"].endswith("page.txt")


def test_a_failing_input_yields_an_error_record_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    png = tmp_path / "image.html"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    missing = tmp_path / "missing.html"
    assert main(["extract", str(png), str(SEED_TXT), str(missing)]) == 1
    records = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(records) == 3
    assert records[0]["error"]["type"] == "BinaryInput"
    assert "article" in records[1]
    assert records[2]["error"]["type"] == "FileNotFoundError"
    for record in records:
        VALIDATOR.validate(record)


def test_a_directory_is_recursed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "post.txt").write_text(SEED_TXT.read_text("utf-8"), "utf-8")
    (tmp_path / "b.html").write_bytes(SEED_HTML.read_bytes())
    (tmp_path / "notes.json").write_text("{}")
    assert main(["extract", str(tmp_path), "--format", "jsonl"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2


def test_usage_errors_exit_2() -> None:
    assert main(["extract"]) == 2
    assert main(["frobnicate"]) == 2
    assert main([]) == 2


def test_output_file_and_markdown(tmp_path: Path) -> None:
    out = tmp_path / "seed.md"
    assert main(["extract", str(SEED_TXT), "--format", "markdown", "-o", str(out)]) == 0
    assert out.read_text("utf-8").startswith("# Depression Treatment")


def test_schema_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["$schema"].endswith("2020-12/schema")


def test_explain_names_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(SEED_HTML)]) == 0
    out = capsys.readouterr().out
    assert "side_effects" in out and "heading:side-effects" in out
    assert "related-widgets" in out


def test_python_dash_m_reads_stdin_in_a_real_process() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "articlekit", "extract", "-"],
        input=SEED_TXT.read_bytes(),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)
    assert record["source"]["input"] == "stdin"
    assert len(record["related_posts"]) == 4
