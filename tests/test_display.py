"""Display helpers: short ids, document labels, stable printed tables."""

import pandas as pd

import kslib


def test_short_labels_keep_documents_distinct():
    from kslib.display import short_ids

    assert short_ids(["000_ab", "001_cd"]) == {"000_ab": "000", "001_cd": "001"}
    # prefixes that would merge two documents fall back to the full ids
    assert short_ids(["report_2020", "report_2021"]) == {"report_2020": "report_2020", "report_2021": "report_2021"}


def test_show_prints_tables_with_repeated_column_names(capsys):

    df = pd.DataFrame([[1.23456, "a"], [2.0, "b"]], columns=["x", "x"])
    kslib.show(df, digits=2)
    out = capsys.readouterr().out
    assert "1.23" in out and "1.2346" not in out and out.splitlines()[0].split() == ["x", "x"]


def test_doc_labels_name_short_id_subject_and_year():

    from kslib.display import doc_labels

    corpus = pd.DataFrame({"doc_id": ["001_ab", "002_cd"], "subject": ["high-tech zone", "port"],
                           "date": ["2019", ""]})
    assert doc_labels(corpus) == {"001_ab": "001 高新区 2019", "002_cd": "002 port"}
