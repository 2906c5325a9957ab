"""Tests for kslib.compare on small hand-made tables where the answer is known, and on the seeds."""
import math

import numpy as np
import pandas as pd
import pytest

from kslib import compare as cm


def make_tokens(docs: dict[str, list[str]], stop=("的", "和"), punct=("，", "。")) -> pd.DataFrame:
    """A tokens table per the kslib.tokens contract from {doc_id: [token, ...]}."""
    rows = []
    for doc_id, toks in docs.items():
        for i, t in enumerate(toks):
            rows.append({"doc_id": doc_id, "paragraph": 1, "position": i, "token": t, "start": i, "end": i + 1,
                         "line": 1, "pos": "", "is_stop": t in stop, "is_punct": t in punct,
                         "is_num": t.replace(".", "").isdigit()})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- similarity

def test_identical_documents_have_similarity_one_and_disjoint_zero():
    toks = make_tokens({"a": ["创新", "产业", "的", "创新", "，"], "b": ["创新", "产业", "的", "创新", "。"],
                        "c": ["生态", "公园", "绿地"]})
    for method in ("cosine", "jaccard"):
        sim = cm.similarity(toks, method=method)
        assert list(sim.index) == ["a", "b", "c"]
        assert sim.loc["a", "b"] == pytest.approx(1.0)
        assert sim.loc["a", "c"] == pytest.approx(0.0)
        assert np.allclose(sim.to_numpy(), sim.to_numpy().T)


def test_jaccard_on_vocabulary_and_clustering():
    toks = make_tokens({"a": ["x", "y", "z"], "b": ["x", "y", "w"], "c": ["p", "q", "x"]})
    sim = cm.similarity(toks, method="jaccard")
    assert sim.loc["a", "b"] == pytest.approx(2 / 4)
    assert sim.loc["a", "c"] == pytest.approx(1 / 5)
    z = cm.cluster_documents(sim)
    assert z.shape == (2, 4)
    assert set(z[0, :2].astype(int)) == {0, 1}  # a and b join first


# ---------------------------------------------------------------- keyness

def _g2_tokens():
    # target: 100 content tokens, 10 of them "x"; reference: 200 content tokens, 5 of them "x".
    # Stopwords and punctuation are added and must not count.
    target = ["x"] * 10 + [f"t{i}" for i in range(90)] + ["的", "，", "。"]
    reference = ["x"] * 5 + [f"r{i}" for i in range(195)] + ["和", "，"]
    return make_tokens({"tgt": target, "ref": reference})


def test_g2_matches_hand_computed_value():
    # Hand computation (2x2 table a=10, b=5, c=90, d=195; N=300; expected 5, 10, 95, 190):
    # G2 = 2 * (10 ln 2 + 5 ln 0.5 + 90 ln(90/95) + 195 ln(195/190))
    #    = 2 * (6.93147 - 3.46574 - 4.86605 + 5.06523) = 7.3298
    k = cm.keyness(_g2_tokens(), "tgt", measure="g2")
    row = k.set_index("term").loc["x"]
    assert row["count_target"] == 10 and row["count_reference"] == 5
    assert row["statistic"] == pytest.approx(7.3298, abs=1e-3)
    assert row["sign"] == "over"
    assert row["p"] == pytest.approx(0.00678, abs=2e-4)  # chi2(1) upper tail at 7.33
    assert row["log_ratio"] == pytest.approx(math.log2((10 / 100) / (5 / 200)))


def test_chi2_and_logodds_hand_values():
    k = cm.keyness(_g2_tokens(), "tgt", measure="chi2").set_index("term").loc["x"]
    # Pearson: (10-5)^2/5 + (5-10)^2/10 + (90-95)^2/95 + (195-190)^2/190
    assert k["statistic"] == pytest.approx(25 / 5 + 25 / 10 + 25 / 95 + 25 / 190)
    lo = cm.keyness(_g2_tokens(), "tgt", measure="logodds").set_index("term").loc["x"]
    a, b, c, d = 10.5, 5.5, 90.5, 195.5
    assert lo["statistic"] == pytest.approx(math.log(a * d / (b * c)) / math.sqrt(1 / a + 1 / b + 1 / c + 1 / d))


def test_term_only_in_target_is_positive_and_sorted():
    toks = make_tokens({"a": ["独有", "独有", "独有", "共有", "共有"], "b": ["共有", "共有", "别的", "别的"],
                        "c": ["共有", "别的"]})
    k = cm.keyness(toks, "a")
    top = k.iloc[0]
    assert top["term"] == "独有" and top["sign"] == "over" and top["statistic"] > 0
    assert top["count_reference"] == 0 and top["log_ratio"] > 0
    assert k.loc[k["term"] == "别的", "sign"].item() == "under"
    # over before under, statistic descending within each
    signs = k["sign"].tolist()
    assert signs == sorted(signs, key=lambda s: s != "over")
    over = k[k["sign"] == "over"]["statistic"].to_numpy()
    assert np.all(np.diff(over) <= 1e-12)
    # reference given explicitly, and a 3-digit prefix style id
    assert cm.keyness(toks, ["a"], reference=["b"]).iloc[0]["term"] == "独有"


