"""Which spans are quantities: units, qualifiers, ranges, ranks, fractions, and what is not extracted."""

import pandas as pd
import pytest

import kslib
from kslib.metrics import extract_metrics


@pytest.mark.parametrize("text, value, unit", [
    ("完成地区生产总值762亿元", 76200000000.0, "CNY"),
    ("到账外资1.87亿美元", 187000000.0, "USD"),
    ("新增永久绿地23.6万平方米", 236000.0, "m2"),
    ("拆旧复垦1732亩", 1732.0, "mu"),
    ("同比提高4个百分点", 4.0, "pp"),
    ("城乡居民收入比缩小至1.75:1", 1.75, "ratio"),
    ("综合评价排名中位列第47位", 47.0, "rank"),
    ("在排名中连续19年位列全国第五", 5.0, "rank"),
    ("330万新老昆山人和这座城市", 3300000.0, "人"),
    ("服务面积100平方公里", 100.0, "km2"),
    ("两批千余项计划实施", 2.0, "批"),
    ("为上百家工业企业提供技术服务", 100.0, "家"),
    ("覆盖率达百分之十五", 15.0, "%"),
    ("居民人均可支配收入达 8.5 万元", 85000.0, "CNY"),
])
def test_reads(text, value, unit):
    df = extract_metrics(text)
    assert ((df["value"] == value) & (df["unit"] == unit)).any(), df[["text", "value", "unit"]]


def test_qualifiers_and_ranges():
    df = extract_metrics("近30个院士项目,2400多张床位,300余人参加,引育团队1-2个,投入15%—20%,超1400个项目。")
    got = {r.text: (r.value, r.value_max, r.qualifier) for r in df.itertuples()}
    assert got["近30个"][0::2] == (30.0, "近")
    assert got["2400多张"][0::2] == (2400.0, "多")
    assert got["300余人"][0::2] == (300.0, "余")
    assert got["1-2个"][:2] == (1.0, 2.0)
    assert got["15%—20%"][:2] == (15.0, 20.0)
    assert got["超1400个"][0::2] == (1400.0, "超")


@pytest.mark.parametrize("text", [
    "2018年", "5月31日", "2023年02月16日 07:54:18", "上午10:30开会", "人才科创“631”计划",
    "推出“1+5+22”一体化推进模式", "形成“2+6+X”现代产业格局", "“4+2”联盟", "深入开展“263”专项行动",
    "“12345”热线", "“十四五”开局之年", "“五区一线”规划", "树牢“四个意识”", "下转A2版",
    "电话:010-68047618", "010070080010000000000000011111131129368583", "国批30周年",
    "走出了一条新路", "一座座公园", "六大行动", "三大中心", "统筹5G、3D打印", "轨交S1线", "年逾四十",
    "65周岁以上老人", "24小时全天候服务", "上世纪90年代", "第二届论坛", "十三届六次全会",
    "万众一心", "百万新老昆山人", "三年提升工程", "第一位获此奖项的科学家",
])
def test_not_extracted(text):
    df = extract_metrics(text)
    assert df.empty, df[["text", "value", "unit"]]


def test_traditional_extracts_like_simplified():
    import opencc

    simp = ("2018年,昆山对沿线65个国家进出口169.2亿美元,投资项目7个,中方协议投资额1120万美元;"
            "实施总投资143亿元的生态文明建设工程,两批千余项计划实施,可增加2400多张床位。")
    trad = opencc.OpenCC("s2t").convert(simp)
    assert trad != simp and "億" in trad
    a = extract_metrics(simp)
    b = extract_metrics(kslib.normalize(trad).text)
    cols = ["start", "end", "value", "unit", "qualifier", "indicator", "measure", "kind", "year"]
    assert len(a) >= 7
    pd.testing.assert_frame_equal(a[cols], b[cols])


@pytest.mark.parametrize("text, value", [("全省排名第3。", 3.0), ("在全市排名第三。", 3.0), ("位列第1。", 1.0)])
def test_a_ranking_verb_before_an_ordinal_is_a_rank(text, value):
    m = kslib.extract_metrics(text)
    assert m[["value", "unit"]].values.tolist() == [[value, "rank"]]


@pytest.mark.parametrize("text", ["居民第一次参加活动。", "位列第一方阵。", "排名第一梯队。"])
def test_ordinals_that_are_not_ranks(text):
    assert kslib.extract_metrics(text).empty


def test_a_fraction_in_words_is_a_share_in_percent():
    m = kslib.extract_metrics("出口额占全市的三分之一，四分之三的企业参与。")
    assert m["text"].tolist() == ["三分之一", "四分之三"]
    assert m["unit"].tolist() == ["%", "%"]
    assert m["value"].round(4).tolist() == [33.3333, 75.0]


@pytest.mark.parametrize("text, want", [
    # a bound directly before a noun labels a class of what is then counted: only the count is a figure
    ("其中亿元以上项目65个。", [(65.0, "个")]),
    ("3亿元以上重大项目20个。", [(20.0, "个")]),
    # a bound before a verb or ending the clause is the figure's own
    ("今年赤字率拟按3.6%以上安排。", [(3.6, "%")]),
    ("投资达5亿元以上，", [(5e8, "CNY")]),
    # a bound before a noun that nothing counts is the limit itself (the fine's maximum)
    ("处5万元以下罚款。", [(5e4, "CNY")]),
])
def test_a_bound_before_a_noun_is_a_class_label(text, want):
    m = extract_metrics(text)
    assert list(zip(m["value"], m["unit"])) == want


@pytest.mark.parametrize("text, want", [
    # 翻N番: an increase of 2^N − 1 times (翻一番 doubles: 1 times more, like 增长1倍)
    ("技术交易额翻了一番。", [("一番", 1.0, "times", "growth", "技术交易额")]),
    ("人均收入翻两番。", [("两番", 3.0, "times", "growth", "人均收入")]),
    ("国内生产总值比2010年翻一番。", [("一番", 1.0, "times", "growth", "国内生产总值")]),
    ("付出了一番努力。", []),
])
def test_doubling(text, want):
    m = extract_metrics(text)
    assert [tuple(r) for r in m[["text", "value", "unit", "measure", "indicator"]].values.tolist()] == want
