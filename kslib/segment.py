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

Segmentation results are cached on disk per document, keyed by a hash of the document text and a
hash of everything that determines the segmentation (user dictionary, jieba's main dictionary,
backend and its version): Parquet files under ``$KSLIB_CACHE/tokens/<dictionary key>/``. Editing
the dictionary changes the key, so old results are never reused. `cache_info()` counts hits and
misses (a warm re-run segments nothing).
"""
from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import threading
import unicodedata
import uuid
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "COLUMNS",
    "DictionaryError",
    "STOPWORDS_EXTRA",
    "USERDICT",
    "cache_dir",
    "cache_info",
    "clear_cache",
    "get_tokenizer",
    "read_stopwords_file",
    "read_userdict",
    "reset_cache_info",
    "stopwords",
    "tokenize",
    "tokens",
]

DATA = Path(__file__).resolve().parent / "data"
USERDICT = DATA / "userdict.txt"
STOPWORDS_EXTRA = DATA / "stopwords_extra.txt"
REPO = Path(__file__).resolve().parent.parent
CACHE_FORMAT = "1"  # bump when the cached payload changes meaning

COLUMNS = ["doc_id", "paragraph", "position", "token", "start", "end", "line", "pos",
           "is_stop", "is_punct", "is_num"]


class DictionaryError(ValueError):
    """A user dictionary or stopword file jieba would misread; the message names file and line."""


def cache_dir() -> Path:
    """The project's cache folder: $KSLIB_CACHE, default <repo>/.cache."""
    return Path(os.environ.get("KSLIB_CACHE") or (REPO / ".cache"))


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


def _jieba_tokenizer(userdict: Path):
    import jieba

    tk = jieba.Tokenizer()
    tmp = cache_dir() / "jieba"
    tmp.mkdir(parents=True, exist_ok=True)
    tk.tmp_dir = str(tmp)
    with _quiet("jieba"):
        tk.initialize()
    for word, freq, tag in read_userdict(userdict):
        tk.add_word(word, freq, tag)
    return tk


def get_tokenizer(backend: str = "jieba"):
    """The process-wide private tokenizer of a backend, with the user dictionary loaded (once)."""
    with _LOCK:
        if backend not in _TOKENIZERS:
            if backend == "jieba":
                _TOKENIZERS[backend] = _jieba_tokenizer(USERDICT)
            else:
                raise ValueError(f"unknown segmentation backend {backend!r}")
        return _TOKENIZERS[backend]


def _postagger(backend: str = "jieba"):
    with _LOCK:
        if backend not in _POSTAGGERS:
            import jieba.posseg

            _POSTAGGERS[backend] = jieba.posseg.POSTokenizer(get_tokenizer("jieba"))
        return _POSTAGGERS[backend]


def tokenize(text: str) -> list[str]:
    """Tokens of `text`: jieba accurate mode, HMM on, domain user dictionary; nothing filtered."""
    return get_tokenizer("jieba").lcut(text, HMM=True)


def _cut(text: str, backend: str) -> list[str]:
    return get_tokenizer(backend).lcut(text, HMM=True)


def _tags(text: str, words: list[str], backend: str) -> list[str]:
    """POS tags for the tokens `words` of `text` (jieba.posseg, aligned by character span).

    posseg segments unknown words with its own HMM, so its tokens occasionally differ from the
    plain cut. Where a posseg token has exactly the span of our token its tag is used; otherwise
    the tag of the word in the dictionary (user tags first), else "x".
    """
    tagger = _postagger(backend)
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


def _segment_one(text: str, backend: str, pos: bool) -> tuple[np.ndarray, list[str] | None]:
    """Token lengths (and tags) of one document — the cached, picklable unit of work."""
    words = _cut(text, backend)
    lengths = np.fromiter(map(len, words), dtype=np.int32, count=len(words))
    if int(lengths.sum()) != len(text):  # every backend must be lossless; never silently shift offsets
        raise RuntimeError(f"segmentation backend {backend!r} lost characters")
    tags = _tags(text, words, backend) if pos else None
    return lengths, tags


# --------------------------------------------------------------------------- disk cache

_STATS = {"hits": 0, "misses": 0, "segmented_chars": 0}
_KEYS: dict[str, str] = {}


def cache_info() -> dict:
    """Counters since start (or reset_cache_info): cache hits, misses (documents segmented) and
    characters segmented, plus the cache directory."""
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


_MODULES = {"jieba": "jieba"}
_DISTS = {"jieba": "jieba"}


def _backend_version(backend: str) -> str:
    from importlib import metadata

    dist = _DISTS.get(backend, backend)
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"


