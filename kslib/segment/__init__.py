"""Word segmentation: jieba with the domain user dictionary, tidy token tables, a disk cache.

    kslib.tokenize(text)        list of tokens, jieba accurate mode (HMM on), no filtering
    kslib.tokens(corpus)        one row per token: doc_id, paragraph, position, token, start, end,
                                line, pos, is_stop, is_punct, is_num
    kslib.stopwords()           the stopword set (stopwordsiso "zh" + kslib/data/stopwords_extra.txt)

Segmentation uses a *private* ``jieba.Tokenizer`` (never the global one, so importing kslib never
changes anybody else's ``jieba.lcut``), built once per process with kslib/data/userdict.txt. The
user dictionary is validated before jieba sees it, because jieba silently ignores bad lines
(`DictionaryError` names file and line). jieba's start-up log is kept off stderr and its model
cache lives in ``$KSLIB_CACHE/jieba`` (default ``<repo>/.cache``), never in /tmp.

tokens() picks the fastest backend measured identical to jieba ("hybrid": rjieba, with jieba_next
for runs holding ASCII letters or symbols; see BACKENDS) and segments large corpora in a process pool
(or on dask.distributed with engine="dask").

Segmentation results are cached on disk per document, keyed by a hash of the document text and a
hash of everything that determines the segmentation (user dictionary, jieba's main dictionary,
backend and its version): Parquet files under ``$KSLIB_CACHE/tokens/<dictionary key>/``. Editing
the dictionary changes the key, so old results are never reused. `cache_info()` counts hits and
misses (a warm re-run segments nothing).
"""
from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import multiprocessing as mp
import os
import re
import sys
import threading
import unicodedata
import uuid
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "AGREEMENT",
    "BACKENDS",
    "COLUMNS",
    "DictionaryError",
    "STOPWORDS_EXTRA",
    "USERDICT",
    "available_backends",
    "cache_dir",
    "cache_info",
    "clear_cache",
    "dictionary_key",
    "get_tokenizer",
    "read_stopwords_file",
    "read_userdict",
    "resolve_backend",
    "reset_cache_info",
    "stopwords",
    "tokenize",
    "tokens",
]

from ..config import DATA, REPO, cache_dir  # noqa: F401
USERDICT = DATA / "userdict.txt"
STOPWORDS_EXTRA = DATA / "stopwords_extra.txt"
CACHE_FORMAT = "1"  # bump when the cached payload changes meaning

COLUMNS = ["doc_id", "paragraph", "position", "token", "start", "end", "line", "pos",
           "is_stop", "is_punct", "is_num"]


class DictionaryError(ValueError):
    """A user dictionary or stopword file jieba would misread; the message names file and line."""


# --------------------------------------------------------------------------- dictionary files

_ENTRY = re.compile(r"^(\S+) ([0-9]+)(?: ([a-z]+))?$")


