"""The corpus: batch ingest that survives kills and concurrency, search, query, export, serve."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import sqlite_utils

from benchmarks.generate import write as write_letters
from edaran.bundle import letters_in
from edaran.corpus.batch import ingest
from edaran.corpus.search import search
from edaran.corpus.store import iter_letters, load_letter, open_corpus
from edaran.errors import CorpusError
from edaran.extract import extract_letter
from edaran.ingest import iter_inputs, read_document

from conftest import ROOT, SAMPLES, serving


def edaran(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "edaran", *args], capture_output=True, text=True, cwd=ROOT, timeout=600, **kwargs
    )


def counts(db_path: Path) -> dict[str, int]:
    with sqlite3.connect(db_path) as conn:
        return {
            t: conn.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0]
            for t in ("letters", "items", "citations", "instruments", "addressees", "tembusan", "files")
        }


def test_ingesting_twice_gives_the_same_rows(tmp_path):
    db = tmp_path / "c.db"
    first = edaran("ingest", "samples", "--db", str(db), "--workers", "2")
    assert first.returncode == 0, first.stderr
    before = counts(db)
    second = edaran("ingest", "samples", "--db", str(db))
    assert second.returncode == 0
    assert "10 already in the corpus" in second.stderr
    assert counts(db) == before
    assert before["letters"] == 5 and before["files"] == 10  # each sample as .txt and .pdf: one letter, two files


def test_text_and_pdf_of_one_letter_are_one_letter_with_two_files(tmp_path):
    corpus = open_corpus(tmp_path / "c.db")
    summary = ingest(corpus, list(iter_inputs([str(SAMPLES)])), workers=1)
    letters: dict[str, set[str]] = {}
    for path, letter_id in corpus.execute("SELECT path, letter_id FROM files"):
        letters.setdefault(Path(path).stem, set()).add(letter_id)
    assert len(letters) == 5 and all(len(ids) == 1 for ids in letters.values()), letters
    assert corpus.execute("SELECT count(*) FROM letters").fetchone()[0] == 5
    assert sum(1 for o in summary.outcomes if (o.reason or "").startswith("the same letter as")) == 5
    keys = {
        stem: [
            r[0]
            for r in corpus.execute("SELECT instrument_key FROM citations WHERE letter_id = ? ORDER BY 1", [ids.pop()])
        ]
        for stem, ids in letters.items()
    }
    # "800- 5474" and "800-5474": seeds 002 and 004 cite one joint decree
    assert "skb:2:2022" in keys["002_c412d0169f79d04d"] and keys["004_d846caf9a4558eab"] == ["skb:2:2022"]


def test_two_letters_sharing_a_number_stay_two_with_a_warning(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    text = (SAMPLES / "002_c412d0169f79d04d.txt").read_text(encoding="utf-8")
    (folder / "a.txt").write_text(text)
    other = re.sub(r"24 November 2023|November 2023", "3 Januari 2024", text)
    assert other != text
    (folder / "b.txt").write_text(other)
    corpus = open_corpus(tmp_path / "c.db")
    summary = ingest(corpus, list(iter_inputs([str(folder)])), workers=1)
    assert corpus.execute("SELECT count(*) FROM letters").fetchone()[0] == 2
    reasons = [o.reason for o in summary.outcomes if o.reason]
    assert len(reasons) == 1 and "also on" in reasons[0] and "a different letter" in reasons[0]


def test_the_same_bytes_under_two_names_are_one_letter(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    data = (SAMPLES / "001_5ea491974b8290d4.txt").read_bytes()
    (folder / "a.txt").write_bytes(data)
    (folder / "b.txt").write_bytes(data)
    corpus = open_corpus(tmp_path / "c.db")
    ingest(corpus, list(iter_inputs([str(folder)])), workers=1)
    assert corpus["files"].count == 2 and corpus["letters"].count == 1


def test_a_killed_ingest_resumes_with_every_file_once(tmp_path):
    letters = tmp_path / "letters"
    write_letters(letters, 300)
    db = tmp_path / "c.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "edaran", "ingest", str(letters), "--db", str(db), "--workers", "2"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.time() + 120
    done = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
                done = conn.execute("SELECT count(*) FROM files").fetchone()[0]
        except sqlite3.Error:
            continue
        if done >= 40:
            os.killpg(proc.pid, signal.SIGKILL)  # the ingest and its workers, mid-run
            break
    proc.wait()
    assert 40 <= done < 300, "the ingest was not killed midway"
    again = edaran("ingest", str(letters), "--db", str(db), "--workers", "2")
    assert again.returncode == 0, again.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*), count(DISTINCT path) FROM files").fetchone() == (300, 300)
        assert conn.execute("SELECT count(*) FROM files WHERE status != 'ok'").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM letters").fetchone()[0] == 300
        # no partial letter: every letter has exactly the items its record lists
        rows = conn.execute(
            "SELECT l.prohibitions + l.obligations, (SELECT count(*) FROM items i "
            "WHERE i.letter_id = l.id) FROM letters l"
        ).fetchall()
        assert all(a == b and a > 0 for a, b in rows)


def test_two_ingests_at_once_both_finish(tmp_path):
    write_letters(tmp_path / "one", 40, start=0)
    write_letters(tmp_path / "two", 40, start=1000)
    db = tmp_path / "c.db"
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "edaran", "ingest", str(tmp_path / name), "--db", str(db), "--workers", "1"],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("one", "two")
    ]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    assert counts(db)["letters"] == 80


def test_round_trip_letter_rows_letter(tmp_path):
    corpus = open_corpus(tmp_path / "c.db")
    ingest(corpus, list(iter_inputs([str(SAMPLES)])), workers=1)
    for letter_id, path in corpus.execute("SELECT id, path FROM letters").fetchall():
        [(letter, _)] = letters_in(read_document(path))  # as ingest reads a file: its annexes too
        assert load_letter(corpus, letter_id) == letter
    assert len(list(iter_letters(corpus, election="pilkada-2024"))) == 4  # pilkada and pemilu_pilkada letters


def test_search_finds_items_and_filters(tmp_path):
    corpus = open_corpus(tmp_path / "c.db")
    ingest(corpus, list(iter_inputs([str(SAMPLES)])), workers=1)
    hits = search(corpus, "mengerahkan PNS")
    assert hits and hits[0].where.startswith("item") and "[mengerahkan]" in hits[0].snippet
    assert all(h.region == "61.09" for h in search(corpus, "netralitas", region="61"))
    assert search(corpus, "netralitas", level="nasional") == []
    assert search(corpus, "800/46/BKPSDMD-II/2024")  # letter numbers are searchable text
    in_region = search(corpus, "netralitas", region="61.09")
    assert in_region and all(h.region == "61.09" for h in in_region)
    assert any(h.where.startswith("item") for h in search(corpus, "kampanye", region="61.09"))
    for code in ("6", "61.0"):  # the start of a code is no region: an error, not the regions it begins
        with pytest.raises(CorpusError, match="no region has the code"):
            search(corpus, "netralitas", region=code)
    assert search(corpus, "r61") == []  # the region words are not the letter's text


def test_an_older_corpus_gets_the_filter_words_for_search(tmp_path):
    from edaran import EXTRACTOR_VERSION
    from edaran.corpus.migrations import MIGRATIONS, migrate
    from edaran.corpus.store import letter_rows

    db = sqlite_utils.Database(tmp_path / "c.db")
    for _, step in MIGRATIONS[:5]:
        step(db)
    db["_migrations"].insert_all([{"name": name, "applied": ""} for name, _ in MIGRATIONS[:5]], pk="name")
    path = sorted(SAMPLES.glob("*.txt"))[0]
    doc = read_document(str(path))
    rows = letter_rows(extract_letter(doc), "x", doc.text, EXTRACTOR_VERSION)
    for table in ("letters", "items"):
        db[table].insert_all(
            [
                {k: v for k, v in r.items() if k not in ("facets", "review_needed", "review_reasons", "least_sure")}
                for r in rows[table]
            ]
        )
    db.conn.close()
    # a read-only command neither searches it without its words nor upgrades it: it says what will
    with pytest.raises(CorpusError, match="older edaran"):
        open_corpus(tmp_path / "c.db", readonly=True)
    open_corpus(tmp_path / "c.db").conn.close()  # a writing command upgrades it in place
    corpus = open_corpus(tmp_path / "c.db", readonly=True)
    assert migrate(sqlite_utils.Database(tmp_path / "c.db")) == []
    letter = rows["letters"][0]
    assert corpus.execute("SELECT facets FROM letters").fetchone()[0] == letter["facets"]
    assert letter["facets"].startswith(rows["items"][0]["facets"] + " ")  # the region's words, then the rest
    assert corpus.execute("SELECT facets FROM items LIMIT 1").fetchone()[0] == rows["items"][0]["facets"]
    assert search(
        corpus,
        "netralitas",
        region=letter["region_code"],
        year=letter["year"],
        level=letter["region_level"],
        kind=letter["doc_type"],
    )
    # the review flag is filled in from the stored record
    assert corpus.execute("SELECT review_needed, review_reasons FROM letters").fetchone() == (
        letter["review_needed"],
        letter["review_reasons"],
    )


FILTER_CASES = [
    {"region": "61"},
    {"region": "61.09"},
    {"region": "33"},
    {"level": "kabupaten"},
    {"level": "nasional"},
    {"level": "provinsi"},
    {"year": 2024},
    {"year": 2023},
    {"year": 1999},
    {"kind": "surat_edaran"},
    {"kind": "surat"},
    {"election": "pilkada-2024"},
    {"election": "pemilu-2024"},
    {"election": "pemilu"},
    {"election": "pemilu_pilkada-2024"},
    {"region": "33", "year": 2024, "election": "pilkada"},
    {"level": "kota", "kind": "surat_edaran", "election": "pilkada-2024"},
]


@pytest.fixture(scope="module")
def varied_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("varied")
    write_letters(folder / "generated", 80)
    corpus = open_corpus(folder / "c.db")
    ingest(corpus, list(iter_inputs([str(SAMPLES), str(folder / "generated")])), workers=1)
    return corpus


@pytest.mark.parametrize("filters", FILTER_CASES, ids=lambda f: " ".join(f"{k}={v}" for k, v in f.items()))
def test_search_filters_keep_the_letters_sql_keeps(varied_corpus, filters):
    """The filter words in the full-text index select what the letters' own columns say."""
    from edaran.corpus.store import election_filter, region_filter

    where, params = election_filter(filters.get("election"))
    if "region" in filters:
        sql, more = region_filter(filters["region"])
        where, params = f"{where} AND {sql}", params + more
    for key, column in (("level", "region_level"), ("year", "year"), ("kind", "doc_type")):
        if key in filters:
            where, params = f"{where} AND {column} = ?", [*params, filters[key]]
    for word in ("kampanye", "netralitas"):
        expected = {
            row[0]
            for row in varied_corpus.execute(
                f"""
            SELECT id FROM letters WHERE {where} AND (rowid IN (SELECT rowid FROM letters_fts WHERE letters_fts
            MATCH '{{subject text}} : {word}') OR id IN (SELECT i.letter_id FROM items i JOIN items_fts f
            ON f.rowid = i.rowid WHERE items_fts MATCH 'text : {word}'))""",
                params,
            )
        }
        found = {hit.letter_id for hit in search(varied_corpus, word, limit=10_000, **filters)}
        assert found == expected


