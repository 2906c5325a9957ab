"""Cross-document comparison: how the documents differ and agree.

All functions take the tidy tables of the rest of kslib — a corpus (`load_corpus`) or a tokens
table (`kslib.tokens`: doc_id, position, token, is_stop, is_punct, is_num, line, ...) — and return
tidy DataFrames sorted deterministically, so notebooks and CSV exports are stable.

One module per algorithm; they share the document-feature matrix of kslib.dfm. Figures: kslib.plots.compare.

- similarity / cluster_documents: document x document TF-IDF cosine or vocabulary Jaccard, and a
  hierarchical clustering of the documents (scipy linkage on 1 - similarity).
- keyness / keyness_each: terms distinctive of target document(s) against a reference
  (Dunning's G², Pearson's chi², or the log odds ratio), with counts, p, sign and log ratio.
- shared_vocabulary: terms shared by each pair / by all documents, and terms unique to one.
- theme_shares: a theme dictionary (kslib/data/themes.yaml) matched as token sequences, per 1,000 tokens.
- extract_formulas / formula_recurrence: numbered formulas and slogans (1+5+22, 五区一线, 三大法宝, 十四五)
  with patterns in kslib/data/formulas.yaml.
- shared_passages: sentences, paragraphs or phrases that recur (near-)verbatim within and across documents.
- years_mentioned: the years each document talks about (2018年, 2017-2035), with their raw line.
"""
from .formulas import extract_formulas, formula_recurrence
from .keyness import keyness, keyness_each
from .passages import shared_passages
from .similarity import cluster_documents, similarity
from .themes import theme_dictionary, theme_shares
from .vocabulary import SharedVocabulary, shared_vocabulary
from .years import years_mentioned, years_summary

__all__ = [
    "similarity", "cluster_documents", "keyness", "keyness_each", "shared_vocabulary", "SharedVocabulary",
    "theme_dictionary", "theme_shares", "extract_formulas", "formula_recurrence", "shared_passages",
    "years_mentioned", "years_summary",
]
