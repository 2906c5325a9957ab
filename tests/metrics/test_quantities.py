"""Tests for kslib.metrics.quantities (from a reading to a quantity row: units and factors, signs, currencies
before and after the number, and the range, ratio, rank and fraction frames), through scan: hypothesis
properties over ranges, signs and currencies, and one case per frame."""
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import kslib
from kslib.metrics.scanner import scan
from tests.metrics.test_numerals import to_chinese


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
    # 一到五百万 is 1–5 million: a lower bound without its own magnitude takes the upper bound's whole
    # magnitude, 百万 here (README, ranges); the property states the plain spread only
    assume(both or not word or not chinese or not nb.endswith(("十", "百", "千")))
    left = na + (word if both else "")
    text = f"{left}{sep}{nb}{word}{written}"
    (q,) = scan(text)
    assert q["text"] == text
    assert (q["value"], q["value_max"], q["unit"]) == (float(a * factor), float(b * factor), code)


_SIGNED = [("下降{}%", -1, "%"), ("增长-{}%", -1, "%"), ("负增长{}%", -1, "%"), ("负{}%", -1, "%"),
           ("同比下降{}个百分点", -1, "pp"), ("减少{}亿元", -10**8, "CNY"), ("回落{}%", -1, "%"),
           ("增长{}%", 1, "%"), ("下降到{}%", 1, "%"), ("降至{}%", 1, "%"), ("提高{}个百分点", 1, "pp"),
           ("增速为-{}%", -1, "%"), ("−{}%", -1, "%"),
           # the fall named after the amount: its size (fall_after_nouns, fall_after_verbs after 的)
           ("出现{}%的负增长", -1, "%"), ("呈现{}%的负成长", -1, "%"), ("录得{}%负增长", -1, "%"),
           ("有{}%的降幅", -1, "%"), ("出现{}个百分点的下降", -1, "pp"), ("出现{}亿元的减少", -10**8, "CNY"),
           ("增速为-{}%的负增长", -1, "%"), ("负成长{}%", -1, "%"),
           ("出现{}%的增长", 1, "%"), ("{}%的增幅", 1, "%"), ("达到{}%的水平", 1, "%"),
           # Taiwan and Hong Kong: 年减 / 月减, 衰退, 按年跌; 年增 / 按年上升 rise
           ("出口年减{}%", -1, "%"), ("营收月减{}%", -1, "%"), ("较去年同期衰退{}%", -1, "%"), ("按年跌{}%", -1, "%"),
           ("按月降{}%", -1, "%"), ("年增{}%", 1, "%"), ("按年上升{}%", 1, "%")]


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=Decimal("0.1"), max_value=Decimal("999.9"), places=1), st.sampled_from(_SIGNED))
def test_signs(v, pattern):
    form, factor, unit = pattern
    (q,) = scan(form.format(v))
    assert q["unit"] == unit
    assert q["value"] == float(v * factor)


_BEFORE = [("人民币", "CNY"), ("¥", "CNY"), ("RMB", "CNY"), ("US$", "USD"), ("HK$", "HKD"), ("港币", "HKD"),
           ("NT$", "TWD"), ("新台币", "TWD"), ("MOP$", "MOP"), ("€", "EUR"), ("£", "GBP"),
           ("美金", "USD"), ("欧元", "EUR"), ("日圆", "JPY"), ("英镑", "GBP")]   # Hong Kong and Taiwan write names first
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


