"""How notebooks show results to a person: tables as HTML (sortable and searchable when long, via
itables offline; pandas Styler when short) with a stable plain-text form for nbval, values written with
their units (762 亿元, 7.1 %), document labels, and findings rendered from the data.

Every HTML output is deterministic (ids derived from the table's content, never random), so a
re-executed notebook compares equal under nbval; the text/plain form is the fixed-precision text
kslib.show always printed.
"""
from __future__ import annotations

import functools
import hashlib
import html
import math
import string
from collections import Counter
from importlib import resources

import numpy as np
import pandas as pd

__all__ = ["show", "table", "Table", "short_ids", "doc_labels", "finding", "Finding", "items", "plural",
           "format_value", "format_quantity", "init_tables", "INTERACTIVE_ROWS"]

INTERACTIVE_ROWS = 15    # tables longer than this are sortable and searchable (itables)
PAGE_ROWS = 10           # rows per page of an interactive table
HTML_MAX_ROWS = 500      # rows embedded in a notebook's HTML; the CSV export always has all
_DOC_COLUMNS = ("doc_id", "doc_a", "doc_b", "target")


@functools.lru_cache(maxsize=1)
def _config() -> dict:
    import yaml

    return yaml.safe_load(resources.files("kslib.data").joinpath("display.yaml").read_text("utf-8"))


# ---------------------------------------------------------------- numbers and units

def format_value(value, *, digits: int = 2) -> str:
    """A number as a person writes it: integers without decimals, others with at most `digits`
    decimals and no trailing zeros (7.1, 0.35, 762); NaN/None -> ""."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    v = float(value)
    if v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    if abs(v) < 10 ** -digits and v != 0:
        return f"{v:.{max(1, digits - 1)}e}"
    text = f"{v:.{digits}f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


def format_quantity(value, unit, value_max=None, *, digits: int = 2, qualifier: str | None = None) -> str:
    """A metric as the documents write it: 7.62e10 CNY -> "762 亿元", 7.1 % -> "7.1 %", 0.5 pp ->
    "0.5 个百分点", 1.75 ratio -> "1.75:1", rank 3 -> "第3", 800000 头 -> "80 万头"; a range
    (value_max) -> "15–20 %"; a qualifier where the documents put it ("突破 100 亿元", "900 万人以上").
    Unknown units are written after the number as they are."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    q = "" if qualifier is None or (isinstance(qualifier, float) and math.isnan(qualifier)) else str(qualifier)
    if q:
        bare = format_quantity(value, unit, value_max, digits=digits)
        return f"{bare}{q}" if q in _config().get("suffix_qualifiers", []) else f"{q} {bare}"
    unit = "" if unit is None or (isinstance(unit, float) and math.isnan(unit)) else str(unit)
    spec = _config()["units"].get(unit)
    has_max = value_max is not None and not (isinstance(value_max, float) and math.isnan(value_max))
    if spec is None:
        spec = {"zh": unit, "scale": bool(_config().get("scale_counts")) and bool(unit)}
    word, prefix = spec.get("zh", unit), spec.get("prefix", "")
    v, vmax = float(value), float(value_max) if has_max else None
    if spec.get("scale"):
        # one magnitude for both ends of a range, chosen by the larger
        top = max(abs(v), abs(vmax) if vmax is not None else 0.0)
        for mag, factor in sorted(_config()["magnitudes"].items(), key=lambda kv: -kv[1]):
            if top >= factor:
                v, word = v / factor, mag + word
                vmax = vmax / factor if vmax is not None else None
                break
    number = format_value(v, digits=digits)
    if vmax is not None:
        number += "–" + format_value(vmax, digits=digits)
    if unit == "ratio":
        return f"{number}:1"
    if unit == "%":
        return f"{number} %"
    return f"{prefix}{number}" + (f" {word}" if word else "")


# ---------------------------------------------------------------- document labels

