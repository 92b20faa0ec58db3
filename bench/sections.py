"""Section labelling, teasers and promotions of articlekit, scored against hand labels.

    python bench/sections.py                 # fixtures and clinic-pages-dev
    python bench/sections.py --details       # plus, per page, what was missed or mislabelled
    python bench/sections.py --corpus heldout  # the held-out fixtures only
    python bench/sections.py --corpus heldout --split heldout-3  # one held-out batch

The fixtures whose labels say ``"split": "heldout"`` were labelled before articlekit was run
on them, with headings phrased the way clinics phrase them; they are scored as their own
corpus (``heldout``), not with the other fixtures, so the two numbers say how well the cues
fit what they were tuned on and how well they carry over to pages they were not.

A gold section is found when an output section (subsections flattened) has the same normalised
heading, or one heading contains the other; a null gold heading matches an untitled first output
section. Found sections are compared by category. Precision of a category counts the found
sections articlekit put in it; recall counts all gold sections of it (not found = a miss).

Also checks the seed (``fixtures/pages/seed-text/page.txt``): it must give exactly the gold
categories, and its side-effects section must list exactly the labelled side-effect items.
Exit status 1 when that check fails, 2 when articlekit is not importable.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from _corpora import REPO_ROOT, Labels, Page, is_heldout, load, shared_root, split_of
from _extractors import articlekit_module, version
from _metrics import NOT_FOUND, LabelScore, SectionTally, normalise, score_labels
from _output import Output
from _report import DASH, heading, num, ratio, table
from _runner import run_pages

SEED_SLUG = "seed-text"
SIDE_EFFECTS = "side_effects"


@dataclass(slots=True)
class CorpusResult:
    name: str
    pages: int = 0
    tally: SectionTally = field(default_factory=SectionTally)
    labels: list[LabelScore] = field(default_factory=list)
    details: list[str] = field(default_factory=list)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if articlekit_module() is None:
        print("articlekit is not importable (no articlekit.extract yet)", file=sys.stderr)
        return 2
    fixtures = Path(args.fixtures) if args.fixtures else REPO_ROOT / "fixtures" / "pages"
    parts = [heading(f"articlekit sections — articlekit {version('articlekit')}", 2)]
    seed_outputs: dict[str, Output] = {}
    for corpus in args.corpus:
        pages = load_corpus(corpus, args.shared, fixtures, args.split)
        outputs = run_pages(pages, ["articlekit"], args.workers, label=corpus)["articlekit"]
        result = score_corpus(corpus, pages, outputs)
        parts.append(render(result, args.details))
        if corpus == "fixtures":
            seed_outputs = outputs
    seed_ok, seed_text = check_seed(fixtures, seed_outputs)
    parts.append(seed_text)
    print("\n\n".join(parts))
    return 0 if seed_ok is not False else 1


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus",
        default="fixtures,clinic",
        type=lambda value: [c.strip() for c in value.split(",") if c.strip()],
        help="comma-separated: fixtures, clinic, heldout (default: fixtures,clinic)",
    )
    parser.add_argument(
        "--split",
        default=None,
        help="with --corpus heldout: only the batch of this labels.json split "
        "(heldout, heldout-2, heldout-3, ...), as tests/test_quality_gate.py scores each",
    )
    parser.add_argument("--details", action="store_true", help="per-page misses and mislabels")
    parser.add_argument("--workers", type=int, default=2, help="processes (1 = in-process)")
    parser.add_argument("--shared", default=None, help="shared data root (or ARTICLEKIT_SHARED)")
    parser.add_argument("--fixtures", default=None, help="fixture pages directory")
    args = parser.parse_args(argv)
    if any(c not in CORPORA for c in args.corpus):
        parser.error(f"--corpus takes {', '.join(CORPORA)}")
    return args


CORPORA = ("fixtures", "clinic", "heldout")


def load_corpus(corpus: str, shared: str | None, fixtures: Path, split: str | None = None) -> list[Page]:
    """The pages of one corpus; the fixtures without the held-out ones, or only those
    (only one held-out batch when ``split`` names it)."""
    if corpus == "clinic":
        return load(corpus, shared_root(shared))
    pages = load("fixtures", shared_root(shared), fixtures)
    if corpus == "heldout" and split is not None:
        return [p for p in pages if split_of(p) == split]
    return [p for p in pages if is_heldout(p) == (corpus == "heldout")]


def labels_of(page: Page) -> Labels:
    assert isinstance(page.gold, Labels)
    return page.gold


def score_corpus(corpus: str, pages: Sequence[Page], outputs: dict[str, Output]) -> CorpusResult:
    result = CorpusResult(name=corpus, pages=len(pages))
    for page in pages:
        output, labels = outputs[page.id], labels_of(page)
        matched = result.tally.add(labels.sections, output.sections)
        result.labels.append(score_labels(output, labels))
        result.details.extend(page_details(page, output, matched))
    return result


def page_details(page: Page, output: Output, matched: Sequence[int | None]) -> list[str]:
    """Human-readable misses of one page (for ``--details``)."""
    lines = [f"* error: {output.error}"] if output.error else []
    for gold, index in zip(labels_of(page).sections, matched, strict=True):
        if index is None:
            lines.append(f"* not found: {gold.heading!r} ({gold.category})")
        elif output.sections[index].category != gold.category:
            got = output.sections[index]
            lines.append(f"* {gold.heading!r}: gold {gold.category}, got {got.category}")
    return [f"**{page.id}**", *lines] if lines else []


# ---------------------------------------------------------------- rendering


def render(result: CorpusResult, details: bool) -> str:
    title = {
        "fixtures": "articlekit fixtures",
        "clinic": "clinic-pages-dev",
        "heldout": "held-out fixtures",
    }[result.name]
    parts = [heading(f"{title} ({result.pages} pages)")]
    if not result.pages:
        return f"{parts[0]}\n\n(no pages found)"
    tally = result.tally
    parts += [
        category_table(tally),
        f"Macro-F1 over gold categories: **{num(tally.macro_f1())}**; gold sections "
        f"{tally.total_gold()}, not found {tally.not_found()}; category accuracy on found "
        f"sections {num(tally.accuracy_on_found())}; output sections matching no gold section: "
        f"{sum(tally.extra.values())}.",
        heading("Confusion (rows gold, columns predicted)", 4),
        confusion_table(tally),
        heading("Teasers and promotions", 4),
        extras_table(result.labels),
    ]
    if details and result.details:
        parts += [heading("Details", 4), "\n".join(result.details)]
    return "\n\n".join(parts)


def category_table(tally: SectionTally) -> str:
    categories = sorted(set(tally.gold_categories()) | set(tally.predicted_categories()))
    rows = []
    for category in categories:
        gold = sum(n for (g, _), n in tally.confusion.items() if g == category)
        predicted = sum(n for (_, p), n in tally.confusion.items() if p == category)
        rows.append(
            [
                category,
                str(gold),
                str(predicted),
                str(tally.confusion[(category, category)]),
                num(tally.precision(category)),
                num(tally.recall(category)),
                num(tally.f1(category)) if gold else DASH,
            ]
        )
    headers = ["category", "gold", "predicted (found)", "correct", "precision", "recall", "F1"]
    return table(headers, rows)


def confusion_table(tally: SectionTally) -> str:
    columns = [*tally.predicted_categories(), NOT_FOUND]
    rows = [
        [gold, *(str(tally.confusion[(gold, p)] or "·") for p in columns)] for gold in tally.gold_categories()
    ]
    return table(["gold \\ predicted", *columns], rows)


def extras_table(scores: Sequence[LabelScore]) -> str:
    def total(attr: str) -> int:
        return sum(getattr(s, attr) for s in scores)

    row = [
        ratio(total("teasers_found"), total("teasers_total")),
        str(total("false_teasers")),
        str(total("teasers_output")),
        ratio(total("promos_found"), total("promos_total")),
        str(total("false_promos")),
        ratio(total("promos_leaked"), total("promos_standalone")),
    ]
    headers = [
        "teasers recall",
        "false teasers",
        "teasers output",
        "promos recall",
        "false promos",
        "promos leaked",
    ]
    return table(headers, [row], align="r" * len(headers))


# ---------------------------------------------------------------- seed


def check_seed(fixtures: Path, outputs: dict[str, Output]) -> tuple[bool | None, str]:
    """The seed must give exactly the gold categories and the seven side-effect items."""
    title = heading("Seed check (fixtures/pages/seed-text/page.txt)")
    seed = next((p for p in load_fixture_pages(fixtures) if p.id == SEED_SLUG), None)
    if seed is None:
        return None, f"{title}\n\nnot run: the seed fixture does not exist yet."
    output = outputs.get(SEED_SLUG) or run_pages([seed], ["articlekit"], 1)["articlekit"][SEED_SLUG]
    labels = labels_of(seed)
    problems = seed_problems(output, labels)
    verdict = "**PASS**" if not problems else "**FAIL**\n\n" + "\n".join(problems)
    info = (
        f"(For information: {len(output.related_posts)} related posts, "
        f"{len(output.promotions)} promotions in the output; the seed shows four untitled teasers.)"
    )
    return not problems, f"{title}\n\n{verdict}\n\n{info}"


def load_fixture_pages(fixtures: Path) -> list[Page]:
    return load("fixtures", shared_root(None), fixtures)


def seed_problems(output: Output, labels: Labels) -> list[str]:
    problems = [f"* error: {output.error}"] if output.error else []
    gold = [s.category for s in labels.sections]
    got = [s.category for s in output.sections]
    if got != gold:
        problems.append(f"* categories: gold {gold}, got {got}")
        headings = [s.heading for s in output.sections]
        problems.append(f"* output headings: {headings}")
    problems += side_effect_problems(output, labels)
    return problems


def side_effect_problems(output: Output, labels: Labels) -> list[str]:
    wanted = list(labels.side_effect_items or ())
    found = [s for s in output.sections if s.category == SIDE_EFFECTS]
    if not found:
        return ["* no side_effects section in the output"]
    items = [item.strip() for item in found[0].items]
    if items == wanted:
        return []
    near = [normalise(i) for i in items] == [normalise(i) for i in wanted]
    note = " (equal after normalising)" if near else ""
    return [f"* side-effect items{note}: gold {wanted}, got {items}"]


if __name__ == "__main__":
    raise SystemExit(main())
