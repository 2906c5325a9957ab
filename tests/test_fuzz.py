"""Adversarial input: every case ends in a named outcome — loaded with these values, or a
warning naming the file, or an error naming the file — never a silent skip or a wrong value.

Each case writes a small folder (bytes as a user's disk would hold them) and loads it with
kslib.load_corpus; numbers in odd forms go through kslib.extract_metrics.
"""
from __future__ import annotations

import math
import os
import re
import tempfile
import unicodedata
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

import kslib
from kslib.corpus import CorpusError

ZH = "昆山高新区2018年实现地区生产总值1000亿元，同比增长7%。"
ZH2 = "推进夏驾河科创走廊建设，打造全国一流现代化示范园区。"
TRAD = "崑山高新區實現地區生產總值762億元，同比增長7.5%。"
BODY = f"{ZH}\n{ZH2}\n"


@dataclass
class Case:
    """files: name -> bytes / str (UTF-8) / Link(target) / "fifo"; outcome "load", "warn" (loads,
    and a warning matching `match` names the file) or "error" (CorpusError matching `match`)."""

    id: str
    files: dict
    outcome: str
    match: str = ""
    check: Callable | None = None
    kwargs: dict = field(default_factory=dict)


@dataclass
class Link:
    target: str  # relative to the corpus folder ("../x" leaves it)


def _build(folder: Path, files: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        p = folder / name
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, Link):
            os.symlink(data.target, p)
        elif data == "fifo":
            os.mkfifo(p)
        else:
            p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def _load(folder: Path, **kw):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        corpus = kslib.load_corpus(folder, **kw)
    return corpus, [str(x.message) for x in w]


def _doc(corpus, doc_id):
    rows = corpus[corpus["doc_id"] == doc_id]
    assert len(rows) == 1, f"{doc_id} not loaded once: {list(corpus['doc_id'])}"
    return rows.iloc[0]


def _text_is(doc_id, raw=None, text=None, encoding=None):
    def check(c):
        d = _doc(c, doc_id)
        if raw is not None:
            assert d["raw"] == raw
        if text is not None:
            assert d["text"] == text
        if encoding is not None:
            assert d["encoding"].lower().replace("_", "-") == encoding
    return check


def _lines(doc_id, word_lines):
    """kwic finds each word on the stated raw line (line breaks of any form counted)."""
    def check(c):
        for word, line in word_lines.items():
            k = kslib.kwic(c, word)
            k = k[k["doc_id"] == doc_id]
            assert list(k["line"]) == [line], (word, list(k["line"]))
    return check


def _ids(*ids):
    def check(c):
        assert sorted(c["doc_id"]) == sorted(ids)
    return check


def _meta(doc_id, **values):
    def check(c):
        d = _doc(c, doc_id)
        for col, v in values.items():
            assert d[col] == v, (col, d[col], v)
    return check


def _all(*checks):
    def check(c):
        for ch in checks:
            ch(c)
    return check


GBK_TEXT = f"昆山开发区发布年度报告\n{ZH}\n{ZH2}\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + bytes(range(256)) * 4
ZIP = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes((i * 7 + 3) % 256 for i in range(1024))
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<</Length 200/Filter/FlateDecode>>stream\n" + bytes(
    (i * 131 + 17) % 256 for i in range(600))
LONG_NAME = "昆" * 80 + ".txt"  # 80 × 3 bytes + 4: close to the 255-byte limit
NFD_NAME = unicodedata.normalize("NFD", "Café") + ".txt"
META = "doc_id,title,date,date_precision,date_evidence,source,authors,script,subject\n"

