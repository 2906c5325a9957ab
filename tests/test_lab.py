"""The committed notebooks in a real JupyterLab (headless Chromium, as tests/explore/test_browser.py):
opening one and starting its kernel does not mark it modified (one kernelspec everywhere), and in a
trusted notebook the long tables become interactive DataTables from the saved outputs (itables' bundle
embedded offline), with no request leaving 127.0.0.1."""
import json
import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.explore.test_browser import CHROMIUM, CHROMIUM_ARGS, _free_port, _settings

pytestmark = pytest.mark.browser

NOTEBOOKS = sorted((ROOT / "notebooks").glob("0[0-3]_*.ipynb"))


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        if os.environ.get("KSLIB_REQUIRE_BROWSER"):
            pytest.fail(f"no chromium at {CHROMIUM} (apt-get install chromium)")
        pytest.skip(f"no chromium at {CHROMIUM}: apt-get install chromium to run the browser test")
    tmp = tmp_path_factory.mktemp("lab")
    work = tmp / "work" / "notebooks"
    work.mkdir(parents=True)
    for nb in NOTEBOOKS:
        shutil.copy(nb, work / nb.name)
    _settings(tmp / "settings")
    port, token = _free_port(), secrets.token_hex(16)
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(tmp / "config"), JUPYTER_DATA_DIR=str(tmp / "data"),
               JUPYTER_RUNTIME_DIR=str(tmp / "runtime"), JUPYTERLAB_SETTINGS_DIR=str(tmp / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp / "workspaces"), IPYTHONDIR=str(tmp / "ipython"),
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
               KSLIB_FIGURES=str(tmp / "figures"))
    # as `make lab` does: the notebooks are trusted, so their interactive tables' script runs
    subprocess.run([sys.executable, "-m", "jupyter", "trust", *map(str, sorted(work.glob("*.ipynb")))], env=env,
                   check=True, capture_output=True)
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
           f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
           f"--ServerApp.root_dir={work.parent}", "--LabApp.expose_app_in_browser=True",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    log = (tmp / "lab.log").open("w")
    proc = subprocess.Popen(cmd, cwd=work.parent, env=env, stdout=log, stderr=subprocess.STDOUT)
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
        yield {"url": url, "token": token, "work": work}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


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
