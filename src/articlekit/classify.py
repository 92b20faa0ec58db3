"""Stage 8 — label each section with a category of the taxonomy.

Two passes, in the manner of jusText's paragraph classifier. Pass one scores each
section alone: heading cues decide, body cues (once per sentence, capped) add weight;
a heading no cue claims is labelled from its body (the heading read as its first
statement) only when the body's evidence is concentrated on one topic; a tie between
heading cues goes to the one matching more of the heading; a numbered series under a
heading no cue claims takes the topic that heading names with a series noun ("Three
reasons …", "en tres pasos") or, failing that, its items name alike ("Step 1", "Step 2"),
else the one its parts agree on. Pass two revises
by position and neighbours: a post focused on the topic its title names gives that topic
to the parts nothing claims (when some part no heading claims speaks of it too); the
untitled intro (or, when the article opens with a heading, its first part if no cue
claims it firmly) is an overview; a post without a procedure part has it in its place,
before what follows a procedure (the first unclaimed part there whose body speaks of
it); the last section that restates the title, wraps up in several sentences or whose
heading turns to the reader is a conclusion (never the last item of a numbered series),
and so is a summary heading at the end; a question no cue reads is answered by the one
topic of its body; the numbered series a listicle title counts ("5 signs …") takes the
title's topic, an unlabelled subsection takes its parent's category, the questions
under a FAQ are FAQ.
Every label carries ``confidence`` and ``evidence``: the ids of the rules that fired.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .dom import SENTENCE_BREAK, asks, words
from .model import Block, Section
from .ruleset import Cue, Rules
from .screen import ScreenIndex

# A title names the article's topic only with a full-weight heading cue (a weak cue,
# such as a bare modality name, is no topic).
THEME_MIN_SCORE = 2.0
# The title's topic labels the parts no cue claims only in a post focused on it: one
# whose other headed parts cover at most this many other topics ("Microneedling
# aftercare: the first 72 hours" with a side-effects part). A post whose parts go
# through benefits, side effects, sessions, cost… is a general guide whose title is a
# hook ("Laser tattoo removal: what to expect"); its unclaimed parts are not about that.
THEME_MAX_OTHER_TOPICS = 2
# Body cues count at most this many matching sentences each.
BODY_HITS_CAP = 3
# Below this score nothing is claimed: the section is "other".
MIN_SCORE = 0.8
# A last heading sharing this share of its content words with the title restates it.
RESTATES_TITLE_SHARE = 0.5
# A last heading restating the title overrides its own cues only when it is a claim
# ("Ketamine IV therapy is an effective treatment for depression"), not a topic label
# ("Average cost of Invisalign").
CLAIM_WORDS = 6
# The first part of an article that opens with a heading introduces it, but less surely
# than an untitled intro does.
OPENING_CONFIDENCE = 0.5
_STOP = frozenset(
    (
        "a an the of for and or to in on with from by your our you we is are be it its this that "
        "what how why when who de la le les el los las y et en een het van"
    ).split()
)

# A numbered heading ("3. Lesser risks", "Step 2: …", "Day 1", "Session 2") under a
# labelled parent is one item of the parent's topic, whatever its own words say: what
# makes a heading numbered is data ([[numbered]] in taxonomy.toml, Rules.numbered).
TITLE_TOPIC = "context:title-topic"
_NOT_INHERITED = frozenset({"other", "overview", "faq", "conclusion"})

Scores = dict[str, tuple[float, list[str]]]

# Body cues count statements: sentences, and also list items and blocks (a list of side
# effects is one statement per item even without final punctuation).
STATEMENT_BREAK = re.compile(rf"{SENTENCE_BREAK.pattern}|\n+")


def cues_for(rules: Rules, language: str | None) -> tuple[Cue, ...]:
    """The cues of the page's language (English when it has none of its own)."""
    return rules.cues_for(language)


def classify(
    sections: Iterable[Section], rules: Rules, *, language: str | None, title: str | None
) -> tuple[Section, ...]:
    """Label every section (both passes)."""
    cues = cues_for(rules, language)
    alone = tuple(_label_tree(s, cues, rules) for s in _split_untitled(tuple(sections), cues))
    return _revise(alone, rules, cues, title)


# An article with no headings and at least this many blocks is cut by topic.
# One paragraph holds few cue hits: one clear body cue is enough to give it a topic.
PARAGRAPH_MIN_SCORE = 0.4
MIN_BLOCKS_TO_SPLIT = 4


