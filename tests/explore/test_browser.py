"""04_explore.ipynb in a real JupyterLab, in headless Chromium (Debian's chromium, driven by
Playwright through executable_path): the saved widgets render without a kernel; after Run All, a
typed query gives concordance rows, a click opens the document at the match, a click on a term
opens its concordance. Screenshots go to build/explore/ for a person to look at.

Everything is local: JupyterLab on 127.0.0.1 with a random token and temporary config, data,
runtime, settings and workspace folders; the notebook is a copy in a temporary folder, so
nothing the Lab writes (autosave, checkpoints) touches the repository."""
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

import pytest

import kslib
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("KSLIB_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
NOTEBOOK = ROOT / "notebooks" / "04_explore.ipynb"
SHOTS = ROOT / "build" / "explore"
QUERY = "发展"  # typed into the box: not the notebook's own query, so rows can only come from the kernel


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _settings(folder: Path) -> None:
    """Lab settings for a quiet, complete page: no news or update checks (no network), every
    cell rendered (no windowing), widget state not saved back."""
    files = {
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                           "checkForUpdates": False},
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
        "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    }
    for name, value in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value), encoding="utf-8")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server serving a temporary folder with a copy of 04_explore.ipynb."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("KSLIB_REQUIRE_BROWSER"):
            pytest.fail(f"no chromium at {CHROMIUM} (apt-get install chromium)")
        pytest.skip(f"no chromium at {CHROMIUM}: apt-get install chromium to run the browser test")
    tmp = tmp_path_factory.mktemp("lab")
    work = tmp / "work"
    work.mkdir()
    shutil.copy(NOTEBOOK, work / NOTEBOOK.name)
    _settings(tmp / "settings")
    port, token = _free_port(), secrets.token_hex(16)
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(tmp / "config"), JUPYTER_DATA_DIR=str(tmp / "data"),
               JUPYTER_RUNTIME_DIR=str(tmp / "runtime"), JUPYTERLAB_SETTINGS_DIR=str(tmp / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp / "workspaces"), IPYTHONDIR=str(tmp / "ipython"),
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
               KSLIB_FIGURES=str(tmp / "figures"))
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
           f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
           f"--ServerApp.root_dir={work}", "--LabApp.expose_app_in_browser=True",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    # JupyterLab draws saved widget state only in a trusted notebook (as `make lab` makes this one)
    subprocess.run([sys.executable, "-m", "jupyter", "trust", str(work / NOTEBOOK.name)], env=env, check=True,
                   capture_output=True)
    log = (tmp / "lab.log").open("w")
    proc = subprocess.Popen(cmd, cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("JupyterLab did not start:\n" + (tmp / "lab.log").read_text()[-3000:])
            time.sleep(0.5)
        yield {"url": url, "token": token, "log": tmp / "lab.log", "fontconfig": _fontconfig(tmp)}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _fontconfig(tmp: Path) -> Path:
    """A fontconfig file adding the CJK font of the noto-cjk-sans-otc wheel, so Chinese renders in
    the screenshots without a system CJK font package."""
    from kslib import figures

    conf = tmp / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                    '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
                    f'<dir>{Path(figures.collection_path()).parent}</dir>'
                    f'<cachedir>{tmp / "fontcache"}</cachedir></fontconfig>', encoding="utf-8")
    return conf


