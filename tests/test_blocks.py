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
