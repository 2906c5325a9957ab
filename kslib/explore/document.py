"""Document view logic: the normalised text line by line with its raw line numbers,
a hit highlighted, and optionally what cleaning removed or changed (kslib.cleaning_log)."""
from __future__ import annotations

import bisect

import numpy as np
import pandas as pd

import kslib

from .html import attr, esc

__all__ = ["document_row", "cleaning_marks", "document_html"]

_WS_GLYPH = {" ": "␣", "\t": "⇥", "\n": "↵", "\r": "␍", "\u3000": "□", "\xa0": "⍽"}


def document_row(corpus: pd.DataFrame, doc_id: str) -> dict:
    """The corpus row of `doc_id` as a dict; KeyError naming the document if it is not there."""
    rows = corpus.loc[corpus["doc_id"].astype(str) == str(doc_id)]
    if rows.empty:
        raise KeyError(f"no document {doc_id!r} in the corpus")
    return rows.iloc[0].to_dict()


def cleaning_marks(doc: dict, *, log: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each cleaning-log entry of one document placed in its normalised text.

    Columns: rule, line (raw), text (raw), replacement, pos (the text position the entry sits
    before; a change covers text[pos:pos+len(replacement)]), kind: "changed" (replacement
    not empty), "whitespace" (removed whitespace only), "block" (removed content spanning a
    line break, shown as its own row) or "inline" (other removed content).
    log: the document's rows of kslib.cleaning_log (computed when None).
    """
    if log is None:
        log = kslib.cleaning_log(pd.DataFrame([doc]))
    log = log[log["doc_id"].astype(str) == str(doc["doc_id"])] if "doc_id" in log.columns else log
    offsets = np.asarray(kslib.normalized(doc).offsets, dtype=np.int64)
    pos = np.searchsorted(offsets, log["raw_start"].to_numpy(dtype=np.int64), side="left")
    kinds = []
    for text, rep in zip(log["text"].astype(str), log["replacement"].fillna("").astype(str)):
        if rep:
            kinds.append("changed")
        elif not text.strip():
            kinds.append("whitespace")
        elif "\n" in text.strip("\r\n ") or text.endswith("\n"):
            kinds.append("block")
        else:
            kinds.append("inline")
    out = pd.DataFrame({"rule": log["rule"].astype(str).to_numpy(), "line": log["line"].astype("int64").to_numpy(),
                        "text": log["text"].astype(str).to_numpy(),
                        "replacement": log["replacement"].fillna("").astype(str).to_numpy(),
                        "pos": pos.astype("int64"), "kind": kinds})
    return out.sort_values(["pos", "line"], kind="stable", ignore_index=True)


def _removed(text: str, rule: str) -> str:
    if not text.strip():
        glyphs = "".join(_WS_GLYPH.get(ch, "·") for ch in text)
        return f'<span class="ks-ws" title="{attr(rule)}: removed whitespace">{esc(glyphs)}</span>'
    return f'<del class="ks-del" title="{attr(rule)}">{esc(text)}</del>'


def document_html(doc: dict, *, hit: tuple[int, int] | None = None, label: str | None = None,
                  show_removed: bool = False, line_numbers: bool = True, log: pd.DataFrame | None = None) -> str:
    """One document as HTML: one row per line of its normalised `text`, the raw file's line
    number in the margin, `hit` (start, end offsets in `text`) highlighted and marked
    `ks-focus` (the widget scrolls there). show_removed: removed spans struck through where
    they stood (whole removed paragraphs as rows of their own with their raw lines), changed
    spans underlined with the raw form in the tooltip.

    >>> corpus = kslib.load_corpus()                                        # doctest: +SKIP
    >>> document_html(corpus.iloc[0].to_dict(), hit=(10, 12), show_removed=True)  # doctest: +SKIP
    """
    text = str(doc["text"])
    n = len(text)
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    ends = [s - 1 for s in starts[1:]] + [n]
    raw_lines = kslib.normalized(doc).raw_lines(starts) if n else np.array([1])
    hs, he = (max(0, int(hit[0])), min(n, int(hit[1]))) if hit is not None else (-1, -1)

    chg = np.full(n + 1, -1, dtype=np.int64)  # index of the change covering each char
    inserts: dict[int, list[str]] = {}  # text position -> removed spans shown before it
    blocks: dict[int, list[tuple[bool, str]]] = {}  # line index -> (before?, row html)
    marks = cleaning_marks(doc, log=log) if show_removed else None
    if marks is not None:
        for j, m in enumerate(marks.itertuples(index=False)):
            p = min(int(m.pos), n)
            if m.kind == "changed":
                chg[p:min(n, p + len(m.replacement))] = j
            elif m.kind == "block":
                li = max(0, bisect.bisect_right(starts, p) - 1)
                last = m.line + m.text.rstrip("\n").count("\n")
                span = f"{m.line}" if last == m.line else f"{m.line}–{last}"
                margin = f'<span class="ks-ln">{span}</span>' if line_numbers else ""
                row = (f'<div class="ks-doc-line ks-removed-line">{margin}'
                       f'<span class="ks-tx">{_removed(m.text.rstrip(chr(10)), m.rule)}'
                       f'<span class="ks-rule">{esc(m.rule)}</span></span></div>')
                blocks.setdefault(li, []).append((p <= starts[li], row))
            else:
                inserts.setdefault(p, []).append(_removed(m.text, m.rule))

    out = []
    focus_done = False
    for li, (s, e) in enumerate(zip(starts, ends)):
        out += [row for before, row in blocks.get(li, []) if before]
        cuts = {s, e} | {p for p in inserts if s <= p <= e}
        if hs < he:
            cuts |= {min(max(hs, s), e), min(max(he, s), e)}
        if marks is not None and e > s:
            seg = chg[s:e]
            cuts |= {s + int(i) for i in np.flatnonzero(np.diff(seg)) + 1}
        cuts = sorted(cuts)
        parts = []
        for a, b in zip(cuts, cuts[1:] + [None]):
            parts += inserts.get(a, []) if s <= a <= e else []
            if b is None or a >= b:
                continue
            piece = esc(text[a:b])
            classes = []
            if hs <= a < he:
                classes.append("ks-hit")
                if not focus_done:
                    classes.append("ks-focus")
                    focus_done = True
            title = ""
            if marks is not None and chg[a] >= 0:
                m = marks.iloc[int(chg[a])]
                classes.append("ks-chg")
                title = f' title="{attr(m["rule"])}: {attr(m["text"])} → {attr(m["replacement"])}"'
            parts.append(f'<span class="{" ".join(classes)}"{title}>{piece}</span>' if classes else piece)
        number = int(raw_lines[li]) if e > s else ""  # a blank line between paragraphs gets no number
        ln = f'<span class="ks-ln">{number}</span>' if line_numbers else ""
        out.append(f'<div class="ks-doc-line">{ln}<span class="ks-tx">{"".join(parts) or "&#8203;"}</span></div>')
        out += [row for before, row in blocks.get(li, []) if not before]
    head = esc(label or doc["doc_id"])
    title = str(doc.get("title") or "")
    if title and title != "nan":
        head += f' · {esc(title[:120])}'
    if hit is not None and n:
        head += f' · raw line {int(kslib.normalized(doc).raw_line(min(hs, n - 1)))}'
    return (f'<div class="ks-view ks-doc"><div class="ks-doc-head" title="{attr(doc["doc_id"])}">{head}</div>'
            f'<div class="ks-scroll ks-doc-body">{"".join(out)}</div></div>')
