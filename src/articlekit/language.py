"""A tiny stopword guess of a text's language, for pages that do not declare one.

The stopwords of each language are data (rules/languages.toml): the commonest function
words of the language that the others there do not share.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .ruleset import Language, load_rules

# Below this many stopword hits the text is too short to tell.
MIN_HITS = 5
# The winner must have this many times the hits of the runner-up.
MIN_MARGIN = 1.5
_WORD = re.compile(r"[^\W\d_]+")


def guess_language(text: str, languages: Mapping[str, Language] | None = None) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or None when the guess is not clear.

    ``languages`` default to the bundled ones (rules/languages.toml)."""
    if languages is None:
        languages = load_rules().languages
    words = [w.lower() for w in _WORD.findall(text[:20_000])]
    stops = [(code, lang.stopwords) for code, lang in languages.items() if lang.stopwords]
    scores = sorted(((sum(w in stop for w in words), code) for code, stop in stops), reverse=True)
    if len(scores) < 2:
        return None
    (best, code), (second, _) = scores[0], scores[1]
    if best < MIN_HITS or best < MIN_MARGIN * second:
        return None
    return code
