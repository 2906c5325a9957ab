"""The command line: `kslib report` runs the notebooks on another folder."""
import re
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


def _kslib(*args):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "kslib", *map(str, args)], capture_output=True, text=True)


def test_a_corpus_error_is_one_clear_message_naming_the_file(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "bad.txt").write_bytes(b"\x00\x01\x02\xff\xfe" * 50)
    res = _kslib("tables", corpus, "--out", tmp_path / "out")
    assert res.returncode == 2
    assert "Traceback" not in res.stderr and "bad.txt" in res.stderr
    assert res.stderr.count("\n") == 1
    assert not (tmp_path / "out").exists()
    debug = _kslib("tables", corpus, "--out", tmp_path / "out", "--debug")
    assert debug.returncode != 0 and "Traceback" in debug.stderr


def test_tables_replace_the_previous_run_as_a_whole(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (a / "x.txt").write_text("昆山2018年实现地区生产总值810亿元。\n", encoding="utf-8")
    (b / "y.txt").write_text("苏州2019年增长6%。\n", encoding="utf-8")
    out = tmp_path / "out"
    assert _kslib("tables", a, "--out", out).returncode == 0
    (out / "stale.csv").write_text("from an older run")
    assert _kslib("tables", b, "--out", out).returncode == 0
    overview = pd.read_csv(out / "corpus_overview.csv")
    metrics = pd.read_csv(out / "metrics.csv")
    assert overview["doc_id"].tolist() == ["y"] and set(metrics["doc_id"]) == {"y"}
    assert not (out / "stale.csv").exists()


def test_report_refuses_a_parameter_no_notebook_has(tmp_path):
    res = _kslib("report", FIXTURES / "encodings", "--out", tmp_path / "out", "--param", "NO_SUCH_PARAMETER=3")
    assert res.returncode == 2
    offered = re.findall(r"[A-Z_]+", res.stderr.split("parameters:")[-1])
    assert "NO_SUCH_PARAMETER" in res.stderr and offered and "CORPUS" not in offered  # CORPUS is the report's own
    assert not (tmp_path / "out").exists()


def test_a_missing_corpus_folder_is_one_message_saying_where(tmp_path):
    res = _kslib("tables", tmp_path / "nothing_here", "--out", tmp_path / "out")
    assert res.returncode == 2 and "nothing_here" in res.stderr and "no such folder" in res.stderr
