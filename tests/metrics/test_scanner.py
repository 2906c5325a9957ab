"""Tests for kslib.metrics.scanner (scan): the spec suite tests/data/numbers_spec.csv (one test per case),
the output fields, offsets into the original text, Traditional text, never a truncated value, and linear cost
whatever the line lengths.

numbers_spec.csv: one row per expected quantity; columns form, input, span (the expected text,
empty when nothing may be read), value, value_max, unit, qualifier, currency (the document
currency passed to scan; empty = CNY; a TWD document is scanned with 兆 = 10^12, as
kslib.metrics.extract does), note. Rows with the same (input, currency) list every quantity of
that input: scan must read exactly those spans."""
import csv
import math
from collections import defaultdict

import pytest

from kslib.metrics.scanner import scan
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


# ---------------------------------------------------------------- linear cost
_SENTENCES = ("全年实现地区生产总值2.39万亿元，同比增长5.2%，比上年下降0.3个百分点；新增就业3.2万人，"
              "两三万户受益，一千多万元投入，第二届论坛在2023年5月31日10:30举行，电话010-68047618。"
              "进出口169.2亿美元，增长百分之十一点八，近三成企业，收入倍差从2.37缩小到1.94，"
              "1+5+22模式，“十四五”开局，www.ks.gov.cn/a/1.html。")


_PROSE = ("坚持以人民为中心的发展思想，深化改革开放，推动高质量发展，加快建设现代化产业体系，"
          "统筹发展和安全，持续改善民生，提升城市能级和核心竞争力，营造市场化法治化国际化营商环境。")


def test_one_long_line_reads_what_its_lines_read():
    """The same mentions on one line as with line breaks (cost: bench/linear_cost.py)."""
    unit = _SENTENCES + _PROSE * 4
    lines = "\n".join([unit] * 50)
    one, broken = scan(lines.replace("\n", "")), scan(lines)
    assert len(one) == len(broken) > 50 * 10
    assert [q["value"] for q in one] == [q["value"] for q in broken]
