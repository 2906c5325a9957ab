"""Attribution: distributive lists, kind and year cues, indicators in news sentences."""


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
