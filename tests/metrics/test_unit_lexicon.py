"""Tests for kslib.metrics.unit_lexicon: kslib/data/units.yaml compiled into the scanner's tables — every
written unit maps to its code and factor, Traditional spellings are derived one character for one (offsets
unchanged), full-width forms fold, and word lists match the longest word first."""
from decimal import Decimal

import yaml

from kslib.config import PACKAGE
from kslib.metrics.unit_lexicon import units_lexicon, UnitWords, fold


def test_every_written_currency_and_physical_unit_is_in_the_table():
    cfg = yaml.safe_load((PACKAGE / "data" / "units.yaml").read_text("utf-8"))
    L = units_lexicon()
    for e in cfg["currencies"]:
        for w in e["after"]:
            assert L.after[w].code == e["code"] or L.after[w].kind == "blocked" or w in {x for x in L.after
                                                                                      if L.after[x].code != e["code"]}
        for w in e["before"]:
            assert L.before[w] == e["code"]
    for e in cfg["physical"]:
        for w in e["written"]:
            assert L.after[w].code == e["unit"]
            assert L.after[w].factor == Decimal(str(e.get("factor", 1)))


def test_fold_is_one_for_one_and_reads_traditional_and_full_width():
    t = "２０２３年新臺幣１，０００億元，兩萬噸"
    f = fold(t)
    assert len(f) == len(t)
    assert "2023" in f and "億" not in f and "亿" in f and "噸" not in f and "吨" in f


def test_words_match_longest_first():
    w = UnitWords(["百分点", "个百分点", "点"])
    assert w.ends("提高3个百分点", 7) == "个百分点"
    assert w.starts("个百分点以上", 0) == "个百分点"
    assert "点" in w and "分" not in w
