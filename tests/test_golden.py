"""Every fixture: output valid against the schema, equal to expected.json, snippets right."""

from __future__ import annotations

import json

import jsonschema
import pytest
from golden import Case, cases, norm_text, normalised, run

import articlekit

CASES = cases()
IDS = [c.slug for c in CASES]
VALIDATOR = jsonschema.Draft202012Validator(articlekit.schema())


@pytest.fixture(scope="module")
def outputs() -> dict[str, dict[str, object]]:
    return {c.slug: run(c) for c in CASES}


def test_there_are_enough_fixtures() -> None:
    assert len(CASES) >= 12


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_output_validates_against_schema(case: Case, outputs: dict[str, dict[str, object]]) -> None:
    VALIDATOR.validate(outputs[case.slug])


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_output_matches_expected_json(case: Case, outputs: dict[str, dict[str, object]]) -> None:
    assert case.expected_path.exists(), "run `python tests/golden.py` to create expected.json"
    expected = json.loads(case.expected_path.read_text("utf-8"))
    assert normalised(outputs[case.slug]) == expected


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_must_include_snippets_are_in_the_article(case: Case, outputs: dict[str, dict[str, object]]) -> None:
    text = norm_text(outputs[case.slug]["article"]["text"])  # type: ignore[index]
    missing = [s for s in case.labels["with"] if norm_text(s) not in text]
    assert not missing


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_must_exclude_snippets_are_not_in_the_article(
    case: Case, outputs: dict[str, dict[str, object]]
) -> None:
    text = norm_text(outputs[case.slug]["article"]["text"])  # type: ignore[index]
    leaked = [s for s in case.labels["without"] if norm_text(s) in text]
    assert not leaked
