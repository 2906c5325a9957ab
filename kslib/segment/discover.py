"""Corpus-adaptive terms: find the multi-token compounds of a corpus (zones, programmes,
institutions, policies), so that kslib.tokens(corpus, compounds=terms) counts them whole.

    discover_terms(corpus_or_tokens)   one row per term found: count, docs, cohesion, left/right
                                       neighbour entropy, C-value, score, the tokens it joins, an example
    kslib.tokens(corpus, compounds=terms)   joins them (kslib.segment.compounds)

Method (the standard unsupervised ones, on jieba tokens instead of characters):
  * candidates are runs of 2..max_tokens adjacent Han tokens inside one clause (never across
    punctuation, whitespace, a paragraph or a document), at most max_chars characters, counted with
    numpy over integer token codes: the k-token grams are built from the frequent (k-1)-token grams
    only (apriori pruning), so cost stays linear in corpus size;
  * grammar (kslib/data/terms.yaml): a candidate is a noun phrase: it does not start or end with a
    stopword, a number or punctuation, does not start with a verb or end with a verb, adjective,
    localiser or modifier (jieba's dictionary tags), holds no particle (的) or conjunction, no Latin,
    digits, markup or URL; the token right after a number is its unit and never starts a candidate;
    the tags give way for a word of <= 4 characters whose parts never occur apart (一网通/办);
  * cohesion: the smallest normalised PMI over the ways to split the candidate in two (Bouma's
    NPMI, in [-1, 1], independent of corpus size) — the "凝固度" of Chinese new-word discovery;
  * freedom: the entropy (bits) of the tokens seen left and right of it, a clause boundary counting
    as a new neighbour each time (accessor variety);
  * nesting: a candidate whose occurrences nearly all (>= `bound`) sit inside one longer candidate
    is a fragment of it and dropped (阳澄湖/科技 inside 阳澄湖/科技/园); the rest are ranked by
    Frantzi's C-value, log2(characters) * (count - mean count of the longer terms containing it);
  * score = C-value * cohesion * freedom factor (1 - 2**-min(left, right entropy));
  * a sentence repeated verbatim (figures aside) is counted once (dedupe).
"""
from __future__ import annotations

import functools
import math
import re
import unicodedata
from importlib import resources

import numpy as np
import pandas as pd

__all__ = ["DEFAULTS", "TERM_COLUMNS", "default_min_count", "discover_terms", "doc_codes", "in_document_order",
           "arrow_strings"]

TERM_COLUMNS = ["term", "tokens", "n_tokens", "count", "docs", "cohesion", "left_entropy",
                "right_entropy", "cvalue", "score", "doc_id", "line", "example"]

# Defaults, and why:
#   max_tokens=6, max_chars=16: the longest names in Chinese policy prose (昆山深化两岸产业合作
#     试验区 is 3 jieba tokens, 13 characters; 万人发明专利拥有量 3 tokens); longer runs are clauses.
#   min_count: a compound must recur to be a term of the corpus; 3 on small corpora (a single
#     repetition is chance), and 2 per million tokens on large ones, so that the list stays a list of
#     the corpus's vocabulary rather than of its rare phrases (see default_min_count).
#   bound=0.8: a candidate is a fragment of a longer one when >= 80 % of its occurrences are inside
#     it; the same share decides whether a verbal-noun first token (建设, 科创) belongs to the term.
#   min_cohesion=0.25: NPMI above a quarter: the parts occur together clearly more often than by
#     chance, at every split point; NPMI is 0 for independent parts and 1 for parts never apart.
#   min_entropy=1.0 bit: at least two equally likely different neighbours on each side (a clause
#     boundary counts as a new neighbour); a sequence always preceded or followed by the same token
#     is part of something larger.
DEFAULTS = {"max_tokens": 6, "max_chars": 16, "bound": 0.8, "min_cohesion": 0.25, "min_entropy": 0.5}

