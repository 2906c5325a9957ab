"""Term statistics on the tidy tokens table (one row per token, see kslib.tokens):
frequencies, tf-idf, keyword in context, collocations and co-occurrence.

Every function returns a tidy DataFrame sorted deterministically (by the value,
then by the term), so tables and figures are identical across runs.

Which tokens count as terms: by default stopwords (`is_stop`), punctuation
(`is_punct`) and pure numbers (`is_num`) are not terms; `keep_stopwords=True`
keeps stopwords. Rates are per 1,000 non-punctuation tokens (stopwords and numbers
are in the denominator: they are words of the text).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from .dfm import dfm

__all__ = ["SENTENCE_END", "term_frequencies", "top_terms", "tfidf", "kwic", "collocations",
           "cooccurrence", "unit_ids", "token_counts", "pattern_counts", "words_containing"]

SENTENCE_END = "。！？；!?;"
_SENTENCE_END_RE = re.compile(f"[{re.escape(SENTENCE_END)}]")
_TERM_COLS = ("doc_id", "token", "is_stop", "is_punct", "is_num")


def _check(tokens: pd.DataFrame, cols=_TERM_COLS) -> None:
    missing = [c for c in cols if c not in tokens.columns]
    if missing:
        raise ValueError(f"tokens table lacks columns {missing}; build it with kslib.tokens(corpus)")


def _is_term(tokens: pd.DataFrame, keep_stopwords: bool = False) -> pd.Series:
    keep = ~tokens["is_punct"].astype(bool) & ~tokens["is_num"].astype(bool)
    if not keep_stopwords:
        keep &= ~tokens["is_stop"].astype(bool)
    return keep


def term_frequencies(tokens: pd.DataFrame, *, by: str | None = "doc", keep_stopwords: bool = False) -> pd.DataFrame:
    """Term counts and rate per 1,000 tokens.

    by="doc": one row per (doc_id, term), rate relative to that document's
    non-punctuation tokens; by=None: one row per term over the corpus (plus
    `docs`, the number of documents using it). Sorted doc_id, -count, term.
    Counted on the sparse document-feature matrix (kslib.dfm): linear in the table's length.
    """
    _check(tokens)
    if by not in ("doc", None):
        raise ValueError(f"by must be 'doc' or None, not {by!r}")
    d = dfm(tokens, keep_stopwords=keep_stopwords)
    m = d.matrix
    if by == "doc":
        coo = m.tocoo()
        order = np.lexsort((coo.col, -coo.data, coo.row))  # doc, -count, term (terms are sorted)
        row, col, count = coo.row[order], coo.col[order], coo.data[order].astype("int64")
        out = pd.DataFrame({"doc_id": pd.array(d.docs[row], dtype="str"), "term": pd.array(d.terms[col], dtype="str"),
                            "count": count, "per_1k": 1000.0 * count / d.words[row].astype(float)})
        return out
    count = np.asarray(m.sum(axis=0)).ravel().astype("int64")
    docs = np.diff(m.tocsc().indptr).astype("int64")
    n_words = int(d.words.sum())
    order = np.lexsort((np.arange(len(count)), -count))  # -count, then term
    per_1k = 1000.0 * count[order] / float(n_words) if n_words else np.full(len(order), np.nan)
    return pd.DataFrame({"term": pd.array(d.terms[order], dtype="str"), "count": count[order], "per_1k": per_1k,
                         "docs": docs[order]})


def top_terms(table: pd.DataFrame, *, n: int = 10, value: str = "count") -> pd.DataFrame:
    """The n highest rows by `value` (ties by term) of a term table, per document
    when it has a doc_id column."""
    keys = ["doc_id"] if "doc_id" in table.columns else []
    out = table.sort_values(keys + [value, "term"], ascending=[True] * len(keys) + [False, True])
    out = out.groupby(keys, sort=True).head(n) if keys else out.head(n)
    return out.reset_index(drop=True)


def tfidf(tokens: pd.DataFrame, *, keep_stopwords: bool = False, sublinear_tf: bool = False,
          smooth_idf: bool = True, norm: str | None = "l2") -> pd.DataFrame:
    """tf-idf of each term in each document, computed by scikit-learn's
    TfidfTransformer from our own counts (its defaults: tf = raw count,
    idf = ln((1+n)/(1+df)) + 1, each document's vector L2-normalised); n counts
    the documents that have terms. Sparse throughout.

    Columns doc_id, term, count, df, idf, tfidf; sorted doc_id, -tfidf, term.
    """
    from sklearn.feature_extraction.text import TfidfTransformer

    _check(tokens)
    d = dfm(tokens, keep_stopwords=keep_stopwords)
    nonempty = np.flatnonzero(np.diff(d.matrix.indptr) > 0)
    m = d.matrix[nonempty].astype(np.float64)
    docs = d.docs[nonempty]
    cols_out = ["doc_id", "term", "count", "df", "idf", "tfidf"]
    if m.shape[0] == 0:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(cols_out, ["str", "str", "int64", "int64", float, float])})
    tr = TfidfTransformer(norm=norm, smooth_idf=smooth_idf, sublinear_tf=sublinear_tf)
    weights = tr.fit_transform(m).tocsr()
    coo = m.tocoo()
    w = np.asarray(weights[coo.row, coo.col]).ravel()
    df = np.diff(m.tocsc().indptr)
    order = np.lexsort((coo.col, -w, coo.row))
    row, col = coo.row[order], coo.col[order]
    return pd.DataFrame({"doc_id": pd.array(docs[row], dtype="str"), "term": pd.array(d.terms[col], dtype="str"),
                         "count": coo.data[order].astype("int64"), "df": df[col].astype("int64"),
                         "idf": tr.idf_[col], "tfidf": w[order]})


# --- keyword in context -------------------------------------------------------------

def _t2s(s: str) -> str:
    from .normalize import t2s

    return t2s().convert(s)


def _context(text: str, start: int, end: int, window: int) -> tuple[str, str]:
    """Up to `window` characters left and right of [start, end), within the paragraph."""
    ls = text.rfind("\n", 0, start) + 1
    re_ = text.find("\n", end)
    re_ = len(text) if re_ < 0 else re_
    return text[max(ls, start - window):start], text[end:min(re_, end + window)]


def kwic(corpus: pd.DataFrame, pattern: str | Sequence[str], *, window: int = 12, regex: bool = False,
         tokens: pd.DataFrame | None = None) -> pd.DataFrame:
    """Keyword in context over the normalised `text` of each document.

    pattern:
      - a string without spaces: a literal substring (converted Traditional ->
        Simplified like the text, so 崑山 and 昆山 both find 昆山, which includes
        every 崑山 of a Traditional document); with regex=True a regular expression
        (used as given) searched in the text;
      - a list of tokens, or a string with spaces ("昆山 之路"): a sequence of
        consecutive tokens of the tokens table (`tokens`, default kslib.tokens(corpus)),
        within a paragraph; each element matches a whole token (regex=True: each
        element is a regex that must match the whole token). This finds words as
        segmented, e.g. 科创 as a word but not inside 科创之城.

    Returns one row per match: doc_id, start, end (offsets in text), line (1-based
    line of the raw file), left, keyword, right (`window` characters of context,
    not crossing a paragraph break) and raw_keyword (the raw characters the match
    came from, e.g. 崑山 for 000). Sorted by doc_id, start.
    """
    from .corpus import normalized

    multi = not isinstance(pattern, str) or bool(re.search(r"\s", pattern.strip()))
    rows = []
    if multi:
        parts = pattern.split() if isinstance(pattern, str) else [str(p) for p in pattern]
        if not parts:
            raise ValueError("empty token pattern")
        if tokens is None:
            from .segment import tokens as make_tokens

            tokens = make_tokens(corpus)
        _check(tokens, ("doc_id", "paragraph", "token", "start", "end"))
        if not regex:
            parts = [_t2s(p) for p in parts]
        k = len(parts)
        spans: dict[str, list[tuple[int, int]]] = {}
        for doc_id, g in tokens.groupby("doc_id", sort=True):
            n = len(g) - k + 1
            if n <= 0:
                continue
            if "position" in g.columns:
                g = g.sort_values("position", kind="stable")
            tok = g["token"].astype(str)
            par = g["paragraph"].to_numpy()
            ok = par[:n] == par[k - 1:]  # within one paragraph
            for j, p in enumerate(parts):  # vectorised: token j of the window matches part j
                hit = tok.str.fullmatch(p).to_numpy(bool) if regex else (tok == p).to_numpy()
                ok &= hit[j:j + n]
            st, en = g["start"].to_numpy(), g["end"].to_numpy()
            idx = np.flatnonzero(ok)
            spans[doc_id] = [(int(st[i]), int(en[i + k - 1])) for i in idx]
    else:
        rx = re.compile(pattern if regex else re.escape(_t2s(pattern)))
    for doc in corpus.sort_values("doc_id").to_dict("records"):
        text = doc["text"]
        nl = normalized(doc)
        if nl.text != text:
            raise ValueError(f"{doc['doc_id']}: `text` is not the normalised `raw`; build the corpus with load_corpus")
        if multi:
            found = spans.get(doc["doc_id"], [])
        else:
            found = [(m.start(), m.end()) for m in rx.finditer(text) if m.end() > m.start()]
        if not found:
            continue
        lines = nl.raw_lines([s for s, _ in found])
        for (s, e), line in zip(found, lines):
            left, right = _context(text, s, e, window)
            r0, r1 = int(nl.offsets[s]), int(nl.offsets[e - 1]) + 1
            rows.append({"doc_id": doc["doc_id"], "start": s, "end": e, "line": int(line), "left": left,
                         "keyword": text[s:e], "right": right, "raw_keyword": nl.raw[r0:r1]})
    cols = ["doc_id", "start", "end", "line", "left", "keyword", "right", "raw_keyword"]
    out = pd.DataFrame(rows, columns=cols)
    for c in ("start", "end", "line"):
        out[c] = out[c].astype("int64")
    for c in ("doc_id", "left", "keyword", "right", "raw_keyword"):
        out[c] = out[c].astype(str)  # same dtypes with or without matches
    return out.sort_values(["doc_id", "start"]).reset_index(drop=True)


def words_containing(hits: pd.DataFrame, tokens: pd.DataFrame) -> pd.DataFrame:
    """For string matches from `kwic`: the token each match starts in, counted
    (科创 inside 科创之城, 科创板 … or as a word of its own). Columns: word, count;
    sorted by count, then word."""
    if hits.empty:
        return pd.DataFrame({"word": pd.Series(dtype=str), "count": pd.Series(dtype="int64")})
    # merge_asof needs one key dtype: token offsets are int32, match offsets int64
    left = hits[["doc_id", "start"]].astype({"doc_id": str, "start": "int64"}).sort_values("start", kind="stable")
    right = tokens[["doc_id", "start", "token"]].astype({"doc_id": str, "start": "int64"}).sort_values("start", kind="stable")
    inside = pd.merge_asof(left, right, on="start", by="doc_id")
    out = inside.groupby("token").size().rename("count").reset_index().rename(columns={"token": "word"})
    return out.sort_values(["count", "word"], ascending=[False, True], kind="stable").reset_index(drop=True)


# --- collocations -------------------------------------------------------------------

def _g2(o11, o12, o21, o22):
    """Dunning's log-likelihood G² = 2 Σ O ln(O/E) of 2x2 tables (vectorised)."""
    from scipy.special import xlogy

    n = o11 + o12 + o21 + o22
    r1, r2, c1, c2 = o11 + o12, o21 + o22, o11 + o21, o12 + o22
    obs = xlogy(o11, o11) + xlogy(o12, o12) + xlogy(o21, o21) + xlogy(o22, o22)
    marg = xlogy(r1, r1) + xlogy(r2, r2) + xlogy(c1, c1) + xlogy(c2, c2)
    return np.maximum(2.0 * (obs - marg + xlogy(n, n)), 0.0)


def collocations(tokens: pd.DataFrame, *, measure: str = "llr", min_count: int = 3,
                 keep_stopwords: bool = False) -> pd.DataFrame:
    """Adjacent word pairs (w1 immediately followed by w2) and how strongly they attract.

    Pairs are formed within a paragraph from consecutive tokens; punctuation,
    pure numbers and (unless keep_stopwords) stopwords break a pair, so no pair
    spans a comma or a stopword. Over the N eligible pairs: count = pairs (w1, w2),
    count1 = pairs with w1 first, count2 = pairs with w2 second,
    expected = count1*count2/N,
    pmi = log2(count / expected),
    llr = Dunning's log-likelihood G² of the 2x2 table
          [[count, count1-count], [count2-count, N-count1-count2+count]],
    p_value = chi-squared (1 df) survival of llr (scipy.stats.chi2.sf).
    Only pairs with count >= min_count are returned (N counts all pairs), sorted by
    `measure` ("llr" or "pmi") descending, then count, term1, term2.
    """
    from scipy.stats import chi2

    if measure not in ("llr", "pmi"):
        raise ValueError(f"measure must be 'llr' or 'pmi', not {measure!r}")
    _check(tokens, _TERM_COLS + ("paragraph",))
    t = tokens.reset_index(drop=True)
    ok = _is_term(t, keep_stopwords).to_numpy()
    same = (t["doc_id"].to_numpy()[1:] == t["doc_id"].to_numpy()[:-1]) & \
           (t["paragraph"].to_numpy()[1:] == t["paragraph"].to_numpy()[:-1])
    pair = same & ok[1:] & ok[:-1]
    w = t["token"].to_numpy()
    bigrams = pd.DataFrame({"term1": w[:-1][pair], "term2": w[1:][pair]})
    cols = ["term1", "term2", "count", "count1", "count2", "expected", "pmi", "llr", "p_value"]
    if bigrams.empty:
        return pd.DataFrame(columns=cols)
    n = float(len(bigrams))
    out = bigrams.groupby(["term1", "term2"]).size().rename("count").reset_index()
    out["count1"] = out["term1"].map(bigrams["term1"].value_counts())
    out["count2"] = out["term2"].map(bigrams["term2"].value_counts())
    o11 = out["count"].to_numpy(float)
    r1, c1 = out["count1"].to_numpy(float), out["count2"].to_numpy(float)
    out["expected"] = r1 * c1 / n
    out["pmi"] = np.log2(o11 / out["expected"].to_numpy())
    out["llr"] = _g2(o11, r1 - o11, c1 - o11, n - r1 - c1 + o11)
    out["p_value"] = chi2.sf(out["llr"].to_numpy(), 1)
    out = out[out["count"] >= min_count]
    out = out.sort_values([measure, "count", "term1", "term2"], ascending=[False, False, True, True])
    for c in ("count", "count1", "count2"):
        out[c] = out[c].astype("int64")
    return out[cols].reset_index(drop=True)


# --- co-occurrence ------------------------------------------------------------------

def unit_ids(tokens: pd.DataFrame, *, unit: str = "sentence") -> pd.Series:
    """Unit number (0, 1, ...) of each token: paragraphs, or sentences ending at a
    token containing one of SENTENCE_END (。！？；!?;), never across paragraphs."""
    if unit not in ("sentence", "paragraph"):
        raise ValueError(f"unit must be 'sentence' or 'paragraph', not {unit!r}")
    _check(tokens, ("doc_id", "paragraph", "token"))
    t = tokens.reset_index(drop=True)
    newpar = (t["doc_id"] != t["doc_id"].shift()) | (t["paragraph"] != t["paragraph"].shift())
    start = newpar
    if unit == "sentence":
        ended = t["token"].str.contains(_SENTENCE_END_RE, regex=True).shift(fill_value=False)
        start = newpar | ended
    return pd.Series(start.cumsum().to_numpy() - 1, index=tokens.index, name=unit)


def cooccurrence(tokens: pd.DataFrame, *, unit: str = "sentence", min_count: int = 1,
                 terms=None, keep_stopwords: bool = False) -> pd.DataFrame:
    """Pairs of content terms used in the same sentence (or paragraph).

    count = number of units containing both terms (each unit counts once),
    count1/count2 = units containing term1/term2, units = number of units.
    Stopwords, punctuation and pure numbers are not terms; `terms` (an iterable)
    restricts to those terms, e.g. the top terms of term_frequencies. term1 < term2;
    sorted -count, term1, term2; pairs with count >= min_count.
    """
    _check(tokens, _TERM_COLS + ("paragraph",))
    u = unit_ids(tokens, unit=unit)
    keep = _is_term(tokens, keep_stopwords)
    occ = pd.DataFrame({"unit": u[keep].to_numpy(), "term": tokens.loc[keep, "token"].to_numpy()})
    if terms is not None:
        occ = occ[occ["term"].isin(set(terms))]
    occ = occ.drop_duplicates()
    per_term = occ["term"].value_counts()
    m = occ.merge(occ, on="unit", suffixes=("1", "2"))
    m = m[m["term1"] < m["term2"]]
    out = m.groupby(["term1", "term2"]).size().rename("count").reset_index()
    out["count1"] = out["term1"].map(per_term).astype("int64")
    out["count2"] = out["term2"].map(per_term).astype("int64")
    out["units"] = int(u.nunique()) if len(u) else 0
    out = out[out["count"] >= min_count]
    out = out.sort_values(["count", "term1", "term2"], ascending=[False, True, True])
    out["count"] = out["count"].astype("int64")
    return out[["term1", "term2", "count", "count1", "count2", "units"]].reset_index(drop=True)


def token_counts(tokens: pd.DataFrame) -> pd.DataFrame:
    """Per document: tokens, words (not punctuation) and terms (not punctuation,
    stopword or pure number) — the denominators behind the rates."""
    t = tokens.assign(word=~tokens["is_punct"], term=~(tokens["is_punct"] | tokens["is_stop"] | tokens["is_num"]))
    out = t.groupby("doc_id", sort=True).agg(tokens=("token", "size"), words=("word", "sum"), terms=("term", "sum"))
    return out.astype("int64").reset_index()


def pattern_counts(hits: dict, *, words: dict | None = None) -> pd.DataFrame:
    """KWIC matches per pattern and document ({pattern: kwic(...)}), with `all`, and
    `as_word`: how many of them are whole tokens ({pattern: kwic(corpus, [pattern], tokens=...)})."""
    frames = [h[["doc_id"]].assign(pattern=p) for p, h in hits.items()]
    table = (pd.concat(frames).groupby(["pattern", "doc_id"]).size().unstack(fill_value=0)
             .reindex(list(hits), fill_value=0))
    table.columns.name = None
    table["all"] = table.sum(axis=1)
    if words is not None:
        table["as_word"] = [len(words[p]) for p in table.index]
    return table.astype("int64").rename_axis("pattern").reset_index()
