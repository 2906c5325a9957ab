"""Word segmentation: jieba with the domain user dictionary, tidy token tables, a disk cache.

    kslib.tokenize(text)        list of tokens, jieba accurate mode (HMM on), no filtering
    kslib.tokens(corpus)        one row per token: doc_id, paragraph, position, token, start, end,
                                line, pos, is_stop, is_punct, is_num
    kslib.stopwords()           the stopword set (stopwordsiso "zh" + kslib/data/stopwords_extra.txt)
    kslib.discover_terms(corpus)  the corpus's multi-token terms (zones, programmes, institutions…),
                                for kslib.tokens(corpus, compounds=terms) or a corpus's userdict.txt

Rooms: dictionary (user dictionary and stopword files, validated; a corpus's own userdict.txt),
backends (private tokenizers: jieba, jieba_next, rjieba, "hybrid"…), cache (per-document results on
disk), engines (in-process, process pool, dask.distributed), table (the token table), discover
(term discovery), compounds (joining terms into tokens).

Segmentation uses a *private* ``jieba.Tokenizer`` (never the global one, so importing kslib never
changes anybody else's ``jieba.lcut``), built once per process with kslib/data/userdict.txt. jieba's
start-up log is kept off stderr and its model cache lives in ``$KSLIB_CACHE/<backend>`` (default
``<repo>/.cache``), never in /tmp. tokens() picks the fastest backend measured identical to jieba
("hybrid") and segments large corpora in a process pool (or on dask.distributed with engine="dask").
Results are cached per document, keyed by a hash of the document and of everything that
determines its segmentation; editing the dictionary changes the key, so old results are never
reused. `cache_info()` counts hits and misses (a warm re-run segments nothing).
"""
from .backends import (AGREEMENT, BACKENDS, IDENTICAL_TO_JIEBA, available_backends, clear_tokenizers, get_tokenizer,
                       resolve_backend, tokenize)
from .cache import cache_info, clear_cache, dictionary_key, reset_cache_info
from .compounds import compound_changes, join_compounds
from .dictionary import (STOPWORDS_EXTRA, USERDICT, DictionaryError, corpus_userdict, read_stopwords_file, read_userdict,
                         stopwords, write_userdict)
from .discover import discover_terms
from .table import COLUMNS, tokens

__all__ = [
    "AGREEMENT", "BACKENDS", "IDENTICAL_TO_JIEBA", "COLUMNS", "clear_tokenizers", "DictionaryError", "STOPWORDS_EXTRA", "USERDICT", "available_backends",
    "cache_info", "clear_cache", "dictionary_key", "get_tokenizer", "read_stopwords_file", "read_userdict",
    "reset_cache_info", "resolve_backend", "stopwords", "tokenize", "tokens",
    "compound_changes", "corpus_userdict", "discover_terms", "join_compounds", "write_userdict",
]
