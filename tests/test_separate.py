"""Mechanisms of the separation stage that are code, not rules: their cases and counter-cases."""

from __future__ import annotations

import pytest

from articlekit.extract import extract
from articlekit.model import Block, Link
from articlekit.separate import _is_link_list, _is_marquee


@pytest.mark.parametrize(
    "text",
    ["Book Now ✱ " * 24, "Free shipping • " * 4, "Book Now *Book Now *Book Now *Book Now"],
)
def test_a_label_said_over_and_over_is_a_marquee(text: str) -> None:
    assert _is_marquee(Block("paragraph", text.strip()))


@pytest.mark.parametrize(
    "text",
    [
        "Book Now",
        "Botox Botox",
        "Ketamine Ketamine Ketamine",
        "No no no, that is not how filler works.",
        "Book Now Book Now Book Now and then some prose about the visit",
        "Book Now ✱ " * 24 + "and the visit itself",
    ],
)
def test_prose_that_repeats_a_word_is_no_marquee(text: str) -> None:
    assert not _is_marquee(Block("paragraph", text.strip()))


def _list(items: list[str], links: list[str]) -> Block:
    anchors = tuple(Link(text, f"/{i}") for i, text in enumerate(links))
    return Block("list", "\n".join(items), items=tuple(items), links=anchors)


def test_a_nested_list_of_links_is_a_link_list() -> None:
    links = ["Orthopedic Rehab", "Post-Surgical Rehab", "Sports Injuries", "Women's Health", "Pelvic Floor"]
    items = ["Orthopedic Rehab Post-Surgical Rehab Sports Injuries", "Women's Health Pelvic Floor"]
    tree = _list(items, links)
    assert _is_link_list(tree, "https://clinic.example/")


def test_links_hidden_from_the_reader_make_no_link_tree() -> None:
    """A product grid whose cards repeat their links in hidden copies: more link text
    than the list shows says nothing about the list."""
    shown = ["Save 30% off your first order", "Vitamin C Serum Regular price $48"]
    hidden = ["Vitamin C Serum", "Vitamin C Serum", "Retinol Night Cream", "Retinol Night Cream", "Eye Cream"]
    assert not _is_link_list(_list(shown, hidden * 3), "https://clinic.example/")


def test_a_list_of_advice_with_a_link_in_it_is_no_link_list() -> None:
    advice = _list(
        ["Ice the area for ten minutes at a time", "Read our aftercare guide before your visit"],
        ["aftercare guide"],
    )
    assert not _is_link_list(advice, "https://clinic.example/")


_PROSE = " ".join(["Ice the area for ten minutes at a time and keep your head raised."] * 6)


def _post(inner: str) -> str:
    return (
        "<html><body><article><div class='entry-content'>"
        f"<h1>Aftercare</h1><p>{_PROSE}</p>{inner}<p>{_PROSE}</p>"
        "</div></article></body></html>"
    )


def test_a_button_inside_a_short_paragraph_takes_its_pitch_along() -> None:
    pitch = "New patients: your first assessment is free in March."
    article = extract(_post(f"<p>{pitch} <a class='button' href='/book'>Book an assessment</a></p>"))
    assert "free in March" not in article.text
    assert any("free in March" in p.text for p in article.promotions)


def test_a_button_inside_a_long_paragraph_leaves_the_prose() -> None:
    article = extract(_post(f"<p>{_PROSE} <a class='button' href='/book'>Book an assessment</a></p>"))
    assert article.text.count("keep your head raised") == 18


def test_the_pitch_in_a_call_to_action_box_goes_with_its_button() -> None:
    banner = (
        "<div class='banner'><p>Free 30-minute consultation with a mock-up.</p>"
        "<a href='/book'>Book a free consultation</a></div>"
    )
    article = extract(_post(banner))
    assert "mock-up" not in article.text
    assert any("mock-up" in p.text for p in article.promotions)


def test_a_button_loose_in_the_article_takes_no_paragraph_along() -> None:
    page = (
        "<html><body><article><div class='entry-content'>"
        f"<h1>Aftercare</h1><p>{_PROSE}</p><p>Short closing advice for the week.</p>"
        "<a href='/book'>Book a free consultation</a></div></article></body></html>"
    )
    assert "Short closing advice" in extract(page).text


_POST = (
    "<p>Root canal treatment saves a tooth whose nerve is inflamed or infected. We clean the canals, "
    "fill them and seal the tooth, usually in one visit of about an hour.</p>"
    "<p>Most patients go back to work the same day. The tooth may be tender for a few days.</p>"
)


def _page(after: str) -> bytes:
    return (
        '<html lang="pt"><head><title>Tratamento de canal</title></head><body><main>'
        f"<article><h1>Tratamento de canal</h1>{_POST}</article>{after}"
        "</main><footer><p>Rua das Flores 1, Porto</p></footer></body></html>"
    ).encode()


def test_a_button_in_a_box_marked_as_a_call_to_action_is_one_in_any_language() -> None:
    box = (
        '<div class="elementor-widget-call-to-action"><h3>Tem uma dor que não passa?</h3>'
        "<div>Marque uma consulta de urgência: atendemos no próprio dia.</div>"
        '<a class="elementor-button" href="https://example.pt/marcacoes/">Marcar consulta</a></div>'
    )
    texts = [p.text for p in extract(_page(box)).promotions]
    assert "Marcar consulta" in texts
    assert "Marque uma consulta de urgência: atendemos no próprio dia." in texts


def test_a_short_link_in_an_unmarked_box_is_no_call_to_action() -> None:
    box = (
        '<div class="author-box"><p>Dra. Ana Lima</p>'
        '<a href="https://example.pt/equipa/">Ver perfil</a></div>'
    )
    assert extract(_page(box)).promotions == ()


def test_the_previous_label_of_a_post_link_is_no_part_of_its_title() -> None:
    nav = (
        '<nav class="navigation post-navigation"><div class="nav-links"><div class="nav-previous">'
        '<a href="https://example.pt/primeira-consulta/" rel="prev"><small>Previous</small>'
        "A primeira consulta do seu filho</a></div></div></nav>"
    )
    titles = [t.title for t in extract(_page(nav), url="https://example.pt/canal/").related_posts]
    assert titles == ["A primeira consulta do seu filho"]


def test_a_posts_grid_in_a_sidebar_inside_the_article_region_gives_its_teasers() -> None:
    page = (
        '<html><head><title>Knee ablation</title></head><body><section class="post-body">'
        f'<div class="post-main"><h1>Knee ablation</h1>{_POST}</div>'
        '<div class="post-sidebar"><div class="sidebar-title">Recent articles</div>'
        '<div class="oxy-posts-grid"><div class="oxy-post"><a class="oxy-post-title" '
        'href="https://example.com/blog/knee-gel/">Gel injections for the knee</a></div>'
        '<div class="oxy-post"><a class="oxy-post-title" href="https://example.com/blog/si-joint/">'
        "Is it your SI joint?</a></div></div></div></section></body></html>"
    ).encode()
    titles = [t.title for t in extract(page, url="https://example.com/blog/knee/").related_posts]
    assert titles == ["Gel injections for the knee", "Is it your SI joint?"]
