"""Mechanisms of the segment stage that are code, not rules: their cases and counter-cases."""

from __future__ import annotations

from lxml import html

from articlekit.blocks import html_blocks
from articlekit.model import Section
from articlekit.segment import segment


def _sections(fragment: str) -> list[tuple[str | None, str]]:
    """Each section, subsections flattened, as (heading, its own text)."""
    blocks = html_blocks(html.fromstring(fragment), skip=(), base_url=None)
    return list(_flat(segment(blocks)))


def _flat(sections: tuple[Section, ...]) -> list[tuple[str | None, str]]:
    found: list[tuple[str | None, str]] = []
    for s in sections:
        found.append((s.heading, " ".join(b.text for b in s.blocks)))
        found.extend(_flat(s.subsections))
    return found


_FAQ = "<h2>Dental implant FAQs</h2>"
_ANSWER = "Most patients say it was easier than having the tooth pulled, and the soreness fades in days."


def test_a_bold_question_ended_by_a_line_break_heads_its_answer() -> None:
    page = (
        f"<div>{_FAQ}<p><strong>Does getting an implant hurt?</strong><br>{_ANSWER}</p>"
        "<p><b>How long do implants last?</b><br/>The implant itself can last for decades.</p></div>"
    )
    assert _sections(page) == [
        ("Dental implant FAQs", ""),
        ("Does getting an implant hurt?", _ANSWER),
        ("How long do implants last?", "The implant itself can last for decades."),
    ]


def test_a_bold_question_in_loose_text_ended_by_a_line_break_heads_its_answer() -> None:
    page = f"<div>{_FAQ}<div><b>Does getting an implant hurt?</b><br>{_ANSWER}</div></div>"
    assert ("Does getting an implant hurt?", _ANSWER) in _sections(page)


def test_a_long_bold_question_on_a_line_of_its_own_heads_the_answer_after_it() -> None:
    # Blogger: each question a <div> that is one bold run, its answer the next <div>;
    # too long for a plain line, the bold makes it a heading as a <p>'s would
    question = "Kann ich auch zu Hause trainieren statt in der Praxis?"
    answer = "Das Heimprogramm ist wichtig, ersetzt aber die Therapie nicht."
    page = f"<div><h2>Häufige Fragen</h2><div><b>{question}</b></div><div>{answer}</div></div>"
    assert (question, answer) in _sections(page)


def test_a_bold_lead_that_is_no_question_stays_in_its_paragraph() -> None:
    note = "<p><strong>Note:</strong><br>Take the tablets with food, never on an empty stomach.</p>"
    address = "<p><b>Lakeside Family Dental</b><br>112 Main Street, Oconomowoc, WI 53066</p>"
    assert _sections(f"<div>{_FAQ}{note}{address}</div>") == [
        (
            "Dental implant FAQs",
            "Note: Take the tablets with food, never on an empty stomach. "
            "Lakeside Family Dental 112 Main Street, Oconomowoc, WI 53066",
        )
    ]


def test_a_bold_question_the_line_goes_on_after_is_no_heading() -> None:
    # a call to action's lead-in, or a question asked in the prose: no line break after it
    cta = "<p><strong>Tooth pain right now?</strong> Call us, we keep same-day slots open.</p>"
    mid = "<p>We often hear <b>does it hurt?</b><br>It does not, and here is why.</p>"
    assert [h for h, _ in _sections(f"<div>{_FAQ}{cta}{mid}</div>")] == ["Dental implant FAQs"]


def test_a_bold_sentence_or_a_question_too_long_for_a_title_is_no_heading() -> None:
    emphasis = "<p><strong>Never stop the medicine on your own.</strong><br>Ask us first.</p>"
    long_question = (
        "<p><strong>What should I do if I notice swelling, redness, fever or pain in my calf "
        "in the days after the procedure?</strong><br>Call us at once.</p>"
    )
    assert [h for h, _ in _sections(f"<div>{_FAQ}{emphasis}{long_question}</div>")] == ["Dental implant FAQs"]


def test_a_paragraph_wholly_bold_across_its_line_break_is_one_bold_run() -> None:
    page = f"<div>{_FAQ}<p><strong>Is it safe?<br>Yes, for most adults.</strong></p></div>"
    assert [h for h, _ in _sections(page)] == ["Dental implant FAQs"]


def test_a_bold_label_in_loose_text_is_no_heading_unless_it_is_a_question() -> None:
    # a layout's labels: a forum's member badge, a card's price line
    page = (
        "<div><h2>Replies</h2><div><div><b>Staff member</b></div><div>Joined 2019</div></div>"
        "<div><div><strong>Best value</strong></div><div>$49 a month</div></div></div>"
    )
    assert [h for h, _ in _sections(page)] == ["Replies"]


def test_a_bold_question_whose_line_break_sits_inside_the_bold_heads_its_answer() -> None:
    # TinyMCE (WordPress' classic editor) keeps the <br> inside the <strong>
    page = f"<div>{_FAQ}<p><strong>Does getting an implant hurt?<br /></strong>{_ANSWER}</p></div>"
    assert ("Does getting an implant hurt?", _ANSWER) in _sections(page)


def test_a_question_ends_with_a_question_mark_of_either_width() -> None:
    from articlekit.dom import asks

    assert asks("Does it hurt? ") and asks("痛いですか\uff1f") and asks("¿Duele?")
    assert not asks("Does it hurt? Call us.") and not asks("") and not asks(None)