def _read_checked(path: Path) -> list[str]:
    """Lines of a UTF-8 (no BOM), LF-only text file; DictionaryError otherwise."""
    path = Path(path)
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        raise DictionaryError(f"{path}, line 1: starts with a UTF-8 byte-order mark (BOM); "
                              "save it as UTF-8 without BOM")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise DictionaryError(f"{path}, line {line}: not valid UTF-8 ({e.reason} at byte {e.start}); "
                              "save the file as UTF-8") from e
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        raise DictionaryError(f"{path}, line {line}: Windows/Mac line ending (\\r); "
                              "use Unix line endings (LF only)")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def read_userdict(path: str | Path = USERDICT) -> list[tuple[str, int, str | None]]:
    """Parse and validate a jieba user dictionary: one ``word freq [tag]`` per line.

    Rules (jieba itself silently ignores or misreads lines breaking them): UTF-8 without BOM,
    LF line endings, fields separated by single ASCII spaces, no whitespace inside the word,
    a positive integer frequency on every line, an optional lower-case POS tag, no duplicate
    words. Empty lines are allowed (jieba skips them). Raises DictionaryError naming the line.
    """
    path = Path(path)
    entries: list[tuple[str, int, str | None]] = []
    seen: dict[str, int] = {}
    for n, line in enumerate(_read_checked(path), 1):
        if line == "":
            continue
        where = f"{path}, line {n}"
        if line != line.strip() or not line.strip():
            raise DictionaryError(f"{where}: leading/trailing whitespace: {line!r}")
        if "\t" in line or "  " in line or "\u3000" in line:
            raise DictionaryError(f"{where}: use exactly one ASCII space between fields "
                                  f"(found a tab, double or full-width space): {line!r}")
        m = _ENTRY.match(line)
        if not m:
            parts = line.split(" ")
            if len(parts) == 1:
                problem = "no frequency (expected 'word freq [tag]')"
            elif not parts[1].isdigit():
                problem = ("frequency is not a number — a space inside the entry? "
                           "(expected 'word freq [tag]')")
            else:
                problem = "bad format (expected 'word freq [tag]', tag in lower-case letters)"
            raise DictionaryError(f"{where}: {problem}: {line!r}")
        word, freq, tag = m.group(1), int(m.group(2)), m.group(3)
        if freq <= 0:
            # freq 0 makes jieba call finalseg.add_force_split, which changes the *global* jieba.
            raise DictionaryError(f"{where}: frequency must be a positive integer: {line!r}")
        if word in seen:
            raise DictionaryError(f"{where}: duplicate entry {word!r} (first on line {seen[word]})")
        seen[word] = n
        entries.append((word, freq, tag))
    return entries


def read_stopwords_file(path: str | Path = STOPWORDS_EXTRA) -> tuple[set[str], set[str]]:
    """(added, removed) words of a stopword file: ``word`` adds, ``-word`` un-stops, ``#`` comments."""
    path = Path(path)
    added: set[str] = set()
    removed: set[str] = set()
    for n, line in enumerate(_read_checked(path), 1):
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        if any(c.isspace() for c in s):
            raise DictionaryError(f"{path}, line {n}: whitespace inside a stopword: {line!r}")
        if s.startswith("-") and len(s) > 1:
            removed.add(s[1:])
        else:
            added.add(s)
    both = added & removed
    if both:
        raise DictionaryError(f"{path}: both added and removed: {sorted(both)}")
    return added, removed


_STOPWORDS: dict[tuple, frozenset] = {}


def stopwords(extra: str | Path | None = STOPWORDS_EXTRA) -> frozenset[str]:
    """stopwordsiso's Chinese list merged with kslib/data/stopwords_extra.txt (``-word`` un-stops)."""
    path = Path(extra) if extra else None
    key = (str(path), path.stat().st_mtime_ns if path else 0)
    if key not in _STOPWORDS:
        import stopwordsiso

        words = set(stopwordsiso.stopwords("zh"))
        if path is not None:
            added, removed = read_stopwords_file(path)
            words = (words | added) - removed
        _STOPWORDS[key] = frozenset(words)
    return _STOPWORDS[key]


# --------------------------------------------------------------------------- tokenizers

_LOCK = threading.RLock()
_TOKENIZERS: dict[str, object] = {}
_POSTAGGERS: dict[str, object] = {}

# Backends, measured with the same user dictionary against jieba (private Tokenizer, HMM on), line
# by line on the 49 MB bench corpus (134,121 non-empty lines recombined from the seeds) and on
# 20,000 pseudo-sentences of random words from jieba's 349k-word dictionary mixed with punctuation,
# numbers and Latin (broader vocabulary):
#   jieba_next      100.00% / 100.00% of lines identical   (3.5x jieba, line by line)
#   hybrid          100.00% / 100.00%                      (11x)
#   rjieba           97.27% /  87.09%  (19x) differs only inside runs with ASCII: keeps 2-10, 2020-12-16
#                                       whole (every differing pseudo-sentence had ASCII)
#   jieba_fast_dat   89.11% /  82.88%  (10x) splits decimals and percentages (7.5%, 3526.87)
# "hybrid" = rjieba, except that every maximal run jieba cuts on its own (re_han_default) that
# holds ASCII letters or +#&._%- goes to jieba_next (see _Hybrid). "auto" = the fastest installed backend
# measured identical; the others are options when a few number tokens may differ.
BACKENDS = ("jieba", "jieba_next", "jieba_fast_dat", "rjieba", "hybrid")
IDENTICAL_TO_JIEBA = ("hybrid", "jieba_next", "jieba")  # fastest first
AGREEMENT = {"jieba": 1.0, "jieba_next": 1.0, "hybrid": 1.0, "rjieba": 0.9727, "jieba_fast_dat": 0.8911}
_MODULES = {b: b for b in BACKENDS}
_MODULES["hybrid"] = "rjieba"
_DISTS = {"jieba": "jieba", "jieba_next": "jieba-next", "jieba_fast_dat": "jieba-fast-dat",
          "rjieba": "rjieba"}


