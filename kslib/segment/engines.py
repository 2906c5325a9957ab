"""Where segmentation runs: in-process, a fork-based process pool over documents (large corpora),
or a dask.distributed cluster; every engine runs the same per-document unit of work."""
from __future__ import annotations

import gc
import multiprocessing as mp
import os
import sys

import numpy as np

from .backends import cut, get_tokenizer, pos_tags, postagger
from .linemap import TEXT_LINES, line_map, map_lines, text_lines

__all__ = ["segment_document", "segment_batch", "unpack", "run_local", "run_dask", "dask_bag", "n_workers", "batches", "progress_bar",
           "POOL_MIN_CHARS", "PROGRESS_MIN_CHARS"]

def segment_document(text: str, raw, authors, backend: str, pos: bool, extra: tuple = (), lmap=None):
    """One document's segmentation: (token lengths, raw line of each token, tags or None, what the
    normalisation here gave: a line map, TEXT_LINES, or None when nothing was normalised).

    The picklable unit of work (every engine runs exactly this; the first three items are what is
    cached). Whitespace tokens are still included; they are dropped when the table is assembled.
    `extra`: dictionaries loaded after the project one (a corpus's userdict.txt). `lmap`: where the
    raw lines come from (kslib.segment.linemap.line_maps): a line map, TEXT_LINES, or None — then,
    only then, the raw text is normalised here (as kslib.normalized(row)) and the map returned.
    """
    words = cut(text, backend, extra)
    lengths = np.fromiter(map(len, words), dtype=np.int32, count=len(words))
    if int(lengths.sum()) != len(text):  # every backend must be lossless; never silently shift offsets
        raise RuntimeError(f"segmentation backend {backend!r} lost characters")
    starts = np.cumsum(lengths, dtype=np.int64) - lengths
    made = None
    if lmap is None and isinstance(raw, str) and len(words):
        from ..corpus import normalized

        norm = normalized({"raw": raw, "authors": authors, "text": text})
        # else text was edited after loading (or normalised in another context): the lines of text
        lmap = made = line_map(norm) if norm.text == text else TEXT_LINES
    if lmap is None or isinstance(lmap, str):
        lines = text_lines(text, starts)
    else:
        lines = map_lines(lmap, starts)
    tags = pos_tags(text, words, extra) if pos else None
    return lengths, lines, tags, made


_JOB = None  # (texts, raws, authors, backend, pos, extra, keys, store, maps) for forked workers (copy-on-write)


POOL_MIN_CHARS = 400_000  # below this (about 1 MB of text), segment in-process


PROGRESS_MIN_CHARS = 2_000_000  # progress=None shows a bar above this


def segment_batch(idx: list[int], texts, raws, authors, backend, pos, extra, keys=None, store=None, maps=None):
    """segment_document for the documents idx, as one compact result of arrays: (idx, token counts,
    all lengths, all raw lines, tags per document or None, line maps made: (documents, run counts,
    all positions, all lines, documents normalised whose text differed)). With a store (a TokenCache) and the documents' keys the batch is
    written to the cache here, in the worker, as one pack. maps: the line map of each document
    (kslib.segment.linemap.line_maps), None for all: normalise each here."""
    res = [segment_document(texts[i], raws[i], authors[i], backend, pos, extra,
                            maps[i] if maps is not None else None) for i in idx]
    if store is not None and keys is not None:
        store.put({keys[i]: r[:3] for i, r in zip(idx, res)})
    counts = np.fromiter((len(r[0]) for r in res), np.int64, len(res))
    lengths = np.concatenate([r[0] for r in res]) if res else np.zeros(0, np.int32)
    lines = np.concatenate([r[1] for r in res]) if res else np.zeros(0, np.int32)
    made = [(i, r[3]) for i, r in zip(idx, res) if r[3] is not None and not isinstance(r[3], str)]
    made_arrays = ([i for i, _ in made], np.fromiter((len(m[0]) for _, m in made), np.int64, len(made)),
                   np.concatenate([m[0] for _, m in made]) if made else np.zeros(0, np.int32),
                   np.concatenate([m[1] for _, m in made]) if made else np.zeros(0, np.int32),
                   [i for i, r in zip(idx, res) if isinstance(r[3], str)])
    return idx, counts, lengths, lines, [r[2] for r in res] if pos else None, made_arrays


def unpack(batch, out: dict, made: dict | None = None) -> None:
    """Per-document (lengths, lines, tags) of a segment_batch result into out[i]; the line maps
    the batch made into made[i] (TEXT_LINES where the normalised text was not the document's)."""
    idx, counts, lengths, lines, tags, (m_idx, m_counts, m_pos, m_lines, m_text) = batch
    cut = np.cumsum(counts)[:-1]
    for k, (i, ln, li) in enumerate(zip(idx, np.split(lengths, cut), np.split(lines, cut))):
        out[i] = (ln, li, tags[k] if tags is not None else None)
    if made is not None and m_idx:
        cut = np.cumsum(m_counts)[:-1]
        for i, p, li in zip(m_idx, np.split(m_pos, cut), np.split(m_lines, cut)):
            made[i] = (p, li)
    if made is not None:
        made.update((i, TEXT_LINES) for i in m_text)


