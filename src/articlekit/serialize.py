"""Output: Article to dict / JSON / Markdown / plain text, and the JSON Schema."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from .model import SCHEMA_VERSION, Article, Block, Failure, HealthMarkup, Metadata, Section, Source


def article_to_dict(article: Article) -> dict[str, Any]:
    """The JSON form of an article (schema ``schema/article.schema.json``)."""
    org = article.organization
    return {
        "schema_version": SCHEMA_VERSION,
        "source": _source(article.source),
        "metadata": _metadata(article.metadata),
        "organization": {
            "name": org.name,
            "url": org.url,
            "locality": org.locality,
            "region": org.region,
            "telephone": org.telephone,
            "address": org.address,
            "postal_code": org.postal_code,
            "sources": dict(org.sources),
        },
        "article": {
            "title": article.title,
            "text": article.text,
            "word_count": article.word_count,
            "confidence": article.confidence,
            "located_by": article.located_by,
            "sections": [_section(s) for s in article.sections],
        },
        "aspects": {
            name: {
                "status": a.status,
                "sections": list(a.sections),
                "mentions": [{"sentence": m.sentence, "section": m.section} for m in a.mentions],
            }
            for name, a in article.aspects.items()
        },
        "related_posts": [
            {"title": r.title, "url": r.url, "excerpt": r.excerpt, "rule": r.rule}
            for r in article.related_posts
        ],
        "promotions": [
            {"text": p.text, "url": p.url, "kind": p.kind, "rule": p.rule} for p in article.promotions
        ],
        "removals": [
            {"kind": r.kind, "rule": r.rule, "text": r.text, "path": r.path} for r in article.removals
        ],
        "warnings": list(article.warnings),
    }


def failure_to_dict(failure: Failure) -> dict[str, Any]:
    record: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "source": _source(failure.source),
        "error": {"type": failure.type, "message": failure.message, "stage": failure.stage},
    }
    if failure.metadata is not None:  # read before the extraction failed: not lost with it
        record["metadata"] = _metadata(failure.metadata)
    return record


def _metadata(md: Metadata) -> dict[str, Any]:
    return {
        "title": md.title,
        "description": md.description,
        "authors": list(md.authors),
        "reviewed_by": list(md.reviewed_by),
        "published": md.published,
        "modified": md.modified,
        "last_reviewed": md.last_reviewed,
        "language": md.language,
        "canonical_url": md.canonical_url,
        "site_name": md.site_name,
        "image": md.image,
        "categories": list(md.categories),
        "tags": list(md.tags),
        "page_type": md.page_type,
        "health_markup": [_health(h) for h in md.health_markup],
        "sources": dict(md.sources),
    }


def to_json(data: dict[str, Any], *, indent: int | None = 2) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent)


def schema_text() -> str:
    """The JSON Schema of the output, as shipped in the package."""
    return resources.files("articlekit").joinpath("schema").joinpath("article.schema.json").read_text("utf-8")


def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_text())
    return loaded


def _source(source: Source) -> dict[str, Any]:
    out: dict[str, Any] = {
        "url": source.url,
        "final_url": source.final_url,
        "input": source.input,
        "format": source.format,
        "path": source.path,
        "encoding": source.encoding,
        "encoding_source": source.encoding_source,
        "http_status": source.http_status,
        "fetched_at": source.fetched_at,
    }
    if source.record_offset is not None:  # WARC inputs only
        out["record_offset"] = source.record_offset
    return out


def _health(markup: HealthMarkup) -> dict[str, Any]:
    properties = {k: v if isinstance(v, str) else list(v) for k, v in markup.properties.items()}
    return {"type": markup.type, "properties": properties}


def _section(section: Section) -> dict[str, Any]:
    return {
        "id": section.id,
        "heading": section.heading,
        "level": section.level,
        "category": section.category,
        "health_aspect": section.health_aspect,
        "confidence": section.confidence,
        "evidence": list(section.evidence),
        "text": section.text,
        "blocks": [_block(b) for b in section.blocks],
        "items": list(section.items),
        "subsections": [_section(s) for s in section.subsections],
    }


def _block(block: Block) -> dict[str, Any]:
    out: dict[str, Any] = {"type": block.type, "text": block.text}
    if block.type == "heading":
        out["level"] = block.level
    if block.items:
        out["items"] = list(block.items)
    if block.path:
        out["path"] = block.path
    return out


# ------------------------------------------------------------------- text forms
def article_to_markdown(article: Article) -> str:
    lines: list[str] = []
    if article.title:
        lines += [f"# {article.title}", ""]
    for section in article.sections:
        _section_markdown(section, 2, lines)
    if article.related_posts:
        lines += ["---", "", "## Related posts", ""]
        for r in article.related_posts:
            label = r.title or (r.excerpt or "")[:80]
            lines.append(f"- [{label}]({r.url})" if r.url else f"- {label}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _section_markdown(section: Section, depth: int, lines: list[str]) -> None:
    if section.heading:
        lines += [f"{'#' * min(depth, 6)} {section.heading}", ""]
    for block in section.blocks:
        if block.type == "list":
            lines += [f"- {item}" for item in block.items]
        elif block.type == "quote":
            lines += [f"> {line}" for line in block.text.splitlines()]
        elif block.type == "code":
            lines += ["```", block.text, "```"]
        else:
            lines.append(block.text)
        lines.append("")
    for sub in section.subsections:
        _section_markdown(sub, depth + 1, lines)


def article_to_text(article: Article) -> str:
    head = f"{article.title}\n\n" if article.title else ""
    return head + article.text + "\n"
