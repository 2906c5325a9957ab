"""Concordance (KWIC) logic of the explorer: run a query, count hits per document,
build the clickable rows. Plain functions over kslib.kwic; no widgets here."""
from __future__ import annotations

import re

import pandas as pd

import kslib

from .html import attr, esc, note

__all__ = ["MODES", "search", "hit_counts", "kwic_html", "counts_html", "summary"]

# How a query is matched; each maps to kslib.kwic's own rules.
MODES = {
    "string": "a literal string in the normalised text (Traditional input converted; "
              "with spaces: consecutive words)",
    "regex": "a regular expression over the normalised text (with spaces: one regex per consecutive word)",
    "words": "whole words as segmented (kslib.tokens), space-separated for a phrase of consecutive words",
}


def search(corpus: pd.DataFrame, query: str, *, mode: str = "string", window: int = 12,
           tokens: pd.DataFrame | None = None, labels: dict | None = None) -> pd.DataFrame:
    """KWIC rows of `query` in `corpus`: kslib.kwic's columns plus `label` (kslib.display.doc_labels).

    An empty query gives no rows; an invalid regular expression raises ValueError with re's message.

    >>> hits = search(kslib.load_corpus(), "科创")          # doctest: +SKIP
    >>> hits[["label", "line", "left", "keyword", "right"]]  # doctest: +SKIP
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {sorted(MODES)}, not {mode!r}")
    labels = labels if labels is not None else kslib.display.doc_labels(corpus)
    query = (query or "").strip()
    if not query:
        out = kslib.kwic(corpus.iloc[:0], "x", window=window)
    elif mode == "words":
        out = kslib.kwic(corpus, query.split(), window=window, tokens=tokens)
    else:
        if mode == "regex":
            try:
                for part in query.split():
                    re.compile(part)
            except re.error as e:
                raise ValueError(f"not a regular expression: {query!r} ({e})") from None
        multi = bool(re.search(r"\s", query))
        out = kslib.kwic(corpus, query, window=window, regex=mode == "regex",
                         tokens=tokens if multi else None)
    out.insert(1, "label", out["doc_id"].map(labels).fillna(out["doc_id"]).astype(str))
    return out


def hit_counts(hits: pd.DataFrame, corpus: pd.DataFrame, *, labels: dict | None = None) -> pd.DataFrame:
    """Hits per document of the corpus, in corpus order, documents without hits included
    (count 0). Columns doc_id, label, hits."""
    labels = labels if labels is not None else kslib.display.doc_labels(corpus)
    ids = corpus["doc_id"].astype(str).tolist()
    n = hits["doc_id"].astype(str).value_counts() if len(hits) else pd.Series(dtype="int64")
    return pd.DataFrame({"doc_id": ids, "label": [labels.get(d, d) for d in ids],
                         "hits": [int(n.get(d, 0)) for d in ids]})


def summary(query: str, mode: str, hits: pd.DataFrame, corpus: pd.DataFrame) -> str:
    """One sentence on a query's result, true of any corpus: how many matches in how many documents."""
    n_docs = len(corpus)
    docs = hits["doc_id"].nunique()
    what = {"string": "the string", "regex": "the pattern", "words": "the word(s)"}[mode]
    if not len(hits):
        return f"No match of {what} {query!r} in the {n_docs} document{'s' * (n_docs != 1)}."
    return (f"{len(hits)} match{'es' * (len(hits) != 1)} of {what} {query!r} "
            f"in {docs} of {n_docs} document{'s' * (n_docs != 1)}.")


def counts_html(counts: pd.DataFrame, *, selected: str | None = None) -> str:
    """Clickable per-document counts (key "doc:<doc_id>"); documents without hits are left out
    but counted in a closing note."""
    parts = []
    for r in counts.itertuples():
        if r.hits == 0:
            continue
        cls = ' class="ks-selected"' if r.doc_id == selected else ""
        parts.append(f'<span data-key="doc:{attr(r.doc_id)}"{cls} title="{attr(r.doc_id)}">'
                     f'{esc(r.label)} <b>{r.hits}</b></span>')
    zero = int((counts["hits"] == 0).sum())
    tail = f' <span class="ks-note">none in {zero} other document{"s" * (zero != 1)}</span>' if zero and parts else ""
    return f'<div class="ks-view ks-counts">{"".join(parts)}{tail}</div>'


def kwic_html(hits: pd.DataFrame, *, limit: int = 200, selected: int | None = None) -> str:
    """The KWIC rows as a table (document, raw line, left, keyword, right); row i of `hits`
    carries data-key "row:i", the selected row is marked. At most `limit` rows, with a note."""
    if not len(hits):
        return f'<div class="ks-view">{note("No matches.")}</div>'
    head = ("<tr><th>document</th><th class='ks-line-col'>line</th><th class='ks-left'>left</th>"
            "<th class='ks-kw'>keyword</th><th>right</th></tr>")
    rows = []
    for i, r in enumerate(hits.head(limit).itertuples(index=False)):
        cls = ' class="ks-selected"' if i == selected else ""
        raw = f' title="raw: {attr(r.raw_keyword)}"' if r.raw_keyword != r.keyword else ""
        rows.append(f'<tr data-key="row:{i}"{cls}><td class="ks-label" title="{attr(r.doc_id)}">{esc(r.label)}</td>'
                    f'<td class="ks-line-col">{r.line}</td><td class="ks-left">{esc(r.left)}</td>'
                    f'<td class="ks-kw"{raw}>{esc(r.keyword)}</td><td class="ks-right">{esc(r.right)}</td></tr>')
    more = note(f"First {limit} of {len(hits)} rows; narrow the query or pick a document.") if len(hits) > limit else ""
    return (f'<div class="ks-view"><div class="ks-scroll"><table class="ks-rows ks-kwic">{head}{"".join(rows)}'
            f"</table></div>{more}</div>")
