"""parse_number: Chinese and Arabic numerals, hypothesis round-trips, agreement with cn2an."""
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kslib.metrics import parse_number
from tests.metrics.test_numerals import to_chinese  # the grammar tests' numeral generator, not a second copy


def test_generator_conventions():
    assert to_chinese(10005) == "一万零五"
    assert to_chinese(11) == "十一"
    assert to_chinese(111) == "一百一十一"
    assert to_chinese(35000000) == "三千五百万"
    assert to_chinese(100010) == "十万零一十"
    assert to_chinese(20000, two=True) == "两万"


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=0, max_value=10**16 - 1), st.booleans())
def test_chinese_integers_round_trip(n, two):
    assert parse_number(to_chinese(n, two)) == float(n)


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2),
       st.sampled_from([("万", 10**4), ("亿", 10**8), ("", 1)]))
def test_decimal_times_magnitude_is_exact(d, mag):
    word, factor = mag
    assert parse_number(f"{d}{word}") == float(d * factor)


@pytest.mark.parametrize("s, value", [
    ("三千五百万", 35000000.0), ("1.87亿", 187000000.0), ("百分之十五", 15.0), ("两万", 20000.0),
    ("十几", 10.0), ("一亿", 1e8), ("１２３", 123.0), ("1,234.5", 1234.5), ("8.5 万", 85000.0),
    ("千亿", 1e11), ("兩萬", 20000.0), ("762亿", 76200000000.0), ("二〇二三", 2023.0),
])
def test_parse_number_examples(s, value):
    assert parse_number(s) == value


@pytest.mark.parametrize("s", ["", "abc", "万", "亿元", "十十", "三十二十", "一亿二亿", "3D", "1+5"])
def test_parse_number_rejects(s):
    with pytest.raises(ValueError):
        parse_number(s)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_parser_agrees_with_cn2an_on_standard_numerals(n):
    """cn2an reads standard numerals too (but not 十几, 百分之十五 or a bare 千): where it
    reads one, the own parser must agree."""
    import cn2an

    s = to_chinese(n)
    assert parse_number(s) == float(cn2an.cn2an(s, "normal"))
