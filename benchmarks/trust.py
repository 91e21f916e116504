"""How far the extractor's values can be trusted on letters with hand-read gold, printed as tables.

    .venv/bin/python benchmarks/trust.py [--gold DIR ...] [--docs DIR] [--rounds N] [--no-timing]

Default: the real letters in ../shared/real with the gold of ../shared/real/gold and
tests/fixtures/real-gold.  For each letter and each identifying field the value given
is sorted into one of five outcomes, by the gold read off the page and the warnings
of the record (a warning "names" a field when its ``field`` is that path):

  right                the value equals the gold (as score.py compares them)
  null, warned         no value, and a warning names the field (or the gold has none)
  null, silent         no value and nothing said (a miss nobody is told of)
  wrong, warned        a wrong value that a warning or a confidence under 0.9 marks
  wrong, silent        a wrong value given as if it were sure: what must not happen

Then the calibration: of the values given with confidence in each band, how many
are right.  Last, CPU seconds per scanned page for ``edaran extract`` with the
second reader and without (``--no-second-reader``), empty caches, run in turns.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIELDS = [
    "number",
    "date",
    "place",
    "subject",
    "issuer.office",
    "issuer.region.level",
    "signatory.name",
    "signatory.nip",
]
OUTCOMES = ["right", "null, warned", "null, silent", "wrong, warned", "wrong, silent"]
BANDS = [(0.9, 1.01), (0.8, 0.9), (0.7, 0.8), (0.0, 0.7)]


def scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def extract(docs: list[Path], cache: Path, second_reader: bool = True) -> tuple[list[dict], float]:
    """Records of ``docs`` from a fresh ``edaran extract``, and its CPU seconds (children included)."""
    env = {**os.environ, "EDARAN_CACHE_DIR": str(cache)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    flag = [] if second_reader else ["--no-second-reader"]
    run = subprocess.run(
        [sys.executable, "-m", "edaran", "extract", "--format", "jsonl", *flag, *map(str, docs)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT.parent,
        check=False,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")], cpu


def field_value(record: dict, field: str):
    value = record
    for key in field.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def outcome(score, field: str, gold: dict, record: dict) -> str:
    given = field_value(record, field)
    named = {w.get("field") for w in record["warnings"]}
    warned = any(f and (f == field or field.startswith(f + ".") or f.startswith(field)) for f in named)
    sure = record.get("confidence", {}).get(field if field != "issuer.region.level" else "issuer.region")
    if score.scalar_score(field, score.get(gold, field), given) == 1.0:
        return "right"
    if given is None:
        return "null, warned" if warned or score.get(gold, field) is None else "null, silent"
    return "wrong, warned" if warned or (sure is not None and sure < 0.9) else "wrong, silent"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", action="append", type=Path)
    ap.add_argument("--docs", type=Path, default=SHARED / "real")
    ap.add_argument("--scorer", type=Path, default=SHARED / "tools" / "score.py")
    ap.add_argument("--rounds", type=int, default=2, help="timing rounds of each configuration, in turns")
    ap.add_argument("--no-timing", action="store_true")
    args = ap.parse_args()
    golds = args.gold or [SHARED / "real" / "gold", ROOT / "tests" / "fixtures" / "real-gold"]
    gold = {p.stem: json.loads(p.read_text(encoding="utf-8")) for folder in golds for p in folder.glob("*.json")}
    docs = sorted(p for p in args.docs.glob("*.pdf") if p.stem in gold)
    if not docs:
        sys.exit(f"no documents with gold in {args.docs}")
    score = scorer(args.scorer)
    with tempfile.TemporaryDirectory() as tmp:
        records, _ = extract(docs, Path(tmp) / "cache")
    by_stem = {Path(r["source"]["path"]).stem: r for r in records}

    table: dict[str, Counter] = {f: Counter() for f in FIELDS}
    bands: Counter = Counter()
    for stem, expected in gold.items():
        record = by_stem.get(stem)
        if record is None:
            continue
        for field in FIELDS:
            if not score.present(expected, field):
                continue
            result = outcome(score, field, expected, record)
            table[field][result] += 1
            sure = record.get("confidence", {}).get(field if field != "issuer.region.level" else "issuer.region")
            if field_value(record, field) is not None and sure is not None:
                band = next(b for b in BANDS if b[0] <= sure < b[1])
                bands[band, result == "right"] += 1

    print(f"{len(by_stem)} letters with gold, {sum(1 for r in records if r['review']['needed'])} flagged for review\n")
    print(f"{'field':<22}" + "".join(f"{o:>15}" for o in OUTCOMES))
    totals: Counter = Counter()
    for field in FIELDS:
        totals.update(table[field])
        print(f"{field:<22}" + "".join(f"{table[field][o]:>15}" for o in OUTCOMES))
    print(f"{'all':<22}" + "".join(f"{totals[o]:>15}" for o in OUTCOMES))
    given = totals["right"] + totals["wrong, warned"] + totals["wrong, silent"]
    print(
        f"\nvalues given: {given}; silently wrong: {totals['wrong, silent']} "
        f"({100 * totals['wrong, silent'] / max(given, 1):.1f}%)\n"
    )
    print(f"{'confidence':<14}{'values':>8}{'right':>8}{'share':>8}")
    for low, high in BANDS:
        right, wrong = bands[(low, high), True], bands[(low, high), False]
        share = f"{right / (right + wrong):.2f}" if right + wrong else "-"
        label = f"{low:.1f}-{min(high, 1.0):.1f}" if low else f"< {high:.1f}"
        print(f"{label:<14}{right + wrong:>8}{right:>8}{share:>8}")

    if args.no_timing:
        return
    pages = sum(r["source"]["pages"] or 0 for r in records if r["source"]["ocr"])
    scans = [p for p in docs if by_stem.get(p.stem, {}).get("source", {}).get("ocr")]
    cpu: dict[bool, list[float]] = {True: [], False: []}
    for _ in range(args.rounds):
        for second in (False, True):
            with tempfile.TemporaryDirectory() as tmp:
                cpu[second].append(extract(scans, Path(tmp) / "cache", second)[1])
    without, with_ = min(cpu[False]), min(cpu[True])
    print(f"\nCPU seconds per scanned page, empty cache, best of {args.rounds} ({pages} pages, {len(scans)} scans):")
    print(f"  without the second reader {without / pages:6.2f}")
    print(f"  with the second reader    {with_ / pages:6.2f}   ({with_ / without:.2f}x)")


if __name__ == "__main__":
    main()