@contextlib.contextmanager
def _quiet(logger_name: str):
    """Raise a library logger's level for the duration (jieba logs its start-up to stderr)."""
    logger = logging.getLogger(logger_name)
    old = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(old)


def _jieba_dict() -> Path:
    import importlib.util

    return Path(importlib.util.find_spec("jieba").origin).parent / "dict.txt"


def _build_tokenizer(backend: str, userdict: Path):
    entries = read_userdict(userdict)  # validate before any backend sees the file
    tmp = cache_dir() / backend
    if backend == "jieba":
        import jieba

        tk = jieba.Tokenizer()
        tmp.mkdir(parents=True, exist_ok=True)
        tk.tmp_dir = str(tmp)
        with _quiet("jieba"):
            tk.initialize()
    elif backend == "jieba_next":
        import jieba_next

        tk = jieba_next.Tokenizer(cache_dir=tmp)
        with _quiet("jieba_next"):
            tk.initialize()
    elif backend == "jieba_fast_dat":
        import jieba_fast_dat
        from jieba_fast_dat.utils import CacheManager

        tk = jieba_fast_dat.Tokenizer(str(_jieba_dict()))  # jieba's dictionary: closer agreement
        old = CacheManager.TMP_DIR
        tmp.mkdir(parents=True, exist_ok=True)
        CacheManager.TMP_DIR = tmp  # its cache goes to the system temp dir otherwise
        try:
            with _quiet("jieba_fast_dat"), _quiet("jieba_fast_dat.core.tokenizer"):
                tk.initialize()
        finally:
            CacheManager.TMP_DIR = old
    elif backend == "rjieba":
        import rjieba

        tk = rjieba.Jieba()  # built-in dictionary; no cache file
    elif backend == "hybrid":
        return _Hybrid(_build_tokenizer("rjieba", userdict), _build_tokenizer("jieba_next", userdict))
    else:
        raise ValueError(f"unknown segmentation backend {backend!r}; one of {BACKENDS} or 'auto'")
    for word, freq, tag in entries:
        tk.add_word(word, freq, tag)
    return tk


def get_tokenizer(backend: str = "jieba"):
    """The process-wide private tokenizer of a backend, with the user dictionary loaded (once)."""
    with _LOCK:
        if backend not in _TOKENIZERS:
            _TOKENIZERS[backend] = _build_tokenizer(backend, USERDICT)
        return _TOKENIZERS[backend]


def available_backends() -> list[str]:
    import importlib.util

    def ok(b):
        mods = ["rjieba", "jieba_next"] if b == "hybrid" else [_MODULES[b]]
        return all(importlib.util.find_spec(m) is not None for m in mods)

    return [b for b in BACKENDS if ok(b)]


def resolve_backend(backend: str = "auto") -> str:
    """The backend name "auto" stands for: the fastest installed one identical to jieba."""
    if backend == "auto":
        avail = available_backends()
        return next(b for b in IDENTICAL_TO_JIEBA if b in avail)
    if backend not in BACKENDS:
        raise ValueError(f"unknown segmentation backend {backend!r}; one of {BACKENDS} or 'auto'")
    return backend


