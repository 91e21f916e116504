"""The review application in a real browser (the system's Chromium, driven by Playwright): a reviewer opens the
queue, opens a scanned letter, sees the number's box on the page image, corrects the number and marks letters
reviewed by keyboard alone; the corpus is then re-extracted and the correction is still in ``show``, the JSON
export and ``compare``."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT, serving

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (setup.sh installs it)")
NEW_NUMBER = "800/377/IV.1/BKD/2024"


def edaran(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "edaran", *args], capture_output=True, text=True, cwd=ROOT, timeout=300
    )


@pytest.fixture
def server(tmp_path):
    """A corpus of a scan that needs review and a text letter, served by `edaran review` on a free port."""
    for source in (FIXTURES / "scans" / "seed-headers.pdf", FIXTURES / "letters" / "kemendagri_se.txt"):
        shutil.copy(source, tmp_path / source.name)
    db = tmp_path / "c.db"
    run = edaran("ingest", str(tmp_path / "seed-headers.pdf"), str(tmp_path / "kemendagri_se.txt"), "--db", str(db))
    assert "2 extracted" in run.stderr, run.stderr
    with serving("review", "--db", str(db), "--reviewer", "ani") as url:
        yield url, db, tmp_path


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def test_review_a_scan_by_keyboard_and_keep_the_correction_through_reprocessing(server, browser):
    url, db, folder = server
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    page.goto(url)
    # the scan holds two letters' first pages (a bundle: two records) and the text letter is the third
    assert page.inner_text("#to-review") == "3" and page.inner_text("#reviewed") == "0"
    first = page.locator("tr.entry").first
    assert "needs review" in first.inner_text() and "800/377/IV.1/BKD" in first.inner_text()
    page.keyboard.press("Enter")  # the selected (first) letter: the scan needing review
    page.wait_for_url("**/letter/*")
    page.locator(".page img").first.wait_for()
    page.wait_for_function("Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)")

    # The number's box lies on the first page image.
    box = page.locator('.page[data-page="1"] .box[data-path="number"]')
    image = page.locator('.page[data-page="1"] img').bounding_box()
    shape = box.bounding_box()
    assert shape and image["x"] <= shape["x"] and shape["x"] + shape["width"] <= image["x"] + image["width"]
    assert image["y"] <= shape["y"] and shape["y"] + shape["height"] <= image["y"] + image["height"]
    assert shape["width"] > 20 and shape["height"] > 5

    # Hovering the value highlights its box; clicking a box selects its value.
    row = page.locator('tr.value[data-path="number"]')
    row.hover()
    assert "hover" in box.get_attribute("class")
    page.locator('.box[data-path="date"]').click()
    assert "selected" in page.locator('tr.value[data-path="date"]').get_attribute("class")

    # Keyboard: back to the number (k), edit (e), type, save (Enter), with a note.
    page.fill("#note", "read off the scan")
    page.locator("#note").blur()
    page.mouse.move(0, 0)
    page.keyboard.press("k")
    assert "selected" in row.get_attribute("class") and "selected" in box.get_attribute("class")
    page.keyboard.press("e")
    page.keyboard.press("Control+A")
    page.keyboard.type(NEW_NUMBER)
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.querySelector('tr.value[data-path=number] .text').textContent === '{NEW_NUMBER}'")
    assert "corrected" in row.inner_text()
    assert page.locator('tr.value[data-path="number"] .confidence').inner_text() == "1.00"
    if os.environ.get("EDARAN_SCREENSHOT"):
        page.screenshot(path=os.environ["EDARAN_SCREENSHOT"])

    # Accept (a) this letter and each next one: the batch is reviewed without the mouse, back at the queue.
    for _ in range(3):
        with page.expect_navigation():
            page.keyboard.press("a")
    page.wait_for_url(url + "/")
    assert page.inner_text("#reviewed") == "3" and page.inner_text("#to-review") == "0"
    assert errors == []

    # Re-extract everything: the correction is applied to the new extraction.
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE letters SET extractor_version = 'older'")
    run = edaran(
        "ingest", str(folder / "seed-headers.pdf"), str(folder / "kemendagri_se.txt"), "--db", str(db), "--reprocess"
    )
    assert "2 extracted" in run.stderr, run.stderr
    shown = edaran("show", str(folder / "seed-headers.pdf"), "--db", str(db))
    assert f'"number": "{NEW_NUMBER}"' in shown.stdout and "# corrected by a person" in shown.stdout
    assert "number: corrected by ani" in shown.stdout
    exported = [json.loads(line) for line in edaran("export", "--db", str(db), "--format", "jsonl").stdout.splitlines()]
    assert NEW_NUMBER in [r["number"] for r in exported]
    (scan,) = [r for r in exported if r["number"] == NEW_NUMBER]
    assert any(w["code"] == "corrected" and w["field"] == "number" for w in scan["warnings"])
    assert not scan["review"]["needed"] and scan["review"]["reasons"][0].startswith("reviewed by ani")
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT who, note FROM corrections WHERE field = 'number'").fetchone() == (
            "ani",
            "read off the scan",
        )
    compared = json.loads(edaran("compare", "--db", str(db), "--format", "json").stdout)
    assert NEW_NUMBER in [letter["number"] for letter in compared["letters"]]


def test_a_second_reviewer_is_told_in_the_page(server, browser):
    url, db, _ = server
    first, second = browser.new_page(), browser.new_page()
    for page in (first, second):
        page.goto(url)
        page.locator("tr.entry a").first.click()
        page.wait_for_url("**/letter/*")
    for page, place in ((first, "Palangka Raya Kota"), (second, "Kuala Kapuas")):
        page.locator('tr.value[data-path="place"]').click()
        page.keyboard.press("e")
        page.keyboard.press("Control+A")
        page.keyboard.type(place)
        page.keyboard.press("Enter")
    second.locator("#message").wait_for()
    assert "ani changed this letter meanwhile" in second.inner_text("#message")
    first.reload()
    assert first.locator('tr.value[data-path="place"] .text').inner_text() == "Palangka Raya Kota"


def test_items_and_citations_are_corrected_from_the_page(server, browser):
    url, db, _ = server
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(url)
    page.locator("tr.entry", has_text="100.2.1.3/8741/SJ").locator("a").click()
    page.wait_for_url("**/letter/*")
    assert page.locator("pre.text mark.box").count() > 5  # a text letter: its values marked in its text
    prohibition = page.locator('.value.item[data-list="prohibitions"]').first
    text = prohibition.get_attribute("data-value")
    prohibition.click()
    assert "selected" in page.locator(f'mark.box[data-path="{prohibition.get_attribute("data-path")}"]').get_attribute(
        "class"
    )
    page.keyboard.press("m")  # to obligations
    page.wait_for_function(
        f"Array.from(document.querySelectorAll('.value.item[data-list=obligations]'))"
        f".some(e => e.dataset.value === {json.dumps(text)})"
    )
    page.fill("#add-item input[name=text]", "Dilarang <memasang> alat peraga")
    page.select_option("#add-item select[name=kind]", "prohibitions")
    page.click("#add-item button")
    added = page.locator('.value.item[data-list="prohibitions"]', has_text="Dilarang <memasang> alat peraga")
    added.wait_for()
    assert "corrected" in added.inner_text()
    citations = page.locator(".citations .value").count()
    page.locator(".citations .value").first.click()
    page.keyboard.press("x")
    page.wait_for_function(f"document.querySelectorAll('.citations .value').length === {citations - 1}")
    with sqlite3.connect(db) as conn:
        fields = [f for (f,) in conn.execute("SELECT field FROM corrections ORDER BY id")]
    assert fields == ["prohibitions", "prohibitions", "citations"]