def short_ids(doc_ids) -> dict:
    """doc_id -> a short unique id: the part before the first "_" (000_96cb… -> 000) when that is
    unique, else the shortest unique prefix of at least 3 characters, else the doc_id itself."""
    ids = sorted({str(d) for d in doc_ids})
    heads = [d.split("_")[0] for d in ids]
    if len(set(heads)) == len(ids):
        return dict(zip(ids, heads))
    out = {}
    for d in ids:
        for n in range(3, len(d) + 1):
            if sum(1 for o in ids if o[:n] == d[:n]) == 1:
                out[d] = d[:n]
                break
        else:
            out[d] = d
    return out


def _language(language: str | None) -> str:
    if language is not None:
        return language
    from .figures import language as figure_language

    return figure_language()


def doc_labels(corpus: pd.DataFrame, *, language: str | None = None) -> dict:
    """doc_id -> short label "001 高新区 2019" (short id, subject, year of the date); with
    language="en" the subject in English ("001 high-tech zone 2019"), as kslib/data/display.yaml
    names it, else as the metadata has it. Default: the language of use_paper_style()."""
    lang = _language(language)
    subjects = _config()["subjects"]
    short = short_ids(corpus["doc_id"])
    out = {}
    for r in corpus.itertuples():
        raw = getattr(r, "subject", "")
        raw = "" if raw is None or (isinstance(raw, float) and math.isnan(raw)) else str(raw)
        subj = subjects.get(raw, {}).get(lang, raw)
        year = str(getattr(r, "date", ""))[:4]
        out[r.doc_id] = " ".join(x for x in (short[str(r.doc_id)], subj, year) if x and x != "nan")
    return out


# ---------------------------------------------------------------- findings

def plural(n, singular: str, plural_form: str | None = None) -> str:
    """"1 document", "3 documents" (plural_form default: singular + "s")."""
    word = singular if _is_one(n) else (plural_form or singular + "s")
    return f"{format_value(n)} {word}"


def _is_one(n) -> bool:
    try:
        return float(n) == 1
    except (TypeError, ValueError):
        return len(n) == 1


def _join(values, last: str = " and ", sep: str = ", ") -> str:
    values = [str(v) for v in values]
    if len(values) <= 1:
        return "".join(values)
    return sep.join(values[:-1]) + last + values[-1]


class _FindingFormatter(string.Formatter):
    """str.format with two extra field specs:
    {n:singular|plural} picks a form by n == 1 ("#" in a form stands for the number):
        {n:# is a target|# are targets} -> "1 is a target" / "3 are targets";
    {xs:list} joins a sequence "a, b and c" ({xs:list-or}: "a, b or c"; {xs:、}: "a、b、c")."""

    def format_field(self, value, spec):
        if "|" in spec:
            one, many = spec.split("|", 1)
            form = one if _is_one(value) else many
            return form.replace("#", format_value(value) if not isinstance(value, (list, tuple)) else
                                str(len(value)))
        if spec == "list":
            return _join(value)
        if spec == "list-or":
            return _join(value, last=" or ")
        if spec == "、":
            return "、".join(str(v) for v in value)
        if spec == "" and isinstance(value, float):
            return format_value(value)
        return super().format_field(value, spec)


