"""Cross-region comparison: every finding kind on letters written for the test, the seeds, the report."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest

from edaran.comparison.compare import compare
from edaran.comparison.report import to_csv, to_html, to_json, to_markdown
from edaran.extract import extract_letter
from edaran.ingest import read_text

from conftest import PP94_ACTS, ROOT, SAMPLES, rendered_dom


def letter(
    name: str,
    *,
    number: str | None = "800/1/BKD/2024",
    date: str = "2 Oktober 2023",
    acts: list[str] = PP94_ACTS,
    basis: str | None = "Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil",
    region: str = "BUPATI SEKADAU",
    signer: str | None = "BUDI SANTOSO",
    nip: str = "197108011994031002",
    election: str = "PEMILIHAN UMUM TAHUN 2024",
    follows: str | None = None,
):
    items = "\n".join(f"{i + 1}. {act};" for i, act in enumerate(acts))
    opening = f"Berdasarkan {basis}, d" if basis else "D"
    if follows:
        opening = f"Menindaklanjuti Surat Edaran Gubernur Kalimantan Barat Nomor {follows}, d"
    text = (
        f"{region}\n\nSURAT EDARAN\n"
        + (f"NOMOR {number}\n" if number else "")
        + f"TENTANG\nNETRALITAS ASN DALAM {election}\n\n{opening}engan ini disampaikan bahwa setiap ASN dilarang:\n"
        f"{items}\n\nDemikian untuk dilaksanakan.\n\nDitetapkan di Sekadau\npada tanggal {date}\n\n"
        f"{region},\n\n" + (f"{signer}\nNIP {nip}\n" if signer else "")
    )
    doc = read_text(f"{name}.txt", text.encode())
    return hashlib.sha256(text.encode()).hexdigest()[:12], extract_letter(doc)


def kinds(result, letter_id: str) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in result.findings:
        if f.letter.id == letter_id:
            out.setdefault(f.kind, []).append(f)
    return out


def test_a_complete_letter_has_no_gaps():
    a = letter("a")
    b = letter("b", number="800/2/BKD/2024", acts=PP94_ACTS[:3])
    result = compare([a, b])
    # a complete letter has no finding: the four acts b leaves out are a's alone, which the matrix shows
    assert kinds(result, a[0]) == {}
    assert {c.catalog_id for c in result.matrix if c.letter_id == a[0] and c.status == "present"} >= {"pp94-n7"}
    missing = kinds(result, b[0])["missing_item"]
    assert {f.catalog_id for f in missing} == {"pp94-n4", "pp94-n5", "pp94-n6", "pp94-n7"}
    assert all(f.severity == "high" for f in missing)


def test_wording_that_changes_the_meaning():
    changed = (
        PP94_ACTS[:2]
        + ["sebagai peserta kampanye dengan mengarahkan PNS lain"]
        + PP94_ACTS[3:4]
        + ["membuat keputusan yang menguntungkan salah satu pasangan calon"]
        + PP94_ACTS[5:]
    )
    lid, doc_letter = letter("c", acts=changed)
    found = kinds(compare([(lid, doc_letter)]), lid)["wording_changed"]
    messages = {f.catalog_id: f.message for f in found}
    assert "mengarahkan" in messages["pp94-n3"] and "different root word" in messages["pp94-n3"]
    assert "time qualifier dropped" in messages["pp94-n5"]
    assert found[0].evidence.text in doc_letter.model_dump_json()
    cells = {c.catalog_id: c.status for c in compare([(lid, doc_letter)]).matrix}
    assert cells["pp94-n3"] == "changed" and cells["pp94-n1"] == "present"


def test_a_spelling_variant_is_not_a_new_meaning():
    acts = PP94_ACTS[:6] + ["memberikan surat dukungan disertai fotocopy Kartu Tanda Penduduk"]
    lid, doc_letter = letter("d", acts=acts)
    assert "wording_changed" not in kinds(compare([(lid, doc_letter)]), lid)


def test_parent_letters_and_dropped_items():
    parent = letter("parent", number="800/10/BKD/2023", date="1 November 2023")
    child = letter(
        "child", number="800/11/BKD/2023", date="10 November 2023", acts=PP94_ACTS[:5], follows="800/10/BKD/2023"
    )
    orphan = letter("orphan", number="800/12/BKD/2023", follows="800/99/XX/2023")
    result = compare([parent, child, orphan])
    dropped = kinds(result, child[0])["parent_item_dropped"]
    assert {f.catalog_id for f in dropped} == {"pp94-n6", "pp94-n7"}
    assert [n.letter.id for n in result.lineage if n.letter] == [parent[0]]
    assert [c.letter.id for c in result.lineage[0].children] == [child[0]]
    # the orphan's parent is not in the corpus: an open node of the tree, named by the citation
    opened = [n for n in result.lineage if n.letter is None]
    assert [(n.cited, [c.letter.id for c in n.children]) for n in opened] == [
        ("SE Gubernur Kalimantan Barat Nomor 800/99/XX/2023", [orphan[0]])
    ]
    assert "unresolved_reference" in kinds(result, orphan[0])
    assert "unresolved_reference" not in kinds(result, child[0])


def test_an_act_no_other_letter_has():
    own = "memakai kaos bergambar pasangan calon di kantor"
    a = letter("a", acts=PP94_ACTS + ["menjadi anggota dan/atau pengurus partai politik", own])
    b = letter("b", number="800/2/BKD/2024")
    result = compare([a, b])
    unique = kinds(result, a[0])["unique_item"]
    # the act outside the catalogue is a's own; the catalogued one (party membership, SKB 2022) a alone
    # states is no finding, only a present cell of the matrix
    assert [(f.catalog_id, f.evidence.text) for f in unique] == [(None, own)]
    assert any(c.letter_id == a[0] and c.catalog_id == "skb-member" for c in result.matrix)
    assert "unique_item" not in kinds(result, b[0])


def test_acts_outside_the_catalogue_are_grouped_across_regions():
    act = "memakai kaos bergambar pasangan calon di kantor"
    a = letter("a", acts=PP94_ACTS + [act])
    b = letter("b", number="800/2/BKD/2024", region="GUBERNUR JAWA TENGAH", acts=PP94_ACTS + [act])
    result = compare([a, b])
    group = next(g for g in result.unmatched if g["text"] == act)
    assert group["regions"] == 2 and len(group["letters"]) == 2


@pytest.mark.parametrize(
    ("overrides", "kind"),
    [
        (
            {"basis": "Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara", "date": "1 November 2023"},
            "repealed_citation",
        ),
        ({"basis": None}, "no_legal_basis"),
        ({"signer": None}, "signatory_missing"),
        ({"nip": "197113011994031002"}, "nip_invalid"),
        ({"number": None}, "number_missing"),
        ({"date": "1 Desember 2023"}, "late_letter"),
        ({"date": "1 Oktober 2024", "election": "PEMILIHAN KEPALA DAERAH TAHUN 2024"}, "late_letter"),
    ],
)
def test_letter_checks(overrides, kind):
    lid, doc_letter = letter("x", **overrides)
    assert kind in kinds(compare([(lid, doc_letter)]), lid)


@pytest.mark.parametrize(
    "overrides",
    [
        {"date": "20 November 2023"},
        {"date": "20 September 2024", "election": "PEMILIHAN KEPALA DAERAH TAHUN 2024"},
        {"basis": "Undang-Undang Nomor 5 Tahun 2014 tentang ASN", "date": "1 Mei 2023"},
    ],
)
def test_letter_checks_that_must_stay_quiet(overrides):
    lid, doc_letter = letter("x", **overrides)
    assert not {"late_letter", "repealed_citation"} & set(kinds(compare([(lid, doc_letter)]), lid))


def test_one_instrument_cited_with_two_years():
    a = letter("a", basis="Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil")
    b = letter(
        "b",
        number="800/2/BKD/2024",
        basis="Peraturan Pemerintah Nomor 94 Tahun 2012 tentang Disiplin Pegawai Negeri Sipil",
    )
    result = compare([a, b])
    assert "inconsistent_citation" in kinds(result, a[0]) and "inconsistent_citation" in kinds(result, b[0])


def seeds():
    out = []
    for path in sorted(SAMPLES.glob("*.txt")):
        doc = read_text(path.name, path.read_bytes())
        out.append((path.stem[:3], extract_letter(doc)))
    return out


def test_the_seed_letters():
    result = compare(seeds())
    by = {lid: kinds(result, lid) for lid in ("000", "001", "002", "003", "004")}
    assert any("mengarahkan" in f.evidence.text for f in by["001"]["wording_changed"])
    assert "late_letter" in by["003"] and "no_legal_basis" in by["003"]
    assert all(f.catalog_id is None for f in result.findings if f.kind == "unique_item")
    assert "signatory_missing" in by["002"]
    assert "unresolved_reference" in by["000"] and "unresolved_reference" in by["001"]
    skb = {lid: [c for c in item.citations if c.kind == "skb"] for lid, item in seeds()}
    assert skb["002"][0].numbers == skb["004"][0].numbers  # "800- 5474" read as 800-5474


def test_outputs_have_the_contract_shape():
    result = compare(seeds())
    data = json.loads(to_json(result))
    assert {"catalog", "matrix", "findings", "lineage"} <= set(data)
    finding = data["findings"][0]
    assert {"kind", "severity", "message", "letter", "evidence"} <= set(finding)
    assert {"id", "number", "source", "region_code"} <= set(finding["letter"])
    header = to_csv(result).splitlines()[0].split(",")
    assert header[:4] == ["letter_id", "number", "region_code", "source"] and "pp94-n3" in header
    assert to_markdown(result).startswith("# edaran — Perbandingan surat edaran")  # Indonesian by default
    assert to_markdown(result, lang="en").startswith("# edaran — Comparison of circular letters")


def test_the_report_renders_and_escapes_letter_text(tmp_path):
    hostile = letter("hostile", acts=PP94_ACTS + ["<script>document.title='pwned'</script> memasang spanduk calon"])
    html = to_html(compare([hostile, letter("b", number="800/2/BKD/2024")]))
    dom = rendered_dom(html, tmp_path)
    assert 'id="matrix"' in dom and dom.count('class="present"') >= 7
    assert "<title>edaran" in dom and "pwned</title>" not in dom
    assert "&lt;script&gt;document.title" in dom


def test_compare_command_writes_and_stores(tmp_path):
    db = tmp_path / "c.db"
    subprocess.run(
        [sys.executable, "-m", "edaran", "ingest", "samples", "--db", str(db)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    out = tmp_path / "r.json"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "edaran",
            "compare",
            "--db",
            str(db),
            "--election",
            "pilkada-2024",
            "--format",
            "json",
            "--out",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(out.read_text())["findings"]
    import sqlite3

    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM findings").fetchone()[0] > 0
        assert conn.execute("SELECT count(*) FROM matches").fetchone()[0] > 0


def test_every_finding_is_said_in_indonesian():
    from edaran.comparison.view import message

    letters = [
        letter(
            "a",
            basis="Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil",
            acts=PP94_ACTS + ["memakai kaos bergambar pasangan calon di kantor"],
        ),
        letter("b", number="800/2/BKD/2024", basis="Peraturan Pemerintah Nomor 94 Tahun 2012 tentang Disiplin PNS"),
        letter("c", number="800/3/BKD/2024", basis=None, signer=None, acts=PP94_ACTS[:2]),
        letter("d", number="800/4/BKD/2024", nip="197113011994031002", date="1 Desember 2023"),
        letter(
            "e",
            number=None,
            basis="Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara",
            date="1 November 2023",
        ),
        letter("f", number="800/6/BKD/2024", follows="800/99/BKD/2023"),
        *seeds(),
    ]
    result = compare(letters)
    said = {f.kind for f in result.findings}
    assert {"inconsistent_citation", "nip_invalid", "repealed_citation", "late_letter", "number_missing"} <= said
    assert {"unresolved_reference", "no_legal_basis", "signatory_missing", "missing_item", "unique_item"} <= said
    md, html = to_markdown(result), to_html(result)
    entries = {e["id"]: e for e in result.catalog}
    for f in result.findings:
        indonesian = message(f, entries, "id")
        assert indonesian != f.message, f.kind  # a template of its own, not the English message
        assert f.message not in md and f.message not in html
    # instruments and dates as a reader writes them, never as keys
    assert "UU 5/2014" in md and "uu:5:2014" not in md and "2023-11-01" not in md and "1 November 2023" in md
    assert ", page " not in md
