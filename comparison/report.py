"""Render a comparison: one self-contained HTML file, JSON, the matrix as CSV, a Markdown report (in
Indonesian or English, the same sections as the HTML); and store its findings and matches in the corpus so
Datasette shows them.

Each report is written to a stream as it is read from a :class:`~.spool.Spool`, one letter at a time, so a
report of any size is written in the memory of one letter's parts (a comparison held in memory is spooled
first: one renderer serves both)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from html import escape
from typing import TextIO

from .compare import Comparison, Excluded, Finding, LineageNode, finding_row, match_row
from .spool import Mark, Spool
from .view import date_words, entry_name, labels, message, pinpoint, section_heading

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


def _status(cell: Mark) -> str:
    if cell.status == "absent":
        return "absent_required" if cell.required else "absent"
    return cell.status


#: The JSON report's keys, in the order written; those of :data:`_STREAMED` are read from the spool's parts.
_JSON_KEYS = (
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
_STREAMED = {
    "letters": "letters",
    "excluded": "excluded",
    "matrix": "cells",
    "findings": "findings",
    "matches": "matches",
    "unmatched": "unmatched",
}


def _indented(value: object, indent: str) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)


def write_json(spool: Spool, out: TextIO) -> None:
    """The comparison as one JSON object, written part by part (the text ``json.dumps(..., indent=2)`` gives)."""
    across = spool.across.model_dump(mode="json")
    out.write("{")
    for n, key in enumerate(_JSON_KEYS):
        out.write(("," if n else "") + f"\n  {json.dumps(key)}: ")
        if key not in _STREAMED:
            out.write(_indented(across[key], "  "))
            continue
        empty = True
        for part in spool.parts(_STREAMED[key]):
            out.write(("[\n    " if empty else ",\n    ") + _indented(part, "    "))
            empty = False
        out.write("[]" if empty else "\n  ]")
    out.write("\n}")


def write_csv(spool: Spool, out: TextIO) -> None:
    """The coverage matrix: one row per letter, one column per catalogue entry; an absence its baseline
    requires is "absent_required"."""
    ids = [e["id"] for e in spool.across.catalog]
    writer = csv.writer(out)
    writer.writerow(["letter_id", "number", "region_code", "source", *ids])
    for ref, cells in spool.rows(by_government=False):
        writer.writerow([ref.id, ref.number, ref.region_code, ref.source, *(_status(cells[i]) for i in ids)])


def _md_escape(text: str) -> str:
    return text.replace("\n", " ").replace("|", "\\|")


def write_markdown(spool: Spool, out: TextIO, lang: str = "id") -> None:
    """The report as Markdown: the same summary, cards and evidence as the HTML."""
    t = labels(lang)
    entries = spool.entries

    def lines(*texts: str) -> None:
        out.writelines(text + "\n" for text in texts)

    n, scoped = spool.letter_count, spool.matrix_count
    lines(
        "# edaran — " + t["title"],
        "",
        t["letters_read"].format(n=n, m=scoped, k=n - scoped),
        t["catalogue"].format(version=spool.across.catalog_version, n=len(entries)),
        "",
        f"## {t['summary']}",
        "",
        f"### {t['by_level']}",
        "",
    )
    for level, count, regions in spool.per_level():
        lines(f"- **{t['level'].get(level, level)}** ({count}): " + ", ".join(f"{r} ({c})" for r, c in regions))
    lines("", f"### {t['by_severity']}", "", f"| {t['by_severity']} | {t['count']} |", "|---|---|")
    lines(*(f"| {t['severity'][s]} | {count} |" for s, count in spool.per_severity()))
    lines("", f"### {t['worst_gaps']}", "")
    worst = [
        f"- {t['worst_gap_line'].format(act=entry_name(e, lang), n=count)} ({pinpoint(e)})"
        for e, count in spool.worst_gaps()
    ]
    lines(*(worst or [f"- {t['none']}"]))
    lines("", f"## {t['letters']}", "")
    for card, heading in spool.cards():
        ref = card.letter
        if heading is not None:
            lines(f"### {_md_escape(section_heading(heading, lang))}", "")
        lines(
            f"#### {_md_escape(_letter_label(ref, lang))}",
            "",
            f"{_md_escape(ref.issuer or '')} · {date_words(ref.date, lang)} · {_md_escape(ref.subject or '')} · "
            f"`{ref.source}`",
            "",
        )
        if card.outside:
            lines(f"_{t['out_of_scope']}: {_md_escape(_reason(spool, card.outside, lang))}_", "")
        for baseline, gaps in card.gaps.items():
            lines(f"- **{t['baseline'].get(baseline, baseline)}** — {t['gaps_line'].format(n=len(gaps))}:")
            lines(
                *(
                    f"  - ({t['severity'][f.severity]}) {t['kind'].get(f.kind, f.kind)}: "
                    f"{_md_escape(message(f, entries, lang))}" + _md_quote(f, lang, "    ")
                    for f in gaps
                )
            )
        for f in card.others:
            lines(
                f"- ({t['severity'][f.severity]}) **{t['kind'].get(f.kind, f.kind)}**: "
                f"{_md_escape(message(f, entries, lang))}" + _md_doubt(f, lang) + _md_quote(f, lang, "  ")
            )
        if not card.gaps and not card.others:
            lines(t["no_findings"])
        lines("")
    lines(f"## {t['lineage']}", "")
    lines(*(_md_tree(spool.across.lineage, lang, "") or [t["no_lineage"]]))
    lines("", f"## {t['out_of_scope']}", "")
    if not _each(
        spool.excluded_letters(),
        lambda x: lines(
            f"- {_md_escape(_letter_label(x.letter, lang))} `{x.letter.source}`: {_reason(spool, x, lang)}"
        ),
    ):
        lines(f"- {t['none']}")


def _each(parts: Iterable, write: Callable) -> bool:
    """Write every part; whether there was any."""
    found = False
    for part in parts:
        write(part)
        found = True
    return found


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


def _reason(spool: Spool, x: Excluded, lang: str) -> str:
    subject = spool.across.subject.get(lang) or spool.across.subject.get("id") or ""
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


def _html_finding(f: Finding, entries: dict[str, dict], lang: str) -> str:
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
        f"{escape(message(f, entries, lang))}{doubt}{quote}</div>"
    )


#: The matrix's mark per status.
_MARKS = {"present": "●", "changed": "◐", "absent_required": "✕", "absent": ""}


def write_html(spool: Spool, out: TextIO, lang: str = "id") -> None:
    """One file a legal bureau can open and send on: the summary first, then a card per letter in the order
    of government, the matrix, the lineage, the letters out of scope. Every piece of letter text is escaped."""
    t = labels(lang)
    across = spool.across
    entries = spool.entries
    n, scoped = spool.letter_count, spool.matrix_count
    levels = "".join(
        f"<li><b>{escape(t['level'].get(lv, lv))}</b> ({count}): "
        + escape(", ".join(f"{r} ({c})" for r, c in regions))
        + "</li>"
        for lv, count, regions in spool.per_level()
    )
    severities = "".join(
        f"<tr><td class='sevcell {s}'>{escape(t['severity'][s])}</td><td>{count}</td></tr>"
        for s, count in spool.per_severity()
    )
    worst = "".join(
        f"<li>{escape(t['worst_gap_line'].format(act=entry_name(e, lang), n=count))} "
        f"<span class=where>{escape(pinpoint(e))}</span></li>"
        for e, count in spool.worst_gaps()
    )
    out.write(f"""<!doctype html><html lang={escape(lang)}><head><meta charset=utf-8>
