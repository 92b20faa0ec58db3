"""articlekit.dask on a local distributed cluster gives the serial records, in order."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("dask.bag", reason="the [dask] extra is not installed")
distributed = pytest.importorskip("distributed", reason="the [dask] extra is not installed")

import articlekit.dask  # noqa: E402
from articlekit.batch import records_of  # noqa: E402

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    cluster = distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    )
    with cluster, distributed.Client(cluster) as client:
        yield client


def test_bag_and_dataframe_match_the_serial_records(client: object, tmp_path: Path) -> None:
    pages = sorted(str(p) for p in FIXTURES.glob("*/page.*"))[:12]
    listing = tmp_path / "list.txt"
    listing.write_text("\n".join([*pages[6:], "http://127.0.0.1:9/post/"]) + "\n", "utf-8")
    inputs = [*pages[:6], f"@{listing}"]
    serial = list(records_of(inputs))
    bag = articlekit.dask.bag(inputs, partition_size=3)
    assert bag.npartitions == 5
    assert bag.compute() == json.loads(json.dumps(serial))
    frame = articlekit.dask.dataframe(bag).compute()
    assert list(frame["key"]) == [f"file:{p}" for p in pages] + ["url:http://127.0.0.1:9/post/"]
    assert frame["ok"].sum() == sum("error" not in r for r in serial)
    assert json.loads(frame["record"].iloc[0]) == serial[0]


def test_warc_files_are_read_on_the_workers(client: object, tmp_path: Path) -> None:
    pytest.importorskip("fastwarc.warc", reason="the [warc] extra is not installed")
    from test_warc import make_warc

    archives = [str(make_warc(tmp_path / f"{i}.warc.gz", compress=True)) for i in range(2)]
    records = articlekit.dask.bag(archives, partition_size=1).compute()
    assert records == list(records_of(archives))
    assert [r["source"]["input"] for r in records] == ["warc"] * 8
