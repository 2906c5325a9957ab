"""Every figure function, one module per stage: corpus (timeline, cleaning), terms (bars, word
clouds, network, discovered terms), metrics (results, targets vs actuals, indicator panel, units), compare
(similarity, keyness, vocabulary, themes, formulas, years). Each returns a matplotlib Figure for
kslib.figures.save_figure; call kslib.figures.use_paper_style() first."""
from .compare import (plot_formulas, plot_keyness, plot_keyness_each, plot_shared_vocabulary, plot_similarity,
                      plot_theme_shares, plot_years)
from .corpus import plot_cleaning, plot_timeline
from .metrics import plot_indicator_panel, plot_metric_bars, plot_targets_vs_actuals, plot_units
from .terms import bar_discovered_terms, bar_top_terms, bar_top_terms_by_doc, cooccurrence_network, wordcloud, wordclouds

__all__ = [
    "plot_timeline", "plot_cleaning",
    "bar_top_terms", "bar_top_terms_by_doc", "wordcloud", "wordclouds", "cooccurrence_network", "bar_discovered_terms",
    "plot_metric_bars", "plot_targets_vs_actuals", "plot_indicator_panel", "plot_units",
    "plot_similarity", "plot_keyness", "plot_keyness_each", "plot_shared_vocabulary", "plot_theme_shares",
    "plot_formulas", "plot_years",
]
