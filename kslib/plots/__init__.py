"""Every figure function: one module per stage (corpus, terms, metrics, compare); each returns a
matplotlib Figure for kslib.figures.save_figure."""
