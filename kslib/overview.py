"""Corpus overview tables: the documents with their metadata and sizes, what cleaning did per
document and rule, and the paragraphs removed as repeats. Figures: kslib.plots.corpus."""
from __future__ import annotations

import pandas as pd

from .corpus import cleaning_log, normalized

__all__ = ["corpus_summary", "cleaning_summary", "repeated_paragraphs", "FORM_RULES"]

# Rules that only touch whitespace or script: they change characters, not content.
FORM_RULES = ("whitespace", "t2s", "width", "number_spacing", "markdown", "page_break_join", "ocr_digit")


def corpus_summary(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per document: metadata plus characters in raw and in the clean text."""
    cols = ["doc_id", "title", "date", "date_precision", "source", "script", "subject"]
    out = corpus[cols].copy()
    out["chars_raw"] = corpus["raw"].str.len()
    out["chars_text"] = corpus["text"].str.len()
    out["paragraphs"] = corpus["text"].map(lambda t: sum(1 for p in t.split("\n") if p.strip()))
    out["kept_share"] = (out["chars_text"] / out["chars_raw"]).round(3)
    return out


def cleaning_summary(corpus_or_log: pd.DataFrame) -> pd.DataFrame:
    """Per document and rule: log rows and raw characters affected, with the rule's
    kind (removed = content left the text; changed = same content, new form)."""
    log = corpus_or_log if "rule" in corpus_or_log.columns else cleaning_log(corpus_or_log)
    log = log.assign(chars=log["text"].str.len(),
                     kind=log["rule"].map(lambda r: "changed" if r in FORM_RULES else "removed"))
    out = (log.groupby(["doc_id", "rule", "kind"], as_index=False)
              .agg(rows=("text", "size"), chars=("chars", "sum")))
    return out.sort_values(["doc_id", "kind", "chars", "rule"], ascending=[True, False, False, True],
                           ignore_index=True)


def repeated_paragraphs(corpus: pd.DataFrame) -> pd.DataFrame:
    """Paragraphs removed as verbatim repeats: where each repeat stands in raw and the
    raw line of the first occurrence, which is the one kept in `text`."""
    rows = []
    for _, doc in corpus.iterrows():
        lines = doc["raw"].split("\n")
        first_seen: dict[str, int] = {}
        for i, line in enumerate(lines, 1):
            first_seen.setdefault(line.strip(), i)
        for r in normalized(doc).log:
            if r["rule"] != "repeated_paragraph":
                continue
            para = r["text"].strip()
            rows.append({"doc_id": doc["doc_id"], "line": r["line"], "first_line": first_seen[para],
                         "chars": len(para), "text": para})
    out = pd.DataFrame(rows, columns=["doc_id", "line", "first_line", "chars", "text"])
    out["copy"] = out.groupby(["doc_id", "first_line"]).cumcount() + 2
    return out
