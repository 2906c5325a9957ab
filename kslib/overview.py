"""Corpus overview tables: the documents with their metadata and sizes, what cleaning did per
document and rule, and the paragraphs removed as repeats. Figures: kslib.plots.corpus."""
from __future__ import annotations

import pandas as pd

from .corpus import cleaning_log, normalized

__all__ = ["corpus_summary", "cleaning_summary", "repeated_paragraphs", "FORM_RULES"]

# Rules that only touch whitespace or script: they change characters, not content.
FORM_RULES = ("whitespace", "t2s", "width", "number_spacing", "markdown", "page_break_join", "ocr_digit",
              "line_break", "html_entity")


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
    """Paragraphs removed as repeats — verbatim (rule repeated_paragraph) or near-duplicate
    (rule near_duplicate: ≥ 90 % of its 5-grams in one earlier paragraph) — where each
    stands in raw and the raw line of the paragraph it repeats, which is kept in `text`."""
    rows = []
    for _, doc in corpus.iterrows():
        n = normalized(doc)
        first_seen: dict[str, int] = {}
        for start, line in _raw_lines(doc["raw"]):
            first_seen.setdefault(line.strip(), n.raw_line_of_offset(start))
        for r in n.log:
            if r["rule"] == "repeated_paragraph":
                first = first_seen[r["text"].strip()]
            elif r["rule"] == "near_duplicate" and r.get("note", "").startswith("repeats line "):
                first = int(r["note"].rsplit(" ", 1)[1])
            else:
                continue
            para = r["text"].strip()
            rows.append({"doc_id": doc["doc_id"], "line": r["line"], "first_line": first,
                         "chars": len(para), "text": para, "rule": r["rule"]})
    out = pd.DataFrame(rows, columns=["doc_id", "line", "first_line", "chars", "text", "rule"])
    out["copy"] = out.groupby(["doc_id", "first_line"]).cumcount() + 2
    return out[["doc_id", "line", "first_line", "chars", "text", "copy", "rule"]]


def _raw_lines(raw: str):
    """(start offset, text) of each raw line, any line-break form."""
    from .readers.lines import split_lines

    return [(s, t) for s, _e, t in split_lines(raw)]
