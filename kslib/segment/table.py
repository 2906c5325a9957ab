"""The token table: kslib.tokens(corpus) -> one row per token with offsets, raw line and flags,
built columnar from the per-document results (cached, or segmented by an engine)."""
from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from .backends import resolve_backend
from .cache import STATS, TokenCache, consistent, dictionary_key, doc_key, warn_inconsistent
from .compounds import compounds_hash, join_compounds, term_list
from .dictionary import corpus_userdict, stopwords
from .engines import run_dask, run_local
from .linemap import LineMapCache, line_maps, map_key

__all__ = ["COLUMNS", "tokens", "is_punct", "is_num"]

COLUMNS = ["doc_id", "paragraph", "position", "token", "start", "end", "line", "pos",
           "is_stop", "is_punct", "is_num"]


_NUM = re.compile(r"[+-]?[0-9０-９]+(?:[.,．][0-9０-９]+)*[%％‰]?")


_WS_TABLE = np.array([chr(c).isspace() for c in range(0x3001)], dtype=bool)


def is_punct(tok: str) -> bool:
    return all(unicodedata.category(c)[0] in "PS" for c in tok)


def is_num(tok: str) -> bool:
    return _NUM.fullmatch(tok) is not None


def tokens(corpus: pd.DataFrame, *, compounds=None, pos: bool = False, backend: str = "auto",
           engine: str = "local", progress: bool | None = None, cache: bool = True) -> pd.DataFrame:
    """One row per token of every document's `text`, sorted by doc_id, position.

    Columns: doc_id, paragraph (1-based non-empty line of text), position (0-based token index in
    the document), token, start/end (character offsets in text: text[start:end] == token), line
    (1-based line of the raw file), pos ("" unless pos=True: jieba.posseg tags), is_stop,
    is_punct, is_num (pure number such as 2018, 7.1, 23.6%). Whitespace-only tokens are dropped;
    nothing else is.

    compounds: terms to join into single tokens (a DataFrame with a `term` column such as
    kslib.discover_terms' output, or an iterable of strings): every run of adjacent tokens inside
    a clause whose text is a term becomes one token, longest term first (kslib.segment.compounds).
    Without compounds the tokens are jieba's. A corpus loaded from a folder that holds a
    userdict.txt (jieba's format) is segmented with that dictionary after the project one.
    backend: "auto" (the fastest installed backend measured identical to jieba: "hybrid" = rjieba
    with jieba_next for runs holding ASCII; else jieba_next; else jieba), one of those by name, or
    the faster non-identical "rjieba" / "jieba_fast_dat" (see AGREEMENT).
    engine: "local" (a process pool over documents for corpora over ~1 MB, in-process below) or
    "dask" (the current dask.distributed Client). progress: tqdm bar on stderr (None: only for
    large jobs). cache=False neither reads nor writes the disk cache; the cache key includes the
    dictionaries and the compounds.
    """
    backend = resolve_backend(backend)
    if engine not in ("local", "dask"):
        raise ValueError(f"unknown engine {engine!r}; 'local' or 'dask'")
    terms = term_list(compounds) if compounds is not None else []
    user = corpus_userdict(corpus)
    extra = (str(user),) if user else ()
    docs = corpus.sort_values("doc_id", kind="stable") if len(corpus) else corpus
    n = len(docs)
    doc_ids = [str(d) for d in docs["doc_id"]] if n else []
    texts = [t if isinstance(t, str) else "" for t in docs["text"]] if n else []
    raws = list(docs["raw"]) if "raw" in docs else [None] * n
    authors = list(docs["authors"]) if "authors" in docs else [None] * n
    keys = [doc_key(t, r, a, pos) for t, r, a in zip(texts, raws, authors)]
    joined_store = TokenCache(dictionary_key(backend, extra=extra, compounds=compounds_hash(terms))) \
        if cache and terms else None
    results: list = [None] * n
    if joined_store:  # documents already segmented with these compounds
        found = joined_store.get(keys)
        results = [_checked(found.get(k), text, pos, d) for k, text, d in zip(keys, texts, doc_ids)]
    need = [i for i, r in enumerate(results) if r is None]
    misses = STATS["misses"]
    base = _segmented([keys[i] for i in need], [doc_ids[i] for i in need], [texts[i] for i in need],
                      [raws[i] for i in need], [authors[i] for i in need], backend, pos, engine, progress,
                      extra, cache)
    if terms and need:
        joined = join_compounds(assemble([doc_ids[i] for i in need], [texts[i] for i in need], base, pos), terms)
        base = results_of(joined, [doc_ids[i] for i in need], [texts[i] for i in need], pos) \
            if joined_store or len(need) < n else None
        if joined_store:
            joined_store.put({keys[i]: r for i, r in zip(need, base)})
        if len(need) == n:  # nothing came from the cache: the joined table is the answer
            STATS["hits"] += n - (STATS["misses"] - misses)
            return joined
    for i, r in zip(need, base):
        results[i] = r
    STATS["hits"] += n - (STATS["misses"] - misses)
    return assemble(doc_ids, texts, results, pos)


