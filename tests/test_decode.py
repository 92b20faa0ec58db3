"""Bytes to text: BOM, header, meta, detection, and refusals."""

from __future__ import annotations

import pytest

from articlekit.decode import decode, looks_like_html
from articlekit.errors import BinaryInput

LIMIT = 10_000_000
PAGE = (
    "<html><head>{meta}</head><body><p>Caf\u00e9 cr\u00e8me \u2014 na\u00efve r\u00e9sum\u00e9</p>"
    "</body></html>"
)


def test_utf8_bom() -> None:
    d = decode(b"\xef\xbb\xbf" + PAGE.format(meta="").encode(), max_bytes=LIMIT)
    assert d.encoding_source == "bom" and "Caf\u00e9" in d.text


def test_meta_charset_latin1() -> None:
    data = PAGE.format(meta='<meta charset="iso-8859-1">').replace("\u2014", "-").encode("latin-1")
    d = decode(data, max_bytes=LIMIT)
    assert d.encoding_source == "meta" and "cr\u00e8me" in d.text


def test_http_header_charset_wins_over_detection() -> None:
    data = PAGE.format(meta="").replace("\u2014", "-").encode("cp1252")
    d = decode(data, http_charset="windows-1252", max_bytes=LIMIT)
    assert d.encoding_source == "http-header" and "na\u00efve" in d.text


def test_wrongly_declared_charset_is_corrected_when_bytes_are_utf8() -> None:
    data = PAGE.format(meta='<meta charset="iso-8859-1">').encode("utf-8")
    d = decode(data, max_bytes=LIMIT)
    assert d.encoding == "utf-8" and "r\u00e9sum\u00e9" in d.text


def test_utf16_without_bom() -> None:
    d = decode(PAGE.format(meta="").encode("utf-16-le"), max_bytes=LIMIT)
    assert "Caf\u00e9" in d.text


def test_undeclared_legacy_encoding_is_detected() -> None:
    text = PAGE.format(meta="").replace("\u2014", "-") * 20
    d = decode(text.encode("cp1252"), max_bytes=LIMIT)
    assert d.encoding_source == "detected" and "r\u00e9sum\u00e9" in d.text


@pytest.mark.parametrize("data", [b"%PDF-1.4 ...", b"GIF89a....", b"\x1f\x8b\x08\x00rest", b"\x00\x02" * 300])
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(BinaryInput):
        decode(data, max_bytes=LIMIT)


def test_html_sniffing() -> None:
    assert looks_like_html("<!DOCTYPE html><html>")
    assert looks_like_html("  <div class='x'>hi</div>")
    assert not looks_like_html("Ketamine IV therapy\nIt is a treatment. 3 < 4 and 5 > 2.")
