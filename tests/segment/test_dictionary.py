"""The user dictionary and stopword files: validated, with errors naming file and line."""

import pytest

import kslib
from kslib import segment
from kslib.segment import DictionaryError, read_userdict
from tests.segment.test_backends import DOMAIN_TERMS


def test_userdict_is_valid_and_large():
    entries = read_userdict(segment.USERDICT)
    assert len(entries) >= 150
    assert all(tag for _, _, tag in entries), "every entry carries a POS tag"
    words = {w for w, _, _ in entries}
    assert set(DOMAIN_TERMS) <= words


@pytest.mark.parametrize("data, line, message", [
    ("昆山高新区 3000 ns\n".encode("utf-8-sig"), 1, "byte-order mark"),
    ("昆山高新区 3000 ns\r\n科创之城 100 nz\r\n".encode(), 1, "line ending"),
    ("昆山高新区 3000 ns\n科创之城 100 nz\n".encode("gbk"), 1, "UTF-8"),
    ("昆山高新区 3000 ns\n昆山 高新区 3000 ns\n".encode(), 2, "space inside"),
    ("昆山高新区 3000 ns\n科创之城\n".encode(), 2, "no frequency"),
    ("昆山高新区 3000 ns\n科创之城 nz\n".encode(), 2, "frequency"),
    ("昆山高新区\t3000 ns\n".encode(), 1, "one ASCII space"),
    ("昆山高新区 3000 ns \n".encode(), 1, "trailing whitespace"),
    ("昆山高新区 0 ns\n".encode(), 1, "positive"),
    ("昆山高新区 3000 ns\n科创之城 10 nz\n昆山高新区 5 ns\n".encode(), 3, "duplicate"),
])
def test_bad_dictionary_lines_raise_naming_file_and_line(tmp_path, data, line, message):
    path = _write(tmp_path, data)
    with pytest.raises(DictionaryError) as e:
        read_userdict(path)
    assert str(path) in str(e.value)
    assert f"line {line}:" in str(e.value)
    assert message in str(e.value)


def test_bad_dictionary_stops_the_tokenizer(tmp_path, monkeypatch):
    path = _write(tmp_path, "昆山高新区 3000 ns\n科创之城\n".encode())
    monkeypatch.setattr(segment.dictionary, "USERDICT", path)
    with pytest.raises(DictionaryError):
        kslib.tokenize("科创之城")


def test_good_dictionary_file_parses(tmp_path):
    path = _write(tmp_path, "昆山高新区 3000 ns\n\n科创之城 100\n".encode())
    assert read_userdict(path) == [("昆山高新区", 3000, "ns"), ("科创之城", 100, None)]


def test_stopwords_merge_package_and_domain_list():
    import stopwordsiso

    sw = kslib.stopwords()
    assert isinstance(sw, frozenset)
    assert {"的", "和", "推动", "加快", "全面", "进一步"} <= sw
    assert "区" in stopwordsiso.stopwords("zh") and "区" not in sw, "-区 un-stops a packaged word"
    assert not {"发展", "创新", "高质量发展", "科创"} & sw


def test_stopword_file_format(tmp_path):
    p = tmp_path / "sw.txt"
    p.write_text("# comment\n推动\n\n-的\n", encoding="utf-8")
    sw = kslib.stopwords(p)
    assert "推动" in sw and "的" not in sw and "# comment" not in sw and "和" in sw
    p.write_text("推 动\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="line 1"):
        kslib.stopwords(p)


def _write(tmp_path, data: bytes):
    p = tmp_path / "userdict.txt"
    p.write_bytes(data)
    return p


# --- a corpus's own dictionary: <folder>/userdict.txt ---------------------------------------

def _corpus_folder(tmp_path):
    """Two seed-like documents that split 功率射频半导体产业创新基地 and 阳澄湖创新论坛 with the project
    dictionary alone."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("开工建设功率射频半导体产业创新基地。举办第二届阳澄湖创新论坛。\n", encoding="utf-8")
    (folder / "b.txt").write_text("打响阳澄湖创新论坛品牌，功率射频半导体产业创新基地投用。\n", encoding="utf-8")
    return folder


def test_userdict_beside_the_corpus_is_used_for_it(tmp_path):
    from kslib.segment import corpus_userdict, write_userdict

    folder = _corpus_folder(tmp_path)
    corpus = kslib.load_corpus(folder)
    assert corpus_userdict(corpus) is None
    before = kslib.tokens(corpus)
    assert not before["token"].isin(["功率射频半导体产业创新基地", "阳澄湖创新论坛"]).any()
    path = write_userdict(["阳澄湖创新论坛", "功率射频半导体产业创新基地"], folder)
    assert path == folder / "userdict.txt"
    entries = read_userdict(path)
    assert [w for w, _, _ in entries] == ["功率射频半导体产业创新基地", "阳澄湖创新论坛"]  # sorted
    assert all(f >= 500 and t == "nz" for _, f, t in entries)
    corpus = kslib.load_corpus(folder)
    assert list(corpus["doc_id"]) == ["a", "b"]  # userdict.txt is not a document
    assert corpus_userdict(corpus) == path
    after = kslib.tokens(corpus)
    assert (after["token"] == "功率射频半导体产业创新基地").sum() == 2 and (after["token"] == "阳澄湖创新论坛").sum() == 2
    texts = dict(zip(corpus["doc_id"], corpus["text"]))
    assert all(texts[d][s:e] == t for d, s, e, t in after[["doc_id", "start", "end", "token"]].itertuples(False))
    # the project's own segmentation is unchanged: another corpus, and kslib.tokenize
    assert "阳澄湖创新论坛" not in kslib.tokenize("举办第二届阳澄湖创新论坛")
    # editing the corpus dictionary changes the cache key: no stale tokens
    path.write_text("阳澄湖创新论坛 500 nz\n", encoding="utf-8")
    again = kslib.tokens(kslib.load_corpus(folder))
    assert not (again["token"] == "功率射频半导体产业创新基地").any() and (again["token"] == "阳澄湖创新论坛").sum() == 2


def test_corpus_userdict_is_validated_like_the_project_one(tmp_path):
    folder = _corpus_folder(tmp_path)
    (folder / "userdict.txt").write_text("阳澄湖创新论坛 500 nz\n阳澄湖 创新论坛 500 nz\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"userdict.txt, line 2"):
        kslib.tokens(kslib.load_corpus(folder))
    with pytest.raises(ValueError, match="clause"):
        kslib.write_userdict(["阳澄湖，创新论坛"], folder)
