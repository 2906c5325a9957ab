"""Compare cn2an with kslib's numeral grammar (kslib.metrics.grammar) on speed and on cases.

    .venv/bin/python bench/numeral_parsers.py

Cases: every numeral of the spec suite tests/data/numbers_spec.csv (the `numeral` of each mention
the scanner reads; ranges excluded) plus the numerals the grammar must refuse (form `invalid`),
and 20,000 random standard Chinese integers below 10^12 (fixed seed) for speed. Prints how many
numerals each parser reads, how many they read alike, where they differ, and microseconds per call.
"""
from __future__ import annotations

import csv
import random
import sys
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from kslib.metrics.grammar import fold, parse_number, scan  # noqa: E402
from tests.metrics.test_numerals import to_chinese  # noqa: E402


def _cn2an(s: str):
    import cn2an

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for mode in ("normal", "smart"):  # smart reads mixed forms (1.5万)
            try:
                return float(cn2an.cn2an(fold(s), mode))
            except Exception:  # cn2an raises ValueError and others
                continue
        return None


def _ours(s: str):
    try:
        return parse_number(s)
    except ValueError:
        return None


def main() -> None:
    rows = list(csv.DictReader(open(HERE.parent / "tests" / "data" / "numbers_spec.csv", encoding="utf-8")))
    numerals = set()
    for r in rows:
        for q in scan(r["input"], currency=r["currency"] or "CNY"):
            if q["value_max"] is None and q["kind"] not in ("rank", "ratio") and q["form"] in ("chinese", "mixed"):
                numerals.add(q["numeral"])
    refused = ["一千五十", "一万五百", "一百零五十", "一千零五百", "一万亿亿", "十十", "三十二十", "一亿二亿", "两十",
               "一百两", "一千零零五", "一十零五", "两点五", "三千万万", "亿万", "十四五"]
    both = agree = 0
    only_ours, only_cn2an, differ = [], [], []
    for s in sorted(numerals):
        a, b = _ours(s), _cn2an(s)
        if a is not None and b is not None:
            both += 1
            if a == b:
                agree += 1
            else:
                differ.append((s, a, b))
        elif a is not None:
            only_ours.append(s)
        elif b is not None:
            only_cn2an.append((s, b))
    wrong = [(s, _cn2an(s)) for s in refused if _cn2an(s) is not None]
    print(f"spec numerals (Chinese and mixed): {len(numerals)}; read by both {both}, alike {agree}")
    print(f"read only by the grammar ({len(only_ours)}): {' '.join(only_ours[:40])}")
    print(f"read only by cn2an ({len(only_cn2an)}): {only_cn2an[:20]}")
    print(f"read differently ({len(differ)}): {differ[:20]}")
    print(f"malformed numerals the grammar refuses but cn2an reads ({len(wrong)}): {wrong}")
    rnd = random.Random(0)
    cases = [to_chinese(rnd.randrange(10**12)) for _ in range(20000)]
    for name, f in (("grammar", parse_number), ("cn2an", _cn2an)):
        t0 = time.process_time()
        for s in cases:
            f(s)
        us = (time.process_time() - t0) / len(cases) * 1e6
        print(f"{name}: {us:.1f} µs CPU per standard numeral (20,000 distinct numerals: no memoisation gain)")


if __name__ == "__main__":
    main()
