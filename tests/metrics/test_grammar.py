"""Tests for kslib.metrics.grammar: the spec suite tests/data/numbers_spec.csv (one test per
case), hypothesis properties (Chinese integers up to 10^16 with 零 in every legal place, 点-decimals,
ranges, signs, currencies before and after) and linear cost whatever the line lengths.

numbers_spec.csv: one row per expected quantity; columns form, input, span (the expected text,
empty when nothing may be read), value, value_max, unit, qualifier, currency (the document
currency passed to scan; empty = CNY; a TWD document is scanned with 兆 = 10^12, as
kslib.metrics.extract does), note. Rows with the same (input, currency) list every quantity of
that input: scan must read exactly those spans."""
import csv
import math
import time
from collections import defaultdict
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kslib.metrics.grammar import parse_number, parse_range, scan
from tests.conftest import ROOT

SPEC = ROOT / "tests" / "data" / "numbers_spec.csv"


def _spec_rows():
    with open(SPEC, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


ROWS = _spec_rows()
_GROUPS = defaultdict(list)
for _r in ROWS:
    _GROUPS[(_r["input"], _r["currency"] or "CNY")].append(_r)


def _close(a, b):
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def test_spec_suite_is_large_and_covers_every_form():
    forms = {r["form"] for r in ROWS}
    assert len(ROWS) >= 450
    assert forms >= {"arabic", "chinese", "decimal", "approx", "magnitude", "mixed", "range", "fraction",
                     "percent", "cheng", "times", "sign", "currency", "physical", "count", "duration", "rank",
                     "ratio", "letters", "traditional", "guard", "invalid"}
    assert sum(1 for r in ROWS if not r["span"]) >= 100  # cases that must yield nothing


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['form']}-{i}-{r['input'][:16]}" for i, r in enumerate(ROWS)])
def test_spec(row):
    cur = row["currency"] or "CNY"
    got = scan(row["input"], currency=cur, zhao=cur == "TWD")
    expected_spans = sorted(r["span"] for r in _GROUPS[(row["input"], cur)] if r["span"])
    assert sorted(q["text"] for q in got) == expected_spans, [(q["text"], q["value"], q["unit"]) for q in got]
    if not row["span"]:
        return
    q = [x for x in got if x["text"] == row["span"]]
    assert len(q) == 1
    q = q[0]
    assert _close(q["value"], float(row["value"])), (q["value"], row["value"])
    if row["value_max"]:
        assert q["value_max"] is not None and _close(q["value_max"], float(row["value_max"]))
    else:
        assert q["value_max"] is None
    assert q["unit"] == row["unit"]
    assert q["qualifier"] == row["qualifier"]
    assert row["input"][q["start"]:q["end"]] == q["text"]


# ---------------------------------------------------------------- parse_number
@pytest.mark.parametrize("s, value", [
    ("三千五百万", 35000000.0), ("1.87亿", 187000000.0), ("百分之十五", 15.0), ("两万", 20000.0),
    ("十几", 10.0), ("一亿", 1e8), ("１２３", 123.0), ("1,234.5", 1234.5), ("8.5 万", 85000.0),
    ("千亿", 1e11), ("兩萬", 20000.0), ("762亿", 76200000000.0), ("二〇二三", 2023.0),
    ("一千零十", 1010.0), ("一千零十一", 1011.0), ("三点五", 3.5), ("零点八", 0.8), ("负三点五", -3.5),
    ("-22.2", -22.2), ("百分之十一点八", 11.8), ("千分之二点四", 0.24), ("6.5‰", 0.65), ("万分之三", 0.03),
    ("一千多万", 1e7), ("一万五", 15000.0), ("2亿3000万", 2.3e8), ("零", 0.0),
    ("一万亿零一亿", 1000100000000.0), ("三万亿", 3e12), ("1.5万亿", 1.5e12),
])
def test_parse_number_examples(s, value):
    assert parse_number(s) == value


@pytest.mark.parametrize("s", ["", "abc", "万", "亿元", "十十", "三十二十", "一亿二亿", "3D", "1+5", "一千五十",
                               "一万亿亿", "十四五", "亿万", "1" * 400, "一百零五十", "两十", "1,23", "三点", "点五",
                               "几", "多", "12.3.4", "两三万"])
def test_parse_number_rejects(s):
    with pytest.raises(ValueError):
        parse_number(s)


