"""Where notebook exports go (kslib.figures.use_output): precedence out= > $KSLIB_FIGURES > OUT >
default, never the committed figures/ for another corpus, and a re-run leaves exactly its outputs."""
import csv

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from kslib import config, figures  # noqa: E402
from tests.conftest import FIXTURES  # noqa: E402

OTHER = FIXTURES / "encodings"


@pytest.fixture(autouse=True)
def fresh_state(monkeypatch):
    monkeypatch.delenv("KSLIB_FIGURES", raising=False)
    monkeypatch.delenv("KSLIB_NOTEBOOK", raising=False)
    monkeypatch.setattr(figures, "_current", None)
    monkeypatch.setattr(figures, "_cleared", set())
    yield
    plt.close("all")


def _table(out, name, notebook):
    return figures.save_table(pd.DataFrame({"x": [1]}), name, caption=name)


def test_another_corpus_defaults_to_its_own_results_folder():
    out = figures.use_output(OTHER, None, notebook="00_x.ipynb")
    assert out.folder == config.RESULTS / "encodings" and not out.seeds and out.source == "notebook"
    assert figures.use_output(None, None).folder == config.REPO / "figures"


def test_precedence_environment_over_out_over_default(tmp_path, monkeypatch):
    assert figures.use_output(OTHER, tmp_path / "mine").folder == tmp_path / "mine"
    assert figures.use_output(OTHER, "build/x").folder == config.REPO / "build" / "x"  # from the repo root
    monkeypatch.setenv("KSLIB_FIGURES", str(tmp_path / "env"))
    out = figures.use_output(OTHER, tmp_path / "mine")
    assert out.folder == tmp_path / "env" and out.source == "KSLIB_FIGURES"
    # an explicit out= of save_table wins over everything
    saved = figures.save_table(pd.DataFrame({"x": [1]}), "t", caption="c", out=tmp_path / "explicit")
    assert saved[0] == tmp_path / "explicit" / "t.csv"
    assert figures.save_table(pd.DataFrame({"x": [1]}), "u", caption="c")[0] == tmp_path / "env" / "u.csv"


def test_another_corpus_never_writes_into_the_committed_figures(monkeypatch):
    with pytest.raises(ValueError, match="committed"):
        figures.use_output(OTHER, "figures")
    monkeypatch.setenv("KSLIB_FIGURES", str(config.REPO / "figures"))
    with pytest.raises(ValueError, match="committed"):
        figures.use_output(OTHER, None)


def test_a_missing_corpus_says_where_it_looked():
    with pytest.raises(FileNotFoundError, match="looked in"):
        figures.use_output("no/such/folder", None)


def test_a_rerun_removes_what_it_no_longer_produces(tmp_path, monkeypatch):
    """Interactive runs too: on a notebook's first export in a session, what captions.csv records it
    exported before is removed; other notebooks' exports stay."""
    out = tmp_path / "res"
    figures.use_output(OTHER, out, notebook="01_a.ipynb")
    _table(out, "kept", "01_a.ipynb")
    _table(out, "dropped", "01_a.ipynb")
    fig, _ = plt.subplots()
    figures.save_figure(fig, "chart", caption="a chart")
    figures.use_output(OTHER, out, notebook="02_b.ipynb")
    _table(out, "other_notebook", "02_b.ipynb")
    assert {p.name for p in out.iterdir()} >= {"kept.csv", "dropped.csv", "chart.png", "chart.svg",
                                               "other_notebook.csv", "captions.csv", "README.md"}
    # a new session (kernel restart) runs 01 again; this time it exports only "kept"
    monkeypatch.setattr(figures, "_cleared", set())
    figures.use_output(OTHER, out, notebook="01_a.ipynb")
    _table(out, "kept", "01_a.ipynb")
    names = {p.name for p in out.iterdir()}
    assert "dropped.csv" not in names and not any(n.startswith("chart.") for n in names)
    assert {"kept.csv", "other_notebook.csv"} <= names
    rows = list(csv.DictReader((out / "captions.csv").open(encoding="utf-8")))
    assert sorted((r["name"], r["notebook"]) for r in rows) == [("kept", "01_a.ipynb"),
                                                                 ("other_notebook", "02_b.ipynb")]
    index = (out / "README.md").read_text(encoding="utf-8")
    assert "| kept |" in index and "dropped" not in index


def test_exports_in_one_session_are_not_cleared_twice(tmp_path):
    out = tmp_path / "res"
    figures.use_output(OTHER, out, notebook="01_a.ipynb")
    _table(out, "first", "01_a.ipynb")
    _table(out, "second", "01_a.ipynb")  # a later cell of the same run keeps the first export
    assert (out / "first.csv").exists() and (out / "second.csv").exists()
