"""Segmentation backends: a private jieba.Tokenizer per backend (never the global one) with the
user dictionary, and the faster backends measured identical to jieba ("hybrid": rjieba, with
jieba_next for runs holding ASCII); POS tags from jieba.posseg aligned to our tokens."""
from __future__ import annotations

import contextlib
import logging
import re
import functools
import threading
from pathlib import Path

from ..config import cache_dir
from . import dictionary
from .dictionary import read_userdict

__all__ = ["BACKENDS", "IDENTICAL_TO_JIEBA", "AGREEMENT", "get_tokenizer", "available_backends",
           "resolve_backend", "clear_tokenizers", "tokenize", "cut", "pos_tags", "postagger", "jieba_dict",
           "dictionary_tag"]

_LOCK = threading.RLock()


_TOKENIZERS: dict[tuple[str, str], object] = {}  # (backend, user dictionary path) -> tokenizer


_POSTAGGERS: dict[str, object] = {}  # user dictionary path -> jieba.posseg tagger


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
# holds ASCII letters or +#&._%- goes to jieba_next (see Hybrid). "auto" = the fastest installed backend
# measured identical; the others are options when a few number tokens may differ.
BACKENDS = ("jieba", "jieba_next", "jieba_fast_dat", "rjieba", "hybrid")


IDENTICAL_TO_JIEBA = ("hybrid", "jieba_next", "jieba")  # fastest first


AGREEMENT = {"jieba": 1.0, "jieba_next": 1.0, "hybrid": 1.0, "rjieba": 0.9727, "jieba_fast_dat": 0.8911}


MODULES = {b: b for b in BACKENDS}
MODULES["hybrid"] = "rjieba"
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


def jieba_dict() -> Path:
    import importlib.util

    return Path(importlib.util.find_spec("jieba").origin).parent / "dict.txt"


def _build_tokenizer(backend: str, userdicts: tuple[Path, ...]):
    # validate before any backend sees the files; a later dictionary's entry overrides an earlier one
    entries = [e for path in userdicts for e in read_userdict(path)]
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

        tk = jieba_fast_dat.Tokenizer(str(jieba_dict()))  # jieba's dictionary: closer agreement
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
        return Hybrid(_build_tokenizer("rjieba", userdicts), _build_tokenizer("jieba_next", userdicts))
    else:
        raise ValueError(f"unknown segmentation backend {backend!r}; one of {BACKENDS} or 'auto'")
    for word, freq, tag in entries:
        tk.add_word(word, freq, tag)
    return tk


def _dictionaries(extra) -> tuple[Path, ...]:
    """The project user dictionary, then the extra ones (a corpus's own userdict.txt)."""
    return (Path(dictionary.USERDICT), *(Path(p) for p in extra))


def _stamp(path: Path) -> str:
    st = path.stat()
    return f"{path}:{st.st_size}:{st.st_mtime_ns}"


def get_tokenizer(backend: str = "jieba", *, extra: tuple = ()):
    """The process-wide private tokenizer of a backend, with the user dictionary (and the `extra`
    dictionaries after it, e.g. a corpus's userdict.txt) loaded (once per combination)."""
    with _LOCK:
        paths = _dictionaries(extra)
        key = (backend, str(paths[0]), *map(_stamp, paths[1:]))  # an edited corpus dictionary reloads
        if key not in _TOKENIZERS:
            _TOKENIZERS[key] = _build_tokenizer(backend, paths)
        return _TOKENIZERS[key]


def clear_tokenizers() -> None:
    """Forget the built tokenizers (and POS taggers): the next call rebuilds them from the user
    dictionary on disk (kslib.segment.dictionary.USERDICT), e.g. after editing it in a session."""
    with _LOCK:
        _TOKENIZERS.clear()
        _POSTAGGERS.clear()


def available_backends() -> list[str]:
    import importlib.util

    def ok(b):
        mods = ["rjieba", "jieba_next"] if b == "hybrid" else [MODULES[b]]
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


def postagger(extra: tuple = ()):
    with _LOCK:
        paths = _dictionaries(extra)
        key = "\0".join([str(paths[0]), *map(_stamp, paths[1:])])
        if key not in _POSTAGGERS:
            import jieba.posseg

            _POSTAGGERS[key] = jieba.posseg.POSTokenizer(get_tokenizer("jieba", extra=extra))
        return _POSTAGGERS[key]


def tokenize(text: str, *, backend: str = "jieba") -> list[str]:
    """Tokens of `text`: jieba accurate mode, HMM on, domain user dictionary; nothing filtered."""
    return cut(text, backend)


def cut(text: str, backend: str, extra: tuple = ()) -> list[str]:
    tk = get_tokenizer(backend, extra=extra)
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


class Hybrid:
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


def pos_tags(text: str, words: list[str], extra: tuple = ()) -> list[str]:
    """POS tags for the tokens `words` of `text` (jieba.posseg, aligned by character span).

    posseg segments unknown words with its own HMM, so its tokens occasionally differ from the
    plain cut. Where a posseg token has exactly the span of our token its tag is used; otherwise
    the tag of the word in the dictionary (user tags first), else "x".
    """
    tagger = postagger(extra)
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


@functools.lru_cache(maxsize=4)
def _dictionary_texts(extra: tuple = ()) -> tuple[str, ...]:
    """The user dictionaries, then jieba's dict.txt, each as one text with a line break in front."""
    return tuple("\n" + Path(p).read_text("utf-8") for p in (*reversed(_dictionaries(extra)), jieba_dict()))


@functools.lru_cache(maxsize=65536)
def dictionary_tag(word: str, extra: tuple = ()) -> str:
    """The POS tag the dictionaries give a word (the user dictionaries first, then jieba's dict.txt), else "x":
    a look-up in the dictionary files' text, for rules that ask about a few words (loading posseg's tables
    costs a second, a map of all 350,000 words half of one)."""
    for text in _dictionary_texts(extra):
        i = text.find("\n" + word + " ")
        if i >= 0:
            parts = text[i + 1:text.find("\n", i + 1)].split()
            if len(parts) >= 2 and not parts[-1].isdigit():
                return parts[-1]
    return "x"