def test_keyness_metadata_target():
    toks = make_tokens({"001_x": ["科创", "科创", "园区"], "002_y": ["园区", "开发"], "003_z": ["开发", "开发"]})
    corpus = pd.DataFrame({"doc_id": ["001_x", "002_y", "003_z"],
                           "subject": ["high-tech zone", "city", "development zone"]})
    k = cm.keyness(toks, {"subject": "high-tech zone"}, reference={"subject": "development zone"}, corpus=corpus)
    assert k.iloc[0]["term"] == "科创"
    assert int(k["count_reference"].sum()) == 2  # only 003 is the reference
    assert cm.keyness(toks, "001").iloc[0]["term"] == "科创"  # prefix
    with pytest.raises(ValueError):
        cm.keyness(toks, {"subject": "high-tech zone"})  # no corpus
    with pytest.raises(ValueError):
        cm.keyness(toks, "001", reference="001")


# ---------------------------------------------------------------- shared vocabulary

def test_shared_vocabulary():
    toks = make_tokens({"a": ["共", "共", "ab", "ab", "甲", "甲"], "b": ["共", "共", "ab", "ab", "乙", "乙"],
                        "c": ["共", "共", "丙", "丙", "丙"]})
    sv = cm.shared_vocabulary(toks, min_count=2)
    pair = sv.pairs.set_index(["doc_a", "doc_b"]).loc[("a", "b")]
    assert pair["shared"] == 2 and "ab" in pair["examples"]
    assert sv.common["term"].tolist() == ["共"]
    assert set(map(tuple, sv.unique[["doc_id", "term"]].to_numpy())) == {("a", "甲"), ("b", "乙"), ("c", "丙")}


# ---------------------------------------------------------------- themes

def test_theme_shares_multi_token_entries():
    toks = make_tokens({"a": ["科技", "创新", "和", "产业", "升级", "，", "科技", "创新"],
                        "b": ["生态", "公园", "。", "科技"]})
    themes = {"科创": ["科技创新", "科技"], "产业": ["产业升级"], "生态": {"terms": ["生态", "公园"]}}
    split = {"科技创新": ["科技", "创新"], "产业升级": ["产业", "升级"]}
    tokenize = lambda s: split.get(s, [s])  # noqa: E731
    out = cm.theme_shares(toks, themes, tokenize=tokenize).set_index(["doc_id", "theme"])
    # a: 科技创新 twice, and 科技 not counted again inside them (no overlap within a theme)
    assert out.loc[("a", "科创"), "matches"] == 2
    assert out.loc[("a", "产业"), "matches"] == 1
    assert out.loc[("a", "科创"), "per_1k"] == pytest.approx(1000 * 2 / 7)  # 7 non-punctuation tokens
    assert out.loc[("b", "科创"), "matches"] == 1 and out.loc[("b", "生态"), "matches"] == 2
    assert out.loc[("b", "产业"), "matches"] == 0


def test_theme_dictionary_is_documented():
    d = cm.theme_dictionary()
    for name in ("科技创新", "产业升级", "对外开放与两岸合作", "城乡与生态", "民生", "党建与治理"):
        assert d[name]["description"] and len(d[name]["terms"]) >= 5


# ---------------------------------------------------------------- formulas

KNOWN = ("推出“1+5+22”推进模式，形成“2+6+X”产业格局，发起「4+2」联盟，落实人才科创“631”计划，"
         "开展“263”专项行动，发布了“1+1+10+N”系列活动。规划「五区一线」，建设「一廊一园一港」，"
         "苏州「三大法宝」，树牢“四个意识”，「三创」精神，构筑“六个一”体系，打造「七横四纵」绿廊，"
         "“十四五”期间。")
NEGATIVE = ("用三个月时间，位列第一，2018年增长7%，一是推动发展，二是加强管理，同比提高4个百分点，"
            "一个又一个难题，第一次，三年行动计划，长三角一体化，全国第五，党的十九大和二十大，"
            "五湖四海，一大批项目，“12345”热线，“两岸一家亲”理念，15%—20%用于研发。")


