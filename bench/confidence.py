"""Does ``article.confidence`` say how likely the extraction is right? Measured on data.

    python bench/confidence.py                 # WCXB dev (all seven page types) and AEB
    python bench/confidence.py --limit 300     # a quick run

Each page's extraction is scored against its gold text (WCXB: word F1; AEB: 4-token shingle
F1, both as ``quality.py`` scores them); a page that gives an error scores 0 at confidence 0.
Printed per corpus:

* the rank correlation (Spearman) between confidence and F1;
* AUC: the chance that a good extraction (F1 >= 0.8) gets a higher confidence than a poor
  one (F1 < 0.5) — 0.5 is a coin, 1.0 a perfect ranking;
* F1 by confidence band, and what a caller keeps and loses by dropping pages below a
  threshold;
* WCXB: mean confidence per page type (articles should rank above listings and products).
"""

from __future__ import annotations

import argparse
import itertools
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from _corpora import AebGold, Page, WcxbGold, load, shared_root
from _metrics import harmonic, score_shingles, word_f1
from _report import heading, num, table
from _runner import run_pages, subsample

GOOD_F1 = 0.8
POOR_F1 = 0.5
BANDS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.01)
THRESHOLDS = (0.2, 0.3, 0.4, 0.5)


@dataclass(frozen=True, slots=True)
class Scored:
    page_type: str
    confidence: float
    f1: float


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default="wcxb,aeb", help="comma-separated: wcxb, aeb")
    parser.add_argument("--limit", type=int, default=None, help="pages per corpus (spread evenly)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--shared", default=None, help="shared data root (or ARTICLEKIT_SHARED)")
    args = parser.parse_args()
    shared = shared_root(args.shared)
    for corpus in args.corpus.split(","):
        pages = [p for p in subsample(load(corpus, shared), args.limit) if _truth(p)]
        outputs = run_pages(pages, ["articlekit"], workers=args.workers, label=corpus)["articlekit"]
        scored = [_scored(p, outputs[p.id]) for p in pages]
        parts = [heading(f"{corpus}: {len(scored)} pages with gold text"), _summary(scored)]
        parts += [_bands(scored), _thresholds(scored)]
        if corpus == "wcxb":
            parts.append(_by_type(scored))
        print("\n\n".join(parts) + "\n")


def _truth(page: Page) -> str:
    gold = page.gold
    if isinstance(gold, WcxbGold):
        return gold.main_content or ""
    return gold.article_body if isinstance(gold, AebGold) else ""


def _scored(page: Page, output: object) -> Scored:
    text = getattr(output, "text", "") or ""
    error = getattr(output, "error", None)
    confidence = 0.0 if error else float(getattr(output, "extra", {}).get("confidence") or 0.0)
    if isinstance(page.gold, AebGold):
        s = score_shingles(text, _truth(page))
        precision = s.tp / (s.tp + s.fp) if s.tp + s.fp else None
        recall = s.tp / (s.tp + s.fn) if s.tp + s.fn else None
        f1 = harmonic(precision, recall)
    else:
        f1 = word_f1(text, _truth(page))
    return Scored(page.page_type or "?", confidence, 0.0 if error else f1)


def _summary(scored: Sequence[Scored]) -> str:
    good = [s.confidence for s in scored if s.f1 >= GOOD_F1]
    poor = [s.confidence for s in scored if s.f1 < POOR_F1]
    rows = [
        ["Spearman rank correlation, confidence ~ F1", num(_spearman(scored))],
        [f"AUC, good (F1 >= {GOOD_F1}) over poor (F1 < {POOR_F1})", num(_auc(good, poor))],
        [
            "pages good / middling / poor",
            f"{len(good)} / {len(scored) - len(good) - len(poor)} / {len(poor)}",
        ],
        ["mean confidence of good / poor pages", f"{num(_mean(good))} / {num(_mean(poor))}"],
    ]
    return table(["measure", "value"], rows, "lr")


def _bands(scored: Sequence[Scored]) -> str:
    rows = []
    for low, high in itertools.pairwise(BANDS):
        band = [s for s in scored if low <= s.confidence < high]
        rows.append(
            [
                f"{low:.1f}-{min(high, 1.0):.1f}",
                str(len(band)),
                num(_mean([s.f1 for s in band])),
                num(_share(band, lambda s: s.f1 >= GOOD_F1)),
            ]
        )
    return table(["confidence", "pages", "mean F1", f"share F1 >= {GOOD_F1}"], rows, "lrrr")


def _thresholds(scored: Sequence[Scored]) -> str:
    rows = []
    good_total = sum(s.f1 >= GOOD_F1 for s in scored)
    for cut in THRESHOLDS:
        kept = [s for s in scored if s.confidence >= cut]
        dropped = [s for s in scored if s.confidence < cut]
        rows.append(
            [
                f">= {cut}",
                f"{len(kept)}/{len(scored)}",
                num(_mean([s.f1 for s in kept])),
                num(_mean([s.f1 for s in dropped])),
                f"{sum(s.f1 >= GOOD_F1 for s in dropped)}/{good_total}",
            ]
        )
    headers = ["keep confidence", "pages kept", "mean F1 kept", "mean F1 dropped", "good pages dropped"]
    return table(headers, rows, "lrrrr")


def _by_type(scored: Sequence[Scored]) -> str:
    groups: dict[str, list[Scored]] = defaultdict(list)
    for s in scored:
        groups[s.page_type].append(s)
    rows = [
        [kind, str(len(group)), num(_mean([s.confidence for s in group])), num(_mean([s.f1 for s in group]))]
        for kind, group in sorted(groups.items(), key=lambda kv: -(_mean([s.confidence for s in kv[1]]) or 0))
    ]
    return table(["WCXB page type", "pages", "mean confidence", "mean F1"], rows, "lrrr")


def _spearman(scored: Sequence[Scored]) -> float | None:
    if len(scored) < 3:
        return None
    a, b = _ranks([s.confidence for s in scored]), _ranks([s.f1 for s in scored])
    try:
        return statistics.correlation(a, b)
    except statistics.StatisticsError:  # one of them constant
        return None


def _ranks(values: Sequence[float]) -> list[float]:
    """Ranks from 1, ties sharing their mean rank."""
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def _auc(good: Sequence[float], poor: Sequence[float]) -> float | None:
    """P(confidence of a good page > that of a poor one), ties counting half (Mann-Whitney)."""
    if not good or not poor:
        return None
    ranks = _ranks([*good, *poor])
    good_rank_sum = sum(ranks[: len(good)])
    return (good_rank_sum - len(good) * (len(good) + 1) / 2) / (len(good) * len(poor))


def _mean(values: Sequence[float]) -> float | None:
    return statistics.fmean(values) if values else None


def _share(items: Sequence[Scored], test: object) -> float | None:
    return sum(1 for s in items if test(s)) / len(items) if items else None  # type: ignore[operator]


if __name__ == "__main__":
    main()