CASES = [
    # --- encodings ---
    Case("gbk", {"a.txt": GBK_TEXT.encode("gbk")}, "load", check=_text_is("a", raw=GBK_TEXT, encoding="gb18030")),
    Case("gb18030_four_byte", {"a.txt": (BODY + "𠀀𪚥\n").encode("gb18030")}, "load",
         check=_text_is("a", raw=BODY + "𠀀𪚥\n", encoding="gb18030")),
    Case("big5_traditional", {"a.txt": (TRAD + "\n").encode("big5")}, "load",
         check=_all(_text_is("a", raw=TRAD + "\n"), _meta("a", script="traditional"),
                    lambda c: "昆山高新区实现地区生产总值762亿元" in _doc(c, "a")["text"])),
    Case("utf16_bom", {"a.txt": BODY.encode("utf-16")}, "load", check=_text_is("a", raw=BODY, encoding="utf-16")),
    Case("utf16le_english_no_bom", {"a.txt": ("Kunshan high-tech zone grew 7% in 2018.\n" * 3).encode("utf-16-le")},
         "load", check=_text_is("a", raw="Kunshan high-tech zone grew 7% in 2018.\n" * 3, encoding="utf-16-le")),
    Case("utf16be_english_no_bom", {"a.txt": ("Kunshan high-tech zone grew 7% in 2018.\n" * 3).encode("utf-16-be")},
         "load", check=_text_is("a", raw="Kunshan high-tech zone grew 7% in 2018.\n" * 3, encoding="utf-16-be")),
    Case("utf16le_chinese_no_bom_warns", {"a.txt": BODY.encode("utf-16-le")}, "warn", r"a\.txt.*utf.16.le.*confidence",
         check=_text_is("a", raw=BODY)),
    Case("utf32_bom", {"a.txt": BODY.encode("utf-32")}, "load", check=_text_is("a", raw=BODY, encoding="utf-32")),
    Case("latin1_is_cp1252_with_warning", {"a.txt": "Café déjà vu, naïve résumé.\n".encode("latin-1")}, "warn",
         r"a\.txt.*cp1252", check=_text_is("a", raw="Café déjà vu, naïve résumé.\n")),
    Case("cp1252_smart_quotes", {"a.txt": "“Smart quotes” – and €5.\n".encode("cp1252")}, "warn", r"a\.txt.*cp1252",
         check=_text_is("a", raw="“Smart quotes” – and €5.\n")),
    Case("utf8_with_one_invalid_byte", {"a.txt": (BODY * 3).encode() + b"\xff" + BODY.encode()}, "error",
         rf"a\.txt.*invalid byte 0xff at byte {len((BODY * 3).encode())} \(line 7\)"),
    Case("utf8_truncated_mid_character", {"a.txt": (BODY * 2).encode().rstrip(b"\n")[:-1]}, "error",
         r"a\.txt.*not UTF-8 .*at byte \d+"),
    Case("utf8_then_gbk", {"a.txt": BODY.encode() + BODY.encode("gbk")}, "error",
         rf"a\.txt.*not UTF-8 .*at byte {len(BODY.encode())} \(line 3\)"),
    Case("utf8_bom_before_gbk", {"a.txt": b"\xef\xbb\xbf" + BODY.encode("gbk")}, "error",
         r"a\.txt.*utf-8 byte-order mark.*at byte 3"),
    Case("utf16_bom_odd_length", {"a.txt": BODY.encode("utf-16") + b"\x00"}, "error",
         r"a\.txt.*utf-16 byte-order mark.*truncated"),
    Case("shift_jis_warns", {"a.txt": "東京都の人口は増加した。日本語のテキストです。\n".encode("shift_jis")}, "warn",
         r"a\.txt.*cp932", check=_text_is("a", raw="東京都の人口は増加した。日本語のテキストです。\n")),
    # --- byte-order marks and line endings ---
    Case("utf8_bom", {"a.txt": b"\xef\xbb\xbf" + BODY.encode()}, "load", check=_text_is("a", raw=BODY)),
    Case("crlf", {"a.txt": "标题\r\n\r\n" + ZH + "\r\n" + ZH2 + "\r\n"}, "load",
         check=_all(_lines("a", {"实现地区": 3, "夏驾河": 4}), lambda c: "\r" not in _doc(c, "a")["text"])),
    Case("lone_cr", {"a.txt": "标题\r\r" + ZH + "\r" + ZH2}, "load", check=_lines("a", {"实现地区": 3, "夏驾河": 4})),
    Case("u2028_u2029", {"a.txt": "标题\u2029" + ZH + "\u2028" + ZH2}, "load",
         check=_lines("a", {"实现地区": 2, "夏驾河": 3})),
    Case("nel", {"a.txt": "标题\x85" + ZH + "\x85" + ZH2}, "load", check=_lines("a", {"实现地区": 2, "夏驾河": 3})),
    Case("mixed_line_endings", {"a.txt": "标题\r\n" + ZH + "\r" + ZH2 + "\n尾段，结束了这个很长的测试段落。\u2028末行"},
         "load", check=_lines("a", {"实现地区": 2, "夏驾河": 3, "尾段": 4, "末行": 5})),
    Case("crlf_gbk", {"a.txt": GBK_TEXT.replace("\n", "\r\n").encode("gbk")}, "load",
         check=_all(_text_is("a", raw=GBK_TEXT.replace("\n", "\r\n")), _lines("a", {"夏驾河": 3}))),
    # --- binary, NUL bytes, huge and empty files ---
    Case("png_named_txt", {"a.txt": PNG, "ok.txt": BODY}, "error", r"a\.txt.*not text.*0x89 at byte 0"),
    Case("zip_named_txt", {"a.txt": ZIP}, "error", r"a\.txt.*not text"),
    Case("pdf_named_md", {"a.md": PDF}, "error", r"a\.md.*(not text|binary)"),
    Case("binary_skipped_on_request", {"a.txt": PNG, "ok.txt": BODY}, "warn", r"skipped:.*a\.txt.*not text",
         check=_ids("ok"), kwargs={"on_error": "warn"}),
    Case("nul_bytes_only", {"a.txt": b"\x00" * 100, "ok.txt": BODY}, "error", r"a\.txt: 100 NUL bytes"),
    Case("text_then_nul_padding", {"a.txt": BODY.encode() + b"\x00" * 64}, "error",
         rf"a\.txt.*64 of them NUL.*U\+0000, at byte {len(BODY.encode())} \(line 3\)"),
    Case("one_huge_line", {"a.txt": ZH * 40000}, "load",
         check=_all(_text_is("a", raw=ZH * 40000), lambda c: len(_doc(c, "a")["title"]) <= 200)),
    Case("huge_line_without_punctuation", {"a.txt": "标题\n" + "昆" * 300000}, "load",
         check=_all(_meta("a", title="标题"), lambda c: _doc(c, "a")["text"].endswith("昆" * 1000))),
    Case("empty_file", {"a.txt": b"", "ok.txt": BODY}, "warn", r"a\.txt: empty file, skipped", check=_ids("ok")),
    Case("whitespace_only", {"a.txt": " \t\r\n\u3000\u3000\n", "ok.txt": BODY}, "warn", r"a\.txt: empty file",
         check=_ids("ok")),
    Case("bom_only", {"a.txt": b"\xef\xbb\xbf", "ok.txt": BODY}, "warn", r"a\.txt: empty file", check=_ids("ok")),
    Case("only_empty_files", {"a.txt": b"", "b.md": b"\n\n"}, "error", r"no readable documents"),
    # --- metadata.csv ---
    Case("metadata_without_doc_id", {"a.txt": BODY, "metadata.csv": "title,date\n甲,2019\n"}, "error",
         r"metadata\.csv: has no doc_id column"),
    Case("metadata_missing_doc_id_value", {"a.txt": BODY, "metadata.csv": "doc_id,title\n,甲\na,乙\n"}, "warn",
         r"metadata\.csv: line 2 has no doc_id", check=_meta("a", title="乙")),
    Case("metadata_duplicate_ids", {"a.txt": BODY, "metadata.csv": "doc_id,title\na,甲\nb,乙\na,丙\n"}, "error",
         r"metadata\.csv: doc_id repeated: 'a' on lines \[2, 4\]"),
    Case("metadata_row_with_too_many_fields", {"a.txt": BODY, "b.txt": BODY,
                                              "metadata.csv": "doc_id,title,date\na,甲,2019\nb,乙,2019,extra\n"},
         "error", r"metadata\.csv: line 3 has 4 fields, the header 3"),
    Case("metadata_trailing_commas_are_fine", {"a.txt": BODY, "metadata.csv": "doc_id,title,date,\na,甲,2019,,\n"},
         "load", check=_meta("a", title="甲", date="2019", date_precision="year")),
    Case("metadata_row_with_too_few_fields", {"a.txt": BODY, "metadata.csv": "doc_id,title,date\na,甲\n"}, "warn",
         r"metadata\.csv: lines \[2\] have fewer fields", check=_meta("a", title="甲", date="")),
    Case("metadata_impossible_date", {"a.txt": BODY, "metadata.csv": META + "a,甲,2019-02-30,day,,,,simplified,city\n"},
         "warn", r"metadata\.csv: dates: a \(line 2\): impossible date '2019-02-30', treated as missing",
         check=_meta("a", date="", date_precision="")),
    Case("metadata_month_13", {"a.txt": BODY, "metadata.csv": "doc_id,date\na,2019-13\n"}, "warn",
         r"impossible date '2019-13'", check=_meta("a", date="")),
    Case("metadata_date_in_another_form", {"a.txt": BODY, "metadata.csv": "doc_id,date\na,2019年5月6日\n"}, "warn",
         r"date '2019年5月6日' read as 2019-05-06", check=_meta("a", date="2019-05-06", date_precision="day")),
    Case("metadata_date_not_a_date", {"a.txt": BODY, "metadata.csv": "doc_id,date\na,去年春天\n"}, "warn",
         r"not a date '去年春天'", check=_meta("a", date="")),
    Case("metadata_unknown_columns_kept", {"a.txt": BODY, "metadata.csv": "doc_id,title,region,editor_note\na,甲,TW,见注\n"},
         "load", check=_meta("a", title="甲", region="TW", editor_note="见注")),
    Case("metadata_loader_column_ignored", {"a.txt": BODY, "metadata.csv": "doc_id,title,text\na,甲,别的文字\n"},
         "warn", r"metadata\.csv: column\(s\) \['text'\] are the loader's own", check=_text_is("a", text=BODY.strip())),
    Case("metadata_with_bom", {"a.txt": BODY, "metadata.csv": "\ufeffdoc_id,title\na,甲\n"}, "load",
         check=_meta("a", title="甲")),
    Case("metadata_in_gbk", {"a.txt": BODY, "metadata.csv": "doc_id,title,source\na,昆山开发区发布年度报告,新华日报\n".encode("gbk")},
         "load", check=_meta("a", title="昆山开发区发布年度报告", source="新华日报")),
    Case("metadata_crlf_quoted_newline", {"a.txt": BODY, "b.txt": BODY,
                                         "metadata.csv": 'doc_id,title\r\na,"甲\r\n续"\r\nb,乙,多\r\n'},
         "error", r"metadata\.csv: line 4 has 3 fields"),
    Case("metadata_ids_with_spaces", {"a.txt": BODY, "metadata.csv": "doc_id , title\n a , 甲 \n"}, "load",
         check=_meta("a", title="甲")),
    Case("metadata_row_without_file", {"a.txt": BODY, "metadata.csv": "doc_id,title\na,甲\nghost,鬼\n"}, "warn",
         r"metadata\.csv: rows without a file: \['ghost'\]", check=_ids("a")),
    Case("metadata_empty", {"a.txt": BODY, "metadata.csv": ""}, "warn", r"metadata\.csv: empty, ignored",
         check=_ids("a")),
    # --- file names ---
    Case("name_with_spaces", {"a b.txt": BODY}, "load", check=_ids("a b")),
    Case("unicode_name", {"昆山 新闻（一）.txt": BODY}, "load", check=_ids("昆山 新闻（一）")),
    Case("nfd_name_matches_nfc_metadata", {NFD_NAME: BODY, "metadata.csv": "doc_id,title\nCafé,甲\n"}, "load",
         check=_meta("Café", title="甲")),
    Case("leading_dot_is_hidden", {".a.txt": BODY, "._b.txt": PNG, "ok.txt": BODY}, "warn",
         r"hidden files and folders not read: \._b\.txt, \.a\.txt", check=_ids("ok")),
    Case("very_long_name", {LONG_NAME: BODY}, "load", check=_ids("昆" * 80)),
    Case("upper_case_suffix", {"A.TXT": BODY, "B.Md": "# 标题\n\n" + BODY}, "load", check=_ids("A", "B")),
    Case("two_files_one_stem", {"a.txt": BODY, "a.md": BODY}, "error", r"share a doc_id.*\['a'\]"),
    Case("other_suffixes_named", {"a.txt": BODY, "b.pdf": PDF, "c.docx": ZIP, "README": "说明"}, "warn",
         r"not a document suffix: README, b\.pdf, c\.docx", check=_ids("a")),
    Case("dot_text_suffix_is_read", {"a.text": BODY}, "load", check=_ids("a")),
    Case("subfolder_named", {"a.txt": BODY, "2020/b.txt": BODY}, "warn",
         r"subfolders not read \(recursive=True reads them\): 2020/", check=_ids("a")),
    Case("subfolder_recursive", {"a.txt": BODY, "2020/b.txt": BODY + "乙", "2020/metadata.csv": "doc_id\nb\n",
                                 "metadata.csv": "doc_id,title\n2020/b,乙文\n"}, "warn",
         r"companion files below the top folder.*2020/metadata\.csv",
         check=_all(_ids("a", "2020/b"), _meta("2020/b", title="乙文", file="2020/b.txt")),
         kwargs={"recursive": True}),
    # --- links and special files ---
    Case("symlink_loop", {"a.txt": BODY, "loop.txt": Link("loop.txt")}, "warn", r"links that loop.*loop\.txt",
         check=_ids("a")),
    Case("broken_symlink", {"a.txt": BODY, "gone.txt": Link("nowhere.txt")}, "warn",
         r"broken links, not read: gone\.txt -> nowhere\.txt", check=_ids("a")),
    Case("symlink_outside_refused", {"a.txt": BODY, "out.txt": Link("../outside.txt")}, "warn",
         r"outside the folder, not read \(outside_links=True reads them\): out\.txt", check=_ids("a")),
    Case("symlink_outside_allowed", {"a.txt": BODY, "out.txt": Link("../outside.txt")}, "load",
         check=_all(_ids("a", "out"), _text_is("out", raw="外面的文件，内容在文件夹之外。\n")),
         kwargs={"outside_links": True}),
    Case("symlink_inside_followed", {"a.txt": BODY, "b.txt": Link("a.txt")}, "load", check=_ids("a", "b")),
    Case("symlink_to_folder_not_followed", {"a.txt": BODY, "sub/b.txt": BODY, "again": Link("sub")}, "warn",
         r"links to folders, not followed: again -> sub", check=_ids("a", "sub/b"), kwargs={"recursive": True}),
    Case("fifo_never_read", {"a.txt": BODY, "pipe.txt": "fifo"}, "warn", r"not regular files.*pipe\.txt",
         check=_ids("a")),
    # --- record files ---
    Case("json_without_text_field", {"a.json": '[{"a": 1, "b": 2}]'}, "error",
         r"a\.json: cannot be read as json records: .*no text field"),
    Case("json_named_text_field_missing", {"a.json": '[{"content": "昆山"}]'}, "error",
         r"a\.json.*text field 'text' not among the fields \['content'\]", kwargs={"text_field": "text"}),
    Case("json_truncated", {"a.json": '[{"text": "昆山高新区", "title": "甲"}, {"text": "乙'}, "error",
         r"a\.json: cannot be read as records: not valid JSON \(Unterminated string.*line 1 column 44"),
    Case("json_scalar", {"a.json": "42"}, "error", r"a\.json: .*JSON holding a number"),
    Case("jsonl_with_a_bad_line", {"a.jsonl": '{"text": "甲文"}\n{"text": "乙\n{"text": "丙"}\n'}, "error",
         r"a\.jsonl: cannot be read as records: line 2 is not JSON"),
    Case("jsonl_bad_line_skipped_on_request", {"a.jsonl": '{"text": "甲文"}\n{"text": "乙\n', "ok.txt": BODY}, "warn",
         r"skipped:.*a\.jsonl.*line 2", check=_ids("ok"), kwargs={"on_error": "warn"}),
    Case("csv_records_with_an_empty_text", {"a.csv": "title,text\n甲,昆山高新区全年增长。\n乙,\n丙,推进科创走廊。\n"},
         "warn", r"a\.csv: record 2 has an empty `text`, skipped",
         check=_all(_ids("a-1", "a-3"), _meta("a-3", title="丙"))),
    Case("csv_records_with_too_many_fields", {"a.csv": "title,text\n甲,昆山,多余\n"}, "error",
         r"a\.csv: cannot be read as csv records: record 1 \(line 2\) has more fields"),
    Case("json_text_field_with_markup", {"a.json": '{"title": "甲", "text": "<p>昆山高新区\\r\\n增长7%。</p>"}'},
         "load", check=_all(_text_is("a", raw="<p>昆山高新区\r\n增长7%。</p>"), _meta("a", title="甲"))),
    # --- cleaning that would empty a document ---
    Case("related_news_heading_first", {"a.txt": "相关新闻\n" + BODY}, "load",
         check=lambda c: ZH in _doc(c, "a")["text"] and ZH2 in _doc(c, "a")["text"]),
    Case("related_news_after_the_article_is_cut", {"a.txt": BODY + "相关新闻\n另一条新闻的标题\n"}, "load",
         check=_text_is("a", text=BODY.strip())),
    Case("document_emptied_by_cleaning_warns", {"a.txt": "责任编辑：王芳\n", "ok.txt": BODY}, "warn",
         r"a\.txt: cleaning left no text; removed by editor \(line 1\)", check=_ids("a", "ok")),
    Case("long_record_title_capped", {"a.json": '{"title": "%s", "text": "昆山高新区全年增长。"}' % ("长" * 5000)},
         "warn", r"a\.json.*title from record field `title`, cut to 200 characters",
         check=lambda c: _doc(c, "a")["title"] == "长" * 199 + "…"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_adversarial_input(case, tmp_path):
    folder = tmp_path / "corpus"
    (tmp_path / "outside.txt").write_text("外面的文件，内容在文件夹之外。\n", encoding="utf-8")
    _build(folder, case.files)
    if case.outcome == "error":
        with pytest.raises(CorpusError) as err:
            _load(folder, **case.kwargs)
        assert re.search(case.match, str(err.value)), str(err.value)
        assert str(folder) in str(err.value)  # the message names the file or folder
        return
    corpus, messages = _load(folder, **case.kwargs)
    if case.outcome == "warn":
        assert any(re.search(case.match, m) for m in messages), messages
    if case.check is not None:
        case.check(corpus)


def test_at_least_forty_cases():
    assert len(CASES) >= 40 and len({c.id for c in CASES}) == len(CASES)


def test_nothing_read_is_lost_silently(tmp_path):
    """Every entry of a messy folder is either a document or named in a warning."""
    files = {"a.txt": BODY, "b.pdf": PDF, ".hidden.txt": BODY, "sub/c.txt": BODY, "gone.txt": Link("x.txt"),
             "out.txt": Link("../outside.txt"), "metadata.csv": "doc_id\na\n", "SHA256SUMS": "0  a.txt\n"}
    (tmp_path / "outside.txt").write_text("外。\n", encoding="utf-8")
    _build(tmp_path / "c", files)
    corpus, messages = _load(tmp_path / "c")
    assert list(corpus["doc_id"]) == ["a"]
    said = " ".join(messages)
    for name in ["b.pdf", ".hidden.txt", "sub/", "gone.txt", "out.txt"]:
        assert name in said, name
    # the corpus's companions and checksum lists are not complained about
    assert "SHA256SUMS" not in said and not any("not read" in m and "metadata.csv" in m for m in messages)


# --- every stage tolerates a missing or impossible date ---

def test_missing_and_impossible_dates_through_the_stages(tmp_path):
    folder = tmp_path / "c"
    _build(folder, {"a.txt": "今年GDP增长5%。去年完成投资10亿元。\n" + BODY, "b.txt": "2019年实现产值20亿元，增长8%。\n" + BODY,
                    "metadata.csv": META + "a,甲,2019-02-30,day,,,,simplified,city\nb,乙,,,,,,simplified,city\n"})
    corpus, messages = _load(folder)
    assert any("impossible date '2019-02-30'" in m for m in messages)
    assert list(corpus["date"]) == ["", ""]
    from kslib import plots

    kslib.corpus_summary(corpus)
    plots.plot_timeline(corpus)
    years = kslib.years_mentioned(corpus)
    plots.plot_years(corpus, years)
    m = kslib.extract_metrics(corpus)
    # without a document date, 今年/去年 give no year: empty, never a guess
    assert m.loc[m["text"] == "5%", "year"].isna().all() or (m.loc[m["text"] == "5%", "year"] == "").all()
    assert set(m.loc[m["text"] == "20亿元", "year"]) == {2019}
    # a frame built by hand with NaN or impossible dates draws too
    hand = corpus.assign(date=[None, "2019-02-30"], date_precision=[None, "day"])
    plots.plot_timeline(hand)
    plots.plot_years(hand, years)


# --- numbers in weird forms: no crash, no value for garbage ---

GARBAGE = ["1,2,3,4个", "1.2.3亿元", "三点五点六亿元", "NaN元", "inf%", "1/0元", "0x1F元", "⑤个", "Ⅷ个", "1²元",
           "１.２.３万", "12.亿元", ".5亿元", "5..5亿元", "万亿元", "亿亿元", "99999999999999999999999999999999亿元",
           "1,000,000,000,000,000,000,000元", "一二三四五六七八九十百千万亿兆元", "１２３４５６７８９０１２３４５６７８９０亿元"]


@pytest.mark.parametrize("text", GARBAGE)
def test_garbage_numbers_give_no_value(text):
    m = kslib.extract_metrics(text)
    assert m.empty, m[["text", "value", "unit"]].to_dict("records")


@pytest.mark.parametrize("text,value,unit", [
    ("１．２亿元", 1.2e8, "CNY"),       # full-width digits and point
    ("1 000 000元", 1e6, "CNY"),        # thin grouping with spaces
    ("−5%", -5.0, "%"),                 # U+2212 minus
    ("增长百分之十一点八", 11.8, "%"),
])
def test_odd_but_valid_number_forms(text, value, unit):
    m = kslib.extract_metrics(text)
    assert len(m) == 1 and m["unit"].iloc[0] == unit and math.isclose(m["value"].iloc[0], value)


def test_scientific_notation_is_not_read_as_its_exponent():
    for text in ("1e10元", "投资2.5E3万元", "误差为1e-3%", "1E+6人"):
        m = kslib.extract_metrics(text)
        assert m.empty or m["value"].iloc[0] in (1e10, 2.5e7, 1e-3, 1e6), (text, m[["text", "value"]])
    # a letter before digits is not an exponent: GDP5.5% and 第e3 … stay as they were
    assert kslib.extract_metrics("GDP5.5%")["value"].tolist() == [5.5]


def test_extract_metrics_values_are_always_finite():
    text = "".join(GARBAGE) + "".join(["1e308亿元", "9" * 400 + "元", "百分之" * 50 + "五"])
    m = kslib.extract_metrics(text)
    assert all(math.isfinite(v) for v in m["value"])


# --- property: raw is rebuilt exactly from text + cleaning log, whatever the document ---

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from kslib.normalize import normalize, restore_raw  # noqa: E402

BREAKS = ["\n", "\r\n", "\r", "\u2028", "\u2029", "\x85"]
CHARS = ("昆山高新区發展崑臺灣经济增长科创之路的了和在是，。；：！？“”《》（）【】、"
         "０１２３４５６７８９ＡＢａｂ0123456789.%+-lIO abcXYZ \t\u3000&<>#*_[]()|/\\=\"'~`\u00a0\ufeff")
WORDS = ["相关新闻", "责任编辑：王芳", "2023年2月16日 来源：新华日报", "首页 要闻 国内 国际", "记者 张三 李四",
         "（下转A2版）", "https://www.example.cn/a%E5%85%AC.html", "info@example.cn", "分享到：微信 微博",
         "扫码关注", "增长7.5%", "1.87亿元", "l23万元", "国批 30 周年", "一直以来，", "Copyright © 2023"]


@st.composite
def _line(draw):
    parts = draw(st.lists(st.one_of(st.text(CHARS, max_size=25), st.sampled_from(WORDS)), max_size=4))
    return "".join(parts)


@st.composite
def _document(draw):
    lines = draw(st.lists(_line(), min_size=1, max_size=10))
    fmt = draw(st.sampled_from(["text", "markdown", "html"]))
    if fmt == "markdown":
        marks = ["", "# ", "## ", "- ", "1. ", "> ", "**", "[链接](https://x.cn/a) ", "![图](i.png) ", "```\n"]
        lines = [draw(st.sampled_from(marks)) + l for l in lines]
        fm = draw(st.sampled_from(["", "---\ntitle: 昆山\ndate: 2022-08-03\n---\n",
                                   "+++\ntitle = \"崑山\"\ndate = 2021-06-23\n+++\n", "---\nbad: [\n---\n"]))
        lines = ([fm] if fm else []) + lines
    elif fmt == "html":
        tags = ["<p>", "</p>", "<div class='nav'>", "</div>", "<br>", "<td>", "<li>", "<h1>", "</h1>",
                "<script>var a='<p>';</script>", "<!-- 注释 -->", "&nbsp;", "&amp;", "&#20013;", "<a href='/x'>", "</a>",
                "<style>p{}</style>", "<span class='share'>分享</span>", "<figcaption>图</figcaption>"]
        lines = [draw(st.sampled_from(tags)) + l + draw(st.sampled_from(tags)) for l in lines]
        head = draw(st.sampled_from(["", "<!DOCTYPE html><html><head><title>标题_网站</title>"
                                         "<meta property='og:title' content='昆山'></head><body>"]))
        lines = ([head] if head else []) + lines
    out = []
    for line in lines:
        out += [line, draw(st.sampled_from(BREAKS))]
    return "".join(out[:-1] if draw(st.booleans()) else out), fmt


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_document(), st.booleans())
def test_restore_raw_rebuilds_any_document(doc, tell_format):
    raw, fmt = doc
    n = normalize(raw, fmt=fmt if tell_format else None)
    assert restore_raw(n.text, n.offsets, n.log) == raw
    assert all(raw[r["raw_start"]:r["raw_end"]] == r["text"] for r in n.log)
    assert len(n.offsets) == len(n.text) and all(0 <= o < max(len(raw), 1) for o in n.offsets.tolist())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(_document(), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]))
def test_a_loaded_document_is_its_file_and_rebuilds(tmp_path, doc, encoding):
    raw, _fmt = doc
    if not raw.strip() or "\ufeff" in raw or (encoding == "gb18030" and not raw.isascii() and "\u3000" in raw):
        return  # an empty file is skipped (other tests); a BOM inside the text is not a file's BOM
    folder = Path(tempfile.mkdtemp(dir=tmp_path))  # a fresh folder per example (hypothesis repeats some)
    (folder / "a.txt").write_bytes(raw.encode(encoding))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            corpus = kslib.load_corpus(folder)
        except CorpusError as e:  # the only refusals allowed: control characters, which such text may hold
            assert "looks binary" in str(e) or "not text" in str(e), str(e)
            return
    d = corpus.iloc[0]
    n = kslib.normalized(d)
    assert d["raw"] == raw or (encoding == "gb18030" and d["encoding"] != "gb18030")
    assert restore_raw(n.text, n.offsets, n.log) == d["raw"]
