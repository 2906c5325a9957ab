"""load_corpus: encodings, bad input named in errors/warnings, metadata fallbacks."""
import warnings

import pytest

import kslib
from kslib.corpus import METADATA_COLUMNS, CorpusError
from tests.conftest import FIXTURES


def load_quiet(path, **kw):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        df = kslib.load_corpus(path, **kw)
    return df, [str(x.message) for x in w]


def test_seed_corpus_shape_and_columns(corpus):
    assert corpus.shape[0] == 5
    assert list(corpus["doc_id"]) == sorted(corpus["doc_id"])
    for col in METADATA_COLUMNS + ["raw", "text"]:
        assert col in corpus.columns
    # raw is the file exactly as decoded
    for _, doc in corpus.iterrows():
        assert doc["raw"] == (kslib.corpus.SEEDS / doc["file"]).read_text("utf-8")


@pytest.mark.parametrize("name,encoding_prefix", [
    ("gbk", "gb"), ("gb18030", "gb18030"), ("big5", "big5"), ("utf16", "utf-16"),
    ("utf8bom", "utf-8-sig"), ("plain", "utf-8"),
])
def test_encodings_decode_correctly(name, encoding_prefix):
    df, _ = load_quiet(FIXTURES / "encodings")
    doc = df.set_index("doc_id").loc[name]
    assert doc["encoding"].lower().replace("_", "-").startswith(encoding_prefix)
    if name == "big5":
        assert "崑山高新區" in doc["raw"] and "762億元" in doc["raw"]
        assert "昆山高新区" in doc["text"] and "762亿元" in doc["text"]
        assert doc["script"] == "traditional"
    else:
        assert "昆山开发区去年完成地区生产总值2400亿元" in doc["raw"]
        assert doc["script"] == "simplified"
    assert "\ufeff" not in doc["raw"] and "\ufffd" not in doc["text"]


def test_folder_without_metadata_reads_title_and_date_from_text():
    df, _ = load_quiet(FIXTURES / "encodings")
    doc = df.set_index("doc_id").loc["gbk"]
    assert doc["title"] == "昆山开发区发布年度报告"  # first heading, Markdown mark dropped
    assert doc["date"] == "2023-02-16" and doc["date_precision"] == "day"
    assert "2023年02月16日" in doc["date_evidence"]


def test_empty_files_warn_with_name_and_are_skipped():
    df, msgs = load_quiet(FIXTURES / "empty")
    assert list(df["doc_id"]) == ["ok"]
    assert any("empty.txt" in m and "empty" in m for m in msgs)
    assert any("blank.txt" in m for m in msgs)


def test_binary_file_raises_naming_the_file():
    with pytest.raises(CorpusError, match="image.txt"):
        kslib.load_corpus(FIXTURES / "binary")


def test_binary_file_skipped_with_warning_on_request():
    df, msgs = load_quiet(FIXTURES / "binary", on_error="warn")
    assert list(df["doc_id"]) == ["ok"]
    assert any("image.txt" in m for m in msgs)


def test_undecodable_bytes_never_become_mojibake(tmp_path):
    (tmp_path / "bad.txt").write_bytes("昆山".encode("utf-8") + b"\xff\xfe\xfa\x00\x01\x02" * 50)
    with pytest.raises(CorpusError, match="bad.txt"):
        kslib.load_corpus(tmp_path)


def test_metadata_missing_column_warns_and_falls_back():
    df, msgs = load_quiet(FIXTURES / "meta_missing_column")
    assert any("metadata.csv" in m and "title" in m for m in msgs)
    doc = df.set_index("doc_id")
    assert doc.loc["a", "source"] == "新华日报"            # curated value kept
    assert doc.loc["a", "title"] == "昆山开发区发布年度报告"  # missing column: from the text
    assert doc.loc["b", "script"] == "traditional"


def test_metadata_without_doc_id_is_an_error():
    with pytest.raises(CorpusError, match="metadata.csv.*doc_id"):
        kslib.load_corpus(FIXTURES / "meta_no_doc_id")


def test_metadata_row_without_file_warns():
    df, msgs = load_quiet(FIXTURES / "meta_orphan")
    assert list(df["doc_id"]) == ["a"]
    assert any("ghost" in m for m in msgs)


