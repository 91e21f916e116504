"""The comparison streamed from the corpus (read a page at a time, rows written as they are found) finds what
the comparison of the same letters held in memory finds, and a comparison that fails keeps the stored one."""

from __future__ import annotations

import json
from functools import cache

import pytest

from benchmarks.generate import letter as generated_letter
from benchmarks.generate import regions
from edaran.comparison.compare import compare, compare_corpus
from edaran.comparison.report import to_json, to_rows
from edaran.corpus import store
from edaran.corpus.store import ComparisonWriter, iter_letters, letter_ids, open_corpus, read_letters, save_letter
from edaran.extract import extract_letter
from edaran.ingest import read_text

from conftest import FIXTURES, SAMPLES

FINDINGS = "SELECT letter_id, kind, severity, catalog_id, message, evidence, start, [end], page, election, baseline, quoted_from FROM findings"
MATCHES = "SELECT letter_id, item_path, catalog_id, score, status, reason, election FROM matches"


@cache
def documents() -> list:
    """The seeds, the letters written for the comparison's tests, and generated letters of many regions."""
    texts = [
        (p.name, p.read_bytes())
        for p in [*sorted(SAMPLES.glob("*.txt")), *sorted((FIXTURES / "compare").glob("*.txt"))]
    ]
    table = regions()
    texts += [(f"g{n}.txt", generated_letter(n, table).encode()) for n in range(40)]
    return [read_text(name, data) for name, data in texts]


@pytest.fixture
def corpus(tmp_path):
    db = open_corpus(tmp_path / "c.db")
    for n, doc in enumerate(documents()):
        save_letter(
            db,
            extract_letter(doc),
            letter_id=f"l{n:03d}",
            text=doc.text,
            extractor_version="test",
            file_row={"path": f"f{n}.txt", "sha256": f"s{n}", "status": "ok"},
        )
    return db


def in_memory(db, election=None):
    letters = list(iter_letters(db, election=election))
    texts = {lid: text for lid, _, text in read_letters(db, [lid for lid, _ in letters])}
    return compare(letters, texts=texts, election=election)


def canonical(result) -> dict:
    """A comparison as data; findings as a multiset (the streamed run says each letter's findings together)."""
    data = json.loads(to_json(result))
    data["findings"] = sorted(json.dumps(f, sort_keys=True) for f in data["findings"])
    return data


@pytest.mark.parametrize("page", [3, 500])
@pytest.mark.parametrize("election", [None, "pilkada-2024"])
def test_the_streamed_comparison_equals_the_one_in_memory(corpus, monkeypatch, page, election):
    monkeypatch.setattr(store, "PAGE", page)  # a page of 3 letters: every index crosses pages
    expected = in_memory(corpus, election)
    stored = compare_corpus(corpus, election=election, keep=True)
    assert stored.letters == len(expected.letters) > 10
    assert stored.findings == len(expected.findings) > 50
    assert {f.kind for f in expected.findings} >= {"missing_item", "unique_item", "wording_changed", "late_letter"}
    assert canonical(stored.result) == canonical(expected)
    _, findings, matches = to_rows(expected)
    assert sorted(corpus.execute(FINDINGS).fetchall(), key=repr) == sorted(findings, key=repr)
    assert sorted(corpus.execute(MATCHES).fetchall(), key=repr) == sorted(matches, key=repr)


def test_a_streamed_comparison_keeps_nothing_it_need_not(corpus):
    stored = compare_corpus(corpus)
    assert stored.result is None and stored.findings > 0
    assert corpus.execute("SELECT count(*) FROM findings").fetchone()[0] == stored.findings


def test_a_failed_comparison_leaves_the_stored_one(corpus, tmp_path):
    compare_corpus(corpus)
    before = sorted(corpus.execute(FINDINGS).fetchall(), key=repr)
    writer = ComparisonWriter(corpus, "all")
    for row in to_rows(in_memory(corpus))[1][:5]:
        writer.finding(row)
    for _ in range(store._BATCH):  # enough rows to reach the staging table
        writer.match(("l000", "1", None, None, "unmatched", None, "all"))
    other = open_corpus(tmp_path / "c.db")  # another reader sees the stored comparison meanwhile
    assert sorted(other.execute(FINDINGS).fetchall(), key=repr) == before
    writer.close()  # the run failed before its swap
    assert sorted(corpus.execute(FINDINGS).fetchall(), key=repr) == before
    assert (
        corpus.execute(
            "SELECT count(*) FROM matches WHERE letter_id = 'l000' AND status = 'unmatched' AND item_path = '1'"
        ).fetchone()[0]
        < store._BATCH
    )


def test_an_empty_selection_compares_nothing_and_keeps_the_stored_rows(corpus):
    compare_corpus(corpus)
    count = corpus.execute("SELECT count(*) FROM findings").fetchone()[0]
    assert compare_corpus(corpus, election="pemilu-1999").letters == 0
    assert corpus.execute("SELECT count(*) FROM findings").fetchone()[0] == count
    assert letter_ids(corpus, election="pemilu-1999") == []


@pytest.mark.parametrize("election", [None, "pilkada-2024"])
def test_the_command_writes_from_the_spool_what_the_comparison_in_memory_renders(
    corpus, tmp_path, monkeypatch, election
):
    """`edaran compare` writes its report from the parts spooled as they were found, never the whole comparison:
    in every format and language it is the text the comparison held in memory gives, byte for byte."""
    from typer.testing import CliRunner

    from edaran.cli import app
    from edaran.comparison.report import to_csv, to_html, to_markdown

    monkeypatch.setattr(store, "PAGE", 3)
    expected = in_memory(corpus, election)
    renders = {
        ("json", "id"): to_json(expected),
        ("csv", "id"): to_csv(expected),
        ("md", "en"): to_markdown(expected, lang="en"),
        ("html", "id"): to_html(expected),
        ("html", "en"): to_html(expected, lang="en"),
    }
    db = corpus.execute("PRAGMA database_list").fetchone()[2]
    for (form, lang), text in renders.items():
        out = tmp_path / f"report.{form}"
        where = ["--election", election] if election else []
        run = CliRunner().invoke(
            app, ["compare", "--db", db, "--format", form, "--lang", lang, "--out", str(out), *where]
        )
        assert run.exit_code == 0, run.output
        assert out.read_bytes().decode("utf-8") == text, (form, lang)
    assert json.loads(renders["json", "id"])["unmatched"] and "<td class=present" in renders["html", "id"]
