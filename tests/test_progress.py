"""Progress of long commands: a time left that does not jump, and the file being read."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys

from edaran.render import Eta

from conftest import ROOT


def _estimates(gaps: list[float], total: int) -> list[str]:
    times = iter([0.0, *(sum(gaps[: i + 1]) for i in range(len(gaps)))])
    eta = Eta(clock=lambda: next(times))
    return [eta.tick(done, total) for done in range(1, len(gaps) + 1)]


def test_one_slow_file_does_not_move_the_estimate():
    steady = _estimates([2.0, 2.0, 2.0, 2.0, 2.0, 2.0], 100)
    bumpy = _estimates([2.0, 2.0, 2.0, 60.0, 2.0, 2.0], 100)
    assert steady[-1] == bumpy[-1] == "0:03:08"  # 94 files left at 2 s each


def test_files_done_at_once_do_not_make_the_rest_look_instant():
    # files already in the corpus finish together (gaps near 0), then the pace is 3 s a file again
    estimates = _estimates([0.0, 0.0, 0.0, 3.0, 3.0, 3.0, 3.0, 3.0], 20)
    assert estimates[-1] == "0:00:36"


def test_no_estimate_before_a_pace_and_none_left_at_the_end():
    assert _estimates([5.0], 10) == ["-:--:--"]
    assert _estimates([1.0, 1.0, 1.0], 3)[-1] == "0:00:00"


def _on_a_terminal(*args: str) -> tuple[str, str]:
    """Run edaran with stderr on a terminal: (what the terminal showed, stdout)."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "edaran", *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=follower)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal's other end closed
            break
        if not chunk:
            break
        shown += chunk
    out = proc.stdout.read() if proc.stdout else b""
    assert proc.wait(timeout=300) == 0, shown.decode("utf-8", "replace")[-2000:]
    os.close(leader)
    return shown.decode("utf-8", "replace"), out.decode("utf-8")


def _three_letters(folder) -> list[str]:
    folder.mkdir()
    names = sorted(p.name for p in (ROOT / "samples").glob("*.txt"))[:3]
    for name in names:
        shutil.copy(ROOT / "samples" / name, folder / name)
    return names


def test_extract_of_many_files_shows_progress_on_a_terminal(tmp_path):
    names = _three_letters(tmp_path / "letters")
    screen, out = _on_a_terminal("extract", str(tmp_path / "letters"), "--format", "jsonl")
    assert "extract" in screen and "/3" in screen
    assert names[1] in screen  # the file being read, named while it is read
    assert len(out.splitlines()) == 3  # the records are untouched on stdout


def test_ingest_shows_its_bar_on_the_terminal(tmp_path):
    _three_letters(tmp_path / "letters")
    screen, out = _on_a_terminal("ingest", str(tmp_path / "letters"), "--db", str(tmp_path / "c.db"))
    assert "ingest" in screen and "3/3" in screen and out == ""


def test_ingest_names_each_file_it_reads_before_it_is_done(tmp_path):
    """The bar names the file a worker is reading (not the last one finished): every file read is announced
    once, before its outcome; files already in the corpus are never read."""
    from edaran.corpus.batch import ingest
    from edaran.corpus.store import open_corpus

    names = _three_letters(tmp_path / "letters")
    files = [str(tmp_path / "letters" / n) for n in names]
    db = open_corpus(tmp_path / "c.db")
    events: list[tuple[str, str]] = []
    ingest(db, files[:1], workers=1)
    ingest(
        db,
        files,
        workers=2,
        reading=lambda path: events.append(("reading", path)),
        progress=lambda outcome, done, total: events.append(("done", outcome.path)),
    )
    assert sorted(p for e, p in events if e == "reading") == files[1:]
    for path in files[1:]:
        assert events.index(("reading", path)) < events.index(("done", path))
    assert ("reading", files[0]) not in events and ("done", files[0]) in events
