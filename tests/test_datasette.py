"""The corpus in Datasette as a reader meets it: `edaran serve` started for real, its pages fetched over
HTTP and shown in headless Chromium at 1400 px; the screenshots in the README are taken here."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import urllib.request

import pytest

from conftest import ROOT, serving

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DOCS = ROOT / "docs"
NUMBER = "863/2219/BKPSDM/2023"


def edaran(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "edaran", *args], capture_output=True, text=True, cwd=ROOT, timeout=600
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The bundled samples ingested and compared into ``corpus.db``, served by `edaran serve`."""
    db = tmp_path_factory.mktemp("site") / "corpus.db"
    assert edaran("ingest", "samples", "--db", str(db)).returncode == 0
    assert edaran("compare", "--db", str(db), "--out", str(db.with_suffix(".html"))).returncode == 0
    with serving("serve", "--db", str(db)) as url:
        (letter_id,) = json.loads(
            get(f"{url}/corpus.json?sql=select+id+from+letters+where+number='{NUMBER}'&_shape=arrayfirst")
        )
        yield url, letter_id


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


def test_internal_tables_are_hidden(site):
    url, _ = site
    tables = {t["name"]: t for t in json.loads(get(f"{url}/corpus.json"))["tables"]}
    assert tables["_migrations"]["hidden"] and tables["letters_fts"]["hidden"]
    assert not tables["letters"]["hidden"] and not tables["findings"]["hidden"]


def test_letters_are_listed_by_number_date_subject_and_region_without_their_wide_columns(site):
    url, _ = site
    page = get(f"{url}/corpus/letters")
    headers = [h.split('"')[0] for h in page.split('data-column="')[1:]]
    assert headers.index("number") < headers.index("date") < headers.index("subject") < headers.index("region_code")
    assert headers.index("region_code") < headers.index("path")
    assert not {"text", "record", "extracted", "stems", "facets"} & set(headers)
    assert "Kabupaten Sekadau" in page  # the region's name, not only its code


def test_findings_name_their_letter_by_number(site):
    url, _ = site
    page = get(f"{url}/corpus/findings?_sort=id")
    assert NUMBER in page


def test_a_letters_page_is_headed_by_its_number_with_its_links_and_its_text_folded(site):
    url, letter_id = site
    page = get(f"{url}/corpus/letters/{letter_id}")
    assert f">{NUMBER}</h1>" in page
    assert page.index("NETRALITAS ASN") < page.index("Links from other tables") < page.index("<summary>text")
    assert "from letter_id in items" in page and "from letter_id in findings" in page


def test_the_canned_letter_page_holds_items_citations_and_findings(site):
    url, letter_id = site
    rows = json.loads(get(f"{url}/corpus/letter.json?id={letter_id}&_shape=array"))
    parts = [r["part"] for r in rows]
    assert parts[0] == "letter" and NUMBER in rows[0]["label"] and "Sekadau" in rows[0]["text"]
    assert parts[1] == "source" and rows[1]["text"].startswith("samples/002_")
    assert {"prohibition", "obligation"} <= set(parts)
    assert any(p.startswith("citation") for p in parts) and any(p.startswith("finding") for p in parts)


def test_plugins_serve_search_across_tables_and_charts(site):
    url, _ = site
    plugins = {p["name"] for p in json.loads(get(f"{url}/-/plugins.json"))}
    assert {"datasette-search-all", "datasette-vega"} <= plugins
    search = get(f"{url}/-/search?q=netralitas")
    assert '"table": "letters"' in search and '"table": "items"' in search
    chart = get(f"{url}/corpus/findings_by_region_and_year")
    assert "datasette_vega" in chart and "Kabupaten Sekadau" in chart


@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (setup.sh installs it)")
def test_screenshots_show_number_date_subject_and_region_at_1400_px(site):
    from playwright.sync_api import sync_playwright

    url, letter_id = site
    width, height = 1400, 900
    pages = {
        "datasette-index": f"{url}/corpus",
        "datasette-letters": f"{url}/corpus/letters",
        "datasette-letter": f"{url}/corpus/letters/{letter_id}",
    }
    DOCS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": width, "height": height})
        for name, address in pages.items():
            page.goto(address)
            if name == "datasette-letters":  # the first letter listed
                first = page.locator("table.rows-and-columns tbody tr").first
                shown = [first.locator(f"td.col-{c}") for c in ("number", "date", "subject", "region_code")]
            elif name == "datasette-letter":
                shown = [page.get_by_text(t).first for t in (NUMBER, "2023-11-24", "NETRALITAS ASN DALAM", "61.09")]
            else:
                shown = [page.get_by_text("Letters of a region").first, page.get_by_text("A letter", exact=True)]
            for element in shown:
                box = element.bounding_box()
                assert box is not None and element.inner_text().strip(), (name, element)
                assert 0 <= box["x"] and box["x"] + box["width"] <= width, (name, element.inner_text(), box)
                assert 0 <= box["y"] and box["y"] + box["height"] <= height, (name, element.inner_text(), box)
            page.screenshot(path=str(DOCS / f"{name}.png"))
        browser.close()
    assert all((DOCS / f"{name}.png").stat().st_size > 10_000 for name in pages)
