"""Boilerplate line rules: web furniture, appended related news, bylines, repeated paragraphs."""
import re

import pytest

import kslib
from kslib.normalize import normalize, restore_raw


def test_web_boilerplate_removed_from_003(docs):
    text = docs["003"]["text"]
    for s in ["责任编辑", "纠错", "010070080010000000000000011111131129368583", "首页", "正文", "客户端"]:
        assert s in docs["003"]["raw"] and s not in text, s
    assert "昆山开发区奋力打造全国一流现代化示范园区" in text


def test_related_news_section_removed_from_000(docs):
    raw, text = docs["000"]["raw"], docs["000"]["text"]
    tail = raw[raw.index("相關焦點"):]
    assert "集聚高新技術企業1208家" in tail
    assert "相关焦点" not in text and "1208家" not in text
    assert text.rstrip().endswith("(摘自《再燃激情——苏州「三大法宝」读本》,有删节)")
    log = kslib.cleaning_log(kslib.load_corpus())
    related = log[(log.doc_id == docs["000"]["doc_id"]) & (log.rule == "related_news")]
    assert related["line"].min() == raw[: raw.index("相關焦點")].count("\n") + 1
    assert related["line"].max() == raw.count("\n") + 1 - (raw.endswith("\n"))


def test_repeated_paragraphs_kept_once_in_004(docs):
    raw, text = docs["004"]["raw"], docs["004"]["text"]
    paras = [p.strip() for p in raw.split("\n") if p.strip()]
    repeated = {p for p in paras if paras.count(p) > 1}
    assert len(repeated) >= 5 and max(paras.count(p) for p in repeated) == 4
    kept = [p for p in text.split("\n") if p]
    assert len(kept) == len(set(kept))
    for p in repeated:
        assert text.count(p) == 1, p[:30]
    # the first occurrence is the one kept
    first = raw.index("“推窗见绿，出门见园”")
    n = kslib.normalized(docs["004"])
    assert n.offsets[text.index("“推窗见绿，出门见园”")] == first


def test_repeated_headline_after_page_break_in_000(docs):
    assert docs["000"]["raw"].count("科創之城:走出新時代高質量發展的「崑山之路」") == 2
    assert docs["000"]["text"].count("科创之城:走出新时代高质量发展的「昆山之路」") == 1
    assert "下转" not in docs["000"]["text"] and "上接" not in docs["000"]["text"]


def test_short_repeated_lines_are_kept_long_ones_removed():
    raw = "一、\n第一段内容写在这里。\n一、\n（附）\n第一段内容写在这里。\n（附）"
    n = normalize(raw)
    assert n.text.count("一、") == 2 and n.text.count("（附）") == 2
    assert n.text.count("第一段内容写在这里。") == 1
    assert [r["rule"] for r in n.log if r["rule"] != "whitespace"] == ["repeated_paragraph"]
    assert restore_raw(n.text, n.offsets, n.log) == raw


def test_bylines_and_markdown_marks(docs):
    assert "本报记者" not in docs["001"]["text"] and "本报记者" not in docs["004"]["text"]
    assert not re.search(r"(?m)^#", docs["004"]["text"])
    assert "昆山高新区：凝聚奋进伟力开新局" in docs["004"]["text"]
    assert not re.search(r"(?m)^周伟$", docs["002"]["text"])


def test_dateline_at_the_head_goes_signature_date_after_the_text_stays():
    raw = ("关于做好某项工作的通知\n\n2023年02月16日 来源：昆山日报\n\n"
           "各区镇人民政府：现将有关事项通知如下，请认真贯彻执行。\n\n昆山市人民政府\n\n2023年3月8日\n")
    n = normalize(raw)
    assert "2023年02月16日" not in n.text
    assert n.text.endswith("昆山市人民政府\n\n2023年3月8日")
    assert restore_raw(n.text, n.offsets, n.log) == raw


def test_web_furniture_lines_and_near_duplicates_in_plain_text():
    para = "昆山高新区高度重视党的建设，将党建工作与中心工作结合起来，激发基层党组织和党员干部干事创业活力，推进五大领域民心党建工程。"
    raw = ("首页 | 要闻 | 国内 | 国际\n下载 打印 收藏 【字号：大 中 小】\n\n标题\n\n"
           f"{para}\n\n一直以来，{para}\n\n责任编辑：王芳\n扫码下载客户端\n")
    n = normalize(raw)
    assert n.text == f"标题\n\n{para}"
    near = [r for r in n.log if r["rule"] == "near_duplicate"]
    assert len(near) == 1 and near[0]["line"] == 8 and near[0]["note"] == "repeats line 6"


@pytest.mark.parametrize("line", ["END", "- END -", "—END—", "THE END", "（完）", "【完】", "-完-"])
def test_an_end_mark_on_its_own_line_is_removed(line):
    n = normalize("全市地区生产总值增长5%。\n" + line + "\n")
    assert [r["rule"] for r in n.log if r["rule"] != "whitespace"] == ["end_mark"]


@pytest.mark.parametrize("line", ["完成全年目标", "END OF YEAR REVIEW", "（完善机制）"])
def test_what_only_starts_like_an_end_mark_stays(line):
    assert line in normalize("全市地区生产总值增长5%。\n" + line + "\n").text


@pytest.mark.parametrize("line", ["点击上方蓝字 关注我们", "点击上方“昆山发布”关注我们", "戳上方蓝字订阅", "喜欢就点个“在看”吧",
                                  "记得点赞哦"])
def test_calls_to_follow_or_like_are_furniture(line):
    n = normalize(line + "\n全市地区生产总值增长5%，比上年提高0.3个百分点。")
    assert line not in n.text and "地区生产总值" in n.text


def test_an_appended_list_of_earlier_posts_is_cut():
    prose = "全市地区生产总值增长5%，比上年提高0.3个百分点，增速居全省第一。"
    n = normalize(prose + "\n\n往期推荐\n昆山这些地方又上新了！\n速看！昆山最新政策来了")
    assert n.text == prose
    assert {r["rule"] for r in n.log if r["rule"] != "whitespace"} == {"related_news"}
