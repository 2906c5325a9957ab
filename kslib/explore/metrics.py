"""Metrics explorer logic: filter kslib.extract_metrics rows, show each with its sentence
and raw line, and chart one indicator over the years it refers to."""
from __future__ import annotations

import functools
import io

import pandas as pd

import kslib

from .html import attr, esc, fmt_number, note

__all__ = ["FILTERS", "filter_metrics", "filter_options", "default_indicator", "metrics_html",
           "year_series", "cjk_font", "chart_png", "compact_number", "summary"]

FILTERS = ("doc_id", "unit", "indicator", "kind", "year")


def filter_metrics(metrics: pd.DataFrame, **filters) -> pd.DataFrame:
    """Rows of an extract_metrics table matching every given filter (doc_id, unit, indicator,
    kind, year); a filter that is None is not applied. Order kept.

    >>> m = kslib.extract_metrics(kslib.load_corpus())              # doctest: +SKIP
    >>> filter_metrics(m, unit="CNY", kind="actual", year=2018)      # doctest: +SKIP
    """
    unknown = set(filters) - set(FILTERS)
    if unknown:
        raise ValueError(f"unknown filter(s) {sorted(unknown)}; use {list(FILTERS)}")
    keep = pd.Series(True, index=metrics.index)
    for col, val in filters.items():
        if val is None:
            continue
        if col == "year":
            keep &= metrics["year"].astype("Int64").eq(int(val)).fillna(False).astype(bool)
        else:
            keep &= metrics[col].astype(str) == str(val)
    return metrics[keep]


def filter_options(metrics: pd.DataFrame, col: str) -> list:
    """The values of a column to offer in a filter: most frequent first, ties in sorted order;
    empty values left out."""
    s = metrics[col].dropna()
    s = s[s.astype(str) != ""]
    if col == "year":
        return sorted(int(y) for y in s.unique())
    counts = s.astype(str).value_counts()
    return sorted(counts.index, key=lambda v: (-int(counts[v]), v))


def default_indicator(metrics: pd.DataFrame) -> str | None:
    """The indicator with figures for the most distinct years (then the most rows, then by
    name): the one a chart over years says most about. None if no row has both."""
    m = metrics[(metrics["indicator"].astype(str) != "") & metrics["year"].notna()]
    if m.empty:
        return None
    g = m.groupby("indicator").agg(years=("year", "nunique"), rows=("year", "size")).reset_index()
    g = g.sort_values(["years", "rows", "indicator"], ascending=[False, False, True])
    return str(g["indicator"].iloc[0])


def _sentence_html(sentence: str, mention: str, text: str, start: int, context: int = 40) -> str:
    """The sentence with the mention highlighted, cut to `context` characters either side (…,
    the whole sentence in the tooltip); the mention is located through its offset in the
    document text, so a value that occurs twice in a sentence is marked where it was found."""
    k = -1
    lo = max(0, start - len(sentence))
    i = text.find(sentence, lo)
    while 0 <= i <= start:
        if i + len(sentence) >= start + len(mention):
            k = start - i
            break
        i = text.find(sentence, i + 1)
    if k < 0:
        k = sentence.find(mention)
    if k < 0 or not mention:
        return esc(sentence)
    a, b = max(0, k - context), min(len(sentence), k + len(mention) + context)
    left = ("…" if a > 0 else "") + sentence[a:k]
    right = sentence[k + len(mention):b] + ("…" if b < len(sentence) else "")
    return (f'<span title="{attr(sentence)}">{esc(left)}<span class="ks-hit">{esc(sentence[k:k + len(mention)])}'
            f'</span>{esc(right)}</span>')


def compact_number(value: float) -> str:
    """An axis label in the units Chinese statistics use: 7.62e10 -> "762亿", 15000 -> "1.5万", 7.1 -> "7.1"."""
    v = float(value)
    for size, word in ((1e8, "亿"), (1e4, "万")):
        if abs(v) >= size:
            return f"{v / size:.4g}{word}"
    return f"{v:.4g}"


