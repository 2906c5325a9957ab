"""Tests for kslib.metrics.numerals (the numeral grammar, parse_number, parse_range): examples and
rejections, exact decimal arithmetic, and hypothesis properties — Chinese integers up to 10^16 with 零 in
every legal place round-trip (also through scan), agreement with cn2an on standard numerals, 点-decimals."""
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kslib.metrics.numerals import parse_number, parse_range, read_numeral
from kslib.metrics.scanner import scan


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


def test_read_numeral_reports_form_and_magnitude():
    n = read_numeral("三千万")
    assert (n.value, n.form, n.big_tail, n.small_before_big, n.has_big) == (Decimal(30000000), "chinese", 10**4, 1000, True)
    assert read_numeral("1.5万").form == "mixed" and read_numeral("123").form in ("arabic", "digits")
    n = read_numeral("两三万")
    assert (n.value, n.value_max) == (Decimal(20000), Decimal(30000))
    assert read_numeral("十几").approx == "几"
    assert read_numeral("百").bare_round and not read_numeral("一百").bare_round
    with pytest.raises(ValueError):
        read_numeral("一千五十")


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
