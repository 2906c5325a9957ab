"""Character repairs in numbers: OCR slips, full width, spaces inside numbers."""
import re

import pytest

from kslib.normalize import normalize, restore_raw


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
