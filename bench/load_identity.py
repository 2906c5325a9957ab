"""Is load_corpus's output unchanged? Snapshot everything loading produces, then compare.

    python bench/load_identity.py save /tmp/before.pkl [--bench /tmp/c2]   # on the old code
    python bench/load_identity.py compare /tmp/before.pkl [--bench /tmp/c2] # on the new code

What is compared, per corpus (the seeds, /work/shared/corpora/dev/docs, the bench corpus given
with --bench, every folder under tests/fixtures that load_corpus is pointed at — those that raise
must raise the same error): the load_corpus frame (pd.testing.assert_frame_equal, exact, attrs
too), the warnings (category and message, in order), kslib.cleaning_log, and per document the
Normalized result of kslib.normalized(row): text, offsets (values), log rows, format and visible
lines. Then `kslib.normalize.normalize` on generated documents that stress the line rules and the
near-duplicate check (each seed and dev document's lines shuffled with near copies, verbatim
copies, CRLF and lone CR line ends, web furniture lines, one-line versions), and
`kslib.readers.dedup.near_duplicates` on random paragraph sets. Exit status 1 on any difference.
"""
from __future__ import annotations

import argparse
import pickle
import random
import sys
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

DEV = Path("/work/shared/corpora/dev/docs")
FIXTURES = HERE.parent / "tests" / "fixtures"
FURNITURE = ["责任编辑：张三", "首页 | 要闻 | 国内 | 国际", "版权所有 © 2023 某某网", "【打印】【关闭】",
             "扫一扫，关注我们的微信公众号", "相关阅读", "（完）", "2023-02-16 07:54 来源：人民网",
             "图为会议现场。（新华社记者 李四 摄）", "http://www.example.com/a/b?c=1", "分享到：微信 微博"]


def _folders(bench: str | None) -> list[tuple[str, str | None]]:
    out = [("seeds", None), ("dev", str(DEV))]
    if bench:
        out.append(("bench", bench))
    for p in sorted(FIXTURES.rglob("*")):
        if p.is_dir() and any(q.is_file() for q in p.iterdir()):
            out.append((f"fixture:{p.relative_to(FIXTURES)}", str(p)))
    return out


def _here(x):
    """Paths inside this checkout written as <repo>, so two checkouts compare."""
    if isinstance(x, str):
        return x.replace(str(HERE.parent), "<repo>")
    if isinstance(x, tuple):
        return tuple(_here(v) for v in x)
    if isinstance(x, dict):
        return {k: _here(v) for k, v in x.items()}
    return x


def _load(path):
    import kslib

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            frame = kslib.load_corpus(path)
        except Exception as e:  # noqa: BLE001 — the same error is part of the output
            return {"error": (type(e).__name__, _here(str(e))),
                    "warnings": [(w.category.__name__, _here(str(w.message))) for w in caught]}
    out = {"frame": frame, "attrs": _here(dict(frame.attrs)),
           "warnings": [(w.category.__name__, _here(str(w.message))) for w in caught],
           "log": kslib.cleaning_log(frame), "docs": {}}
    for _, row in frame.iterrows():
        n = kslib.normalized(row)
        out["docs"][row["doc_id"]] = _norm(n)
    return out


def _norm(n):
    return {"text": n.text, "offsets": np.asarray(n.offsets, dtype=np.int64), "log": list(map(dict, n.log)),
            "format": n.format, "visible": list(n.visible)}


