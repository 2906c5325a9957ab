"""Near-duplicate paragraphs within a document (rule `near_duplicate`).

A paragraph repeats an earlier one when at least 90 % of its character 5-grams occur in
that one paragraph: a copy with a few words added or changed ("一直以来，" put in front),
a shortened copy, or a copy that contains the earlier paragraph and adds little. A
paragraph that quotes an earlier short line inside much new text is not a repeat
(seed 003 opens a long paragraph with its 20-character pull quote). Verbatim repeats
are the `repeated_paragraph` rule's. Exact bounds skip the paragraphs that cannot be
repeats, and an inverted index of 5-grams finds the candidates of the others; on text
whose rare 5-grams are rare the cost grows with the text (on text recombined from a fixed
pool of clauses, the holders of even the rarest 5-grams grow with it too). 5-grams are
dense uint32 ids in numpy arrays (about 9.6 bytes per character at the peak above the input
on bench/load_memory.py's 10 MB lines, tracemalloc; 17 with uint64 codes, 20 before the
postings were filled by a counting sort, 40 before that), since a Python string, set entry
and list per 5-gram cost ~200 bytes each (a 2 MB paragraph-rich text took 0.5 GB that way).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from .. import heap

__all__ = ["near_duplicates", "Lines", "NGRAM", "THRESHOLD", "MIN_CHARS"]

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

    Before any search, a paragraph fewer than 90 % of whose 5-grams occur in ANY earlier
    paragraph is kept: no single earlier one can hold 90 % (its share is at most that
    fraction). On distinct text this leaves few paragraphs to search (bench corpus: 20 of
    4,198; 5,883 recombined news paragraphs: about a quarter).

    A paragraph left is then checked against the earlier kept paragraphs that hold enough of
    its rarest 5-grams (a repeat misses fewer than `need` of its 5-grams, so it holds all but
    need - 1 of any r of them); only if one of those reaches the threshold is the ranked probe
    search run, which then gives the result. Each step only skips work whose outcome is
    already known, so the pairs are those of the ranked search alone (tests/readers/test_dedup.py
    checks them against the rule written plainly with Python sets).

    5-grams are dense ids (`_gram_codes`, 4 bytes each), read CHUNK at a time with a flag
    and a holder count per id (`_covered`, bounded temporaries); the postings hold only the
    probes and rare 5-grams of the paragraphs left, 4 bytes per holder.
    """
    if isinstance(paragraphs, Lines) and paragraphs.chars() >= LAZY_CHARS:
        # a long document's paragraphs as slices of its text made on each use, not held
        eligible = [i for i, para in enumerate(paragraphs) if len(_SPACE.sub("", para)) >= min_chars]
        texts = _Stripped(paragraphs, eligible)
    else:
        texts = [_SPACE.sub("", para) for para in paragraphs]
        eligible = [i for i, t in enumerate(texts) if len(t) >= min_chars]
        texts = [texts[i] for i in eligible]
    if len(eligible) < 2:
        return []
    # sorted distinct 5-grams per paragraph, and its probes: the first 10 % + 1 in text order
    grams, bounds, probes, probe_at, n_ids = _gram_codes(texts, threshold)
    m = len(eligible)
    sizes = np.diff(bounds)
    # share <= covered / size for every earlier paragraph (division is monotone in floating point)
    covered, holders = _covered(grams, bounds, n_ids)
    alone = (covered / sizes < threshold).tolist()
    left = [k for k in range(m) if not alone[k]]
    if not left:
        return []
    # each paragraph's `need` rarest 5-grams: an earlier one missing all of them has a share
    # (size - need) / size or less, below the threshold, so every repeat holds one of them
    need = (sizes * (1 - threshold)).astype(np.int64) + 1
    while True:
        short = (sizes - need) / sizes >= threshold
        if not short.any():
            break
        need[short] += 1
    # so of its r rarest 5-grams a repeat holds r - need + 1 or more (r: RARE x need, at most all)
    # one array for all (a small array per paragraph costs ~100 bytes more each)
    left_at = {k: r for r, k in enumerate(left)}
    rare_at = np.concatenate([[0], np.cumsum(np.minimum(RARE * need[left], sizes[left]))]).astype(np.int64)
    rare_all = np.empty(int(rare_at[-1]), dtype=grams.dtype)
    for r, k in enumerate(left):
        mine = grams[bounds[k]:bounds[k + 1]]
        rare_all[rare_at[r]:rare_at[r + 1]] = mine[np.argsort(holders[mine], kind="stable")[:RARE * need[k]]]
    del holders
    rare_index = _Postings(grams, bounds, [rare_all])

    def rare_check(k, kept):
        """Does an earlier (kept, if `kept` is given) paragraph holding enough of k's rare
        5-grams reach the threshold?"""
        r = left_at[k]
        rare, mine = rare_all[rare_at[r]:rare_at[r + 1]], grams[bounds[k]:bounds[k + 1]]
        cand, counts = np.unique(rare_index.holders(rare, k, kept), return_counts=True)
        cand = cand[counts >= len(rare) - need[k] + 1]
        cand = cand[sizes[cand] / len(mine) >= threshold]
        return bool(len(cand)) and bool((_shares(mine, grams, bounds, cand) >= threshold).any())

    # with every earlier paragraph as a candidate first: the kept ones are fewer, so a paragraph
    # failing this fails below too (and is no verbatim copy, which would hold every 5-gram)
    maybe = {k for k in left if rare_check(k, None)}
    if not maybe:
        return []
    probes_of = {k: probes[probe_at[k]:probe_at[k + 1]].copy() for k in maybe}  # frees the rest
    del probes
    probe_index = _Postings(grams, bounds, [probes_of[k] for k in sorted(maybe)])
    kept = np.zeros(m, dtype=bool)
    seen = _Seen(texts, eligible)  # text -> index of the kept paragraph with that text
    out = []
    for k, i in enumerate(eligible):
        text = texts[k]
        if k not in maybe:
            seen.put(text, k)
            kept[k] = True
            continue
        first = seen.get(text)
        if first is not None:  # a verbatim copy: all its 5-grams are in the first one
            out.append((i, first, 1.0))
            continue
        mine = grams[bounds[k]:bounds[k + 1]]
        # no earlier kept paragraph holding enough of the rare 5-grams reaches the threshold:
        # none does, so the ranked search below would find none either
        if not rare_check(k, kept):
            seen.put(text, k)
            kept[k] = True
            continue
        best = None
        # every earlier kept paragraph holding a probe
        hit = probe_index.holders(probes_of[k], k, kept)
        if len(hit):
            counts = np.bincount(hit, minlength=k)
            cand = np.flatnonzero(counts)
            counts = counts[cand]
            # a repeat shares most probes with its original: the best-hit candidates suffice
            top = cand[np.lexsort((cand, -counts))][:MAX_CANDIDATES]
            # a candidate with fewer distinct 5-grams than threshold × mine cannot hold enough
            # of them (share ≤ its size / mine's, and division is monotone in floating point)
            top = top[sizes[top] / len(mine) >= threshold]
            if len(top):
                shares = _shares(mine, grams, bounds, top)
                for j, share in zip(top.tolist(), shares.tolist()):
                    jj = eligible[j]
                    if share >= threshold and (best is None or share > best[2] or share == best[2] and jj < best[1]):
                        best = (i, jj, round(share, 4))
        if best:
            out.append(best)
            continue
        seen.put(text, k)
        kept[k] = True
    return out


