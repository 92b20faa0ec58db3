"""The public API: a sorted, complete __all__, options validation, the error tree."""

from __future__ import annotations

import inspect

import pytest

import articlekit


def test_all_is_sorted_and_complete() -> None:
    assert articlekit.__all__ == sorted(articlekit.__all__)
    public = {
        n for n in dir(articlekit) if not n.startswith("_") and not inspect.ismodule(getattr(articlekit, n))
    }
    assert public <= set(articlekit.__all__)
    for name in articlekit.__all__:
        assert hasattr(articlekit, name)


def test_errors_share_one_root_and_match_builtins() -> None:
    for name in (
        "BinaryInput",
        "EmptyInput",
        "InputTooLarge",
        "NoContentFound",
        "OptionsError",
        "RulesError",
    ):
        assert issubclass(getattr(articlekit, name), articlekit.ArticlekitError)
    assert issubclass(articlekit.InputError, ValueError)
    assert issubclass(articlekit.ExtractionTimeout, TimeoutError)


@pytest.mark.parametrize(
    "kwargs", [{"input_format": "pdf"}, {"max_bytes": 0}, {"timeout": -1}, {"min_article_words": -3}]
)
def test_bad_options_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(articlekit.OptionsError):
        articlekit.Options(**kwargs)  # type: ignore[arg-type]


def test_options_are_frozen_and_keyword_only() -> None:
    opts = articlekit.Options()
    with pytest.raises(AttributeError):
        opts.timeout = 3  # type: ignore[misc]
    with pytest.raises(TypeError):
        articlekit.Options("html")  # type: ignore[misc]


def test_html_and_text_are_detected_and_overridable() -> None:
    page = (
        "<html><body><article><h1>Botox basics</h1>"
        + "<p>Botox relaxes the muscles that cause lines. " * 12
        + "</p></article></body></html>"
    )
    assert articlekit.extract(page).located_by != "text"
    as_text = articlekit.extract("Botox basics\n" + "Botox relaxes the muscles that cause lines. " * 12)
    assert as_text.located_by == "text"
    forced = articlekit.extract(page, options=articlekit.Options(input_format="text"))
    assert forced.located_by == "text"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", articlekit.EmptyInput),
        ("   \n\t ", articlekit.EmptyInput),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", articlekit.BinaryInput),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", articlekit.BinaryInput),
        (b"\x00\x01\x02\x03" * 500, articlekit.BinaryInput),
        ("<html><body><nav><a href='/'>Home</a></nav></body></html>", articlekit.NoContentFound),
    ],
)
def test_bad_input_raises_a_documented_error(data: str | bytes, error: type[Exception]) -> None:
    with pytest.raises(error):
        articlekit.extract(data)


def test_a_page_without_article_reports_what_was_read_of_it() -> None:
    page = (
        "<html lang='de'><head><title>Praxis Dr. Weber</title></head>"
        "<body><nav><a href='/'>Start</a></nav></body></html>"
    )
    with pytest.raises(articlekit.NoContentFound) as raised:
        articlekit.extract(page)
    metadata = raised.value.metadata
    assert metadata is not None and (metadata.title, metadata.language) == ("Praxis Dr. Weber", "de")
    with pytest.raises(articlekit.EmptyInput) as empty:
        articlekit.extract("  ")
    assert not hasattr(empty.value, "metadata")  # nothing was read


def test_input_over_the_size_limit_is_refused() -> None:
    with pytest.raises(articlekit.InputTooLarge):
        articlekit.extract(b"<p>x</p>" * 100, options=articlekit.Options(max_bytes=100))


def test_the_caller_input_is_not_changed() -> None:
    page = bytearray(
        b"<html><body><div class='entry-content'>"
        + b"<p>Text of the post here. </p>" * 20
        + b"</div></body></html>"
    )
    before = bytes(page)
    articlekit.extract(bytes(page))
    assert bytes(page) == before


def test_to_markdown_and_text() -> None:
    article = articlekit.extract(
        "Title of the post\n"
        "First paragraph of the post, long enough to count as text here.\n"
        "Benefits of the treatment\n"
        "It helps many patients feel better quickly and safely."
    )
    md = article.to_markdown()
    assert md.startswith("# Title of the post")
    assert "## Benefits of the treatment" in md
    assert article.to_text().startswith("Title of the post\n\n")


def test_confidence_is_lower_where_the_article_reading_is_less_often_right() -> None:
    from articlekit.confidence import confidence
    from articlekit.model import Block

    blocks = [Block(type="paragraph", text="Ketamine infusions are given over forty minutes. " * 12)]
    scores = [confidence("container:x", blocks, kind) for kind in ("article", "service", "other", "listing")]
    assert scores[0] == scores[1] > scores[2] > scores[3] > 0
    assert confidence("text", blocks, None) == confidence("text", blocks, "article")  # plain text: no type