<title>edaran — {escape(t["title"])} ({n})</title><style>{_CSS}</style></head><body>
<h1>{escape(t["title"])}</h1>
<p>{escape(t["letters_read"].format(n=n, m=scoped, k=n - scoped))}
{escape(t["catalogue"].format(version=across.catalog_version, n=len(entries)))}</p>
<section id=summary><h2>{escape(t["summary"])}</h2>
<h3>{escape(t["by_level"])}</h3><ul>{levels}</ul>
<h3>{escape(t["by_severity"])}</h3><table class=inst>{severities}</table>
<h3>{escape(t["worst_gaps"])}</h3><ul>{worst or "<li>" + escape(t["none"]) + "</li>"}</ul></section>
<h2>{escape(t["letters"])}</h2>""")
    for card, heading in spool.cards():
        out.write(_html_card(card, heading, spool, entries, lang))
    head = "".join(
        f"<th class=entry title='{escape(pinpoint(e), quote=True)}'>{escape(entry_name(e, lang))}</th>"
        for e in across.catalog
    )
    legend = "".join(f"<span class={s}>{_MARKS[s] or '&nbsp;'} {escape(t['status'][s])}</span>" for s in _MARKS)
    out.write(f"""
<h2>{escape(t["matrix"])}</h2><p class=legend>{legend}</p>
<table class=matrix id=matrix><thead><tr><th>{escape(t["letter_col"])}</th>{head}</tr></thead>
<tbody>""")
    ids = [e["id"] for e in across.catalog]
    for ref, cells in spool.rows(by_government=True):
        tds = []
        for i in ids:
            cell = cells[i]
            status = _status(cell)
            tip = t["status"][status] + (f": {cell.item} — {cell.text}" if cell.item and cell.text else "")
            tds.append(f"<td class={status} title='{escape(tip, quote=True)}'>{_MARKS[status]}</td>")
        out.write(
            f"<tr><td class=letter title='{escape(ref.source, quote=True)}'>"
            f"{escape(_letter_label(ref, lang))}</td>" + "".join(tds) + "</tr>"
        )
    out.write(f"""</tbody></table>