def _pool_task(idx: list[int]):
    texts, raws, authors, backend, pos, extra, keys, store, maps = _JOB
    return segment_batch(idx, texts, raws, authors, backend, pos, extra, keys, store, maps)


def batches(idx: list[int], sizes: list[int], target: int) -> list[list[int]]:
    out, cur, n = [], [], 0
    for i in idx:
        cur.append(i)
        n += sizes[i]
        if n >= target:
            out.append(cur)
            cur, n = [], 0
    if cur:
        out.append(cur)
    return out


def n_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover (macOS, Windows)
        return os.cpu_count() or 1


def progress_bar(total: int, progress, desc: str):
    from tqdm import tqdm  # the plain console bar: no ipywidgets needed, no TqdmWarning

    show = progress if progress is not None else total >= PROGRESS_MIN_CHARS
    return tqdm(total=total, unit="char", unit_scale=True, desc=desc, disable=not show,
                file=sys.stderr, leave=False, dynamic_ncols=True)


def run_local(todo: list[int], texts, raws, authors, backend, pos, progress, extra: tuple = (),
              keys=None, store=None, maps=None, made: dict | None = None) -> dict:
    """Segment the documents todo (indices into texts/raws/authors): in-process for small jobs,
    else in a fork-based process pool, one worker per core; with a store (TokenCache) and keys the
    results are cached where they are made (one pack per worker batch; one pack in-process), so
    the parent only collects the compact batch results. maps: each document's line map (see
    segment_document; None: normalise in the workers); the maps the workers had to make go into
    `made` {i: map}. Returns {i: (lengths, lines, tags)}."""
    global _JOB
    sizes = [len(t) for t in texts]
    total = sum(sizes[i] for i in todo)
    out = {}
    workers = n_workers()
    with progress_bar(total, progress, f"segmenting ({backend})") as bar:
        if workers < 2 or total < POOL_MIN_CHARS or "fork" not in mp.get_all_start_methods():
            for i in todo:
                *out[i], lmap = segment_document(texts[i], raws[i], authors[i], backend, pos, extra,
                                                 maps[i] if maps is not None else None)
                out[i] = tuple(out[i])
                if lmap is not None and made is not None:
                    made[i] = lmap
                bar.update(sizes[i])
            if store is not None and keys is not None:
                store.put({keys[i]: out[i] for i in todo})
            return out
        chunks = batches(todo, sizes, max(50_000, min(1_000_000, total // (workers * 8) + 1)))
        _JOB = (texts, raws, authors, backend, pos, extra, keys, store, maps)
        get_tokenizer(backend, extra=extra)  # load once here; the forked workers inherit it
        if pos:
            postagger(extra)
        # Freeze the parent's objects out of the garbage collector: otherwise each worker's
        # collections walk (and so copy, page by page) everything the parent holds.
        gc.freeze()
        try:
            with mp.get_context("fork").Pool(workers) as pool:
                for res in pool.imap_unordered(_pool_task, chunks):
                    unpack(res, out, made)
                    bar.update(sum(sizes[i] for i in res[0]))
        finally:
            gc.unfreeze()
            _JOB = None
    return out


def dask_partition(part, backend: str, pos: bool, extra: tuple = ()):
    return [(i, segment_document(text, raw, authors, backend, pos, extra, lmap))
            for i, text, raw, authors, lmap in part]


def dask_bag(client, todo: list[int], texts, raws, authors, backend: str, pos: bool, extra: tuple = (), maps=None):
    """A dask.bag over the documents `todo`: the documents are scattered to the workers in
    partitions (futures in the graph, never the texts themselves), each mapped with segment_document."""
    import dask.bag as db

    sizes = [len(t) for t in texts]
    total = sum(sizes[i] for i in todo)
    nworkers = max(1, len(client.scheduler_info()["workers"]))
    chunks = batches(todo, sizes, total // max(1, min(len(todo), 4 * nworkers)) + 1)
    parts = [[(i, texts[i], raws[i], authors[i], maps[i] if maps is not None else None) for i in c] for c in chunks]
    futures = client.scatter(parts, hash=False)  # unique keys: never shared with another call
    bag = db.from_delayed(futures).map_partitions(dask_partition, backend, pos, extra)
    return bag, futures  # the caller holds the futures until computed, or the data may be released


def run_dask(todo: list[int], texts, raws, authors, backend, pos, progress, extra: tuple = (), maps=None,
             made: dict | None = None) -> dict:
    """The same per-document function on the current dask.distributed cluster (maps, made: as run_local)."""
    from distributed import get_client

    try:
        client = get_client()
    except ValueError as e:
        raise RuntimeError("engine='dask' needs a dask.distributed Client; start one first, e.g. "
                           "Client(LocalCluster(n_workers=2))") from e
    total = sum(len(texts[i]) for i in todo)
    bag, futures = dask_bag(client, todo, texts, raws, authors, backend, pos, extra, maps)
    with progress_bar(total, progress, f"segmenting on dask ({backend})") as bar:
        results = bag.compute()
        bar.update(total)
    del futures
    if made is not None:
        made.update((i, r[3]) for i, r in results if r[3] is not None)
    return {i: r[:3] for i, r in results}
