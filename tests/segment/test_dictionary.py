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
