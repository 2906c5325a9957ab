"""The segmentation cache: per-document results (token lengths, raw lines, tags) in Parquet packs
under $KSLIB_CACHE/tokens/<dictionary key>/, keyed by the document and by everything that
determines its segmentation; hit/miss counters."""
from __future__ import annotations

import hashlib
import os
import uuid
from pathlib import Path

import numpy as np

from ..config import DATA, PACKAGE, cache_dir
from .backends import MODULES, jieba_dict
from . import dictionary

__all__ = ["CACHE_FORMAT", "STATS", "TokenCache", "int32_lists", "read_packs", "write_pack", "cache_info", "reset_cache_info", "clear_cache",
           "dictionary_key", "doc_key", "consistent", "warn_inconsistent"]

CACHE_FORMAT = "2"  # bump when the cached payload changes meaning (2: raw lines made before the context fix may be shifted)
_DISTS = {"jieba": "jieba", "jieba_next": "jieba-next", "jieba_fast_dat": "jieba-fast-dat", "rjieba": "rjieba"}

STATS = {"hits": 0, "misses": 0, "segmented_chars": 0, "normalised": 0}


_KEYS: dict[str, str] = {}


def cache_info() -> dict:
    """Counters since start (or reset_cache_info): documents found in the cache (hits), documents
    segmented (misses), characters segmented, documents normalised again for their raw lines
    (normalised: neither load_corpus in this process nor the line-map cache knew them); and the
    cache directory."""
    return dict(STATS, directory=str(cache_dir() / "tokens"))


def reset_cache_info() -> None:
    for k in STATS:
        STATS[k] = 0


def clear_cache() -> None:
    """Delete all cached segmentation results."""
    import shutil

    shutil.rmtree(cache_dir() / "tokens", ignore_errors=True)


def file_hash(path: Path) -> str:
    st = path.stat()
    k = f"{path}:{st.st_size}:{st.st_mtime_ns}"
    if k not in _KEYS:
        _KEYS[k] = hashlib.sha256(path.read_bytes()).hexdigest()
    return _KEYS[k]


def backend_version(backend: str) -> str:
    from importlib import metadata

    if backend == "hybrid":
        return "+".join(backend_version(b) for b in ("rjieba", "jieba_next"))
    try:
        return metadata.version(_DISTS[backend])
    except metadata.PackageNotFoundError:
        return "?"


def main_dict(backend: str) -> Path | None:
    """The backend's main dictionary file (part of the cache key); None if built in."""
    if backend in ("jieba", "jieba_fast_dat"):
        return jieba_dict()
    if backend in ("rjieba", "hybrid"):  # hybrid: rjieba built in + jieba_next's (= jieba's) dict
        return None if backend == "rjieba" else main_dict("jieba_next")
    import importlib.util

    return Path(importlib.util.find_spec(MODULES[backend]).origin).parent / "dict.txt"


def normaliser_files() -> list[Path]:
    """The code and data that turn a raw text into text and its offsets (so into raw lines): the
    normaliser, the readers it calls (formats, HTML, Markdown, line breaks), the boilerplate rules."""
    return (sorted((PACKAGE / "normalize").glob("*.py")) + sorted((PACKAGE / "readers").glob("*.py"))
            + sorted(DATA.glob("boilerplate*.yaml")))


def dictionary_key(backend: str = "jieba", *, extra: tuple = (), compounds: str = "") -> str:
    """Hash of everything that determines a cached result except the document itself: the user
    dictionary (and the `extra` ones, a corpus's userdict.txt), the backend's main dictionary,
    backend and version, the normaliser and its readers and rules (raw lines come from its offsets), and the hash of the
    compounds joined into tokens (kslib.segment.compounds.compounds_hash; "" for none)."""
    parts = [CACHE_FORMAT, backend, backend_version(backend), file_hash(dictionary.USERDICT),
             *map(file_hash, normaliser_files())]
    parts += [f"extra:{file_hash(Path(p))}" for p in extra]
    if compounds:
        parts.append(f"compounds:{compounds}")
    main = main_dict(backend)
    parts.append(file_hash(main) if main else "builtin")
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode() + b"\0")
    return h.hexdigest()[:24]


def doc_key(text: str, raw, authors, pos: bool) -> str:
    h = hashlib.sha256(text.encode("utf-8"))
    h.update(b"\0raw\0" + (raw.encode("utf-8") if isinstance(raw, str) else b"\1none"))
    h.update(b"\0authors\0" + (authors.encode("utf-8") if isinstance(authors, str) else b""))
    return h.hexdigest()[:32] + ("+pos" if pos else "")