def metrics_html(rows: pd.DataFrame, corpus: pd.DataFrame, *, labels: dict | None = None, limit: int = 200,
                 selected: int | None = None) -> str:
    """The filtered rows as a table: document, raw line, value, unit, indicator, kind, year and
    the sentence with the mention highlighted; row i carries data-key "row:i"."""
    if not len(rows):
        return f'<div class="ks-view">{note("No quantity matches these filters.")}</div>'
    labels = labels if labels is not None else kslib.display.doc_labels(corpus)
    texts = dict(zip(corpus["doc_id"].astype(str), corpus["text"].astype(str)))
    head = ("<tr><th>document</th><th class='ks-line-col'>line</th><th class='ks-num'>value</th><th>unit</th>"
            "<th>indicator</th><th>kind</th><th class='ks-num'>year</th><th>sentence</th></tr>")
    out = []
    for i, r in enumerate(rows.head(limit).itertuples(index=False)):
        value = fmt_number(r.value) + (f"–{fmt_number(r.value_max)}" if pd.notna(r.value_max) else "")
        year = "" if pd.isna(r.year) else int(r.year)
        cls = ' class="ks-selected"' if i == selected else ""
        sent = _sentence_html(str(r.sentence), str(r.text), texts.get(str(r.doc_id), ""), int(r.start))
        out.append(f'<tr data-key="row:{i}"{cls}><td class="ks-label" title="{attr(r.doc_id)}">'
                   f'{esc(labels.get(r.doc_id, r.doc_id))}</td><td class="ks-line-col">{r.line}</td>'
                   f'<td class="ks-num">{esc(value)}</td><td>{esc(r.unit)}</td><td>{esc(r.indicator)}</td>'
                   f'<td>{esc(r.kind)}</td><td class="ks-num">{year}</td><td>{sent}</td></tr>')
    more = note(f"First {limit} of {len(rows)} rows; narrow the filters.") if len(rows) > limit else ""
    return (f'<div class="ks-view"><div class="ks-scroll"><table class="ks-rows ks-metrics">{head}{"".join(out)}'
            f"</table></div>{more}</div>")


def year_series(rows: pd.DataFrame) -> tuple[pd.DataFrame, str | None]:
    """The rows to chart over years: those with a year, in the unit most of them have (ties by
    unit name), as (doc_id, year, value, kind) sorted by doc_id, year; and that unit."""
    m = rows[rows["year"].notna()]
    if m.empty:
        return m[["doc_id", "year", "value", "kind"]].iloc[:0], None
    counts = m["unit"].astype(str).value_counts()
    unit = sorted(counts.index, key=lambda u: (-int(counts[u]), u))[0]
    m = m[m["unit"].astype(str) == unit]
    out = m[["doc_id", "year", "value", "kind"]].astype({"year": "int64"})
    return out.sort_values(["doc_id", "year", "value"], kind="stable", ignore_index=True), unit


def summary(rows: pd.DataFrame, total: int) -> str:
    """One sentence on a filter's result, true of any corpus."""
    if not len(rows):
        return f"No quantity of the {total} extracted matches these filters."
    years = rows["year"].dropna()
    lo, hi = (int(years.min()), int(years.max())) if len(years) else (None, None)
    span = "" if lo is None else f", year {lo}" if lo == hi else f", years {lo}–{hi}"
    docs = rows["doc_id"].nunique()
    return (f"{len(rows)} of {total} quantit{'ies' if total != 1 else 'y'} in {docs} "
            f"document{'s' * (docs != 1)}{span}.")


@functools.lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """Path of the CJK font the paper figures use (kslib.figures, from the noto-cjk-sans-otc wheel),
    or None when it cannot be built (the chart then draws Chinese as boxes)."""
    from kslib import figures

    try:
        return figures.font_path()
    except OSError:
        return None


def chart_png(series: pd.DataFrame, unit: str | None, *, title: str = "", labels: dict | None = None,
              font: str | None = "auto") -> bytes:
    """A small PNG chart of `series` (year_series): value over year, one line per document,
    targets and forecasts as open markers. Drawn on matplotlib's Agg canvas inside an
    rc_context, so pyplot's global style is untouched; `font`: path of a CJK font file
    (registered with matplotlib's font manager) for Chinese titles and labels, "auto": cjk_font()."""
    import matplotlib
    from matplotlib import font_manager
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    font = cjk_font() if font == "auto" else font
    rc = {"font.size": 7, "axes.titlesize": 8, "legend.fontsize": 6, "svg.hashsalt": "kslib"}
    if font:
        font_manager.fontManager.addfont(font)
        rc["font.family"] = font_manager.FontProperties(fname=font).get_name()
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=(4.2, 2.3), dpi=100)
        ax = fig.add_subplot()
        if series.empty:
            ax.text(0.5, 0.5, title or "no figures with a year to plot", ha="center", va="center",
                    transform=ax.transAxes)
            ax.set_axis_off()
        else:
            for doc_id, g in series.groupby("doc_id", sort=True):
                lab = (labels or {}).get(doc_id, doc_id)
                line, = ax.plot(g["year"], g["value"], "-", lw=1, alpha=0.6)
                for kind, mk in (("actual", "o"), ("target", "o"), ("forecast", "s")):
                    k = g[g["kind"] == kind]
                    if len(k):
                        ax.plot(k["year"], k["value"], mk, ms=4, color=line.get_color(),
                                mfc=line.get_color() if kind == "actual" else "none", label=f"{lab} ({kind})")
            years = sorted(int(y) for y in series["year"].unique())
            ax.set_xticks(years, [str(y) for y in years])
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: compact_number(v)))
            ax.set_ylabel(unit or "")
            ax.legend(frameon=False, loc="best")
            ax.grid(alpha=0.3, lw=0.5)
            ax.set_title(title)
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()
