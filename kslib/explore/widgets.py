"""The explorer widgets: thin ipywidgets/anywidget shells over the plain functions of
concordance, document, metrics and terms. Everything renders from installed packages
(ipywidgets' and anywidget's JupyterLab extensions); no network, no CDN."""
from __future__ import annotations

import anywidget
import ipywidgets as W
import pandas as pd
import traitlets

import kslib

from . import concordance as C
from . import document as D
from . import metrics as M
from . import terms as T
from .html import CSS, esc, note

__all__ = ["ClickableHTML", "DocumentViewer", "ConcordanceExplorer", "MetricsExplorer", "TermView", "Explorer"]

# The only front-end code: draw the HTML built in Python, send back the data-key of what was
# clicked, and scroll the view's scroll box to the element marked ks-focus.
_ESM = """
function render({ model, el }) {
  const box = document.createElement("div");
  box.className = "ks-widget";
  el.appendChild(box);
  const draw = () => {
    box.innerHTML = model.get("html");
    requestAnimationFrame(() => {
      const focus = box.querySelector(".ks-focus, .ks-selected");
      const scroller = focus && focus.closest(".ks-scroll");
      if (focus && scroller) {
        const top = focus.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
        scroller.scrollTop += top - scroller.clientHeight / 3;
      }
    });
  };
  const onClick = (event) => {
    const target = event.target.closest("[data-key]");
    if (target && box.contains(target)) model.send({ event: "click", key: target.dataset.key });
  };
  box.addEventListener("click", onClick);
  model.on("change:html", draw);
  draw();
  return () => { model.off("change:html", draw); box.removeEventListener("click", onClick); };
}
export default { render };
"""


