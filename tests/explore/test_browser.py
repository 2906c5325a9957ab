"""04_explore.ipynb in a real JupyterLab, in headless Chromium (Debian's chromium, driven by
Playwright through executable_path): the saved widgets render without a kernel; after Run All, a
typed query gives concordance rows, a click opens the document at the match, a click on a term
opens its concordance. Screenshots go to build/explore/ for a person to look at.

Everything is local: JupyterLab on 127.0.0.1 with a random token and temporary config, data,
runtime, settings and workspace folders; the notebook is a copy in a temporary folder, so
nothing the Lab writes (autosave, checkpoints) touches the repository."""
import os
import time
from pathlib import Path

import pytest

import kslib
from tests.conftest import ROOT
from tests.labserver import CHROMIUM, CHROMIUM_ARGS, jupyterlab, need_chromium

pytestmark = pytest.mark.browser

NOTEBOOK = ROOT / "notebooks" / "04_explore.ipynb"
SHOTS = ROOT / "build" / "explore"
QUERY = "发展"  # typed into the box: not the notebook's own query, so rows can only come from the kernel


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server serving a temporary folder with a copy of 04_explore.ipynb."""
    need_chromium()
    tmp = tmp_path_factory.mktemp("lab")
    with jupyterlab(tmp, tmp / "work", [NOTEBOOK]) as server:
        yield {**server, "fontconfig": _fontconfig(tmp)}


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
