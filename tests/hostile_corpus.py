"""A corpus of broken and hostile inputs, generated in memory (nothing large on disk).

Each case is a name and a function that builds the page's bytes, so the large ones
(a 50 MB page, a million siblings) cost nothing until a test asks for them. The
tests in ``test_hostile.py`` feed every case to ``articlekit.extract`` and to the
batch command; ``bench/fuzz.py`` uses the small ones as seeds for mutation.

``SECRET`` is the text of a local file that XML external entities in the corpus
point at: it must never appear in any output.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

# A paragraph long enough to be an article on its own (over Options.min_article_words).
PARAGRAPH = (
    "Ketamine infusion therapy is offered at our clinic for patients with treatment resistant "
    "depression. Each session lasts about forty minutes and is supervised by a nurse who checks "
    "blood pressure and breathing. Most patients notice a change in mood within a few sessions."
)
ARTICLE = (
    "<h1>Ketamine IV Therapy for Depression</h1>"
    f"<p>{PARAGRAPH}</p><h2>Potential side effects</h2><p>{PARAGRAPH}</p>"
)
SECRET = "articlekit-secret-7f3c9a"


def page(body: str, head: str = "<title>Ketamine IV Therapy</title>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def _b(text: str) -> bytes:
    return text.encode("utf-8")


def _random_bytes() -> bytes:
    return random.Random(8).randbytes(64_000)


def _utf16_without_bom() -> bytes:
    return page(f"<article>{ARTICLE}</article>").encode("utf-16-le")


def _wrong_charset() -> bytes:
    # Declares Shift_JIS, is windows-1252 with bytes that are invalid in Shift_JIS.
    text = page(f"<p>Caf\xe9 na\xefve \xa0{PARAGRAPH}</p>", head='<meta charset="shift_jis">')
    return text.encode("windows-1252")


def _mixed_encodings() -> bytes:
    utf8 = _b(page(f"<p>Résumé in UTF-8. {PARAGRAPH}</p>"))
    return utf8 + _b("<p>") + "Résumé in Latin-1, ".encode("latin-1") + _b(f"{PARAGRAPH}</p>")


def _deep_nesting(depth: int = 100_000) -> bytes:
    return _b(page("<div>" * depth + f"<p>{PARAGRAPH}</p>" + "</div>" * depth))


def _deep_inline_nesting(depth: int = 100_000) -> bytes:
    return _b(page(f"<p>{PARAGRAPH}</p>" + "<span>" * depth + "x" + "</span>" * depth))


def _million_siblings() -> bytes:
    return _b(page(f"<article>{ARTICLE}" + "<i></i>" * 1_000_000 + "</article>"))


def _fifty_megabytes() -> bytes:
    paragraph = f"<p>{PARAGRAPH}</p>\n"
    count = 50_000_000 // len(paragraph) + 1
    return _b(page("<article><h1>A very long post</h1>" + paragraph * count + "</article>"))


def _long_attribute() -> bytes:
    return _b(page(f'<article class="{"a" * 1_000_000}" data-x="{"&amp;" * 200_000}">{ARTICLE}</article>'))


def _long_text_node() -> bytes:
    words = ("lorem ipsum dolor sit amet " * 40_000).strip()
    return _b(page(f"<article><h1>Long text</h1><p>{words}</p></article>"))


def _long_word() -> bytes:
    # One megabyte without a space: the worst case for word and URL regexes.
    return _b(
        page(f"<article>{ARTICLE}<p>{'x' * 1_000_000}</p><p>{'https://' + 'a.' * 500_000}</p></article>")
    )


def _unclosed_tags() -> bytes:
    # Nothing closed, the way hand-edited and truncated pages are: 1,200 levels deep.
    opened = f"<div class=post><font><b><p>{PARAGRAPH}<ul><li>item<li>item<table><tr><td>cell<span><i>"
    return _b(f"<html><head><title>Unclosed</title><body>{opened * 100}<p>{PARAGRAPH}<p>{PARAGRAPH}")


def _frameset() -> bytes:
    return _b(
        "<!DOCTYPE html PUBLIC '-//W3C//DTD HTML 4.01 Frameset//EN'><html><head><title>Frames</title>"
        "</head><frameset cols='20%,80%'><frame src='nav.html'><frame src='javascript:alert(1)'>"
        f"<noframes><body><p>{PARAGRAPH}</p></body></noframes></frameset></html>"
    )


def _frames_and_iframes() -> bytes:
    return _b(page(f"<iframe src='post.html'>{PARAGRAPH}</iframe><article>{ARTICLE}</article>"))


def xxe_page(secret_path: Path) -> bytes:
    """XHTML whose DOCTYPE defines an external entity reading a local file."""
    uri = secret_path.resolve().as_uri()
    return _b(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "{uri}"><!ENTITY % pe SYSTEM "{uri}"> %pe;]>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>&xxe;</title></head>'
        f"<body><article><h1>Entity &xxe; test</h1><p>{PARAGRAPH} &xxe;</p></article></body></html>"
    )


def _billion_laughs() -> bytes:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    return _b(
        f'<?xml version="1.0"?>\n<!DOCTYPE html [{entities}]>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>&lol9;</title></head>'
        f"<body><article><h1>Laughs</h1><p>{PARAGRAPH} &lol9;</p></article></body></html>"
    )


def _external_dtd_network() -> bytes:
    return _b(
        '<?xml version="1.0"?>\n<!DOCTYPE html SYSTEM "http://127.0.0.1:9/evil.dtd">\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml"><body><article>{ARTICLE}</article></body></html>'
    )


def _svg_and_mathml() -> bytes:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert("svg")</script>'
        '<text>SVG label text</text><a href="javascript:alert(2)"><text>click</text></a>'
        "<foreignObject><p>foreign paragraph</p></foreignObject></svg>"
    )
    math = "<math><mi>x</mi><mo>=</mo><mn>2</mn><annotation-xml><p>math html</p></annotation-xml></math>"
    return _b(page(f"<article>{svg}{ARTICLE}{math}</article>"))


def _script_only() -> bytes:
    script = f"document.write('<p>{PARAGRAPH}</p>');"
    return _b(page(f"<script>{script}</script><script>var x = '{'y' * 100_000}';</script>"))


def _noscript_article() -> bytes:
    return _b(page(f"<noscript><article>{ARTICLE}</article></noscript>"))


def _template_article() -> bytes:
    return _b(page(f"<template><article>{ARTICLE}</article></template>"))


def _json_ld(data: str) -> bytes:
    return _b(
        page(f"<article>{ARTICLE}</article>", head=f'<script type="application/ld+json">{data}</script>')
    )


def _deep_json() -> str:
    return "[" * 100_000 + "]" * 100_000


def _deep_json_objects() -> str:
    return '{"@graph":' * 50_000 + "{}" + "}" * 50_000


def _huge_json_ld() -> str:
    item = {
        "@type": "BlogPosting",
        "headline": "Ketamine IV Therapy",
        "articleBody": PARAGRAPH * 2000,
        "author": [{"name": f"Author {i}"} for i in range(20)],
    }
    return json.dumps({"@graph": [item] * 200})


def _hostile_json_ld() -> str:
    return json.dumps(
        {
            "@type": ["BlogPosting", {"x": 1}, None],
            "headline": {"nested": ["no"]},
            "author": [None, 3, {"name": ["a"]}, {"name": "Dr. Real Author"}],
            "datePublished": "9999-99-99",
            "image": [{"url": "javascript:alert(1)"}],
            "publisher": {
                "@type": "MedicalClinic",
                "name": 7,
                "url": "javascript:alert(3)",
                "address": [None, "x"],
            },
            "url": "data:text/html,<script>alert(1)</script>",
        }
    )


def _unsafe_links() -> bytes:
    head = (
        '<base href="https://clinic.example/blog/">'
        '<link rel="canonical" href="javascript:alert(1)">'
        '<meta property="og:image" content="javascript:alert(2)">'
        '<meta property="og:url" content="vbscript:msgbox">'
    )
    body = (
        f'<article onload="alert(1)"><h1 onclick="alert(2)">Ketamine IV Therapy</h1><p onmouseover="x()">'
        f'{PARAGRAPH} <a href="javascript:alert(3)">bad</a> <a href="relative/post/">good</a>'
        f' <a href=" JaVa\tScRiPt:alert(4)">tabbed</a></p><style>p {{ color: red }}</style>'
        f"<script>alert('script text')</script>"
        '<p>Get more information about our clinic at <a href="data:text/html,x">our site</a>.</p>'
        "<h3>Related Posts</h3><ul>"
        '<li><a href="javascript:alert(5)">Lumecca IPL treatment explained</a></li>'
        '<li><a href="../other-post/">BodyTite what to expect</a></li></ul></article>'
    )
    return _b(page(body, head=head))


def _nul_bytes() -> bytes:
    return _b(page(f"<article>{ARTICLE}</article>")).replace(b"<p>", b"<p>\x00", 1) + b"\x00"


CASES: dict[str, Callable[[], bytes]] = {
    "empty": lambda: b"",
    "whitespace": lambda: b" \t\r\n\x0c" * 1000,
    "only-nul": lambda: b"\x00" * 1000,
    "png": lambda: b"\x89PNG\r\n\x1a\n" + bytes(2000),
    "pdf": lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n" * 50,
    "random-bytes": _random_bytes,
    "nul-bytes": _nul_bytes,
    "invalid-utf8": lambda: (
        _b(page(f"<p>{PARAGRAPH}</p>")).replace(b"Each", b"\xc3\x28\xa0\xa1 Each") + b"\xff\xfe\xfd"
    ),
    "utf16-le-no-bom": _utf16_without_bom,
    "utf16-be-no-bom": lambda: page(f"<article>{ARTICLE}</article>").encode("utf-16-be"),
    "wrong-charset": _wrong_charset,
    "unknown-charset": lambda: _b(page(f"<p>{PARAGRAPH}</p>", head='<meta charset="x-no-such-charset">')),
    "mixed-encodings": _mixed_encodings,
    "deep-nesting": _deep_nesting,
    "deep-inline-nesting": _deep_inline_nesting,
    "million-siblings": _million_siblings,
    "fifty-megabytes": _fifty_megabytes,
    "long-attribute": _long_attribute,
    "long-text-node": _long_text_node,
    "long-word": _long_word,
    "unclosed-tags": _unclosed_tags,
    "frameset": _frameset,
    "iframes": _frames_and_iframes,
    "billion-laughs": _billion_laughs,
    "external-dtd": _external_dtd_network,
    "svg-mathml": _svg_and_mathml,
    "script-only": _script_only,
    "noscript-article": _noscript_article,
    "template-article": _template_article,
    "json-ld-malformed": lambda: _json_ld('{"@type": "BlogPosting", "headline": "Unclosed'),
    "json-ld-deep-arrays": lambda: _json_ld(_deep_json()),
    "json-ld-deep-objects": lambda: _json_ld(_deep_json_objects()),
    "json-ld-huge": lambda: _json_ld(_huge_json_ld()),
    "json-ld-hostile-types": lambda: _json_ld(_hostile_json_ld()),
    "json-ld-huge-number": lambda: _json_ld('{"@type": "BlogPosting", "x": 1' + "0" * 100_000 + "}"),
    "unsafe-links": _unsafe_links,
    "only-markup": lambda: _b(page("<div><span></span></div>" * 1000)),
    "plain-text-garbage": lambda: _b("\u202e\u200b" * 10_000 + "\n" + "…" * 5000),
}

# Cases generated at tens of megabytes or with a million elements: run once per session.
LARGE = frozenset({"deep-nesting", "deep-inline-nesting", "million-siblings", "fifty-megabytes"})
