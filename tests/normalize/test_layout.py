"""Line layout: paragraphs hard-wrapped at a page's width or split by a page break are rejoined;
page numbers on their own lines are removed."""
import pytest

from kslib.metrics import extract_metrics
from kslib.normalize import normalize, restore_raw


def test_page_break_split_paragraph_rejoined(docs):
    assert "以构\n\n建自主可控" in docs["001"]["raw"]
    assert "以构建自主可控先进制造业体系" in docs["001"]["text"]
    assert "由电子信息产业" in docs["002"]["text"].replace("\n", "")
    # a caption after a truncated paragraph is not glued to it
    assert "\n\n阳澄湖科技园" in docs["001"]["text"]


def _wrap(paragraph: str, width: int) -> str:
    """paragraph broken every `width` characters, as PDF text extraction writes it."""
    return "\n".join(paragraph[i:i + width] for i in range(0, len(paragraph), width))


_P1 = ("初步核算，全年地区生产总值二千八百亿元，按可比价格计算，比上年增长五点六个百分点以上，其中第一产业增加值九十八亿元，"
       "增长三点一个百分点；第二产业增加值一千二百亿元，增长六点二个百分点；第三产业增加值一千五百亿元，增长五点三个百分点。")
_P2 = ("年末常住人口三百八十六万人，比上年末增加二万人。全年出生人口二万八千人，人口出生率为七点二六个千分点，死亡人口"
       "二万人，人口自然增长率为二点零个千分点，城镇化率为七十八点六个百分点，比上年末提高零点五个百分点。")


def _doc(width: int = 24) -> str:
    return "统计公报\n\n一、综合\n\n" + _wrap(_P1, width) + "\n\n二、人口\n\n" + _wrap(_P2, width) + "\n"


@pytest.mark.parametrize("width", [16, 24, 37])
def test_hard_wrapped_paragraphs_are_rejoined_and_logged(width):
    raw = _doc(width)
    n = normalize(raw)
    assert _P1 in n.text and _P2 in n.text
    assert "一、综合\n\n" + _P1 in n.text  # the heading before stays a line of its own
    joins = [r for r in n.log if r["rule"] == "hard_wrap_join"]
    assert len(joins) == sum(-(-len(p) // width) - 1 for p in (_P1, _P2))  # every break inside a paragraph
    assert all(r["text"] == "\n" and r["replacement"] == "" for r in joins)
    assert restore_raw(n.text, n.offsets, n.log) == raw


def test_a_figure_split_by_a_wrap_is_read_whole_on_its_raw_line():
    raw = _wrap("全年全市地区生产总值2856.3亿元，按可比价格计算，比上年增长5.6%，其中第一产业增加值98.2亿元，增长3.1%；"
                "第二产业增加值1203.5亿元，增长6.2%；第三产业增加值1554.6亿元，增长5.3%。", 21)
    m = extract_metrics(raw)
    assert m["value"].tolist() == [2.8563e11, 5.6, 9.82e9, 3.1, 1.2035e11, 6.2, 1.5546e11, 5.3]
    assert set(m["indicator"].iloc[4:6]) == {"第二产业增加值"}
    lines = raw.split("\n")
    for r in m.itertuples():  # each figure's line is the raw line its first character is on
        assert r.text[0] in lines[r.line - 1]


def test_latin_words_split_by_a_wrap_keep_a_space():
    raw = "\n".join(["该报告引用了世界银行的数据库 World Bank", "Open Data 和国际货币基金组织的统计口径", "International Monetary Fund 的各项统",
                     "计口径，并且采用了购买力平价方法换算处理", "结果显示差距仍在扩大。"])
    text = normalize(raw).text
    assert "World Bank Open Data 和国际货币基金组织的统计口径International" in text and "\n" not in text


@pytest.mark.parametrize("raw", [
    # one paragraph a line (the common case): no line ends at the page's width
    "\n".join([_P1, "二、人口", _P2, "三、农业", _P1[:40]]),
    # lines that end their sentence are not joined, whatever their width
    "\n".join(_P1[i:i + 24] + "。" for i in range(0, 96, 24)),
    # headlines of equal length before longer body lines are not a wrap
    "\n".join(["昆山高新区庆祝建党一百周年暨党史学习教育主题活动", _P1, "昆山市一业一证改革首批行业综合许可证发布仪式", _P2,
               "大渔村日间照料中心投入使用并面向全体老人开放服务", _P1]),
    # table rows written as text (columns of spaces) stay rows
    "\n".join(f"指标名称第{k}项目内容说明  亿元  {k}2856.3  5.{k}  比上年增长情况" for k in range(1, 6)),
])
def test_what_is_not_a_hard_wrap_stays(raw):
    n = normalize(raw)
    assert not [r for r in n.log if r["rule"] == "hard_wrap_join"]


def test_a_line_after_an_indent_or_a_heading_mark_starts_a_paragraph():
    wrapped = _wrap(_P1 + _P2, 24).split("\n")
    raw = "\n".join(wrapped[:3] + ["　　" + wrapped[3][2:]] + wrapped[4:6] + ["（一）" + wrapped[6][3:]] + wrapped[7:])
    text = normalize(raw).text
    assert "\n" + wrapped[3][2:] in text and "\n（一）" in text
    assert wrapped[0] + wrapped[1] in text


@pytest.mark.parametrize("line", ["— 3 —", "- 12 -", "－3－", "·7·", "第 3 页 共 12 页", "第3页/共12页", "共12页 第3页",
                                  "Page 3 of 12", "第 5 页"])
def test_a_page_number_on_its_own_line_is_removed_and_logged(line):
    raw = _P1 + "\n" + line + "\n" + _P2
    n = normalize(raw)
    assert line.replace(" ", "") not in n.text.replace(" ", "")
    assert [r["text"].strip() for r in n.log if r["rule"] == "page_number"] == [line]


@pytest.mark.parametrize("line", ["2023", "3-5", "第3页内容详见附件二", "—— 2023年度报告 ——", "1 / 12"])
def test_what_is_not_a_page_number_stays(line):
    assert not [r for r in normalize(_P1 + "\n" + line + "\n" + _P2).log if r["rule"] == "page_number"]
