"""Every rule in rules/*.toml runs its own examples; user rule files merge by id."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from lxml import html
from lxml.cssselect import CSSSelector

import articlekit
from articlekit.aspects import enumeration
from articlekit.classify import MIN_SCORE, _decide, cues_for, score_heading
from articlekit.dom import name_parts
from articlekit.matcher import BoilerplateMatcher
from articlekit.ruleset import Tokens, load_rules, raw_rule_tables

RULES = load_rules()
TABLES = raw_rule_tables()


def _entries(table: str) -> list[dict[str, Any]]:
    return TABLES.get(table, [])


@pytest.mark.parametrize("entry", _entries("container"), ids=lambda e: e["id"])
def test_container_examples_match(entry: dict[str, Any]) -> None:
    rule = next(r for r in RULES.containers if r.id == entry["id"])
    for example in entry["examples"]:
        root = html.document_fromstring(f"<html><body>{example}</body></html>")
        assert BoilerplateMatcher.for_page(root, RULES).containers(rule), example


@pytest.mark.parametrize("entry", _entries("block"), ids=lambda e: e["id"])
def test_block_examples_match(entry: dict[str, Any]) -> None:
    for example in entry["examples"]:
        root = html.document_fromstring(f"<html><body>{example}</body></html>")
        target = root.find("body")[0]
        rule = BoilerplateMatcher.for_page(root, RULES).rule_for(target)
        assert rule is not None and rule.id == entry["id"], example
    for counter in entry.get("counter_examples", []):
        root = html.document_fromstring(f"<html><body>{counter}</body></html>")
        matcher = BoilerplateMatcher.for_page(root, RULES)
        hits = [rule.id for el in root.find("body").iter() if (rule := matcher.rule_for(el)) is not None]
        assert entry["id"] not in hits, counter


def test_a_rule_exception_passes_the_name_on_to_a_later_rule(tmp_path: Path) -> None:
    """An exception only takes its rule out: a later rule naming the same element still
    matches it, and the answer stays right for the name on other tags (memoised per name)."""
    extra = tmp_path / "mine.toml"
    extra.write_text(
        '[[block]]\nid = "z-promo-headers"\nkind = "promotion"\ntokens = ["promo-header"]\nreason = "ours"\n'
    )
    rules = load_rules([extra])
    page = '<div class="promo-header">A</div><h2 class="promo-header">B</h2><h2 class="site-header">C</h2>'
    root = html.document_fromstring(f"<html><body>{page}</body></html>")
    matcher = BoilerplateMatcher.for_page(root, rules)
    div, h2, other = root.find("body")
    assert matcher.rule_for(div).id == "header-tokens"  # type: ignore[union-attr]
    assert matcher.rule_for(h2).id == "z-promo-headers"  # type: ignore[union-attr]
    assert matcher.rule_for(other) is None


def test_attribute_holding_selectors_match_as_their_css_does(tmp_path: Path) -> None:
    """Selectors "[attr*='text']" are tested in the matcher's pass, not run as CSS: they
    match the elements the CSS matches, on their tag only when named, and a tag the
    rule excepts not at all."""
    css = "[data-x*='band'], p[data-y*='Promo'], [data-z*='skip']"
    extra = tmp_path / "mine.toml"
    extra.write_text(
        f'[[block]]\nid = "z-held"\nkind = "promotion"\ncss = "{css}"\n'
        'except_tags = ["section"]\nreason = "ours"\n'
    )
    rules = load_rules([extra])
    assert next(r for r in rules.blocks if r.id == "z-held").selector is None
    page = (
        '<div data-x="a banded box">A</div><p data-y="Promo line">B</p><div data-y="Promo">C</div>'
        '<p data-y="promo">D</p><section data-z="to skip">E</section><div data-z="skip">F</div>'
    )
    root = html.document_fromstring(f"<html><body>{page}</body></html>")
    matcher = BoilerplateMatcher.for_page(root, rules)
    held = [el for el in root.find("body") if (r := matcher.rule_for(el)) is not None and r.id == "z-held"]
    by_css = [el for el in CSSSelector(css)(root) if el.tag != "section"]
    assert held == by_css == [root.find("body")[i] for i in (0, 1, 5)]


@pytest.mark.parametrize(
    "entry",
    _entries("promo")
    + _entries("teaser_heading")
    + _entries("teaser_label")
    + _entries("noise")
    + _entries("link_label")
    + _entries("price")
    + _entries("review_summary")
    + _entries("page_path"),
    ids=lambda e: e["id"],
)
def test_pattern_examples_match(entry: dict[str, Any]) -> None:
    rules = [
        *RULES.promos.rules,
        *RULES.teaser_headings.rules,
        *RULES.teaser_labels.rules,
        *RULES.noise.rules,
        *RULES.link_labels.rules,
        *RULES.prices.rules,
        *RULES.review_summaries.rules,
        *RULES.page_paths.rules,
    ]
    rule = next(r for r in rules if r.id == entry["id"])
    for example in entry["examples"]:
        assert rule.pattern.search(example), example
    for counter in entry.get("counter_examples", []):
        assert not rule.pattern.search(counter), counter


@pytest.mark.parametrize("entry", _entries("cue"), ids=lambda e: e["id"])
def test_cue_examples(entry: dict[str, Any]) -> None:
    cue = next(c for c in RULES.cues if c.id == entry["id"])
    language = sorted(cue.languages)[0]
    cues = cues_for(RULES, None if language == "any" else language)
    for example in entry["examples"]:
        assert cue.pattern.search(example), example
        if cue.where == "heading" and cue.weight >= MIN_SCORE:  # a lighter cue needs the body's help
            assert _decide(score_heading(example, cues))[0] == cue.category, example
    for counter in entry.get("counter_examples", []):
        if cue.where in ("series", "series-item", "body", "closing"):  # read only in their place
            assert not cue.pattern.search(counter), counter
        else:
            assert _decide(score_heading(counter, cues))[0] != cue.category, counter


def test_every_rule_has_a_reason() -> None:
    for table, entries in TABLES.items():
        for entry in entries:
            assert entry.get("reason"), f"{table} {entry['id']} has no reason"


def test_a_user_taxonomy_adds_a_category_and_overrides_a_cue(tmp_path: Path) -> None:
    extra = tmp_path / "mine.toml"
    extra.write_text(
        '[categories]\nnutrition = { label = "Nutrition" }\n\n'
        '[[cue]]\nid = "heading:nutrition"\ncategory = "nutrition"\nlang = "en"\nwhere = "heading"\n'
        "pattern = '\\b(diet|nutrition|foods?)\\b'\nweight = 3.0\nreason = \"ours\"\n"
    )
    page = (
        "Eating for healthy gums\nGood food matters for your gums and teeth every day.\n"
        "Foods to enjoy\nCrunchy vegetables clean teeth and feed the gums well."
    )
    article = articlekit.extract(page, options=articlekit.Options(rules=(extra,)))
    assert [s.category for s in article.sections][-1] == "nutrition"
    assert "nutrition" in article.aspects


def test_a_malformed_rules_file_is_a_rules_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[[cue]]\nid = 'x'\ncategory = 'nowhere'\nwhere = 'heading'\npattern = 'a'\nweight = 1\n")
    with pytest.raises(articlekit.RulesError):
        articlekit.extract(
            "Title\nSome text here that is long enough.", options=articlekit.Options(rules=(bad,))
        )


@pytest.mark.parametrize("entry", _entries("language"), ids=lambda e: e["id"])
def test_language_examples_list_their_items(entry: dict[str, Any]) -> None:
    assert entry["stopwords"], "every language needs stopwords for the language guess"
    for example in entry.get("examples", []):
        assert len(enumeration(example, RULES.enumerations_for(entry["id"]))) >= 3, example


def test_a_language_is_added_with_data_alone(tmp_path: Path) -> None:
    extra = tmp_path / "de.toml"
    extra.write_text(
        '[[language]]\nid = "de"\nstopwords = ["der", "die", "und"]\n'
        'list_intro = ["wie zum Beispiel"]\nconjunctions = ["und", "oder"]\n',
        encoding="utf-8",
    )
    sentence = "Nebenwirkungen wie zum Beispiel Rötung, Schwellung und Juckreiz sind selten."
    assert enumeration(sentence, RULES.enumerations_for("de")) == []
    rules = load_rules([extra])
    items = enumeration(sentence, rules.enumerations_for("de"))
    assert items == ["Rötung", "Schwellung", "Juckreiz sind selten"]


def test_a_conjunction_of_one_language_does_not_cut_items_of_another() -> None:
    sentence = "Patients may notice loss of appetite, nausea, and dizziness."
    assert enumeration(sentence, RULES.enumerations_for("en")) == ["loss of appetite", "nausea", "dizziness"]


def _page(title: str, parts: list[tuple[str, str]]) -> str:
    body = "".join(f"<h2>{h}</h2><p>{t}</p>" for h, t in parts)
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>An introduction to the treatment that our clinic offers to patients.</p>{body}"
        "</article></body></html>"
    )


def test_the_title_topic_labels_unclaimed_parts_only_when_the_body_bears_it_out() -> None:
    hook = _page(
        "How HydraFacial helps acne-prone skin",
        [
            ("A morning at the studio", "We sit you down, put on some music and chat about your week."),
            ("Afterward", "Wear sunscreen. Keep your hands off your face for the day."),
        ],
    )
    labelled = {s.heading: s.category for s in articlekit.extract(hook).sections}
    assert labelled["A morning at the studio"] != "benefits"
    focused = _page(
        "Microneedling aftercare: the first 72 hours",
        [
            ("The first evening", "Leave the skin alone and sleep on a clean pillowcase."),
            ("Days two and three", "Aftercare matters: use a gentle cleanser, no makeup."),
        ],
    )
    labelled = {s.heading: s.category for s in articlekit.extract(focused).sections}
    assert labelled["The first evening"] == "recovery"


def _series_page(title: str, parent: str, items: list[tuple[str, str]]) -> str:
    series = "".join(f"<h3>{h}</h3><p>{t}</p>" for h, t in items)
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>An introduction to the treatment that our clinic offers to patients.</p>"
        f"<h2>{parent}</h2><p>Here is how it goes.</p>{series}"
        "<h2>Price list</h2><p>A session costs $90.</p></article></body></html>"
    )


def _flat(page: str) -> dict[str | None, str]:
    return {s.heading: s.category for top in articlekit.extract(page).sections for s in top.walk()}


def test_a_numbered_series_under_an_unclaimed_heading_takes_the_topic_its_parts_agree_on() -> None:
    agreed = _series_page(
        "Clear aligners for adults",
        "Our way, in three parts",
        [
            ("Paso 1: a scan", "We take a digital scan of your teeth. The scan takes ten minutes."),
            ("Paso 2: a plan", "A calm morning at the studio."),
            ("Paso 3: the fitting", "The dentist places small attachments. The visit takes an hour."),
        ],
    )
    labelled = _flat(agreed)
    assert labelled["Our way, in three parts"] == "how_it_works"
    assert labelled["Paso 2: a plan"] == "how_it_works"
    split = _series_page(
        "Chiropractic care for adults",
        "Our way, in two parts",
        [
            ("1. The first", "Headaches and nausea are common."),
            ("2. The second", "Insurance covers most of it."),
        ],
    )
    assert _flat(split)["Our way, in two parts"] == "other"


def test_the_heading_over_a_numbered_series_names_what_it_lists() -> None:
    thin = [("1. Quiet", "A calm morning."), ("2. Quick", "An hour."), ("3. Close", "Near the station.")]
    labelled = _flat(_series_page("Clear aligners for adults", "Three reasons it is popular", thin))
    assert labelled["Three reasons it is popular"] == "benefits"
    assert labelled["2. Quick"] == "benefits"
    spanish = _series_page("Férulas", "Cómo trabajamos, en tres pasos", thin).replace(
        "<html>", '<html lang="es">'
    )
    assert _flat(spanish)["Cómo trabajamos, en tres pasos"] == "how_it_works"
    # not a series: the noun alone is no cue
    single = _series_page("Clear aligners for adults", "Three reasons it is popular", thin[:1])
    assert _flat(single)["Three reasons it is popular"] == "other"


def test_a_listicle_title_gives_its_topic_to_the_series_it_counts() -> None:
    page = _series_page(
        "3 signs you need physical therapy",
        "Do not ignore these",
        [("1. Stiffness", "Every morning."), ("2. Swelling", "Often."), ("3. Clicking", "Now and then.")],
    )
    labelled = _flat(page)
    assert labelled["Do not ignore these"] == "conditions"
    assert labelled["3. Clicking"] == "conditions"
    other_count = page.replace("3 signs", "4 signs")
    assert _flat(other_count)["Do not ignore these"] == "other"


def test_a_day_and_week_timeline_is_a_numbered_series_of_aftercare() -> None:
    timeline = [
        ("Days 1 to 7", "Six times a day, lift gently."),
        ("Week 2", "Keep going four times a day."),
        ("Week 3", "Taper off over the week."),
    ]
    labelled = _flat(_series_page("Tongue-tie release for babies", "Stretches: why they matter", timeline))
    assert labelled["Stretches: why they matter"] == "recovery"
    assert labelled["Week 3"] == "recovery"


def test_a_series_of_numbered_sessions_is_the_procedure_told_in_order() -> None:
    sessions = [
        ("Session 1: the foundation", "A light first layer."),
        ("Session 2: density", "Darker, closer dots."),
        ("Session 3: refining", "Small touches."),
    ]
    labelled = _flat(_series_page("Scalp micropigmentation", "Three visits, each a bit darker", sessions))
    assert labelled["Three visits, each a bit darker"] == "how_it_works"
    assert labelled["Session 3: refining"] == "how_it_works"


def test_a_bare_afterwards_heading_is_aftercare_only_when_the_body_gives_care() -> None:
    def page(body: str) -> str:
        return (
            "<html><head><title>Laser resurfacing</title></head><body><article><h1>Laser resurfacing</h1>"
            "<p>An introduction to the treatment that our clinic offers to patients.</p>"
            "<h2>Price list</h2><p>A visit costs $90.</p>"
            f"<h2>Afterwards</h2><p>{body}</p>"
            "<h2>What happens at the appointment</h2><p>We numb the skin and treat it.</p>"
            "</article></body></html>"
        )

    assert _flat(page("Keep the area dry and do not scratch the scabs."))["Afterwards"] == "recovery"
    assert _flat(page("We send a short report to your doctor."))["Afterwards"] == "other"


def _closing_page(last: str, items: tuple[tuple[str, str], ...] = ()) -> str:
    series = "".join(f"<h3>{h}</h3><p>{t}</p>" for h, t in items)
    return (
        "<html><head><title>Tooth extraction</title></head><body><article><h1>Tooth extraction</h1>"
        "<p>An introduction to the treatment that our clinic offers to patients.</p>"
        "<h2>Price list</h2><p>A visit costs $90.</p>"
        "<h2>What happens at the appointment</h2><p>We numb the tooth and lift it out.</p>"
        f"<h2>{last}</h2><p>Bring your questions and we will look together.</p>{series}"
        "</article></body></html>"
    )


def test_a_last_part_nothing_claims_closes_the_post_when_it_asks_the_reader() -> None:
    closing = "Not sure? Let us take a look together"
    assert _flat(_closing_page(closing))[closing] == "conclusion"
    assert _flat(_closing_page("Professional education"))["Professional education"] == "other"


def test_the_parent_of_a_numbered_series_is_no_closing() -> None:
    items = (
        ("1. A bad taste", "It stays."),
        ("2. An empty socket", "It looks empty."),
        ("3. Pain", "It grows."),
    )
    labelled = _flat(_closing_page("Is it a dry socket?", items))
    assert labelled["Is it a dry socket?"] != "conclusion"
    assert labelled["3. Pain"] != "conclusion"


def test_symptom_talk_before_the_procedure_is_the_condition_treated() -> None:
    symptoms = (
        "Red cheeks and visible veins",
        "Flushing, swelling and redness come and go. Redness lingers.",
    )
    procedure = ("How the treatment works", "A light pulse heats the small vessels and closes them.")
    before = _flat(_page("IPL for rosacea", [symptoms, procedure]))
    assert before["Red cheeks and visible veins"] == "conditions"
    after = _flat(_page("IPL for rosacea", [procedure, symptoms]))
    assert after["Red cheeks and visible veins"] != "conditions"


def test_a_heading_cue_tie_goes_to_the_cue_covering_more_of_the_heading() -> None:
    cues = cues_for(RULES, "nl")
    scores = score_heading("Na de behandeling", cues)
    assert scores["recovery"][0] == scores["how_it_works"][0]  # a tie by weight
    page = _page("Rosacea en IPL", [("Na de behandeling", "Een paar dagen rust.")])
    page = page.replace("<html>", '<html lang="nl">')
    assert _flat(page)["Na de behandeling"] == "recovery"


def test_a_quoted_first_person_account_labels_a_part_no_heading_claims() -> None:
    page = _page(
        "Chiropractic care for back pain",
        [
            (
                "Real people, real relief",
                "“I had headaches four days a week for years. Now I get one a month,” says Tom. "
                "We see that often, and it still makes our week.",
            )
        ],
    )
    assert _flat(page)["Real people, real relief"] == "response"


@pytest.mark.parametrize(
    ("name", "held"),
    [
        ("related-posts", True),
        ("cmp-accordion__header", True),  # a BEM double separator counts as one
        ("wp-block-accordion-header-inner", True),
        ("accordionheader", False),  # a token is whole parts, not a substring
        ("header-accordion", False),  # ... in its own order
        ("x_related", True),
        ("unrelated", False),
        ("", False),
    ],
)
def test_tokens_are_whole_parts_of_a_name(name: str, held: bool) -> None:
    tokens = Tokens.of(["related", "accordion-header"])
    assert tokens.held_by(name) is held


@pytest.mark.parametrize("entry", _entries("numbered"), ids=lambda e: e["id"])
def test_numbered_examples(entry: dict[str, Any]) -> None:
    pattern = re.compile(entry["pattern"], re.IGNORECASE)
    for example in entry["examples"]:
        assert pattern.match(example), example
        assert RULES.numbered.match(example), example
    for counter in entry.get("counter_examples", []):
        assert not pattern.match(counter), counter


def test_a_question_no_cue_reads_is_answered_by_the_one_topic_of_its_body() -> None:
    procedure = ("How the treatment works", "A light pulse heats the small vessels and closes them.")
    cost = ("Price list", "A session costs $90.")
    shoes = ("Will my shoes fit?", "Nine in ten wear ordinary shoes again.")
    labelled = _flat(_page("Bunion surgery", [procedure, shoes, cost]))
    assert labelled["Will my shoes fit?"] == "response"
    # the same words as a statement need more than one statement of evidence
    statement = ("Shoes that fit", shoes[1])
    assert _flat(_page("Bunion surgery", [procedure, statement, cost]))["Shoes that fit"] == "other"
    # an answer that speaks of two topics names none
    mixed = ("Will my shoes fit?", "Nine in ten patients wear ordinary shoes; a pair costs $90.")
    assert _flat(_page("Bunion surgery", [procedure, mixed, cost]))["Will my shoes fit?"] == "other"


def test_the_procedure_is_found_in_its_place_when_no_part_is_it() -> None:
    table = ("Your time on the table", "We numb the skin first. Then you rest and listen to music.")
    cost = ("Price list", "A session costs $90.")
    labelled = _flat(_page("Spinal decompression", [table, cost]))
    assert labelled["Your time on the table"] == "how_it_works"
    # after the parts that follow the procedure, the same part is not its place
    assert _flat(_page("Spinal decompression", [cost, table]))["Your time on the table"] == "other"
    # nor when the post already has its procedure part
    procedure = ("How the treatment works", "A light pulse heats the small vessels and closes them.")
    assert _flat(_page("Spinal decompression", [procedure, table, cost]))["Your time on the table"] == "other"
    # nor a part whose body says nothing of the procedure
    quiet = ("Your time on the table", "You rest and listen to music.")
    assert _flat(_page("Spinal decompression", [quiet, cost]))["Your time on the table"] == "other"


def test_items_counted_in_a_word_no_pattern_knows_are_a_numbered_series() -> None:
    items = [
        ("Afspraak 1: intake", "It costs $90. Insurance pays part of the price."),
        ("Afspraak 2: de oefeningen", "It costs $90. Insurance pays part of the price."),
    ]
    page = _series_page("Knee care", "Aftercare at home", items)
    labelled = _flat(page)
    assert labelled["Aftercare at home"] == "recovery"
    assert labelled["Afspraak 1: intake"] == "recovery"  # an item of the parent's topic
    # a word and a number once is no series: the part is read for itself
    single = _flat(_series_page("Knee care", "Aftercare at home", items[:1]))
    assert single["Afspraak 1: intake"] == "cost"


def test_a_summary_heading_at_the_end_is_the_closing() -> None:
    procedure = ("How the treatment works", "A light pulse heats the small vessels and closes them.")
    cost = ("Price list", "A session costs $90.")
    summary = ("The short version", "Three sessions, little downtime, and most people are glad they came.")
    faq = ("Frequently asked questions", "Ask us anything at the front desk.")
    at_end = _flat(_page("IPL for rosacea", [procedure, cost, summary, faq]))
    assert at_end["The short version"] == "conclusion"
    at_start = _flat(_page("IPL for rosacea", [summary, procedure, cost, faq]))
    assert at_start["The short version"] == "overview"


def test_a_last_part_nothing_claims_closes_the_post_when_it_speaks_to_the_reader() -> None:
    assert _flat(_closing_page("Keep your smile complete"))["Keep your smile complete"] == "conclusion"
    assert _flat(_closing_page("Your time on the table"))["Your time on the table"] == "other"
    assert _flat(_closing_page("Keeping active between visits"))["Keeping active between visits"] == "other"


def test_how_a_treatment_helps_is_how_it_works() -> None:
    cues = cues_for(RULES, "en")
    assert _decide(score_heading("How physiotherapy helps", cues))[0] == "how_it_works"
    assert _decide(score_heading("How semaglutide helps you lose weight", cues))[0] == "how_it_works"


def test_an_opening_heading_that_lists_several_topics_is_the_overview() -> None:
    heading = "What it is, how it can help with your pain, and common questions answered"
    page = (
        f"<html><head><title>Manual therapy</title></head><body><article><h1>Manual therapy</h1>"
        f"<h2>{heading}</h2><p>Manual therapy is a hands-on treatment.</p>"
        "<h2>Price list</h2><p>A session costs $90.</p>"
        "<h2>How the treatment works</h2><p>We move the joint gently.</p></article></body></html>"
    )
    assert _flat(page)[heading] == "overview"


@pytest.mark.parametrize("entry", _entries("widget"), ids=lambda e: e["id"])
def test_widget_examples(entry: dict[str, Any]) -> None:
    # examples are class names: one of their parts names the widget; counter-examples none
    names = RULES.widgets[entry["kind"]]
    for example in entry["examples"]:
        assert not names.isdisjoint(name_parts(example)), example
    for counter in entry.get("counter_examples", []):
        assert names.isdisjoint(name_parts(counter)), counter


def test_a_header_inside_main_that_holds_a_subheading_heads_a_part_of_the_page() -> None:
    page = (
        '<div id="header"><a href="/">Home</a></div><main>'
        '<div class="gm-header"><h3>Go beyond rank reports</h3><p>Track every map result.</p></div>'
        '<div class="topic-header"><h1>Saved routes on the iPad?</h1><span>23 Posts</span></div>'
        '<div class="post-header">luizjr4 last edited by</div></main>'
    )
    root = html.document_fromstring(f"<html><body>{page}</body></html>")
    matcher = BoilerplateMatcher.for_page(root, RULES)
    hits = {el.get("id") or el.get("class"): rule.id for el in root.iter() if (rule := matcher.rule_for(el))}
    assert hits == dict.fromkeys(["header", "topic-header", "post-header"], "header-tokens")


def test_a_part_whose_subsections_are_all_questions_is_the_faq() -> None:
    questions = "<h3>Can I drive home?</h3><p>Yes, most people do.</p><h3>Does it hurt?</h3><p>A little.</p>"
    page = (
        "<html><head><title>Root canals</title></head><body><article><h1>Root canals</h1>"
        "<p>An introduction to the treatment that our clinic offers to patients.</p>"
        "<h2>How the treatment works</h2><p>We clean the canals and seal them.</p>"
        "<h2>Price list</h2><p>A visit costs $90.</p>"
        f"<h2>Good to have read</h2>{questions}</article></body></html>"
    )
    labelled = _flat(page)
    assert labelled["Good to have read"] == "faq"
    assert labelled["Can I drive home?"] == "faq"
    # a heading cue of another topic keeps its part, questions under it or not
    topic = page.replace("Good to have read", "How long does recovery take")
    assert _flat(topic)["How long does recovery take"] == "recovery"