class ClickableHTML(anywidget.AnyWidget):
    """HTML built in Python whose elements with a data-key attribute are clickable:
    `on_click(callback)` calls callback(key) in the kernel; `click(key)` does the same from code."""

    _esm = traitlets.Unicode(_ESM).tag(sync=True)
    _css = traitlets.Unicode(CSS).tag(sync=True)
    html = traitlets.Unicode("").tag(sync=True)

    def __init__(self, html: str = "", **kwargs):
        super().__init__(html=html, **kwargs)
        self._callbacks = []
        self.on_msg(self._handle)

    def on_click(self, callback) -> None:
        self._callbacks.append(callback)

    def click(self, key: str) -> None:
        for cb in list(self._callbacks):
            cb(key)

    def _handle(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and content.get("event") == "click":
            self.click(str(content.get("key", "")))

    def __repr__(self) -> str:
        return f"ClickableHTML({len(self.html)} characters)"


class _Quiet:
    """`with self._quiet:` sets controls from code without their observers running."""

    def __init__(self):
        self.on = False

    def __enter__(self):
        self.on = True

    def __exit__(self, *exc):
        self.on = False


def _observe(boxes, quiet: _Quiet, call) -> None:
    """Call `call()` when a person changes the value of one of `boxes` (not inside `with quiet:`)."""
    for box in boxes:
        box.observe(lambda _change: None if quiet.on else call(), names="value")


def _status(text: str) -> str:
    return f'<div class="ks-view ks-status">{esc(text)}</div>'


class DocumentViewer(W.VBox):
    """One document's normalised text with the hit highlighted and the raw line numbers in
    the margin; a toggle shows what cleaning removed (kslib.cleaning_log).

    >>> viewer = DocumentViewer(corpus)                 # doctest: +SKIP
    >>> viewer.show(corpus["doc_id"][0], 120, 122)      # doctest: +SKIP
    """

    def __init__(self, corpus: pd.DataFrame, *, labels: dict | None = None):
        self.corpus = corpus
        self.labels = labels if labels is not None else kslib.display.doc_labels(corpus)
        self.doc_id: str | None = None
        self.hit: tuple[int, int] | None = None
        self._logs: dict[str, pd.DataFrame] = {}
        self.line_numbers = W.Checkbox(value=True, description="raw line numbers", indent=False)
        self.removed = W.Checkbox(value=False, description="show what cleaning removed", indent=False)
        self.view = ClickableHTML(f'<div class="ks-view">{note("Click a row above to open its document here.")}</div>')
        for box in (self.line_numbers, self.removed):
            box.observe(lambda _change: self._render(), names="value")
        super().__init__([W.HBox([self.line_numbers, self.removed]), self.view])
        self.add_class("ks-document-viewer")

    def _log(self, doc: dict) -> pd.DataFrame:
        key = str(doc["doc_id"])
        if key not in self._logs:
            self._logs[key] = kslib.cleaning_log(pd.DataFrame([doc]))
        return self._logs[key]

    def show(self, doc_id: str, start: int | None = None, end: int | None = None) -> None:
        """Open `doc_id`, highlighting text[start:end] and scrolling to it."""
        D.document_row(self.corpus, doc_id)  # KeyError for an unknown document
        self.doc_id = str(doc_id)
        self.hit = (int(start), int(end if end is not None else start + 1)) if start is not None else None
        self._render()

    def _render(self) -> None:
        if self.doc_id is None:
            return
        doc = D.document_row(self.corpus, self.doc_id)
        self.view.html = D.document_html(doc, hit=self.hit, label=self.labels.get(self.doc_id, self.doc_id),
                                         show_removed=self.removed.value, line_numbers=self.line_numbers.value,
                                         log=self._log(doc) if self.removed.value else None)

    @property
    def line(self) -> int | None:
        """Raw line of the highlighted hit (None when nothing is open)."""
        if self.doc_id is None or self.hit is None:
            return None
        return kslib.raw_line(self.corpus, self.doc_id, self.hit[0])

    def __repr__(self) -> str:
        if self.doc_id is None:
            return "DocumentViewer: no document open"
        where = f", raw line {self.line}" if self.hit else ""
        return f"DocumentViewer: {self.labels.get(self.doc_id, self.doc_id)}{where}"


class ConcordanceExplorer(W.VBox):
    """A box for a word, phrase or regular expression → KWIC rows (document, raw line, left,
    keyword, right) with counts per document; a click on a count shows only that document,
    a click on a row opens the document viewer at that place.

    >>> corpus = kslib.load_corpus(); tok = kslib.tokens(corpus)      # doctest: +SKIP
    >>> ConcordanceExplorer(corpus, tokens=tok, query="高质量发展")           # doctest: +SKIP
    """

    def __init__(self, corpus: pd.DataFrame, *, tokens: pd.DataFrame | None = None, query: str = "",
                 mode: str = "string", window: int = 12, viewer: DocumentViewer | None = None,
                 labels: dict | None = None, limit: int = 200):
        self.corpus, self._tokens = corpus, tokens
        self.labels = labels if labels is not None else kslib.display.doc_labels(corpus)
        self.limit = limit
        self.hits = C.search(corpus, "", labels=self.labels)
        self.rows = self.hits
        self.document: str | None = None
        self.selected: int | None = None
        self.query_box = W.Text(value=query, placeholder="word, phrase or regular expression; Enter to search",
                                description="query", continuous_update=False,
                                layout=W.Layout(width="420px"))
        self.mode_box = W.Dropdown(options=list(C.MODES), value=mode, description="match",
                                   layout=W.Layout(width="180px"))
        self.mode_box.tooltip = "; ".join(f"{k}: {v}" for k, v in C.MODES.items())
        self.window_box = W.BoundedIntText(value=window, min=1, max=200, description="context",
                                           layout=W.Layout(width="150px"))
        self.status = W.HTML(_status(""))
        self.counts = ClickableHTML()
        self.table = ClickableHTML()
        self.owns_viewer = viewer is None
        self.viewer = viewer if viewer is not None else DocumentViewer(corpus, labels=self.labels)
        self._quiet = _Quiet()
        _observe([self.query_box, self.mode_box, self.window_box], self._quiet, self.search)
        self.counts.on_click(self._count_clicked)
        self.table.on_click(self._row_clicked)
        children = [W.HBox([self.query_box, self.mode_box, self.window_box]), self.status, self.counts, self.table]
        super().__init__(children + ([self.viewer] if self.owns_viewer else []))
        self.add_class("ks-concordance")
        self.search()

    @property
    def tokens(self) -> pd.DataFrame:
        if self._tokens is None:
            self._tokens = kslib.tokens(self.corpus)
        return self._tokens

    def search(self, query: str | None = None, mode: str | None = None) -> pd.DataFrame:
        """Run `query` (default: the box's) with `mode`; update counts and rows; return the hits."""
        with self._quiet:
            if mode is not None:
                self.mode_box.value = mode
            if query is not None:
                self.query_box.value = query
        q, m = self.query_box.value.strip(), self.mode_box.value
        needs_tokens = m == "words" or any(ch.isspace() for ch in q)
        try:
            self.hits = C.search(self.corpus, q, mode=m, window=self.window_box.value,
                                 tokens=self.tokens if needs_tokens and q else None, labels=self.labels)
            text = C.summary(q, m, self.hits, self.corpus) if q else "Type a query and press Enter."
        except ValueError as e:
            self.hits = C.search(self.corpus, "", labels=self.labels)
            text = str(e)
        self.status.value = _status(text)
        self.document, self.selected = None, None
        self._draw()
        return self.hits

    def _draw(self) -> None:
        self.rows = self.hits if self.document is None else self.hits[self.hits["doc_id"] == self.document]
        self.rows = self.rows.reset_index(drop=True)
        counts = C.hit_counts(self.hits, self.corpus, labels=self.labels)
        self.counts.html = C.counts_html(counts, selected=self.document) if len(self.hits) else ""
        self.table.html = C.kwic_html(self.rows, limit=self.limit, selected=self.selected) if self.query_box.value.strip() else ""

    def show_document(self, doc_id: str | None) -> None:
        """Show only the rows of `doc_id` (None: all documents)."""
        self.document, self.selected = (None if doc_id is None else str(doc_id)), None
        self._draw()

    def open_row(self, i: int) -> None:
        """Open row i of the shown rows in the document viewer, at the keyword."""
        r = self.rows.iloc[int(i)]
        self.selected = int(i)
        self._draw()
        self.viewer.show(r["doc_id"], int(r["start"]), int(r["end"]))

    def _count_clicked(self, key: str) -> None:
        if key.startswith("doc:"):
            doc = key[4:]
            self.show_document(None if doc == self.document else doc)

    def _row_clicked(self, key: str) -> None:
        if key.startswith("row:"):
            self.open_row(int(key[4:]))

    def __repr__(self) -> str:
        q = self.query_box.value.strip()
        n = len(self.hits)
        return f"ConcordanceExplorer: {q!r} ({self.mode_box.value}), {n} match{'es' * (n != 1)}" if q \
            else "ConcordanceExplorer: no query"


_ALL = "(all)"


class MetricsExplorer(W.VBox):
    """Every extracted quantity (kslib.extract_metrics) filtered by document, unit, indicator,
    kind and year → rows, each with its sentence and raw line, and a small chart of the filtered
    indicator over the years; a click on a row opens the document viewer at the quantity.

    >>> MetricsExplorer(corpus, indicator="一般公共预算收入")     # doctest: +SKIP
    """

    def __init__(self, corpus: pd.DataFrame, *, metrics: pd.DataFrame | None = None,
                 viewer: DocumentViewer | None = None, labels: dict | None = None, limit: int = 200, **filters):
        self.corpus = corpus
        self.metrics = (metrics if metrics is not None else kslib.extract_metrics(corpus)).reset_index(drop=True)
        self.labels = labels if labels is not None else kslib.display.doc_labels(corpus)
        self.limit = limit
        self.rows = self.metrics
        self.selected: int | None = None
        names = {"doc_id": "document", "unit": "unit", "indicator": "indicator", "kind": "kind", "year": "year"}
        self.boxes: dict[str, W.Dropdown] = {}
        for col in M.FILTERS:
            values = M.filter_options(self.metrics, col)
            if col == "doc_id":
                order = [d for d in self.corpus["doc_id"].astype(str) if d in set(values)]
                opts = [(self.labels.get(d, d), d) for d in order]
            else:
                opts = [(str(v), v) for v in values]
            value = filters.pop(col, None)
            if value is not None and value not in [v for _, v in opts]:
                opts.append((str(value), value))  # asked for but absent: shown, and gives no rows
            box = W.Dropdown(options=[(_ALL, _ALL)] + opts, value=_ALL if value is None else value,
                             description=names[col], layout=W.Layout(width="260px" if col == "indicator" else "200px"))
            self.boxes[col] = box
        if filters:
            raise ValueError(f"unknown filter(s) {sorted(filters)}; use {list(M.FILTERS)}")
        self._quiet = _Quiet()
        _observe(self.boxes.values(), self._quiet, self.update)
        self.status = W.HTML(_status(""))
        self.chart = W.Image(format="png", layout=W.Layout(width="420px"))
        self.table = ClickableHTML()
        self.table.on_click(self._row_clicked)
        self.owns_viewer = viewer is None
        self.viewer = viewer if viewer is not None else DocumentViewer(corpus, labels=self.labels)
        filters_box = W.HBox([self.boxes[c] for c in M.FILTERS], layout=W.Layout(flex_flow="row wrap"))
        super().__init__([filters_box, self.status, self.chart, self.table]
                         + ([self.viewer] if self.owns_viewer else []))
        self.add_class("ks-metrics-explorer")
        self.update()

    @property
    def filters(self) -> dict:
        """The filters in force: {column: value} for those not set to (all)."""
        return {c: b.value for c, b in self.boxes.items() if b.value != _ALL}

    def set_filters(self, **filters) -> None:
        """Set some filters (None: all) and update once."""
        with self._quiet:
            for col, val in filters.items():
                self.boxes[col].value = _ALL if val is None else val
        self.update()

    def update(self) -> None:
        """Apply the filters: rows, status line and chart."""
        self.rows = M.filter_metrics(self.metrics, **self.filters).reset_index(drop=True)
        self.selected = None
        self.status.value = _status(M.summary(self.rows, len(self.metrics)))
        self.table.html = M.metrics_html(self.rows, self.corpus, labels=self.labels, limit=self.limit)
        ind = self.filters.get("indicator")
        if ind is None:  # a chart mixing indicators says nothing: shown once one is chosen
            self.chart.layout.display = "none"
            self.chart.value = b""
        else:
            series, unit = M.year_series(self.rows)
            self.chart.value = M.chart_png(series, unit, title=str(ind), labels=self.labels)
            self.chart.layout.display = None

    def open_row(self, i: int) -> None:
        """Open row i of the filtered rows in the document viewer, at the quantity."""
        r = self.rows.iloc[int(i)]
        self.selected = int(i)
        self.table.html = M.metrics_html(self.rows, self.corpus, labels=self.labels, limit=self.limit, selected=self.selected)
        self.viewer.show(r["doc_id"], int(r["start"]), int(r["end"]))

    def _row_clicked(self, key: str) -> None:
        if key.startswith("row:"):
            self.open_row(int(key[4:]))

    def __repr__(self) -> str:
        f = ", ".join(f"{k}={v}" for k, v in self.filters.items()) or "no filter"
        return f"MetricsExplorer: {f}; {len(self.rows)} of {len(self.metrics)} quantities"


class TermView(W.VBox):
    """Top terms by frequency or keyness as bars; a click on a term shows its KWIC (whole
    words, so the concordance counts what the bar counts).

    >>> TermView(tok, corpus, measure="keyness", doc_id=corpus["doc_id"][0])   # doctest: +SKIP
    """

    def __init__(self, tokens: pd.DataFrame, corpus: pd.DataFrame, *, concordance: ConcordanceExplorer | None = None,
                 measure: str = "frequency", doc_id: str | None = None, n: int = 20, labels: dict | None = None,
                 on_term=None):
        self.tokens, self.corpus = tokens, corpus
        self.labels = labels if labels is not None else kslib.display.doc_labels(corpus)
        self.table = pd.DataFrame(columns=["term", "value", "count"])
        self.term: str | None = None
        self.document: str | None = None
        self.description = ""
        self._on_term = on_term
        many = corpus["doc_id"].nunique() > 1
        self.measure_box = W.ToggleButtons(options=["frequency"] + (["keyness"] if many else []), value=measure,
                                           description="by")
        docs = [(self.labels.get(d, d), d) for d in corpus["doc_id"].astype(str)]
        self.doc_box = W.Dropdown(options=[(_ALL, _ALL)] + docs, value=_ALL if doc_id is None else str(doc_id),
                                  description="document", layout=W.Layout(width="260px"))
        self.n_box = W.BoundedIntText(value=n, min=1, max=200, description="terms", layout=W.Layout(width="150px"))
        self.status = W.HTML(_status(""))
        self.bars = ClickableHTML()
        self.bars.on_click(self._term_clicked)
        self.owns_concordance = concordance is None
        self.concordance = concordance if concordance is not None else ConcordanceExplorer(
            corpus, tokens=tokens, labels=self.labels)
        self._quiet = _Quiet()
        _observe([self.measure_box, self.doc_box, self.n_box], self._quiet, self.update)
        super().__init__([W.HBox([self.measure_box, self.doc_box, self.n_box]), self.status, self.bars]
                         + ([self.concordance] if self.owns_concordance else []))
        self.add_class("ks-term-view")
        self.update()

    def update(self) -> None:
        """Recompute the bars for the measure, document and number of terms chosen."""
        measure, doc = self.measure_box.value, self.doc_box.value
        doc = None if doc == _ALL else doc
        if measure == "keyness" and doc is None:
            doc = str(self.corpus["doc_id"].iloc[0])
            with self._quiet:
                self.doc_box.value = doc
        self.document = doc
        self.table = T.term_table(self.tokens, measure=measure, doc_id=doc, n=self.n_box.value, corpus=self.corpus)
        where = self.labels.get(doc, doc) if doc else "the corpus"
        what = ("most frequent terms in " + where if measure == "frequency"
                else f"terms {where} over-uses against the other documents (G²)")
        self.description = f"The {len(self.table)} {what}."
        self.status.value = _status(self.description + " Click a term for its concordance.")
        self.bars.html = T.terms_html(self.table, measure=measure, selected=self.term)

    def select(self, term: str) -> None:
        """Show `term` in the concordance (as a whole word), in the view's document when it has
        one, so the rows are the ones the bar counts (the per-document counts show all documents)."""
        self.term = term
        self.bars.html = T.terms_html(self.table, measure=self.measure_box.value, selected=self.term)
        self.concordance.search(term, mode="words")
        if self.document is not None:
            self.concordance.show_document(self.document)
        if self._on_term is not None:
            self._on_term(term)

    def _term_clicked(self, key: str) -> None:
        if key.startswith("term:"):
            self.select(key[5:])

    def __repr__(self) -> str:
        return f"TermView: {len(self.table)} terms by {self.measure_box.value}"


class Explorer(W.VBox):
    """All four linked: terms → concordance → document, metrics → document; tabs above one
    shared document viewer.

    >>> Explorer(corpus, tokens=tok)       # doctest: +SKIP
    """

    def __init__(self, corpus: pd.DataFrame, *, tokens: pd.DataFrame | None = None, metrics: pd.DataFrame | None = None,
                 query: str = "", labels: dict | None = None):
        labels = labels if labels is not None else kslib.display.doc_labels(corpus)
        tokens = tokens if tokens is not None else kslib.tokens(corpus)
        self.viewer = DocumentViewer(corpus, labels=labels)
        self.concordance = ConcordanceExplorer(corpus, tokens=tokens, query=query, viewer=self.viewer, labels=labels)
        self.tabs = W.Tab()
        self.terms = TermView(tokens, corpus, concordance=self.concordance, labels=labels,
                              on_term=lambda _t: setattr(self.tabs, "selected_index", 1))
        self.metrics = MetricsExplorer(corpus, metrics=metrics, viewer=self.viewer, labels=labels)
        self.tabs.children = [self.terms, self.concordance, self.metrics]
        for i, title in enumerate(("terms", "concordance", "metrics")):
            self.tabs.set_title(i, title)
        super().__init__([self.tabs, self.viewer])
        self.add_class("ks-explorer")

    def __repr__(self) -> str:
        return f"Explorer: {len(self.concordance.corpus)} documents"
