"""Attribution: distributive lists, kind and year cues, indicators in news sentences."""


import pandas as pd
import pytest

from kslib.metrics import extract_metrics


def test_distributive_list_in_order():
    text = ("2019年,目标任务再加码:完成地区生产总值810亿元,一般公共预算收入突破100亿元,"
            "工业总产值突破1360亿元,分别增长7%、11%、6.3%。")
    df = extract_metrics(text)
    g = df[df["unit"] == "%"]
    assert g["value"].tolist() == [7.0, 11.0, 6.3]
    assert g["indicator"].tolist() == ["地区生产总值", "一般公共预算收入", "工业总产值"]
    assert set(g["measure"]) == {"growth"}
    assert set(df["kind"]) == {"target"} and set(df["year"]) == {2019}


def test_kind_and_year_cues():
    df = extract_metrics("2018年,全年完成地区生产总值762亿元。力争到2025年上市企业达80家。")
    assert df.set_index("text")["kind"].to_dict() == {"762亿元": "actual", "80家": "target"}
    assert df.set_index("text")["year"].to_dict() == {"762亿元": 2018, "80家": 2025}
    # 将 used like 把 is not a future
    assert extract_metrics("每年将销售收入的15%用于研发。")["kind"].tolist() == ["actual"]


def test_general_news_sentences():
    """Phrasings not in the seeds: 万亿, 人次, 约 after a noun, 较上年增加, ranking moves."""
    df = extract_metrics("2022年,实现地区生产总值2.39万亿元,同比增长2.0%。全市共有各类市场主体约290万户,"
                         "较上年增加20.5万户。全年接待游客4500万人次。国际排名上升5位。双方签约12个项目。")
    got = {r.text: r for r in df.itertuples()}
    assert got["2.39万亿元"].value == 2.39e12 and got["2.0%"].indicator == "地区生产总值"
    assert got["约290万户"].qualifier == "约" and got["20.5万户"].measure == "change"
    assert got["4500万人次"].unit == "人次"
    assert (got["5位"].unit, got["5位"].measure) == ("rank", "change")
    assert got["12个"].qualifier == ""  # 签约 is not 约


def test_columns_kind_cue_and_period_are_in_the_table():
    df = extract_metrics("预计今年增长5%。十四五期间新建学校100个。", date="2022-03-01")
    assert {"kind_cue", "period"} <= set(df.columns)
    assert df["period"].tolist() == [None, "2021-2025"]


@pytest.mark.parametrize("sentence, indicator, measure", [
    ("居民消费价格涨幅3.5%。", "居民消费价格", "growth"),
    ("全社会研发投入增幅达到8%。", "全社会研发投入", "growth"),
    ("贷款增速要高于40%。", "贷款增速", "growth"),   # a rate name of its own
    ("第二产业增加值占地区生产总值的比重为80.9%。", "第二产业增加值占地区生产总值比重", "share"),
    ("城乡居民收入比缩小至1.75:1。", "城乡居民收入比", "ratio"),
    ("金融机构贷款余额比年初增加177.2亿元。", "金融机构贷款余额", "change"),
    ("城镇实有登记失业人员比上年末减少0.92万人。", "城镇实有登记失业人员", "change"),
])
def test_measure_and_indicator_never_a_comparison_base(sentence, indicator, measure):
    r = extract_metrics(sentence).iloc[0]
    assert (r["indicator"], r["measure"]) == (indicator, measure)


def test_growth_after_a_level_and_the_second_of_a_from_to_pair_inherit_the_indicator():
    df = extract_metrics("地区生产总值4000.5亿元，比上年增长10%。服务业比重从45.3%上升到51.6%。")
    assert df["indicator"].tolist() == ["地区生产总值", "地区生产总值", "服务业比重", "服务业比重"]
    assert df["measure"].tolist() == ["level", "growth", "share", "share"]


def test_a_figure_compared_with_takes_the_compared_indicator():
    df = extract_metrics("去年本地生产总值增长2.5%，较前年的3.2%有所放缓。")
    assert df["indicator"].tolist() == ["本地生产总值", "本地生产总值"]
    assert set(df["measure"]) == {"growth"}