def _postagger():
    with _LOCK:
        if "jieba" not in _POSTAGGERS:
            import jieba.posseg

            _POSTAGGERS["jieba"] = jieba.posseg.POSTokenizer(get_tokenizer("jieba"))
        return _POSTAGGERS["jieba"]


def tokenize(text: str, backend: str = "jieba") -> list[str]:
    """Tokens of `text`: jieba accurate mode, HMM on, domain user dictionary; nothing filtered."""
    return _cut(text, backend)


def _cut(text: str, backend: str) -> list[str]:
    tk = get_tokenizer(backend)
    if backend == "hybrid":
        return tk.cut(text)
    if backend == "rjieba":
        return tk.cut(text, True)
    return tk.lcut(text, HMM=True)


# jieba cuts each maximal run of these characters on its own (jieba.re_han_default); rjieba
# differs from jieba only inside runs holding ASCII letters or +#&._%- (2020-12-16, 163.com,
# 36.1.9). "hybrid" gives those runs to jieba_next and everything else to rjieba, including runs
# of Han and digits only (2019年, 100亿元: identical on 57,686 random such runs and all 22,282
# in the bench corpus).
_RUN = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+)")
_ASCII_IN_RUN = re.compile(r"[a-zA-Z+#&\._%\-]")
# Characters rjieba counts as Han but jieba does not (CJK extensions, compatibility ideographs,
# radicals, 〇): rjieba may join them into words (昆山㐀山人 -> 山人, 豈更). A text holding any
# of them goes to jieba_next whole.
_NOT_JIEBA_HAN = re.compile("[\u2E80-\u2FDF\u3005-\u3007\u3021-\u3029\u3038-\u303B\u31C0-\u31EF"
                            "\u3400-\u4DBF\u9FD6-\u9FFF\uF900-\uFAFF\U00020000-\U0003FFFF]")


class _Hybrid:
    """rjieba for everything except runs holding ASCII characters, which go to jieba_next."""

    def __init__(self, rj, jn):
        self.rj, self.jn = rj, jn
        self.memo: dict[str, list[str]] = {}  # runs such as 2019年 recur; bounded below
        self._run_cut = getattr(jn, "_cut_dag", None)  # = lcut for a single run, less overhead

    def cut_run(self, run: str) -> list[str]:
        words = self.memo.get(run)
        if words is None:
            words = list(self._run_cut(run)) if self._run_cut else self.jn.lcut(run, HMM=True)
            if len(self.memo) > 200_000:
                self.memo.clear()
            self.memo[run] = words
        return words

    def cut(self, text: str) -> list[str]:
        rj = self.rj
        if _NOT_JIEBA_HAN.search(text):
            return self.jn.lcut(text, HMM=True)
        if not _ASCII_IN_RUN.search(text):
            return rj.cut(text, True)
        out: list[str] = []
        pending: list[str] = []  # pure-Han runs and separators, cut together by rjieba
        for piece in _RUN.split(text):
            if not piece:
                continue
            if _ASCII_IN_RUN.search(piece):
                if pending:
                    out.extend(rj.cut("".join(pending), True))
                    pending = []
                out.extend(self.cut_run(piece))
            else:
                pending.append(piece)
        if pending:
            out.extend(rj.cut("".join(pending), True))
        return out


def _tags(text: str, words: list[str]) -> list[str]:
    """POS tags for the tokens `words` of `text` (jieba.posseg, aligned by character span).

    posseg segments unknown words with its own HMM, so its tokens occasionally differ from the
    plain cut. Where a posseg token has exactly the span of our token its tag is used; otherwise
    the tag of the word in the dictionary (user tags first), else "x".
    """
    tagger = _postagger()
    span_tag: dict[tuple[int, int], str] = {}
    i = 0
    for pair in tagger.cut(text, HMM=True):
        w, f = pair.word, pair.flag
        span_tag[(i, i + len(w))] = f
        i += len(w)
    table = tagger.word_tag_tab
    out = []
    i = 0
    for w in words:
        j = i + len(w)
        out.append(span_tag.get((i, j)) or table.get(w, "x"))
        i = j
    return out


