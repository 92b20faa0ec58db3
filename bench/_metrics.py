"""Scoring, written from the definitions in the data READMEs (no code copied from elsewhere).

(a) article-extraction-benchmark — 4-token shingle precision/recall/F1 and exact-match accuracy.
(b) WCXB — word-level F1 on a bag of lowercase ``\\w+`` tokens, snippet inclusion/exclusion.
(c) hand labels (clinic-pages-dev, fixtures) — snippets, teasers and promotions.
(d) sections — heading matching, then per-category precision/recall and a confusion table.
"""

from __future__ import annotations

import random
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from _corpora import Labels, PromoGold, SectionGold, TeaserGold
from _output import Output, Promo, SectionOut, Teaser

_WORD = re.compile(r"\w+")
_NOT_WORD = re.compile(r"[\W_]+")
SHINGLE_SIZE = 4
BOOTSTRAP_RESAMPLES = 1000
BOOTSTRAP_SEED = 20200101
# WCXB's snippets are excerpts cut at this many characters (559 of its 12,483 `with`
# snippets are exactly this long, against at most 67 for any other length).
WCXB_SNIPPET_CUT = 80


# ---------------------------------------------------------------- shared helpers


def tokens(text: str) -> list[str]:
    return _WORD.findall(text)


def normalise(text: str | None) -> str:
    """Lowercase, punctuation dropped, whitespace collapsed (NFKC first, so ligatures fold)."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", text).lower()
    return " ".join(_NOT_WORD.sub(" ", folded).split())


def contains(haystack: str, needle: str) -> bool:
    """Whether normalised ``needle`` occurs in normalised ``haystack`` on word boundaries."""
    return bool(needle) and f" {needle} " in f" {haystack} "


def overlaps(a: str, b: str) -> bool:
    """Equal, or one contains the other as a substring (both normalised, both non-empty)."""
    return bool(a) and bool(b) and (a in b or b in a)


def mean(values: Iterable[float]) -> float | None:
    listed = list(values)
    return sum(listed) / len(listed) if listed else None


def harmonic(p: float | None, r: float | None) -> float:
    if not p or not r:
        return 0.0
    return 2 * p * r / (p + r)


def share(hits: int, total: int) -> float | None:
    return hits / total if total else None


# ---------------------------------------------------------------- (a) shingles


def shingles(words: Sequence[str], size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of ``size``-token shingles; a shorter non-empty text is one shorter shingle."""
    if not words:
        return Counter()
    if len(words) < size:
        return Counter([tuple(words)])
    return Counter(tuple(words[i : i + size]) for i in range(len(words) - size + 1))


