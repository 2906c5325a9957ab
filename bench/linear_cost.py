"""Linear cost checks, as a benchmark (timings never sit in unit tests): each stage on a text and on
the same text 2x or 8x longer, and on one long line against the same text broken into lines.

    .venv/bin/python bench/linear_cost.py

Prints CPU seconds (best of 2; the machine may be shared, CPU time is the fair measure), the ratio and
the ratio a linear cost gives (growth: the size factor; one line vs lines: about 1). Before the
linear-time work a 2 MB single line took 110 s CPU in extract_metrics against 1.7 s with its breaks.
"""
from __future__ import annotations

import os
import random
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SENTENCES = ("全市地区生产总值增长5.2%，比上年提高0.3个百分点；一般公共预算收入762亿元，增长百分之十一点八。"
             "两三万户受益，一千多万元投入，第二届论坛在2023年5月31日10:30举行，电话010-68047618。"
             "进出口169.2亿美元，近三成企业，收入倍差从2.37缩小到1.94，1+5+22模式，“十四五”开局。")
PROSE = ("坚持以人民为中心的发展思想，深化改革开放，推动高质量发展，加快建设现代化产业体系，"
         "统筹发展和安全，持续改善民生，提升城市能级和核心竞争力，营造市场化法治化国际化营商环境。")


def cpu(fn, *args, repeat: int = 2) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        fn(*args)
        best = min(best, time.process_time() - t0)
    return best


def main() -> int:
    import kslib
    from kslib.metrics.extract import extract_text
    from kslib.metrics.grammar import scan
    from kslib.readers.dedup import near_duplicates
    from kslib.structure import structure

    warnings.simplefilter("ignore")
    unit = SENTENCES + PROSE * 4
    lines_2mb = "\n".join([unit] * ((2 * 1024 * 1024) // len(unit.encode("utf-8")) + 1))
    seeds = "\n".join(kslib.load_corpus()["text"])
    seeds_1mb = "\n".join([seeds] * ((1024 * 1024) // len(seeds.encode("utf-8")) + 1))
    rng = random.Random(0)
    chars = "发展改革创新企业投资增长经济社会民生服务建设项目产业科技人才政策昆山推进"
    paras = ["".join(rng.choice(chars) for _ in range(120)) for _ in range(3000)]
    rows = []

    def growth(name, fn, small, big, factor):
        a, b = cpu(fn, small), cpu(fn, big)
        rows.append((name, f"x{factor} text", a, b, b / a, f"{factor}"))

    def one_line(name, fn, text):
        a, b = cpu(fn, text), cpu(fn, text.replace("\n", ""))
        rows.append((name, "one line vs lines", a, b, b / a, "1"))

    small = unit * 100
    growth("scan", scan, small, small * 8, 8)
    one_line("scan", scan, lines_2mb)
    one_line("extract_text (seeds x N, 1 MB)", extract_text, seeds_1mb)
    para = ("全市地区生产总值增长5.2%，（按可比价格计算，下同）比上年提高0.3个百分点；"
            "“十四五”规划目标顺利完成。规模以上工业增加值2,300亿元！")
    one_mb = para * (1_000_000 // len(para))
    growth("structure (one line)", lambda t: structure(t, date="2026-02-01"), one_mb, one_mb * 2, 2)
    one_line("structure", lambda t: structure(t, date="2026-02-01"), (para + "\n") * (2_000_000 // len(para)))
    growth("near_duplicates (distinct paragraphs)", near_duplicates, paras[:1500], paras, 2)

    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print("| stage | input | CPU s (base) | CPU s | ratio | linear gives |")
    print("|---|---|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r[0]} | {r[1]} | {r[2]:.2f} | {r[3]:.2f} | {r[4]:.2f} | {r[5]} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
