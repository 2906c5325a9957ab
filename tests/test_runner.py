"""The notebook runner: parameters injected after the parameter cell, notebook requirements,
the figure index, and the comparison of fresh exports with committed ones."""
import nbformat

from kslib import runner
from kslib.runner import compare_figures


def test_compare_figures_reports_a_changed_file(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (a / "t.csv").write_text("x\n1\n")
    (b / "t.csv").write_text("x\n2\n")
    (a / "only.svg").write_text("<svg/>")
    assert compare_figures(a, b) == ["only.svg: produced but not committed", "t.csv: differs from the committed file"]


def test_parameters_are_injected_after_the_parameter_cell():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# t"), nbformat.v4.new_code_cell("# Parameters\nCORPUS = None"),
                nbformat.v4.new_code_cell("print(CORPUS)")]
    runner.inject_parameters(nb, {"CORPUS": "/x", "N": 3})
    assert [c.source for c in nb.cells][2] == "# Injected parameters\nCORPUS = '/x'\nN = 3"
    assert nb.cells[3].source == "print(CORPUS)"


def test_a_notebook_without_a_parameter_cell_cannot_take_parameters():
    import pytest

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1")]
    with pytest.raises(ValueError, match="Parameters"):
        runner.inject_parameters(nb, {"CORPUS": "/x"})


def test_min_docs_is_read_from_notebook_metadata(tmp_path):
    nb = nbformat.v4.new_notebook()
    path = tmp_path / "n.ipynb"
    nbformat.write(nb, path)
    assert runner.min_docs(path) == 1
    nb.metadata["kslib"] = {"min_docs": 2}
    nbformat.write(nb, path)
    assert runner.min_docs(path) == 2


def test_every_committed_notebook_states_its_minimum():
    from kslib.config import NOTEBOOKS

    needs = {p.name: runner.min_docs(p) for p in NOTEBOOKS.glob("*.ipynb")}
    assert needs["03_cross_document_comparison.ipynb"] == 2  # it compares documents


def test_index_lists_figures_and_tables_by_notebook(tmp_path):
    (tmp_path / "captions.csv").write_text(
        "name,kind,caption,notebook,files\nb,figure,Bars,01_x.ipynb,b.png b.svg\nt,table,A table,00_y.ipynb,t.csv\n",
        encoding="utf-8")
    text = runner.write_index(tmp_path).read_text(encoding="utf-8")
    assert "| b | Bars | 01_x.ipynb | [png](b.png), [svg](b.svg) |" in text
    assert text.index("## Figures") < text.index("| b |") < text.index("## Tables") < text.index("| t |")