def test_an_elided_whole_of_a_share_and_a_shared_tail_of_coordinated_subjects():
    df = extract_metrics("第一产业增加值占地区生产总值的比重为3.8%，第二产业增加值比重为80.9%。")
    assert df["indicator"].tolist() == ["第一产业增加值占地区生产总值比重", "第二产业增加值占地区生产总值比重"]
    df = extract_metrics("高新技术产业、新兴产业产值占规上工业产值比重分别为64.1%、63.1%。")
    assert df["indicator"].tolist() == ["高新技术产业产值占规上工业产值比重", "新兴产业产值占规上工业产值比重"]


def test_indicator_is_never_a_time_a_verb_or_the_span():
    df = extract_metrics("访台观光客人数持续大幅提升，从97年的384万人次成长至98年的439万人次。", date="2014-11-07")
    assert df["indicator"].tolist() == ["访台观光客人次", "访台观光客人次"]  # counted in 人次
    df = extract_metrics("同时发行1万亿元抗疫特别国债。")
    assert df["indicator"].tolist() == ["抗疫特别国债"]
    assert extract_metrics("13亿多人口的大国。")["indicator"].tolist() == ["人口"]


@pytest.mark.parametrize("text,indicator", [
    ("其中，第一产业实现增加值153.6亿元，比上年增长11%。", "第一产业增加值"),
    ("石油行业实现增加值1894.4亿元。", "石油行业增加值"),
    ("地方完成投资899.8亿元。", "地方投资"),
    ("装备制造业实现利润54.2亿元。", "装备制造业利润"),
])
def test_the_subject_of_a_split_verb_owns_a_bare_measure_noun(text, indicator):
    m = extract_metrics(text)
    assert m["indicator"].iloc[0] == indicator


@pytest.mark.parametrize("text,indicator", [
    ("全市实现增加值3157.4亿元。", "增加值"),                    # a scope subject adds nothing
    ("全年完成施工产值255.2亿元。", "施工产值"),                 # nor does a time
    ("昆山高新区完成一般公共预算收入100亿元。", "一般公共预算收入"),  # the object names itself whole
])
def test_a_scope_subject_or_a_named_object_keeps_the_object_alone(text, indicator):
    assert extract_metrics(text)["indicator"].iloc[0] == indicator


@pytest.mark.parametrize("text,want", [
    ("商品房销售面积526.3万平方米，其中住宅443.4万平方米，同比增长13%。",
     ["商品房销售面积", "住宅销售面积", "住宅销售面积"]),
    ("全年进出口总值28.1亿美元。其中，出口3.9亿美元，进口24.2亿美元。", ["进出口总值", "出口总值", "进口总值"]),
    ("粮食产量500万吨，其中夏粮120万吨、秋粮380万吨。", ["粮食产量", "夏粮产量", "秋粮产量"]),
    ("年末户籍人口300万人，其中男性150万人。", ["户籍人口", "男性人口"]),
])
def test_a_part_of_a_whole_takes_the_whole_measure_noun(text, want):
    assert extract_metrics(text)["indicator"].tolist() == want


@pytest.mark.parametrize("text,want", [
    ("一般公共预算收入100亿元，其中税收收入80亿元。", ["一般公共预算收入", "税收收入"]),  # the part names its measure
    ("商品房销售面积526万平方米，其中住宅销售额187亿元。", ["商品房销售面积", "住宅销售额"]),  # another unit
    ("商品房销售面积526万平方米。\n其中住宅443万平方米。", ["商品房销售面积", "住宅"]),  # another paragraph
])
def test_what_is_not_a_part_of_the_whole_before(text, want):
    assert extract_metrics(text)["indicator"].tolist() == want


def test_a_bare_measure_noun_shares_the_modifier_before_it():
    m = extract_metrics("全年铁路客运量963万人，同比下降1.1%，货运量1230万吨，同比下降4.1%；"
                        "公路客运量1935万人，客运周转量129000万人公里。")
    assert m["indicator"].tolist() == ["铁路客运量", "铁路客运量", "铁路货运量", "铁路货运量", "公路客运量",
                                       "公路客运周转量"]
    # the figure before names its own measure whole: nothing to share
    assert extract_metrics("营业收入100亿元，利润10亿元。")["indicator"].tolist() == ["营业收入", "利润"]