LAZY_CHARS = 1 << 20  # Lines of this many characters or more are read as slices on each use


class Lines(Sequence):
    """The lines text[start[k]:end[k]] as a sequence of str, each made when read: what
    near_duplicates is given for a long document, whose lines held as strings would be its
    whole text again (and tuples around them)."""

    __slots__ = ("text", "start", "end")

    def __init__(self, text: str, start: np.ndarray, end: np.ndarray):
        self.text, self.start, self.end = text, start, end

    def __len__(self) -> int:
        return len(self.start)

    def __getitem__(self, k: int) -> str:
        return self.text[int(self.start[k]):int(self.end[k])]

    def __iter__(self):
        text = self.text
        return (text[a:b] for a, b in zip(self.start.tolist(), self.end.tolist()))

    def chars(self) -> int:
        return int((self.end - self.start).sum())


class _Stripped(Sequence):
    """paragraphs[i] without whitespace for each i of `index`, made on each use (not held)."""

    def __init__(self, paragraphs: Sequence[str], index: list[int]):
        self.paragraphs, self.index = paragraphs, index

    def __len__(self) -> int:
        return len(self.index)

    def __getitem__(self, k: int) -> str:
        return _SPACE.sub("", self.paragraphs[self.index[k]])

    def __iter__(self):
        return (_SPACE.sub("", self.paragraphs[i]) for i in self.index)