class Finding(str):
    """A sentence rendered from data; shown as Markdown in a notebook, as itself in text."""

    def _repr_markdown_(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return str(self)

    def __add__(self, other) -> "Finding":  # sentences joined stay a Finding (shown as Markdown)
        return Finding(str(self) + str(other))

    def __radd__(self, other) -> "Finding":
        return Finding(str(other) + str(self))


def finding(template: str, /, **values) -> Finding:
    """Render a sentence from data: str.format fields plus {n:one|many} agreement (with "#" for the
    number) and {xs:list} joins, e.g.
    finding("{n:# mention|# mentions}, {t:# is a target|# are targets}", n=209, t=1)
    -> "209 mentions, 1 is a target". Floats print without trailing zeros (7.1, not 7.100000)."""
    return Finding(_FindingFormatter().format(template, **values))


def items(df: pd.DataFrame, template: str, *, last: str = " and ", sep: str = ", ", n: int | None = None) -> str:
    """Rows of a table as one phrase: items(top, "{term} ({count})") -> "昆山 (87), 建设 (81) and 发展 (79)"."""
    rows = df.head(n) if n is not None else df
    return _join([finding(template, **r) for r in rows.to_dict("records")], last=last, sep=sep)


# ---------------------------------------------------------------- tables

def _cell_strings(col: pd.Series, digits: int, max_colwidth: int) -> pd.Series:
    if pd.api.types.is_float_dtype(col):
        return col.map(lambda v: "" if pd.isna(v) else f"{v:.{digits}f}")
    if col.dtype == object or pd.api.types.is_string_dtype(col):
        return col.map(lambda v: v if not isinstance(v, str) or len(v) <= max_colwidth
                       else v[: max_colwidth - 1] + "…")
    return col


def _text(df: pd.DataFrame, digits: int, max_rows: int | None, max_colwidth: int) -> str:
    """The stable plain-text form (fixed precision, long strings cut, first max_rows rows)."""
    # by position, so tables with repeated column names work too
    out = pd.concat([_cell_strings(df.iloc[:, i], digits, max_colwidth) for i in range(df.shape[1])],
                    axis=1, ignore_index=True) if df.shape[1] else df.copy()
    out.columns = df.columns
    n = len(out)
    if max_rows is not None and n > max_rows:
        out = out.head(max_rows)
    text = out.to_string(index=False)
    if max_rows is not None and n > max_rows:
        text += f"\n… {n - max_rows} more rows ({n} in all)"
    return text


_P_COLUMNS = ("p", "p_value")
_QUIET_INT_COLUMNS = ("year", "line", "line_a", "line_b", "raw_line", "start", "end", "first_line")


def _html_cell(value, column: str, digits: int) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, float):
        if column in _P_COLUMNS:
            return f"{value:.1e}" if 0 < value < 0.001 else f"{value:.3f}"
        return format_value(value, digits=digits)
    return str(value)


_seen: Counter = Counter()


def _table_id(df: pd.DataFrame, caption: str) -> str:
    """An HTML id from the table's content (and the notebook), numbered when the same table is shown
    again in this process: the same notebook run gives the same ids, two tables never share one."""
    from .figures import current_output

    out = current_output()
    h = hashlib.sha256()
    h.update(((out.notebook or "") if out else "").encode())
    h.update(caption.encode())
    h.update(pd.util.hash_pandas_object(df.astype(str), index=False).to_numpy().tobytes())
    h.update("\x1f".join(map(str, df.columns)).encode())
    key = h.hexdigest()[:10]
    _seen[key] += 1
    return f"kslib-{key}-{_seen[key]}"


def _kwic_alignment(columns) -> dict:
    """Concordance columns aligned as a reader expects: left context right-aligned against the
    keyword, the keyword bold and centred, the right context left-aligned."""
    cols = list(columns)
    if "keyword" in cols and "left" in cols and "right" in cols:
        return {"left": "text-align:right", "keyword": "text-align:center;font-weight:bold",
                "right": "text-align:left"}
    return {}


