"""Tests for kslib.metrics.guards: guard zones (URLs, percent-encoding), the longest unit at a position with
its Latin word boundary and blocked words, the fall word that signs an amount, the frame before a number
(sign, currency, qualifier), and the linguistic guards on a number + unit (through scan: nothing is read)."""
import pytest

from kslib.metrics.guards import fall_cue, left_frame, unit_start, guard_zones
from kslib.metrics.scanner import scan
from kslib.metrics.unit_lexicon import units_lexicon


def test_zones_cover_urls_and_percent_encoding():
    t = "见 www.ks.gov.cn/a/1.html 与 %E5%85%AC%E5"
    zones = guard_zones(t, units_lexicon())
    assert [t[a:b] for a, b in zones] == ["www.ks.gov.cn/a/1.html", "%E5%85%AC%E5"]
    assert scan(t) == []


def test_unit_at_takes_the_longest_unit_and_respects_word_boundaries():
    L = units_lexicon()
    end, written, u = unit_start("5平方公里的", 1, L)
    assert (written, u.code, end) == ("平方公里", "km2", 5)
    assert unit_start("5kWh", 1, L)[1] == "kWh"
    assert unit_start("5kmx", 1, L) is None or unit_start("5kmx", 1, L)[1] != "km"  # km glued to a letter is no unit
    assert unit_start("5", 1, L) is None


@pytest.mark.parametrize("text, cue", [("同比下降3%", "下降"), ("减少2亿元", "减少"), ("负增长5%", "负增长"),
                                       ("下降到3%", ""), ("增长5%", ""), ("降至3%", "")])
def test_fall_cue(text, cue):
    start = next(i for i, c in enumerate(text) if c.isdigit())
    assert fall_cue(text, start, units_lexicon(), None) == cue


def test_left_frame_reads_sign_and_currency():
    L = units_lexicon()
    t = "收入约US$300亿"
    start, sign, cur = left_frame(t, t.index("3"), L)
    assert (start, sign, cur) == (t.index("3"), "", ("USD", t.index("U")))
    t = "增速为-2.3%"
    assert left_frame(t, t.index("2"), L) == (t.index("-"), "-", None)
    t = "GDP-2"  # a hyphen after a letter is no minus sign
    assert left_frame(t, 4, L)[1] == ""


@pytest.mark.parametrize("text", ["第二届论坛", "十三届六次全会", "两位数增长", "三番五次", "万众一心", "一条路",
                                  "10万吨级码头", "电话010-68047618", "2023年5月31日10:30", "PM2.5", "5G网络"])
def test_guards_read_nothing(text):
    assert scan(text) == []


@pytest.mark.parametrize("text, want", [
    # 近 / 过去 + N年 before a noun: the recent years, a time expression
    ("近三年客货运量。", []),
    ("过去五年的发展。", []),
    # a duration when another cue stands before them or after 年
    ("历时近三年，", [(3.0, "年")]),
    ("用了近3年时间。", [(3.0, "年")]),
    ("近5年来，", [(5.0, "年")]),
])
def test_recent_years_before_a_noun_are_a_time(text, want):
    assert [(q["value"], q["unit"]) for q in scan(text)] == want