class _Seen:
    """A dict text -> paragraph index (the last put) that keeps no text: each text's hash maps to
    the position k of a paragraph with that text (a list of them for hashes several texts share),
    and every look-up compares texts[k] with the text itself, so it answers as the dict would."""

    def __init__(self, texts: Sequence[str], eligible: list[int]):
        self.texts, self.eligible, self.at = texts, eligible, {}

    def get(self, text: str) -> int | None:
        v = self.at.get(hash(text))
        for k in ([] if v is None else [v] if isinstance(v, int) else v):
            if self.texts[k] == text:
                return self.eligible[k]
        return None

    def put(self, text: str, k: int) -> None:
        h = hash(text)
        v = self.at.get(h)
        if v is None:
            self.at[h] = k
            return
        ks = [v] if isinstance(v, int) else v
        for n, other in enumerate(ks):
            if self.texts[other] == text:  # the same text: the later paragraph is its entry now
                ks[n] = k
                break
        else:
            ks.append(k)
        self.at[h] = ks[0] if len(ks) == 1 else ks


RARE = 2  # rare 5-grams looked up per paragraph, as a multiple of the fewest that every repeat must hold one of
CHUNK = 1 << 17  # characters or 5-grams handled at a time where a step needs temporaries for each (~60 bytes)


class _Postings:
    """The paragraphs holding each wanted code (the distinct codes of the arrays given), in
    paragraph order, 4 bytes per holder; `grams` read CHUNK 5-grams at a time."""

    def __init__(self, grams: np.ndarray, bounds: np.ndarray, arrays):
        arrays = list(arrays)
        self.wanted = wanted = np.unique(np.concatenate(arrays)) if arrays else np.zeros(0, grams.dtype)
        # two passes over grams, CHUNK at a time: count the holders of each wanted code, then
        # write each chunk's holders (grouped by code, in paragraph order) to their places —
        # a counting sort, so no array of every entry's code or sort order is held at once
        counts = np.zeros(len(wanted), dtype=np.int64)
        for _, at, _ in self._hits(grams, bounds, wanted):
            counts += np.bincount(at, minlength=len(wanted))
        self.start = np.concatenate([[0], np.cumsum(counts)])
        del counts
        self.para = np.zeros(int(self.start[-1]), dtype=np.int32)
        fill = self.start[:-1].copy()  # where each code's next holder goes
        for _, at, para in self._hits(grams, bounds, wanted):
            if not len(at):
                continue
            order = np.argsort(at, kind="stable")  # entries are in paragraph order: stable keeps it
            at, para = at[order], para[order]
            del order
            run = np.flatnonzero(np.r_[True, at[1:] != at[:-1]])
            lengths = np.diff(np.r_[run, len(at)])
            rank = np.arange(len(at), dtype=np.int64) - np.repeat(run, lengths)
            self.para[fill[at] + rank] = para
            fill[at[run]] += lengths

    @staticmethod
    def _hits(grams: np.ndarray, bounds: np.ndarray, wanted: np.ndarray):
        """Per CHUNK of grams: (chunk start, index in wanted of each wanted code there, its
        paragraph), in grams order."""
        for a in range(0, len(grams) if len(wanted) else 0, CHUNK):
            g = grams[a:a + CHUNK]
            at = np.searchsorted(wanted, g)
            hit = np.flatnonzero(wanted[np.minimum(at, len(wanted) - 1)] == g)
            yield a, at[hit], (np.searchsorted(bounds, hit + a, "right") - 1).astype(np.int32)

    def holders(self, codes: np.ndarray, k: int, kept: np.ndarray | None) -> np.ndarray:
        """The paragraphs before k (and kept, if given) holding each of `codes` (all wanted),
        one entry per code held."""
        at = np.searchsorted(self.wanted, codes)
        lo = self.start[at]
        n = self.start[at + 1] - lo
        hit = self.para[np.repeat(lo - np.cumsum(n) + n, n) + np.arange(int(n.sum()))]
        hit = hit[hit < k]
        return hit if kept is None else hit[kept[hit]]


