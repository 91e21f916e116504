"""The body's enumerations as trees, and which items forbid and which direct.

Letters nest ``A.`` > ``1.`` > ``a.`` > ``1)`` > ``a)`` > ``-`` but mix them
freely, so nesting follows the order in which label styles first appear: a
label of a style already open closes the deeper levels, a new style opens a
level below the current item.  Three things end a list before that rule
applies: a section heading, labelled ("A. LARANGAN") or not ("BAGIAN KEDUA",
"KEWAJIBAN"), a list closed by its full stop (items ending ";" and the last
"."), and a label that starts its style again ("a." under "1. Dilarang:" after
a basis listed a.-c.).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lines import Line, clean_value, is_upper
from .patterns import load_patterns
from .vocabulary import alternatives

_DIVISIONS = load_patterns("divisions.json")
LABEL = re.compile(
    r"^(?:(?P<upper>[A-Z])\.|(?P<num>\d{1,2})\.|(?P<lower>[a-z])\.|(?P<numparen>\d{1,2})\)|(?P<lowerparen>[a-z])\)"
    r"|\((?P<parennum>\d{1,2})\)|\((?P<parenlower>[a-z])\)|(?P<roman>[IVX]{1,5})\.|(?P<bullet>[-•·▪●◦–])"
    # The dictum of an instruction or decision: "KESATU :", "KEDUA".
    r"|(?P<diktum>" + alternatives(word.upper() for word in _DIVISIONS["ordinals"]) + r"\s*:?))[ \t]+(?=\S)"
)


@dataclass
class Node:
    label: str
    style: str
    text_start: int  # offset of the item's own text
    end: int
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None
    heading: bool = False  # a section's heading ("A. LARANGAN"): what it holds are the items, never itself

    def own_text(self, text: str) -> str:
        return clean_value(text[self.text_start : self.end])


def _style(m: re.Match[str], previous: dict[str, str]) -> str:
    """The label's style; a single "I.", "V." or "X." matches as a capital letter, and is a numeral unless it
    continues a letter list ("I." after "H."): "I." always opens a numbered list (no letter list starts
    at I), "V." and "X." only where numerals are already in use ("IV." before "V.")."""
    style = m.lastgroup or "bullet"
    if style == "upper":
        letter = m.group("upper")
        continues_letters = previous.get("upper") == chr(ord(letter) - 1)
        if letter in "IVX" and not continues_letters and (letter == "I" or "roman" in previous):
            return "roman"
    return style


# The first label of each style: a list that shows it again starts over.
_FIRST = {
    "upper": "A",
    "num": "1",
    "lower": "a",
    "numparen": "1",
    "lowerparen": "a",
    "parennum": "1",
    "parenlower": "a",
    "roman": "I",
}
# An item that leaves its list open for the next one: "…;", "…; dan", "…, atau".
_GOES_ON = re.compile(r"(?:;|[;,]\s*(?:dan\s*/\s*atau|dan|atau|serta))\s*$", re.I)
#: A heading is a few words: "A. LARANGAN", "I. Kewajiban Kepala Perangkat Daerah".
_HEADING_WORDS = 8


def _heading_words(own: str, line: str) -> bool:
    """Whether ``own`` (a line's words, as printed on ``line``) reads as a heading: a few words that neither
    end a sentence nor direct or forbid."""
    return (
        0 < len(own.split()) <= _HEADING_WORDS
        and not re.search(r"[.;,]\s*$", line)
        and not directive(own)
        and not forbids(own)
    )


def _heading(line: str, style: str, following: str) -> bool:
    """Whether a label's line is a section heading: under a capital or roman label, a few words that
    neither end a sentence nor direct or forbid ("B. Setiap Kepala Perangkat Daerah wajib untuk:"
    introduces a list), printed in capitals or followed by a lead-in of their own ("A. Larangan bagi
    ASN" / "Setiap ASN dilarang:") or by their first item, rather than by their wrapped end."""
    own = clean_value(line)
    if style not in ("upper", "roman") or not _heading_words(own, line):
        return False
    nxt = LABEL.match(following)
    if nxt and (nxt.lastgroup == style or (style == "upper" and nxt.lastgroup == "roman")):
        return False  # "A. Camat / B. Lurah": a list of capitals, not sections
    return is_upper(own) or bool(nxt) or following[:1].isupper()


# A division and its ordinal, in any case: "BAGIAN KEDUA", "Bab II", "PARAGRAF 1".
_DIVISION = re.compile(
    rf"^{alternatives(_DIVISIONS['divisions'])}\s+(?:{alternatives(_DIVISIONS['ordinals'])}|[IVXL]{{1,6}}\b|\d{{1,2}}\b)",
    re.I,
)


def _section(own: str, before: str, blank_before: bool) -> bool:
    """Whether an unlabelled line heads a section ("BAGIAN KEDUA", "KEWAJIBAN", "KETENTUAN LAIN", "Bagian
    Kedua"): a division and its ordinal or a few words in capitals that neither end a sentence nor direct or
    forbid, standing first, after a blank line or after a line that ended its sentence, so that neither a title
    wrapped in capitals ("… tentang / NETRALITAS ASN") nor a name going on over a line is taken for one."""
    own = own.strip().rstrip(":").rstrip()
    if before and not (blank_before or re.search(r"[.;:]\s*$", before)):
        return False
    if not _heading_words(own, own):
        return False
    return bool(_DIVISION.match(own)) or is_upper(own)


def _end_sections(text: str, stack: list[Node]) -> None:
    """Pop what an unlabelled section heading ends: everything back to the section before it, whose
    sibling it is, or else back to the paragraph of its own that introduces it ("… sebagai berikut:")."""
    if any(n.style == "section" for n in stack):
        while stack.pop().style != "section":
            pass
        return
    while stack and not (
        stack[-1].style == "para" and not stack[-1].children and _introduces(text[stack[-1].text_start : stack[-1].end])
    ):
        stack.pop()


def _siblings(node: Node, roots: list[Node]) -> list[Node]:
    """The items of ``node``'s list, itself among them."""
    return node.parent.children if node.parent else roots


def _closed(text: str, node: Node, roots: list[Node]) -> bool:
    """Whether ``node`` closes its list with a full stop after siblings that left it open ("1. … ;",
    "2. … ;", "3. … ."): the legal basis before the letter's own lists ends there."""
    own = text[node.text_start : node.end].rstrip()
    return (
        own.endswith(".")
        and not _introduces(own)
        and any(_GOES_ON.search(text[s.text_start : s.end]) for s in _siblings(node, roots) if s is not node)
    )


def _end_lists(text: str, stack: list[Node], roots: list[Node], heading: bool) -> None:
    """Pop what a label of a new style ends.  A heading ends every item, and every paragraph but one of
    its own that introduces it; any other label a list closed by its full stop, with the paragraph that
    introduced it."""
    if not heading:
        if stack and stack[-1].style != "para" and _closed(text, stack[-1], roots):
            parent = stack.pop().parent
            if stack and stack[-1] is parent and parent.style == "para":
                stack.pop()
        return
    while stack and not stack[-1].heading:
        top = stack[-1]
        if top.style == "para" and not top.children and _introduces(text[top.text_start : top.end]):
            return
        stack.pop()  # an item is never a heading's lead-in: "3. … Pegawai Negeri Sipil, / dengan ini
        # disampaikan hal-hal sebagai berikut:" is the legal basis's last item and the sentence it ends


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
    last = ""  # the text of the last line that had some
    for line in lines[start:end]:
        if line.blank:
            blank_before = True
            continue
        m = LABEL.match(line.text)
        if m:
            style = _style(m, previous)
            value = m.group(m.lastgroup or "bullet")
            restarts = _FIRST.get(style) == value
            previous[style] = value
            following = next((ln.text for ln in lines[line.index + 1 : end] if not ln.blank), "")
            heading = _heading(line.text[m.end() :], style, following)
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
            if restarts and stack and stack[-1].style not in (style, "para") and any(n.style == style for n in stack):
                pass  # "a." under "1. Dilarang:" while a list a.-c. is open above it: a new list, not its "d."
            elif any(n.style == style for n in stack):
                while stack[-1].style != style:
                    stack.pop()
                stack.pop()
            else:
                _end_lists(text, stack, roots, heading)
            parent = stack[-1] if stack else None
            node = Node(m.group(0).strip(" \t:"), style, line.start + m.end(), line.end, parent=parent, heading=heading)
            (parent.children if parent else roots).append(node)
            stack.append(node)
            if x0 and line.index in x0:
                list_x0 = x0[line.index] if list_x0 is None else min(list_x0, x0[line.index])
        elif not (stack and stack[-1].heading and not stack[-1].children) and _section(line.text, last, blank_before):
            # "BAGIAN KEDUA" after the last item of the section before: that list ends here (a capital line
            # right under a heading is its second line: "A. LARANGAN" / "BAGI ASN").
            _end_sections(text, stack)
            parent = stack[-1] if stack else None
            node = Node("", "section", line.start, line.end, parent=parent, heading=True)
            (parent.children if parent else roots).append(node)
            stack.append(node)
            interrupted, list_x0 = [], None
        elif stack and stack[-1].style == "para" and not stack[-1].children and not blank_before:
            stack[-1].end = line.end
        elif stack and stack[-1].heading and not stack[-1].children:
            # The heading's lead-in ("Setiap ASN dilarang:") introduces the section's list.
            head = stack[-1]
            para = Node("", "para", line.start, line.end, parent=head)
            head.children.append(para)
            stack.append(para)
        elif (
            not stack
            or blank_before
            or (x0 and list_x0 is not None and line.index in x0 and x0[line.index] < list_x0 - 4)
            or _ends_a_list(text, stack[-1], roots, line.text)
        ):
            para = Node("", "para", line.start, line.end)
            roots.append(para)
            interrupted = list(stack)
            stack[:] = [para]
            list_x0 = None
        else:
            stack[-1].end = line.end
        blank_before = False
        last = line.text
    return roots


def _ends_a_list(text: str, node: Node, roots: list[Node], line: str) -> bool:
    """Whether an unlabelled ``line`` after the last of several items, ended by a semicolon or by a comma and
    going on in lower case, is a sentence introducing what follows ("1. …; 2. …; 3. … Disiplin Pegawai Negeri
    Sipil, / bersama ini diminta perhatian Saudara terhadap hal-hal sebagai berikut:"), not the item's wrapped
    end ("a. … calon anggota DPR, / DPD, dan DPRD dengan cara:")."""
    siblings = _siblings(node, roots)
    ended = re.search(r"[,;]\s*$", text[node.text_start : node.end])
    return (
        node.style != "para"
        and len(siblings) > 1
        and ended is not None
        and (ended.group().startswith(";") or line[:1].islower())
        and _introduces(line)
    )


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
    r"[^.;]{0,40}\b(?:sebagai\s+berikut|berikut|antara\s+lain|yaitu|meliputi)|"
    # A lead-in that ends on its negation, the acts being its list: "ASN … diingatkan untuk tidak:", "agar
    # jangan melakukan:"; not a choice ("netral atau tidak") nor a qualifier ("pegawai yang tidak").
    r"(?<!\byang\s)(?<!\batau\s)(?<!\bataupun\s)(?<!\bmaupun\s)\b(?:tidak|jangan)"
    r"(?:\s+(?:melakukan|mengikuti|terlibat\s+dalam))?\s*:?\s*$)",
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
    return forbidding(own) is not None


def forbidding(own: str) -> re.Match[str] | None:
    """The word by which the item's first sentence forbids in its main clause; what stands before it
    is whom it forbids ("Seluruh ASN dan Pegawai Non-ASN dilarang ikut kampanye")."""
    first = re.split(r"(?<=[.;])\s+(?=[A-Z])", own, maxsplit=1)[0]
    return next((m for m in _FORBIDS.finditer(first) if not _NOT_FORBIDDING.search(first[: m.start()])), None)


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
    Paragraphs and section headings are never items: they say what the items
    under them are.
    """
    out = Classified()
    out.obligations.extend(_forest(text, roots, context, out))
    return out


def _forest(text: str, nodes: list[Node], context: str, out: Classified) -> list[tuple[Node, list]]:
    return [kept for node in nodes for kept in _walk(text, node, context, out)]


def _last_sentence(paragraph: str) -> str:
    """The paragraph's last sentence or clause: after a full stop and a capital or a quote (not "dsb. lalu"),
    or after a semicolon (a clause after one opens in lower case)."""
    return re.split(r"(?<=\.)\s+(?=[A-Z\"'])|(?<=;)\s+", paragraph)[-1]


def _walk(text: str, node: Node, context: str, out: Classified) -> list[tuple[Node, list]]:
    """Classify ``node``; return the obligation subtrees it holds (itself, or its items when it is a
    paragraph or a heading)."""
    own = node.own_text(text)
    if node.style == "para" or node.heading:
        said = _last_sentence(own) if node.style == "para" else own
        if node.heading and _DUTIES.match(said):
            context = "directive"
        elif PROHIBITION.search(said):
            out.prohibitions.extend(t for c in node.children for t in _prohibition_trees(c))
            return []
        elif directive(said):
            context = "directive"
        return _forest(text, node.children, context, out)
    if PROHIBITION.search(own):
        if node.children:
            for child in node.children:  # the acts themselves: the top of the prohibition tree
                out.prohibitions.extend(_prohibition_trees(child))
            found = PROHIBITION.search(own)
            before = own[: found.start()] if found else own
            # whom it forbids may stand after a clause of its own: "Di antara pelanggaran yang paling sering
            # terjadi, ASN dilarang:"
            named = SUBJECT_FIRST.match(before) or SUBJECT_FIRST.match(before.rsplit(",", 1)[-1].strip())
            directs = VERB_FIRST.match(own) or (context == "directive" and not named)
            return [(node, [])] if directs else []
        if negative(own) or forbids(own):
            out.prohibitions.append((node, []))
            return []
    if node.children:
        inner = "directive" if (context == "directive" or directive(own) or _DUTIES.match(own)) else context
        kept = _forest(text, node.children, inner, out)
        return [(node, kept)] if kept else []
    if negative(own):
        out.prohibitions.append((node, []))
        return []
    if directive(own) or (context == "directive" and not _informative(own)):
        return [(node, [])]
    return []


def _prohibition_trees(node: Node) -> list[tuple[Node, list]]:
    """The prohibition tree of ``node``: a paragraph inside it ("Setiap ASN dilarang:") gives its items."""
    children = [t for c in node.children for t in _prohibition_trees(c)]
    return children if node.style in ("para", "section") else [(node, children)]


# Information that directs nobody: "dapat diunduh melalui ...", "dapat dilaporkan ...".
_INFORMATIVE = re.compile(r"\bdapat\s+di[a-z]+\b|\btelah\s+di[a-z]+\b|\bmerupakan\b", re.I)


def _informative(own: str) -> bool:
    return bool(_INFORMATIVE.search(own)) and not VERB_FIRST.match(own)
