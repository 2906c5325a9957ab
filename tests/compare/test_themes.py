"""Theme shares: multi-token entries, the documented default dictionary."""
import pytest

from kslib.compare.themes import theme_dictionary, theme_shares
from tests.helpers import make_tokens


def test_theme_shares_multi_token_entries():
    toks = make_tokens({"a": ["科技", "创新", "和", "产业", "升级", "，", "科技", "创新"],
                        "b": ["生态", "公园", "。", "科技"]})
    themes = {"科创": ["科技创新", "科技"], "产业": ["产业升级"], "生态": {"terms": ["生态", "公园"]}}
    split = {"科技创新": ["科技", "创新"], "产业升级": ["产业", "升级"]}
    tokenize = lambda s: split.get(s, [s])  # noqa: E731
    out = theme_shares(toks, dictionary=themes, tokenize=tokenize).set_index(["doc_id", "theme"])
    # a: 科技创新 twice, and 科技 not counted again inside them (no overlap within a theme)
    assert out.loc[("a", "科创"), "matches"] == 2
    assert out.loc[("a", "产业"), "matches"] == 1
    assert out.loc[("a", "科创"), "per_1k"] == pytest.approx(1000 * 2 / 7)  # 7 non-punctuation tokens
    assert out.loc[("b", "科创"), "matches"] == 1 and out.loc[("b", "生态"), "matches"] == 2
    assert out.loc[("b", "产业"), "matches"] == 0


def test_theme_dictionary_is_documented():
    d = theme_dictionary()
    for name in ("科技创新", "产业升级", "对外开放与两岸合作", "城乡与生态", "民生", "党建与治理"):
        assert d[name]["description"] and len(d[name]["terms"]) >= 5


def test_theme_shares_default_dictionary_with_kslib_tokenize():
    import kslib

    text = "推动科技创新和产业升级，建设美丽乡村，加强基层党组织建设。"
    toks = [t for t in kslib.tokenize(text) if t.strip()]
    table = make_tokens({"x": toks}, stop=(), punct=("，", "。"))
    out = theme_shares(table).set_index("theme")["matches"]
    assert out["科技创新"] >= 1 and out["产业升级"] >= 1 and out["城乡与生态"] >= 1 and out["党建与治理"] >= 1
    assert out["民生"] == 0 and out["对外开放与两岸合作"] == 0