def _checked(entry, text: str, pos: bool, doc_id: str):
    """A cached entry, or None (a miss, with a warning) when it does not fit the text."""
    if entry is not None and not consistent(entry, text, pos):
        warn_inconsistent(doc_id)
        return None
    return entry


def _segmented(keys, doc_ids, texts, raws, authors, backend, pos, engine, progress, extra, cache) -> list:
    """jieba's per-document results (lengths, lines, tags) for these documents: from the cache,
    else segmented by the engine and cached (by the local engine's workers, one pack per batch).
    The raw lines come from line maps (kslib.segment.linemap): the workers normalise a document
    only when neither this process (load_corpus) nor the line-map cache knows its map."""
    store = TokenCache(dictionary_key(backend, extra=extra)) if cache and keys else None
    found = store.get(keys) if store else {}
    results: list = [_checked(found.get(k), text, pos, d) for k, text, d in zip(keys, texts, doc_ids)]
    todo = [i for i, r in enumerate(results) if r is None]
    if todo:
        map_store = LineMapCache() if cache else None
        known, new_maps = line_maps([doc_ids[i] for i in todo], [texts[i] for i in todo],
                                    [raws[i] for i in todo], [authors[i] for i in todo], map_store)
        maps: list = [None] * len(texts)
        for i, m in zip(todo, known):
            maps[i] = m
        made: dict = {}
        if engine == "dask":
            new = run_dask(todo, texts, raws, authors, backend, pos, progress, extra, maps=maps, made=made)
            if store:
                store.put({keys[i]: new[i] for i in todo})
        else:  # the local engine writes the cache where it segments (in the pool's workers)
            new = run_local(todo, texts, raws, authors, backend, pos, progress, extra, keys=keys, store=store,
                            maps=maps, made=made)
        for i in todo:
            results[i] = new[i]
        if map_store is not None:
            new_maps.update((map_key(texts[i], raws[i], authors[i]), (len(texts[i]), m))
                            for i, m in made.items() if not isinstance(m, str))
            map_store.put(new_maps)
        STATS["misses"] += len(todo)
        STATS["segmented_chars"] += sum(len(texts[i]) for i in todo)
        STATS["normalised"] += len(made)
    return results


