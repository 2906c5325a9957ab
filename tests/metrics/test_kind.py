"""Kind of a figure (actual, target, forecast) and the cue that decided it: clause and sentence cues,
the section's review/plan scope, a paragraph that opens a work plan, time against the document date."""
import pandas as pd
import pytest

from kslib.metrics import extract_metrics

REPORT = """政府工作报告
一、过去一年工作回顾
全年地区生产总值增长5.2%，城镇新增就业1200万人。我们完成了年度目标任务，粮食产量达到6.9亿吨。
二、今年主要预期目标
国内生产总值增长5%左右，城镇新增就业1200万人以上，居民消费价格涨幅3%左右。
预计全年粮食产量超过6.5亿吨。今年高校毕业生已达1179万人。
"""


def _by_text(df):
    return {r.text: r for r in df.itertuples()}


def test_section_scope_makes_review_figures_actual_and_plan_figures_targets():
    g = _by_text(extract_metrics(REPORT, date="2024-03-05"))
    assert g["5.2%"].kind == "actual" and g["5.2%"].kind_cue.startswith("section:")
    assert g["5%左右"].kind == "target" and g["5%左右"].kind_cue.startswith("section:")
    assert g["1200万人以上"].kind == "target"


def test_a_clause_cue_overrides_the_section():
    g = _by_text(extract_metrics(REPORT, date="2024-03-05"))
    assert (g["超过6.5亿吨"].kind, g["超过6.5亿吨"].kind_cue) == ("forecast", "clause:预计")
    assert (g["1179万人"].kind, g["1179万人"].kind_cue) == ("actual", "clause:已")


@pytest.mark.parametrize("sentence, kind, cue", [
    ("政府会预留100亿元用于基建。", "target", "clause:预留"),
    ("政府将动用45亿元支援中小企。", "target", "clause:动用"),   # the nearest cue before the figure
    ("力争到2025年上市企业达80家。", "target", "clause:到2025年"),
    ("拟安排专项债券3.75万亿元。", "target", "clause:拟"),
    ("超过原定的近2万亿元规模。", "target", "clause:原定"),
    ("预计全年新增减负超过2.5万亿元。", "forecast", "clause:预计"),
    ("年底可望达到900万人次的目标。", "forecast", "clause:可望"),
    ("截至10月底，旅客已超过802万人次。", "actual", "clause:已"),
    ("超额完成年度目标任务，减煤20万吨。", "actual", "sentence:超额完成年度目标任务"),
])
def test_cue_words_of_every_kind(sentence, kind, cue):
    r = extract_metrics(sentence, date="2024-06-01").iloc[0]
    assert (r["kind"], r["kind_cue"]) == (kind, cue)


def test_a_past_year_of_its_own_is_an_actual_even_in_a_plan_section():
    text = "二、今年工作安排\n2019年国内生产总值增长6.1%，今年增长6%左右。\n"
    g = _by_text(extract_metrics(text, date="2020-03-05"))
    assert (g["6.1%"].kind, g["6.1%"].kind_cue) == ("actual", "time:2019年")
    assert g["6%左右"].kind == "target"


def test_a_future_year_without_a_cue_is_a_target_and_no_cue_is_an_actual():
    g = _by_text(extract_metrics("明年度总预算岁入2.7万亿元。去年岁入2.5万亿元。", date="2023-08-21"))
    assert (g["2.7万亿元"].kind, g["2.7万亿元"].kind_cue) == ("target", "time:明年度")
    assert g["2.5万亿元"].kind == "actual"
    r = extract_metrics("全市共有企业300家。").iloc[0]
    assert (r["kind"], r["kind_cue"]) == ("actual", "")


def test_jiang_used_like_ba_is_no_future_and_a_quoted_paragraph_opening_is_no_plan():
    assert extract_metrics("每年将销售收入的15%用于研发。")["kind"].tolist() == ["actual"]
    text = "“企业敢不敢，要看营商环境优不优。”他说，公司为上百家企业提供服务。"
    assert extract_metrics(text)["kind"].tolist() == ["actual"]
    # a paragraph that opens a work plan makes its figures targets
    plan = "要加快产业升级，推动创新。新建产学研合作项目100个。"
    r = extract_metrics(plan).iloc[0]
    assert (r["kind"], r["kind_cue"]) == ("target", "paragraph:要")


@pytest.mark.parametrize("text, date, want", [
    # 到 + a year before the document's is "as of" it: a result, not a target horizon
    ("到2020年底，累计完成投资80亿元。", "2023-06-01", "actual"),
    ("到2025年，累计完成投资80亿元。", "2023-06-01", "target"),
    # a forecast cue earlier in the sentence governs a bare future 将 / 会
    ("据预测，2024年市场规模将突破500亿元。", "2023-06-01", "forecast"),
    ("预计今年将完成投资80亿元。", "2023-06-01", "forecast"),
    ("明年将新建学校5所。", "2023-06-01", "target"),
])
def test_past_horizons_and_forecasts_of_the_future(text, date, want):
    assert extract_metrics(text, date=date)["kind"].iloc[-1] == want


@pytest.mark.parametrize("text, kinds", [
    # what was done against a plan is an actual, the plan a target
    ("全年计划投资100亿元，实际完成120亿元，完成年度计划的120%。", ["target", "actual", "actual"]),
    ("原计划新建学校10所，实际建成12所。", ["target", "actual"]),
    ("去年预计增长5%，实际增长5.2%。", ["forecast", "actual"]),
    # what a project can do once built is a forecast
    ("该项目建成后可新增就业岗位2000个。", ["forecast"]),
])
def test_actuals_against_a_plan_and_what_a_project_can_do(text, kinds):
    assert extract_metrics(text, date="2024-03-01")["kind"].tolist() == kinds


def test_a_figure_of_now_takes_no_target_year_named_before():
    m = extract_metrics("目标是到2025年实现产值1000亿元，目前已达到800亿元。", date="2024-03-01")
    assert m["kind"].tolist() == ["target", "actual"]
    assert m["year"].iloc[0] == 2025 and pd.isna(m["year"].iloc[1])


def test_an_estimate_is_a_forecast():
    assert extract_metrics("据测算，该政策每年可为企业减负约200亿元。")["kind"].tolist() == ["forecast"]