def _split_untitled(sections: tuple[Section, ...], cues: tuple[Cue, ...]) -> tuple[Section, ...]:
    """An article without headings, cut into runs of consecutive blocks on one topic.

    Each block is scored by the body cues alone; a block no cue claims joins the run
    before it. The runs become untitled sections (ids renumbered).
    """
    if len(sections) != 1 or sections[0].heading is not None or sections[0].subsections:
        return sections
    blocks = sections[0].blocks
    if len(blocks) < MIN_BLOCKS_TO_SPLIT:
        return sections
    runs: list[tuple[str, list[Block]]] = []
    for block in blocks:
        category, _, _ = _decide(score_body(block.text, cues), min_score=PARAGRAPH_MIN_SCORE)
        if runs and (category == "other" or category == runs[-1][0]):
            runs[-1][1].append(block)
        else:
            runs.append((category, [block]))
    if len(runs) < 2:
        return sections
    return tuple(Section(f"s{i}", None, 0, tuple(run)) for i, (_, run) in enumerate(runs, 1))


def score_heading(heading: str, cues: tuple[Cue, ...]) -> Scores:
    return _matches(heading, cues, "heading")[0]


def _matches(heading: str, cues: tuple[Cue, ...], where: str) -> tuple[Scores, dict[str, int]]:
    """The scores of the cues of ``where`` on a heading, and per category the length of
    its longest match (how much of the heading its cues account for: the specificity
    that breaks a tie)."""
    scores: Scores = {}
    spans: dict[str, int] = {}
    indexed = _indexed(cues, where)
    for i, hits in indexed.index.matches(heading).items():
        cue = indexed.cues[i]
        _add(scores, cue.category, cue.weight, cue.id)
        longest = max(m.end() - m.start() for m in hits)
        spans[cue.category] = max(spans.get(cue.category, 0), longest)
    return scores, spans


def score_body(text: str, cues: tuple[Cue, ...]) -> Scores:
    """Body cues, each counted once per sentence it fires in (capped)."""
    scores: Scores = {}
    indexed = _indexed(cues, "body")
    found = indexed.index.matches(text)
    if found:
        starts = _statement_starts(text)
        for i, hits in found.items():
            cue = indexed.cues[i]
            count = len({bisect_right(starts, m.start()) for m in hits})
            _add(scores, cue.category, cue.weight * min(count, BODY_HITS_CAP), cue.id)
    return scores


@dataclass(frozen=True, slots=True, eq=False)
class _Indexed:
    cues: tuple[Cue, ...]
    index: ScreenIndex


def _indexed(cues: tuple[Cue, ...], where: str) -> _Indexed:
    """The cues of ``cues`` that apply ``where``, searched together (one screen for
    all); kept per tuple of cues (``cues_for`` hands out one tuple per language)."""
    key = (id(cues), where)
    kept = _INDEXED.get(key)
    if kept is None or kept[0] is not cues:
        chosen = tuple(c for c in cues if c.where == where)
        if len(_INDEXED) >= _INDEXED_SIZE:
            _INDEXED.clear()  # cue tuples made outside Rules.cues_for would pile up
        kept = _INDEXED[key] = (cues, _Indexed(chosen, ScreenIndex.of(c.pattern for c in chosen)))
    return kept[1]


_INDEXED: dict[tuple[int, str], tuple[tuple[Cue, ...], _Indexed]] = {}
_INDEXED_SIZE = 256


def _statement_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in STATEMENT_BREAK.finditer(text))]


def _add(scores: Scores, category: str, weight: float, rule: str) -> None:
    total, ids = scores.get(category, (0.0, []))
    scores[category] = (total + weight, [*ids, rule])


# A heading that lists this many topics at once, their cues joined by commas or "and"
# ("What it is, how it can help with your pain, and common questions answered"), is a
# table of contents, not a topic: its best cue labels it, but not firmly (so an opening
# part so headed is the overview).
MIXED_HEADING_TOPICS = 3
MIXED_HEADING_CONFIDENCE = 0.5
_LISTING = re.compile(r"[,;]|\s(and|&|y|et|en|und|e|og|i)\s", re.IGNORECASE)


