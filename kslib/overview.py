"""Corpus overview: the documents as a table, their timeline, and what cleaning did."""
from __future__ import annotations

import re

import pandas as pd

from .corpus import cleaning_log, normalized
from .display import short_ids

__all__ = ["corpus_summary", "cleaning_summary", "repeated_paragraphs", "plot_timeline", "plot_cleaning"]

# Rules that only touch whitespace or script: they change characters, not content.
FORM_RULES = ("whitespace", "t2s", "width", "number_spacing", "markdown", "page_break_join", "ocr_digit")


def corpus_summary(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per document: metadata plus characters in raw and in the clean text."""
    cols = ["doc_id", "title", "date", "date_precision", "source", "script", "subject"]
    out = corpus[cols].copy()
    out["chars_raw"] = corpus["raw"].str.len()
    out["chars_text"] = corpus["text"].str.len()
    out["paragraphs"] = corpus["text"].map(lambda t: sum(1 for p in t.split("\n") if p.strip()))
    out["kept_share"] = (out["chars_text"] / out["chars_raw"]).round(3)
    return out


def cleaning_summary(corpus_or_log: pd.DataFrame) -> pd.DataFrame:
    """Per document and rule: log rows and raw characters affected, with the rule's
    kind (removed = content left the text; changed = same content, new form)."""
    log = corpus_or_log if "rule" in corpus_or_log.columns else cleaning_log(corpus_or_log)
    log = log.assign(chars=log["text"].str.len(),
                     kind=log["rule"].map(lambda r: "changed" if r in FORM_RULES else "removed"))
    out = (log.groupby(["doc_id", "rule", "kind"], as_index=False)
              .agg(rows=("text", "size"), chars=("chars", "sum")))
    return out.sort_values(["doc_id", "kind", "chars", "rule"], ascending=[True, False, False, True],
                           ignore_index=True)


def repeated_paragraphs(corpus: pd.DataFrame) -> pd.DataFrame:
    """Paragraphs removed as verbatim repeats: where each repeat stands in raw and the
    raw line of the first occurrence, which is the one kept in `text`."""
    rows = []
    for _, doc in corpus.iterrows():
        lines = doc["raw"].split("\n")
        first_seen: dict[str, int] = {}
        for i, line in enumerate(lines, 1):
            first_seen.setdefault(line.strip(), i)
        for r in normalized(doc).log:
            if r["rule"] != "repeated_paragraph":
                continue
            para = r["text"].strip()
            rows.append({"doc_id": doc["doc_id"], "line": r["line"], "first_line": first_seen[para],
                         "chars": len(para), "text": para})
    out = pd.DataFrame(rows, columns=["doc_id", "line", "first_line", "chars", "text"])
    out["copy"] = out.groupby(["doc_id", "first_line"]).cumcount() + 2
    return out


def _date_start(date: str) -> pd.Timestamp:
    parts = (date + "-01-01")[:10] if re.fullmatch(r"\d{4}", date) else (date + "-01")[:10]
    return pd.Timestamp(parts)


def plot_timeline(corpus: pd.DataFrame, label: str = "doc_id"):
    """Documents on a time axis; a year- or month-precision date is drawn as a bar
    over the period it allows, a day-precision date as a point."""
    import matplotlib.pyplot as plt

    dated = corpus[corpus["date"].str.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?")]
    undated = sorted(set(corpus["doc_id"]) - set(dated["doc_id"]))
    labels = short_ids(corpus[label])
    fig, ax = plt.subplots(figsize=(7.2, 0.45 * max(len(dated), 1) + 0.8))
    if undated:
        ax.set_title("undated (not shown): " + ", ".join(undated), fontsize=7, loc="left")
    for i, doc in enumerate(dated.sort_values("doc_id", ascending=False).itertuples()):
        start = _date_start(doc.date)
        if doc.date_precision == "day":
            ax.plot([start], [i], "o", color="C0")
        else:
            end = start + (pd.DateOffset(years=1) if doc.date_precision == "year" else pd.DateOffset(months=1))
            ax.plot([start, end], [i, i], "-", lw=6, color="C1", solid_capstyle="butt", alpha=0.7)
        ax.annotate(f"{labels[getattr(doc, label)]} {doc.subject} ({doc.date})", (start, i),
                    xytext=(4, 5), textcoords="offset points", fontsize=7)
    ax.set_yticks([])
    ax.set_ylim(-0.7, max(len(dated), 1) - 0.2)
    ax.set_xlabel("publication date (point: day known; bar: only year known)")
    fig.tight_layout()
    return fig


def plot_cleaning(summary: pd.DataFrame):
    """Characters removed per document, stacked by rule (content removals only)."""
    import matplotlib.pyplot as plt

    removed = summary[summary["kind"] == "removed"]
    table = removed.pivot_table(index="doc_id", columns="rule", values="chars", aggfunc="sum", fill_value=0)
    table = table.reindex(sorted(summary["doc_id"].unique()), fill_value=0)
    table.index = table.index.map(short_ids(table.index))
    fig, ax = plt.subplots(figsize=(3.5, 2.4))
    if table.empty or not table.to_numpy().any():
        ax.text(0.5, 0.5, "cleaning removed nothing", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    table.plot.barh(stacked=True, ax=ax, width=0.7, colormap="tab10")
    ax.invert_yaxis()
    ax.set_xlabel("raw characters removed")
    ax.set_ylabel("")
    ax.legend(fontsize=6, frameon=False, loc="lower right")
    fig.tight_layout()
    return fig
