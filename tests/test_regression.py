"""Regression checks: re-exported figures/tables match the committed ones, and the
checks do fail when an input changes."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from kslib.runner import compare_figures
from tests.conftest import ROOT

FIGURES = ROOT / "figures"
NBVAL = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval", "--nbval-current-env",
         "--nbval-sanitize-with", "tests/nbval_sanitize.cfg"]


def _run_notebooks(root: Path, figures: Path, notebooks=None) -> None:
    env = dict(os.environ, KSLIB_FIGURES=str(figures), PYTHONHASHSEED="0", PYTHONPATH=str(root))
    cmd = [sys.executable, "-m", "kslib.runner", "--out", str(figures.parent / "notebooks")] + (notebooks or [])
    subprocess.run(cmd, cwd=root, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def fresh_figures(tmp_path_factory):
    """Figures exported by a fresh run of the notebooks: the ones `make test`'s nbval
    run just wrote (KSLIB_CHECK_FIGURES), else run them here."""
    given = os.environ.get("KSLIB_CHECK_FIGURES")
    if given and Path(given).is_dir():
        return Path(given)
    out = tmp_path_factory.mktemp("fresh") / "figures"
    _run_notebooks(ROOT, out)
    return out


def test_every_committed_figure_has_a_caption_and_notebook():
    captions = pd.read_csv(FIGURES / "captions.csv", dtype=str, keep_default_na=False)
    assert (captions["caption"] != "").all()
    assert captions["notebook"].str.fullmatch(r"\d\d_\w+\.ipynb").all()
    for files in captions["files"]:
        for f in files.split():
            assert (FIGURES / f).exists(), f
    figures = {p.stem for p in FIGURES.glob("*.png")}
    assert figures <= set(captions["name"])


def test_fresh_figures_match_committed(fresh_figures):
    diffs = compare_figures(fresh_figures, FIGURES)
    assert not diffs, "figures/tables changed; if intended, run `make figures` and commit:\n" + "\n".join(diffs)



def test_regression_check_fails_when_an_input_changes(tmp_path):
    """In a copy of the project, drop one boilerplate rule (the client promo of 003):
    nbval must report the changed cleaning table, and the figure check the changed
    table and chart."""
    copy = tmp_path / "proj"
    for part in ["kslib", "seeds", "notebooks", "figures", "tests"]:
        shutil.copytree(ROOT / part, copy / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    rules = copy / "kslib" / "data" / "boilerplate.yaml"
    text = rules.read_text("utf-8")
    assert "rule: promo" in text
    rules.write_text(text.replace("rule: promo", "rule: promo_disabled").replace(
        "'^\\S{0,8}(客户端|客戶端|APP|App|app)(下载|下載)?$'", "'^NEVER$'"), "utf-8")
    env = dict(os.environ, PYTHONPATH=str(copy), PYTHONHASHSEED="0", KSLIB_FIGURES=str(tmp_path / "fig"))
    nb = "notebooks/00_corpus_overview.ipynb"
    res = subprocess.run(NBVAL + [nb], cwd=copy, env=env, capture_output=True, text=True)
    assert res.returncode != 0, res.stdout[-2000:]
    # the tables are HTML whose diff nbval truncates; the changed rule itself shows in the exported CSV below
    assert "Cell outputs differ" in res.stdout
    diffs = compare_figures(tmp_path / "fig", FIGURES)
    assert "cleaning_by_rule.csv: differs from the committed file" in diffs
    assert ",promo," in (FIGURES / "cleaning_by_rule.csv").read_text("utf-8")
    assert ",promo," not in (tmp_path / "fig" / "cleaning_by_rule.csv").read_text("utf-8")
    assert "cleaning_removed.svg: differs from the committed file" in diffs