def _main_dict(backend: str) -> Path:
    """The backend's main dictionary file (part of the cache key)."""
    import importlib.util

    spec = importlib.util.find_spec(_MODULES.get(backend, backend))
    return Path(spec.origin).parent / "dict.txt"


def dictionary_key(backend: str = "jieba") -> str:
    """Hash of everything that determines segmentation: user dictionary, main dictionary, backend."""
    h = hashlib.sha256()
    for part in (CACHE_FORMAT, backend, _backend_version(backend), _file_hash(USERDICT),
                 _file_hash(_main_dict(backend))):
        h.update(part.encode() + b"\0")
    return h.hexdigest()[:24]


def _text_key(text: str, pos: bool) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32] + ("+pos" if pos else "")


class _Cache:
    """Per-document results in Parquet packs under $KSLIB_CACHE/tokens/<dictionary key>/.

    Each tokens() call writes the documents it segmented as one pack (one row per document:
    key, lengths, tags), so a corpus of thousands of documents is a few files, not thousands.
    """

    def __init__(self, dict_key: str):
        self.dir = cache_dir() / "tokens" / dict_key

    def _packs(self):
        return sorted(self.dir.glob("pack-*.parquet")) if self.dir.is_dir() else []

    def get(self, keys: list[str]) -> dict[str, tuple[np.ndarray, list[str] | None]]:
        import pyarrow.parquet as pq

        wanted = set(keys)
        found: dict[str, tuple[np.ndarray, list[str] | None]] = {}
        for pack in self._packs():
            if not wanted:
                break
            try:
                pkeys = pq.read_table(pack, columns=["key"]).column("key").to_pylist()
                if wanted.isdisjoint(pkeys):
                    continue
                table = pq.read_table(pack)
            except Exception:  # a damaged pack is a miss, never an error
                continue
            lengths = table.column("lengths").to_pylist()
            tags = table.column("tags").to_pylist()
            for i, k in enumerate(pkeys):
                if k in wanted:
                    found[k] = (np.asarray(lengths[i], dtype=np.int32), tags[i])
                    wanted.discard(k)
        return found

    def put(self, items: dict[str, tuple[np.ndarray, list[str] | None]]) -> None:
        if not items:
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.dir.mkdir(parents=True, exist_ok=True)
        keys = sorted(items)
        table = pa.table({
            "key": pa.array(keys, pa.string()),
            "lengths": pa.array([items[k][0] for k in keys], pa.list_(pa.int32())),
            "tags": pa.array([items[k][1] for k in keys], pa.list_(pa.string())),
        })
        name = hashlib.sha256("\0".join(keys).encode()).hexdigest()[:16]
        tmp = self.dir / f".tmp-{uuid.uuid4().hex}"
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, self.dir / f"pack-{name}.parquet")  # atomic: readers never see half a file


# --------------------------------------------------------------------------- token table

_NUM = re.compile(r"[+-]?[0-9０-９]+(?:[.,．][0-9０-９]+)*[%％‰]?")


def _is_punct(tok: str) -> bool:
    return all(unicodedata.category(c)[0] in "PS" for c in tok)


def _is_num(tok: str) -> bool:
    return _NUM.fullmatch(tok) is not None


def _doc_frame(doc, text: str, lengths: np.ndarray, tags) -> dict:
    """Column arrays for one document (whitespace-only tokens dropped)."""
    ends_all = np.cumsum(lengths, dtype=np.int64)
    starts_all = ends_all - lengths
    if len(text):
        cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        ws = np.isin(cps, _WS_CODEPOINTS)
    else:
        ws = np.zeros(0, dtype=bool)
    nonws_cum = np.concatenate([[0], np.cumsum(~ws, dtype=np.int64)])
    keep = (nonws_cum[ends_all] - nonws_cum[starts_all]) > 0
    starts, ends = starts_all[keep], ends_all[keep]
    # paragraph: 1-based index among the non-empty lines of text
    nl = np.flatnonzero(cps == 10) if len(text) else np.zeros(0, dtype=np.int64)
    line_idx = np.searchsorted(nl, starts, side="right")  # 0-based line of text
    nonempty = np.array([bool(s.strip()) for s in text.split("\n")], dtype=bool)
    paragraph = np.cumsum(nonempty)[line_idx] if len(starts) else np.zeros(0, dtype=np.int64)
    raw_lines = _raw_lines(doc, text, starts, line_idx)
    toks = [text[s:e] for s, e in zip(starts.tolist(), ends.tolist())]
    pos = [t for t, k in zip(tags, keep.tolist()) if k] if tags is not None else None
    return {"paragraph": paragraph, "start": starts, "end": ends, "line": raw_lines,
            "token": toks, "pos": pos}


