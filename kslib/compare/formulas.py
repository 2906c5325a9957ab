"""Numbered formulas and slogans (1+5+22, 631计划, 五区一线, 三大法宝, 十四五): general patterns from
kslib/data/formulas.yaml, one row per mention; and which formulas recur in which documents."""
from __future__ import annotations

import functools
import re
from importlib import resources
from typing import Callable

import numpy as np
import pandas as pd
import yaml

from ..dfm import doc_prefix

__all__ = ["extract_formulas", "formula_recurrence", "formula_rules"]

@functools.lru_cache(maxsize=None)
def formula_rules(path: str | None = None) -> dict:
    if path is None:
        text = resources.files("kslib.data").joinpath("formulas.yaml").read_text("utf-8")
    else:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    cfg = yaml.safe_load(text)
    ph = cfg["placeholders"]

    def expand(rx: str) -> str:
        for key in sorted(ph, key=len, reverse=True):
            rx = rx.replace("{" + key + "}", ph[key])
        return rx

    cfg["compiled"] = []
    for i, p in enumerate(cfg["patterns"]):
        cfg["compiled"].append({"name": p["name"], "kind": p["kind"], "rank": i,
                                "quoted": bool(p.get("quoted", False)), "rx": re.compile(expand(p["regex"]))})
    cfg["quote_rx"] = re.compile(expand("({Q})([^“”「」『』\"‘’\n]{1,14})({/Q})"))
    cfg["open_q"], cfg["close_q"] = re.compile(expand("{Q}")), re.compile(expand("{/Q}"))
    cfg["not_words"] = tuple(cfg.get("not_words", []))
    cfg["idioms"] = frozenset(cfg.get("idioms", []))
    return cfg


def formula_spans(text: str, cfg: dict) -> list[tuple[int, int, str, str, int]]:
    """Candidate (start, end, formula, kind, rank) in text, overlaps resolved: longest first,
    then earlier pattern, then earlier start."""
    cands = []
    quoted = [(m.start(2), m.end(2)) for m in cfg["quote_rx"].finditer(text)]
    for p in cfg["compiled"]:
        if p["quoted"]:
            for s, e in quoted:
                if p["rx"].fullmatch(text, s, e):
                    cands.append((s, e, p))
            continue
        for m in p["rx"].finditer(text):
            s, e = m.span()
            if p["name"] == "digit_programme":  # 「631」计划 -> 631计划
                cands.append((m.start(1), e, p, m.group(1) + m.group(2)))
                continue
            # right after an opening quote: the whole quoted name, when it has the same shape
            if p["kind"] == "numeral" and s > 0 and cfg["open_q"].fullmatch(text[s - 1]):
                close = cfg["close_q"].search(text, e, min(e + 9, len(text)))
                if close and p["rx"].fullmatch(text, s, close.start()):
                    e = close.start()
            cands.append((s, e, p))
    out, taken = [], np.zeros(len(text) + 1, dtype=bool)
    norm = []
    for c in cands:
        s, e, p = c[0], c[1], c[2]
        form = c[3] if len(c) > 3 else text[s:e]
        if p["kind"] == "numeral":
            if form in cfg["idioms"] or form[:2] in cfg["not_words"]:
                continue
        norm.append((s, e, form, p["kind"], p["rank"]))
    for s, e, form, kind, rank in sorted(norm, key=lambda x: (-(x[1] - x[0]), x[4], x[0])):
        if taken[s:e].any():
            continue
        taken[s:e] = True
        out.append((s, e, form, kind, rank))
    return sorted(out)


def as_docs(obj) -> list[tuple[str, str, Callable[[int], int], str]]:
    """(doc_id, text, line_of(pos), raw_text_for_lines) from a corpus DataFrame, a dict
    {doc_id: text}, or a single string (doc_id "text")."""
    if isinstance(obj, pd.DataFrame):
        from ..corpus import normalized

        docs = []
        for _, row in obj.sort_values("doc_id").iterrows():
            nz = normalized(row)
            docs.append((str(row["doc_id"]), row["text"], nz.raw_line, row["raw"]))
        return docs
    items = obj.items() if isinstance(obj, dict) else [("text", obj)]
    docs = []
    for d, t in sorted(items):
        starts = np.array([0] + [m.end() for m in re.finditer("\n", t)])
        docs.append((str(d), t, (lambda pos, st=starts: int(np.searchsorted(st, pos, side="right"))), t))
    return docs


def extract_formulas(obj, *, window: int = 15, rules: str | None = None) -> pd.DataFrame:
    """Numbered formulas and slogans, one row per mention.

    obj: a corpus (load_corpus), a dict {doc_id: text} or one string. Patterns (general shapes:
    digits joined by +, a quoted digit code + 计划/专项行动, numeral+character units in a row, numeral+大+noun,
    quoted numeral+个+name, quoted short numeral names, five-year plans) are in kslib/data/formulas.yaml
    (or the YAML file `rules`). Ordinary numbers (三个月, 第一, 2018年, 一是) are not matched.
    Columns: doc_id, start, end (offsets in `text`), line (1-based raw line; for strings the line
    of the string), raw_line (that raw line, trimmed), formula (as written; 「631」计划 -> 631计划),
    kind (digit|numeral), context (`window` characters either side, newlines as ⏎).
    """
    cfg = formula_rules(rules)
    rows = []
    for doc_id, text, line_of, raw in as_docs(obj):
        raw_lines = raw.split("\n")
        for s, e, form, kind, _ in formula_spans(text, cfg):
            line = int(line_of(s))
            ctx = text[max(0, s - window):min(len(text), e + window)].replace("\n", "⏎")
            rows.append({"doc_id": doc_id, "start": s, "end": e, "line": line,
                         "raw_line": raw_lines[line - 1].strip() if 0 < line <= len(raw_lines) else "",
                         "formula": form, "kind": kind, "context": ctx})
    cols = ["doc_id", "start", "end", "line", "raw_line", "formula", "kind", "context"]
    return pd.DataFrame(rows, columns=cols).sort_values(["doc_id", "start"], ignore_index=True)


def formula_recurrence(formulas: pd.DataFrame) -> pd.DataFrame:
    """Which formulas recur: one row per formula with kind, documents (number of documents
    mentioning it), mentions, doc_ids (3-digit prefixes, ' '-joined) and first (doc:line of
    the first mention). Sorted by documents, mentions (descending), then formula."""
    if formulas.empty:
        return pd.DataFrame(columns=["formula", "kind", "documents", "mentions", "doc_ids", "first"])
    g = formulas.sort_values(["doc_id", "start"]).groupby(["formula", "kind"], sort=True)
    out = g.agg(documents=("doc_id", "nunique"), mentions=("doc_id", "size"),
                doc_ids=("doc_id", lambda s: " ".join(sorted({doc_prefix(d) for d in s}))),
                first=("doc_id", "first"), first_line=("line", "first")).reset_index()
    out["first"] = out["first"].map(doc_prefix) + ":" + out["first_line"].astype(str)
    out = out.drop(columns="first_line")
    return out.sort_values(["documents", "mentions", "formula"], ascending=[False, False, True],
                           ignore_index=True)
