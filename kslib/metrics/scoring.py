"""Scoring extract_metrics against a hand-annotated gold file: the seeds' gold set (GOLD,
tests/data/metrics_gold.csv, the default) or the non-seed gold (GOLD_DEV, metrics_gold_dev.csv):
detection precision / recall / F1 and attribute accuracy, overall or per document. Only the annotated
part of a document is scored: SCOPE (tests/data/metrics_gold_scope.csv) lists the annotated line ranges of the
documents a gold annotates in part; a predicted mention outside them is neither right nor wrong."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..config import GOLD_DIR

__all__ = ["GOLD", "GOLD_DEV", "SCOPE", "load_gold", "load_scope", "in_scope", "lenient", "match_gold", "evaluate"]

GOLD = GOLD_DIR / "metrics_gold.csv"  # the seeds' hand-annotated gold set
GOLD_DEV = GOLD_DIR / "metrics_gold_dev.csv"  # the non-seed gold (documents in tests/fixtures/metrics_dev/)
SCOPE = GOLD_DIR / "metrics_gold_scope.csv"  # annotated line ranges of the documents annotated in part


def load_gold(path: str | Path | None = None, *, doc_ids=None) -> pd.DataFrame:
    """A gold file (default GOLD, the seeds') with typed columns, optionally only the documents
    `doc_ids` (e.g. the ones a corpus holds: a gold document left out of `pred` counts as missed)."""
    gold = pd.read_csv(path or GOLD, dtype={"doc_id": str, "span": str, "unit": str, "qualifier": str,
                                              "indicator": str, "measure": str, "kind": str, "note": str,
                                              "period": str})
    for c in ("qualifier", "indicator", "note", "period"):
        if c in gold:
            gold[c] = gold[c].fillna("")
    gold["year"] = gold["year"].astype("Int64")
    if doc_ids is not None:
        gold = gold[gold["doc_id"].isin(set(doc_ids))].reset_index(drop=True)
    return gold


def load_scope(path: str | Path | None = None) -> dict[str, list[tuple[int, float]]]:
    """doc_id -> the annotated line ranges [(first, last)] (last inf: to the end) of the documents a gold
    annotates only in part (default SCOPE). A document without a row is annotated whole."""
    df = pd.read_csv(path or SCOPE, dtype={"doc_id": str})
    out: dict[str, list[tuple[int, float]]] = {}
    for r in df.itertuples():
        last = float("inf") if pd.isna(r.last_line) else int(r.last_line)
        out.setdefault(r.doc_id, []).append((int(r.first_line), last))
    return out


def in_scope(pred: pd.DataFrame, scope: dict | None) -> pd.Series:
    """A boolean mask: the rows of `pred` on an annotated line (every row of a document without a scope)."""
    keep = pd.Series(True, index=pred.index)
    for d, ranges in (scope or {}).items():
        rows = pred["doc_id"] == d
        if rows.any():
            line = pred.loc[rows, "line"]
            ok = pd.Series(False, index=line.index)
            for a, b in ranges:
                ok |= (line >= a) & (line <= b)
            keep[rows] = ok
    return keep


def _norm(s) -> str:
    s = "" if s is None or (isinstance(s, float) and np.isnan(s)) else str(s)
    return re.sub(r"[\s“”「」\"‘’()（）、,，]", "", s)


def lenient(a, b) -> bool:
    """Indicator match: both non-empty and one contains the other (quotes, spaces and
    list commas ignored)."""
    a, b = _norm(a), _norm(b)
    return bool(a) and bool(b) and (a in b or b in a)


def _scope(scope) -> dict | None:
    if isinstance(scope, str) and scope == "default":
        return load_scope()
    if isinstance(scope, (str, Path)):
        return load_scope(scope)
    return scope


def match_gold(pred: pd.DataFrame, gold: pd.DataFrame, *, scope: dict | str | Path | None = "default") -> pd.DataFrame:
    """Pair predicted and gold rows on (doc_id, value, unit): one-to-one, same raw line
    first, then nearest line. Returns one row per pair or unmatched row, with columns
    status (tp / fp / fn), doc_id, line_pred, line_gold, value, unit, and the
    predicted/gold text, indicator, measure, kind, year. Predicted rows outside `scope` (the
    annotated line ranges: "default" SCOPE, a path, a load_scope() dict, None for every line) are left out."""
    pred = pred[in_scope(pred, _scope(scope))]
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
            "kind_pred", "kind_gold", "kind_cue", "year_pred", "year_gold", "period_pred", "period_gold"]
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
                kind_pred=get(pr, "kind"), kind_gold=get(gr, "kind"), kind_cue=get(pr, "kind_cue"),
                year_pred=get(pr, "year"), year_gold=get(gr, "year"),
                period_pred=get(pr, "period") or "", period_gold=get(gr, "period") or "")


def evaluate(pred: pd.DataFrame, *, gold: pd.DataFrame | None = None, by_document: bool = False,
             scope: dict | str | Path | None = "default") -> pd.DataFrame:
    """Scores of `pred` (extract_metrics output) against `gold` (default: load_gold(), the seeds').

    Detection: precision, recall, F1 over (doc_id, value, unit) pairs (one-to-one).
    Attributes, over the matched pairs: indicator (lenient = one contains the other;
    exact), measure, kind, year, and period when the gold has a period column (both empty
    counts as equal). Returns a table: score, value, n (rows the score is computed on); with
    by_document=True one such block per document and one for all ("all"), in a doc_id column.
    `scope`: the annotated line ranges (load_scope(); "default": SCOPE; a path; None: every line);
    predicted rows outside them are not scored.

        evaluate(pred, gold=load_gold(GOLD_DEV, doc_ids=corpus["doc_id"]), by_document=True)
    """
    gold = load_gold() if gold is None else gold
    m = match_gold(pred, gold, scope=scope)
    with_period = "period" in gold.columns
    if not by_document:
        return _scores(m, with_period)
    parts = [_scores(g, with_period).assign(doc_id=d) for d, g in m.groupby("doc_id", sort=True)]
    parts.append(_scores(m, with_period).assign(doc_id="all"))
    return pd.concat(parts, ignore_index=True)[["doc_id", "score", "value", "n"]]


def _scores(m: pd.DataFrame, with_period: bool) -> pd.DataFrame:
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
    if with_period:
        rows.append(("period", acc((t["period_pred"].fillna("") == t["period_gold"].fillna("")).to_numpy()), n))
    return pd.DataFrame(rows, columns=["score", "value", "n"])
