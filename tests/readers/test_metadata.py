"""Metadata from the document: every common date form, titles that are titles, origins."""
import pytest

from kslib.readers.html import parse_html
from kslib.readers.markdown import parse_markdown
from kslib.readers.metadata import clean_title, infer_metadata, parse_date


@pytest.mark.parametrize("s,expected", [
    ("2023-02-16", ("2023-02-16", "day")),
    ("2023/2/16 07:54", ("2023-02-16", "day")),
    ("2023.02.16", ("2023-02-16", "day")),
    ("2022-08-03T09:00:00+08:00", ("2022-08-03", "day")),
    ("2007-08-20-23:59:59", ("2007-08-20", "day")),
    ("Wed, 03 Aug 2022 09:00:00 +0800", ("2022-08-03", "day")),
    ("2023年02月16日", ("2023-02-16", "day")),
    ("2023年2月16日 07:54", ("2023-02-16", "day")),
    ("二〇一九年三月五日", ("2019-03-05", "day")),
    ("二〇二三年十二月三十一日", ("2023-12-31", "day")),
    ("民國112年08月21日", ("2023-08-21", "day")),
    ("中华民国一一二年八月二十一日", ("2023-08-21", "day")),
    ("August 3, 2022", ("2022-08-03", "day")),
    ("3 Aug 2022", ("2022-08-03", "day")),
    ("20230216", ("2023-02-16", "day")),
    ("2021年6月", ("2021-06", "month")),
    ("2021", ("2021", "year")),
])
def test_date_forms(s, expected):
    assert parse_date(s) == expected


@pytest.mark.parametrize("s", ["2019-02-30", "2023年13月1日", "民國112年02月30日", "下午三点", ""])
def test_impossible_or_no_dates(s):
    assert parse_date(s) is None


def test_bare_minguo_year_only_where_the_field_says_so():
    assert parse_date("112年08月21日", roc=True) == ("2023-08-21", "day")
    assert parse_date("112年08月21日") is None


def test_title_without_the_site_name():
    t = "全国人民代表大会常务委员会关于批准财政部发行特别国债购买外汇及调整2007　年末国债余额限额的决议__2007年第23号国务院公报_中国政府网"
    assert clean_title(t) == "全国人民代表大会常务委员会关于批准财政部发行特别国债购买外汇及调整2007年末国债余额限额的决议"
    assert clean_title("港府公布新措施 | 香港新闻网") == "港府公布新措施"


def vis(text):
    return [(i, line) for i, line in enumerate(text.split("\n"), 1)]


def test_front_matter_fields_and_origins():
    raw = "---\ntitle: 港府公布新措施\ndate: Wed, 03 Aug 2022 09:00:00 +0800\nauthor: 陳家明, 李四\nsource: 香港經濟日報\n---\n\n# 另一个标题\n"
    md = parse_markdown(raw)
    got = infer_metadata("markdown", vis(raw), markdown=md)
    assert got["title"].value == "港府公布新措施" and "front matter `title`" in got["title"].origin
    assert got["date"].value == "2022-08-03" and got["date_precision"].value == "day"
    assert got["authors"].value == "陳家明;李四" and got["source"].value == "香港經濟日報"


def test_title_never_a_toolbar_word_or_a_rule_line():
    text = "---\n下载\n首页 | 要闻 | 国内\n昆山出台二十条措施支持民营经济发展\n正文第一段，写得很长。"
    got = infer_metadata("text", vis(text), clean=vis(text))
    assert got["title"].value == "昆山出台二十条措施支持民营经济发展"


def test_dateline_at_the_head_beats_page_generation_meta():
    raw = ('<html><head><title>决议_中国政府网</title><meta name="firstpublishedtime" content="2007-08-20-23:59:59">'
           '</head><body><p>决议</p><p>（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）</p>'
           '<p>会议决定：批准发行15500亿元特别国债，2008年起实施。</p></body></html>')
    doc = parse_html(raw)
    visible = [(1, "决议"), (1, "（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）"), (1, "会议决定：批准发行15500亿元特别国债，2008年起实施。")]
    got = infer_metadata("html", visible, html=doc)
    assert got["date"].value == "2007-06-29" and "dateline" in got["date"].origin
    doc2 = parse_html(raw.replace("（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）", ""))
    got2 = infer_metadata("html", [(1, "决议")], html=doc2)
    assert got2["date"].value == "2007-08-20" and "firstpublishedtime" in got2["date"].origin


def test_a_date_inside_a_sentence_is_only_the_last_resort():
    text = "报告\n\n2023年2月11日，在昆山开发区推进大会上，书记说。"
    got = infer_metadata("text", vis(text))
    assert got["date"].value == "2023-02-11" and got["date"].origin.startswith("first date in the text")


def test_meta_author_the_page_never_names_is_not_taken():
    raw = '<html><head><meta name="author" content="马娟"></head><body><p>正文。</p></body></html>'
    assert "authors" not in infer_metadata("html", [(1, "正文。")], html=parse_html(raw))
    assert infer_metadata("html", [(1, "正文。马娟")], html=parse_html(raw))["authors"].value == "马娟"


def test_record_fields_and_minguo_field():
    got = infer_metadata("text", [(1, "正文")], record={"title": "總統出席開幕典禮", "date_roc": "103年11月07日"})
    assert got["title"].value == "總統出席開幕典禮" and got["date"].value == "2014-11-07"
    assert "Minguo" in got["date"].origin


def test_nothing_found_is_nothing():
    assert infer_metadata("text", [(1, "")]) == {}


def test_source_from_a_dateline():
    for line, source in [("2020-12-16 南通網", "南通網"), ("2023年04月12日 15:32 中国证券报", "中国证券报"),
                         ("1985年9月18日 国务院发布", "国务院"), ("2021年6月23日 上海市第十五届人民代表大会常务委员会第三十二次会议通过", None),
                         ("2023年2月16日 星期四", None)]:
        got = infer_metadata("text", [(1, "标题"), (3, line), (5, "正文第一段，内容。")])
        assert got.get("source") and got["source"].value == source if source else "source" not in got, line
