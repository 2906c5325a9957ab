"""extract_metrics: every quantity of a corpus (or a string) as one traceable row: mention
(kslib.metrics.mentions), then attribution (kslib.metrics.attribute), with the raw line of each.
A bare 元 / $ takes the document's currency (document_currency; rule in kslib/data/regions.yaml)."""
from __future__ import annotations

import functools
import re
import warnings
from importlib import resources

import numpy as np
import pandas as pd
import yaml

from .attribute import attribute
from .mentions import candidates

__all__ = ["COLUMNS", "extract_metrics", "extract_text", "document_currency"]

COLUMNS = ["doc_id", "line", "start", "end", "text", "sentence", "value", "value_max", "unit",
           "qualifier", "indicator", "measure", "kind", "year"]


@functools.lru_cache(maxsize=1)
def _regions() -> dict:
    cfg = yaml.safe_load(resources.files("kslib.data").joinpath("regions.yaml").read_text("utf-8"))
    cfg["by_name"] = {n.casefold(): r["currency"] for r in cfg["regions"].values() for n in r["names"]}
    cfg["cue_re"] = {k: re.compile("|".join(map(re.escape, sorted(r["cues"], key=len, reverse=True))))
                     for k, r in cfg["regions"].items()}
    return cfg


def _known_currencies() -> set[str]:
    from .grammar import currency_codes

    return currency_codes()


def document_currency(text: str, meta: dict | None = None) -> tuple[str, str]:
    """(ISO code, source) of a document's currency for bare 元 / $: source "metadata" (a `currency`
    or `region` column), "inferred" (region cue words in the text) or "default" (CNY). The rule and
    the cue words are in kslib/data/regions.yaml."""
    cfg = _regions()
    meta = {k: v for k, v in (meta or {}).items() if isinstance(v, str)}  # NaN / None: no value
    cur = str(meta.get("currency") or "").strip().upper()
    if cur:
        if cur not in _known_currencies():
            raise ValueError(f"unknown currency {cur!r} in metadata (ISO codes: {sorted(_known_currencies())})")
        return cur, "metadata"
    region = str(meta.get("region") or "").strip()
    if region:
        code = cfg["by_name"].get(region.casefold())
        if code is None:
            raise ValueError(f"unknown region {region!r} in metadata (known: {sorted(cfg['regions'])})")
        return code, "metadata"
    counts = {k: sum(1 for _ in rx.finditer(text)) for k, rx in cfg["cue_re"].items()}
    best = max(sorted(counts), key=lambda k: counts[k])
    others = max([v for k, v in counts.items() if k != best] or [0])
    code = cfg["regions"][best]["currency"]
    if code != cfg["default"] and counts[best] >= cfg["min_cues"] and counts[best] > cfg["dominance"] * others:
        return code, "inferred"
    return cfg["default"], "default"


def _warn_inferred(doc_id: str, code: str, rows: list[dict]) -> None:
    n = sum(1 for r in rows if r.get("currency_source") == "inferred")
    if n:
        from ..corpus import CorpusWarning

        warnings.warn(f"{doc_id or '<string>'}: {n} amount(s) written with a bare 元 / $ read as {code}, "
                      f"inferred from the text (no currency or region metadata; rule in kslib/data/regions.yaml)",
                      CorpusWarning, stacklevel=3)


def _zhao(code: str) -> bool:
    """兆 = 10^12 in documents of a region that writes it so (Taiwan)."""
    return any(r.get("zhao_is_trillion") and r["currency"] == code for r in _regions()["regions"].values())


def extract_text(text: str, *, base_year: int | None = None, currency: str = "CNY",
                 currency_source: str = "default") -> list[dict]:
    rows = candidates(text, currency=currency, currency_source=currency_source, zhao=_zhao(currency))
    attribute(text, rows, base_year)
    for r in rows:
        r["text"] = text[r["start"]:r["end"]]
    return rows


def extract_metrics(obj, *, currency: str | None = None) -> pd.DataFrame:
    """One row per quantity mention, columns `COLUMNS`.

    obj: a corpus DataFrame (kslib.load_corpus) or a string. For a corpus, spans are
    offsets in the normalised `text` and `line` is the 1-based line of the raw file.
    A string is normalised exactly like a document (kslib.normalize: Traditional ->
    Simplified, widths, OCR digits, spaced numbers); doc_id is "", spans are offsets in
    that normalised text and line is the line of the string.

    Amounts written with a bare 元 / $ take the document's currency: `currency` (for a string),
    else a `currency` or `region` column of the corpus, else inferred from the text (Hong Kong,
    Taiwan, Macau cues; a CorpusWarning names the document), else CNY (document_currency).
    """
    if isinstance(obj, str):
        from ..normalize import normalize

        nl = normalize(obj)
        code, src = (currency.upper(), "metadata") if currency else document_currency(nl.text)
        rows = extract_text(nl.text, currency=code, currency_source=src)
        _warn_inferred("", code, rows)
        lines = nl.raw_lines([r["start"] for r in rows]) if rows else []
        for r, line in zip(rows, lines):
            r["doc_id"] = ""
            r["line"] = int(line)
        return frame(rows)
    if isinstance(obj, pd.DataFrame):
        from ..corpus import normalized

        all_rows: list[dict] = []  # one frame at the end: a DataFrame per document costs more than the extraction
        for doc in obj.to_dict("records"):
            n = normalized(doc)
            base = None
            m = re.match(r"(\d{4})", str(doc.get("date") or ""))
            if m:
                base = int(m.group(1))
            code, src = (currency.upper(), "metadata") if currency else document_currency(n.text, doc)
            rows = extract_text(n.text, base_year=base, currency=code, currency_source=src)
            _warn_inferred(doc["doc_id"], code, rows)
            lines = n.raw_lines(np.array([r["start"] for r in rows], dtype=np.int64)) if rows else []
            for r, ln in zip(rows, lines):
                r["doc_id"] = doc["doc_id"]
                r["line"] = int(ln)
            all_rows.extend(rows)
        return frame(all_rows)
    raise TypeError("extract_metrics takes a string or a corpus DataFrame")


def frame(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=COLUMNS)
    df = df.astype({"doc_id": str, "line": "int64", "start": "int64", "end": "int64", "text": str,
                    "sentence": str, "value": "float64", "value_max": "float64", "unit": str,
                    "qualifier": str, "indicator": str, "measure": str, "kind": str})
    df["year"] = pd.array([None if y is None or (isinstance(y, float) and np.isnan(y)) else int(y)
                           for y in df["year"]], dtype="Int64")
    return df.reset_index(drop=True)