def _label_tree(section: Section, cues: tuple[Cue, ...], rules: Rules) -> Section:
    """Pass one for a section and its subsections: a heading cue decides with the body's
    help; a heading no cue claims is labelled from its body only when that is clear."""
    scores, spans = _matches(section.heading or "", cues, "heading")
    heading_claimed = bool(scores)
    children = tuple(_label_tree(c, cues, rules) for c in section.subsections)
    # a heading no cue claims still speaks of its topic ("Twenty visits over six
    # weeks"): it is read as the first statement of the body
    text = section.text if heading_claimed or not section.heading else f"{section.heading}\n{section.text}"
    body = score_body(text, cues)
    for category, (weight, ids) in body.items():
        for rule in ids:
            _add(scores, category, 0.0, rule)
        total, all_ids = scores[category]
        scores[category] = (total + weight, all_ids)
    if not section.heading:
        min_score = PARAGRAPH_MIN_SCORE
    elif heading_claimed:
        min_score = MIN_SCORE
    elif _body_led(section.heading, text, cues, body, _statement_count(section.text), rules.numbered):
        min_score = BODY_LED_MIN_SCORE
    else:
        min_score = math.inf  # a heading no cue claims, over a body of no clear topic
    category, confidence, evidence = _decide(scores, min_score=min_score, body=body, spans=spans)
    if len(spans) >= MIXED_HEADING_TOPICS and _LISTING.search(section.heading or ""):
        confidence = min(confidence, MIXED_HEADING_CONFIDENCE)  # many topics named: none firmly
    if section.heading and not heading_claimed:
        named = _series_named(section.heading, children, cues, rules.numbered)
        if named is not None:
            category, evidence = named
            confidence = SERIES_NAMED_CONFIDENCE
        elif category == "other":
            series = _series_topic(body, children, cues, rules.numbered)
            if series is not None:
                category, confidence, evidence = series, SERIES_CONFIDENCE, (SERIES_EVIDENCE,)
    fired = frozenset(rule for _, ids in body.values() for rule in ids)
    labelled = replace(section, subsections=children, body_cues=fired)
    return _labelled(labelled, category, confidence, evidence, rules)


# A numbered series ("Five signs not to ignore" over "1. …" to "5. …", "El proceso en
# tres pasos" over "Paso 1 to 3") is one topic told in parts; its items inherit the
# parent's category (pass two). When no cue claims the parent's heading, the parts
# vote: the parent's own body and each numbered item give the category their evidence
# favours (a heading cue's, else their body's clear best). The series takes a category
# that at least SERIES_MIN_VOTES parts give and no other gets even half as many votes
# (items whose words speak of two topics, as symptoms that read as side effects, do
# not decide it). One item's body is short: a single body cue hit is a vote.
SERIES_MIN_ITEMS = 2
SERIES_MIN_VOTES = 2
SERIES_CONFIDENCE = 0.6
SERIES_EVIDENCE = "context:numbered-series"


def _series_topic(
    body: Scores, children: tuple[Section, ...], cues: tuple[Cue, ...], numbered: re.Pattern[str]
) -> str | None:
    """The topic a numbered series' parts agree on, or None."""
    items = _numbered(children, numbered)
    if len(items) < SERIES_MIN_ITEMS:
        return None
    votes: dict[str, int] = {}
    for vote in (_clear_best(body), *(_item_vote(c, cues) for c in items)):
        if vote is not None and vote not in _NOT_INHERITED:
            votes[vote] = votes.get(vote, 0) + 1
    if not votes:
        return None
    ranked = sorted(votes.items(), key=lambda kv: kv[1], reverse=True)
    top, count = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    return top if count >= SERIES_MIN_VOTES and count > 2 * runner_up else None


# The heading over a numbered series names what it lists ("Three reasons it helps
# thinning hair", "Cómo trabajamos, en tres pasos", "5 signalen …"): a "series" cue of
# the taxonomy (reasons → benefits, steps → how_it_works, signs → conditions, …) gives
# the series its topic, before its parts vote and over the parent's body (which often
# only introduces the list). Read only over a series, where the noun is what is listed.
SERIES_NAMED_CONFIDENCE = 0.65


def _series_named(
    heading: str, children: tuple[Section, ...], cues: tuple[Cue, ...], numbered: re.Pattern[str]
) -> tuple[str, tuple[str, ...]] | None:
    """The topic a series cue reads in the heading over a numbered series, and the cues
    that read it; None when there is no series, no such cue, or cues of two topics tie."""
    items = [c.heading or "" for c in _numbered(children, numbered)]
    if len(items) < SERIES_MIN_ITEMS:
        return None
    category, _, evidence = _decide(_matches(heading, cues, "series")[0], min_score=0.0)
    if category == "other":
        category, evidence = _series_items_named(items, cues)
    return None if category == "other" else (category, evidence)


