"""Rebuild hanzi_frequency.tsv: character frequencies summed from jieba's dictionary.

    .venv/bin/python kslib/data/make_hanzi_frequency.py

jieba's dict.txt gives a frequency for each of ~350,000 words (counted on a large
general corpus of Simplified Chinese). A character's frequency is the sum of the
frequencies of the words it occurs in; the 6,000 most frequent Han characters are
kept (they cover 99.8 % of character occurrences). Used by kslib.readers.encoding to
tell a right decoding of GBK/Big5 bytes from mojibake.
"""
from collections import Counter
from importlib import resources

from kslib.config import DATA

KEEP = 6000


def main() -> None:
    freq: Counter = Counter()
    with resources.files("jieba").joinpath("dict.txt").open(encoding="utf-8") as f:
        for line in f:
            word, count, *_ = line.split()
            for ch in word:
                if "\u3400" <= ch <= "\u9fff":
                    freq[ch] += int(count)
    total = sum(freq.values())
    rows = freq.most_common()
    covered = sum(c for _, c in rows[:KEEP]) / total
    out = [
        "# Han character frequencies (per million characters), summed over the words of",
        "# jieba's dict.txt; the top %d characters, covering %.1f %% of occurrences." % (KEEP, covered * 100),
        "# Built by make_hanzi_frequency.py; used to judge GB18030/Big5 decodings.",
        "# char\tper_million",
    ]
    out += [f"{ch}\t{c / total * 1e6:.1f}" for ch, c in rows[:KEEP]]
    (DATA / "hanzi_frequency.tsv").write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
