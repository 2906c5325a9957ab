"""The command line: `kslib report` runs the notebooks on another folder."""
from pathlib import Path

import pandas as pd

import kslib
from tests.conftest import FIXTURES


def test_report_cli_runs_the_notebooks_on_another_folder(tmp_path):
    """`kslib report` runs every notebook on a user's folder (undated and
    Traditional files, no gold set) and writes their tables and figures there."""
    import subprocess
    import sys

    res = subprocess.run([sys.executable, "-m", "kslib", "report", str(FIXTURES / "encodings"),
                          "--out", str(tmp_path)], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
    overview = pd.read_csv(tmp_path / "figures" / "corpus_overview.csv")
    assert sorted(overview["doc_id"]) == ["big5", "gb18030", "gbk", "plain", "utf16", "utf8bom"]
    for name in ("corpus_timeline.svg", "term_frequencies.csv", "metrics.csv", "similarity_dendrogram.svg"):
        assert (tmp_path / "figures" / name).exists(), name
    assert not (tmp_path / "figures" / "metrics_gold_scores.csv").exists()  # no gold set for this corpus
    executed = sorted(p.name for p in (tmp_path / "notebooks").glob("*.ipynb"))
    assert executed == sorted(p.name for p in (Path(kslib.__file__).parent.parent / "notebooks").glob("*.ipynb"))


def test_report_skips_the_comparison_notebook_for_one_document(tmp_path):
    import subprocess
    import sys

    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("# 标题\n\n昆山高新区2018年实现地区生产总值810亿元。\n", encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "kslib", "report", str(tmp_path / "corpus"), "--out",
                          str(tmp_path / "out"), "--notebooks", "00", "03"], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "skipped 03_cross_document_comparison.ipynb" in res.stdout
    assert [p.name for p in (tmp_path / "out" / "notebooks").glob("*.ipynb")] == ["00_corpus_overview.ipynb"]
