"""Render a comparison: one self-contained HTML file, JSON, the matrix as CSV, a Markdown summary;
and store its findings and matches in the corpus so Datasette shows them."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from html import escape

import sqlite_utils

from .compare import Comparison, LineageNode

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem;color:#1d2430;max-width:1400px}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccd;padding-bottom:.3rem}
table.matrix{border-collapse:collapse;font-size:.8rem}
.matrix th,.matrix td{border:1px solid #d5d9e0;padding:.25rem .4rem;text-align:center}
.matrix th.entry{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;font-weight:normal}
.matrix td.letter{text-align:left;white-space:nowrap}
td.present{background:#3f9b5a;color:#fff}td.changed{background:#f0a030}td.absent{background:#f3f4f6;color:#9aa}
.legend span{display:inline-block;padding:.1rem .5rem;margin-right:.5rem;border-radius:3px}
.finding{margin:.4rem 0 .8rem;padding:.4rem .6rem;border-left:4px solid #99a}
.high{border-color:#c0392b}.medium{border-color:#e67e22}.low{border-color:#7f8c8d}.info{border-color:#2980b9}
.kind{font-weight:600}.sev{font-size:.75rem;text-transform:uppercase;color:#666;margin-left:.4rem}
blockquote{margin:.3rem 0 0;padding:.2rem .6rem;background:#f6f7f9;font-size:.9rem}
table.inst{border-collapse:collapse;font-size:.85rem}.inst td,.inst th{border:1px solid #d5d9e0;padding:.2rem .4rem}
.where{color:#667;font-size:.8rem}ul.tree{list-style:none;padding-left:1.2rem}ul.tree li:before{content:"↳ ";color:#99a}
"""


def _letter_label(ref) -> str:
    return f"{ref.region or ref.region_code or '?'} — {ref.number or '(no number)'}"


def to_json(result: Comparison) -> str:
    data = result.model_dump(mode="json")
    keys = ("catalog_version", "catalog", "letters", "matrix", "findings", "lineage", "matches", "instruments",
            "unmatched")
    return json.dumps({k: data[k] for k in keys}, ensure_ascii=False, indent=2)


def to_csv(result: Comparison) -> str:
    """The coverage matrix: one row per letter, one column per catalogue entry."""
    ids = [e["id"] for e in result.catalog]
    cells = {(c.letter_id, c.catalog_id): c.status for c in result.matrix}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["letter_id", "number", "region_code", "source", *ids])
    for ref in result.letters:
        if any((ref.id, i) in cells for i in ids):
            writer.writerow([ref.id, ref.number, ref.region_code, ref.source, *[cells.get((ref.id, i), "") for i in ids]])
    return out.getvalue()


