"""The development corpus (../shared/corpora/dev/docs: real official documents exactly as
published) loads with every title and date right, and its top terms carry no markup."""
import re
import warnings

import pytest

import kslib
from tests.conftest import ROOT

DEV = ROOT.parent / "shared" / "corpora" / "dev" / "docs"
pytestmark = pytest.mark.skipif(not DEV.is_dir(), reason="../shared/corpora/dev/docs not beside the clone")

# from SOURCES.md (read by hand), not from the code's output
EXPECTED = {
    "d01_gov_cn_npcsc_resolution_2007_html":
        ("全国人民代表大会常务委员会关于批准财政部发行特别国债购买外汇及调整2007年末国债余额限额的决议", "2007-06-29"),
    "d02_daqing_stats_communique_2012_htmlfrag": ("2012年大庆市国民经济和社会发展统计公报", "2013-03-20"),
    "d04_state_council_gwr_2020_gbk": ("政府工作报告（文字实录）", "2020-05-22"),
    "d05_state_council_gwr_2018_utf8bom": ("政府工作报告", "2018-03-05"),
    "d06_shanghai_npcsc_decision_2021": ("上海市人民代表大会常务委员会关于进一步促进和保障“一网通办”改革的决定", "2021-06-23"),
    "d07_state_council_port_rules_1985": ("国务院关于口岸开放的若干规定", "1985-09-18"),
    "d08_tw_president_budget_2023":
        ("聽取113年度中央政府總預算案 總統：執政8年財政穩健 為建設國家、照顧人民、壯大臺灣打下更堅實的基礎", "2023-08-21"),
    "d09_tw_president_travel_fair_2014": ("總統出席2014年「臺北國際旅展」開幕典禮", "2014-11-07"),
}
MARKUP = re.compile(r"[<>&=/%]|^(?:p|br|div|span|font|style|class|href|src|img|px|pt|cms|http|https|www|com|cn|"
                    r"html?|nbsp|amp|quot|script|css|js|jpg|png|gif|[0-9A-F]{2}%?)$", re.I)


@pytest.fixture(scope="module")
def dev():
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        corpus = kslib.load_corpus(DEV)
    return corpus.set_index("doc_id", drop=False), [str(x.message) for x in w]


def test_titles_and_dates(dev):
    corpus, _ = dev
    for doc_id, (title, date) in EXPECTED.items():
        assert corpus.loc[doc_id, "title"] == title, doc_id
        assert corpus.loc[doc_id, "date"] == date and corpus.loc[doc_id, "date_precision"] == "day", doc_id


def test_a_document_without_a_date_says_so(dev):
    corpus, msgs = dev
    assert corpus.loc["d03_daqing_stats_finance_trade_table_htmlfrag", "date"] == ""  # the file states no year
    assert any("d03_daqing" in m and "not found: date" in m for m in msgs)


def test_every_inferred_field_is_warned_with_its_origin(dev):
    corpus, msgs = dev
    for doc_id in corpus.index:
        (m,) = [m for m in msgs if f"{doc_id}." in m and "metadata read from the document" in m]
        assert "title from " in m
    d01 = next(m for m in msgs if "d01_" in m)
    assert "title from <title>" in d01 and "(dateline)" in d01


def test_formats_and_encodings(dev):
    corpus, _ = dev
    assert corpus.loc["d01_gov_cn_npcsc_resolution_2007_html", "format"] == "html"
    assert corpus.loc["d02_daqing_stats_communique_2012_htmlfrag", "format"] == "html"  # a .txt holding HTML
    assert corpus.loc["d06_shanghai_npcsc_decision_2021", "format"] == "markdown"
    assert corpus.loc["d04_state_council_gwr_2020_gbk", "encoding"] == "gb18030"
    assert corpus.loc["d05_state_council_gwr_2018_utf8bom", "encoding"] == "utf-8-sig"
    assert corpus.loc["d08_tw_president_budget_2023", "url"] == "https://www.president.gov.tw/NEWS/27828"


def test_top_terms_carry_no_markup_or_url_fragments(dev):
    corpus, _ = dev
    tf = kslib.term_frequencies(kslib.tokens(corpus.reset_index(drop=True)))
    for doc_id, g in tf.groupby("doc_id"):
        top = g.sort_values(["count", "term"], ascending=[False, True]).head(30)["term"].astype(str)
        bad = [t for t in top if MARKUP.search(t)]
        assert not bad, (doc_id, bad)


def test_audit_exact_on_every_dev_document(dev):
    corpus, _ = dev
    for _, doc in corpus.iterrows():
        n = kslib.normalized(doc)
        assert kslib.restore_raw(n.text, n.offsets, n.log) == doc["raw"], doc["doc_id"]


def test_sources_where_the_documents_state_them(dev):
    corpus, _ = dev
    assert corpus.loc["d04_state_council_gwr_2020_gbk", "source"] == "中国政府网"      # (来源：中国政府网）
    assert corpus.loc["d07_state_council_port_rules_1985", "source"] == "国务院"       # 1985年9月18日 国务院发布
    assert corpus.loc["d01_gov_cn_npcsc_resolution_2007_html", "authors"] == ""     # meta author is the web editor
