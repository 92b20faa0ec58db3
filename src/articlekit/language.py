"""A tiny stopword guess of a text's language, for pages that do not declare one.

Only the languages clinic sites in our corpora use (en, es, fr, nl, de, pt, it); each
list holds the commonest function words that the other languages do not share.
"""

from __future__ import annotations

import re

_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the and of to is that for with are this you your it be on as can have".split()),
    "es": frozenset("el los las del que y en es por para una con su se al lo como más".split()),
    "fr": frozenset("le les des du et est une pour dans que qui sur au avec pas ce vous".split()),
    "nl": frozenset("de het een en van is dat voor met op zijn niet bij ook je wordt".split()),
    "de": frozenset("der die das und ist nicht mit für auf den dem sich ein eine wird".split()),
    "pt": frozenset("o os as do da dos das que e em um uma para com não se por".split()),
    "it": frozenset("il lo gli della delle che di e è per una con non sono nel alla".split()),
}
# Below this many stopword hits the text is too short to tell.
MIN_HITS = 5
# The winner must have this many times the hits of the runner-up.
MIN_MARGIN = 1.5
_WORD = re.compile(r"[^\W\d_]+")


def guess_language(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or None when the guess is not clear."""
    words = [w.lower() for w in _WORD.findall(text[:20_000])]
    scores = sorted(
        ((sum(w in stop for w in words), code) for code, stop in _STOPWORDS.items()), reverse=True
    )
    (best, code), (second, _) = scores[0], scores[1]
    if best < MIN_HITS or best < MIN_MARGIN * second:
        return None
    return code