def results_of(table: pd.DataFrame, doc_ids: list[str], texts: list[str], pos: bool) -> list:
    """Per-document (lengths, lines, tags), the cached form, of a token table: its tokens and the
    whitespace between them as pieces covering each text (assemble() drops the whitespace again;
    a gap takes the line of the token after it, or of the last token). Vectorised over the table."""
    from .discover import doc_codes, in_document_order

    t = in_document_order(table) if len(table) else table
    index = {d: i for i, d in enumerate(doc_ids)}
    codes, names = doc_codes(t) if len(t) else (np.zeros(0, np.int64), [])
    doc = np.array([index[d] for d in names], np.int64)[codes] if len(t) else np.zeros(0, np.int64)
    start = t["start"].to_numpy(np.int64) if len(t) else np.zeros(0, np.int64)
    end = t["end"].to_numpy(np.int64) if len(t) else np.zeros(0, np.int64)
    line = t["line"].to_numpy(np.int64) if len(t) else np.zeros(0, np.int64)
    text_len = np.fromiter(map(len, texts), np.int64, len(texts))
    n_docs = len(doc_ids)
    first = np.r_[True, doc[1:] != doc[:-1]] if len(doc) else np.zeros(0, bool)
    last = np.r_[doc[1:] != doc[:-1], True] if len(doc) else np.zeros(0, bool)
    prev_end = np.where(first, 0, np.r_[0, end[:-1]])
    # a gap before each token (from the previous token's end, or the text's start), and after the
    # last token of each document; a document without tokens is one gap
    gap_len = start - prev_end
    tail = np.zeros(n_docs, np.int64)
    tail_line = np.ones(n_docs, np.int64)
    has = np.zeros(n_docs, bool)
    if len(doc):
        tail[doc[last]] = text_len[doc[last]] - end[last]
        tail_line[doc[last]] = line[last]
        has[doc[last]] = True
    tail[~has] = text_len[~has]
    # pieces in order: per token [gap?, token], per document a trailing gap?
    p_doc = np.concatenate([doc, doc, np.arange(n_docs)])
    p_ord = np.concatenate([2 * np.arange(len(doc)), 2 * np.arange(len(doc)) + 1,
                            np.full(n_docs, 2 * len(doc) + 1)])  # within a document: by position
    p_len = np.concatenate([gap_len, end - start, tail])
    p_line = np.concatenate([line, line, tail_line])
    p_tok = np.concatenate([np.full(len(doc), -1), np.arange(len(doc)), np.full(n_docs, -1)])
    keep = p_len > 0
    order = np.lexsort((p_ord[keep], p_doc[keep]))
    p_doc, p_len, p_line, p_tok = p_doc[keep][order], p_len[keep][order], p_line[keep][order], p_tok[keep][order]
    bounds = np.searchsorted(p_doc, np.arange(n_docs + 1))
    tags_all = None
    if pos:
        tok_tags = np.asarray(t["pos"].astype(str).to_numpy(), dtype=object) if len(t) else np.zeros(0, object)
        tags_all = np.where(p_tok >= 0, tok_tags[np.maximum(p_tok, 0)] if len(t) else "x", "x")
    out = []
    for i in range(n_docs):
        a, b = bounds[i], bounds[i + 1]
        out.append((p_len[a:b].astype(np.int32), p_line[a:b].astype(np.int32),
                    tags_all[a:b].tolist() if pos else None))
    return out