def test_search_rejects_filters_it_cannot_read(varied_corpus):
    from edaran.errors import CorpusError

    with pytest.raises(CorpusError, match="region code"):
        search(varied_corpus, "kampanye", region="Kalimantan Barta")
    with pytest.raises(CorpusError, match="pilkada-2024"):
        search(varied_corpus, "kampanye", election="pilpres")


def test_cli_use_of_the_corpus(tmp_path):
    db = str(tmp_path / "c.db")
    assert edaran("ingest", "samples", "--db", db).returncode == 0
    run = edaran("search", "spanduk baliho", "--db", db, "--election", "pilkada-2024")
    assert run.returncode == 0 and "[spanduk]" in run.stdout
    run = edaran("query", "SELECT number, region_code FROM letters ORDER BY number LIMIT 1", "--db", db, "-f", "json")
    assert json.loads(run.stdout)[0]["number"] == "800/377/IV.1/BKD"
    run = edaran("query", "DELETE FROM letters", "--db", db)
    assert run.returncode == 1 and "read-only" in run.stderr
    run = edaran("show", "863/2219/BKPSDM/2023", "--db", db)
    assert run.returncode == 0 and "where each value was read" in run.stdout
    out = tmp_path / "records.jsonl"
    assert edaran("export", "--db", db, "--out", str(out)).returncode == 0
    assert len(out.read_text().splitlines()) == 5
    run = edaran("export", "--db", db, "--table", "items", "--format", "csv")
    assert run.stdout.startswith("id,letter_id,kind,path")
    run = edaran("stats", "--db", db)
    assert "letters by region level" in run.stdout and "files by status" in run.stdout
    assert edaran("stats", "--db", str(tmp_path / "none.db")).returncode == 1


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def test_serve_shows_the_corpus_read_only(tmp_path):
    db = tmp_path / "corpus.db"
    assert edaran("ingest", "samples", "--db", str(db)).returncode == 0
    with serving("serve", "--db", str(db)) as base:
        page = _get(base + "/corpus/letters").decode()
        assert "Letters" in page and "region_level" in page  # title and facets from the metadata
        rows = json.loads(_get(base + "/corpus/letters.json?_shape=array&_col=number"))
        assert len(rows) == 5
        canned = json.loads(_get(base + "/corpus/letters_of_a_region.json?region=31&_shape=array"))
        assert {r["region"] for r in canned} == {"Kota Administrasi Jakarta Barat", "Kota Administrasi Jakarta Selatan"}
        items = json.loads(_get(base + "/corpus/items_mentioning_a_phrase.json?phrase=fasilitas+negara&_shape=array"))
        assert items
        with pytest.raises(urllib.error.HTTPError):
            _get(base + "/corpus.json?sql=" + urllib.parse.quote("delete from letters"))
    time.sleep(0.5)
    with pytest.raises(OSError):  # stopping `edaran serve` stopped Datasette
        _get(base + "/-/versions.json")


