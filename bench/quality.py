"""Extraction quality of articlekit and its peers, printed as markdown tables.

    python bench/quality.py                       # everything (a few minutes on 2 cores)
    python bench/quality.py --limit 40            # a quick run: 40 pages per corpus
    python bench/quality.py --only articlekit,trafilatura --corpus aeb,clinic
    python bench/quality.py --corpus fixtures --split heldout-18   # one held-out batch

Corpora: ``aeb`` (article-extraction-benchmark, shingle P/R/F1), ``wcxb`` (WCXB dev, word F1 and
snippets per page type), ``clinic`` (clinic-pages-dev) and ``fixtures`` (articlekit's labelled
fixtures), both scored by their hand labels. Per-page scores go to ``bench/results/``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from _corpora import (
    CORPUS_NAMES,
    REPO_ROOT,
    WCXB_PAGE_TYPES,
    AebGold,
    Labels,
    Page,
    WcxbGold,
    load,
    shared_root,
    split_of,
)
from _extractors import available, resolve, version
from _metrics import (
    LabelScore,
    SnippetScore,
    WcxbScore,
    add_snippets,
    mean,
    score_labels,
    score_shingles,
    score_wcxb,
    summarise_shingles,
)
from _output import Output
from _report import DASH, heading, num, pm, ratio, table
from _runner import Outputs, run_pages, subsample

RESULTS_DIR = REPO_ROOT / "bench" / "results"
Raw = dict[str, dict[str, dict[str, Any]]]  # extractor -> page id -> scores


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    names = usable_extractors(args.only)
    shared = shared_root(args.shared)
    fixtures = Path(args.fixtures) if args.fixtures else None
    sections = [versions_line(names)]
    raw: dict[str, Raw] = {}
    started = time.perf_counter()
    for corpus in args.corpus:
        pages = subsample(in_split(load(corpus, shared, fixtures), args.split), args.limit)
        if not pages:
            sections.append(f"{heading(title_of(corpus, 0))}\n\n(no pages found)")
            continue
        outputs = run_pages(pages, names, args.workers, label=corpus)
        text, raw[corpus] = SCORERS[corpus](pages, outputs)
        sections.append(text)
    sections.append(f"_Run time: {time.perf_counter() - started:.0f}s, {args.workers} worker(s)._")
    print("\n\n".join(sections))
    write_raw(raw, args)
    return 0


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="pages per corpus (spread evenly)")
    parser.add_argument("--only", default=None, help="comma-separated extractors (default: all)")
    parser.add_argument(
        "--corpus",
        default=",".join(CORPUS_NAMES),
        type=lambda value: [c.strip() for c in value.split(",") if c.strip()],
        help=f"comma-separated corpora from {','.join(CORPUS_NAMES)} (default: all)",
    )
    parser.add_argument("--split", default=None, help="only the pages of this labels split (e.g. heldout-18)")
    parser.add_argument("--workers", type=int, default=2, help="processes (1 = in-process)")
    parser.add_argument("--shared", default=None, help="shared data root (or ARTICLEKIT_SHARED)")
    parser.add_argument("--fixtures", default=None, help="fixture pages directory")
    parser.add_argument("--results", default=None, help="per-page JSON output path")
    args = parser.parse_args(argv)
    unknown = [c for c in args.corpus if c not in CORPUS_NAMES]
    if unknown:
        parser.error(f"unknown corpus {', '.join(unknown)}")
    return args


def in_split(pages: list[Page], split: str | None) -> list[Page]:
    """The pages of one labels split (all pages when ``split`` is None)."""
    return pages if split is None else [p for p in pages if split_of(p) == split]


def usable_extractors(only: str | None) -> list[str]:
    names = resolve(only)
    missing = [n for n in names if not available(n)]
    for name in missing:
        print(f"note: {name} is not available; skipped", file=sys.stderr)
    return [n for n in names if n not in missing]


def versions_line(names: Sequence[str]) -> str:
    seen = dict.fromkeys(n.removesuffix("-precision") for n in names)
    listed = ", ".join(f"{n} {version(n)}" for n in seen)
    return f"{heading('articlekit quality benchmark', 2)}\n\nExtractors: {listed}; Python {py()}."


def py() -> str:
    return ".".join(map(str, sys.version_info[:3]))


def title_of(corpus: str, pages: int) -> str:
    names = {
        "aeb": "article-extraction-benchmark",
        "wcxb": "WCXB dev",
        "clinic": "clinic-pages-dev",
        "fixtures": "articlekit fixtures",
    }
    return f"{names[corpus]} ({pages} pages)"


def failures(outputs: dict[str, Output]) -> tuple[int, int]:
    errors = sum(o.error is not None for o in outputs.values())
    empty = sum(o.error is None and not o.text.strip() for o in outputs.values())
    return errors, empty


# ---------------------------------------------------------------- aeb


def score_aeb(pages: Sequence[Page], outputs: Outputs) -> tuple[str, Raw]:
    rows, raw = [], {}
    for name, per_page in outputs.items():
        scores = {p.id: score_shingles(per_page[p.id].text, gold_aeb(p).article_body) for p in pages}
        summary = summarise_shingles(list(scores.values()))
        errors, empty = failures(per_page)
        rows.append(
            [
                name,
                pm(summary.precision, summary.precision_std),
                pm(summary.recall, summary.recall_std),
                pm(summary.f1, summary.f1_std),
                num(summary.accuracy),
                str(errors),
                str(empty),
            ]
        )
        raw[name] = {pid: {**asdict(s), **page_run(per_page[pid])} for pid, s in scores.items()}
    headers = ["extractor", "precision", "recall", "F1", "accuracy", "errors", "empty"]
    note = (
        "4-token shingles of `\\w+` tokens; precision averaged over pages with output, recall "
        "over all pages, F1 = harmonic mean of the two; ± = bootstrap std (1000 resamples)."
    )
    return f"{heading(title_of('aeb', len(pages)))}\n\n{note}\n\n{table(headers, rows)}", raw


def gold_aeb(page: Page) -> AebGold:
    assert isinstance(page.gold, AebGold)
    return page.gold


def page_run(output: Output) -> dict[str, Any]:
    return {"error": output.error, "seconds": round(output.seconds, 4), "chars": len(output.text)}


# ---------------------------------------------------------------- wcxb


def score_wcxb_corpus(pages: Sequence[Page], outputs: Outputs) -> tuple[str, Raw]:
    types = [t for t in WCXB_PAGE_TYPES if any(p.page_type == t for p in pages)] + ["all"]
    counts = {t: sum(p.page_type == t or t == "all" for p in pages) for t in types}
    f1_rows, snippet_rows, raw = [], [], {}
    for name, per_page in outputs.items():
        scores = {p.id: wcxb_page(per_page[p.id], p) for p in pages}
        by_type = {t: [scores[p.id] for p in pages if t in (p.page_type, "all")] for t in types}
        errors, empty = failures(per_page)
        f1_rows.append([name, *(num(mean_f1(by_type[t])) for t in types), f"{errors}/{empty}"])
        snippet_rows.append([name, *(snippet_cell(by_type[t]) for t in types)])
        raw[name] = {
            pid: {**asdict(s), "page_type": p.page_type, **page_run(per_page[pid])}
            for p in pages
            for pid, s in [(p.id, scores[p.id])]
        }
    headers = ["extractor", *(f"{t} ({counts[t]})" for t in types)]
    return "\n\n".join(
        [
            heading(f"{title_of('wcxb', len(pages))} — word F1 by page type"),
            "Bag of lowercase `\\w+` tokens against `main_content`, averaged over pages "
            "(pages without `main_content` are left out of F1).",
            table([*headers, "errors/empty"], f1_rows),
            heading("WCXB dev — `with` snippets found / `without` snippets absent"),
            "Shares pooled over all snippets of the page type; matched normalised, on word boundaries.",
            table(headers, snippet_rows),
        ]
    ), raw


def wcxb_page(output: Output, page: Page) -> WcxbScore:
    gold = page.gold
    assert isinstance(gold, WcxbGold)
    return score_wcxb(output.text, gold.main_content, gold.with_snippets, gold.without_snippets)


def mean_f1(scores: Sequence[WcxbScore]) -> float | None:
    return mean(s.f1 for s in scores if s.f1 is not None)


def snippet_cell(scores: Sequence[WcxbScore]) -> str:
    total = add_snippets(s.snippets for s in scores)
    found = total.with_found / total.with_total if total.with_total else None
    absent = total.without_absent / total.without_total if total.without_total else None
    return f"{num(found)} / {num(absent)}"


# ---------------------------------------------------------------- labelled corpora


def score_labelled(corpus: str) -> Callable[[Sequence[Page], Outputs], tuple[str, Raw]]:
    def scorer(pages: Sequence[Page], outputs: Outputs) -> tuple[str, Raw]:
        rows, raw = [], {}
        for name, per_page in outputs.items():
            scored = [p for p in pages if p.id in per_page]
            scores = {p.id: score_labels(per_page[p.id], labels_of(p)) for p in scored}
            rows.append(label_row(name, list(scores.values()), per_page))
            raw[name] = {pid: {**asdict(s), **page_run(per_page[pid])} for pid, s in scores.items()}
        best = best_trafilatura(raw)
        return label_table(corpus, pages, rows) + (f"\n\n{best}" if best else ""), raw

    return scorer


def best_trafilatura(raw: Raw) -> str:
    """Which trafilatura setting scores best here (mean of with-found and without-absent)."""
    balance = {
        name: _balanced(per_page.values()) for name, per_page in raw.items() if name.startswith("trafilatura")
    }
    if len(balance) < 2:
        return ""
    best = max(balance, key=lambda name: balance[name])
    listed = ", ".join(f"{name} {value:.3f}" for name, value in balance.items())
    return f"Best trafilatura setting here: **{best}** (mean of with found, without absent: {listed})."


def _balanced(page_scores: Iterable[dict[str, Any]]) -> float:
    total = add_snippets(SnippetScore(**p["snippets"]) for p in page_scores)
    found = total.with_found / total.with_total if total.with_total else 1.0
    absent = total.without_absent / total.without_total if total.without_total else 1.0
    return (found + absent) / 2


def labels_of(page: Page) -> Labels:
    assert isinstance(page.gold, Labels)
    return page.gold


def label_row(name: str, scores: Sequence[LabelScore], per_page: dict[str, Output]) -> list[str]:
    snippets = add_snippets(s.snippets for s in scores)
    has_extras = name == "articlekit"
    titles = [s.title_ok for s in scores if s.title_ok is not None]
    gives_titles = any(o.title for o in per_page.values())
    errors, empty = failures(per_page)
    return [
        name,
        str(len(scores)),
        ratio(snippets.with_found, snippets.with_total),
        ratio(snippets.without_absent, snippets.without_total),
        ratio(*_sum(scores, "promos_leaked", "promos_standalone")),
        ratio(sum(titles), len(titles)) if gives_titles else DASH,
        ratio(*_sum(scores, "teasers_found", "teasers_total")) if has_extras else DASH,
        str(sum(s.false_teasers for s in scores)) if has_extras else DASH,
        ratio(*_sum(scores, "promos_found", "promos_total")) if has_extras else DASH,
        str(sum(s.false_promos for s in scores)) if has_extras else DASH,
        f"{errors}/{empty}",
    ]


def _sum(scores: Sequence[LabelScore], hits: str, total: str) -> tuple[int, int]:
    return sum(getattr(s, hits) for s in scores), sum(getattr(s, total) for s in scores)


def label_table(corpus: str, pages: Sequence[Page], rows: Sequence[Sequence[str]]) -> str:
    headers = [
        "extractor",
        "pages",
        "with found",
        "without absent",
        "promos leaked",
        "title",
        "teasers recall",
        "false teasers",
        "promos recall",
        "false promos",
        "errors/empty",
    ]
    note = (
        "Snippets matched normalised (lowercase, no punctuation, collapsed spaces) on word "
        "boundaries. *promos leaked*: stand-alone promos (also listed under `without`) found in "
        "the article text. Teasers and promotions only exist in articlekit's output. Plain-text "
        "fixtures are run by articlekit only."
    )
    return f"{heading(title_of(corpus, len(pages)))}\n\n{note}\n\n{table(headers, rows)}"


SCORERS: dict[str, Callable[[Sequence[Page], Outputs], tuple[str, Raw]]] = {
    "aeb": score_aeb,
    "wcxb": score_wcxb_corpus,
    "clinic": score_labelled("clinic"),
    "fixtures": score_labelled("fixtures"),
}


def write_raw(raw: dict[str, Raw], args: argparse.Namespace) -> None:
    path = Path(args.results) if args.results else RESULTS_DIR / "quality.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = {"argv": sys.argv[1:], "limit": args.limit, "written": time.strftime("%FT%T%z")}
    path.write_text(json.dumps({"meta": meta, "corpora": raw}, indent=1, ensure_ascii=False))
    print(f"per-page scores: {path}", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