def test_frames():
    """One reading per frame: ratio, a bare number after a ratio noun, ranks, fractions, 成, a size-class guard."""
    def read(t):
        return [(q["text"], q["value"], q["value_max"], q["unit"]) for q in scan(t)]
    assert read("城乡居民收入比为1.75:1") == [("1.75:1", 1.75, None, "ratio")]
    assert [x[3] for x in read("收入倍差从2.37缩小到1.94")] == ["ratio", "ratio"]
    assert read("位列全国第五") == [("全国第五", 5.0, None, "rank")]
    assert read("排名第47位") == [("第47位", 47.0, None, "rank")]
    assert read("三分之一的企业")[0][1:] == (100 / 3, None, "%")
    assert read("千分之二点四")[0][1:] == (0.24, None, "%")
    assert read("三成半")[0][1:] == (35.0, None, "%")
    assert read("三成五的民众")[0][:2] == ("三成五", 35.0)
    assert read("3成5的民众")[0][:2] == ("3成5", 35.0)      # Taiwan writes the tenth in Arabic digits too
    assert read("近3成5万人")[0][:2] == ("近3成", 30.0)     # 5 starts the next amount (5万人)
    assert read("两到三万元") == [("两到三万元", 20000.0, 30000.0, "CNY")]
    assert read("下降3%-5%")[0][1:] == (-5.0, -3.0, "%")


# ---------------------------------------------------------------- yuan subunits and 大写 numerals
@pytest.mark.parametrize("text,value", [
    ("猪肉每斤3元5角。", 3.5), ("票价两元五角。", 2.5), ("共计12元3角4分。", 12.34), ("收入5元8毛。", 5.8),
    ("邮费两元零五分。", 2.05), ("每份1元5分。", 1.05), ("每斤三元五角", 3.5), ("每斤3.5元", 3.5),
])
def test_yuan_with_its_subunits_is_one_amount(text, value):
    """1 元 = 10 角 (毛) = 100 分: the amount is read whole, never its 元 alone (a truncated value)."""
    q = scan(text)
    assert [(x["value"], x["unit"]) for x in q] == [(value, "CNY")]
    assert text[q[0]["start"]:q[0]["end"]].endswith(("角", "分", "毛", "元"))


def test_what_is_not_a_yuan_subunit():
    assert [(x["text"], x["value"]) for x in scan("排队3元5分钟")] == [("3元", 3.0), ("5分钟", 5.0)]
    assert scan("收费3元15分。") == []  # two digits before a subunit: not wholly read, nothing read
    assert [x["value"] for x in scan("每股1元，分红5角")] == [1.0]  # 5角 alone is no amount here


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 99_999_999))
def test_financial_numerals_read_like_ordinary_ones(n):
    """大写 numerals (壹贰叁…拾佰仟) are the ordinary numerals written against alteration: the same value."""
    fin = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")
    written = to_chinese(n).translate(fin)
    assert kslib.parse_number(written) == n
    if sum(c in "壹贰叁肆伍陆柒捌玖拾佰仟" for c in written) >= 2:
        q = scan(f"合计人民币{written}元整。")
        assert [(x["value"], x["unit"]) for x in q] == [(float(n), "CNY")]


def test_financial_amounts_with_subunits_and_lone_characters_as_words():
    q = scan("付款玖仟陆佰陆拾伍圆壹角捌分。")
    assert [(x["text"], x["value"], x["unit"]) for x in q] == [("玖仟陆佰陆拾伍圆壹角捌分", 9665.18, "CNY")]
    assert [x["value"] for x in scan("人民币壹拾壹元壹角")] == [11.1]
    # a lone 陆 / 伍 / 拾 / 肆 is a word, not a numeral
    for text, numeral in (("大陆居民100万人", "100万"), ("队伍3000人", "3000"), ("收拾好3间房", "3"),
                          ("陆续投入3亿元", "3亿"), ("肆意挥霍2亿元", "2亿")):
        assert [x["numeral"] for x in scan(text)] == [numeral]


@pytest.mark.parametrize("text, value", [
    # a fall verb governs a noun phrase before a rate, with its own 的-modifier (rate_object_max)
    ("削减中央政府层面设立的涉企收费项目60%以上。", -60.0),
    ("压减政府性基金项目30%，", -30.0),
    # a stop word of its own ends the object (中 "among", 的 right after the verb, 占): not the fall's size
    ("下降企业中有30%。", 30.0),
    ("下降的企业比重为30%。", 30.0),
    ("降低成本的企业占30%。", 30.0),
    # a count is never signed across a 的-modifier: 削减成本的企业 are firms that cut costs
    ("削减成本的企业5家。", 5.0),
])
def test_fall_verb_and_its_object(text, value):
    q = [q for q in scan(text)][-1]
    assert q["value"] == value