_HAN = re.compile("^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]+$")
_HAN_NUMERAL = re.compile("^第?[〇零一二三四五六七八九十百千万亿两几]+$")
_DIGIT = re.compile(r"[0-9０-９]")
# Markup and addresses are never text: tags (and comments), character entities, URLs, e-mails.
_MARKUP = re.compile(r"<!--.*?-->|</?[A-Za-z][^<>]{0,2000}>|<![A-Za-z][^<>]{0,2000}>"
                     r"|&(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z]{2,10});"
                     r"|(?:https?|ftp)://[^\s<>\"'，。、；：）)」』】]+|www\.[A-Za-z0-9-]+\.[^\s<>\"'，。、；）)]+"
                     r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z0-9.-]+", re.S)
_MARKUP_HINT = re.compile(r"[<&@]|^(?:https?|ftp|www)$", re.I)  # tokens without which there is none


@functools.lru_cache(maxsize=4)
def _rules(path: str | None = None) -> dict:
    import yaml

    text = (open(path, encoding="utf-8").read() if path else
            resources.files("kslib.data").joinpath("terms.yaml").read_text("utf-8"))
    cfg = yaml.safe_load(text)
    return {k: frozenset(cfg[k]) for k in ("start_reject", "verbal_start", "end_reject", "inner_reject")}


@functools.lru_cache(maxsize=1)
def _tag_table():
    """(words, tags): the part-of-speech tag of every word jieba knows (its dict.txt, the table
    jieba.posseg uses), the user dictionary's tags first; Arrow arrays."""
    import pyarrow as pa
    import pyarrow.csv as pcsv

    from . import dictionary
    from .backends import jieba_dict
    from .dictionary import read_userdict

    USERDICT = dictionary.USERDICT

    table = pcsv.read_csv(jieba_dict(), read_options=pcsv.ReadOptions(column_names=["word", "freq", "tag"]),
                          parse_options=pcsv.ParseOptions(delimiter=" ", quote_char=False),
                          convert_options=pcsv.ConvertOptions(column_types={"word": pa.string(),
                                                                            "tag": pa.string()},
                                                              include_columns=["word", "tag"]))
    user = [(w, tag) for w, _f, tag in read_userdict(USERDICT) if tag]
    words = pa.concat_arrays([pa.array([w for w, _ in user], pa.string()), table["word"].combine_chunks()])
    tags = pa.concat_arrays([pa.array([t for _, t in user], pa.string()), table["tag"].combine_chunks()])
    return words, tags  # index_in finds the first: user dictionary entries win


def default_min_count(n_tokens: int) -> int:
    """3, or 2 per million tokens on corpora above 1.5 million tokens."""
    return max(3, math.ceil(2 * n_tokens / 1_000_000))


# --------------------------------------------------------------------------- input

def _token_table(data) -> pd.DataFrame:
    if isinstance(data, pd.DataFrame) and "token" in data.columns:
        need = ["doc_id", "token", "start", "end"]
        missing = [c for c in need if c not in data.columns]
        if missing:
            raise ValueError(f"tokens table lacks columns {missing}; build it with kslib.tokens(corpus)")
        return data
    if isinstance(data, pd.DataFrame) and "text" in data.columns:
        from .table import tokens

        return tokens(data)
    raise TypeError("discover_terms needs a corpus (kslib.load_corpus) or a tokens table (kslib.tokens)")


def arrow_strings(col: pd.Series):
    """A string column as one Arrow large_string Array (a table read from Parquet is chunked)."""
    import pyarrow as pa

    arr = pa.array(col.astype(str), pa.large_string())
    return arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr


def doc_codes(t: pd.DataFrame) -> tuple[np.ndarray, list[str]]:
    """Integer code of each row's doc_id (in order of first appearance) and the doc_ids."""
    import pyarrow as pa
    import pyarrow.compute as pc

    enc = pc.dictionary_encode(arrow_strings(t["doc_id"]))
    return enc.indices.to_numpy(zero_copy_only=False).astype(np.int64), enc.dictionary.to_pylist()


