"""Hostile files cost bounded time and memory, every file is accounted for, and a dying worker or a
killed command costs only its own work (real PDFs, real SQLite, real processes)."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES

#: Address space allowed to each command these tests run (the machine is shared).
MEMORY_CAP = 4_000_000_000


def _capped() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def edaran(*args: str, timeout: float = 300, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "edaran", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
        preexec_fn=_capped,
        **kwargs,
    )


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "edaran", *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_capped,
    )


def pdf(
    content: bytes = b"", *, pages: int = 1, size: tuple[float, float] = (595, 842), stream: bytes | None = None
) -> bytes:
    """A PDF whose pages all show one (compressed) content stream in Helvetica; ``stream`` is the stream
    already compressed."""
    stream = zlib.compress(content) if stream is None else stream
    kids = " ".join(f"{5 + i} 0 R" for i in range(pages))
    page = (
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {size[0]} {size[1]}] "
        "/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    ).encode()
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(stream), stream),
        *[page] * pages,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(bodies, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(bodies) + 1, xref)
    return bytes(out)


def glyph_bomb() -> bytes:
    """Two million tiny glyphs on one page: a few kilobytes that take pdfminer many minutes, and the
    pdfium reader over ten seconds and a gigabyte.  Shown 20,000 at a time: pdfium reads no more than
    32,767 bytes of one string."""
    return pdf(b"BT /F1 0.1 Tf 10 400 Td " + (b"(" + b"x" * 20_000 + b") Tj ") * 100 + b"ET")


def rows(db: Path) -> dict[str, tuple[str, str | None]]:
    with sqlite3.connect(db) as conn:
        return {Path(p).name: (s, r) for p, s, r in conn.execute("SELECT path, status, reason FROM files")}


def test_hostile_files_are_each_accounted_for_within_their_limits(tmp_path):
    letters = tmp_path / "in"
    letters.mkdir()
    (letters / "0_glyph_bomb.pdf").write_bytes(glyph_bomb())
    (letters / "pages_bomb.pdf").write_bytes(pdf(pages=2000))
    (letters / "big_page.pdf").write_bytes(pdf(size=(7200, 7200)))
    (letters / "long_word.txt").write_text("Surat Edaran " + "a" * 80_000 + "\n")
    (letters / "random.txt").write_bytes(random.Random(1).randbytes(20_000))
    (letters / "huge.txt").write_text("Surat Edaran\n" + "netralitas pegawai. " * 150_000)
    letter = (SAMPLES / "002_c412d0169f79d04d.txt").read_text(encoding="utf-8")
    (letters / "utf16.txt").write_bytes(letter.encode("utf-16-le"))
    (letters / "good.txt").write_text(letter)
    db = tmp_path / "c.db"
    began = time.monotonic()
    # Run through a parent that reports the largest resident size of any process of the batch (its workers
    # and their tesseracts included, once reaped).
    peak = tmp_path / "peak"
    script = (
        "import resource, subprocess, sys; "
        f"code = subprocess.call([sys.executable, '-m', 'edaran', 'ingest', {str(letters)!r}, '--db', "
        f"{str(db)!r}, '--workers', '2', '--timeout', '8']); "
        f"open({str(peak)!r}, 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)); "
        "sys.exit(code)"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=240, preexec_fn=_capped
    )
    took = time.monotonic() - began
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    assert took < 120, took  # the glyph bomb alone ran over 300 s
    assert int(peak.read_text()) < 1_000_000, "a process of the batch went over 1 GB resident"
    files = rows(db)
    assert set(files) == {p.name for p in letters.iterdir()}
    assert files["0_glyph_bomb.pdf"] == ("failed", "timeout: over 8 s")
    assert files["pages_bomb.pdf"] == ("failed", "too many pages: 2000, the limit is 100")
    assert files["random.txt"][0] == "failed" and files["random.txt"][1].startswith("not a text file")
    assert files["huge.txt"][0] == "failed" and files["huge.txt"][1].startswith("too large for a text letter")
    assert files["good.txt"][0] == files["utf16.txt"][0] == "ok"
    assert files["long_word.txt"][0] == "not_a_letter"  # read within its limits: a title and one word are no letter
    assert files["big_page.pdf"][0] in ("ok", "failed", "needs_ocr", "not_a_letter")
    with sqlite3.connect(db) as conn:
        numbers = conn.execute(
            "SELECT l.number FROM letters l JOIN files f ON f.letter_id = l.id "
            "WHERE f.path LIKE '%utf16.txt' OR f.path LIKE '%good.txt'"
        ).fetchall()
        # written as they came: the file given first, stopped at its time limit, was written last
        last = conn.execute("SELECT path FROM files ORDER BY rowid DESC LIMIT 1").fetchone()[0]
    assert numbers == [("863/2219/BKPSDM/2023",)] * 2  # UTF-16 without a byte-order mark read as UTF-16
    assert last.endswith("0_glyph_bomb.pdf")


@pytest.mark.parametrize("command", ["ingest", "extract"])
def test_a_file_over_its_memory_fails_alone(tmp_path, command):
    letters = tmp_path / "in"
    letters.mkdir()
    (letters / "0_glyph_bomb.pdf").write_bytes(glyph_bomb())  # grows by tens of MB a second until stopped
    (letters / "good.txt").write_bytes((SAMPLES / "002_c412d0169f79d04d.txt").read_bytes())
    db = tmp_path / "c.db"
    extra = ["--db", str(db)] if command == "ingest" else []
    began = time.monotonic()
    run = edaran(command, str(letters), "--max-memory-mb", "800", "--timeout", "200", *extra, timeout=240)
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    assert time.monotonic() - began < 150
    reason = "out of memory: over the limit of 800 MB"
    if command == "ingest":
        assert rows(db) == {"0_glyph_bomb.pdf": ("failed", reason), "good.txt": ("ok", None)}
    else:
        assert run.stderr.strip() == f"error: {letters / '0_glyph_bomb.pdf'}: {reason}"
        assert run.stdout.count("\n") == 1


def test_a_huge_page_is_rendered_within_its_pixel_budget(tmp_path):
    big = tmp_path / "big.pdf"
    big.write_bytes(pdf(size=(7200, 7200)))  # 100 x 100 inches: 4.5 GB at 300 dpi
    script = (
        f"import resource; from edaran.ingest.pdf import read_pdf\n"
        f"try: read_pdf('big.pdf', open({str(big)!r}, 'rb').read())\n"
        f"except Exception as err: print(type(err).__name__, err)\n"
        f"print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    run = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        preexec_fn=_capped,
        env={**os.environ, "EDARAN_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert run.returncode == 0, run.stderr
    assert int(run.stdout.split()[-1]) < 1_000_000  # peak resident KB: under 1 GB


def _children(pid: int) -> list[int]:
    """The processes started by any thread of ``pid``."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _busy_worker(proc: subprocess.Popen, seconds: float = 60) -> int:
    """The ingest's worker once it has spent a few CPU seconds on the glyph bomb (it starts in well under one)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        for child in _children(proc.pid):
            if _cpu_seconds(child) >= 3.0:
                return child
        time.sleep(0.2)
    raise AssertionError("no worker got busy")


@pytest.fixture
def bomb_and_letters(tmp_path) -> list[str]:
    """The glyph bomb, then a folder of three letters: the one worker is on the bomb first."""
    letters = tmp_path / "in"
    letters.mkdir()
    bomb = tmp_path / "0_glyph_bomb.pdf"
    bomb.write_bytes(glyph_bomb())
    for path in sorted(SAMPLES.glob("*.txt"))[:3]:
        (letters / path.name).write_bytes(path.read_bytes())
    return [str(bomb), str(letters)]


def test_a_killed_worker_costs_only_its_file(tmp_path, bomb_and_letters):
    db = tmp_path / "c.db"
    proc = start("ingest", *bomb_and_letters, "--db", str(db), "--workers", "1", "--timeout", "120")
    try:
        os.kill(_busy_worker(proc), signal.SIGKILL)  # as the out-of-memory killer would
        _, stderr = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert proc.returncode == 1 and "Traceback" not in stderr, stderr
    assert "4 files: 3 extracted, 0 already in the corpus, 1 failed" in stderr
    files = rows(db)
    assert files.pop("0_glyph_bomb.pdf") == ("failed", "the worker reading it was killed by SIGKILL (out of memory?)")
    assert len(files) == 3 and all(status == "ok" for status, _ in files.values())
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM letters").fetchone()[0] == 3


def test_workers_die_with_their_parent(tmp_path, bomb_and_letters):
    proc = start("ingest", *bomb_and_letters, "--db", str(tmp_path / "c.db"), "--workers", "1", "--timeout", "120")
    try:
        worker = _busy_worker(proc)
        proc.kill()
        proc.wait()
        deadline = time.monotonic() + 10
        while _alive(worker) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(worker)
    finally:
        if _alive(worker):
            os.kill(worker, signal.SIGKILL)


def _scan(path: Path) -> None:
    """An A4 page of printed lines as an image only: tesseract takes a few seconds on it."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=40)
    for line in range(60):
        draw.text(
            (150, 150 + line * 54),
            f"{line + 1}. Pegawai Negeri Sipil dilarang ikut kampanye pemilihan kepala daerah tahun 2024 nomor {line}",
            fill=0,
            font=font,
        )
    image.save(path, "PDF", resolution=300)


