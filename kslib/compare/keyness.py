"""Keyness: terms distinctive of target document(s) against a reference (Dunning's G², Pearson's
chi², log odds ratio), with counts, p, sign and log ratio; and each document against the rest."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..dfm import dfm, doc_order, doc_prefix

__all__ = ["keyness", "keyness_each", "resolve_documents"]

def resolve_documents(spec, tokens: pd.DataFrame, corpus: pd.DataFrame | None) -> list[str]:
    """doc_ids for a target/reference spec: a doc_id, its 3-digit prefix, a list of them,
    or a metadata selection {column: value or [values]} (needs corpus)."""
    docs = doc_order(tokens)
    if isinstance(spec, dict):
        if corpus is None:
            raise ValueError("a metadata target such as {'subject': 'high-tech zone'} needs corpus=")
        sel = pd.Series(True, index=corpus.index)
        for col, val in spec.items():
            vals = val if isinstance(val, (list, tuple, set)) else [val]
            sel &= corpus[col].isin(vals)
        out = sorted(set(corpus.loc[sel, "doc_id"].astype(str)) & set(docs))
        if not out:
            raise ValueError(f"no document with {spec}")
        return out
    items = [spec] if isinstance(spec, str) else list(spec)
    out = []
    for item in items:
        item = str(item)
        hits = [d for d in docs if d == item] or [d for d in docs if doc_prefix(d) == item]
        if len(hits) != 1:
            raise ValueError(f"unknown or ambiguous document {item!r}")
        out.append(hits[0])
    return sorted(set(out))


def keyness(tokens: pd.DataFrame, target, *, reference=None, measure: str = "g2",
            corpus: pd.DataFrame | None = None, min_count: int = 1) -> pd.DataFrame:
    """Terms distinctive of the target document(s) against a reference (default: all other documents).

    target / reference: a doc_id (or its 3-digit prefix "001"), a list of them, or a metadata
    selection such as {"subject": "high-tech zone"} (then pass corpus=load_corpus(...)).
    Counts are of content tokens (no punctuation, stopwords, pure numbers); for each term the 2x2 table
    is a = count in target, b = count in reference, c = N_target - a, d = N_reference - b.

    measure="g2": Dunning's log-likelihood G² = 2 Σ O ln(O/E) over the four cells (0 ln 0 = 0);
    measure="chi2": Pearson's chi² over the four cells (no continuity correction);
    measure="logodds": |log odds ratio| / its standard error with 0.5 added to every cell (a z score).
    p is the upper tail of chi²(1 df) at the statistic (at z² for logodds).
    sign: "over" if the term's relative frequency is higher in the target, else "under".
    log_ratio: log2 of the ratio of relative frequencies, 0.5 added to zero counts (Hardie's Log Ratio).
    Terms with a + b < min_count are dropped. Sorted: over before under, statistic descending, term.
    """
    from scipy.stats import chi2 as chi2_dist

    tgt = resolve_documents(target, tokens, corpus)
    ref = resolve_documents(reference, tokens, corpus) if reference is not None else [d for d in doc_order(tokens)
                                                                             if d not in tgt]
    if set(tgt) & set(ref):
        raise ValueError("target and reference share documents: " + ", ".join(sorted(set(tgt) & set(ref))))
    if not ref:
        raise ValueError("the reference is empty")
    counts = dfm(tokens)
    a = counts.rows(tgt).astype(float)
    b = counts.rows(ref).astype(float)
    n1, n2 = a.sum(), b.sum()
    c, d = n1 - a, n2 - b
    n = n1 + n2
    obs = np.stack([a, b, c, d])
    row = np.stack([a + b, a + b, c + d, c + d])
    col = np.stack([np.full_like(a, n1), np.full_like(a, n2), np.full_like(a, n1), np.full_like(a, n2)])
    exp = row * col / n
    if measure == "g2":
        with np.errstate(divide="ignore", invalid="ignore"):
            terms = np.where(obs > 0, obs * np.log(obs / exp), 0.0)
        stat = 2 * terms.sum(axis=0)
        p = chi2_dist.sf(stat, 1)
    elif measure == "chi2":
        with np.errstate(divide="ignore", invalid="ignore"):
            stat = np.where(exp > 0, (obs - exp) ** 2 / exp, 0.0).sum(axis=0)
        p = chi2_dist.sf(stat, 1)
    elif measure == "logodds":
        s = obs + 0.5
        lor = np.log(s[0] * s[3] / (s[1] * s[2]))
        stat = np.abs(lor) / np.sqrt((1 / s).sum(axis=0))
        p = chi2_dist.sf(stat ** 2, 1)
    else:
        raise ValueError(f"measure must be 'g2', 'chi2' or 'logodds', not {measure!r}")
    stat = np.maximum(stat, 0.0)
    rel1 = np.where(a > 0, a, 0.5) / n1
    rel2 = np.where(b > 0, b, 0.5) / n2
    out = pd.DataFrame({
        "term": pd.array(counts.terms, dtype="str"),
        "count_target": a.astype(int),
        "count_reference": b.astype(int),
        "per_1k_target": 1000 * a / n1,
        "per_1k_reference": 1000 * b / n2,
        "statistic": stat,
        "p": p,
        "sign": np.where(a / n1 > b / n2, "over", "under"),
        "log_ratio": np.log2(rel1 / rel2),
    })
    out = out[(out["count_target"] + out["count_reference"]) >= max(min_count, 1)]
    out.insert(0, "measure", measure)
    order = out["sign"].map({"over": 0, "under": 1})
    out = out.assign(_o=order, _s=-out["statistic"].round(10)).sort_values(["_o", "_s", "term"], kind="mergesort")
    return out.drop(columns=["_o", "_s"]).reset_index(drop=True)


def keyness_each(tokens: pd.DataFrame, *, n: int = 10, measure: str = "g2", min_count: int = 2) -> pd.DataFrame:
    """Each document against the rest: the top `n` over-used terms per document
    (keyness rows with a `target` column = doc_id)."""
    parts = []
    for doc in doc_order(tokens):
        k = keyness(tokens, doc, measure=measure, min_count=min_count)
        parts.append(k[k["sign"] == "over"].head(n).assign(target=doc))
    out = pd.concat(parts, ignore_index=True)
    return out[["target"] + [c for c in out.columns if c != "target"]]
