"""Keyness: G², chi², log odds against hand-computed values; metadata targets."""
import math

import numpy as np
import pandas as pd
import pytest

from kslib.compare.keyness import keyness
from tests.helpers import make_tokens


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
    k = keyness(_g2_tokens(), "tgt", measure="g2")
    row = k.set_index("term").loc["x"]
    assert row["count_target"] == 10 and row["count_reference"] == 5
    assert row["statistic"] == pytest.approx(7.3298, abs=1e-3)
    assert row["sign"] == "over"
    assert row["p"] == pytest.approx(0.00678, abs=2e-4)  # chi2(1) upper tail at 7.33
    assert row["log_ratio"] == pytest.approx(math.log2((10 / 100) / (5 / 200)))


def test_chi2_and_logodds_hand_values():
    k = keyness(_g2_tokens(), "tgt", measure="chi2").set_index("term").loc["x"]
    # Pearson: (10-5)^2/5 + (5-10)^2/10 + (90-95)^2/95 + (195-190)^2/190
    assert k["statistic"] == pytest.approx(25 / 5 + 25 / 10 + 25 / 95 + 25 / 190)
    lo = keyness(_g2_tokens(), "tgt", measure="logodds").set_index("term").loc["x"]
    a, b, c, d = 10.5, 5.5, 90.5, 195.5
    assert lo["statistic"] == pytest.approx(math.log(a * d / (b * c)) / math.sqrt(1 / a + 1 / b + 1 / c + 1 / d))


def test_term_only_in_target_is_positive_and_sorted():
    toks = make_tokens({"a": ["独有", "独有", "独有", "共有", "共有"], "b": ["共有", "共有", "别的", "别的"],
                        "c": ["共有", "别的"]})
    k = keyness(toks, "a")
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
    assert keyness(toks, ["a"], reference=["b"]).iloc[0]["term"] == "独有"


def test_keyness_metadata_target():
    toks = make_tokens({"001_x": ["科创", "科创", "园区"], "002_y": ["园区", "开发"], "003_z": ["开发", "开发"]})
    corpus = pd.DataFrame({"doc_id": ["001_x", "002_y", "003_z"],
                           "subject": ["high-tech zone", "city", "development zone"]})
    k = keyness(toks, {"subject": "high-tech zone"}, reference={"subject": "development zone"}, corpus=corpus)
    assert k.iloc[0]["term"] == "科创"
    assert int(k["count_reference"].sum()) == 2  # only 003 is the reference
    assert keyness(toks, "001").iloc[0]["term"] == "科创"  # prefix
    with pytest.raises(ValueError):
        keyness(toks, {"subject": "high-tech zone"})  # no corpus
    with pytest.raises(ValueError):
        keyness(toks, "001", reference="001")