@pytest.mark.parametrize("text, want", [
    # a clause stating the basis of a calculation names no subject: the figure keeps the sentence's
    ("居民人均可支配收入36883元，比上年名义增长5.0%，扣除价格因素，实际增长2.9%。", ("居民人均可支配收入", 2.9, "growth")),
    ("地区生产总值500亿元，按可比价格计算，增长6.1%。", ("地区生产总值", 6.1, "growth")),
    # 多增 / 少增: a difference from the base's increase, a change (少增 below it)
    ("人民币贷款增加19.6万亿元，同比多增1.7万亿元。", ("人民币贷款", 1.7e12, "change")),
    ("城镇新增就业1206万人，比上年少增63万人。", ("城镇新增就业", -630000.0, "change")),
    # a fall named after the amount: the noun after 的 is the fall, not what falls
    ("出口额出现3.5%的降幅。", ("出口额", -3.5, "growth")),
])
def test_basis_clauses_and_differences_of_increases(text, want):
    r = extract_metrics(text).iloc[-1]
    assert (r["indicator"], r["value"], r["measure"]) == want


@pytest.mark.parametrize("text, want", [
    # 建成后年产值: 后 "after" + a yearly figure, not 后年 (the year after next); nor the verb of creation
    ("计划总投资120亿元，建成后年产值可达50亿元。", ("年产值", None)),
    ("项目投产后年销售收入可达20亿元。", ("年销售收入", None)),
    ("力争后年完成投资100亿元。", ("后年投资", 2025)),       # a real 后年 stays the year after next
    # intent modals are no part of what is measured
    ("到2025年，全市地区生产总值力争达到3000亿元。", ("地区生产总值", 2025)),
    ("2024年，全市将确保地区生产总值增长5.5%。", ("地区生产总值", 2024)),
])
def test_time_clauses_of_completion_and_intent_modals(text, want):
    r = extract_metrics(text, date="2023-05-01").iloc[-1]
    year = None if pd.isna(r["year"]) else int(r["year"])
    assert (r["indicator"], year) == want


@pytest.mark.parametrize("text, want", [
    # Taiwan's 年增 / 年减 and 年增率: a growth of the subject before them
    ("营收达新台币1,234亿元，年增12.3%。", ("营收", 12.3, "growth")),
    ("出口年减3.2%。", ("出口", -3.2, "growth")),
    ("出口年增率为3%。", ("出口年增率", 3.0, "growth")),   # a rate name of its own is kept, like 成长率
])
def test_regional_growth_words(text, want):
    r = extract_metrics(text).iloc[-1]
    assert (r["indicator"], r["value"], r["measure"]) == want


@pytest.mark.parametrize("text, want", [
    # the subject two clauses back, across a clause that only states a time; a pronoun is no part of it
    ("其中，我们长照总体预算，从2016年，只有54亿，到今年647亿。", ["长照总体预算", "长照总体预算"]),
    # a time adverbial (…时) is no subject: the earlier clause's is
    ("参与晚会的人数成长明显，从他担任市长时的16万人次增至去年的116万人次。", ["参与晚会的人次", "参与晚会的人次"]),
])
def test_subjects_across_time_clauses(text, want):
    assert extract_metrics(text, currency="TWD")["indicator"].tolist() == want


def test_time_clause_is_a_word_of_time_not_the_end_of_a_noun():
    from kslib.metrics.attribute import time_clause

    assert time_clause("他担任市长时") and time_clause("疫情发生以来")
    assert not time_clause("培训课时") and not time_clause("工时") and not time_clause("善后")


def test_a_clause_with_an_unread_chinese_magnitude_passes_the_subject_on():
    # 今年首次突破千亿: the number 千亿 is no figure and the clause has no subject of its own (首次 is an adverb)
    m = extract_metrics("而少子女化对策的预算，今年首次突破千亿，明年更将创下1,201亿的新高。", currency="TWD")
    assert m[["value", "unit", "indicator"]].values.tolist() == [[1.201e11, "TWD", "少子女化对策的预算"]]