<h2>{escape(t["lineage"])}</h2>{_tree(across.lineage, lang) or "<p>" + escape(t["no_lineage"]) + "</p>"}
<h2>{escape(t["out_of_scope"])}</h2><ul id=excluded>""")
    if not _each(
        spool.excluded_letters(),
        lambda x: out.write(
            f"<li>{escape(_letter_label(x.letter, lang))} <span class=where>{escape(x.letter.source)}"
            f"</span>: {escape(_reason(spool, x, lang))}</li>"
        ),
    ):
        out.write("<li>" + escape(t["none"]) + "</li>")
    h = t["inst_head"]
    instruments = "".join(
        f"<tr><td>{escape(i['kind'].upper())}</td><td>{escape(', '.join(i['spellings']) or '-')}</td>"
        f"<td>{i['year'] or ''}</td><td>{escape(i['title'] or '')}</td><td>{len(i['letters'])}</td></tr>"
        for i in across.instruments
    )
    unmatched = "".join(
        f"<li>{escape(text)} <span class=where>({escape(t['regions'].format(r=regions, l=letters))})</span></li>"
        for text, regions, letters in spool.unmatched()
    )
    out.write(f"""</ul>
<h2>{escape(t["instruments"])}</h2><table class=inst><thead><tr>{"".join(f"<th>{escape(x)}</th>" for x in h)}</tr>
</thead><tbody>{instruments}</tbody></table>
<h2>{escape(t["unmatched"])}</h2><ul>{unmatched or "<li>" + escape(t["none"]) + "</li>"}</ul>
</body></html>
""")


def _html_card(card, heading: str | None, spool: Spool, entries: dict[str, dict], lang: str) -> str:
    t = labels(lang)
    ref = card.letter
    opening = ""
    if heading is not None:
        code = heading.split(" ", 1)[0]
        opening = (
            f"<h3 class=province id='region-{escape(code, quote=True)}'>{escape(section_heading(heading, lang))}</h3>"
        )
    parts = (
        [f"<p class=outside>{escape(t['out_of_scope'])}: {escape(_reason(spool, card.outside, lang))}</p>"]
        if card.outside
        else []
    )
    for baseline, gaps in card.gaps.items():
        parts.append(
            f"<details class=gaps><summary>{escape(t['baseline'].get(baseline, baseline))} — "
            f"{escape(t['gaps_line'].format(n=len(gaps)))}</summary>"
            + "".join(_html_finding(f, entries, lang) for f in gaps)
            + "</details>"
        )
    parts += [_html_finding(f, entries, lang) for f in card.others]
    return (
        f"{opening}<section class=card id='letter-{escape(ref.id, quote=True)}'><h4>{escape(_letter_label(ref, lang))}</h4>"
        f"<p class=where>{escape(t['level'].get(ref.level or '', ref.level or ''))} · "
        f"{escape(ref.issuer or '')} · {escape(date_words(ref.date, lang))} · {escape(ref.subject or '')} · "
        f"{escape(ref.source)}</p>{''.join(parts) or '<p>' + escape(t['no_findings']) + '</p>'}</section>"
    )


def _rendered(write: Callable[[Spool, TextIO], None], result: Comparison) -> str:
    """A report of a comparison held in memory, as one string."""
    out = io.StringIO()
    with Spool.of(result) as spool:
        write(spool, out)
    return out.getvalue()


def to_json(result: Comparison) -> str:
    return _rendered(write_json, result)


def to_csv(result: Comparison) -> str:
    return _rendered(write_csv, result)


def to_markdown(result: Comparison, lang: str = "id") -> str:
    return _rendered(lambda spool, out: write_markdown(spool, out, lang), result)


def to_html(result: Comparison, lang: str = "id") -> str:
    return _rendered(lambda spool, out: write_html(spool, out, lang), result)


def to_rows(result: Comparison) -> tuple[str, list[tuple], list[tuple]]:
    """The comparison as the rows the corpus stores (:func:`edaran.corpus.store.save_comparison`): its
    election ("all" for the whole corpus), the findings and the matches."""
    election = result.election or "all"
    findings = [finding_row(f, election) for f in result.findings]
    matches = [match_row(m, election) for m in result.matches]
    return election, findings, matches