def _raw_lines(doc, text: str, starts: np.ndarray, line_idx: np.ndarray) -> np.ndarray:
    """1-based raw line of each token; text lines if the row has no usable `raw`."""
    raw = doc.get("raw") if hasattr(doc, "get") else None
    if isinstance(raw, str) and len(starts):
        from .corpus import normalized

        norm = normalized(doc)
        if norm.text == text:
            return np.asarray(norm.raw_lines(starts), dtype=np.int64)
    return line_idx.astype(np.int64) + 1


_WS_CODEPOINTS = np.array([c for c in range(0x3001) if chr(c).isspace()] + [0xFEFF], dtype=np.uint32)


def _flags(token_col: list[str], stop: frozenset) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    codes, uniques = pd.factorize(pd.Series(token_col, dtype=object), sort=False)
    u = list(uniques)
    is_stop = np.fromiter((t in stop for t in u), dtype=bool, count=len(u))
    is_punct = np.fromiter((_is_punct(t) for t in u), dtype=bool, count=len(u))
    is_num = np.fromiter((_is_num(t) for t in u), dtype=bool, count=len(u))
    return is_stop[codes], is_punct[codes], is_num[codes]


def _resolve_backend(backend: str) -> str:
    if backend in ("auto", "jieba"):
        return "jieba"
    raise ValueError(f"unknown segmentation backend {backend!r}; use 'auto' or 'jieba'")


def tokens(corpus: pd.DataFrame, *, pos: bool = False, backend: str = "auto", engine: str = "local",
           progress: bool | None = None, cache: bool = True) -> pd.DataFrame:
    """One row per token of every document's `text`, sorted by doc_id, position.

    Columns: doc_id, paragraph (1-based non-empty line of text), position (0-based token index in
    the document), token, start/end (character offsets in text: text[start:end] == token), line
    (1-based line of the raw file), pos ("" unless pos=True: jieba.posseg tags), is_stop,
    is_punct, is_num (pure number such as 2018, 7.1, 23.6%). Whitespace-only tokens are dropped;
    nothing else is. Results are cached on disk per document (see module doc); cache=False
    neither reads nor writes the cache.
    """
    backend = _resolve_backend(backend)
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}")
    docs = corpus.sort_values("doc_id", kind="stable") if len(corpus) else corpus
    texts = [t if isinstance(t, str) else "" for t in docs["text"]]
    keys = [_text_key(t, pos) for t in texts]
    store = _Cache(dictionary_key(backend)) if cache else None
    results = store.get(keys) if store else {}
    _STATS["hits"] += sum(1 for k in keys if k in results)
    todo = {k: t for k, t in zip(keys, texts) if k not in results}
    new = {}
    for k, t in todo.items():
        new[k] = _segment_one(t, backend, pos)
        _STATS["misses"] += 1
        _STATS["segmented_chars"] += len(t)
    results.update(new)
    if store:
        store.put(new)
    return _assemble(docs, texts, keys, results, pos)


def _assemble(docs: pd.DataFrame, texts, keys, results, pos: bool) -> pd.DataFrame:
    parts = {c: [] for c in ("paragraph", "start", "end", "line")}
    token_col: list[str] = []
    pos_col: list[str] = []
    doc_ids = []
    counts = []
    for (_, doc), text, key in zip(docs.iterrows(), texts, keys):
        lengths, tags = results[key]
        cols = _doc_frame(doc, text, lengths, tags if pos else None)
        for c in parts:
            parts[c].append(cols[c])
        token_col.extend(cols["token"])
        if pos:
            pos_col.extend(cols["pos"])
        doc_ids.append(str(doc["doc_id"]))
        counts.append(len(cols["token"]))
    counts_arr = np.asarray(counts, dtype=np.int64)
    n = int(counts_arr.sum())

    def cat(c):
        return np.concatenate(parts[c]).astype(np.int64) if parts[c] else np.zeros(0, dtype=np.int64)

    stop = stopwords()
    is_stop, is_punct, is_num = _flags(token_col, stop) if n else (np.zeros(0, bool),) * 3
    offsets = np.repeat(np.cumsum(counts_arr) - counts_arr, counts_arr)
    frame = pd.DataFrame({
        "doc_id": pd.Series(np.repeat(np.asarray(doc_ids, dtype=object), counts_arr), dtype="str"),
        "paragraph": cat("paragraph"),
        "position": np.arange(n, dtype=np.int64) - offsets,
        "token": pd.Series(token_col, dtype="str"),
        "start": cat("start"),
        "end": cat("end"),
        "line": cat("line"),
        "pos": pd.Series(pos_col if pos else [""] * n, dtype="str"),
        "is_stop": is_stop,
        "is_punct": is_punct,
        "is_num": is_num,
    })
    return frame[COLUMNS]