def test_parse_number_is_exact_decimal_arithmetic():
    assert parse_number("1.87亿") == 187000000.0
    assert parse_number("0.1万") == 1000.0
    assert parse_number("2.39万亿") == 2390000000000.0


@pytest.mark.parametrize("s, lo, hi", [("两三万", 20000.0, 30000.0), ("十四五", 14.0, 15.0), ("两到三万元", 20000.0, 30000.0),
                                       ("8500到3万", 8500.0, 30000.0), ("15%—20%", 15.0, 20.0), ("三百", 300.0, 300.0)])
def test_parse_range(s, lo, hi):
    assert parse_range(s) == (lo, hi)


# ---------------------------------------------------------------- output fields
def test_currency_source_and_bare_dollar():
    (q,) = scan("收费100元")
    assert (q["unit"], q["currency_source"]) == ("CNY", "default")
    (q,) = scan("收费100元", currency="HKD")
    assert (q["unit"], q["currency_source"]) == ("HKD", "default")
    (q,) = scan("人民币100元", currency="HKD")
    assert (q["unit"], q["currency_source"]) == ("CNY", "written")
    (q,) = scan("$688亿")
    assert (q["unit"], q["currency_source"]) == ("USD", "default")
    (q,) = scan("$688亿", currency="TWD")
    assert q["unit"] == "TWD"
    (q,) = scan("增长5%")
    assert q["currency_source"] == ""


def test_sign_cue_and_fields():
    (q,) = scan("同比下降3.5%")
    assert (q["value"], q["sign_cue"], q["kind"], q["form"], q["numeral"]) == (-3.5, "下降", "percent", "arabic", "3.5")
    (q,) = scan("负增长5%")
    assert q["sign_cue"] == "负增长"
    (q,) = scan("增速为-2.3%")
    assert q["sign_cue"] == "-"
    (q,) = scan("三千五百万元")
    assert (q["form"], q["kind"], q["numeral"]) == ("chinese", "currency", "三千五百万")


def test_offsets_are_offsets_of_the_original_text():
    text = "１２３家企业，兩萬戶，新臺幣1,000億元。"
    for q in scan(text):
        assert text[q["start"]:q["end"]] == q["text"]
    assert [q["value"] for q in scan(text)] == [123.0, 20000.0, 1e11]


def test_traditional_reads_like_simplified():
    import opencc

    simp = ("全年地区生产总值两万三千亿元，增长百分之三点五；新增就业1.5万人，减少2亿元，"
            "出口额169.2亿美元，近三成企业，第4名，游客9.3万人次，两三万户，一千余项。")
    trad = opencc.OpenCC("s2t").convert(simp)
    assert trad != simp
    a = [(q["start"], q["end"], q["value"], q["value_max"], q["unit"], q["qualifier"]) for q in scan(simp)]
    b = [(q["start"], q["end"], q["value"], q["value_max"], q["unit"], q["qualifier"]) for q in scan(trad)]
    assert len(a) >= 9 and a == b


def test_never_a_truncated_value():
    """The old regex read 百分之十一点八 as 11 and 三点五亿元 as 5亿元: a numeral is read whole or not at all."""
    for text in ["百分之十一点八", "三点五亿元", "四点五个百分点", "千分之一点二", "一千零十一个"]:
        (q,) = scan(text)
        assert q["text"] == text
    for text in ["一千五十元", "一万亿亿元", "十十个", "1,23个"]:
        assert scan(text) == []


# ---------------------------------------------------------------- numeral generator
DIG = "零一二三四五六七八九"


def _section(n: int, leading: bool, two: bool) -> str:
    out, zero = [], False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit % 10
        if d == 0:
            if out:
                zero = True
            continue
        if zero:
            out.append("零")
            zero = False
        if unit == 10 and d == 1 and not out and leading:
            out.append("十")
        elif d == 2 and two and unit in (1000, 100):
            out.append("两" + name)
        else:
            out.append(DIG[d] + name)
    return "".join(out)