def assemble(doc_ids: list[str], texts: list[str], results: list, pos: bool) -> pd.DataFrame:
    """The token table from per-document (lengths, lines, tags), without per-token Python work:
    offsets by cumulative lengths, the token strings cut from the UTF-8 text by byte offsets in
    one Arrow array, flags computed once per distinct token."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if texts and max(map(len, texts)) >= 2**31:  # pragma: no cover (a 2**31-character document)
        raise ValueError("a document of 2**31 characters or more: its offsets do not fit the int32 columns")
    byte_offsets, keep_all, paragraphs, starts_k, ends_k, lines_k, counts, tag_col, positions = \
        [], [], [], [], [], [], [], [], []
    data = []
    base = 0
    for text, (lengths, lines, tags) in zip(texts, results):
        lengths = lengths.astype(np.int64)
        cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        ends = np.cumsum(lengths)
        starts = ends - lengths
        small = np.minimum(cps, 0x3000)
        ws = _WS_TABLE[small] & (cps <= 0x3000)
        nonws_cum = np.zeros(len(cps) + 1, dtype=np.int64)
        np.cumsum(~ws, dtype=np.int64, out=nonws_cum[1:])
        keep = (nonws_cum[ends] - nonws_cum[starts]) > 0
        nbytes = np.ones(len(cps), dtype=np.uint8)  # UTF-8 length of each character
        nbytes += cps >= 0x80
        nbytes += cps >= 0x800
        nbytes += cps >= 0x10000
        bcum = np.zeros(len(cps) + 1, dtype=np.int64)
        np.cumsum(nbytes, dtype=np.int64, out=bcum[1:])
        byte_offsets.append(bcum[starts] + base)
        base += int(bcum[-1])
        data.append(text)
        keep_all.append(keep)
        s, e = starts[keep], ends[keep]
        # paragraph: 1-based index among the non-empty lines of text
        nl = np.flatnonzero(cps == 10)
        line_start = np.concatenate([[0], nl + 1])
        line_end = np.concatenate([nl, [len(cps)]])
        nonempty = (nonws_cum[line_end] - nonws_cum[line_start]) > 0
        para = np.cumsum(nonempty, dtype=np.int64)[np.searchsorted(nl, s, side="right")]
        paragraphs.append(para)
        starts_k.append(s)
        ends_k.append(e)
        lines_k.append(lines[keep])
        counts.append(len(s))
        positions.append(np.arange(len(s), dtype=np.int64))
        if pos:
            tag_col.extend(t for t, k in zip(tags, keep.tolist()) if k)

    counts_arr = np.asarray(counts, dtype=np.int64)
    total = int(counts_arr.sum())
    # integer columns written straight into one (5, n) block, flags into one (3, n) block
    # int32: offsets, lines and positions inside one document (a text is far below 2**31 characters)
    ints = np.empty((5, total), dtype=np.int32)  # paragraph, position, start, end, line
    for row, parts in ((0, paragraphs), (1, positions), (2, starts_k), (3, ends_k), (4, lines_k)):
        if parts:
            np.concatenate(parts, out=ints[row])
    offsets = np.concatenate(byte_offsets + [np.asarray([base])]).astype(np.int64) \
        if byte_offsets else np.zeros(1, np.int64)
    blob = "".join(data).encode("utf-8")
    all_tokens = pa.LargeStringArray.from_buffers(len(offsets) - 1, pa.py_buffer(offsets),
                                                  pa.py_buffer(blob))
    token_arr = all_tokens.filter(pa.array(np.concatenate(keep_all) if keep_all else np.zeros(0, bool)))
    enc = pc.dictionary_encode(token_arr)
    uniques = enc.dictionary.to_pylist()
    codes = enc.indices.to_numpy(zero_copy_only=False)
    stop = stopwords()
    flags = np.empty((3, total), dtype=bool)  # is_stop, is_punct, is_num
    for row, fn in enumerate((stop.__contains__, is_punct, is_num)):
        table = np.fromiter(map(fn, uniques), dtype=bool, count=len(uniques))
        np.take(table, codes, out=flags[row])
    # doc_id: each id's bytes repeated, offsets by cumulative lengths (no per-row gather)
    id_bytes = [d.encode("utf-8") for d in doc_ids]
    id_lens = np.repeat(np.fromiter(map(len, id_bytes), dtype=np.int64, count=len(id_bytes)), counts_arr)
    id_offsets = np.zeros(total + 1, dtype=np.int64)
    np.cumsum(id_lens, out=id_offsets[1:])
    doc_col = pa.LargeStringArray.from_buffers(
        total, pa.py_buffer(id_offsets), pa.py_buffer(b"".join(b * int(k) for b, k in zip(id_bytes, counts))))
    if pos:
        pos_arr = pa.array(tag_col, pa.large_string())
    else:
        pos_arr = pa.LargeStringArray.from_buffers(total, pa.py_buffer(np.zeros(total + 1, np.int64)),
                                                   pa.py_buffer(b""))
    col = {c: i for i, c in enumerate(COLUMNS)}
    blocks = [
        (ints, np.array([col[c] for c in ("paragraph", "position", "start", "end", "line")])),
        (flags, np.array([col[c] for c in ("is_stop", "is_punct", "is_num")])),
        (pd.array(doc_col, dtype="str"), np.array([col["doc_id"]])),
        (pd.array(token_arr, dtype="str"), np.array([col["token"]])),
        (pd.array(pos_arr, dtype="str"), np.array([col["pos"]])),
    ]
    try:  # pandas >= 3: no copy of the columns
        from pandas.api.internals import create_dataframe_from_blocks

        return create_dataframe_from_blocks(blocks, index=pd.RangeIndex(total), columns=pd.Index(COLUMNS))
    except ImportError:  # pragma: no cover
        frame = pd.DataFrame(index=pd.RangeIndex(total))
        values = {COLUMNS[p]: (arr[i] if isinstance(arr, np.ndarray) else arr)
                  for arr, place in blocks for i, p in enumerate(place)}
        for name in COLUMNS:
            frame[name] = values[name]
        return frame
