"""The audit buffer: restore_raw rebuilds raw exactly, detects unlogged changes, and every character keeps its raw offset."""
from hypothesis import given, settings
from hypothesis import strategies as st

import kslib
from kslib.normalize import normalize, restore_raw


def test_audit_invariant_detects_an_unlogged_change(docs):
    n = kslib.normalized(docs["003"])
    tampered = n.text.replace("昆山", "崑山", 1)
    assert restore_raw(tampered, n.offsets, n.log) != docs["003"]["raw"]


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


def test_text_maps_back_to_raw_lines(corpus, docs):
    doc = docs["000"]
    pos = doc["text"].index("1亿元")
    assert kslib.raw_line(corpus, doc["doc_id"], pos) == 21
    pos = docs["004"]["text"].index("日前，总投资8万元")
    assert kslib.raw_line(corpus, docs["004"]["doc_id"], pos) == 75
