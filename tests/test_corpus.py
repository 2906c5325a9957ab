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
