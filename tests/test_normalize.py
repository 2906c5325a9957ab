"""Normalisation rules, on the seeds and on small strings, and the audit invariant:
raw = kept text + logged removals/changes, for every document."""
import re

import pytest

import kslib
from kslib.normalize import normalize, restore_raw


def test_audit_invariant_every_seed(corpus):
    for _, doc in corpus.iterrows():
        n = kslib.normalized(doc)
        assert n.text == doc["text"]
        assert restore_raw(n.text, n.offsets, n.log) == doc["raw"], doc["doc_id"]


def test_audit_invariant_detects_an_unlogged_change(docs):
    n = kslib.normalized(docs["003"])
    tampered = n.text.replace("昆山", "崑山", 1)
    assert restore_raw(tampered, n.offsets, n.log) != docs["003"]["raw"]


def test_cleaning_log_rows_name_document_line_rule_text(corpus):
    log = kslib.cleaning_log(corpus)
    assert list(log.columns[:5]) == ["doc_id", "line", "rule", "text", "replacement"]
    raw = dict(zip(corpus["doc_id"], corpus["raw"]))
    for r in log.itertuples():
        assert raw[r.doc_id][r.raw_start:r.raw_end] == r.text
        lines = raw[r.doc_id].split("\n")
        first = r.text.split("\n")[0]
        assert first in lines[r.line - 1] or first == "", (r.doc_id, r.line, r.text)


def test_traditional_to_simplified(docs):
    text = docs["000"]["text"]
    assert "崑" not in text and "億" not in text
    assert "昆山" in text and "高质量发展" in text and "亿元" in text
    # every 崑山 of the article is 昆山 now (minus the headline repeated after the page break)
    assert text.count("昆山") == docs["000"]["raw"].split("相關焦點")[0].count("崑山") - 1
    # Simplified seeds are left alone by t2s
    log = kslib.cleaning_log(kslib.load_corpus())
    assert not ((log["rule"] == "t2s") & (log["doc_id"].str[:3] != "000")).any()


def test_ocr_slip_in_number(docs):
    assert "l億元" in docs["000"]["raw"]
    assert "各获1亿元项目" in docs["000"]["text"] or "1亿元" in docs["000"]["text"]
    assert not re.search(r"[lIO]亿", docs["000"]["text"])


@pytest.mark.parametrize("raw,expected", [
    ("获l億元资助", "获1亿元资助"),
    ("增长l2.5%", "增长12.5%"),
    ("共1O0家", "共100家"),
    ("引进IBM和Intel项目", "引进IBM和Intel项目"),
    ("点击播放 GIF 0.3M", "点击播放 GIF 0.3M"),
    ("I型项目", "I型项目"),
])
def test_ocr_rule_only_touches_digits(raw, expected):
    assert normalize(raw).text == expected


@pytest.mark.parametrize("raw,expected", [
    ("２０１８年ＧＤＰ增长７．１％", "2018年GDP增长7.1%"),
    ("结合昆山开发区国批 30 周年、昆山试验区国批第 10 年", "结合昆山开发区国批30周年、昆山试验区国批第10年"),
    ("人均增收 8.5 万元", "人均增收8.5万元"),
    ("总额 1 000 000 元", "总额1000000元"),
    ("对标 RCEP 等高标准", "对标 RCEP 等高标准"),
])
def test_width_and_number_spacing(raw, expected):
    n = normalize(raw)
    assert n.text == expected
    assert restore_raw(n.text, n.offsets, n.log) == raw


def test_spaced_numbers_in_002(docs):
    assert "国批 30 周年" in docs["002"]["raw"]
    assert "国批30周年" in docs["002"]["text"]
    assert not re.search(r"\d [\u4e00-\u9fff]|[\u4e00-\u9fff] \d", docs["002"]["text"])


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


def test_page_break_split_paragraph_rejoined(docs):
    assert "以构\n\n建自主可控" in docs["001"]["raw"]
    assert "以构建自主可控先进制造业体系" in docs["001"]["text"]
    assert "由电子信息产业" in docs["002"]["text"].replace("\n", "")
    # a caption after a truncated paragraph is not glued to it
    assert "\n\n阳澄湖科技园" in docs["001"]["text"]


def test_bylines_and_markdown_marks(docs):
    assert "本报记者" not in docs["001"]["text"] and "本报记者" not in docs["004"]["text"]
    assert not re.search(r"(?m)^#", docs["004"]["text"])
    assert "昆山高新区：凝聚奋进伟力开新局" in docs["004"]["text"]
    assert not re.search(r"(?m)^周伟$", docs["002"]["text"])


def test_text_maps_back_to_raw_lines(corpus, docs):
    doc = docs["000"]
    pos = doc["text"].index("1亿元")
    assert kslib.raw_line(corpus, doc["doc_id"], pos) == 21
    pos = docs["004"]["text"].index("日前，总投资8万元")
    assert kslib.raw_line(corpus, docs["004"]["doc_id"], pos) == 75


def test_text_has_paragraphs_and_no_stray_whitespace(corpus):
    for t in corpus["text"]:
        assert "\n\n\n" not in t and t == t.strip()
        assert not re.search(r"(?m)^[ \t]|[ \t]$", t)


def test_short_repeated_lines_are_kept_long_ones_removed():
    raw = "一、\n第一段内容写在这里。\n一、\n（完）\n第一段内容写在这里。\n（完）"
    n = normalize(raw)
    assert n.text.count("一、") == 2 and n.text.count("（完）") == 2
    assert n.text.count("第一段内容写在这里。") == 1
    assert [r["rule"] for r in n.log if r["rule"] != "whitespace"] == ["repeated_paragraph"]
    assert restore_raw(n.text, n.offsets, n.log) == raw


from hypothesis import given, settings, strategies as st

_PIECES = st.sampled_from([
    "昆山", "崑山", "億元", "萬", "高質量發展", "l", "I", "O", "0", "7", "8.5", " ", "  ", "\n", "\n\n", "\t",
    "１２", "％", "　", "，", "。", "# ", "## ", "(下轉A2版)", "相關焦點\n", "【纠错】 [责任编辑: 某某 ]\n",
    "本报记者 张三\n", "新华网客户端\n", "0100700800100000000\n", "2023年02月16日 07:54:18 来源: 新华日报\n",
    "重复的一整段文字在这里。\n", "GDP", "IBM", "万元", "以构", "建设", "第 10 年",
])


@settings(max_examples=int(__import__("os").environ.get("KSLIB_HYPOTHESIS_EXAMPLES", 300)), deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_audit_invariant_holds_for_any_text(raw):
    n = normalize(raw)
    assert restore_raw(n.text, n.offsets, n.log) == raw
    assert len(n.offsets) == len(n.text)
    for r in n.log:
        assert raw[r["raw_start"]:r["raw_end"]] == r["text"]


def test_same_length_rewrites_keep_per_character_raw_offsets():
    """崑山 in a run of converted characters: each clean character points at its own raw character."""
    raw = "美麗崑山，ＧＤＰ增長３０％。"
    n = normalize(raw)
    assert n.text == "美丽昆山，GDP增长30%。"
    for ch_clean, raw_expected in [("昆", "崑"), ("丽", "麗"), ("长", "長")]:
        pos = n.text.index(ch_clean)
        assert raw[n.offsets[pos]] == raw_expected
    pos = n.text.index("30")
    assert raw[n.offsets[pos]: n.offsets[pos + 1] + 1] == "３０"
    assert restore_raw(n.text, n.offsets, n.log) == raw