def test_sigterm_during_ocr_stops_at_once_and_leaves_no_temp_file(tmp_path):
    """Tesseract reads in edaran's own process (its library): a SIGTERM in the middle of a page's read
    ends the process within two seconds, with SIGTERM's exit code, and nothing is left in the temp folder."""
    scan = tmp_path / "scan.pdf"
    _scan(scan)
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp), "EDARAN_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "edaran", "text", str(scan)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=_capped,
    )
    reading = False
    deadline = time.monotonic() + 60
    while not reading and time.monotonic() < deadline and proc.poll() is None:
        reading = "libtesseract" in Path(f"/proc/{proc.pid}/maps").read_text()  # loaded for the first read
        time.sleep(0.05)
    assert reading, "tesseract was never loaded"
    time.sleep(0.5)  # into the page's read
    stopped = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)
    assert time.monotonic() - stopped < 2
    assert proc.returncode == 128 + signal.SIGTERM
    assert list(temp.iterdir()) == []


def _slow_matches(db: Path) -> None:
    """Make every row written to ``matches`` cost a counted loop (a real trigger), so a compare's write
    lasts long enough to be killed in the middle of it."""
    with sqlite3.connect(db) as conn:
        conn.execute(
            "CREATE TRIGGER slow AFTER INSERT ON matches BEGIN SELECT count(*) FROM (WITH RECURSIVE "
            "c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000) SELECT x FROM c); END"
        )


