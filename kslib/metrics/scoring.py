"""Scoring extract_metrics against a hand-annotated gold file (default: the seeds' gold set in
tests/data/metrics_gold.csv): detection precision / recall / F1 and attribute accuracy."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..config import GOLD_DIR

__all__ = ["GOLD", "load_gold", "lenient", "match_gold", "evaluate"]

GOLD = GOLD_DIR / "metrics_gold.csv"  # the seeds' hand-annotated gold set


def load_gold(path: str | Path | None = None) -> pd.DataFrame:
    """The gold file (default tests/data/metrics_gold.csv) with typed columns."""
    gold = pd.read_csv(path or GOLD, dtype={"doc_id": str, "span": str, "unit": str, "qualifier": str,
                                              "indicator": str, "measure": str, "kind": str, "note": str})
    for c in ("qualifier", "indicator", "note"):
        gold[c] = gold[c].fillna("")
    gold["year"] = gold["year"].astype("Int64")
    return gold


def _norm(s) -> str:
    s = "" if s is None or (isinstance(s, float) and np.isnan(s)) else str(s)
    return re.sub(r"[\s“”「」\"‘’()（）、,，]", "", s)


def lenient(a, b) -> bool:
    """Indicator match: both non-empty and one contains the other (quotes, spaces and
    list commas ignored)."""
    a, b = _norm(a), _norm(b)
    return bool(a) and bool(b) and (a in b or b in a)


def match_gold(pred: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Pair predicted and gold rows on (doc_id, value, unit): one-to-one, same raw line
    first, then nearest line. Returns one row per pair or unmatched row, with columns
    status (tp / fp / fn), doc_id, line_pred, line_gold, value, unit, and the
    predicted/gold text, indicator, measure, kind, year."""
    out = []
    docs = sorted(set(pred["doc_id"]) | set(gold["doc_id"]))
    for d in docs:
        p = pred[pred["doc_id"] == d]
        g = gold[gold["doc_id"] == d]
        keys = {(round(float(v), 4), u) for v, u in zip(p["value"], p["unit"])} | \
               {(round(float(v), 4), u) for v, u in zip(g["value"], g["unit"])}
        for key in sorted(keys, key=str):
            pk = p[(p["value"].round(4) == key[0]) & (p["unit"] == key[1])]
            gk = g[(g["value"].round(4) == key[0]) & (g["unit"] == key[1])]
            pl = list(pk.to_dict("records"))
            gl = list(gk.to_dict("records"))
            pairs = []
            for exact in (True, False):
                for gr in list(gl):
                    cands = [x for x in pl if (x["line"] == gr["line"]) or not exact]
                    if not cands:
                        continue
                    best = min(cands, key=lambda x: abs(x["line"] - gr["line"]))
                    pairs.append((best, gr))
                    pl.remove(best)
                    gl.remove(gr)
            for pr, gr in pairs:
                out.append(_row("tp", d, key, pr, gr))
            for pr in pl:
                out.append(_row("fp", d, key, pr, None))
            for gr in gl:
                out.append(_row("fn", d, key, None, gr))
    cols = ["status", "doc_id", "line_pred", "line_gold", "value", "unit", "text", "span",
            "indicator_pred", "indicator_gold", "measure_pred", "measure_gold",
            "kind_pred", "kind_gold", "year_pred", "year_gold"]
    df = pd.DataFrame(out, columns=cols)
    for c in ("line_pred", "line_gold", "year_pred", "year_gold"):
        df[c] = df[c].astype("Int64")
    return df.sort_values(["doc_id", "line_gold", "line_pred", "value"], na_position="last").reset_index(drop=True)


def _row(status, d, key, pr, gr):
    def get(r, c):
        if r is None:
            return None
        v = r.get(c)
        return None if v is pd.NA or (isinstance(v, float) and np.isnan(v)) else v
    return dict(status=status, doc_id=d, line_pred=get(pr, "line"), line_gold=get(gr, "line"),
                value=key[0], unit=key[1], text=get(pr, "text"), span=get(gr, "span"),
                indicator_pred=get(pr, "indicator"), indicator_gold=get(gr, "indicator"),
                measure_pred=get(pr, "measure"), measure_gold=get(gr, "measure"),
                kind_pred=get(pr, "kind"), kind_gold=get(gr, "kind"),
                year_pred=get(pr, "year"), year_gold=get(gr, "year"))


def evaluate(pred: pd.DataFrame, *, gold: pd.DataFrame | None = None) -> pd.DataFrame:
    """Scores of `pred` (extract_metrics output) against `gold` (default: the gold file).

    Detection: precision, recall, F1 over (doc_id, value, unit) pairs (one-to-one).
    Attributes, over the matched pairs: indicator (lenient = one contains the other;
    exact), measure, kind, year (both empty counts as equal).
    Returns a table: score, value, n (rows the score is computed on)."""
    gold = load_gold() if gold is None else gold
    m = match_gold(pred, gold)
    tp = int((m["status"] == "tp").sum())
    fp = int((m["status"] == "fp").sum())
    fn = int((m["status"] == "fn").sum())
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    t = m[m["status"] == "tp"]
    n = len(t)

    def acc(mask):
        return float(np.mean(mask)) if n else 0.0
    yp = t["year_pred"].astype("Float64").fillna(-1).to_numpy()
    yg = t["year_gold"].astype("Float64").fillna(-1).to_numpy()
    rows = [
        ("precision", prec, tp + fp), ("recall", rec, tp + fn), ("f1", f1, tp + fp + fn),
        ("indicator_lenient", acc([lenient(a, b) for a, b in zip(t["indicator_pred"], t["indicator_gold"])]), n),
        ("indicator_exact", acc([_norm(a) == _norm(b) for a, b in zip(t["indicator_pred"], t["indicator_gold"])]), n),
        ("measure", acc((t["measure_pred"] == t["measure_gold"]).to_numpy()), n),
        ("kind", acc((t["kind_pred"] == t["kind_gold"]).to_numpy()), n),
        ("year", acc(yp == yg), n),
    ]
    return pd.DataFrame(rows, columns=["score", "value", "n"])
