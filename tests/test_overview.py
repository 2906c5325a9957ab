"""Corpus overview tables: summary, cleaning per rule, repeated paragraphs."""
import pandas as pd

import kslib
from kslib.overview import FORM_RULES, cleaning_summary, corpus_summary, repeated_paragraphs


def _corpus(tmp_path, text):
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    return kslib.load_corpus(tmp_path)


def test_corpus_summary_counts_characters_and_paragraphs(tmp_path):
    corpus = _corpus(tmp_path, "标题\n\n第一段落的文字。\n\n第二段落的文字。\n\n责任编辑：张三\n")
    s = corpus_summary(corpus).iloc[0]
    assert s["chars_raw"] == len(corpus["raw"].iloc[0]) and s["chars_text"] == len(corpus["text"].iloc[0])
    assert s["paragraphs"] == 3 and 0 < s["kept_share"] < 1


def test_cleaning_summary_separates_removals_from_form_changes(tmp_path):
    corpus = _corpus(tmp_path, "标题\n\n崑山的發展很好很好。\n\n责任编辑：张三\n")
    s = cleaning_summary(corpus).set_index("rule")
    assert s.loc["editor", "kind"] == "removed" and s.loc["editor", "chars"] == len("责任编辑：张三\n")
    assert s.loc["t2s", "kind"] == "changed" and "t2s" in FORM_RULES
    assert cleaning_summary(kslib.cleaning_log(corpus)).equals(cleaning_summary(corpus))


def test_repeated_paragraphs_name_the_kept_first_line(tmp_path):
    para = "这是一个足够长的重复段落，用来检查。"
    corpus = _corpus(tmp_path, f"标题\n\n{para}\n\n中间的段落内容。\n\n{para}\n\n{para}\n")
    r = repeated_paragraphs(corpus)
    assert r[["line", "first_line", "copy"]].values.tolist() == [[7, 3, 2], [9, 3, 3]]
    assert (r["text"] == para).all()


def test_overview_tables_on_a_corpus_without_repeats(tmp_path):
    r = repeated_paragraphs(_corpus(tmp_path, "标题\n\n只有一段。\n"))
    assert r.empty and list(r.columns) == ["doc_id", "line", "first_line", "chars", "text", "copy", "rule"]
    assert isinstance(r, pd.DataFrame)


def test_near_duplicates_of_004_name_the_paragraph_they_repeat(corpus):
    r = repeated_paragraphs(corpus)
    near = r[r["rule"] == "near_duplicate"]
    assert set(near["doc_id"].str[:3]) == {"004"}
    row = near.set_index("line").loc[49]  # "一直以来，" + the paragraph of line 23
    assert row["first_line"] == 23 and row["text"].startswith("一直以来，昆山高新区高度重视党的建设")
