"""The summaries as people see them: JupyterLab itself, in headless Chromium, with the jitcell kernel.

A private `jupyter lab` (127.0.0.1, a token, the jitcell kernelspec installed into a temporary
prefix that JUPYTER_PATH points at, its own settings, cache and notebook directory) opens a
notebook of compiled cells, a `%%jit --show all` cell, a `%%jit --annotate` cell and a diagnosis
with a problem. The test runs every cell through Lab's own commands, restarts the kernel and runs
them again (cache hits), opens the summaries and the annotated lines, and checks from the page, in
the light and the dark theme, that every jitcell output and table fits 900 px and its output area
without a horizontal scrollbar, that no
cell of a table is cut off, and that every piece of text stands out from its background
(4.5:1). Screenshots and the measurements go to `test-artifacts/` (lab-*.png, lab.json).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

pytestmark = pytest.mark.kernel

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM, DRIVER = shutil.which("chromium") or shutil.which("chromium-browser"), shutil.which("chromedriver")
WIDTH = 900  # what every table must fit

CELLS = [
    "def twice(n: int) -> int:\n    return 2 * n\ntwice(21)",
    # many slots, a long name, a variable, a print, a libm import
    "import math\ncounts: dict[str, int] = {}\n\n"
    "def count_the_words_of_a_sentence_given_as_text(text: str) -> int:\n"
    "    counts[text] = counts.get(text, 0) + 1\n    print('counted', text)\n    return len(counts)\n\n"
    "def damped(x: float, y: float) -> float:\n    return math.exp(-x) * math.sin(y)\n\n"
    "count_the_words_of_a_sentence_given_as_text('a')",
    "total: int = 0\nfor i in range(10):\n    total += i\ntotal",
    # every section, opened (the %%jit magic, which the kernel loads)
    "%%jit --show all\ndef spread(values: str) -> int:\n    seen: dict[str, int] = {}\n"
    "    for i in range(len(values)):\n        seen[values] = seen.get(values, 0) + i\n"
    "    print('spread of', values)\n    return len(seen)",
    # an annotated cell: a line of each mark, a note, a loop not vectorised (report/annotate.py)
    "%%jit --annotate\ndef gather(a: int[:], idx: int[:]) -> int:\n    s = 0\n    for j in range(len(idx)):\n"
    "        s += a[idx[j]]\n    return s\n\ndef shout(n: int) -> str:\n    t = ''\n    for i in range(n):\n"
    "        t = t + '!'\n        print(i)\n    return t",
    # a real diagnosis with a problem: twice's library read as if a slot were missing from its exports
    "%%python\nimport copy\nfrom IPython.display import display\n"
    "from jitcell.report.diagnostics import SECTIONS, diagnose_file, render_html\n"
    "library = twice.library\nmanifest = copy.deepcopy(library.manifest)\n"
    "manifest['exports'] = [e for e in manifest['exports'] if e['name'] != 'jitcell.slot.raise']\n"
    "broken = diagnose_file(library.path, manifest, {s.name: s.patched for s in library.slots}, read=False)\n"
    "display({'text/plain': 'a problem', 'text/html': render_html(broken, '<b>jitcell</b>: a slot left out of "
    "the export table', SECTIONS)}, raw=True)",
]

# In the page: open every summary, then measure each output of jitcell and the text's contrast.
MEASURE = r"""
function rgba(text) {
  const n = (text.match(/-?[\d.]+(e-?\d+)?/g) || []).map(Number);
  const scale = text.startsWith('color(') ? 255 : 1;
  return [n[0] * scale, n[1] * scale, n[2] * scale, n.length > 3 ? n[3] : 1];
}
function luminance([r, g, b]) {
  const f = c => (c /= 255) <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}