def _generated(seed: int = 0) -> list[str]:
    """Documents made of the seeds' and dev documents' lines: shuffled, with near and verbatim
    copies, furniture lines, other line ends, and one-line versions."""
    import kslib

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        raws = list(kslib.load_corpus()["raw"]) + list(kslib.load_corpus(str(DEV))["raw"])
    rng = random.Random(seed)
    docs = []
    for k in range(200):
        lines = [line for line in rng.choice(raws).split("\n") if line.strip()]
        rng.shuffle(lines)
        lines = lines[: rng.randint(3, 60)]
        out = []
        for line in lines:
            out.append(line)
            r = rng.random()
            if r < 0.15 and len(line) > 10:  # a near copy: a few characters changed, added or cut
                chars = list(line)
                for _ in range(rng.randint(1, 4)):
                    chars.insert(rng.randrange(len(chars)), rng.choice("一直以来，的了在是和"))
                out.append("".join(chars))
            elif r < 0.25:
                out.append(line if rng.random() < 0.5 else line[: max(1, len(line) * 9 // 10)])
            elif r < 0.35:
                out.append(rng.choice(FURNITURE))
            elif r < 0.40:
                out.append("")
        sep = rng.choice(["\n", "\n", "\r\n", "\r", "\n\n"])
        docs.append(sep.join(out))
        if k % 20 == 0:
            docs.append("".join(out))  # one long line
    return docs


def _paragraph_sets(seed: int = 1) -> list[list[str]]:
    rng = random.Random(seed)
    alphabet = "昆山发展经济开放建设高新区创新产业科技企业人民政府工作报告"
    sets = []
    for _ in range(300):
        paras = []
        for _ in range(rng.randint(1, 25)):
            if paras and rng.random() < 0.4:
                base = list(rng.choice(paras))
                for _ in range(rng.randint(0, 6)):
                    op = rng.random()
                    if op < 0.4 and base:
                        base[rng.randrange(len(base))] = rng.choice(alphabet)
                    elif op < 0.7:
                        base.insert(rng.randrange(len(base) + 1), rng.choice(alphabet))
                    elif base:
                        del base[rng.randrange(len(base))]
                paras.append("".join(base))
            else:
                paras.append("".join(rng.choice(alphabet[: rng.randint(3, len(alphabet))])
                                     for _ in range(rng.randint(5, 120))))
        sets.append(paras)
    return sets


def snapshot(bench: str | None) -> dict:
    from kslib.normalize import normalize
    from kslib.readers.dedup import near_duplicates

    snap = {"corpora": {name: _load(path) for name, path in _folders(bench)}}
    snap["generated"] = [_norm(normalize(d)) for d in _generated()]
    snap["near_duplicates"] = [near_duplicates(ps) for ps in _paragraph_sets()]
    return snap


def _same_norm(a, b, where, problems):
    if a["text"] != b["text"]:
        problems.append(f"{where}: text differs")
    if not np.array_equal(a["offsets"], b["offsets"]):
        problems.append(f"{where}: offsets differ")
    for key in ("log", "format", "visible"):
        if a[key] != b[key]:
            problems.append(f"{where}: {key} differs")


def compare(old: dict, new: dict) -> list[str]:
    problems = []
    for name, a in old["corpora"].items():
        b = new["corpora"].get(name)
        if b is None:
            problems.append(f"{name}: missing")
            continue
        if "error" in a or "error" in b:
            if a.get("error") != b.get("error"):
                problems.append(f"{name}: error {a.get('error')} vs {b.get('error')}")
        else:
            try:
                pd.testing.assert_frame_equal(a["frame"], b["frame"], check_exact=True)
                pd.testing.assert_frame_equal(a["log"], b["log"], check_exact=True)
            except AssertionError as e:
                problems.append(f"{name}: {str(e)[:300]}")
            if a["attrs"] != b["attrs"]:
                problems.append(f"{name}: attrs differ")
            if a["docs"].keys() != b["docs"].keys():
                problems.append(f"{name}: documents differ")
            for doc in a["docs"]:
                if doc in b["docs"]:
                    _same_norm(a["docs"][doc], b["docs"][doc], f"{name}/{doc}", problems)
        if a["warnings"] != b["warnings"]:
            problems.append(f"{name}: warnings differ")
    if len(old["generated"]) != len(new["generated"]):
        problems.append("generated: count differs")
    for k, (a, b) in enumerate(zip(old["generated"], new["generated"])):
        _same_norm(a, b, f"generated[{k}]", problems)
    if old["near_duplicates"] != new["near_duplicates"]:
        problems.append("near_duplicates on paragraph sets differ")
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=["save", "compare"])
    ap.add_argument("file", type=Path)
    ap.add_argument("--bench", help="a bench corpus folder (bench/make_corpus.py --mb 2 --out …)")
    args = ap.parse_args()
    snap = snapshot(args.bench)
    if args.mode == "save":
        args.file.write_bytes(pickle.dumps(snap, protocol=pickle.HIGHEST_PROTOCOL))
        n_docs = sum(len(c.get("docs", {})) for c in snap["corpora"].values())
        n_rows = sum(len(c["log"]) for c in snap["corpora"].values() if "log" in c)
        print(f"saved {len(snap['corpora'])} corpora ({n_docs} documents, {n_rows} log rows), "
              f"{len(snap['generated'])} generated documents, {len(snap['near_duplicates'])} paragraph sets")
        return 0
    old = pickle.loads(args.file.read_bytes())
    problems = compare(old, snap)
    for p in problems[:50]:
        print(p)
    n_docs = sum(len(c.get("docs", {})) for c in snap["corpora"].values())
    errors = sorted(n for n, c in snap["corpora"].items() if "error" in c)
    print(f"{len(snap['corpora'])} corpora ({n_docs} documents; raising the same errors: {errors}), "
          f"{len(snap['generated'])} generated documents ("
          f"{sum(len(g['log']) for g in snap['generated'])} log rows), "
          f"{len(snap['near_duplicates'])} paragraph sets: "
          + ("IDENTICAL" if not problems else f"{len(problems)} DIFFERENCES"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
