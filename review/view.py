"""What the letter page shows: every value with its box, confidence, warnings and colour, and the item trees.

Built once from the effective record and shared by the web application and ``edaran show --html``, so the file a
person mails to a colleague is the page they reviewed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..corpus.corrections import ITEM_KINDS, SCALARS, Correction
from ..schema.letter import Election, Item, Letter, Region
from ..schema.provenance import Span

#: One colour per group of fields (the part of the path before the first dot), readable on a white page.
COLOURS = {
    "number": "#d62728",
    "date": "#1f77b4",
    "place": "#17becf",
    "subject": "#2ca02c",
    "doc_type": "#7f7f7f",
    "issuer": "#9467bd",
    "signatory": "#8c564b",
    "addressees": "#e377c2",
    "tembusan": "#bcbd22",
    "election": "#ff7f0e",
    "citations": "#6b6ecf",
    "prohibitions": "#e6550d",
    "obligations": "#31a354",
}


def colour(path: str) -> str:
    return COLOURS.get(path.split(".")[0], "#555555")


def _box(span: Span | None, sizes: list[tuple[float, float]] | None) -> dict | None:
    """The span's box as percentages of its page (the image scales with the window), or None without one."""
    if span is None or span.bbox is None or span.page is None or not sizes or span.page > len(sizes):
        return None
    width, height = sizes[span.page - 1]
    x0, top, x1, bottom = span.bbox
    return {
        "page": span.page,
        "left": 100 * x0 / width,
        "top": 100 * top / height,
        "width": 100 * (x1 - x0) / width,
        "height": 100 * (bottom - top) / height,
    }


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Region):
        return f"{value.name} ({value.code or value.level})"
    if isinstance(value, Election):
        return f"{value.kind} {value.year or ''}".strip()
    return str(value)


def _value_at(letter: Letter, path: str) -> object:
    node: object = letter
    for part in path.split("."):
        if isinstance(node, list):
            index = int(part)
            node = node[index] if index < len(node) else None
        else:
            node = getattr(node, part, None)
    return node


def letter_view(
    letter: Letter, sizes: list[tuple[float, float]] | None, text: str, corrections: Sequence[Correction] = ()
) -> dict:
    """The values, trees and pages of the letter page (plain data: it goes to the template and, as JSON, the script).

    ``corrections`` mark the items and citations a person set (scalars say so by their ``corrected`` warning)."""
    warnings: dict[str, list[str]] = {}
    corrected: set[str] = set()
    for w in letter.warnings:
        warnings.setdefault(w.field or "", []).append(f"{w.code}: {w.message}")
        if w.code == "corrected" and w.field:
            corrected.add(w.field)
    for c in corrections:
        if c.after and c.field in ITEM_KINDS:
            corrected.add(f"{c.after['kind']}:{' '.join(c.after['text'].split())}")
        elif c.after and c.field == "citations":
            corrected.add(f"citation:{c.after['kind']}:{c.after.get('number')}")
    paths = list(SCALARS) + [p for p in letter.spans if p not in SCALARS]
    values = []
    for path in paths:
        span = letter.spans.get(path)
        value = _value_at(letter, path)
        editable = path in SCALARS
        if not editable and span is None and value in (None, ""):
            continue
        values.append(
            {
                "path": path,
                "kind": "scalar",
                "value": _shown(value),
                "editable": editable,
                "confidence": letter.confidence.get(path),
                "warnings": warnings.get(path, []),
                "corrected": path in corrected,
                "colour": colour(path),
                "box": _box(span, sizes),
                "quote": _quote(text, span),
            }
        )
    trees = {
        kind: [_item(kind, f"{kind}.{i}", item, sizes, corrected) for i, item in enumerate(getattr(letter, kind))]
        for kind in ("prohibitions", "obligations")
    }
    for items in trees.values():
        values.extend(_walk(items))
    for i, cit in enumerate(letter.citations):
        label = " ".join(str(x) for x in (cit.kind, cit.number, cit.year) if x)
        values.append(
            {
                "path": f"citations.{i}",
                "kind": "citation",
                "value": label,
                "editable": False,
                "citation": {"kind": cit.kind, "number": cit.number, "year": cit.year},
                "confidence": None,
                "warnings": [],
                "corrected": f"citation:{cit.kind}:{cit.number}" in corrected,
                "colour": colour("citations"),
                "box": _box(cit.span, sizes),
                "quote": _quote(text, cit.span),
            }
        )
    return {
        "values": values,
        "trees": trees,
        "warnings": warnings.get("", []),
        "review": letter.review.model_dump(),
        "pages": len(sizes) if sizes else 0,
        "segments": [] if sizes else _segments(text, values, letter),
    }


def _quote(text: str, span: Span | None) -> str:
    return " ".join(text[span.start : span.end].split())[:300] if span and span.end > span.start else ""


def _item(kind: str, path: str, item: Item, sizes, corrected: set) -> dict:
    return {
        "path": path,
        "kind": "item",
        "list": kind,
        "label": item.label,
        "value": item.text,
        "editable": True,
        "confidence": None,
        "warnings": [],
        "corrected": f"{kind}:{' '.join(item.text.split())}" in corrected,
        "colour": colour(kind),
        "box": _box(item.span, sizes),
        "start": item.span.start,
        "end": item.span.end,
        "children": [_item(kind, f"{path}.{j}", child, sizes, corrected) for j, child in enumerate(item.children)],
    }


def _walk(items: list[dict]):
    for item in items:
        yield {k: v for k, v in item.items() if k != "children"}
        yield from _walk(item["children"])


def _segments(text: str, values: list[dict], letter: Letter) -> list[dict]:
    """A text letter cut into runs, each run marked with the value read there (the first, where spans overlap)."""
    spans = []
    for v in values:
        span = letter.spans.get(v["path"]) if v["kind"] == "scalar" else None
        if v["kind"] == "item":
            span = Span(start=v["start"], end=v["end"])
        elif v["kind"] == "citation":
            span = letter.citations[int(v["path"].split(".")[1])].span
        if span and span.end > span.start:
            spans.append((span.start, span.end, v["path"], v["colour"]))
    spans.sort(key=lambda s: (s[0], -s[1]))
    out, at = [], 0
    for start, end, path, hue in spans:
        if start < at:
            continue
        if start > at:
            out.append({"text": text[at:start]})
        out.append({"text": text[start:end], "path": path, "colour": hue})
        at = end
    out.append({"text": text[at:]})
    return out
