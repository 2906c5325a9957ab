"""The non-seed gold's documents (tests/fixtures/metrics_dev/) as a corpus: kslib.load_corpus reads the
GBK and BOM text files, the HTML fragment and the JSON records (their `content` field) itself; the folder's
README is not a document of the gold."""
from __future__ import annotations

import warnings

import pandas as pd

import kslib
from tests.conftest import FIXTURES

DEV = FIXTURES / "metrics_dev"


def dev_corpus() -> pd.DataFrame:
    """The gold's documents, loaded as a user would load the folder (dates read from the documents)."""
    from kslib.metrics import GOLD_DEV, load_gold

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # metadata inferred from the documents is announced, not an error here
        corpus = kslib.load_corpus(DEV)
    return corpus[corpus["doc_id"].isin(set(load_gold(GOLD_DEV)["doc_id"]))].reset_index(drop=True)