def test_a_compare_killed_mid_write_leaves_the_previous_comparison(tmp_path):
    db = tmp_path / "c.db"
    assert edaran("ingest", "samples", "--db", str(db)).returncode == 0
    began = time.monotonic()
    assert edaran("compare", "--db", str(db), "--format", "json").returncode == 0
    took = time.monotonic() - began
    with sqlite3.connect(db) as conn:
        before = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("findings", "matches")]
    assert all(before)
    _slow_matches(db)
    proc = start("compare", "--db", str(db), "--format", "json")
    time.sleep(took + 1.0)  # past the comparison itself, into the slowed write
    assert proc.poll() is None, "the write ended before the kill"
    proc.kill()
    proc.wait()
    with sqlite3.connect(db) as conn:
        after = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("findings", "matches")]
    assert after == before  # the old comparison whole, not 0 findings and 0 matches


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory) -> Path:
    """The samples' corpus, shared by the tests that only read it (or try to write and must fail)."""
    db = tmp_path_factory.mktemp("corpus") / "c.db"
    assert edaran("ingest", "samples", "--db", str(db)).returncode == 0
    return db


def test_nothing_writes_through_query_or_the_read_only_corpus(tmp_path, corpus_db):
    from edaran.corpus.store import open_corpus
    from edaran.errors import CorpusError

    db = corpus_db
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = db.read_bytes()
    other = tmp_path / "other.db"
    attempts = [
        "DELETE FROM letters",
        "UPDATE files SET status = 'x'",
        "DROP TABLE items",
        "CREATE TABLE t (x)",
        "CREATE TEMP TABLE t (x)",
        f"ATTACH '{other}' AS o",
        "VACUUM",
        f"VACUUM INTO '{other}'",
        "PRAGMA user_version = 7",
        "PRAGMA journal_mode = DELETE",
        "PRAGMA writable_schema = ON",
        "INSERT INTO letters_fts(letters_fts) VALUES ('optimize')",
        "SELECT 1; DELETE FROM letters",
    ]
    for sql in attempts:
        run = edaran("query", sql, "--db", str(db), timeout=60)
        assert run.returncode == 1 and run.stderr.startswith("error: "), (sql, run.stderr)
        assert len(run.stderr.strip().splitlines()) == 1, run.stderr
    corpus = open_corpus(db, readonly=True)
    for sql in attempts:
        with pytest.raises(sqlite3.Error):
            corpus.execute(sql)
    assert corpus.execute("SELECT count(*) FROM letters").fetchone()[0] == 5  # reads still work
    with pytest.raises(CorpusError):
        open_corpus(tmp_path / "missing.db", readonly=True)
    corpus.conn.close()
    assert db.read_bytes() == before and not other.exists()
    assert not (tmp_path / "missing.db").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--out", "{tmp}/no/such/folder/x.jsonl"],
        ["export", "--out", "{tmp}"],
        ["compare", "--out", "{tmp}"],
        ["ingest", "samples/001_5ea491974b8290d4.txt", "--db", "{tmp}"],
        ["search", "netralitas", "--db", "{tmp}"],
    ],
)
def test_a_bad_out_or_db_is_one_line(tmp_path, corpus_db, args):
    db = corpus_db
    args = [a.format(tmp=tmp_path) for a in args]
    run = edaran(*args, *([] if "--db" in args else ["--db", str(db)]), timeout=120)
    assert run.returncode == 1, run.stderr
    assert run.stderr.startswith("error: ") and len(run.stderr.strip().splitlines()) == 1, run.stderr