@pytest.mark.parametrize("text, want", [
    # an abbreviation or a short qualification in brackets is part of the name
    ("年末广义货币供应量(M2)余额313.53万亿元。", "广义货币供应量(M2)余额"),
    ("全年居民消费价格指数（CPI）比上年上涨0.2%。", "居民消费价格指数（CPI）"),
    ("户籍人口（含农垦）281.7万人。", "户籍人口（含农垦）"),
    # a list number or a bracket holding a figure is not
    ("（1）规模以上工业增加值增长5%。", "规模以上工业增加值"),
    # a calculation's basis inside the clause names nothing measured
    ("居民人均可支配收入41314元，扣除价格因素实际增长5.1%。", "居民人均可支配收入"),
])
def test_brackets_and_bases_in_indicators(text, want):
    assert extract_metrics(text)["indicator"].iloc[-1] == want


@pytest.mark.parametrize("text", ["60 岁以上 3.23 亿（+1,307 万）。", "65 岁及以上约 2.24 亿。"])
def test_an_age_class_before_its_count_is_no_figure(text):
    assert "岁" not in extract_metrics(text)["unit"].tolist()


def test_a_list_of_shares_takes_one_share_noun():
    m = extract_metrics("三次产业增加值占GDP比重分别为6.8%、36.5%、56.7%。")
    assert m["indicator"].tolist() == ["三次产业增加值占GDP比重"] * 3
    assert extract_metrics("第一产业占比为5%，第二产业占40%。")["indicator"].tolist() == ["第一产业占比", "第二产业"]


@pytest.mark.parametrize("text, want", [
    # a period of the year in any of its written forms is a time, not part of what is measured
    ("增速较1-9月回落0.2个百分点。", ["增速"]),
    ("1至9月，全市出口下降2.1%。", ["出口"]),
    ("第二季度GDP同比增长6.3%。", ["GDP"]),
    ("本港第三季经济按年增长4.1%，首三季合计增长3.2%。", ["本港经济", "本港经济"]),
    ("CPI较上季度下降0.5个百分点。", ["CPI"]),
    # a from-phrase's time and a movement verb with its adverb leave the subject alone
    ("失业率由上季的2.9%微升至3.0%。", ["失业率", "失业率"]),
    # month-on-month and year-on-year bases, acceleration and deceleration verbs are no part of it
    ("该市房价环比下跌0.3%。", ["该市房价"]),
    ("出口增速比上月加快1.5个百分点。", ["出口增速"]),
])
def test_periods_of_the_year_bases_and_movement_verbs_leave_the_subject(text, want):
    assert extract_metrics(text)["indicator"].tolist() == want


@pytest.mark.parametrize("text, value, measure", [
    ("该公司去年净利润为-3.2亿元。", -3.2e8, "level"),  # a written sign: a negative level
    ("经营活动现金流净额-5000万元。", -5e7, "level"),
    ("全年新增贷款减少3000亿元。", -3e11, "change"),  # a fall word: a change
    ("增速比上月放缓1.5个百分点。", -1.5, "change"),  # deceleration is a fall of the rate
    ("人民币对美元贬值3.2%。", -3.2, "growth"),
])
def test_a_written_sign_is_a_level_a_fall_word_a_change(text, value, measure):
    r = extract_metrics(text).iloc[-1]
    assert (r["value"], r["measure"]) == (value, measure)


def test_the_end_of_a_time_window_is_no_part_of_the_indicator():
    # 三年内 / 两年之内: 内 closes the window the duration opens
    assert extract_metrics("三年内引进高层次人才500名。")["indicator"].iloc[-1] == "引进高层次人才"
    assert extract_metrics("两年之内新建学校30所。")["indicator"].iloc[-1] == "新建学校"