def _text_lines(text: str, starts: np.ndarray) -> np.ndarray:
    nl = np.flatnonzero(np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32) == 10)
    return np.searchsorted(nl, starts, side="right").astype(np.int32) + 1


def _work(text: str, raw, authors, backend: str, pos: bool):
    """One document's segmentation: (token lengths, raw line of each token, tags or None).

    The picklable, cached unit of work (every engine runs exactly this). Whitespace tokens are
    still included; they are dropped when the table is assembled.
    """
    words = _cut(text, backend)
    lengths = np.fromiter(map(len, words), dtype=np.int32, count=len(words))
    if int(lengths.sum()) != len(text):  # every backend must be lossless; never silently shift offsets
        raise RuntimeError(f"segmentation backend {backend!r} lost characters")
    starts = np.cumsum(lengths, dtype=np.int64) - lengths
    lines = None
    if isinstance(raw, str) and len(words):
        from ..corpus import _normalize_cached

        norm = _normalize_cached(raw, authors if isinstance(authors, str) else "")
        if norm.text == text:  # else text was edited after loading: use the lines of text
            lines = np.asarray(norm.raw_lines(starts), dtype=np.int32)
    if lines is None:
        lines = _text_lines(text, starts)
    tags = _tags(text, words) if pos else None
    return lengths, lines, tags


# --------------------------------------------------------------------------- disk cache

_STATS = {"hits": 0, "misses": 0, "segmented_chars": 0}
_KEYS: dict[str, str] = {}


def cache_info() -> dict:
    """Counters since start (or reset_cache_info): documents found in the cache (hits), documents
    segmented (misses), characters segmented; and the cache directory."""
    return dict(_STATS, directory=str(cache_dir() / "tokens"))


def reset_cache_info() -> None:
    for k in _STATS:
        _STATS[k] = 0


def clear_cache() -> None:
    """Delete all cached segmentation results."""
    import shutil

    shutil.rmtree(cache_dir() / "tokens", ignore_errors=True)


def _file_hash(path: Path) -> str:
    st = path.stat()
    k = f"{path}:{st.st_size}:{st.st_mtime_ns}"
    if k not in _KEYS:
        _KEYS[k] = hashlib.sha256(path.read_bytes()).hexdigest()
    return _KEYS[k]


def _backend_version(backend: str) -> str:
    from importlib import metadata

    if backend == "hybrid":
        return "+".join(_backend_version(b) for b in ("rjieba", "jieba_next"))
    try:
        return metadata.version(_DISTS[backend])
    except metadata.PackageNotFoundError:
        return "?"


def _main_dict(backend: str) -> Path | None:
    """The backend's main dictionary file (part of the cache key); None if built in."""
    if backend in ("jieba", "jieba_fast_dat"):
        return _jieba_dict()
    if backend in ("rjieba", "hybrid"):  # hybrid: rjieba built in + jieba_next's (= jieba's) dict
        return None if backend == "rjieba" else _main_dict("jieba_next")
    import importlib.util

    return Path(importlib.util.find_spec(_MODULES[backend]).origin).parent / "dict.txt"


def dictionary_key(backend: str = "jieba") -> str:
    """Hash of everything that determines a cached result except the document itself: the user
    dictionary, the backend's main dictionary, backend and version, and the normaliser (raw
    lines come from its offsets)."""
    normalizer = sorted((Path(__file__).resolve().parent.parent / "normalize").glob("*.py"))
    parts = [CACHE_FORMAT, backend, _backend_version(backend), _file_hash(USERDICT),
             *map(_file_hash, normalizer), _file_hash(DATA / "boilerplate.yaml")]
    main = _main_dict(backend)
    parts.append(_file_hash(main) if main else "builtin")
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode() + b"\0")
    return h.hexdigest()[:24]


def _doc_key(text: str, raw, authors, pos: bool) -> str:
    h = hashlib.sha256(text.encode("utf-8"))
    h.update(b"\0raw\0" + (raw.encode("utf-8") if isinstance(raw, str) else b"\1none"))
    h.update(b"\0authors\0" + (authors.encode("utf-8") if isinstance(authors, str) else b""))
    return h.hexdigest()[:32] + ("+pos" if pos else "")


