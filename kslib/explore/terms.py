"""Term view logic: the top terms by frequency or keyness as clickable bars (a chart and a
list at once); a click on a term opens its concordance."""
from __future__ import annotations

import pandas as pd

import kslib

from .html import attr, esc, note

__all__ = ["term_table", "terms_html"]


def term_table(tokens: pd.DataFrame, *, measure: str = "frequency", doc_id: str | None = None, n: int = 20,
               corpus: pd.DataFrame | None = None) -> pd.DataFrame:
    """The n top terms as (term, value, count): by "frequency" (count in the corpus, or in
    `doc_id`) or by "keyness" (Dunning's G² of `doc_id` against the other documents, terms
    over-used in it only). Ties sorted by term.

    >>> tok = kslib.tokens(kslib.load_corpus())                        # doctest: +SKIP
    >>> term_table(tok, measure="keyness", doc_id=tok["doc_id"].iloc[0])       # doctest: +SKIP
    """
    if measure == "frequency":
        if doc_id is None:
            tf = kslib.term_frequencies(tokens, by=None)
        else:
            tf = kslib.term_frequencies(tokens, by="doc")
            tf = tf[tf["doc_id"].astype(str) == str(doc_id)]
        out = pd.DataFrame({"term": tf["term"], "value": tf["count"].astype(float), "count": tf["count"]})
    elif measure == "keyness":
        if doc_id is None:
            raise ValueError("keyness needs a document (doc_id) to compare with the others")
        if tokens["doc_id"].nunique() < 2:
            raise ValueError("keyness needs at least two documents")
        k = kslib.keyness(tokens, target=doc_id, corpus=corpus)
        k = k[k["sign"] == "over"]
        out = pd.DataFrame({"term": k["term"], "value": k["statistic"], "count": k["count_target"]})
    else:
        raise ValueError(f"measure must be 'frequency' or 'keyness', not {measure!r}")
    out = out.sort_values(["value", "term"], ascending=[False, True], kind="stable").head(n)
    return out.reset_index(drop=True)


def terms_html(table: pd.DataFrame, *, measure: str = "frequency", selected: str | None = None) -> str:
    """Horizontal bars of a term_table, longest = largest value; each carries data-key "term:<term>"."""
    if not len(table):
        return f'<div class="ks-view">{note("No terms.")}</div>'
    top = float(table["value"].max()) or 1.0
    rows = []
    for r in table.itertuples(index=False):
        width = max(1.0, 100.0 * float(r.value) / top)
        val = f"{int(r.count)}" if measure == "frequency" else f"G² {r.value:.1f} · {int(r.count)}×"
        sel = ' style="font-weight:700"' if r.term == selected else ""
        rows.append(f'<div data-key="term:{attr(r.term)}"{sel} title="show {attr(r.term)} in context">'
                    f'<span class="ks-term">{esc(r.term)}</span>'
                    f'<span class="ks-bar" style="width:{width * 0.6:.1f}%"></span>'
                    f'<span class="ks-val">{esc(val)}</span></div>')
    return f'<div class="ks-view ks-bars">{"".join(rows)}</div>'