class Table:
    """A DataFrame shown for reading: HTML (Styler when short, itables when longer than
    INTERACTIVE_ROWS: sortable, searchable, paged) with values written with their units and document
    labels in full; its text/plain form is the stable text nbval compares. Build with table()."""

    def __init__(self, df: pd.DataFrame, *, caption: str = "", labels: dict | None = None,
                 empty: str | None = None, digits: int = 3, max_rows: int | None = 40, max_colwidth: int = 40,
                 interactive: bool | None = None, quantities=True):
        self.df = df
        self.caption = caption
        self.labels = labels or {}
        self.empty = empty
        self.digits = digits
        self.max_rows = max_rows
        self.max_colwidth = max_colwidth
        self.interactive = len(df) > INTERACTIVE_ROWS if interactive is None else interactive
        # columns written with the row's unit: True -> "value" (with value_max), a list -> those columns
        self.quantities = ["value"] if quantities is True else list(quantities or [])

    # what a reader sees -------------------------------------------------
    def _empty_message(self) -> str:
        return self.empty or (f"No rows: {self.caption}" if self.caption else "No rows.")

    def readable(self) -> pd.DataFrame:
        """The table as shown in HTML: document ids replaced by their labels, value + unit (+ value_max)
        as one "value" column written with the unit (762 亿元), other cells as text."""
        df = self.df.copy()
        for c in _DOC_COLUMNS:
            if c in df.columns and self.labels:
                df[c] = df[c].map(lambda d: self.labels.get(d, d))
        cols = self._quantity_columns()
        if cols:
            none = pd.Series([None] * len(df), index=df.index)
            for c in cols:
                vmax = df["value_max"] if c == "value" and "value_max" in df.columns else none
                df[c] = [format_quantity(v, u, m) for v, u, m in zip(df[c], df["unit"], vmax)]
            df = df.drop(columns=[c for c in ("unit", "value_max") if c in df.columns])
        return df

    def _quantity_columns(self) -> list:
        """The columns written with the row's unit (762 亿元), when the table has a unit column."""
        if "unit" not in self.df.columns or not self.df.columns.is_unique:
            return []
        return [c for c in self.quantities if c in self.df.columns]

    def __repr__(self) -> str:
        if self.df.empty:
            return self._empty_message()
        shown = self.readable()
        cells = self._cells(shown)
        text = _text(cells, self.digits, self.max_rows, self.max_colwidth)
        return f"{self.caption}\n{text}" if self.caption else text

    def _repr_html_(self) -> str:
        if self.df.empty:
            return f'<p class="kslib-empty"><em>{html.escape(self._empty_message())}</em></p>'
        if self.interactive:
            return self._itables_html()
        return self._styler_html()

    # renderers ------------------------------------------------------------
    def _cells(self, df: pd.DataFrame) -> pd.DataFrame:
        out = pd.DataFrame({i: [_html_cell(v, str(c), self.digits) for v in df.iloc[:, i]]
                            for i, c in enumerate(df.columns)}, index=range(len(df)))
        out.columns = df.columns
        return out

    def _numeric_columns(self, shown: pd.DataFrame) -> list[int]:
        src = self.readable()
        return [i for i, c in enumerate(src.columns)
                if pd.api.types.is_numeric_dtype(src.iloc[:, i]) and not pd.api.types.is_bool_dtype(src.iloc[:, i])]

    def _styler_html(self, shown: pd.DataFrame | None = None, caption: str | None = None) -> str:
        shown = self.readable() if shown is None else shown
        caption = self.caption if caption is None else caption
        cells = self._cells(shown)
        uid = _table_id(cells, caption).replace("-", "_")
        css = {c: "text-align:right;white-space:nowrap" for c in
               [shown.columns[i] for i in self._numeric_columns(shown)]}
        for c in self._quantity_columns():
            css[c] = "text-align:right;white-space:nowrap"
        css.update(_kwic_alignment(shown.columns))
        styles = [{"selector": "td, th", "props": "vertical-align:top;padding:2px 8px;"},
                  {"selector": "th", "props": "text-align:left;"}]
        cols = list(shown.columns)
        styles += [{"selector": f"td.col{cols.index(c)}", "props": v} for c, v in css.items()]
        st = cells.style.hide(axis="index").set_uuid(uid).set_table_styles(styles)
        if caption:
            st = st.set_caption(html.escape(caption))
        return st.to_html()

    def _itables_html(self) -> str:
        from itables import to_html_datatable

        shown = self.readable()
        n = len(shown)
        if n > HTML_MAX_ROWS:
            shown = shown.head(HTML_MAX_ROWS)
        cells = self._cells(shown)
        # numbers sort as numbers: each numeric column is sorted by a hidden copy holding the value
        # (a quantity column by its value, not by "762 亿元")
        numeric = self._numeric_columns(shown)
        order_cols = {}
        data = cells.copy()
        src = self.df.head(len(shown)).reset_index(drop=True)
        for c in self._quantity_columns():
            order_cols[list(shown.columns).index(c)] = pd.to_numeric(src[c], errors="coerce").astype(float)
        for i in numeric:
            order_cols.setdefault(i, pd.to_numeric(shown.iloc[:, i], errors="coerce").reset_index(drop=True))
        defs = []
        for k, (i, values) in enumerate(sorted(order_cols.items())):
            hidden = f"\u2063sort{k}"  # an invisible, unique column name
            data[hidden] = values.astype(float).where(values.notna(), None).to_numpy()
            j = data.columns.get_loc(hidden)
            defs += [{"targets": [j], "visible": False, "searchable": False},
                     {"targets": [i], "orderData": [j], "className": "dt-right"}]
        for col, css in _kwic_alignment(shown.columns).items():
            cls = {"left": "dt-right", "keyword": "dt-center", "right": "dt-left"}[col]
            defs.append({"targets": [list(shown.columns).index(col)], "className": cls})
        caption = self.caption
        if n > len(shown):
            caption = f"{caption} (first {len(shown)} of {n} rows; the CSV export has all)".strip()
        tid = _table_id(data, caption).replace("-", "_")
        out = to_html_datatable(
            data, table_id=tid, connected=False, showIndex=False,
            caption=caption or None, columnDefs=defs, pageLength=PAGE_ROWS, lengthMenu=[10, 25, 100, -1],
            classes="display compact", maxBytes=0, maxColumns=0, order=[], allow_html=False,
            style="table-layout:auto;width:auto;margin:0;caption-side:top",
        )
        # itables' static preview (shown where no script runs: an untrusted notebook, GitHub) lists the
        # first page with every column, the hidden sort columns too; ours is the whole readable table
        static = (f'<div style="max-height:32em;overflow:auto">{self._styler_html(shown, caption)}</div>'
                  f'<p style="font-size:smaller"><em>{n} rows; sortable and searchable once the notebook is '
                  f'trusted</em></p>')
        head = f'<div id="{tid}_fallback">'
        tail = f'</div><script>document.getElementById("{tid}")'
        i, j = out.find(head), out.find(tail)
        if i < 0 or j < i:
            raise RuntimeError("itables' HTML has changed: no static preview block to replace")
        return out[: i + len(head)] + static + out[j:]


