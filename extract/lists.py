"""The body's enumerations as trees, and which items forbid and which direct.

Letters nest ``A.`` > ``1.`` > ``a.`` > ``1)`` > ``a)`` > ``-`` but mix them
freely, so nesting follows the order in which label styles first appear: a
label of a style already open closes the deeper levels, a new style opens a
level below the current item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lines import Line, clean_value

LABEL = re.compile(
    r"^(?:(?P<upper>[A-Z])\.|(?P<num>\d{1,2})\.|(?P<lower>[a-z])\.|(?P<numparen>\d{1,2})\)|(?P<lowerparen>[a-z])\)"
    r"|\((?P<parennum>\d{1,2})\)|\((?P<parenlower>[a-z])\)|(?P<roman>[IVX]{1,5})\.|(?P<bullet>[-•·▪●◦–])"
    # The dictum of an instruction or decision: "KESATU :", "KEDUA".
    r"|(?P<diktum>KE(?:SATU|DUA|TIGA|EMPAT|LIMA|ENAM|TUJUH|DELAPAN|SEMBILAN|SEPULUH)\b\s*:?))[ \t]+(?=\S)"
)


@dataclass
class Node:
    label: str
    style: str
    text_start: int  # offset of the item's own text
    end: int
    children: list[Node] = field(default_factory=list)

    def own_text(self, text: str) -> str:
        return clean_value(text[self.text_start : self.end])


def _style(group: str, label: str, previous: dict[str, str]) -> str:
    """The style of a label matched by LABEL's ``group``; a single "I.", "V." or "X." matches as a capital
    letter, and is a numeral unless it continues a letter list ("I." after "H."): "I." always opens a numbered
    list (no letter list starts at I), "V." and "X." only where numerals are already in use ("IV." before "V.")."""
    if group == "upper" and label in "IVX":
        continues_letters = previous.get("upper") == chr(ord(label) - 1)
        if not continues_letters and (label == "I" or "roman" in previous):
            return "roman"
    return group


def parse_body(text: str, lines: list[Line], start: int, end: int, x0: dict[int, float] | None = None) -> list[Node]:
    """Parse lines ``[start, end)`` into a forest of paragraphs and items.

    Unlabelled text becomes a paragraph node (style ``para``) and the items that
    follow it are its children: the sentence that introduces a list ("Setiap ASN
    dilarang:", "diminta kepada Saudara untuk:") says what the list is.  An
    unlabelled line continues the last item (items wrap over lines) unless a
    blank line precedes it or, where the layout is known (``x0``: left edge of
    each line in a PDF), it begins left of the list's labels.
    """
    roots: list[Node] = []
    stack: list[Node] = []
    interrupted: list[Node] = []  # the open paragraph and items when a paragraph began
    previous: dict[str, str] = {}
    list_x0: float | None = None
    blank_before = False
    for line in lines[start:end]:
        if line.blank:
            blank_before = True
            continue
        m = LABEL.match(line.text)
        if m:
            group = m.lastgroup
            assert group is not None  # every alternative of LABEL is a named group
            style = _style(group, m.group(group), previous)
            previous[style] = m.group(group)
            if (
                len(stack) == 1
                and stack[0].style == "para"
                and not stack[0].children
                and any(n.style == style for n in interrupted)
                and not _introduces(text[stack[0].text_start : stack[0].end])
            ):
                # "1. … / Larangan sebagaimana dimaksud pada angka 1 berlaku pula bagi PPPK. / 2. …":
                # a remark between items; the list goes on.
                stack[:] = interrupted
            if any(n.style == style for n in stack):
                while stack[-1].style != style:
                    stack.pop()
                stack.pop()
            parent = stack[-1] if stack else None
            node = Node(m.group(0).strip(" \t:"), style, line.start + m.end(), line.end)
            (parent.children if parent else roots).append(node)
            stack.append(node)
            if x0 and line.index in x0:
                list_x0 = x0[line.index] if list_x0 is None else min(list_x0, x0[line.index])
        elif (
            not stack
            or blank_before
            or (x0 and list_x0 is not None and line.index in x0 and x0[line.index] < list_x0 - 4)
        ):
            para = Node("", "para", line.start, line.end)
            roots.append(para)
            interrupted = list(stack)
            stack[:] = [para]
            list_x0 = None
        else:
            stack[-1].end = line.end
        blank_before = False
    return roots


_INTRODUCES = re.compile(r"(?::|\b(?:sebagai\s+berikut|antara\s+lain|berikut\s+ini|yaitu|meliputi))\s*$", re.I)


def _introduces(paragraph: str) -> bool:
    """True for a sentence that opens a list: it ends (in any case) with a colon or "sebagai berikut",
    "antara lain"."""
    return bool(_INTRODUCES.search(paragraph.rstrip(" .\n")))


# What forbids: "dilarang", "larangan", "tidak diperbolehkan", lists of violations
# ("pelanggaran netralitas, antara lain:") and lists of acts not to do ("memastikan bahwa pegawai
# tidak melakukan perbuatan sebagai berikut:", "agar jangan melakukan hal-hal berikut:").
PROHIBITION = re.compile(
    r"\b(?:dilarang|larangan|tidak\s+(?:boleh|dibolehkan|diperbolehkan|dibenarkan|diperkenankan|diizinkan)|"
    r"pelanggaran\b[^.;]{0,80}\b(?:antara\s+lain|sebagai\s+berikut|meliputi|yaitu)|"
    r"(?:tidak|jangan)\s+(?:melakukan|mengikuti|terlibat\s+dalam)\s+(?:perbuatan|tindakan|hal-hal|hal|kegiatan)\b"
    r"[^.;]{0,40}\b(?:sebagai\s+berikut|berikut|antara\s+lain|yaitu|meliputi))",
    re.I,
)
# The words that forbid in a sentence of its own: "<who> dilarang <act>", "<who> tidak boleh <act>".
_FORBIDS = re.compile(
    r"\b(?:dilarang|tidak\s+(?:boleh|dibolehkan|diperbolehkan|dibenarkan|diperkenankan|diizinkan))\b", re.I
)
# ... but not where they only qualify a noun ("hal-hal yang dilarang") or name a rule.
_NOT_FORBIDDING = re.compile(r"(?:\byang|\bhal|\btentang|\bmengenai|\bsebagaimana)\s*$", re.I)
# What directs: wajib, agar, diminta, harus (DOMAIN.md) and their usual companions.
DIRECTIVE = re.compile(
    r"\b(?:wajib|agar|diminta|harus|supaya|diharapkan|diinstruksikan|diperintahkan|hendaknya|dihimbau|"
    r"diimbau|mohon|dimohon|ditekankan|diwajibkan|menginstruksikan)\b",
    re.I,
)
# A purpose clause directs nobody: "dimaksudkan … dengan tujuan agar … berjalan efektif".
_PURPOSE = re.compile(r"\b(?:dimaksudkan|bertujuan|tujuan(?:nya)?|maksud(?:nya)?)\b[^.;:]*$", re.I)
# A heading that names duties: the items under "B. Kewajiban Kepala Perangkat Daerah" direct.
_DUTIES = re.compile(r"^(?:kewajiban|tugas\s+dan\s+tanggung\s+jawab)\b", re.I)


def directive(own: str) -> re.Match[str] | None:
    """The first directive word of ``own`` that is not part of a purpose clause."""
    for m in DIRECTIVE.finditer(own):
        if not _PURPOSE.search(own[: m.start()]):
            return m
    return None


# A directive that forbids: "tidak ikut serta ...", "agar tidak menggunakan ...".  Only the
# item's first directive counts: "wajib menjaga netralitas agar tidak terpengaruh" directs.
_NEGATIVE_START = re.compile(r"^(?:tidak|jangan|dilarang)\b", re.I)
_NEGATED = re.compile(r"\s*(?:untuk\s+)?(?:tidak|jangan)\b", re.I)


def forbids(own: str) -> bool:
    """True when the item's first sentence forbids in its main clause: "Pejabat negara, pejabat daerah,
    … dilarang membuat keputusan …", however long the list of who is forbidden."""
    first = re.split(r"(?<=[.;])\s+(?=[A-Z])", own, maxsplit=1)[0]
    return any(not _NOT_FORBIDDING.search(first[: m.start()]) for m in _FORBIDS.finditer(first))


def negative(own: str) -> bool:
    if _NEGATIVE_START.match(own):
        return True
    first = directive(own)
    return bool(first and _NEGATED.match(own, first.end()))


# Who an item is about, in front of "dilarang": then the item only introduces the acts.
SUBJECT_FIRST = re.compile(r"^(?:setiap|seluruh|semua|para|bagi|pegawai|asn|pns|pppk|aparatur|kepala|pejabat)\b", re.I)
VERB_FIRST = re.compile(r"^(?:me[a-z]+|ber[a-z]+|tetap|selalu|senantiasa|agar|wajib|harus|segera)\b", re.I)


@dataclass
class Classified:
    """Trees of prohibitions and of obligations: (node, children kept) pairs."""

    prohibitions: list[tuple[Node, list]] = field(default_factory=list)
    obligations: list[tuple[Node, list]] = field(default_factory=list)


def classify(text: str, roots: list[Node], context: str) -> Classified:
    """Split the item forest into what is forbidden and what is directed.

    ``context`` is "directive" when the sentence that introduces the list
    directs ("dengan ini diminta kepada Saudara untuk:"), else "neutral".
    """
    out = Classified()
    for node in roots:
        if node.style == "para":
            last = _last_sentence(node.own_text(text))
            if PROHIBITION.search(last):
                out.prohibitions.extend(_prohibition_tree(c) for c in node.children)
                continue
            inner = "directive" if directive(last) else context
            out.obligations.extend(k for k in (_walk(text, c, inner, out) for c in node.children) if k is not None)
            continue
        kept = _walk(text, node, context, out)
        if kept is not None:
            out.obligations.append(kept)
    return out


def _last_sentence(paragraph: str) -> str:
    """The paragraph's last sentence or clause: after a full stop and a capital or a quote (not "dsb. lalu"),
    or after a semicolon (a clause after one opens in lower case)."""
    return re.split(r"(?<=\.)\s+(?=[A-Z\"'])|(?<=;)\s+", paragraph)[-1]


def _walk(text: str, node: Node, context: str, out: Classified):
    """Classify ``node``; return its obligation subtree, or None when it is not one."""
    own = node.own_text(text)
    if PROHIBITION.search(own):
        if node.children:
            for child in node.children:  # the acts themselves: the top of the prohibition tree
                out.prohibitions.append(_prohibition_tree(child))
            # Under a directing sentence the item directs unless it opens with who is forbidden.
            directs = VERB_FIRST.match(own) or (context == "directive" and not SUBJECT_FIRST.match(own))
            return (node, []) if directs else None
        if negative(own) or forbids(own):
            out.prohibitions.append((node, []))
            return None
    if node.children:
        inner = "directive" if directive(own) or _DUTIES.match(own) else context
        kept = [k for k in (_walk(text, c, inner, out) for c in node.children) if k is not None]
        return (node, kept) if kept else None
    if negative(own):
        out.prohibitions.append((node, []))
        return None
    if directive(own) or (context == "directive" and not _informative(own)):
        return (node, [])
    return None


def _prohibition_tree(node: Node) -> tuple[Node, list]:
    return (node, [_prohibition_tree(c) for c in node.children])


# Information that directs nobody: "dapat diunduh melalui ...", "dapat dilaporkan ...".
_INFORMATIVE = re.compile(r"\bdapat\s+di[a-z]+\b|\btelah\s+di[a-z]+\b|\bmerupakan\b", re.I)


def _informative(own: str) -> bool:
    return bool(_INFORMATIVE.search(own)) and not VERB_FIRST.match(own)
