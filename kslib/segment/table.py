"""The token table: kslib.tokens(corpus) -> one row per token with offsets, raw line and flags,
built columnar from the per-document results (cached, or segmented by an engine)."""
from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from .backends import resolve_backend
from .cache import STATS, TokenCache, consistent, dictionary_key, doc_key, warn_inconsistent
from .dictionary import stopwords
from .engines import run_dask, run_local

__all__ = ["COLUMNS", "tokens", "is_punct", "is_num"]

COLUMNS = ["doc_id", "paragraph", "position", "token", "start", "end", "line", "pos",
           "is_stop", "is_punct", "is_num"]


_NUM = re.compile(r"[+-]?[0-9０-９]+(?:[.,．][0-9０-９]+)*[%％‰]?")


_WS_TABLE = np.array([chr(c).isspace() for c in range(0x3001)], dtype=bool)


def is_punct(tok: str) -> bool:
    return all(unicodedata.category(c)[0] in "PS" for c in tok)


def is_num(tok: str) -> bool:
    return _NUM.fullmatch(tok) is not None


def tokens(corpus: pd.DataFrame, *, pos: bool = False, backend: str = "auto", engine: str = "local",
           progress: bool | None = None, cache: bool = True) -> pd.DataFrame:
    """One row per token of every document's `text`, sorted by doc_id, position.

    Columns: doc_id, paragraph (1-based non-empty line of text), position (0-based token index in
    the document), token, start/end (character offsets in text: text[start:end] == token), line
    (1-based line of the raw file), pos ("" unless pos=True: jieba.posseg tags), is_stop,
    is_punct, is_num (pure number such as 2018, 7.1, 23.6%). Whitespace-only tokens are dropped;
    nothing else is.

    backend: "auto" (the fastest installed backend measured identical to jieba: "hybrid" = rjieba
    with jieba_next for runs holding ASCII; else jieba_next; else jieba), one of those by name, or
    the faster non-identical "rjieba" / "jieba_fast_dat" (see AGREEMENT).
    engine: "local" (a process pool over documents for corpora over ~1 MB, in-process below) or
    "dask" (the current dask.distributed Client). progress: tqdm bar on stderr (None: only for
    large jobs). cache=False neither reads nor writes the disk cache.
    """
    backend = resolve_backend(backend)
    if engine not in ("local", "dask"):
        raise ValueError(f"unknown engine {engine!r}; 'local' or 'dask'")
    docs = corpus.sort_values("doc_id", kind="stable") if len(corpus) else corpus
    n = len(docs)
    texts = [t if isinstance(t, str) else "" for t in docs["text"]]
    raws = list(docs["raw"]) if "raw" in docs else [None] * n
    authors = list(docs["authors"]) if "authors" in docs else [None] * n
    keys = [doc_key(t, r, a, pos) for t, r, a in zip(texts, raws, authors)]
    store = TokenCache(dictionary_key(backend)) if cache else None
    found = store.get(keys) if store else {}
    results: list = [found.get(k) for k in keys]
    for i, r in enumerate(results):
        if r is not None and not consistent(r, texts[i], pos):
            warn_inconsistent(str(docs["doc_id"].iloc[i]))
            results[i] = None
    todo = [i for i, r in enumerate(results) if r is None]
    STATS["hits"] += n - len(todo)
    if todo:
        run = run_dask if engine == "dask" else run_local
        new = run(todo, texts, raws, authors, backend, pos, progress)
        for i in todo:
            results[i] = new[i]
        STATS["misses"] += len(todo)
        STATS["segmented_chars"] += sum(len(texts[i]) for i in todo)
        if store:
            store.put({keys[i]: new[i] for i in todo})
    return assemble([str(d) for d in docs["doc_id"]], texts, results, pos)


def assemble(doc_ids: list[str], texts: list[str], results: list, pos: bool) -> pd.DataFrame:
    """The token table from per-document (lengths, lines, tags), without per-token Python work:
    offsets by cumulative lengths, the token strings cut from the UTF-8 text by byte offsets in
    one Arrow array, flags computed once per distinct token."""
    import pyarrow as pa
    import pyarrow.compute as pc

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
        lines_k.append(lines[keep].astype(np.int64))
        counts.append(len(s))
        positions.append(np.arange(len(s), dtype=np.int64))
        if pos:
            tag_col.extend(t for t, k in zip(tags, keep.tolist()) if k)

    counts_arr = np.asarray(counts, dtype=np.int64)
    total = int(counts_arr.sum())
    # integer columns written straight into one (5, n) block, flags into one (3, n) block
    ints = np.empty((5, total), dtype=np.int64)  # paragraph, position, start, end, line
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
