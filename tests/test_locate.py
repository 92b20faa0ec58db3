"""Mechanisms of the locate stage that are code, not rules: their cases and counter-cases."""

from __future__ import annotations

from articlekit import extract

_SENTENCE = "Hyperbaric oxygen raises the pressure so more oxygen dissolves in the blood plasma. "
_BODY = "<p>" + _SENTENCE * 10 + "</p>"
_FAQ = (
    '<section class="x9"><div><h2>Common questions about HBOT</h2></div>'
    "<div><p>Can I bring my phone in?</p><p>No. Phones and anything battery-powered stay in a locker, "
    "because sparks are a fire risk in a high-oxygen room.</p></div></section>"
)


def _page(after: str) -> str:
    return (
        '<html><body><div class="page">'
        '<header class="x1"><h1>Your first session</h1><p>Feb 10, 2026</p></header>'
        f'<div class="x2"><div class="x3">{_BODY}</div></div>{after}</div></body></html>'
    )


def test_the_posts_own_faq_after_the_body_is_part_of_the_article() -> None:
    text = extract(_page(_FAQ)).text
    assert "sparks are a fire risk" in text
    assert "Common questions about HBOT" in text


def test_a_block_after_the_body_that_is_no_faq_stays_out() -> None:
    quote = "The calmest hour of my week, truly. " * 6
    band = f'<section class="x9"><h3>Loved by our members</h3><p>{quote}</p></section>'
    assert "calmest hour" not in extract(_page(band)).text


def _headed(between: str) -> str:
    return (
        '<html><body><main><article class="post">'
        f'<div class="top"><h1>Your first session</h1></div>{between}'
        f'<div class="x2">{_BODY}</div></article></main></body></html>'
    )


def test_the_posts_lead_between_its_title_and_the_body_opens_the_article() -> None:
    lead = '<div class="intro"><p>Most people feel nothing at all. Here is what the hour is like.</p></div>'
    text = extract(_headed(lead)).text
    assert text.startswith("Most people feel nothing at all.")


def test_a_one_sentence_dek_or_several_paragraphs_before_the_body_are_no_lead() -> None:
    dek = "<p>A short summary line that an editor wrote under the headline of the story.</p>"
    assert "editor wrote" not in extract(_headed(dek)).text
    two = "<p>One paragraph of two sentences here. It goes on a little.</p>" * 2
    assert "goes on a little" not in extract(_headed(two)).text


def test_an_interactive_figure_among_the_parts_is_no_region_of_its_own() -> None:
    rows = "".join(f"<tr><td>Service {i}</td><td>{_SENTENCE * 2}</td></tr>" for i in range(6))
    page = (
        '<html><body><div class="contents">'
        f'<section class="intro"><p>{_SENTENCE}Start with the basics of care.</p></section>'
        f'<div class="media-block"><div class="visualization"><div class="interactiveContainer">'
        f"<table>{rows}</table></div></div></div>"
        f'<section class="part"><h2>What you may not need</h2><p>{_SENTENCE * 2}</p></section>'
        "</div></body></html>"
    )
    text = extract(page).text
    assert "Start with the basics of care." in text
    assert "What you may not need" in text


def test_a_carousel_among_short_blurbs_is_no_region_of_its_own() -> None:
    slide = f'<div class="swiper-slide"><h3>Slide</h3><p>{_SENTENCE}</p></div>'
    page = (
        "<html><body><main><section><h2>Build your plan</h2>"
        "<p>Imagine all the shows you want, all in one place today.</p></section>"
        f'<div class="wrap"><div class="swiper"><div class="swiper-wrapper">{slide * 3}</div></div></div>'
        "<section><h2>Add-on channels</h2>"
        "<p>Add sports packages and premium channels to your plan.</p></section></main></body></html>"
    )
    assert "Imagine all the shows you want" in extract(page).text


_PROSE = (
    "Hyaluronic acid injections cushion the knee joint for months at a time. Most people feel the"
    " difference within two weeks of the first injection. The injection itself takes a few minutes"
    " in the clinic, and you can walk out on your own. Some soreness at the site is common for a"
    " day or two. We check your knee again after six weeks and plan the next steps with you."
)


def test_an_app_shells_crawler_view_is_read_with_what_is_nested_in_it() -> None:
    # the <noscript> a reader without JavaScript sees instead of the page, and one inside it
    page = (
        "<html><body><div id='app'></div><noscript><article><h1>Knee injections</h1>"
        f"<p>{_PROSE}</p><noscript><p>Each injection is followed by an hour of rest.</p></noscript>"
        "</article></noscript></body></html>"
    )
    text = extract(page).text
    assert "six weeks" in text and "an hour of rest" in text


def test_a_cms_body_hidden_in_a_noscript_is_no_region() -> None:
    hidden = "<noscript><div class='entry-content'><p>A cached teaser of another post.</p></div></noscript>"
    shown = f"<main><h1>Knee injections</h1><p>{_PROSE}</p></main>"
    article = extract(f"<html><body>{hidden}{shown}</body></html>")
    assert "six weeks" in article.text and "cached" not in article.text


def test_an_faq_that_holds_most_of_a_landing_pages_text_is_one_part_of_it() -> None:
    answer = "<p>" + "Sessions are 45 minutes, by text, phone or video, whichever suits you. " * 2 + "</p>"
    faq = "".join(f'<div class="panel"><h4>Question {i}?</h4>{answer}</div>' for i in range(4))
    page = (
        '<html><body><div class="page"><section class="steps"><h2>How it works</h2>'
        "<p>Answer a few questions and we match you with a licensed therapist.</p>"
        "<p>Talk to your therapist however you feel comfortable, when it suits you.</p>"
        "<p>Message your therapist at any time, from anywhere, and book live sessions.</p></section>"
        f'<section class="home-faq"><div class="faq-container">{faq}</div></section></div></body></html>'
    )
    text = extract(page).text
    assert "we match you with a licensed therapist" in text
    assert "Sessions are 45 minutes" in text
