"""Decoding Chinese bytes: short GBK and Big5 files read right, guesses reported."""
import opencc
import pytest

from kslib.readers.encoding import LOW_CONFIDENCE, decode
from tests.conftest import FIXTURES

# Short paragraphs of the kinds a Chinese policy corpus holds (headlines, datelines,
# figures, names, quotes), written for this test.
SIMPLIFIED = [
    "聚焦两会",
    "政府工作报告",
    "昆山高新区去年完成地区生产总值810亿元，增长7.5%。",
    "全年城镇新增就业1206万人，城镇调查失业率平均为5.6%。",
    "粮食总产量68653万吨，比上年增加368万吨，增长0.5%。",
    "国务院总理李克强作政府工作报告。",
    "“要把公共服务作为最大民生普惠。”他说。",
    "2023年02月16日 07:54:18 来源：新华日报",
    "责任编辑：王芳",
    "本报记者 张伟 特约通讯员 许嘉",
    "规模以上工业增加值增长6.1%，高技术制造业增长11.3%。",
    "一般公共预算收入90亿元，增长11.4%；进出口总额突破1000亿美元。",
    "深化放管服改革，优化营商环境，激发市场主体活力。",
    "长三角一体化发展上升为国家战略。",
    "居民人均可支配收入实际增长5.1%。",
]
_S2T = opencc.OpenCC("s2tw")  # Taiwan forms: what Big5 files hold
TRADITIONAL = [_S2T.convert(s) for s in SIMPLIFIED] + [
    "總統府新聞稿：總統聽取預算案簡報",
    "民國112年08月21日",
    "臺灣經濟情勢穩健，要歸功於2,300萬人民的共同打拚。",
]


@pytest.mark.parametrize("text", SIMPLIFIED)
def test_short_gbk_reads_right(text):
    d = decode(text.encode("gbk"))
    assert d.text == text and d.encoding == "gb18030"


@pytest.mark.parametrize("text", TRADITIONAL)
def test_short_big5_reads_right(text):
    d = decode(text.encode("big5"))
    assert d.text == text and d.encoding in ("big5hkscs", "cp950")


def test_every_sentence_of_a_paragraph_set_reads_right_in_both_encodings():
    for text in SIMPLIFIED:
        assert decode(text.encode("gb18030")).text == text
        assert decode(_S2T.convert(text).encode("big5")).text == _S2T.convert(text)


def test_lianghui_is_not_korean():
    d = decode("聚焦两会\n".encode("gbk"))
    assert d.encoding == "gb18030" and d.text == "聚焦两会\n" and not d.low_confidence


def test_utf8_and_boms():
    assert decode("昆山".encode("utf-8")).encoding == "utf-8"
    assert decode("\ufeff昆山".encode("utf-8")).text == "昆山"
    assert decode("\ufeff昆山".encode("utf-8")).encoding == "utf-8-sig"
    assert decode("昆山".encode("utf-16")).text == "昆山"


def test_latin_utf8_is_not_taken_for_gbk():
    assert decode("café résumé".encode("utf-8")).text == "café résumé"


def test_utf16_without_bom_english():
    d = decode("Annual report of the zone".encode("utf-16-le"))
    assert d.text == "Annual report of the zone" and d.encoding == "utf-16-le"


def test_non_chinese_legacy_encoding_is_a_reported_guess():
    d = decode("こんにちは、世界。今日はいい天気ですね。".encode("shift_jis"))
    assert d is not None and d.confidence < LOW_CONFIDENCE


def test_binary_is_not_text():
    assert decode(bytes(range(256)) * 8) is None


def test_empty():
    assert decode(b"").encoding == "empty"


def test_gb18030_four_byte_characters():
    text = "𠀀字符扩展区，昆山开发区。"
    assert decode(text.encode("gb18030")).text == text


def test_fixture_files():
    web = FIXTURES / "web"
    assert decode((web / "lianghui_gbk.txt").read_bytes()).text.startswith("聚焦两会")
    d = decode((web / "tw_press_big5.txt").read_bytes())
    assert d.encoding.startswith(("big5", "cp950")) and "產業創新條例" in d.text
    d = decode((web / "gwr_2020_gbk_d04.txt").read_bytes())
    assert d.encoding == "gb18030" and d.text.startswith("政府工作报告") and d.confidence == 1.0