def table(df: pd.DataFrame, *, caption: str = "", labels: dict | None = None, empty: str | None = None,
          **kwargs) -> Table:
    """A table for reading in a notebook (the cell's last expression, or pass it to display()).
    `labels`: doc_id -> label for the doc_id/doc_a/doc_b/target columns; `empty`: what was looked for,
    said instead of an empty table ("no formula such as 1+5+22 or 五区一线 was found")."""
    return Table(df, caption=caption, labels=labels, empty=empty, **kwargs)


def _in_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    ip = get_ipython()
    return ip is not None and getattr(ip, "kernel", None) is not None


def show(df: pd.DataFrame, *, digits: int = 3, max_rows: int | None = 40, max_colwidth: int = 40,
         caption: str = "", labels: dict | None = None, empty: str | None = None) -> None:
    """Show a DataFrame: in a notebook as an HTML table (kslib.display.table) whose plain-text form is
    the fixed-precision text; elsewhere that text is printed (the first `max_rows` rows, and how many
    were left out)."""
    t = Table(df, caption=caption, labels=labels, empty=empty, digits=digits, max_rows=max_rows,
              max_colwidth=max_colwidth)
    if _in_kernel():
        from IPython.display import display

        display(t)
    else:
        print(repr(t))


def init_tables() -> None:
    """Embed itables' JavaScript and CSS in this notebook's output (offline: the bundle comes from the
    installed package, nothing is fetched from a CDN); call it once in an early cell. The notebook must
    be trusted for the tables to become interactive (`make lab` trusts the committed notebooks);
    untrusted (or on a web page that runs no script) each long table shows its static preview."""
    if _in_kernel():
        import itables

        itables.init_notebook_mode(all_interactive=False, connected=False)