def consistent(entry, text: str, pos: bool) -> bool:
    """Does a cached (lengths, lines, tags) entry fit the text? A pack can be valid Parquet and
    still wrong (written by other code, edited, or truncated inside a list): every token non-empty,
    lengths summing to the text's length, one raw line (>= 1) and, with pos, one tag per token."""
    lengths, lines, tags = entry
    lengths, lines = np.asarray(lengths), np.asarray(lines)
    if lengths.ndim != 1 or len(lines) != len(lengths) or int(lengths.sum()) != len(text):
        return False
    if len(lengths) and (lengths.min() <= 0 or lines.min() < 1):
        return False
    return not pos or (tags is not None and len(tags) == len(lengths))


_WARNED: set[str] = set()


def warn_inconsistent(doc_id: str) -> None:
    """Warn, the first time in a process, that a cache entry was ignored."""
    import warnings

    if not _WARNED:
        warnings.warn(f"segmentation cache entry for document {doc_id} does not match its text; "
                      f"ignored and segmented again (cache folder: {cache_dir() / 'tokens'})",
                      RuntimeWarning, stacklevel=3)
    _WARNED.add(doc_id)


def int32_lists(arrays: list):
    """One Arrow list<int32> column of the arrays (a pack's per-document column)."""
    import pyarrow as pa

    arrs = [np.asarray(a) for a in arrays]
    offsets = np.concatenate([[0], np.cumsum([len(a) for a in arrs])]).astype(np.int32)
    values = np.concatenate(arrs).astype(np.int32) if arrs else np.zeros(0, np.int32)
    return pa.ListArray.from_arrays(pa.array(offsets), pa.array(values, pa.int32()))


def read_packs(packs: list[Path], keys: list[str], columns: list[str]) -> dict:
    """{key: {column: value}} of the wanted keys found in the packs (earliest pack first): list<int32> columns as
    numpy arrays, list<string> as lists, others as Python values. A damaged pack is a miss, never an error."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    wanted = set(keys)
    found: dict = {}
    for pack in packs:
        if not wanted:
            break
        try:
            pkeys = pq.read_table(pack, columns=["key"]).column("key").to_pylist()
            rows = [i for i, k in enumerate(pkeys) if k in wanted]
            if not rows:
                continue
            table = pq.read_table(pack, columns=["key", *columns]).take(rows)
            cols = {}
            for c in columns:
                col = table.column(c).combine_chunks()
                if pa.types.is_list(col.type) and pa.types.is_integer(col.type.value_type):
                    cols[c] = [col[j].values.to_numpy(zero_copy_only=False) for j in range(len(rows))]
                else:
                    cols[c] = col.to_pylist()
        except Exception:  # a damaged pack is a miss, never an error
            continue
        for j, i in enumerate(rows):
            found[pkeys[i]] = {c: cols[c][j] for c in columns}
            wanted.discard(pkeys[i])
    return found


def write_pack(folder: Path, prefix: str, keys: list[str], table) -> None:
    """Write one pack (a Parquet table of many documents) atomically, named by its keys: readers never see
    half a file."""
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    name = hashlib.sha256("\0".join(keys).encode()).hexdigest()[:16]
    tmp = folder / f".tmp-{uuid.uuid4().hex}"
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, folder / f"{prefix}-{name}.parquet")


class TokenCache:
    """Per-document results in Parquet packs under $KSLIB_CACHE/tokens/<dictionary key>/.

    The documents a tokens() call segments are written as one pack per batch of work (one row
    per document: key, token lengths, raw lines, tags; a process pool's workers write their own
    batches), so a corpus of thousands of documents is a few dozen files, not thousands.
    """

    def __init__(self, dict_key: str):
        self.dir = cache_dir() / "tokens" / dict_key

    def _packs(self):
        return sorted(self.dir.glob("pack-*.parquet")) if self.dir.is_dir() else []

    def get(self, keys: list[str]) -> dict:
        return {k: (v["lengths"], v["lines"], v["tags"])
                for k, v in read_packs(self._packs(), keys, ["lengths", "lines", "tags"]).items()}

    def put(self, items: dict) -> None:
        if not items:
            return
        import pyarrow as pa

        keys = sorted(items)
        table = pa.table({
            "key": pa.array(keys, pa.string()),
            "lengths": int32_lists([items[k][0] for k in keys]),
            "lines": int32_lists([items[k][1] for k in keys]),
            "tags": pa.array([items[k][2] for k in keys], pa.list_(pa.string())),
        })
        write_pack(self.dir, "pack", keys, table)
