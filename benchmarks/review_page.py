"""How fast the review application's letter page loads in a browser, once its page images are rendered.

    .venv/bin/python benchmarks/review_page.py [--letter PDF] [--rounds N] [--screenshot PNG]

Default letter: a 3-page LAPAN scan in ../shared/real.  The letter is ingested into a fresh corpus, ``edaran
review`` serves it, and the system's Chromium (through Playwright) opens its page once (PDFium renders the page
images into the cache), then ``--rounds`` more times with the browser's cache off, timing each from navigation
to the load event (the page, its script and styles and every page image fetched and decoded).  The goal: under
300 ms.  ``--screenshot`` saves the letter page as it looks (the README's picture).
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "real" / "lapan_2018_se-3-2018_cuti-pns.pdf"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letter", type=Path, default=DEFAULT)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--screenshot", type=Path)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        letter = Path(tmp) / args.letter.name
        shutil.copy(args.letter, letter)
        db = Path(tmp) / "bench.db"
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "edaran", "ingest", str(letter), "--db", str(db)],
            cwd=ROOT,
            check=False,
            capture_output=True,
        )
        print(f"ingest: {time.perf_counter() - started:.1f} s")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = subprocess.Popen(
            [sys.executable, "-m", "edaran", "review", "--db", str(db), "--port", str(port)],
            cwd=ROOT,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            for _ in range(100):
                try:
                    urllib.request.urlopen(url, timeout=1)
                    break
                except OSError:
                    time.sleep(0.2)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.goto(url)
                letter_url = url + page.locator("tr.entry a").first.get_attribute("href")
                started = time.perf_counter()
                page.goto(letter_url, wait_until="load")
                print(f"first load (renders the page images): {1000 * (time.perf_counter() - started):.0f} ms")
                pages = page.locator(".page").count()
                client = page.context.new_cdp_session(page)
                client.send("Network.setCacheDisabled", {"cacheDisabled": True})
                times = []
                for _ in range(args.rounds):
                    page.goto(letter_url, wait_until="load")
                    times.append(
                        page.evaluate(
                            "performance.getEntriesByType('navigation')[0].loadEventEnd"
                            " - performance.getEntriesByType('navigation')[0].startTime"
                        )
                    )
                if args.screenshot:
                    page.keyboard.press("j")  # from the first value to the number, as a reviewer would
                    page.screenshot(path=str(args.screenshot))
                browser.close()
        finally:
            server.terminate()
            server.wait()
    times.sort()
    print(
        f"{args.letter.name}: {pages} pages; letter page load after the first render, {args.rounds} rounds, "
        f"browser cache off: median {statistics.median(times):.0f} ms, p90 {times[int(0.9 * len(times)) - 1]:.0f} "
        f"ms, max {times[-1]:.0f} ms (goal: under 300 ms)"
    )


if __name__ == "__main__":
    main()
