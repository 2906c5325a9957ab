"""kslib: a workbench for reading Chinese development and policy news with numbers.

Pipeline (quanteda-style, tidy pandas DataFrames throughout), each name with one home:
    corpus = load_corpus(folder)        kslib.corpus     one row per document (raw + normalised text)
    cleaning_log(corpus)                kslib.corpus     every span normalisation removed or changed
    normalize(raw), restore_raw(...)    kslib.normalize  the cleaning rules and their audit
    toks = tokens(corpus)               kslib.segment    one row per token
    terms = discover_terms(corpus)      kslib.segment    the corpus's compounds; tokens(corpus, compounds=terms)
    term_frequencies(toks), kwic(...)   kslib.stats      counts, tf-idf, kwic, collocations, co-occurrence
    extract_metrics(corpus)             kslib.metrics    every quantity as a traceable row
    similarity(toks), keyness(...)      kslib.compare    how documents differ and agree
Figures: kslib.plots (one module per stage); style and export: kslib.figures; paths: kslib.config.
"""
from . import metrics  # noqa: F401  (kslib.metrics.evaluate, …)
from .compare import (
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
from .corpus import CorpusError, CorpusWarning, cleaning_log, load_corpus, normalized, raw_line, read_text
from .display import doc_labels, short_ids, show
from .metrics import extract_metrics, metric_panel, parse_number
from .normalize import normalize, restore_raw
from .overview import cleaning_summary, corpus_summary, repeated_paragraphs
from .segment import DictionaryError, discover_terms, stopwords, tokenize, tokens, write_userdict
from .stats import collocations, cooccurrence, kwic, term_frequencies, tfidf, top_terms

__all__ = [
    # corpus and cleaning
    "load_corpus", "read_text", "cleaning_log", "normalized", "raw_line", "CorpusError", "CorpusWarning",
    "normalize", "restore_raw", "corpus_summary", "cleaning_summary", "repeated_paragraphs",
    # segmentation and term statistics
    "tokens", "tokenize", "stopwords", "DictionaryError", "discover_terms", "write_userdict",
    "term_frequencies", "top_terms", "tfidf", "kwic", "collocations", "cooccurrence",
    # metrics
    "extract_metrics", "parse_number", "metric_panel",
    # comparison
    "similarity", "cluster_documents", "keyness", "keyness_each", "shared_vocabulary", "theme_shares",
    "extract_formulas", "formula_recurrence", "shared_passages", "years_mentioned", "years_summary",
    # display
    "show", "short_ids", "doc_labels",
]
