"""Precision and recall of the comparison on letters written with their expected findings before the comparison
was first run on them (tests/fixtures/compare-heldout*, scored by benchmarks/compare_quality.py).

The letters have since been used to fix what they showed, so they are development letters now: the figure each
set gave when held out is in the README and its MEASURED.md; this test keeps what they check from sliding back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.compare_quality import DEFAULT, run_compare, score

#: The sets used for development since their held-out figure was recorded (a set still held out is measured
#: by the benchmark, not held to a bar here).
SETS = [
    DEFAULT.parent / name for name in ("compare-heldout", "compare-heldout-2", "compare-heldout-3", "compare-heldout-4")
]


@pytest.mark.parametrize("folder", SETS, ids=[s.name for s in SETS])
def test_the_comparison_finds_what_an_analyst_flags_and_little_else(folder, tmp_path):
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    result = run_compare(folder, tmp_path)
    got = score(result, expected)
    assert got.precision >= 0.97, [f"{f['kind']} {f['message']}" for f in got.wrong]
    assert got.recall >= 0.97, [f"{e['letter']} {e['kind']} {e.get('act')}" for e in got.missed]
    assert not got.forbidden
    excluded = {Path(x["letter"]["source"]).name: x["reason"] for x in result["excluded"]}
    assert {name for name, about in expected["letters"].items() if not about["in_scope"]} <= set(excluded)
    assert not {name for name, about in expected["letters"].items() if about["in_scope"]} & set(excluded)


def test_the_scorer_counts_a_gap_reported_twice_once_right_and_once_wrong():
    finding = {
        "kind": "missing_item",
        "catalog_id": "pp94-n7",
        "letter": {"source": "/x/a.txt"},
        "params": {},
        "message": "",
    }
    expected = {
        "letters": {"a.txt": {}},
        "expected": [{"letter": "a.txt", "kind": "missing_item", "or_kind": "parent_item_dropped", "act": "pp94-n7"}],
        "must_not": [],
    }
    twice = score({"findings": [finding, {**finding, "kind": "parent_item_dropped"}]}, expected)
    assert (len(twice.right), len(twice.wrong), len(twice.missed)) == (1, 1, 0)
    assert twice.precision == 0.5 and twice.recall == 1.0
    other_act = score({"findings": [{**finding, "catalog_id": "pp94-n6"}]}, expected)
    assert (other_act.precision, other_act.recall) == (0.0, 0.0)