def _covered(grams: np.ndarray, bounds: np.ndarray, n_ids: int) -> tuple[np.ndarray, np.ndarray]:
    """Per paragraph: how many of its distinct 5-grams occur in an earlier paragraph; and per
    5-gram id (`grams` are ids below n_ids), how many paragraphs hold it (255 standing for 255
    or more).

    The entries are read in paragraph order, CHUNK at a time, with a flag per id seen in an
    earlier chunk: within a chunk, sorted by id (stably, so in paragraph order), an entry is
    held earlier if it is not the first of its id's run, or if its id was seen before. Ids within
    a paragraph are distinct, so an earlier holder is always another paragraph. Kept: 2 bytes per id."""
    m = len(bounds) - 1
    covered = np.zeros(m, dtype=np.int64)
    holders = np.zeros(n_ids, dtype=np.uint8)  # capped at 255: it only orders 5-grams by rarity
    seen = np.zeros(n_ids, dtype=bool)
    for a in range(0, len(grams), CHUNK):
        g = grams[a:a + CHUNK]
        order = np.argsort(g, kind="stable")
        g = g[order]
        held = np.empty(len(g), dtype=bool)
        held[0] = False
        held[1:] = g[1:] == g[:-1]
        run = np.flatnonzero(~held)
        ids = g[run]
        del g
        lengths = np.diff(np.r_[run, len(held)])
        holders[ids] = np.minimum(holders[ids] + lengths, 255)
        held[run] = seen[ids]
        seen[ids] = True
        del ids, run, lengths
        at = order[held] + a
        del order, held
        covered += np.bincount(np.searchsorted(bounds, at, "right") - 1, minlength=m)
    return covered, holders


def _shares(mine: np.ndarray, grams: np.ndarray, bounds: np.ndarray, others: np.ndarray) -> np.ndarray:
    """Share of `mine` (sorted distinct codes) found in each of the `others` paragraphs."""
    lens = bounds[others + 1] - bounds[others]
    idx = np.repeat(bounds[others] - np.cumsum(lens) + lens, lens) + np.arange(int(lens.sum()))
    theirs = grams[idx]
    at = np.minimum(np.searchsorted(mine, theirs), len(mine) - 1)
    found = mine[at] == theirs
    return np.bincount(np.repeat(np.arange(len(others)), lens), weights=found, minlength=len(others)) / len(mine)


_BIG = np.uint64(0x9E3779B97F4A7C15)  # odd multiplier of the fallback hash


def _groups(texts: list[str]):
    """Runs of consecutive texts of about CHUNK characters (a longer text alone)."""
    group, size = [], 0
    for t in texts:
        group.append(t)
        size += len(t)
        if size >= CHUNK:
            yield group
            group, size = [], 0
    if group:
        yield group


def _code_points(texts: list[str]) -> np.ndarray:
    return np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32)


def _gram_codes(texts: list[str], threshold: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]:
    """Each text's distinct character 5-grams as sorted ids, concatenated; the offsets where
    each text's ids start (len(texts) + 1 of them); each text's probes, its first
    int(n * (1 - threshold)) + 1 distinct 5-grams in text order, concatenated, and their offsets;
    and the number of ids.

    Characters are numbered densely; with D distinct characters a 5-gram's code is its exact
    base-D number when D**5 < 2**64 (D < 7,131: any single document's Han characters),
    else a multiplicative hash (collisions about n**2 / 2**65 for n 5-grams). A code's id is
    its rank among the distinct codes of all texts: equal ids are equal codes, and ids sort as
    codes do, so 4 bytes (uint32) are kept per 5-gram instead of a code's 8. Texts are coded
    about CHUNK characters at a time, twice (the distinct codes, then the ids), so the
    temporaries stay bounded; the distinct codes (8 bytes each) are held while ids are written."""
    number, base = _alphabet(texts)
    codes = _distinct_codes(texts, number, base)
    total = sum(max(len(t) - NGRAM + 1, 0) for t in texts)
    if total >= heap.LONG:  # the merges' freed temporaries back to the system before grams is made
        heap.trim()
    dtype = np.uint32 if len(codes) < 2 ** 32 else np.uint64
    # the groups' ids written one after the other into one array of the most there can be
    grams = np.empty(total, dtype=dtype)
    distinct_all, probes, used = [], [], 0
    for group in _groups(texts):
        mine, distinct, group_probes = _group_codes(group, number, base, threshold, codes)
        grams[used:used + len(mine)] = mine
        used += len(mine)
        distinct_all.append(distinct)
        probes.append(group_probes)
        del mine
    distinct = np.concatenate(distinct_all)
    bounds = np.concatenate([[0], np.cumsum(distinct)]).astype(np.int64)
    take = np.minimum((distinct * (1 - threshold)).astype(np.int64) + 1, distinct)
    probe_at = np.concatenate([[0], np.cumsum(take)]).astype(np.int64)
    return grams[:used], bounds, np.concatenate(probes), probe_at, len(codes)


