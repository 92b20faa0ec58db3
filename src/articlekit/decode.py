"""Stage 1 — bytes to text, and the input's format (HTML or plain text).

The encoding is decided in this order: a byte-order mark, the HTTP header's
charset, the document's own ``<meta charset>`` / XML declaration (found by
BeautifulSoup's ``EncodingDetector``), then detection with charset-normalizer.
Bytes that are valid UTF-8 and not plain ASCII are taken as UTF-8 whatever the
page declares: a mis-declared ``windows-1252`` page is far more common than
Latin-1 text that happens to be valid UTF-8.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer
from bs4.dammit import EncodingDetector

from .errors import BinaryInput, EmptyInput, InputTooLarge

# Magic numbers of formats that are never a web page's text.
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\x7fELF", "an executable"),
    (b"\x00\x00\x01\x00", "an icon"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
)

_HTML_SNIFF = re.compile(
    r"<\s*(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section|main|span|h[1-6]"
    r"|table|ul|ol|br|a\s)[\s>/]",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Decoded:
    """The input as text, with the encoding used and how it was chosen."""

    text: str
    encoding: str | None
    encoding_source: str | None


def decode(data: str | bytes, *, http_charset: str | None = None, max_bytes: int) -> Decoded:
    """Turn the caller's input into text, refusing binary, empty and oversized input."""
    if isinstance(data, str):
        if len(data) > max_bytes:
            raise InputTooLarge(f"input is {len(data):,} characters, over the limit of {max_bytes:,}")
        return _checked(Decoded(data, None, None))
    if len(data) > max_bytes:
        raise InputTooLarge(f"input is {len(data):,} bytes, over the limit of {max_bytes:,}")
    _refuse_binary(data)
    return _checked(_decode_bytes(data, http_charset))


def looks_like_html(text: str) -> bool:
    """True when the text has HTML markup near its start."""
    return _HTML_SNIFF.search(text[:4096]) is not None


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")
# Text with more than this share of control or replacement characters is not a page.
MAX_CONTROL_SHARE = 0.1


def _checked(decoded: Decoded) -> Decoded:
    if not decoded.text.strip():
        raise EmptyInput("input is empty")
    head = decoded.text[:4096]
    if len(_CONTROL.findall(head)) > MAX_CONTROL_SHARE * len(head):
        raise BinaryInput("input is mostly control characters: binary data, not text")
    return decoded


def _refuse_binary(data: bytes) -> None:
    for signature, what in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise BinaryInput(f"input is {what}, not a web page")


def _decode_bytes(data: bytes, http_charset: str | None) -> Decoded:
    stripped, bom_encoding = EncodingDetector.strip_byte_order_mark(data)
    if bom_encoding:
        return Decoded(stripped.decode(bom_encoding, errors="replace"), bom_encoding, "bom")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return Decoded(data.decode(utf16, errors="replace"), utf16, "detected")
    if b"\x00" in data[:4096] and data[:4096].count(b"\x00") > len(data[:4096]) // 100:
        raise BinaryInput("input has NUL bytes throughout: binary data, not a web page")
    if _is_utf8_beyond_ascii(data):
        return Decoded(data.decode("utf-8"), "utf-8", _declared_source(data, http_charset, "utf-8"))
    for encoding, source in (
        (_known(http_charset), "http-header"),
        (_known(EncodingDetector.find_declared_encoding(data[:8192], is_html=True)), "meta"),
    ):
        if encoding and _decodes_cleanly(data, encoding):
            return Decoded(data.decode(encoding), encoding, source)
    return _detected(data)


def _declared_source(data: bytes, http_charset: str | None, chosen: str) -> str:
    """Name the declaration that agrees with ``chosen``, else 'detected'."""
    if _known(http_charset) == chosen:
        return "http-header"
    if _known(EncodingDetector.find_declared_encoding(data[:8192], is_html=True)) == chosen:
        return "meta"
    return "detected"


def _is_utf8_beyond_ascii(data: bytes) -> bool:
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _utf16_without_bom(data: bytes) -> str | None:
    head = data[:2048]
    if len(head) < 8:
        return None
    even_nuls = head[0::2].count(0)
    odd_nuls = head[1::2].count(0)
    half = len(head) // 2
    if odd_nuls > half * 0.6 and even_nuls < half * 0.1:
        return "utf-16-le"
    if even_nuls > half * 0.6 and odd_nuls < half * 0.1:
        return "utf-16-be"
    return None


def _known(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except (LookupError, ValueError):  # ValueError: a NUL inside the name (bench/fuzz.py)
        return None


def _decodes_cleanly(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _detected(data: bytes) -> Decoded:
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        encoding = _known(best.encoding) or "utf-8"
        return Decoded(data.decode(encoding, errors="replace"), encoding, "detected")
    return Decoded(data.decode("utf-8", errors="replace"), "utf-8", "detected")