def to_markdown(result: Comparison) -> str:
    counts: dict[str, int] = defaultdict(int)
    for f in result.findings:
        counts[f.kind] += 1
    lines = ["# edaran comparison", "", f"{len(result.letters)} letters, catalogue {result.catalog_version} "
             f"({len(result.catalog)} acts), {len(result.findings)} findings.", "", "| finding | count |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])]
    lines += ["", "## Findings", ""]
    for f in result.findings:
        lines.append(f"- **{f.kind}** ({f.severity}) {_letter_label(f.letter)} `{f.letter.source}`: {f.message}")
    return "\n".join(lines) + "\n"


def _tree(nodes: list[LineageNode]) -> str:
    if not nodes:
        return ""
    items = "".join(f"<li>{escape(_letter_label(n.letter))} <span class=where>{escape(n.letter.source)}</span>"
                    f"{_tree(n.children)}</li>" for n in nodes)
    return f"<ul class=tree>{items}</ul>"


def to_html(result: Comparison) -> str:
    """One file a legal bureau can open and send on: every piece of letter text is escaped."""
    ids = [e["id"] for e in result.catalog]
    wording = {e["id"]: e["wording"] for e in result.catalog}
    cells = {(c.letter_id, c.catalog_id): c for c in result.matrix}
    rows = [ref for ref in result.letters if any((ref.id, i) in cells for i in ids)]
    head = "".join(f"<th class=entry title='{escape(wording[i], quote=True)}'>{escape(i)}</th>" for i in ids)
    body = []
    for ref in sorted(rows, key=lambda r: (r.region_code or "", r.number or "")):
        tds = []
        for i in ids:
            cell = cells.get((ref.id, i))
            status = cell.status if cell else "absent"
            tip = f"{status}: item {cell.item} — {cell.reason}" if cell and cell.item else status
            mark = {"present": "●", "changed": "◐", "absent": ""}[status]
            tds.append(f"<td class={status} title='{escape(tip, quote=True)}'>{mark}</td>")
        body.append(f"<tr><td class=letter title='{escape(ref.source, quote=True)}'>{escape(_letter_label(ref))}</td>"
                    + "".join(tds) + "</tr>")
    by_region: dict[str, list] = defaultdict(list)
    for f in result.findings:
        by_region[f.letter.region or f.letter.region_code or "unknown region"].append(f)
    sections = []
    for region in sorted(by_region):
        parts = []
        for f in by_region[region]:
            quote = ""
            if f.evidence and f.evidence.text:
                where = ""
                if f.evidence.span:
                    s = f.evidence.span
                    where = f" <span class=where>[{s.start}:{s.end}{', page ' + str(s.page) if s.page else ''}]</span>"
                quote = f"<blockquote>{escape(f.evidence.text)}{where}</blockquote>"
            parts.append(f"<div class='finding {escape(f.severity)}'><span class=kind>{escape(f.kind)}</span>"
                         f"<span class=sev>{escape(f.severity)}</span> — {escape(f.letter.number or '(no number)')} "
                         f"<span class=where>{escape(f.letter.source)}</span><br>{escape(f.message)}{quote}</div>")
        sections.append(f"<h3>{escape(region)}</h3>" + "".join(parts))
    instruments = "".join(
        f"<tr><td>{escape(i['kind'].upper())}</td><td>{escape(', '.join(i['spellings']) or '-')}</td>"
        f"<td>{i['year'] or ''}</td><td>{escape(i['title'] or '')}</td><td>{len(i['letters'])}</td></tr>"
        for i in result.instruments)
    unmatched = "".join(f"<li>{escape(g['text'])} <span class=where>({g['regions']} region(s), "
                        f"{len(g['letters'])} letter(s))</span></li>" for g in result.unmatched)
    return f"""<!doctype html><html lang=en><head><meta charset=utf-8>
<title>edaran — comparison of {len(result.letters)} letters</title><style>{_CSS}</style></head><body>
<h1>Comparison of {len(result.letters)} letters</h1>
<p>Catalogue {escape(result.catalog_version)}: {len(ids)} prohibited acts. {len(result.findings)} findings.</p>
<h2>Coverage</h2>
<p class=legend><span class=present style="background:#3f9b5a;color:#fff">● states the act</span>
<span style="background:#f0a030">◐ states it with changed wording</span>
<span style="background:#f3f4f6">absent</span></p>
<table class=matrix id=matrix><thead><tr><th>letter</th>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>
<h2>Findings by region</h2>{''.join(sections) or '<p>none</p>'}
<h2>Lineage</h2>{_tree(result.lineage) or '<p>No letter in the corpus follows another letter of the corpus.</p>'}
<h2>Cited instruments</h2><table class=inst><thead><tr><th>kind</th><th>numbers as written</th><th>year</th>
<th>title</th><th>letters</th></tr></thead><tbody>{instruments}</tbody></table>
<h2>Acts no catalogue entry states</h2><ul>{unmatched or '<li>none</li>'}</ul>
</body></html>
"""


def store(db: sqlite_utils.Database, result: Comparison) -> None:
    """Replace the corpus's findings and matches with this comparison's, in one transaction.

    sqlite-utils' ``insert_all`` commits on its own, so a compare killed mid-write once left the old
    rows deleted and only part of the new ones; plain statements inside one BEGIN..COMMIT leave either
    the old comparison or the new one."""
    findings = [(f.letter.id, f.kind, f.severity, f.catalog_id, f.message, f.evidence.text if f.evidence else None,
                 f.evidence.span.start if f.evidence and f.evidence.span else None,
                 f.evidence.span.end if f.evidence and f.evidence.span else None,
                 f.evidence.span.page if f.evidence and f.evidence.span else None) for f in result.findings]
    matches = [(m.letter_id, m.item, m.catalog_id, m.score, m.status, m.reason) for m in result.matches]
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("DELETE FROM findings")
        conn.execute("DELETE FROM matches")
        conn.executemany("INSERT INTO findings (letter_id, kind, severity, catalog_id, message, evidence, start, "
                         "[end], page) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", findings)
        conn.executemany("INSERT INTO matches (letter_id, item_path, catalog_id, score, status, reason) "
                         "VALUES (?, ?, ?, ?, ?, ?)", matches)
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
