"""The diagnostics as people read them: an executed notebook rendered to HTML by nbconvert,
opened in headless Chromium (Debian's chromium and chromedriver, driven by Selenium).

Checks from the DOM that the summary line expands into the slot and export tables, that
they are visible, fit 900 px and that no cell is clipped, and saves a screenshot to
`test-artifacts/diagnostics.png`. JupyterLab itself is driven by tests/test_lab.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

pytestmark = pytest.mark.kernel

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM, DRIVER = shutil.which("chromium") or shutil.which("chromium-browser"), shutil.which("chromedriver")

CELL = '''%%jit --show slots,exports
import math

def spread(values: str) -> int:
    seen: dict[str, int] = {}
    for i in range(len(values)):
        seen[values] = seen.get(values, 0) + i
    print("spread of", values)
    return len(seen)

def wave(x: float) -> float:
    return math.sin(x) * math.exp(-x)
'''


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    if CHROMIUM is None or DRIVER is None:
        pytest.fail("chromium and chromedriver are needed (.ci/run installs Debian's chromium and chromium-driver)")
    from nbconvert import HTMLExporter

    work = tmp_path_factory.mktemp("browser")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("%load_ext jitcell"),
                                               nbformat.v4.new_code_cell(CELL)])
    NotebookClient(notebook, kernel_name="python3", timeout=120).execute()
    body, _ = HTMLExporter(template_name="lab").from_notebook_node(notebook)
    path = work / "diagnostics.html"
    path.write_text(body)
    return path


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--window-size=1280,1600"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


def test_the_slot_and_export_tables_render_readable_and_unclipped(page, browser):
    from selenium.webdriver.common.by import By

    browser.get(page.as_uri())
    (details,) = browser.find_elements(By.CSS_SELECTOR, "details.jitcell")
    assert details.get_attribute("open") is not None  # --show opens it
    summary = details.find_element(By.TAG_NAME, "summary")
    assert summary.text.startswith("jitcell: bound spread, wave") and "cache" in summary.text
    tables = {}
    for table in details.find_elements(By.TAG_NAME, "table"):
        title = table.find_element(By.TAG_NAME, "caption").text
        rows = [[td.text for td in tr.find_elements(By.TAG_NAME, "td")]
                for tr in table.find_elements(By.TAG_NAME, "tr")]
        tables[title.split()[0]] = (title, [r for r in rows if r])
    caption, slot_rows = tables["Slots"]
    assert caption == "Slots all patched"  # so no status column
    slots = {row[0]: row for row in slot_rows}
    assert "rt.table_set" in slots and slots["print"][-2:] == ["runtime", "the print() callback into Python"]
    assert slots["rt.table_set"][-2] == "runtime"
    address = details.find_element(By.XPATH, ".//table[caption[starts-with(., 'Slots')]]//tr[2]/td[3]")
    assert "…" in address.text and address.get_attribute("title").startswith("0x")  # the whole address on hover
    assert int(address.get_attribute("title"), 16) > 0
    exports = {row[0]: row[1] for row in tables["Exports"][1]}
    assert exports["jitcell.def.spread"] == "function" and exports["jitcell.slot.rt.table_set"] == "data"
    # readable: every cell is displayed, with text no wider than its box (nothing cut off)
    for cell in details.find_elements(By.CSS_SELECTOR, "td"):
        assert cell.is_displayed()
        assert browser.execute_script("return arguments[0].scrollWidth <= arguments[0].clientWidth + 1;", cell)
    # every table fits 900 px, and nothing needs the details' own sideways scrolling
    for table in details.find_elements(By.TAG_NAME, "table"):
        assert browser.execute_script("return arguments[0].getBoundingClientRect().width;", table) <= 900
    assert browser.execute_script("return getComputedStyle(arguments[0]).overflowX;", details) == "auto"
    assert browser.execute_script("return arguments[0].scrollWidth <= arguments[0].clientWidth;", details)
    artifacts = ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    browser.execute_script("arguments[0].scrollIntoView();", details)
    assert details.screenshot(str(artifacts / "diagnostics.png"))
    assert (artifacts / "diagnostics.png").stat().st_size > 10_000
