"""Raw lines of a document's text positions without normalising it again: a run-length line map
(the text positions where the raw line changes, and the raw line from each), kept on disk."""
from __future__ import annotations

import hashlib

import numpy as np

from ..config import PACKAGE, cache_dir
from .cache import int32_lists, read_packs, write_pack

__all__ = ["LINEMAP_FORMAT", "TEXT_LINES", "line_map", "map_lines", "text_lines", "map_consistent",
           "normaliser_key", "LineMapCache", "line_maps"]

LINEMAP_FORMAT = "2"  # bump when the stored map changes meaning (2: maps made before the context fix may be shifted)

TEXT_LINES = "text"  # instead of a map: the lines of `text` itself (no raw text, or text edited after loading)

_EMPTY = (np.zeros(0, np.int32), np.zeros(0, np.int32))


def line_map(norm) -> tuple[np.ndarray, np.ndarray]:
    """(positions, lines) of a Normalized result: positions[k] is the first text position of a run
    of positions on raw line lines[k] (positions[0] == 0). map_lines(map, p) equals
    norm.raw_lines(p) for every text position p, by construction: it is that array, run-length
    encoded (about one run per raw line instead of one value per character)."""
    n = len(norm.text)
    if n == 0:
        return _EMPTY
    offsets = np.asarray(norm.offsets[:n], dtype=np.int64)
    starts = np.asarray(norm._line_starts, dtype=np.int64)
    per_char = np.searchsorted(starts, offsets, side="right")  # = norm.raw_lines(arange(n))
    change = np.flatnonzero(per_char[1:] != per_char[:-1]) + 1
    positions = np.concatenate([[0], change])
    return positions.astype(np.int32), per_char[positions].astype(np.int32)


def map_lines(lmap, starts: np.ndarray) -> np.ndarray:
    """The raw line of each text position in `starts` (int32), from a line map."""
    positions, lines = lmap
    if not len(starts):
        return np.zeros(0, np.int32)
    return np.asarray(lines, np.int32)[np.searchsorted(positions, starts, side="right") - 1]


def text_lines(text: str, starts: np.ndarray) -> np.ndarray:
    """1-based line of `text` itself at each position (a line break counts on the line after it)."""
    nl = np.flatnonzero(np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32) == 10)
    return np.searchsorted(nl, starts, side="right").astype(np.int32) + 1


def _max_raw_lines(raw: str) -> int:
    # an upper bound of the raw lines (CRLF counted twice), without a regex over the raw text
    return 1 + sum(raw.count(c) for c in "\n\r\u0085\u2028\u2029")


def map_consistent(lmap, text: str, raw) -> bool:
    """Does a stored map fit the document? Positions strictly increasing from 0 inside the text,
    one line (>= 1, at most the raw text's line count) per run. A map can be valid Parquet and
    still wrong (written by other code, edited, truncated): such an entry is a miss."""
    positions, lines = (np.asarray(a) for a in lmap)
    if positions.ndim != 1 or lines.ndim != 1 or len(positions) != len(lines):
        return False
    if not len(text):
        return len(positions) == 0
    if not len(positions) or positions[0] != 0 or positions[-1] >= len(text):
        return False
    if len(positions) > 1 and np.any(np.diff(positions) <= 0):
        return False
    return bool(lines.min() >= 1) and isinstance(raw, str) and int(lines.max()) <= _max_raw_lines(raw)


def normaliser_key() -> str:
    """Hash of the code and data that turn a raw text into text and offsets: the normaliser, the
    readers it uses (formats, HTML, Markdown, line breaks), the boilerplate rules, OpenCC's version."""
    from .cache import normaliser_files, file_hash

    h = hashlib.sha256(f"linemap{LINEMAP_FORMAT}".encode() + b"\0")
    for p in normaliser_files():
        h.update(f"{p.relative_to(PACKAGE).as_posix()}:{file_hash(p)}".encode() + b"\0")
    h.update(f"opencc:{_opencc_version()}".encode())
    return h.hexdigest()[:24]


