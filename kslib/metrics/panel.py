"""Tables built on extract_metrics output: the same indicator across documents (metric_panel),
targets beside actuals, mentions per unit, and the document-year richest in figures."""
from __future__ import annotations

import pandas as pd

from ..display import short_ids

__all__ = ["metric_panel", "targets_vs_actuals", "plan_against_review", "units_by_document", "richest_year", "bound_of", "LOWER_BOUND",
           "UPPER_BOUND", "PANEL_COLUMNS"]

# Qualifiers that make a value a bound rather than an exact figure: at least / at most.
LOWER_BOUND = {"突破", "破", "超", "超过", "以上", "多", "余", "逾", "上", "级", "高于", "不低于", "至少", "大于"}


UPPER_BOUND = {"近", "将近", "逼近", "不到", "不足", "以下", "以内", "最多", "上限", "不超过", "低于", "小于"}


PANEL_COLUMNS = ["indicator", "measure", "unit", "year", "period", "kind", "doc_id", "line", "text", "value",
                 "qualifier", "bound", "n_docs", "disagree"]


def bound_of(qualifier) -> str:
    """"lower" for a value that is at least the figure (突破100亿元, 1万户以上), "upper" for at most
    (近2万亿元, 5.3%以下), "" for an exact or approximate figure (约, 左右)."""
    q = qualifier if isinstance(qualifier, str) else ""
    return "lower" if q in LOWER_BOUND else "upper" if q in UPPER_BOUND else ""


def _consistent(values: pd.Series, quals: pd.Series) -> bool:
    exact = sorted({round(float(v), 6) for v, q in zip(values, quals) if q not in LOWER_BOUND | UPPER_BOUND})
    if len(exact) > 1:
        return False
    if exact:
        x = exact[0]
        if any(float(v) > x for v, q in zip(values, quals) if q in LOWER_BOUND):
            return False
        if any(float(v) < x for v, q in zip(values, quals) if q in UPPER_BOUND):
            return False
    return True


def metric_panel(metrics: pd.DataFrame, *, indicators=None, min_docs: int = 2) -> pd.DataFrame:
    """The same indicator side by side across documents, years and kind.

    One row per mention of an indicator reported in at least `min_docs` documents (or of
    the given `indicators`), sorted by indicator, measure, year, period, kind, doc. `bound` is
    "lower" (突破/超/以上… = at least), "upper" (近/不到/以内… = at most) or "". `disagree` is
    True when mentions with the same indicator, measure, unit, year, period and kind do not
    agree: two different exact values, or a bound that contradicts an exact value. `n_docs`:
    documents reporting the indicator."""
    m = metrics[metrics["indicator"].astype(str) != ""].copy()
    if indicators is not None:
        m = m[m["indicator"].isin(list(indicators))]
    docs_per = m.groupby("indicator")["doc_id"].nunique()
    keep = docs_per[docs_per >= (1 if indicators is not None else min_docs)].index
    m = m[m["indicator"].isin(keep)].copy()
    if m.empty:
        return pd.DataFrame(columns=PANEL_COLUMNS)
    m["n_docs"] = m["indicator"].map(docs_per).astype("int64")
    if "period" not in m:
        m["period"] = None
    m["period"] = m["period"].astype(object).where(m["period"].notna(), None)
    m["bound"] = [bound_of(q) for q in m["qualifier"]]
    key = ["indicator", "measure", "unit", "year", "period", "kind"]
    group = pd.Series(["|".join(map(str, r)) for r in m[key].itertuples(index=False, name=None)], index=m.index)
    flags = {k: not _consistent(g["value"], g["qualifier"]) for k, g in m.groupby(group, sort=False)}
    m["disagree"] = group.map(flags).astype(bool)
    m = m.sort_values(key + ["doc_id", "line", "start"], na_position="first")
    return m[PANEL_COLUMNS].reset_index(drop=True)


def targets_vs_actuals(metrics: pd.DataFrame, *, actual_year: int, target_year: int,
                       doc_id: str | None = None) -> pd.DataFrame:
    """Targets of `target_year` beside the actuals of `actual_year` for the same indicator,
    measure and unit (in one document, or all). Columns: indicator, measure, unit, actual,
    actual_qualifier, target, target_qualifier (以上, 左右 …: a bound or an approximation), change
    (target - actual; for % growth rates in points)."""
    m = metrics if doc_id is None else metrics[metrics["doc_id"] == doc_id]
    key = ["indicator", "measure", "unit"]
    a = m[(m["kind"] == "actual") & (m["year"] == actual_year)].drop_duplicates(key)
    t = m[(m["kind"] == "target") & (m["year"] == target_year)].drop_duplicates(key)
    j = a[key + ["value", "qualifier"]].merge(t[key + ["value", "qualifier"]], on=key, suffixes=("_actual", "_target"))
    j = j.rename(columns={"value_actual": "actual", "value_target": "target", "qualifier_actual": "actual_qualifier",
                          "qualifier_target": "target_qualifier"})
    j = j[key + ["actual", "actual_qualifier", "target", "target_qualifier"]]
    j["change"] = (j["target"] - j["actual"]).round(10)  # a difference of decimals, without binary noise
    return j.reset_index(drop=True)


def plan_against_review(metrics: pd.DataFrame, *, doc_id: str | None = None):
    """(doc_id, actual_year, target_year): the document and years whose targets can best be set
    against its actuals — the most indicators (same indicator, measure, unit) with both an actual of
    actual_year and a target of a later target_year; ties go to the later doc_id and years (stable
    sort). (None, None, None) when no document has both."""
    m = metrics if doc_id is None else metrics[metrics["doc_id"] == doc_id]
    m = m[m["year"].notna() & (m["indicator"].astype(str) != "")]
    key = ["indicator", "measure", "unit"]
    a = m[m["kind"] == "actual"][["doc_id", "year"] + key].drop_duplicates()
    t = m[m["kind"] == "target"][["doc_id", "year"] + key].drop_duplicates()
    j = a.merge(t, on=["doc_id"] + key, suffixes=("_actual", "_target"))
    j = j[j["year_target"] > j["year_actual"]]
    if j.empty:
        return None, None, None
    sizes = j.groupby(["doc_id", "year_actual", "year_target"]).size().sort_values(kind="stable")
    d, ya, yt = sizes.index[-1]
    return d, int(ya), int(yt)


def units_by_document(metrics: pd.DataFrame, *, doc_ids=None) -> pd.DataFrame:
    """Mentions per unit (rows, most frequent first) and document (columns, short ids)."""
    short = short_ids(doc_ids if doc_ids is not None else metrics["doc_id"])
    table = pd.crosstab(metrics["unit"], metrics["doc_id"].map(short))
    table.columns.name = None
    return table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index].reset_index()


def richest_year(metrics: pd.DataFrame, *, kind: str = "actual"):
    """(doc_id, year) with the most dated mentions of `kind`; ties go to the later
    doc_id/year (stable sort). (None, None) when nothing is dated."""
    dated = metrics[(metrics["kind"] == kind) & metrics["year"].notna()]
    if dated.empty:
        return None, None
    sizes = dated.groupby(["doc_id", "year"]).size().sort_values(kind="stable")
    return sizes.index[-1]
