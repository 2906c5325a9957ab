"""kslib.structure.fastre: finditer with a lookbehind-free prefilter gives exactly re's matches."""
from __future__ import annotations

import random
import re

import pytest

from kslib.structure import rules
from kslib.structure.fastre import FastPattern, _strip_lookbehinds

PATTERNS = [
    r"(?<![0-9])((?:19|20)[0-9]{2})\s*年",                       # a leading lookbehind
    r"(?:民国|民國)\s*([0-9]{1,3})\s*年|(?<![0-9])(1[0-9]{2})\s*年度",   # a lookbehind in one alternative
    r"(?<=[府们也还])会(?=[一-鿿])",                                # a positive lookbehind
    r"(?<![\]\\[])a+",                                            # escaped brackets inside the class
    r"(?<!\d)(\d)\1",                                             # a back-reference after the lookbehind
    r"(?<=a)b*",                                                  # can match empty: re's own rules
    r"(?<![0-9.])([0-9]+)(?:\.[0-9]+)?[万亿]",
    r"x(?<!ax)y|(?<!b)z",                                         # lookbehinds inside the pattern
]

ALPHABET = "0123456789年度民国会府们也一万亿.abxyz[]\\ \n"


def _random_texts(n: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 60))) for _ in range(n)]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_same_matches_as_re(pattern):
    rx = re.compile(pattern)
    fast = FastPattern(rx)
    for text in _random_texts(400) + ["2020年", "x1999 年和2021年", "民国97年与108年度", "政府会议", "aab", "11"]:
        want = [(m.span(), m.groups()) for m in rx.finditer(text)]
        got = [(m.span(), m.groups()) for m in fast.finditer(text)]
        assert got == want, (pattern, text)


def test_prefilter_drops_only_lookbehinds():
    assert _strip_lookbehinds(r"(?<![0-9])(19|20)\d{2}") == r"(19|20)\d{2}"
    assert _strip_lookbehinds(r"[(?<!]x") == r"[(?<!]x"          # inside a class it is no group
    assert _strip_lookbehinds(r"(?<=(a))b") is None              # a capturing group would be renumbered


def test_structure_time_patterns_on_sample_text():
    cfg = rules.config()
    text = "“十四五”时期，2021—2025年；自2016年以来，民国97年，过去五年来，19年来，到2025年。" * 3
    for key in ("plan_re", "range_re", "since_re", "year_re", "roc_year_re", "roc_bare_year_re"):
        rx = cfg[key]
        assert [m.span() for m in FastPattern(rx).finditer(text)] == [m.span() for m in rx.finditer(text)], key


@pytest.mark.parametrize("pattern", PATTERNS)
def test_cannot_match_only_when_re_finds_nothing(pattern):
    rx = re.compile(pattern)
    fast = FastPattern(rx)
    for text in _random_texts(400, seed=1):
        if fast.cannot_match(text):
            assert rx.search(text) is None, (pattern, text)
