"""Golden fixtures: fixtures/pages/<slug>/{page.html|page.txt, labels.json, expected.json}.

``expected.json`` is articlekit's output, normalised (XPaths and the file path dropped,
confidences rounded), so a change of behaviour shows as a readable JSON diff. Run
``python tests/golden.py`` to regenerate every expected.json after a deliberate change,
and review the diff before committing it.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "pages"


@dataclass(frozen=True)
class Case:
    slug: str
    page: Path
    labels: dict[str, Any]

    @property
    def expected_path(self) -> Path:
        return self.page.parent / "expected.json"


def cases() -> list[Case]:
    found = []
    for folder in sorted(FIXTURES.iterdir()):
        page = next((folder / n for n in ("page.html", "page.txt") if (folder / n).exists()), None)
        labels = folder / "labels.json"
        if page is not None and labels.exists():
            found.append(Case(folder.name, page, json.loads(labels.read_text("utf-8"))))
    return found


def run(case: Case) -> dict[str, Any]:
    import articlekit

    return articlekit.extract_file(case.page, url=case.labels.get("url")).to_dict()


def normalised(record: dict[str, Any]) -> dict[str, Any]:
    """The record without what changes for reasons unrelated to behaviour."""
    out = json.loads(json.dumps(record))
    out["source"]["path"] = None
    _strip(out)
    return out


def _strip(node: Any) -> None:
    if isinstance(node, dict):
        node.pop("path", None)
        for key, value in node.items():
            if key == "confidence" and isinstance(value, float):
                node[key] = round(value, 1)
            else:
                _strip(value)
    elif isinstance(node, list):
        for item in node:
            _strip(item)


def norm_text(text: str) -> str:
    """Lowercase, punctuation dropped, whitespace collapsed (the labels' matching rule)."""
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", text.lower())).strip()


def regenerate() -> None:
    for case in cases():
        data = normalised(run(case))
        case.expected_path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")
        print(f"wrote {case.expected_path.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    regenerate()