# True when every code cell has run (an execution count) and the kernel is idle; "error: …"
# as soon as a cell has failed, so a broken notebook fails fast with its message.
_RAN_ALL = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  if (!panel || !panel.content) return false;
  for (const cell of panel.content.widgets) {
    if (cell.model.type !== 'code') continue;
    const outs = cell.model.outputs.toJSON();
    const err = outs.find(o => o.output_type === 'error');
    if (err) return 'error: ' + err.ename + ': ' + err.evalue;
    if (!cell.model.executionCount) return false;
  }
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  return !!kernel && kernel.status === 'idle';
}"""


def test_explore_notebook_runs_and_clicks_in_jupyterlab(lab):
    from playwright.sync_api import expect, sync_playwright

    corpus = kslib.load_corpus()
    expected = kslib.kwic(corpus, [QUERY])  # the notebook's MODE is "words": whole words
    labels = kslib.display.doc_labels(corpus)
    SHOTS.mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()
    os.environ["FONTCONFIG_FILE"] = str(lab["fontconfig"])  # read by the chromium process started below
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.goto(f"{lab['url']}/lab/tree/{NOTEBOOK.name}?token={lab['token']}")
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
            page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                                   " && window.jupyterapp.shell.currentWidget.sessionContext.session", timeout=60_000)
            page.evaluate("() => window.jupyterapp.shell.collapseLeft()")  # room for the views

            # 1. the committed notebook's widgets render from their saved state, before any run
            saved = page.locator(".ks-concordance").first
            expect(saved.locator(".ks-kwic tr[data-key]").first).to_be_visible(timeout=60_000)
            saved.scroll_into_view_if_needed()
            page.screenshot(path=str(SHOTS / "saved_state.png"))

            # 2. run everything in the kernel
            page.evaluate("() => window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
            page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
            done = page.wait_for_function(_RAN_ALL, timeout=90_000, polling=500).json_value()
            assert done is True, done

            # 3. type a query: rows come back from the kernel
            conc = page.locator(".ks-concordance").first
            box = conc.locator(".widget-text input").first
            box.fill(QUERY)
            box.press("Enter")
            rows = conc.locator(".ks-kwic tr[data-key]")
            expect(conc.locator(".ks-status")).to_contain_text(f"{len(expected)} matches", timeout=30_000)
            expect(rows).to_have_count(min(200, len(expected)))  # the table widget syncs after the status
            kw = conc.locator(".ks-kwic td.ks-kw").all_inner_texts()
            assert set(kw) == {QUERY}

            # 4. a click on a row opens the document view at that place
            i = 2
            rows.nth(i).click()
            hit = expected.iloc[i]
            viewer = conc.locator(".ks-document-viewer")
            expect(viewer.locator(".ks-doc-head")).to_contain_text(f"raw line {hit['line']}", timeout=30_000)
            expect(viewer.locator(".ks-doc-head")).to_contain_text(labels[hit["doc_id"]])
            focus = viewer.locator(".ks-focus")
            expect(focus).to_have_text(QUERY)
            expect(rows.nth(i)).to_have_class("ks-selected")
            # scrolled to: the highlighted hit is inside the visible part of the document's scroll box
            fb = focus.bounding_box()
            sb = viewer.locator(".ks-scroll").bounding_box()
            assert sb["y"] <= fb["y"] and fb["y"] + fb["height"] <= sb["y"] + sb["height"]
            page.set_viewport_size({"width": 1280, "height": 1500})  # the whole explorer in view
            conc.evaluate("el => el.scrollIntoView({block: 'start'})")
            page.screenshot(path=str(SHOTS / "concordance.png"))
            conc.screenshot(path=str(SHOTS / "concordance_widget.png"))
            page.set_viewport_size({"width": 1280, "height": 1000})

            # 5. a click on a term opens its concordance
            terms = page.locator(".ks-term-view").first
            bar = terms.locator(".ks-bars div[data-key]").nth(1)
            term = bar.get_attribute("data-key").split(":", 1)[1]
            bar.click()
            expect(terms.locator(".ks-concordance .ks-status")).to_contain_text(f"'{term}'", timeout=30_000)
            expect(terms.locator(".ks-concordance .ks-kwic td.ks-kw").first).to_have_text(term)
            terms.scroll_into_view_if_needed()
            page.screenshot(path=str(SHOTS / "terms.png"))
        finally:
            browser.close()
    print(f"browser test: {time.monotonic() - t0:.0f} s; screenshots in {SHOTS}")
