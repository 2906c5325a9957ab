"""kslib.structure.units: paragraphs, sentences, clauses; cost linear in the text length."""
from __future__ import annotations


from kslib import structure as S
from tests.structure.texts import REPORT


def _texts(text, df):
    return [text[s:e] for s, e in zip(df["start"], df["end"])]


def test_paragraphs_are_non_blank_lines_with_line_numbers():
    text = "  第一段内容。\n\n第二段，\t\n\n\n第三段！"
    df = S.paragraphs(text)
    assert _texts(text, df) == ["第一段内容。", "第二段，", "第三段！"]
    assert list(df["line"]) == [1, 3, 6]
    assert list(df["paragraph"]) == [0, 1, 2]


def test_sentences_end_at_terminators_with_their_closers():
    text = "他说：“今年要稳中求进。”我们坚决拥护！真的吗？当然……然后继续\n第二行没有句号"
    df = S.sentences(text)
    assert _texts(text, df) == ["他说：“今年要稳中求进。”", "我们坚决拥护！", "真的吗？", "当然……",
                                "然后继续", "第二行没有句号"]
    assert list(df["paragraph"]) == [0, 0, 0, 0, 0, 1]


def test_a_parenthesis_keeps_its_terminator_inside_its_sentence():
    text = "地区生产总值增长10%（按可比价格计算。下同）。第二句。"
    assert _texts(text, S.sentences(text)) == ["地区生产总值增长10%（按可比价格计算。下同）。", "第二句。"]


def test_unbalanced_brackets_do_not_swallow_the_paragraph():
    text = "（一）的说明不完整。第一句。第二句（未闭合。第三句。" + "第四句。" * 100
    df = S.sentences(text)
    assert len(df) >= 100


def test_clauses_split_at_commas_semicolons_colons_but_not_inside_numbers_or_brackets():
    text = ("初步核算，全年地区生产总值4,000.5亿元（按可比价格计算，下同）；"
            "时间为07:54，比上年增长10%, 8000多万人进城：“稳就业，保民生”为重点。")
    got = _texts(text, S.clauses(text))
    assert got == ["初步核算，", "全年地区生产总值4,000.5亿元（按可比价格计算，下同）；", "时间为07:54，",
                   "比上年增长10%,", "8000多万人进城：", "“稳就业，保民生”为重点。"]


def test_enumeration_comma_does_not_split_clauses():
    text = "教育、文化、体育和社会保障等各项事业全面进步。"
    assert len(S.clauses(text)) == 1


def test_units_tile_each_paragraph_and_share_one_index():
    text = REPORT
    st = S.structure(text, date="2026-01-20")
    for _, p in st.paragraphs.iterrows():
        sents = st.sentences[st.sentences["paragraph"] == p["paragraph"]]
        assert sents["start"].min() == p["start"] and sents["end"].max() == p["end"]
    for _, s in st.sentences.iterrows():
        cl = st.clauses[st.clauses["sentence"] == s["sentence"]]
        assert cl["start"].min() == s["start"] and cl["end"].max() == s["end"]
        assert (cl["paragraph"] == s["paragraph"]).all()


def test_empty_text_gives_empty_frames_with_columns():
    st = S.structure("")
    assert list(st.paragraphs.columns) == S.PARAGRAPH_COLUMNS and len(st.paragraphs) == 0
    assert list(st.sentences.columns) == S.SENTENCE_COLUMNS and len(st.sentences) == 0
    assert list(st.clauses.columns) == S.CLAUSE_COLUMNS and len(st.clauses) == 0
    assert list(st.sections.columns) == S.SECTION_COLUMNS and len(st.sections) == 0
    assert st.unit_at(0) == S.Units(-1, -1, -1, -1)


def test_one_long_line_is_one_paragraph_of_its_sentences():
    """Without line breaks the text is one paragraph with every sentence (cost: bench/linear_cost.py)."""
    para = ("全市地区生产总值增长5.2%，（按可比价格计算，下同）比上年提高0.3个百分点；"
            "“十四五”规划目标顺利完成。规模以上工业增加值2,300亿元！")
    st = S.structure(para * 2000, date="2026-02-01")
    assert len(st.paragraphs) == 1 and len(st.sentences) == 2 * 2000


def test_clauses_cut_per_paragraph_equal_clauses_cut_per_sentence():
    """unit_spans finds the clause separators once per paragraph; on random texts of separators, digits,
    brackets, quotes and spaces its clauses are those of cutting each sentence on its own."""
    import random

    from kslib.structure import units as U

    cfg = U.config()
    alphabet = list("发展经济，,;；:：。！?.0123 （）()“”「」") + ["\n", "1,000", "3:2", "…", "。”"]
    rng = random.Random(11)
    for _ in range(400):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 80)))
        paras, sents, claus = U.unit_spans(text)
        want = []
        for s_idx, (ss, se, p) in enumerate(sents):
            ps, pe, _ = paras[p]
            every = U._protected(text, ps, pe, cfg["allbracket_re"], cfg["all_open"])
            for cs, ce in U._split(text, ss, se, cfg["clause_re"], every, [a for a, _ in every]):
                want.append((cs, ce, s_idx, p))
        assert claus == want, text