# When the parent heading names nothing listed ("Getting you moving again" over "Step 1:
# …" to "Step 3: …"), the items' own labels may: a "series-item" cue ("Step N", "Paso N",
# …) that names every numbered item gives the series its topic.
def _series_items_named(items: list[str], cues: tuple[Cue, ...]) -> tuple[str, tuple[str, ...]]:
    named = [_decide(_matches(item, cues, "series-item")[0], min_score=0.0) for item in items]
    first = named[0]
    if first[0] == "other" or any(n[0] != first[0] for n in named):
        return "other", ()
    return first[0], first[2]


def _item_vote(item: Section, cues: tuple[Cue, ...]) -> str | None:
    if item.category != "other":
        return item.category
    return _clear_best(score_body(f"{item.heading}\n{item.text}", cues))


def _clear_best(scores: Scores) -> str | None:
    """The category scoring strictly highest, if any."""
    ranked = sorted(((total, category) for category, (total, _) in scores.items()), reverse=True)
    if not ranked or (len(ranked) > 1 and round(ranked[0][0], 6) == round(ranked[1][0], 6)):
        return None
    return ranked[0][1]


# A headed part no heading cue claims is labelled from its body (its heading read as the
# body's first statement) when the body's evidence is concentrated: its best category
# scores at least BODY_LED_MIN_SCORE (two hits of an ordinary body cue) and at least
# BODY_LED_DOMINANCE times the runner-up (a body that talks about several topics evenly
# stays "other"), and fires in at least BODY_LED_STATEMENTS statements (sentences or list
# items; one stray word is no topic; a one-statement body needs that statement) unless
# it is the only topic the body speaks of. On the tuned corpora's headed sections with
# their headings ignored, this labels about a third of them (86 of 279), 84% rightly
# (before topics alone were let through on one statement: 78, 85%); a lower dominance
# (1.5) labels more at a lower precision. A heading cue, when one fires, still decides
# at MIN_SCORE.
BODY_LED_STATEMENTS = 2
BODY_LED_MIN_SCORE = 0.8
BODY_LED_DOMINANCE = 2.0
# Evidence this heavy is no stray word: one statement of it is enough (a quoted
# first-person account, body:patient-testimony; ordinary body cues weigh 0.4 to 0.6 and
# count three statements at most, so they reach it only across several statements).
BODY_LED_DECISIVE = 2.0


def _statement_count(text: str) -> int:
    return len(_statement_starts(text.strip()))


def _body_led(
    heading: str, text: str, cues: tuple[Cue, ...], body: Scores, statements: int, numbered: re.Pattern[str]
) -> bool:
    """Whether a headed part with no heading cue may be labelled from its body (``text``:
    the heading and the body's ``statements``) alone (not an item of a numbered series:
    its topic is the series')."""
    if not body or numbered.match(heading):
        return False
    ranked = sorted((total for total, _ in body.values()), reverse=True)
    top = ranked[0]
    second = ranked[1] if len(ranked) > 1 else 0.0
    if top < BODY_LED_MIN_SCORE or top < BODY_LED_DOMINANCE * second:
        return False
    if len(body) == 1 or top >= BODY_LED_DECISIVE:
        return True  # one topic alone, in two cue hits at least; or one heavy statement
    best = max(body, key=lambda c: body[c][0])
    needed = min(BODY_LED_STATEMENTS, statements)
    return _statements_of(best, text, cues) >= needed


def _statements_of(category: str, text: str, cues: tuple[Cue, ...]) -> int:
    """How many statements of ``text`` a body cue of ``category`` fires in."""
    starts = _statement_starts(text)
    lower = text.lower()
    hit: set[int] = set()
    for cue in cues:
        if cue.where == "body" and cue.category == category:
            hit.update(bisect_right(starts, m.start()) for m in cue.pattern.finditer(text, lower))
    return len(hit)