def _opencc_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("opencc")
    except metadata.PackageNotFoundError:  # pragma: no cover
        return "?"


def map_key(text: str, raw, authors) -> str:
    """A document's key: its text, raw text and authors (the normalisation's input and output)."""
    from .cache import doc_key

    return doc_key(text, raw, authors, False)


class LineMapCache:
    """Line maps in Parquet packs under $KSLIB_CACHE/tokens/lines/<normaliser key>/, one row per
    document (key, text length, positions, lines); one pack per tokens() call that made new maps.
    Under tokens/ so that clear_cache() and deleting that folder remove them too."""

    def __init__(self, key: str | None = None):
        self.dir = cache_dir() / "tokens" / "lines" / (key or normaliser_key())

    def get(self, keys: list[str]) -> dict:
        packs = sorted(self.dir.glob("lines-*.parquet")) if self.dir.is_dir() else []
        return {k: (int(v["size"]), v["positions"], v["lines"])
                for k, v in read_packs(packs, keys, ["size", "positions", "lines"]).items()}

    def put(self, items: dict) -> None:
        """items: {key: (text length, (positions, lines))}."""
        if not items:
            return
        import pyarrow as pa

        keys = sorted(items)
        table = pa.table({"key": pa.array(keys, pa.string()),
                          "size": pa.array([items[k][0] for k in keys], pa.int64()),
                          "positions": int32_lists([items[k][1][0] for k in keys]),
                          "lines": int32_lists([items[k][1][1] for k in keys])})
        write_pack(self.dir, "lines", keys, table)


_WARNED: set[str] = set()


def _warn_inconsistent(doc_id: str) -> None:
    import warnings

    if not _WARNED:
        warnings.warn(f"line map cached for document {doc_id} does not match its text; ignored "
                      f"(cache folder: {cache_dir() / 'tokens' / 'lines'})", RuntimeWarning, stacklevel=4)
    _WARNED.add(doc_id)


def line_maps(doc_ids, texts, raws, authors, store: LineMapCache | None) -> tuple[list, dict]:
    """What each document's raw lines come from, decided in the parent so that no worker normalises
    what is known already: a line map (from the normalisation load_corpus left in memory in this
    process, else from the store), TEXT_LINES (no raw text; or text edited after loading), or None
    (unknown: the worker normalises as kslib.normalized(row) would, and returns the map it made).
    Also returns the maps made here that the store lacks, {key: (text length, map)}, to be written."""
    from ..corpus import normalized_if_loaded

    out: list = [None] * len(texts)
    new: dict = {}
    unknown = []
    for i, (text, raw, a) in enumerate(zip(texts, raws, authors)):
        if not isinstance(raw, str) or not text:
            out[i] = TEXT_LINES  # nothing to normalise (as kslib.tokens always did)
            continue
        norm = normalized_if_loaded({"raw": raw, "authors": a, "text": text})
        if norm is None:
            unknown.append(i)
        elif norm.text != text:  # edited after loading: the lines of text (as kslib.tokens always did)
            out[i] = TEXT_LINES
        else:
            out[i] = line_map(norm)
            if store is not None:
                new[map_key(text, raw, a)] = (len(text), out[i])
    if store is not None and (unknown or new):
        keys = {i: map_key(texts[i], raws[i], authors[i]) for i in unknown}
        found = store.get(list(keys.values()) + list(new))
        for k in [k for k in new if k in found and found[k][0] == new[k][0]
                  and all(np.array_equal(a, b) for a, b in zip(found[k][1:], new[k][1]))]:
            del new[k]  # stored already
        for i, k in keys.items():
            hit = found.get(k)
            if hit is None:
                continue
            if hit[0] == len(texts[i]) and map_consistent(hit[1:], texts[i], raws[i]):
                out[i] = hit[1:]
            else:
                _warn_inconsistent(str(doc_ids[i]))
    return out, new