@pytest.mark.parametrize("text, year, period", [
    ("二〇二三年经济增长3.2%。", 2023, None),
    ("二零二三年全年的综合消费物价按年上升2.1%。", 2023, None),
    ("二○二一年至二○二五年，年均增长6%。", None, "2021-2025"),
])
def test_a_year_in_chinese_numerals_dates_the_figure(text, year, period):
    r = extract_metrics(text, date="2024-03-01").iloc[-1]
    assert (None if pd.isna(r["year"]) else r["year"], r["period"]) == (year, period)


@pytest.mark.parametrize("text, want", [
    # a rate of change standing alone is the rate of the figure before it
    ("全市地区生产总值1000亿元，增幅5%。", [("地区生产总值", "level"), ("地区生产总值", "growth")]),
    ("全市地区生产总值1000亿元，增速5%。", [("地区生产总值", "level"), ("地区生产总值增速", "growth")]),
    ("全年社会消费品零售总额500亿元，增长8%，增幅比上年提高1个百分点。",
     [("社会消费品零售总额", "level"), ("社会消费品零售总额", "growth"), ("社会消费品零售总额增幅", "change")]),
    # adjustments: 调升/上调/下调/调降 govern the rate, 调幅 is a rate of change, 每月 a time
    ("全年基本工資調升至每月27,470元，調幅4.05%。", [("基本工资", "level"), ("基本工资", "growth")]),
    ("基本工资上调3%。", [("基本工资", "growth")]),
])
def test_rates_of_change_and_adjustments(text, want):
    m = extract_metrics(text)
    assert list(zip(m["indicator"], m["measure"])) == want


def test_a_downward_adjustment_is_a_fall():
    assert extract_metrics("电价调降5%。")["value"].tolist() == [-5.0]
    assert extract_metrics("存款利率下调0.25个百分点。")["value"].tolist() == [-0.25]


@pytest.mark.parametrize("text, indicator, year", [
    # the base of a multiple after a copula is neither the indicator nor the figure's time
    ("人均收入是全国平均水平的1.5倍。", "人均收入", None),
    ("研发投入相当于2015年的2.3倍。", "研发投入", None),
    ("2023年出口额是上年的1.5倍。", "出口额", 2023),
])
def test_the_base_of_a_multiple(text, indicator, year):
    r = extract_metrics(text, date="2024-03-01").iloc[-1]
    assert (r["indicator"], None if pd.isna(r["year"]) else r["year"]) == (indicator, year)


def test_a_figure_alone_on_its_line_takes_the_label_above():
    m = extract_metrics("行政村数量\n236个\n常住人口：\n52.3万人")
    assert m["indicator"].tolist() == ["行政村数量", "常住人口"]
    # a heading, a sentence or a blank line above is no label
    assert extract_metrics("二、农业\n236个")["indicator"].tolist() == [""]
    assert extract_metrics("全市GDP增长5%。\n10%")["indicator"].tolist() == ["GDP", ""]
    assert extract_metrics("常住人口\n\n52.3万人")["indicator"].tolist() == [""]


@pytest.mark.parametrize("text, want", [
    ("全县地区生产总值完成356.8亿元。", "地区生产总值"),
    ("营业收入实现120亿元。", "营业收入"),
    ("预计完成90案。", "预计完成"),  # after no measure noun the verb is all there is
])
def test_a_verb_of_accomplishment_after_a_measure_noun_is_its_predicate(text, want):
    assert extract_metrics(text)["indicator"].tolist() == [want]


@pytest.mark.parametrize("text, want", [
    ("粮食产量连续9年稳定在1.3万亿斤以上。", "粮食产量"),
    # the subject of the duration's clause, not the figure of an earlier clause
    ("全市GDP增长5%，粮食产量连续9年稳定在1.3万亿斤以上。", "粮食产量"),
])
def test_a_duration_between_subject_and_figure_passes_the_subject_on(text, want):
    assert extract_metrics(text)["indicator"].iloc[-1] == want