@pytest.mark.parametrize("text, value", [
    # a difference from a comparison base written with 低 / 少 is below the base
    ("城镇登记失业率比上年低0.3个百分点。", -0.3),
    ("就业人数比上年少1.2万人。", -12000.0),
    ("增速较全国平均水平低约2个百分点。", -2.0),
    ("比上年末低了0.2个百分点。", -0.2),
    ("比上年高0.5个百分点。", 0.5),
    ("比上年多3万人。", 30000.0),
    # 低 / 少 that are no comparative: 至少, 不少于, 较低, 不低于 (bounds and adverbs, not differences)
    ("比上年至少3万人。", 30000.0),
    ("比例不低于30%。", 30.0),
    ("比重较低，仅5%。", 5.0),
    # fall verbs of production and income, and 收窄 (a gap or a fall narrowing)
    ("粮食减产3.2%。", -3.2),
    ("降幅收窄2.1个百分点。", -2.1),
    ("贸易逆差收窄5%。", -5.0),
])
def test_comparative_and_fall_verbs(text, value):
    q = [q for q in scan(text)][-1]
    assert q["value"] == value


@pytest.mark.parametrize("text, want", [
    # an index's points: Arabic number + 点 with an index named before it in the sentence
    ("综合指数达到849.8点，同比下降38.6点。", [(849.8, "点"), (-38.6, "点")]),
    ("上证综指收于3200.5点。", [(3200.5, "点")]),
    # 点 elsewhere: a clock time, a classifier of items, a decimal, a time of day even near an index
    ("下午3点召开会议。", []),
    ("提出三点意见。", []),
    ("增长三点五个百分点。", [(3.5, "pp")]),
    ("指数在上午10点报3000点。", [(3000.0, "点")]),
    ("指数3点20分开盘。", []),
])
def test_index_points(text, want):
    assert [(q["value"], q["unit"]) for q in scan(text)] == want


@pytest.mark.parametrize("text, value", [
    # a one-character fall verb: opening its clause, after an adverb, or a word of its own after a word
    ("恒生指数收报17,000点，跌200点。", -200.0),
    ("再降0.5个百分点。", -0.5),
    ("股价跌3%。", -3.0),
    ("利率降0.25个百分点。", -0.25),
    # ... not the end of a word: 起降 (take-offs and landings), 增减, 涨跌, 宽减 (tax relief)
    ("起降3000架次。", 3000.0),
    ("涨跌2%。", 2.0),
    ("建议宽减百分之一百的薪俸税。", 100.0),
    ("跌至3%。", 3.0),                      # the level reached
])
def test_one_character_fall_verbs(text, value):
    assert [q["value"] for q in scan(text)][-1] == value


@pytest.mark.parametrize("text, value", [
    # 年 after a noun of duration it is the value of: a duration without any other cue
    ("公屋平均轮候时间为5.5年。", 5.5),
    ("把轮候时间缩短至4.5年。", 4.5),
    ("使用年限10年。", 10.0),
    ("劳动年龄人口平均受教育年限提高到10.5年。", 10.5),
    ("结束了66年的营业税征收历史。", 66.0),         # 年 before 的 and a noun of time it measures
])
def test_duration_after_a_noun_of_duration(text, value):
    assert [(q["value"], q["unit"]) for q in scan(text)] == [(value, "年")]


def test_several_before_a_magnitude_is_no_value():
    # 数十亿 is "tens of billions" (no value to give), 人数十万 a count after 人数: nothing, never 十亿
    assert scan("投资数十亿元。") == [] and scan("参观人数十万。") == []
    assert [q["value"] for q in scan("几十亿元。")] == [1e9]       # 几 stands for a digit: the round part, qualified


