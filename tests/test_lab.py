"""The committed notebooks in a real JupyterLab (headless Chromium, as tests/explore/test_browser.py):
opening one and starting its kernel does not mark it modified (one kernelspec everywhere), and in a
trusted notebook the long tables become interactive DataTables from the saved outputs (itables' bundle
embedded offline), with no request leaving 127.0.0.1."""
import json

import pytest

from tests.conftest import ROOT
from tests.labserver import CHROMIUM, CHROMIUM_ARGS, jupyterlab, need_chromium

pytestmark = pytest.mark.browser

NOTEBOOKS = sorted((ROOT / "notebooks").glob("0[0-3]_*.ipynb"))


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    need_chromium()
    tmp = tmp_path_factory.mktemp("lab")
    with jupyterlab(tmp, tmp / "work", NOTEBOOKS, folder="notebooks") as server:
        yield {**server, "work": tmp / "work" / "notebooks"}


_READY = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  if (!panel || !panel.sessionContext || !panel.context) return false;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  return !!kernel && kernel.status === 'idle' && panel.context.isReady;
}"""
_DIRTY = "() => window.jupyterapp.shell.currentWidget.context.model.dirty"


def test_notebooks_open_unmodified_with_interactive_tables(lab):
    from playwright.sync_api import sync_playwright

    remote = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            for nb in NOTEBOOKS:
                page = browser.new_page(viewport={"width": 1280, "height": 1000})
                page.on("request", lambda r: remote.append(r.url) if not r.url.startswith(
                    ("http://127.0.0.1", "data:", "blob:", "about:")) else None)
                # a workspace of its own per notebook: only this one is open
                page.goto(f"{lab['url']}/lab/workspaces/{nb.stem}/tree/notebooks/{nb.name}?token={lab['token']}")
                page.wait_for_function(_READY, timeout=90_000, polling=500)
                page.wait_for_timeout(1500)  # metadata updates arrive after the kernel's info reply
                assert page.evaluate(_DIRTY) is False, f"{nb.name} is marked modified on opening"
                kernelspec = page.evaluate("() => window.jupyterapp.shell.currentWidget.context.model"
                                           ".getMetadata('kernelspec')")
                assert kernelspec == json.loads(nb.read_text(encoding="utf-8"))["metadata"]["kernelspec"]
                # the saved long tables are DataTables (sortable, searchable) in the trusted notebook
                if "new ITable(" in nb.read_text(encoding="utf-8"):
                    page.wait_for_selector(".jp-OutputArea table.dataTable", timeout=60_000)
                    page.wait_for_selector(".jp-OutputArea .dt-search input", timeout=10_000)
                page.evaluate("() => window.jupyterapp.commands.execute('kernelmenu:shutdown')")
                page.close()
        finally:
            browser.close()
    assert remote == [], f"requests left the machine: {remote[:5]}"
    # nothing was written back into the copies either
    for nb in NOTEBOOKS:
        assert (lab["work"] / nb.name).read_bytes() == nb.read_bytes()