@pytest.mark.parametrize("text, want", [
    # 来 / 间 close the duration before them: not the start of the next phrase
    ("十年来GDP年均增长8%。", ["GDP", "GDP"]),
    ("经济总量5年间翻了一番。", ["翻了一番", "经济总量"]),
    # a span of years in the phrase is a time
    ("单位GDP能耗五年累计下降13.2%。", ["单位GDP能耗"]),
    # a duration owns no rate after it
    ("连续3年保持增长，增速达5%。", ["", "增速"]),  # a verb alone names nothing
    ("经济保持较高增长，增速达6%。", ["经济增速"]),
])
def test_durations_and_the_phrases_around_them(text, want):
    assert extract_metrics(text, date="2024-03-01")["indicator"].tolist() == want


@pytest.mark.parametrize("text, want", [
    # a comparison base before the verb at the end of the phrase is no part of it (the subject is inherited)
    ("臺灣今年經濟成長率預估為1.61%，較上次預測下修0.3個百分點。", ["经济成长率", "经济成长率"]),
    ("两市成交额10256亿元，较上一交易日放量约800亿元。", ["两市成交额", "两市成交额"]),
    # ... but words that only begin like a comparison stay (比赛, 占比, 可比)
    ("获得世界级体育比赛金牌1枚。", ["获得世界级体育比赛金牌"]),
    ("电子信息产业产值占比超过六成。", ["电子信息产业产值占比"]),
    # fiscal years are times
    ("新年度政府总开支预算为$8,300亿。", ["政府总开支预算"]),
    ("2023年昆山GDP首破5000亿元。", ["昆山GDP"]),  # 首 "for the first time"
    ("5G基站累计建成337.7万个。", ["5G基站"]),  # a verb of creation after what it creates
    ("居民人均消费支出38000元，其中食品烟酒支出9000元，占比23.7%。", ["居民人均消费支出", "食品烟酒支出", "食品烟酒支出占比"]),
    # the base of a multiple after a copula is the whole phrase: the subject is the figure before
    ("外匯儲備資產為4,260億美元，相當於本港流通貨幣的7倍多。", ["外汇储备资产", "外汇储备资产"]),
])
def test_comparison_bases_fiscal_years_and_copula_bases(text, want):
    assert extract_metrics(text, date="2024-03-01", currency="HKD")["indicator"].tolist() == want


def test_a_downward_revision_is_a_fall():
    assert extract_metrics("經濟成長率較上次預測下修0.3個百分點。")["value"].tolist() == [-0.3]


@pytest.mark.parametrize("text, value, indicator", [
    ("进口下降幅度为3.5%。", -3.5, "进口"),          # a fall named by its magnitude is a fall
    ("工业增加值同比减少了2.1%。", -2.1, "工业增加值"),  # 同比…少了 is no comparative 少
    ("房价跌至每平方米2万元。", 2e4, "房价"),         # the per-unit base is no part of the name
])
def test_fall_magnitudes_and_per_unit_bases(text, value, indicator):
    r = extract_metrics(text).iloc[-1]
    assert (r["value"], r["indicator"]) == (value, indicator)


@pytest.mark.parametrize("text", ["违反本规定的，处以五千元以上三万元以下的罚款。", "情节严重的，可以并处二万元以上十万元以下罚款。"])
def test_a_fine_is_named_without_the_verb_imposing_it(text):
    assert extract_metrics(text)["indicator"].tolist() == ["罚款"]


@pytest.mark.parametrize("text, want", [
    ("市长表示，要确保完成全年GDP增长6%的目标任务。", "GDP"),
    ("物价涨幅保持在3%的水平。", "物价"),
])
def test_a_noun_framing_the_figure_after_de_is_no_indicator(text, want):
    assert extract_metrics(text)["indicator"].tolist() == [want]


@pytest.mark.parametrize("text, want", [
    ("香港特區政府宣布向每名合資格市民派發5,000元電子消費券。", ["电子消费券"]),  # what is handed out is counted
    ("本港私人住宅售價指數按月下跌1.2%，較高峰期累計下跌約25%。", ["本港私人住宅售价指数"] * 2),  # 较 + 高峰期 is a base
])
def test_objects_of_handing_out_and_bases_beginning_like_adjectives(text, want):
    assert extract_metrics(text, currency="HKD")["indicator"].tolist() == want