def test_an_export_that_fails_leaves_no_file(tmp_path, corpus_db):
    db = corpus_db
    out = tmp_path / "items.csv"
    run = edaran("export", "--db", str(db), "--table", "records", "--format", "csv", "--out", str(out))
    assert run.returncode == 1 and not out.exists() and list(tmp_path.glob(".items*")) == []
    assert edaran("export", "--db", str(db), "--table", "items", "--format", "csv", "--out", str(out)).returncode == 0
    assert out.read_text().startswith("id,letter_id,kind")


def _as_someone_else() -> list[str]:
    """A prefix that runs a command as an ordinary user (root reads unreadable files)."""
    if os.geteuid() != 0:
        return []
    import shutil

    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: no way to make a file unreadable")
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


@pytest.mark.parametrize("command", ["ingest", "extract"])
def test_every_path_given_is_accounted_for(command):
    import shutil
    import tempfile

    top = Path(tempfile.mkdtemp(prefix="edaran-paths-"))  # not under pytest's private folder: the user must reach it
    try:
        top.chmod(0o777)
        letters = top / "in"
        (letters / "locked_folder").mkdir(parents=True)
        (letters / "ok.txt").write_bytes((SAMPLES / "001_5ea491974b8290d4.txt").read_bytes())
        (letters / "locked.txt").write_bytes((SAMPLES / "002_c412d0169f79d04d.txt").read_bytes())
        (letters / "locked_folder" / "hidden.txt").write_bytes((SAMPLES / "003_8598e27f954b751e.txt").read_bytes())
        (letters / "locked.txt").chmod(0)
        (letters / "locked_folder").chmod(0)
        db = top / "c.db"
        extra = ["--db", str(db)] if command == "ingest" else ["--no-ocr"]
        run = subprocess.run(
            [
                *_as_someone_else(),
                sys.executable,
                "-m",
                "edaran",
                command,
                str(letters),
                str(letters / "locked.txt"),
                str(top / "missing.txt"),
                *extra,
            ],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=240,
            preexec_fn=_capped,
            env={**os.environ, "EDARAN_CACHE_DIR": str(top / "cache")},
        )
        assert run.returncode == 1 and "Traceback" not in run.stderr and "Usage" not in run.stderr, run.stderr
        reasons = {
            "locked.txt": "cannot read: Permission denied",
            "locked_folder": "cannot read the folder: Permission denied",
            "missing.txt": "no such file or folder",
        }
        if command == "ingest":
            files = rows(db)
            assert files.pop("ok.txt") == ("ok", None)
            assert files == {name: ("failed", reason) for name, reason in reasons.items()}
        else:
            assert run.stdout.count("\n") == 1  # the one readable letter's record
            for name, reason in reasons.items():
                assert any(name in line and line.endswith(reason) for line in run.stderr.splitlines()), run.stderr
    finally:
        for path in (top / "in" / "locked.txt", top / "in" / "locked_folder"):
            if path.exists():
                path.chmod(0o700)
        shutil.rmtree(top)


