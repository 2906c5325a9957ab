"""extract_metrics throughput in MB/s and its cost per MB from 1 to 50 MB (linear cost check).

    .venv/bin/python bench/metrics_scaling.py                      # 1, 2, 5, 10, 25, 50 MB
    .venv/bin/python bench/metrics_scaling.py --sizes 1,5 --markdown out.md

One deterministic 50 MB corpus is built with bench/make_corpus.py (bench/data/corpus-50mb-s0,
reused when present) and loaded once (loading and normalisation are not timed: they are the
`load` stage of bench/run.py). Each size is the first documents of that corpus up to the size
(raw MB; MB/s is reported on the UTF-8 MB of the normalised `text`), and is timed in its own subprocess so that no cache of a
smaller size helps a larger one. Reported: rows, wall seconds, CPU seconds (the machine is shared:
CPU time is the fair measure, wall time is what a user waits), MB/s of both, and the cost per MB
relative to the smallest size (flat = linear). CPU seconds count the process pool's workers
(extract_metrics uses one per core above about a million characters; `--workers 1` times the serial
path). The first 2 MB are also timed as one string, with
their line breaks and without them: the single-line text should cost what the broken one costs.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
CORPUS = HERE / "data" / "corpus-50mb-s0"


def _subset(mb: float, folder: Path) -> Path:
    """The first documents of the bench corpus up to `mb` MB of raw text, as a corpus folder of links."""
    import csv

    files = sorted(CORPUS.glob("*.txt"))
    keep, total = [], 0
    for f in files:
        if total >= mb * 1e6:
            break
        keep.append(f)
        total += f.stat().st_size
    for f in keep:
        (folder / f.name).symlink_to(f)
    ids = {f.stem for f in keep}
    with open(CORPUS / "metadata.csv", encoding="utf-8", newline="") as src, \
            open(folder / "metadata.csv", "w", encoding="utf-8", newline="") as dst:
        rows = csv.reader(src)
        w = csv.writer(dst)
        w.writerow(next(rows))
        w.writerows(r for r in rows if r[0] in ids)
    return folder


def _cpu() -> float:
    """CPU seconds of this process and its reaped children (the pool's workers)."""
    import resource

    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + kids.ru_utime + kids.ru_stime


def _worker(mb: float, single_line: bool, workers: int | None = None) -> dict:
    import tempfile

    import kslib

    warnings.simplefilter("ignore")
    with tempfile.TemporaryDirectory(prefix="kslib-bench-") as tmp:
        part = kslib.load_corpus(_subset(mb, Path(tmp)), outside_links=True)  # the subset links to the corpus
    kslib.extract_metrics(part.head(2))  # imports and lexicons loaded before timing
    if single_line:
        # the same normalised text as one string, with and without its line breaks (extract_text:
        # the mention and attribution stages, without the per-document bookkeeping)
        from kslib.metrics.extract import extract_text

        out = {}
        for name, text in (("lines", "\n".join(part["text"])), ("one line", "".join(part["text"]).replace("\n", ""))):
            t0, c0 = time.perf_counter(), time.process_time()
            rows = len(extract_text(text))
            out[name] = {"mb": round(len(text.encode("utf-8")) / 1e6, 2), "rows": rows,
                         "wall": time.perf_counter() - t0, "cpu": time.process_time() - c0,
                         "load": os.getloadavg()[0], "input": f"one string, {name}"}
        return out
    size = float(part["text"].str.encode("utf-8").str.len().sum()) / 1e6
    t0, c0 = time.perf_counter(), _cpu()
    rows = len(kslib.extract_metrics(part, workers=workers))
    wall, cpu = time.perf_counter() - t0, _cpu() - c0
    return {"documents": {"mb": round(size, 2), "rows": rows, "wall": wall, "cpu": cpu, "load": os.getloadavg()[0],
                          "input": f"{len(part)} documents" + (f", workers={workers}" if workers else "")}}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,2,5,10,25,50")
    ap.add_argument("--markdown", help="also write the table to this file")
    ap.add_argument("--workers", type=int, default=None, help="extract_metrics(workers=N); default: automatic")
    ap.add_argument("--worker", nargs=2, metavar=("MB", "SINGLE"), help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.worker:
        print(json.dumps(_worker(float(a.worker[0]), a.worker[1] == "1", a.workers)))
        return 0
    if not CORPUS.exists():
        subprocess.run([sys.executable, str(HERE / "make_corpus.py"), "--mb", "50", "--out", str(CORPUS)], check=True)
    results = []
    runs = [(float(s), False) for s in a.sizes.split(",")] + [(2.0, True)]
    for mb, single in runs:
        extra = ["--workers", str(a.workers)] if a.workers else []
        out = subprocess.run([sys.executable, __file__, "--worker", str(mb), "1" if single else "0", *extra],
                             check=True, capture_output=True, text=True).stdout
        for r in json.loads(out.strip().splitlines()[-1]).values():
            results.append(r)
            print(f"{r['mb']:6.2f} MB {r['input']:24s} {r['rows']:7d} rows wall {r['wall']:7.2f} s "
                  f"({r['mb'] / r['wall']:.2f} MB/s)  cpu {r['cpu']:7.2f} s ({r['mb'] / r['cpu']:.2f} MB/s)  "
                  f"load {r['load']:.1f}", flush=True)
    base = results[0]["cpu"] / results[0]["mb"]
    lines = ["| input | MB | rows | wall s | MB/s (wall) | CPU s | MB/s (CPU) | CPU s per MB vs first row | load |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        lines.append(f"| {r['input']} | {r['mb']:.2f} | {r['rows']} | {r['wall']:.2f} | {r['mb'] / r['wall']:.2f} | "
                     f"{r['cpu']:.2f} | {r['mb'] / r['cpu']:.2f} | {r['cpu'] / r['mb'] / base:.2f} | "
                     f"{r['load']:.1f} |")
    table = "\n".join(lines)
    print(table)
    if a.markdown:
        Path(a.markdown).write_text(table + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
