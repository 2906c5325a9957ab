"""Near-duplicate paragraphs within a document (rule `near_duplicate`).

A paragraph repeats an earlier one when at least 90 % of its character 5-grams occur in
that one paragraph: a copy with a few words added or changed ("一直以来，" put in front),
a shortened copy, or a copy that contains the earlier paragraph and adds little. A
paragraph that quotes an earlier short line inside much new text is not a repeat
(seed 003 opens a long paragraph with its 20-character pull quote). Verbatim repeats
are the `repeated_paragraph` rule's. An inverted index of 5-grams finds the
candidates (hash lookups of the 5-grams), so the cost grows with the text, not with pairs of
paragraphs.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from itertools import chain

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
    """
    index: dict[str, list[int]] = defaultdict(list)
    kept: dict[int, set[str]] = {}
    seen: dict[str, int] = {}
    out = []
    for i, para in enumerate(paragraphs):
        text = _SPACE.sub("", para)
        if len(text) < min_chars:
            continue
        if text in seen:  # a verbatim copy: all its 5-grams are in the first one
            out.append((i, seen[text], 1.0))
            continue
        order = list(dict.fromkeys(text[k:k + NGRAM] for k in range(len(text) - NGRAM + 1)))
        grams = set(order)
        probes = order[: int(len(order) * (1 - threshold)) + 1]
        hits = Counter(chain.from_iterable(index[g] for g in probes if g in index))
        # a repeat shares most probes with its original: the best-hit candidates suffice
        candidates = sorted(hits, key=lambda j: (-hits[j], j))[:MAX_CANDIDATES]
        best = None
        for j in candidates:
            share = len(grams & kept[j]) / len(grams)
            if share >= threshold and (best is None or share > best[2] or share == best[2] and j < best[1]):
                best = (i, j, round(share, 4))
        if best:
            out.append(best)
            continue
        seen[text] = i
        kept[i] = grams
        for g in grams:
            index[g].append(i)
    return out
