"""Shared HTML pieces of the explorers: escaping, the style sheet, number formatting.

Every view is a plain HTML string built here in Python (testable without a browser);
elements a person can click carry a `data-key` attribute that the widget sends back.
"""
from __future__ import annotations

import html
import math

__all__ = ["esc", "attr", "fmt_number", "note", "CSS"]


def esc(value) -> str:
    """HTML-escape a value for element text (None and NaN become "")."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    try:
        import pandas as pd

        if value is pd.NA:
            return ""
    except ImportError:  # pragma: no cover
        pass
    return html.escape(str(value), quote=False)


def attr(value) -> str:
    """HTML-escape a value for use inside a double-quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def fmt_number(value: float) -> str:
    """A quantity as a person reads it: 7.62e10 -> "76,200,000,000", 7.1 -> "7.1",
    15000.0 -> "15,000"; at most 6 significant digits after the point, never exponent form."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    v = float(value)
    if v == int(v) and abs(v) < 1e18:
        return f"{int(v):,}"
    digits = max(0, 6 - len(str(int(abs(v)))))
    return f"{v:,.{digits}f}".rstrip("0").rstrip(".")


def note(text: str) -> str:
    """A one-line grey note (an empty result, a cut-off list)."""
    return f'<div class="ks-note">{esc(text)}</div>'


# One style sheet for every explorer; JupyterLab's theme variables with fallbacks,
# so the views follow a light or dark theme. No web fonts: the browser's CJK font.
CSS = """
.ks-view { font-size: 13px; line-height: 1.5; color: var(--jp-content-font-color1, #222); }
.ks-view table { border-collapse: collapse; width: 100%; }
.ks-view th { text-align: left; font-weight: 600; border-bottom: 1px solid var(--jp-border-color1, #bbb);
  padding: 2px 6px; position: sticky; top: 0; background: var(--jp-layout-color1, #fff); }
.ks-view td { padding: 1px 6px; vertical-align: top; border-bottom: 1px solid var(--jp-border-color3, #eee); }
.ks-scroll { position: relative; overflow: auto; max-height: 380px; }
.ks-rows tr[data-key] { cursor: pointer; }
.ks-rows tr[data-key]:hover { background: var(--jp-layout-color2, #eef3fb); }
.ks-rows tr.ks-selected[data-key] { background: var(--jp-brand-color3, #cfe2fb); }
.ks-num, .ks-line-col { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.ks-left { text-align: right; white-space: nowrap; color: var(--jp-content-font-color2, #555); }
.ks-right { text-align: left; white-space: nowrap; color: var(--jp-content-font-color2, #555); }
.ks-kw { text-align: center; white-space: nowrap; font-weight: 700; color: var(--jp-brand-color0, #0b4f9c); }
.ks-label { white-space: nowrap; }
.ks-note { color: var(--jp-content-font-color2, #666); font-style: italic; padding: 2px 0; }
.ks-status { padding: 2px 0; }
.ks-counts span[data-key] { cursor: pointer; display: inline-block; margin: 1px 4px 1px 0; padding: 0 6px;
  border: 1px solid var(--jp-border-color1, #bbb); border-radius: 8px; }
.ks-counts span.ks-selected { background: var(--jp-brand-color3, #cfe2fb); }
.ks-doc-head { font-weight: 600; padding: 2px 0; }
.ks-doc-body { font-size: 14px; line-height: 1.7; max-height: 420px; }
.ks-doc-line { display: flex; }
.ks-ln { flex: 0 0 3.5em; text-align: right; padding-right: 8px; color: var(--jp-content-font-color3, #999);
  user-select: none; font-variant-numeric: tabular-nums; }
.ks-tx { flex: 1 1 auto; white-space: pre-wrap; word-break: break-all; }
.ks-hit { background: #ffe066; color: #000; }
.ks-focus { outline: 2px solid #e8590c; }
.ks-del { color: #c92a2a; text-decoration: line-through; background: #fff0f0; }
.ks-ws { color: #c92a2a; font-size: 75%; }
.ks-chg { text-decoration: underline dotted #868e96; }
.ks-removed-line .ks-tx { white-space: pre-wrap; }
.ks-rule { font-size: 75%; color: #c92a2a; margin-left: 4px; }
.ks-bars div[data-key] { cursor: pointer; display: flex; align-items: center; margin: 1px 0; }
.ks-bars div[data-key]:hover .ks-bar { background: var(--jp-brand-color0, #0b4f9c); }
.ks-bars .ks-term { flex: 0 0 9em; text-align: right; padding-right: 6px; white-space: nowrap; overflow: hidden; }
.ks-bars .ks-bar { height: 12px; background: var(--jp-brand-color1, #4a90d9); }
.ks-bars .ks-val { padding-left: 6px; font-variant-numeric: tabular-nums; color: var(--jp-content-font-color2, #555); }
"""
