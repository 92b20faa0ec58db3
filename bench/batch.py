"""Batch throughput and peak memory: ``articlekit extract`` vs trafilatura's own batch mode.

    python bench/batch.py                               # 10,000 inputs, 1 and 2 workers, both tools
    python bench/batch.py --inputs 2000 --workers 2 --tools articlekit
    python bench/batch.py --memory 1000,20000           # flat memory: peak RSS vs number of inputs

The article-extraction-benchmark pages (``shared/data/article-extraction-benchmark/html``)
are decompressed into a temporary directory and linked over and over until there are
``--inputs`` files. Each tool runs as a real command over that directory:
``articlekit extract DIR -o out.jsonl --workers N`` and
``trafilatura --input-dir DIR -o OUTDIR --json --parallel N``. Peak memory is the
largest sum of RSS over the command's whole process tree, sampled every 50 ms.
``--memory`` runs articlekit with 2 workers on small pages (the seed text post) so that
20,000 inputs take a minute: the parent's memory must not grow with the input count.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
AEB = ROOT.parent / "shared" / "data" / "article-extraction-benchmark" / "html"
SEED = ROOT / "fixtures" / "pages" / "seed-text" / "page.txt"
BIN = Path(sys.executable).parent


def corpus(directory: Path, count: int, pages: list[Path], suffix: str = ".html") -> Path:
    """``count`` inputs: the pages linked round-robin into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (directory / f"{i:06d}{suffix}").symlink_to(pages[i % len(pages)])
    return directory


def aeb_pages(into: Path) -> list[Path]:
    into.mkdir(parents=True, exist_ok=True)
    pages = []
    for gz in sorted(AEB.glob("*.html.gz")):
        page = into / gz.name.removesuffix(".gz")
        page.write_bytes(gzip.decompress(gz.read_bytes()))
        pages.append(page)
    return pages


def measure(command: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS of the process tree (MiB), exit status."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    root = psutil.Process(process.pid)
    peak = 0
    while process.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.05)
    return time.perf_counter() - start, peak / 2**20, process.returncode


def command(tool: str, inputs: Path, out: Path, workers: int) -> list[str]:
    out.mkdir(parents=True, exist_ok=True)
    if tool == "articlekit":
        return [
            str(BIN / "articlekit"),
            "extract",
            str(inputs),
            "-o",
            str(out / "out.jsonl"),
            "--workers",
            str(workers),
            "--quiet",
        ]
    return [
        str(BIN / "trafilatura"),
        "--input-dir",
        str(inputs),
        "-o",
        str(out),
        "--json",
        "--parallel",
        str(workers),
    ]


def throughput(args: argparse.Namespace, work: Path) -> None:
    inputs = corpus(work / "inputs", args.inputs, aeb_pages(work / "pages"))
    print(f"{args.inputs:,} inputs ({len(list(AEB.glob('*.html.gz')))} benchmark pages repeated)\n")
    print("| tool | workers | seconds | pages/s | peak RSS (MiB) | exit |")
    print("|---|---:|---:|---:|---:|---:|")
    for tool in args.tools.split(","):
        for workers in (int(w) for w in args.workers.split(",")):
            out = work / f"out-{tool}-{workers}"
            seconds, peak, status = measure(command(tool, inputs, out, workers))
            rate = args.inputs / seconds
            print(f"| {tool} | {workers} | {seconds:.1f} | {rate:.1f} | {peak:.0f} | {status} |", flush=True)
            shutil.rmtree(out, ignore_errors=True)


def flat_memory(args: argparse.Namespace, work: Path) -> None:
    print("| inputs | seconds | pages/s | peak RSS of parent + 2 workers (MiB) |")
    print("|---:|---:|---:|---:|")
    for count in (int(n) for n in args.memory.split(",")):
        inputs = corpus(work / f"small-{count}", count, [SEED], ".txt")
        out = work / f"mem-{count}"
        seconds, peak, _ = measure(command("articlekit", inputs, out, 2))
        print(f"| {count:,} | {seconds:.1f} | {count / seconds:.1f} | {peak:.0f} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--tools", default="articlekit,trafilatura")
    parser.add_argument("--memory", default=None, help="comma-separated input counts for the flat-memory run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="articlekit-batch-") as tmp:
        if args.memory:
            flat_memory(args, Path(tmp))
        else:
            throughput(args, Path(tmp))


if __name__ == "__main__":
    main()