def to_chinese(n: int, two: bool = False, wanyi: bool = False) -> str:
    """Chinese numeral for 0 <= n < 10**16 with 零 wherever a place is skipped: 一万零五, 十万零一十,
    一亿零五百万. two: 两 for a 2 before 千 / 百 / 万 / 亿. wanyi: the top four digits as X万亿
    (一万亿零一亿) instead of X万…亿 (一万零一亿)."""
    if n == 0:
        return "零"
    groups = [(n // 10**12) % 10**4, (n // 10**8) % 10**4, (n // 10**4) % 10**4, n % 10**4]
    if not wanyi and groups[0]:
        # standard: the 亿 multiplier holds 万 (一万二千亿)
        hi = n // 10**8
        rest = n % 10**8
        s = to_chinese(hi, two) + "亿"
        if rest:
            r = to_chinese(rest, two)
            s += ("零" if rest < 10**7 else "") + r
        return s
    names = ["万亿", "亿", "万", ""]
    parts, started, pending = [], False, False
    for g, name in zip(groups, names):
        if g == 0:
            if started:
                pending = True
            continue
        if started and (pending or g < 1000):
            parts.append("零")
        sec = _section(g, leading=not started, two=two)
        if two and sec == "二" and name:
            sec = "两"
        parts.append(sec + name)
        started, pending = True, False
    return "".join(parts)


def test_generator_conventions():
    assert to_chinese(10005) == "一万零五"
    assert to_chinese(11) == "十一"
    assert to_chinese(111) == "一百一十一"
    assert to_chinese(1010) == "一千零一十"
    assert to_chinese(35000000) == "三千五百万"
    assert to_chinese(100010) == "十万零一十"
    assert to_chinese(20000, two=True) == "两万"
    assert to_chinese(2222, two=True) == "两千两百二十二"
    assert to_chinese(10**12 + 10**8) == "一万零一亿"
    assert to_chinese(10**12 + 10**8, wanyi=True) == "一万亿零一亿"
    assert to_chinese(105000000) == "一亿零五百万"


_INTS = st.one_of(st.integers(0, 10**16 - 1), st.integers(0, 10**5),
                  st.builds(lambda a, b: a * 10**b, st.integers(1, 9999), st.integers(0, 12)),
                  st.builds(lambda a, b, c: a * 10**b + c, st.integers(1, 999), st.integers(4, 12), st.integers(0, 99)))


@settings(max_examples=500, deadline=None)
@given(_INTS, st.booleans(), st.booleans())
def test_chinese_integers_round_trip(n, two, wanyi):
    s = to_chinese(n, two, wanyi)
    assert parse_number(s) == float(n), s
    if n >= 2:
        q = scan(s + "个")
        assert [(x["text"], x["value"]) for x in q] == [(s + "个", float(n))]


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_agrees_with_cn2an_on_standard_numerals(n):
    import cn2an

    s = to_chinese(n)
    assert parse_number(s) == float(cn2an.cn2an(s, "normal"))


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 9999), st.text("0123456789", min_size=1, max_size=6),
       st.sampled_from([("", 1), ("万", 10**4), ("亿", 10**8), ("万亿", 10**12)]))
def test_chinese_decimals(ip, frac, mag):
    word, factor = mag
    s = to_chinese(ip) + "点" + "".join("零一二三四五六七八九"[int(c)] for c in frac) + word
    expected = float(Decimal(f"{ip}.{frac}") * factor)
    assert parse_number(s) == expected
    (q,) = scan(s + "吨")
    assert q["value"] == expected and q["unit"] == "t" and q["text"] == s + "吨"


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2),
       st.sampled_from([("万", 10**4), ("亿", 10**8), ("", 1)]))
def test_arabic_decimal_times_magnitude_is_exact(d, mag):
    word, factor = mag
    assert parse_number(f"{d}{word}") == float(d * factor)


_UNITS = [("元", "CNY", 1), ("个", "个", 1), ("吨", "t", 1), ("%", "%", 1), ("亩", "mu", 1), ("人次", "人次", 1)]


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 9998), st.integers(1, 9999), st.sampled_from([("", 1), ("万", 10**4), ("亿", 10**8)]),
       st.sampled_from(_UNITS), st.sampled_from(["到", "至", "-", "—", "~"]), st.booleans(), st.booleans())
def test_ranges(a, b, mag, unit, sep, chinese, both):
    a, b = min(a, b), max(a, b)
    assume(a < b)
    word, factor = mag
    written, code, _ = unit
    na, nb = (to_chinese(a), to_chinese(b)) if chinese else (str(a), str(b))
    if chinese and sep in "-—~":
        sep = "到"
    left = na + (word if both else "")
    text = f"{left}{sep}{nb}{word}{written}"
    (q,) = scan(text)
    assert q["text"] == text
    assert (q["value"], q["value_max"], q["unit"]) == (float(a * factor), float(b * factor), code)