@pytest.mark.parametrize("text, want", [
    # a lower and an upper bound written as a pair are one range (laws and budgets state limits so)
    ("处1万元以上5万元以下罚款。", ("1万元以上5万元以下", 1e4, 5e4)),
    ("处五千元以上三万元以下的罚款。", ("五千元以上三万元以下", 5e3, 3e4)),
    ("增长5%以上10%以下。", ("5%以上10%以下", 5.0, 10.0)),
])
def test_bounds_written_as_a_pair_are_one_range(text, want):
    (q,) = scan(text)
    assert (q["text"], q["value"], q["value_max"]) == want


def test_bounds_that_are_no_pair_stay_apart():
    assert [q["value"] for q in scan("投资5亿元以上，其中3亿元以下的项目10个。")] == [5e8, 3e8, 10.0]
    assert [q["value"] for q in scan("5万元以上3万元以下")] == [5e4, 3e4]       # not ordered: no range


def test_a_year_before_a_noun_of_time_is_a_date_not_a_duration():
    assert scan("2023年的历史。") == []


@pytest.mark.parametrize("text", ["政府发放振兴三倍券，每人可领券一份。", "这只十倍股去年涨了不少。", "视频可以2倍速播放。"])
def test_a_multiple_before_a_noun_is_a_compound_not_a_quantity(text):
    assert "times" not in kslib.extract_metrics(text)["unit"].tolist()


@pytest.mark.parametrize("text, value", [("出口额增长3倍多。", 3.0), ("人均收入是全国平均水平的1.5倍以上。", 1.5),
                                         ("产值两倍于去年。", 2.0), ("增长了3倍，达到100亿元。", 3.0)])
def test_a_multiple_before_a_bound_a_preposition_or_a_clause_end_is_read(text, value):
    m = kslib.extract_metrics(text)
    assert m.loc[m["unit"] == "times", "value"].tolist() == [value]


@pytest.mark.parametrize("text", ["比赛以3:1结束比赛。", "主队以3:2获胜。", "最终比分3:1。", "两队以1:1战平。"])
def test_a_score_is_no_ratio(text):
    assert kslib.extract_metrics(text).empty


@pytest.mark.parametrize("text, value", [("城乡居民收入比为2.5:1。", 2.5), ("以1:1的比例配套资金。", 1.0)])
def test_a_ratio_in_prose_is_still_read(text, value):
    assert kslib.extract_metrics(text)["value"].tolist() == [value]


@pytest.mark.parametrize("text, value, unit", [
    ("全市户籍人口约为三百二十万。", 3.2e6, "人"),  # a bare magnitude in Chinese numerals, counted
    ("实现营业收入三十五亿。", 3.5e9, "CNY"),       # ... or money
])
def test_a_bare_chinese_magnitude_is_read_like_an_arabic_one(text, value, unit):
    m = kslib.extract_metrics(text)
    assert m[["value", "unit"]].values.tolist() == [[value, unit]]


@pytest.mark.parametrize("text", ["十万火急。", "百万新老昆山人。", "千千万万的群众。", "三十万大军过江。"])
def test_rhetorical_chinese_magnitudes_stay_unread(text):
    assert kslib.extract_metrics(text).empty


def test_a_bare_magnitude_bounding_a_class_is_no_figure():
    m = kslib.extract_metrics("在人口超过两千万的经济体中排名第一。")
    assert m["unit"].tolist() == ["rank"]
    # the amount's own scale after 的 is the figure
    assert kslib.extract_metrics("长照预算超过1,150亿的规模。", currency="TWD")["value"].tolist() == [1.15e11]


@pytest.mark.parametrize("text, qualifier", [
    ("给予举报人不超过五万元的奖励。", "不超过"), ("补贴最多不超过3000元。", "最多不超过"),
    ("投资超过5万元。", "超过"),
])
def test_a_negated_bound_is_an_upper_bound_not_a_lower_one(text, qualifier):
    r = kslib.extract_metrics(text).iloc[-1]
    assert r["qualifier"] == qualifier and ("超过" not in r["text"] or qualifier == "超过")


def test_a_period_of_validity_is_a_duration():
    assert kslib.extract_metrics("本办法自2024年1月1日起施行，有效期五年。")[["value", "unit"]].values.tolist() == [[5.0, "年"]]
