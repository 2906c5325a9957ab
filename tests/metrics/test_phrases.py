"""kslib.metrics.phrases: the words of an indicator, one function at a time."""
import pytest

from kslib.metrics.phrases import clean_indicator, head_of, measure_of, right_noun, without_associative_de


@pytest.mark.parametrize("phrase,want", [
    ("2019年的地区生产总值", "地区生产总值"),   # a time expression before
    ("同时城镇人口", "城镇人口"),                # a leading conjunction
    ("居民人均可支配收入已", "居民人均可支配收入"),  # a trailing predicate
    ("增", ""),                                   # what is left of a predicate names nothing
    ("尽管出口总额", "出口总额"),                # a concessive or causal conjunction opening the clause
    ("由于工业产值", "工业产值"),
    ("出口总额呈现", "出口总额"),                # a predicate of appearance (呈现/出现/录得 + the figure)
    ("日币走跌造成该国旅客出国人数", "该国旅客出国人数"),  # the effect of a causative verb, not its cause
    ("疫情导致企业营收", "企业营收"),
    ("增速比全国平均水平低", "增速"),             # a comparison base with its comparative
    ("城镇登记失业率比上年高", "城镇登记失业率"),
    ("上证指数涨", "上证指数"),                  # a one-character rise or fall predicate
])
def test_clean_indicator(phrase, want):
    assert clean_indicator(phrase) == want


def test_head_of_takes_the_noun_after_the_last_modifier():
    assert head_of("全省的旅游总收入") == "旅游总收入"
    assert head_of("第一产业实现增加值") == "第一产业增加值"   # the subject owns a bare measure noun
    assert head_of("全市实现工业增加值") == "工业增加值"        # a scope subject adds nothing


def test_right_noun_stops_at_a_delimiter_or_a_digit():
    text = "建成18个小游园，新增5家"
    assert right_noun(text, text.index("个") + 1) == "小游园"
    text = "签约项目30个重点"
    assert right_noun(text, text.index("目") + 1) == ""  # a digit follows at once: no noun


@pytest.mark.parametrize("unit,left,want", [
    ("%", "地区生产总值增长", "growth"), ("%", "第三产业占比", "share"), ("CNY", "新增贷款", "change"),
    ("CNY", "地区生产总值", "level"), ("pp", "提高", "change"),
])
def test_measure_of(unit, left, want):
    assert measure_of({"unit": unit}, left, left) == want


@pytest.mark.parametrize("phrase,want", [
    ("从业人员", "从业人员"), ("及时率", "及时率"), ("并购交易额", "并购交易额"), ("还款金额", "还款金额"),
    ("其中住宅", "住宅"), ("同时城镇人口", "城镇人口"), ("但也还债", "还债"),
])
def test_a_leading_function_word_goes_only_as_a_word(phrase, want):
    """从 of 从业, 及 of 及时, 并 of 并购, 还 of 还款 open a word and stay; 其中, 同时, 但, 也 are words of their own."""
    assert clean_indicator(phrase) == want


@pytest.mark.parametrize("phrase, want", [
    # an associative 的 after a modifier of nouns only: the compound noun of a statistic
    ("台湾的GDP", "台湾GDP"),
    ("中央政府的长期债务", "中央政府长期债务"),
    ("城市的人均收入", "城市人均收入"),
    # the 的 of a relative clause (a verb before it) is kept, and so is a 的 inside a word or a second 的
    ("来华工作的外国专家", "来华工作的外国专家"),
    ("来自研发中心的党员", "来自研发中心的党员"),
    ("中央政府层面设立的涉企收费项目", "中央政府层面设立的涉企收费项目"),
    ("旅游目的地", "旅游目的地"),
    ("全省的城市的人口", "全省的城市的人口"),
])
def test_without_associative_de(phrase, want):
    assert without_associative_de(phrase) == want


def test_measure_of_a_rank_is_a_level_unless_it_moves():
    from kslib.metrics import extract_metrics

    assert extract_metrics("增速位列全市第一。")["measure"].tolist() == ["level"]   # 增 of 增速 is no change cue
    assert extract_metrics("排名提升5位。")["measure"].tolist() == ["change"]