class _Cache:
    """Per-document results in Parquet packs under $KSLIB_CACHE/tokens/<dictionary key>/.

    Each tokens() call writes the documents it segmented as one pack (one row per document:
    key, token lengths, raw lines, tags), so a corpus of thousands of documents is a few files,
    not thousands.
    """

    def __init__(self, dict_key: str):
        self.dir = cache_dir() / "tokens" / dict_key

    def _packs(self):
        return sorted(self.dir.glob("pack-*.parquet")) if self.dir.is_dir() else []

    def get(self, keys: list[str]) -> dict:
        import pyarrow.parquet as pq

        wanted = set(keys)
        found: dict = {}
        for pack in self._packs():
            if not wanted:
                break
            try:
                pkeys = pq.read_table(pack, columns=["key"]).column("key").to_pylist()
                rows = [i for i, k in enumerate(pkeys) if k in wanted]
                if not rows:
                    continue
                table = pq.read_table(pack).take(rows)
            except Exception:  # a damaged pack is a miss, never an error
                continue
            lengths = table.column("lengths").combine_chunks()
            lines = table.column("lines").combine_chunks()
            tags = table.column("tags").to_pylist()
            for j, i in enumerate(rows):
                found[pkeys[i]] = (lengths[j].values.to_numpy(zero_copy_only=False),
                                   lines[j].values.to_numpy(zero_copy_only=False), tags[j])
                wanted.discard(pkeys[i])
        return found

    def put(self, items: dict) -> None:
        if not items:
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.dir.mkdir(parents=True, exist_ok=True)
        keys = sorted(items)

        def lists(j, typ):
            arrs = [np.asarray(items[k][j]) for k in keys]
            offsets = np.concatenate([[0], np.cumsum([len(a) for a in arrs])]).astype(np.int32)
            values = np.concatenate(arrs).astype(np.int32) if arrs else np.zeros(0, np.int32)
            return pa.ListArray.from_arrays(pa.array(offsets), pa.array(values, typ))

        table = pa.table({
            "key": pa.array(keys, pa.string()),
            "lengths": lists(0, pa.int32()),
            "lines": lists(1, pa.int32()),
            "tags": pa.array([items[k][2] for k in keys], pa.list_(pa.string())),
        })
        name = hashlib.sha256("\0".join(keys).encode()).hexdigest()[:16]
        tmp = self.dir / f".tmp-{uuid.uuid4().hex}"
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, self.dir / f"pack-{name}.parquet")  # atomic: readers never see half a file


# --------------------------------------------------------------------------- engines

_JOB = None  # (texts, raws, authors, backend, pos) for forked workers (copy-on-write)
POOL_MIN_CHARS = 400_000  # below this (about 1 MB of text), segment in-process
PROGRESS_MIN_CHARS = 2_000_000  # progress=None shows a bar above this


def _pool_task(idx: list[int]):
    texts, raws, authors, backend, pos = _JOB
    return [(i, _work(texts[i], raws[i], authors[i], backend, pos)) for i in idx]


def _chunks(idx: list[int], sizes: list[int], target: int) -> list[list[int]]:
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


def _progress_bar(total: int, progress, desc: str):
    from tqdm import tqdm  # the plain console bar: no ipywidgets needed, no TqdmWarning

    show = progress if progress is not None else total >= PROGRESS_MIN_CHARS
    return tqdm(total=total, unit="char", unit_scale=True, desc=desc, disable=not show,
                file=sys.stderr, leave=False, dynamic_ncols=True)


