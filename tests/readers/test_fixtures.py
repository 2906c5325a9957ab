"""Hand-marked real-world documents (tests/fixtures/web/*.labels): furniture removed,
content kept, the audit exact, metadata read from the documents."""
from pathlib import Path

import pytest

from kslib.normalize import restore_raw
from kslib.readers.encoding import decode
from kslib.normalize import normalize as clean
from tests.conftest import FIXTURES
from tests.readers.labels import Score, read_labels, score

WEB = FIXTURES / "web"
LABELLED = sorted(p.with_suffix("") for p in WEB.glob("*.labels"))


def cleaned(path: Path):
    raw = decode(path.read_bytes()).text
    return raw, clean(raw)


def test_there_are_enough_hand_marked_documents():
    assert len(LABELLED) >= 8


@pytest.mark.parametrize("path", LABELLED, ids=lambda p: p.name)
def test_every_visible_line_is_labelled_and_raw_is_rebuilt(path):
    raw, n = cleaned(path)
    assert restore_raw(n.text, n.offsets, n.log) == raw
    sc = score(raw, n.offsets, read_labels(Path(f"{path}.labels")), path.name)
    assert sc.unlabelled == []


def test_boilerplate_recall_and_content_retention():
    total = Score()
    for path in LABELLED:
        raw, n = cleaned(path)
        total += score(raw, n.offsets, read_labels(Path(f"{path}.labels")), path.name)
    assert total.boilerplate >= 100 and total.content >= 150
    assert total.recall >= 0.95, total.left
    assert total.retention >= 0.99, total.lost


def test_lone_cr_file_has_real_line_numbers():
    raw, n = cleaned(WEB / "portal_copy_cr.txt")
    assert "\n" not in raw and raw.count("\r") > 20
    nav = sorted(r["line"] for r in n.log if "navigation" in r["rule"])
    assert nav == [1, 2]  # 首页 | 要闻 …, 当前位置：…
    assert any(r["line"] == 18 and "editor" in r["rule"] for r in n.log)  # 责任编辑：王芳
    pos = n.text.index("昆山出台")
    assert n.raw_line(pos) == 5


@pytest.mark.parametrize("name,fmt", [
    ("news_portal.html", "html"), ("finance_portal_frag.txt", "html"), ("gov_cn_resolution_d01.html", "html"),
    ("hk_news_yaml.md", "markdown"), ("blog_toml.md", "markdown"), ("shanghai_decision_d06.md", "markdown"),
    ("portal_copy_cr.txt", "text"), ("tw_press_big5.txt", "text"), ("lianghui_gbk.txt", "text"),
])
def test_format_by_content(name, fmt):
    assert cleaned(WEB / name)[1].format == fmt


def test_no_markup_or_url_fragments_left():
    import re

    junk = re.compile(r"<|>|&[a-z]+;|https?|www\.|%[0-9A-F]{2}|\]\(|\*\*|^#|font|style|div|span", re.I | re.M)
    for path in LABELLED:
        _, n = cleaned(path)
        assert not junk.search(n.text), (path.name, junk.search(n.text))