@dataclass(frozen=True, slots=True)
class ShingleScore:
    tp: int
    fp: int
    fn: int
    exact: bool

    @property
    def precision(self) -> float | None:
        """None when the prediction is empty (such pages are left out of the average)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


def score_shingles(prediction: str, truth: str) -> ShingleScore:
    predicted_words, true_words = tokens(prediction), tokens(truth)
    predicted, true = shingles(predicted_words), shingles(true_words)
    tp = sum((predicted & true).values())
    return ShingleScore(
        tp=tp,
        fp=sum(predicted.values()) - tp,
        fn=sum(true.values()) - tp,
        exact=predicted_words == true_words,
    )


@dataclass(frozen=True, slots=True)
class AebSummary:
    pages: int
    precision: float
    recall: float
    f1: float
    accuracy: float
    precision_std: float
    recall_std: float
    f1_std: float


def _prf(scores: Sequence[ShingleScore]) -> tuple[float, float, float]:
    precision = mean(s.precision for s in scores if s.precision is not None) or 0.0
    recall = mean(s.recall for s in scores if s.recall is not None) or 0.0
    return precision, recall, harmonic(precision, recall)


def summarise_shingles(
    scores: Sequence[ShingleScore],
    resamples: int = BOOTSTRAP_RESAMPLES,
    seed: int = BOOTSTRAP_SEED,
) -> AebSummary:
    """Averages as upstream defines them, with bootstrap standard deviations (fixed seed)."""
    precision, recall, f1 = _prf(scores)
    rng = random.Random(seed)
    draws = [_prf(rng.choices(scores, k=len(scores))) for _ in range(resamples)] if scores else []
    spread = [statistics.pstdev(column) if column else 0.0 for column in zip(*draws, strict=False)]
    p_std, r_std, f_std = spread if len(spread) == 3 else (0.0, 0.0, 0.0)
    return AebSummary(
        pages=len(scores),
        precision=precision,
        recall=recall,
        f1=f1,
        accuracy=share(sum(s.exact for s in scores), len(scores)) or 0.0,
        precision_std=p_std,
        recall_std=r_std,
        f1_std=f_std,
    )


# ---------------------------------------------------------------- (b) WCXB


def word_f1(prediction: str, truth: str) -> float:
    """Word-level F1 between bags of lowercase ``\\w+`` tokens."""
    predicted, true = Counter(tokens(prediction.lower())), Counter(tokens(truth.lower()))
    common = sum((predicted & true).values())
    if not common:
        return 0.0
    return harmonic(common / sum(predicted.values()), common / sum(true.values()))


@dataclass(frozen=True, slots=True)
class SnippetScore:
    with_found: int = 0
    with_total: int = 0
    without_absent: int = 0
    without_total: int = 0


def score_snippets(
    text: str, with_: Iterable[str], without: Iterable[str], *, cut_at: int | None = None
) -> SnippetScore:
    """Snippets are matched normalised, on word boundaries; empty-after-normalising are skipped.

    A snippet exactly ``cut_at`` characters long was cut there and may end inside a word
    ("… a supportive chair. We" for "… chair. Well-designed"): its last word matches as
    the start of a word.
    """
    hay = normalise(text)

    def found(raw: str) -> bool:
        needle = normalise(raw)
        if cut_at is not None and len(raw) == cut_at:
            return f" {needle}" in f" {hay} "
        return contains(hay, needle)

    wanted = [s for s in with_ if normalise(s)]
    unwanted = [s for s in without if normalise(s)]
    return SnippetScore(
        with_found=sum(found(s) for s in wanted),
        with_total=len(wanted),
        without_absent=sum(not found(s) for s in unwanted),
        without_total=len(unwanted),
    )


@dataclass(frozen=True, slots=True)
class WcxbScore:
    f1: float | None  # None when the page has no main_content
    snippets: SnippetScore


def score_wcxb(
    prediction: str, main_content: str | None, with_: Sequence[str], without: Sequence[str]
) -> WcxbScore:
    return WcxbScore(
        f1=word_f1(prediction, main_content) if main_content else None,
        snippets=score_snippets(prediction, with_, without, cut_at=WCXB_SNIPPET_CUT),
    )


def add_snippets(scores: Iterable[SnippetScore]) -> SnippetScore:
    total = SnippetScore()
    for s in scores:
        total = SnippetScore(
            total.with_found + s.with_found,
            total.with_total + s.with_total,
            total.without_absent + s.without_absent,
            total.without_total + s.without_total,
        )
    return total


# ---------------------------------------------------------------- (c) labels


def teaser_matches(gold: TeaserGold, out: Teaser) -> bool:
    """Output title equals/contains the gold title, or the output URL contains ``url_contains``;
    an untitled teaser (plain text) by the words its excerpt starts with (``excerpt_starts``)."""
    gold_title, out_title = normalise(gold.title), normalise(out.title)
    if gold_title and gold_title in out_title:
        return True
    starts = normalise(gold.excerpt_starts)
    if starts and normalise(out.excerpt).startswith(starts):
        return True
    return bool(gold.url_contains and out.url and gold.url_contains in out.url)


def promo_matches(gold: PromoGold, out: Promo) -> bool:
    return overlaps(normalise(gold.text), normalise(out.text))


def standalone_promos(labels: Labels) -> list[PromoGold]:
    """Promotions that stand as their own block: by convention also listed under ``without``."""
    unwanted = [normalise(w) for w in labels.without_snippets]
    return [p for p in labels.promotions if any(_word_overlap(normalise(p.text), w) for w in unwanted)]


def _word_overlap(a: str, b: str) -> bool:
    return contains(a, b) or contains(b, a)


@dataclass(frozen=True, slots=True)
class LabelScore:
    snippets: SnippetScore
    teasers_found: int
    teasers_total: int
    teasers_output: int
    false_teasers: int
    promos_found: int
    promos_total: int
    false_promos: int
    promos_leaked: int
    promos_standalone: int
    title_ok: bool | None
    missing: tuple[str, ...] = field(default=())
    leaked: tuple[str, ...] = field(default=())


def score_labels(output: Output, labels: Labels) -> LabelScore:
    snippets = score_snippets(output.text, labels.with_snippets, labels.without_snippets)
    hay = normalise(output.text)
    gold_teasers, out_teasers = labels.related_posts, output.related_posts
    standalone = standalone_promos(labels)
    return LabelScore(
        snippets=snippets,
        teasers_found=sum(any(teaser_matches(g, o) for o in out_teasers) for g in gold_teasers),
        teasers_total=len(gold_teasers),
        teasers_output=len(out_teasers),
        false_teasers=sum(not any(teaser_matches(g, o) for g in gold_teasers) for o in out_teasers),
        promos_found=sum(any(promo_matches(g, o) for o in output.promotions) for g in labels.promotions),
        promos_total=len(labels.promotions),
        false_promos=sum(not any(promo_matches(g, o) for g in labels.promotions) for o in output.promotions),
        promos_leaked=sum(contains(hay, normalise(p.text)) for p in standalone),
        promos_standalone=len(standalone),
        title_ok=normalise(output.title) == normalise(labels.title) if labels.title else None,
        missing=tuple(s for s in labels.with_snippets if not contains(hay, normalise(s))),
        leaked=tuple(s for s in labels.without_snippets if contains(hay, normalise(s))),
    )


# ---------------------------------------------------------------- (d) sections

NOT_FOUND = "(not found)"


def _equal_heading(gold: SectionGold, out: SectionOut, position: int) -> bool:
    if gold.heading is None:
        return position == 0 and not normalise(out.heading)
    return normalise(gold.heading) == normalise(out.heading) != ""


def _overlapping_heading(gold: SectionGold, out: SectionOut, position: int) -> bool:
    if gold.heading is None:
        return False
    return overlaps(normalise(gold.heading), normalise(out.heading))


def match_sections(gold: Sequence[SectionGold], out: Sequence[SectionOut]) -> list[int | None]:
    """For each gold section, the index of its output section (one-to-one), or None.

    Exact heading matches are taken first (a null gold heading matches an untitled first output
    section), then containment either way; within a pass, gold and output go in document order.
    """
    matched: list[int | None] = [None] * len(gold)
    used: set[int] = set()
    for test in (_equal_heading, _overlapping_heading):
        for g_index, g in enumerate(gold):
            if matched[g_index] is not None:
                continue
            for o_index, o in enumerate(out):
                if o_index not in used and test(g, o, o_index):
                    matched[g_index] = o_index
                    used.add(o_index)
                    break
    return matched


@dataclass(slots=True)
class SectionTally:
    """Gold x predicted counts; ``NOT_FOUND`` is the predicted label of unmatched gold."""

    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    extra: Counter[str] = field(default_factory=Counter)  # unmatched output, by category

    def add(self, gold: Sequence[SectionGold], out: Sequence[SectionOut]) -> list[int | None]:
        matched = match_sections(gold, out)
        for g, index in zip(gold, matched, strict=True):
            self.confusion[(g.category, NOT_FOUND if index is None else out[index].category)] += 1
        for o_index, o in enumerate(out):
            if o_index not in matched:
                self.extra[o.category] += 1
        return matched

    def gold_categories(self) -> list[str]:
        return sorted({g for g, _ in self.confusion})

    def predicted_categories(self) -> list[str]:
        return sorted({p for _, p in self.confusion if p != NOT_FOUND})

    def precision(self, category: str) -> float | None:
        predicted = sum(n for (_, p), n in self.confusion.items() if p == category)
        return self.confusion[(category, category)] / predicted if predicted else None

    def recall(self, category: str) -> float | None:
        gold = sum(n for (g, _), n in self.confusion.items() if g == category)
        return self.confusion[(category, category)] / gold if gold else None

    def f1(self, category: str) -> float:
        return harmonic(self.precision(category), self.recall(category))

    def macro_f1(self) -> float | None:
        return mean(self.f1(c) for c in self.gold_categories())

    def not_found(self) -> int:
        return sum(n for (_, p), n in self.confusion.items() if p == NOT_FOUND)

    def total_gold(self) -> int:
        return sum(self.confusion.values())

    def accuracy_on_found(self) -> float | None:
        found = self.total_gold() - self.not_found()
        correct = sum(n for (g, p), n in self.confusion.items() if g == p)
        return correct / found if found else None
