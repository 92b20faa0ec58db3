"""Mechanisms of the blocks stage that are code, not rules: their cases and counter-cases."""

from __future__ import annotations

from lxml import html

from articlekit.blocks import html_blocks


def _blocks(fragment: str) -> list[tuple[str, bool]]:
    return [(b.text, b.strong) for b in html_blocks(html.fromstring(fragment), skip=(), base_url=None)]


def test_a_label_that_opens_the_panel_after_it_is_a_toggle_title() -> None:
    page = (
        '<div><p class="toggler" aria-controls="t1">Does a root canal hurt more than a filling?</p>'
        '<div id="t1" class="toggle_wrap"><p>For most patients it feels about the same.</p></div></div>'
    )
    assert _blocks(page)[0] == ("Does a root canal hurt more than a filling?", True)


def test_a_row_of_tab_titles_apart_from_their_panels_is_no_toggle_title() -> None:
    page = (
        '<div><div role="tablist"><div role="tab" aria-controls="p1">Overview</div>'
        '<div role="tab" aria-controls="p2">Pricing</div></div>'
        '<div id="p1"><p>Laser light disables the follicle.</p></div></div>'
    )
    assert ("Overview", True) not in _blocks(page)


def test_a_tab_panel_is_headed_by_the_tab_that_labels_it() -> None:
    page = (
        '<div><ul role="tablist"><li id="t1" role="presentation"><a role="tab" href="#p1">Days 1-3</a></li>'
        '<li id="t2"><a role="tab" href="#p2">Days 4-7</a></li></ul>'
        '<div id="p1" role="tabpanel" aria-labelledby="t1"><p>Swelling peaks on the second day.</p></div>'
        '<div id="p2" role="tabpanel" aria-labelledby="t2"><p>Start warm salt-water rinses.</p></div></div>'
    )
    skip = html.fromstring(page).xpath("//ul")
    root = skip[0].getparent()
    texts = [(b.text, b.strong) for b in html_blocks(root, skip=skip, base_url=None)]
    assert texts == [
        ("Days 1-3", True),
        ("Swelling peaks on the second day.", False),
        ("Days 4-7", True),
        ("Start warm salt-water rinses.", False),
    ]


def test_a_tab_title_said_over_its_panel_is_not_said_twice() -> None:
    page = (
        '<div><div id="t1" role="tab">Overview</div>'
        '<div class="mobile-title">Overview</div>'
        '<div role="tabpanel" aria-labelledby="t1"><p>Laser light disables the follicle.</p></div></div>'
    )
    assert [t for t, _ in _blocks(page)].count("Overview") == 2  # the tab row and the mobile title only


def test_a_link_that_expands_its_panel_is_a_toggle_title() -> None:
    page = (
        '<div><a href="#" class="accordion-title" aria-expanded="false" aria-controls="a1">'
        '<button class="toggle"></button><span>Will I have a gap while it heals?</span></a>'
        '<div id="a1"><p>No. We fit a temporary tooth the same day.</p></div></div>'
    )
    assert _blocks(page)[0] == ("Will I have a gap while it heals?", True)


def test_a_title_row_named_as_an_accordions_opens_the_panel_after_it() -> None:
    # Duda's accordion: no aria attributes, no button; a list whose items are the FAQ
    page = (
        '<div><ul class="dmAccordion"><li class="accordion-item"><div class="accordion-header">'
        '<span class="accordion-title">Posso bere alcolici?</span></div>'
        '<div class="accordion-content"><p>Con moderazione.</p></div></li></ul></div>'
    )
    assert _blocks(page) == [("Posso bere alcolici?", True), ("Con moderazione.", False)]


def test_a_named_title_row_with_a_heading_in_it_or_no_panel_after_it_is_no_toggle_title() -> None:
    with_heading = (
        '<div><div class="accordion-header"><h3>Is the procedure painful?</h3></div>'
        '<div class="accordion-body"><p>Most patients feel pressure only.</p></div></div>'
    )
    assert _blocks(with_heading)[0] == ("Is the procedure painful?", False)  # the h3 speaks for itself
    tab_row = (
        '<div><div class="tabs-nav"><div class="tab-title">Overview</div><div class="tab-title">Pricing</div>'
        "</div></div>"
    )
    assert ("Overview", True) not in _blocks(tab_row)
