"""Precision and recall of `edaran compare` against hand-read expectations, printed per finding kind.

    .venv/bin/python benchmarks/compare_quality.py [FOLDER]

FOLDER (default tests/fixtures/compare-heldout) holds letters and an `expected.json`
written by reading them: the findings a careful analyst flags (letter, kind, act or
instrument) and those that must not appear. The letters are ingested together with
the sample letters into a fresh corpus by `edaran ingest`, compared by
`edaran compare --format json`, and only the findings on FOLDER's letters are scored:

- precision: findings that match an expectation / all findings on those letters;
- recall: expectations matched by a finding / all expectations.

A finding matches an expectation of the same letter and kind (or its `or_kind`)
and, when the expectation names one, the same catalogue act or the same cited
instrument (or list item, for an act no entry states); each pairs at most once, so a gap reported twice counts once right
and once wrong.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "tests" / "fixtures" / "compare-heldout"


@dataclass
class Score:
    """The pairing of findings with expectations, and what is left on each side."""

    right: list[tuple[dict, dict]] = field(default_factory=list)
    wrong: list[dict] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)
    forbidden: list[tuple[dict, dict]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = len(self.right) + len(self.wrong)
        return len(self.right) / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = len(self.right) + len(self.missed)
        return len(self.right) / expected if expected else 1.0


def run_compare(folder: Path, workdir: Path, *, lang: str = "id") -> dict:
    """Ingest the samples and FOLDER's letters into a new corpus and return `compare`'s JSON."""
    letters = workdir / "letters"
    letters.mkdir()
    for source in [*sorted((ROOT / "samples").glob("*.txt")), *sorted(folder.glob("*.txt"))]:
        (letters / source.name).write_bytes(source.read_bytes())
    db, out = workdir / "corpus.db", workdir / "comparison.json"
    edaran = [sys.executable, "-m", "edaran"]
    subprocess.run([*edaran, "ingest", str(letters), "--db", str(db), "--workers", "1"], check=False,
                   capture_output=True)  # fmt: skip
    subprocess.run([*edaran, "compare", "--db", str(db), "-f", "json", "--out", str(out), "--lang", lang],
                   check=True, capture_output=True)  # fmt: skip
    return json.loads(out.read_text(encoding="utf-8"))


def _subject(finding: dict) -> str | None:
    """The act or instrument a finding concerns, in the terms expectations use."""
    params = finding.get("params") or {}
    return finding.get("catalog_id") or params.get("key")


def _fits(finding: dict, expected: dict) -> bool:
    if finding["kind"] not in (expected["kind"], expected.get("or_kind")):
        return False
    if expected.get("item") and (finding.get("params") or {}).get("item") != expected["item"]:
        return False
    wanted = expected.get("act") or (expected.get("instrument") if expected["kind"] == "repealed_citation" else None)
    return wanted is None or _subject(finding) == wanted


def _forbids(rule: dict, finding: dict) -> bool:
    return rule["kind"] in ("*", finding["kind"]) and rule.get("act") in (None, _subject(finding))


def score(result: dict, expected: dict) -> Score:
    """Pair the findings on the expectation file's letters with its expectations."""
    letters = set(expected["letters"])
    found = [f for f in result["findings"] if Path(f["letter"]["source"]).name in letters]
    out = Score()
    open_expectations = list(expected["expected"])
    for finding in found:
        name = Path(finding["letter"]["source"]).name
        pair = next((e for e in open_expectations if e["letter"] == name and _fits(finding, e)), None)
        if pair is None:
            out.wrong.append(finding)
            out.forbidden += [
                (finding, r) for r in expected["must_not"] if r["letter"] == name and _forbids(r, finding)
            ]
        else:
            open_expectations.remove(pair)
            out.right.append((finding, pair))
    out.missed = open_expectations
    return out


def table(result: Score) -> list[str]:
    """Per kind: expected, found, right, wrong, missed, precision, recall; then the total."""
    right = Counter(f["kind"] for f, _ in result.right)
    wrong = Counter(f["kind"] for f in result.wrong)
    missed = Counter(e["kind"] for e in result.missed)
    lines = [
        f"{'kind':<22} {'expected':>8} {'found':>6} {'right':>6} {'wrong':>6} {'missed':>6} {'prec.':>6} {'recall':>6}"
    ]
    for kind in sorted(set(right) | set(wrong) | set(missed)):
        r, w, m = right[kind], wrong[kind], missed[kind]
        prec = f"{r / (r + w):.2f}" if r + w else "-"
        rec = f"{r / (r + m):.2f}" if r + m else "-"
        lines.append(f"{kind:<22} {r + m:>8} {r + w:>6} {r:>6} {w:>6} {m:>6} {prec:>6} {rec:>6}")
    r, w, m = len(result.right), len(result.wrong), len(result.missed)
    lines.append(
        f"{'all':<22} {r + m:>8} {r + w:>6} {r:>6} {w:>6} {m:>6} {result.precision:>6.3f} {result.recall:>6.3f}"
    )
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path, nargs="?", default=DEFAULT)
    args = ap.parse_args()
    expected = json.loads((args.folder / "expected.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        result = score(run_compare(args.folder, Path(tmp)), expected)
    print("\n".join(table(result)))
    for finding in result.wrong:
        print(f"wrong : {Path(finding['letter']['source']).name}: {finding['kind']} {_subject(finding) or ''}"
              f" - {finding['message'][:110]}")  # fmt: skip
    for exp in result.missed:
        print(f"missed: {exp['letter']}: {exp['kind']} {exp.get('act') or exp.get('instrument') or ''} - {exp['why']}")
    for finding, rule in result.forbidden:
        print(f"must not: {rule['letter']}: {finding['kind']} - {rule['why']}")
    print("goal: precision >= 0.97, recall >= 0.97")


if __name__ == "__main__":
    main()
