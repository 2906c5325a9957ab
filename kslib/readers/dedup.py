"""Near-duplicate paragraphs within a document (rule `near_duplicate`).

A paragraph repeats an earlier one when at least 90 % of its character 5-grams occur in
that one paragraph: a copy with a few words added or changed ("一直以来，" put in front),
a shortened copy, or a copy that contains the earlier paragraph and adds little. A
paragraph that quotes an earlier short line inside much new text is not a repeat
(seed 003 opens a long paragraph with its 20-character pull quote). Verbatim repeats
are the `repeated_paragraph` rule's. An inverted index of 5-grams finds the
candidates, so the cost grows with the text, not with pairs of paragraphs; 5-grams are
integers in numpy arrays (about 40 bytes per character at the peak, tracemalloc), since a Python
string, set entry and list per 5-gram cost ~200 bytes each (a 2 MB paragraph-rich text
took 0.5 GB that way).
"""
from __future__ import annotations

import re

import numpy as np

__all__ = ["near_duplicates", "NGRAM", "THRESHOLD", "MIN_CHARS"]

NGRAM = 5
THRESHOLD = 0.9
MIN_CHARS = 20      # shorter paragraphs (headings, captions) repeat legitimately
MAX_CANDIDATES = 32  # earlier paragraphs intersected in full per paragraph (bounds the work)
_SPACE = re.compile(r"\s+")


def near_duplicates(paragraphs: list[str], threshold: float = THRESHOLD,
                    min_chars: int = MIN_CHARS) -> list[tuple[int, int, float]]:
    """(index, index of the earlier paragraph it repeats, share of its 5-grams found
    there) for each paragraph that repeats an earlier kept one. A repeat is not kept,
    so a third copy names the first. Ties go to the earliest paragraph.

    A paragraph with ≥ 90 % of its 5-grams in an earlier one shares at least one of any
    10 % + 1 of its 5-grams with it; so its first ones (in text order) are looked up to
    find the candidates, and only those are intersected in full.

    5-grams are integer codes (`_gram_codes`) looked up in one postings array sorted by
    code, then by paragraph.
    """
    texts = [_SPACE.sub("", para) for para in paragraphs]
    eligible = [i for i, t in enumerate(texts) if len(t) >= min_chars]
    if len(eligible) < 2:
        return []
    # sorted distinct 5-grams per paragraph, and its probes: the first 10 % + 1 in text order
    grams, bounds, probes_of = _gram_codes([texts[i] for i in eligible], threshold)
    slot = {i: k for k, i in enumerate(eligible)}
    owner = np.repeat(np.arange(len(eligible), dtype=np.int32), np.diff(bounds))
    order = np.argsort(grams, kind="stable")  # postings: by 5-gram, then paragraph
    post_gram, post_para = grams[order], owner[order]
    del order, owner
    # a paragraph none of whose probes occurs in an earlier paragraph has no candidate
    # (nor a verbatim original): it is kept without the search below
    all_probes = np.concatenate(probes_of)
    first_holder = post_para[np.searchsorted(post_gram, all_probes, "left")]
    probe_owner = np.repeat(np.arange(len(eligible)), [len(p) for p in probes_of])
    earliest = np.full(len(eligible), len(eligible), dtype=np.int64)
    np.minimum.at(earliest, probe_owner, first_holder)
    alone = (earliest >= np.arange(len(eligible))).tolist()
    kept = np.zeros(len(eligible), dtype=bool)
    seen: dict[str, int] = {}
    out = []
    for i in eligible:
        text, k = texts[i], slot[i]
        if alone[k]:
            seen[text] = i
            kept[k] = True
            continue
        if text in seen:  # a verbatim copy: all its 5-grams are in the first one
            out.append((i, seen[text], 1.0))
            continue
        mine = grams[bounds[k]:bounds[k + 1]]
        probes = probes_of[k]
        lo = np.searchsorted(post_gram, probes, "left")
        n = np.searchsorted(post_gram, probes, "right") - lo
        best = None
        if n.any():
            # every paragraph holding a probe, then the earlier kept ones
            total = int(n.sum())
            hit = post_para[np.repeat(lo - np.cumsum(n) + n, n) + np.arange(total)]
            hit = hit[hit < k]
            hit = hit[kept[hit]]
            cand, counts = np.unique(hit, return_counts=True)
            # a repeat shares most probes with its original: the best-hit candidates suffice
            top = cand[np.lexsort((cand, -counts))][:MAX_CANDIDATES]
            if len(top):
                shares = _shares(mine, grams, bounds, top)
                for j, share in zip(top.tolist(), shares.tolist()):
                    jj = eligible[j]
                    if share >= threshold and (best is None or share > best[2] or share == best[2] and jj < best[1]):
                        best = (i, jj, round(share, 4))
        if best:
            out.append(best)
            continue
        seen[text] = i
        kept[k] = True
    return out