def _run_local(todo: list[int], texts, raws, authors, backend, pos, progress) -> dict:
    global _JOB
    sizes = [len(t) for t in texts]
    total = sum(sizes[i] for i in todo)
    out = {}
    workers = n_workers()
    with _progress_bar(total, progress, f"segmenting ({backend})") as bar:
        if workers < 2 or total < POOL_MIN_CHARS or "fork" not in mp.get_all_start_methods():
            for i in todo:
                out[i] = _work(texts[i], raws[i], authors[i], backend, pos)
                bar.update(sizes[i])
            return out
        chunks = _chunks(todo, sizes, max(50_000, min(1_000_000, total // (workers * 8) + 1)))
        _JOB = (texts, raws, authors, backend, pos)
        get_tokenizer(backend)  # load once here; the forked workers inherit it
        if pos:
            _postagger()
        # Freeze the parent's objects out of the garbage collector: otherwise each worker's
        # collections walk (and so copy, page by page) everything the parent holds.
        gc.freeze()
        try:
            with mp.get_context("fork").Pool(workers) as pool:
                for res in pool.imap_unordered(_pool_task, chunks):
                    for i, r in res:
                        out[i] = r
                        bar.update(sizes[i])
        finally:
            gc.unfreeze()
            _JOB = None
    return out


def _dask_partition(part, backend: str, pos: bool):
    return [(i, _work(text, raw, authors, backend, pos)) for i, text, raw, authors in part]


def _dask_bag(client, todo: list[int], texts, raws, authors, backend: str, pos: bool):
    """A dask.bag over the documents `todo`: the documents are scattered to the workers in
    partitions (futures in the graph, never the texts themselves), each mapped with _work."""
    import dask.bag as db

    sizes = [len(t) for t in texts]
    total = sum(sizes[i] for i in todo)
    nworkers = max(1, len(client.scheduler_info()["workers"]))
    chunks = _chunks(todo, sizes, total // max(1, min(len(todo), 4 * nworkers)) + 1)
    parts = [[(i, texts[i], raws[i], authors[i]) for i in c] for c in chunks]
    futures = client.scatter(parts, hash=False)  # unique keys: never shared with another call
    bag = db.from_delayed(futures).map_partitions(_dask_partition, backend, pos)
    return bag, futures  # the caller holds the futures until computed, or the data may be released


def _run_dask(todo: list[int], texts, raws, authors, backend, pos, progress) -> dict:
    """The same per-document function on the current dask.distributed cluster."""
    from distributed import get_client

    try:
        client = get_client()
    except ValueError as e:
        raise RuntimeError("engine='dask' needs a dask.distributed Client; start one first, e.g. "
                           "Client(LocalCluster(n_workers=2))") from e
    total = sum(len(texts[i]) for i in todo)
    bag, futures = _dask_bag(client, todo, texts, raws, authors, backend, pos)
    with _progress_bar(total, progress, f"segmenting on dask ({backend})") as bar:
        results = bag.compute()
        bar.update(total)
    del futures
    return dict(results)


# --------------------------------------------------------------------------- token table

_NUM = re.compile(r"[+-]?[0-9０-９]+(?:[.,．][0-9０-９]+)*[%％‰]?")
_WS_TABLE = np.array([chr(c).isspace() for c in range(0x3001)], dtype=bool)


def _is_punct(tok: str) -> bool:
    return all(unicodedata.category(c)[0] in "PS" for c in tok)


def _is_num(tok: str) -> bool:
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
    keys = [_doc_key(t, r, a, pos) for t, r, a in zip(texts, raws, authors)]
    store = _Cache(dictionary_key(backend)) if cache else None
    found = store.get(keys) if store else {}
    results: list = [found.get(k) for k in keys]
    todo = [i for i, r in enumerate(results) if r is None]
    _STATS["hits"] += n - len(todo)
    if todo:
        run = _run_dask if engine == "dask" else _run_local
        new = run(todo, texts, raws, authors, backend, pos, progress)
        for i in todo:
            results[i] = new[i]
        _STATS["misses"] += len(todo)
        _STATS["segmented_chars"] += sum(len(texts[i]) for i in todo)
        if store:
            store.put({keys[i]: new[i] for i in todo})
    return _assemble([str(d) for d in docs["doc_id"]], texts, results, pos)


def _assemble(doc_ids: list[str], texts: list[str], results: list, pos: bool) -> pd.DataFrame:
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
    for row, fn in enumerate((stop.__contains__, _is_punct, _is_num)):
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
