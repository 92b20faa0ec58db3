"""Do two versions of articlekit give byte-identical output? For speed work.

    python bench/identical.py --write /tmp/ref      # every page's full JSON, before a change
    python bench/identical.py --check /tmp/ref      # after it: lists the pages that differ

Every page of the four corpora (aeb, wcxb, clinic, fixtures) is extracted as ``quality.py``
extracts it (raw bytes; plain-text fixtures as text) and ``extract(...).to_dict()`` is
serialised with sorted keys, one JSON line per page, one file per corpus. Exit status 1 when
any page differs or is missing.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
from collections.abc import Sequence
from pathlib import Path

from _corpora import CORPUS_NAMES, Page, load, shared_root
from _extractors import articlekit_module, text_options
from _runner import source_of


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", metavar="DIR", help="write the reference outputs here")
    mode.add_argument("--check", metavar="DIR", help="compare with the outputs written here")
    parser.add_argument("--corpus", default=",".join(CORPUS_NAMES))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--shared", default=None, help="shared data root (or ARTICLEKIT_SHARED)")
    args = parser.parse_args(argv)
    root = Path(args.write or args.check)
    root.mkdir(parents=True, exist_ok=True)
    differing = 0
    total = 0
    with multiprocessing.Pool(args.workers) as pool:
        for corpus in args.corpus.split(","):
            pages = load(corpus, shared_root(args.shared))
            lines = pool.map(_output_line, pages, chunksize=8)
            path = root / f"{corpus}.jsonl"
            total += len(lines)
            if args.write:
                path.write_text("".join(lines), encoding="utf-8")
                continue
            before = path.read_text(encoding="utf-8").splitlines(keepends=True)
            changed = [p.id for p, a, b in zip(pages, lines, before, strict=False) if a != b]
            changed += [p.id for p in pages[len(before) :]]
            differing += len(changed)
            for page_id in changed:
                print(f"{corpus}: {page_id} differs", file=sys.stderr)
    verb = "written" if args.write else f"compared, {differing} differ"
    print(f"{total} pages {verb}")
    return 1 if differing else 0


def _output_line(page: Page) -> str:
    module = articlekit_module()
    assert module is not None
    source = source_of(page)
    try:
        if source.is_text:
            text = source.raw.decode("utf-8", "replace")
            result = module.extract(text, url=source.url, options=text_options(module))
        else:
            result = module.extract(source.raw, url=source.url)
        payload = {"id": page.id, "output": result.to_dict()}
    except Exception as error:  # a failure is an output too
        payload = {"id": page.id, "error": f"{type(error).__name__}: {error}"}
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