def compression_bomb(megabytes: int = 800) -> bytes:
    """A PDF of under a megabyte whose content stream inflates to ``megabytes`` of blanks."""
    packer = zlib.compressobj(9)
    chunk = b" " * 10_000_000
    stream = b"".join(packer.compress(chunk) for _ in range(megabytes // 10)) + packer.flush()
    return pdf(stream=stream)


def test_a_compression_bomb_and_mutated_letters_are_each_accounted_for(tmp_path):
    """Mutants of the sample PDFs (bytes flipped at random past the header) and a stream that inflates to
    800 MB: each file gets its row, nothing crashes the batch, no process of it goes over 1 GB."""
    letters = tmp_path / "in"
    letters.mkdir()
    bomb = compression_bomb()
    assert len(bomb) < 1_000_000
    (letters / "bomb.pdf").write_bytes(bomb)
    samples = sorted(SAMPLES.glob("*.pdf"))
    rng = random.Random(7)
    for n in range(20):
        data = bytearray(samples[n % len(samples)].read_bytes())
        for _ in range(20):
            data[rng.randrange(64, len(data))] = rng.randrange(256)
        (letters / f"mutant{n:02d}.pdf").write_bytes(bytes(data))
    db = tmp_path / "c.db"
    peak = tmp_path / "peak"
    script = (
        "import resource, subprocess, sys; "
        f"code = subprocess.call([sys.executable, '-m', 'edaran', 'ingest', {str(letters)!r}, '--db', "
        f"{str(db)!r}, '--timeout', '30', '--max-memory-mb', '900']); "
        f"open({str(peak)!r}, 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)); "
        "sys.exit(code)"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert run.returncode in (0, 1) and "Traceback" not in run.stderr, run.stderr[-2000:]
    files = rows(db)
    assert set(files) == {p.name for p in letters.iterdir()}
    assert all(status != "failed" or reason for status, reason in files.values())  # every failure says why
    # pdfium, which reads digital PDFs, stops its process when an allocation fails (pdfminer raised MemoryError)
    assert files["bomb.pdf"] in {
        ("failed", "out of memory: over the limit of 900 MB"),
        ("failed", "the worker reading it was killed by SIGABRT"),
    }
    assert int(peak.read_text()) < 1_000_000, "a process of the batch went over 1 GB resident"
