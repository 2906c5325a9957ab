"""Metric extraction: every quantity in a text as a normalised, attributed, traceable row.

    kslib.parse_number("三千五百万")   -> 35000000.0                 (metrics.numbers, metrics.grammar)
    kslib.extract_metrics(corpus)       -> one row per quantity mention (metrics.extract)
    kslib.metric_panel(metrics)         -> one indicator across documents (metrics.panel)
    kslib.metrics.evaluate(pred)        -> scores against the gold set   (metrics.scoring)

Mentions are found over the characters of the normalised `text` (never tokens: a tokenizer
splits 23.4% and 12.6亿元 apart) by the numeral scanner metrics.grammar (numerals, units, currencies,
qualifiers and signs in kslib/data/units.yaml) and metrics.mentions (slogans, size classes), then
attributed by metrics.attribute
(indicator, measure), metrics.when (year, period) and metrics.kind (kind, kind_cue), reading the
document's structure (kslib.structure: sections with a review/plan scope, sentences, clauses).
Slogans and fixed expressions are listed in kslib/data/metrics.yaml, cue words for attribution in
kslib/data/attribution.yaml (metrics.lexicon), not in code. Figures of these
tables are in kslib.plots.metrics.
"""
from .extract import COLUMNS, extract_metrics
from .numbers import parse_number, parse_range
from .panel import metric_panel, plan_against_review, richest_year, targets_vs_actuals, units_by_document
from .scoring import GOLD, GOLD_DEV, SCOPE, evaluate, lenient, load_gold, load_scope, match_gold

__all__ = ["COLUMNS", "extract_metrics", "parse_number", "parse_range", "metric_panel", "targets_vs_actuals", "plan_against_review",
           "units_by_document", "richest_year", "evaluate", "match_gold", "load_gold", "lenient", "GOLD",
           "GOLD_DEV", "SCOPE", "load_scope"]