def _decide(
    scores: Scores,
    *,
    min_score: float = MIN_SCORE,
    body: Scores | None = None,
    spans: dict[str, int] | None = None,
) -> tuple[str, float, tuple[str, ...]]:
    """The best-scoring category, its confidence and evidence; "other" when nothing
    reaches ``min_score``. Equal scores are broken by the body's own evidence (what the
    text says, not how the heading is worded), then by the more specific heading cue:
    the one whose match covers more of the heading ("Na de behandeling": aftercare's
    "na de behandeling" over the procedure's "de behandeling" inside it). A tie that
    remains is split evidence, and claims nothing rather than the category that
    happens to come first."""
    body_scores = body or {}
    matched = spans or {}

    def rank(item: tuple[str, tuple[float, list[str]]]) -> tuple[float, float, int]:
        category, (total, _) = item
        return round(total, 6), round(body_scores.get(category, (0.0, []))[0], 6), matched.get(category, 0)

    ranked = sorted(scores.items(), key=rank, reverse=True)
    if not ranked or ranked[0][1][0] < min_score:
        return "other", 0.3, ()
    if len(ranked) > 1 and rank(ranked[0]) == rank(ranked[1]):
        return "other", 0.3, ()
    top_category, (top, ids) = ranked[0]
    second = ranked[1][1][0] if len(ranked) > 1 else 0.0
    margin = (top - second) / top
    confidence = (1 - math.exp(-top / 2)) * (0.55 + 0.45 * margin)
    return top_category, round(min(confidence, 0.99), 2), tuple(dict.fromkeys(ids))


def _labelled(
    section: Section, category: str, confidence: float, evidence: tuple[str, ...], rules: Rules
) -> Section:
    known = rules.categories.get(category)
    return replace(
        section,
        category=category,
        health_aspect=known.health_aspect if known else None,
        confidence=confidence,
        evidence=evidence,
    )


# --------------------------------------------------------------------- pass two
def _revise(
    sections: tuple[Section, ...], rules: Rules, cues: tuple[Cue, ...], title: str | None
) -> tuple[Section, ...]:
    theme = _theme(title, cues)
    listed = _listed_count(title)
    revised = [
        _title_series(s, theme, rules)
        if theme is not None and len(_numbered(s.subsections, rules.numbered)) == listed
        else s
        for s in _asked(sections, rules)
    ]
    if (
        theme is not None
        and _covers_other_topics(revised, theme) <= THEME_MAX_OTHER_TOPICS
        and _body_bears_out(revised, theme, cues)
    ):
        # parts no cue claims, in an article whose title names one topic, are about it
        revised = [
            _labelled(s, theme, 0.45, (TITLE_TOPIC,), rules)
            if s.heading and s.category == "other" and not s.evidence
            else s
            for s in revised
        ]
    revised = _procedure_slot(revised, rules, cues)
    revised = _before_procedure(revised, cues, rules)
    if revised and revised[0].heading is None and _is_weak(revised[0]):
        revised[0] = _labelled(revised[0], "overview", 0.7, ("position:intro",), rules)
    elif revised and _is_weak(revised[0]) and revised[0].category != "overview":
        # an article opening with a heading: its first part, unless a cue claims it firmly
        revised[0] = _labelled(revised[0], "overview", OPENING_CONFIDENCE, ("position:first",), rules)
    last = _last_headed(revised)
    if last is not None and revised[last].category != "conclusion":
        closing = _closing_evidence(revised[last], cues, title, rules.numbered)
        if closing is not None:
            revised[last] = _labelled(revised[last], "conclusion", 0.75, closing, rules)
    revised = _questions_after_faq(revised, rules)
    revised = _summary_at_end(revised, rules)
    revised = _answered(revised, cues, rules)
    return tuple(_inherit(s, None, rules) for s in revised)


# A part whose subsections are all questions is the post's FAQ, whatever its heading
# says ("Good to know", "Root canal questions", "Resolvemos tus dudas"): of the 51 parts
# so built on the fixtures and clinic-pages-dev, 50 are the FAQ, each found by a heading
# cue added after a batch missed it; the other one's heading is claimed by a cue of its
# topic ("How the appointment works"), which keeps it. At any depth.
FAQ_MIN_QUESTIONS = 2
QUESTIONS_UNDER = "structure:questions-under-it"


def _asked(sections: Iterable[Section], rules: Rules) -> list[Section]:
    return [_faq_by_questions(s, rules) for s in sections]


def _faq_by_questions(section: Section, rules: Rules) -> Section:
    current = replace(section, subsections=tuple(_asked(section.subsections, rules)))
    subs = current.subsections
    if (
        current.heading
        and current.category != "faq"
        and not any(e.startswith("heading:") for e in current.evidence)
        and len(subs) >= FAQ_MIN_QUESTIONS
        and all(asks(c.heading) for c in subs)
    ):
        return _labelled(current, "faq", 0.6, (QUESTIONS_UNDER,), rules)
    return current


# A heading that asks a question no cue reads ("Will my shoes fit?", "Impingement of een
# scheur?", "Is IV hydration allowed before a race?") names its topic only through its
# answer: the body right under it. When every body cue that fires in that answer is of
# one category, the part is about it, even on one statement (a headed part that asks
# nothing needs more: BODY_LED_*). Read after the closing, which a last question
# inviting the reader ("Ready to see your new hairline?") is.
ANSWERED = "context:answered-question"