def test_file_without_metadata_row_warns(tmp_path):
    (tmp_path / "a.txt").write_text("标题\n\n正文。", encoding="utf-8")
    (tmp_path / "b.txt").write_text("另一个\n\n正文。", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("doc_id,title\na,甲\n", encoding="utf-8")
    df, msgs = load_quiet(tmp_path)
    assert any("b.txt" in m and "no row" in m for m in msgs)
    assert df.set_index("doc_id").loc["b", "title"] == "另一个"


def test_not_a_folder_and_no_documents(tmp_path):
    with pytest.raises(CorpusError):
        kslib.load_corpus(tmp_path / "missing")
    with pytest.raises(CorpusError, match="no readable"):
        kslib.load_corpus(tmp_path)


# --- real-world documents (issue 12): formats, records, line endings, rules, templates ---

def test_html_markdown_and_suffixes_are_loaded_by_content(tmp_path):
    (tmp_path / "a.html").write_text("<html><head><title>甲文标题_某网站</title></head><body>"
                                     "<p>昆山高新区全年完成地区生产总值810亿元，增长7.5%。</p></body></html>", encoding="utf-8")
    (tmp_path / "b.txt").write_text("<p>第一段，内容。</p>\n<p>第二段，内容。</p>\n<p>第三段。</p>\n", encoding="utf-8")
    (tmp_path / "c.markdown").write_text("---\ntitle: 丙文\ndate: 2022-08-03\n---\n\n正文。\n", encoding="utf-8")
    df, msgs = load_quiet(tmp_path)
    df = df.set_index("doc_id")
    assert list(df["format"]) == ["html", "html", "markdown"]
    assert df.loc["a", "title"] == "甲文标题" and "<" not in df.loc["b", "text"]
    assert df.loc["c", "title"] == "丙文" and df.loc["c", "date"] == "2022-08-03"
    assert any("c.markdown" in m and "title from front matter `title`" in m and "date from front matter" in m for m in msgs)


def test_record_files_one_document_per_record(tmp_path):
    (tmp_path / "news.jsonl").write_text(
        '{"id": 7, "title": "一", "date": "2023-02-16", "content": "<p>甲文正文。</p>", "url": "https://x.cn/7"}\n'
        '{"id": 8, "title": "二", "date": "2023-02-17", "content": "乙文正文。", "url": "https://x.cn/8"}\n', encoding="utf-8")
    (tmp_path / "one.json").write_text('{"title": "三", "content": "丙文\\n\\n第二段。"}', encoding="utf-8")
    df, _ = load_quiet(tmp_path)
    df = df.set_index("doc_id")
    assert list(df.index) == ["news-1", "news-2", "one"]
    assert df.loc["news-1", "text"] == "甲文正文。" and df.loc["news-1", "format"] == "html"
    assert df.loc["news-2", "date"] == "2023-02-17" and df.loc["news-2", "url"] == "https://x.cn/8"
    assert df.loc["one", "raw"] == "丙文\n\n第二段。"  # JSON escapes resolved
    assert kslib.raw_line(df.reset_index(), "one", df.loc["one", "text"].index("第二段")) == 3


def test_record_text_field_can_be_named(tmp_path):
    (tmp_path / "r.csv").write_text("编号,摘要,备注\n1,昆山高新区发布年度报告。,甲\n2,另一篇正文。,乙\n", encoding="utf-8")
    df, _ = load_quiet(tmp_path, text_field="摘要")
    assert list(df["text"]) == ["昆山高新区发布年度报告。", "另一篇正文。"] and list(df["备注"]) == ["甲", "乙"]
    with pytest.raises(CorpusError, match="r.csv"):
        kslib.load_corpus(tmp_path, text_field="missing")


def test_lone_cr_file_loads_with_its_lines(tmp_path):
    (tmp_path / "cr.txt").write_bytes("标题一行\r\r首页 | 要闻 | 国内 | 国际\r正文第一段，说明情况。\r责任编辑：王芳\r".encode("utf-8"))
    df, _ = load_quiet(tmp_path)
    log = kslib.cleaning_log(df)
    assert set(log.loc[log["rule"].str.contains("navigation"), "line"]) == {3}
    assert set(log.loc[log["rule"].str.contains("editor"), "line"]) == {5}
    text = df.loc[0, "text"]
    assert text == "标题一行\n\n正文第一段，说明情况。"
    assert kslib.raw_line(df, "cr", text.index("正文")) == 4


def test_short_gbk_file_is_read_and_a_weak_guess_warns(tmp_path):
    (tmp_path / "a.txt").write_bytes("聚焦两会\n".encode("gbk"))
    (tmp_path / "b.txt").write_bytes("こんにちは、世界。今日はいい天気ですね。\n".encode("shift_jis"))
    df, msgs = load_quiet(tmp_path, on_error="warn")
    df = df.set_index("doc_id")
    assert df.loc["a", "raw"] == "聚焦两会\n" and df.loc["a", "encoding"] == "gb18030"
    assert any("b.txt" in m and "confidence" in m for m in msgs)


def test_corpus_boilerplate_yaml_adds_and_disables_rules(tmp_path):
    (tmp_path / "a.txt").write_text("本站口号：奋斗新时代\n\n正文第一段，说明情况。\n\n资料图片\n", encoding="utf-8")
    df, _ = load_quiet(tmp_path)
    assert "资料图片" not in df.loc[0, "text"] and "本站口号" in df.loc[0, "text"]
    (tmp_path / "boilerplate.yaml").write_text(
        "disable: [image_caption]\nline_rules:\n  - rule: site_slogan\n    max_len: 30\n    patterns: ['^本站口号.*$']\n",
        encoding="utf-8")
    df, _ = load_quiet(tmp_path)
    assert "资料图片" in df.loc[0, "text"] and "本站口号" not in df.loc[0, "text"]
    log = kslib.cleaning_log(df)
    assert "site_slogan" in set(log["rule"])


def test_site_template_lines_go_from_every_document(tmp_path):
    footer = "昆山市融媒体中心出品 欢迎读者来信"
    for i in range(4):
        (tmp_path / f"d{i}.txt").write_text(f"第{i}篇标题\n\n第{i}篇正文，内容各不相同，编号{i}。\n\n{footer}\n",
                                            encoding="utf-8")
    df, _ = load_quiet(tmp_path)
    assert not any(footer in t for t in df["text"])
    log = kslib.cleaning_log(df)
    assert (log["text"].str.strip() == footer).sum() == 4
    assert set(log.loc[log["text"].str.strip() == footer, "rule"]) == {"site_template"}


def test_normalized_repeats_the_load_and_does_not_normalise_again():
    """kslib.normalized(row) (used by metrics, KWIC, overview) gives the row's own text, and after
    load_corpus it is a cache hit: the corpus is not normalised a second time."""
    from kslib import corpus as C

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpora = [kslib.load_corpus(), kslib.load_corpus(FIXTURES / "web"), kslib.load_corpus(FIXTURES / "metrics_dev")]
    for corpus in corpora:
        before = C._normalize_cached.cache_info().misses
        assert all(kslib.normalized(row).text == row["text"] for _, row in corpus.iterrows())
        assert C._normalize_cached.cache_info().misses == before


def test_the_normalisation_context_is_bounded_like_its_cache(tmp_path):
    """corpus._CONTEXT ((raw, text) -> the call load_corpus made) never holds more entries than the cache
    it keys into, oldest first out: a long session of corpora does not grow it without end."""
    from kslib import corpus as C

    cap = C._normalize_cached.cache_info().maxsize
    before = dict(C._CONTEXT)
    try:
        C._CONTEXT.clear()
        for i in range(cap + 5):
            C._remember(f"文本{i}", f"文本{i}", ("", "", frozenset()))
        assert len(C._CONTEXT) == cap
        assert ("文本0", "文本0") not in C._CONTEXT and (f"文本{cap + 4}",) * 2 in C._CONTEXT
        (tmp_path / "a.txt").write_text("昆山高新区。\n", encoding="utf-8")
        c = kslib.load_corpus(tmp_path)
        assert len(C._CONTEXT) == cap and (c["raw"].iloc[0], c["text"].iloc[0]) in C._CONTEXT  # the newest stays
    finally:
        C._CONTEXT.clear()
        C._CONTEXT.update(before)


def test_the_same_file_in_two_corpora_keeps_each_corpus_normalisation(tmp_path):
    """A file loaded again elsewhere (no metadata.csv: its title line is inferred and removed) must not make
    the first corpus's rows find the second's normalisation: raw lines would be shifted."""
    import numpy as np

    from kslib.corpus import normalized

    seeds = kslib.load_corpus()
    before = {r["doc_id"]: np.asarray(normalized(r).offsets).copy() for r in seeds.to_dict("records")}
    for d, t in zip(seeds["doc_id"], seeds["raw"]):
        (tmp_path / f"{d}.txt").write_text(t, encoding="utf-8")
    other = kslib.load_corpus(tmp_path)
    assert (other.set_index("doc_id")["text"] != seeds.set_index("doc_id")["text"]).any()  # normalised otherwise
    for row in seeds.to_dict("records"):
        n = normalized(row)
        assert n.text == row["text"] and np.array_equal(np.asarray(n.offsets), before[row["doc_id"]])