def _alphabet(texts: list[str]) -> tuple[np.ndarray, np.uint64]:
    """A table code point -> dense number (its rank among the characters present), and the
    base of the codes: the alphabet's size if 5-grams are exact base-D numbers, else _BIG."""
    present = np.zeros(0, dtype=bool)
    for group in _groups(texts):
        cps = _code_points(group)
        if len(cps) and int(cps.max()) >= len(present):
            present = np.concatenate([present, np.zeros(int(cps.max()) + 1 - len(present), dtype=bool)])
        present[cps] = True
    alphabet = np.flatnonzero(present)
    size = len(alphabet)
    number = np.zeros(len(present), dtype=np.uint64)
    number[alphabet] = np.arange(size, dtype=np.uint64)
    return number, (np.uint64(size) if size ** NGRAM < 2 ** 64 else _BIG)


def _distinct_codes(texts: list[str], number: np.ndarray, base: np.uint64) -> np.ndarray:
    """The sorted distinct 5-gram codes of all texts, a group at a time; the groups' distinct
    codes are merged when they outnumber those merged, so each code is merged O(log n) times."""
    merged, pending, size = np.zeros(0, dtype=np.uint64), [], 0
    for group in _groups(texts):
        codes, _ = _text_codes(group, number, base)
        pending.append(np.unique(codes))
        size += len(pending[-1])
        del codes
        if size > len(merged):
            merged = np.unique(np.concatenate([merged] + pending))
            pending, size = [], 0
            if len(merged) >= heap.LONG // 8:  # the merge's and groups' freed temporaries (kslib.heap)
                heap.trim()
    return np.unique(np.concatenate([merged] + pending)) if pending else merged


def _text_codes(texts: list[str], number: np.ndarray, base: np.uint64) -> tuple[np.ndarray, np.ndarray]:
    """The codes of each text's 5-grams, text after text in text order, and each text's count
    of 5-grams; `number` maps a code point to its character's dense number."""
    chars = number[_code_points(texts)]
    n = len(chars)
    codes = np.zeros(max(n - NGRAM + 1, 0), dtype=np.uint64)
    for j in range(NGRAM):  # wraps modulo 2**64 in the hash case, as intended
        codes *= base
        codes += chars[j:n - NGRAM + 1 + j]
    del chars
    lens = np.fromiter((len(t) for t in texts), np.int64, len(texts))
    starts = np.concatenate([[0], np.cumsum(lens)[:-1]]).astype(np.int64)
    counts = np.maximum(lens - NGRAM + 1, 0)
    total = int(counts.sum())
    small = np.int32 if total < 2 ** 31 - 1 else np.int64
    pos = (np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(total, dtype=np.int64)).astype(small)
    return codes[pos], counts


def _group_codes(texts: list[str], number: np.ndarray, base: np.uint64, threshold: float, codes: np.ndarray):
    """_gram_codes for one group of texts: (ids, distinct count per text, probes concatenated);
    `codes` are the sorted distinct codes of all texts (a code's id is its index there)."""
    mine, counts = _text_codes(texts, number, base)
    mine = np.searchsorted(codes, mine).astype(np.uint32 if len(codes) < 2 ** 32 else np.uint64)
    total = len(mine)
    # all texts at once: each text's 5-gram ids, sorted by (text, id, position), so the
    # first of each run is a distinct 5-gram at its first position (as np.unique per text)
    owner = np.repeat(np.arange(len(texts), dtype=np.int32), counts)
    pos = np.arange(total, dtype=np.int32 if total < 2 ** 31 - 1 else np.int64)
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
    return mine, distinct, mine[keep]
