"""Interactive exploration in JupyterLab: concordance, document, metrics and term views,
linked by clicks (ipywidgets + anywidget, rendered offline from installed packages).

    import kslib, kslib.explore as ex
    corpus = kslib.load_corpus(); tok = kslib.tokens(corpus)
    ex.ConcordanceExplorer(corpus, tokens=tok, query="科创")   # type a query, click a row
    ex.Explorer(corpus, tokens=tok)   # terms, concordance, metrics, one document view

The logic (search, filters, highlighting, HTML) is in plain functions of the submodules
concordance, document, metrics and terms; the widgets in widgets.py only wire them up.
"""
from .widgets import (  # noqa: F401
    ClickableHTML,
    ConcordanceExplorer,
    DocumentViewer,
    Explorer,
    MetricsExplorer,
    TermView,
)

__all__ = ["ClickableHTML", "ConcordanceExplorer", "DocumentViewer", "Explorer", "MetricsExplorer", "TermView"]
