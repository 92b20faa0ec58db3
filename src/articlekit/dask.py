"""Beyond one machine: articlekit records as a Dask bag or dataframe (``pip install 'articlekit[dask]'``).

>>> from dask.distributed import Client
>>> client = Client("tcp://scheduler:8786")          # or LocalCluster() for one machine
>>> bag = articlekit.dask.bag(["s3-mounted/pages/", "@urls.txt", "crawl-*.warc.gz"])
>>> bag.filter(lambda r: "error" not in r).pluck("article").pluck("title").take(5)
>>> articlekit.dask.dataframe(bag).to_parquet("articles/")

Names are expanded on the client without opening any file (directories, globs and
``@lists`` become paths and URLs; a WARC file stays one element and is read on the
worker that extracts it). Each partition runs :func:`articlekit.batch.records_of`,
the same pure function Spark's ``mapPartitions`` can run. Records are the JSON form
of :class:`~articlekit.Article` / :class:`~articlekit.Failure`; nothing is dropped.

On threaded workers the per-page time limit is cooperative (checked between
stages); on process workers (``dask worker --nworkers N --nthreads 1``) it interrupts.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

try:
    import dask.bag as db
    import dask.dataframe as dd
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("articlekit.dask needs Dask: pip install 'articlekit[dask]'") from exc

from .batch import input_names, record_key, records_of
from .options import Options

_bags: Any = db  # Dask is only partly typed; its calls are checked by the tests

# Names per partition: enough to amortise task overhead, few enough to spread work.
PARTITION_SIZE = 64

# Columns of the dataframe: one row per input, the full record as JSON in "record".
COLUMNS: dict[str, str] = {
    "key": "object",
    "url": "object",
    "path": "object",
    "input": "object",
    "ok": "bool",
    "title": "object",
    "published": "object",
    "language": "object",
    "word_count": "float64",
    "confidence": "float64",
    "categories": "object",
    "error_type": "object",
    "error_message": "object",
    "error_stage": "object",
    "record": "object",
}


def bag(
    inputs: str | Sequence[str], options: Options | None = None, *, partition_size: int = PARTITION_SIZE
) -> db.Bag:
    """A bag of records (dicts) for files, directories, globs, ``@lists``, URLs and WARC files."""
    names = list(input_names([inputs] if isinstance(inputs, str) else inputs))
    if not names:
        raise ValueError("no inputs found")
    sequence = _bags.from_sequence(names, partition_size=partition_size)
    result: db.Bag = sequence.map_partitions(_partition, options or Options())
    return result


def _partition(names: Iterable[str], options: Options) -> list[dict[str, Any]]:
    return list(records_of(names, options))


def row(record: dict[str, Any]) -> dict[str, Any]:
    """One record as a flat dataframe row (see :data:`COLUMNS`)."""
    source = record.get("source") or {}
    article = record.get("article") or {}
    metadata = record.get("metadata") or {}
    error = record.get("error") or {}
    sections = article.get("sections") or []
    return {
        "key": record_key(record),
        "url": source.get("url"),
        "path": source.get("path"),
        "input": source.get("input"),
        "ok": "error" not in record,
        "title": article.get("title"),
        "published": metadata.get("published"),
        "language": metadata.get("language"),
        "word_count": float(article["word_count"]) if "word_count" in article else float("nan"),
        "confidence": float(article["confidence"]) if "confidence" in article else float("nan"),
        "categories": ",".join(s.get("category", "") for s in sections),
        "error_type": error.get("type"),
        "error_message": error.get("message"),
        "error_stage": error.get("stage"),
        "record": json.dumps(record, ensure_ascii=False),
    }


def dataframe(records: db.Bag) -> dd.DataFrame:
    """The bag's records as a dataframe of one flat row per input."""
    rows: Any = records
    frame: dd.DataFrame = rows.map(row).to_dataframe(meta=COLUMNS)
    return frame
