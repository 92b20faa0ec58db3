"""The quality gate: scores must not drop below the floors pinned in bench/floors.toml.

The fixtures are always scored; the shared benchmarks only when ``../shared`` (or
``ARTICLEKIT_SHARED``) is there. Floors only go up: see the ratchet test.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from golden import cases, norm_text, run

import articlekit

ROOT = Path(__file__).resolve().parent.parent
FLOORS_PATH = ROOT / "bench" / "floors.toml"
FLOORS = tomllib.loads(FLOORS_PATH.read_text("utf-8"))
sys.path.insert(0, str(ROOT / "bench"))  # the bench scripts' own modules score the same way

import _corpora  # noqa: E402
import _metrics  # noqa: E402
import _runner  # noqa: E402

SHARED = _corpora.shared_root()
needs_shared = pytest.mark.skipif(not (SHARED / "data").is_dir(), reason="no ../shared data here")


def _extract_text(page: _corpora.Page) -> str:
    try:
        return articlekit.extract(_corpora.read_bytes(page), url=page.url).text
    except articlekit.ArticlekitError:
        return ""


def test_fixture_snippets_stay_above_their_floors() -> None:
    found = total_with = absent = total_without = 0
    for case in cases():
        text = norm_text(run(case)["article"]["text"])
        found += sum(norm_text(s) in text for s in case.labels["with"])
        total_with += len(case.labels["with"])
        absent += sum(norm_text(s) not in text for s in case.labels["without"])
        total_without += len(case.labels["without"])
    assert found / total_with >= FLOORS["fixtures"]["with_found"]
    assert absent / total_without >= FLOORS["fixtures"]["without_absent"]


@needs_shared
def test_article_extraction_benchmark_stays_above_its_floors() -> None:
    pages = _corpora.load("aeb", SHARED)
    scores = [_metrics.score_shingles(_extract_text(p), p.gold.article_body) for p in pages]  # type: ignore[union-attr]
    summary = _metrics.summarise_shingles(scores, resamples=0)
    floors = FLOORS["aeb"]
    assert summary.f1 >= floors["f1"], summary
    assert summary.precision >= floors["precision"], summary
    assert summary.recall >= floors["recall"], summary


@needs_shared
@pytest.mark.parametrize("page_type", ["article", "service"])
def test_wcxb_stays_above_its_floors(page_type: str) -> None:
    pages = [p for p in _corpora.load("wcxb", SHARED) if p.page_type == page_type]
    texts = {p.id: _extract_text(p) for p in pages}
    f1s = [
        _metrics.word_f1(texts[p.id], p.gold.main_content)  # type: ignore[union-attr]
        for p in pages
        if p.gold.main_content  # type: ignore[union-attr]
    ]
    assert sum(f1s) / len(f1s) >= FLOORS["wcxb"][f"{page_type}_f1"]
    snippets = _metrics.add_snippets(
        _metrics.score_snippets(
            texts[p.id],
            p.gold.with_snippets,  # type: ignore[union-attr]
            p.gold.without_snippets,  # type: ignore[union-attr]
            cut_at=_metrics.WCXB_SNIPPET_CUT,
        )
        for p in pages
    )
    assert snippets.without_absent / snippets.without_total >= FLOORS["wcxb"][f"{page_type}_without_absent"]


@needs_shared
def test_clinic_pages_stay_above_their_floors() -> None:
    found = total_with = absent = total_without = 0
    for page in _corpora.load("clinic", SHARED):
        text = _metrics.normalise(_extract_text(page))
        labels = page.gold
        found += sum(_metrics.contains(text, _metrics.normalise(s)) for s in labels.with_snippets)  # type: ignore[union-attr]
        total_with += len(labels.with_snippets)  # type: ignore[union-attr]
        absent += sum(not _metrics.contains(text, _metrics.normalise(s)) for s in labels.without_snippets)  # type: ignore[union-attr]
        total_without += len(labels.without_snippets)  # type: ignore[union-attr]
    assert found / total_with >= FLOORS["clinic"]["with_found"]
    assert absent / total_without >= FLOORS["clinic"]["without_absent"]


def _section_macro_f1(pages: list[_corpora.Page]) -> float:
    """Section labelling scored as bench/sections.py scores it."""
    tally = _metrics.SectionTally()
    for page in pages:
        output = _runner.extract_page(page, ["articlekit"])[1]["articlekit"]
        tally.add(page.gold.sections, output.sections)  # type: ignore[union-attr]
    return tally.macro_f1() or 0.0


def test_fixture_sections_stay_above_their_floor() -> None:
    pages = _corpora.load("fixtures", SHARED, ROOT / "fixtures" / "pages")
    tuned = [p for p in pages if not _corpora.is_heldout(p)]
    assert _section_macro_f1(tuned) >= FLOORS["fixtures"]["section_macro_f1"]


@pytest.mark.parametrize("key", sorted(FLOORS["heldout"]))
def test_heldout_fixture_sections_stay_above_their_floor(key: str) -> None:
    """Each held-out batch has its own floor: a new batch starts from its unseen score.
    ``section_macro_f1`` is the first batch (split "heldout"), later keys are splits."""
    split = _corpora.HELDOUT if key == "section_macro_f1" else key
    pages = _corpora.load("fixtures", SHARED, ROOT / "fixtures" / "pages")
    batch = [p for p in pages if _corpora.split_of(p) == split]
    assert batch, f"no fixture has the split {split!r}"
    assert _section_macro_f1(batch) >= FLOORS["heldout"][key]


@needs_shared
def test_clinic_sections_stay_above_their_floor() -> None:
    pages = _corpora.load("clinic", SHARED)
    assert _section_macro_f1(pages) >= FLOORS["clinic"]["section_macro_f1"]


def test_floors_are_never_lowered() -> None:
    previous = _previous_floors()
    if previous is None:
        pytest.skip("no git history of bench/floors.toml here")
    for table, values in previous.items():
        for key, old in values.items():
            assert FLOORS[table][key] >= old, f"floor {table}.{key} lowered from {old}"


def _previous_floors() -> dict[str, dict[str, float]] | None:
    """The floors of the last commit that changed the file, before the working copy."""
    rel = FLOORS_PATH.relative_to(ROOT).as_posix()
    try:
        log = subprocess.run(
            ["git", "log", "-n", "2", "--format=%H", "--", rel],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout.split()
        if not log:
            return None
        dirty = (
            subprocess.run(
                ["git", "diff", "--quiet", "HEAD", "--", rel], cwd=ROOT, timeout=30, check=False
            ).returncode
            != 0
        )
        commit = log[0] if dirty else (log[1] if len(log) > 1 else None)
        if commit is None:
            return None
        text = subprocess.run(
            ["git", "show", f"{commit}:{rel}"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return tomllib.loads(text)
