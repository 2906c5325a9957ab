"""A local JupyterLab for the browser tests (tests/test_lab.py, tests/explore/test_browser.py): on
127.0.0.1 with a random token, temporary config, data, runtime, settings and workspace folders, the
given notebooks copied and trusted (as `make lab` trusts them), no news or update checks."""
from __future__ import annotations

import contextlib
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

CHROMIUM = os.environ.get("KSLIB_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def need_chromium() -> None:
    """Skip (or fail, with KSLIB_REQUIRE_BROWSER set, as CI sets it) without a Chromium."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("KSLIB_REQUIRE_BROWSER"):
            pytest.fail(f"no chromium at {CHROMIUM} (apt-get install chromium)")
        pytest.skip(f"no chromium at {CHROMIUM}: apt-get install chromium to run the browser test")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lab_settings(folder: Path) -> None:
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


@contextlib.contextmanager
def jupyterlab(tmp: Path, root: Path, notebooks: list[Path], folder: str = "."):
    """A running JupyterLab serving `root`, with copies of `notebooks` in root/folder, trusted.
    Yields {"url", "token", "log"}; the server is stopped on exit."""
    work = root / folder
    work.mkdir(parents=True, exist_ok=True)
    for nb in notebooks:
        shutil.copy(nb, work / nb.name)
    lab_settings(tmp / "settings")
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(tmp / "config"), JUPYTER_DATA_DIR=str(tmp / "data"),
               JUPYTER_RUNTIME_DIR=str(tmp / "runtime"), JUPYTERLAB_SETTINGS_DIR=str(tmp / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp / "workspaces"), IPYTHONDIR=str(tmp / "ipython"),
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
               KSLIB_FIGURES=str(tmp / "figures"))
    # JupyterLab runs a notebook's saved scripts and draws its widget state only when it is trusted
    subprocess.run([sys.executable, "-m", "jupyter", "trust", *(str(work / nb.name) for nb in notebooks)],
                   env=env, check=True, capture_output=True)
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
           f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
           f"--ServerApp.root_dir={root}", "--LabApp.expose_app_in_browser=True",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    log_path = tmp / "lab.log"
    log = log_path.open("w")
    proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
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
                pytest.fail("JupyterLab did not start:\n" + log_path.read_text()[-3000:])
            time.sleep(0.5)
        yield {"url": url, "token": token, "log": log_path}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
