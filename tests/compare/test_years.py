"""Years mentioned per document and their summary."""

import pandas as pd

from kslib.compare.years import years_mentioned


def test_years_mentioned(corpus):
    y = years_mentioned(corpus)
    d0 = y[y["doc_id"].str.startswith("000")]
    assert {2009, 2014, 2017, 2018, 2019, 2020, 2021, 2035} <= set(d0["year"])
    assert set(y.loc[y["doc_id"].str.startswith("002"), "year"]) == {2025}


def test_years_summary_per_document():

    years = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "year": [2020, 2018, 2020, 2025]})
    from kslib import years_summary

    out = years_summary(years)
    assert out.to_dict("list") == {"doc_id": ["a", "b"], "first": [2018, 2025], "last": [2020, 2025],
                                   "mentions": [3, 1], "years": ["2018 2020", "2025"]}