function background(element) {
  for (let e = element; e; e = e.parentElement) {
    const c = rgba(getComputedStyle(e).backgroundColor);
    if (c[3] > 0.5) return c;
  }
  return [255, 255, 255, 1];
}
function contrast(element) {
  const bg = background(element), fg = rgba(getComputedStyle(element).color);
  const mixed = fg.slice(0, 3).map((c, i) => c * fg[3] + bg[i] * (1 - fg[3]));
  const [a, b] = [luminance(mixed), luminance(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}
const roots = [...document.querySelectorAll('.jp-OutputArea-output details.jitcell')];
roots.forEach(d => { d.open = true; });
// annotated source (%%jit --annotate): every line opened on its IR and assembly
const annotations = [...document.querySelectorAll('.jp-OutputArea-output div.jitcell')];
annotations.forEach(a => a.querySelectorAll('details').forEach(d => { d.open = true; }));
roots.push(...annotations);
const report = {theme: document.body.dataset.jpThemeName, outputs: [], tables: [], clipped: [], contrast: []};
for (const root of roots) {
  const output = root.closest('.jp-OutputArea-output');
  report.outputs.push({summary: (root.querySelector('summary') || root).textContent.slice(0, 80),
                       width: output.clientWidth, rootWidth: root.getBoundingClientRect().width,
                       scrollWidth: output.scrollWidth, details: [root.clientWidth, root.scrollWidth],
                       html: root.parentElement.innerHTML.length});
  for (const table of root.querySelectorAll('table')) {
    const box = table.getBoundingClientRect();
    report.tables.push({caption: table.caption ? table.caption.textContent : '', width: Math.round(box.width),
                        scrollWidth: table.scrollWidth, right: Math.round(box.right),
                        outputRight: Math.round(output.getBoundingClientRect().right)});
  }
  for (const cell of root.querySelectorAll('td, th, caption, summary')) {
    if (cell.scrollWidth > cell.clientWidth + 1 || cell.getClientRects().length === 0) {
      report.clipped.push(cell.textContent);
    }
  }
  for (const element of root.querySelectorAll('*')) {
    const own = [...element.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (own) report.contrast.push([element.tagName + '.' + element.className + ' ' +
                                   element.textContent.slice(0, 30), contrast(element)]);
  }
}
return report;
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """(base URL, token, notebook directory) of a private JupyterLab with the jitcell kernel."""
    try:
        import jupyterlab  # noqa: F401
    except ImportError:
        pytest.fail("jupyterlab is needed (the test extra of pyproject.toml installs it)")
    work = tmp_path_factory.mktemp("lab")
    prefix, notebooks, settings = work / "prefix", work / "notebooks", work / "settings"
    notebooks.mkdir()
    subprocess.run([sys.executable, "-m", "jitcell.kernel", "install", "--prefix", str(prefix)], check=True,
                   capture_output=True)
    # whole notebooks, not the cells near the viewport only, so that every output can be measured
    tracker = settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True)
    tracker.write_text(json.dumps({"windowingMode": "none"}))
    news = settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    news.parent.mkdir(parents=True)
    news.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))  # no question in a corner
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS], metadata={
        "kernelspec": {"name": "jitcell", "display_name": "jitcell", "language": "jitcell"}})
    nbformat.write(notebook, notebooks / "cells.ipynb")
    token, port = secrets.token_hex(16), _free_port()
    env = {**os.environ, "JUPYTER_PATH": str(prefix / "share" / "jupyter"), "JUPYTER_CONFIG_DIR": str(work / "config"),
           "JUPYTER_DATA_DIR": str(work / "data"), "JUPYTER_RUNTIME_DIR": str(work / "runtime"),
           "JUPYTERLAB_SETTINGS_DIR": str(settings), "JUPYTERLAB_WORKSPACES_DIR": str(work / "workspaces"),
           "JITCELL_CACHE_DIR": str(work / "cache"), "JITCELL_KEY_FILE": str(work / "key")}
    log = (work / "lab.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
         "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={notebooks}",
         "--allow-root", "--ServerApp.terminals_enabled=False", "--LabApp.expose_app_in_browser=True",
         "--LabApp.news_url=",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                request = urllib.request.Request(f"{base}/api/status", headers={"Authorization": f"token {token}"})
                urllib.request.urlopen(request, timeout=2).read()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("jupyter lab did not start:\n" + (work / "lab.log").read_text()[-3000:])
                time.sleep(0.3)
        yield base, token, notebooks
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None or DRIVER is None:
        pytest.fail("chromium and chromedriver are needed (.ci/run installs Debian's chromium and chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--window-size=1280,2400"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_script_timeout(180)
    yield driver
    driver.quit()


def _in_lab(browser, body: str, *args):
    """Run `body` (JavaScript, may await; `app` is JupyterLab, `panel` the open notebook) in the page."""
    outcome = browser.execute_async_script(
        "const done = arguments[arguments.length - 1], args = [...arguments].slice(0, -1);"
        "const app = window.jupyterapp, panel = app.shell.currentWidget;"
        "(async () => {" + body + "})().then(value => done({value}),"
        "                                  error => done({error: String(error.stack || error)}));", *args)
    assert "error" not in outcome, outcome["error"]
    return outcome["value"]


RUN_ALL = """
    await panel.sessionContext.ready;
    await app.commands.execute('notebook:run-all-cells');
    while (panel.content.widgets.some(c => c.model.type === 'code' && !c.model.executionCount)
           || panel.sessionContext.session.kernel.status !== 'idle') {
        await new Promise(resolve => setTimeout(resolve, 100));
    }
    await app.commands.execute('docmanager:save');
    return panel.content.widgets.map(c => c.model.outputs.toJSON());
"""


def _summaries(outputs) -> list[str]:
    return [o["data"]["text/plain"].splitlines()[0] for cell in outputs for o in cell
            if o.get("output_type") == "display_data" and o["data"]["text/plain"].startswith("jitcell:")]


def _check(report) -> None:
    assert report["outputs"], report
    for output in report["outputs"]:  # no horizontal scrollbar, in the output area or inside the details
        assert output["scrollWidth"] <= output["width"] and output["details"][1] <= output["details"][0], output
        assert output["rootWidth"] <= WIDTH, output
    for table in report["tables"]:
        assert table["width"] <= WIDTH and table["scrollWidth"] <= WIDTH, table
        assert table["right"] <= table["outputRight"], table  # inside the output area
    assert report["clipped"] == []
    low = [(what, round(ratio, 2)) for what, ratio in report["contrast"] if ratio < 4.5]
    assert low == [], low


def _screenshots(browser, theme: str) -> None:
    """The window with the notebook scrolled to the top, to the slot table of `%%jit --show all`,
    to the annotated cell and to the diagnosis with a problem:
    test-artifacts/lab-THEME-{top,slots,annotated,problem}.png."""
    ARTIFACTS.mkdir(exist_ok=True)
    for name, script in [
        ("top", "panel.content.widgets[0].node.scrollIntoView();"),
        ("slots", "panel.content.widgets[3].node.querySelector('details.jitcell caption')"
                  ".closest('details').querySelectorAll('table')[3].scrollIntoView();"),
        ("annotated", "panel.content.widgets[4].node.querySelector('div.jitcell').scrollIntoView();"),
        ("problem", "panel.content.widgets[5].node.scrollIntoView();"),
    ]:
        _in_lab(browser, script + "await new Promise(resolve => setTimeout(resolve, 200)); return true;")
        assert browser.save_screenshot(str(ARTIFACTS / f"lab-{theme}-{name}.png"))


def test_every_table_fits_and_reads_in_jupyterlab_light_and_dark(lab, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    base, token, notebooks = lab
    browser.get(f"{base}/lab/tree/cells.ipynb?token={token}")
    WebDriverWait(browser, 90).until(lambda b: b.execute_script(
        "const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
        "return !!(w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel);"))
    assert _in_lab(browser, "await panel.sessionContext.ready; return panel.sessionContext.session.kernel.name;") \
        == "jitcell"
    measured: dict = {}

    def measure(name: str) -> None:
        measured[name] = report = browser.execute_script(MEASURE)
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "lab.json").write_text(json.dumps(measured, indent=1))
        _check(report)

    outputs = _in_lab(browser, RUN_ALL)
    assert all("cache miss" in s for s in _summaries(outputs)), _summaries(outputs)
    assert browser.execute_script("return document.querySelectorAll('div.jitcell details.jc-check').length") > 0
    measure("light, misses")
    _screenshots(browser, "light-miss")

    # Restart and run all: every library comes from the cache
    outputs = _in_lab(browser, "await panel.sessionContext.restartKernel();" + RUN_ALL)
    assert all("cache hit" in s for s in _summaries(outputs)), _summaries(outputs)
    summary = browser.find_elements(By.CSS_SELECTOR, "details.jitcell summary")[0]
    summary.click()  # a person opens the first one; the measurement opens the rest
    assert summary.find_element(By.XPATH, "..").get_attribute("open") is not None
    measure("light, hits")
    _screenshots(browser, "light")

    _in_lab(browser, """
        await app.commands.execute('apputils:change-theme', {theme: 'JupyterLab Dark'});
        while (document.body.dataset.jpThemeLight !== 'false'
               || getComputedStyle(document.body).getPropertyValue('--jp-layout-color0').trim() !== '#111') {
            await new Promise(resolve => setTimeout(resolve, 100));
        }
        return true;""")
    measure("dark, hits")
    _screenshots(browser, "dark")

    stored = nbformat.read(notebooks / "cells.ipynb", as_version=4)  # what the .ipynb keeps per cell
    measured["stored text/html bytes per cell"] = [
        [len(o["data"]["text/html"].encode()) for o in cell.outputs if "text/html" in o.get("data", {})]
        for cell in stored.cells]
    (ARTIFACTS / "lab.json").write_text(json.dumps(measured, indent=1))
