"""bench/make_corpus.py (deterministic, varied, loadable) and a smoke run of bench/run.py."""
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import make_corpus  # noqa: E402


def _tree_hash(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.iterdir()):
        h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench") / "c"
    info = make_corpus.build(out, 0.2, seed=0)
    return out, info


def test_same_seed_gives_byte_identical_output(small, tmp_path):
    out, _ = small
    again = tmp_path / "again"
    make_corpus.build(again, 0.2, seed=0)
    assert _tree_hash(again) == _tree_hash(out)
    other = tmp_path / "other"
    make_corpus.build(other, 0.2, seed=1)
    assert _tree_hash(other) != _tree_hash(out)


def test_size_documents_and_scripts(small):
    out, info = small
    files = sorted(out.glob("*.txt"))
    size = sum(p.stat().st_size for p in files)
    assert size >= 200_000 and size == info["bytes"]
    assert len(files) == info["docs"] >= 15
    assert 1 <= info["traditional"] < info["docs"]
    # not one file repeated
    assert len({p.read_bytes() for p in files}) == len(files)


def test_numbers_are_varied():
    import random

    text = "2018年完成地区生产总值810亿元,增长7.1%,新增企业330家"
    varied = make_corpus.vary_numbers(text, random.Random(3))
    nums = lambda s: re.findall(r"\d+(?:\.\d+)?", s)  # noqa: E731
    assert len(nums(varied)) == len(nums(text))
    assert all(a != b for a, b in zip(nums(varied), nums(text)))
    year = int(nums(varied)[0])
    assert 2015 <= year <= 2021
    assert re.fullmatch(r"\d+\.\d", nums(varied)[2])  # one decimal kept


def test_corpus_numbers_differ_from_seeds(small):
    import kslib

    out, _ = small
    seed_nums = set(re.findall(r"\d{3,}", "".join(kslib.load_corpus()["raw"])))
    bench_nums = re.findall(r"\d{3,}", "".join(p.read_text("utf-8") for p in out.glob("*.txt")))
    assert len(set(bench_nums) - seed_nums) > len(bench_nums) * 0.2


def test_load_corpus_reads_it_and_normalises_traditional(small):
    import kslib

    out, info = small
    c = kslib.load_corpus(out)
    assert len(c) == info["docs"]
    assert list(c["doc_id"]) == sorted(p.stem for p in out.glob("*.txt"))
    trad = c[c["script"] == "traditional"]
    assert len(trad) == info["traditional"]
    assert trad["raw"].str.contains("崑").any()
    assert not trad["text"].str.contains("崑").any()


def test_run_smoke(tmp_path):
    corpus = tmp_path / "tiny"
    make_corpus.build(corpus, 0.05, seed=0)
    js = tmp_path / "r.json"
    p = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--corpus", str(corpus),
                        "--skip-build", "--stages", "load,segment,count,metrics", "--json", str(js),
                        "--work", str(tmp_path / "work")],
                       capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert p.returncode == 0, p.stderr[-2000:]
    res = json.loads(js.read_text())["results"]
    for name in ["load.baseline", "load.kslib", "seg.jieba", "count.baseline", "metrics.baseline"]:
        assert res[name]["status"] == "ok", (name, res[name])
        assert res[name]["seconds"] > 0 and res[name]["rss_mb"] > 10
    for name, r in res.items():  # kslib stages either measured or clearly skipped, never faked
        assert r["status"] in ("ok", "not available"), (name, r)
        if r["status"] != "ok":
            assert "seconds" not in r and "not available" in p.stdout
    if res["seg.kslib_cold"]["status"] == "ok":
        assert res["seg.kslib_cold"]["identical"] == 1.0
    assert "x base" in p.stdout and "seg.jieba" in p.stdout