def in_document_order(t: pd.DataFrame) -> pd.DataFrame:
    """The table in document order (doc_id, then position), index 0..n-1."""
    keys = ["doc_id", "position"] if "position" in t.columns else ["doc_id", "start"]
    if len(t) > 1:
        codes, names = doc_codes(t)
        p = t[keys[1]].to_numpy()
        ordered = (names == sorted(names) and bool(np.all(np.diff(codes) >= 0))
                   and bool(np.all((codes[1:] != codes[:-1]) | (p[1:] > p[:-1]))))
        if not ordered:
            t = t.sort_values(keys, kind="stable")
    return t.reset_index(drop=True)


def _encode(tokens: pd.Series) -> tuple[np.ndarray, list[str]]:
    import pyarrow as pa
    import pyarrow.compute as pc

    enc = pc.dictionary_encode(arrow_strings(tokens))
    return (enc.indices.to_numpy(zero_copy_only=False).astype(np.int64), enc.dictionary.to_pylist())


def _codepoints(strings: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """All strings' characters as one uint32 array, and each string's length."""
    blob = "".join(strings)
    cps = np.frombuffer(blob.encode("utf-32-le"), dtype=np.uint32)
    lens = np.fromiter(map(len, strings), dtype=np.int64, count=len(strings))
    return cps, lens


def _markup_tokens(doc: np.ndarray, start: np.ndarray, end: np.ndarray, code: np.ndarray,
                   uniques: list[str]) -> np.ndarray:
    """True for tokens inside markup, an entity, a URL or an e-mail address. The text is rebuilt
    from the tokens at their offsets (whitespace between them as spaces), then searched."""
    n = len(code)
    if n == 0 or not any(_MARKUP_HINT.search(u) for u in uniques):
        return np.zeros(n, bool)
    newdoc = np.r_[True, doc[1:] != doc[:-1]]
    doc_starts = np.flatnonzero(newdoc)
    doc_len = np.maximum.reduceat(end, doc_starts) + 1  # +1: a separator between documents
    base = np.r_[0, np.cumsum(doc_len)[:-1]]
    gstart = start + np.repeat(base, np.diff(np.r_[doc_starts, n]))
    ucps, ulens = _codepoints(uniques)
    uoff = np.r_[0, np.cumsum(ulens)]
    tlen = ulens[code]
    total = int(doc_len.sum())
    chars = np.full(total, 0x20, dtype=np.uint32)
    nchar = int(tlen.sum())
    within = np.arange(nchar, dtype=np.int64) - np.repeat(np.cumsum(tlen) - tlen, tlen)
    src = np.repeat(uoff[code], tlen) + within
    dst = np.repeat(gstart, tlen) + within
    ok = dst < total
    chars[dst[ok]] = ucps[src[ok]]
    text = chars.tobytes().decode("utf-32-le")
    mark = np.zeros(total + 1, dtype=np.int64)
    found = False
    for m in _MARKUP.finditer(text):
        mark[m.start()] += 1
        mark[m.end()] -= 1
        found = True
    if not found:
        return np.zeros(n, bool)
    inside = np.r_[0, np.cumsum(np.cumsum(mark)[:-1] > 0)]
    return (inside[gstart + tlen] - inside[gstart]) > 0


# --------------------------------------------------------------------------- n-gram counting

class _Level:
    """The frequent k-token grams: dense id per position (-1: none), counts, first position."""

    def __init__(self, ids: np.ndarray, counts: np.ndarray, rep: np.ndarray):
        self.ids, self.counts, self.rep = ids, counts, rep


def _count_level(prev: _Level, code: np.ndarray, run_len: np.ndarray, cum_chars: np.ndarray,
                 startable: np.ndarray, k: int, max_chars: int, min_count: int, V: int) -> _Level:
    n = len(code)
    ids = np.full(n, -1, dtype=np.int64)
    limit = n - k + 1
    if limit <= 0:
        return _Level(ids, np.zeros(0, np.int64), np.zeros(0, np.int64))
    i = np.arange(limit)
    alive = (run_len[:limit] >= k) & startable[:limit]
    alive &= (cum_chars[k:k + limit] - cum_chars[:limit]) <= max_chars
    alive &= prev.ids[:limit] >= 0
    alive &= prev.ids[1:limit + 1] >= 0  # the k-1 gram at i+1 is frequent (apriori)
    pos = i[alive]
    key = prev.ids[pos] * V + code[pos + k - 1]
    codes, _ = pd.factorize(key)
    counts = np.bincount(codes)
    frequent = counts >= min_count
    new_id = np.cumsum(frequent) - 1
    keep = frequent[codes]
    ids[pos[keep]] = new_id[codes[keep]]
    # first occurrence of each code (factorize numbers codes in order of appearance)
    first = np.flatnonzero(np.r_[True, codes[1:] > np.maximum.accumulate(codes)[:-1]]) if len(codes) else \
        np.zeros(0, np.int64)
    rep = pos[first][frequent]
    return _Level(ids, counts[frequent].astype(np.int64), rep.astype(np.int64))


def _entropy(gram_ids: np.ndarray, neigh: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Entropy (bits) of the neighbours of each gram; neigh == -1 is a boundary, a new
    neighbour each time."""
    G = len(counts)
    h = np.zeros(G)
    if G == 0:
        return h
    f = counts.astype(float)
    b = neigh < 0
    nb = np.bincount(gram_ids[b], minlength=G).astype(float)
    h += nb * np.log2(np.maximum(f, 1.0)) / np.maximum(f, 1.0)
    g, nn = gram_ids[~b], neigh[~b]
    if len(g):
        pair, first = pd.factorize(g * (int(nn.max()) + 1) + nn)
        pc = np.bincount(pair).astype(float)
        pg = g[np.flatnonzero(np.r_[True, pair[1:] > np.maximum.accumulate(pair)[:-1]])]
        p = pc / f[pg]
        h += np.bincount(pg, weights=-p * np.log2(p), minlength=G)
    return h


# --------------------------------------------------------------------------- discovery

def discover_terms(data, *, min_count: int | None = None, max_tokens: int = DEFAULTS["max_tokens"],
                   max_chars: int = DEFAULTS["max_chars"], bound: float = DEFAULTS["bound"],
                   min_cohesion: float = DEFAULTS["min_cohesion"],
                   min_entropy: float = DEFAULTS["min_entropy"], dedupe: bool = True,
                   candidates: bool = False, rules: str | None = None) -> pd.DataFrame:
    """The multi-token terms of a corpus, best first (score, then term).

    data: a corpus (kslib.load_corpus; segmented with kslib.tokens) or a tokens table.
    Columns (TERM_COLUMNS): term, tokens (the jieba tokens it joins, space-separated), n_tokens,
    count, docs, cohesion (min NPMI over split points), left_entropy / right_entropy (bits),
    cvalue, score, and an example occurrence: doc_id, line (1-based raw line) and the clause.
    dedupe: a sentence repeated verbatim (its figures aside) — a republished article, boilerplate,
    a template filled with new figures — is one observation: only its first occurrence is counted,
    so that a clause repeated many times never looks like a word.
    min_count defaults to default_min_count(number of tokens counted). candidates=True returns every
    counted candidate with a `rejected` column naming the first rule it failed ("" for terms):
    edge (a stopword or number first or last), grammar (the tags of the first/last token), verbal
    (a verbal noun first, not bound to the rest), nested (fragment of a longer candidate),
    cohesion, entropy. See the module docstring.
    """
    t = in_document_order(_token_table(data))
    n = len(t)
    cols = TERM_COLUMNS + (["rejected"] if candidates else [])
    if n < 2 or max_tokens < 2:
        return _empty(cols)
    cfg = _rules(rules)
    from .dictionary import stopwords
    from .table import is_num

    code, uniques = _encode(t["token"])
    V = len(uniques)
    doc_code, doc_names = doc_codes(t)
    start = t["start"].to_numpy(np.int64)
    end = t["end"].to_numpy(np.int64)
    tags = _unique_tags(t, code, uniques)
    digits = np.fromiter((_DIGIT.search(u) is not None for u in uniques), bool, V)
    counted = _first_sentences(t, doc_code, start, end, code, uniques, digits) if dedupe else np.ones(n, bool)
    if min_count is None:
        min_count = default_min_count(int(counted.sum()))
    min_count = max(int(min_count), 1)

    # per distinct token: what it can be in a candidate
    stop = stopwords()
    han = np.fromiter((_HAN.match(u) is not None for u in uniques), bool, V)
    numeral = np.fromiter((_HAN_NUMERAL.match(u) is not None or is_num(u) or _DIGIT.search(u) is not None
                           for u in uniques), bool, V)
    is_stop = np.fromiter((u in stop for u in uniques), bool, V)
    tag_start = np.fromiter((tg in cfg["start_reject"] for tg in tags), bool, V)
    tag_end = np.fromiter((tg in cfg["end_reject"] for tg in tags), bool, V)
    tag_inner = np.fromiter((tg in cfg["inner_reject"] for tg in tags), bool, V)
    verbal_u = np.fromiter((tg in cfg["verbal_start"] for tg in tags), bool, V)
    punct_u = np.fromiter((all(unicodedata.category(c)[0] in "PSZC" for c in u) for u in uniques), bool, V)
    edge_u = han & ~numeral & ~is_stop  # no exception: a term never starts or ends with these

    # per token; only the counted sentences from here on (whole sentences: a token's neighbours
    # inside its sentence are all there, and a sentence's edges are boundaries anyway)
    markup = _markup_tokens(doc_code, start, end, code, uniques)
    sel = np.flatnonzero(counted)
    line = t["line"].to_numpy(np.int64)[sel] if "line" in t.columns else np.zeros(len(sel), np.int64)
    code, doc_code, start, end, markup = code[sel], doc_code[sel], start[sel], end[sel], markup[sel]
    n = len(code)
    if n < 2:
        return _empty(cols)
    elig = han[code] & ~tag_inner[code] & ~markup & ~numeral[code]  # a number breaks a candidate
    same = (doc_code[1:] == doc_code[:-1]) & (start[1:] == end[:-1])  # token i+1 follows i directly
    link = same & elig[:-1] & elig[1:]
    after_number = np.r_[False, same & numeral[code[:-1]]]  # 1/亿元, 三/年: the number's unit
    startable = elig & ~after_number
    # run_len[i]: eligible linked tokens from i on (0 if i is not eligible)
    run_start = elig & np.r_[True, ~link]
    rid = np.cumsum(run_start) - 1
    run_end = np.flatnonzero(elig & np.r_[~link, True])  # last token of each run
    run_len = np.where(elig, run_end[np.maximum(rid, 0)] - np.arange(n) + 1, 0) if len(run_end) else \
        np.zeros(n, np.int64)
    nch = np.fromiter(map(len, uniques), np.int64, V)[code]
    cum_chars = np.r_[0, np.cumsum(nch)]

    f1 = np.bincount(code, minlength=V).astype(np.int64)
    ids1 = np.where(f1[code] >= min_count, code, -1)
    levels = {1: _Level(ids1, f1, np.zeros(0, np.int64))}
    for k in range(2, max_tokens + 2):  # one level more than returned: parents for nesting
        lv = _count_level(levels[k - 1], code, run_len, cum_chars, startable, k, max_chars, min_count, V)
        levels[k] = lv
        if len(lv.counts) == 0:
            break
    ks = [k for k in range(2, max_tokens + 2) if k in levels and len(levels[k].counts)]
    if not ks:
        return _empty(cols)

    # global candidate index over levels 2..max_tokens+1
    offset, G = {}, 0
    for k in ks:
        offset[k] = G
        G += len(levels[k].counts)
    K = np.concatenate([np.full(len(levels[k].counts), k) for k in ks])
    R = np.concatenate([levels[k].rep for k in ks])
    F = np.concatenate([levels[k].counts for k in ks]).astype(np.int64)

    def gid(k, pos):
        """Global id of the k-gram at positions pos (k >= 2); -1 if not a frequent gram."""
        ids = levels[k].ids[pos]
        return np.where(ids >= 0, ids + offset[k], -1)

    def count_at(k, pos):
        if k == 1:
            return f1[code[pos]]
        return levels[k].counts[levels[k].ids[pos]]

    first_tok, last_tok = code[R], code[R + K - 1]
    chars = cum_chars[R + K] - cum_chars[R]
    N = float(n)

    # cohesion: min NPMI over split points; dependency: min share of a part's occurrences that
    # are inside the candidate (1: the parts never occur apart)
    cohesion = np.full(G, np.inf)
    dependency = np.full(G, np.inf)
    logp = np.log(F / N)
    for k in ks:
        sl = slice(offset[k], offset[k] + len(levels[k].counts))
        r = R[sl]
        for j in range(1, k):
            fl, fr = count_at(j, r), count_at(k - j, r + j)
            pmi = logp[sl] - np.log(fl / N) - np.log(fr / N)
            npmi = np.where(logp[sl] < 0, pmi / -logp[sl], 1.0)
            cohesion[sl] = np.minimum(cohesion[sl], npmi)
            dependency[sl] = np.minimum(dependency[sl], F[sl] / np.maximum(fl, fr))

    # neighbour entropies over every occurrence
    HL, HR = np.zeros(G), np.zeros(G)
    punct = punct_u[code]
    for k in ks:
        ids = levels[k].ids
        pos = np.flatnonzero(ids >= 0)
        g = ids[pos]
        left_ok = pos > 0
        left_ok[left_ok] = same[pos[left_ok] - 1] & ~punct[pos[left_ok] - 1]
        ln = np.where(left_ok, code[np.maximum(pos - 1, 0)], -1)
        rpos = pos + k
        right_ok = rpos < n
        right_ok[right_ok] = same[rpos[right_ok] - 1] & ~punct[rpos[right_ok]]
        rn = np.where(right_ok, code[np.minimum(rpos, n - 1)], -1)
        sl = slice(offset[k], offset[k] + len(levels[k].counts))
        HL[sl] = _entropy(g, ln, levels[k].counts)
        HR[sl] = _entropy(g, rn, levels[k].counts)

    # documents per gram
    docs = np.zeros(G, np.int64)
    for k in ks:
        ids = levels[k].ids
        pos = np.flatnonzero(ids >= 0)
        pair, _ = pd.factorize(ids[pos] * (int(doc_code.max()) + 1) + doc_code[pos])
        firsts = np.flatnonzero(np.r_[True, pair[1:] > np.maximum.accumulate(pair)[:-1]]) if len(pair) else []
        sl = slice(offset[k], offset[k] + len(levels[k].counts))
        docs[sl] = np.bincount(ids[pos][firsts], minlength=len(levels[k].counts))

    # the edges: never a stopword, number or punctuation; the grammar of a noun phrase (tags),
    # unless the parts are bound to each other (a word jieba does not know: 一网通/办, 复工/复产)
    edge_ok = edge_u[first_tok] & edge_u[last_tok]
    rest_count = np.zeros(G, np.int64)
    for k in ks:
        sl = slice(offset[k], offset[k] + len(levels[k].counts))
        rest_count[sl] = count_at(k - 1, R[sl] + 1)
    # a word, not a phrase (<= 4 characters), on strong evidence (twice min_count)
    lexical = (dependency >= bound) & (F >= 2 * min_count) & (chars <= 4)
    grammar_ok = (~tag_start[first_tok] & ~tag_end[last_tok]) | lexical
    verbal_ok = ~verbal_u[first_tok] | (F >= bound * rest_count)
    valid = edge_ok & grammar_ok & verbal_ok

    # nesting: parents (one token longer, valid) holding >= bound of the occurrences
    max_parent = np.zeros(G, np.int64)
    for k in ks:
        if k - 1 not in offset:
            continue
        sl = slice(offset[k], offset[k] + len(levels[k].counts))
        r, f, v = R[sl], F[sl], valid[sl]
        for child in (gid(k - 1, r[v]), gid(k - 1, r[v] + 1)):
            ok = child >= 0
            np.maximum.at(max_parent, child[ok], f[v][ok])
    nested = max_parent >= bound * F

    returnable = K <= max_tokens
    term = valid & ~nested & returnable

    # C-value: nested in the longer terms containing it
    sum_f = np.zeros(G)
    n_t = np.zeros(G)
    pairs = []
    for k in ks:
        if k < 3:
            continue
        sl = slice(offset[k], offset[k] + len(levels[k].counts))
        b = np.flatnonzero(term[sl]) + offset[k]
        for L in range(2, k):
            for o in range(0, k - L + 1):
                sub = gid(L, R[b] + o)
                ok = sub >= 0
                pairs.append(np.stack([sub[ok], b[ok]]))
    if pairs:
        pr = np.unique(np.concatenate(pairs, axis=1), axis=1)
        np.add.at(sum_f, pr[0], F[pr[1]])
        np.add.at(n_t, pr[0], 1)
    nested_f = np.where(n_t > 0, sum_f / np.maximum(n_t, 1), 0.0)
    cvalue = np.log2(chars) * (F - nested_f)
    freedom = np.minimum(HL, HR)
    score = cvalue * np.maximum(cohesion, 0.0) * (1.0 - np.exp2(-freedom))

    coh_ok = cohesion >= min_cohesion
    ent_ok = freedom >= min_entropy
    accepted = term & coh_ok & ent_ok

    rows = np.flatnonzero(returnable) if candidates else np.flatnonzero(accepted)
    out = _frame(rows, line, code, uniques, doc_code, doc_names, K, R, F, docs, cohesion, HL, HR, cvalue,
                 score, same, punct)
    if candidates:
        reason = np.full(G, "", dtype=object)
        for mask, why in ((~ent_ok, "entropy"), (~coh_ok, "cohesion"), (nested, "nested"),
                          (~verbal_ok, "verbal"), (~grammar_ok, "grammar"), (~edge_ok, "edge")):
            reason[mask] = why  # the last assignment wins: the first rule in order edge..entropy
        out["rejected"] = reason[rows]
    out = out.sort_values(["score", "term"], ascending=[False, True], kind="stable")
    return out[cols].reset_index(drop=True)


_SENTENCE_END = set("。！？；!?;")


def _first_sentences(t: pd.DataFrame, doc_code, start, end, code, uniques, digits) -> np.ndarray:
    """True for the tokens of the first occurrence of each sentence; a sentence is the same when
    its tokens are, every number counting as the same token. Sentences end at 。！？；!?; or a
    paragraph; they are compared by a 64-bit polynomial hash of their token codes and length."""
    n = len(code)
    V = len(uniques)
    ends = np.fromiter((any(c in _SENTENCE_END for c in u) for u in uniques), bool, V)[code]
    new = np.r_[True, doc_code[1:] != doc_code[:-1]]
    if "paragraph" in t.columns:
        par = t["paragraph"].to_numpy()
        new[1:] |= par[1:] != par[:-1]
    else:
        new[1:] |= start[1:] != end[:-1]
    new[1:] |= ends[:-1]
    s_start = np.flatnonzero(new)
    sid = np.cumsum(new) - 1
    within = np.arange(n) - s_start[sid]
    hc = np.where(digits[code], V, code).astype(np.uint64) + np.uint64(1)
    powers = np.cumprod(np.r_[np.uint64(1), np.full(int(within.max()), np.uint64(1099511628211))],
                        dtype=np.uint64)
    with np.errstate(over="ignore"):
        h = np.add.reduceat(hc * powers[within], s_start, dtype=np.uint64)
        length = np.diff(np.r_[s_start, n]).astype(np.uint64)
        key = h ^ (length * np.uint64(0x9E3779B97F4A7C15))
    first_of_key = np.zeros(len(s_start), bool)
    _, idx = np.unique(key, return_index=True)
    first_of_key[idx] = True
    return first_of_key[sid]


def _unique_tags(t: pd.DataFrame, code: np.ndarray, uniques: list[str]) -> list[str]:
    """A part-of-speech tag per distinct token: the table's own (pos=True) if it has them, else
    the dictionary's; "x" for words jieba does not know."""
    if "pos" in t.columns:
        pos = t["pos"].astype(str).to_numpy()
        if len(pos) and (pos != "").any():
            first = np.full(len(uniques), -1, np.int64)
            idx = np.arange(len(code))[::-1]
            first[code[idx]] = idx
            return [pos[i] or "x" for i in first]
    import pyarrow as pa
    import pyarrow.compute as pc

    words, tags = _tag_table()
    idx = pc.index_in(pa.array(uniques, pa.string()), value_set=words)
    return pc.fill_null(pc.take(tags, idx), "x").to_pylist()


def _empty(cols) -> pd.DataFrame:
    types = {"term": str, "tokens": str, "n_tokens": "int64", "count": "int64", "docs": "int64",
             "cohesion": float, "left_entropy": float, "right_entropy": float, "cvalue": float,
             "score": float, "doc_id": str, "line": "int64", "example": str, "rejected": str}
    return pd.DataFrame({c: pd.Series(dtype=types[c]) for c in cols})


def _frame(rows, line, code, uniques, doc_code, doc_names, K, R, F, docs, cohesion, HL, HR, cvalue, score,
           same, punct):
    """The output table for candidates `rows` (global ids), with the example clause."""
    n = len(code)
    # clause of every token: new at a document/gap boundary or around punctuation
    new_clause = np.r_[True, ~same | punct[1:] | punct[:-1]]
    cid = np.cumsum(new_clause) - 1
    c_start = np.flatnonzero(new_clause)
    c_end = np.r_[c_start[1:], n]
    terms, parts, examples = [], [], []
    for g in rows:
        r, k = int(R[g]), int(K[g])
        seq = [uniques[c] for c in code[r:r + k]]
        terms.append("".join(seq))
        parts.append(" ".join(seq))
        c = cid[r]
        a, b = c_start[c], c_end[c]
        examples.append("".join(uniques[c] for c in code[max(a, r - 12):min(b, r + k + 12)]))
    doc = np.array(doc_names, dtype=object)[doc_code[R[rows]]] if len(rows) else np.zeros(0, object)
    return pd.DataFrame({
        "term": pd.Series(terms, dtype=str),
        "tokens": pd.Series(parts, dtype=str),
        "n_tokens": K[rows].astype("int64"),
        "count": F[rows].astype("int64"),
        "docs": docs[rows].astype("int64"),
        "cohesion": cohesion[rows],
        "left_entropy": HL[rows],
        "right_entropy": HR[rows],
        "cvalue": cvalue[rows],
        "score": score[rows],
        "doc_id": pd.Series(doc, dtype=str),
        "line": line[R[rows]].astype("int64"),
        "example": pd.Series(examples, dtype=str),
    })
