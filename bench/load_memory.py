"""Peak memory and CPU of kslib.load_corpus on one big file, as a multiple of the file's size.

    python bench/load_memory.py make --mb 50 --out /tmp/mem      # two corpora, fixed seed
    python bench/load_memory.py run /tmp/mem/lines               # one measurement, own process
    python bench/load_memory.py all /tmp/mem --repeat 3          # both corpora, median of 3

`make` writes two one-file corpora of about --mb MB of UTF-8 each (seed 0, byte-identical on every
run): `lines/doc.txt`, many distinct lines (sentences put together from the seeds' clauses, every
number varied, one paragraph per line, so no line repeats another), and `oneline/doc.txt`, the same
text with its line breaks removed (one line). `run` measures in a fresh process: the peak RSS
(ru_maxrss) after importing kslib and warming the normaliser on a tiny text (the baseline), then
after load_corpus(folder); it prints CPU seconds (process_time) of the call, MB/s of CPU, and
(peak − baseline) / file size. `all` runs `run` in new processes and reports medians.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

_CLAUSE = re.compile(r"[^，。；！？\n]+[，。；！？]")
_NUMBER = re.compile(r"\d+")


def make(mb: float, out: Path, seed: int = 0) -> None:
    import warnings

    import kslib

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        seeds = kslib.load_corpus()
    clauses = sorted({m.group().strip() for t in seeds["text"] for m in _CLAUSE.finditer(t) if len(m.group()) > 4})
    rng = random.Random(seed)
    target = int(mb * 1_000_000)
    lines, size = [], 0
    while size < target:
        parts = []
        for _ in range(rng.randint(2, 6)):
            c = rng.choice(clauses)
            parts.append(_NUMBER.sub(lambda m: str(rng.randint(1, 99999)), c))
        s = "".join(parts)
        s = s[:-1] + "。" if s[-1] in "，；" else s
        lines.append(f"{len(lines) + 1}、{s}")  # the running number keeps every line distinct
        size += len(lines[-1].encode("utf-8")) + 1
    for name, text in (("lines", "\n".join(lines) + "\n"), ("oneline", "".join(lines) + "\n")):
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "doc.txt").write_text(text, encoding="utf-8")
        print(f"{folder / 'doc.txt'}: {len(text.encode('utf-8')) / 1e6:.1f} MB, {text.count(chr(10))} line breaks")


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def run(folder: Path) -> dict:
    import os
    import warnings

    import kslib
    from kslib.normalize import normalize

    normalize("昆山。\n崑山。\n")  # imports and OpenCC loaded: part of the baseline
    base = _rss_mb()
    size = sum(p.stat().st_size for p in folder.iterdir() if p.is_file()) / 1e6
    t, w = time.process_time(), time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = kslib.load_corpus(folder)
    cpu, wall = time.process_time() - t, time.perf_counter() - w
    peak = _rss_mb()
    return {"folder": str(folder), "mb": round(size, 2), "cpu_s": round(cpu, 2), "wall_s": round(wall, 2),
            "mb_per_cpu_s": round(size / cpu, 2), "base_rss_mb": round(base), "peak_rss_mb": round(peak),
            "x_size": round((peak - base) / size, 2), "chars": int(corpus["text"].str.len().sum()),
            "load": round(os.getloadavg()[0], 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("make")
    m.add_argument("--mb", type=float, default=50.0)
    m.add_argument("--seed", type=int, default=0)
    m.add_argument("--out", type=Path, required=True)
    r = sub.add_parser("run")
    r.add_argument("folder", type=Path)
    a = sub.add_parser("all")
    a.add_argument("folder", type=Path)
    a.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if args.cmd == "make":
        make(args.mb, args.out, args.seed)
    elif args.cmd == "run":
        print(json.dumps(run(args.folder)))
    else:
        for name in ("lines", "oneline"):
            runs = []
            for _ in range(args.repeat):
                p = subprocess.run([sys.executable, __file__, "run", str(args.folder / name)],
                                   capture_output=True, text=True, check=True)
                runs.append(json.loads(p.stdout.strip().splitlines()[-1]))
            med = {k: statistics.median(x[k] for x in runs) for k in ("cpu_s", "mb_per_cpu_s", "peak_rss_mb", "x_size")}
            print(f"{name}: {runs[0]['mb']} MB, {runs[0]['chars']} chars; CPU s {[x['cpu_s'] for x in runs]} "
                  f"(median {med['cpu_s']}, {med['mb_per_cpu_s']} MB/s); peak RSS MB {[x['peak_rss_mb'] for x in runs]} "
                  f"(baseline {runs[0]['base_rss_mb']}); x size {[x['x_size'] for x in runs]} (median {med['x_size']}); "
                  f"load {[x['load'] for x in runs]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