def _answered(sections: list[Section], cues: tuple[Cue, ...], rules: Rules) -> list[Section]:
    category_of = {c.id: c.category for c in cues}
    return [_answer_topic(s, category_of, rules) for s in sections]


def _answer_topic(section: Section, category_of: dict[str, str], rules: Rules) -> Section:
    if not asks(section.heading) or section.category != "other" or section.evidence:
        return section
    topics = {category_of.get(cue) for cue in section.body_cues} - {None}
    if len(topics) != 1:
        return section
    (topic,) = topics
    return _labelled(section, str(topic), 0.45, (ANSWERED, *sorted(section.body_cues)), rules)


# Before the part that tells how the treatment is done, a post talks about the problem
# it treats, not about what the treatment does to you: on the labelled pages no part
# before the procedure is about side effects or risks, and thirty are about the
# condition ("More than a cosmetic problem", "What's going on inside your spine", "Who
# books a Myers'"). There, the body's words of pain, swelling or harm describe the
# condition: a part no heading cue claims that the body reads as side effects or risks,
# or that says nothing clearer than such words, is about the condition treated.
BEFORE_PROCEDURE = "position:before-procedure"
_SYMPTOM_TALK = frozenset({"side_effects", "risks", "conditions"})


def _before_procedure(sections: list[Section], cues: tuple[Cue, ...], rules: Rules) -> list[Section]:
    procedure = next((i for i, s in enumerate(sections) if s.category == "how_it_works"), None)
    if procedure is None:
        return sections
    category_of = {c.id: c.category for c in cues}
    return [
        _labelled(s, "conditions", 0.5, (BEFORE_PROCEDURE,), rules)
        if i < procedure and _symptom_talk(s, category_of)
        else s
        for i, s in enumerate(sections)
    ]


# The procedure's place. A clinic post goes from the problem (overview, conditions) to how
# the treatment is done, and only then to what follows it: effects, risks, aftercare,
# results, schedule, cost, questions, the closing. A post in which no part is the
# procedure has it among the parts no cue claims before the first of those; the first of
# them (when one is there) whose body speaks of the procedure at all (one statement of a how-it-works body
# cue, too little to label a part on its own: BODY_LED_*) is it ('Le principe',
# 'Your time on the table', 'Law of Similars'). Without the body's word no part is taken:
# the first unclaimed part is as often the condition or a comparison.
_AFTER_PROCEDURE = frozenset(
    {"side_effects", "risks", "safety", "recovery", "response", "usage", "cost", "faq", "conclusion"}
)
PROCEDURE_SLOT = "position:procedure-slot"


def _procedure_slot(sections: list[Section], rules: Rules, cues: tuple[Cue, ...]) -> list[Section]:
    if any(s.category == "how_it_works" for s in sections):
        return sections
    procedure_cues = {c.id for c in cues if c.category == "how_it_works"}
    end = next((i for i, s in enumerate(sections) if s.category in _AFTER_PROCEDURE), None)
    if end is None:
        return sections  # nothing follows: no place is marked out
    chosen = next(
        (i for i in range(1, end) if _unclaimed(sections[i]) and sections[i].body_cues & procedure_cues), None
    )
    if chosen is None:
        return sections
    evidence = (PROCEDURE_SLOT, *sorted(sections[chosen].body_cues & procedure_cues))
    return [
        _labelled(s, "how_it_works", 0.45, evidence, rules) if i == chosen else s
        for i, s in enumerate(sections)
    ]


def _unclaimed(section: Section) -> bool:
    """A headed part that no cue claims (nothing in its heading, too little in its body)."""
    return bool(section.heading) and section.category == "other" and not section.evidence


def _symptom_talk(section: Section, category_of: dict[str, str]) -> bool:
    """Whether a part no heading cue claims speaks only of symptoms or harm."""
    if not section.heading or any(
        e.startswith(("heading:", "series:", "context:")) for e in section.evidence
    ):
        return False
    if section.category not in ("other", "side_effects", "risks"):
        return False
    talk = {category_of.get(cue) for cue in section.body_cues}
    return bool(talk) and talk <= _SYMPTOM_TALK and bool(talk & {"side_effects", "risks"})


