"""CPU seconds of kslib.load_corpus on a few corpora, one fresh process per measurement.

    python bench/load_speed.py /tmp/c2 /tmp/c10 /work/shared/corpora/dev/docs --repeat 3 \
        [--other /path/to/old/checkout]

Each measurement imports kslib, warms the normaliser on a tiny text (imports, OpenCC), then
times load_corpus(folder) with process_time (CPU seconds of this process: fair on a shared
machine, where wall time depends on the other jobs). With --other, the same is measured with
that checkout first on PYTHONPATH, alternating with this one, so both see the same load.
Prints one line per corpus and code: the CPU seconds of each run, their median, MB/s of CPU
(UTF-8 bytes of the files / median), and the load average at each start.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def measure(folder: str) -> dict:
    import warnings

    import kslib
    from kslib.normalize import normalize

    normalize("昆山。\n崑山。\n")
    load = os.getloadavg()[0]
    t = time.process_time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        kslib.load_corpus(folder)
    return {"cpu": time.process_time() - t, "load": load, "code": str(Path(kslib.__file__).parent.parent)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folders", nargs="*")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--other", help="another checkout of kslib to compare with")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return 0
    trees = ([args.other] if args.other else []) + [str(HERE.parent)]
    for folder in args.folders:
        mb = sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file() and p.name != "metadata.csv") / 1e6
        runs: dict[str, list[dict]] = {t: [] for t in trees}
        for _ in range(args.repeat):
            for tree in trees:
                env = dict(os.environ, PYTHONPATH=tree, PYTHONHASHSEED="0")
                p = subprocess.run([sys.executable, __file__, "--one", folder], env=env, cwd=tree,
                                   capture_output=True, text=True, check=True)
                runs[tree].append(json.loads(p.stdout.strip().splitlines()[-1]))
        for tree, rs in runs.items():
            cpus = [r["cpu"] for r in rs]
            med = statistics.median(cpus)
            print(f"{folder} ({mb:.2f} MB) [{rs[0]['code']}]: CPU s {[round(c, 2) for c in cpus]}, median {med:.2f} "
                  f"-> {mb / med:.2f} MB/s; load {[round(r['load'], 1) for r in rs]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
