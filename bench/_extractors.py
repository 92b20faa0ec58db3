"""Uniform adapters around articlekit and the peer extractors.

Each adapter takes a :class:`Source` (raw bytes, the decoded str, url, language) and returns an
:class:`Output`. articlekit gets the raw bytes (its decoder is part of what is measured); the
peers get the str decoded by :func:`_corpora.decode_html`. Peer imports happen on first use so
that a missing peer only disables that peer.
"""

from __future__ import annotations

import importlib
import logging
import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from types import FrameType, ModuleType
from typing import Any

from _corpora import REPO_ROOT
from _output import Output, Promo, SectionOut, Teaser

# A page that takes longer than this in one extractor is scored as empty output.
PAGE_TIMEOUT_SECONDS = 60
_BLOCK_TAG_NAMES = (
    "address article aside blockquote dd details div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tr td th ul"
)
BLOCK_TAGS = frozenset(_BLOCK_TAG_NAMES.split())
# ISO 639-1 code -> jusText stoplist name, for the languages our corpora contain.
JUSTEXT_LANGUAGES = {
    "en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "sv": "Swedish", "da": "Danish", "no": "Norwegian_Bokmal",
    "nb": "Norwegian_Bokmal", "fi": "Finnish", "pl": "Polish", "cs": "Czech", "ru": "Russian",
    "tr": "Turkish", "hu": "Hungarian", "ro": "Romanian", "el": "Greek", "id": "Indonesian",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Source:
    raw: bytes
    html: str
    url: str | None
    language: str | None
    is_text: bool


class PageTimeout(Exception):
    pass


# ---------------------------------------------------------------- articlekit


@cache
def articlekit_module() -> ModuleType | None:
    """``articlekit``, adding the repo's ``src`` to ``sys.path`` only if it is not importable."""
    for attempt in range(2):
        try:
            module = importlib.import_module("articlekit")
        except ImportError:
            module = None
        if module is not None and hasattr(module, "extract"):
            return module
        if attempt == 0:
            sys.modules.pop("articlekit", None)  # maybe an empty namespace package
            sys.path.insert(0, str(REPO_ROOT / "src"))
    return None


def run_articlekit(source: Source) -> Output:
    module = articlekit_module()
    if module is None:
        raise RuntimeError("articlekit is not importable")
    if source.is_text:
        text = source.raw.decode("utf-8", "replace")
        return article_output(module.extract(text, url=source.url, options=text_options(module)))
    return article_output(module.extract(source.raw, url=source.url))


def text_options(module: ModuleType) -> Any:
    """``Options(input_format="text")`` when this articlekit has it, else None (auto-detect)."""
    try:
        return module.Options(input_format="text")
    except Exception:  # an older or newer Options without that field: let articlekit sniff
        return None


def article_output(article: Any) -> Output:
    """Copy what the benchmark needs from an ``articlekit.Article`` into plain data."""
    return Output(
        text=article.text or "",
        title=article.title,
        related_posts=tuple(
            Teaser(title=post.title, url=post.url, excerpt=post.excerpt) for post in article.related_posts
        ),
        promotions=tuple(
            Promo(text=promo.text, url=promo.url, kind=promo.kind) for promo in article.promotions
        ),
        sections=tuple(flatten_sections(article.sections)),
        extra={
            "page_type": getattr(getattr(article, "metadata", None), "page_type", None),
            "confidence": getattr(article, "confidence", None),
        },
    )


def flatten_sections(sections: Any, depth: int = 0) -> Iterator[SectionOut]:
    for section in sections:
        yield SectionOut(
            heading=section.heading,
            level=int(section.level or 0),
            category=str(section.category),
            items=tuple(section.items or ()),
            depth=depth,
        )
        yield from flatten_sections(section.subsections or (), depth + 1)


# ---------------------------------------------------------------- peers


def run_trafilatura(source: Source) -> Output:
    trafilatura = _peer("trafilatura")
    return Output(text=trafilatura.extract(source.html) or "")


def run_trafilatura_precision(source: Source) -> Output:
    trafilatura = _peer("trafilatura")
    return Output(text=trafilatura.extract(source.html, favor_precision=True) or "")


def run_readability(source: Source) -> Output:
    document = _peer("readability").Document(source.html)
    summary = document.summary()
    return Output(text=html_fragment_text(summary) if summary else "", title=document.short_title())


def run_resiliparse(source: Source) -> Output:
    html2text = _peer("resiliparse.extract.html2text")
    return Output(text=html2text.extract_plain_text(source.html, main_content=True) or "")


def run_justext(source: Source) -> Output:
    justext = _peer("justext")
    language = JUSTEXT_LANGUAGES.get((source.language or "en")[:2].lower(), "English")
    paragraphs = justext.justext(source.html, justext.get_stoplist(language))
    return Output(text="\n\n".join(p.text for p in paragraphs if not p.is_boilerplate))


def run_html_text(source: Source) -> Output:
    return Output(text=_peer("html_text").extract_text(source.html) or "")


def run_lxml_parse(source: Source) -> Output:
    _peer("lxml.html").document_fromstring(source.html)
    return Output(text="")


def run_lxml_walk(source: Source) -> Output:
    """Parse, then one Python pass that reads what any extractor reads of every element
    (tag, class, id, text, tail): the least a pure-Python pipeline over lxml can do."""
    root = _peer("lxml.html").document_fromstring(source.html)
    for el in root.iter():
        _ = (el.tag, el.get("class"), el.get("id"), el.text, el.tail)
    return Output(text="")


def html_fragment_text(fragment: str) -> str:
    """Visible text of an HTML fragment, with a blank line between block elements."""
    lxml_html = _peer("lxml.html")
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif tag in BLOCK_TAGS:
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
    return tidy_text(root.text_content())


def tidy_text(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return "\n\n".join("\n".join(block) for block in blocks if block)


@cache
def _peer(name: str) -> Any:
    logging.getLogger(name.split(".")[0]).setLevel(logging.CRITICAL)
    return importlib.import_module(name)


# ---------------------------------------------------------------- registry

Extractor = Callable[[Source], Output]
EXTRACTORS: dict[str, Extractor] = {
    "articlekit": run_articlekit,
    "trafilatura": run_trafilatura,
    "trafilatura-precision": run_trafilatura_precision,
    "readability": run_readability,
    "resiliparse": run_resiliparse,
    "justext": run_justext,
    "html-text": run_html_text,
}
FLOOR = {"lxml-parse": run_lxml_parse, "lxml-walk": run_lxml_walk}
PEERS = tuple(name for name in EXTRACTORS if name != "articlekit")
# Which Python package each extractor name stands for (for version reporting).
PACKAGES = {
    "articlekit": "articlekit",
    "trafilatura": "trafilatura",
    "trafilatura-precision": "trafilatura",
    "readability": "readability-lxml",
    "resiliparse": "resiliparse",
    "justext": "justext",
    "html-text": "html-text",
    "lxml-parse": "lxml",
    "lxml-walk": "lxml",
}


def available(name: str) -> bool:
    if name == "articlekit":
        return articlekit_module() is not None
    module = {
        "readability": "readability",
        "resiliparse": "resiliparse.extract.html2text",
        "html-text": "html_text",
        "trafilatura-precision": "trafilatura",
        "lxml-parse": "lxml.html",
        "lxml-walk": "lxml.html",
    }.get(name, name)
    try:
        _peer(module)
    except ImportError:
        return False
    return True


def version(name: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(PACKAGES.get(name, name))
    except metadata.PackageNotFoundError:
        module = articlekit_module() if name == "articlekit" else None
        return str(getattr(module, "__version__", "?"))


def resolve(names: str | None) -> list[str]:
    """Parse an ``--only`` value (comma separated); ``trafilatura`` alone keeps both settings."""
    if not names:
        return list(EXTRACTORS)
    chosen = [n.strip() for n in names.split(",") if n.strip()]
    unknown = [n for n in chosen if n not in EXTRACTORS and n not in FLOOR]
    if unknown:
        raise SystemExit(f"unknown extractor(s): {', '.join(unknown)}; known: {', '.join(EXTRACTORS)}")
    if "trafilatura" in chosen and "trafilatura-precision" not in chosen:
        chosen.insert(chosen.index("trafilatura") + 1, "trafilatura-precision")
    return chosen


# ---------------------------------------------------------------- safe call


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Raise :class:`PageTimeout` after ``seconds`` (main thread of a Unix process only)."""
    if seconds <= 0 or not hasattr(signal, "SIGALRM"):
        yield
        return

    def _expire(signum: int, frame: FrameType | None) -> None:
        raise PageTimeout(f"no answer after {seconds}s")

    previous = signal.signal(signal.SIGALRM, _expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def safe_run(name: str, source: Source, timeout: int = PAGE_TIMEOUT_SECONDS) -> Output:
    """Run one extractor on one page; any exception (or timeout) becomes an empty output."""
    extractor = EXTRACTORS.get(name) or FLOOR[name]
    started = time.perf_counter()
    try:
        with time_limit(timeout):
            output = extractor(source)
    except Exception as error:  # an extractor failure is a data point, never a crash
        output = Output(text="", error=f"{type(error).__name__}: {error}"[:300])
    elapsed = time.perf_counter() - started
    return Output(
        text=output.text,
        title=output.title,
        related_posts=output.related_posts,
        promotions=output.promotions,
        sections=output.sections,
        error=output.error,
        seconds=elapsed,
        extra=output.extra,
    )