# A listicle's title counts its list ("5 signs it's time to see a chiropractor"): a
# numbered series of that many items, under a heading no cue claims, is that list, and
# takes the title's topic when the title names one.
_LISTED_COUNT = re.compile(r"(?<![\d.,:])\b(\d{1,2})\b(?![\d.,:%])")
TITLE_SERIES = "context:title-series"


def _listed_count(title: str | None) -> int | None:
    """The number a title counts its list with ("7 benefits of …"), if one."""
    found = _LISTED_COUNT.search(title or "")
    return int(found.group(1)) if found else None


def _numbered(children: tuple[Section, ...], numbered: re.Pattern[str]) -> list[Section]:
    """The items of a numbered series among a part's subsections: those a [[numbered]]
    pattern reads, and those that open with the same word and a number as another
    ('Afspraak 1: intake', 'Afspraak 2 tot en met 5', 'Visit 3'): a count in a word no
    pattern knows, in any language."""
    counted = [_counted_word(c.heading or "") for c in children]
    repeated = {w for w in counted if w is not None and counted.count(w) >= SERIES_MIN_ITEMS}
    return [
        c for c, w in zip(children, counted, strict=True) if numbered.match(c.heading or "") or w in repeated
    ]


# A heading that opens with a word and a number ("Afspraak 2", "Visit 3: …", "Level 1").
_COUNTED = re.compile(r"^\W*([^\W\d_]{2,})\s+\d{1,2}\b")


def _counted_word(heading: str) -> str | None:
    found = _COUNTED.match(heading)
    return found.group(1).lower() if found else None


def _title_series(section: Section, theme: str, rules: Rules) -> Section:
    if not section.heading or section.category != "other" or section.evidence:
        return section
    if len(_numbered(section.subsections, rules.numbered)) < SERIES_MIN_ITEMS:
        return section
    return _labelled(section, theme, SERIES_CONFIDENCE, (TITLE_SERIES,), rules)


def _theme(title: str | None, cues: tuple[Cue, ...]) -> str | None:
    """The topic the title announces ("… aftercare: what to expect"), if it names one."""
    if not title:
        return None
    category, _, _ = _decide(score_heading(title, cues), min_score=THEME_MIN_SCORE)
    return None if category in _NOT_INHERITED else category


def _body_bears_out(sections: Iterable[Section], theme: str, cues: tuple[Cue, ...]) -> bool:
    """Whether the text, not only the title, is about the title's topic: a body cue of it
    fires in some headed part that no heading cue claims. A title that is a hook ("How
    HydraFacial helps acne-prone skin", "Botox: what to expect") names a topic the
    parts its headings leave unclaimed are often not about; a post focused on its title's
    topic says so in those parts too ("Why the change?" under a pricing update speaks
    of fees; "Days two and three" under an aftercare title, of aftercare)."""
    theme_cues = frozenset(c.id for c in cues if c.where == "body" and c.category == theme)
    return any(
        s.heading and s.body_cues & theme_cues and not any(e.startswith("heading:") for e in s.evidence)
        for s in sections
    )


def _covers_other_topics(sections: Iterable[Section], theme: str) -> int:
    """How many topics other than the title's the cues gave headed parts of their own."""
    return len({s.category for s in sections if s.heading and s.evidence} - _NOT_INHERITED - {theme})


# The last part of a post, when no cue claims it and it heads no numbered series, is its
# closing when its heading turns to the reader: asks them a question ("Ready for
# smoother skin?", "Not sure? Let's take a look together") or speaks to them ("Keep your
# smile complete", "See you at the finish line") — the "closing" cues of the taxonomy,
# in every language. Without that the last unclaimed part is as often the page's own
# furniture on real clinic pages ("About", "Professional Education") or a last piece of
# advice ("Keeping active between visits").
LAST_UNCLAIMED = "position:last-unclaimed"


def _closing_evidence(
    section: Section, cues: tuple[Cue, ...], title: str | None, numbered: re.Pattern[str]
) -> tuple[str, ...] | None:
    """Why the last section is the conclusion: it restates the title, or (when nothing
    else claims it) it wraps up the post. The heading counts as one of the statements a
    wrap-up cue is counted in ("Take the first step toward feeling better")."""
    heading = section.heading or ""
    if numbered.match(heading) or _numbered(section.subsections, numbered):
        return None  # the last item of a numbered series, or its parent: not a closing
    if title and _restates(heading, title) and (_is_weak(section) or len(heading.split()) >= CLAIM_WORDS):
        return ("position:restates-title",)
    if not _is_weak(section):
        return None
    text = f"{heading}\n{section.text}" if heading else section.text
    sentences = _statement_starts(text)
    # a part the title's topic claims needs one wrap-up statement more than an unclaimed one
    extra = 1 if TITLE_TOPIC in section.evidence else 0
    fired = tuple(
        c.id
        for c in cues
        if c.where == "last" and _sentences_hit(c, text, sentences) >= c.min_sentences + extra
    )
    if fired:
        return ("position:last", *fired)
    if section.category != "other" or section.evidence:
        return None
    turned = tuple(c.id for c in cues if c.where == "closing" and c.pattern.search(heading))
    return (LAST_UNCLAIMED, *turned) if turned else None


