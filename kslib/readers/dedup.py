"""Near-duplicate paragraphs within a document (rule `near_duplicate`).

A paragraph repeats an earlier one when at least 90 % of its character 5-grams occur in
that one paragraph: a copy with a few words added or changed ("一直以来，" put in front),
a shortened copy, or a copy that contains the earlier paragraph and adds little. A
paragraph that quotes an earlier short line inside much new text is not a repeat
(seed 003 opens a long paragraph with its 20-character pull quote). Verbatim repeats
are the `repeated_paragraph` rule's. An inverted index of 5-gram hashes finds the
candidates, so the cost grows with the text, not with pairs of paragraphs.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

__all__ = ["near_duplicates", "NGRAM", "THRESHOLD", "MIN_CHARS"]

NGRAM = 5
THRESHOLD = 0.9
MIN_CHARS = 20      # shorter paragraphs (headings, captions) repeat legitimately
MAX_POSTINGS = 64   # bounds the work per 5-gram (a formula repeated in every paragraph)
_SPACE = re.compile(r"\s+")


def _grams(text: str) -> set[int]:
    return {hash(text[k:k + NGRAM]) for k in range(len(text) - NGRAM + 1)}


def near_duplicates(paragraphs: list[str], threshold: float = THRESHOLD,
                    min_chars: int = MIN_CHARS) -> list[tuple[int, int, float]]:
    """(index, index of the earlier paragraph it repeats, share of its 5-grams found
    there) for each paragraph that repeats an earlier kept one. A repeat is not kept,
    so a third copy names the first. Ties go to the earliest paragraph."""
    index: dict[int, list[int]] = defaultdict(list)
    out = []
    for i, para in enumerate(paragraphs):
        text = _SPACE.sub("", para)
        if len(text) < min_chars:
            continue
        grams = _grams(text)
        hits: Counter = Counter()
        for g in grams:
            posting = index.get(g, ())
            if len(posting) <= MAX_POSTINGS:  # a 5-gram in many paragraphs tells nothing
                for j in posting:
                    hits[j] += 1
        best = None
        if hits:
            j, count = min(hits.items(), key=lambda kv: (-kv[1], kv[0]))
            share = count / len(grams)
            if share >= threshold:
                best = (i, j, round(share, 4))
        if best:
            out.append(best)
            continue
        for g in grams:
            index[g].append(i)
    return out
