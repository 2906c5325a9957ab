"""Formats told by content; record files with one document per record."""
import pytest

from kslib.readers.formats import detect_format, read_records, record_kind
from tests.conftest import FIXTURES


@pytest.mark.parametrize("text,fmt", [
    ("<!DOCTYPE html><html><head><title>t</title></head><body><p>正文。</p></body></html>", "html"),
    ("<html>\n<body>\n<p>正文。</p>", "html"),
    ("<p>第一段。</p>\n<p>第二段。</p>\n<p>第三段。</p>\n", "html"),          # fragment saved as .txt
    ("<table><tr><td>指标</td><td>4000.5</td></tr></table>", "html"),    # one-line table
    ("---\ntitle: 标题\n---\n正文。\n", "markdown"),
    ("+++\ntitle = \"标题\"\n+++\n正文。\n", "markdown"),
    ("# 标题\n\n正文。\n", "markdown"),
    ("正文第一段。\n\n## 小标题\n\n- 一\n- 二\n", "markdown"),
    ("标题\n\n正文第一段。\n\n正文第二段，增长5%。\n", "text"),
    ("规定 a < b 时，x > y。\n", "text"),
])
def test_detect_format(text, fmt):
    assert detect_format(text) == fmt


def test_dev_fragments_saved_as_txt_are_html():
    web = FIXTURES / "web"
    assert detect_format((web / "finance_portal_frag.txt").read_text("utf-8")) == "html"
    assert detect_format((web / "shanghai_decision_d06.md").read_text("utf-8")) == "markdown"


def test_json_record_one_document():
    text = '{"id": 1, "title": "標題", "date_roc": "112年08月21日", "content": "第一段。\\n\\n第二段。", "images": ["a.jpg"]}'
    assert record_kind("x.json", text) == "json"
    (rec,) = read_records(text, "json")
    assert rec.text_field == "content" and rec.text == "第一段。\n\n第二段。"
    assert rec.fields["title"] == "標題" and rec.fields["images"] == "a.jpg" and "content" not in rec.fields


def test_jsonl_and_explicit_text_field():
    text = '{"body": "甲。", "headline": "一"}\n{"body": "乙。", "headline": "二"}\n'
    assert record_kind("x.txt", text) == "jsonl"
    recs = read_records(text, "jsonl", text_field="body")
    assert [r.text for r in recs] == ["甲。", "乙。"] and recs[1].fields == {"headline": "二"}
    with pytest.raises(KeyError):
        read_records(text, "jsonl", text_field="missing")


def test_csv_records_and_longest_field_default():
    text = "编号,摘要\n1,昆山高新区发布年度报告，全年增长7%。\n2,另一篇文章的正文。\n"
    assert record_kind("a.csv", text) == "csv"
    recs = read_records(text, "csv")
    assert recs[0].text_field == "摘要" and recs[0].fields == {"编号": "1"}


def test_csv_row_with_too_many_fields_is_an_error():
    with pytest.raises(ValueError, match="more fields"):
        read_records("id,text\n1,甲,乙\n", "csv")


def test_json_suffix_without_records_is_not_a_record_file():
    assert record_kind("a.json", "not json at all") is None
    assert record_kind("a.txt", "正文。") is None
