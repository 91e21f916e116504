"""What stemming costs a letter, printed as a table (a measurement, not a test).

    .venv/bin/python benchmarks/stems.py [--rounds 3]

Each row stems the words of the bundled sample letters (their text files), each word stemmed once (the
cache emptied before each round), and gives CPU seconds, best of --rounds, and the ratio to the anchor:
the tokenising alone, measured in the same run.

  tokenising only             the words found, not stemmed (the anchor)
  edaran stems                corpus/stems.py: affixes stripped against Sastrawi's dictionary of roots
  Sastrawi's stemmer          Sastrawi's own (Nazief-Adriani with its backtracking), for comparison
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from edaran.corpus import stems

ROOT = Path(__file__).resolve().parent.parent


def _cpu(run, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    words = [m.group().lower() for text in texts for m in stems.words(text)]
    stems.stem("mengerahkan")  # the dictionary loaded before timing

    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    sastrawi = StemmerFactory().create_stemmer()

    def ours() -> None:
        stems.stem.cache_clear()
        stems.stems(*texts)

    def theirs() -> None:
        seen: dict[str, str] = {}
        for word in words:
            if word not in seen:
                seen[word] = sastrawi.stem(word)

    anchor = _cpu(lambda: [list(stems.words(t)) for t in texts], args.rounds)
    rows = [("tokenising only", anchor), ("edaran stems", _cpu(ours, args.rounds))]
    rows.append(("Sastrawi's stemmer", _cpu(theirs, min(args.rounds, 1))))
    print(f"{len(texts)} letters, {len(words)} words, {len(set(words))} distinct")
    print(f"{'':28} {'CPU s':>9} {'x anchor':>10}")
    for name, seconds in rows:
        print(f"{name:28} {seconds:9.4f} {seconds / anchor if anchor else float('nan'):10.1f}")


if __name__ == "__main__":
    main()