_SIGNED = [("下降{}%", -1, "%"), ("增长-{}%", -1, "%"), ("负增长{}%", -1, "%"), ("负{}%", -1, "%"),
           ("同比下降{}个百分点", -1, "pp"), ("减少{}亿元", -10**8, "CNY"), ("回落{}%", -1, "%"),
           ("增长{}%", 1, "%"), ("下降到{}%", 1, "%"), ("降至{}%", 1, "%"), ("提高{}个百分点", 1, "pp"),
           ("增速为-{}%", -1, "%"), ("−{}%", -1, "%")]


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=Decimal("0.1"), max_value=Decimal("999.9"), places=1), st.sampled_from(_SIGNED))
def test_signs(v, pattern):
    form, factor, unit = pattern
    (q,) = scan(form.format(v))
    assert q["unit"] == unit
    assert q["value"] == float(v * factor)


_BEFORE = [("人民币", "CNY"), ("¥", "CNY"), ("RMB", "CNY"), ("US$", "USD"), ("HK$", "HKD"), ("港币", "HKD"),
           ("NT$", "TWD"), ("新台币", "TWD"), ("MOP$", "MOP"), ("€", "EUR"), ("£", "GBP")]
_AFTER = [("元人民币", "CNY"), ("人民币", "CNY"), ("美元", "USD"), ("港元", "HKD"), ("港币", "HKD"), ("新台币", "TWD"),
          ("台币", "TWD"), ("澳门元", "MOP"), ("欧元", "EUR"), ("英镑", "GBP"), ("日元", "JPY"), ("韩元", "KRW")]


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 99999), st.sampled_from([("", 1), ("万", 10**4), ("亿", 10**8)]), st.sampled_from(_BEFORE),
       st.sampled_from(_AFTER))
def test_currencies_before_and_after(a, mag, before, after):
    word, factor = mag
    (q,) = scan(f"收入{before[0]}{a}{word}，")
    assert (q["value"], q["unit"], q["text"], q["currency_source"]) == (
        float(a * factor), before[1], f"{before[0]}{a}{word}", "written")
    (q,) = scan(f"收入{a}{word}{after[0]}，")
    assert (q["value"], q["unit"], q["text"], q["currency_source"]) == (
        float(a * factor), after[1], f"{a}{word}{after[0]}", "written")
    (q,) = scan(f"收入{before[0]}{a}{word}元，")
    assert (q["value"], q["unit"]) == (float(a * factor), before[1])


# ---------------------------------------------------------------- linear cost
_SENTENCES = ("全年实现地区生产总值2.39万亿元，同比增长5.2%，比上年下降0.3个百分点；新增就业3.2万人，"
              "两三万户受益，一千多万元投入，第二届论坛在2023年5月31日10:30举行，电话010-68047618。"
              "进出口169.2亿美元，增长百分之十一点八，近三成企业，收入倍差从2.37缩小到1.94，"
              "1+5+22模式，“十四五”开局，www.ks.gov.cn/a/1.html。")


_PROSE = ("坚持以人民为中心的发展思想，深化改革开放，推动高质量发展，加快建设现代化产业体系，"
          "统筹发展和安全，持续改善民生，提升城市能级和核心竞争力，营造市场化法治化国际化营商环境。")


def _cost(text: str, repeat: int = 3):
    """Best CPU time of scan(text) (CPU, not wall clock: the machine is shared) and its result."""
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.process_time()
        out = scan(text)
        best = min(best, time.process_time() - t0)
    return best, out


def test_cost_does_not_depend_on_line_length():
    """A 2 MB single-line text costs about what the same text broken into lines costs."""
    unit = _SENTENCES + _PROSE * 4
    n = (2 * 1024 * 1024) // len(unit.encode("utf-8")) + 1
    lines = "\n".join([unit] * n)
    one_line = lines.replace("\n", "")
    assert len(one_line.encode("utf-8")) >= 2 * 1024 * 1024
    c_one, r_one = _cost(one_line, 2)
    c_lines, r_lines = _cost(lines, 2)
    assert len(r_one) == len(r_lines) > n * 10
    assert c_one / c_lines < 1.5, (c_one, c_lines)


def test_cost_is_linear_in_text_length():
    small = (_SENTENCES + _PROSE * 4) * 100
    big = small * 8
    ratio = _cost(big, 2)[0] / _cost(small, 3)[0]
    assert ratio < 8 * 1.6, ratio  # linear: about 8
