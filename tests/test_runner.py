"""The notebook runner: parameters injected after the parameter cell, notebook requirements,
the figure index, and the comparison of fresh exports with committed ones."""
import sys
from pathlib import Path

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


def _tagged(source, *tags):
    return nbformat.v4.new_code_cell(source, metadata={"tags": list(tags)})


def test_parameters_are_injected_after_the_cell_tagged_parameters():
    """papermill's convention: the first code cell tagged `parameters`, even when another code cell
    comes first; the injected cell is tagged `injected-parameters`, and a second injection replaces it."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# t"), nbformat.v4.new_code_cell("import os"),
                _tagged("CORPUS = None\nOUT = None\nKWIC_TERMS: list | None = None", "parameters"),
                nbformat.v4.new_code_cell("print(CORPUS)")]
    runner.inject_parameters(nb, {"CORPUS": "/x", "N": 3, "TERMS": ["科创"]})
    assert nb.cells[3].source == "# Injected parameters\nCORPUS = '/x'\nN = 3\nTERMS = ['科创']"
    assert nb.cells[3].metadata["tags"] == ["injected-parameters"]
    assert nb.cells[4].source == "print(CORPUS)"
    runner.inject_parameters(nb, {"CORPUS": "/y"})
    assert [c.source for c in nb.cells].count("# Injected parameters\nCORPUS = '/y'") == 1
    assert not any("'/x'" in c.source for c in nb.cells)
    assert runner.parameter_names(nb) == ["CORPUS", "OUT", "KWIC_TERMS"]


def test_a_notebook_without_a_parameter_cell_cannot_take_parameters():
    import pytest

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("# Parameters\nx = 1")]  # the comment alone is not the tag
    with pytest.raises(ValueError, match="tagged 'parameters'"):
        runner.inject_parameters(nb, {"CORPUS": "/x"})


def test_every_notebook_takes_corpus_and_out_in_its_first_code_cell():
    from kslib.config import NOTEBOOKS

    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        first = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
        assert runner.parameter_cell(nb) == first, path.name
        names = runner.parameter_names(nb)
        assert "CORPUS" in names and (path.name.startswith("04") or "OUT" in names), (path.name, names)


def test_seed_commentary_cells_are_dropped():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("any corpus"),
                nbformat.v4.new_markdown_cell("昆山 (87) leads", metadata={"tags": ["seed-commentary"]}),
                _tagged("x = 1")]
    assert runner.drop_seed_commentary(nb) == 1
    assert [c.source for c in nb.cells] == ["any corpus", "x = 1"]


def test_param_values_are_python_literals_or_strings():
    import pytest

    assert runner.parse_param("N_TERMS=20") == ("N_TERMS", 20)
    assert runner.parse_param("KWIC_TERMS=['科创', '昆山之路']") == ("KWIC_TERMS", ["科创", "昆山之路"])
    assert runner.parse_param("GROUP_BY=subject") == ("GROUP_BY", "subject")
    assert runner.parse_param("INDICATOR=None") == ("INDICATOR", None)
    with pytest.raises(ValueError, match="KEY=VALUE"):
        runner.parse_param("no value")


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


def test_every_notebook_has_the_same_kernelspec():
    """JupyterLab rewrites a notebook's kernelspec to the kernel's own (name and display name) when it
    opens it: a notebook with another display name is marked modified at once."""
    import json

    from kslib.config import NOTEBOOKS

    kernel = json.loads((Path(sys.prefix) / "share" / "jupyter" / "kernels" / "python3" / "kernel.json").read_text())
    specs = {p.name: nbformat.read(p, as_version=4).metadata.get("kernelspec") for p in NOTEBOOKS.glob("*.ipynb")}
    assert {json.dumps(s, sort_keys=True) for s in specs.values()} == {json.dumps(
        {"display_name": kernel["display_name"], "language": "python", "name": "python3"}, sort_keys=True)}, specs


def test_index_shows_each_figure(tmp_path):
    (tmp_path / "captions.csv").write_text(
        "name,kind,caption,notebook,files\nb,figure,Bars,01_x.ipynb,b.png b.pdf\nt,table,A table,00_y.ipynb,t.csv\n",
        encoding="utf-8")
    text = runner.write_index(tmp_path).read_text(encoding="utf-8")
    assert '<img src="b.png" width="280" alt="b">' in text
    assert "t.csv) |" in text and '<img src="t' not in text  # tables have no picture


def test_no_seed_term_group_or_indicator_outside_the_parameter_cells():
    """Choices live in the parameter cell; other code cells make them from the data (None defaults)."""
    from kslib.config import NOTEBOOKS

    seed_words = ["昆山", "科创", "高质量发展", "high-tech zone", "development zone", "一般公共预算收入", "000_", "001_", "003_"]
    for path in sorted(NOTEBOOKS.glob("0[0-3]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        params = runner.parameter_cell(nb)
        for i, c in enumerate(nb.cells):
            if c.cell_type == "code" and i != params:
                found = [w for w in seed_words if w in c.source]
                assert not found, f"{path.name} cell {i}: {found}"
