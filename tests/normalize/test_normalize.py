"""The normalisation pipeline on the seeds: the audit invariant (raw = kept text + logged changes) and the cleaning log."""
import re

import kslib
from kslib.normalize import restore_raw


def test_audit_invariant_every_seed(corpus):
    for _, doc in corpus.iterrows():
        n = kslib.normalized(doc)
        assert n.text == doc["text"]
        assert restore_raw(n.text, n.offsets, n.log) == doc["raw"], doc["doc_id"]


def test_cleaning_log_rows_name_document_line_rule_text(corpus):
    log = kslib.cleaning_log(corpus)
    assert list(log.columns[:5]) == ["doc_id", "line", "rule", "text", "replacement"]
    raw = dict(zip(corpus["doc_id"], corpus["raw"]))
    for r in log.itertuples():
        assert raw[r.doc_id][r.raw_start:r.raw_end] == r.text
        lines = raw[r.doc_id].split("\n")
        first = r.text.split("\n")[0]
        assert first in lines[r.line - 1] or first == "", (r.doc_id, r.line, r.text)


def test_text_has_paragraphs_and_no_stray_whitespace(corpus):
    for t in corpus["text"]:
        assert "\n\n\n" not in t and t == t.strip()
        assert not re.search(r"(?m)^[ \t]|[ \t]$", t)
