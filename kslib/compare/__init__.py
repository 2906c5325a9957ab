"""Cross-document comparison: how the documents differ and agree.

All functions take the tidy tables of the rest of kslib — a corpus (`load_corpus`) or a tokens
table (`kslib.tokens`: doc_id, position, token, is_stop, is_punct, is_num, line, ...) — and return
tidy DataFrames sorted deterministically, so notebooks and CSV exports are stable.

- similarity / cluster_documents: document x document TF-IDF cosine or vocabulary Jaccard, and a
  hierarchical clustering of the documents (scipy linkage on 1 - similarity).
- keyness / keyness_each: terms distinctive of target document(s) against a reference
  (Dunning's G², Pearson's chi², or the log odds ratio), with counts, p, sign and log ratio.
- shared_vocabulary: terms shared by each pair / by all documents, and terms unique to one.
- theme_shares: a theme dictionary (kslib/data/themes.yaml) matched as token sequences, per 1,000 tokens.
- extract_formulas / formula_recurrence: numbered formulas and slogans (1+5+22, 五区一线, 三大法宝, 十四五)
  with patterns in kslib/data/formulas.yaml.
- shared_passages: sentences, paragraphs or phrases that recur (near-)verbatim within and across documents.
- years_mentioned: the years each document talks about (2018年, 2017-2035), with their raw line.
- metric_panel: re-exported from kslib.metrics — the same indicator reported by several documents.
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from importlib import resources
from typing import Callable, Iterable

import numpy as np
import pandas as pd
import yaml

from ..metrics import metric_panel  # noqa: F401  (re-exported: the same indicator across documents)

__all__ = [
    "similarity", "cluster_documents", "keyness", "keyness_each", "shared_vocabulary", "SharedVocabulary",
    "theme_dictionary", "theme_shares", "extract_formulas", "formula_recurrence", "shared_passages",
    "years_mentioned", "years_summary", "content_tokens", "metric_panel",
]


# --------------------------------------------------------------------------- helpers

def content_tokens(tokens: pd.DataFrame) -> pd.DataFrame:
    """The tokens that count as terms: not punctuation, not stopwords, not pure numbers
    (the same choice as kslib.stats.term_frequencies)."""
    keep = pd.Series(True, index=tokens.index)
    for col in ("is_punct", "is_stop", "is_num"):
        if col in tokens.columns:
            keep &= ~tokens[col].astype(bool)
    return tokens.loc[keep]


def _doc_order(tokens: pd.DataFrame) -> list[str]:
    return sorted(tokens["doc_id"].astype(str).unique())


def _counts(tokens: pd.DataFrame) -> pd.DataFrame:
    """doc x term count matrix of content tokens (rows and columns sorted)."""
    ct = content_tokens(tokens)
    m = pd.crosstab(ct["doc_id"].astype(str), ct["token"])
    return m.reindex(index=_doc_order(tokens), fill_value=0).sort_index(axis=1)


def _short(doc_id: str) -> str:
    return str(doc_id).split("_")[0]


# --------------------------------------------------------------------------- similarity

def similarity(tokens: pd.DataFrame, method: str = "cosine") -> pd.DataFrame:
    """Document x document similarity of content tokens.

    method="cosine": cosine of TF-IDF vectors (scikit-learn TfidfTransformer, smooth idf, l2 norm);
    method="jaccard": |V_a ∩ V_b| / |V_a ∪ V_b| of the vocabularies (sets of content terms).
    The diagonal is 1; identical documents have similarity 1.
    """
    counts = _counts(tokens)
    if method == "cosine":
        from sklearn.feature_extraction.text import TfidfTransformer
        from sklearn.metrics.pairwise import cosine_similarity

        x = TfidfTransformer(smooth_idf=True, norm="l2").fit_transform(counts.to_numpy(dtype=float))
        sim = cosine_similarity(x)
    elif method == "jaccard":
        b = (counts.to_numpy() > 0).astype(float)
        inter = b @ b.T
        size = b.sum(axis=1)
        union = size[:, None] + size[None, :] - inter
        sim = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    else:
        raise ValueError(f"method must be 'cosine' or 'jaccard', not {method!r}")
    sim = np.clip(sim, 0.0, 1.0)
    np.fill_diagonal(sim, 1.0)
    return pd.DataFrame(sim, index=counts.index, columns=counts.index)


def cluster_documents(sim: pd.DataFrame, method: str = "average") -> np.ndarray:
    """Hierarchical clustering of documents from a similarity matrix: scipy linkage
    (`method`, default average linkage) on the distance 1 - similarity. Returns the linkage
    matrix (use scipy.cluster.hierarchy.dendrogram with labels=sim.index)."""
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    dist = 1.0 - sim.to_numpy(dtype=float)
    dist = (dist + dist.T) / 2
    np.fill_diagonal(dist, 0.0)
    return linkage(squareform(np.clip(dist, 0.0, None), checks=False), method=method)


# --------------------------------------------------------------------------- keyness

def _resolve(spec, tokens: pd.DataFrame, corpus: pd.DataFrame | None) -> list[str]:
    """doc_ids for a target/reference spec: a doc_id, its 3-digit prefix, a list of them,
    or a metadata selection {column: value or [values]} (needs corpus)."""
    docs = _doc_order(tokens)
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
        hits = [d for d in docs if d == item] or [d for d in docs if _short(d) == item]
        if len(hits) != 1:
            raise ValueError(f"unknown or ambiguous document {item!r}")
        out.append(hits[0])
    return sorted(set(out))


def keyness(tokens: pd.DataFrame, target, reference=None, measure: str = "g2",
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

    tgt = _resolve(target, tokens, corpus)
    ref = _resolve(reference, tokens, corpus) if reference is not None else [d for d in _doc_order(tokens)
                                                                             if d not in tgt]
    if set(tgt) & set(ref):
        raise ValueError("target and reference share documents: " + ", ".join(sorted(set(tgt) & set(ref))))
    if not ref:
        raise ValueError("the reference is empty")
    counts = _counts(tokens)
    a = counts.loc[tgt].sum(axis=0).to_numpy(dtype=float)
    b = counts.loc[ref].sum(axis=0).to_numpy(dtype=float)
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
        "term": counts.columns.astype(str),
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


def keyness_each(tokens: pd.DataFrame, n: int = 10, measure: str = "g2", min_count: int = 2) -> pd.DataFrame:
    """Each document against the rest: the top `n` over-used terms per document
    (keyness rows with a `target` column = doc_id)."""
    parts = []
    for doc in _doc_order(tokens):
        k = keyness(tokens, doc, measure=measure, min_count=min_count)
        parts.append(k[k["sign"] == "over"].head(n).assign(target=doc))
    out = pd.concat(parts, ignore_index=True)
    return out[["target"] + [c for c in out.columns if c != "target"]]


# --------------------------------------------------------------------------- shared vocabulary

@dataclass
class SharedVocabulary:
    """Result of shared_vocabulary: `pairs` (doc_a, doc_b, terms_a, terms_b, shared, jaccard,
    examples), `common` (terms in every document, with per-document counts), `unique`
    (doc_id, term, count: terms present in exactly one document) and `summary` (per document:
    terms, shared_with_all, unique)."""
    pairs: pd.DataFrame
    common: pd.DataFrame
    unique: pd.DataFrame
    summary: pd.DataFrame


def shared_vocabulary(tokens: pd.DataFrame, min_count: int = 2, examples: int = 8) -> SharedVocabulary:
    """Which content terms each pair of documents shares, which all documents share, and which
    are unique to one document. A term is "in" a document when it occurs there at least
    `min_count` times; "unique" means in that document (>= min_count) and absent (0) elsewhere.
    `examples` shared terms per pair are listed, most frequent (summed) first."""
    counts = _counts(tokens)
    present = counts >= min_count
    docs = list(counts.index)
    rows = []
    for i, da in enumerate(docs):
        for db in docs[i + 1:]:
            both = present.loc[da] & present.loc[db]
            either = present.loc[da] | present.loc[db]
            tot = (counts.loc[da] + counts.loc[db])[both]
            top = tot.reset_index().set_axis(["term", "n"], axis=1).sort_values(["n", "term"],
                                                                               ascending=[False, True])
            rows.append({"doc_a": da, "doc_b": db, "terms_a": int(present.loc[da].sum()),
                         "terms_b": int(present.loc[db].sum()), "shared": int(both.sum()),
                         "jaccard": float(both.sum() / either.sum()) if either.sum() else 0.0,
                         "examples": "、".join(top["term"].head(examples))})
    pairs = pd.DataFrame(rows, columns=["doc_a", "doc_b", "terms_a", "terms_b", "shared", "jaccard", "examples"])
    all_mask = present.all(axis=0)
    common = counts.loc[:, all_mask].T
    common.columns = [str(c) for c in common.columns]
    common = common.assign(total=common.sum(axis=1)).rename_axis("term").reset_index()
    common = common.sort_values(["total", "term"], ascending=[False, True], ignore_index=True)
    only = (counts > 0).sum(axis=0) == 1
    urows = []
    for d in docs:
        m = only & present.loc[d]
        for term, cnt in counts.loc[d, m].items():
            urows.append({"doc_id": d, "term": str(term), "count": int(cnt)})
    unique = pd.DataFrame(urows, columns=["doc_id", "term", "count"])
    unique = unique.sort_values(["doc_id", "count", "term"], ascending=[True, False, True], ignore_index=True)
    summary = pd.DataFrame({"doc_id": docs,
                            "terms": [int(present.loc[d].sum()) for d in docs],
                            "shared_with_all": int(all_mask.sum()),
                            "unique": [int((unique["doc_id"] == d).sum()) for d in docs]})
    summary["unique_share"] = (summary["unique"] / summary["terms"].where(summary["terms"] > 0)).fillna(0.0)
    return SharedVocabulary(pairs, common, unique, summary)


# --------------------------------------------------------------------------- themes

def theme_dictionary(path=None) -> dict:
    """The theme dictionary: {theme: {"description": str, "terms": [str, ...]}} from
    kslib/data/themes.yaml (or a YAML file at `path` with the same layout)."""
    if path is None:
        text = resources.files("kslib.data").joinpath("themes.yaml").read_text("utf-8")
    else:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    cfg = yaml.safe_load(text)["themes"]
    return {name: {"description": v.get("description", ""), "terms": list(v["terms"])} for name, v in cfg.items()}


def _default_tokenize():
    from .. import segment  # noqa: WPS433 (kslib.segment provides the corpus tokenizer)

    return segment.tokenize


def theme_shares(tokens: pd.DataFrame, dictionary: dict | str | None = None,
                 tokenize: Callable[[str], list] | None = None, detail: bool = False) -> pd.DataFrame:
    """Theme shares per document: matches of each theme's entries per 1,000 tokens.

    dictionary: {theme: [entries]} or {theme: {"terms": [...]}}, a YAML path, or None for
    kslib/data/themes.yaml. Each entry is segmented with `tokenize` (default kslib.tokenize, the
    tokenizer that made the tokens table) and matched as a token sequence over the document's tokens
    in order (so 科技创新 matches whether jieba keeps it whole or splits it 科技/创新 — as long as the
    text is split the same way). Within a theme, matches are counted without overlap, longest entry
    first; a token can count for several themes. per_1k = matches per 1,000 non-punctuation tokens.
    A shorter entry does not match inside a longer token (党组织 inside 基层党组织): list such compounds.
    Returns doc_id, theme, matches, per_1k (all documents x themes, sorted); with detail=True one row
    per (doc_id, theme, entry) with matches instead.
    """
    if dictionary is None or isinstance(dictionary, str):
        dictionary = theme_dictionary(dictionary)
    tokenize = tokenize or _default_tokenize()
    themes = {name: (v["terms"] if isinstance(v, dict) else list(v)) for name, v in dictionary.items()}
    docs = _doc_order(tokens)
    toks = tokens.sort_values(["doc_id", "position"]) if "position" in tokens.columns else tokens
    seqs = {d: g["token"].astype(str).tolist() for d, g in toks.groupby(toks["doc_id"].astype(str), sort=True)}
    denom = {}
    for d, g in toks.groupby(toks["doc_id"].astype(str), sort=True):
        denom[d] = int((~g["is_punct"].astype(bool)).sum()) if "is_punct" in g.columns else len(g)
    rows = []
    for theme, entries in themes.items():
        segs = []
        for e in dict.fromkeys(entries):
            seg = tuple(t for t in tokenize(e) if t.strip())
            if seg:
                segs.append((e, seg))
        segs.sort(key=lambda x: (-len("".join(x[1])), x[0]))
        for d in docs:
            seq = seqs.get(d, [])
            used = np.zeros(len(seq), dtype=bool)
            index: dict[str, list[int]] = {}
            for i, t in enumerate(seq):
                index.setdefault(t, []).append(i)
            for entry, seg in segs:
                k, hits = len(seg), 0
                for i in index.get(seg[0], []):
                    if tuple(seq[i:i + k]) == seg and not used[i:i + k].any():
                        used[i:i + k] = True
                        hits += 1
                rows.append({"doc_id": d, "theme": theme, "entry": entry, "matches": hits})
    out = pd.DataFrame(rows, columns=["doc_id", "theme", "entry", "matches"])
    if detail:
        return out.sort_values(["doc_id", "theme", "matches", "entry"], ascending=[True, True, False, True],
                               ignore_index=True)
    agg = out.groupby(["doc_id", "theme"], as_index=False, sort=False)["matches"].sum()
    agg["per_1k"] = [1000 * m / denom[d] if denom.get(d) else 0.0 for d, m in zip(agg["doc_id"], agg["matches"])]
    theme_order = {t: i for i, t in enumerate(themes)}
    agg = agg.assign(_t=agg["theme"].map(theme_order)).sort_values(["doc_id", "_t"]).drop(columns="_t")
    return agg.reset_index(drop=True)


# --------------------------------------------------------------------------- formulas

@functools.lru_cache(maxsize=None)
def _formula_rules(path: str | None = None) -> dict:
    if path is None:
        text = resources.files("kslib.data").joinpath("formulas.yaml").read_text("utf-8")
    else:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    cfg = yaml.safe_load(text)
    ph = cfg["placeholders"]

    def expand(rx: str) -> str:
        for key in sorted(ph, key=len, reverse=True):
            rx = rx.replace("{" + key + "}", ph[key])
        return rx

    cfg["compiled"] = []
    for i, p in enumerate(cfg["patterns"]):
        cfg["compiled"].append({"name": p["name"], "kind": p["kind"], "rank": i,
                                "quoted": bool(p.get("quoted", False)), "rx": re.compile(expand(p["regex"]))})
    cfg["quote_rx"] = re.compile(expand("({Q})([^“”「」『』\"‘’\n]{1,14})({/Q})"))
    cfg["open_q"], cfg["close_q"] = re.compile(expand("{Q}")), re.compile(expand("{/Q}"))
    cfg["not_words"] = tuple(cfg.get("not_words", []))
    cfg["idioms"] = frozenset(cfg.get("idioms", []))
    return cfg


def _formula_spans(text: str, cfg: dict) -> list[tuple[int, int, str, str, int]]:
    """Candidate (start, end, formula, kind, rank) in text, overlaps resolved: longest first,
    then earlier pattern, then earlier start."""
    cands = []
    quoted = [(m.start(2), m.end(2)) for m in cfg["quote_rx"].finditer(text)]
    for p in cfg["compiled"]:
        if p["quoted"]:
            for s, e in quoted:
                if p["rx"].fullmatch(text, s, e):
                    cands.append((s, e, p))
            continue
        for m in p["rx"].finditer(text):
            s, e = m.span()
            if p["name"] == "digit_programme":  # 「631」计划 -> 631计划
                cands.append((m.start(1), e, p, m.group(1) + m.group(2)))
                continue
            # right after an opening quote: the whole quoted name, when it has the same shape
            if p["kind"] == "numeral" and s > 0 and cfg["open_q"].fullmatch(text[s - 1]):
                close = cfg["close_q"].search(text, e, min(e + 9, len(text)))
                if close and p["rx"].fullmatch(text, s, close.start()):
                    e = close.start()
            cands.append((s, e, p))
    out, taken = [], np.zeros(len(text) + 1, dtype=bool)
    norm = []
    for c in cands:
        s, e, p = c[0], c[1], c[2]
        form = c[3] if len(c) > 3 else text[s:e]
        if p["kind"] == "numeral":
            if form in cfg["idioms"] or form[:2] in cfg["not_words"]:
                continue
        norm.append((s, e, form, p["kind"], p["rank"]))
    for s, e, form, kind, rank in sorted(norm, key=lambda x: (-(x[1] - x[0]), x[4], x[0])):
        if taken[s:e].any():
            continue
        taken[s:e] = True
        out.append((s, e, form, kind, rank))
    return sorted(out)


def _as_docs(obj) -> list[tuple[str, str, Callable[[int], int], str]]:
    """(doc_id, text, line_of(pos), raw_text_for_lines) from a corpus DataFrame, a dict
    {doc_id: text}, or a single string (doc_id "text")."""
    if isinstance(obj, pd.DataFrame):
        from ..corpus import normalized

        docs = []
        for _, row in obj.sort_values("doc_id").iterrows():
            nz = normalized(row)
            docs.append((str(row["doc_id"]), row["text"], nz.raw_line, row["raw"]))
        return docs
    items = obj.items() if isinstance(obj, dict) else [("text", obj)]
    docs = []
    for d, t in sorted(items):
        starts = np.array([0] + [m.end() for m in re.finditer("\n", t)])
        docs.append((str(d), t, (lambda pos, st=starts: int(np.searchsorted(st, pos, side="right"))), t))
    return docs


def extract_formulas(obj, context: int = 15, rules: str | None = None) -> pd.DataFrame:
    """Numbered formulas and slogans, one row per mention.

    obj: a corpus (load_corpus), a dict {doc_id: text} or one string. Patterns (general shapes:
    digits joined by +, a quoted digit code + 计划/专项行动, numeral+character units in a row, numeral+大+noun,
    quoted numeral+个+name, quoted short numeral names, five-year plans) are in kslib/data/formulas.yaml
    (or the YAML file `rules`). Ordinary numbers (三个月, 第一, 2018年, 一是) are not matched.
    Columns: doc_id, start, end (offsets in `text`), line (1-based raw line; for strings the line
    of the string), raw_line (that raw line, trimmed), formula (as written; 「631」计划 -> 631计划),
    kind (digit|numeral), context (`context` characters either side, newlines as ⏎).
    """
    cfg = _formula_rules(rules)
    rows = []
    for doc_id, text, line_of, raw in _as_docs(obj):
        raw_lines = raw.split("\n")
        for s, e, form, kind, _ in _formula_spans(text, cfg):
            line = int(line_of(s))
            ctx = text[max(0, s - context):min(len(text), e + context)].replace("\n", "⏎")
            rows.append({"doc_id": doc_id, "start": s, "end": e, "line": line,
                         "raw_line": raw_lines[line - 1].strip() if 0 < line <= len(raw_lines) else "",
                         "formula": form, "kind": kind, "context": ctx})
    cols = ["doc_id", "start", "end", "line", "raw_line", "formula", "kind", "context"]
    return pd.DataFrame(rows, columns=cols).sort_values(["doc_id", "start"], ignore_index=True)


def formula_recurrence(formulas: pd.DataFrame) -> pd.DataFrame:
    """Which formulas recur: one row per formula with kind, documents (number of documents
    mentioning it), mentions, doc_ids (3-digit prefixes, ' '-joined) and first (doc:line of
    the first mention). Sorted by documents, mentions (descending), then formula."""
    if formulas.empty:
        return pd.DataFrame(columns=["formula", "kind", "documents", "mentions", "doc_ids", "first"])
    g = formulas.sort_values(["doc_id", "start"]).groupby(["formula", "kind"], sort=True)
    out = g.agg(documents=("doc_id", "nunique"), mentions=("doc_id", "size"),
                doc_ids=("doc_id", lambda s: " ".join(sorted({_short(d) for d in s}))),
                first=("doc_id", "first"), first_line=("line", "first")).reset_index()
    out["first"] = out["first"].map(_short) + ":" + out["first_line"].astype(str)
    out = out.drop(columns="first_line")
    return out.sort_values(["documents", "mentions", "formula"], ascending=[False, False, True],
                           ignore_index=True)


# --------------------------------------------------------------------------- shared passages

_SENT_END = "。！？!?；;"
_STRIP = re.compile(r"[\s\W_]+", re.UNICODE)


def _units(corpus: pd.DataFrame, unit: str, include_removed: bool, min_chars: int) -> pd.DataFrame:
    """Text units (sentences or paragraphs) with doc_id, line (raw), text, removed
    (True = a paragraph normalisation dropped as a verbatim repeat, taken back from the log)."""
    from ..corpus import normalized
    from ..normalize import normalize

    rows = []
    for _, doc in corpus.sort_values("doc_id").iterrows():
        nz = normalized(doc)
        text = doc["text"]
        pieces = []
        for m in re.finditer(r"[^\n]+", text):
            if unit == "paragraph":
                pieces.append((m.start(), m.group()))
            else:
                for sm in re.finditer(rf"[^{_SENT_END}]+[{_SENT_END}]*[”」\"’]?", m.group()):
                    pieces.append((m.start() + sm.start(), sm.group()))
        for start, piece in pieces:
            rows.append({"doc_id": doc["doc_id"], "line": int(nz.raw_line(start)), "text": piece.strip(),
                         "removed": False})
        if include_removed:
            for r in nz.log:
                if r["rule"] != "repeated_paragraph":
                    continue
                para = normalize(r["text"]).text.strip()
                subs = [para] if unit == "paragraph" else \
                    [s.group() for s in re.finditer(rf"[^{_SENT_END}]+[{_SENT_END}]*[”」\"’]?", para)]
                for s in subs:
                    rows.append({"doc_id": doc["doc_id"], "line": int(r["line"]), "text": s.strip(),
                                 "removed": True})
    out = pd.DataFrame(rows, columns=["doc_id", "line", "text", "removed"])
    out["key"] = out["text"].map(lambda t: _STRIP.sub("", t))
    return out[out["key"].str.len() >= min_chars].reset_index(drop=True)


def _shingle_matrix(keys: Iterable[str], k: int):
    from sklearn.feature_extraction.text import CountVectorizer

    vec = CountVectorizer(analyzer=lambda s: {s[i:i + k] for i in range(max(len(s) - k + 1, 1))}, binary=True)
    return vec.fit_transform(list(keys))


def _shared_phrases(corpus: pd.DataFrame, min_chars: int, k: int = 6) -> pd.DataFrame:
    """Maximal character runs (punctuation and spaces ignored) of >= min_chars shared by two
    places: across documents, or within one document at non-overlapping positions."""
    from ..corpus import normalized

    docs = []
    for _, doc in corpus.sort_values("doc_id").iterrows():
        text = doc["text"]
        keep = [i for i, ch in enumerate(text) if not _STRIP.fullmatch(ch)]
        docs.append((doc["doc_id"], "".join(text[i] for i in keep), keep, text, normalized(doc)))
    k = min(k, min_chars)
    grams: dict[str, list[tuple[int, int]]] = {}
    for di, (_, s, _, _, _) in enumerate(docs):
        for i in range(len(s) - k + 1):
            grams.setdefault(s[i:i + k], []).append((di, i))
    diag: dict[tuple[int, int, int], list[int]] = {}
    for occ in grams.values():
        if len(occ) < 2 or len(occ) > 50:
            continue
        for x in range(len(occ)):
            for y in range(x + 1, len(occ)):
                (da, ia), (db, ib) = occ[x], occ[y]
                if da == db and abs(ia - ib) < k:
                    continue
                diag.setdefault((da, db, ia - ib), []).append(ia)
    rows = []
    for (da, db, off), starts in diag.items():
        starts.sort()
        run_start = prev = starts[0]
        for i in starts[1:] + [None]:
            if i is not None and i == prev + 1:
                prev = i
                continue
            length = prev - run_start + k
            if length >= min_chars:
                ia, ib = run_start, run_start - off
                if da == db and ib < ia + length and ia < ib + length:  # self-overlapping repeat
                    pass
                else:
                    _, sa, keep_a, text_a, nz_a = docs[da]
                    _, sb, keep_b, text_b, nz_b = docs[db]
                    pa, pb = keep_a[ia], keep_b[ib]
                    rows.append({"doc_a": docs[da][0], "line_a": int(nz_a.raw_line(pa)),
                                 "doc_b": docs[db][0], "line_b": int(nz_b.raw_line(pb)),
                                 "chars": length, "similarity": 1.0,
                                 "text_a": text_a[pa:keep_a[ia + length - 1] + 1],
                                 "text_b": text_b[pb:keep_b[ib + length - 1] + 1]})
            if i is not None:
                run_start = prev = i
    return pd.DataFrame(rows)


def shared_passages(corpus: pd.DataFrame, unit: str = "sentence", threshold: float = 0.8, k: int = 5,
                    min_chars: int = 12, include_removed: bool = True, within: bool = True) -> pd.DataFrame:
    """Passages that appear (near-)verbatim in more than one place, within and across documents.

    unit="sentence" (split at 。！？；) or "paragraph" (lines of `text`): each unit becomes the set of
    its character k-grams (k=5; punctuation and spaces removed); a pair of units is reported when
    their containment |A∩B| / min(|A|,|B|) >= threshold (so a sentence reprinted inside a longer one
    counts); jaccard |A∩B| / |A∪B| is given too. Units shorter than min_chars characters are ignored.
    unit="phrase": maximal shared character runs of >= min_chars (punctuation ignored), similarity 1;
    a 6-character run that occurs in more than 50 places is treated as boilerplate and skipped.

    include_removed=True (default) adds back the paragraphs normalisation dropped from `text` as verbatim
    repeats (they stay in the cleaning log, with their raw line): the researcher then sees what was
    reprinted, e.g. in 004; those rows have removed_b=True. within=False keeps only cross-document pairs.
    Columns: doc_a, line_a, doc_b, line_b, scope (within|across), similarity (containment), jaccard,
    chars, removed_a, removed_b, text_a, text_b. Sorted by doc_a, line_a, doc_b, line_b.
    """
    types = {"doc_a": str, "line_a": "int64", "doc_b": str, "line_b": "int64", "scope": str, "similarity": float,
             "jaccard": float, "chars": "int64", "removed_a": bool, "removed_b": bool, "text_a": str, "text_b": str}
    cols = list(types)
    empty = pd.DataFrame({c: pd.Series(dtype=t) for c, t in types.items()})  # typed, so filters work on it
    if unit == "phrase":
        out = _shared_phrases(corpus, min_chars)
        if out.empty:
            return empty
        out = out.assign(jaccard=np.nan, removed_a=False, removed_b=False)
    elif unit in ("sentence", "paragraph"):
        units = _units(corpus, unit, include_removed, min_chars)
        if units.empty:
            return empty
        x = _shingle_matrix(units["key"], k)
        inter = (x @ x.T).tocoo()
        size = np.asarray(x.sum(axis=1)).ravel()
        rows = []
        for i, j, v in zip(inter.row, inter.col, inter.data):
            if i >= j:
                continue
            cont = v / min(size[i], size[j])
            if cont < threshold:
                continue
            a, b = units.iloc[i], units.iloc[j]
            if a["removed"] and not b["removed"]:
                a, b = b, a
            rows.append({"doc_a": a["doc_id"], "line_a": a["line"], "doc_b": b["doc_id"], "line_b": b["line"],
                         "similarity": float(cont), "jaccard": float(v / (size[i] + size[j] - v)),
                         "chars": int(min(len(a["key"]), len(b["key"]))),
                         "removed_a": bool(a["removed"]), "removed_b": bool(b["removed"]),
                         "text_a": a["text"], "text_b": b["text"]})
        out = pd.DataFrame(rows)
        if out.empty:
            return empty
    else:
        raise ValueError(f"unit must be 'sentence', 'paragraph' or 'phrase', not {unit!r}")
    swap = (out["doc_a"] > out["doc_b"]) | ((out["doc_a"] == out["doc_b"]) & (out["line_a"] > out["line_b"])
                                           & ~out["removed_b"] & ~out["removed_a"])
    for a, b in (("doc_a", "doc_b"), ("line_a", "line_b"), ("text_a", "text_b"), ("removed_a", "removed_b")):
        out.loc[swap, [a, b]] = out.loc[swap, [b, a]].to_numpy()
    out["scope"] = np.where(out["doc_a"] == out["doc_b"], "within", "across")
    if not within:
        out = out[out["scope"] == "across"]
    out = out.astype({"line_a": int, "line_b": int, "removed_a": bool, "removed_b": bool})
    out = out.drop_duplicates(["doc_a", "line_a", "doc_b", "line_b", "text_a", "text_b"])
    return out[cols].sort_values(["doc_a", "line_a", "doc_b", "line_b", "text_a"], ignore_index=True)


# --------------------------------------------------------------------------- years

_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})(?:\s*[-—–~～至到]\s*((?:19|20)\d{2}))?(?=\s*年|\s*[)）])")


def years_mentioned(corpus: pd.DataFrame, context: int = 12) -> pd.DataFrame:
    """Years each document talks about: 2018年, 2020-2021年 (both years), (2017-2035) (both ends).
    Columns: doc_id, year, start (in text), line (raw), context. Sorted by doc_id, start, year."""
    from ..corpus import normalized

    rows = []
    for _, doc in corpus.sort_values("doc_id").iterrows():
        text, nz = doc["text"], normalized(doc)
        for m in _YEAR.finditer(text):
            ctx = text[max(0, m.start() - context):m.end() + context].replace("\n", "⏎")
            for g in (1, 2):
                if m.group(g):
                    rows.append({"doc_id": doc["doc_id"], "year": int(m.group(g)), "start": m.start(g),
                                 "line": int(nz.raw_line(m.start(g))), "context": ctx})
    return pd.DataFrame(rows, columns=["doc_id", "year", "start", "line", "context"]).sort_values(
        ["doc_id", "start", "year"], ignore_index=True)


def years_summary(years: pd.DataFrame) -> pd.DataFrame:
    """Per document from `years_mentioned`: first and last year, mentions, and the distinct years."""
    if years.empty:
        return pd.DataFrame(columns=["doc_id", "first", "last", "mentions", "years"])
    g = years.groupby("doc_id", sort=True)["year"]
    return pd.DataFrame({"first": g.min(), "last": g.max(), "mentions": g.size(),
                         "years": g.agg(lambda y: " ".join(map(str, sorted(set(y)))))}).reset_index()
