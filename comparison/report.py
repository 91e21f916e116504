"""Render a comparison: one self-contained HTML file, JSON, the matrix as CSV, a Markdown report (in
Indonesian or English, the same sections as the HTML); and store its findings and matches in the corpus so
Datasette shows them."""

from __future__ import annotations

import csv
import io
import json
from html import escape

from .compare import Comparison, Finding, LineageNode, finding_row, match_row
from .view import (
    Card,
    date_words,
    entry_name,
    hierarchy_key,
    labels,
    message,
    per_level,
    per_severity,
    pinpoint,
    section_heading,
    sections,
    worst_gaps,
)

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem;color:#1d2430;max-width:1400px}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccd;padding-bottom:.3rem}
table.matrix{border-collapse:collapse;font-size:.8rem}
.matrix th,.matrix td{border:1px solid #d5d9e0;padding:.25rem .4rem;text-align:center}
.matrix th.entry{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;font-weight:normal}
.matrix td.letter{text-align:left;white-space:nowrap}
.present{background:#3f9b5a;color:#fff}.changed{background:#f0a030}.absent{background:#f3f4f6;color:#9aa}
.absent_required{background:#f6d5d1;color:#c0392b}
.legend span{display:inline-block;padding:.1rem .5rem;margin-right:.5rem;border-radius:3px}
.card{border:1px solid #d5d9e0;border-radius:4px;padding:.3rem .8rem;margin:.6rem 0}.card h4{margin:.3rem 0;font-size:1rem}
h3.province{margin:1.4rem 0 .4rem;color:#34495e}
details.gaps summary{cursor:pointer;font-weight:600}.qlabel{font-size:.75rem;color:#667;font-style:italic}
.doubt{font-size:.75rem;color:#a05a00}.outside{color:#667;font-style:italic}.open{font-style:italic;color:#667}
.finding{margin:.4rem 0 .8rem;padding:.4rem .6rem;border-left:4px solid #99a}
.high{border-color:#c0392b}td.sevcell{border-left:4px solid #99a}.medium{border-color:#e67e22}.low{border-color:#7f8c8d}.info{border-color:#2980b9}
.kind{font-weight:600}.sev{font-size:.75rem;text-transform:uppercase;color:#666;margin-left:.4rem}
blockquote{margin:.3rem 0 0;padding:.2rem .6rem;background:#f6f7f9;font-size:.9rem}
table.inst{border-collapse:collapse;font-size:.85rem}.inst td,.inst th{border:1px solid #d5d9e0;padding:.2rem .4rem}
.where{color:#667;font-size:.8rem}ul.tree{list-style:none;padding-left:1.2rem}ul.tree li:before{content:"↳ ";color:#99a}
"""


def _letter_label(ref, lang: str = "id") -> str:
    """A national letter by its issuer (every ministry is "Republik Indonesia"), a region's by its region."""
    who = ref.issuer if ref.level == "nasional" and ref.issuer else ref.region or ref.region_code or "?"
    return f"{who} — {ref.number or labels(lang)['no_number']}"


def _quote_label(f: Finding, lang: str) -> str:
    ev = f.evidence
    if ev and ev.quoted_from:
        return labels(lang)["quote_of"].format(number=ev.quoted_from.number or ev.quoted_from.source)
    return labels(lang)["quote_own"]


def _where(span, lang: str = "id") -> str:
    if span is None:
        return ""
    page = f", {labels(lang)['page']} {span.page}" if span.page else ""
    return f"[{span.start}:{span.end}{page}]"


def _status(cell, entry_required: bool) -> str:
    if cell is None or cell.status == "absent":
        return "absent_required" if entry_required else "absent"
    return cell.status


def to_json(result: Comparison) -> str:
    data = result.model_dump(mode="json")
    keys = (
        "catalog_version",
        "catalog",
        "election",
        "letters",
        "excluded",
        "matrix",
        "findings",
        "lineage",
        "matches",
        "instruments",
        "unmatched",
        "severities",
    )
    return json.dumps({k: data[k] for k in keys}, ensure_ascii=False, indent=2)


def to_csv(result: Comparison) -> str:
    """The coverage matrix: one row per letter, one column per catalogue entry; an absence its baseline
    requires is "absent_required"."""
    ids = [e["id"] for e in result.catalog]
    cells = {(c.letter_id, c.catalog_id): c for c in result.matrix}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["letter_id", "number", "region_code", "source", *ids])
    for ref in result.letters:
        if any((ref.id, i) in cells for i in ids):
            row = [_status(cells[(ref.id, i)], cells[(ref.id, i)].required) for i in ids]
            writer.writerow([ref.id, ref.number, ref.region_code, ref.source, *row])
    return out.getvalue()


def _md_escape(text: str) -> str:
    return text.replace("\n", " ").replace("|", "\\|")


def to_markdown(result: Comparison, lang: str = "id") -> str:
    """The report as Markdown: the same summary, cards and evidence as the HTML."""
    t = labels(lang)
    scoped = len({c.letter_id for c in result.matrix})
    lines = [
        "# edaran — " + t["title"],
        "",
        t["letters_read"].format(n=len(result.letters), m=scoped, k=len(result.letters) - scoped),
        t["catalogue"].format(version=result.catalog_version, n=len(result.catalog)),
        "",
        f"## {t['summary']}",
        "",
        f"### {t['by_level']}",
        "",
    ]
    for level, n, regions in per_level(result):
        lines.append(f"- **{t['level'].get(level, level)}** ({n}): " + ", ".join(f"{r} ({c})" for r, c in regions))
    lines += ["", f"### {t['by_severity']}", "", f"| {t['by_severity']} | {t['count']} |", "|---|---|"]
    lines += [f"| {t['severity'][s]} | {n} |" for s, n in per_severity(result)]
    lines += ["", f"### {t['worst_gaps']}", ""]
    lines += [
        f"- {t['worst_gap_line'].format(act=entry_name(e, lang), n=n)} ({pinpoint(e)})" for e, n in worst_gaps(result)
    ] or [f"- {t['none']}"]
    lines += ["", f"## {t['letters']}", ""]
    outside = {x.letter.id: x for x in result.excluded}
    for card, heading in _under_headings(result):
        ref = card.letter
        if heading is not None:
            lines += [f"### {_md_escape(section_heading(heading, lang))}", ""]
        lines += [
            f"#### {_md_escape(_letter_label(ref, lang))}",
            "",
            f"{_md_escape(ref.issuer or '')} · {date_words(ref.date, lang)} · {_md_escape(ref.subject or '')} · "
            f"`{ref.source}`",
            "",
        ]
        if ref.id in outside:
            lines += [f"_{t['out_of_scope']}: {_md_escape(_reason(result, outside[ref.id], lang))}_", ""]
        for baseline, gaps in card.gaps.items():
            lines.append(f"- **{t['baseline'].get(baseline, baseline)}** — {t['gaps_line'].format(n=len(gaps))}:")
            lines += [
                f"  - ({t['severity'][f.severity]}) {t['kind'].get(f.kind, f.kind)}: "
                f"{_md_escape(message(f, result, lang))}" + _md_quote(f, lang, "    ")
                for f in gaps
            ]
        for f in card.others:
            lines.append(
                f"- ({t['severity'][f.severity]}) **{t['kind'].get(f.kind, f.kind)}**: "
                f"{_md_escape(message(f, result, lang))}" + _md_doubt(f, lang) + _md_quote(f, lang, "  ")
            )
        if not card.gaps and not card.others:
            lines.append(t["no_findings"])
        lines.append("")
    lines += [f"## {t['lineage']}", ""]
    lines += _md_tree(result.lineage, lang, "") or [t["no_lineage"]]
    lines += ["", f"## {t['out_of_scope']}", ""]
    lines += [
        f"- {_md_escape(_letter_label(x.letter, lang))} `{x.letter.source}`: {_reason(result, x, lang)}"
        for x in result.excluded
    ] or [f"- {t['none']}"]
    return "\n".join(lines) + "\n"


def _under_headings(result: Comparison) -> list[tuple[Card, str | None]]:
    """Every card with the heading that opens before it (None when it continues the heading above)."""
    return [(card, key if i == 0 else None) for key, group in sections(result) for i, card in enumerate(group)]


def _md_tree(nodes: list[LineageNode], lang: str, indent: str) -> list[str]:
    out = []
    for n in nodes:
        head = (
            f"_{_md_escape(n.cited or '?')}_ ({labels(lang)['open_node']})"
            if n.letter is None
            else f"{_md_escape(_letter_label(n.letter, lang))} `{n.letter.source}`"
        )
        out += [f"{indent}- {head}", *_md_tree(n.children, lang, indent + "  ")]
    return out


def _md_doubt(f: Finding, lang: str) -> str:
    return f" ({labels(lang)['doubtful'].format(field=f.doubtful)})" if f.doubtful else ""


def _md_quote(f: Finding, lang: str, indent: str) -> str:
    if not (f.evidence and f.evidence.text):
        return ""
    return f"\n{indent}> {_quote_label(f, lang)} {_where(f.evidence.span, lang)}: “{_md_escape(f.evidence.text)}”"


def _reason(result: Comparison, x, lang: str) -> str:
    subject = result.subject.get(lang) or result.subject.get("id") or ""
    text = labels(lang)["reason"].get(x.reason, x.reason).format(subject=subject)
    return text + (f" (“{x.subject}”)" if x.subject and x.reason == "other_subject" else "")


def _tree(nodes: list[LineageNode], lang: str) -> str:
    if not nodes:
        return ""
    items = []
    for n in nodes:
        if n.letter is None:
            head = (
                f"<span class=open>{escape(n.cited or '?')} "
                f"<span class=where>({escape(labels(lang)['open_node'])})</span></span>"
            )
        else:
            head = f"{escape(_letter_label(n.letter, lang))} <span class=where>{escape(n.letter.source)}</span>"
        items.append(f"<li>{head}{_tree(n.children, lang)}</li>")
    return f"<ul class=tree>{''.join(items)}</ul>"


def _html_finding(f: Finding, result: Comparison, lang: str) -> str:
    t = labels(lang)
    quote = ""
    if f.evidence and f.evidence.text:
        quote = (
            f"<blockquote><span class=qlabel>{escape(_quote_label(f, lang))}</span> "
            f"{escape(f.evidence.text)} <span class=where>{escape(_where(f.evidence.span, lang))}</span></blockquote>"
        )
    doubt = f" <span class=doubt>{escape(t['doubtful'].format(field=f.doubtful))}</span>" if f.doubtful else ""
    return (
        f"<div class='finding {escape(f.severity)}'><span class=kind>{escape(t['kind'].get(f.kind, f.kind))}"
        f"</span><span class=sev>{escape(t['severity'].get(f.severity, f.severity))}</span> "
        f"{escape(message(f, result, lang))}{doubt}{quote}</div>"
    )


def to_html(result: Comparison, lang: str = "id") -> str:
    """One file a legal bureau can open and send on: the summary first, then a card per letter in the order
    of government, the matrix, the lineage, the letters out of scope. Every piece of letter text is escaped."""
    t = labels(lang)
    ids = [e["id"] for e in result.catalog]
    cells = {(c.letter_id, c.catalog_id): c for c in result.matrix}
    scoped = [ref for ref in sorted(result.letters, key=hierarchy_key) if any((ref.id, i) in cells for i in ids)]
    head = "".join(
        f"<th class=entry title='{escape(pinpoint(e), quote=True)}'>{escape(entry_name(e, lang))}</th>"
        for e in result.catalog
    )
    body = []
    marks = {"present": "●", "changed": "◐", "absent_required": "✕", "absent": ""}
    for ref in scoped:
        tds = []
        for i in ids:
            cell = cells[(ref.id, i)]
            status = _status(cell, cell.required)
            tip = t["status"][status] + (f": {cell.item} — {cell.text}" if cell.item and cell.text else "")
            tds.append(f"<td class={status} title='{escape(tip, quote=True)}'>{marks[status]}</td>")
        body.append(
            f"<tr><td class=letter title='{escape(ref.source, quote=True)}'>"
            f"{escape(_letter_label(ref, lang))}</td>" + "".join(tds) + "</tr>"
        )
    levels = "".join(
        f"<li><b>{escape(t['level'].get(lv, lv))}</b> ({n}): "
        + escape(", ".join(f"{r} ({c})" for r, c in regions))
        + "</li>"
        for lv, n, regions in per_level(result)
    )
    severities = "".join(
        f"<tr><td class='sevcell {s}'>{escape(t['severity'][s])}</td><td>{n}</td></tr>" for s, n in per_severity(result)
    )
    worst = "".join(
        f"<li>{escape(t['worst_gap_line'].format(act=entry_name(e, lang), n=n))} "
        f"<span class=where>{escape(pinpoint(e))}</span></li>"
        for e, n in worst_gaps(result)
    )
    letter_cards = []
    outside = {x.letter.id: x for x in result.excluded}
    for card, heading in _under_headings(result):
        ref = card.letter
        if heading is not None:
            code = heading.split(" ", 1)[0]
            letter_cards.append(
                f"<h3 class=province id='region-{escape(code, quote=True)}'>"
                f"{escape(section_heading(heading, lang))}</h3>"
            )
        parts = (
            [f"<p class=outside>{escape(t['out_of_scope'])}: {escape(_reason(result, outside[ref.id], lang))}</p>"]
            if ref.id in outside
            else []
        )
        for baseline, gaps in card.gaps.items():
            parts.append(
                f"<details class=gaps><summary>{escape(t['baseline'].get(baseline, baseline))} — "
                f"{escape(t['gaps_line'].format(n=len(gaps)))}</summary>"
                + "".join(_html_finding(f, result, lang) for f in gaps)
                + "</details>"
            )
        parts += [_html_finding(f, result, lang) for f in card.others]
        letter_cards.append(
            f"<section class=card id='letter-{escape(ref.id, quote=True)}'><h4>{escape(_letter_label(ref, lang))}</h4>"
            f"<p class=where>{escape(t['level'].get(ref.level or '', ref.level or ''))} · "
            f"{escape(ref.issuer or '')} · {escape(date_words(ref.date, lang))} · {escape(ref.subject or '')} · "
            f"{escape(ref.source)}</p>{''.join(parts) or '<p>' + escape(t['no_findings']) + '</p>'}</section>"
        )
    excluded = "".join(
        f"<li>{escape(_letter_label(x.letter, lang))} <span class=where>{escape(x.letter.source)}"
        f"</span>: {escape(_reason(result, x, lang))}</li>"
        for x in result.excluded
    )
    h = t["inst_head"]
    instruments = "".join(
        f"<tr><td>{escape(i['kind'].upper())}</td><td>{escape(', '.join(i['spellings']) or '-')}</td>"
        f"<td>{i['year'] or ''}</td><td>{escape(i['title'] or '')}</td><td>{len(i['letters'])}</td></tr>"
        for i in result.instruments
    )
    unmatched = "".join(
        f"<li>{escape(g['text'])} <span class=where>("
        f"{escape(t['regions'].format(r=g['regions'], l=len(g['letters'])))})</span></li>"
        for g in result.unmatched
    )
    legend = "".join(f"<span class={s}>{marks[s] or '&nbsp;'} {escape(t['status'][s])}</span>" for s in marks)
    return f"""<!doctype html><html lang={escape(lang)}><head><meta charset=utf-8>
<title>edaran — {escape(t["title"])} ({len(result.letters)})</title><style>{_CSS}</style></head><body>
<h1>{escape(t["title"])}</h1>
<p>{escape(t["letters_read"].format(n=len(result.letters), m=len(scoped), k=len(result.letters) - len(scoped)))}
{escape(t["catalogue"].format(version=result.catalog_version, n=len(ids)))}</p>
<section id=summary><h2>{escape(t["summary"])}</h2>
<h3>{escape(t["by_level"])}</h3><ul>{levels}</ul>
<h3>{escape(t["by_severity"])}</h3><table class=inst>{severities}</table>
<h3>{escape(t["worst_gaps"])}</h3><ul>{worst or "<li>" + escape(t["none"]) + "</li>"}</ul></section>
<h2>{escape(t["letters"])}</h2>{"".join(letter_cards)}
<h2>{escape(t["matrix"])}</h2><p class=legend>{legend}</p>
<table class=matrix id=matrix><thead><tr><th>{escape(t["letter_col"])}</th>{head}</tr></thead>
<tbody>{"".join(body)}</tbody></table>
<h2>{escape(t["lineage"])}</h2>{_tree(result.lineage, lang) or "<p>" + escape(t["no_lineage"]) + "</p>"}
<h2>{escape(t["out_of_scope"])}</h2><ul id=excluded>{excluded or "<li>" + escape(t["none"]) + "</li>"}</ul>
<h2>{escape(t["instruments"])}</h2><table class=inst><thead><tr>{"".join(f"<th>{escape(x)}</th>" for x in h)}</tr>
</thead><tbody>{instruments}</tbody></table>
<h2>{escape(t["unmatched"])}</h2><ul>{unmatched or "<li>" + escape(t["none"]) + "</li>"}</ul>
</body></html>
"""


def to_rows(result: Comparison) -> tuple[str, list[tuple], list[tuple]]:
    """The comparison as the rows the corpus stores (:func:`edaran.corpus.store.save_comparison`): its
    election ("all" for the whole corpus), the findings and the matches."""
    election = result.election or "all"
    findings = [finding_row(f, election) for f in result.findings]
    matches = [match_row(m, election) for m in result.matches]
    return election, findings, matches
