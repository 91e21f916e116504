"""Ordinary variants of the genre applied to whole letters, and the score each costs (a measurement).

    .venv/bin/python benchmarks/perturb.py [--shared ../shared]

Each row applies one change to every letter of a set and scores the extraction of the changed
letters against the set's gold with the reference scorer (``score.py`` of the shared reference
material): the five seeds and the letters of tests/fixtures/scored.  The changes are the ones a
typist or a PDF converter makes without changing the letter: the case of a title or a label, a
blank line after every line, another punctuation after a label, the title and the issuer's
office on one line.  The property tests (tests/test_perturb.py) draw the same changes at random.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# A line as converted from PDF may open with markdown noise ("### SURAT EDARAN", "**NOMOR …").
_LEAD = r"(?m)^(?P<lead>[\s#*>-]*)"


def retitle(text: str, case: Callable[[str], str] = str.title) -> str:
    """The title written in another case: "SURAT EDARAN" as "Surat Edaran", "INSTRUKSI BUPATI BOGOR"
    as "Instruksi Bupati Bogor"."""
    pattern = re.compile(_LEAD + r"(?P<word>(?:SURAT\s+EDARAN|NOTA\s+DINAS|INSTRUKSI)(?:[ \t]+[A-Z]+)*)(?=[ \t*]*$)")
    return pattern.sub(lambda m: m["lead"] + case(m["word"]), text)


def relabel(text: str, label: str, case: Callable[[str], str], bullet: bool = True) -> str:
    """The first line that opens with ``label`` (any case, a capital first; after a stray bullet
    unless ``bullet`` is false) has it written in another case."""
    lead = _LEAD if bullet else r"(?m)^(?P<lead>[ \t]*)"
    pattern = re.compile(lead + rf"(?P<word>(?=[A-Z])(?i:{label}))\b")
    return pattern.sub(lambda m: m["lead"] + case(m["word"]), text, count=1)


def blank_lines(text: str, n: int = 1) -> str:
    """``n`` blank lines after every line."""
    return text.replace("\n", "\n" * (n + 1))


def repunctuate(text: str, label: str, spelling: str, separator: str) -> str:
    """The first line that opens with ``label`` and its punctuation ("Nomor :", "Hal:", "NOMOR")
    written ``spelling`` + ``separator`` instead ("No." + " ", "Hal" + ". ")."""
    pattern = re.compile(_LEAD + rf"(?=[A-Z])(?i:{label})\b[ \t]*[:.]?[ \t]*(?=\S)")
    return pattern.sub(lambda m: m["lead"] + spelling + separator, text, count=1)


def one_line_title(text: str, office: str) -> str:
    """The title and the issuer's office on one line: "SURAT EDARAN BUPATI KUDUS"."""
    pattern = re.compile(_LEAD + r"(?P<title>SURAT\s+EDARAN)[*\s]*$", re.I)
    return pattern.sub(lambda m: f"{m['lead']}{m['title']} {office}", text, count=1)


def title_with_number(text: str) -> str:
    """The title and the number's line on one line: "SURAT EDARAN NOMOR 800/46/BKPSDMD-II/2024"."""
    pattern = re.compile(_LEAD + r"(?P<title>SURAT\s+EDARAN[^\n]*?)[*\s]*\n[\s#*]*(?P<number>(?i:NOMOR|No)\b)", re.I)
    return pattern.sub(lambda m: f"{m['lead']}{m['title']} {m['number']}", text, count=1)


#: The rows of the table: what changes, and the change.
ROWS: list[tuple[str, Callable[[str], str]]] = [
    ('"SURAT EDARAN" written "Surat Edaran"', retitle),
    ('"NOMOR" written "nomor"', lambda t: re.sub(r"\bNOMOR\b", "nomor", t)),
    ("a blank line after every line", blank_lines),
    ('"Hal :" written "Hal."', lambda t: re.sub(r"(?m)^(\W*)Hal\s*:\s*", r"\1Hal. ", t)),
    ('"Nomor :" written "No."', lambda t: repunctuate(t, "Nomor|No", "No.", " ")),
    ('"Hal :" written "Perihal:"', lambda t: repunctuate(t, "Hal|Perihal", "Perihal", ": ")),
    ('"TENTANG" written "Tentang"', lambda t: relabel(t, "TENTANG", str.title)),
    ('"SURAT EDARAN BUPATI KUDUS" on one line', lambda t: one_line_title(t, "BUPATI KUDUS")),
    ("two blank lines after every line", lambda t: blank_lines(t, 2)),
    ('"SURAT EDARAN NOMOR …" on one line', title_with_number),
]


def score(gold: Path, docs: list[Path], change: Callable[[str], str], scorer: Path) -> float:
    """The scorer's figure for ``docs`` changed by ``change``, extracted by the command line."""
    with tempfile.TemporaryDirectory() as tmp:
        for doc in docs:
            (Path(tmp) / doc.name).write_text(change(doc.read_text(encoding="utf-8")), encoding="utf-8")
        cmd = f"{sys.executable} -m edaran extract --format jsonl"
        run = subprocess.run(
            [sys.executable, str(scorer), "--gold", str(gold), "--docs", tmp, "--cmd", cmd],
            capture_output=True,
            text=True,
            check=True,
        )
    return float(run.stdout.strip().splitlines()[-1].split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared reference material")
    args = parser.parse_args()
    scorer = args.shared / "tools" / "score.py"
    sets = [
        ("seeds", args.shared / "gold", sorted((args.shared / "seeds").glob("*.txt"))),
        (
            "scored",
            ROOT / "tests" / "fixtures" / "scored",
            sorted((ROOT / "tests" / "fixtures" / "scored").glob("*.txt")),
        ),
    ]
    print(f"| change | {' | '.join(f'{name} ({len(docs)})' for name, _, docs in sets)} |")
    print(f"|---|{'---:|' * len(sets)}")
    print(f"| none | {' | '.join(f'{score(gold, docs, str, scorer):.3f}' for _, gold, docs in sets)} |")
    for name, change in ROWS:
        print(f"| {name} | {' | '.join(f'{score(gold, docs, change, scorer):.3f}' for _, gold, docs in sets)} |")


if __name__ == "__main__":
    main()
