"""Metadata accuracy: per field, over every fixture whose labels state it, and over
clinic-pages-dev titles and languages (../shared).

    python bench/metadata.py              # the per-field table
    python bench/metadata.py --libraries  # also htmldate and extruct on the same pages
    python bench/metadata.py --page-types # page_type confusion on clinic-pages-dev and WCXB
    python bench/metadata.py --wcxb       # title, author, date against WCXB's gold, with trafilatura
    python bench/metadata.py --page-types # also page_type confusion on clinic-pages-dev and WCXB dev

A field counts as right when the output equals the label exactly (lists in order).
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests"), str(ROOT / "bench")]

import _corpora  # noqa: E402
from golden import cases, norm_text, run  # noqa: E402

import articlekit  # noqa: E402


def fixture_scores() -> tuple[Counter[str], Counter[str], list[str]]:
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    misses = []
    for case in cases():
        stated = dict(case.labels.get("metadata", {}))
        if not stated:
            continue
        record = run(case)
        org = stated.pop("organization", {})
        stated.pop("health_markup_types", None)
        pairs = [(f, v, record["metadata"][f]) for f, v in stated.items()]
        pairs += [(f"organization.{f}", v, record["organization"][f]) for f, v in org.items()]
        for field, want, got in pairs:
            total[field] += 1
            right[field] += got == want
            if got != want:
                misses.append(f"{case.slug}: {field} = {got!r}, label {want!r}")
    return right, total, misses


def clinic_scores() -> dict[str, tuple[int, int]]:
    data = _corpora.shared_root() / "data" / "clinic-pages-dev"
    if not data.is_dir():
        return {}
    title = article_title = language = kind = n = 0
    for label_path in sorted((data / "labels").glob("*.json")):
        labels = json.loads(label_path.read_text("utf-8"))
        page = (data / "pages" / labels["file"]).read_bytes()
        record = articlekit.extract(page).to_dict()
        md = record["metadata"]
        n += 1
        title += norm_text(md["title"] or "") == norm_text(labels["title"])
        article_title += norm_text(record["article"]["title"] or "") == norm_text(labels["title"])
        language += md["language"] == labels["language"]
        kind += md["page_type"] == labels["page_kind"]
    return {
        "title (metadata: the page's stated title)": (title, n),
        "title (article)": (article_title, n),
        "language": (language, n),
        "page_type": (kind, n),
    }


PREDICTED = ("article", "service", "listing", "other")
# WCXB's seven page types in articlekit's four (what counts as right in the totals).
WCXB_AS = {
    "article": "article",
    "service": "service",
    "collection": "listing",
    "listing": "listing",
    "product": "other",
    "forum": "other",
    "documentation": "other",
}


def page_type_confusion() -> None:
    """Gold page kinds (rows) against metadata.page_type (columns), on clinic-pages-dev
    (labels' page_kind) and WCXB dev (its seven page types), metadata stage only."""
    from articlekit.decode import decode
    from articlekit.metadata import extract_metadata
    from articlekit.parse import parse_html
    from articlekit.ruleset import load_rules

    paths = load_rules().page_paths
    shared = _corpora.shared_root()
    for corpus, as_ours in (("clinic", None), ("wcxb", WCXB_AS)):
        confusion: Counter[tuple[str, str]] = Counter()
        for page in _corpora.load(corpus, shared):
            raw = _corpora.read_bytes(page)
            root = parse_html(decode(raw, max_bytes=len(raw) + 1).text, max_elements=10**7)
            metadata, _ = extract_metadata(root, page.url, page_paths=paths)
            confusion[(page.page_type or "?", metadata.page_type)] += 1
        golds = sorted(
            {g for g, _ in confusion}, key=lambda g: -sum(n for (x, _), n in confusion.items() if x == g)
        )
        right = sum(n for (g, p), n in confusion.items() if (as_ours or {}).get(g, g) == p)
        print(
            f"\npage_type on {corpus} ({right}/{sum(confusion.values())} right; rows gold, columns predicted)"
        )
        print(f"{'':16}" + "".join(f"{p:>9}" for p in PREDICTED))
        for gold in golds:
            print(f"{gold:16}" + "".join(f"{confusion[(gold, p)]:>9}" for p in PREDICTED))


WCXB_FIELDS = ("title", "author", "date")


def wcxb_fields() -> None:
    """Title (the article's), authors and publication date against WCXB dev's gold
    (``ground_truth.title``, ``author``, ``publish_date``), articlekit next to trafilatura's
    metadata, per page type. Names and titles compare as lowercase word sequences (authors
    joined by "; "), dates by calendar day; pages whose gold field is empty are left out,
    but for authors: "no author" counts the pages without one where none is given."""
    from concurrent.futures import ProcessPoolExecutor

    pages = list(_corpora.load("wcxb", _corpora.shared_root()))
    with ProcessPoolExecutor(2) as pool:
        results = list(pool.map(_wcxb_page, pages, chunksize=8))
    right: Counter[tuple[str, str, str]] = Counter()
    total: Counter[tuple[str, str]] = Counter()
    for page_type, gold, found in results:
        for field in WCXB_FIELDS:
            # a page whose gold has no author: right when none is given ("no author")
            key = field if gold[field] else "no author" if field == "author" else None
            if key is not None:
                total[(page_type, key)] += 1
                for tool, values in found.items():
                    right[(page_type, key, tool)] += values[field] == gold[field]
    tools = sorted({t for _, _, t in right})
    print(f"\nWCXB dev metadata, right / pages with a gold value ({', '.join(tools)})")
    print(f"{'page type':15}{'field':10}{'pages':>7}" + "".join(f"{t:>14}" for t in tools))
    for page_type, field in sorted(total, key=lambda k: (-total[(k[0], "title")], k[0], k[1])):
        n = total[(page_type, field)]
        cells = "".join(f"{right[(page_type, field, t)] / n:>14.3f}" for t in tools)
        print(f"{page_type:15}{field:10}{n:>7}{cells}")


def _wcxb_page(page: _corpora.Page) -> tuple[str, dict[str, str], dict[str, dict[str, str]]]:
    truth = json.loads(page.path.parent.parent.joinpath("ground-truth", f"{page.id}.json").read_text("utf-8"))
    gold = truth["ground_truth"]
    raw = _corpora.read_bytes(page)
    found: dict[str, dict[str, str]] = {}
    try:
        article = articlekit.extract(raw, url=page.url)
        md = article.metadata
        found["articlekit"] = _fields(article.title, "; ".join(md.authors), md.published)
    except articlekit.ArticlekitError:
        found["articlekit"] = _fields(None, None, None)
    try:
        import trafilatura
    except ImportError:
        pass
    else:
        doc = trafilatura.bare_extraction(_corpora.decode_html(raw), url=page.url, with_metadata=True)
        meta = doc.as_dict() if doc is not None else {}
        found["trafilatura"] = _fields(meta.get("title"), meta.get("author"), meta.get("date"))
    wanted = _fields(gold.get("title"), gold.get("author"), gold.get("publish_date"))
    return page.page_type or "?", wanted, found


def _fields(title: str | None, author: str | None, published: str | None) -> dict[str, str]:
    day = re.search(r"\d{4}-\d{2}-\d{2}", published or "")
    return {"title": _words(title), "author": _words(author), "date": day.group(0) if day else ""}


def _words(text: str | None) -> str:
    return " ".join(re.findall(r"\w+", unicodedata.normalize("NFKC", text or "").lower()))


def library_comparison() -> None:
    """htmldate against our published/modified dates; extruct against our JSON-LD reading."""
    from htmldate import find_date

    from articlekit.parse import parse_html
    from articlekit.structured import structured_data

    ours = theirs = dates = 0
    ld_ours = ld_theirs = 0
    for case in cases():
        stated = case.labels.get("metadata", {})
        html_text = case.page.read_text("utf-8")
        if "published" in stated and case.page.suffix == ".html":
            dates += 1
            ours += run(case)["metadata"]["published"] == stated["published"]
            found = find_date(html_text, url=case.labels.get("url"), original_date=True)
            theirs += found == stated["published"]
        if case.page.suffix == ".html":
            ld_ours += len(structured_data(parse_html(html_text, max_elements=10**7)).json_ld)
            ld_theirs += _extruct_nodes(html_text)
    print(f"\npublished date right: articlekit {ours}/{dates}, htmldate {theirs}/{dates}")
    print(f"JSON-LD typed nodes read (fixtures): articlekit {ld_ours}, extruct {ld_theirs}")


def _extruct_nodes(text: str) -> int:
    try:
        import extruct
    except ImportError:
        return -1
    data: dict[str, Any] = extruct.extract(text, syntaxes=["json-ld"], errors="ignore")
    return sum(1 for node in _walk(data.get("json-ld", [])) if "@type" in node)


def _walk(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [n for item in data for n in _walk(item)]
    if isinstance(data, dict):
        return [data] + [n for v in data.values() for n in _walk(v)]
    return []


def main() -> None:
    right, total, misses = fixture_scores()
    print(f"{'field':28} {'right':>7}  fixtures")
    for field in sorted(total):
        print(f"{field:28} {right[field]:>3}/{total[field]:<3}  {right[field] / total[field]:.0%}")
    print(f"{'all':28} {sum(right.values()):>3}/{sum(total.values()):<3}")
    for miss in misses:
        print("  miss:", miss)
    clinic = clinic_scores()
    if clinic:
        print("\nclinic-pages-dev")
        for field, (ok, n) in clinic.items():
            print(f"{field:44} {ok:>3}/{n:<3}  {ok / n:.0%}")
    if "--page-types" in sys.argv:
        page_type_confusion()
    if "--libraries" in sys.argv:
        library_comparison()
    if "--wcxb" in sys.argv:
        wcxb_fields()


if __name__ == "__main__":
    main()
