"""Year and period of a figure: its sentence's nearest time (never a comparison base, never another
sentence's), the topic time of its paragraph, its section's time; periods and the years inside them."""
import pandas as pd
import pytest

from kslib.metrics import extract_metrics


def _times(text, date):
    df = extract_metrics(text, date=date)
    return {r.text: (None if pd.isna(r.year) else int(r.year), r.period) for r in df.itertuples()}


def test_a_comparison_base_never_becomes_the_year():
    t = _times("今年财政赤字规模比去年增加1万亿元。访港旅客按年上升34%，接近2003年沙士后的水平。"
               "与2019年相比，出口增长3%。", "2020-05-22")
    assert t["1万亿元"] == (2020, None)
    assert t["34%"] == (None, None)
    assert t["3%"] == (None, None)


def test_a_base_that_is_itself_a_figure_gets_the_base_year():
    t = _times("去年本地生产总值增长2.5%，较前年的3.2%有所放缓。相较于2016年的3596亿元，"
               "明年度国防预算将达到6068亿元。", "2023-08-21")
    assert t["2.5%"] == (2022, None) and t["3.2%"] == (2021, None)
    assert t["3596亿元"] == (2016, None) and t["6068亿元"] == (2024, None)


def test_a_year_from_another_sentence_does_not_leak_in():
    t = _times("全市有学校80所。2016年来，累计投资5000亿元，今年新增企业300家。全市有医院20家。", "2023-08-21")
    assert t["5000亿元"] == (None, "2016-2023")   # since 2016: a period, never the year 2016
    assert t["300家"] == (2023, None)
    assert t["80所"] == (None, None) and t["20家"] == (None, None)
    # a time opening the paragraph is its topic and covers its sentences
    t = _times("2016年来，全市累计投资5000亿元。全市有医院20家。", "2023-08-21")
    assert t["20家"] == (None, "2016-2023")


def test_relative_words_resolve_against_the_document_date():
    t = _times("上半年出口增长4%。一季度投资增长5%。前年进口3000亿元。", "2023-07-15")
    assert t["4%"] == (2023, None) and t["5%"] == (2023, None) and t["3000亿元"] == (2021, None)
    # without a date a relative word gives nothing
    assert _times("去年出口增长4%。", None)["4%"] == (None, None)


@pytest.mark.parametrize("text, date, figure, period", [
    ("“十四五”期间新建学校100个。", "2022-01-10", "100个", "2021-2025"),
    ("2021—2025年新建学校100个。", None, "100个", "2021-2025"),
    ("今明两年职业技能培训3500万人次。", "2020-05-22", "3500万人次", "2020-2021"),
    ("过去五年，累计减税2万亿元。", "2018-03-05", "2万亿元", "2013-2017"),
    ("十年来，累计投资3万亿元。", "2022-10-16", "3万亿元", "2013-2022"),
])
def test_periods(text, date, figure, period):
    assert _times(text, date)[figure] == (None, period)


def test_a_plan_period_not_yet_over_makes_a_target():
    r = extract_metrics("“十四五”期间新建学校100个。", date="2022-01-10").iloc[0]
    assert (r["kind"], r["kind_cue"]) == ("target", "time:十四五")


def test_inside_a_period_a_change_from_x_to_y_and_a_state_reached_are_dated():
    t = _times("五年来，国内生产总值从54万亿元增加到82.7万亿元，年均增长7.1%。城镇化率达到58.5%。"
               "棚户区住房改造2600多万套。", "2018-03-05")
    assert t["54万亿元"] == (2012, None) and t["82.7万亿元"] == (2017, None)
    assert t["7.1%"] == (None, "2013-2017")
    assert t["2600多万套"] == (None, "2013-2017")


def test_topic_time_of_a_paragraph_carries_to_its_list_items():
    text = ("一、2019年和今年以来工作回顾\n去年，我国发展面临诸多困难挑战。\n"
            "——经济运行总体平稳。国内生产总值达到99.1万亿元。\n——城镇新增就业1352万人。\n"
            "今年以来，出口下降3%。\n")
    t = _times(text, "2020-05-22")
    assert t["99.1万亿元"] == (2019, None) and t["1352万人"] == (2019, None)
    assert t["3%"] == (2020, None)   # 今年以来: this year so far


def test_section_time_and_the_horizon_of_a_plan_paragraph():
    t = _times("二、2026年主要目标\n地区生产总值增长5%左右。\n", "2026-01-20")
    assert t["5%左右"] == (2026, None)
    t = _times("要推动产业集群产值突破6000亿元。力争到2030年企业达3500家。", "2026-01-20")
    assert t["3500家"] == (2030, None)
    assert t["6000亿元"] == (2030, None)  # a target of the paragraph whose one horizon is 2030
    assert _times("全市有企业6000家。到2030年企业达3500家。", "2026-01-20")["6000家"] == (None, None)


def test_durations_are_not_dated_but_consecutive_years_up_to_a_year_are_a_period():
    t = _times("去年，开发区连续19年位列全国第五，用3年时间建成新城。", "2023-02-16")
    assert t["连续19年"] == (None, "2004-2022")
    assert t["3年"] == (None, None)


def test_roc_years_in_a_text_that_uses_the_roc_calendar():
    t = _times("民国65年始达100万人次，78年达200万人次，从97年的384万人次成长至去年的801万人次。", "2014-11-07")
    assert t["100万人次"] == (1976, None) and t["200万人次"] == (1989, None)
    assert t["384万人次"] == (2008, None) and t["801万人次"] == (2013, None)
    assert _times("113年度总预算岁出2.88万亿元。", "2023-08-21")["2.88万亿元"] == (2024, None)


def test_the_start_of_a_span_dates_only_its_own_figure():
    t = _times("今年的评比，台湾从2016年的第12名，大幅进步到第6名。长期负债比从2016年的33%，下降到今年7月底的27.2%。",
               "2023-08-21")
    assert t["第12名"] == (2016, None) and t["第6名"] == (2023, None)
    assert t["33%"] == (2016, None) and t["27.2%"] == (2023, None)   # 下降到今年: the end, not a base


def test_a_topic_time_may_carry_a_modifier_and_an_adverb_of_duration_keeps_the_period():
    t = _times("刚刚过去的2017年，经济社会发展好于预期。国内生产总值增长6.9%。", "2018-03-05")
    assert t["6.9%"] == (2017, None)
    t = _times("五年来，财政赤字率一直控制在3%以内，城镇化率达到58.5%。", "2018-03-05")
    assert t["3%以内"] == (None, "2013-2017") and t["58.5%"] == (2017, None)


def test_the_end_of_a_range_is_no_target_horizon():
    df = extract_metrics("而从2016到2022年，平均经济成长率是3.4%，总预算连续六年有岁计剩余。", date="2023-08-21")
    assert set(df["kind"]) == {"actual"}
