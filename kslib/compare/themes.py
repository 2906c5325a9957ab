"""Themes: a dictionary of policy themes (kslib/data/themes.yaml) matched as token sequences,
per 1,000 tokens of each document."""
from __future__ import annotations

from importlib import resources
from typing import Callable

import numpy as np
import pandas as pd
import yaml

from ..dfm import doc_order

__all__ = ["theme_dictionary", "theme_shares"]

def theme_dictionary(path=None) -> dict:
    """The theme dictionary: {theme: {"description": str, "terms": [str, ...]}} from
    kslib/data/themes.yaml (or a YAML file at `path` with the same layout)."""
    if path is None:
        text = resources.files("kslib.data").joinpath("themes.yaml").read_text("utf-8")
    else:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    cfg = yaml.safe_load(text)["themes"]
    return {name: {"description": v.get("description", ""), "terms": list(v["terms"])} for name, v in cfg.items()}


def default_tokenize():
    from .. import segment  # noqa: WPS433 (kslib.segment provides the corpus tokenizer)

    return segment.tokenize


def theme_shares(tokens: pd.DataFrame, *, dictionary: dict | str | None = None,
                 tokenize: Callable[[str], list] | None = None, detail: bool = False) -> pd.DataFrame:
    """Theme shares per document: matches of each theme's entries per 1,000 tokens.

    dictionary: {theme: [entries]} or {theme: {"terms": [...]}}, a YAML path, or None for
    kslib/data/themes.yaml. Each entry is segmented with `tokenize` (default kslib.tokenize, the
    tokenizer that made the tokens table) and matched as a token sequence over the document's tokens
    in order (so 科技创新 matches whether jieba keeps it whole or splits it 科技/创新 — as long as the
    text is split the same way). Within a theme, matches are counted without overlap, longest entry
    first; a token can count for several themes. per_1k = matches per 1,000 non-punctuation tokens.
    A shorter entry does not match inside a longer token (党组织 inside 基层党组织): list such compounds.
    Returns doc_id, theme, matches, per_1k (all documents x themes, sorted); with detail=True one row
    per (doc_id, theme, entry) with matches instead.
    """
    if dictionary is None or isinstance(dictionary, str):
        dictionary = theme_dictionary(dictionary)
    tokenize = tokenize or default_tokenize()
    themes = {name: (v["terms"] if isinstance(v, dict) else list(v)) for name, v in dictionary.items()}
    docs = doc_order(tokens)
    toks = tokens.sort_values(["doc_id", "position"]) if "position" in tokens.columns else tokens
    seqs = {d: g["token"].astype(str).tolist() for d, g in toks.groupby(toks["doc_id"].astype(str), sort=True)}
    denom = {}
    for d, g in toks.groupby(toks["doc_id"].astype(str), sort=True):
        denom[d] = int((~g["is_punct"].astype(bool)).sum()) if "is_punct" in g.columns else len(g)
    rows = []
    for theme, entries in themes.items():
        segs = []
        for e in dict.fromkeys(entries):
            seg = tuple(t for t in tokenize(e) if t.strip())
            if seg:
                segs.append((e, seg))
        segs.sort(key=lambda x: (-len("".join(x[1])), x[0]))
        for d in docs:
            seq = seqs.get(d, [])
            used = np.zeros(len(seq), dtype=bool)
            index: dict[str, list[int]] = {}
            for i, t in enumerate(seq):
                index.setdefault(t, []).append(i)
            for entry, seg in segs:
                k, hits = len(seg), 0
                for i in index.get(seg[0], []):
                    if tuple(seq[i:i + k]) == seg and not used[i:i + k].any():
                        used[i:i + k] = True
                        hits += 1
                rows.append({"doc_id": d, "theme": theme, "entry": entry, "matches": hits})
    out = pd.DataFrame(rows, columns=["doc_id", "theme", "entry", "matches"])
    if detail:
        return out.sort_values(["doc_id", "theme", "matches", "entry"], ascending=[True, True, False, True],
                               ignore_index=True)
    agg = out.groupby(["doc_id", "theme"], as_index=False, sort=False)["matches"].sum()
    agg["per_1k"] = [1000 * m / denom[d] if denom.get(d) else 0.0 for d, m in zip(agg["doc_id"], agg["matches"])]
    theme_order = {t: i for i, t in enumerate(themes)}
    agg = agg.assign(_t=agg["theme"].map(theme_order)).sort_values(["doc_id", "_t"]).drop(columns="_t")
    return agg.reset_index(drop=True)