def test_serve_shows_letters_and_findings_written_while_it_serves(tmp_path):
    """A live corpus is served read-only, not as an immutable snapshot: the letters an ``ingest`` and the
    findings a ``compare`` write beside it appear without a restart, and it goes on answering."""
    db = tmp_path / "corpus.db"
    assert edaran("ingest", "samples/000_edc49453c313701a.txt", "--db", str(db)).returncode == 0
    assert edaran("compare", "--db", str(db), "--format", "json", "--out", str(tmp_path / "1.json")).returncode == 0

    def query(sql: str) -> list[dict]:
        return json.loads(_get(base + "/corpus.json?_shape=array&sql=" + urllib.parse.quote(sql)))

    with serving("serve", "--db", str(db)) as base:
        assert query("select count(*) as n from letters") == [{"n": 1}]
        findings = query("select count(*) as n, count(distinct letter_id) as letters from findings")
        assert edaran("ingest", "samples/003_8598e27f954b751e.txt", "--db", str(db)).returncode == 0
        assert query("select count(*) as n from letters") == [{"n": 2}]
        assert edaran("compare", "--db", str(db), "--format", "json", "--out", str(tmp_path / "2.json")).returncode == 0
        stored = query("select count(*) as n, count(distinct letter_id) as letters from findings")
        with sqlite3.connect(db) as conn:
            assert stored == [
                dict(
                    zip(
                        ("n", "letters"),
                        conn.execute("select count(*), count(distinct letter_id) from findings").fetchone(),
                        strict=True,
                    )
                )
            ]
        assert stored != findings  # the second letter's findings, served as they were written
        with pytest.raises(urllib.error.HTTPError):
            _get(base + "/corpus.json?sql=" + urllib.parse.quote("delete from letters"))


def test_each_revision_is_paired_with_its_own_step():
    """The revision names live apart from their steps (a reader checks them without sqlite-utils): a step
    inserted or moved in one list and not the other would store one revision's tables under another's name."""
    from edaran.corpus.migrations import MIGRATIONS

    assert [step.__name__ for _, step in MIGRATIONS] == ["_" + name.split("_", 1)[1] for name, _ in MIGRATIONS]
