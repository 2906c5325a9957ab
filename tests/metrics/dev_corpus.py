"""The non-seed gold's documents (tests/fixtures/metrics_dev/) as a corpus, read as their README says,
until kslib.load_corpus reads HTML fragments and JSON records itself (issue 12).

Each document's `raw` is the text the gold's `line` refers to: the decoded file, or a JSON record's
decoded `content`. An HTML fragment's inline tags are removed line by line (line numbers kept) and its
entities unescaped, because today's normalisation leaves them in `text`. `date` is the document date
from the fixture README (relative years resolve against it)."""
from __future__ import annotations

import html
import json
import re

import pandas as pd

from tests.conftest import FIXTURES

DEV = FIXTURES / "metrics_dev"
GOLD_DEV = FIXTURES.parent / "data" / "metrics_gold_dev.csv"

DOCS = {  # file: (decoding, date) as in tests/fixtures/metrics_dev/README.md
    "d02_daqing_stats_communique_2012_htmlfrag.txt": ("utf-8", "2013-03-20"),
    "d04_state_council_gwr_2020_gbk.txt": ("gb18030", "2020-05-22"),
    "d05_state_council_gwr_2018_utf8bom.txt": ("utf-8-sig", "2018-03-05"),
    "d08_tw_president_budget_2023.json": ("json", "2023-08-21"),
    "d09_tw_president_travel_fair_2014.json": ("json", "2014-11-07"),
    "hk_budget_news.md": ("utf-8", "2025-02-26"),
}

_TAG = re.compile(r"<[^>\n]*>")


def read_raw(name: str) -> str:
    enc, _ = DOCS[name]
    data = (DEV / name).read_bytes()
    if enc == "json":
        return json.loads(data.decode("utf-8"))["content"]
    text = data.decode(enc)
    if "<" in text and _TAG.search(text):
        text = "\n".join(html.unescape(_TAG.sub("", line)) for line in text.split("\n"))
    return text


def dev_corpus() -> pd.DataFrame:
    """One row per dev document: doc_id, raw, date (the columns extract_metrics needs)."""
    rows = [dict(doc_id=name.rsplit(".", 1)[0], raw=read_raw(name), date=date, authors="")
            for name, (_, date) in DOCS.items()]
    return pd.DataFrame(rows)