# A FAQ whose heading and questions are all pseudo-headings (level 0: a section title
# in a div, the questions in accordion buttons, as Tilda's T585 record writes them) has
# no rank to nest the questions under it: they follow it as its siblings. The questions
# right after such a FAQ heading are its entries, whatever their words say ("Est-ce que
# ça fait mal ?" read as side effects), up to the first part that asks nothing. At any depth.
FAQ_SIBLING_QUESTION = "context:faq-question-after"


def _questions_after_faq(sections: list[Section], rules: Rules) -> list[Section]:
    revised = [
        replace(s, subsections=tuple(_questions_after_faq(list(s.subsections), rules)))
        if s.subsections
        else s
        for s in sections
    ]
    in_faq = False
    for index, section in enumerate(revised):
        question = asks(section.heading)
        if in_faq and section.level == 0 and question and not section.subsections:
            if section.category != "faq":
                revised[index] = _labelled(section, "faq", 0.6, (FAQ_SIBLING_QUESTION,), rules)
            continue
        in_faq = section.category == "faq" and section.level == 0 and bool(section.heading) and not question
    return revised


# A heading that names a summary ("The short version", "At a glance", "In a nutshell")
# introduces the post at its start (overview) and sums it up at its end: the last part,
# or the last before the FAQ that posts often append after their closing, so headed and
# read as an overview is the closing (not when it is the post's first part or second).
LAST_SUMMARY = "position:last-summary"


def _summary_at_end(sections: list[Section], rules: Rules) -> list[Section]:
    index = len(sections) - 1
    if index >= 0 and sections[index].category == "faq":
        index -= 1
    if index < 2:
        return sections
    last = sections[index]
    if last.category != "overview" or not any(e.startswith("heading:") for e in last.evidence):
        return sections
    return [
        *sections[:index],
        _labelled(last, "conclusion", 0.6, (LAST_SUMMARY,), rules),
        *sections[index + 1 :],
    ]


def _sentences_hit(cue: Cue, text: str, sentence_starts: list[int]) -> int:
    return len({bisect_right(sentence_starts, m.start()) for m in cue.pattern.finditer(text)})


def _is_weak(section: Section) -> bool:
    return section.category in ("other", "overview") or section.confidence < 0.6


def _last_headed(sections: list[Section]) -> int | None:
    if len(sections) < 3:
        return None
    index = len(sections) - 1
    return index if sections[index].heading else None


def _restates(heading: str, title: str) -> bool:
    words = _content_words(heading)
    if len(words) < 2:
        return False
    return len(words & _content_words(title)) >= RESTATES_TITLE_SHARE * len(words)


def _content_words(text: str) -> set[str]:
    return {w for w in words(text.lower()) if w not in _STOP and len(w) > 1}


def _is_question(section: Section) -> bool:
    """A FAQ entry: a question, or an unlabelled item under the FAQ heading."""
    if asks(section.heading) or section.category == "other":
        return True
    return section.level == 0 and not section.evidence


def _inherit(section: Section, parent: Section | None, rules: Rules) -> Section:
    current = section
    if parent is not None:
        if parent.category == "faq" and current.category != "faq" and _is_question(current):
            current = _labelled(
                current,
                "faq",
                max(parent.confidence - 0.1, 0.4),
                (*current.evidence, "context:faq-question"),
                rules,
            )
        elif (
            current in _numbered(parent.subsections, rules.numbered) and parent.category not in _NOT_INHERITED
        ):
            current = _labelled(
                current,
                parent.category,
                max(parent.confidence - 0.1, 0.4),
                ("context:numbered-item-of-parent",),
                rules,
            )
        elif current.category == "other" and parent.category != "other":
            current = _labelled(
                current, parent.category, max(parent.confidence - 0.2, 0.3), ("context:parent",), rules
            )
    children = tuple(_inherit(c, current, rules) for c in current.subsections)
    return replace(current, subsections=children)