def _shares(mine: np.ndarray, grams: np.ndarray, bounds: np.ndarray, others: np.ndarray) -> np.ndarray:
    """Share of `mine` (sorted distinct codes) found in each of the `others` paragraphs."""
    lens = bounds[others + 1] - bounds[others]
    idx = np.repeat(bounds[others] - np.cumsum(lens) + lens, lens) + np.arange(int(lens.sum()))
    theirs = grams[idx]
    at = np.minimum(np.searchsorted(mine, theirs), len(mine) - 1)
    found = mine[at] == theirs
    return np.bincount(np.repeat(np.arange(len(others)), lens), weights=found, minlength=len(others)) / len(mine)


_BIG = np.uint64(0x9E3779B97F4A7C15)  # odd multiplier of the fallback hash


def _gram_codes(texts: list[str], threshold: float) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """Each text's distinct character 5-grams as sorted uint64 codes, concatenated; the
    offsets where each text's codes start (len(texts) + 1 of them); and each text's
    probes, its first int(n * (1 - threshold)) + 1 distinct 5-grams in text order.

    Characters are numbered densely; with D distinct characters a 5-gram is its exact
    base-D number when D**5 < 2**64 (D < 7,131: any single document's Han characters),
    else a multiplicative hash (collisions about n**2 / 2**65 for n 5-grams)."""
    joined = "".join(texts)
    cps = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    alphabet, ids = np.unique(cps, return_inverse=True)
    del cps
    ids = ids.astype(np.uint64)
    exact = len(alphabet) ** NGRAM < 2 ** 64
    base = np.uint64(len(alphabet)) if exact else _BIG
    n = len(ids)
    codes = np.zeros(max(n - NGRAM + 1, 0), dtype=np.uint64)
    for j in range(NGRAM):  # wraps modulo 2**64 in the hash case, as intended
        codes *= base
        codes += ids[j:n - NGRAM + 1 + j]
    del ids
    # all texts at once: each text's 5-gram codes, sorted by (text, code, position), so the
    # first of each run is a distinct 5-gram at its first position (as np.unique per text)
    lens = np.fromiter((len(t) for t in texts), np.int64, len(texts))
    starts = np.concatenate([[0], np.cumsum(lens)[:-1]]).astype(np.int64)
    counts = np.maximum(lens - NGRAM + 1, 0)
    total = int(counts.sum())
    small = np.int32 if total < 2 ** 31 - 1 else np.int64
    owner = np.repeat(np.arange(len(texts), dtype=small), counts)
    pos = (np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(total, dtype=np.int64)).astype(small)
    mine = codes[pos]
    del codes
    order = np.lexsort((mine, owner))  # stable: positions stay in text order
    owner = owner[order]  # one array at a time: the old one is freed before the next
    mine = mine[order]
    pos = pos[order]
    del order
    new = np.ones(total, dtype=bool)
    new[1:] = (owner[1:] != owner[:-1]) | (mine[1:] != mine[:-1])
    owner = owner[new]
    mine = mine[new]
    pos = pos[new]
    del new
    distinct = np.bincount(owner, minlength=len(texts))
    bounds = np.concatenate([[0], np.cumsum(distinct)]).astype(np.int64)
    # probes: per text, its first int(n * (1 - threshold)) + 1 distinct 5-grams by first position
    by_pos = np.argsort(pos)  # positions grow with the text: (text, position) order
    rank = np.arange(len(by_pos), dtype=np.int64) - np.repeat(bounds[:-1], distinct)
    take = (distinct * (1 - threshold)).astype(np.int64) + 1
    keep = by_pos[rank < np.repeat(take, distinct)]
    probe_codes = mine[keep]
    probe_bounds = np.concatenate([[0], np.cumsum(np.minimum(take, distinct))])
    probes = [probe_codes[a:b] for a, b in zip(probe_bounds[:-1].tolist(), probe_bounds[1:].tolist())]
    return mine, bounds, probes
