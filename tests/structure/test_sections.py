"""kslib.structure.sections: heading shapes, nesting and levels, review/plan scope; on the dev documents."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kslib import structure as S
from tests.structure.texts import NESTED, REPORT, dev, gold


def _secs(text, date=None):
    return S.sections(text, date=date)


def _by_title(df):
    return {r.title: r for r in df.itertuples()}


@pytest.mark.parametrize("line, style", [
    ("第一部分 总体要求", "part"),
    ("第二编　分则", "part"),
    ("第三章 发展目标", "chapter"),
    ("第十二节 保障措施", "section"),
    ("一、2025年工作回顾", "cn"),
    ("十一、加强政府自身建设", "cn"),
    ("（一）扩大有效投资", "cn_paren"),
    ("(二)稳定就业", "cn_paren"),
    ("1. 推进重大项目建设", "arabic"),
    ("2、加快城市更新", "arabic"),
    ("3．推动消费回升", "arabic"),
    ("1.1 主要指标", "arabic_decimal"),
    ("（1）提升县城功能", "arabic_paren"),
    ("(12)完善便民设施", "arabic_paren"),
    ("① 加强耕地保护", "circled"),
    ("# 预算案要点", "markdown"),
    ("### 新年度预算安排", "markdown"),
])
def test_heading_shapes_are_found(line, style):
    text = f"{line}\n这是正文第一句，用于说明本节内容的具体安排和要求。\n"
    df = _secs(text)
    assert list(df["style"]) == [style]
    assert df.iloc[0]["start"] == 0 and df.iloc[0]["end"] == len(text.rstrip())


def test_a_title_may_stand_over_an_author_and_date_block():
    text = ("2024年全市国民经济和社会发展统计公报\n市统计局\n（2025年3月1日）\n"
            "2024年，全市经济运行总体平稳，主要指标好于预期。\n一、综合\n全年地区生产总值增长5%。\n")
    df = _secs(text, "2025-03-01")
    assert list(df["style"]) == ["title", "cn"]
    assert (df.iloc[0]["year"], df.iloc[0]["kind"]) == (2024, "review")
    # without a body after the block, a short first line is not a title
    assert len(_secs("市统计局\n数据\n单位：亿元\n")) == 0


def test_a_series_of_thesis_lines_are_headings_but_a_single_one_or_an_address_is_not():
    body = "围绕发展目标，统筹推进各项工作，加快形成新的增长点，推动经济社会高质量发展。" * 2
    text = f"总体要求\n{body}\n争当产业创新的示范。\n{body}\n争当改革开放的示范。\n{body}\n"
    df = _secs(text)
    assert list(df[df["style"] == "thesis"]["title"]) == ["争当产业创新的示范", "争当改革开放的示范"]
    assert set(df[df["style"] == "thesis"]["kind"]) == {"plan"}
    one = f"总体要求\n{body}\n这是特殊时期的特殊举措。\n{body}\n"
    assert "thesis" not in set(_secs(one)["style"])
    address = f"各位代表！\n{body}\n各位代表！\n{body}\n"
    assert len(_secs(address)) == 0


def test_plain_short_line_opens_body_and_is_a_heading():
    text = ("本报讯 全市经济运行总体平稳，主要指标好于预期，发展质量稳步提升。\n"
            "去年经济表现\n"
            "全年地区生产总值增长5%，规模以上工业增加值增长6.2%。\n")
    df = _secs(text, "2025-02-26")
    assert list(df["title"]) == ["去年经济表现"]
    assert df.iloc[0]["style"] == "plain"
    assert df.iloc[0]["kind"] == "review" and df.iloc[0]["year"] == 2024


@pytest.mark.parametrize("line", [
    "（完）", "(完)", "【责任编辑：王五】", "（根据直播整理）", "（2013年3月20日）",
    "表1 2012年地区生产总值", "图2　规模以上工业增加值增速", "单位：亿元", "注：本表按现价计算",
    "资料来源：市统计局", "责任编辑：张三", "2025年2月26日", "2023-02-16 07:54:18",
    "——2020年5月22日在第十三届全国人民代表大会第三次会议上", "记者 李四",
    "www.example.gov.cn",
])
def test_furniture_and_captions_are_not_headings(line):
    text = (f"全市经济运行总体平稳，主要指标好于预期。\n{line}\n"
            "全年地区生产总值增长5%，规模以上工业增加值增长6.2%，发展质量稳步提升。\n")
    assert len(_secs(text)) == 0


def test_short_line_not_followed_by_body_is_not_a_heading():
    # a speaker line before a salutation, a caption before a unit line, table cells
    text = ("国务院总理 李克强\n各位代表：\n"
            "2012年地区生产总值\n单位：亿元\n指标\n绝对数\n4000.5\n"
            "现在，我代表国务院，向大会报告政府工作，请予审议。\n")
    assert len(_secs(text)) == 0


def test_numbered_list_items_are_not_headings():
    text = ("今年发展的主要预期目标如下，各地要结合实际抓好落实，确保完成。\n"
            "1. 地区生产总值增长5%左右；\n"
            "2. 城镇新增就业1100万人以上；\n"
            "3. 居民消费价格涨幅3%左右。\n"
            "这些目标综合考虑了各方面因素，是积极稳妥的。\n")
    assert len(_secs(text)) == 0


def test_lead_in_heads_its_list_only():
    text = ("二、2026年工作安排\n"
            "做好今年工作，要坚持稳中求进工作总基调，全面深化改革开放。\n"
            "2026年主要预期目标是：\n"
            "1. 地区生产总值增长5%左右；\n"
            "2. 一般公共预算收入增长4%；\n"
            "3. 居民人均可支配收入增长与经济增长同步。\n"
            "实现上述目标，需要付出艰苦努力，各部门要切实担起责任。\n")
    df = _secs(text, "2026-01-15")
    t = _by_title(df)
    lead = t["2026年主要预期目标是："]
    assert lead.style == "lead" and lead.parent == t["2026年工作安排"].section
    assert text[lead.start:lead.end].endswith("3. 居民人均可支配收入增长与经济增长同步。")
    assert lead.kind == "plan" and lead.year == 2026
    # the closing paragraph is back in the outer section only
    st = S.structure(text, date="2026-01-15")
    assert st.unit_at(text.index("实现上述目标")).section == t["2026年工作安排"].section


def test_multi_sentence_numbered_paragraph_is_not_a_heading():
    text = ("一、扩大内需\n"
            "1. 推动消费回升。支持餐饮、商场、文化、旅游等生活服务业恢复发展。\n"
            "2. 扩大有效投资。今年拟安排地方政府专项债券3.75万亿元。\n")
    df = _secs(text)
    assert list(df["title"]) == ["扩大内需"]


def test_numbered_heading_with_final_punctuation_opens_a_body():
    text = ("（一）坚持稳中求进工作总基调，着力创新和完善宏观调控，经济运行保持在合理区间。\n"
            "这些年，世界经济复苏乏力，国际金融市场跌宕起伏。\n"
            "（二）坚持以供给侧结构性改革为主线，着力培育壮大新动能。\n"
            "紧紧依靠改革破解经济发展和结构失衡难题。\n")
    df = _secs(text)
    assert list(df["style"]) == ["cn_paren", "cn_paren"]


def test_decimal_at_line_start_is_not_numbering():
    text = "3.5万元补贴资金已全部发放到位，惠及全市困难群众。\n2012年，全市经济平稳增长。\n"
    assert len(_secs(text)) == 0


def test_nested_numbering_levels_parents_and_extents():
    df = _secs(NESTED)
    t = _by_title(df)
    assert [t[x].level for x in ["总体要求", "指导思想", "突出重点", "产业升级", "主要任务"]] == [1, 2, 3, 4, 1]
    assert t["产业升级"].parent == t["突出重点"].section
    assert t["突出重点"].parent == t["指导思想"].section
    assert t["基本原则"].parent == t["总体要求"].section
    assert t["主要任务"].parent == -1
    # a section runs to the next heading of the same or an outer level
    assert NESTED[t["突出重点"].start:t["突出重点"].end].rstrip().endswith("改造提升老旧小区和背街小巷。")
    assert NESTED[t["总体要求"].start:t["总体要求"].end].rstrip().endswith("坚持系统观念。")
    assert t["主要任务"].end == len(NESTED.rstrip())
    assert (df["body_start"] > df["start"]).all()


def test_levels_are_dense_over_the_styles_used():
    text = "（一）第一项\n这是第一项的正文内容，说明有关情况。\n（1）细目\n这是细目的正文内容。\n"
    assert list(_secs(text)["level"]) == [1, 2]


def test_markdown_levels_nest_chinese_numbering():
    text = "# 总则\n本办法适用于全市范围内的有关工作。\n## 一、目标\n到2025年，基本建成示范区。\n"
    df = _secs(text)
    assert list(df["level"]) == [1, 2] and df.iloc[1]["parent"] == 0


def test_review_and_plan_scope_from_heading_cues():
    df = _secs(REPORT, "2026-01-20")
    t = _by_title(df)
    r = t["2025年工作回顾"]
    assert (r.kind, r.kind_cue, r.kind_from, r.year) == ("review", "工作回顾", "heading", 2025)
    assert (t["“十四五”时期主要成就"].kind, t["“十四五”时期主要成就"].period) == ("review", "2021-2025")
    p = t["2026年主要预期目标"]
    assert (p.kind, p.year, p.kind_from) == ("plan", 2026, "heading")
    assert (t["2026年重点工作"].kind, t["2026年重点工作"].year) == ("plan", 2026)
    f = t["今后五年奋斗目标"]
    assert (f.kind, f.period) == ("plan", "2026-2030")


def test_scope_is_inherited_unless_the_subsection_states_its_own():
    t = _by_title(_secs(REPORT, "2026-01-20"))
    sub = t["经济运行稳中向好"]
    assert (sub.kind, sub.kind_from, sub.year) == ("review", "parent", 2025)
    inv = t["扩大有效投资"]
    assert (inv.kind, inv.kind_from, inv.year) == ("plan", "parent", 2026)
    own = t["过去五年的经验"]  # a review inside a plan: its own scope, not the parent's year
    assert (own.kind, own.kind_from, own.period) == ("review", "heading", "2021-2025")
    assert pd.isna(own.year)


def test_completion_of_targets_is_a_review():
    t = _by_title(_secs(REPORT, "2026-01-20"))
    done = t["圆满完成全年目标任务"]
    assert done.kind == "review" and done.year == 2025
    text = "六、确保实现脱贫攻坚目标，促进农业丰收农民增收\n落实脱贫攻坚和乡村振兴举措，保障重要农产品供给。\n"
    assert _secs(text, "2020-05-22").iloc[0]["kind"] == "plan"


def test_plan_scope_runs_on_to_following_siblings():
    t = _by_title(_secs(REPORT, "2026-01-20"))
    s = t["坚定不移深化改革"]
    assert (s.kind, s.kind_from, s.year) == ("plan", "sibling", 2026)


def test_review_scope_does_not_run_on_to_siblings():
    text = ("一、2025年工作回顾\n全年地区生产总值增长5.2%，发展质量稳步提升。\n"
            "二、清醒认识存在的困难和问题\n部分企业生产经营困难，就业压力依然较大。\n")
    t = _by_title(_secs(text, "2026-01-20"))
    assert t["清醒认识存在的困难和问题"].kind is None


@pytest.mark.parametrize("title, kind", [
    ("2024年预算执行情况", "review"),
    ("2025年预算草案", "plan"),
    ("关于2024年预算执行情况和2025年预算草案", None),
    ("过去五年工作回顾和今后五年目标任务", None),
    ("今年发展主要目标和下一阶段工作总体部署", "plan"),
    ("2019年和今年以来工作回顾", "review"),
    ("对今年政府工作的建议", "plan"),
    ("十年来取得的主要成就", "review"),
    ("新年度预算安排", "plan"),
    ("中期展望", "plan"),
    ("加大宏观政策实施力度，着力稳企业保就业", None),
    ("综合", None),
])
def test_heading_kind_is_decided_head_final_per_conjunct(title, kind):
    text = f"一、{title}\n这是正文第一句，说明有关情况和具体要求。\n"
    row = _secs(text, "2025-03-05").iloc[0]
    assert row["kind"] == kind
    if kind is None and "和" in title and "目标" in title:
        assert row["kind_cue"].startswith("mixed:")


def test_time_named_by_a_heading_decides_kind_without_cue_words():
    text = ("一、2026年的形势\n发展面临的环境依然复杂。\n"
            "二、2019年的主要数据\n全年地区生产总值增长6.1%。\n"
            "三、2027年的发展\n地区生产总值增长5%左右。\n")
    df = _secs(text, "2026-03-05")
    assert list(df["kind"]) == [None, "review", "plan"]   # the document's own year decides nothing
    assert list(df["kind_from"]) == [None, "time", "time"]


def test_d04_review_and_plan_sections_are_found():
    text = dev("d04_state_council_gwr_2020_gbk.txt", "gb18030")
    df = _secs(text, "2020-05-22")
    cn = df[df["style"] == "cn"]
    assert list(cn["marker"]) == ["一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、"]
    first, second = cn.iloc[0], cn.iloc[1]
    assert (first["kind"], first["period"]) == ("review", "2019-2020")
    assert (second["title"], second["kind"], second["year"]) == ("今年发展主要目标和下一阶段工作总体部署", "plan", 2020)
    assert (cn.iloc[2:]["kind"] == "plan").all() and (cn.iloc[2:]["year"] == 2020).all()
    # no furniture among the headings
    assert not df["heading"].str.contains("根据直播整理|来源|各位代表|李克强").any()




def test_d04_gold_targets_lie_in_plan_sections_and_review_rows_in_the_review():
    text = dev("d04_state_council_gwr_2020_gbk.txt", "gb18030")
    st = S.structure(text, date="2020-05-22")
    offsets = np.cumsum([0] + [len(l) + 1 for l in text.split("\n")])
    review_end = st.sections[st.sections["marker"] == "二、"].iloc[0]["start"]
    rows = gold("d04_state_council_gwr_2020_gbk")
    assert len(rows) >= 40
    for r in rows:
        pos = int(offsets[int(r["line"]) - 1]) + text.split("\n")[int(r["line"]) - 1].find(r["span"])
        scope = st.scope_at(pos)
        if pos < review_end:
            assert scope.kind == "review", r     # incl. 原定的近2万亿元, a plan figure quoted in a review
        elif r["kind"] == "target":
            assert (scope.kind, scope.year) == ("plan", 2020), r


def test_d05_review_of_five_years_and_its_nine_subsections():
    text = dev("d05_state_council_gwr_2018_utf8bom.txt", "utf-8-sig")
    df = _secs(text, "2018-03-05")
    top = df[df["style"] == "cn"]
    assert list(top["title"]) == ["过去五年工作回顾"]
    assert (top.iloc[0]["kind"], top.iloc[0]["period"]) == ("review", "2013-2017")
    subs = df[df["style"] == "cn_paren"]
    assert len(subs) == 9 and (subs["parent"] == top.iloc[0]["section"]).all()
    assert (subs["kind"] == "review").all() and (subs["period"] == "2013-2017").all()
    # the file holds only section 一: no plan section is invented
    assert not (df["kind"] == "plan").any()


def test_d02_communique_sections_without_table_captions():
    import re

    raw = dev("d02_daqing_stats_communique_2012_htmlfrag.txt", "utf-8")
    text = re.sub(r"<[^>]+>", "", raw)  # markup off, line structure kept
    df = _secs(text, "2013-03-20")
    # the title stands over the office and date lines; it names the year the communiqué reports
    title = df.iloc[0]
    assert (title["style"], title["title"], title["year"]) == ("title", "2012年大庆市国民经济和社会发展统计公报", 2012)
    assert title["kind"] == "review"  # a past year named by the title, in a 2013 document
    assert list(df["marker"])[1:] == [f"{n}、" for n in "一二三四五六七八九十"]
    assert list(df["title"])[1:4] == ["综合", "农业", "工业和建筑业"]
    # table captions (2012年地区生产总值 + 单位：亿元) and cells are not headings
    assert not df["title"].iloc[1:].str.contains("单位|2012年").any()


def test_hong_kong_fixture_after_normalisation():
    from kslib.normalize import normalize

    text = normalize(dev("hk_budget_news.md", "utf-8")).text
    df = _secs(text, "2025-02-26")
    t = _by_title(df)
    assert (t["去年经济表现"].kind, t["去年经济表现"].year) == ("review", 2024)
    assert (t["新年度预算安排"].kind, t["新年度预算安排"].year) == ("plan", 2025)
    assert t["中期展望"].kind == "plan"
    assert "（完）" not in t and "2025年2月26日" not in t
