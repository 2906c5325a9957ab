"""Build a large benchmark corpus from the five seed articles, deterministically.

No large Chinese news corpus is installable here, so the benchmark corpus is made by
recombining the seeds' paragraphs: every document gets a title, a dateline and 8–40
paragraphs drawn in seeded random order from all seeds, with every number in them
varied (years shifted by a few, other values scaled and rounded to the same number of
decimals). About 10% of the documents are Traditional-script, built only from the
raw paragraphs of seed 000 (the Traditional one), so OpenCC t2s and the rest of
normalisation are exercised; the others draw from the raw paragraphs of 001–004 and
the normalised (Simplified) paragraphs of 000. Boilerplate lines of the seeds
(bylines, editor lines, page markers) come along and are removed by normalisation;
lines that start an appended "related news" section are left out (they would cut the
rest of the document).

Output: a folder of <doc_id>.txt files (UTF-8, "\n" line ends) and metadata.csv that
kslib.load_corpus reads. The same --seed and size give byte-identical output.

    python bench/make_corpus.py                 # 50 MB -> bench/data/corpus-50mb-s0
    python bench/make_corpus.py --mb 5 --out /tmp/c
    python bench/make_corpus.py --small --out /tmp/c   # 0.3 MB, for tests
"""
from __future__ import annotations

import argparse
import csv
import random
import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run from a checkout without installing

SMALL_MB = 0.3
TRAD_SHARE = 0.10
_NUMBER = re.compile(r"(?<![\d.])(\d+)(?:\.(\d+))?(?![\d])")
_SOURCES_S = ["本报", "新华日报", "昆山日报", "苏州日报", "新华网", "江苏新闻"]
_SOURCES_T = ["南通網", "蘇州日報", "崑山日報"]


def _pools(corpus) -> dict[str, list[str]]:
    """Paragraph pools: 'trad' (raw lines of the Traditional seed), 'simp' (raw lines
    of the Simplified seeds + normalised lines of the Traditional seed)."""
    from kslib.normalize.boilerplate import rules

    cut = rules()["cut_from"]["compiled"]
    trad, simp = [], []
    for _, doc in corpus.iterrows():
        is_trad = doc["script"] == "traditional"
        sources = [(doc["raw"], trad if is_trad else simp)]
        if is_trad:
            sources.append((doc["text"], simp))
        for text, pool in sources:
            for line in text.split("\n"):
                s = line.strip()
                if s and not any(p.match(s) for p in cut):
                    pool.append(line.rstrip())
    return {"trad": trad, "simp": simp}


def vary_numbers(text: str, rng: random.Random) -> str:
    """Every ASCII number changed: 4-digit years 1950–2049 shifted by -3..+3 (never 0),
    other numbers scaled by 0.5–2.0 keeping their count of decimals."""

    def repl(m: re.Match) -> str:
        whole, frac = m.group(1), m.group(2)
        if frac is None and len(whole) == 4 and 1950 <= int(whole) <= 2049:
            return str(int(whole) + rng.choice([-3, -2, -1, 1, 2, 3]))
        value = float(m.group(0)) * rng.uniform(0.5, 2.0)
        if frac is None:
            new = str(max(1, round(value)))
            return new if new != whole or whole == "1" else str(int(whole) + 1)
        new = f"{value:.{len(frac)}f}"
        if new == m.group(0):  # scaled by ~1: bump the last decimal
            new = f"{float(new) + 10 ** -len(frac):.{len(frac)}f}"
        return new

    return _NUMBER.sub(repl, text)


def _short(pool: list[str], rng: random.Random) -> str:
    for _ in range(50):
        s = rng.choice(pool).strip().lstrip("•►#").strip()
        if 8 <= len(s) <= 40:
            return s
    return s[:40]


def build(out: Path, mb: float, seed: int = 0, force: bool = False) -> dict:
    """Write the corpus; return {'docs', 'bytes', 'traditional'}."""
    import kslib

    corpus = kslib.load_corpus()
    pools = _pools(corpus)
    rng = random.Random(seed)
    target = int(mb * 1_000_000)
    if out.exists():
        if not force and any(out.iterdir()):
            raise SystemExit(f"{out} exists and is not empty (use --force to overwrite)")
        shutil.rmtree(out)
    out.mkdir(parents=True)
    meta, total, i = [], 0, 0
    while total < target:
        trad = rng.random() < TRAD_SHARE
        pool = pools["trad" if trad else "simp"]
        k = min(len(pool), rng.randint(8, 40))
        paras = [vary_numbers(p, rng) for p in rng.sample(pool, k)]
        title = vary_numbers(_short(pool, rng), rng)
        date = f"{rng.randint(2012, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        source = rng.choice(_SOURCES_T if trad else _SOURCES_S)
        body = "\n\n".join([title, f"{date} {source}", *paras]) + "\n"
        doc_id = f"b{i:06d}"
        data = body.encode("utf-8")
        (out / f"{doc_id}.txt").write_bytes(data)
        total += len(data)
        meta.append({
            "doc_id": doc_id, "title": title, "date": date, "date_precision": "day",
            "date_evidence": f"line 3: {date} {source} (synthetic dateline)", "source": source,
            "authors": "", "script": "traditional" if trad else "simplified", "subject": "bench",
        })
        i += 1
    with open(out / "metadata.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(meta[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(meta)
    return {"docs": i, "bytes": total, "traditional": sum(m["script"] == "traditional" for m in meta)}


def default_out(mb: float, seed: int) -> Path:
    return HERE / "data" / f"corpus-{mb:g}mb-s{seed}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=50.0, help="size in MB of UTF-8 text (default 50)")
    ap.add_argument("--small", action="store_true", help=f"a {SMALL_MB} MB corpus (tests)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, help="output folder (default bench/data/corpus-<mb>mb-s<seed>)")
    ap.add_argument("--force", action="store_true", help="overwrite a non-empty output folder")
    a = ap.parse_args(argv)
    mb = SMALL_MB if a.small else a.mb
    out = a.out or default_out(mb, a.seed)
    info = build(out, mb, a.seed, a.force)
    print(f"{out}: {info['docs']} documents ({info['traditional']} Traditional), "
          f"{info['bytes'] / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
