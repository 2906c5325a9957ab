"""kslib: a small workbench for reading Chinese development and policy news with numbers.

Pipeline (quanteda-style, tidy pandas DataFrames throughout):
    corpus = load_corpus()            one row per document (raw + normalised text)
    cleaning_log(corpus)              every span normalisation removed or changed
"""
from .corpus import (  # noqa: F401
    CorpusError,
    CorpusWarning,
    cleaning_log,
    load_corpus,
    normalized,
    raw_line,
    read_text,
)
from .normalize import normalize, restore_raw  # noqa: F401
from .display import show  # noqa: F401
from .overview import cleaning_summary, corpus_summary, repeated_paragraphs  # noqa: F401
# --- segment ---
from .segment import DictionaryError, stopwords, tokenize, tokens  # noqa: F401
# --- metrics ---
from .metrics import extract_metrics, metric_panel, parse_number  # noqa: F401,E402
from . import metrics  # noqa: F401,E402
# --- compare ---
from .compare import (  # noqa: F401,E402
    cluster_documents,
    extract_formulas,
    formula_recurrence,
    keyness,
    keyness_each,
    shared_passages,
    shared_vocabulary,
    similarity,
    theme_shares,
    years_mentioned,
    years_summary,
)
# --- stats ---
from .stats import (  # noqa: F401
    collocations,
    cooccurrence,
    kwic,
    term_frequencies,
    tfidf,
    top_terms,
)
