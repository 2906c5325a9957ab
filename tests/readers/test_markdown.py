"""Markdown: front matter parsed and removed, markup and link targets out, text kept."""
from kslib.normalize import restore_raw
from kslib.normalize.buffer import Buffer as _Buffer
from kslib.readers.markdown import front_matter, parse_markdown


def apply(raw):
    doc = parse_markdown(raw)
    buf = _Buffer(raw)
    buf.edit(doc.spans)
    log = [dict(rule=r.rule, raw_start=r.raw_start, raw_end=r.raw_end, text=raw[r.raw_start:r.raw_end],
                replacement=r.replacement) for r in buf.rows if r]
    assert restore_raw(buf.text, buf.origin, log) == raw
    return buf.text, doc, log


def test_yaml_front_matter():
    raw = "---\ntitle: \"港府公布新措施\"\ndate: Wed, 03 Aug 2022 09:00:00 +0800\ntags: [香港, 经济]\n---\n正文。\n"
    text, doc, log = apply(raw)
    assert text == "正文。\n" and doc.front_matter_format == "yaml"
    assert doc.front_matter == {"title": "港府公布新措施", "date": "Wed, 03 Aug 2022 09:00:00 +0800", "tags": "香港;经济"}
    assert log[0]["rule"] == "front_matter"


def test_toml_front_matter_and_yaml_dates():
    _, fields, fmt, _ = front_matter('+++\ntitle = "标题"\ndate = 2023-02-16T08:30:00+08:00\n+++\n正文')
    assert fmt == "toml" and fields["date"].startswith("2023-02-16T08:30")
    _, fields, _, _ = front_matter("---\ndate: 2022-08-03\n---\n")
    assert fields["date"] == "2022-08-03"


def test_thematic_break_then_prose_is_not_front_matter():
    end, fields, _, _ = front_matter("---\n这是一段正文。\n---\n")
    assert end == 0 and fields == {}


def test_broken_front_matter_is_reported_not_fatal():
    _, _, fmt, err = front_matter("---\ntitle: [unclosed\n---\n正文")
    assert fmt == "yaml" and "does not parse" in err


def test_links_keep_their_text_targets_go():
    raw = "据[政府新闻处](https://www.info.gov.hk/gia/%E5%85%AC%E5%B8%83.htm \"标题\")消息，见[附件][1]。\n\n[1]: https://x.hk/a.pdf\n"
    text, _, log = apply(raw)
    assert text.strip() == "据政府新闻处消息，见附件。"
    assert "%E5" not in text and {"link_target", "markdown"} <= {r["rule"] for r in log}


def test_images_go_whole_and_linked_images_too():
    text, _, _ = apply("![图](https://x/y.png)\n[![图](a.png)](https://x)\n正文。\n")
    assert text.strip() == "正文。"


def test_emphasis_between_cjk_characters_and_snake_case_stays():
    text, _, _ = apply("据悉，*今日*公布**新措施**与~~旧~~方案，变量 snake_case_name 不变。\n")
    assert text == "据悉，今日公布新措施与旧方案，变量 snake_case_name 不变。\n"


def test_headings_lists_quotes_rules_tables():
    raw = "# 标题 #\n\n> 引用一句。\n\n- 第一项\n* 第二项\n\n---\n\n| 指标 | 数值 |\n|---|---:|\n| 产值 | 100 |\n\n1. 有序项保留编号\n"
    text, doc, _ = apply(raw)
    lines = [l.strip() for l in text.split("\n") if l.strip()]
    assert lines == ["标题", "引用一句。", "第一项", "第二项", "指标   数值", "产值   100", "1. 有序项保留编号"]
    assert doc.headings[0][:2] == (1, "标题")


def test_code_fences_go():
    text, _, log = apply("正文。\n\n```python\nprint('x')\n```\n\n结尾。\n")
    assert "print" not in text and "markdown_code" in {r["rule"] for r in log}


def test_html_inside_markdown():
    raw = "<figure>\n<img src=\"a.jpg\">\n<figcaption>资料图片</figcaption>\n</figure>\n\n正文&nbsp;一段。<!-- INFO END -->\n"
    text, _, log = apply(raw)
    assert text.strip() == "正文 一段。" and "image_caption" in {r["rule"] for r in log}


def test_angle_brackets_that_are_not_html_stay():
    text, _, _ = apply("当 a <b 时成立，<某某> 不是标签。\n")
    assert text == "当 a <b 时成立，<某某> 不是标签。\n"