def test_known_formula_list_found_with_nothing_extra():
    f = cm.extract_formulas(KNOWN)
    expected = ["1+5+22", "2+6+X", "4+2", "631计划", "263专项行动", "1+1+10+N", "五区一线", "一廊一园一港",
                "三大法宝", "四个意识", "三创", "六个一", "七横四纵", "十四五"]
    assert f["formula"].tolist() == expected
    assert f.loc[f["formula"].str.contains(r"\d"), "kind"].eq("digit").all()
    assert f.loc[~f["formula"].str.contains(r"\d"), "kind"].eq("numeral").all()
    row = f[f["formula"] == "631计划"].iloc[0]
    assert KNOWN[row["start"]:row["end"]] == "631”计划"
    assert "人才科创" in row["context"]


def test_ordinary_numbers_are_not_formulas():
    assert cm.extract_formulas(NEGATIVE).empty


def test_seed_formulas_found_with_raw_lines(corpus):
    f = cm.extract_formulas(corpus)
    issue = ["1+5+22", "2+6+X", "4+2", "631计划", "263专项行动", "1+1+10+N", "五区一线", "一廊一园一港",
             "三大法宝", "四个意识", "三创", "六个一", "七横四纵", "十四五"]
    assert set(issue) <= set(f["formula"])
    raw = dict(zip(corpus["doc_id"], corpus["raw"]))
    # every mention points at a raw line that holds it (000 is Traditional in raw: compare digits only)
    for r in f.itertuples():
        line = raw[r.doc_id].split("\n")[r.line - 1]
        assert r.raw_line == line.strip()
        if r.kind == "digit":
            assert r.formula[:3].rstrip("计专") in line
    rec = cm.formula_recurrence(f).set_index("formula")
    assert rec.loc["五区一线", "doc_ids"] == "000 001"
    assert rec.loc["631计划", "documents"] == 2


# ---------------------------------------------------------------- shared passages

def test_shared_passages_small():
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "raw": ["", ""], "authors": ["", ""],
                           "text": ["第一句话说的是产业创新发展的道路。这里完全不同的内容没有重复。",
                                    "别的开头。第一句话说的是产业创新发展的道路！"]})
    corpus["raw"] = corpus["text"]
    sp = cm.shared_passages(corpus, unit="sentence", min_chars=10)
    assert len(sp) == 1
    r = sp.iloc[0]
    assert (r["doc_a"], r["doc_b"], r["scope"]) == ("a", "b", "across") and r["similarity"] == 1.0
    assert cm.shared_passages(corpus, unit="sentence", min_chars=10, within=True)["scope"].tolist() == ["across"]


def test_shared_passages_seeds(corpus):
    sp = cm.shared_passages(corpus, unit="paragraph")
    d4 = sp[(sp["doc_a"].str.startswith("004")) & (sp["scope"] == "within")]
    # 004's paragraph repeated four times (raw lines 111, 115, 119, 121): all pairs, 3 of them removed copies
    rep = d4[d4["text_a"].str.startswith("“推窗见绿")]
    assert set(rep["line_b"]) >= {115, 119, 121}
    assert d4["removed_b"].sum() >= 10  # the verbatim repeats normalisation dropped are back
    ph = cm.shared_passages(corpus, unit="phrase", min_chars=12)
    cross = ph[(ph["doc_a"].str.startswith("000")) & (ph["doc_b"].str.startswith("001"))]
    assert cross["text_a"].str.contains("建设现代化大城市").any()


def test_years_mentioned(corpus):
    y = cm.years_mentioned(corpus)
    d0 = y[y["doc_id"].str.startswith("000")]
    assert {2009, 2014, 2017, 2018, 2019, 2020, 2021, 2035} <= set(d0["year"])
    assert set(y.loc[y["doc_id"].str.startswith("002"), "year"]) == {2025}


def test_theme_shares_default_dictionary_with_kslib_tokenize():
    import kslib

    text = "推动科技创新和产业升级，建设美丽乡村，加强基层党组织建设。"
    toks = [t for t in kslib.tokenize(text) if t.strip()]
    table = make_tokens({"x": toks}, stop=(), punct=("，", "。"))
    out = cm.theme_shares(table).set_index("theme")["matches"]
    assert out["科技创新"] >= 1 and out["产业升级"] >= 1 and out["城乡与生态"] >= 1 and out["党建与治理"] >= 1
    assert out["民生"] == 0 and out["对外开放与两岸合作"] == 0


def test_years_summary_per_document():
    import pandas as pd

    years = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "year": [2020, 2018, 2020, 2025]})
    from kslib import years_summary

    out = years_summary(years)
    assert out.to_dict("list") == {"doc_id": ["a", "b"], "first": [2018, 2025], "last": [2020, 2025],
                                   "mentions": [3, 1], "years": ["2018 2020", "2025"]}
