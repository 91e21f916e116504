"""Corrections: the effective record, re-applied after re-extraction, reported when no longer needed, and never
lost to a second reviewer's save; the review application's guards (token, origin, escaping)."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys

import pytest
from starlette.testclient import TestClient

from edaran.corpus.batch import ingest
from edaran.corpus.corrections import Conflict, Correction, corrections, version
from edaran.corpus.store import add_correction, iter_letters, load_letter, open_corpus
from edaran.errors import CorpusError
from edaran.ingest import iter_inputs
from edaran.review.app import create_app

from conftest import FIXTURES, ROOT

LETTER = FIXTURES / "letters" / "kemendagri_se.txt"


@pytest.fixture
def corpus(tmp_path):
    letter = tmp_path / LETTER.name
    shutil.copy(LETTER, letter)
    db = open_corpus(tmp_path / "c.db")
    ingest(db, list(iter_inputs([str(letter)])), workers=1)
    (letter_id,) = [i for i, _ in iter_letters(db)]
    return db, letter_id


def test_a_scalar_correction_makes_the_effective_record_and_keeps_the_extracted_one(corpus):
    db, letter_id = corpus
    before = load_letter(db, letter_id)
    add_correction(db, letter_id, Correction("number", before.number, "100.2.1.3/8741/SJ/2023", "ani"), seen=0)
    after = load_letter(db, letter_id)
    assert after.number == "100.2.1.3/8741/SJ/2023" and after.confidence["number"] == 1.0
    assert [w.field for w in after.warnings if w.code == "corrected"] == ["number"]
    row = db.execute("SELECT number, extracted, corrected FROM letters WHERE id = ?", [letter_id]).fetchone()
    assert row[0] == "100.2.1.3/8741/SJ/2023"  # the columns search reads
    assert json.loads(row[1])["number"] == before.number  # the extractor's own record
    assert json.loads(row[2]) == ["number"]


def test_items_are_fixed_moved_deleted_and_added_by_their_text(corpus):
    db, letter_id = corpus
    letter = load_letter(db, letter_id)
    first = letter.prohibitions[0]
    seen = 0
    for field, before, after in [
        (
            "prohibitions",
            {"label": first.label, "text": first.text},
            {"kind": "prohibitions", "label": first.label, "text": "dilarang <b>berkampanye</b>"},
        ),
        (
            "prohibitions",
            {"label": first.label, "text": "dilarang <b>berkampanye</b>"},
            {"kind": "obligations", "label": first.label, "text": "dilarang <b>berkampanye</b>"},
        ),
        ("obligations", None, {"kind": "obligations", "label": "9.", "text": "wajib melapor"}),
        ("citations", None, {"kind": "uu", "number": "20", "year": 2023}),
    ]:
        seen = add_correction(db, letter_id, Correction(field, before, after, "ani"), seen=seen)
    letter = load_letter(db, letter_id)
    assert letter.prohibitions == []
    texts = [i.text for i in letter.obligations]
    assert "dilarang <b>berkampanye</b>" in texts and "wajib melapor" in texts
    assert ("uu", "20", 2023) in [(c.kind, c.number, c.year) for c in letter.citations]
    seen = add_correction(
        db, letter_id, Correction("obligations", {"label": "9.", "text": "wajib melapor"}, None, "ani"), seen=seen
    )
    assert "wajib melapor" not in [i.text for i in load_letter(db, letter_id).obligations]
    assert db.execute("SELECT obligations FROM letters").fetchone()[0] == len(load_letter(db, letter_id).obligations)


def test_a_second_reviewer_is_told_instead_of_overwriting(corpus):
    db, letter_id = corpus
    add_correction(db, letter_id, Correction("place", None, "Jakarta Pusat", "ani"), seen=0)
    with pytest.raises(Conflict, match="ani changed this letter meanwhile"):
        add_correction(db, letter_id, Correction("place", None, "Bandung", "budi"), seen=0)
    assert load_letter(db, letter_id).place == "Jakarta Pusat"
    assert len(corrections(db, letter_id)) == 1


def test_a_value_that_does_not_fit_the_record_is_refused_unwritten(corpus):
    db, letter_id = corpus
    with pytest.raises(CorpusError, match="date"):
        add_correction(db, letter_id, Correction("date", None, "not a date", "ani"), seen=0)
    with pytest.raises(CorpusError, match="cannot correct"):
        add_correction(db, letter_id, Correction("source.path", None, "x", "ani"), seen=0)
    assert version(db, letter_id) == 0


def test_reprocess_reapplies_corrections_and_reports_those_no_longer_needed(corpus, tmp_path):
    db, letter_id = corpus
    letter = load_letter(db, letter_id)
    add_correction(db, letter_id, Correction("subject", letter.subject, "Netralitas ASN", "ani"), seen=0)
    add_correction(db, letter_id, Correction("number", None, letter.number, "ani"), seen=version(db, letter_id))
    db.execute("UPDATE letters SET extractor_version = 'old'")
    db.conn.commit()
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "edaran",
            "ingest",
            str(tmp_path / LETTER.name),
            "--db",
            str(tmp_path / "c.db"),
            "--reprocess",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert "1 extracted" in run.stderr
    assert "correction no longer needed" in run.stderr and " number = " in run.stderr
    assert "subject = " not in run.stderr
    assert load_letter(open_corpus(tmp_path / "c.db"), letter_id).subject == "Netralitas ASN"
    found = subprocess.run(
        [sys.executable, "-m", "edaran", "search", "Netralitas", "--db", str(tmp_path / "c.db")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert "(corrected by a person: number, subject)" in found.stdout


@pytest.fixture
def client(corpus, tmp_path):
    return TestClient(
        create_app(tmp_path / "c.db", reviewer="ani", cache=tmp_path / "pages"), base_url="http://127.0.0.1:8002"
    )


def _token(page: str) -> str:
    data = page.split('<script id="data" type="application/json">')[1].split("</script>")[0]
    return json.loads(data)["token"]


def test_writes_need_the_pages_token_and_its_origin(client, corpus):
    db, letter_id = corpus
    page = client.get(f"/letter/{letter_id}")
    assert page.status_code == 200
    body = {"field": "place", "before": None, "after": "Jakarta", "version": 0}
    url = f"/letter/{letter_id}/corrections"
    assert client.post(url, json=body).status_code == 403
    assert client.post(url, json=body, headers={"X-Edaran-Token": "guess"}).status_code == 403
    token = _token(page.text)
    assert (
        client.post(url, json=body, headers={"X-Edaran-Token": token, "Origin": "http://evil.example"}).status_code
        == 403
    )
    ok = client.post(url, json=body, headers={"X-Edaran-Token": token, "Origin": "http://127.0.0.1:8002"})
    assert ok.status_code == 200 and ok.json()["version"] > 0
    stale = client.post(url, json={**body, "after": "Bandung"}, headers={"X-Edaran-Token": token})
    assert stale.status_code == 409 and "ani" in stale.json()["error"]
    assert client.post(url, content=b"[1]", headers={"X-Edaran-Token": token}).status_code == 400
    # a page of another site whose name now points at this machine (DNS rebinding) gets nothing
    assert client.get(f"/letter/{letter_id}", headers={"Host": "evil.example"}).status_code == 400


def test_letter_text_reaches_the_page_escaped(client, corpus, tmp_path):
    db, letter_id = corpus
    hostile = "</script><script>alert(1)</script><img src=x onerror=alert(2)>"
    add_correction(db, letter_id, Correction("subject", None, hostile, "<b>ani</b>"), seen=0)
    for url in ("/", f"/letter/{letter_id}"):
        text = client.get(url).text
        assert "<script>alert(1)" not in text and "<img src=x" not in text and "<b>ani" not in text
        assert "&lt;img src=x onerror=alert(2)&gt;" in text


def test_the_queue_puts_letters_needing_review_first_and_counts_the_reviewed(client, corpus, tmp_path):
    db, letter_id = corpus
    db.execute("UPDATE letters SET review_needed = 0")
    db.conn.commit()
    assert 'id="reviewed">0<' in client.get("/").text
    add_correction(db, letter_id, Correction("reviewed", None, True, "ani"), seen=0)
    page = client.get("/").text
    assert 'id="reviewed">1<' in page and 'id="to-review">0<' in page
    assert letter_id not in client.get("/?status=to_review").text
    assert letter_id in client.get("/?status=reviewed").text
    assert letter_id not in client.get("/?region=62").text
    assert letter_id not in client.get("/?warning=ocr").text


def test_export_writes_the_corrections_table(corpus, tmp_path):
    db, letter_id = corpus
    add_correction(db, letter_id, Correction("place", None, "Jakarta", "ani", note="read off the stamp"), seen=0)
    db.conn.close()
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "edaran",
            "export",
            "--db",
            str(tmp_path / "c.db"),
            "--table",
            "corrections",
            "--format",
            "jsonl",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    (row,) = [json.loads(line) for line in run.stdout.splitlines()]
    assert (row["field"], json.loads(row["after"]), row["who"], row["note"]) == (
        "place",
        "Jakarta",
        "ani",
        "read off the stamp",
    )
    assert sqlite3.connect(tmp_path / "c.db").execute("SELECT count(*) FROM corrections").fetchone()[0] == 1


def test_show_html_is_one_self_contained_read_only_file(corpus, tmp_path):
    out = tmp_path / "letter.html"
    run = subprocess.run(
        [sys.executable, "-m", "edaran", "show", corpus[1][:12], "--db", str(tmp_path / "c.db"), "--html", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    html = out.read_text(encoding="utf-8")
    assert "/static/" not in html and '"token": null' in html and "100.2.1.3/8741/SJ" in html
    assert 'data-path="number"' in html


def test_show_html_of_a_scan_carries_its_page_images(tmp_path):
    scan = tmp_path / "scan.pdf"
    shutil.copy(FIXTURES / "scans" / "seed-headers.pdf", scan)
    db = open_corpus(tmp_path / "s.db")
    ingest(db, [str(scan)], workers=1)
    out = tmp_path / "scan.html"
    run = subprocess.run(
        [sys.executable, "-m", "edaran", "show", str(scan), "--db", str(tmp_path / "s.db"), "--html", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    html = out.read_text(encoding="utf-8")
    assert html.count("data:image/png;base64,") == 2
    assert 'class="box" data-path="number"' in html


def test_a_text_letter_is_marked_in_its_text(corpus):
    """A text letter has no page images: its values are marked in its text."""
    db, letter_id = corpus
    from edaran.review.app import letter_context

    context = letter_context(db, letter_id)
    assert context["view"]["pages"] == 0
    assert any(s.get("path") == "number" for s in context["view"]["segments"])
