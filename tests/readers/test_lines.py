"""Line breaks: every form counts, raw stays as it was."""
from kslib.readers.lines import line_break_spans, line_starts, split_lines


def test_lone_cr_file_has_its_lines():
    raw = "标题\r\r第一段。\r第二段。"
    assert [t for _, _, t in split_lines(raw)] == ["标题", "", "第一段。", "第二段。"]
    assert list(line_starts(raw)) == [0, 3, 4, 9]


def test_crlf_is_one_break():
    raw = "甲\r\n乙\r\n"
    assert [t for _, _, t in split_lines(raw)] == ["甲", "乙", ""]
    assert line_break_spans(raw) == [(1, 3, "\n", "line_break"), (4, 6, "\n", "line_break")]


def test_unicode_separators_and_nel():
    raw = "甲\u2028乙\u2029丙\x85丁\n戊"
    assert [t for _, _, t in split_lines(raw)] == ["甲", "乙", "丙", "丁", "戊"]
    assert [s[2] for s in line_break_spans(raw)] == ["\n"] * 3  # LF needs no rewrite


def test_plain_lf_needs_no_span():
    assert line_break_spans("甲\n乙\n") == []
